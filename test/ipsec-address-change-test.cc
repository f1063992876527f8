/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// An address change (roaming to another subnet, a new DHCP lease) invalidates every SA bound to
// the old address at once on the node that moved; the next packet negotiates from the new one.

#include "ipsec-test-network.h"
#include "ipsec-test-topology.h"

#include "ns3/point-to-point-module.h"

#include <boost/test/unit_test.hpp>

#include <string>
#include <vector>

using namespace ns3;
using namespace ns3::test;

BOOST_AUTO_TEST_SUITE(ipsec_address_change)

BOOST_AUTO_TEST_CASE(sas_of_the_old_address_go_and_new_ones_are_negotiated)
{
    SimulatorFixture fixture;
    NodeContainer nodes;
    InstallIkePskLink(nodes, Seconds(20));
    Ptr<Node> a = nodes.Get(0);
    Ptr<Node> b = nodes.Get(1);
    IpsecHelper::AddFilter(a, "srcaddr=me dstaddr=10.1.1.2 action=negotiate");
    IpsecHelper::AddFilter(b, "srcaddr=me dstaddr=any action=negotiate");
    std::vector<std::pair<double, std::string>> deletedA;
    std::vector<std::pair<double, std::string>> deletedB;
    std::vector<std::string> mainModesDeletedA;
    for (auto [node, list] : {std::make_pair(a, &deletedA), std::make_pair(b, &deletedB)})
    {
        IpsecHelper::GetDriver(node)->TraceConnectWithoutContext(
            "SaDeleted",
            Callback<void, Ptr<const IpsecSa>, const std::string&>(
                [list](Ptr<const IpsecSa>, const std::string& reason) {
                    list->emplace_back(Simulator::Now().GetSeconds(), reason);
                }));
    }
    IpsecHelper::GetIke(a)->TraceConnectWithoutContext(
        "MainModeDeleted",
        Callback<void, Ipv4Address, const std::string&>(
            [&mainModesDeletedA](Ipv4Address, const std::string& reason) {
                mainModesDeletedA.push_back(reason);
            }));
    std::vector<Ipv4Address> outboundSources;
    IpsecHelper::GetDriver(a)->TraceConnectWithoutContext(
        "SaInstalled",
        Callback<void, Ptr<const IpsecSa>, const std::string&>(
            [&outboundSources](Ptr<const IpsecSa> sa, const std::string&) {
                if (!sa->IsInbound())
                {
                    outboundSources.push_back(sa->GetConfig().source);
                }
            }));
    auto atB = InstallUdpCounter(b, 9);
    ScheduleUdp(a, "10.1.1.2", 9, 10); // 1.0 - 1.9 s from 10.1.1.1
    // At 5 s A moves to 10.1.1.5 (as a new DHCP lease does: the old address goes first).
    Simulator::Schedule(Seconds(5), [a]() {
        Ptr<Ipv4> ipv4 = a->GetObject<Ipv4>();
        ipv4->RemoveAddress(1, Ipv4Address("10.1.1.1"));
        ipv4->AddAddress(1, Ipv4InterfaceAddress("10.1.1.5", "255.255.255.0"));
    });
    ScheduleUdp(a, "10.1.1.2", 9, 5, Seconds(6));
    Simulator::Stop(Seconds(40));
    Simulator::Run();

    // A: both SAs of the old address deleted at 5 s with that reason, and its main mode SA.
    BOOST_REQUIRE(deletedA.size() >= 2u);
    BOOST_TEST(deletedA[0].first == 5.0);
    BOOST_TEST(deletedA[0].second == "address-change");
    BOOST_TEST(deletedA[1].first == 5.0);
    BOOST_TEST(deletedA[1].second == "address-change");
    BOOST_TEST(mainModesDeletedA == std::vector<std::string>{"address-change"},
               boost::test_tools::per_element());
    // The next packets negotiate again, from the new address: a full main mode (IKEv1 cannot
    // move an SA) and a quick mode.
    BOOST_TEST(atB->received == 15u);
    const IkeCounters& ca = IpsecHelper::GetIke(a)->GetCounters();
    BOOST_TEST(ca.mainModeSucceeded == 2u);
    BOOST_TEST(ca.quickModeSucceeded == 2u);
    BOOST_TEST(outboundSources ==
                   (std::vector<Ipv4Address>{Ipv4Address("10.1.1.1"), Ipv4Address("10.1.1.5")}),
               boost::test_tools::per_element());
    // B was not told (no delete from an address it does not know for those SAs): its old pair
    // ends by idle time, 20 s after its last use at 1.9 s (+5 ms on the wire).
    BOOST_REQUIRE(!deletedB.empty());
    BOOST_TEST(deletedB[0].second == "idle");
    BOOST_TEST(std::abs(deletedB[0].first - 21.905) < 0.001);
}

BOOST_AUTO_TEST_SUITE_END()
