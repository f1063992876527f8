/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ipsec-l4-guard.h"

#include "ipsec-ipv4-l3-protocol.h"

#include "ns3/ipsec-driver.h"
#include "ns3/ipv4-interface.h"
#include "ns3/ipv6-interface.h"
#include "ns3/log.h"
#include "ns3/loopback-net-device.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("IpsecL4Guard");

NS_OBJECT_ENSURE_REGISTERED(IpsecL4Guard);

TypeId
IpsecL4Guard::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::IpsecL4Guard").SetParent<IpL4Protocol>().SetGroupName("Ipsec");
    return tid;
}

IpsecL4Guard::IpsecL4Guard() = default;

IpsecL4Guard::IpsecL4Guard(Ptr<IpL4Protocol> inner, Ptr<IpsecDriver> driver)
    : m_inner(inner),
      m_driver(driver)
{
}

IpsecL4Guard::~IpsecL4Guard() = default;

void
IpsecL4Guard::SetUdpEncapReceiver(IpsecIpv4L3Protocol* l3)
{
    m_udpEncap = l3;
}

void
IpsecL4Guard::DoDispose()
{
    m_udpEncap = nullptr;
    m_inner = nullptr;
    m_driver = nullptr;
    IpL4Protocol::DoDispose();
}

int
IpsecL4Guard::GetProtocolNumber() const
{
    return m_inner->GetProtocolNumber();
}

IpL4Protocol::RxStatus
IpsecL4Guard::Receive(Ptr<Packet> p, const Ipv4Header& header, Ptr<Ipv4Interface> incomingInterface)
{
    NS_LOG_FUNCTION(this << p << header << incomingInterface);
    bool loopback = DynamicCast<LoopbackNetDevice>(incomingInterface->GetDevice()) != nullptr;
    if (m_udpEncap && !loopback && m_udpEncap->ReceiveUdpEncapsulated(p, header, incomingInterface))
    {
        return RX_OK; // encapsulated ESP is decided by its SA, keepalives are only counted
    }
    if (!loopback && !m_driver->IsInboundDecided())
    {
        IpsecPacketSelector selector;
        selector.source = header.GetSource();
        selector.destination = header.GetDestination();
        selector.protocol = header.GetProtocol();
        if (IpsecPacketSelector::ProtocolHasPorts(selector.protocol) && p->GetSize() >= 4)
        {
            uint8_t l4[4];
            p->CopyData(l4, 4);
            selector.SetPortsFromTransportHeader(l4);
        }
        if (!m_driver->DecideInboundClear(selector, p))
        {
            // RX_OK: a policy drop must not make the stack answer with ICMP unreachable.
            return RX_OK;
        }
    }
    return m_inner->Receive(p, header, incomingInterface);
}

IpL4Protocol::RxStatus
IpsecL4Guard::Receive(Ptr<Packet> p, const Ipv6Header& header, Ptr<Ipv6Interface> incomingInterface)
{
    return m_inner->Receive(p, header, incomingInterface);
}

void
IpsecL4Guard::ReceiveIcmp(Ipv4Address icmpSource,
                          uint8_t icmpTtl,
                          uint8_t icmpType,
                          uint8_t icmpCode,
                          uint32_t icmpInfo,
                          Ipv4Address payloadSource,
                          Ipv4Address payloadDestination,
                          const uint8_t payload[8])
{
    NS_LOG_FUNCTION(this << icmpSource << uint32_t(icmpType) << uint32_t(icmpCode) << payloadSource
                         << payloadDestination);
    m_inner->ReceiveIcmp(icmpSource,
                         icmpTtl,
                         icmpType,
                         icmpCode,
                         icmpInfo,
                         payloadSource,
                         payloadDestination,
                         payload);
}

void
IpsecL4Guard::SetDownTarget(DownTargetCallback cb)
{
    m_inner->SetDownTarget(cb);
}

void
IpsecL4Guard::SetDownTarget6(DownTargetCallback6 cb)
{
    m_inner->SetDownTarget6(cb);
}

IpL4Protocol::DownTargetCallback
IpsecL4Guard::GetDownTarget() const
{
    return m_inner->GetDownTarget();
}

IpL4Protocol::DownTargetCallback6
IpsecL4Guard::GetDownTarget6() const
{
    return m_inner->GetDownTarget6();
}

} // namespace ns3
