/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef IPSEC_UDP_ENCAP_H
#define IPSEC_UDP_ENCAP_H

#include "ns3/ipv4-address.h"
#include "ns3/packet.h"

#include <cstdint>

namespace ns3
{

/** What a datagram to the NAT-T port carries (RFC 3948 2.2, 2.3; RFC 3947 4). */
enum class IpsecUdpEncapPayload : uint8_t
{
    ESP,       //!< an ESP packet: the first four bytes (the SPI) are not zero
    IKE,       //!< NAT-T IKE: the four-byte non-ESP marker 0x00000000 comes first
    KEEPALIVE, //!< a NAT-keepalive: one byte 0xFF
    MALFORMED, //!< none of these (shorter than a marker or an SPI)
};

/**
 * \ingroup ipsec
 * \brief UDP encapsulation of ESP (RFC 3948): the framing, the classification of what arrives
 * on the NAT-T port, NAT-keepalives, and the transport-mode checksum repair.
 */
class IpsecUdpEncap
{
  public:
    /** The one byte of a NAT-keepalive (RFC 3948 2.3). */
    static constexpr uint8_t KEEPALIVE_BYTE = 0xFF;
    /** Bytes of the UDP header in front of the ESP header. */
    static constexpr uint32_t UDP_HEADER_SIZE = 8;

    /**
     * \brief Put an ESP packet in a UDP header; its checksum is zero (RFC 3948 2.1: the ESP
     * ICV protects the payload, and a NAT would have to update a checksum).
     * \param esp the ESP packet (ESP header, payload, trailer, ICV)
     * \param sourcePort UDP source port
     * \param destinationPort UDP destination port
     */
    static void Encapsulate(const Ptr<Packet>& esp, uint16_t sourcePort, uint16_t destinationPort);

    /**
     * \param payload the first bytes of the UDP payload
     * \param length the UDP payload's size (at least the bytes given, up to 4 are read)
     * \return what the datagram carries
     */
    static IpsecUdpEncapPayload Classify(const uint8_t* payload, uint32_t length);

    /**
     * \param udp a UDP segment (header and payload)
     * \return what it carries (MALFORMED if it is shorter than a UDP header)
     */
    static IpsecUdpEncapPayload ClassifySegment(const Ptr<const Packet>& udp);

    /**
     * \param sourcePort UDP source port
     * \param destinationPort UDP destination port
     * \return a NAT-keepalive: UDP header (checksum zero) and the byte 0xFF
     */
    static Ptr<Packet> MakeKeepalive(uint16_t sourcePort, uint16_t destinationPort);

    /**
     * \brief Repair the checksum of a TCP or UDP segment decapsulated in UDP-Transport mode
     * (RFC 3948 3.1.2): its sender computed it over its own addresses, which a NAT changed on
     * the outer header only. Recomputed in full over \p source and \p destination, the
     * addresses it is delivered with, after ESP authenticated the segment. A UDP checksum of
     * zero (none) stays zero; other protocols are left alone.
     * \param segment the transport segment
     * \param protocol its protocol (6 TCP, 17 UDP)
     * \param source the source address it is delivered with
     * \param destination the destination address it is delivered with
     * \return true if a checksum was rewritten
     */
    static bool FixTransportChecksum(const Ptr<Packet>& segment,
                                     uint8_t protocol,
                                     Ipv4Address source,
                                     Ipv4Address destination);
};

} // namespace ns3

#endif /* IPSEC_UDP_ENCAP_H */
