/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ipsec-forwarding-guard.h"

#include "ipsec-ipv4-l3-protocol.h"
#include "ipsec-ipv4-traces.h"

#include "ns3/ipsec-driver.h"
#include "ns3/ipv4.h"
#include "ns3/log.h"
#include "ns3/output-stream-wrapper.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("IpsecForwardingGuard");

NS_OBJECT_ENSURE_REGISTERED(IpsecForwardingGuard);

TypeId
IpsecForwardingGuard::GetTypeId()
{
    static TypeId tid = TypeId("ns3::IpsecForwardingGuard")
                            .SetParent<Ipv4RoutingProtocol>()
                            .SetGroupName("Ipsec")
                            .AddConstructor<IpsecForwardingGuard>();
    return tid;
}

IpsecForwardingGuard::IpsecForwardingGuard() = default;

IpsecForwardingGuard::~IpsecForwardingGuard() = default;

void
IpsecForwardingGuard::DoDispose()
{
    m_ipv4 = nullptr;
    m_driver = nullptr;
    Ipv4RoutingProtocol::DoDispose();
}

Ptr<Ipv4Route>
IpsecForwardingGuard::RouteOutput(Ptr<Packet> /* p */,
                                  const Ipv4Header& /* header */,
                                  Ptr<NetDevice> /* oif */,
                                  Socket::SocketErrno& sockerr)
{
    sockerr = Socket::ERROR_NOROUTETOHOST; // let the next protocol in the list answer
    return nullptr;
}

bool
IpsecForwardingGuard::RouteInput(Ptr<const Packet> p,
                                 const Ipv4Header& header,
                                 Ptr<const NetDevice> /* idev */,
                                 UnicastForwardCallback /* ucb */,
                                 MulticastForwardCallback /* mcb */,
                                 LocalDeliverCallback /* lcb */,
                                 ErrorCallback /* ecb */)
{
    NS_LOG_FUNCTION(this << p << header);
    if (!m_driver && m_ipv4)
    {
        m_driver = m_ipv4->GetObject<IpsecDriver>();
    }
    // Decrypted tunnel traffic was checked against the policy of its SA on arrival.
    if (!m_driver || m_driver->IsInboundDecided())
    {
        return false;
    }
    IpsecPacketSelector selector;
    selector.source = header.GetSource();
    selector.destination = header.GetDestination();
    selector.protocol = header.GetProtocol();
    // Only the first fragment carries ports; later fragments match port-less filters only.
    if (header.GetFragmentOffset() == 0 && p->GetSize() >= 4)
    {
        uint8_t l4[4];
        p->CopyData(l4, 4);
        selector.SetPortsFromTransportHeader(l4);
    }
    // A packet whose TTL runs out is left to the ordinary path, which answers with ICMP time
    // exceeded (checked before deciding, so that nothing is counted twice).
    if (header.GetTtl() <= 1)
    {
        return false;
    }
    auto decision = m_driver->DecideOutbound(IpsecDirection::FORWARD, selector, p);
    switch (decision.kind)
    {
    case IpsecDriver::OutboundDecision::PASS:
        return false; // the ordinary routing protocols forward it
    case IpsecDriver::OutboundDecision::DROP:
        return true; // consumed: counted and traced by the driver
    case IpsecDriver::OutboundDecision::NEGOTIATING: {
        Ptr<Packet> copy = p->Copy();
        m_driver->Hold(decision,
                       IpsecDirection::FORWARD,
                       selector,
                       p,
                       [this, copy, header, selector]() { ForwardHeld(copy, header, selector); });
        return true;
    }
    case IpsecDriver::OutboundDecision::PROTECT:
        if (!m_driver->SpendOutbound(decision, IpsecDirection::FORWARD, selector, p))
        {
            return true; // consumed: counted and traced by the driver
        }
        break;
    }
    // Into the tunnel: forwarding decrements the TTL before encapsulation.
    Ipv4Header inner = header;
    inner.SetTtl(header.GetTtl() - 1);
    Ptr<IpsecIpv4L3Protocol> l3 = m_ipv4->GetObject<IpsecIpv4L3Protocol>();
    l3->SendProtected(p->Copy(), inner, decision.sa, decision.seq, nullptr, true);
    return true;
}

void
IpsecForwardingGuard::ForwardHeld(Ptr<Packet> packet,
                                  const Ipv4Header& header,
                                  const IpsecPacketSelector& selector)
{
    NS_LOG_FUNCTION(this << packet << selector);
    Ipv4Header inner = header;
    inner.SetTtl(header.GetTtl() - 1);
    Ptr<IpsecIpv4L3Protocol> l3 = m_ipv4->GetObject<IpsecIpv4L3Protocol>();
    auto decision = m_driver->DecideOutbound(IpsecDirection::FORWARD, selector, packet);
    switch (decision.kind)
    {
    case IpsecDriver::OutboundDecision::PROTECT:
        if (m_driver->SpendOutbound(decision, IpsecDirection::FORWARD, selector, packet))
        {
            l3->SendProtected(packet, inner, decision.sa, decision.seq, nullptr, true);
        }
        return;
    case IpsecDriver::OutboundDecision::PASS: {
        // Negotiation ended in the clear (a soft SA): forward it as routing would have.
        Socket::SocketErrno error;
        Ptr<Ipv4Route> route = l3->GetRoutingProtocol()->RouteOutput(packet, inner, nullptr, error);
        if (route)
        {
            // As Ipv4L3Protocol::IpForward would have.
            IpsecIpv4Traces::UnicastForward(*l3,
                                            inner,
                                            packet,
                                            l3->GetInterfaceForDevice(route->GetOutputDevice()));
            l3->SendWire(packet, inner, route);
        }
        else
        {
            m_driver->Drop(IpsecDirection::FORWARD, selector, packet, IpsecDropReason::NO_ROUTE);
        }
        return;
    }
    case IpsecDriver::OutboundDecision::NEGOTIATING:
        m_driver->Hold(decision,
                       IpsecDirection::FORWARD,
                       selector,
                       packet,
                       [this, packet, header, selector]() {
                           ForwardHeld(packet, header, selector);
                       });
        return;
    case IpsecDriver::OutboundDecision::DROP:
        return;
    }
}

void
IpsecForwardingGuard::NotifyInterfaceUp(uint32_t /* interface */)
{
}

void
IpsecForwardingGuard::NotifyInterfaceDown(uint32_t /* interface */)
{
}

void
IpsecForwardingGuard::NotifyAddAddress(uint32_t /* interface */,
                                       Ipv4InterfaceAddress /* address */)
{
}

void
IpsecForwardingGuard::NotifyRemoveAddress(uint32_t /* interface */,
                                          Ipv4InterfaceAddress /* address */)
{
}

void
IpsecForwardingGuard::SetIpv4(Ptr<Ipv4> ipv4)
{
    m_ipv4 = ipv4;
}

void
IpsecForwardingGuard::PrintRoutingTable(Ptr<OutputStreamWrapper> stream,
                                        Time::Unit /* unit */) const
{
    *stream->GetStream() << "IPsec forwarding guard (policy check for forwarded packets)\n";
}

} // namespace ns3
