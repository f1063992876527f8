/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ipsec-ipv4-l3-protocol.h"

#include "ipsec-l4-guard.h"

#include "ns3/ipsec-ah.h"
#include "ns3/ipsec-driver.h"
#include "ns3/ipsec-esp.h"
#include "ns3/icmpv4-l4-protocol.h"
#include "ns3/ipv4-interface.h"
#include "ns3/ipv4-routing-protocol.h"
#include "ns3/log.h"
#include "ns3/loopback-net-device.h"
#include "ns3/node.h"
#include "ns3/simulator.h"
#include "ns3/socket.h"
#include "ns3/uinteger.h"

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
    m_lastDevice = nullptr;
    m_lastInterface = nullptr;
    m_deliveryProtocol = nullptr;
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

uint8_t
IpsecIpv4L3Protocol::GetDefaultTtl()
{
    if (m_defaultTtl < 0)
    {
        UintegerValue ttl;
        GetAttribute("DefaultTtl", ttl);
        m_defaultTtl = static_cast<int16_t>(ttl.Get());
    }
    return static_cast<uint8_t>(m_defaultTtl);
}

bool
IpsecIpv4L3Protocol::IsLoopback(const Ptr<NetDevice>& device)
{
    // A device's type never changes, and a host sends nearly everything out of one device:
    // remember the last answer instead of a dynamic_cast per packet.
    if (device != m_lastDevice)
    {
        m_lastDevice = device;
        m_lastIsLoopback = DynamicCast<LoopbackNetDevice>(device) != nullptr;
    }
    return m_lastIsLoopback;
}

int32_t
IpsecIpv4L3Protocol::GetInterfaceIndex(const Ptr<Ipv4Interface>& interface)
{
    // IPv4 interfaces are never removed, so an interface keeps its index; packets of a host
    // nearly all arrive on one interface.
    if (interface != m_lastInterface)
    {
        m_lastInterface = interface;
        m_lastInterfaceIndex = GetInterfaceForDevice(interface->GetDevice());
    }
    return m_lastInterfaceIndex;
}

IpsecPacketSelector
IpsecIpv4L3Protocol::Select(Ptr<const Packet> packet, const Ipv4Header& header)
{
    return Select(packet,
                  header.GetSource(),
                  header.GetDestination(),
                  header.GetProtocol(),
                  header.GetFragmentOffset() == 0);
}

IpsecPacketSelector
IpsecIpv4L3Protocol::Select(Ptr<const Packet> packet,
                            Ipv4Address source,
                            Ipv4Address destination,
                            uint8_t protocol,
                            bool firstFragment)
{
    IpsecPacketSelector selector;
    selector.source = source;
    selector.destination = destination;
    selector.protocol = protocol;
    if (IpsecPacketSelector::ProtocolHasPorts(protocol) && packet->GetSize() >= 4 &&
        firstFragment)
    {
        uint8_t l4[4];
        packet->CopyData(l4, 4);
        selector.SetPortsFromTransportHeader(l4);
    }
    return selector;
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
    if (!route || !driver || m_sendingProtected || IsLoopback(route->GetOutputDevice()))
    {
        Ipv4L3Protocol::Send(packet, source, destination, protocol, route);
        return;
    }
    IpsecPacketSelector selector = Select(packet, source, destination, protocol, true);
    auto decision = driver->DecideOutbound(IpsecDirection::OUTBOUND, selector, packet);
    switch (decision.kind)
    {
    case IpsecDriver::OutboundDecision::PASS:
        Ipv4L3Protocol::Send(packet, source, destination, protocol, route);
        return;
    case IpsecDriver::OutboundDecision::DROP:
        return;
    case IpsecDriver::OutboundDecision::NEGOTIATING:
        // Sent again once IKE has installed the SAs (the route is looked up afresh then).
        driver->Hold(decision,
                     IpsecDirection::OUTBOUND,
                     selector,
                     packet,
                     [this, packet, source, destination, protocol]() {
                         Ipv4L3Protocol::Send(packet, source, destination, protocol, nullptr);
                     });
        return;
    case IpsecDriver::OutboundDecision::PROTECT:
        if (!driver->SpendOutbound(decision, IpsecDirection::OUTBOUND, selector, packet))
        {
            return;
        }
        break;
    }
    // What Ipv4L3Protocol::Send would have put in the header.
    uint8_t ttl = GetDefaultTtl();
    SocketIpTtlTag ttlTag;
    if (packet->RemovePacketTag(ttlTag))
    {
        ttl = ttlTag.GetTtl();
    }
    uint8_t tos = 0;
    SocketIpTosTag tosTag;
    if (packet->RemovePacketTag(tosTag))
    {
        tos = tosTag.GetTos();
    }
    // The header of the unprotected packet takes an identification first (tunnel mode sends
    // it inside), so both modes number their packets alike.
    uint16_t identification = m_protectedIdentification++;
    if (decision.sa->GetConfig().mode == IpsecMode::TRANSPORT)
    {
        // Only the outer header goes on the wire: build just that one.
        Ipv4Header outer = TransportOuterHeader(source, destination, ttl, tos, route);
        ProtectAndSend(packet, protocol, outer, decision.sa, decision.seq, route);
        return;
    }
    Ipv4Header header;
    header.SetSource(source);
    header.SetDestination(destination);
    header.SetProtocol(protocol);
    header.SetTtl(ttl);
    header.SetTos(tos);
    header.SetPayloadSize(packet->GetSize());
    header.SetIdentification(identification);
    SendProtected(packet, header, decision.sa, decision.seq, route);
}

void
IpsecIpv4L3Protocol::SendWithHeader(Ptr<Packet> packet, Ipv4Header ipHeader, Ptr<Ipv4Route> route)
{
    Ptr<IpsecDriver> driver = GetDriver();
    if (!driver || m_sendingProtected || (route && IsLoopback(route->GetOutputDevice())))
    {
        Ipv4L3Protocol::SendWithHeader(packet, ipHeader, route);
        return;
    }
    IpsecPacketSelector selector = Select(packet, ipHeader);
    auto decision = driver->DecideOutbound(IpsecDirection::OUTBOUND, selector, packet);
    switch (decision.kind)
    {
    case IpsecDriver::OutboundDecision::PASS:
        Ipv4L3Protocol::SendWithHeader(packet, ipHeader, route);
        return;
    case IpsecDriver::OutboundDecision::DROP:
        return;
    case IpsecDriver::OutboundDecision::NEGOTIATING:
        driver->Hold(decision,
                     IpsecDirection::OUTBOUND,
                     selector,
                     packet,
                     [this, packet, ipHeader, route]() { SendWithHeader(packet, ipHeader, route); });
        return;
    case IpsecDriver::OutboundDecision::PROTECT:
        if (driver->SpendOutbound(decision, IpsecDirection::OUTBOUND, selector, packet))
        {
            SendProtected(packet, ipHeader, decision.sa, decision.seq, route);
        }
        return;
    }
}

Ipv4Header
IpsecIpv4L3Protocol::TransportOuterHeader(Ipv4Address source,
                                          Ipv4Address destination,
                                          uint8_t ttl,
                                          uint8_t tos,
                                          const Ptr<Ipv4Route>& route)
{
    Ipv4Header outer;
    outer.SetSource(source == Ipv4Address::GetAny() ? route->GetSource() : source);
    outer.SetDestination(destination);
    outer.SetTtl(ttl);
    outer.SetTos(tos);
    outer.SetIdentification(m_protectedIdentification++);
    outer.SetMayFragment();
    return outer;
}

void
IpsecIpv4L3Protocol::SendProtected(Ptr<Packet> payload,
                                   Ipv4Header inner,
                                   Ptr<IpsecSa> sa,
                                   uint32_t seq,
                                   Ptr<Ipv4Route> route)
{
    const IpsecSaConfig& config = sa->GetConfig();
    if (config.mode == IpsecMode::TRANSPORT)
    {
        Ipv4Header outer = TransportOuterHeader(inner.GetSource(),
                                                inner.GetDestination(),
                                                inner.GetTtl(),
                                                inner.GetTos(),
                                                route);
        ProtectAndSend(payload, inner.GetProtocol(), outer, sa, seq, route);
        return;
    }
    Ptr<Packet> content = payload->Copy();
    inner.SetPayloadSize(payload->GetSize());
    if (Node::ChecksumEnabled())
    {
        inner.EnableChecksum(); // the inner header is serialized here, not by Ipv4L3Protocol
    }
    content->AddHeader(inner);
    Ipv4Header outer;
    outer.SetSource(config.source);
    outer.SetDestination(config.destination);
    outer.SetTtl(GetDefaultTtl());
    outer.SetTos(inner.GetTos());
    Socket::SocketErrno error;
    route = GetRoutingProtocol()->RouteOutput(content, outer, nullptr, error);
    if (!route)
    {
        IpsecPacketSelector selector = Select(payload, inner);
        GetDriver()->Drop(IpsecDirection::OUTBOUND,
                          selector,
                          payload,
                          IpsecDropReason::NO_ROUTE,
                          sa->GetFilterId());
        return;
    }
    outer.SetIdentification(m_protectedIdentification++);
    outer.SetMayFragment();
    // IP-in-IP (RFC 4303: next header of a tunnelled IPv4 packet)
    ProtectAndSend(content, 4, outer, sa, seq, route);
}

void
IpsecIpv4L3Protocol::ProtectAndSend(const Ptr<Packet>& content,
                                    uint8_t nextHeader,
                                    Ipv4Header& outer,
                                    const Ptr<IpsecSa>& sa,
                                    uint32_t seq,
                                    const Ptr<Ipv4Route>& route)
{
    IpsecDriver& driver = *GetDriver();
    bool modeled = driver.IsModeled();
    Ptr<Packet> wire;
    if (sa->GetConfig().protocol == IpsecProtocol::ESP)
    {
        wire = IpsecEsp::Protect(*sa, seq, content, nextHeader, modeled);
        outer.SetProtocol(static_cast<uint8_t>(IpsecProtocol::ESP));
        outer.SetPayloadSize(wire->GetSize());
    }
    else
    {
        wire = content->Copy();
        IpsecAh::Protect(*sa, seq, wire, nextHeader, outer, modeled);
    }
    // The processing delay model (zero by default) decides when the packet leaves.
    Time delay = driver.BookCrypto(*sa, content->GetSize());
    if (delay.IsZero())
    {
        SendWire(wire, outer, route);
    }
    else
    {
        Simulator::Schedule(delay, &IpsecIpv4L3Protocol::SendWire, this, wire, outer, route);
    }
}

void
IpsecIpv4L3Protocol::SendWire(const Ptr<Packet>& wire,
                              const Ipv4Header& outer,
                              const Ptr<Ipv4Route>& route)
{
    m_sendingProtected = true;
    Ipv4L3Protocol::SendWithHeader(wire, outer, route);
    m_sendingProtected = false;
}

Ptr<IpL4Protocol>
IpsecIpv4L3Protocol::GetProtocol(int protocolNumber, int32_t interfaceIndex) const
{
    Ptr<IpL4Protocol> protocol = Ipv4L3Protocol::GetProtocol(protocolNumber, interfaceIndex);
    // Only local delivery asks with an interface index; everyone else gets the real protocol.
    // ESP and AH decide for themselves (they look up SAs, not filters).
    if (interfaceIndex < 0 || !protocol || !GetDriver() ||
        protocolNumber == static_cast<int>(IpsecProtocol::ESP) ||
        protocolNumber == static_cast<int>(IpsecProtocol::AH))
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

void
IpsecIpv4L3Protocol::Insert(Ptr<IpL4Protocol> protocol)
{
    m_deliveryProtocolNumber = -1;
    Ipv4L3Protocol::Insert(protocol);
}

void
IpsecIpv4L3Protocol::Insert(Ptr<IpL4Protocol> protocol, uint32_t interfaceIndex)
{
    m_deliveryProtocolNumber = -1;
    Ipv4L3Protocol::Insert(protocol, interfaceIndex);
}

void
IpsecIpv4L3Protocol::Remove(Ptr<IpL4Protocol> protocol)
{
    m_deliveryProtocolNumber = -1;
    Ipv4L3Protocol::Remove(protocol);
}

void
IpsecIpv4L3Protocol::Remove(Ptr<IpL4Protocol> protocol, uint32_t interfaceIndex)
{
    m_deliveryProtocolNumber = -1;
    Ipv4L3Protocol::Remove(protocol, interfaceIndex);
}

Ptr<IpL4Protocol>
IpsecIpv4L3Protocol::GetDeliveryProtocol(int protocolNumber, int32_t interfaceIndex)
{
    if (protocolNumber != m_deliveryProtocolNumber || interfaceIndex != m_deliveryInterface)
    {
        m_deliveryProtocol = Ipv4L3Protocol::GetProtocol(protocolNumber, interfaceIndex);
        m_deliveryProtocolNumber = protocolNumber;
        m_deliveryInterface = interfaceIndex;
    }
    return m_deliveryProtocol;
}

Ptr<Socket>
IpsecIpv4L3Protocol::CreateRawSocket()
{
    ++m_rawSockets;
    return Ipv4L3Protocol::CreateRawSocket();
}

void
IpsecIpv4L3Protocol::DeleteRawSocket(Ptr<Socket> socket)
{
    if (m_rawSockets > 0)
    {
        --m_rawSockets;
    }
    Ipv4L3Protocol::DeleteRawSocket(socket);
}

bool
IpsecIpv4L3Protocol::HasRawSockets() const
{
    return m_rawSockets > 0;
}

void
IpsecIpv4L3Protocol::DeliverLocally(Ptr<Packet> payload,
                                    const Ipv4Header& header,
                                    Ptr<Ipv4Interface> interface)
{
    int32_t iif = GetInterfaceIndex(interface);
    Ptr<IpL4Protocol> protocol = GetDeliveryProtocol(header.GetProtocol(), iif);
    if (!protocol)
    {
        return; // as Ipv4L3Protocol::LocalDeliver: no handler, silently dropped
    }
    Ptr<Packet> copy = payload->Copy(); // for the ICMP error, as LocalDeliver keeps one
    if (protocol->Receive(payload, header, interface) != IpL4Protocol::RX_ENDPOINT_UNREACH)
    {
        return;
    }
    Ipv4Address destination = header.GetDestination();
    if (destination.IsBroadcast() || destination.IsMulticast())
    {
        return;
    }
    for (uint32_t i = 0; i < GetNAddresses(iif); ++i)
    {
        Ipv4InterfaceAddress address = GetAddress(iif, i);
        if (destination.IsSubnetDirectedBroadcast(address.GetMask()) &&
            destination.CombineMask(address.GetMask()) ==
                address.GetLocal().CombineMask(address.GetMask()))
        {
            return;
        }
    }
    if (Ptr<Icmpv4L4Protocol> icmp = GetObject<Icmpv4L4Protocol>())
    {
        icmp->SendDestUnreachPort(header, copy);
    }
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
