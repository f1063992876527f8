/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// Start-up (boot-time) filtering of Windows Server 2003: what reaches a server while its IPsec
// driver waits for the policy, with and without boot exemptions for Remote Desktop (TCP 3389)
// and inbound ICMP (needed for PMTU discovery: ICMP errors from the network are not replies).
//
//   CSMA LAN 10.1.1.0/24: server S 10.1.1.1 (IPsec), admin 10.1.1.2, backup 10.1.1.3
//
// The IPsec service applies S's policy (it permits everything but telnet) at --policyTime.
// Flows, all starting at 1 s: Remote Desktop admin -> S:3389 and web admin -> S:80 (TCP),
// pings admin -> S, a backup upload S -> backup:445 (TCP), and datagrams S -> backup:9999, a
// closed port, each answered by an ICMP port unreachable (as a router answers with
// "fragmentation needed" in PMTU discovery). The table gives, per configuration, when each
// flow first got through (its TCP retransmissions show in the times). With --plot=PREFIX it also
// draws them as a timeline (PREFIX.plt, PREFIX.dat, PREFIX.png through gnuplot).

#include "ns3/applications-module.h"
#include "ns3/core-module.h"
#include "ns3/csma-module.h"
#include "ns3/gnuplot.h"
#include "ns3/internet-apps-module.h"
#include "ns3/internet-module.h"
#include "ns3/ipsec-module.h"
#include "ns3/network-module.h"

#include "ipsec-plot-files.h"
#include "ipsec-program-options.h"

#include <cstdlib>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <sstream>

using namespace ns3;

namespace
{

/** One start-up configuration of the server. */
struct StartupConfig
{
    std::string name;       //!< column header
    std::string profile;    //!< OS profile
    std::string bootMode;   //!< "" = the profile's
    std::string exemptions; //!< boot exemptions
    bool safeMode{false};   //!< the policy never applies
};

/** The flows of the study, in table order. */
const std::vector<std::string> FLOWS = {"rdp admin -> S:3389",
                                        "web admin -> S:80",
                                        "ping admin -> S",
                                        "backup S -> backup:445",
                                        "icmp error -> S"};

/** Time of the first delivery of each flow (negative: never). */
using FirstTimes = std::map<std::string, double>;

void
Mark(FirstTimes* first, const std::string& flow)
{
    if ((*first)[flow] < 0)
    {
        (*first)[flow] = Simulator::Now().GetSeconds();
    }
}

/** A TCP transfer; marks the flow's first received byte. */
void
InstallTcp(Ptr<Node> from, Ptr<Node> to, Ipv4Address toAddr, uint16_t port, FirstTimes* first,
           const std::string& flow)
{
    PacketSinkHelper sinkHelper("ns3::TcpSocketFactory",
                                InetSocketAddress(Ipv4Address::GetAny(), port));
    Ptr<Application> sink = sinkHelper.Install(to).Get(0);
    sink->TraceConnectWithoutContext("Rx",
                                     Callback<void, Ptr<const Packet>, const Address&>(
                                         [first, flow](Ptr<const Packet>, const Address&) {
                                             Mark(first, flow);
                                         }));
    BulkSendHelper bulk("ns3::TcpSocketFactory", InetSocketAddress(toAddr, port));
    bulk.SetAttribute("MaxBytes", UintegerValue(20000));
    bulk.Install(from).Start(Seconds(1));
}

FirstTimes
Run(const StartupConfig& config, Time policyTime, Time duration)
{
    NodeContainer nodes;
    nodes.Create(3);
    Ptr<Node> server = nodes.Get(0);
    Ptr<Node> admin = nodes.Get(1);
    Ptr<Node> backup = nodes.Get(2);
    CsmaHelper csma;
    csma.SetChannelAttribute("DataRate", StringValue("100Mbps"));
    NetDeviceContainer devices = csma.Install(nodes);
    IpsecHelper().Install(server);
    InternetStackHelper().Install(NodeContainer(admin, backup));
    Ipv4AddressHelper("10.1.1.0", "255.255.255.0").Assign(devices);
    const Ipv4Address serverAddr("10.1.1.1");
    const Ipv4Address backupAddr("10.1.1.3");

    IpsecHelper::SetOsProfile(server, config.profile);
    if (!config.bootMode.empty())
    {
        IpsecHelper::SetBootMode(server, config.bootMode);
    }
    IpsecHelper::SetBootExemptions(server, config.exemptions);
    IpsecHelper::SetPolicyApplyTime(server, policyTime, config.safeMode);
    IpsecHelper::AddFilter(server, "srcaddr=any dstaddr=me protocol=tcp dstport=23 action=block");

    FirstTimes first;
    for (const auto& f : FLOWS)
    {
        first[f] = -1;
    }
    InstallTcp(admin, server, serverAddr, 3389, &first, FLOWS[0]);
    InstallTcp(admin, server, serverAddr, 80, &first, FLOWS[1]);
    InstallTcp(server, backup, backupAddr, 445, &first, FLOWS[3]);

    Ptr<V4Ping> ping = CreateObject<V4Ping>();
    ping->SetAttribute("Remote", Ipv4AddressValue(serverAddr));
    admin->AddApplication(ping);
    ping->SetStartTime(Seconds(1));
    FirstTimes* times = &first;
    ping->TraceConnectWithoutContext("Rtt", Callback<void, Time>([times](Time) {
                                         Mark(times, FLOWS[2]);
                                     }));

    // Datagrams to a closed port; the ICMP errors reach the socket's ICMP callback.
    Ptr<Socket> probe = Socket::CreateSocket(server, UdpSocketFactory::GetTypeId());
    probe->Bind();
    probe->SetAttribute(
        "IcmpCallback",
        CallbackValue(Callback<void, Ipv4Address, uint8_t, uint8_t, uint8_t, uint32_t>(
            [times](Ipv4Address, uint8_t, uint8_t, uint8_t, uint32_t) {
                Mark(times, FLOWS[4]);
            })));
    for (Time t = Seconds(1); t < duration; t += Seconds(1))
    {
        Simulator::Schedule(t, [probe, backupAddr]() {
            probe->SendTo(Create<Packet>(100), 0, InetSocketAddress(backupAddr, 9999));
        });
    }

    Simulator::Stop(duration);
    Simulator::Run();
    Simulator::Destroy();
    return first;
}

/**
 * \brief Write the timeline: PREFIX.plt (script), PREFIX.dat (data: "row time", row =
 * configuration index x flows + flow index, time = first delivery in s or NaN for never) and,
 * through gnuplot, PREFIX.png. The policy-apply time is a dashed vertical line.
 * \return false if a file could not be written
 */
bool
WriteTimeline(const std::vector<StartupConfig>& configs,
              const std::vector<FirstTimes>& results,
              double policyTime,
              double duration,
              const std::string& prefix)
{
    const size_t rows = configs.size() * FLOWS.size();
    Gnuplot plot(prefix + ".png");
    plot.SetTerminal("pngcairo noenhanced size 1000,800 font ',9'");
    // "\\n": a line break inside gnuplot's double-quoted title.
    plot.SetTitle("Start-up filtering: when each flow first got through (every flow starts at "
                  "1 s)\\ndashed: the policy applies (never in Safe Mode)");
    plot.SetLegend("simulated time (s)", "configuration and flow");
    std::ostringstream extra;
    extra << "unset key\nset grid xtics\nset xrange [0:" << duration << "]\nset yrange ["
          << rows - 0.5 << ":-0.5]\nset ytics (";
    size_t row = 0;
    for (const auto& c : configs)
    {
        for (const auto& flow : FLOWS)
        {
            extra << (row ? ", " : "") << "'" << c.name << "  " << flow << "' " << row;
            ++row;
        }
    }
    extra << ")\n";
    for (size_t c = 1; c < configs.size(); ++c)
    {
        // A line between configurations.
        extra << "set arrow from graph 0, first " << c * FLOWS.size() - 0.5
              << " to graph 1, first " << c * FLOWS.size() - 0.5 << " nohead lc rgb 'gray'\n";
    }
    for (size_t c = 0; c < configs.size(); ++c)
    {
        for (size_t f = 0; f < FLOWS.size(); ++f)
        {
            if (results[c].at(FLOWS[f]) < 0)
            {
                extra << "set label 'never' at graph 0.99, first " << c * FLOWS.size() + f
                      << " right tc rgb 'gray40'\n";
            }
        }
    }
    extra << "set arrow from " << policyTime << ", graph 0 to " << policyTime
          << ", graph 1 nohead dt 2 lw 2 lc rgb 'black'\n";
    const IpsecPlotFiles files(prefix);
    const std::string& data = files.GetData();
    extra << "plot '" << data << "' using 2:1 with points pt 7 ps 1.5 lc rgb '#2166ac'\n";
    plot.AppendExtra(extra.str());
    return files.Write(plot, [&](std::ostream& points) {
        points << "# row time: row = configuration index x " << FLOWS.size()
               << " + flow index (configurations and flows in table order), time = when the flow "
                  "first got through (s), NaN = never; policy applies at "
               << policyTime << " s\n";
        row = 0;
        for (size_t c = 0; c < configs.size(); ++c)
        {
            for (const auto& flow : FLOWS)
            {
                double t = results[c].at(flow);
                points << row << " ";
                if (t < 0)
                {
                    points << "NaN";
                }
                else
                {
                    points << std::setprecision(9) << t;
                }
                points << "\n";
                ++row;
            }
        }
    });
}

} // namespace

int
main(int argc, char* argv[])
{
    double policyTime = 5;
    double duration = 15;
    std::string exemptions = "TCP:any:3389:inbound ICMP:inbound";
    IpsecProgramOptions cmd(__FILE__,
                            "Start-up filtering: what reaches a server before its IPsec policy "
                            "applies, per start-up mode and boot exemptions.\nPrints, per flow "
                            "and configuration, when the flow first got through.");
    cmd.AddNumber("policyTime",
                  "When the IPsec service applies the policy (s, before --duration)",
                  policyTime,
                  0,
                  true,
                  86400);
    cmd.AddNumber("duration",
                  "Simulated seconds (the flows start at 1 s)",
                  duration,
                  1,
                  false,
                  86400);
    cmd.AddText("exemptions",
                "Boot exemptions of the configurations that have some (netsh syntax: entries "
                "such as TCP:any:3389:inbound or ICMP:inbound separated by spaces, or none)",
                exemptions,
                [](const std::string& text) {
                    return IpsecProgramOptions::Catch([&]() { IpsecParseBootExemptions(text); });
                });
    std::string plot;
    cmd.AddOutput("plot",
                  "Draw the table as a timeline: PREFIX.plt, PREFIX.dat and (with gnuplot) "
                  "PREFIX.png",
                  plot,
                  true);
    cmd.Parse(argc, argv);
    if (policyTime >= duration)
    {
        std::ostringstream end;
        end << duration;
        cmd.Fail("policyTime", "expected a time before the end of the run (" + end.str() + " s)");
    }

    const std::vector<StartupConfig> configs = {
        {"win2000", "win2000", "", "none", false},
        {"stateful", "win2003", "", "none", false},
        {"stateful+ex", "win2003", "", exemptions, false},
        {"block+ex", "win2003", "block", exemptions, false},
        {"safe+ex", "win2003", "", exemptions, true},
    };
    std::vector<FirstTimes> results;
    for (const auto& c : configs)
    {
        results.push_back(Run(c, Seconds(policyTime), Seconds(duration)));
    }

    std::cout << "Start-up filtering: server S boots, its IPsec policy applies at " << policyTime
              << " s (never in Safe Mode).\nCells: time (s) each flow first got through; "
                 "'never' within "
              << duration << " s. Every flow starts at 1 s.\n\n";
    std::cout << "  win2000      Windows 2000: no start-up filtering\n"
              << "  stateful     Server 2003 default, no boot exemptions\n"
              << "  stateful+ex  stateful, bootexemptions " << exemptions << "\n"
              << "  block+ex     block, the same exemptions\n"
              << "  safe+ex      Safe Mode with Networking: stateful+ex for ever\n\n";
    std::cout << std::left << std::setw(26) << "flow" << std::right;
    for (const auto& c : configs)
    {
        std::cout << std::setw(13) << c.name;
    }
    std::cout << "\n";
    for (const auto& flow : FLOWS)
    {
        std::cout << std::left << std::setw(26) << flow << std::right;
        for (const auto& r : results)
        {
            std::ostringstream cell;
            double t = r.at(flow);
            if (t < 0)
            {
                cell << "never";
            }
            else
            {
                cell << std::fixed << std::setprecision(2) << t;
            }
            std::cout << std::setw(13) << cell.str();
        }
        std::cout << "\n";
    }
    if (!plot.empty() && !WriteTimeline(configs, results, policyTime, duration, plot))
    {
        std::cerr << "error: writing " << plot << ".plt or " << plot << ".dat failed\n";
        return 1;
    }
    return 0;
}
