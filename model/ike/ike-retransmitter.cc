/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ike-retransmitter.h"

#include "ike-service.h"

#include "ns3/simulator.h"

namespace ns3
{

IkeRetransmitter::IkeRetransmitter(IkeService& service,
                                   Ipv4Address peer,
                                   const std::string& exchange,
                                   bool rateLimited)
    : m_service(service),
      m_peer(peer),
      m_exchange(exchange),
      m_rateLimited(rateLimited)
{
}

IkeRetransmitter::~IkeRetransmitter()
{
    m_timer.Cancel();
    m_settle.Cancel();
}

bool
IkeRetransmitter::IsRepeat(const std::vector<uint8_t>& bytes) const
{
    return bytes == m_lastReceived;
}

void
IkeRetransmitter::Received(const std::vector<uint8_t>& bytes)
{
    m_lastReceived = bytes;
}

void
IkeRetransmitter::AnswerRepeat(bool mayAnswer)
{
    bool answer = mayAnswer && !m_lastSent.empty();
    if (answer && m_rateLimited)
    {
        // Not twice in a row: the own timer may just have sent it.
        answer = Simulator::Now() - m_lastSentTime >= m_service.m_retransmitInterval / 2;
        if (answer)
        {
            m_lastSentTime = Simulator::Now();
        }
    }
    if (!answer)
    {
        ++m_service.m_counters.ignored;
        return;
    }
    ++m_service.m_counters.retransmissions;
    m_service.SendBytes(m_lastSent, m_peer, m_exchange);
    m_service.m_messageRetransmitted(m_peer, m_exchange, m_lastSent.size());
}

void
IkeRetransmitter::Send(std::vector<uint8_t> bytes)
{
    m_lastSent = std::move(bytes);
    m_lastSentTime = Simulator::Now();
    m_service.SendBytes(m_lastSent, m_peer, m_exchange);
}

void
IkeRetransmitter::SendReliably(std::vector<uint8_t> bytes, std::function<void()> giveUp)
{
    m_lastSent = std::move(bytes);
    m_service.SendBytes(m_lastSent, m_peer, m_exchange);
    m_timer.Cancel();
    m_giveUp = std::move(giveUp);
    m_sent = 0;
    m_lastSentTime = Simulator::Now();
    m_timer =
        Simulator::Schedule(m_service.m_retransmitInterval, &IkeRetransmitter::Retransmit, this);
}

void
IkeRetransmitter::Stop()
{
    m_timer.Cancel();
}

void
IkeRetransmitter::GiveUpAfter(Time delay, std::function<void()> giveUp)
{
    m_timer = Simulator::Schedule(delay, std::move(giveUp));
}

void
IkeRetransmitter::Settle(std::function<void()> freed)
{
    m_settle = Simulator::Schedule(m_service.SettleTime(), std::move(freed));
}

void
IkeRetransmitter::Retransmit()
{
    if (m_sent >= m_service.m_maxRetransmissions)
    {
        std::function<void()> giveUp = std::move(m_giveUp);
        giveUp(); // frees this
        return;
    }
    ++m_sent;
    // A message just sent again in answer to the peer's own retransmission is not repeated.
    if (Simulator::Now() - m_lastSentTime >= m_service.m_retransmitInterval / 2)
    {
        ++m_service.m_counters.retransmissions;
        m_lastSentTime = Simulator::Now();
        m_service.SendBytes(m_lastSent, m_peer, m_exchange);
        m_service.m_messageRetransmitted(m_peer, m_exchange, m_lastSent.size());
    }
    // Doubling: with the defaults, sends at 0, 1, 3 and 7 s and gives up at 15 s.
    Time wait = m_service.m_retransmitInterval * static_cast<int64_t>(1ULL << m_sent);
    m_timer = Simulator::Schedule(wait, &IkeRetransmitter::Retransmit, this);
}

} // namespace ns3
