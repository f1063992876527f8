/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ike-proposals.h"

#include "ns3/ike-keys.h"
#include "ns3/ipsec-sa.h"

#include <algorithm>

namespace ns3
{

namespace
{

using Status = IsakmpStatus;

uint16_t
MainModeCipherId(IpsecEncryption e)
{
    switch (e)
    {
    case IpsecEncryption::DES_CBC:
        return IKE_ENC_DES_CBC;
    case IpsecEncryption::TRIPLE_DES_CBC:
        return IKE_ENC_3DES_CBC;
    default:
        return IKE_ENC_AES_CBC;
    }
}

/** Decode one main mode transform; nullopt (with \p why) if this node cannot use it. */
std::optional<IkeMainModeTerms>
DecodeMainModeTransform(const IsakmpTransform& t, std::string& why)
{
    if (t.transformId != KEY_IKE)
    {
        why = "transform id " + std::to_string(t.transformId);
        return std::nullopt;
    }
    IkeMainModeTerms terms;
    auto enc = t.GetNumber(IKE_ATTR_ENCRYPTION_ALGORITHM);
    auto keyBits = t.GetNumber(IKE_ATTR_KEY_LENGTH);
    if (enc == IKE_ENC_DES_CBC)
    {
        terms.method.encryption = IpsecEncryption::DES_CBC;
    }
    else if (enc == IKE_ENC_3DES_CBC)
    {
        terms.method.encryption = IpsecEncryption::TRIPLE_DES_CBC;
    }
    else if (enc == IKE_ENC_AES_CBC && keyBits == 128u)
    {
        terms.method.encryption = IpsecEncryption::AES_CBC_128;
    }
    else if (enc == IKE_ENC_AES_CBC && keyBits == 256u)
    {
        terms.method.encryption = IpsecEncryption::AES_CBC_256;
    }
    else
    {
        why = "cipher";
        return std::nullopt;
    }
    auto hash = t.GetNumber(IKE_ATTR_HASH_ALGORITHM);
    if (!hash || !IkeIsSupportedHash(static_cast<uint16_t>(*hash)))
    {
        why = "hash";
        return std::nullopt;
    }
    terms.method.hash = static_cast<IkeHashAlgorithm>(*hash);
    auto group = t.GetNumber(IKE_ATTR_GROUP_DESCRIPTION);
    if (!group || !IkeIsSupportedDhGroup(static_cast<uint16_t>(*group)))
    {
        why = "group";
        return std::nullopt;
    }
    terms.method.group = static_cast<IkeDhGroup>(*group);
    auto auth = t.GetNumber(IKE_ATTR_AUTHENTICATION_METHOD);
    if (auth == IKE_AUTH_PRE_SHARED_KEY)
    {
        terms.auth = IkeAuthKind::PRESHARED_KEY;
    }
    else if (auth == IKE_AUTH_RSA_SIGNATURES)
    {
        terms.auth = IkeAuthKind::CERTIFICATE;
    }
    else if (auth == IKE_AUTH_GSSAPI_KERBEROS)
    {
        terms.auth = IkeAuthKind::KERBEROS;
    }
    else
    {
        why = "auth";
        return std::nullopt;
    }
    // Life type / duration come in pairs; only seconds matter for a main mode SA here.
    for (size_t i = 0; i + 1 < t.attributes.size(); ++i)
    {
        if (t.attributes[i].type == IKE_ATTR_LIFE_TYPE &&
            t.attributes[i + 1].type == IKE_ATTR_LIFE_DURATION &&
            t.attributes[i].GetNumber() == ISAKMP_LIFE_SECONDS)
        {
            terms.lifetimeSeconds = t.attributes[i + 1].GetNumber().value_or(0);
        }
    }
    return terms;
}

IsakmpTransform
EncodeMainModeTransform(const IkeMainModeMethod& method,
                        IkeAuthKind auth,
                        uint64_t lifetime,
                        uint8_t number)
{
    IsakmpTransform t;
    t.number = number;
    t.transformId = KEY_IKE;
    t.attributes.push_back(
        IsakmpAttribute::Basic(IKE_ATTR_ENCRYPTION_ALGORITHM, MainModeCipherId(method.encryption)));
    uint16_t keyBits = IpsecGetEncryptionInfo(method.encryption).keyBits;
    if (keyBits != 0)
    {
        t.attributes.push_back(IsakmpAttribute::Basic(IKE_ATTR_KEY_LENGTH, keyBits));
    }
    t.attributes.push_back(IsakmpAttribute::Basic(IKE_ATTR_HASH_ALGORITHM, method.hash));
    t.attributes.push_back(
        IsakmpAttribute::Basic(IKE_ATTR_AUTHENTICATION_METHOD, IkeAuthKindToAttribute(auth)));
    t.attributes.push_back(
        IsakmpAttribute::Basic(IKE_ATTR_GROUP_DESCRIPTION, static_cast<uint16_t>(method.group)));
    if (lifetime != 0)
    {
        t.attributes.push_back(IsakmpAttribute::Basic(IKE_ATTR_LIFE_TYPE, ISAKMP_LIFE_SECONDS));
        t.attributes.push_back(IsakmpAttribute::Number(IKE_ATTR_LIFE_DURATION, lifetime));
    }
    return t;
}

uint8_t
AhTransformId(IpsecIntegrity integrity)
{
    switch (integrity)
    {
    case IpsecIntegrity::HMAC_MD5_96:
        return AH_MD5;
    case IpsecIntegrity::HMAC_SHA1_96:
        return AH_SHA;
    case IpsecIntegrity::HMAC_SHA256_128:
        return AH_SHA2_256;
    case IpsecIntegrity::NONE:
        break;
    }
    return 0;
}

std::optional<IpsecIntegrity>
IntegrityFromAuthAlgorithm(uint64_t value)
{
    for (IpsecIntegrity i : {IpsecIntegrity::HMAC_MD5_96,
                             IpsecIntegrity::HMAC_SHA1_96,
                             IpsecIntegrity::HMAC_SHA256_128})
    {
        if (IpsecGetIntegrityInfo(i).ikeAuthAlgorithm == value)
        {
            return i;
        }
    }
    return std::nullopt;
}

IsakmpTransform
EncodeQuickModeTransform(const IkeQuickModeOffer& offer,
                         IpsecMode mode,
                         uint64_t seconds,
                         uint64_t kilobytes,
                         std::optional<IkeDhGroup> pfs,
                         bool udpEncap,
                         bool draft)
{
    IsakmpTransform t;
    t.number = 1;
    if (offer.protocol == IpsecProtocol::AH)
    {
        t.transformId = AhTransformId(offer.integrity);
    }
    else
    {
        t.transformId = static_cast<uint8_t>(IpsecGetEncryptionInfo(offer.encryption).espTransformId);
    }
    if (seconds != 0)
    {
        t.attributes.push_back(
            IsakmpAttribute::Basic(IPSEC_ATTR_SA_LIFE_TYPE, ISAKMP_LIFE_SECONDS));
        t.attributes.push_back(IsakmpAttribute::Number(IPSEC_ATTR_SA_LIFE_DURATION, seconds));
    }
    if (kilobytes != 0)
    {
        t.attributes.push_back(
            IsakmpAttribute::Basic(IPSEC_ATTR_SA_LIFE_TYPE, ISAKMP_LIFE_KILOBYTES));
        t.attributes.push_back(IsakmpAttribute::Number(IPSEC_ATTR_SA_LIFE_DURATION, kilobytes));
    }
    if (pfs)
    {
        t.attributes.push_back(
            IsakmpAttribute::Basic(IPSEC_ATTR_GROUP_DESCRIPTION, static_cast<uint16_t>(*pfs)));
    }
    t.attributes.push_back(IsakmpAttribute::Basic(
        IPSEC_ATTR_ENCAPSULATION_MODE,
        IpsecEncapsulationModeToValue(mode, udpEncap, draft)));
    if (offer.integrity != IpsecIntegrity::NONE)
    {
        t.attributes.push_back(
            IsakmpAttribute::Basic(IPSEC_ATTR_AUTHENTICATION_ALGORITHM,
                                   IpsecGetIntegrityInfo(offer.integrity).ikeAuthAlgorithm));
    }
    if (offer.protocol == IpsecProtocol::ESP)
    {
        uint16_t keyBits = IpsecGetEncryptionInfo(offer.encryption).keyBits;
        if (keyBits != 0)
        {
            t.attributes.push_back(IsakmpAttribute::Basic(IPSEC_ATTR_KEY_LENGTH, keyBits));
        }
    }
    return t;
}

/**
 * Decode a quick mode proposal's first transform; nullopt if it names nothing we know (with
 * \p unknownMode set if only its encapsulation mode is unknown).
 */
std::optional<IkeQuickModeTerms>
DecodeQuickModeProposal(const IsakmpProposal& p, bool* unknownMode = nullptr)
{
    if (p.transforms.empty())
    {
        return std::nullopt;
    }
    const IsakmpTransform& t = p.transforms.front();
    IkeQuickModeTerms terms;
    auto authAlg = t.GetNumber(IPSEC_ATTR_AUTHENTICATION_ALGORITHM);
    if (authAlg)
    {
        auto integrity = IntegrityFromAuthAlgorithm(*authAlg);
        if (!integrity)
        {
            return std::nullopt;
        }
        terms.offer.integrity = *integrity;
    }
    else
    {
        terms.offer.integrity = IpsecIntegrity::NONE;
    }
    if (p.protocolId == IsakmpProtocolId::AH)
    {
        terms.offer.protocol = IpsecProtocol::AH;
        terms.offer.encryption = IpsecEncryption::NULL_ENC;
        if (terms.offer.integrity == IpsecIntegrity::NONE ||
            AhTransformId(terms.offer.integrity) != t.transformId)
        {
            return std::nullopt;
        }
    }
    else if (p.protocolId == IsakmpProtocolId::ESP)
    {
        terms.offer.protocol = IpsecProtocol::ESP;
        auto keyBits = t.GetNumber(IPSEC_ATTR_KEY_LENGTH).value_or(0);
        bool found = false;
        for (IpsecEncryption e : {IpsecEncryption::NULL_ENC,
                                  IpsecEncryption::DES_CBC,
                                  IpsecEncryption::TRIPLE_DES_CBC,
                                  IpsecEncryption::AES_CBC_128,
                                  IpsecEncryption::AES_CBC_256,
                                  IpsecEncryption::AES_GCM_128,
                                  IpsecEncryption::AES_GCM_256})
        {
            const IpsecEncryptionInfo& info = IpsecGetEncryptionInfo(e);
            if (info.espTransformId == t.transformId && info.keyBits == keyBits)
            {
                terms.offer.encryption = e;
                found = true;
                break;
            }
        }
        if (!found)
        {
            return std::nullopt;
        }
    }
    else
    {
        return std::nullopt;
    }
    // The plain modes (1, 2), and the UDP-encapsulated ones of RFC 3947 (3, 4) and draft-02
    // (61443, 61444); any other value is refused, never read as transport.
    auto mode = t.GetNumber(IPSEC_ATTR_ENCAPSULATION_MODE).value_or(IPSEC_ENCAP_TRANSPORT);
    if (mode > 0xffff ||
        !IpsecParseEncapsulationModeValue(static_cast<uint16_t>(mode), terms.mode, terms.udpEncap))
    {
        if (unknownMode)
        {
            *unknownMode = true;
        }
        return std::nullopt;
    }
    if (auto group = t.GetNumber(IPSEC_ATTR_GROUP_DESCRIPTION))
    {
        if (!IkeIsSupportedDhGroup(static_cast<uint16_t>(*group)))
        {
            return std::nullopt;
        }
        terms.pfsGroup = static_cast<IkeDhGroup>(*group);
    }
    for (size_t i = 0; i + 1 < t.attributes.size(); ++i)
    {
        if (t.attributes[i].type == IPSEC_ATTR_SA_LIFE_TYPE &&
            t.attributes[i + 1].type == IPSEC_ATTR_SA_LIFE_DURATION)
        {
            uint64_t value = t.attributes[i + 1].GetNumber().value_or(0);
            if (t.attributes[i].GetNumber() == ISAKMP_LIFE_SECONDS)
            {
                terms.lifetimeSeconds = value;
            }
            else if (t.attributes[i].GetNumber() == ISAKMP_LIFE_KILOBYTES)
            {
                terms.lifetimeKilobytes = value;
            }
        }
    }
    return terms;
}

/**
 * \param a an attribute
 * \return bytes that stand for its meaning: its type and its value as a number when it is
 *         one (TV and TLV forms of the same number compare equal), its bytes otherwise
 */
std::vector<uint8_t>
AttributeMeaning(const IsakmpAttribute& a)
{
    std::vector<uint8_t> meaning{static_cast<uint8_t>(a.type >> 8), static_cast<uint8_t>(a.type)};
    if (auto number = a.GetNumber())
    {
        meaning.push_back(0);
        for (int shift = 56; shift >= 0; shift -= 8)
        {
            meaning.push_back(static_cast<uint8_t>(*number >> shift));
        }
    }
    else
    {
        meaning.push_back(1);
        meaning.insert(meaning.end(), a.data.begin(), a.data.end());
    }
    return meaning;
}

/**
 * \brief The attributes of a transform as an order-free set: attribute order carries no
 * meaning (RFC 2408 4.2, RFC 2409 5), except that a life duration belongs to the life type
 * right before it (RFC 2407 4.5), so a life type and its duration form one unit.
 * \param t a transform
 * \param lifeType the life type attribute of its phase
 * \param lifeDuration the life duration attribute of its phase
 * \return its units, sorted
 */
std::vector<std::vector<uint8_t>>
AttributeUnits(const IsakmpTransform& t, uint16_t lifeType, uint16_t lifeDuration)
{
    std::vector<std::vector<uint8_t>> units;
    for (size_t i = 0; i < t.attributes.size(); ++i)
    {
        std::vector<uint8_t> unit = AttributeMeaning(t.attributes[i]);
        if (t.attributes[i].type == lifeType && i + 1 < t.attributes.size() &&
            t.attributes[i + 1].type == lifeDuration)
        {
            std::vector<uint8_t> duration = AttributeMeaning(t.attributes[++i]);
            unit.insert(unit.end(), duration.begin(), duration.end());
        }
        units.push_back(std::move(unit));
    }
    std::sort(units.begin(), units.end());
    return units;
}

/**
 * \return true if the responder's transform is the offered one: same transform ID and the
 *         same attribute units in any order (the transform number is not compared: it only
 *         numbers the offer)
 */
bool
SameTransform(const IsakmpTransform& offered,
              const IsakmpTransform& answered,
              uint16_t lifeType,
              uint16_t lifeDuration)
{
    return offered.transformId == answered.transformId &&
           AttributeUnits(offered, lifeType, lifeDuration) ==
               AttributeUnits(answered, lifeType, lifeDuration);
}

Status
NoProposal(const std::string& message)
{
    return Status::Error(IsakmpNotifyType::NO_PROPOSAL_CHOSEN, message);
}

} // namespace

IsakmpSaPayload
IkeMakeMainModeSa(const std::vector<IkeMainModeMethod>& methods,
                  const std::vector<IkeAuthKind>& auths,
                  uint64_t lifetimeSeconds)
{
    IsakmpProposal proposal;
    proposal.number = 1;
    proposal.protocolId = IsakmpProtocolId::ISAKMP;
    uint8_t number = 1;
    for (IkeAuthKind auth : auths)
    {
        for (const IkeMainModeMethod& method : methods)
        {
            proposal.transforms.push_back(
                EncodeMainModeTransform(method, auth, lifetimeSeconds, number++));
        }
    }
    IsakmpSaPayload sa;
    sa.proposals.push_back(proposal);
    return sa;
}

IsakmpStatus
IkeChooseMainMode(const IsakmpSaPayload& offered,
                  const std::vector<IkeMainModeMethod>& methods,
                  const std::vector<IkeAuthKind>& auths,
                  IkeMainModeTerms& terms,
                  IsakmpSaPayload& reply,
                  IkeFailureReason& reason)
{
    if (offered.proposals.size() != 1 ||
        offered.proposals.front().protocolId != IsakmpProtocolId::ISAKMP)
    {
        reason = IkeFailureReason::NO_PROPOSAL_CHOSEN;
        return Status::Error(IsakmpNotifyType::BAD_PROPOSAL_SYNTAX,
                             "main mode needs one ISAKMP proposal");
    }
    bool groupOnly = false;
    bool authOnly = false;
    for (const IsakmpTransform& t : offered.proposals.front().transforms)
    {
        std::string why;
        auto decoded = DecodeMainModeTransform(t, why);
        if (!decoded)
        {
            continue;
        }
        bool authOk = std::find(auths.begin(), auths.end(), decoded->auth) != auths.end();
        bool methodOk = false;
        bool sameButGroup = false;
        for (const IkeMainModeMethod& m : methods)
        {
            methodOk = methodOk || m == decoded->method;
            sameButGroup = sameButGroup || (m.encryption == decoded->method.encryption &&
                                            m.hash == decoded->method.hash);
        }
        if (authOk && methodOk)
        {
            terms = *decoded;
            reply = offered;
            reply.proposals.front().transforms = {t};
            return Status::Ok();
        }
        groupOnly = groupOnly || (authOk && sameButGroup);
        authOnly = authOnly || (!authOk && methodOk);
    }
    reason = groupOnly  ? IkeFailureReason::DH_GROUP_MISMATCH
             : authOnly ? IkeFailureReason::AUTH_METHOD_MISMATCH
                        : IkeFailureReason::NO_PROPOSAL_CHOSEN;
    return NoProposal("no acceptable main mode transform (" + IkeFailureReasonToString(reason) +
                      ")");
}

IsakmpStatus
IkeAcceptMainModeReply(const IsakmpSaPayload& offered,
                       const IsakmpSaPayload& reply,
                       IkeMainModeTerms& terms)
{
    if (reply.proposals.size() != 1 || reply.proposals.front().transforms.size() != 1)
    {
        return Status::Error(IsakmpNotifyType::BAD_PROPOSAL_SYNTAX,
                             "the answer must hold one proposal with one transform");
    }
    const IsakmpTransform& chosen = reply.proposals.front().transforms.front();
    for (const IsakmpTransform& t : offered.proposals.front().transforms)
    {
        if (SameTransform(t, chosen, IKE_ATTR_LIFE_TYPE, IKE_ATTR_LIFE_DURATION))
        {
            std::string why;
            auto decoded = DecodeMainModeTransform(t, why);
            if (decoded)
            {
                terms = *decoded;
                return Status::Ok();
            }
        }
    }
    return NoProposal("the responder chose a transform that was not offered");
}

IsakmpSaPayload
IkeMakeQuickModeSa(const std::vector<IkeQuickModeOffer>& offers,
                   IpsecMode mode,
                   uint32_t spi,
                   uint64_t lifetimeSeconds,
                   uint64_t lifetimeKilobytes,
                   std::optional<IkeDhGroup> pfsGroup,
                   bool udpEncap,
                   bool draft)
{
    IsakmpSaPayload sa;
    uint8_t number = 1;
    for (const IkeQuickModeOffer& offer : offers)
    {
        IsakmpProposal p;
        p.number = number++;
        p.protocolId = offer.protocol == IpsecProtocol::AH ? IsakmpProtocolId::AH
                                                           : IsakmpProtocolId::ESP;
        p.SetSpi(spi);
        p.transforms.push_back(
            EncodeQuickModeTransform(
                offer, mode, lifetimeSeconds, lifetimeKilobytes, pfsGroup, udpEncap, draft));
        sa.proposals.push_back(p);
    }
    return sa;
}

IsakmpStatus
IkeChooseQuickMode(const IsakmpSaPayload& offered,
                   const std::vector<IkeQuickModeOffer>& offers,
                   IpsecMode mode,
                   std::optional<IkeDhGroup> pfsGroup,
                   uint32_t spi,
                   IkeQuickModeTerms& terms,
                   uint32_t& peerSpi,
                   IsakmpSaPayload& reply,
                   IkeFailureReason& reason,
                   bool udpEncap)
{
    bool modeOnly = false;
    bool pfsOnly = false;
    bool unknownMode = false;
    for (const IsakmpProposal& p : offered.proposals)
    {
        auto decoded = DecodeQuickModeProposal(p, &unknownMode);
        auto theirSpi = p.GetSpi();
        if (!decoded || !theirSpi)
        {
            continue;
        }
        if (decoded->udpEncap && !udpEncap)
        {
            // UDP encapsulation only where main mode found a NAT (RFC 3947 5.1).
            unknownMode = true;
            continue;
        }
        bool offerOk = std::find(offers.begin(), offers.end(), decoded->offer) != offers.end();
        if (!offerOk)
        {
            continue;
        }
        bool modeOk = decoded->mode == mode && decoded->udpEncap == udpEncap;
        // A responder without PFS goes along with an initiator that wants it.
        bool pfsOk = !pfsGroup || decoded->pfsGroup == pfsGroup;
        if (modeOk && pfsOk)
        {
            terms = *decoded;
            peerSpi = *theirSpi;
            IsakmpProposal answer = p;
            answer.SetSpi(spi);
            reply = offered;
            reply.proposals = {answer};
            return Status::Ok();
        }
        modeOnly = modeOnly || (!modeOk && pfsOk);
        pfsOnly = pfsOnly || (modeOk && !pfsOk);
    }
    reason = modeOnly      ? IkeFailureReason::MODE_MISMATCH
             : pfsOnly     ? IkeFailureReason::PFS_MISMATCH
             : unknownMode ? IkeFailureReason::UNKNOWN_ENCAPSULATION
                           : IkeFailureReason::NO_PROPOSAL_CHOSEN;
    return NoProposal("no acceptable quick mode proposal (" + IkeFailureReasonToString(reason) +
                      ")");
}

IsakmpStatus
IkeAcceptQuickModeReply(const IsakmpSaPayload& offered,
                        const IsakmpSaPayload& reply,
                        IkeQuickModeTerms& terms,
                        uint32_t& peerSpi)
{
    if (reply.proposals.size() != 1)
    {
        return Status::Error(IsakmpNotifyType::BAD_PROPOSAL_SYNTAX,
                             "the answer must hold one proposal");
    }
    const IsakmpProposal& chosen = reply.proposals.front();
    auto spi = chosen.GetSpi();
    for (const IsakmpProposal& p : offered.proposals)
    {
        bool sameTransforms =
            p.transforms.size() == chosen.transforms.size() &&
            std::equal(p.transforms.begin(),
                       p.transforms.end(),
                       chosen.transforms.begin(),
                       [](const IsakmpTransform& a, const IsakmpTransform& b) {
                           return SameTransform(a,
                                                b,
                                                IPSEC_ATTR_SA_LIFE_TYPE,
                                                IPSEC_ATTR_SA_LIFE_DURATION);
                       });
        if (p.number == chosen.number && p.protocolId == chosen.protocolId && sameTransforms &&
            spi)
        {
            auto decoded = DecodeQuickModeProposal(p);
            if (decoded)
            {
                terms = *decoded;
                peerSpi = *spi;
                return Status::Ok();
            }
        }
    }
    return NoProposal("the responder chose a proposal that was not offered");
}

} // namespace ns3
