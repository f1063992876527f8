/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef IPSEC_PACKET_BYTES_H
#define IPSEC_PACKET_BYTES_H

#include "ns3/header.h"
#include "ns3/packet.h"

#include <cstdint>
#include <vector>

namespace ns3
{

/**
 * \ingroup ipsec
 * \brief Bytes computed outside a packet (ESP's IV, ciphertext and ICV, a decrypted payload),
 * in a buffer of its own, put into a packet with a single copy.
 *
 * A Header because Packet::AddHeader is the one way to write bytes into a packet that keeps
 * its packet tags and uid. The buffer is meant to be reused packet after packet (ESP keeps
 * one), so the bytes are built in place without an allocation per packet. Only the window
 * last given to ReplaceContent is serialized; Deserialize reads GetSize() bytes.
 */
class IpsecPacketBytes : public Header
{
  public:
    /**
     * Room kept free in front of a packet made by ReplaceContent, for the headers added further
     * down (ESP header, outer IPv4, link layer). ns-3's Buffer keeps no room when it grows at
     * the front, so without it each of those headers would copy the whole packet into a newly
     * allocated buffer.
     */
    static constexpr uint32_t ROOM = 72;

    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();
    TypeId GetInstanceTypeId() const override;

    IpsecPacketBytes();

    /**
     * \brief Size the buffer (its capacity is kept) and serialize all of it until told
     * otherwise.
     * \param size bytes
     * \return the first byte
     */
    uint8_t* Resize(uint32_t size);
    /** \return the first byte of the buffer */
    uint8_t* GetData();
    /** \return the buffer's size */
    uint32_t GetSize() const;

    /**
     * \brief Make \p packet hold bytes [begin, begin + length) of the buffer and nothing else
     * (its packet tags and uid stay), with ROOM bytes free in front of them.
     * \param packet the packet
     * \param begin offset of the first byte; at least ROOM (the bytes before it are written
     *        too, then removed, which leaves the room)
     * \param length how many
     */
    void ReplaceContent(Packet& packet, uint32_t begin, uint32_t length);

    uint32_t GetSerializedSize() const override;
    void Serialize(Buffer::Iterator start) const override;
    uint32_t Deserialize(Buffer::Iterator start) override;
    void Print(std::ostream& os) const override;

  private:
    std::vector<uint8_t> m_bytes; //!< the buffer (never shrinks)
    uint32_t m_size{0};           //!< bytes of it in use
    uint32_t m_begin{0};          //!< first byte serialized
    uint32_t m_end{0};            //!< just past the last byte serialized
};

} // namespace ns3

#endif /* IPSEC_PACKET_BYTES_H */
