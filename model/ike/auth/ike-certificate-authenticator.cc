/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ike-certificate-authenticator.h"

#include "ns3/abort.h"

#include <algorithm>

namespace ns3
{

IkeCertificateAuthenticator::IkeCertificateAuthenticator(const IkeAuthSettings& settings)
    : m_settings(settings)
{
}

IkeAuthKind
IkeCertificateAuthenticator::GetKind() const
{
    return IkeAuthKind::CERTIFICATE;
}

void
IkeCertificateAuthenticator::AddKeyExchangePayloads(IsakmpMessage& message,
                                                    bool /* initiator */) const
{
    // Which roots this node accepts; with "exclude CA name" an empty request (any CA).
    if (m_settings.excludeCaName || m_settings.trustedRoots.empty())
    {
        message.AddPayload(IsakmpCertRequestPayload{IsakmpCertEncoding::X509_SIGNATURE, {}});
        return;
    }
    for (const Ptr<IkeCertificate>& root : m_settings.trustedRoots)
    {
        message.AddPayload(
            IsakmpCertRequestPayload{IsakmpCertEncoding::X509_SIGNATURE, root->GetSubjectName()});
    }
}

void
IkeCertificateAuthenticator::ReadKeyExchangePayloads(const IsakmpMessage& message)
{
    for (const IsakmpPayload& payload : message.GetPayloads())
    {
        if (const auto* request = std::get_if<IsakmpCertRequestPayload>(&payload))
        {
            if (request->authority.empty())
            {
                m_peerAcceptsAnyCa = true;
            }
            else
            {
                m_peerCas.push_back(request->authority);
            }
        }
    }
}

std::vector<uint8_t>
IkeCertificateAuthenticator::MakeSkeyid(IkeHashAlgorithm hash,
                                        const std::vector<uint8_t>& ni,
                                        const std::vector<uint8_t>& nr,
                                        const std::vector<uint8_t>& gxy) const
{
    return IkeSkeyidSignature(hash, ni, nr, gxy);
}

std::vector<IsakmpPayload>
IkeCertificateAuthenticator::MakeIdentityAndProof(const IkeProofContext& context,
                                                  IkeFailure& failure) const
{
    // A certificate chaining to a root the peer asked for, or none can be sent.
    const Ptr<IkeCredentials>& credentials = m_settings.credentials;
    Ptr<IkeCertificate> root = credentials ? credentials->GetRoot() : nullptr;
    bool accepted = root && (m_peerAcceptsAnyCa ||
                             std::find(m_peerCas.begin(), m_peerCas.end(),
                                       root->GetSubjectName()) != m_peerCas.end());
    if (!accepted)
    {
        failure = IkeFailure{IkeFailureReason::NO_ACCEPTABLE_CERTIFICATE, ""};
        return {};
    }
    IsakmpIdPayload id{IsakmpIdType::DER_ASN1_DN,
                       0,
                       0,
                       credentials->GetCertificate()->GetSubjectName()};
    std::vector<Ptr<IkeCertificate>> chain{credentials->GetCertificate()};
    const auto& issuers = credentials->GetChain();
    chain.insert(chain.end(), issuers.begin(), issuers.end() - (issuers.empty() ? 0 : 1));
    std::vector<uint8_t> idB;
    IsakmpStatus status = id.Serialize(idB);
    NS_ABORT_MSG_UNLESS(status, "identity payload: " << status);
    std::vector<uint8_t> proof = context.ownProof(idB);
    std::vector<IsakmpPayload> payloads{id};
    for (const Ptr<IkeCertificate>& cert : chain)
    {
        payloads.push_back(IsakmpCertPayload{IsakmpCertEncoding::X509_SIGNATURE, cert->GetDer()});
    }
    payloads.push_back(IsakmpSignaturePayload{{credentials->SignHash(proof)}});
    return payloads;
}

bool
IkeCertificateAuthenticator::CheckIdentityAndProof(const IkeProofContext& context,
                                                   const std::vector<IsakmpPayload>& payloads,
                                                   IkeFailure& failure) const
{
    const IsakmpIdPayload* id = nullptr;
    const IsakmpSignaturePayload* signature = nullptr;
    std::vector<const IsakmpCertPayload*> certs;
    for (const IsakmpPayload& payload : payloads)
    {
        id = id ? id : std::get_if<IsakmpIdPayload>(&payload);
        signature = signature ? signature : std::get_if<IsakmpSignaturePayload>(&payload);
        if (const auto* cert = std::get_if<IsakmpCertPayload>(&payload))
        {
            certs.push_back(cert);
        }
    }
    failure = IkeFailure{IkeFailureReason::AUTHENTICATION_FAILED, ""};
    std::vector<uint8_t> idB;
    if (!id || !signature || !id->Serialize(idB))
    {
        return false;
    }
    std::vector<uint8_t> expected = context.peerProof(idB);
    // The certificate named by the identity, chained to a root this node trusts.
    Ptr<IkeCertificate> leaf;
    std::vector<Ptr<IkeCertificate>> others;
    for (const IsakmpCertPayload* payload : certs)
    {
        std::string error;
        Ptr<IkeCertificate> cert = IkeCertificate::Parse(payload->data, error);
        if (!cert)
        {
            failure = IkeFailure{IkeFailureReason::CERTIFICATE, error};
            return false;
        }
        if (!leaf && id->idType == IsakmpIdType::DER_ASN1_DN && cert->GetSubjectName() == id->data)
        {
            leaf = cert;
        }
        else
        {
            others.push_back(cert);
        }
    }
    if (!leaf)
    {
        failure = IkeFailure{IkeFailureReason::CERTIFICATE, "none matches the identity"};
        return false;
    }
    std::string why;
    if (!IkeVerifyChain(*leaf, others, m_settings.trustedRoots, why))
    {
        failure = IkeFailure{IkeFailureReason::CERTIFICATE, why};
        return false;
    }
    return leaf->VerifyHash(expected, signature->data);
}

} // namespace ns3
