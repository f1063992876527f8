/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ipsec-negotiation-queue.h"

#include "ns3/log.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("IpsecNegotiationQueue");

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
        NS_LOG_LOGIC("filter " << filterId << " with " << peer << ": " << queue.size()
                               << " packets held already");
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
        NS_LOG_LOGIC("filter " << filterId << " with " << peer << ": " << taken.size()
                               << " held packets taken");
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
