/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef ISAKMP_DATA_PAYLOADS_H
#define ISAKMP_DATA_PAYLOADS_H

#include "ns3/ipv4-address.h"
#include "ns3/isakmp-status.h"

#include <cstddef>
#include <cstdint>
#include <vector>

namespace ns3
{

/**
 * \ingroup ipsec
 * \brief Common body of the payloads that are a single opaque field: Key Exchange (3.7),
 * Hash (3.11), Signature (3.12), Nonce (3.13) and Vendor ID (3.16).
 */
struct IsakmpDataPayload
{
    std::vector<uint8_t> data; //!< the payload data

    /**
     * \brief Append the body to out.
     * \param out destination
     * \return the status (an error only if data is too long for a payload)
     */
    IsakmpStatus Serialize(std::vector<uint8_t>& out) const;
    /**
     * \param data the body
     * \param size its length
     * \return the status (always success: any length is valid)
     */
    IsakmpStatus Deserialize(const uint8_t* data, size_t size);
    /**
     * \param other another payload
     * \return true if the data are equal
     */
    bool operator==(const IsakmpDataPayload& other) const;
};

/**
 * \ingroup ipsec
 * \brief Key Exchange payload (RFC 2408 3.7): the Diffie-Hellman public value.
 */
struct IsakmpKePayload : IsakmpDataPayload
{
    /** Payload type of this body. */
    static constexpr IsakmpPayloadType TYPE = IsakmpPayloadType::KEY_EXCHANGE;
};

/**
 * \ingroup ipsec
 * \brief Hash payload (RFC 2408 3.11).
 */
struct IsakmpHashPayload : IsakmpDataPayload
{
    /** Payload type of this body. */
    static constexpr IsakmpPayloadType TYPE = IsakmpPayloadType::HASH;
};

/**
 * \ingroup ipsec
 * \brief Signature payload (RFC 2408 3.12).
 */
struct IsakmpSignaturePayload : IsakmpDataPayload
{
    /** Payload type of this body. */
    static constexpr IsakmpPayloadType TYPE = IsakmpPayloadType::SIGNATURE;
};

/**
 * \ingroup ipsec
 * \brief Nonce payload (RFC 2408 3.13).
 */
struct IsakmpNoncePayload : IsakmpDataPayload
{
    /** Payload type of this body. */
    static constexpr IsakmpPayloadType TYPE = IsakmpPayloadType::NONCE;
};

/**
 * \ingroup ipsec
 * \brief Vendor ID payload (RFC 2408 3.16).
 */
struct IsakmpVendorIdPayload : IsakmpDataPayload
{
    /** Payload type of this body. */
    static constexpr IsakmpPayloadType TYPE = IsakmpPayloadType::VENDOR_ID;
};

/**
 * \ingroup ipsec
 * \brief GSS-API token payload (private type 129, draft-ietf-ipsec-isakmp-gss-auth-07), where
 * Windows' Kerberos method carries its tokens in main mode messages 3 and 4.
 */
struct IsakmpGssPayload : IsakmpDataPayload
{
    /** Payload type of this body. */
    static constexpr IsakmpPayloadType TYPE = IsakmpPayloadType::GSS;
};

/**
 * \ingroup ipsec
 * \brief NAT Discovery payload (RFC 3947 3.2, type 20): HASH(CKY-I | CKY-R | IP | Port).
 */
struct IsakmpNatDPayload : IsakmpDataPayload
{
    /** Payload type of this body. */
    static constexpr IsakmpPayloadType TYPE = IsakmpPayloadType::NAT_D;
};

/**
 * \ingroup ipsec
 * \brief The same NAT Discovery payload under draft-ietf-ipsec-nat-t-ike-02's number (130),
 *        used when the peers agreed on the draft's vendor ID.
 */
struct IsakmpNatDDraftPayload : IsakmpDataPayload
{
    /** Payload type of this body. */
    static constexpr IsakmpPayloadType TYPE = IsakmpPayloadType::NAT_D_DRAFT;
};

/**
 * \ingroup ipsec
 * \brief Common body of NAT Original Address (RFC 3947 5.2): ID type (ID_IPV4_ADDR), three
 *        reserved zero bytes, the IPv4 address. Parsing is strict: other ID types (IPv6 is
 *        not modelled), non-zero reserved bytes and other lengths are refused.
 */
struct IsakmpNatOaBody
{
    Ipv4Address address; //!< the original address

    /**
     * \param out destination
     * \return the status (always success)
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
     * \return true if the addresses are equal
     */
    bool operator==(const IsakmpNatOaBody& other) const;
};

/** \ingroup ipsec \brief NAT-OA payload (RFC 3947 5.2, type 21). */
struct IsakmpNatOaPayload : IsakmpNatOaBody
{
    /** Payload type of this body. */
    static constexpr IsakmpPayloadType TYPE = IsakmpPayloadType::NAT_OA;
};

/** \ingroup ipsec \brief NAT-OA payload under the draft-02 number (131). */
struct IsakmpNatOaDraftPayload : IsakmpNatOaBody
{
    /** Payload type of this body. */
    static constexpr IsakmpPayloadType TYPE = IsakmpPayloadType::NAT_OA_DRAFT;
};

} // namespace ns3

#endif /* ISAKMP_DATA_PAYLOADS_H */
