/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ike-decryption-table.h"

#include "ns3/assert.h"
#include "ns3/ike-keys.h"

#include <algorithm>

namespace ns3
{

uint32_t
IkeDecryptionTable::Add(uint64_t cookieI, const std::vector<uint8_t>& key)
{
    Entry entry{cookieI, m_nextHandle++, static_cast<uint8_t>(key.size()), LIVE, {}};
    NS_ASSERT(key.size() <= entry.key.size());
    std::copy(key.begin(), key.end(), entry.key.begin());
    m_entries.push_back(entry);
    return entry.handle;
}

IkeDecryptionTable::Entry*
IkeDecryptionTable::Find(uint32_t handle)
{
    auto it = std::lower_bound(m_entries.begin(),
                               m_entries.end(),
                               handle,
                               [](const Entry& e, uint32_t h) { return e.handle < h; });
    return it == m_entries.end() || it->handle != handle ? nullptr : &*it;
}

void
IkeDecryptionTable::Retire(uint32_t handle)
{
    Entry* entry = Find(handle);
    if (!entry || entry->state != LIVE)
    {
        return;
    }
    entry->state = RETIRED;
    m_retired.push_back(handle);
    Trim();
}

void
IkeDecryptionTable::SetRetiredLimit(uint32_t limit)
{
    m_retiredLimit = limit;
    Trim();
}

uint32_t
IkeDecryptionTable::GetRetiredLimit() const
{
    return m_retiredLimit;
}

size_t
IkeDecryptionTable::GetSize() const
{
    return m_entries.size() - m_dropped;
}

void
IkeDecryptionTable::Trim()
{
    while (m_retired.size() > m_retiredLimit)
    {
        Find(m_retired.front())->state = DROPPED;
        m_retired.pop_front();
        ++m_dropped;
    }
    // Entries are dropped from the middle (live ones may be older): compact once they are half
    // the table, so that dropping costs O(1) amortized and the table follows what is kept.
    if (m_dropped > 0 && 2 * m_dropped >= m_entries.size())
    {
        m_entries.erase(std::remove_if(m_entries.begin(),
                                       m_entries.end(),
                                       [](const Entry& e) { return e.state == DROPPED; }),
                        m_entries.end());
        m_dropped = 0;
        if (m_entries.capacity() > 2 * m_entries.size() + 16)
        {
            m_entries.shrink_to_fit();
        }
    }
}

void
IkeDecryptionTable::Write(std::ostream& os) const
{
    for (const Entry& entry : m_entries)
    {
        if (entry.state != DROPPED)
        {
            std::vector<uint8_t> key(entry.key.begin(), entry.key.begin() + entry.length);
            os << IkeWiresharkDecryptionLine(entry.cookieI, key) << "\n";
        }
    }
}

} // namespace ns3
