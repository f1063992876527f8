/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ipsec-sad.h"

#include <algorithm>

namespace ns3
{

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
        return false;
    }
    *slot = sa;
    m_order.push_back(sa);
    return true;
}

void
IpsecSad::AddOutbound(Ptr<IpsecSa> sa, uint32_t filterId, Ipv4Address peer)
{
    m_outbound[{filterId, peer.Get()}].push_back(sa);
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
    auto it = m_outbound.find({filterId, peer.Get()});
    if (it == m_outbound.end())
    {
        return nullptr;
    }
    Ptr<IpsecSa> dying;
    for (auto sa = it->second.rbegin(); sa != it->second.rend(); ++sa)
    {
        if ((*sa)->GetState() == IpsecSaState::MATURE)
        {
            return *sa;
        }
        if ((*sa)->GetState() == IpsecSaState::DYING && !dying)
        {
            dying = *sa;
        }
    }
    return dying;
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
        auto& list = it->second;
        auto found = std::find(list.begin(), list.end(), sa);
        if (found != list.end())
        {
            list.erase(found);
            if (list.empty())
            {
                m_outbound.erase(it);
            }
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
