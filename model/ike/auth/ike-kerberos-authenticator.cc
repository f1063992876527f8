/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ike-kerberos-authenticator.h"

#include "ns3/kerberos-acceptor.h"
#include "ns3/log.h"
#include "ns3/simulator.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("IkeKerberosAuthenticator");

IkeKerberosAuthenticator::IkeKerberosAuthenticator(const IkeAuthSettings& settings)
    : IkePskAuthenticator(settings)
{
}

IkeAuthKind
IkeKerberosAuthenticator::GetKind() const
{
    return IkeAuthKind::KERBEROS;
}

std::vector<uint8_t>
IkeKerberosAuthenticator::GetSecret() const
{
    return m_sessionKey;
}

IkeAuthenticator::Preparation
IkeKerberosAuthenticator::Prepare(Ipv4Address peer, PreparedCallback done, IkeFailure& failure)
{
    if (!m_settings.realm)
    {
        failure = IkeFailure{IkeFailureReason::KERBEROS, "not in a domain"};
        return Preparation::FAILED;
    }
    // The exchange may end before the ticket comes: then nothing is left to give it to.
    std::weak_ptr<IkeKerberosAuthenticator> self = shared_from_this();
    Ptr<KerberosClient> client = m_settings.kerberos;
    KerberosClient::TicketCallback arrived(
        [self, done, client](bool ok, std::string reason, KerberosCachedTicket ticket) {
        std::shared_ptr<IkeKerberosAuthenticator> me = self.lock();
        if (!me)
        {
            return;
        }
        if (ok)
        {
            // The AP-REQ is built now, when message 3 is: its authenticator carries this time.
            me->m_sessionKey = ticket.sessionKey;
            me->m_apRequest = client->MakeApRequest(ticket, me->m_ctime, me->m_cusec);
            me->m_ticket = std::move(ticket);
        }
        // Typically a failure means the domain controller is out of reach: its Kerberos
        // traffic itself may wait for IPsec (the seed's Kerberos case).
        done(ok, IkeFailure{IkeFailureReason::KERBEROS, reason});
    });
    m_settings.kerberos->RequestTicket(m_settings.domainController,
                                       m_settings.realm,
                                       m_settings.computerName,
                                       peer,
                                       arrived);
    return Preparation::PENDING;
}

void
IkeKerberosAuthenticator::AddKeyExchangePayloads(IsakmpMessage& message, bool initiator) const
{
    if (initiator)
    {
        message.AddPayload(IsakmpGssPayload{{m_apRequest}});
    }
    else if (!m_apReply.empty())
    {
        message.AddPayload(IsakmpGssPayload{{m_apReply}});
    }
}

void
IkeKerberosAuthenticator::ReadKeyExchangePayloads(const IsakmpMessage& message)
{
    IkePskAuthenticator::ReadKeyExchangePayloads(message);
    if (m_apRequest.empty())
    {
        return; // the responder reads message 3 in AcceptKeyExchange
    }
    for (const IsakmpPayload& payload : message.GetPayloads())
    {
        const auto* gss = std::get_if<IsakmpGssPayload>(&payload);
        if (gss)
        {
            // HASH_R, keyed with the session key, authenticates the responder whatever this
            // says; a bad AP-REP is only logged.
            m_mutual = KerberosClient::CheckApReply(m_ticket, gss->data, m_ctime, m_cusec);
            if (!m_mutual)
            {
                NS_LOG_WARN("message 4: the AP-REP does not check");
            }
        }
    }
}

bool
IkeKerberosAuthenticator::IsMutuallyAuthenticated() const
{
    return m_mutual;
}

bool
IkeKerberosAuthenticator::AcceptKeyExchange(const IsakmpMessage& message, IkeFailure& failure)
{
    const IsakmpGssPayload* token = nullptr;
    for (const IsakmpPayload& payload : message.GetPayloads())
    {
        const auto* gss = std::get_if<IsakmpGssPayload>(&payload);
        if (gss)
        {
            token = gss;
        }
    }
    if (!m_settings.realm)
    {
        failure = IkeFailure{IkeFailureReason::KERBEROS, "not in a domain"};
        return false;
    }
    if (!token)
    {
        failure = IkeFailure{IkeFailureReason::KERBEROS, "no ticket"};
        return false;
    }
    std::string client;
    std::string why;
    KerberosAcceptor acceptor(m_settings.realm, m_settings.computerName);
    if (!acceptor.Accept(token->data, Simulator::Now().GetSeconds(), m_sessionKey, client, why))
    {
        failure = IkeFailure{IkeFailureReason::KERBEROS, why};
        return false;
    }
    if (m_settings.kerberos)
    {
        m_apReply = acceptor.MakeApReply(m_settings.kerberos->GetRandomNumberGenerator());
    }
    return true;
}

} // namespace ns3
