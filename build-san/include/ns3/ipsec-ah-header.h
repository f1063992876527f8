/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef IPSEC_AH_HEADER_H
#define IPSEC_AH_HEADER_H

#include "ns3/header.h"

#include <array>
#include <cstdint>

namespace ns3
{

/**
 * \ingroup ipsec
 * \brief The AH header (RFC 4302 2): next header, payload length, reserved, SPI, sequence
 * number and the ICV (12 or 16 bytes here, so no ICV padding is needed for IPv4).
 */
class IpsecAhHeader : public Header
{
  public:
    /** Largest ICV this model writes. */
    static constexpr uint32_t MAX_ICV = 32;

    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();
    TypeId GetInstanceTypeId() const override;

    IpsecAhHeader();
    /**
     * \param icvLength ICV bytes (a multiple of 4, at most MAX_ICV); must be set before
     *        deserializing, since the header does not say which algorithm made it
     */
    explicit IpsecAhHeader(uint32_t icvLength);

    /** \param nextHeader protocol of what follows */
    void SetNextHeader(uint8_t nextHeader);
    /** \return protocol of what follows */
    uint8_t GetNextHeader() const;
    /** \return the payload length field (32-bit words of the header minus 2) */
    uint8_t GetPayloadLength() const;
    /** \param spi the SPI */
    void SetSpi(uint32_t spi);
    /** \return the SPI */
    uint32_t GetSpi() const;
    /** \param seq the sequence number */
    void SetSequence(uint32_t seq);
    /** \return the sequence number */
    uint32_t GetSequence() const;
    /** \return the ICV bytes */
    uint8_t* GetIcv();
    /** \return the ICV bytes */
    const uint8_t* GetIcv() const;
    /** \return ICV length */
    uint32_t GetIcvLength() const;

    /**
     * \brief Write the header as the ICV computation sees it.
     * \param out GetSerializedSize() bytes
     * \param zeroIcv write zeros in place of the ICV
     */
    void Write(uint8_t* out, bool zeroIcv) const;

    uint32_t GetSerializedSize() const override;
    void Serialize(Buffer::Iterator start) const override;
    uint32_t Deserialize(Buffer::Iterator start) override;
    void Print(std::ostream& os) const override;

  private:
    uint8_t m_nextHeader{0};                 //!< next header
    uint8_t m_payloadLength{0};              //!< as received (or computed)
    uint32_t m_spi{0};                       //!< SPI
    uint32_t m_seq{0};                       //!< sequence number
    uint32_t m_icvLength{12};                //!< ICV bytes
    std::array<uint8_t, MAX_ICV> m_icv{};    //!< ICV
};

} // namespace ns3

#endif /* IPSEC_AH_HEADER_H */
