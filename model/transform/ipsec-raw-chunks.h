/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef IPSEC_RAW_CHUNKS_H
#define IPSEC_RAW_CHUNKS_H

#include "ns3/header.h"
#include "ns3/trailer.h"

#include <cstdint>

namespace ns3
{

/**
 * \ingroup ipsec
 * \brief A header made of bytes the caller owns: the cheapest way to put bytes built outside a
 * packet (ESP's SPI, sequence number and IV, or a whole ciphertext) into one, with a single
 * copy. Serialize writes the bytes; Deserialize reads them into the caller's buffer.
 */
class IpsecBytesHeader : public Header
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();
    TypeId GetInstanceTypeId() const override;

    IpsecBytesHeader();
    /**
     * \param bytes the bytes (read on Serialize, written on Deserialize); must outlive use
     * \param length how many
     */
    IpsecBytesHeader(uint8_t* bytes, uint32_t length);

    uint32_t GetSerializedSize() const override;
    void Serialize(Buffer::Iterator start) const override;
    uint32_t Deserialize(Buffer::Iterator start) override;
    void Print(std::ostream& os) const override;

  private:
    uint8_t* m_bytes{nullptr}; //!< caller's buffer
    uint32_t m_length{0};      //!< its length
};

/**
 * \ingroup ipsec
 * \brief The trailer twin of IpsecBytesHeader (ESP padding, pad length, next header, ICV).
 *
 * For peeking it can also read bytes that end some way before the end of the packet (ESP's
 * pad length and next header sit before the ICV), so a receiver reads only the bytes it needs:
 * Buffer::Iterator reads byte by byte.
 */
class IpsecBytesTrailer : public Trailer
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();
    TypeId GetInstanceTypeId() const override;

    IpsecBytesTrailer();
    /**
     * \param bytes the bytes (read on Serialize, written on Deserialize); must outlive use
     * \param length how many
     */
    IpsecBytesTrailer(uint8_t* bytes, uint32_t length);
    /**
     * \brief A trailer for Packet::PeekTrailer only: Deserialize reads the \p length bytes
     * that end \p skip bytes before the end of the packet.
     * \param bytes receives the bytes; must outlive use
     * \param length how many
     * \param skip bytes left unread at the end
     */
    IpsecBytesTrailer(uint8_t* bytes, uint32_t length, uint32_t skip);

    uint32_t GetSerializedSize() const override;
    void Serialize(Buffer::Iterator start) const override;
    uint32_t Deserialize(Buffer::Iterator end) override;
    void Print(std::ostream& os) const override;

  private:
    uint8_t* m_bytes{nullptr}; //!< caller's buffer
    uint32_t m_length{0};      //!< its length
    uint32_t m_skip{0};        //!< bytes after them, up to the end (peeking only)
};

} // namespace ns3

#endif /* IPSEC_RAW_CHUNKS_H */
