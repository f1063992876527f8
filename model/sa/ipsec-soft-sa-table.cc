/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ipsec-soft-sa-table.h"

#include "ns3/log.h"

#include "ns3/simulator.h"

#include <algorithm>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("IpsecSoftSaTable");

IpsecSoftSaTable::~IpsecSoftSaTable()
{
    Clear();
}

void
IpsecSoftSaTable::SetExpiredCallback(Expired expired)
{
    m_expired = expired;
}

void
IpsecSoftSaTable::Add(uint32_t filterId, Ipv4Address peer, Time idleTimeout, Ipv4Address local)
{
    NS_LOG_FUNCTION(this << filterId << peer << idleTimeout);
    Key key{filterId, peer.Get()};
    Entry& entry = m_entries[key];
    entry.check.Cancel();
    entry.lastUse = Simulator::Now();
    entry.idleTimeout = idleTimeout;
    entry.local = local;
    if (idleTimeout.IsStrictlyPositive())
    {
        entry.check = Simulator::Schedule(idleTimeout, &IpsecSoftSaTable::Check, this, key);
    }
}

bool
IpsecSoftSaTable::Use(uint32_t filterId, Ipv4Address peer)
{
    auto it = m_entries.find({filterId, peer.Get()});
    if (it == m_entries.end())
    {
        return false;
    }
    it->second.lastUse = Simulator::Now();
    return true;
}

bool
IpsecSoftSaTable::Has(uint32_t filterId, Ipv4Address peer) const
{
    return m_entries.count({filterId, peer.Get()}) > 0;
}

bool
IpsecSoftSaTable::Remove(uint32_t filterId, Ipv4Address peer)
{
    auto it = m_entries.find({filterId, peer.Get()});
    if (it == m_entries.end())
    {
        return false;
    }
    it->second.check.Cancel();
    m_entries.erase(it);
    return true;
}

std::vector<std::pair<uint32_t, Ipv4Address>>
IpsecSoftSaTable::RemoveLocal(const std::vector<Ipv4Address>& removed)
{
    std::vector<std::pair<uint32_t, Ipv4Address>> gone;
    for (auto it = m_entries.begin(); it != m_entries.end();)
    {
        const Ipv4Address& local = it->second.local;
        if (local != Ipv4Address::GetAny() &&
            std::find(removed.begin(), removed.end(), local) != removed.end())
        {
            gone.emplace_back(it->first.first, Ipv4Address(it->first.second));
            it->second.check.Cancel();
            it = m_entries.erase(it);
        }
        else
        {
            ++it;
        }
    }
    return gone;
}

uint32_t
IpsecSoftSaTable::RemoveFilter(uint32_t filterId)
{
    uint32_t n = 0;
    for (auto it = m_entries.begin(); it != m_entries.end();)
    {
        if (it->first.first == filterId)
        {
            it->second.check.Cancel();
            it = m_entries.erase(it);
            ++n;
        }
        else
        {
            ++it;
        }
    }
    return n;
}

size_t
IpsecSoftSaTable::GetN() const
{
    return m_entries.size();
}

void
IpsecSoftSaTable::Clear()
{
    for (auto& [key, entry] : m_entries)
    {
        entry.check.Cancel();
    }
    m_entries.clear();
}

void
IpsecSoftSaTable::Check(Key key)
{
    auto it = m_entries.find(key);
    if (it == m_entries.end())
    {
        return;
    }
    Time idle = Simulator::Now() - it->second.lastUse;
    if (idle < it->second.idleTimeout)
    {
        it->second.check = Simulator::Schedule(it->second.idleTimeout - idle,
                                               &IpsecSoftSaTable::Check,
                                               this,
                                               key);
        return;
    }
    NS_LOG_LOGIC("soft SA of filter " << key.first << " with " << Ipv4Address(key.second)
                                      << " idle for " << idle.As(Time::S));
    m_entries.erase(it);
    if (!m_expired.IsNull())
    {
        m_expired(key.first, Ipv4Address(key.second), IpsecSoftSaEndReason::IDLE);
    }
}

} // namespace ns3
