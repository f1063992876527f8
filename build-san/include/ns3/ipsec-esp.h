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

    /**
     * \brief Unprotect, turning \p packet itself into the payload: the receive path owns its
     * packet, and a copy of it would be one more Packet to make and free per packet.
     *
     * Besides what Unprotect checks, the next header must fit the SA's mode (otherwise
     * POLICY_MISMATCH) and a tunnelled packet must hold at least an IPv4 header (otherwise
     * MALFORMED), checked in that order after the padding, before \p packet is touched.
     * \param sa the inbound SA
     * \param packet the ESP packet; on success the payload (packet tags kept), on failure
     *        unchanged (for the drop trace)
     * \param modeled skip cipher work (the ICV is assumed good)
     * \param[out] nextHeader protocol of the payload
     * \return empty on success, else why the packet must be dropped
     */
    static std::optional<IpsecDropReason> UnprotectInPlace(const IpsecSa& sa,
                                                           Ptr<Packet> packet,
                                                           bool modeled,
                                                           uint8_t& nextHeader);

  private:
    /**
     * \brief The checks and the cipher work of Unprotect, leaving \p packet untouched. In real
     * mode the payload is left at the start of the scratch buffer.
     * \param sa the inbound SA
     * \param packet the ESP packet
     * \param modeled skip cipher work
     * \param[out] nextHeader protocol of the payload
     * \param[out] payloadLength bytes of payload
     * \return empty on success, else why the packet must be dropped
     */
    static std::optional<IpsecDropReason> Open(const IpsecSa& sa,
                                               Ptr<const Packet> packet,
                                               bool modeled,
                                               uint8_t& nextHeader,
                                               uint32_t& payloadLength);

    /**
     * \brief Turn an opened ESP packet into its payload.
     * \param sa the inbound SA
     * \param packet the ESP packet (Open succeeded on it just before)
     * \param modeled the payload is in the packet (else in the scratch buffer)
     * \param payloadLength bytes of payload
     */
    static void Strip(const IpsecSa& sa, Packet& packet, bool modeled, uint32_t payloadLength);
};

} // namespace ns3

#endif /* IPSEC_ESP_H */
