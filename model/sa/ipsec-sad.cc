/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ipsec-sad.h"

#include "ns3/log.h"

#include <algorithm>
#include <cstdint>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("IpsecSad");

uint64_t
IpsecSad::InboundKey(uint32_t spi, Ipv4Address destination)
{
    return (uint64_t(spi) << 32) | destination.Get();
}

bool
IpsecSad::AddInbound(Ptr<IpsecSa> sa)
{
    uint64_t key = InboundKey(sa->GetSpi(), sa->GetConfig().destination);
    auto [slot, inserted] = m_inbound.Insert(key);
    if (!inserted)
    {
        NS_LOG_LOGIC("inbound SPI " << sa->GetSpi() << " to " << sa->GetConfig().destination
                                    << " already held");
        return false;
    }
    *slot = sa;
    m_order.push_back(sa);
    return true;
}

void
IpsecSad::AddOutbound(Ptr<IpsecSa> sa, uint32_t filterId, Ipv4Address peer)
{
    NS_LOG_LOGIC("outbound SPI " << sa->GetSpi() << " for filter " << filterId << " and "
                                 << peer);
    m_outbound.emplace(OutboundKey{filterId, peer.Get(), m_installed++}, sa);
    m_order.push_back(sa);
}

Ptr<IpsecSa>
IpsecSad::FindInbound(uint32_t spi, Ipv4Address destination) const
{
    const Ptr<IpsecSa>* sa = m_inbound.Find(InboundKey(spi, destination));
    return sa ? *sa : nullptr;
}

Ptr<IpsecSa>
IpsecSad::FindOutbound(uint32_t filterId, Ipv4Address peer) const
{
    // The binding's SAs are neighbours, oldest first: walk back from the newest.
    auto it = m_outbound.upper_bound({filterId, peer.Get(), UINT64_MAX});
    const Ptr<IpsecSa>* dying = nullptr;
    while (it != m_outbound.begin())
    {
        --it;
        if (it->first.filterId != filterId || it->first.peer != peer.Get())
        {
            break;
        }
        IpsecSaState state = it->second->GetState();
        if (state == IpsecSaState::MATURE)
        {
            return it->second;
        }
        if (state == IpsecSaState::DYING && !dying)
        {
            dying = &it->second;
        }
    }
    if (dying)
    {
        return *dying;
    }
    return nullptr;
}

bool
IpsecSad::Remove(Ptr<IpsecSa> sa)
{
    auto pos = std::find(m_order.begin(), m_order.end(), sa);
    if (pos == m_order.end())
    {
        return false;
    }
    m_order.erase(pos);
    if (sa->IsInbound())
    {
        m_inbound.Erase(InboundKey(sa->GetSpi(), sa->GetConfig().destination));
        return true;
    }
    for (auto it = m_outbound.begin(); it != m_outbound.end(); ++it)
    {
        if (it->second == sa)
        {
            m_outbound.erase(it);
            break;
        }
    }
    return true;
}

std::vector<Ptr<IpsecSa>>
IpsecSad::GetAll() const
{
    std::vector<Ptr<IpsecSa>> all;
    for (const auto& sa : m_order)
    {
        if (!sa->IsInbound())
        {
            all.push_back(sa);
        }
    }
    for (const auto& sa : m_order)
    {
        if (sa->IsInbound())
        {
            all.push_back(sa);
        }
    }
    return all;
}

size_t
IpsecSad::GetN() const
{
    return m_order.size();
}

void
IpsecSad::Clear()
{
    m_inbound.Clear();
    m_outbound.clear();
    m_order.clear();
}

} // namespace ns3
