/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// Wireless roaming under IPsec: a station moves along a line of access points (one SSID, one
// channel) while a flow runs to a server behind them that requires IPsec. How much of each
// handoff's outage is the radio, how much DHCP, how much IKE?
//
//   AP0 ---- AP1 ---- AP2 ...   (--aps, --spacing metres apart)   station -> (--speed m/s)
//     \       |       /
//      +-- router --+---- server 10.2.0.2 (IPsec: requires security)
//                   +---- dc 10.3.0.2 (--auth=kerberos: domain controller, no IPsec)
//
// --subnets=per-ap: each AP routes its own subnet 10.0.<i+1>.0/24 and runs a DHCP server; the
//   station gets a new address at every handoff, which deletes its SAs (address-change) and
//   makes the next packet negotiate main mode + quick mode from the new address.
// --subnets=shared: the APs bridge onto one LAN 10.0.0.0/24 with one DHCP server; the station's
//   Windows DHCP client (media sense) verifies its lease at every association and keeps it,
//   and every SA. --windowsDhcp uses that client with per-AP subnets too.
// --auth=kerberos: a domain controller (KDC) behind the router; the station's policy requires
//   security to it, so the profile's default exemptions decide whether the ticket request
//   reaches it (--dcPermit: the Server 2003 guidance's permit filter for the DC).
//
// Prints one line per handoff (link lost, re-associated, new address, main mode done, quick
// mode done, first packet delivered, the outage split into layer 2 + DHCP + IKE + Kerberos,
// packets lost), then totals against the same run without IPsec. --csv=PREFIX writes
// PREFIX-handoffs.csv and PREFIX-throughput.csv; --plot draws PREFIX-throughput.png with
// gnuplot; --summary=FILE writes the run's totals as one CSV row (for scripts/sweep).
// --sweep=speed|spacing --values=a,b,c prints one summary row per setting.
// See doc/roaming.md.

#include "ipsec-program-options.h"
#include "ipsec-wifi-roaming-scenario.h"

#include "ns3/core-module.h"
#include "ns3/gnuplot.h"
#include "ns3/ipsec-module.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <sstream>

using namespace ns3;

namespace
{

std::string
Cell(const std::optional<double>& value, int precision = 3)
{
    if (!value)
    {
        return "-";
    }
    std::ostringstream os;
    os << std::fixed << std::setprecision(precision) << *value;
    return os.str();
}

/** Run one configuration and destroy the simulation afterwards. */
WifiRoamingResult
RunOnce(const WifiRoamingConfig& config)
{
    WifiRoamingScenario scenario(config);
    WifiRoamingResult result = scenario.Run();
    Simulator::Destroy();
    return result;
}

/** Totals over the completed handoffs. */
struct Summary
{
    uint32_t handoffs{0};  //!< link losses after the first association
    uint32_t completed{0}; //!< handoffs with a first delivery
    double outage{0};      //!< summed outage
    double l2{0};          //!< summed layer 2 part
    double dhcp{0};        //!< summed DHCP part
    double ike{0};         //!< summed IKE part
    double kerberos{0};    //!< summed Kerberos part
    uint64_t lost{0};      //!< summed lost packets
};

Summary
Summarize(const WifiRoamingResult& r)
{
    Summary s;
    for (const IpsecHandoff& h : r.handoffs)
    {
        ++s.handoffs;
        if (h.Outage())
        {
            ++s.completed;
            s.outage += *h.Outage();
            s.l2 += *h.Layer2();
            s.dhcp += *h.Dhcp();
            s.ike += *h.Ike();
            s.kerberos += *h.Kerberos();
            s.lost += h.lostPackets.value_or(0);
        }
    }
    return s;
}

void
PrintHandoffs(const WifiRoamingResult& r)
{
    std::cout << " # link_lost detected    assoc  address  mm_done  qm_done first_rx |  outage"
                 "      l2    dhcp     ike    kerb | lost\n";
    for (std::size_t i = 0; i < r.handoffs.size(); ++i)
    {
        const IpsecHandoff& h = r.handoffs[i];
        std::cout << std::setw(2) << i + 1 << std::setw(10) << Cell(h.linkLost) << std::setw(9)
                  << Cell(h.detected) << std::setw(9) << Cell(h.assoc) << std::setw(9)
                  << Cell(h.address) << std::setw(9) << Cell(h.mainModeDone) << std::setw(9)
                  << Cell(h.quickModeDone) << std::setw(9) << Cell(h.firstDelivery) << " |"
                  << std::setw(8) << Cell(h.Outage()) << std::setw(8) << Cell(h.Layer2())
                  << std::setw(8) << Cell(h.Dhcp()) << std::setw(8) << Cell(h.Ike())
                  << std::setw(8) << Cell(h.Kerberos()) << " |"
                  << std::setw(5) << (h.lostPackets ? std::to_string(*h.lostPackets) : "-") << "\n";
    }
}

void
PrintDynamicAddresses(const WifiRoamingResult& r)
{
    if (r.dynamicAddressEvents.empty())
    {
        return;
    }
    std::cout << "dynamic filter addresses re-resolved (Server 2003):";
    double last = -1;
    for (const WifiRoamingAddressEvent& e : r.dynamicAddressEvents)
    {
        if (e.t != last)
        {
            std::cout << "\n  " << std::fixed << std::setprecision(3) << e.t << " s";
            last = e.t;
        }
        std::cout << "  " << e.kind;
        for (const Ipv4Address& a : e.addresses)
        {
            std::cout << " " << a;
        }
    }
    std::cout << "\n";
}

void
PrintKerberos(const WifiRoamingResult& r)
{
    if (r.kerberosRequests.empty())
    {
        return;
    }
    std::cout << "station's Kerberos with the DC: " << r.kerberosRequests.size()
              << " requests sent, " << r.kerberosReplies.size() << " replies, first request "
              << Cell(r.kerberosRequests.front());
    if (!r.kerberosReplies.empty())
    {
        std::cout << " s, first reply " << Cell(r.kerberosReplies.front());
    }
    std::cout << " s (later negotiations use the cached ticket)\n";
}

void
PrintWindowsDhcp(const WifiRoamingResult& r)
{
    if (r.leaseVerifications.empty())
    {
        return;
    }
    std::cout << "Windows DHCP client: lease verified (REQUEST for the held address) at";
    for (double t : r.leaseVerifications)
    {
        std::cout << " " << Cell(t);
    }
    std::cout << "; kept at";
    for (double t : r.leasesKept)
    {
        std::cout << " " << Cell(t);
    }
    std::cout << "; addresses";
    for (const Ipv4Address& a : r.leaseAddresses)
    {
        std::cout << " " << a;
    }
    for (const auto& [t, reason] : r.addressRemovals)
    {
        std::cout << "; removed at " << Cell(t) << " (" << reason << ")";
    }
    std::cout << "\n";
}

void
PrintTotals(const std::string& label, const WifiRoamingResult& r, bool udp)
{
    Summary s = Summarize(r);
    std::cout << std::left << std::setw(9) << label << std::right << " handoffs " << s.handoffs
              << " (completed " << s.completed << "), outage " << Cell(s.outage) << " s = l2 "
              << Cell(s.l2) << " + dhcp " << Cell(s.dhcp) << " + ike " << Cell(s.ike)
              << " + kerberos " << Cell(s.kerberos)
              << "; delivered " << r.delivered;
    if (udp)
    {
        std::cout << "/" << r.sent << " datagrams, lost in handoffs " << s.lost;
    }
    std::cout << ", " << r.bytesDelivered / 1000 << " kB\n";
}

bool
WriteThroughput(const std::string& path, const WifiRoamingResult& r, const WifiRoamingResult* base)
{
    std::ofstream out(path);
    out << "time_s,kbps" << (base ? ",baseline_kbps" : "") << "\n";
    for (std::size_t i = 0; i < r.throughput.size(); ++i)
    {
        out << r.throughput[i].first << "," << r.throughput[i].second;
        if (base && i < base->throughput.size())
        {
            out << "," << base->throughput[i].second;
        }
        out << "\n";
    }
    return static_cast<bool>(out);
}

/** The mean per completed handoff, or an empty cell when none completed. */
std::string
MeanCell(double sum, uint32_t completed)
{
    return completed ? Cell(sum / completed, 6) : "";
}

/**
 * One header and one row: the run's totals, for merging many runs (scripts/sweep). Means are
 * per completed handoff (empty when none completed); lost counts are empty for TCP; the
 * *_plain columns are the same run without IPsec (empty with --ipsec=false).
 */
bool
WriteSummary(const std::string& path,
             const WifiRoamingResult& r,
             const WifiRoamingResult* base,
             bool udp)
{
    Summary s = Summarize(r);
    std::ofstream out(path);
    out << "handoffs,completed,outage_s,l2_s,dhcp_s,ike_s,kerberos_s,lost,sent,delivered,kbytes,"
           "main_modes,quick_modes,sa_deletes,outage_plain_s,lost_plain\n";
    out << s.handoffs << "," << s.completed << "," << MeanCell(s.outage, s.completed) << ","
        << MeanCell(s.l2, s.completed) << "," << MeanCell(s.dhcp, s.completed) << ","
        << MeanCell(s.ike, s.completed) << "," << MeanCell(s.kerberos, s.completed) << ","
        << (udp ? std::to_string(s.lost) : "") << ","
        << r.sent << "," << r.delivered << "," << Cell(r.bytesDelivered / 1000.0) << ","
        << r.mainModes << "," << r.quickModes << "," << r.saDeletes << ",";
    if (base)
    {
        Summary b = Summarize(*base);
        out << MeanCell(b.outage, b.completed) << "," << (udp ? std::to_string(b.lost) : "");
    }
    else
    {
        out << ",";
    }
    out << "\n";
    return static_cast<bool>(out);
}

void
Plot(const std::string& prefix, const WifiRoamingResult& r, const WifiRoamingResult* base)
{
    if (std::system("command -v gnuplot > /dev/null 2>&1") != 0)
    {
        std::cout << "--plot: gnuplot is not installed, no plot drawn\n";
        return;
    }
    Gnuplot plot(prefix + "-throughput.png");
    plot.SetTerminal("png size 1000,500");
    plot.SetTitle("Throughput at the server; dashed: link lost; o: SAs installed, x: deleted");
    plot.SetLegend("time (s)", "kbit/s");
    Gnuplot2dDataset flow("IPsec");
    flow.SetStyle(Gnuplot2dDataset::LINES);
    double top = 1;
    for (const auto& [t, kbps] : r.throughput)
    {
        flow.Add(t, kbps);
        top = std::max(top, kbps);
    }
    plot.AddDataset(flow);
    if (base)
    {
        Gnuplot2dDataset plain("no IPsec");
        plain.SetStyle(Gnuplot2dDataset::LINES);
        for (const auto& [t, kbps] : base->throughput)
        {
            plain.Add(t, kbps);
        }
        plot.AddDataset(plain);
    }
    Gnuplot2dDataset installed("SA installed");
    installed.SetStyle(Gnuplot2dDataset::POINTS);
    installed.SetExtra("pt 6 ps 1.5");
    Gnuplot2dDataset deleted("SA deleted");
    deleted.SetStyle(Gnuplot2dDataset::POINTS);
    deleted.SetExtra("pt 2 ps 1.5");
    for (const WifiRoamingSaEvent& e : r.saEvents)
    {
        // Installed marks above deleted ones: both happen at once at a rekey.
        (e.installed ? installed : deleted).Add(e.t, top * (e.installed ? 0.1 : 0.05));
    }
    if (!r.saEvents.empty())
    {
        plot.AddDataset(installed);
        plot.AddDataset(deleted);
    }
    std::ostringstream extra;
    extra << "set yrange [0:" << top * 1.3 << "]\nset key top left\n";
    for (const IpsecHandoff& h : r.handoffs)
    {
        extra << "set arrow from " << h.linkLost << ", graph 0 to " << h.linkLost
              << ", graph 1 nohead dt 2 lc rgb 'red'\n";
    }
    plot.AppendExtra(extra.str());
    std::string script = prefix + "-throughput.plt";
    {
        std::ofstream out(script);
        plot.GenerateOutput(out);
    }
    if (std::system(("gnuplot " + script).c_str()) == 0)
    {
        std::cout << "plot: " << prefix << "-throughput.png\n";
    }
    else
    {
        std::cout << "--plot: gnuplot failed on " << script << "\n";
    }
}

/** \return the simulated seconds a sweep gives \p config: enough to see every handoff */
double
SweepDuration(const WifiRoamingConfig& config)
{
    double path = (config.aps - 0.5) * config.spacing;
    return std::max(config.duration, std::ceil(path / config.speed + 3));
}

int
Sweep(WifiRoamingConfig config, const std::string& what, const std::vector<double>& values)
{
    std::cout << "(outage and ike part: means per completed handoff in s; lost: totals; each "
                 "run lasts until the station has crossed every AP)\n"
              << std::setw(8) << what << " duration handoffs  outage_ipsec  outage_plain"
              << "  ike_part  lost_ipsec  lost_plain\n";
    const double minDuration = config.duration;
    for (double value : values)
    {
        (what == "speed" ? config.speed : config.spacing) = value;
        // Slow settings need longer runs to see every handoff.
        config.duration = minDuration;
        config.duration = SweepDuration(config);
        config.ipsec = true;
        Summary on = Summarize(RunOnce(config));
        config.ipsec = false;
        Summary off = Summarize(RunOnce(config));
        auto mean = [](double sum, uint32_t n) {
            return n ? std::optional<double>(sum / n) : std::nullopt;
        };
        std::cout << std::setw(8) << value << std::setw(9) << config.duration << std::setw(9)
                  << on.handoffs << std::setw(14) << Cell(mean(on.outage, on.completed))
                  << std::setw(14) << Cell(mean(off.outage, off.completed)) << std::setw(10)
                  << Cell(mean(on.ike, on.completed)) << std::setw(12) << on.lost << std::setw(12)
                  << off.lost << "\n";
    }
    return 0;
}

} // namespace

int
main(int argc, char* argv[])
{
    WifiRoamingConfig config;
    std::string subnets = "per-ap";
    std::string csv;
    std::string summary;
    bool plot = false;
    std::string sweep;
    std::vector<double> values = {5, 10, 20};
    const double maxDuration = 3600;

    IpsecProgramOptions cmd(__FILE__,
                            "A station roams along a line of access points while a flow runs to "
                            "a server that requires IPsec: per-handoff outage split into layer "
                            "2, DHCP, IKE and Kerberos, compared with the same run without "
                            "IPsec.\nThe random streams follow ns-3's --RngSeed and --RngRun.");
    cmd.AddInteger("aps", "Number of access points", config.aps, 2, 200);
    cmd.AddNumber("spacing", "Metres between access points", config.spacing, 1, true, 1000);
    cmd.AddNumber("speed", "Station speed in m/s", config.speed, 0.1, true, 100);
    cmd.AddChoice("subnets",
                  "per-ap (a subnet and DHCP server per AP) | shared",
                  subnets,
                  {"per-ap", "shared"});
    cmd.AddChoice("flow", "udp (constant rate) | tcp (bulk)", config.flow, {"udp", "tcp"});
    cmd.AddNumber("interval",
                  "Seconds between UDP datagrams (--flow=udp)",
                  config.udpInterval,
                  0.001,
                  true,
                  60);
    // A datagram carries at least its 12-byte sequence number header.
    cmd.AddInteger("size", "UDP payload bytes (--flow=udp)", config.udpSize, 12, 65000);
    cmd.AddChoice("profile",
                  "OS profile: win2000|winxp|win2003|win2003sp2",
                  config.osProfile,
                  {"win2000", "winxp", "win2003", "win2003sp2"});
    cmd.AddChoice("auth",
                  "IKE authentication: psk|cert|kerberos (a domain controller on the wired side)",
                  config.auth,
                  {"psk", "cert", "kerberos"});
    cmd.AddBool("dcPermit",
                "--auth=kerberos: the station permits all traffic to its domain controller",
                config.dcPermit);
    cmd.AddBool("windowsDhcp",
                "Per-AP subnets: Windows' DHCP client (media sense) instead of ns-3's (the shared "
                "subnet always uses it)",
                config.windowsDhcp);
    cmd.AddChoice("dh", "Main mode Diffie-Hellman group: 1|2|2048", config.dh, {"1", "2", "2048"});
    cmd.AddBool("fallback", "The station's filter allows fallback to clear", config.fallback);
    cmd.AddBool("dynamicFilters",
                "Per-AP subnets on Server 2003: permit filters to dns/wins/dhcp/gateway",
                config.dynamicFilters);
    cmd.AddBool("ipsec",
                "IPsec on the station and the server (false: baseline only)",
                config.ipsec);
    cmd.AddNumber("duration",
                  "Simulated seconds (the flow starts at 1 s)",
                  config.duration,
                  config.appStart,
                  false,
                  maxDuration);
    cmd.AddOutput("csv", "Write PREFIX-handoffs.csv and PREFIX-throughput.csv", csv, true);
    cmd.AddOutput("summary", "Write the run's totals as one CSV row to FILE", summary, false);
    cmd.AddBool("plot", "Draw PREFIX-throughput.png with gnuplot", plot);
    cmd.AddChoice("sweep",
                  "speed|spacing: one summary row per --values setting",
                  sweep,
                  {"speed", "spacing"});
    cmd.AddNumberList("values", "Comma-separated settings for --sweep", values, 0, 1000);
    cmd.Parse(argc, argv);
    config.perApSubnets = subnets == "per-ap";
    config.rngSeed = RngSeedManager::GetSeed();
    config.seed = RngSeedManager::GetRun();
    if (config.flow == "tcp")
    {
        for (const char* udpOnly : {"interval", "size"})
        {
            if (cmd.IsGiven(udpOnly))
            {
                cmd.Fail(udpOnly, "only used with --flow=udp");
            }
        }
    }
    if (config.dcPermit && config.auth != "kerberos")
    {
        cmd.Fail("dcPermit", "only used with --auth=kerberos");
    }
    if (config.windowsDhcp && !config.perApSubnets)
    {
        cmd.Fail("windowsDhcp", "only used with --subnets=per-ap (shared always uses it)");
    }
    if (sweep.empty() && cmd.IsGiven("values"))
    {
        cmd.Fail("values", "only used with --sweep");
    }
    if (!sweep.empty())
    {
        for (const char* notSwept : {"csv", "summary", "plot", "ipsec", sweep.c_str()})
        {
            if (cmd.IsGiven(notSwept))
            {
                cmd.Fail(notSwept,
                         "not used with --sweep (a sweep runs with and without IPsec, sets "
                         "the swept value and writes no files)");
            }
        }
        for (double value : values)
        {
            bool speed = sweep == "speed";
            std::ostringstream what;
            what << value;
            if (speed ? value < 0.1 || value > 100 : value < 1 || value > 1000)
            {
                cmd.Fail("values",
                         speed ? "expected speeds from 0.1 to 100 m/s"
                               : "expected spacings from 1 to 1000 m");
            }
            WifiRoamingConfig swept = config;
            (speed ? swept.speed : swept.spacing) = value;
            if (SweepDuration(swept) > maxDuration)
            {
                cmd.Fail("values",
                         what.str() + " needs a run longer than " +
                             std::to_string(static_cast<int>(maxDuration)) + " s");
            }
        }
    }

    try
    {
        if (!sweep.empty())
        {
            std::cout << "Sweep over " << sweep << ": " << config.aps << " APs, subnets=" << subnets
                      << ", flow=" << config.flow << ", " << config.duration << " s\n";
            return Sweep(config, sweep, values);
        }
        std::cout << "Wi-Fi roaming: " << config.aps << " APs " << config.spacing << " m apart, "
                  << config.speed << " m/s, subnets=" << subnets << ", flow=" << config.flow
                  << ", ipsec=" << (config.ipsec ? "on" : "off") << " (" << config.osProfile << ", "
                  << config.auth << ", DH " << config.dh << "), seed " << config.seed << ", "
                  << config.duration << " s\n\n";
        WifiRoamingResult result = RunOnce(config);
        WifiRoamingResult baseline;
        bool haveBaseline = config.ipsec;
        if (haveBaseline)
        {
            WifiRoamingConfig plain = config;
            plain.ipsec = false;
            baseline = RunOnce(plain);
        }
        PrintHandoffs(result);
        if (config.ipsec)
        {
            std::cout << "\nstation: main modes started " << result.mainModesStarted
                      << ", done " << result.mainModes << ", quick modes " << result.quickModes
                      << ", SAs deleted " << result.saDeletes
                      << " (address-change " << result.addressChangeDeletes
                      << "), main mode SAs deleted by address-change "
                      << result.mainModeAddressChangeDeletes << ", DHCP leases " << result.leases
                      << ", DHCP packets permitted " << result.dhcpPermitted << " / dropped "
                      << result.dhcpDropped << "\n";
            for (const std::string& failure : result.ikeFailures)
            {
                std::cout << "  IKE " << failure << "\n";
            }
            PrintDynamicAddresses(result);
            PrintKerberos(result);
        }
        PrintWindowsDhcp(result);
        std::cout << "\n";
        PrintTotals(config.ipsec ? "IPsec" : "no IPsec", result, config.flow == "udp");
        if (haveBaseline)
        {
            std::cout << "\nthe same run without IPsec:\n";
            PrintHandoffs(baseline);
            PrintTotals("no IPsec", baseline, config.flow == "udp");
        }
        if (!csv.empty())
        {
            std::ofstream out(csv + "-handoffs.csv");
            IpsecHandoffLog::WriteCsv(result.handoffs, out);
            if (!out || !WriteThroughput(
                            csv + "-throughput.csv", result, haveBaseline ? &baseline : nullptr))
            {
                std::cerr << "error: cannot write " << csv << "-*.csv\n";
                return 1;
            }
        }
        if (!summary.empty() &&
            !WriteSummary(
                summary, result, haveBaseline ? &baseline : nullptr, config.flow == "udp"))
        {
            std::cerr << "error: cannot write " << summary << "\n";
            return 1;
        }
        if (plot)
        {
            Plot(csv.empty() ? "ipsec-wifi-roaming" : csv,
                 result,
                 haveBaseline ? &baseline : nullptr);
        }
    }
    catch (const IpsecConfigError& e)
    {
        std::cerr << "error: " << e.what() << "\n";
        return 1;
    }
    return 0;
}
