/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "napt-binding-table.h"

#include "ns3/assert.h"
#include "ns3/log.h"
#include "ns3/simulator.h"

#include <algorithm>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("NaptBindingTable");

bool
NaptBinding::IsTcpEstablished() const
{
    bool open = (tcpSeen & SYN_OUT) && (tcpSeen & SYN_IN);
    bool closing = (tcpSeen & RST) || ((tcpSeen & FIN_OUT) && (tcpSeen & FIN_IN));
    return open && !closing;
}

NaptBindingTable::NaptBindingTable()
{
    m_timers.SetExpiredCallback(MakeCallback(&NaptBindingTable::Deadline, this));
}

NaptBindingTable::~NaptBindingTable()
{
    Clear();
}

void
NaptBindingTable::SetTimeoutCallback(TimeoutOf timeoutOf)
{
    m_timeoutOf = timeoutOf;
}

void
NaptBindingTable::SetExpiredCallback(Expired expired)
{
    m_expired = expired;
}

uint64_t
NaptBindingTable::InsideKey(uint8_t protocol, Ipv4Address address, uint16_t port)
{
    return (static_cast<uint64_t>(protocol) << 48) | (static_cast<uint64_t>(address.Get()) << 16) |
           port;
}

uint32_t
NaptBindingTable::ExternalKey(uint8_t protocol, uint16_t port)
{
    return (static_cast<uint32_t>(protocol) << 16) | port;
}

NaptBinding*
NaptBindingTable::FindInside(uint8_t protocol, Ipv4Address address, uint16_t port)
{
    auto it = m_byInside.find(InsideKey(protocol, address, port));
    return it == m_byInside.end() ? nullptr : it->second.get();
}

NaptBinding*
NaptBindingTable::FindExternal(uint8_t protocol, uint16_t port)
{
    auto it = m_byExternal.find(ExternalKey(protocol, port));
    return it == m_byExternal.end() ? nullptr : it->second;
}

bool
NaptBindingTable::Allocate(uint8_t protocol, uint16_t wanted, uint16_t& port) const
{
    // ICMP identifiers have no reserved range; ports keep theirs (RFC 4787 REQ-3).
    uint32_t low = 0;
    uint32_t high = 65535;
    if (protocol != 1)
    {
        low = wanted < 1024 ? 1 : 1024;
        high = wanted < 1024 ? 1023 : 65535;
    }
    uint32_t start = std::clamp<uint32_t>(wanted, low, high);
    uint32_t span = high - low + 1;
    for (uint32_t step = 0; step < span; ++step)
    {
        uint32_t candidate = low + (start - low + step) % span;
        if (m_byExternal.find(ExternalKey(protocol, candidate)) == m_byExternal.end())
        {
            port = static_cast<uint16_t>(candidate);
            return true;
        }
    }
    return false;
}

NaptBinding*
NaptBindingTable::Create(uint8_t protocol, Ipv4Address address, uint16_t port, uint8_t tcpSeen)
{
    NS_ASSERT_MSG(!m_timeoutOf.IsNull(), "NaptBindingTable: no timeout callback");
    uint16_t external = 0;
    if (!Allocate(protocol, port, external))
    {
        return nullptr;
    }
    auto binding = std::make_unique<NaptBinding>();
    binding->protocol = protocol;
    binding->insideAddress = address;
    binding->insidePort = port;
    binding->externalPort = external;
    binding->created = Simulator::Now();
    binding->lastUsed = binding->created;
    binding->tcpSeen = tcpSeen;
    NaptBinding* raw = binding.get();
    m_byInside.emplace(InsideKey(protocol, address, port), std::move(binding));
    m_byExternal.emplace(ExternalKey(protocol, external), raw);
    Queue(*raw, raw->lastUsed + m_timeoutOf(*raw));
    NS_LOG_LOGIC("binding " << +protocol << " " << address << ":" << port << " -> " << external);
    return raw;
}

void
NaptBindingTable::Queue(NaptBinding& binding, Time when)
{
    binding.deadline = when;
    m_timers.Add(binding, 0, when - Simulator::Now());
}

void
NaptBindingTable::Refresh(NaptBinding& binding)
{
    binding.lastUsed = Simulator::Now();
    Reconsider(binding);
}

void
NaptBindingTable::Reconsider(NaptBinding& binding)
{
    // A later deadline waits for the queued one (Deadline queues it again); only an earlier
    // one (a shorter timeout) must move the queued entry.
    Time due = binding.lastUsed + m_timeoutOf(binding);
    if (due < binding.deadline)
    {
        m_timers.Remove(binding, 0);
        Queue(binding, std::max(due, Simulator::Now()));
    }
}

void
NaptBindingTable::Deadline(IpsecTimed& item, uint8_t /* kind */)
{
    auto& binding = static_cast<NaptBinding&>(item);
    Time due = binding.lastUsed + m_timeoutOf(binding);
    if (due > Simulator::Now())
    {
        Queue(binding, due);
        return;
    }
    auto it =
        m_byInside.find(InsideKey(binding.protocol, binding.insideAddress, binding.insidePort));
    NS_ASSERT(it != m_byInside.end() && it->second.get() == &binding);
    std::unique_ptr<NaptBinding> owned = std::move(it->second);
    m_byInside.erase(it);
    m_byExternal.erase(ExternalKey(binding.protocol, binding.externalPort));
    if (!m_expired.IsNull())
    {
        m_expired(*owned);
    }
    // owned (the binding) is freed here.
}

size_t
NaptBindingTable::GetN() const
{
    return m_byInside.size();
}

size_t
NaptBindingTable::GetNExternal() const
{
    return m_byExternal.size();
}

size_t
NaptBindingTable::GetNDeadlines() const
{
    return m_timers.GetN();
}

std::vector<NaptBinding>
NaptBindingTable::GetBindings() const
{
    std::vector<NaptBinding> out;
    out.reserve(m_byInside.size());
    for (const auto& entry : m_byInside)
    {
        out.push_back(*entry.second);
    }
    std::sort(out.begin(),
              out.end(),
              [](const NaptBinding& a, const NaptBinding& b)
              {
                  return a.protocol < b.protocol ||
                         (a.protocol == b.protocol && a.externalPort < b.externalPort);
              });
    return out;
}

void
NaptBindingTable::Clear()
{
    m_timers.Clear();
    m_byExternal.clear();
    m_byInside.clear();
}

} // namespace ns3
