/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// Falling back to clear (soft SAs): timing per OS profile, no fallback after an IKE answer
// (except with the Simple Policy Update), idle expiry and renegotiation, inbound passthrough,
// and the seed's server roles.

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

/**
 * Client C 10.1.1.1 (IPsec, a Negotiate filter for everything to S) and server S 10.1.1.2 on a
 * 10 Mb/s, 5 ms link. S runs IPsec without a Negotiate filter (its IKE stays silent) unless a
 * test gives it one.
 */
struct SoftSaLink : SimulatorFixture
{
    NodeContainer nodes;
    Ptr<Node> c;
    Ptr<Node> s;
    std::vector<std::pair<double, std::string>> fellBack;  //!< (time, why) at C
    std::vector<std::pair<double, std::string>> softSa;    //!< (time, event) at C

    explicit SoftSaLink(const std::string& profile, const std::string& clientFilter)
    {
        InstallIkePskLink(nodes, Seconds(20));
        c = nodes.Get(0);
        s = nodes.Get(1);
        IpsecHelper::SetOsProfile(nodes, profile);
        IpsecHelper::AddFilter(c, clientFilter);
        IpsecHelper::GetIke(c)->TraceConnectWithoutContext(
            "FellBackToClear",
            Callback<void, Ipv4Address, const std::string&>(
                [this](Ipv4Address, const std::string& why) {
                    fellBack.emplace_back(Simulator::Now().GetSeconds(), why);
                }));
        IpsecHelper::GetDriver(c)->TraceConnectWithoutContext(
            "SoftSa",
            Callback<void, Ipv4Address, uint32_t, const std::string&>(
                [this](Ipv4Address, uint32_t, const std::string& event) {
                    softSa.emplace_back(Simulator::Now().GetSeconds(), event);
                }));
    }

    void Run(double seconds)
    {
        Simulator::Stop(Seconds(seconds));
        Simulator::Run();
    }
};

const char* const REQUEST_WITH_FALLBACK =
    "srcaddr=me dstaddr=10.1.1.2 action=negotiate fallback=yes passthrough=yes";

/** First reception time at a UDP port. */
struct FirstArrival
{
    Ptr<Socket> socket;
    double first{-1};
    uint32_t received{0};
};

std::shared_ptr<FirstArrival>
WatchArrivals(Ptr<Node> node, uint16_t port)
{
    auto arrival = std::make_shared<FirstArrival>();
    arrival->socket = Socket::CreateSocket(node, UdpSocketFactory::GetTypeId());
    arrival->socket->Bind(InetSocketAddress(Ipv4Address::GetAny(), port));
    FirstArrival* raw = arrival.get();
    arrival->socket->SetRecvCallback(Callback<void, Ptr<Socket>>([raw](Ptr<Socket> s) {
        while (s->Recv())
        {
            if (raw->first < 0)
            {
                raw->first = Simulator::Now().GetSeconds();
            }
            ++raw->received;
        }
    }));
    return arrival;
}

/**
 * An echo server on S port 53 (a DNS stand-in) and a client on C asking it once a second from
 * 1 s to 10 s.
 * \return the number of answers C got (filled in while the simulation runs)
 */
std::shared_ptr<uint32_t>
QueryServer(SoftSaLink& link)
{
    UdpEchoServerHelper echo(53);
    echo.Install(link.s).Start(Seconds(0));
    auto replies = std::make_shared<uint32_t>(0);
    Ptr<Socket> client = Socket::CreateSocket(link.c, UdpSocketFactory::GetTypeId());
    client->Bind();
    client->SetRecvCallback(Callback<void, Ptr<Socket>>([replies](Ptr<Socket> s) {
        while (s->Recv())
        {
            ++*replies;
        }
    }));
    for (int i = 0; i < 10; ++i)
    {
        Simulator::Schedule(Seconds(1 + i), [client]() {
            client->SendTo(Create<Packet>(40), 0, InetSocketAddress("10.1.1.2", 53));
        });
    }
    return replies;
}

} // namespace

BOOST_AUTO_TEST_SUITE(ipsec_soft_sa)

BOOST_AUTO_TEST_CASE(fallback_delay_per_profile)
{
    // Windows 2000 falls back only after ICMP unreachable, and S's IKE stays silent: see
    // ipsec-win2000-fallback-test.cc.
    for (const auto& [profile, delay] : {std::make_pair("winxp", 3.0),
                                         std::make_pair("win2003", 3.0),
                                         std::make_pair("win2003sp2", 0.5)})
    {
        SoftSaLink link(profile, REQUEST_WITH_FALLBACK);
        auto atS = WatchArrivals(link.s, 9);
        ScheduleUdp(link.c, "10.1.1.2", 9, 10); // 1.0 .. 1.9 s
        link.Run(10);
        BOOST_REQUIRE_MESSAGE(link.fellBack.size() == 1u, profile);
        BOOST_TEST(link.fellBack[0].first == 1.0 + delay, profile);
        BOOST_TEST(link.fellBack[0].second == "no IKE answer", profile);
        // Held packets leave at the fallback; the first arrives one link delay plus its
        // transmission (130 bytes with UDP, IPv4 and PPP headers, at 10 Mb/s) later.
        BOOST_TEST(atS->received == 10u, profile);
        BOOST_TEST(std::abs(atS->first - (1.0 + delay + 0.005 + 130 * 8 / 10e6)) < 1e-9, profile);
        BOOST_TEST(IpsecHelper::GetDriver(link.c)->GetNSoftSas() == 1u, profile);
        BOOST_TEST(IpsecHelper::GetDriver(link.c)->GetCounters().clearBySoftSa[0] == 10u, profile);
        Simulator::Destroy();
    }
}

BOOST_AUTO_TEST_CASE(no_fallback_after_an_ike_answer_unless_simple_policy_update)
{
    for (const auto& [profile, fallsBack] : {std::make_pair("win2003", false),
                                             std::make_pair("win2003sp2", true)})
    {
        SoftSaLink link(profile, REQUEST_WITH_FALLBACK);
        // S runs IKE with another key: it answers, and authentication fails.
        IpsecHelper::AddFilter(link.s, "srcaddr=me dstaddr=10.1.1.1 action=negotiate");
        IpsecHelper::GetIke(link.s)->SetAttribute("PreSharedKey", StringValue("other"));
        auto atS = WatchArrivals(link.s, 9);
        auto drops = RecordDrops(link.c);
        ScheduleUdp(link.c, "10.1.1.2", 9, 1);
        link.Run(5);
        BOOST_TEST(link.fellBack.size() == (fallsBack ? 1u : 0u), profile);
        if (fallsBack)
        {
            BOOST_TEST(link.fellBack[0].second ==
                       "negotiation failed: main mode: peer: AUTHENTICATION_FAILED");
            // S itself still requires security: the clear packet is refused there.
            BOOST_TEST(atS->received == 0u);
            BOOST_TEST(IpsecHelper::GetDriver(link.s)->GetCounters().Dropped(
                           IpsecDropReason::UNPROTECTED) == 1u);
        }
        else
        {
            BOOST_REQUIRE(drops->size() == 1u);
            BOOST_TEST((drops->at(0).reason == IpsecDropReason::NEGOTIATION_FAILED));
        }
        Simulator::Destroy();
    }
}

BOOST_AUTO_TEST_CASE(soft_sa_idles_out_and_a_capable_peer_gets_a_real_sa)
{
    SoftSaLink link("win2003", REQUEST_WITH_FALLBACK);
    auto atS = WatchArrivals(link.s, 9);
    ScheduleUdp(link.c, "10.1.1.2", 9, 5);              // 1.0 - 1.4 s: soft SA at 4.0 s
    // S becomes IPsec-capable at 10 s; the soft SA idles out 20 s after its last use.
    Simulator::Schedule(Seconds(10), [&link]() {
        IpsecHelper::AddFilter(link.s, "srcaddr=me dstaddr=10.1.1.1 action=negotiate");
    });
    ScheduleUdp(link.c, "10.1.1.2", 9, 5, Seconds(15)); // still clear, through the soft SA
    ScheduleUdp(link.c, "10.1.1.2", 9, 5, Seconds(40)); // after the soft SA is gone
    link.Run(45);
    BOOST_REQUIRE(link.softSa.size() == 2u);
    BOOST_TEST(link.softSa[0].first == 4.0);
    BOOST_TEST(link.softSa[0].second == "installed");
    BOOST_TEST(link.softSa[1].first == 35.4); // last clear packet at 15.4 s + 20 s
    BOOST_TEST(link.softSa[1].second == "deleted: idle");
    const IpsecDriverCounters& c = IpsecHelper::GetDriver(link.c)->GetCounters();
    BOOST_TEST(c.clearBySoftSa[0] == 10u);
    BOOST_TEST(c.Protected(IpsecDirection::OUTBOUND) == 5u);
    BOOST_TEST(IpsecHelper::GetIke(link.c)->GetCounters().quickModeSucceeded == 1u);
    // S requires security from 10 s: the clear packets of 15 s (soft SA still alive at C) are
    // refused there; the protected ones of 40 s arrive.
    BOOST_TEST(atS->received == 10u);
    const IpsecDriverCounters& sc = IpsecHelper::GetDriver(link.s)->GetCounters();
    BOOST_TEST(sc.Dropped(IpsecDropReason::UNPROTECTED) == 5u);
    BOOST_TEST(sc.Protected(IpsecDirection::INBOUND) == 5u);
}

BOOST_AUTO_TEST_CASE(server_roles_with_and_without_fallback)
{
    // The seed: a DC / DNS server whose policy allows fallback keeps serving clients without
    // IPsec; without it they are cut off. Here S is the server with the policy and C a client
    // without any Negotiate filter (its IKE stays silent).
    for (bool fallback : {true, false})
    {
        std::string serverPolicy =
            fallback ? "srcaddr=me dstaddr=any action=negotiate fallback=yes passthrough=yes"
                     : "srcaddr=me dstaddr=any action=negotiate";
        SoftSaLink link("win2003", "srcaddr=me dstaddr=10.9.9.9 action=permit");
        IpsecHelper::AddFilter(link.s, serverPolicy);
        auto replies = QueryServer(link);
        link.Run(15);
        const IpsecDriverCounters& sc = IpsecHelper::GetDriver(link.s)->GetCounters();
        if (fallback)
        {
            // Requests at 1, 2 and 3 s are accepted by passthrough; their replies wait for S's
            // IKE to give up on C (at 4 s), then everything flows through the soft SA.
            BOOST_TEST(*replies == 10u);
            BOOST_TEST(sc.passthrough == 3u);
            BOOST_TEST(sc.clearBySoftSa[1] == 7u);
            BOOST_TEST(sc.clearBySoftSa[0] == 10u);
        }
        else
        {
            BOOST_TEST(*replies == 0u);
            BOOST_TEST(sc.Dropped(IpsecDropReason::UNPROTECTED) == 10u);
        }
        Simulator::Destroy();
    }
}

BOOST_AUTO_TEST_CASE(default_response_rule_secures_the_client)
{
    // S requests security; C has no Negotiate filter but the default response rule (Windows'
    // "Client (Respond Only)"): C's first request passes in the clear, S's reply starts IKE,
    // C answers it, and from then on both directions are protected.
    SoftSaLink link("win2003", "srcaddr=me dstaddr=10.9.9.9 action=permit");
    IpsecHelper::AddFilter(link.s,
                           "srcaddr=me dstaddr=any action=negotiate fallback=yes passthrough=yes");
    IpsecHelper::GetIke(link.c)->SetAttribute("DefaultResponseRule", BooleanValue(true));
    auto replies = QueryServer(link);
    link.Run(15);
    const IpsecDriverCounters& sc = IpsecHelper::GetDriver(link.s)->GetCounters();
    const IpsecDriverCounters& cc = IpsecHelper::GetDriver(link.c)->GetCounters();
    BOOST_TEST(*replies == 10u);
    BOOST_TEST(sc.passthrough == 1u);
    BOOST_TEST(sc.Protected(IpsecDirection::INBOUND) == 9u);
    BOOST_TEST(sc.Protected(IpsecDirection::OUTBOUND) == 10u);
    BOOST_TEST(cc.Protected(IpsecDirection::OUTBOUND) == 9u);
    BOOST_TEST(link.fellBack.empty());
    BOOST_TEST(IpsecHelper::GetIke(link.c)->GetCounters().quickModeSucceeded == 1u);
    // The filter the rule made for this negotiation.
    bool found = false;
    for (const IpsecSpdEntry* entry : IpsecHelper::GetDriver(link.c)->GetSpd().GetOrderedEntries())
    {
        found = found || entry->filter.description == "default response";
    }
    BOOST_TEST(found);
}

BOOST_AUTO_TEST_CASE(filter_options_parse_and_need_negotiate)
{
    IpsecFilter f = IpsecFilter::Parse("srcaddr=me action=negotiate fallback=yes passthrough=yes");
    BOOST_TEST(f.fallbackToClear);
    BOOST_TEST(f.inboundPassthrough);
    BOOST_TEST(IpsecFilter::Parse(f.ToString()).fallbackToClear);
    try
    {
        IpsecFilter::Parse("srcaddr=me action=permit fallback=yes");
        BOOST_FAIL("accepted fallback on a permit filter");
    }
    catch (const IpsecConfigError& e)
    {
        BOOST_TEST(std::string(e.what()).find("fallback") != std::string::npos);
    }
}

BOOST_AUTO_TEST_SUITE_END()
