/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// Falling back to clear, Windows 2000's rule (KB 234580): four ISAKMP tries, then a soft SA
// only if ICMP unreachable came back; XP and Server 2003 keep falling back on silence; and
// soft SAs end with the address they were made from.

#include "ipsec-test-network.h"
#include "ipsec-test-topology.h"

#include <boost/test/unit_test.hpp>

#include <memory>
#include <string>
#include <utility>
#include <vector>

using namespace ns3;
using namespace ns3::test;

namespace
{

/** How the peer treats the client's UDP 500 datagrams. */
enum class Peer
{
    SILENT,     //!< a UDP 500 socket that reads and never answers: no IKE, no ICMP
    ICMP_PORT,  //!< nothing on UDP 500: ns-3 answers with ICMP port unreachable
};

/**
 * Client C 10.1.1.1 (IPsec with IKE) and server S 10.1.1.2 (plain ns-3, no IPsec) on a
 * 10 Mb/s, 5 ms link; C negotiates everything with S under \p clientFilter.
 */
struct FallbackLink : SimulatorFixture
{
    NodeContainer nodes;
    Ptr<Node> c;
    Ptr<Node> s;
    Ptr<Socket> sink;                                      //!< S's silent UDP 500 socket
    uint32_t sinkReceived{0};                              //!< datagrams it swallowed
    std::vector<double> mainSent;                          //!< main mode messages C sent
    std::vector<std::pair<double, std::string>> started;   //!< C's MainModeStarted
    std::vector<std::pair<double, std::string>> failed;    //!< C's MainModeFailed
    std::vector<std::pair<double, std::string>> fellBack;  //!< C's FellBackToClear
    std::vector<std::pair<double, std::string>> softSa;    //!< C's SoftSa events
    std::vector<std::pair<double, IpsecDropReason>> drops; //!< C's drops

    FallbackLink(const std::string& profile, Peer peer, const std::string& clientFilter)
    {
        NetDeviceContainer devices = CreateTestLink(nodes);
        c = nodes.Get(0);
        s = nodes.Get(1);
        IpsecHelper ipsec;
        ipsec.SetIkeAttribute("PreSharedKey", StringValue("secret"));
        ipsec.Install(c);
        InternetStackHelper().Install(s);
        Ipv4AddressHelper("10.1.1.0", "255.255.255.0").Assign(devices);
        IpsecHelper::SetOsProfile(c, profile);
        IpsecHelper::AddFilter(c, clientFilter);
        if (peer == Peer::SILENT)
        {
            sink = Socket::CreateSocket(s, UdpSocketFactory::GetTypeId());
            sink->Bind(InetSocketAddress(Ipv4Address::GetAny(), 500));
            sink->SetRecvCallback(Callback<void, Ptr<Socket>>([this](Ptr<Socket> socket) {
                while (socket->Recv())
                {
                    ++sinkReceived;
                }
            }));
        }
        Ptr<IkeService> ike = IpsecHelper::GetIke(c);
        ike->TraceConnectWithoutContext(
            "MessageSent",
            Callback<void, Ipv4Address, const std::string&, uint32_t>(
                [this](Ipv4Address, const std::string& exchange, uint32_t) {
                    if (exchange == "main")
                    {
                        mainSent.push_back(Simulator::Now().GetSeconds());
                    }
                }));
        Record(ike, "MainModeStarted", started);
        Record(ike, "MainModeFailed", failed);
        Record(ike, "FellBackToClear", fellBack);
        IpsecHelper::GetDriver(c)->TraceConnectWithoutContext(
            "SoftSa",
            Callback<void, Ipv4Address, uint32_t, const std::string&>(
                [this](Ipv4Address, uint32_t, const std::string& event) {
                    softSa.emplace_back(Simulator::Now().GetSeconds(), event);
                }));
        IpsecHelper::GetDriver(c)->TraceConnectWithoutContext(
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
    }

    static void Record(Ptr<IkeService> ike,
                       const std::string& source,
                       std::vector<std::pair<double, std::string>>& list)
    {
        ike->TraceConnectWithoutContext(
            source,
            Callback<void, Ipv4Address, const std::string&>(
                [&list](Ipv4Address, const std::string& detail) {
                    list.emplace_back(Simulator::Now().GetSeconds(), detail);
                }));
    }

    void Run(double seconds)
    {
        Simulator::Stop(Seconds(seconds));
        Simulator::Run();
    }

    const IkeCounters& Counters() const
    {
        return IpsecHelper::GetIke(c)->GetCounters();
    }
};

/** Windows' "Request security": negotiate, accept clear inbound, fall back to clear. */
const char* const REQUEST_SECURITY =
    "srcaddr=me dstaddr=10.1.1.2 action=negotiate fallback=yes passthrough=yes";

/** Datagrams arriving at a UDP port, and when the first came. */
struct Arrivals
{
    Ptr<Socket> socket; //!< the bound socket
    double first{-1};   //!< first arrival (s), -1 before
    uint32_t count{0};  //!< datagrams received
};

std::shared_ptr<Arrivals>
WatchArrivals(Ptr<Node> node, uint16_t port)
{
    auto arrivals = std::make_shared<Arrivals>();
    arrivals->socket = Socket::CreateSocket(node, UdpSocketFactory::GetTypeId());
    arrivals->socket->Bind(InetSocketAddress(Ipv4Address::GetAny(), port));
    Arrivals* raw = arrivals.get();
    arrivals->socket->SetRecvCallback(Callback<void, Ptr<Socket>>([raw](Ptr<Socket> s) {
        while (s->Recv())
        {
            if (raw->first < 0)
            {
                raw->first = Simulator::Now().GetSeconds();
            }
            ++raw->count;
        }
    }));
    return arrivals;
}

/** The first datagram's arrival at S after leaving C at \p t (130 bytes on the wire). */
double
ArrivalAfter(double t)
{
    return t + 0.005 + 130 * 8 / 10e6;
}

/** Message 1 and its retransmissions with the defaults: 1 s doubling, three of them. */
const std::vector<double> FOUR_TRIES{1.0, 2.0, 4.0, 8.0};

} // namespace

BOOST_AUTO_TEST_SUITE(ipsec_win2000_fallback)

BOOST_AUTO_TEST_CASE(profile_chooses_the_rule)
{
    for (const auto& [profile, rule] :
         {std::make_pair("win2000", IkeFallbackRule::ICMP_UNREACHABLE),
          std::make_pair("winxp", IkeFallbackRule::SILENCE),
          std::make_pair("win2003", IkeFallbackRule::SILENCE),
          std::make_pair("win2003sp2", IkeFallbackRule::SILENCE)})
    {
        FallbackLink link(profile, Peer::ICMP_PORT, REQUEST_SECURITY);
        BOOST_TEST((IpsecHelper::GetIke(link.c)->GetFallbackRule() == rule), profile);
        // The attribute overrides the profile either way.
        IpsecHelper::GetIke(link.c)->SetAttribute("FallbackRule", StringValue("silence"));
        BOOST_TEST((IpsecHelper::GetIke(link.c)->GetFallbackRule() == IkeFallbackRule::SILENCE));
        IpsecHelper::GetIke(link.c)->SetAttribute("FallbackRule",
                                                  StringValue("icmp-unreachable"));
        BOOST_TEST((IpsecHelper::GetIke(link.c)->GetFallbackRule() ==
                    IkeFallbackRule::ICMP_UNREACHABLE));
        Simulator::Destroy();
    }
}

BOOST_AUTO_TEST_CASE(win2000_silent_peer_gets_no_soft_sa)
{
    FallbackLink link("win2000", Peer::SILENT, REQUEST_SECURITY);
    auto atS = WatchArrivals(link.s, 9);
    ScheduleUdp(link.c, "10.1.1.2", 9, 10); // 1.0 - 1.9 s, held
    link.Run(30);
    // Four tries of message 1 (0, 1, 3, 7 s after the first packet), all swallowed.
    BOOST_TEST(link.mainSent == FOUR_TRIES, boost::test_tools::per_element());
    BOOST_TEST(link.sinkReceived == 4u);
    BOOST_TEST(link.Counters().icmpUnreachable == 0u);
    // No answer of any kind: the main mode gives up one doubled interval after the fourth
    // try, and the held packets are dropped then; no soft SA ever.
    BOOST_REQUIRE(link.failed.size() == 1u);
    BOOST_TEST(link.failed[0].first == 16.0);
    BOOST_TEST(link.failed[0].second == "no-response");
    BOOST_TEST(link.fellBack.empty());
    BOOST_TEST(link.softSa.empty());
    BOOST_TEST(IpsecHelper::GetDriver(link.c)->GetNSoftSas() == 0u);
    BOOST_REQUIRE(link.drops.size() == 10u);
    for (const auto& [at, reason] : link.drops)
    {
        BOOST_TEST(at == 16.0);
        BOOST_TEST((reason == IpsecDropReason::NEGOTIATION_FAILED));
    }
    BOOST_TEST(atS->count == 0u);
}

BOOST_AUTO_TEST_CASE(win2000_icmp_unreachable_peer_gets_a_soft_sa_after_four_tries)
{
    FallbackLink link("win2000", Peer::ICMP_PORT, REQUEST_SECURITY);
    auto atS = WatchArrivals(link.s, 9);
    ScheduleUdp(link.c, "10.1.1.2", 9, 10); // 1.0 - 1.9 s, held
    link.Run(30);
    // The same four tries; each draws an ICMP port unreachable (passthrough lets it in).
    BOOST_TEST(link.mainSent == FOUR_TRIES, boost::test_tools::per_element());
    BOOST_TEST(link.Counters().icmpUnreachable == 4u);
    // The 3 s of XP's rule pass without a fallback: Windows 2000 makes all four tries first.
    BOOST_REQUIRE(link.fellBack.size() == 1u);
    BOOST_TEST(link.fellBack[0].first == 16.0);
    BOOST_TEST(link.fellBack[0].second == "only ICMP unreachable");
    BOOST_REQUIRE(link.failed.size() == 1u);
    BOOST_TEST(link.failed[0].first == 16.0);
    BOOST_TEST(link.failed[0].second == "no-response (fell back to clear)");
    BOOST_REQUIRE(link.softSa.size() == 1u);
    BOOST_TEST(link.softSa[0].first == 16.0);
    BOOST_TEST(link.softSa[0].second == "installed");
    // The held packets leave in the clear at that moment.
    BOOST_TEST(link.drops.empty());
    BOOST_TEST(atS->count == 10u);
    BOOST_TEST(std::abs(atS->first - ArrivalAfter(16.0)) < 1e-9);
    BOOST_TEST(IpsecHelper::GetDriver(link.c)->GetCounters().clearBySoftSa[0] == 10u);
    BOOST_TEST(link.Counters().softSas == 1u);
}

BOOST_AUTO_TEST_CASE(win2000_icmp_refused_by_its_own_policy_counts_as_silence)
{
    // "Require security"-like inbound (no passthrough): the ICMP error is a clear packet that
    // the Negotiate filter refuses before it reaches IKE, so the peer looks silent.
    FallbackLink link("win2000",
                      Peer::ICMP_PORT,
                      "srcaddr=me dstaddr=10.1.1.2 action=negotiate fallback=yes");
    ScheduleUdp(link.c, "10.1.1.2", 9, 1);
    link.Run(30);
    BOOST_TEST(link.mainSent == FOUR_TRIES, boost::test_tools::per_element());
    BOOST_TEST(link.Counters().icmpUnreachable == 0u);
    BOOST_TEST(link.fellBack.empty());
    BOOST_REQUIRE(link.failed.size() == 1u);
    BOOST_TEST(link.failed[0].second == "no-response");
    // Four ICMP errors dropped inbound, then the held datagram at the give-up.
    BOOST_REQUIRE(link.drops.size() == 5u);
    BOOST_TEST(link.drops.back().first == 16.0);
    BOOST_TEST((link.drops.back().second == IpsecDropReason::NEGOTIATION_FAILED));
}

BOOST_AUTO_TEST_CASE(xp_and_2003_keep_falling_back_on_silence)
{
    for (const char* profile : {"winxp", "win2003"})
    {
        for (Peer peer : {Peer::SILENT, Peer::ICMP_PORT})
        {
            FallbackLink link(profile, peer, REQUEST_SECURITY);
            auto atS = WatchArrivals(link.s, 9);
            ScheduleUdp(link.c, "10.1.1.2", 9, 10);
            link.Run(30);
            std::string what = std::string(profile) + (peer == Peer::SILENT ? " silent" : " icmp");
            // Message 1 at 1 s and again at 2 s; at 4 s the fallback comes first and ends it.
            BOOST_TEST(link.mainSent == (std::vector<double>{1.0, 2.0}),
                       what << boost::test_tools::per_element());
            BOOST_REQUIRE_MESSAGE(link.fellBack.size() == 1u, what);
            BOOST_TEST(link.fellBack[0].first == 4.0, what);
            BOOST_TEST(link.fellBack[0].second == "no IKE answer", what);
            BOOST_REQUIRE_MESSAGE(link.failed.size() == 1u, what);
            BOOST_TEST(link.failed[0].second == "no-response (fell back to clear)", what);
            BOOST_TEST(atS->count == 10u, what);
            BOOST_TEST(std::abs(atS->first - ArrivalAfter(4.0)) < 1e-9, what);
            BOOST_TEST(link.Counters().icmpUnreachable == (peer == Peer::SILENT ? 0u : 2u),
                       what);
            Simulator::Destroy();
        }
    }
}

BOOST_AUTO_TEST_CASE(rule_overrides_are_experiment_knobs)
{
    // Windows 2000 told to fall back on silence: the profile's 3 s delay applies.
    {
        FallbackLink link("win2000", Peer::SILENT, REQUEST_SECURITY);
        IpsecHelper::GetIke(link.c)->SetAttribute("FallbackRule", StringValue("silence"));
        ScheduleUdp(link.c, "10.1.1.2", 9, 1);
        link.Run(30);
        BOOST_REQUIRE(link.fellBack.size() == 1u);
        BOOST_TEST(link.fellBack[0].first == 4.0);
        Simulator::Destroy();
    }
    // XP told to use Windows 2000's rule: a silent peer gets nothing, an answering one a soft
    // SA after the four tries.
    for (Peer peer : {Peer::SILENT, Peer::ICMP_PORT})
    {
        FallbackLink link("winxp", peer, REQUEST_SECURITY);
        IpsecHelper::GetIke(link.c)->SetAttribute("FallbackRule",
                                                  StringValue("icmp-unreachable"));
        ScheduleUdp(link.c, "10.1.1.2", 9, 1);
        link.Run(30);
        BOOST_TEST(link.mainSent == FOUR_TRIES, boost::test_tools::per_element());
        if (peer == Peer::SILENT)
        {
            BOOST_TEST(link.fellBack.empty());
        }
        else
        {
            BOOST_REQUIRE(link.fellBack.size() == 1u);
            BOOST_TEST(link.fellBack[0].first == 16.0);
        }
        Simulator::Destroy();
    }
}

BOOST_AUTO_TEST_CASE(soft_sa_deleted_when_its_address_goes)
{
    FallbackLink link("win2003", Peer::ICMP_PORT, REQUEST_SECURITY);
    auto atS = WatchArrivals(link.s, 9);
    ScheduleUdp(link.c, "10.1.1.2", 9, 5); // 1.0 - 1.4 s: soft SA at 4 s
    // At 10 s C moves to 10.1.1.5 (as a new DHCP lease does: the old address goes first).
    Simulator::Schedule(Seconds(10), [&link]() {
        Ptr<Ipv4> ipv4 = link.c->GetObject<Ipv4>();
        ipv4->RemoveAddress(1, Ipv4Address("10.1.1.1"));
        ipv4->AddAddress(1, Ipv4InterfaceAddress("10.1.1.5", "255.255.255.0"));
    });
    ScheduleUdp(link.c, "10.1.1.2", 9, 1, Seconds(12)); // negotiates again from 10.1.1.5
    link.Run(30);
    // Installed at 4 s, deleted at once when the address goes (not 300 s later by idle
    // time), with its reason; the next packet negotiates afresh and falls back again 3 s on.
    BOOST_REQUIRE(link.softSa.size() == 3u);
    BOOST_TEST(link.softSa[0].first == 4.0);
    BOOST_TEST(link.softSa[0].second == "installed");
    BOOST_TEST(link.softSa[1].first == 10.0);
    BOOST_TEST(link.softSa[1].second == "deleted: address-change");
    BOOST_TEST(link.softSa[2].first == 15.0);
    BOOST_TEST(link.softSa[2].second == "installed");
    BOOST_REQUIRE(link.started.size() == 2u);
    BOOST_TEST(link.started[0].first == 1.0);
    BOOST_TEST(link.started[1].first == 12.0);
    BOOST_TEST(link.Counters().softSas == 2u);
    BOOST_TEST(IpsecHelper::GetDriver(link.c)->GetNSoftSas() == 1u);
    BOOST_TEST(atS->count == 6u);
}

BOOST_AUTO_TEST_CASE(soft_sa_of_another_address_survives)
{
    // C gains a second address and loses it: the soft SA made from 10.1.1.1 stays.
    FallbackLink link("win2003", Peer::ICMP_PORT, REQUEST_SECURITY);
    ScheduleUdp(link.c, "10.1.1.2", 9, 1);
    Simulator::Schedule(Seconds(8), [&link]() {
        link.c->GetObject<Ipv4>()->AddAddress(1,
                                              Ipv4InterfaceAddress("10.1.1.7", "255.255.255.0"));
    });
    Simulator::Schedule(Seconds(10), [&link]() {
        link.c->GetObject<Ipv4>()->RemoveAddress(1, Ipv4Address("10.1.1.7"));
    });
    link.Run(30);
    BOOST_REQUIRE(link.softSa.size() == 1u);
    BOOST_TEST(link.softSa[0].second == "installed");
    BOOST_TEST(IpsecHelper::GetDriver(link.c)->GetNSoftSas() == 1u);
}

BOOST_AUTO_TEST_SUITE_END()
