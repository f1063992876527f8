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
    sa->m_sadPosition = {m_installed++, sa->GetFilterId(), 0};
    m_inboundByFilter.emplace(std::make_pair(sa->GetFilterId(), sa->m_sadPosition.installed),
                              PeekPointer(sa));
    return true;
}

void
IpsecSad::AddOutbound(Ptr<IpsecSa> sa, uint32_t filterId, Ipv4Address peer)
{
    NS_LOG_LOGIC("outbound SPI " << sa->GetSpi() << " for filter " << filterId << " and "
                                 << peer);
    sa->m_sadPosition = {m_installed++, filterId, peer.Get()};
    m_outbound.emplace(OutboundKey{filterId, peer.Get(), sa->m_sadPosition.installed}, sa);
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
    const IpsecSa::SadPosition& at = sa->m_sadPosition;
    if (sa->IsInbound())
    {
        uint64_t key = InboundKey(sa->GetSpi(), sa->GetConfig().destination);
        const Ptr<IpsecSa>* held = m_inbound.Find(key);
        if (!held || *held != sa)
        {
            return false;
        }
        m_inbound.Erase(key);
        m_inboundByFilter.erase({at.filterId, at.installed});
        return true;
    }
    auto it = m_outbound.find({at.filterId, at.peer, at.installed});
    if (it == m_outbound.end() || it->second != sa)
    {
        return false;
    }
    m_outbound.erase(it);
    return true;
}

namespace
{

/** \param sas SAs of one SAD, sorted here by their installation in it */
void
SortByInstallation(std::vector<std::pair<uint64_t, Ptr<IpsecSa>>>& sas)
{
    std::sort(sas.begin(), sas.end(), [](const auto& a, const auto& b) {
        return a.first < b.first;
    });
}

} // namespace

std::vector<Ptr<IpsecSa>>
IpsecSad::GetAll() const
{
    std::vector<std::pair<uint64_t, Ptr<IpsecSa>>> outbound;
    outbound.reserve(m_outbound.size());
    for (const auto& [key, sa] : m_outbound)
    {
        outbound.emplace_back(key.installed, sa);
    }
    SortByInstallation(outbound);
    std::vector<std::pair<uint64_t, Ptr<IpsecSa>>> inbound;
    inbound.reserve(m_inboundByFilter.size());
    for (const auto& [key, sa] : m_inboundByFilter)
    {
        inbound.emplace_back(key.second, sa);
    }
    SortByInstallation(inbound);
    std::vector<Ptr<IpsecSa>> all;
    all.reserve(outbound.size() + inbound.size());
    for (auto* part : {&outbound, &inbound})
    {
        for (const auto& [installed, sa] : *part)
        {
            all.push_back(sa);
        }
    }
    return all;
}

std::vector<Ptr<IpsecSa>>
IpsecSad::GetFilterSas(uint32_t filterId) const
{
    // The filter's outbound SAs are neighbours in m_outbound, by peer then installation.
    std::vector<std::pair<uint64_t, Ptr<IpsecSa>>> outbound;
    for (auto it = m_outbound.lower_bound({filterId, 0, 0});
         it != m_outbound.end() && it->first.filterId == filterId;
         ++it)
    {
        outbound.emplace_back(it->first.installed, it->second);
    }
    SortByInstallation(outbound);
    std::vector<Ptr<IpsecSa>> sas;
    for (const auto& [installed, sa] : outbound)
    {
        sas.push_back(sa);
    }
    for (auto it = m_inboundByFilter.lower_bound({filterId, 0});
         it != m_inboundByFilter.end() && it->first.first == filterId;
         ++it)
    {
        sas.emplace_back(it->second);
    }
    return sas;
}

size_t
IpsecSad::GetN() const
{
    return m_inbound.Size() + m_outbound.size();
}

void
IpsecSad::Clear()
{
    m_inbound.Clear();
    m_outbound.clear();
    m_inboundByFilter.clear();
}

} // namespace ns3
