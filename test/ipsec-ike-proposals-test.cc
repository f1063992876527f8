/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// Proposals and the answers to them. A responder may return the chosen transform's attributes
// in another order (strongSwan's charon does: encryption, hash, group, authentication, life
// type, duration) or a number in the other form (TV / TLV): the meaning is the same (RFC 2408
// 4.2, RFC 2409 5), only a life duration belongs to the life type before it (RFC 2407 4.5).

#include "ns3/ipsec-module.h"

#include <boost/test/unit_test.hpp>

#include <vector>

using namespace ns3;

namespace
{

/** \return the offer of a Windows initiator: 3des-sha1-2, preshared key, 8 hours */
IsakmpSaPayload
MainModeOffer()
{
    return IkeMakeMainModeSa({IkeMainModeMethod{}}, {IkeAuthKind::PRESHARED_KEY}, 28800);
}

/** \return the reply with the one offered transform, its attributes rearranged */
IsakmpSaPayload
MainModeReply(const std::vector<IsakmpAttribute>& attributes)
{
    IsakmpSaPayload reply = MainModeOffer();
    reply.proposals.front().transforms.front().attributes = attributes;
    return reply;
}

IsakmpAttribute
Basic(uint16_t type, uint16_t value)
{
    return IsakmpAttribute::Basic(type, value);
}

/** \return ESP 3DES/SHA1 transport, 3600 s and 250,000 KB, as a Windows initiator offers */
IsakmpSaPayload
QuickModeOffer(uint16_t seconds = 3600, uint32_t kilobytes = 250000)
{
    return IkeMakeQuickModeSa({IkeQuickModeOffer{}},
                              IpsecMode::TRANSPORT,
                              0x1000,
                              seconds,
                              kilobytes,
                              std::nullopt);
}

/** \return the reply to QuickModeOffer with these attributes and the responder's SPI */
IsakmpSaPayload
QuickModeReply(const std::vector<IsakmpAttribute>& attributes)
{
    IsakmpSaPayload reply = QuickModeOffer();
    reply.proposals.front().SetSpi(0x2000);
    reply.proposals.front().transforms.front().attributes = attributes;
    return reply;
}

const IsakmpAttribute kSeconds = Basic(IPSEC_ATTR_SA_LIFE_TYPE, ISAKMP_LIFE_SECONDS);
const IsakmpAttribute kKilobytes = Basic(IPSEC_ATTR_SA_LIFE_TYPE, ISAKMP_LIFE_KILOBYTES);
const IsakmpAttribute kTransport = Basic(IPSEC_ATTR_ENCAPSULATION_MODE, IPSEC_ENCAP_TRANSPORT);
const IsakmpAttribute kSha1 = Basic(IPSEC_ATTR_AUTHENTICATION_ALGORITHM, 2);

IsakmpAttribute
Duration(uint64_t value)
{
    return IsakmpAttribute::Number(IPSEC_ATTR_SA_LIFE_DURATION, value);
}

} // namespace

BOOST_AUTO_TEST_SUITE(ike_proposals)

BOOST_AUTO_TEST_CASE(main_mode_answer_in_another_attribute_order_is_accepted)
{
    // charon's order for the transform we offer.
    IsakmpSaPayload reply =
        MainModeReply({Basic(IKE_ATTR_ENCRYPTION_ALGORITHM, IKE_ENC_3DES_CBC),
                       Basic(IKE_ATTR_HASH_ALGORITHM, IKE_HASH_SHA),
                       Basic(IKE_ATTR_GROUP_DESCRIPTION, 2),
                       Basic(IKE_ATTR_AUTHENTICATION_METHOD, IKE_AUTH_PRE_SHARED_KEY),
                       Basic(IKE_ATTR_LIFE_TYPE, ISAKMP_LIFE_SECONDS),
                       IsakmpAttribute::Variable(IKE_ATTR_LIFE_DURATION, {0, 0, 0x70, 0x80})});
    // The offer sends the duration as TV (28800 fits 16 bits); the answer as a 4-byte TLV.
    BOOST_TEST(MainModeOffer().proposals.front().transforms.front().attributes.back().basic);
    IkeMainModeTerms terms;
    IsakmpStatus status = IkeAcceptMainModeReply(MainModeOffer(), reply, terms);
    BOOST_TEST(status.IsOk(), status);
    BOOST_TEST(terms.method.ToString() == "3des-sha1-2");
    BOOST_TEST((terms.auth == IkeAuthKind::PRESHARED_KEY));
    BOOST_TEST(terms.lifetimeSeconds == 28800u);
    // The transform number only numbers the offer.
    reply.proposals.front().transforms.front().number = 7;
    BOOST_TEST(IkeAcceptMainModeReply(MainModeOffer(), reply, terms).IsOk());
}

BOOST_AUTO_TEST_CASE(main_mode_answer_with_other_meaning_is_refused)
{
    std::vector<IsakmpAttribute> offered =
        MainModeOffer().proposals.front().transforms.front().attributes;
    IkeMainModeTerms terms;
    auto refused = [&](std::vector<IsakmpAttribute> attributes, const std::string& what) {
        BOOST_TEST_CONTEXT(what)
        {
            IsakmpStatus status =
                IkeAcceptMainModeReply(MainModeOffer(), MainModeReply(attributes), terms);
            BOOST_TEST(!status.IsOk());
            BOOST_TEST((status.GetNotifyType() == IsakmpNotifyType::NO_PROPOSAL_CHOSEN));
        }
    };
    std::vector<IsakmpAttribute> group1 = offered;
    for (IsakmpAttribute& a : group1)
    {
        if (a.type == IKE_ATTR_GROUP_DESCRIPTION)
        {
            a.value = 1;
        }
    }
    refused(group1, "another group");
    std::vector<IsakmpAttribute> extra = offered;
    extra.push_back(Basic(IKE_ATTR_KEY_LENGTH, 128));
    refused(extra, "an attribute more");
    std::vector<IsakmpAttribute> twice = offered;
    twice.push_back(offered.front());
    refused(twice, "an attribute twice");
    std::vector<IsakmpAttribute> fewer(offered.begin(), offered.end() - 2);
    refused(fewer, "no lifetime");
    // The duration torn from its life type: the same attributes, another meaning.
    std::vector<IsakmpAttribute> torn{offered[4], offered[0], offered[5], offered[1],
                                      offered[2], offered[3]};
    BOOST_REQUIRE(offered[4].type == IKE_ATTR_LIFE_TYPE);
    refused(torn, "duration apart from its life type");
}

BOOST_AUTO_TEST_CASE(quick_mode_answer_in_another_attribute_order_is_accepted)
{
    IkeQuickModeTerms terms;
    uint32_t peerSpi = 0;
    // Both lifetimes, the pairs swapped and every attribute moved.
    IsakmpStatus status = IkeAcceptQuickModeReply(
        QuickModeOffer(),
        QuickModeReply({kTransport, kKilobytes, Duration(250000), kSha1, kSeconds, Duration(3600)}),
        terms,
        peerSpi);
    BOOST_TEST(status.IsOk(), status);
    BOOST_TEST(peerSpi == 0x2000u);
    BOOST_TEST(terms.offer.ToString() == "esp-3des-sha1");
    BOOST_TEST(terms.lifetimeSeconds == 3600u);
    BOOST_TEST(terms.lifetimeKilobytes == 250000u);
}

BOOST_AUTO_TEST_CASE(quick_mode_answer_with_lifetimes_exchanged_is_refused)
{
    IkeQuickModeTerms terms;
    uint32_t peerSpi = 0;
    // Each duration now follows the other life type: 250,000 seconds and 3,600 kilobytes.
    IsakmpStatus status = IkeAcceptQuickModeReply(
        QuickModeOffer(),
        QuickModeReply({kSeconds, Duration(250000), kKilobytes, Duration(3600), kTransport, kSha1}),
        terms,
        peerSpi);
    BOOST_TEST(!status.IsOk());
    BOOST_TEST((status.GetNotifyType() == IsakmpNotifyType::NO_PROPOSAL_CHOSEN));
}

BOOST_AUTO_TEST_CASE(only_the_two_plain_encapsulation_modes_are_usable)
{
    IkeQuickModeTerms terms;
    uint32_t peerSpi = 0;
    IsakmpSaPayload reply;
    IkeFailureReason reason;
    for (uint16_t mode : {1, 2, 3, 4, 61443, 61444, 0, 5})
    {
        BOOST_TEST_CONTEXT("encapsulation mode " << mode)
        {
            IsakmpSaPayload offered = QuickModeOffer();
            for (IsakmpAttribute& a : offered.proposals.front().transforms.front().attributes)
            {
                if (a.type == IPSEC_ATTR_ENCAPSULATION_MODE)
                {
                    a.value = mode;
                }
            }
            IpsecMode wanted = mode == 1 ? IpsecMode::TUNNEL : IpsecMode::TRANSPORT;
            IsakmpStatus status = IkeChooseQuickMode(offered,
                                                     {IkeQuickModeOffer{}},
                                                     wanted,
                                                     std::nullopt,
                                                     0x2000,
                                                     terms,
                                                     peerSpi,
                                                     reply,
                                                     reason);
            // Modes 3 and 4 (RFC 3947) and 61443/61444 (drafts) need NAT traversal; they were
            // read as transport mode before.
            BOOST_TEST(status.IsOk() == (mode == 1 || mode == 2));
            if (status.IsOk())
            {
                BOOST_TEST((terms.mode == wanted));
            }
        }
    }
}

BOOST_AUTO_TEST_SUITE_END()
