/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// A branch office measured with FlowMonitor, with and without IPsec, in one run.
//
//   CSMA LAN 10.1.1.0/24, 100 Mb/s
//   clients 10.1.1.1-.N (Windows XP)   file server 10.1.1.100 (Windows Server 2003)
//   domain controller 10.1.1.200 (no IPsec)
//
// With IPsec the server requires ESP for everything but its domain controller traffic
// ("srcaddr=me dstaddr=any action=negotiate" with a permit filter for the DC) and each client
// negotiates with the server; IKE authenticates with a preshared key. Each client sends UDP to
// the server's port 445 (OnOff, constant rate) and one datagram a second to the DC's port 389.
// FlowMonitorHelper::InstallAll measures both runs unchanged: the :445 flows are reported by
// their inner 5-tuple in both, ESP is never a flow of its own, and with --block the server
// blocks the first client's :445 traffic, which FlowMonitor counts as dropped ("route error":
// see doc/data-plane.md).

#include "ns3/applications-module.h"
#include "ns3/core-module.h"
#include "ns3/csma-module.h"
#include "ns3/flow-monitor-module.h"
#include "ns3/internet-module.h"
#include "ns3/ipsec-module.h"
#include "ns3/network-module.h"

#include "ipsec-program-options.h"

#include <iomanip>
#include <iostream>
#include <map>
#include <sstream>

using namespace ns3;

namespace
{

/** What the program is asked for. */
struct Settings
{
    uint32_t clients{10};   //!< Windows XP clients
    uint32_t rateKbps{500}; //!< each client's :445 rate
    uint32_t size{1000};    //!< OnOff packet size
    double duration{4};     //!< seconds each client sends (from 2 s)
    bool block{false};      //!< the server blocks the first client's :445 traffic
};

/** What the applications saw in one run. */
struct AppTotals
{
    uint64_t sent{0};     //!< OnOff packets
    uint64_t received{0}; //!< sink packets
    uint64_t bytes{0};    //!< sink bytes
};

/** Totals of a run's :445 flows as FlowMonitor reports them. */
struct FlowTotals
{
    uint32_t flows{0};      //!< :445 flows
    uint32_t allFlows{0};   //!< every flow
    uint64_t tx{0};         //!< tx packets
    uint64_t rx{0};         //!< rx packets
    uint64_t rxBytes{0};    //!< rx bytes (IPv4 and UDP headers included)
    uint64_t lost{0};       //!< lost packets
    uint64_t dropped{0};    //!< dropped packets (any reason)
};

std::string
Reasons(const std::vector<uint32_t>& dropped)
{
    static const char* names[] = {"no-route",
                                  "ttl-expire",
                                  "bad-checksum",
                                  "queue",
                                  "queue-disc",
                                  "interface-down",
                                  "route-error",
                                  "fragment-timeout"};
    std::ostringstream os;
    for (size_t i = 0; i < dropped.size(); ++i)
    {
        if (dropped[i] > 0)
        {
            os << (os.tellp() > 0 ? "," : "") << (i < 8 ? names[i] : "other") << "="
               << dropped[i];
        }
    }
    return os.tellp() > 0 ? os.str() : "-";
}

void
Run(const Settings& settings, bool ipsec)
{
    NodeContainer clients;
    clients.Create(settings.clients);
    Ptr<Node> server = CreateObject<Node>();
    Ptr<Node> dc = CreateObject<Node>();
    CsmaHelper csma;
    csma.SetChannelAttribute("DataRate", StringValue("100Mbps"));
    csma.SetChannelAttribute("Delay", TimeValue(MicroSeconds(50)));
    NetDeviceContainer devices = csma.Install(NodeContainer(clients, NodeContainer(server, dc)));
    NodeContainer secured(clients, NodeContainer(server));
    if (ipsec)
    {
        IpsecHelper helper;
        helper.SetIkeAttribute("PreSharedKey", StringValue("branch-office"));
        helper.Install(secured);
        IpsecHelper::SetOsProfile(clients, "winxp");
        IpsecHelper::SetOsProfile(NodeContainer(server), "win2003");
    }
    else
    {
        InternetStackHelper().Install(secured);
    }
    InternetStackHelper().Install(dc);
    Ipv4AddressHelper addresses("10.1.1.0", "255.255.255.0");
    for (uint32_t i = 0; i < settings.clients; ++i)
    {
        addresses.Assign(NetDeviceContainer(devices.Get(i)));
    }
    Ipv4AddressHelper("10.1.1.0", "255.255.255.0", "0.0.0.100")
        .Assign(NetDeviceContainer(devices.Get(settings.clients)));
    Ipv4AddressHelper("10.1.1.0", "255.255.255.0", "0.0.0.200")
        .Assign(NetDeviceContainer(devices.Get(settings.clients + 1)));
    Ptr<IpsecDriver> serverDriver;
    if (ipsec)
    {
        NodeContainer serverOnly(server);
        IpsecHelper::AddFilter(serverOnly,
                               "srcaddr=me dstaddr=any action=negotiate "
                               "description=\"require ESP\"");
        IpsecHelper::AddFilter(serverOnly,
                               "srcaddr=me dstaddr=10.1.1.200 action=permit "
                               "description=\"domain controller\"");
        IpsecHelper::AddFilter(clients,
                               "srcaddr=me dstaddr=10.1.1.100 action=negotiate "
                               "description=\"file server\"");
        serverDriver = IpsecHelper::GetDriver(server);
    }
    if (settings.block && serverDriver)
    {
        serverDriver->AddFilter("srcaddr=10.1.1.1 dstaddr=me protocol=udp dstport=445 "
                                "action=block description=\"blocked client\"");
    }

    AppTotals apps;
    PacketSinkHelper sinkHelper("ns3::UdpSocketFactory",
                                InetSocketAddress(Ipv4Address::GetAny(), 445));
    Ptr<Application> sink = sinkHelper.Install(server).Get(0);
    sink->TraceConnectWithoutContext("Rx",
                                     Callback<void, Ptr<const Packet>, const Address&>(
                                         [&apps](Ptr<const Packet> p, const Address&) {
                                             ++apps.received;
                                             apps.bytes += p->GetSize();
                                         }));
    PacketSinkHelper("ns3::UdpSocketFactory", InetSocketAddress(Ipv4Address::GetAny(), 389))
        .Install(dc);
    for (uint32_t i = 0; i < settings.clients; ++i)
    {
        OnOffHelper onOff("ns3::UdpSocketFactory",
                          InetSocketAddress(Ipv4Address("10.1.1.100"), 445));
        onOff.SetConstantRate(DataRate(uint64_t(settings.rateKbps) * 1000), settings.size);
        Ptr<Application> app = onOff.Install(clients.Get(i)).Get(0);
        app->SetStartTime(Seconds(2) + MilliSeconds(7 * i));
        app->SetStopTime(Seconds(2 + settings.duration));
        app->TraceConnectWithoutContext(
            "Tx",
            Callback<void, Ptr<const Packet>>([&apps](Ptr<const Packet>) { ++apps.sent; }));
        OnOffHelper ldap("ns3::UdpSocketFactory",
                         InetSocketAddress(Ipv4Address("10.1.1.200"), 389));
        ldap.SetConstantRate(DataRate(8 * 200), 200);
        Ptr<Application> toDc = ldap.Install(clients.Get(i)).Get(0);
        toDc->SetStartTime(Seconds(1) + MilliSeconds(i));
        toDc->SetStopTime(Seconds(2 + settings.duration));
    }

    FlowMonitorHelper flowHelper;
    Ptr<FlowMonitor> monitor = flowHelper.InstallAll();
    Simulator::Stop(Seconds(2 + settings.duration + 2));
    Simulator::Run();
    monitor->CheckForLostPackets();
    auto classifier = DynamicCast<Ipv4FlowClassifier>(flowHelper.GetClassifier());

    std::cout << "\n== IPsec " << (ipsec ? "on" : "off") << " ==\n"
              << std::left << std::setw(6) << "flow" << std::setw(34) << "5-tuple" << std::right
              << std::setw(8) << "tx" << std::setw(8) << "rx" << std::setw(11) << "rx bytes"
              << std::setw(6) << "lost" << std::setw(11) << "delay ms" << std::setw(11)
              << "jitter ms" << "  dropped\n";
    FlowTotals totals;
    for (const auto& [id, stats] : monitor->GetFlowStats())
    {
        Ipv4FlowClassifier::FiveTuple t = classifier->FindFlow(id);
        ++totals.allFlows;
        std::ostringstream tuple;
        tuple << (t.protocol == 17 ? "udp " : t.protocol == 6 ? "tcp " : "ip ") << t.sourceAddress
              << ":" << t.sourcePort << " > " << t.destinationAddress << ":"
              << t.destinationPort;
        double delay =
            stats.rxPackets > 0 ? stats.delaySum.GetSeconds() * 1000 / stats.rxPackets : 0;
        double jitter = stats.rxPackets > 1
                            ? stats.jitterSum.GetSeconds() * 1000 / (stats.rxPackets - 1)
                            : 0;
        uint64_t dropped = 0;
        for (uint32_t n : stats.packetsDropped)
        {
            dropped += n;
        }
        std::cout << std::left << std::setw(6) << id << std::setw(34) << tuple.str()
                  << std::right << std::setw(8) << stats.txPackets << std::setw(8)
                  << stats.rxPackets << std::setw(11) << stats.rxBytes << std::setw(6)
                  << stats.lostPackets << std::fixed << std::setprecision(3) << std::setw(11)
                  << delay << std::setw(11) << jitter << "  " << Reasons(stats.packetsDropped)
                  << "\n";
        if (t.destinationPort == 445)
        {
            ++totals.flows;
            totals.tx += stats.txPackets;
            totals.rx += stats.rxPackets;
            totals.rxBytes += stats.rxBytes;
            totals.lost += stats.lostPackets;
            totals.dropped += dropped;
        }
    }
    std::cout << "IPsec " << (ipsec ? "on: " : "off:") << " flows " << totals.allFlows
              << ", :445 flows " << totals.flows << ", tx " << totals.tx << " (apps sent "
              << apps.sent << "), rx " << totals.rx << " (sink " << apps.received
              << "), rx bytes " << totals.rxBytes << " = sink " << apps.bytes
              << " + 28 x rx, lost " << totals.lost << ", dropped " << totals.dropped << "\n";
    if (serverDriver)
    {
        const IpsecDriverCounters& c = serverDriver->GetCounters();
        uint64_t drops = 0;
        std::ostringstream reasons;
        for (size_t i = 0; i < IPSEC_DROP_REASON_COUNT; ++i)
        {
            drops += c.dropsByReason[i];
            if (c.dropsByReason[i] > 0)
            {
                reasons << " " << IpsecDropReason(i) << "=" << c.dropsByReason[i];
            }
        }
        std::cout << "server IPsec driver: " << drops << " dropped" << reasons.str() << ", "
                  << c.protectedPackets[size_t(IpsecDirection::INBOUND)]
                  << " protected packets received\n";
    }
    Simulator::Destroy();
}

} // namespace

int
main(int argc, char* argv[])
{
    Settings settings;
    IpsecProgramOptions cmd(__FILE__,
                            "A branch office (Windows XP clients, a Windows Server 2003 file "
                            "server requiring ESP but for its domain controller) measured by "
                            "FlowMonitor with IPsec off and on: the per-flow tables of both runs.");
    cmd.AddInteger("clients", "Windows XP clients", settings.clients, 1, 90);
    cmd.AddInteger("rateKbps", "Each client's rate to the server's port 445 (kb/s)",
                   settings.rateKbps, 1, 10000);
    cmd.AddInteger("size", "OnOff packet size (bytes)", settings.size, 12, 1400);
    cmd.AddNumber("duration", "Seconds each client sends (from 2 s)", settings.duration, 0,
                  false, 60);
    cmd.AddBool("block",
                "The server's IPsec policy blocks client 10.1.1.1's port 445 traffic (IPsec "
                "run only)",
                settings.block);
    cmd.Parse(argc, argv);
    std::cout << "Branch office: " << settings.clients << " clients -> file server :445, "
              << settings.rateKbps << " kb/s each, " << settings.size << "-byte packets, "
              << settings.duration << " s" << (settings.block ? ", client 1 blocked" : "")
              << "\n";
    Run(settings, false);
    Run(settings, true);
    return 0;
}
