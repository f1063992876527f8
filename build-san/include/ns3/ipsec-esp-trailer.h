/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef IPSEC_ESP_TRAILER_H
#define IPSEC_ESP_TRAILER_H

#include "ns3/trailer.h"

#include <cstdint>

namespace ns3
{

/**
 * \ingroup ipsec
 * \brief ESP's trailer as modeled mode leaves it in the clear: padding (1, 2, 3, ...), pad
 * length, next header and an all-zero ICV.
 *
 * Reading it checks the padding on the way, so a receiver reads only the trailer's bytes (the
 * ICV is skipped: modeled mode assumes integrity).
 */
class IpsecEspTrailer : public Trailer
{
  public:
    /** Longest ICV written. */
    static constexpr uint32_t MAX_ICV = 32;

    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();
    TypeId GetInstanceTypeId() const override;

    IpsecEspTrailer();
    /**
     * \brief A trailer to add.
     * \param padLength bytes of padding
     * \param nextHeader protocol of the payload
     * \param icvLength bytes of ICV
     */
    IpsecEspTrailer(uint8_t padLength, uint8_t nextHeader, uint32_t icvLength);
    /**
     * \brief A trailer to read: the ICV length is not on the wire, and the padding may not
     * reach further than the encrypted part does.
     * \param icvLength bytes of ICV
     * \param plainLength bytes of payload, padding, pad length and next header (at least 2)
     */
    static IpsecEspTrailer ForReading(uint32_t icvLength, uint32_t plainLength);

    /** \return bytes of padding */
    uint8_t GetPadLength() const;
    /** \return protocol of the payload */
    uint8_t GetNextHeader() const;
    /**
     * \return true if the padding fits in the encrypted part and reads 1, 2, 3, ... (always
     *         true for a trailer made to add)
     */
    bool IsPaddingValid() const;

    uint32_t GetSerializedSize() const override;
    void Serialize(Buffer::Iterator end) const override;
    uint32_t Deserialize(Buffer::Iterator end) override;
    void Print(std::ostream& os) const override;

  private:
    uint32_t m_icvLength{0};   //!< bytes of ICV
    uint32_t m_plainLength{0}; //!< reading: bound of the padding (payload, padding and 2)
    uint8_t m_padLength{0};    //!< bytes of padding
    uint8_t m_nextHeader{0};   //!< protocol of the payload
    bool m_paddingValid{true}; //!< padding checked out
};

} // namespace ns3

#endif /* IPSEC_ESP_TRAILER_H */
