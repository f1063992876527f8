/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ipsec-ipv4-l3-protocol.h"

#include "ipsec-l4-guard.h"

#include "ns3/ipsec-driver.h"
#include "ns3/log.h"
#include "ns3/loopback-net-device.h"
#include "ns3/node.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("IpsecIpv4L3Protocol");

NS_OBJECT_ENSURE_REGISTERED(IpsecIpv4L3Protocol);

TypeId
IpsecIpv4L3Protocol::GetTypeId()
{
    static TypeId tid = TypeId("ns3::IpsecIpv4L3Protocol")
                            .SetParent<Ipv4L3Protocol>()
                            .SetGroupName("Ipsec")
                            .AddConstructor<IpsecIpv4L3Protocol>();
    return tid;
}

IpsecIpv4L3Protocol::IpsecIpv4L3Protocol()
{
    NS_LOG_FUNCTION(this);
}

IpsecIpv4L3Protocol::~IpsecIpv4L3Protocol()
{
    NS_LOG_FUNCTION(this);
}

void
IpsecIpv4L3Protocol::DoDispose()
{
    m_driver = nullptr;
    m_guards.clear();
    Ipv4L3Protocol::DoDispose();
}

Ptr<IpsecDriver>
IpsecIpv4L3Protocol::GetDriver() const
{
    if (!m_driver)
    {
        m_driver = GetObject<IpsecDriver>();
    }
    return m_driver;
}

void
IpsecIpv4L3Protocol::Send(Ptr<Packet> packet,
                          Ipv4Address source,
                          Ipv4Address destination,
                          uint8_t protocol,
                          Ptr<Ipv4Route> route)
{
    Ptr<IpsecDriver> driver = GetDriver();
    // Without a route the base class resolves one and calls Send again with it: decide there.
    // Loopback traffic never leaves the host and is not filtered (as on Windows).
    if (route && driver && !DynamicCast<LoopbackNetDevice>(route->GetOutputDevice()))
    {
        IpsecPacketSelector selector;
        selector.source = source;
        selector.destination = destination;
        selector.protocol = protocol;
        if (IpsecPacketSelector::ProtocolHasPorts(protocol) && packet->GetSize() >= 4)
        {
            uint8_t l4[4];
            packet->CopyData(l4, 4);
            selector.SetPortsFromTransportHeader(l4);
        }
        if (!driver->Process(IpsecDirection::OUTBOUND, selector, packet))
        {
            return;
        }
    }
    Ipv4L3Protocol::Send(packet, source, destination, protocol, route);
}

void
IpsecIpv4L3Protocol::SendWithHeader(Ptr<Packet> packet, Ipv4Header ipHeader, Ptr<Ipv4Route> route)
{
    Ptr<IpsecDriver> driver = GetDriver();
    if (driver && !(route && DynamicCast<LoopbackNetDevice>(route->GetOutputDevice())))
    {
        IpsecPacketSelector selector;
        selector.source = ipHeader.GetSource();
        selector.destination = ipHeader.GetDestination();
        selector.protocol = ipHeader.GetProtocol();
        if (IpsecPacketSelector::ProtocolHasPorts(selector.protocol) && packet->GetSize() >= 4 &&
            ipHeader.GetFragmentOffset() == 0)
        {
            uint8_t l4[4];
            packet->CopyData(l4, 4);
            selector.SetPortsFromTransportHeader(l4);
        }
        if (!driver->Process(IpsecDirection::OUTBOUND, selector, packet))
        {
            return;
        }
    }
    Ipv4L3Protocol::SendWithHeader(packet, ipHeader, route);
}

Ptr<IpL4Protocol>
IpsecIpv4L3Protocol::GetProtocol(int protocolNumber, int32_t interfaceIndex) const
{
    Ptr<IpL4Protocol> protocol = Ipv4L3Protocol::GetProtocol(protocolNumber, interfaceIndex);
    // Only local delivery asks with an interface index; everyone else gets the real protocol.
    if (interfaceIndex < 0 || !protocol || !GetDriver())
    {
        return protocol;
    }
    auto& guard = m_guards[PeekPointer(protocol)];
    if (!guard)
    {
        guard = CreateObject<IpsecL4Guard>(protocol, GetDriver());
    }
    return guard;
}

bool
IpsecIpv4L3Protocol::AddAddress(uint32_t i, Ipv4InterfaceAddress address)
{
    bool added = Ipv4L3Protocol::AddAddress(i, address);
    if (GetDriver())
    {
        GetDriver()->UpdateLocalAddresses();
    }
    return added;
}

bool
IpsecIpv4L3Protocol::RemoveAddress(uint32_t interfaceIndex, uint32_t addressIndex)
{
    bool removed = Ipv4L3Protocol::RemoveAddress(interfaceIndex, addressIndex);
    if (GetDriver())
    {
        GetDriver()->UpdateLocalAddresses();
    }
    return removed;
}

bool
IpsecIpv4L3Protocol::RemoveAddress(uint32_t interface, Ipv4Address address)
{
    bool removed = Ipv4L3Protocol::RemoveAddress(interface, address);
    if (GetDriver())
    {
        GetDriver()->UpdateLocalAddresses();
    }
    return removed;
}

} // namespace ns3
