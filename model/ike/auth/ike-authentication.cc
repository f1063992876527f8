/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// IkeService: main mode authentication (RFC 2409 5.1-5.4): preshared key, certificates
// (signatures, certificate requests naming the accepted root CAs) and Kerberos (Windows'
// GSS-API method; the ticket travels in message 3, doc/ike.md).

#include "ns3/ike-service.h"

#include "ns3/ike-pki.h"
#include "ns3/ipsec-config-error.h"
#include "ns3/ipsec-driver.h"
#include "ns3/kerberos-client.h"
#include "ns3/kerberos-realm.h"
#include "ns3/log.h"
#include "ns3/node.h"
#include "ns3/simulator.h"

#include <algorithm>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("IkeAuthentication");

void
IkeService::SetKerberos(Ptr<KerberosRealm> realm,
                        const std::string& computerName,
                        Ipv4Address domainController)
{
    if (!realm || !realm->HasComputer(computerName))
    {
        throw IpsecConfigError("kerberos",
                               "'" + computerName + "' has not joined " +
                                   (realm ? realm->GetName() : std::string("a domain")));
    }
    m_realm = realm;
    m_computerName = computerName;
    m_domainController = domainController;
    if (!m_kerberos)
    {
        m_kerberos = CreateObject<KerberosClient>();
    }
    m_kerberos->SetNode(m_node);
}

void
IkeService::SetCertificate(Ptr<IkeCredentials> credentials)
{
    m_credentials = credentials;
}

void
IkeService::AddTrustedRoot(Ptr<IkeCertificate> root)
{
    m_trustedRoots.push_back(root);
}

void
IkeService::AddAuthenticationPayloads(const IkePhase1& p1, IsakmpMessage& message) const
{
    if (p1.terms.auth == IkeAuthKind::KERBEROS && p1.initiator)
    {
        message.AddPayload(
            IsakmpCertPayload{IsakmpCertEncoding::KERBEROS_TOKENS, p1.exchange->ticket});
    }
    if (p1.terms.auth == IkeAuthKind::CERTIFICATE)
    {
        // Which roots this node accepts; with "exclude CA name" an empty request (any CA).
        if (m_excludeCaName || m_trustedRoots.empty())
        {
            message.AddPayload(IsakmpCertRequestPayload{IsakmpCertEncoding::X509_SIGNATURE, {}});
        }
        else
        {
            for (const Ptr<IkeCertificate>& root : m_trustedRoots)
            {
                message.AddPayload(IsakmpCertRequestPayload{IsakmpCertEncoding::X509_SIGNATURE,
                                                            root->GetSubjectName()});
            }
        }
    }
}

void
IkeService::ReadCertificateRequests(IkePhase1& p1, const IsakmpMessage& message) const
{
    for (const IsakmpPayload& payload : message.GetPayloads())
    {
        if (const auto* request = std::get_if<IsakmpCertRequestPayload>(&payload))
        {
            if (request->authority.empty())
            {
                p1.exchange->peerAcceptsAnyCa = true;
            }
            else
            {
                p1.exchange->peerCas.push_back(request->authority);
            }
        }
    }
}

void
IkeService::RequestKerberosTicket(IkePhase1& p1)
{
    Phase1Key key{p1.cookieI, p1.peer.Get()};
    if (!m_realm)
    {
        MainModeFailed(p1,
                       "kerberos: not in a domain",
                       true,
                       IsakmpNotifyType::AUTHENTICATION_FAILED);
        return;
    }
    p1.state = IkePhase1::I_WAIT_TICKET;
    p1.exchange->retransmission.timer.Cancel();
    m_kerberos->RequestTicket(m_domainController,
                              m_realm,
                              m_computerName,
                              p1.peer,
                              MakeCallback(&IkeService::TicketArrived, this).Bind(key));
}

void
IkeService::TicketArrived(Phase1Key key,
                          bool ok,
                          std::string reason,
                          std::vector<uint8_t> ticket,
                          std::vector<uint8_t> sessionKey)
{
    auto it = m_phase1.find(key);
    if (it == m_phase1.end() || it->second->state != IkePhase1::I_WAIT_TICKET)
    {
        return;
    }
    IkePhase1& p1 = *it->second;
    if (!ok)
    {
        // Typically the domain controller is out of reach: its Kerberos traffic itself may
        // wait for IPsec (the seed's Kerberos case).
        MainModeFailed(p1, "kerberos: " + reason, true, IsakmpNotifyType::AUTHENTICATION_FAILED);
        return;
    }
    p1.exchange->ticket = std::move(ticket);
    p1.exchange->authSecret = std::move(sessionKey);
    SendMainMode3(p1);
}

bool
IkeService::AcceptKerberosTicket(IkePhase1& p1, const IsakmpMessage& message, std::string& reason)
{
    const IsakmpCertPayload* token = nullptr;
    for (const IsakmpPayload& payload : message.GetPayloads())
    {
        const auto* cert = std::get_if<IsakmpCertPayload>(&payload);
        if (cert && cert->encoding == IsakmpCertEncoding::KERBEROS_TOKENS)
        {
            token = cert;
        }
    }
    if (!m_realm)
    {
        reason = "kerberos: not in a domain";
        return false;
    }
    if (!token)
    {
        reason = "kerberos: no ticket";
        return false;
    }
    std::string client;
    std::string why;
    if (!KerberosAcceptTicket(m_realm,
                              m_computerName,
                              token->data,
                              Simulator::Now().GetSeconds(),
                              p1.exchange->authSecret,
                              client,
                              why))
    {
        reason = "kerberos: " + why;
        return false;
    }
    return true;
}

std::vector<IsakmpPayload>
IkeService::MakeIdentityAndProof(const IkePhase1& p1, std::string& reason) const
{
    IsakmpIdPayload id = IsakmpIdPayload::Ipv4(p1.local);
    std::vector<Ptr<IkeCertificate>> chain;
    if (p1.terms.auth == IkeAuthKind::CERTIFICATE)
    {
        // A certificate chaining to a root the peer asked for, or none can be sent.
        Ptr<IkeCertificate> root = m_credentials ? m_credentials->GetRoot() : nullptr;
        bool accepted = root && (p1.exchange->peerAcceptsAnyCa ||
                                 std::find(p1.exchange->peerCas.begin(),
                                           p1.exchange->peerCas.end(),
                                           root->GetSubjectName()) != p1.exchange->peerCas.end());
        if (!accepted)
        {
            reason = "no-acceptable-certificate";
            return {};
        }
        id = IsakmpIdPayload{IsakmpIdType::DER_ASN1_DN,
                             0,
                             0,
                             m_credentials->GetCertificate()->GetSubjectName()};
        chain.push_back(m_credentials->GetCertificate());
        const auto& issuers = m_credentials->GetChain();
        chain.insert(chain.end(), issuers.begin(), issuers.end() - (issuers.empty() ? 0 : 1));
    }
    std::vector<uint8_t> idB;
    IsakmpStatus status = id.Serialize(idB);
    NS_ABORT_MSG_UNLESS(status, "identity payload: " << status);
    IkeHashAlgorithm hash = p1.terms.method.hash;
    const IkePhase1Exchange& x = *p1.exchange;
    std::vector<uint8_t> proof =
        p1.initiator ? IkeHashI(hash, x.skeyid, x.gxi, x.gxr, p1.cookieI, p1.cookieR, x.saiB, idB)
                     : IkeHashR(hash, x.skeyid, x.gxi, x.gxr, p1.cookieI, p1.cookieR, x.saiB, idB);
    std::vector<IsakmpPayload> payloads{id};
    if (p1.terms.auth != IkeAuthKind::CERTIFICATE)
    {
        payloads.push_back(IsakmpHashPayload{{proof}});
        return payloads;
    }
    for (const Ptr<IkeCertificate>& cert : chain)
    {
        payloads.push_back(IsakmpCertPayload{IsakmpCertEncoding::X509_SIGNATURE, cert->GetDer()});
    }
    payloads.push_back(IsakmpSignaturePayload{{m_credentials->SignHash(proof)}});
    return payloads;
}

bool
IkeService::CheckIdentityAndProof(const IkePhase1& p1,
                                  const std::vector<IsakmpPayload>& payloads,
                                  std::string& reason) const
{
    const IsakmpIdPayload* id = nullptr;
    const IsakmpHashPayload* hashProof = nullptr;
    const IsakmpSignaturePayload* signature = nullptr;
    std::vector<const IsakmpCertPayload*> certs;
    for (const IsakmpPayload& payload : payloads)
    {
        id = id ? id : std::get_if<IsakmpIdPayload>(&payload);
        hashProof = hashProof ? hashProof : std::get_if<IsakmpHashPayload>(&payload);
        signature = signature ? signature : std::get_if<IsakmpSignaturePayload>(&payload);
        if (const auto* cert = std::get_if<IsakmpCertPayload>(&payload))
        {
            certs.push_back(cert);
        }
    }
    reason = "authentication-failed";
    bool useSignature = p1.terms.auth == IkeAuthKind::CERTIFICATE;
    std::vector<uint8_t> idB;
    if (!id || (useSignature ? !signature : !hashProof) || !id->Serialize(idB))
    {
        return false;
    }
    IkeHashAlgorithm hash = p1.terms.method.hash;
    // The peer's proof: HASH_I if we are the responder, HASH_R if we are the initiator.
    const IkePhase1Exchange& x = *p1.exchange;
    std::vector<uint8_t> expected =
        p1.initiator ? IkeHashR(hash, x.skeyid, x.gxi, x.gxr, p1.cookieI, p1.cookieR, x.saiB, idB)
                     : IkeHashI(hash, x.skeyid, x.gxi, x.gxr, p1.cookieI, p1.cookieR, x.saiB, idB);
    if (!useSignature)
    {
        if (expected != hashProof->data)
        {
            return false;
        }
        if (id->GetIpv4Address() != p1.peer)
        {
            reason = "identity-mismatch";
            return false;
        }
        return true;
    }
    // Certificates: the one named by the identity, chained to a root this node trusts.
    Ptr<IkeCertificate> leaf;
    std::vector<Ptr<IkeCertificate>> others;
    for (const IsakmpCertPayload* payload : certs)
    {
        std::string error;
        Ptr<IkeCertificate> cert = IkeCertificate::Parse(payload->data, error);
        if (!cert)
        {
            reason = "certificate: " + error;
            return false;
        }
        if (!leaf && id->idType == IsakmpIdType::DER_ASN1_DN &&
            cert->GetSubjectName() == id->data)
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
        reason = "certificate: none matches the identity";
        return false;
    }
    std::string why;
    if (!IkeVerifyChain(*leaf, others, m_trustedRoots, why))
    {
        reason = "certificate: " + why;
        return false;
    }
    if (!leaf->VerifyHash(expected, signature->data))
    {
        return false;
    }
    return true;
}

} // namespace ns3
