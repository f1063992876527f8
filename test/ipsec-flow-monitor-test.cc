/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// FlowMonitor and ns-3's IPv4 trace sources on IPsec nodes: protected flows are reported by
// their inner 5-tuple (transport and tunnel mode) with what the applications saw, IPsec drops
// are FlowMonitor drops, and the IPv4 traces fire on an IPsec node as on a plain one (plus
// the documented ESP difference).

#include "ipsec-test-network.h"
#include "ipsec-test-topology.h"

#include "ns3/applications-module.h"
#include "ns3/csma-module.h"
#include "ns3/flow-monitor-module.h"
#include "ns3/internet-apps-module.h"
#include "ns3/point-to-point-module.h"

#include <boost/test/unit_test.hpp>

#include <map>

using namespace ns3;
using namespace ns3::test;

namespace
{

constexpr uint32_t CLIENTS = 10;     //!< Windows XP clients of the branch office
constexpr uint32_t PAYLOAD = 1000;   //!< OnOff packet size
constexpr uint32_t UDP_IP_HEADERS = 28; //!< what FlowMonitor counts on top of the payload

/** What a sink received from one source address, and what each OnOff sent. */
struct AppCounts
{
    std::map<Ipv4Address, uint64_t> rxBytes;   //!< sink bytes per source
    std::map<Ipv4Address, uint32_t> rxPackets; //!< sink packets per source
    std::map<Ipv4Address, uint32_t> txPackets; //!< OnOff packets per client
    std::map<Ipv4Address, Time> delaySum;      //!< sum of send-to-sink delays per client
    std::map<uint64_t, Time> sentAt;           //!< when each packet (by uid) was sent
};

/**
 * The branch office: 10 clients (.1-.10), the file server (.100) and the domain controller
 * (.200, plain ns-3) on a 100 Mb/s CSMA LAN. With \p ipsec the clients and the server run
 * IPsec with IKE (preshared key: the Kerberos wiring adds nothing to what is measured here);
 * the server requires ESP for everything but its DC traffic. Each client sends UDP to the
 * server's port 445 (OnOff, 1000 bytes, 500 kb/s, 2-6 s) and a datagram a second to the DC.
 */
struct BranchOffice
{
    NodeContainer clients;
    Ptr<Node> server;
    Ptr<Node> dc;
    Ptr<PacketSink> sink;
    AppCounts counts;

    explicit BranchOffice(bool ipsec)
    {
        clients.Create(CLIENTS);
        server = CreateObject<Node>();
        dc = CreateObject<Node>();
        NodeContainer all(clients, NodeContainer(server, dc));
        CsmaHelper csma;
        csma.SetChannelAttribute("DataRate", StringValue("100Mbps"));
        csma.SetChannelAttribute("Delay", TimeValue(MicroSeconds(50)));
        NetDeviceContainer devices = csma.Install(all);
        NodeContainer secured(clients, NodeContainer(server));
        if (ipsec)
        {
            IpsecHelper helper;
            helper.SetIkeAttribute("PreSharedKey", StringValue("secret"));
            helper.Install(secured);
        }
        else
        {
            InternetStackHelper().Install(secured);
        }
        InternetStackHelper().Install(dc);
        Ipv4AddressHelper addresses("10.1.1.0", "255.255.255.0");
        for (uint32_t i = 0; i < CLIENTS; ++i)
        {
            addresses.Assign(NetDeviceContainer(devices.Get(i)));
        }
        Ipv4AddressHelper("10.1.1.0", "255.255.255.0", "0.0.0.100")
            .Assign(NetDeviceContainer(devices.Get(CLIENTS)));
        Ipv4AddressHelper("10.1.1.0", "255.255.255.0", "0.0.0.200")
            .Assign(NetDeviceContainer(devices.Get(CLIENTS + 1)));
        if (ipsec)
        {
            IpsecHelper::AddFilter(NodeContainer(server),
                                   "srcaddr=me dstaddr=any action=negotiate");
            IpsecHelper::AddFilter(NodeContainer(server),
                                   "srcaddr=me dstaddr=10.1.1.200 action=permit");
            IpsecHelper::AddFilter(clients, "srcaddr=me dstaddr=10.1.1.100 action=negotiate");
        }
        PacketSinkHelper sinkHelper("ns3::UdpSocketFactory",
                                    InetSocketAddress(Ipv4Address::GetAny(), 445));
        sink = DynamicCast<PacketSink>(sinkHelper.Install(server).Get(0));
        PacketSinkHelper("ns3::UdpSocketFactory", InetSocketAddress(Ipv4Address::GetAny(), 389))
            .Install(dc);
        sink->TraceConnectWithoutContext(
            "Rx",
            Callback<void, Ptr<const Packet>, const Address&>(
                [this](Ptr<const Packet> p, const Address& from) {
                    Ipv4Address source = InetSocketAddress::ConvertFrom(from).GetIpv4();
                    counts.rxBytes[source] += p->GetSize();
                    ++counts.rxPackets[source];
                    counts.delaySum[source] += Simulator::Now() - counts.sentAt.at(p->GetUid());
                }));
        for (uint32_t i = 0; i < CLIENTS; ++i)
        {
            OnOffHelper onOff("ns3::UdpSocketFactory",
                              InetSocketAddress(Ipv4Address("10.1.1.100"), 445));
            onOff.SetConstantRate(DataRate("500kb/s"), PAYLOAD);
            Ptr<Application> app = onOff.Install(clients.Get(i)).Get(0);
            app->SetStartTime(Seconds(2) + MilliSeconds(7 * i));
            app->SetStopTime(Seconds(6));
            Ipv4Address source = ClientAddress(i);
            app->TraceConnectWithoutContext("Tx",
                                            Callback<void, Ptr<const Packet>>(
                                                [this, source](Ptr<const Packet> p) {
                                                    ++counts.txPackets[source];
                                                    counts.sentAt[p->GetUid()] =
                                                        Simulator::Now();
                                                }));
            ScheduleUdp(clients.Get(i), "10.1.1.200", 389, 1, Seconds(1) + MilliSeconds(i));
        }
    }

    static Ipv4Address ClientAddress(uint32_t i)
    {
        return Ipv4Address(Ipv4Address("10.1.1.1").Get() + i);
    }
};

/** \return the flows of \p monitor by 5-tuple */
std::map<uint32_t, std::pair<Ipv4FlowClassifier::FiveTuple, FlowMonitor::FlowStats>>
Flows(FlowMonitorHelper& helper, Ptr<FlowMonitor> monitor)
{
    monitor->CheckForLostPackets();
    auto classifier = DynamicCast<Ipv4FlowClassifier>(helper.GetClassifier());
    std::map<uint32_t, std::pair<Ipv4FlowClassifier::FiveTuple, FlowMonitor::FlowStats>> flows;
    for (const auto& [id, stats] : monitor->GetFlowStats())
    {
        flows[id] = {classifier->FindFlow(id), stats};
    }
    return flows;
}

/** Checks one run of the branch office; returns the :445 flows' tx packets. */
std::map<Ipv4Address, uint32_t>
CheckBranchOffice(bool ipsec)
{
    BranchOffice office(ipsec);
    FlowMonitorHelper helper;
    Ptr<FlowMonitor> monitor = helper.InstallAll();
    Simulator::Stop(Seconds(8));
    Simulator::Run();
    auto flows = Flows(helper, monitor);
    std::map<Ipv4Address, uint32_t> tx;
    uint32_t smb = 0;
    for (const auto& [id, flow] : flows)
    {
        const auto& [tuple, stats] = flow;
        BOOST_TEST_CONTEXT("flow " << id << " " << tuple.sourceAddress << ":" << tuple.sourcePort
                                   << " -> " << tuple.destinationAddress << ":"
                                   << tuple.destinationPort << " proto "
                                   << int(tuple.protocol))
        {
            // ESP itself is never a flow: its packets are counted in their inner flows.
            BOOST_TEST((tuple.protocol == 6 || tuple.protocol == 17));
            if (tuple.destinationPort != 445)
            {
                continue;
            }
            ++smb;
            Ipv4Address source = tuple.sourceAddress;
            BOOST_TEST(stats.txPackets == office.counts.txPackets[source]);
            BOOST_TEST(stats.rxPackets == office.counts.rxPackets[source]);
            BOOST_TEST(stats.rxBytes ==
                       office.counts.rxBytes[source] + UDP_IP_HEADERS * stats.rxPackets);
            BOOST_TEST(stats.txBytes == (PAYLOAD + UDP_IP_HEADERS) * uint64_t(stats.txPackets));
            BOOST_TEST(stats.lostPackets == 0u);
            BOOST_TEST(stats.packetsDropped.size() == 0u);
            // Delay as the applications saw it, to the nanosecond (waiting for IKE included).
            BOOST_TEST(stats.delaySum > Seconds(0));
            BOOST_TEST(stats.delaySum == office.counts.delaySum[source]);
            BOOST_TEST(stats.rxPackets > 200u);
            tx[source] = stats.txPackets;
        }
    }
    BOOST_TEST(smb == CLIENTS);
    // DC traffic: one datagram per client, in the clear in both runs.
    uint32_t dcFlows = 0;
    for (const auto& [id, flow] : flows)
    {
        dcFlows += flow.first.destinationPort == 389 && flow.second.rxPackets == 1;
    }
    BOOST_TEST(dcFlows == CLIENTS);
    if (ipsec)
    {
        // Every :445 datagram the sink got came through ESP; the DC's in the clear.
        uint64_t received = 0;
        for (const auto& [source, n] : office.counts.rxPackets)
        {
            received += n;
        }
        const IpsecDriverCounters& c = IpsecHelper::GetDriver(office.server)->GetCounters();
        BOOST_TEST(c.protectedPackets[size_t(IpsecDirection::INBOUND)] == received);
    }
    Simulator::Destroy();
    return tx;
}

} // namespace

BOOST_FIXTURE_TEST_SUITE(ipsec_flow_monitor, SimulatorFixture)

BOOST_AUTO_TEST_CASE(branch_office_flows_with_and_without_ipsec)
{
    auto clear = CheckBranchOffice(false);
    auto secured = CheckBranchOffice(true);
    // The applications send the same in both runs: FlowMonitor says so.
    BOOST_TEST(clear.size() == CLIENTS);
    BOOST_TEST((clear == secured));
}

// A block filter on the IPsec node drops inbound :445 from one client and everything it
// sends to another: FlowMonitor counts each drop under the documented reason (and, as for
// any drop, as lost).
BOOST_AUTO_TEST_CASE(block_filter_drops_are_flow_monitor_drops)
{
    IpsecTestLan lan(3, MicroSeconds(10));
    lan.Driver()->AddFilter(
        "srcaddr=10.1.1.2 dstaddr=me protocol=udp dstport=445 mirrored=no action=block");
    lan.Driver()->AddFilter(
        "srcaddr=me dstaddr=10.1.1.3 protocol=udp dstport=445 mirrored=no action=block");
    auto drops = RecordDrops(lan.nodes.Get(0));
    ScheduleUdp(lan.nodes.Get(1), "10.1.1.1", 445, 40, Seconds(1));
    ScheduleUdp(lan.nodes.Get(0), "10.1.1.3", 445, 25, Seconds(1));
    FlowMonitorHelper helper;
    Ptr<FlowMonitor> monitor = helper.InstallAll();
    Simulator::Stop(Seconds(5));
    Simulator::Run();
    auto flows = Flows(helper, monitor);
    BOOST_TEST(drops->size() == 65u);
    BOOST_TEST(lan.Counters().dropsByReason[size_t(IpsecDropReason::FILTER_BLOCK)] == 65u);
    uint32_t dropped = 0;
    uint32_t checked = 0;
    for (const auto& [id, flow] : flows)
    {
        const auto& [tuple, stats] = flow;
        if (tuple.destinationPort != 445)
        {
            continue;
        }
        ++checked;
        uint32_t expected = tuple.sourceAddress == Ipv4Address("10.1.1.2") ? 40 : 25;
        BOOST_TEST(stats.txPackets == expected);
        BOOST_TEST(stats.rxPackets == 0u);
        // FlowMonitor counts every drop as lost too: lost and dropped agree.
        BOOST_TEST(stats.lostPackets == expected);
        BOOST_TEST_REQUIRE(stats.packetsDropped.size() > size_t(Ipv4FlowProbe::DROP_ROUTE_ERROR));
        BOOST_TEST(stats.packetsDropped[Ipv4FlowProbe::DROP_ROUTE_ERROR] == expected);
        dropped += stats.packetsDropped[Ipv4FlowProbe::DROP_ROUTE_ERROR];
    }
    BOOST_TEST(checked == 2u);
    BOOST_TEST(dropped == drops->size());
}

// Two gateways in tunnel mode between 10.1.0.0/24 and 10.2.0.0/24: FlowMonitor reports the
// hosts' inner flows (forwarded twice), never the tunnel's ESP.
BOOST_AUTO_TEST_CASE(tunnel_mode_inner_flows)
{
    NodeContainer lanA;
    lanA.Create(2); // host, gateway
    NodeContainer lanB;
    lanB.Create(2); // host, gateway
    Ptr<Node> gwA = lanA.Get(1);
    Ptr<Node> gwB = lanB.Get(1);
    CsmaHelper csma;
    csma.SetChannelAttribute("DataRate", StringValue("100Mbps"));
    NetDeviceContainer devA = csma.Install(lanA);
    NetDeviceContainer devB = csma.Install(lanB);
    PointToPointHelper wan;
    wan.SetDeviceAttribute("DataRate", StringValue("5Mbps"));
    wan.SetChannelAttribute("Delay", StringValue("10ms"));
    NetDeviceContainer devWan = wan.Install(gwA, gwB);
    InternetStackHelper().Install(NodeContainer(lanA.Get(0), lanB.Get(0)));
    IpsecHelper().Install(NodeContainer(gwA, gwB));
    Ipv4AddressHelper addr("10.1.0.0", "255.255.255.0");
    addr.Assign(devA);
    addr.SetBase("10.2.0.0", "255.255.255.0");
    addr.Assign(devB);
    addr.SetBase("192.0.2.0", "255.255.255.252");
    Ipv4InterfaceContainer ifWan = addr.Assign(devWan);
    Ipv4GlobalRoutingHelper::PopulateRoutingTables();
    IpsecManualSaPair pair;
    pair.mode = IpsecMode::TUNNEL;
    pair.addressA = ifWan.GetAddress(0);
    pair.addressB = ifWan.GetAddress(1);
    pair.filterA = "srcaddr=10.1.0.0/24 dstaddr=10.2.0.0/24 action=negotiate tunnel=192.0.2.2";
    pair.filterB = "srcaddr=10.2.0.0/24 dstaddr=10.1.0.0/24 action=negotiate tunnel=192.0.2.1";
    IpsecManualSaPairResult sas = IpsecHelper::InstallManualSaPair(gwA, gwB, pair);
    uint32_t saPackets = 0;
    uint64_t saClear = 0;
    IpsecHelper::GetDriver(gwA)->TraceConnectWithoutContext(
        "SaTraffic",
        Callback<void, Ptr<const IpsecSa>, IpsecDirection, uint32_t, uint32_t>(
            [&](Ptr<const IpsecSa> sa, IpsecDirection direction, uint32_t clear, uint32_t wire) {
                if (sa == sas.outboundA && direction == IpsecDirection::OUTBOUND)
                {
                    ++saPackets;
                    saClear += clear;
                    BOOST_TEST(wire > clear + 20);
                }
            }));

    auto atB = InstallUdpCounter(lanB.Get(0), 9);
    ScheduleUdp(lanA.Get(0), "10.2.0.1", 9, 30, Seconds(1));
    FlowMonitorHelper helper;
    Ptr<FlowMonitor> monitor = helper.InstallAll();
    Simulator::Stop(Seconds(5));
    Simulator::Run();
    auto flows = Flows(helper, monitor);
    BOOST_TEST(flows.size() == 1u);
    for (const auto& [id, flow] : flows)
    {
        const auto& [tuple, stats] = flow;
        BOOST_TEST(tuple.sourceAddress == Ipv4Address("10.1.0.1"));
        BOOST_TEST(tuple.destinationAddress == Ipv4Address("10.2.0.1"));
        BOOST_TEST(tuple.protocol == 17);
        BOOST_TEST(stats.txPackets == 30u);
        BOOST_TEST(stats.rxPackets == atB->received);
        BOOST_TEST(stats.rxPackets == 30u);
        BOOST_TEST(stats.rxBytes == atB->bytes + UDP_IP_HEADERS * uint64_t(stats.rxPackets));
        // Forwarded by both gateways: gateway A into the tunnel, gateway B out of it.
        BOOST_TEST(stats.timesForwarded == 60u);
        BOOST_TEST(stats.delaySum > Seconds(0.01 * 30));
    }
    BOOST_TEST(saPackets == 30u);
    // The tunnel protects whole inner packets: IPv4 header included.
    BOOST_TEST(saClear == uint64_t(atB->bytes) + UDP_IP_HEADERS * 30);
}

// Two hosts protecting their traffic with manual SAs, ESP or AH, transport or host-to-host
// tunnel mode: one flow each way (UDP echo), counted once, with what the applications saw.
BOOST_AUTO_TEST_CASE(host_pair_every_protocol_and_mode)
{
    for (IpsecProtocol protocol : {IpsecProtocol::ESP, IpsecProtocol::AH})
    {
        for (IpsecMode mode : {IpsecMode::TRANSPORT, IpsecMode::TUNNEL})
        {
            BOOST_TEST_CONTEXT((protocol == IpsecProtocol::ESP ? "esp " : "ah ")
                               << (mode == IpsecMode::TUNNEL ? "tunnel" : "transport"))
            {
                NodeContainer hosts;
                hosts.Create(2);
                NetDeviceContainer devices = PointToPointHelper().Install(hosts);
                InstallWithoutIke(hosts);
                Ipv4AddressHelper("10.1.1.0", "255.255.255.0").Assign(devices);
                IpsecManualSaPair pair;
                pair.protocol = protocol;
                pair.mode = mode;
                pair.addressA = "10.1.1.1";
                pair.addressB = "10.1.1.2";
                if (mode == IpsecMode::TUNNEL)
                {
                    pair.filterA = "srcaddr=me dstaddr=10.1.1.2 action=negotiate tunnel=10.1.1.2";
                    pair.filterB = "srcaddr=me dstaddr=10.1.1.1 action=negotiate tunnel=10.1.1.1";
                }
                IpsecHelper::InstallManualSaPair(hosts.Get(0), hosts.Get(1), pair);
                UdpEchoServerHelper(9).Install(hosts.Get(1));
                UdpEchoClientHelper client(Ipv4Address("10.1.1.2"), 9);
                client.SetAttribute("MaxPackets", UintegerValue(12));
                client.SetAttribute("Interval", TimeValue(MilliSeconds(100)));
                client.SetAttribute("PacketSize", UintegerValue(300));
                Ptr<Application> app = client.Install(hosts.Get(0)).Get(0);
                app->SetStartTime(Seconds(1));
                uint32_t replies = 0;
                app->TraceConnectWithoutContext(
                    "Rx",
                    Callback<void, Ptr<const Packet>>([&replies](Ptr<const Packet>) {
                        ++replies;
                    }));
                FlowMonitorHelper helper;
                Ptr<FlowMonitor> monitor = helper.InstallAll();
                Simulator::Stop(Seconds(4));
                Simulator::Run();
                auto flows = Flows(helper, monitor);
                BOOST_TEST(replies == 12u);
                BOOST_TEST(flows.size() == 2u);
                for (const auto& [id, flow] : flows)
                {
                    const auto& [tuple, stats] = flow;
                    BOOST_TEST(tuple.protocol == 17);
                    BOOST_TEST(stats.txPackets == 12u);
                    BOOST_TEST(stats.rxPackets == 12u);
                    BOOST_TEST(stats.rxBytes == 12u * (300 + UDP_IP_HEADERS));
                    BOOST_TEST(stats.txBytes == stats.rxBytes);
                    BOOST_TEST(stats.timesForwarded == 0u);
                    BOOST_TEST(stats.delaySum > Seconds(0));
                }
                Simulator::Destroy();
            }
        }
    }
}

/** Counts of IPv4's trace sources on one node. */
struct TraceCounts
{
    uint32_t sendOutgoing{0};
    uint32_t localDeliver{0};
    uint32_t localDeliverEsp{0};
    uint32_t tx{0};
    uint32_t rx{0};
    uint32_t drop{0};
};

/**
 * \param node a node
 * \return its IPv4 trace counts (updated as they fire)
 */
std::shared_ptr<TraceCounts>
CountTraces(Ptr<Node> node)
{
    auto counts = std::make_shared<TraceCounts>();
    Ptr<Ipv4L3Protocol> ipv4 = node->GetObject<Ipv4L3Protocol>();
    using Sent = Callback<void, const Ipv4Header&, Ptr<const Packet>, uint32_t>;
    using TxRx = Callback<void, Ptr<const Packet>, Ptr<Ipv4>, uint32_t>;
    ipv4->TraceConnectWithoutContext(
        "SendOutgoing",
        Sent([counts](const Ipv4Header& h, Ptr<const Packet> p, uint32_t) {
            // The clear header, as Ipv4L3Protocol::Send builds it.
            BOOST_TEST(h.GetPayloadSize() == p->GetSize());
            ++counts->sendOutgoing;
        }));
    ipv4->TraceConnectWithoutContext(
        "LocalDeliver",
        Sent([counts](const Ipv4Header& h, Ptr<const Packet>, uint32_t) {
            ++(h.GetProtocol() == 50 ? counts->localDeliverEsp : counts->localDeliver);
        }));
    ipv4->TraceConnectWithoutContext("Tx", TxRx([counts](Ptr<const Packet>, Ptr<Ipv4>, uint32_t) {
                                         ++counts->tx;
                                     }));
    ipv4->TraceConnectWithoutContext("Rx", TxRx([counts](Ptr<const Packet>, Ptr<Ipv4>, uint32_t) {
                                         ++counts->rx;
                                     }));
    ipv4->TraceConnectWithoutContext(
        "Drop",
        Callback<void,
                 const Ipv4Header&,
                 Ptr<const Packet>,
                 Ipv4L3Protocol::DropReason,
                 Ptr<Ipv4>,
                 uint32_t>([counts](const Ipv4Header&,
                                    Ptr<const Packet>,
                                    Ipv4L3Protocol::DropReason,
                                    Ptr<Ipv4>,
                                    uint32_t) { ++counts->drop; }));
    return counts;
}

/**
 * Two nodes on a point-to-point link send each other UDP (20 from A to B's port 9, where B
 * listens; 5 to B's port 10, blocked by B's policy when \p ipsec, closed port on a plain B).
 * \param ipsec ESP transport mode with manual SAs, or plain ns-3
 * \return the counts on A and on B
 */
std::pair<TraceCounts, TraceCounts>
RunTraceCount(bool ipsec)
{
    NodeContainer nodes;
    nodes.Create(2);
    NetDeviceContainer devices = PointToPointHelper().Install(nodes);
    if (ipsec)
    {
        InstallWithoutIke(nodes);
    }
    else
    {
        InternetStackHelper().Install(nodes);
    }
    Ipv4AddressHelper("10.1.1.0", "255.255.255.0").Assign(devices);
    if (ipsec)
    {
        IpsecManualSaPair pair;
        pair.addressA = "10.1.1.1";
        pair.addressB = "10.1.1.2";
        pair.filterA = "srcaddr=me dstaddr=10.1.1.2 protocol=udp dstport=9 action=negotiate";
        pair.filterB = "srcaddr=me dstaddr=10.1.1.1 protocol=udp srcport=9 action=negotiate";
        IpsecHelper::InstallManualSaPair(nodes.Get(0), nodes.Get(1), pair);
        IpsecHelper::GetDriver(nodes.Get(1))
            ->AddFilter("srcaddr=any dstaddr=me protocol=udp dstport=10 action=block");
    }
    auto a = CountTraces(nodes.Get(0));
    auto b = CountTraces(nodes.Get(1));
    auto at9 = InstallUdpCounter(nodes.Get(1), 9);
    ScheduleUdp(nodes.Get(0), "10.1.1.2", 9, 20, Seconds(1));
    ScheduleUdp(nodes.Get(0), "10.1.1.2", 10, 5, Seconds(2));
    Simulator::Stop(Seconds(4));
    Simulator::Run();
    BOOST_TEST(at9->received == 20u);
    Simulator::Destroy();
    return {*a, *b};
}

BOOST_AUTO_TEST_CASE(ipv4_traces_fire_as_on_a_plain_node)
{
    auto [plainA, plainB] = RunTraceCount(false);
    auto [ipsecA, ipsecB] = RunTraceCount(true);
    // Plain: a closed port answers with ICMP port unreachable (A receives 5, B sends 5).
    BOOST_TEST(plainA.sendOutgoing == 25u);
    BOOST_TEST(plainA.tx == 25u);
    BOOST_TEST(plainB.rx == 25u);
    BOOST_TEST(plainB.localDeliver == 25u);
    BOOST_TEST(plainB.drop == 0u);
    // IPsec: the same sends and arrivals, the wire packets on Tx/Rx...
    BOOST_TEST(ipsecA.sendOutgoing == plainA.sendOutgoing);
    BOOST_TEST(ipsecA.tx == plainA.tx);
    BOOST_TEST(ipsecB.rx == plainB.rx);
    // ... LocalDeliver once with each clear packet (20 decrypted + 0 blocked), and once with
    // each ESP packet as IPv4 hands it to ESP (the documented difference) ...
    BOOST_TEST(ipsecB.localDeliver == 20u);
    BOOST_TEST(ipsecB.localDeliverEsp == 20u);
    // ... and the 5 packets the policy blocks are IPv4 drops, where the plain node answered.
    BOOST_TEST(ipsecB.drop == 5u);
    BOOST_TEST(ipsecA.drop == 0u);
    BOOST_TEST(ipsecA.rx == 0u);
    BOOST_TEST(plainA.rx == 5u);
}

/**
 * A client whose packets wait for IKE, towards a peer it cannot negotiate with: 10 datagrams
 * to port 9 from 1 s, one every 100 ms.
 * \param fallback the client's filter allows fallback to clear, and the peer runs no IPsec
 *        (soft SA after the fallback delay); else the peer runs IKE with another preshared key
 *        (main mode fails, the held packets are dropped)
 * \return what IPv4's traces, IPsec, the peer and FlowMonitor saw of the flow
 */
struct FailedNegotiationRun
{
    uint32_t sendOutgoing{0}; //!< the client's SendOutgoing for the flow (not IKE's own)
    uint32_t ipv4Drops{0};    //!< the client's IPv4 Drop for the flow
    std::vector<DropRecord> drops;
    uint32_t received{0};
    FlowMonitor::FlowStats stats;
    uint32_t flows{0};
};

FailedNegotiationRun
RunFailedNegotiation(bool fallback)
{
    NodeContainer nodes;
    NetDeviceContainer devices = CreateTestLink(nodes);
    IpsecHelper ipsec;
    ipsec.SetIkeAttribute("PreSharedKey", StringValue("secret"));
    ipsec.Install(nodes.Get(0));
    if (fallback)
    {
        InternetStackHelper().Install(nodes.Get(1));
    }
    else
    {
        IpsecHelper other;
        other.SetIkeAttribute("PreSharedKey", StringValue("another secret"));
        other.Install(nodes.Get(1));
    }
    Ipv4AddressHelper("10.1.1.0", "255.255.255.0").Assign(devices);
    IpsecHelper::GetDriver(nodes.Get(0))
        ->AddFilter(std::string("srcaddr=me dstaddr=10.1.1.2 protocol=udp dstport=9 "
                                "action=negotiate") +
                    (fallback ? " fallback=yes" : ""));
    if (!fallback)
    {
        IpsecHelper::GetDriver(nodes.Get(1))
            ->AddFilter("srcaddr=me dstaddr=10.1.1.1 protocol=udp srcport=9 action=negotiate");
    }
    FailedNegotiationRun run;
    auto toPort9 = [](Ptr<const Packet> payload) {
        UdpHeader udp;
        return payload->PeekHeader(udp) == 8 && udp.GetDestinationPort() == 9;
    };
    Ptr<Ipv4L3Protocol> ipv4 = nodes.Get(0)->GetObject<Ipv4L3Protocol>();
    ipv4->TraceConnectWithoutContext(
        "SendOutgoing",
        Callback<void, const Ipv4Header&, Ptr<const Packet>, uint32_t>(
            [&run, toPort9](const Ipv4Header&, Ptr<const Packet> p, uint32_t) {
                run.sendOutgoing += toPort9(p);
            }));
    ipv4->TraceConnectWithoutContext(
        "Drop",
        Callback<void,
                 const Ipv4Header&,
                 Ptr<const Packet>,
                 Ipv4L3Protocol::DropReason,
                 Ptr<Ipv4>,
                 uint32_t>([&run, toPort9](const Ipv4Header&,
                                           Ptr<const Packet> p,
                                           Ipv4L3Protocol::DropReason,
                                           Ptr<Ipv4>,
                                           uint32_t) { run.ipv4Drops += toPort9(p); }));
    auto drops = RecordDrops(nodes.Get(0));
    auto at9 = InstallUdpCounter(nodes.Get(1), 9);
    ScheduleUdp(nodes.Get(0), "10.1.1.2", 9, 10, Seconds(1));
    FlowMonitorHelper helper;
    Ptr<FlowMonitor> monitor = helper.InstallAll();
    Simulator::Stop(Seconds(60));
    Simulator::Run();
    run.drops = *drops;
    run.received = at9->received;
    for (const auto& [id, flow] : Flows(helper, monitor))
    {
        if (flow.first.destinationPort == 9)
        {
            run.stats = flow.second;
            ++run.flows;
        }
    }
    Simulator::Destroy();
    return run;
}

// Packets held while IKE negotiates, then dropped because it failed: each is sent once and
// dropped once as far as IPv4's observers and FlowMonitor know.
BOOST_AUTO_TEST_CASE(held_packets_dropped_after_failed_negotiation)
{
    FailedNegotiationRun run = RunFailedNegotiation(false);
    BOOST_TEST(run.received == 0u);
    BOOST_TEST(run.drops.size() == 10u);
    for (const DropRecord& drop : run.drops)
    {
        BOOST_TEST(drop.reason == IpsecDropReason::NEGOTIATION_FAILED);
    }
    BOOST_TEST(run.sendOutgoing == 10u);
    BOOST_TEST(run.ipv4Drops == 10u);
    BOOST_TEST_REQUIRE(run.flows == 1u);
    BOOST_TEST(run.stats.txPackets == 10u);
    BOOST_TEST(run.stats.rxPackets == 0u);
    BOOST_TEST(run.stats.lostPackets == 10u);
    BOOST_TEST_REQUIRE(run.stats.packetsDropped.size() >
                       size_t(Ipv4FlowProbe::DROP_ROUTE_ERROR));
    BOOST_TEST(run.stats.packetsDropped[Ipv4FlowProbe::DROP_ROUTE_ERROR] == 10u);
}

// Packets held while IKE gets no answer, then sent in the clear through a soft SA: each is
// sent once (SendOutgoing, FlowMonitor tx) and received once, its delay including the wait.
BOOST_AUTO_TEST_CASE(held_packets_sent_in_the_clear_after_fallback)
{
    FailedNegotiationRun run = RunFailedNegotiation(true);
    BOOST_TEST(run.received == 10u);
    BOOST_TEST(run.drops.empty());
    BOOST_TEST(run.sendOutgoing == 10u);
    BOOST_TEST(run.ipv4Drops == 0u);
    BOOST_TEST_REQUIRE(run.flows == 1u);
    BOOST_TEST(run.stats.txPackets == 10u);
    BOOST_TEST(run.stats.rxPackets == 10u);
    BOOST_TEST(run.stats.lostPackets == 0u);
    // The first packet waited for the fallback delay (3 s on the default profile).
    BOOST_TEST(run.stats.delaySum > Seconds(3));
}

BOOST_AUTO_TEST_SUITE_END()
