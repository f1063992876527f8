/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// A peer that breaks the rules after authenticating: a scripted initiator (ipsec-test-ike-peer.h)
// agrees a main mode SA with a node's IkeService and then sends quick mode messages no
// IkeService would send. The responder must answer the well-formed ones and refuse the others
// with an authenticated notification, keeping no state for them; a DELETE naming either SPI
// ends a quick mode under way or removes an established pair.

#include "ipsec-test-ike-peer.h"
#include "ipsec-test-network.h"
#include "ipsec-test-topology.h"

#include "ns3/point-to-point-module.h"

#include <boost/test/unit_test.hpp>

#include <optional>
#include <string>
#include <vector>

using namespace ns3;
using namespace ns3::test;

namespace
{

/**
 * A 10.1.1.1 (plain ns-3, the scripted initiator) and B 10.1.1.2 (IPsec, preshared key
 * "secret", a negotiate filter for everything to A) on a 10 Mb/s, 5 ms link. Main mode runs
 * at 1 s; a test sends its quick mode at 2 s and the run ends at 10 s.
 */
struct ScriptedPair : SimulatorFixture
{
    NodeContainer nodes;
    std::unique_ptr<ScriptedIkeInitiator> peer;
    std::vector<std::string> bFailures;
    uint32_t bStarted{0};
    uint32_t bSucceeded{0};

    ScriptedPair()
    {
        NetDeviceContainer devices = CreateTestLink(nodes);
        InternetStackHelper().Install(nodes.Get(0));
        IpsecHelper ipsec;
        ipsec.SetIkeAttribute("PreSharedKey", StringValue("secret"));
        ipsec.Install(nodes.Get(1));
        Ipv4AddressHelper("10.1.1.0", "255.255.255.0").Assign(devices);
        IpsecHelper::AddFilter(nodes.Get(1), "srcaddr=me dstaddr=10.1.1.1 action=negotiate");
        Ptr<IkeService> ike = Ike();
        ike->TraceConnectWithoutContext(
            "QuickModeFailed",
            Callback<void, Ipv4Address, const std::string&>(
                [this](Ipv4Address, const std::string& reason) { bFailures.push_back(reason); }));
        ike->TraceConnectWithoutContext(
            "QuickModeStarted",
            Callback<void, Ipv4Address, const std::string&>(
                [this](Ipv4Address, const std::string&) { ++bStarted; }));
        ike->TraceConnectWithoutContext(
            "QuickModeSucceeded",
            Callback<void, Ipv4Address, const std::string&>(
                [this](Ipv4Address, const std::string&) { ++bSucceeded; }));
        peer = std::make_unique<ScriptedIkeInitiator>(nodes.Get(0),
                                                      Ipv4Address("10.1.1.1"),
                                                      Ipv4Address("10.1.1.2"),
                                                      "secret");
        Simulator::Schedule(Seconds(1), &ScriptedIkeInitiator::StartMainMode, peer.get());
    }

    ~ScriptedPair()
    {
        peer.reset();
    }

    Ptr<IkeService> Ike() const
    {
        return nodes.Get(1)->GetObject<IkeService>();
    }

    /** \brief Send quick mode message 1 with these payloads at 2 s, run to 10 s. */
    void RunQuickMode(const std::vector<IsakmpPayload>& rest)
    {
        Simulator::Schedule(Seconds(2), [this, rest]() {
            BOOST_REQUIRE(peer->IsEstablished());
            peer->SendQuickMode1(rest, 0x01020304);
        });
        Simulator::Stop(Seconds(10));
        Simulator::Run();
        BOOST_TEST(peer->GetErrors() == 0u);
    }

    /** \return SA and nonce: what every quick mode message 1 starts with */
    static std::vector<IsakmpPayload> SaAndNonce()
    {
        return {ScriptedIkeInitiator::EspOffer(OFFERED_SPI),
                IsakmpNoncePayload{std::vector<uint8_t>(16, 0x42)}};
    }

    /** \return the SPI B chose for its inbound SA, from its message 2 */
    uint32_t ResponderSpi() const
    {
        const auto& received = peer->GetReceived();
        BOOST_REQUIRE(!received.empty());
        const auto* sa = received[0].payloads.Find<IsakmpSaPayload>();
        BOOST_REQUIRE(sa);
        BOOST_REQUIRE(sa->proposals.size() == 1u);
        std::optional<uint32_t> spi = sa->proposals[0].GetSpi();
        BOOST_REQUIRE(spi.has_value());
        return *spi;
    }

    /** \brief Send, at \p when, a DELETE of B's inbound SPI or of the one the peer offered. */
    void ScheduleDelete(double when, bool responderSpi)
    {
        Simulator::Schedule(Seconds(when), [this, responderSpi]() {
            IsakmpDeletePayload del;
            del.protocolId = IsakmpProtocolId::ESP;
            del.AddSpi(responderSpi ? ResponderSpi() : OFFERED_SPI);
            peer->SendInformational({del}, 0x0a0b0c0d);
        });
    }

    /** The SPI of SaAndNonce's offer. */
    static constexpr uint32_t OFFERED_SPI = 0x1000;

    /**
     * \brief Check that B refused the quick mode with one authenticated PAYLOAD-MALFORMED
     * notification and kept nothing of it.
     */
    void CheckRefusedAsMalformed()
    {
        const auto& received = peer->GetReceived();
        BOOST_REQUIRE(received.size() == 1u);
        BOOST_TEST((received[0].exchange == IsakmpExchangeType::INFORMATIONAL));
        BOOST_TEST(received[0].hashOk);
        const auto* notify = received[0].payloads.Find<IsakmpNotifyPayload>();
        BOOST_REQUIRE(notify);
        BOOST_TEST((notify->type == IsakmpNotifyType::PAYLOAD_MALFORMED));
        BOOST_TEST(bStarted == 1u);
        BOOST_TEST(bSucceeded == 0u);
        BOOST_TEST(bFailures == std::vector<std::string>{"malformed"});
        BOOST_TEST(Ike()->GetNQuickModeSas() == 0u);
        BOOST_TEST(Ike()->GetNMainModeSas() == 1u); // the main mode SA itself stays usable
        BOOST_TEST(nodes.Get(1)->GetObject<IpsecDriver>()->GetSad().GetN() == 0u);
    }
};

} // namespace

BOOST_FIXTURE_TEST_SUITE(ike_peer, ScriptedPair)

// The control: the scripted peer's messages are right, so B answers them.
BOOST_AUTO_TEST_CASE(a_quick_mode_with_both_identities_is_answered)
{
    std::vector<IsakmpPayload> rest = SaAndNonce();
    rest.push_back(IsakmpIdPayload::Ipv4(Ipv4Address("10.1.1.1")));
    rest.push_back(IsakmpIdPayload::Ipv4(Ipv4Address("10.1.1.2")));
    RunQuickMode(rest);
    const auto& received = peer->GetReceived();
    BOOST_REQUIRE(received.size() >= 1u);
    BOOST_TEST((received[0].exchange == IsakmpExchangeType::QUICK_MODE));
    BOOST_TEST(received[0].hashOk);
    BOOST_TEST(received[0].payloads.Find<IsakmpIdPayload>(1) != nullptr);
    BOOST_TEST(bStarted == 1u);
    BOOST_TEST(bSucceeded == 0u); // message 3 never comes: B still waits for it at 10 s
    BOOST_TEST(bFailures.empty());
}

// Without identities the SAs are for the two IKE peers (RFC 2409 5.5): answered too.
BOOST_AUTO_TEST_CASE(a_quick_mode_without_identities_is_answered)
{
    RunQuickMode(SaAndNonce());
    const auto& received = peer->GetReceived();
    BOOST_REQUIRE(received.size() >= 1u);
    BOOST_TEST((received[0].exchange == IsakmpExchangeType::QUICK_MODE));
    BOOST_TEST(received[0].hashOk);
    BOOST_TEST(received[0].payloads.Find<IsakmpIdPayload>() == nullptr);
}

// IDci without IDcr named no responder side: B used to dereference the missing IDcr.
BOOST_AUTO_TEST_CASE(an_initiator_identity_alone_is_refused_as_malformed)
{
    std::vector<IsakmpPayload> rest = SaAndNonce();
    rest.push_back(IsakmpIdPayload::Ipv4(Ipv4Address("10.1.1.1")));
    RunQuickMode(rest);
    CheckRefusedAsMalformed();
}

BOOST_AUTO_TEST_CASE(a_third_identity_is_refused_as_malformed)
{
    std::vector<IsakmpPayload> rest = SaAndNonce();
    rest.push_back(IsakmpIdPayload::Ipv4(Ipv4Address("10.1.1.1")));
    rest.push_back(IsakmpIdPayload::Ipv4(Ipv4Address("10.1.1.2")));
    rest.push_back(IsakmpIdPayload::Ipv4(Ipv4Address("10.1.1.3")));
    RunQuickMode(rest);
    CheckRefusedAsMalformed();
}

// A quick mode without its nonce was already refused; kept here with the other shapes.
BOOST_AUTO_TEST_CASE(a_quick_mode_without_a_nonce_is_refused_as_malformed)
{
    RunQuickMode({ScriptedIkeInitiator::EspOffer(0x1000)});
    CheckRefusedAsMalformed();
}

// The initiator refuses the answer (as it would one it cannot use): the responder ends its
// quick mode when the notification arrives instead of repeating message 2 until it gives up.
BOOST_AUTO_TEST_CASE(a_refused_answer_ends_the_responders_quick_mode)
{
    std::vector<double> failedAt;
    Ike()->TraceConnectWithoutContext(
        "QuickModeFailed",
        Callback<void, Ipv4Address, const std::string&>(
            [&failedAt](Ipv4Address, const std::string&) {
                failedAt.push_back(Simulator::Now().GetSeconds());
            }));
    Simulator::Schedule(Seconds(2.5), [this]() {
        IsakmpNotifyPayload refusal;
        refusal.protocolId = IsakmpProtocolId::ESP;
        refusal.type = IsakmpNotifyType::NO_PROPOSAL_CHOSEN;
        refusal.spi = {0, 0, 0x10, 0x00}; // the SPI of the scripted offer
        peer->SendInformational({refusal}, 0x0a0b0c0d);
    });
    RunQuickMode(SaAndNonce());
    BOOST_TEST(peer->GetReceived().size() == 1u); // message 2 once: never repeated
    BOOST_TEST(bFailures == std::vector<std::string>{"peer: NO_PROPOSAL_CHOSEN"});
    BOOST_REQUIRE(failedAt.size() == 1u);
    BOOST_TEST(failedAt[0] > 2.505); // 5 ms link plus the frame's transmission
    BOOST_TEST(failedAt[0] < 2.506);
    BOOST_TEST(Ike()->GetNQuickModeSas() == 0u);
    BOOST_TEST(Ike()->GetNMainModeSas() == 1u);
}

// RESPONDER-LIFETIME is a status (RFC 2407 4.6.3), and a refusal naming another SPI is about
// another exchange: neither ends this one, so B keeps repeating message 2.
BOOST_AUTO_TEST_CASE(status_notifications_and_other_spis_end_nothing)
{
    Simulator::Schedule(Seconds(2.5), [this]() {
        IsakmpNotifyPayload status;
        status.protocolId = IsakmpProtocolId::ESP;
        status.type = IsakmpNotifyType::RESPONDER_LIFETIME;
        status.spi = {0, 0, 0x10, 0x00};
        IsakmpNotifyPayload other;
        other.protocolId = IsakmpProtocolId::ESP;
        other.type = IsakmpNotifyType::NO_PROPOSAL_CHOSEN;
        other.spi = {0, 0, 0x99, 0x99};
        peer->SendInformational({status}, 0x0a0b0c0d);
        peer->SendInformational({other}, 0x0a0b0c0e);
    });
    RunQuickMode(SaAndNonce());
    BOOST_TEST(bFailures.empty());
    BOOST_TEST(peer->GetReceived().size() > 1u); // message 2 repeated
}

// strongSwan, failing to install its SAs before message 3, deletes the SPI it was given (B's
// inbound): the quick mode B still waits in ends at once, as it does for a DELETE of the SPI
// the peer offered; the main mode SA stays.
void
CheckDeleteEndsTheQuickModeUnderWay(ScriptedPair& pair, bool responderSpi)
{
    std::vector<double> failedAt;
    pair.Ike()->TraceConnectWithoutContext(
        "QuickModeFailed",
        Callback<void, Ipv4Address, const std::string&>(
            [&failedAt](Ipv4Address, const std::string&) {
                failedAt.push_back(Simulator::Now().GetSeconds());
            }));
    pair.ScheduleDelete(2.5, responderSpi);
    pair.RunQuickMode(ScriptedPair::SaAndNonce());
    BOOST_TEST(pair.peer->GetReceived().size() == 1u); // message 2 once: never repeated
    BOOST_TEST(pair.bFailures == std::vector<std::string>{"peer: DELETE"});
    BOOST_REQUIRE(failedAt.size() == 1u);
    BOOST_TEST(failedAt[0] > 2.505); // 5 ms link plus the frame's transmission
    BOOST_TEST(failedAt[0] < 2.506);
    BOOST_TEST(pair.Ike()->GetCounters().deletesReceived == 1u);
    BOOST_TEST(pair.Ike()->GetNQuickModeSas() == 0u);
    BOOST_TEST(pair.Ike()->GetNMainModeSas() == 1u);
    BOOST_TEST(pair.nodes.Get(1)->GetObject<IpsecDriver>()->GetSad().GetN() == 0u);
}

BOOST_AUTO_TEST_CASE(a_delete_of_the_responders_spi_ends_its_quick_mode_under_way)
{
    CheckDeleteEndsTheQuickModeUnderWay(*this, true);
}

BOOST_AUTO_TEST_CASE(a_delete_of_the_offered_spi_ends_the_quick_mode_under_way)
{
    CheckDeleteEndsTheQuickModeUnderWay(*this, false);
}

// A DELETE naming either SPI of an established pair removes the pair and both its SAs
// (RFC 2408 asks for the sender's inbound SPI, B's outbound; charon, deleting a CHILD_SA it
// failed to install, names the SPI it was given, B's inbound).
void
CheckDeleteRemovesTheEstablishedPair(ScriptedPair& pair, bool responderSpi)
{
    Simulator::Schedule(Seconds(2.1), [&pair]() { pair.peer->SendQuickMode3(0x01020304); });
    Simulator::Schedule(Seconds(2.9), [&pair]() {
        BOOST_TEST(pair.bSucceeded == 1u);
        BOOST_TEST(pair.Ike()->GetNQuickModeSas() == 1u);
        BOOST_TEST(pair.nodes.Get(1)->GetObject<IpsecDriver>()->GetSad().GetN() == 2u);
    });
    pair.ScheduleDelete(3, responderSpi);
    pair.RunQuickMode(ScriptedPair::SaAndNonce());
    BOOST_TEST(pair.bFailures.empty());
    BOOST_TEST(pair.Ike()->GetCounters().deletesReceived == 1u);
    BOOST_TEST(pair.Ike()->GetNQuickModeSas() == 0u);
    BOOST_TEST(pair.Ike()->GetNMainModeSas() == 1u);
    BOOST_TEST(pair.nodes.Get(1)->GetObject<IpsecDriver>()->GetSad().GetN() == 0u);
}

BOOST_AUTO_TEST_CASE(a_delete_of_the_responders_spi_removes_the_established_pair)
{
    CheckDeleteRemovesTheEstablishedPair(*this, true);
}

BOOST_AUTO_TEST_CASE(a_delete_of_the_peers_spi_removes_the_established_pair)
{
    CheckDeleteRemovesTheEstablishedPair(*this, false);
}

BOOST_AUTO_TEST_SUITE_END()

namespace
{

/**
 * A 10.1.1.1 (IPsec, preshared key "secret", main mode 3des-sha1-2, a negotiate filter for UDP
 * to B port 9) and B 10.1.1.2 (plain ns-3, the scripted responder) on a 10 Mb/s, 5 ms link. A
 * sends one datagram to B at 1 s; the run ends at 10 s.
 */
struct ScriptedResponderPair : SimulatorFixture
{
    NodeContainer nodes;
    std::unique_ptr<ScriptedIkeResponder> peer;
    std::vector<std::string> aEvents;

    explicit ScriptedResponderPair(ScriptedIkeResponder::QuickModeAnswer answer)
    {
        NetDeviceContainer devices = CreateTestLink(nodes);
        IpsecHelper ipsec;
        ipsec.SetIkeAttribute("PreSharedKey", StringValue("secret"));
        ipsec.SetIkeAttribute("MainModeMethods", StringValue("3des-sha1-2"));
        ipsec.Install(nodes.Get(0));
        InternetStackHelper().Install(nodes.Get(1));
        Ipv4AddressHelper("10.1.1.0", "255.255.255.0").Assign(devices);
        IpsecHelper::AddFilter(nodes.Get(0),
                               "srcaddr=me dstaddr=10.1.1.2 protocol=udp dstport=9 "
                               "action=negotiate");
        for (const char* source :
             {"MainModeSucceeded", "MainModeFailed", "QuickModeSucceeded", "QuickModeFailed"})
        {
            std::string name = source;
            Ike()->TraceConnectWithoutContext(
                name,
                Callback<void, Ipv4Address, const std::string&>(
                    [this, name](Ipv4Address, const std::string& detail) {
                        aEvents.push_back(name + " " + detail);
                    }));
        }
        peer = std::make_unique<ScriptedIkeResponder>(nodes.Get(1),
                                                      Ipv4Address("10.1.1.2"),
                                                      Ipv4Address("10.1.1.1"),
                                                      "secret",
                                                      answer);
        ScheduleUdp(nodes.Get(0), Ipv4Address("10.1.1.2"), 9, 1);
        Simulator::Stop(Seconds(10));
        Simulator::Run();
    }

    ~ScriptedResponderPair()
    {
        peer.reset();
    }

    Ptr<IkeService> Ike() const
    {
        return nodes.Get(0)->GetObject<IkeService>();
    }
};

} // namespace

BOOST_AUTO_TEST_SUITE(ike_peer_responder)

// charon returns the chosen transforms' attributes in its own order, the durations as TLV:
// the same meaning, so both phases complete (they failed with bad-proposal before).
BOOST_AUTO_TEST_CASE(answers_in_another_attribute_order_are_accepted)
{
    ScriptedResponderPair pair(ScriptedIkeResponder::QuickModeAnswer::REORDERED);
    BOOST_TEST(pair.peer->GetErrors() == 0u);
    BOOST_TEST(pair.peer->IsEstablished());
    BOOST_TEST(pair.aEvents ==
                   (std::vector<std::string>{"MainModeSucceeded 3des-sha1-2 psk",
                                             "QuickModeSucceeded esp-3des-sha1 transport"}),
               boost::test_tools::per_element());
    BOOST_TEST(pair.peer->GetQuickModesCompleted() == 1u);
    BOOST_TEST(pair.Ike()->GetNQuickModeSas() == 1u);
    BOOST_TEST(pair.nodes.Get(0)->GetObject<IpsecDriver>()->GetSad().GetN() == 2u);
    BOOST_TEST(pair.peer->GetNotifications().empty());
}

// An answer naming a transform that was not offered is refused, and the responder is told:
// NO-PROPOSAL-CHOSEN naming the quick mode by the initiator's SPI.
BOOST_AUTO_TEST_CASE(a_refused_answer_is_said_to_the_responder)
{
    ScriptedResponderPair pair(ScriptedIkeResponder::QuickModeAnswer::FOREIGN);
    BOOST_TEST(pair.peer->GetErrors() == 0u);
    BOOST_TEST(pair.aEvents == (std::vector<std::string>{"MainModeSucceeded 3des-sha1-2 psk",
                                                         "QuickModeFailed bad-proposal"}),
               boost::test_tools::per_element());
    BOOST_REQUIRE(pair.peer->GetNotifications().size() == 1u);
    const IsakmpNotifyPayload& notify = pair.peer->GetNotifications()[0];
    BOOST_TEST((notify.type == IsakmpNotifyType::NO_PROPOSAL_CHOSEN));
    BOOST_TEST((notify.protocolId == IsakmpProtocolId::ESP));
    BOOST_TEST(notify.spi.size() == 4u);
    BOOST_TEST(pair.peer->GetQuickModesCompleted() == 0u);
    BOOST_TEST(pair.Ike()->GetNQuickModeSas() == 0u);
    BOOST_TEST(pair.nodes.Get(0)->GetObject<IpsecDriver>()->GetSad().GetN() == 0u);
}

BOOST_AUTO_TEST_SUITE_END()
