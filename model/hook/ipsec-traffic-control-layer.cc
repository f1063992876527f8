/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ipsec-traffic-control-layer.h"

#include "ipsec-ipv4-l3-protocol.h"

#include "ns3/ipsec-driver.h"
#include "ns3/ipsec-sa.h"
#include "ns3/ipsec-udp-encap.h"
#include "ns3/ipv4-l3-protocol.h"
#include "ns3/log.h"

#include <algorithm>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("IpsecTrafficControlLayer");

NS_OBJECT_ENSURE_REGISTERED(IpsecTrafficControlLayer);

TypeId
IpsecTrafficControlLayer::GetTypeId()
{
    static TypeId tid = TypeId("ns3::IpsecTrafficControlLayer")
                            .SetParent<TrafficControlLayer>()
                            .SetGroupName("Ipsec")
                            .AddConstructor<IpsecTrafficControlLayer>();
    return tid;
}

IpsecTrafficControlLayer::IpsecTrafficControlLayer() = default;

IpsecTrafficControlLayer::~IpsecTrafficControlLayer() = default;

void
IpsecTrafficControlLayer::DoDispose()
{
    m_driver = nullptr;
    m_ipv4 = nullptr;
    m_l3 = nullptr;
    TrafficControlLayer::DoDispose();
}

void
IpsecTrafficControlLayer::Receive(Ptr<NetDevice> device,
                                  Ptr<const Packet> p,
                                  uint16_t protocol,
                                  const Address& from,
                                  const Address& to,
                                  NetDevice::PacketType packetType)
{
    NS_LOG_FUNCTION(this << device << p);
    if (protocol == Ipv4L3Protocol::PROT_NUMBER)
    {
        if (!m_driver)
        {
            m_driver = GetObject<IpsecDriver>();
            m_ipv4 = GetObject<Ipv4L3Protocol>();
            m_l3 = GetObject<IpsecIpv4L3Protocol>();
        }
        // Read the fixed IPv4 header and the first transport bytes straight from the buffer:
        // cheaper than deserializing an Ipv4Header for every frame.
        uint8_t bytes[64];
        uint32_t n = p->CopyData(bytes, std::min<uint32_t>(p->GetSize(), sizeof(bytes)));
        // ESP and AH are decided by their SAs (IpsecInboundProtocol), not by filters: nothing
        // to look up for them here.
        bool secured = n >= 20 && (bytes[9] == static_cast<uint8_t>(IpsecProtocol::ESP) ||
                                   bytes[9] == static_cast<uint8_t>(IpsecProtocol::AH));
        uint32_t headerLength = (bytes[0] & 0x0f) * 4u;
        bool fragment = n >= 20 && ((bytes[6] & 0x20) != 0 || ((bytes[6] & 0x1f) | bytes[7]) != 0);
        if (!secured && !fragment && n >= 20 && bytes[9] == 17 && headerLength >= 20 &&
            n >= headerLength + IpsecUdpEncap::UDP_HEADER_SIZE &&
            ((bytes[headerLength + 2] << 8) | bytes[headerLength + 3]) == IPSEC_NAT_T_PORT)
        {
            // UDP-encapsulated ESP and NAT-keepalives (RFC 3948) are ESP's, as plain ESP is:
            // decided by their SA, not by filters. NAT-T IKE (non-ESP marker) stays UDP.
            uint32_t total = (bytes[2] << 8) | bytes[3];
            uint32_t payload = total >= headerLength + IpsecUdpEncap::UDP_HEADER_SIZE
                                   ? total - headerLength - IpsecUdpEncap::UDP_HEADER_SIZE
                                   : 0;
            const uint8_t* start = bytes + headerLength + IpsecUdpEncap::UDP_HEADER_SIZE;
            if (n - headerLength - IpsecUdpEncap::UDP_HEADER_SIZE >= std::min<uint32_t>(payload, 4))
            {
                IpsecUdpEncapPayload kind = IpsecUdpEncap::Classify(start, payload);
                secured = kind == IpsecUdpEncapPayload::ESP ||
                          kind == IpsecUdpEncapPayload::KEEPALIVE;
            }
        }
        int32_t iif = -1;
        if (m_driver && m_ipv4 && !secured && n >= 20 && headerLength >= 20 && !fragment)
        {
            iif = m_ipv4->GetInterfaceForDevice(device);
        }
        if (secured && m_l3 && n >= 20 && headerLength >= 20)
        {
            int32_t in = m_ipv4->GetInterfaceForDevice(device);
            if (in >= 0 && p->GetByteTagIterator().HasNext() &&
                m_ipv4->IsDestinationAddress(Ipv4Address::Deserialize(bytes + 16), in))
            {
                // An ESP/AH packet for us goes through IPv4 without its byte tags, kept for
                // the decrypted packet: flow observers (FlowMonitor) are to count the clear
                // packet once, not the protected one that has the same addresses in
                // transport mode.
                Ptr<Packet> untagged = p->Copy();
                untagged->RemoveAllByteTags();
                m_l3->SetArrivingTags(p);
                TrafficControlLayer::Receive(device, untagged, protocol, from, to, packetType);
                m_l3->SetArrivingTags(nullptr);
                return;
            }
        }
        if (iif >= 0 && m_ipv4->IsUp(iif))
        {
            IpsecPacketSelector selector;
            selector.protocol = bytes[9];
            selector.source = Ipv4Address::Deserialize(bytes + 12);
            selector.destination = Ipv4Address::Deserialize(bytes + 16);
            if (m_ipv4->IsDestinationAddress(selector.destination, iif))
            {
                if (n >= headerLength + 4)
                {
                    selector.SetPortsFromTransportHeader(bytes + headerLength);
                }
                if (m_l3)
                {
                    m_l3->SetArrivalInterface(iif);
                }
                bool pass = m_driver->DecideInboundClear(selector, p);
                if (m_l3)
                {
                    m_l3->SetArrivalInterface(-1);
                }
                if (!pass)
                {
                    return;
                }
                IpsecDriver::DecidedScope decided(*m_driver);
                TrafficControlLayer::Receive(device, p, protocol, from, to, packetType);
                return;
            }
        }
    }
    TrafficControlLayer::Receive(device, p, protocol, from, to, packetType);
}

} // namespace ns3
