/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// Merges the runs of a sweep (scripts/sweep) into one table: per grid point (every parameter
// but the seed) the number of runs and, per numeric column of the runs' CSVs, the mean, the
// half-width of the 95% confidence interval (Student t, n-1 degrees of freedom) and the number
// of values; with --plot, a gnuplot PNG of one column against one parameter with error bars.
//
// The manifest (scripts/sweep writes DIR/runs.csv) has one column per parameter and a last
// column "csv": the file the run wrote (relative to the manifest's folder unless absolute).
// See doc/sweeps.md.

#include "ipsec-csv-table.h"
#include "ipsec-program-options.h"
#include "ipsec-sweep-error.h"
#include "ipsec-sweep-merger.h"
#include "ipsec-sweep-plot.h"

#include <cstdlib>
#include <fstream>
#include <iostream>
#include <unistd.h>

using namespace ns3;

namespace
{

/** \return \p path, relative to the folder of \p manifest unless absolute */
std::string
Resolve(const std::string& manifest, const std::string& path)
{
    if (!path.empty() && path.front() == '/')
    {
        return path;
    }
    std::string::size_type slash = manifest.rfind('/');
    return slash == std::string::npos ? path : manifest.substr(0, slash + 1) + path;
}

/** Run gnuplot on the plot; \return false (with a message) if it is missing or fails. */
bool
DrawPlot(Gnuplot& plot, const std::string& png)
{
    std::string script = png + ".plt";
    {
        std::ofstream out(script);
        plot.GenerateOutput(out);
        if (!out)
        {
            std::cerr << "error: cannot write " << script << "\n";
            return false;
        }
    }
    if (std::system("command -v gnuplot > /dev/null 2>&1") != 0)
    {
        std::cerr << "error: gnuplot is not installed; the plot script is " << script << "\n";
        return false;
    }
    std::string quoted = "'";
    for (char c : script)
    {
        quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
    }
    if (std::system(("gnuplot " + quoted + "'").c_str()) != 0)
    {
        std::cerr << "error: gnuplot failed on " << script << "\n";
        return false;
    }
    return true;
}

} // namespace

int
main(int argc, char* argv[])
{
    std::string manifest;
    std::string seed = "RngRun";
    std::string out;
    std::string png;
    std::string x;
    std::string y;
    IpsecProgramOptions cmd(__FILE__,
                            "Merges the runs of a sweep (scripts/sweep): per grid point the mean "
                            "and 95% confidence interval (Student t) of every numeric column, "
                            "and a gnuplot PNG with error bars. See doc/sweeps.md.");
    cmd.AddText("manifest",
                "CSV of the runs: one column per parameter, then csv (the run's file)",
                manifest,
                [](const std::string& text) {
                    return access(text.c_str(), R_OK) == 0 ? std::string()
                                                           : std::string("no readable file");
                });
    cmd.AddText(
        "seed",
        "The parameter the runs of one grid point differ in",
        seed,
        [](const std::string& text) { return text.empty() ? "expected a parameter name" : ""; });
    cmd.AddOutput("out", "Write the merged table to FILE", out, false);
    cmd.AddOutput("plot", "Write a gnuplot PNG to FILE (needs --x and --y)", png, false);
    cmd.AddText("x", "Parameter on the plot's x axis", x, [](const std::string&) { return ""; });
    cmd.AddText("y", "Column of the runs on the y axis", y, [](const std::string&) { return ""; });
    cmd.Parse(argc, argv);
    for (const char* required : {"manifest", "out"})
    {
        if (!cmd.IsGiven(required))
        {
            cmd.Fail(required, "required");
        }
    }
    for (const char* axis : {"x", "y"})
    {
        if (png.empty() == cmd.IsGiven(axis))
        {
            cmd.Fail(axis, png.empty() ? "only used with --plot" : "required with --plot");
        }
    }

    IpsecCsvTable merged;
    try
    {
        IpsecCsvTable runs = IpsecReadCsvFile(manifest);
        int csv = runs.Find("csv");
        if (csv < 0 || csv + 1 != static_cast<int>(runs.columns.size()))
        {
            throw IpsecSweepError(manifest + ": the last column must be csv (the run's file)");
        }
        std::vector<std::string> parameters(runs.columns.begin(), runs.columns.end() - 1);
        IpsecSweepMerger merger(parameters, seed);
        for (const auto& row : runs.rows)
        {
            std::string file = Resolve(manifest, row.back());
            IpsecCsvTable table = IpsecReadCsvFile(file);
            merger.AddRun(std::vector<std::string>(row.begin(), row.end() - 1), table, file);
        }
        merged = merger.Merge();
    }
    catch (const IpsecSweepError& e)
    {
        std::cerr << "error: " << e.what() << "\n";
        return 2;
    }
    Gnuplot plot;
    if (!png.empty())
    {
        try
        {
            plot = IpsecSweepPlot(merged, x, y, png);
        }
        catch (const IpsecSweepError& e)
        {
            std::cerr << "error: " << e.what() << "\n";
            return 2;
        }
    }
    {
        std::ofstream file(out);
        IpsecWriteCsv(merged, file);
        file.close();
        if (!file)
        {
            std::cerr << "error: cannot write " << out << "\n";
            return 1;
        }
    }
    std::cout << "merged: " << out << " (" << merged.rows.size() << " grid points)\n";
    if (!png.empty())
    {
        if (!DrawPlot(plot, png))
        {
            return 1;
        }
        std::cout << "plot: " << png << "\n";
    }
    return 0;
}
