/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef IPSEC_AH_H
#define IPSEC_AH_H

#include "ns3/ipsec-drop-reason.h"
#include "ns3/ipsec-sa.h"
#include "ns3/ipv4-header.h"
#include "ns3/packet.h"

#include <cstdint>
#include <optional>

namespace ns3
{

/**
 * \ingroup ipsec
 * \brief AH (RFC 4302) for IPv4, byte-exact.
 *
 * The AH header is 12 bytes (next header, payload length = 32-bit words - 2, reserved, SPI,
 * sequence number) followed by the ICV. The ICV covers the IPv4 header with its mutable fields
 * (TOS, flags and fragment offset, TTL, checksum) zeroed, the AH header with a zero ICV, and
 * the payload. The outer IPv4 header must therefore be final (identification, length) before
 * the ICV is computed, which is why the caller builds it.
 */
class IpsecAh
{
  public:
    /** Size of the fixed part of the AH header. */
    static constexpr uint32_t FIXED_SIZE = 12;

    /**
     * \param sa the SA
     * \return bytes AH adds (header and ICV)
     */
    static uint32_t GetOverhead(const IpsecSa& sa);

    /**
     * \brief Prepend the AH header to \p payload and fill its ICV.
     * \param sa outbound SA
     * \param seq the sequence number
     * \param payload transport payload or whole inner IPv4 packet; modified in place
     * \param nextHeader protocol of the payload
     * \param ipHeader the outer header; its protocol and payload size are set here
     * \param modeled skip the HMAC (ICV zero)
     */
    static void Protect(IpsecSa& sa,
                        uint32_t seq,
                        Ptr<Packet> payload,
                        uint8_t nextHeader,
                        Ipv4Header& ipHeader,
                        bool modeled);

    /**
     * \brief Read SPI and sequence number of an AH packet.
     * \param packet the packet starting with the AH header
     * \param[out] spi the SPI
     * \param[out] seq the sequence number
     * \return false if too short
     */
    static bool PeekSpi(Ptr<const Packet> packet, uint32_t& spi, uint32_t& seq);

    /**
     * \brief Check the ICV and strip the AH header.
     * \param sa inbound SA
     * \param packet the packet starting with the AH header
     * \param ipHeader the IPv4 header it arrived with (after reassembly)
     * \param modeled skip the HMAC (ICV assumed good)
     * \param[out] inner the payload
     * \param[out] nextHeader its protocol
     * \return empty on success, else why the packet must be dropped
     */
    static std::optional<IpsecDropReason> Unprotect(const IpsecSa& sa,
                                                    Ptr<const Packet> packet,
                                                    const Ipv4Header& ipHeader,
                                                    bool modeled,
                                                    Ptr<Packet>& inner,
                                                    uint8_t& nextHeader);
};

} // namespace ns3

#endif /* IPSEC_AH_H */
