/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ipsec-sweep-plot.h"

#include "ipsec-sample-stats.h"
#include "ipsec-sweep-error.h"

#include <algorithm>
#include <map>
#include <tuple>
#include <vector>

namespace ns3
{

Gnuplot
IpsecSweepPlot(const IpsecCsvTable& merged,
               const std::string& x,
               const std::string& y,
               const std::string& png)
{
    int runs = merged.Find("runs");
    int xColumn = merged.Find(x);
    if (runs < 0 || xColumn < 0 || xColumn >= runs)
    {
        std::string allowed;
        for (int c = 0; c < runs; ++c)
        {
            allowed += (c ? ", " : "") + merged.columns[c];
        }
        throw IpsecSweepError("x axis " + x + ": not a parameter of the grid (allowed: " + allowed +
                              ")");
    }
    int mean = merged.Find(y + "_mean");
    int ci = merged.Find(y + "_ci95");
    if (mean < 0 || ci < 0)
    {
        std::string allowed;
        for (std::size_t c = runs + 1; c < merged.columns.size(); c += 3)
        {
            std::string name = merged.columns[c];
            allowed += (allowed.empty() ? "" : ", ") + name.substr(0, name.size() - 5);
        }
        throw IpsecSweepError("y axis " + y +
                              ": not a numeric column of the runs (allowed: " + allowed + ")");
    }
    // One line per combination of the other parameters and keys, in order of appearance.
    std::vector<std::string> titles;
    std::map<std::string, std::vector<std::tuple<double, double, double>>> lines;
    for (const auto& row : merged.rows)
    {
        double xValue;
        if (!IpsecParseNumber(row[xColumn], xValue))
        {
            throw IpsecSweepError("x axis " + x + ": value " + row[xColumn] + " is not a number");
        }
        std::string title;
        for (int c = 0; c < runs; ++c)
        {
            if (c != xColumn)
            {
                title += (title.empty() ? "" : ", ") + merged.columns[c] + "=" + row[c];
            }
        }
        if (lines.find(title) == lines.end())
        {
            titles.push_back(title);
        }
        auto& points = lines[title];
        double yValue;
        double delta;
        if (IpsecParseNumber(row[mean], yValue))
        {
            points.emplace_back(xValue, yValue, IpsecParseNumber(row[ci], delta) ? delta : 0);
        }
    }
    Gnuplot plot(png);
    plot.SetTerminal("png noenhanced size 900,600");
    plot.SetTitle(y + ": mean and 95% confidence interval over runs");
    plot.SetLegend(x, y);
    plot.AppendExtra("set key outside right top\nset offsets graph 0.05, graph 0.05, 0, 0");
    for (const std::string& title : titles)
    {
        Gnuplot2dDataset line(title.empty() ? y : title);
        line.SetStyle(Gnuplot2dDataset::LINES_POINTS);
        line.SetErrorBars(Gnuplot2dDataset::Y);
        auto points = lines[title];
        std::stable_sort(points.begin(), points.end(), [](const auto& a, const auto& b) {
            return std::get<0>(a) < std::get<0>(b);
        });
        for (const auto& [px, py, dy] : points)
        {
            line.Add(px, py, dy);
        }
        plot.AddDataset(line);
    }
    return plot;
}

} // namespace ns3
