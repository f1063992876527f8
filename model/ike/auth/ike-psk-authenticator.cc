/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ike-psk-authenticator.h"

#include "ns3/abort.h"

namespace ns3
{

IkePskAuthenticator::IkePskAuthenticator(const IkeAuthSettings& settings)
    : m_settings(settings)
{
}

IkeAuthKind
IkePskAuthenticator::GetKind() const
{
    return IkeAuthKind::PRESHARED_KEY;
}

std::vector<uint8_t>
IkePskAuthenticator::GetSecret() const
{
    return std::vector<uint8_t>(m_settings.preSharedKey.begin(), m_settings.preSharedKey.end());
}

std::vector<uint8_t>
IkePskAuthenticator::MakeSkeyid(IkeHashAlgorithm hash,
                                const std::vector<uint8_t>& ni,
                                const std::vector<uint8_t>& nr,
                                const std::vector<uint8_t>& /* gxy */) const
{
    return IkeSkeyidPreSharedKey(hash, GetSecret(), ni, nr);
}

std::vector<IsakmpPayload>
IkePskAuthenticator::MakeIdentityAndProof(const IkeProofContext& context,
                                          IkeFailure& /* failure */) const
{
    IsakmpIdPayload id = IsakmpIdPayload::Ipv4(context.local);
    std::vector<uint8_t> idB;
    IsakmpStatus status = id.Serialize(idB);
    NS_ABORT_MSG_UNLESS(status, "identity payload: " << status);
    std::vector<IsakmpPayload> payloads{id};
    payloads.push_back(IsakmpHashPayload{{context.ownProof(idB)}});
    return payloads;
}

bool
IkePskAuthenticator::CheckIdentityAndProof(const IkeProofContext& context,
                                           const std::vector<IsakmpPayload>& payloads,
                                           IkeFailure& failure) const
{
    const IsakmpIdPayload* id = nullptr;
    const IsakmpHashPayload* proof = nullptr;
    for (const IsakmpPayload& payload : payloads)
    {
        id = id ? id : std::get_if<IsakmpIdPayload>(&payload);
        proof = proof ? proof : std::get_if<IsakmpHashPayload>(&payload);
    }
    failure = IkeFailure{IkeFailureReason::AUTHENTICATION_FAILED, ""};
    std::vector<uint8_t> idB;
    if (!id || !proof || !id->Serialize(idB))
    {
        return false;
    }
    if (context.peerProof(idB) != proof->data)
    {
        return false;
    }
    if (!context.peerBehindNat && id->GetIpv4Address() != context.peer)
    {
        failure.reason = IkeFailureReason::IDENTITY_MISMATCH;
        return false;
    }
    return true;
}

} // namespace ns3
