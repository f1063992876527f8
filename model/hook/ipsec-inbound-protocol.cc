/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ipsec-inbound-protocol.h"

#include "ipsec-ipv4-l3-protocol.h"

#include "ns3/ipsec-ah.h"
#include "ns3/ipsec-driver.h"
#include "ns3/ipsec-esp.h"
#include "ns3/ipsec-udp-encap.h"
#include "ns3/ipv4-interface.h"
#include "ns3/ipv6-interface.h"
#include "ns3/log.h"
#include "ns3/node.h"
#include "ns3/simulator.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("IpsecInboundProtocol");

NS_OBJECT_ENSURE_REGISTERED(IpsecInboundProtocol);

TypeId
IpsecInboundProtocol::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::IpsecInboundProtocol").SetParent<IpL4Protocol>().SetGroupName("Ipsec");
    return tid;
}

IpsecInboundProtocol::IpsecInboundProtocol() = default;

IpsecInboundProtocol::IpsecInboundProtocol(IpsecProtocol protocol)
    : m_protocol(protocol)
{
}

IpsecInboundProtocol::~IpsecInboundProtocol() = default;

void
IpsecInboundProtocol::DoDispose()
{
    m_driver = nullptr;
    m_l3 = nullptr;
    m_downTarget = MakeNullCallback<void, Ptr<Packet>, Ipv4Address, Ipv4Address, uint8_t,
                                    Ptr<Ipv4Route>>();
    IpL4Protocol::DoDispose();
}

int
IpsecInboundProtocol::GetProtocolNumber() const
{
    return static_cast<int>(m_protocol);
}

bool
IpsecInboundProtocol::FindNodeObjects(const Ptr<Ipv4Interface>& interface)
{
    if (!m_driver || !m_l3)
    {
        Ptr<Node> node = interface->GetDevice()->GetNode();
        m_driver = node->GetObject<IpsecDriver>();
        m_l3 = node->GetObject<IpsecIpv4L3Protocol>();
    }
    return m_driver && m_l3;
}

IpL4Protocol::RxStatus
IpsecInboundProtocol::Receive(Ptr<Packet> p,
                              const Ipv4Header& header,
                              Ptr<Ipv4Interface> incomingInterface)
{
    NS_LOG_FUNCTION(this << p << header << incomingInterface);
    Process(p, header, incomingInterface, nullptr);
    return RX_OK;
}

void
IpsecInboundProtocol::ReceiveUdpEncapsulated(Ptr<Packet> p,
                                             const Ipv4Header& header,
                                             Ptr<Ipv4Interface> incomingInterface,
                                             uint16_t sourcePort,
                                             uint16_t destinationPort)
{
    NS_LOG_FUNCTION(this << p << header << sourcePort << destinationPort);
    UdpPorts udp{sourcePort, destinationPort};
    Process(p, header, incomingInterface, &udp);
}

void
IpsecInboundProtocol::Process(Ptr<Packet> p,
                              const Ipv4Header& header,
                              const Ptr<Ipv4Interface>& incomingInterface,
                              const UdpPorts* udp)
{
    if (!FindNodeObjects(incomingInterface))
    {
        return;
    }
    IpsecDriver& driver = *m_driver;
    IpsecPacketSelector outer;
    outer.source = header.GetSource();
    outer.destination = header.GetDestination();
    outer.protocol = header.GetProtocol();

    uint32_t spi = 0;
    uint32_t seq = 0;
    bool esp = m_protocol == IpsecProtocol::ESP;
    if (!(esp ? IpsecEsp::PeekSpi(p, spi, seq) : IpsecAh::PeekSpi(p, spi, seq)))
    {
        driver.Drop(IpsecDirection::INBOUND, outer, p, IpsecDropReason::MALFORMED);
        return;
    }
    Ptr<IpsecSa> sa = driver.FindInboundSa(m_protocol, spi, seq, outer, p);
    if (!sa)
    {
        return;
    }
    const IpsecSaConfig& config = sa->GetConfig();
    if (config.IsUdpEncapsulated() != (udp != nullptr) ||
        (udp && (udp->source != config.encapSourcePort ||
                 udp->destination != config.encapDestinationPort ||
                 outer.source != config.source)))
    {
        // The SA says how its packets travel, and from where: the port a NAT picked is part
        // of it. Checked before the ICV, so nothing of the SA changes (window, counters).
        NS_LOG_LOGIC("SA 0x" << std::hex << spi << std::dec << " is "
                             << (config.IsUdpEncapsulated() ? "UDP-encapsulated" : "plain"));
        driver.Drop(IpsecDirection::INBOUND,
                    outer,
                    p,
                    IpsecDropReason::UDP_ENCAP_MISMATCH,
                    sa->GetFilterId());
        return;
    }
    // ESP turns the packet itself into its payload (it is ours: LocalDeliver hands each
    // protocol its own packet); AH builds a new one.
    uint32_t protectedSize = p->GetSize(); // the delay model books the ESP/AH packet
    Ptr<Packet> inner = p;
    uint8_t nextHeader = 0;
    std::optional<IpsecDropReason> failure;
    if (esp)
    {
        failure = IpsecEsp::UnprotectInPlace(*sa, p, driver.IsModeled(), nextHeader);
    }
    else
    {
        failure = IpsecAh::Unprotect(*sa, p, header, driver.IsModeled(), inner, nextHeader);
        if (!failure && !sa->ModeMatches(nextHeader))
        {
            failure = IpsecDropReason::POLICY_MISMATCH;
        }
        else if (!failure && nextHeader == 4 && inner->GetSize() < 20)
        {
            failure = IpsecDropReason::MALFORMED;
        }
    }
    if (failure)
    {
        driver.Drop(IpsecDirection::INBOUND, outer, p, *failure, sa->GetFilterId());
        return;
    }
    // The arriving packet's byte tags (FlowMonitor's among them) belong to the clear one.
    m_l3->RestoreArrivingTags(inner);
    bool tunnel = nextHeader == 4;
    Ipv4Header innerHeader = header;
    IpsecPacketSelector selector = outer; // transport mode: the same addresses
    uint32_t l4Offset = 0;
    bool firstFragment;
    if (tunnel)
    {
        inner->PeekHeader(innerHeader);
        selector.source = innerHeader.GetSource();
        selector.destination = innerHeader.GetDestination();
        selector.protocol = innerHeader.GetProtocol();
        l4Offset = innerHeader.GetSerializedSize();
        firstFragment = innerHeader.GetFragmentOffset() == 0;
    }
    else
    {
        innerHeader.SetProtocol(nextHeader);
        innerHeader.SetPayloadSize(inner->GetSize());
        selector.protocol = nextHeader;
        firstFragment = header.GetFragmentOffset() == 0;
    }
    if (IpsecPacketSelector::ProtocolHasPorts(selector.protocol) &&
        inner->GetSize() >= l4Offset + 4 && firstFragment)
    {
        uint8_t bytes[64];
        inner->CopyData(bytes, l4Offset + 4);
        selector.SetPortsFromTransportHeader(bytes + l4Offset);
    }
    if (!driver.AcceptInbound(sa, seq, inner->GetSize(), selector, inner))
    {
        return;
    }
    if (udp && !tunnel && Node::ChecksumEnabled())
    {
        // UDP-Transport (RFC 3948 3.1.2): the inner checksum covers the sender's addresses,
        // which a NAT may have changed on the outer header; ESP authenticated the segment.
        IpsecUdpEncap::FixTransportChecksum(inner,
                                            nextHeader,
                                            innerHeader.GetSource(),
                                            innerHeader.GetDestination());
    }
    driver.NotifySaTraffic(sa,
                           IpsecDirection::INBOUND,
                           inner->GetSize(),
                           protectedSize + header.GetSerializedSize());
    // The processing delay model (zero by default) decides when the packet is done.
    Time delay = driver.BookCrypto(*sa, protectedSize);
    if (delay.IsZero())
    {
        Deliver(incomingInterface, inner, innerHeader, tunnel);
    }
    else
    {
        Simulator::Schedule(delay,
                            &IpsecInboundProtocol::DeliverLater,
                            this,
                            incomingInterface,
                            inner,
                            innerHeader,
                            tunnel);
    }
}

void
IpsecInboundProtocol::DeliverLater(Ptr<Ipv4Interface> interface,
                                   Ptr<Packet> inner,
                                   Ipv4Header innerHeader,
                                   bool tunnel)
{
    Deliver(interface, inner, innerHeader, tunnel);
}

void
IpsecInboundProtocol::Deliver(Ptr<Ipv4Interface> interface,
                              Ptr<Packet> inner,
                              const Ipv4Header& innerHeader,
                              bool tunnel)
{
    if (!tunnel && !m_l3->HasRawSockets())
    {
        m_l3->DeliverLocally(inner, innerHeader, interface);
        return;
    }
    if (!tunnel)
    {
        Ipv4Header header = innerHeader;
        if (Node::ChecksumEnabled())
        {
            header.EnableChecksum();
        }
        inner->AddHeader(header);
    }
    // Back into IPv4 as if it had just arrived: raw sockets, local delivery or forwarding.
    IpsecDriver::DecidedScope decided(*m_driver);
    m_l3->Receive(interface->GetDevice(),
                  inner,
                  Ipv4L3Protocol::PROT_NUMBER,
                  Address(),
                  Address(),
                  NetDevice::PACKET_HOST);
}

IpL4Protocol::RxStatus
IpsecInboundProtocol::Receive(Ptr<Packet>, const Ipv6Header&, Ptr<Ipv6Interface>)
{
    return RX_ENDPOINT_UNREACH; // IPv6 is not modelled
}

void
IpsecInboundProtocol::SetDownTarget(DownTargetCallback cb)
{
    m_downTarget = cb;
}

void
IpsecInboundProtocol::SetDownTarget6(DownTargetCallback6 cb)
{
    m_downTarget6 = cb;
}

IpL4Protocol::DownTargetCallback
IpsecInboundProtocol::GetDownTarget() const
{
    return m_downTarget;
}

IpL4Protocol::DownTargetCallback6
IpsecInboundProtocol::GetDownTarget6() const
{
    return m_downTarget6;
}

} // namespace ns3
