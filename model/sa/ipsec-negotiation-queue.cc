/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ipsec-negotiation-queue.h"

namespace ns3
{

bool
IpsecNegotiationQueue::IsWaiting(uint32_t filterId, Ipv4Address peer) const
{
    return m_held.count({filterId, peer.Get()}) > 0;
}

bool
IpsecNegotiationQueue::Hold(uint32_t filterId, Ipv4Address peer, Held held, uint32_t capacity)
{
    auto& queue = m_held[{filterId, peer.Get()}];
    if (queue.size() >= capacity)
    {
        return false;
    }
    queue.push_back(std::move(held));
    ++m_count;
    return true;
}

std::vector<IpsecNegotiationQueue::Held>
IpsecNegotiationQueue::Take(uint32_t filterId, Ipv4Address peer)
{
    std::vector<Held> taken;
    auto it = m_held.find({filterId, peer.Get()});
    if (it != m_held.end())
    {
        taken = std::move(it->second);
        m_held.erase(it);
        m_count -= taken.size();
    }
    return taken;
}

size_t
IpsecNegotiationQueue::GetN() const
{
    return m_count;
}

void
IpsecNegotiationQueue::Clear()
{
    m_held.clear();
    m_count = 0;
}

} // namespace ns3
