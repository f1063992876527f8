/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef ISAKMP_SA_PAYLOAD_H
#define ISAKMP_SA_PAYLOAD_H

#include "ns3/isakmp-numbers.h"
#include "ns3/isakmp-status.h"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

namespace ns3
{

/**
 * \ingroup ipsec
 * \brief One SA attribute (RFC 2408 3.3): TV ("basic", AF bit set, 2-byte value) or TLV
 * ("variable", 2-byte length then the value).
 */
struct IsakmpAttribute
{
    uint16_t type{0};          //!< attribute type, 15 bits (the AF bit is not part of it)
    bool basic{true};          //!< true: TV form, value in `value`; false: TLV, value in `data`
    uint16_t value{0};         //!< value of a TV attribute
    std::vector<uint8_t> data; //!< value of a TLV attribute

    /**
     * \param type attribute type
     * \param value the value
     * \return a TV attribute
     */
    static IsakmpAttribute Basic(uint16_t type, uint16_t value);
    /**
     * \param type attribute type
     * \param data the value bytes
     * \return a TLV attribute
     */
    static IsakmpAttribute Variable(uint16_t type, std::vector<uint8_t> data);
    /**
     * \brief An integer of a variable attribute (life duration) in the shortest form: TV when
     * it fits in 16 bits, else TLV of 4 bytes (8 above 32 bits), big-endian.
     * \param type attribute type
     * \param value the value
     * \return the attribute
     */
    static IsakmpAttribute Number(uint16_t type, uint64_t value);
    /**
     * \return the value as an integer: the TV value, or a TLV value of 1 to 8 bytes read
     *         big-endian; nothing for an empty or longer TLV
     */
    std::optional<uint64_t> GetNumber() const;

    /**
     * \param other another attribute
     * \return true if both have the same type, form and value
     */
    bool operator==(const IsakmpAttribute& other) const;
};

/**
 * \ingroup ipsec
 * \brief A Transform payload (RFC 2408 3.6): number, transform ID and ordered attributes.
 */
struct IsakmpTransform
{
    uint8_t number{1};                       //!< transform number within the proposal
    uint8_t transformId{0};                  //!< KEY_IKE, ESP_3DES, AH_SHA...
    std::vector<IsakmpAttribute> attributes; //!< in wire order

    /**
     * \param type attribute type
     * \return the first attribute of that type, or nullptr
     */
    const IsakmpAttribute* Find(uint16_t type) const;
    /**
     * \param type attribute type
     * \return the integer value of the first attribute of that type, if any
     */
    std::optional<uint64_t> GetNumber(uint16_t type) const;

    /**
     * \param other another transform
     * \return true if equal field by field
     */
    bool operator==(const IsakmpTransform& other) const;
};

/**
 * \ingroup ipsec
 * \brief A Proposal payload (RFC 2408 3.5). Several proposals with the same number form one
 * offer (e.g. AH and ESP together); different numbers are alternatives.
 */
struct IsakmpProposal
{
    uint8_t number{1};                                     //!< proposal number
    IsakmpProtocolId protocolId{IsakmpProtocolId::ISAKMP}; //!< protocol being negotiated
    std::vector<uint8_t> spi;                              //!< empty in phase 1, 4 bytes for AH/ESP
    std::vector<IsakmpTransform> transforms;               //!< alternatives, in preference order

    /** \param spi a 4-byte SPI (AH, ESP), written big-endian */
    void SetSpi(uint32_t spi);
    /** \return the SPI if it is 4 bytes long */
    std::optional<uint32_t> GetSpi() const;

    /**
     * \param other another proposal
     * \return true if equal field by field
     */
    bool operator==(const IsakmpProposal& other) const;
};

/**
 * \ingroup ipsec
 * \brief Security Association payload body (RFC 2408 3.4, RFC 2407 4.6.1): DOI, situation
 * and the proposals. Only the IPsec DOI with SIT_IDENTITY_ONLY is modelled (labelled
 * secrecy and integrity situations are refused with SITUATION_NOT_SUPPORTED).
 *
 * Serialize() writes the body without the generic payload header: exactly "SAi_b" of
 * RFC 2409 5, which IKE hashes.
 */
struct IsakmpSaPayload
{
    /** Payload type of this body. */
    static constexpr IsakmpPayloadType TYPE = IsakmpPayloadType::SA;

    uint32_t doi{ISAKMP_DOI_IPSEC};              //!< domain of interpretation
    uint32_t situation{IPSEC_SIT_IDENTITY_ONLY}; //!< situation bitmask
    std::vector<IsakmpProposal> proposals;       //!< proposals, in wire order

    /**
     * \brief Append the body (no generic header) to out; out is unchanged on error.
     * \param out destination
     * \return the status
     */
    IsakmpStatus Serialize(std::vector<uint8_t>& out) const;
    /**
     * \brief Read a body of exactly size bytes.
     * \param data the body
     * \param size its length
     * \return the status
     */
    IsakmpStatus Deserialize(const uint8_t* data, size_t size);
    /**
     * \param other another SA payload
     * \return true if equal field by field
     */
    bool operator==(const IsakmpSaPayload& other) const;
};

} // namespace ns3

#endif /* ISAKMP_SA_PAYLOAD_H */
