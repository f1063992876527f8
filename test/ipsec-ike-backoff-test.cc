/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// The back-off between failed negotiations with the same peer (IkeService attributes
// FailedNegotiationBackoff / FailedNegotiationBackoffMax): exact attempt times with doubling,
// the default (none: every packet after a failure negotiates again), and the reset once SAs
// are made.

#include "ipsec-test-network.h"
#include "ipsec-test-topology.h"

#include <boost/test/unit_test.hpp>

#include <string>
#include <vector>

using namespace ns3;
using namespace ns3::test;

namespace
{

/**
 * A (10.1.1.1) and B (10.1.1.2), both with IKE, on a 10 Mb/s, 5 ms link; A requires security
 * with B, B answers with the wrong preshared key, so every main mode A starts fails at
 * authentication a few milliseconds later. A sends a datagram to B once a second from 1 s.
 */
struct FailingPeer : SimulatorFixture
{
    NodeContainer nodes;
    Ptr<Node> a;
    Ptr<Node> b;
    std::vector<double> started; //!< A's main modes (initiator)
    std::vector<double> failed;  //!< A's failed main modes
    std::vector<std::pair<double, IpsecDropReason>> drops; //!< A's drops

    FailingPeer(Time backoff, Time maxBackoff, uint32_t packets)
    {
        InstallIkePskLink(nodes);
        a = nodes.Get(0);
        b = nodes.Get(1);
        IpsecHelper::AddFilter(a, "srcaddr=me dstaddr=10.1.1.2 action=negotiate");
        IpsecHelper::AddFilter(b, "srcaddr=me dstaddr=10.1.1.1 action=negotiate");
        IpsecHelper::GetIke(b)->SetAttribute("PreSharedKey", StringValue("other"));
        Ptr<IkeService> ike = IpsecHelper::GetIke(a);
        ike->SetAttribute("FailedNegotiationBackoff", TimeValue(backoff));
        ike->SetAttribute("FailedNegotiationBackoffMax", TimeValue(maxBackoff));
        ike->TraceConnectWithoutContext(
            "MainModeStarted",
            Callback<void, Ipv4Address, const std::string&>(
                [this](Ipv4Address, const std::string& role) {
                    if (role == "initiator")
                    {
                        started.push_back(Simulator::Now().GetSeconds());
                    }
                }));
        ike->TraceConnectWithoutContext(
            "MainModeFailed",
            Callback<void, Ipv4Address, const std::string&>(
                [this](Ipv4Address, const std::string&) {
                    failed.push_back(Simulator::Now().GetSeconds());
                }));
        IpsecHelper::GetDriver(a)->TraceConnectWithoutContext(
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
                drops.emplace_back(Simulator::Now().GetSeconds(), reason);
            }));
        Ptr<Socket> socket = Socket::CreateSocket(a, UdpSocketFactory::GetTypeId());
        socket->Bind();
        for (uint32_t i = 0; i < packets; ++i)
        {
            Simulator::Schedule(Seconds(1 + i), [socket]() {
                socket->SendTo(Create<Packet>(100), 0, InetSocketAddress("10.1.1.2", 9));
            });
        }
    }

    void Run(double seconds)
    {
        Simulator::Stop(Seconds(seconds));
        Simulator::Run();
    }
};

} // namespace

BOOST_AUTO_TEST_SUITE(ipsec_ike_backoff)

BOOST_AUTO_TEST_CASE(default_is_no_backoff)
{
    // Today's behaviour: every packet after a failure starts a new main mode.
    FailingPeer link(Seconds(0), Seconds(0), 5);
    link.Run(10);
    BOOST_TEST(link.started == (std::vector<double>{1.0, 2.0, 3.0, 4.0, 5.0}),
               boost::test_tools::per_element());
    BOOST_TEST(link.failed.size() == 5u);
    BOOST_TEST(IpsecHelper::GetIke(link.a)->GetCounters().backedOff == 0u);
    BOOST_TEST(IpsecHelper::GetIke(link.a)->GetBackoffEnd("10.1.1.2") == Seconds(0));
}

BOOST_AUTO_TEST_CASE(backoff_doubles_up_to_its_maximum)
{
    FailingPeer link(Seconds(5), Seconds(20), 45); // packets at 1, 2, ..., 45 s
    link.Run(50);
    // Attempt at 1 s fails at f1 (a few ms later): back-off 5 s, so the packets at 2-6 s are
    // dropped at once and the one at 7 s tries again; then 10 s (next try 18 s), then 20 s
    // (39 s), then 20 s again (the maximum).
    BOOST_TEST(link.started == (std::vector<double>{1.0, 7.0, 18.0, 39.0}),
               boost::test_tools::per_element());
    BOOST_REQUIRE(link.failed.size() == 4u);
    for (size_t i = 0; i < 4; ++i)
    {
        BOOST_TEST(link.failed[i] > link.started[i]);
        BOOST_TEST(link.failed[i] < link.started[i] + 0.5);
    }
    Ptr<IkeService> ike = IpsecHelper::GetIke(link.a);
    BOOST_TEST(ike->GetBackoffEnd("10.1.1.2") == Seconds(link.failed[3]) + Seconds(20));
    // 41 packets found the back-off on and were dropped at once (negotiation-failed, at the
    // moment they were sent); the 4 that started a main mode were dropped when it failed.
    BOOST_TEST(ike->GetCounters().backedOff == 41u);
    BOOST_REQUIRE(link.drops.size() == 45u);
    uint32_t atOnce = 0;
    for (const auto& [at, reason] : link.drops)
    {
        BOOST_TEST((reason == IpsecDropReason::NEGOTIATION_FAILED));
        atOnce += (at == std::floor(at)) ? 1 : 0;
    }
    BOOST_TEST(atOnce == 41u);
}

BOOST_AUTO_TEST_CASE(constant_backoff_without_a_larger_maximum)
{
    FailingPeer link(Seconds(5), Seconds(0), 20);
    link.Run(25);
    BOOST_TEST(link.started == (std::vector<double>{1.0, 7.0, 13.0, 19.0}),
               boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(success_clears_the_backoff)
{
    FailingPeer link(Seconds(5), Seconds(20), 20);
    // B gets the right key at 10 s: the try at 18 s (after 5 s + 10 s of back-off) succeeds.
    Simulator::Schedule(Seconds(10), [&link]() {
        IpsecHelper::GetIke(link.b)->SetAttribute("PreSharedKey", StringValue("secret"));
    });
    auto atB = InstallUdpCounter(link.b, 9);
    link.Run(25);
    BOOST_TEST(link.started == (std::vector<double>{1.0, 7.0, 18.0}),
               boost::test_tools::per_element());
    BOOST_TEST(link.failed.size() == 2u);
    BOOST_TEST(IpsecHelper::GetIke(link.a)->GetBackoffEnd("10.1.1.2") == Seconds(0));
    BOOST_TEST(IpsecHelper::GetIke(link.a)->GetCounters().quickModeSucceeded == 1u);
    BOOST_TEST(atB->received == 3u); // 18, 19 and 20 s
}

BOOST_AUTO_TEST_CASE(backoff_record_forgotten_after_the_maximum)
{
    // Packets at 1-3 s, then none: the try at 1 s fails at f (a few ms later), back-off 5 s
    // (maximum 20 s). The record is kept for the back-off and 20 s more (a failure then would
    // still double), then forgotten: a peer that failed once does not stay in memory.
    FailingPeer link(Seconds(5), Seconds(20), 3);
    Ptr<IkeService> ike = IpsecHelper::GetIke(link.a);
    link.Run(2);
    BOOST_REQUIRE(link.failed.size() == 1u);
    BOOST_TEST(ike->GetNBackoffRecords() == 1u);
    Time forget = Seconds(link.failed[0]) + Seconds(25);
    Simulator::Stop(forget - Simulator::Now() - NanoSeconds(1));
    Simulator::Run();
    BOOST_TEST(ike->GetNBackoffRecords() == 1u);
    Simulator::Stop(NanoSeconds(1));
    Simulator::Run();
    BOOST_TEST(ike->GetNBackoffRecords() == 0u);
    BOOST_TEST(ike->GetBackoffEnd("10.1.1.2") == Seconds(0));
}

BOOST_AUTO_TEST_SUITE_END()
