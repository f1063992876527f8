/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef IPSEC_ESP_H
#define IPSEC_ESP_H

#include "ns3/ipsec-drop-reason.h"
#include "ns3/ipsec-sa.h"
#include "ns3/packet.h"

#include <cstdint>
#include <optional>

namespace ns3
{

/**
 * \ingroup ipsec
 * \brief ESP (RFC 4303) encapsulation and decapsulation, byte-exact.
 *
 * On the wire: SPI (4) | sequence number (4) | IV | encrypted [payload | padding | pad length |
 * next header] | ICV. Padding is 1, 2, 3, ... up to the cipher's block size (4 bytes for NULL
 * and GCM). CBC IVs are the encryption of a block holding SPI and sequence number under the SA's
 * key (the SP 800-38A appendix C way to get unpredictable IVs without a random generator, so a
 * seed gives the same bytes every run); GCM IVs are the 64-bit sequence number (RFC 4106 8.1).
 *
 * In modeled mode every byte is laid out the same but nothing is enciphered and the ICV is
 * zero: sizes and headers are exact, cipher work is skipped, and integrity is assumed.
 */
class IpsecEsp
{
  public:
    /**
     * \param sa the outbound SA
     * \param payloadSize bytes to protect (inner packet or transport payload)
     * \return the size of the ESP packet (without outer IPv4 header)
     */
    static uint32_t GetProtectedSize(const IpsecSa& sa, uint32_t payloadSize);

    /**
     * \brief Build the ESP packet around \p payload (packet tags are kept).
     * \param sa outbound SA (its sequence number must already be taken)
     * \param seq the sequence number
     * \param payload the transport payload or the whole inner IPv4 packet
     * \param nextHeader protocol of the payload (4 = IPv4 in tunnel mode)
     * \param modeled skip cipher work
     * \return the ESP packet
     */
    static Ptr<Packet> Protect(IpsecSa& sa,
                               uint32_t seq,
                               Ptr<const Packet> payload,
                               uint8_t nextHeader,
                               bool modeled);

    /**
     * \brief Read SPI and sequence number of an ESP packet.
     * \param packet the ESP packet
     * \param[out] spi the SPI
     * \param[out] seq the sequence number
     * \return false if the packet is too short to hold them
     */
    static bool PeekSpi(Ptr<const Packet> packet, uint32_t& spi, uint32_t& seq);

    /**
     * \brief Check the ICV and decrypt. The caller has found the SA and checked the sequence
     * number against the window; it accepts the number only if this succeeds.
     * \param sa the inbound SA
     * \param packet the ESP packet
     * \param modeled skip cipher work (the ICV is assumed good)
     * \param[out] inner the decrypted payload (packet tags kept)
     * \param[out] nextHeader protocol of the payload
     * \return empty on success, else why the packet must be dropped
     */
    static std::optional<IpsecDropReason> Unprotect(const IpsecSa& sa,
                                                    Ptr<const Packet> packet,
                                                    bool modeled,
                                                    Ptr<Packet>& inner,
                                                    uint8_t& nextHeader);
};

} // namespace ns3

#endif /* IPSEC_ESP_H */
