/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef ISAKMP_INFORMATIONAL_PAYLOADS_H
#define ISAKMP_INFORMATIONAL_PAYLOADS_H

#include "ns3/isakmp-numbers.h"
#include "ns3/isakmp-status.h"

#include <cstddef>
#include <cstdint>
#include <vector>

namespace ns3
{

/**
 * \ingroup ipsec
 * \brief Notification payload body (RFC 2408 3.14): DOI, protocol, notify type, SPI (its
 * size is the SPI's length) and notification data.
 */
struct IsakmpNotifyPayload
{
    /** Payload type of this body. */
    static constexpr IsakmpPayloadType TYPE = IsakmpPayloadType::NOTIFICATION;

    uint32_t doi{ISAKMP_DOI_IPSEC};                        //!< domain of interpretation
    IsakmpProtocolId protocolId{IsakmpProtocolId::ISAKMP}; //!< protocol of the SA concerned
    IsakmpNotifyType type{IsakmpNotifyType::NONE};         //!< notify message type
    std::vector<uint8_t> spi;                              //!< SPI (phase 1: empty or cookies)
    std::vector<uint8_t> data;                             //!< notification data

    /**
     * \param out destination
     * \return the status
     */
    IsakmpStatus Serialize(std::vector<uint8_t>& out) const;
    /**
     * \param data the body
     * \param size its length
     * \return the status
     */
    IsakmpStatus Deserialize(const uint8_t* data, size_t size);
    /**
     * \param other another payload
     * \return true if equal field by field
     */
    bool operator==(const IsakmpNotifyPayload& other) const;
};

/**
 * \ingroup ipsec
 * \brief Delete payload body (RFC 2408 3.15): DOI, protocol, SPI size, and SPIs of that size
 * (4 bytes for AH/ESP, 16 bytes, the two cookies, for the ISAKMP SA).
 */
struct IsakmpDeletePayload
{
    /** Payload type of this body. */
    static constexpr IsakmpPayloadType TYPE = IsakmpPayloadType::DELETE;

    uint32_t doi{ISAKMP_DOI_IPSEC};                     //!< domain of interpretation
    IsakmpProtocolId protocolId{IsakmpProtocolId::ESP}; //!< protocol of the SAs
    uint8_t spiSize{4};                                 //!< bytes per SPI
    std::vector<std::vector<uint8_t>> spis;             //!< SPIs, each spiSize bytes

    /** \param spi a 4-byte SPI to add (AH, ESP), big-endian */
    void AddSpi(uint32_t spi);

    /** \return the 4-byte SPIs (AH, ESP); entries of another size are left out */
    std::vector<uint32_t> GetSpis() const;

    /**
     * \param out destination
     * \return the status
     */
    IsakmpStatus Serialize(std::vector<uint8_t>& out) const;
    /**
     * \param data the body
     * \param size its length
     * \return the status
     */
    IsakmpStatus Deserialize(const uint8_t* data, size_t size);
    /**
     * \param other another payload
     * \return true if equal field by field
     */
    bool operator==(const IsakmpDeletePayload& other) const;
};

} // namespace ns3

#endif /* ISAKMP_INFORMATIONAL_PAYLOADS_H */
