/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ipsec-packet-selector.h"

namespace ns3
{

bool
IpsecPacketSelector::ProtocolHasPorts(uint8_t protocol)
{
    return protocol == 6 || protocol == 17;
}

void
IpsecPacketSelector::SetPortsFromTransportHeader(const uint8_t* l4)
{
    if (ProtocolHasPorts(protocol))
    {
        sourcePort = static_cast<uint16_t>((l4[0] << 8) | l4[1]);
        destinationPort = static_cast<uint16_t>((l4[2] << 8) | l4[3]);
    }
    else
    {
        sourcePort = 0;
        destinationPort = 0;
    }
}

std::ostream&
operator<<(std::ostream& os, const IpsecPacketSelector& selector)
{
    os << selector.source;
    if (IpsecPacketSelector::ProtocolHasPorts(selector.protocol))
    {
        os << ":" << selector.sourcePort;
    }
    os << " > " << selector.destination;
    if (IpsecPacketSelector::ProtocolHasPorts(selector.protocol))
    {
        os << ":" << selector.destinationPort;
    }
    os << " proto " << unsigned(selector.protocol);
    return os;
}

} // namespace ns3
