/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "kerberos-acceptor.h"

#include "ns3/kerberos-crypto.h"
#include "ns3/kerberos-messages.h"

namespace ns3
{

KerberosAcceptor::KerberosAcceptor(Ptr<KerberosRealm> realm, std::string serviceName)
    : m_realm(realm),
      m_serviceName(std::move(serviceName))
{
}

bool
KerberosAcceptor::Accept(const std::vector<uint8_t>& apRequest,
                         double nowSeconds,
                         std::vector<uint8_t>& sessionKey,
                         std::string& clientName,
                         std::string& reason)
{
    sessionKey.clear();
    clientName.clear();
    reason.clear();
    m_accepted = false;
    if (!m_realm)
    {
        reason = "unknown-service";
        return false;
    }
    KerberosApRequest apReq;
    if (!apReq.Parse(apRequest) || !KerberosCrypto::IsSupported(apReq.ticket.encPart.etype))
    {
        reason = "malformed";
        return false;
    }
    if (apReq.ticket.realm != m_realm->GetName() ||
        !(apReq.ticket.sname == KerberosHostPrincipal(m_serviceName)))
    {
        reason = "wrong-service";
        return false;
    }
    auto etype = static_cast<KerberosEtype>(apReq.ticket.encPart.etype);
    std::vector<uint8_t> key = m_realm->GetKey(m_serviceName, etype);
    if (key.empty())
    {
        reason = "unknown-service";
        return false;
    }
    std::vector<uint8_t> plaintext;
    if (!KerberosCrypto::Decrypt(etype,
                                 key,
                                 KerberosKeyUsage::TICKET,
                                 apReq.ticket.encPart.cipher,
                                 plaintext))
    {
        reason = "bad-integrity";
        return false;
    }
    KerberosEncTicketPart part;
    if (!part.Parse(KerberosTrimPadding(plaintext)) || !KerberosCrypto::IsSupported(part.keyType) ||
        part.key.size() != KerberosCrypto::KeyLength(static_cast<KerberosEtype>(part.keyType)))
    {
        reason = "malformed";
        return false;
    }
    if (!m_realm->IsTrusted(part.crealm))
    {
        reason = "untrusted-realm";
        return false;
    }
    if (nowSeconds < static_cast<double>(part.startTime))
    {
        reason = "not-yet-valid";
        return false;
    }
    if (nowSeconds >= static_cast<double>(part.endTime))
    {
        reason = "expired";
        return false;
    }
    KerberosAuthenticator authenticator;
    if (apReq.authenticator.etype != part.keyType ||
        !KerberosCrypto::Decrypt(static_cast<KerberosEtype>(part.keyType),
                                 part.key,
                                 KerberosKeyUsage::AP_REQ_AUTHENTICATOR,
                                 apReq.authenticator.cipher,
                                 plaintext) ||
        !authenticator.Parse(KerberosTrimPadding(plaintext)) ||
        authenticator.crealm != part.crealm || !(authenticator.cname == part.cname))
    {
        reason = "bad-integrity";
        return false;
    }
    std::string name;
    if (!KerberosComputerOf(part.cname, name))
    {
        reason = "malformed";
        return false;
    }
    m_accepted = true;
    m_etype = part.keyType;
    m_key = part.key;
    m_ctime = authenticator.ctime;
    m_cusec = authenticator.cusec;
    sessionKey = part.key;
    clientName = part.crealm == m_realm->GetName() ? name : name + "@" + part.crealm;
    return true;
}

std::vector<uint8_t>
KerberosAcceptor::MakeApReply(CryptoPP::RandomNumberGenerator& rng) const
{
    if (!m_accepted)
    {
        return {};
    }
    KerberosEncApRepPart part;
    part.ctime = m_ctime;
    part.cusec = m_cusec;
    KerberosApReply reply;
    reply.encPart.etype = m_etype;
    reply.encPart.cipher = KerberosCrypto::Encrypt(static_cast<KerberosEtype>(m_etype),
                                                   m_key,
                                                   KerberosKeyUsage::AP_REP_ENC_PART,
                                                   part.Serialize(),
                                                   rng);
    return reply.Serialize();
}

} // namespace ns3
