/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// Packet filtering with IPsec filters (the first recommended scenario of "Special IPSec
// considerations"): a server uses permit and block filters as a host firewall.
//
//   management subnet 10.1.2.0/24          server LAN 10.1.1.0/24 (CSMA)
//   manager 10.1.2.10 ---- router ---- server 10.1.1.1 (IPsec), client1 .2, client2 .3
//
// The server permits web (TCP 80) from anyone, SNMP (UDP 161) from the management subnet and
// SNMP traps (UDP 162) to it, and blocks everything else to or from it, including subnet
// broadcasts. Clients try allowed and refused traffic; the program prints, per flow, what was
// sent, delivered and blocked, and the server's filters in the order they are evaluated.
// The server follows Windows Server 2003 (the default OS profile): broadcasts are not exempt,
// and "everything else" (source Any) matches them too, so the explicit broadcast filter weighs
// the same and loses to it by insertion order (doc/windows-behaviour.md).

#include "ns3/applications-module.h"
#include "ns3/core-module.h"
#include "ns3/csma-module.h"
#include "ns3/internet-apps-module.h"
#include "ns3/internet-module.h"
#include "ns3/ipsec-module.h"
#include "ns3/network-module.h"
#include "ns3/point-to-point-module.h"

#include "ipsec-program-options.h"

#include <functional>
#include <iomanip>
#include <iostream>
#include <sstream>

using namespace ns3;

namespace
{

/** One flow of the study and its counts. */
struct Flow
{
    /**
     * \param n label
     * \param p path
     * \param u unit
     */
    Flow(std::string n, std::string p, std::string u)
        : name(std::move(n)),
          path(std::move(p)),
          unit(std::move(u))
    {
    }

    std::string name;           //!< label
    std::string path;           //!< "from -> to"
    std::string unit;           //!< what is counted ("pkts" or "bytes")
    uint64_t sent{0};           //!< sent by the application
    uint64_t delivered{0};      //!< received by the application at the other end
    uint64_t blocked{0};        //!< packets the server's IPsec layer dropped
    std::function<bool(const IpsecPacketSelector&)> matches; //!< attributes drops to the flow
};

/**
 * Sends UDP datagrams every 500 ms and counts them; counts the answers in \p answers if set.
 */
void
StartUdp(Ptr<Node> node,
         Ipv4Address to,
         uint16_t port,
         uint16_t sourcePort,
         uint32_t count,
         Time start,
         uint64_t* sent,
         uint64_t* answers = nullptr)
{
    Ptr<Socket> socket = Socket::CreateSocket(node, UdpSocketFactory::GetTypeId());
    socket->Bind(InetSocketAddress(Ipv4Address::GetAny(), sourcePort));
    socket->SetAllowBroadcast(true);
    if (answers)
    {
        socket->SetRecvCallback(Callback<void, Ptr<Socket>>([answers](Ptr<Socket> s) {
            while (s->Recv())
            {
                ++*answers;
            }
        }));
    }
    for (uint32_t i = 0; i < count; ++i)
    {
        Simulator::Schedule(start + MilliSeconds(500 * i), [socket, to, port, sent]() {
            if (socket->SendTo(Create<Packet>(64), 0, InetSocketAddress(to, port)) >= 0)
            {
                ++*sent;
            }
        });
    }
}

/** Counts datagrams arriving on a UDP port; answers them if \p echo (like an SNMP agent). */
void
CountUdp(Ptr<Node> node, uint16_t port, uint64_t* delivered, bool echo = false)
{
    Ptr<Socket> socket = Socket::CreateSocket(node, UdpSocketFactory::GetTypeId());
    socket->Bind(InetSocketAddress(Ipv4Address::GetAny(), port));
    socket->SetRecvCallback(Callback<void, Ptr<Socket>>([delivered, echo](Ptr<Socket> s) {
        Address from;
        while (Ptr<Packet> p = s->RecvFrom(from))
        {
            ++*delivered;
            if (echo)
            {
                s->SendTo(p, 0, from);
            }
        }
    }));
}

/** \return the non-blank entries of a ';'-separated list of filters */
std::vector<std::string>
SplitFilters(const std::string& text)
{
    std::vector<std::string> filters;
    std::istringstream list(text);
    for (std::string line; std::getline(list, line, ';');)
    {
        if (line.find_first_not_of(" \t") != std::string::npos)
        {
            filters.push_back(line);
        }
    }
    return filters;
}

} // namespace

int
main(int argc, char* argv[])
{
    double duration = 10.0;
    bool blockBroadcast = true;
    bool permitManagerPing = false;
    std::string extraFilters;
    bool verbose = false;

    IpsecProgramOptions cmd(__FILE__,
                            "Packet filtering with IPsec filters: a server uses permit/block "
                            "filters as a host firewall.\nPrints per-flow sent/delivered/blocked "
                            "counts and the server's filters in evaluation (weight) order.");
    cmd.AddNumber("duration",
                  "Simulated seconds to run (traffic starts at 1 s)",
                  duration,
                  0,
                  false,
                  86400);
    cmd.AddBool("blockBroadcast",
                "Add a filter that blocks subnet broadcasts (10.1.1.255) to the server (the "
                "'everything else' filter blocks them anyway: Server 2003 rules)",
                blockBroadcast);
    cmd.AddBool("permitManagerPing",
                "Add a filter that permits ICMP between the server and the management subnet",
                permitManagerPing);
    cmd.AddText("filters",
                "Extra server filters in netsh-like form, separated by ';', e.g. "
                "\"srcaddr=10.1.1.2 dstaddr=me protocol=tcp dstport=23 action=permit\"",
                extraFilters,
                [](const std::string& text) {
                    for (const std::string& filter : SplitFilters(text))
                    {
                        std::string error =
                            IpsecProgramOptions::Catch([&]() { IpsecFilter::Parse(filter); });
                        if (!error.empty())
                        {
                            return "filter \"" + filter + "\": " + error;
                        }
                    }
                    return std::string();
                });
    cmd.AddBool("verbose", "Print every packet the server's IPsec layer drops", verbose);
    cmd.Parse(argc, argv);

    // Topology.
    Ptr<Node> manager = CreateObject<Node>();
    Ptr<Node> router = CreateObject<Node>();
    NodeContainer lan;
    lan.Create(3);
    Ptr<Node> server = lan.Get(0);
    Ptr<Node> client1 = lan.Get(1);
    Ptr<Node> client2 = lan.Get(2);
    lan.Add(router);

    PointToPointHelper wan;
    wan.SetDeviceAttribute("DataRate", StringValue("10Mbps"));
    wan.SetChannelAttribute("Delay", StringValue("2ms"));
    NetDeviceContainer mgmtDevices = wan.Install(manager, router);
    CsmaHelper csma;
    csma.SetChannelAttribute("DataRate", StringValue("100Mbps"));
    NetDeviceContainer lanDevices = csma.Install(lan);

    IpsecHelper ipsec;
    ipsec.Install(server);
    InternetStackHelper().Install(NodeContainer(manager, router, client1, client2));
    Ipv4AddressHelper addresses("10.1.1.0", "255.255.255.0");
    addresses.Assign(lanDevices); // server .1, client1 .2, client2 .3, router .4
    addresses.SetBase("10.1.2.0", "255.255.255.0", "0.0.0.10");
    addresses.Assign(mgmtDevices); // manager .10, router .11
    Ipv4GlobalRoutingHelper::PopulateRoutingTables();

    // The server's policy. Order of insertion does not matter: the SPD sorts by weight.
    Ptr<IpsecDriver> driver = IpsecHelper::GetDriver(server);
    std::vector<std::string> policy = {
        "srcaddr=any dstaddr=me protocol=tcp dstport=80 action=permit description=web",
        "srcaddr=10.1.2.0/24 dstaddr=me protocol=udp dstport=161 action=permit description=snmp",
        "srcaddr=me dstaddr=10.1.2.0/24 protocol=udp dstport=162 action=permit "
        "description=snmp-trap",
        "srcaddr=any dstaddr=me action=block description=\"everything else\"",
    };
    if (blockBroadcast)
    {
        policy.push_back("srcaddr=any dstaddr=10.1.1.255 action=block description=broadcast");
    }
    if (permitManagerPing)
    {
        policy.push_back("srcaddr=me dstaddr=10.1.2.0/24 protocol=icmp action=permit "
                         "description=ping-mgmt");
    }
    for (const std::string& filter : SplitFilters(extraFilters))
    {
        policy.push_back(filter);
    }
    for (const auto& text : policy)
    {
        try
        {
            driver->AddFilter(text);
        }
        catch (const IpsecConfigError& e)
        {
            std::cerr << "error: bad filter \"" << text << "\": " << e.what() << "\n";
            return 1;
        }
    }

    Ipv4Address serverAddr("10.1.1.1");
    Ipv4Address managerAddr("10.1.2.10");
    Ipv4Address client2Addr("10.1.1.3");
    Time start = Seconds(1);
    std::vector<Flow> flows;
    auto udpFlow = [](std::string name, std::string path, Ipv4Address src, Ipv4Address dst,
                      uint16_t port) {
        Flow f(name, path, "pkts");
        f.matches = [src, dst, port](const IpsecPacketSelector& s) {
            return s.source == src && s.destination == dst && s.protocol == 17 &&
                   s.destinationPort == port;
        };
        return f;
    };
    flows.reserve(8);

    // Web: allowed TCP transfer, counted in bytes.
    flows.emplace_back("web (tcp 80)", "client1 -> server", "bytes");
    flows.back().matches = [](const IpsecPacketSelector& s) {
        return s.protocol == 6 && (s.destinationPort == 80 || s.sourcePort == 80);
    };
    PacketSinkHelper webSink("ns3::TcpSocketFactory", InetSocketAddress(Ipv4Address::GetAny(), 80));
    Ptr<PacketSink> web = DynamicCast<PacketSink>(webSink.Install(server).Get(0));
    const uint64_t webBytes = 500000;
    BulkSendHelper webClient("ns3::TcpSocketFactory", InetSocketAddress(serverAddr, 80));
    webClient.SetAttribute("MaxBytes", UintegerValue(webBytes));
    webClient.Install(client1).Start(start);

    // Telnet: refused TCP connection, counted in SYN packets.
    flows.emplace_back("telnet (tcp 23)", "client1 -> server", "bytes");
    flows.back().matches = [](const IpsecPacketSelector& s) {
        return s.protocol == 6 && (s.destinationPort == 23 || s.sourcePort == 23);
    };
    PacketSinkHelper telnetSink("ns3::TcpSocketFactory",
                                InetSocketAddress(Ipv4Address::GetAny(), 23));
    Ptr<PacketSink> telnet = DynamicCast<PacketSink>(telnetSink.Install(server).Get(0));
    BulkSendHelper telnetClient("ns3::TcpSocketFactory", InetSocketAddress(serverAddr, 23));
    const uint64_t telnetBytes = 10000;
    telnetClient.SetAttribute("MaxBytes", UintegerValue(telnetBytes));
    telnetClient.Install(client1).Start(start);

    // SNMP from the manager (allowed) and from client2 (refused); the agent answers.
    flows.push_back(
        udpFlow("snmp get (udp 161)", "manager -> server", managerAddr, serverAddr, 161));
    Flow& snmpMgr = flows.back();
    flows.push_back(
        udpFlow("snmp get (udp 161)", "client2 -> server", client2Addr, serverAddr, 161));
    Flow& snmpRogue = flows.back();
    uint64_t snmpAgentRx = 0;
    CountUdp(server, 161, &snmpAgentRx, true);
    // "delivered" counts the agent's answers that reach the asking station.
    StartUdp(manager, serverAddr, 161, 40001, 10, start, &snmpMgr.sent, &snmpMgr.delivered);
    StartUdp(client2, serverAddr, 161, 40002, 10, start, &snmpRogue.sent, &snmpRogue.delivered);

    // Traps from the server to the manager (allowed) and to client2 (refused).
    flows.push_back(
        udpFlow("snmp trap (udp 162)", "server -> manager", serverAddr, managerAddr, 162));
    Flow& trapMgr = flows.back();
    flows.push_back(
        udpFlow("snmp trap (udp 162)", "server -> client2", serverAddr, client2Addr, 162));
    Flow& trapRogue = flows.back();
    CountUdp(manager, 162, &trapMgr.delivered);
    CountUdp(client2, 162, &trapRogue.delivered);
    StartUdp(server, managerAddr, 162, 0, 5, start + MilliSeconds(250), &trapMgr.sent);
    StartUdp(server, client2Addr, 162, 0, 5, start + MilliSeconds(250), &trapRogue.sent);

    // Ping from client1 (V4Ping uses a raw socket): refused by "everything else".
    flows.emplace_back("ping (icmp)", "client1 -> server", "pkts");
    Flow& ping = flows.back();
    ping.matches = [](const IpsecPacketSelector& s) {
        return s.protocol == 1 && (s.source == Ipv4Address("10.1.1.2") ||
                                   s.destination == Ipv4Address("10.1.1.2"));
    };
    Ptr<V4Ping> pinger = CreateObject<V4Ping>();
    pinger->SetAttribute("Remote", Ipv4AddressValue(serverAddr));
    client1->AddApplication(pinger);
    pinger->SetStartTime(start);
    pinger->SetStopTime(start + Seconds(4.5));
    pinger->TraceConnectWithoutContext("Rtt", Callback<void, Time>([&ping](Time) {
                                           ++ping.delivered;
                                       }));
    Simulator::Schedule(start, [&ping]() { ping.sent = 5; }); // one per second for 5 s

    // Subnet broadcast from client2 (NetBIOS-like, udp 137).
    flows.push_back(udpFlow("broadcast (udp 137)", "client2 -> 10.1.1.255", client2Addr,
                            "10.1.1.255", 137));
    Flow& bcast = flows.back();
    CountUdp(server, 137, &bcast.delivered);
    StartUdp(client2, "10.1.1.255", 137, 137, 5, start, &bcast.sent);

    driver->TraceConnectWithoutContext(
        "Drop",
        Callback<void, Ptr<const Packet>, const IpsecPacketSelector&, IpsecDirection,
                 IpsecDropReason, uint32_t>([&flows, verbose](Ptr<const Packet>,
                                                               const IpsecPacketSelector& s,
                                                               IpsecDirection d,
                                                               IpsecDropReason r,
                                                               uint32_t id) {
            if (verbose)
            {
                std::cout << std::fixed << std::setprecision(3) << Simulator::Now().GetSeconds()
                          << " s  drop " << d << " " << s << "  " << r << " (filter " << id
                          << ")\n";
            }
            for (auto& f : flows)
            {
                if (f.matches(s))
                {
                    ++f.blocked;
                    return;
                }
            }
        }));

    Simulator::Stop(Seconds(duration));
    Simulator::Run();

    flows[0].sent = webBytes;
    flows[0].delivered = web->GetTotalRx();
    flows[1].sent = telnetBytes;
    flows[1].delivered = telnet->GetTotalRx();

    std::cout << "IPsec packet filtering: server 10.1.1.1 uses IPsec filters as a host firewall\n"
              << "(" << duration << " s simulated; 'blocked' = packets the server's IPsec layer "
              << "dropped)\n\n";
    std::cout << std::left << std::setw(22) << "flow" << std::setw(24) << "path" << std::right
              << std::setw(10) << "sent" << std::setw(11) << "delivered" << std::setw(9)
              << "blocked" << "  unit\n";
    for (const auto& f : flows)
    {
        std::cout << std::left << std::setw(22) << f.name << std::setw(24) << f.path
                  << std::right << std::setw(10) << f.sent << std::setw(11) << f.delivered
                  << std::setw(9) << f.blocked << "  " << f.unit
                  << (f.unit == "bytes" ? " (blocked in pkts)" : "") << "\n";
    }
    std::cout << "\n(snmp get: 'delivered' = answers back at the asker; requests reaching the "
                 "agent: "
              << snmpAgentRx << ")\n\n";
    IpsecHelper::PrintPolicy(server, std::cout);
    Simulator::Destroy();
    return 0;
}
