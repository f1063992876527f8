/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef IPSEC_PACKET_SELECTOR_H
#define IPSEC_PACKET_SELECTOR_H

#include "ns3/ipv4-address.h"

#include <cstdint>
#include <ostream>

namespace ns3
{

/**
 * \ingroup ipsec
 * \brief The fields of one IPv4 packet that IPsec filters look at (RFC 4301 selectors).
 */
struct IpsecPacketSelector
{
    Ipv4Address source;          //!< IPv4 source address
    Ipv4Address destination;     //!< IPv4 destination address
    uint8_t protocol{0};         //!< IPv4 protocol number
    uint16_t sourcePort{0};      //!< TCP/UDP source port (0 when unknown or not applicable)
    uint16_t destinationPort{0}; //!< TCP/UDP destination port (0 when unknown or n/a)

    /**
     * \brief Fill the ports from the first bytes of a transport header.
     * \param l4 the first four bytes of the TCP or UDP header
     *
     * Ports are read only for TCP and UDP: other protocols have no ports in a filter.
     */
    void SetPortsFromTransportHeader(const uint8_t* l4);

    /** \return true if the protocol carries ports that filters can match (TCP, UDP) */
    static bool ProtocolHasPorts(uint8_t protocol);
};

/**
 * \brief Print a selector as "src:sport > dst:dport proto N".
 * \param os output stream
 * \param selector the selector
 * \return os
 */
std::ostream& operator<<(std::ostream& os, const IpsecPacketSelector& selector);

} // namespace ns3

#endif /* IPSEC_PACKET_SELECTOR_H */
