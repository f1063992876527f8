/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// Live policy updates: replacing or re-actioning a filter at simulation time deletes its SAs
// (reason policy-change, the peer is told), packets are lost until new SAs are negotiated, and
// a TCP transfer recovers by retransmission.

#include "ipsec-test-network.h"
#include "ipsec-test-topology.h"

#include "ns3/applications-module.h"
#include "ns3/point-to-point-module.h"

#include <boost/test/unit_test.hpp>

#include <string>
#include <vector>

using namespace ns3;
using namespace ns3::test;

namespace
{

/** A 10.1.1.1 sends a TCP bulk transfer to B 10.1.1.2; both require security between them. */
struct UpdateLink : SimulatorFixture
{
    NodeContainer nodes;
    Ptr<Node> a;
    Ptr<Node> b;
    uint32_t filterB{0};
    Ptr<PacketSink> sink;
    std::vector<std::pair<double, IpsecDropReason>> dropsB; //!< (time, reason)
    std::vector<std::string> deletedB;                      //!< SA deletion reasons at B
    std::vector<std::string> deletedA;                      //!< SA deletion reasons at A
    double lastDrop{-1};

    explicit UpdateLink(uint32_t bytes)
    {
        InstallIkePskLink(nodes);
        a = nodes.Get(0);
        b = nodes.Get(1);
        IpsecHelper::AddFilter(a, "srcaddr=me dstaddr=10.1.1.2 action=negotiate");
        filterB = IpsecHelper::GetDriver(b)->AddFilter(
            "srcaddr=me dstaddr=10.1.1.1 action=negotiate description=v1");
        BulkSendHelper bulk("ns3::TcpSocketFactory", InetSocketAddress("10.1.1.2", 80));
        bulk.SetAttribute("MaxBytes", UintegerValue(bytes));
        bulk.Install(a).Start(Seconds(1));
        PacketSinkHelper sinkHelper("ns3::TcpSocketFactory",
                                    InetSocketAddress(Ipv4Address::GetAny(), 80));
        sink = DynamicCast<PacketSink>(sinkHelper.Install(b).Get(0));
        IpsecHelper::GetDriver(b)->TraceConnectWithoutContext(
            "Drop",
            Callback<void,
                     Ptr<const Packet>,
                     const IpsecPacketSelector&,
                     IpsecDirection,
                     IpsecDropReason,
                     uint32_t>([this](Ptr<const Packet>,
                                      const IpsecPacketSelector&,
                                      IpsecDirection,
                                      IpsecDropReason reason,
                                      uint32_t) {
                dropsB.emplace_back(Simulator::Now().GetSeconds(), reason);
            }));
        for (auto [node, list] : {std::make_pair(a, &deletedA), std::make_pair(b, &deletedB)})
        {
            IpsecHelper::GetDriver(node)->TraceConnectWithoutContext(
                "SaDeleted",
                Callback<void, Ptr<const IpsecSa>, const std::string&>(
                    [list](Ptr<const IpsecSa>, const std::string& reason) {
                        list->push_back(reason);
                    }));
        }
    }
};

} // namespace

BOOST_AUTO_TEST_SUITE(ipsec_policy_update)

BOOST_AUTO_TEST_CASE(replacing_a_filter_loses_packets_until_renegotiation_and_tcp_recovers)
{
    const uint32_t bytes = 2000000;
    UpdateLink link(bytes);
    // At 2 s B's administrator pushes a new version of the rule: the filter is replaced.
    Simulator::Schedule(Seconds(2), [&link]() {
        Ptr<IpsecDriver> driver = IpsecHelper::GetDriver(link.b);
        driver->RemoveFilter(link.filterB);
        driver->AddFilter("srcaddr=me dstaddr=10.1.1.1 action=negotiate description=v2");
    });
    Simulator::Stop(Seconds(10));
    Simulator::Run();
    // TCP delivered everything despite the loss.
    BOOST_TEST(link.sink->GetTotalRx() == bytes);
    // B's pair went with its filter, A's on B's delete notification.
    BOOST_TEST(std::count(link.deletedB.begin(), link.deletedB.end(), "policy-change") == 2);
    BOOST_TEST(std::count(link.deletedA.begin(), link.deletedA.end(), "peer-delete") == 2);
    BOOST_TEST(IpsecHelper::GetIke(link.a)->GetCounters().deletesReceived == 1u);
    // The loss: what A had in flight under the old SAs when B deleted them.
    uint32_t unknownSpi = 0;
    double first = 1e9;
    double last = 0;
    for (const auto& [time, reason] : link.dropsB)
    {
        BOOST_TEST((reason == IpsecDropReason::UNKNOWN_SPI));
        unknownSpi += reason == IpsecDropReason::UNKNOWN_SPI ? 1 : 0;
        first = std::min(first, time);
        last = std::max(last, time);
    }
    // Everything A had queued or in flight under the old SAs when B deleted them: the device
    // queue drains for 57 ms after the deletion (A hears of it 5 ms in, and then holds new
    // segments until new SAs exist).
    BOOST_TEST(unknownSpi == 115u);
    BOOST_TEST(first >= 2.0);
    BOOST_TEST(last - first < 0.06);
    BOOST_TEST(IpsecHelper::GetIke(link.a)->GetCounters().quickModeSucceeded +
                   IpsecHelper::GetIke(link.b)->GetCounters().quickModeSucceeded >=
               3u);
}

BOOST_AUTO_TEST_CASE(changing_an_action_deletes_the_sas_and_reorders)
{
    UpdateLink link(100000);
    Simulator::Stop(Seconds(2));
    Simulator::Run();
    Ptr<IpsecDriver> driver = IpsecHelper::GetDriver(link.b);
    BOOST_TEST(driver->GetSad().GetN() == 2u);
    uint32_t id = driver->SetFilterAction(link.filterB, IpsecFilterAction::PERMIT);
    BOOST_TEST(id != link.filterB);
    BOOST_TEST(driver->GetSad().GetN() == 0u);
    BOOST_TEST(std::count(link.deletedB.begin(), link.deletedB.end(), "policy-change") == 2);
    BOOST_TEST((driver->GetSpd().Find(id)->filter.action == IpsecFilterAction::PERMIT));
    BOOST_CHECK_THROW(driver->SetFilterAction(12345, IpsecFilterAction::BLOCK), IpsecConfigError);
}

BOOST_AUTO_TEST_CASE(snmp_permit_rule_keeps_snmp_clear_while_the_rest_is_protected)
{
    // The seed's SNMP case: a permit rule for UDP 161/162 between manager and agent is more
    // specific than "require security for everything", so SNMP stays in the clear.
    SimulatorFixture fixture;
    NodeContainer nodes;
    nodes.Create(2);
    Ptr<Node> manager = nodes.Get(0);
    Ptr<Node> agent = nodes.Get(1);
    PointToPointHelper p2p;
    NetDeviceContainer devices = p2p.Install(nodes);
    IpsecHelper ipsec;
    ipsec.SetIkeAttribute("PreSharedKey", StringValue("secret"));
    ipsec.Install(nodes);
    Ipv4AddressHelper("10.1.1.0", "255.255.255.0").Assign(devices);
    for (auto [node, peer] :
         {std::make_pair(manager, "10.1.1.2"), std::make_pair(agent, "10.1.1.1")})
    {
        IpsecHelper::AddFilter(node,
                               std::string("srcaddr=me dstaddr=") + peer + " action=negotiate");
        for (const char* port : {"161", "162"})
        {
            IpsecHelper::AddFilter(node,
                                   std::string("srcaddr=me dstaddr=") + peer +
                                       " protocol=udp dstport=" + port + " action=permit");
            IpsecHelper::AddFilter(node,
                                   std::string("srcaddr=me dstaddr=") + peer +
                                       " protocol=udp srcport=" + port + " action=permit");
        }
    }
    auto get = InstallUdpCounter(agent, 161);
    auto trap = InstallUdpCounter(manager, 162);
    auto other = InstallUdpCounter(agent, 9);
    ScheduleUdp(manager, "10.1.1.2", 161, 5);
    ScheduleUdp(agent, "10.1.1.1", 162, 5);
    ScheduleUdp(manager, "10.1.1.2", 9, 5);
    Simulator::Stop(Seconds(5));
    Simulator::Run();
    BOOST_TEST(get->received == 5u);
    BOOST_TEST(trap->received == 5u);
    BOOST_TEST(other->received == 5u);
    const IpsecDriverCounters& m = IpsecHelper::GetDriver(manager)->GetCounters();
    BOOST_TEST(m.Permitted(IpsecDirection::OUTBOUND) == 5u);  // the SNMP gets
    BOOST_TEST(m.Permitted(IpsecDirection::INBOUND) == 5u);   // the traps
    BOOST_TEST(m.Protected(IpsecDirection::OUTBOUND) == 5u);  // everything else
    BOOST_TEST(IpsecHelper::GetIke(manager)->GetCounters().quickModeSucceeded == 1u);
}

BOOST_AUTO_TEST_SUITE_END()
