/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ipsec-driver.h"

#include "ns3/ipv4.h"
#include "ns3/log.h"
#include "ns3/loopback-net-device.h"
#include "ns3/node.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("IpsecDriver");

NS_OBJECT_ENSURE_REGISTERED(IpsecDriver);

TypeId
IpsecDriver::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::IpsecDriver")
            .SetParent<Object>()
            .SetGroupName("Ipsec")
            .AddConstructor<IpsecDriver>()
            .AddTraceSource("Permit",
                            "A packet passed the IPsec policy.",
                            MakeTraceSourceAccessor(&IpsecDriver::m_permitTrace),
                            "ns3::IpsecDriver::PermitTracedCallback")
            .AddTraceSource("Drop",
                            "The IPsec layer dropped a packet (with the reason).",
                            MakeTraceSourceAccessor(&IpsecDriver::m_dropTrace),
                            "ns3::IpsecDriver::DropTracedCallback");
    return tid;
}

IpsecDriver::IpsecDriver()
{
    NS_LOG_FUNCTION(this);
}

IpsecDriver::~IpsecDriver()
{
    NS_LOG_FUNCTION(this);
}

void
IpsecDriver::NotifyNewAggregate()
{
    if (!m_node)
    {
        m_node = GetObject<Node>();
    }
    Object::NotifyNewAggregate();
}

void
IpsecDriver::DoDispose()
{
    m_node = nullptr;
    m_spd.Clear();
    Object::DoDispose();
}

uint32_t
IpsecDriver::AddFilter(const IpsecFilter& filter)
{
    UpdateLocalAddresses();
    uint32_t id = m_spd.Add(filter);
    NS_LOG_INFO("node " << (m_node ? m_node->GetId() : 0) << " filter " << id << ": " << filter);
    return id;
}

uint32_t
IpsecDriver::AddFilter(const std::string& text)
{
    return AddFilter(IpsecFilter::Parse(text));
}

bool
IpsecDriver::RemoveFilter(uint32_t id)
{
    return m_spd.Remove(id);
}

const IpsecSpd&
IpsecDriver::GetSpd() const
{
    return m_spd;
}

void
IpsecDriver::PrintFilters(std::ostream& os) const
{
    m_spd.Print(os);
}

const IpsecDriverCounters&
IpsecDriver::GetCounters() const
{
    return m_counters;
}

void
IpsecDriver::UpdateLocalAddresses()
{
    Ptr<Ipv4> ipv4 = m_node ? m_node->GetObject<Ipv4>() : nullptr;
    if (!ipv4)
    {
        return;
    }
    std::vector<Ipv4Address> addresses;
    for (uint32_t i = 0; i < ipv4->GetNInterfaces(); ++i)
    {
        if (DynamicCast<LoopbackNetDevice>(ipv4->GetNetDevice(i)))
        {
            continue; // "My IP address" means the configured interfaces, not loopback
        }
        for (uint32_t j = 0; j < ipv4->GetNAddresses(i); ++j)
        {
            addresses.push_back(ipv4->GetAddress(i, j).GetLocal());
        }
    }
    m_spd.SetLocalAddresses(addresses);
}

bool
IpsecDriver::Process(IpsecDirection direction,
                     const IpsecPacketSelector& selector,
                     Ptr<const Packet> packet)
{
    const IpsecSpdEntry* entry = m_spd.Lookup(selector);
    if (!entry)
    {
        ++m_counters.permitted[static_cast<size_t>(direction)];
        m_permitTrace(packet, selector, direction, 0);
        return true;
    }
    ++entry->matches;
    switch (entry->filter.action)
    {
    case IpsecFilterAction::PERMIT:
        ++m_counters.permitted[static_cast<size_t>(direction)];
        m_permitTrace(packet, selector, direction, entry->id);
        return true;
    case IpsecFilterAction::BLOCK:
        Drop(direction, selector, packet, IpsecDropReason::FILTER_BLOCK, entry->id);
        return false;
    case IpsecFilterAction::NEGOTIATE:
        // No key management yet: a packet that needs an SA cannot have one.
        Drop(direction, selector, packet, IpsecDropReason::NO_SA, entry->id);
        return false;
    }
    return false;
}

void
IpsecDriver::Drop(IpsecDirection direction,
                  const IpsecPacketSelector& selector,
                  Ptr<const Packet> packet,
                  IpsecDropReason reason,
                  uint32_t filterId)
{
    NS_LOG_INFO("node " << (m_node ? m_node->GetId() : 0) << " drop " << direction << " "
                        << selector << ": " << reason << " (filter " << filterId << ")");
    ++m_counters.dropped[static_cast<size_t>(direction)];
    ++m_counters.dropsByReason[static_cast<size_t>(reason)];
    m_dropTrace(packet, selector, direction, reason, filterId);
}

void
IpsecDriver::MarkInboundDecided(uint64_t packetUid)
{
    m_lastInboundUid = packetUid;
}

bool
IpsecDriver::WasInboundDecided(uint64_t packetUid) const
{
    return m_lastInboundUid == packetUid;
}

} // namespace ns3
