/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ipsec-ipv4-l3-protocol.h"

#include "ipsec-byte-tags.h"
#include "ipsec-inbound-protocol.h"
#include "ipsec-ipv4-traces.h"
#include "ipsec-l4-guard.h"

#include "ns3/ipsec-ah.h"
#include "ns3/ipsec-driver.h"
#include "ns3/ipsec-esp.h"
#include "ns3/ipsec-udp-encap.h"
#include "ns3/icmpv4-l4-protocol.h"
#include "ns3/ipv4-interface.h"
#include "ns3/ipv4-routing-protocol.h"
#include "ns3/log.h"
#include "ns3/loopback-net-device.h"
#include "ns3/node.h"
#include "ns3/simulator.h"
#include "ns3/socket.h"
#include "ns3/udp-l4-protocol.h"
#include "ns3/uinteger.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("IpsecIpv4L3Protocol");

NS_OBJECT_ENSURE_REGISTERED(IpsecIpv4L3Protocol);

/** Points m_outgoing at one call's packet, and back at the caller's when that call ends. */
class IpsecIpv4L3Protocol::OutgoingScope
{
  public:
    /**
     * \param current the member to point
     * \param packet what it points at during the call
     */
    OutgoingScope(Outgoing*& current, Outgoing* packet)
        : m_current(current),
          m_previous(current)
    {
        current = packet;
    }

    ~OutgoingScope()
    {
        m_current = m_previous;
    }

    OutgoingScope(const OutgoingScope&) = delete;
    OutgoingScope& operator=(const OutgoingScope&) = delete;

  private:
    Outgoing*& m_current; //!< the member
    Outgoing* m_previous; //!< its value before
};

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
    m_arrivingTags = nullptr;
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
    NS_LOG_FUNCTION(this << packet << source << destination << uint32_t(protocol) << route);
    Ptr<IpsecDriver> driver = GetDriver();
    // Without a route the base class resolves one and calls Send again with it: decide there.
    // Loopback traffic never leaves the host and is not filtered (as on Windows).
    if (!route || !driver || m_sendingProtected || IsLoopback(route->GetOutputDevice()))
    {
        Ipv4L3Protocol::Send(packet, source, destination, protocol, route);
        return;
    }
    IpsecPacketSelector selector = Select(packet, source, destination, protocol, true);
    // The clear header Ipv4L3Protocol::Send would build, for SendOutgoing if IPsec takes the
    // packet (protected, dropped or held): IPv4 itself fires it for packets passed in clear.
    // IKE may send (and so come back here) while this packet is decided: each Send has its own.
    Outgoing outgoing;
    OutgoingScope scope(m_outgoing, &outgoing);
    const bool resent = m_resending;
    {
        uint8_t ttl = GetDefaultTtl();
        SocketIpTtlTag ttlTag;
        if (packet->PeekPacketTag(ttlTag))
        {
            ttl = ttlTag.GetTtl();
        }
        SocketIpTosTag tosTag;
        Ipv4Header& clear = outgoing.header;
        clear = Ipv4Header();
        clear.SetSource(source);
        clear.SetDestination(destination);
        clear.SetProtocol(protocol);
        clear.SetPayloadSize(packet->GetSize());
        clear.SetTtl(ttl);
        clear.SetTos(packet->PeekPacketTag(tosTag) ? tosTag.GetTos() : 0);
        clear.SetIdentification(m_protectedIdentification);
        clear.SetMayFragment();
        if (Node::ChecksumEnabled())
        {
            clear.EnableChecksum();
        }
        outgoing.interface = GetInterfaceForDevice(route->GetOutputDevice());
        // A packet released after IKE was seen by SendOutgoing when it was held.
        outgoing.pending = !resent;
        m_resending = false;
    }
    auto decision = driver->DecideOutbound(IpsecDirection::OUTBOUND, selector, packet);
    switch (decision.kind)
    {
    case IpsecDriver::OutboundDecision::PASS:
        if (resent)
        {
            // Released in the clear (a soft SA): its SendOutgoing fired when it was held.
            IpsecIpv4Traces::WithoutSendOutgoing(*this, [&]() {
                Ipv4L3Protocol::Send(packet, source, destination, protocol, route);
            });
            return;
        }
        outgoing.pending = false;
        Ipv4L3Protocol::Send(packet, source, destination, protocol, route);
        return;
    case IpsecDriver::OutboundDecision::DROP:
        return;
    case IpsecDriver::OutboundDecision::NEGOTIATING:
        // Sent again once IKE has installed the SAs (the route is looked up afresh then). It
        // leaves IPv4's hands now as far as observers know, so that the time it waits for IKE
        // counts in its delay, as the application sees it.
        FireSendOutgoing(packet);
        driver->Hold(decision,
                     IpsecDirection::OUTBOUND,
                     selector,
                     packet,
                     [this, packet, source, destination, protocol]() {
                         m_resending = true;
                         Ipv4L3Protocol::Send(packet, source, destination, protocol, nullptr);
                         m_resending = false;
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
        FireSendOutgoing(packet);
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
IpsecIpv4L3Protocol::FireSendOutgoing(const Ptr<const Packet>& payload)
{
    if (m_outgoing && m_outgoing->pending)
    {
        m_outgoing->pending = false;
        IpsecIpv4Traces::SendOutgoing(*this, m_outgoing->header, payload, m_outgoing->interface);
    }
}

void
IpsecIpv4L3Protocol::SendWithHeader(Ptr<Packet> packet, Ipv4Header ipHeader, Ptr<Ipv4Route> route)
{
    NS_LOG_FUNCTION(this << packet << ipHeader << route);
    Ptr<IpsecDriver> driver = GetDriver();
    if (!driver || m_sendingProtected || (route && IsLoopback(route->GetOutputDevice())))
    {
        Ipv4L3Protocol::SendWithHeader(packet, ipHeader, route);
        return;
    }
    // Not Send's packet: IPv4 fires no SendOutgoing for packets sent with their header.
    OutgoingScope scope(m_outgoing, nullptr);
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
                                   Ptr<Ipv4Route> route,
                                   bool forwarded)
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
    // The clear packet leaves through the tunnel's interface: seen by IPv4's traces as sent
    // (locally originated) or forwarded, before protection; its byte tags go along inside.
    uint32_t interface = GetInterfaceForDevice(route->GetOutputDevice());
    if (forwarded)
    {
        IpsecIpv4Traces::UnicastForward(*this, inner, payload, interface);
    }
    else if (m_outgoing && m_outgoing->pending)
    {
        m_outgoing->interface = interface;
        FireSendOutgoing(payload);
    }
    IpsecByteTags::Copy(payload, content);
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
        const IpsecSaConfig& config = sa->GetConfig();
        if (config.IsUdpEncapsulated())
        {
            IpsecUdpEncap::Encapsulate(wire,
                                       config.encapSourcePort,
                                       config.encapDestinationPort);
            outer.SetProtocol(UdpL4Protocol::PROT_NUMBER);
        }
        else
        {
            outer.SetProtocol(static_cast<uint8_t>(IpsecProtocol::ESP));
        }
        outer.SetPayloadSize(wire->GetSize());
    }
    else
    {
        wire = content->Copy();
        IpsecAh::Protect(*sa, seq, wire, nextHeader, outer, modeled);
    }
    // Observers find the clear packet's byte tags (e.g. FlowMonitor's) on the wire packet.
    IpsecByteTags::Copy(content, wire);
    driver.NotifySaTraffic(sa,
                           IpsecDirection::OUTBOUND,
                           content->GetSize(),
                           wire->GetSize() + outer.GetSerializedSize());
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

bool
IpsecIpv4L3Protocol::SendNatKeepalive(Ipv4Address source,
                                      uint16_t sourcePort,
                                      Ipv4Address destination,
                                      uint16_t destinationPort)
{
    NS_LOG_FUNCTION(this << source << sourcePort << destination << destinationPort);
    Ptr<Packet> packet = IpsecUdpEncap::MakeKeepalive(sourcePort, destinationPort);
    Ipv4Header header;
    header.SetSource(source);
    header.SetDestination(destination);
    header.SetProtocol(UdpL4Protocol::PROT_NUMBER);
    header.SetTtl(GetDefaultTtl());
    header.SetPayloadSize(packet->GetSize());
    Socket::SocketErrno error;
    Ptr<Ipv4Route> route = GetRoutingProtocol()->RouteOutput(packet, header, nullptr, error);
    if (!route)
    {
        NS_LOG_WARN("no route to " << destination << ": NAT-keepalive not sent");
        return false;
    }
    header.SetIdentification(m_protectedIdentification++);
    header.SetMayFragment();
    SendWire(packet, header, route);
    return true;
}

bool
IpsecIpv4L3Protocol::ReceiveUdpEncapsulated(const Ptr<Packet>& segment,
                                            const Ipv4Header& header,
                                            const Ptr<Ipv4Interface>& interface)
{
    uint8_t bytes[IpsecUdpEncap::UDP_HEADER_SIZE];
    if (segment->GetSize() < sizeof(bytes) ||
        segment->CopyData(bytes, sizeof(bytes)) != sizeof(bytes) ||
        ((bytes[2] << 8) | bytes[3]) != IPSEC_NAT_T_PORT)
    {
        return false;
    }
    Ptr<IpsecDriver> driver = GetDriver();
    switch (IpsecUdpEncap::ClassifySegment(segment))
    {
    case IpsecUdpEncapPayload::IKE:
    case IpsecUdpEncapPayload::MALFORMED:
        return false; // UDP's: NAT-T IKE's socket, or nobody's
    case IpsecUdpEncapPayload::KEEPALIVE:
        NS_LOG_LOGIC("NAT-keepalive from " << header.GetSource());
        driver->NotifyNatKeepaliveReceived();
        return true;
    case IpsecUdpEncapPayload::ESP:
        break;
    }
    Ptr<IpsecInboundProtocol> esp = DynamicCast<IpsecInboundProtocol>(
        Ipv4L3Protocol::GetProtocol(static_cast<int>(IpsecProtocol::ESP)));
    if (!esp)
    {
        return false;
    }
    uint16_t sourcePort = static_cast<uint16_t>((bytes[0] << 8) | bytes[1]);
    uint16_t destinationPort = static_cast<uint16_t>((bytes[2] << 8) | bytes[3]);
    segment->RemoveAtStart(IpsecUdpEncap::UDP_HEADER_SIZE);
    esp->ReceiveUdpEncapsulated(segment, header, interface, sourcePort, destinationPort);
    return true;
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
        if (protocolNumber == UdpL4Protocol::PROT_NUMBER)
        {
            // UDP to the NAT-T port may be encapsulated ESP (RFC 3948).
            DynamicCast<IpsecL4Guard>(guard)->SetUdpEncapReceiver(
                const_cast<IpsecIpv4L3Protocol*>(this));
        }
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
    // What Ipv4L3Protocol::LocalDeliver fires before handing a packet up.
    IpsecIpv4Traces::LocalDeliver(*this, header, payload, iif);
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

void
IpsecIpv4L3Protocol::NotifyIpsecDrop(IpsecDirection direction,
                                     const IpsecPacketSelector& selector,
                                     Ptr<const Packet> packet,
                                     IpsecDropReason reason)
{
    NS_LOG_FUNCTION(this << direction << selector << packet << reason);
    if (direction == IpsecDirection::OUTBOUND && m_outgoing && m_outgoing->pending)
    {
        // Dropped while Send decides it: sent as far as IPv4's observers know, then lost.
        uint32_t interface = m_outgoing->interface;
        Ipv4Header header = m_outgoing->header;
        FireSendOutgoing(packet);
        IpsecIpv4Traces::Drop(*this, header, packet, reason, interface);
        return;
    }
    // Inbound packets decided before IPv4 removed their header still carry it.
    uint8_t bytes[20];
    if (direction == IpsecDirection::INBOUND && packet->GetSize() >= 20 &&
        packet->CopyData(bytes, 20) == 20 && bytes[0] == 0x45 &&
        bytes[9] == selector.protocol &&
        Ipv4Address::Deserialize(bytes + 12) == selector.source &&
        Ipv4Address::Deserialize(bytes + 16) == selector.destination)
    {
        Ptr<Packet> payload = packet->Copy();
        Ipv4Header header;
        payload->RemoveHeader(header);
        uint32_t interface = 0;
        if (m_arrivalInterface >= 0)
        {
            // Dropped before IPv4 saw it: it did arrive (Rx), then it was dropped.
            interface = m_arrivalInterface;
            IpsecIpv4Traces::Rx(*this, packet, interface);
        }
        IpsecIpv4Traces::Drop(*this, header, payload, reason, interface);
        return;
    }
    Ipv4Header header;
    header.SetSource(selector.source);
    header.SetDestination(selector.destination);
    header.SetProtocol(selector.protocol);
    header.SetPayloadSize(packet->GetSize());
    header.SetTtl(GetDefaultTtl());
    if (m_arrivingTags && direction == IpsecDirection::INBOUND)
    {
        // An arriving ESP/AH packet, its tags kept aside: the drop is its flow's.
        Ptr<Packet> tagged = packet->Copy();
        IpsecByteTags::Copy(m_arrivingTags, tagged);
        packet = tagged;
    }
    IpsecIpv4Traces::Drop(*this, header, packet, reason, 0);
}

void
IpsecIpv4L3Protocol::SetArrivingTags(Ptr<const Packet> packet)
{
    m_arrivingTags = packet;
}

void
IpsecIpv4L3Protocol::SetArrivalInterface(int32_t interface)
{
    m_arrivalInterface = interface;
}

void
IpsecIpv4L3Protocol::RestoreArrivingTags(const Ptr<const Packet>& packet) const
{
    if (m_arrivingTags)
    {
        IpsecByteTags::Copy(m_arrivingTags, packet);
    }
}

bool
IpsecIpv4L3Protocol::AddAddress(uint32_t i, Ipv4InterfaceAddress address)
{
    NS_LOG_FUNCTION(this << i << address);
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
    NS_LOG_FUNCTION(this << interfaceIndex << addressIndex);
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
    NS_LOG_FUNCTION(this << interface << address);
    bool removed = Ipv4L3Protocol::RemoveAddress(interface, address);
    if (GetDriver())
    {
        GetDriver()->UpdateLocalAddresses();
    }
    return removed;
}

} // namespace ns3
