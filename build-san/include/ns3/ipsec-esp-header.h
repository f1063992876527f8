/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef IPSEC_ESP_HEADER_H
#define IPSEC_ESP_HEADER_H

#include "ns3/header.h"

#include <cstdint>

namespace ns3
{

/**
 * \ingroup ipsec
 * \brief The ESP header (RFC 4303 2): SPI and sequence number, 8 bytes. What follows it (IV,
 * ciphertext, ICV) is packet bytes; the clear trailer of modeled mode is IpsecEspTrailer.
 *
 * Modeled mode, which leaves the payload where it is, also writes the IV with the header
 * (SetIv): one chunk added in front instead of two. Deserialize reads SPI and sequence number
 * only; a receiver knows the IV's length from its SA.
 */
class IpsecEspHeader : public Header
{
  public:
    /** Bytes on the wire (without an IV). */
    static constexpr uint32_t SIZE = 8;
    /** Longest IV SetIv takes. */
    static constexpr uint32_t MAX_IV = 16;

    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();
    TypeId GetInstanceTypeId() const override;

    IpsecEspHeader();
    /**
     * \param spi the SPI
     * \param seq the sequence number
     */
    IpsecEspHeader(uint32_t spi, uint32_t seq);

    /** \param spi the SPI */
    void SetSpi(uint32_t spi);
    /** \return the SPI */
    uint32_t GetSpi() const;
    /** \param seq the sequence number */
    void SetSequenceNumber(uint32_t seq);
    /** \return the sequence number */
    uint32_t GetSequenceNumber() const;
    /**
     * \brief Write an IV after the header (modeled mode).
     * \param iv the IV
     * \param length its length, at most MAX_IV
     */
    void SetIv(const uint8_t* iv, uint32_t length);

    uint32_t GetSerializedSize() const override;
    void Serialize(Buffer::Iterator start) const override;
    uint32_t Deserialize(Buffer::Iterator start) override;
    void Print(std::ostream& os) const override;

  private:
    uint32_t m_spi{0}; //!< SPI
    uint32_t m_seq{0};         //!< sequence number
    uint32_t m_ivLength{0};    //!< bytes of IV written after the header
    uint8_t m_iv[MAX_IV] = {}; //!< the IV
};

} // namespace ns3

#endif /* IPSEC_ESP_HEADER_H */
