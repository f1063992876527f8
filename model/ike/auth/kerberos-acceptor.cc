/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "kerberos-acceptor.h"

#include "ns3/kerberos-messages.h"

namespace ns3
{

KerberosAcceptor::KerberosAcceptor(Ptr<KerberosRealm> realm, std::string serviceName)
    : m_realm(realm),
      m_serviceName(std::move(serviceName))
{
}

bool
KerberosAcceptor::Accept(const std::vector<uint8_t>& ticketBytes,
                         double nowSeconds,
                         std::vector<uint8_t>& sessionKey,
                         std::string& clientName,
                         std::string& reason) const
{
    sessionKey.clear();
    clientName.clear();
    reason.clear();
    if (!m_realm)
    {
        reason = "unknown-service";
        return false;
    }
    KerberosTicket ticket;
    if (!ticket.Parse(ticketBytes))
    {
        reason = "malformed";
        return false;
    }
    if (ticket.serviceRealm != m_realm->GetName() || ticket.serviceName != m_serviceName)
    {
        reason = "wrong-service";
        return false;
    }
    std::vector<uint8_t> key = m_realm->GetKey(m_serviceName);
    if (key.empty())
    {
        reason = "unknown-service";
        return false;
    }
    std::vector<uint8_t> plaintext;
    if (!KerberosDecrypt(key, KerberosKeyUsage::TICKET, ticket.encryptedPart, plaintext))
    {
        reason = "bad-integrity";
        return false;
    }
    KerberosTicketPart part;
    if (!part.Parse(plaintext) || part.sessionKey.size() != KERBEROS_SESSION_KEY_LENGTH)
    {
        reason = "malformed";
        return false;
    }
    if (part.serviceRealm != m_realm->GetName() || part.serviceName != m_serviceName)
    {
        reason = "wrong-service";
        return false;
    }
    if (!m_realm->IsTrusted(part.clientRealm))
    {
        reason = "untrusted-realm";
        return false;
    }
    if (nowSeconds < static_cast<double>(part.startMs) / 1000.0)
    {
        reason = "not-yet-valid";
        return false;
    }
    if (nowSeconds >= static_cast<double>(part.endMs) / 1000.0)
    {
        reason = "expired";
        return false;
    }
    sessionKey = part.sessionKey;
    clientName = part.clientRealm == m_realm->GetName() ? part.clientName
                                                        : part.clientName + "@" + part.clientRealm;
    return true;
}

} // namespace ns3
