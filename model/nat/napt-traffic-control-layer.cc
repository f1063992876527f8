/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "napt-traffic-control-layer.h"

#include "napt-inside-tag.h"
#include "napt-translator.h"

#include "ns3/ipv4-l3-protocol.h"
#include "ns3/ipv4-queue-disc-item.h"
#include "ns3/log.h"
#include "ns3/node.h"

#include <algorithm>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("NaptTrafficControlLayer");

NS_OBJECT_ENSURE_REGISTERED(NaptTrafficControlLayer);

TypeId
NaptTrafficControlLayer::GetTypeId()
{
    static TypeId tid = TypeId("ns3::NaptTrafficControlLayer")
                            .SetParent<TrafficControlLayer>()
                            .SetGroupName("Ipsec")
                            .AddConstructor<NaptTrafficControlLayer>();
    return tid;
}

NaptTrafficControlLayer::NaptTrafficControlLayer() = default;

NaptTrafficControlLayer::~NaptTrafficControlLayer() = default;

void
NaptTrafficControlLayer::DoDispose()
{
    m_outside = nullptr;
    m_inside.clear();
    m_ipv4 = nullptr;
    m_translator = nullptr;
    TrafficControlLayer::DoDispose();
}

void
NaptTrafficControlLayer::SetOutsideDevice(Ptr<NetDevice> device)
{
    m_outside = device;
}

void
NaptTrafficControlLayer::AddInsideDevice(Ptr<NetDevice> device)
{
    m_inside.push_back(device);
}

Ptr<NetDevice>
NaptTrafficControlLayer::GetOutsideDevice() const
{
    return m_outside;
}

bool
NaptTrafficControlLayer::IsInsideDevice(Ptr<NetDevice> device) const
{
    return std::find(m_inside.begin(), m_inside.end(), device) != m_inside.end();
}

void
NaptTrafficControlLayer::Resolve()
{
    if (!m_ipv4)
    {
        m_ipv4 = GetObject<Ipv4L3Protocol>();
        m_translator = GetObject<NaptTranslator>();
        m_nodeId = GetObject<Node>()->GetId();
    }
}

bool
NaptTrafficControlLayer::GetPublicAddress(Ipv4Address& address)
{
    int32_t interface = m_ipv4->GetInterfaceForDevice(m_outside);
    if (interface < 0 || m_ipv4->GetNAddresses(interface) == 0)
    {
        return false;
    }
    address = m_ipv4->GetAddress(interface, 0).GetLocal();
    return true;
}

void
NaptTrafficControlLayer::Receive(Ptr<NetDevice> device,
                                 Ptr<const Packet> p,
                                 uint16_t protocol,
                                 const Address& from,
                                 const Address& to,
                                 NetDevice::PacketType packetType)
{
    if (protocol != Ipv4L3Protocol::PROT_NUMBER)
    {
        TrafficControlLayer::Receive(device, p, protocol, from, to, packetType);
        return;
    }
    Resolve();
    if (IsInsideDevice(device))
    {
        Ptr<Packet> tagged = p->Copy();
        NaptInsideTag old;
        tagged->RemovePacketTag(old);
        tagged->AddPacketTag(NaptInsideTag(m_nodeId));
        TrafficControlLayer::Receive(device, tagged, protocol, from, to, packetType);
        return;
    }
    Ipv4Address publicAddress;
    if (device != m_outside || !m_translator || !GetPublicAddress(publicAddress))
    {
        TrafficControlLayer::Receive(device, p, protocol, from, to, packetType);
        return;
    }
    Ptr<Packet> packet = p->Copy();
    Ipv4Header header;
    if (Node::ChecksumEnabled())
    {
        header.EnableChecksum();
    }
    if (packet->GetSize() < 20 || packet->RemoveHeader(header) < 20 || !header.IsChecksumOk() ||
        packet->GetSize() < header.GetPayloadSize())
    {
        // Damaged: IPv4 drops it and says so.
        TrafficControlLayer::Receive(device, p, protocol, from, to, packetType);
        return;
    }
    // Link-layer padding (short Ethernet frames) is not part of the datagram.
    if (packet->GetSize() > header.GetPayloadSize())
    {
        packet->RemoveAtEnd(packet->GetSize() - header.GetPayloadSize());
    }
    Ipv4Address destination = header.GetDestination();
    int32_t interface = m_ipv4->GetInterfaceForDevice(device);
    if (destination != publicAddress)
    {
        if (interface >= 0 && m_ipv4->IsDestinationAddress(destination, interface))
        {
            // Broadcast, multicast or another of the router's addresses: not translated.
            TrafficControlLayer::Receive(device, p, protocol, from, to, packetType);
            return;
        }
        m_translator->Drop(header, packet, NaptDirection::INBOUND, NaptDropReason::NO_BINDING);
        return;
    }
    switch (m_translator->TranslateInbound(header, packet))
    {
    case NaptTranslator::TRANSLATED:
        packet->AddHeader(header);
        TrafficControlLayer::Receive(device, packet, protocol, from, to, packetType);
        return;
    case NaptTranslator::PASS:
        TrafficControlLayer::Receive(device, p, protocol, from, to, packetType);
        return;
    case NaptTranslator::DROP:
        return;
    }
}

void
NaptTrafficControlLayer::Send(Ptr<NetDevice> device, Ptr<QueueDiscItem> item)
{
    Ipv4Address publicAddress;
    Ptr<Ipv4QueueDiscItem> ipItem;
    if (device == m_outside && item->GetProtocol() == Ipv4L3Protocol::PROT_NUMBER)
    {
        Resolve();
        ipItem = DynamicCast<Ipv4QueueDiscItem>(item);
    }
    if (!ipItem || !m_translator || !GetPublicAddress(publicAddress))
    {
        TrafficControlLayer::Send(device, item);
        return;
    }
    NaptInsideTag tag;
    bool fromInside = ipItem->GetPacket()->PeekPacketTag(tag) && tag.GetNodeId() == m_nodeId;
    Ipv4Header header = ipItem->GetHeader();
    if (!fromInside && header.GetSource() != publicAddress)
    {
        // Neither from an inside interface nor the router's own: routed through untranslated.
        TrafficControlLayer::Send(device, item);
        return;
    }
    uint8_t protocol = header.GetProtocol();
    if (!fromInside && protocol != 1 && protocol != 6 && protocol != 17)
    {
        // The router's own traffic of other protocols keeps its address: nothing to map.
        TrafficControlLayer::Send(device, item);
        return;
    }
    Ptr<Packet> packet = ipItem->GetPacket()->Copy();
    packet->RemovePacketTag(tag);
    if (Node::ChecksumEnabled())
    {
        header.EnableChecksum();
    }
    switch (m_translator->TranslateOutbound(header, packet, publicAddress))
    {
    case NaptTranslator::TRANSLATED:
        TrafficControlLayer::Send(
            device,
            Create<Ipv4QueueDiscItem>(packet, ipItem->GetAddress(), ipItem->GetProtocol(), header));
        return;
    case NaptTranslator::PASS:
        TrafficControlLayer::Send(device, item);
        return;
    case NaptTranslator::DROP:
        return;
    }
}

} // namespace ns3
