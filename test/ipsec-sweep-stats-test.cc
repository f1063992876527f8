/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// The merge of a sweep (examples/sweep, doc/sweeps.md): Student t quantiles against published
// values, means and 95% confidence intervals against values worked out by hand, the CSV reader's
// errors to the letter, the grouping of runs per grid point and key, and the plot's data.

#include "ipsec-csv-table.h"
#include "ipsec-sample-stats.h"
#include "ipsec-sweep-error.h"
#include "ipsec-sweep-merger.h"
#include "ipsec-sweep-plot.h"

#include <boost/test/unit_test.hpp>
#include <cmath>
#include <sstream>
#include <string>
#include <vector>

using namespace ns3;

namespace
{

IpsecCsvTable
Csv(const std::string& text)
{
    std::istringstream in(text);
    return IpsecReadCsv(in, "t.csv");
}

std::string
Text(const IpsecCsvTable& table)
{
    std::ostringstream out;
    IpsecWriteCsv(table, out);
    return out.str();
}

/** \return the message of the IpsecSweepError \p f throws (empty if none) */
template <typename F>
std::string
Error(F f)
{
    try
    {
        f();
    }
    catch (const IpsecSweepError& e)
    {
        return e.what();
    }
    return "";
}

} // namespace

BOOST_AUTO_TEST_SUITE(ipsec_sweep_stats)

// Two-sided 95% quantiles t(0.975, df) as tabulated (e.g. NIST/SEMATECH e-Handbook, table
// 1.3.6.7.2, to 3 decimals; the further digits from R's qt()).
BOOST_AUTO_TEST_CASE(student_t_quantiles_match_published_tables)
{
    const std::vector<std::pair<uint32_t, double>> table = {
        {1, 12.7062047362},
        {2, 4.3026527297},
        {3, 3.1824463053},
        {4, 2.7764451052},
        {5, 2.5705818366},
        {9, 2.2621571628},
        {10, 2.2281388520},
        {29, 2.0452296421},
        {120, 1.9799304050},
    };
    for (const auto& [df, t] : table)
    {
        BOOST_TEST_CONTEXT("df " << df)
        {
            BOOST_TEST(std::abs(IpsecStudentTQuantile(0.975, df) - t) < 1e-6);
        }
    }
    // Symmetric about 0, and towards the normal quantile 1.959964 for many degrees of freedom.
    BOOST_TEST(std::abs(IpsecStudentTQuantile(0.025, 4) + 2.7764451052) < 1e-6);
    BOOST_TEST(std::abs(IpsecStudentTQuantile(0.975, 1000000) - 1.959964) < 1e-5);
    BOOST_CHECK_THROW(IpsecStudentTQuantile(0.975, 0), std::invalid_argument);
    BOOST_CHECK_THROW(IpsecStudentTQuantile(1.0, 3), std::invalid_argument);
}

// By hand: {1..5}: mean 3, s^2 = (4+1+0+1+4)/4 = 2.5, half-width t(4) * sqrt(2.5/5)
// = 2.7764451052 * 0.7071067812 = 1.9632432; {10, 12}: s = sqrt(2), half-width t(1) * sqrt(2) /
// sqrt(2) = 12.7062047; {1e9+1, +2, +3}: s = 1, half-width t(2) / sqrt(3) = 2.4841377.
BOOST_AUTO_TEST_CASE(mean_and_confidence_interval_by_hand)
{
    IpsecSampleStats a = IpsecComputeSampleStats({1, 2, 3, 4, 5});
    BOOST_TEST(a.n == 5u);
    BOOST_TEST(a.mean == 3.0);
    BOOST_TEST(std::abs(a.ci95 - 1.9632432) < 1e-6);

    IpsecSampleStats b = IpsecComputeSampleStats({10, 12});
    BOOST_TEST(b.mean == 11.0);
    BOOST_TEST(std::abs(b.ci95 - 12.7062047) < 1e-6);

    IpsecSampleStats c = IpsecComputeSampleStats({1e9 + 1, 1e9 + 2, 1e9 + 3});
    BOOST_TEST(c.mean == 1e9 + 2);
    BOOST_TEST(std::abs(c.ci95 - 2.4841377) < 1e-6);

    IpsecSampleStats same = IpsecComputeSampleStats({4, 4, 4});
    BOOST_TEST(same.mean == 4.0);
    BOOST_TEST(same.ci95 == 0.0);

    IpsecSampleStats one = IpsecComputeSampleStats({7});
    BOOST_TEST(one.n == 1u);
    BOOST_TEST(one.mean == 7.0);
    BOOST_TEST(std::isnan(one.ci95));

    IpsecSampleStats none = IpsecComputeSampleStats({});
    BOOST_TEST(none.n == 0u);
    BOOST_TEST(std::isnan(none.mean));
    BOOST_TEST(std::isnan(none.ci95));
}

BOOST_AUTO_TEST_CASE(numbers_are_read_whole_and_written_the_same_everywhere)
{
    double v = 0;
    BOOST_TEST(IpsecParseNumber("1.5", v));
    BOOST_TEST(v == 1.5);
    BOOST_TEST(IpsecParseNumber("-2e3", v));
    BOOST_TEST(v == -2000.0);
    for (const char* bad : {"", "abc", "1.5x", " 1", "nan", "inf", "-", "1,5"})
    {
        BOOST_TEST_CONTEXT(bad)
        {
            BOOST_TEST(!IpsecParseNumber(bad, v));
        }
    }
    BOOST_TEST(IpsecFormatNumber(198) == "198");
    BOOST_TEST(IpsecFormatNumber(1.091965) == "1.091965");
    BOOST_TEST(IpsecFormatNumber(1.0 / 3) == "0.3333333333");
    BOOST_TEST(IpsecFormatNumber(1e9 + 2) == "1000000002");
    BOOST_TEST(IpsecFormatNumber(std::nan("")) == "");
}

BOOST_AUTO_TEST_CASE(csv_reader_errors_name_file_and_line)
{
    IpsecCsvTable t = Csv("a,b\r\n1,x\r\n,y\n");
    BOOST_TEST(t.columns == (std::vector<std::string>{"a", "b"}), boost::test_tools::per_element());
    BOOST_TEST(t.rows.size() == 2u);
    BOOST_TEST(t.rows[1][0] == "");
    BOOST_TEST(t.Find("b") == 1);
    BOOST_TEST(t.Find("c") == -1);
    BOOST_TEST(Text(t) == "a,b\n1,x\n,y\n");

    BOOST_TEST(Error([] { Csv("a,b\n1,2\n1,2,3\n"); }) ==
               "t.csv line 3: expected 2 cells (as the header), got 3");
    BOOST_TEST(Error([] { Csv("a,b\n1,2\n\n"); }) ==
               "t.csv line 3: expected 2 cells (as the header), got 1");
    BOOST_TEST(Error([] { Csv("a,b,a\n"); }) == "t.csv line 1: column a appears twice");
    BOOST_TEST(Error([] { Csv("a,,b\n"); }) == "t.csv line 1: empty column name in the header");
    BOOST_TEST(Error([] { Csv(""); }) == "t.csv: empty file (expected a header line)");
    BOOST_TEST(Error([] { Csv("a\n\"x\"\n"); }) == "t.csv line 2: quoted cells are not supported");
    BOOST_TEST(Error([] { IpsecReadCsvFile("/nonexistent/r.csv"); }) ==
               "/nonexistent/r.csv: cannot be read (no such file?)");
}

// Five runs at two grid points (speed 5: seeds 1-3; speed 10: seeds 1-2), each giving a row per
// flow (a text key) with one missing value.
BOOST_AUTO_TEST_CASE(runs_are_merged_per_grid_point_and_key)
{
    IpsecSweepMerger merger({"speed", "RngRun", "aps"}, "RngRun");
    merger.AddRun({"5", "1", "3"}, Csv("flow,outage_s,lost\nudp,1,10\ntcp,2,\n"), "r1");
    merger.AddRun({"5", "2", "3"}, Csv("flow,outage_s,lost\nudp,2,12\ntcp,4,\n"), "r2");
    merger.AddRun({"5", "3", "3"}, Csv("flow,outage_s,lost\nudp,3,14\ntcp,,\n"), "r3");
    merger.AddRun({"10", "1", "3"}, Csv("flow,outage_s,lost\nudp,10,1\ntcp,1,\n"), "r4");
    merger.AddRun({"10", "2", "3"}, Csv("flow,outage_s,lost\nudp,12,1\ntcp,1,\n"), "r5");
    // udp at speed 5: outage {1,2,3}: mean 2, s 1, t(2)/sqrt(3) = 2.484137712; lost {10,12,14}:
    // mean 12, s 2, twice that. tcp at speed 5: outage {2,4}: mean 3, s sqrt(2), t(1) =
    // 12.70620474; lost has no values. Speed 10: udp {10,12} -> 11 +- 12.70620474, lost {1,1} ->
    // 1 +- 0; tcp {1,1} -> 1 +- 0.
    BOOST_TEST(Text(merger.Merge()) ==
               "speed,aps,flow,runs,outage_s_mean,outage_s_ci95,outage_s_n,lost_mean,lost_ci95,"
               "lost_n\n"
               "5,3,udp,3,2,2.484137712,3,12,4.968275424,3\n"
               "5,3,tcp,3,3,12.70620474,2,,,0\n"
               "10,3,udp,2,11,12.70620474,2,1,0,2\n"
               "10,3,tcp,2,1,0,2,,,0\n");
}

BOOST_AUTO_TEST_CASE(runs_that_do_not_fit_together_are_named)
{
    BOOST_TEST(Error([] { IpsecSweepMerger({"speed"}, "RngRun"); }) ==
               "the seed parameter RngRun is not a parameter of the grid");
    BOOST_TEST(Error([] {
                   IpsecSweepMerger({"RngRun", "RngRun"}, "RngRun");
               }) == "a parameter is named twice");
    BOOST_TEST(Error([] { IpsecSweepMerger({"RngRun"}, "RngRun").Merge(); }) == "no runs to merge");
    BOOST_TEST(Error([] {
                   IpsecSweepMerger m({"speed", "RngRun"}, "RngRun");
                   m.AddRun({"5", "1"}, Csv("a,b\n1,2\n"), "r1");
                   m.AddRun({"5", "2"}, Csv("a,c\n1,2\n"), "r2");
               }) == "r2: its columns differ from those of r1");
    BOOST_TEST(Error([] {
                   IpsecSweepMerger m({"speed", "RngRun"}, "RngRun");
                   m.AddRun({"5", "1"}, Csv("a\n1\n"), "r1");
                   m.AddRun({"5", "1"}, Csv("a\n1\n"), "r2");
               }) == "r2: the same parameters as r1");
    BOOST_TEST(Error([] {
                   IpsecSweepMerger m({"speed", "RngRun"}, "RngRun");
                   m.AddRun({"5", "1"}, Csv("a\n"), "r1");
               }) == "r1: no rows after the header");
    BOOST_TEST(Error([] {
                   IpsecSweepMerger m({"speed", "RngRun"}, "RngRun");
                   m.AddRun({"5"}, Csv("a\n1\n"), "r1");
               }) == "r1: expected 2 parameter values, got 1");
    BOOST_TEST(Error([] {
                   IpsecSweepMerger m({"speed", "RngRun"}, "RngRun");
                   m.AddRun({"5", "1"}, Csv("speed\n1\n"), "r1");
               }) == "r1: column speed has the name of a parameter of the grid");
    // A per-handoff CSV (no key column) would count each handoff as a run.
    BOOST_TEST(Error([] {
                   IpsecSweepMerger m({"speed", "RngRun"}, "RngRun");
                   m.AddRun({"5", "1"}, Csv("outage_s\n1\n2\n"), "r1");
                   m.Merge();
               }) == "r1: two rows with the same text (key) columns; a run gives one row per "
                     "key, since the statistics are over runs");
}

BOOST_AUTO_TEST_CASE(plot_has_one_line_per_other_parameter_with_error_bars)
{
    IpsecCsvTable merged = Csv("speed,aps,runs,outage_s_mean,outage_s_ci95,outage_s_n\n"
                               "10,3,2,11,1.5,2\n"
                               "5,3,3,2,0.5,3\n"
                               "5,4,1,7,,1\n"
                               "10,4,1,,,0\n");
    Gnuplot plot = IpsecSweepPlot(merged, "speed", "outage_s", "o.png");
    std::ostringstream out;
    plot.GenerateOutput(out);
    std::string text = out.str();
    BOOST_TEST_MESSAGE(text);
    BOOST_TEST(text.find("set output \"o.png\"") != std::string::npos);
    // Sorted by x, one block per line; no bar when the interval is unknown, no point without
    // values.
    BOOST_TEST(text.find("title \"aps=3\"") != std::string::npos);
    BOOST_TEST(text.find("title \"aps=4\"") != std::string::npos);
    BOOST_TEST(text.find("5 2 0.5\n10 11 1.5\ne\n7 0\ne\n") == std::string::npos);
    BOOST_TEST(text.find("5 2 0.5\n10 11 1.5\ne\n5 7 0\ne\n") != std::string::npos);

    BOOST_TEST(Error([&] { IpsecSweepPlot(merged, "runs", "outage_s", "o.png"); }) ==
               "x axis runs: not a parameter of the grid (allowed: speed, aps)");
    BOOST_TEST(Error([&] { IpsecSweepPlot(merged, "speed", "lost", "o.png"); }) ==
               "y axis lost: not a numeric column of the runs (allowed: outage_s)");
    IpsecCsvTable text_x = Csv("flow,runs,a_mean,a_ci95,a_n\nudp,1,1,,1\n");
    BOOST_TEST(Error([&] { IpsecSweepPlot(text_x, "flow", "a", "o.png"); }) ==
               "x axis flow: value udp is not a number");
}

BOOST_AUTO_TEST_SUITE_END()
