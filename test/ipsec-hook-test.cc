/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// Scenario tests for the policy hook: every packet path (outbound, inbound, forwarded; UDP,
// TCP, ICMP from the stack and from raw sockets; unicast, broadcast, multicast; fragments) is
// stopped by a filter that blocks it and let through by one that permits it, counted exactly.

#include "ipsec-test-network.h"
#include "ipsec-test-topology.h"

#include "ns3/applications-module.h"
#include "ns3/csma-module.h"
#include "ns3/internet-apps-module.h"
#include "ns3/point-to-point-module.h"

#include <boost/test/unit_test.hpp>

using namespace ns3;
using namespace ns3::test;

namespace
{

/**
 * A CSMA LAN 10.1.1.0/24: node 0 (10.1.1.1) runs IPsec, nodes 1 (.2) and 2 (.3) are plain
 * ns-3 nodes.
 */
struct Lan : IpsecTestLan
{
    Ptr<Node> server{nodes.Get(0)};
    Ptr<Node> a{nodes.Get(1)};
    Ptr<Node> b{nodes.Get(2)};

    Lan()
        : IpsecTestLan(3, MicroSeconds(10))
    {
    }
};

size_t
CountDrops(const std::vector<DropRecord>& drops,
           IpsecDirection direction,
           uint8_t protocol,
           IpsecDropReason reason = IpsecDropReason::FILTER_BLOCK)
{
    size_t n = 0;
    for (const auto& d : drops)
    {
        n += d.direction == direction && d.selector.protocol == protocol && d.reason == reason;
    }
    return n;
}

} // namespace

BOOST_FIXTURE_TEST_SUITE(ipsec_hook, SimulatorFixture)

BOOST_AUTO_TEST_CASE(udp_outbound_unicast)
{
    Lan lan;
    uint32_t id = lan.Driver()->AddFilter(
        "srcaddr=me dstaddr=10.1.1.2 protocol=udp dstport=9 mirrored=no action=block");
    auto drops = RecordDrops(lan.server);
    auto atA = InstallUdpCounter(lan.a, 9);
    auto atB = InstallUdpCounter(lan.b, 9);
    ScheduleUdp(lan.server, "10.1.1.2", 9, 5);
    ScheduleUdp(lan.server, "10.1.1.3", 9, 5);
    Simulator::Stop(Seconds(3));
    Simulator::Run();
    BOOST_TEST(atA->received == 0u);
    BOOST_TEST(atB->received == 5u);
    BOOST_TEST(lan.Counters().Dropped(IpsecDropReason::FILTER_BLOCK) == 5u);
    BOOST_TEST(lan.Counters().Permitted(IpsecDirection::OUTBOUND) == 5u);
    BOOST_TEST_REQUIRE(drops->size() == 5u);
    for (const auto& d : *drops)
    {
        BOOST_TEST(d.filterId == id);
        BOOST_TEST((d.direction == IpsecDirection::OUTBOUND));
        BOOST_TEST(d.selector.destination == Ipv4Address("10.1.1.2"));
        BOOST_TEST(d.selector.destinationPort == 9);
    }
    BOOST_TEST(lan.Driver()->GetSpd().Find(id)->matches == 5u);
}

BOOST_AUTO_TEST_CASE(udp_inbound_unicast)
{
    Lan lan;
    lan.Driver()->AddFilter("srcaddr=10.1.1.2 dstaddr=me protocol=udp mirrored=no action=block");
    auto atServer = InstallUdpCounter(lan.server, 9);
    ScheduleUdp(lan.a, "10.1.1.1", 9, 5);
    ScheduleUdp(lan.b, "10.1.1.1", 9, 4);
    Simulator::Stop(Seconds(3));
    Simulator::Run();
    BOOST_TEST(atServer->received == 4u);
    BOOST_TEST(lan.Counters().Dropped(IpsecDropReason::FILTER_BLOCK) == 5u);
    BOOST_TEST(lan.Counters().Permitted(IpsecDirection::INBOUND) == 4u);
}

BOOST_AUTO_TEST_CASE(tcp_port_filter)
{
    Lan lan;
    lan.Driver()->AddFilter("srcaddr=any dstaddr=me protocol=tcp dstport=81 action=block");
    auto drops = RecordDrops(lan.server);
    PacketSinkHelper sink("ns3::TcpSocketFactory", InetSocketAddress(Ipv4Address::GetAny(), 80));
    ApplicationContainer sinks = sink.Install(lan.server);
    sink.SetAttribute("Local", AddressValue(InetSocketAddress(Ipv4Address::GetAny(), 81)));
    sinks.Add(sink.Install(lan.server));
    for (uint16_t port : {80, 81})
    {
        BulkSendHelper bulk("ns3::TcpSocketFactory", InetSocketAddress("10.1.1.1", port));
        bulk.SetAttribute("MaxBytes", UintegerValue(100000));
        bulk.Install(lan.a).Start(Seconds(1));
    }
    Simulator::Stop(Seconds(10.5));
    Simulator::Run();
    BOOST_TEST(DynamicCast<PacketSink>(sinks.Get(0))->GetTotalRx() == 100000u);
    BOOST_TEST(DynamicCast<PacketSink>(sinks.Get(1))->GetTotalRx() == 0u);
    // The SYN at 1 s and its retransmissions (ConnTimeout 3 s, doubling: 4 s, 10 s) are all
    // refused.
    BOOST_TEST(drops->size() == 3u);
    BOOST_TEST(CountDrops(*drops, IpsecDirection::INBOUND, 6) == 3u);
}

BOOST_AUTO_TEST_CASE(raw_socket_echo_request_outbound)
{
    Lan lan;
    lan.Driver()->AddFilter("srcaddr=me dstaddr=10.1.1.2 protocol=icmp mirrored=no action=block");
    auto blocked = InstallPing(lan.server, "10.1.1.2", 5);
    auto allowed = InstallPing(lan.server, "10.1.1.3", 5);
    Simulator::Stop(Seconds(8));
    Simulator::Run();
    BOOST_TEST(*blocked == 0u);
    BOOST_TEST(*allowed == 5u);
    BOOST_TEST(lan.Counters().dropped[size_t(IpsecDirection::OUTBOUND)] == 5u);
}

BOOST_AUTO_TEST_CASE(raw_socket_never_sees_blocked_echo_reply)
{
    Lan lan;
    // Inbound only: the requests leave, the replies must not reach V4Ping's raw socket.
    lan.Driver()->AddFilter("srcaddr=10.1.1.2 dstaddr=me protocol=icmp mirrored=no action=block");
    auto drops = RecordDrops(lan.server);
    auto replies = InstallPing(lan.server, "10.1.1.2", 5);
    Simulator::Stop(Seconds(8));
    Simulator::Run();
    BOOST_TEST(*replies == 0u);
    BOOST_TEST(lan.Counters().Permitted(IpsecDirection::OUTBOUND) == 5u);
    BOOST_TEST(CountDrops(*drops, IpsecDirection::INBOUND, 1) == 5u);
}

BOOST_AUTO_TEST_CASE(stack_echo_reply_outbound)
{
    Lan lan;
    lan.Driver()->AddFilter("srcaddr=me dstaddr=10.1.1.2 protocol=icmp mirrored=no action=block");
    auto fromA = InstallPing(lan.a, "10.1.1.1", 5);
    auto fromB = InstallPing(lan.b, "10.1.1.1", 5);
    Simulator::Stop(Seconds(8));
    Simulator::Run();
    BOOST_TEST(*fromA == 0u);
    BOOST_TEST(*fromB == 5u);
    BOOST_TEST(lan.Counters().Permitted(IpsecDirection::INBOUND) == 10u);
    BOOST_TEST(lan.Counters().dropped[size_t(IpsecDirection::OUTBOUND)] == 5u);
}

BOOST_AUTO_TEST_CASE(stack_icmp_error_outbound)
{
    Lan lan;
    auto drops = RecordDrops(lan.server);
    lan.Driver()->AddFilter("srcaddr=me dstaddr=any protocol=icmp mirrored=no action=block");
    // Nothing listens on port 7777: the stack answers each datagram with port unreachable.
    ScheduleUdp(lan.a, "10.1.1.1", 7777, 3);
    Simulator::Stop(Seconds(3));
    Simulator::Run();
    BOOST_TEST_REQUIRE(drops->size() == 3u);
    BOOST_TEST(CountDrops(*drops, IpsecDirection::OUTBOUND, 1) == 3u);
    BOOST_TEST(lan.Counters().Permitted(IpsecDirection::INBOUND) == 3u);
}

BOOST_AUTO_TEST_CASE(broadcast_outbound)
{
    Lan lan;
    lan.Driver()->AddFilter("srcaddr=any dstaddr=10.1.1.255 protocol=udp action=block");
    auto subnetAtA = InstallUdpCounter(lan.a, 9);
    auto limitedAtA = InstallUdpCounter(lan.a, 10);
    ScheduleUdp(lan.server, "10.1.1.255", 9, 5);
    ScheduleUdp(lan.server, "255.255.255.255", 10, 5);
    Simulator::Stop(Seconds(3));
    Simulator::Run();
    BOOST_TEST(subnetAtA->received == 0u);
    BOOST_TEST(limitedAtA->received == 5u);
    BOOST_TEST(lan.Counters().dropped[size_t(IpsecDirection::OUTBOUND)] == 5u);
    BOOST_TEST(lan.Counters().Permitted(IpsecDirection::OUTBOUND) == 5u);
}

BOOST_AUTO_TEST_CASE(limited_broadcast_outbound_blocked)
{
    Lan lan;
    lan.Driver()->AddFilter("srcaddr=any dstaddr=255.255.255.255 action=block");
    auto atA = InstallUdpCounter(lan.a, 10);
    ScheduleUdp(lan.server, "255.255.255.255", 10, 5);
    Simulator::Stop(Seconds(3));
    Simulator::Run();
    BOOST_TEST(atA->received == 0u);
    BOOST_TEST(lan.Counters().dropped[size_t(IpsecDirection::OUTBOUND)] == 5u);
}

BOOST_AUTO_TEST_CASE(broadcast_inbound)
{
    Lan lan;
    lan.Driver()->AddFilter("srcaddr=any dstaddr=10.1.1.255 protocol=udp dstport=11 action=block");
    lan.Driver()->AddFilter("srcaddr=any dstaddr=255.255.255.255 protocol=udp dstport=13 "
                            "action=block");
    auto subnet = InstallUdpCounter(lan.server, 11);
    auto limited = InstallUdpCounter(lan.server, 12);
    auto limitedBlocked = InstallUdpCounter(lan.server, 13);
    ScheduleUdp(lan.a, "10.1.1.255", 11, 5);
    ScheduleUdp(lan.a, "255.255.255.255", 12, 4);
    ScheduleUdp(lan.a, "255.255.255.255", 13, 3);
    Simulator::Stop(Seconds(3));
    Simulator::Run();
    BOOST_TEST(subnet->received == 0u);
    BOOST_TEST(limited->received == 4u);
    BOOST_TEST(limitedBlocked->received == 0u);
    BOOST_TEST(lan.Counters().dropped[size_t(IpsecDirection::INBOUND)] == 8u);
    BOOST_TEST(lan.Counters().Permitted(IpsecDirection::INBOUND) == 4u);
}

BOOST_AUTO_TEST_CASE(multicast_both_ways)
{
    Lan lan;
    lan.Driver()->AddFilter("srcaddr=any dstaddr=224.0.0.251 protocol=udp action=block");
    lan.Driver()->AddFilter("srcaddr=any dstaddr=224.0.0.252 protocol=udp action=block");
    auto outAtA = InstallUdpCounter(lan.a, 5353);
    auto outAtB = InstallUdpCounter(lan.b, 5354);
    auto inAtServer = InstallUdpCounter(lan.server, 5355);
    auto inAllowed = InstallUdpCounter(lan.server, 5356);
    ScheduleUdp(lan.server, "224.0.0.251", 5353, 5, Seconds(1), 100, lan.devices.Get(0));
    ScheduleUdp(lan.server, "224.0.0.253", 5354, 5, Seconds(1), 100, lan.devices.Get(0));
    ScheduleUdp(lan.a, "224.0.0.252", 5355, 3, Seconds(1), 100, lan.devices.Get(1));
    ScheduleUdp(lan.a, "224.0.0.254", 5356, 2, Seconds(1), 100, lan.devices.Get(1));
    Simulator::Stop(Seconds(3));
    Simulator::Run();
    BOOST_TEST(outAtA->received == 0u);
    BOOST_TEST(outAtB->received == 5u);
    BOOST_TEST(inAtServer->received == 0u);
    BOOST_TEST(inAllowed->received == 2u);
    BOOST_TEST(lan.Counters().dropped[size_t(IpsecDirection::OUTBOUND)] == 5u);
    BOOST_TEST(lan.Counters().dropped[size_t(IpsecDirection::INBOUND)] == 3u);
}

BOOST_AUTO_TEST_CASE(fragments_decided_after_reassembly)
{
    Lan lan;
    lan.Driver()->AddFilter("srcaddr=10.1.1.2 dstaddr=me protocol=udp dstport=9 action=block");
    auto drops = RecordDrops(lan.server);
    auto blocked = InstallUdpCounter(lan.server, 9);
    auto allowed = InstallUdpCounter(lan.server, 10);
    // 3000-byte datagrams cross the 1500-byte CSMA link in three fragments each.
    ScheduleUdp(lan.a, "10.1.1.1", 9, 3, Seconds(1), 3000);
    // Start after the first datagram has resolved ARP: ARP holds only 3 packets while pending.
    ScheduleUdp(lan.a, "10.1.1.1", 10, 2, Seconds(1.05), 3000);
    Simulator::Stop(Seconds(3));
    Simulator::Run();
    BOOST_TEST(blocked->received == 0u);
    BOOST_TEST(allowed->received == 2u);
    BOOST_TEST(allowed->bytes == 6000u);
    // One decision per datagram, not per fragment.
    BOOST_TEST(drops->size() == 3u);
    BOOST_TEST(lan.Counters().Permitted(IpsecDirection::INBOUND) == 2u);
}

BOOST_AUTO_TEST_CASE(my_ip_follows_address_changes)
{
    Lan lan;
    lan.Driver()->AddFilter("srcaddr=any dstaddr=me protocol=udp dstport=9 mirrored=no "
                            "action=block");
    auto atServer = InstallUdpCounter(lan.server, 9);
    Ptr<Ipv4> ipv4 = lan.server->GetObject<Ipv4>();
    uint32_t iface = ipv4->GetInterfaceForDevice(lan.devices.Get(0));
    Simulator::Schedule(Seconds(2), [ipv4, iface]() {
        ipv4->AddAddress(iface, Ipv4InterfaceAddress("10.1.1.100", "255.255.255.0"));
    });
    Simulator::Schedule(Seconds(6), [ipv4, iface]() {
        ipv4->RemoveAddress(iface, Ipv4Address("10.1.1.100"));
        ipv4->AddAddress(iface, Ipv4InterfaceAddress("10.1.1.101", "255.255.255.0"));
    });
    ScheduleUdp(lan.a, "10.1.1.100", 9, 3, Seconds(3));
    ScheduleUdp(lan.a, "10.1.1.101", 9, 3, Seconds(7));
    bool oldGone = false;
    Simulator::Schedule(Seconds(6.5), [&oldGone, &lan]() {
        const auto& mine = lan.Driver()->GetSpd().GetLocalAddresses();
        oldGone = std::find(mine.begin(), mine.end(), Ipv4Address("10.1.1.100")) == mine.end() &&
                  std::find(mine.begin(), mine.end(), Ipv4Address("10.1.1.101")) != mine.end();
    });
    Simulator::Stop(Seconds(9));
    Simulator::Run();
    BOOST_TEST(atServer->received == 0u);
    BOOST_TEST(lan.Counters().Dropped(IpsecDropReason::FILTER_BLOCK) == 6u);
    BOOST_TEST(oldGone);
}

BOOST_AUTO_TEST_CASE(negotiate_without_sa_is_dropped_with_reason)
{
    Lan lan;
    lan.Driver()->AddFilter("srcaddr=me dstaddr=10.1.1.2 action=negotiate");
    auto atA = InstallUdpCounter(lan.a, 9);
    ScheduleUdp(lan.server, "10.1.1.2", 9, 4);
    Simulator::Stop(Seconds(3));
    Simulator::Run();
    BOOST_TEST(atA->received == 0u);
    BOOST_TEST(lan.Counters().Dropped(IpsecDropReason::NO_SA) == 4u);
    BOOST_TEST(lan.Counters().Dropped(IpsecDropReason::FILTER_BLOCK) == 0u);
}

BOOST_AUTO_TEST_CASE(forwarded_flow_through_router)
{
    // A (10.1.1.1) - R (10.1.1.2 | 10.1.2.1) - B (10.1.2.2); only the router runs IPsec.
    NodeContainer nodes;
    nodes.Create(3);
    Ptr<Node> a = nodes.Get(0);
    Ptr<Node> r = nodes.Get(1);
    Ptr<Node> b = nodes.Get(2);
    PointToPointHelper p2p;
    NetDeviceContainer left = p2p.Install(a, r);
    NetDeviceContainer right = p2p.Install(r, b);
    InternetStackHelper plain;
    plain.Install(NodeContainer(a, b));
    IpsecHelper ipsec;
    ipsec.Install(r);
    Ipv4AddressHelper addresses("10.1.1.0", "255.255.255.0");
    addresses.Assign(left);
    addresses.SetBase("10.1.2.0", "255.255.255.0");
    addresses.Assign(right);
    Ipv4GlobalRoutingHelper::PopulateRoutingTables();

    Ptr<IpsecDriver> driver = r->GetObject<IpsecDriver>();
    driver->AddFilter("srcaddr=10.1.1.1 dstaddr=10.1.2.2 protocol=udp dstport=9 mirrored=no "
                      "action=block");
    auto drops = RecordDrops(r);
    auto blocked = InstallUdpCounter(b, 9);
    auto allowed = InstallUdpCounter(b, 10);
    auto reverse = InstallUdpCounter(a, 9);
    ScheduleUdp(a, "10.1.2.2", 9, 5);
    ScheduleUdp(a, "10.1.2.2", 10, 4);
    ScheduleUdp(b, "10.1.1.1", 9, 3);
    Simulator::Stop(Seconds(3));
    Simulator::Run();
    BOOST_TEST(blocked->received == 0u);
    BOOST_TEST(allowed->received == 4u);
    BOOST_TEST(reverse->received == 3u); // not mirrored: the way back is not blocked
    BOOST_TEST(CountDrops(*drops, IpsecDirection::FORWARD, 17) == 5u);
    BOOST_TEST(driver->GetCounters().Permitted(IpsecDirection::FORWARD) == 7u);
    BOOST_TEST(driver->GetCounters().Permitted(IpsecDirection::INBOUND) == 0u);
}

/**
 * Run the same traffic (UDP both ways, pings, a TCP transfer) between two nodes and record
 * every reception time; with \p withIpsec both run the IPsec stack with an empty policy.
 */
std::vector<int64_t>
RunReferenceTraffic(bool withIpsec)
{
    NodeContainer nodes;
    nodes.Create(2);
    PointToPointHelper p2p;
    p2p.SetDeviceAttribute("DataRate", StringValue("10Mbps"));
    NetDeviceContainer devices = p2p.Install(nodes);
    if (withIpsec)
    {
        IpsecHelper().Install(nodes);
    }
    else
    {
        InternetStackHelper().Install(nodes);
    }
    Ipv4AddressHelper("10.9.0.0", "255.255.255.0").Assign(devices);
    std::vector<int64_t> times;
    auto record = [&times](Ptr<Socket> s) {
        while (s->Recv())
        {
            times.push_back(Simulator::Now().GetNanoSeconds());
        }
    };
    for (uint32_t i = 0; i < 2; ++i)
    {
        Ptr<Socket> rx = Socket::CreateSocket(nodes.Get(i), UdpSocketFactory::GetTypeId());
        rx->Bind(InetSocketAddress(Ipv4Address::GetAny(), 9));
        rx->SetRecvCallback(Callback<void, Ptr<Socket>>(record));
    }
    ScheduleUdp(nodes.Get(0), "10.9.0.2", 9, 10, Seconds(1), 700);
    ScheduleUdp(nodes.Get(1), "10.9.0.1", 9, 10, Seconds(1.05), 1200);
    Ptr<V4Ping> ping = CreateObject<V4Ping>();
    ping->SetAttribute("Remote", Ipv4AddressValue("10.9.0.2"));
    nodes.Get(0)->AddApplication(ping);
    ping->TraceConnectWithoutContext("Rtt", Callback<void, Time>([&times](Time rtt) {
                                         times.push_back(rtt.GetNanoSeconds());
                                     }));
    ping->SetStartTime(Seconds(1));
    PacketSinkHelper sink("ns3::TcpSocketFactory", InetSocketAddress(Ipv4Address::GetAny(), 80));
    ApplicationContainer sinkApp = sink.Install(nodes.Get(1));
    sinkApp.Get(0)->TraceConnectWithoutContext(
        "Rx",
        Callback<void, Ptr<const Packet>, const Address&>(
            [&times](Ptr<const Packet>, const Address&) {
                times.push_back(Simulator::Now().GetNanoSeconds());
            }));
    BulkSendHelper bulk("ns3::TcpSocketFactory", InetSocketAddress("10.9.0.2", 80));
    bulk.SetAttribute("MaxBytes", UintegerValue(200000));
    bulk.Install(nodes.Get(0)).Start(Seconds(1.5));
    Simulator::Stop(Seconds(5));
    Simulator::Run();
    Simulator::Destroy();
    return times;
}

BOOST_AUTO_TEST_CASE(empty_policy_behaves_like_plain_ns3)
{
    std::vector<int64_t> plain = RunReferenceTraffic(false);
    std::vector<int64_t> ipsec = RunReferenceTraffic(true);
    BOOST_TEST(plain.size() > 150u); // 20 datagrams, 4 pings and the TCP segments
    BOOST_TEST(plain == ipsec, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_SUITE_END()
