/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ipsec-udp-encap.h"

#include "ns3/tcp-header.h"
#include "ns3/udp-header.h"

#include <algorithm>

namespace ns3
{

void
IpsecUdpEncap::Encapsulate(const Ptr<Packet>& esp, uint16_t sourcePort, uint16_t destinationPort)
{
    UdpHeader udp; // checksums not enabled: Serialize writes zero
    udp.SetSourcePort(sourcePort);
    udp.SetDestinationPort(destinationPort);
    esp->AddHeader(udp);
}

IpsecUdpEncapPayload
IpsecUdpEncap::Classify(const uint8_t* payload, uint32_t length)
{
    if (length == 1 && payload[0] == KEEPALIVE_BYTE)
    {
        return IpsecUdpEncapPayload::KEEPALIVE;
    }
    if (length < 4)
    {
        return IpsecUdpEncapPayload::MALFORMED;
    }
    bool marker = payload[0] == 0 && payload[1] == 0 && payload[2] == 0 && payload[3] == 0;
    return marker ? IpsecUdpEncapPayload::IKE : IpsecUdpEncapPayload::ESP;
}

IpsecUdpEncapPayload
IpsecUdpEncap::ClassifySegment(const Ptr<const Packet>& udp)
{
    if (udp->GetSize() < UDP_HEADER_SIZE)
    {
        return IpsecUdpEncapPayload::MALFORMED;
    }
    uint8_t bytes[UDP_HEADER_SIZE + 4];
    udp->CopyData(bytes, std::min<uint32_t>(udp->GetSize(), sizeof(bytes)));
    return Classify(bytes + UDP_HEADER_SIZE, udp->GetSize() - UDP_HEADER_SIZE);
}

Ptr<Packet>
IpsecUdpEncap::MakeKeepalive(uint16_t sourcePort, uint16_t destinationPort)
{
    uint8_t byte = KEEPALIVE_BYTE;
    Ptr<Packet> packet = Create<Packet>(&byte, 1);
    Encapsulate(packet, sourcePort, destinationPort);
    return packet;
}

bool
IpsecUdpEncap::FixTransportChecksum(const Ptr<Packet>& segment,
                                    uint8_t protocol,
                                    Ipv4Address source,
                                    Ipv4Address destination)
{
    if (protocol == 17 && segment->GetSize() >= UDP_HEADER_SIZE)
    {
        uint8_t bytes[UDP_HEADER_SIZE];
        segment->CopyData(bytes, UDP_HEADER_SIZE);
        if (bytes[6] == 0 && bytes[7] == 0)
        {
            return false; // no checksum in use (RFC 768)
        }
        UdpHeader udp;
        segment->RemoveHeader(udp);
        // Deserialize keeps the received checksum, which Serialize would write back as given.
        udp.ForceChecksum(0);
        udp.EnableChecksums();
        udp.InitializeChecksum(source, destination, protocol);
        segment->AddHeader(udp);
        return true;
    }
    if (protocol == 6 && segment->GetSize() >= 20)
    {
        TcpHeader tcp;
        segment->RemoveHeader(tcp);
        tcp.EnableChecksums();
        tcp.InitializeChecksum(source, destination, protocol);
        segment->AddHeader(tcp);
        return true;
    }
    return false;
}

} // namespace ns3
