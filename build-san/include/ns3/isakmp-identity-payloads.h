/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef ISAKMP_IDENTITY_PAYLOADS_H
#define ISAKMP_IDENTITY_PAYLOADS_H

#include "ns3/ipv4-address.h"
#include "ns3/isakmp-numbers.h"
#include "ns3/isakmp-status.h"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace ns3
{

/**
 * \ingroup ipsec
 * \brief Identification payload body. RFC 2408 3.8 defines an ID type and three
 * DOI-specific bytes; the IPsec DOI (RFC 2407 4.6.2) makes them the IP protocol and port,
 * which are zero (or UDP 500) in phase 1 and the traffic selector in quick mode. One struct
 * serves both. The data length is checked for the address types.
 */
struct IsakmpIdPayload
{
    /** Payload type of this body. */
    static constexpr IsakmpPayloadType TYPE = IsakmpPayloadType::IDENTIFICATION;

    IsakmpIdType idType{IsakmpIdType::IPV4_ADDR}; //!< identification type
    uint8_t protocolId{0};                        //!< IP protocol (0: any)
    uint16_t port{0};                             //!< port (0: any)
    std::vector<uint8_t> data;                    //!< identification data

    /**
     * \param address the address
     * \param protocolId IP protocol (0: any)
     * \param port port (0: any)
     * \return an ID_IPV4_ADDR identification
     */
    static IsakmpIdPayload Ipv4(Ipv4Address address, uint8_t protocolId = 0, uint16_t port = 0);
    /**
     * \param address the network address
     * \param mask the mask
     * \param protocolId IP protocol (0: any)
     * \param port port (0: any)
     * \return an ID_IPV4_ADDR_SUBNET identification
     */
    static IsakmpIdPayload Ipv4Subnet(Ipv4Address address,
                                      Ipv4Mask mask,
                                      uint8_t protocolId = 0,
                                      uint16_t port = 0);
    /**
     * \param type FQDN, USER_FQDN or another textual type
     * \param text the name, written without a terminating zero
     * \return the identification
     */
    static IsakmpIdPayload Text(IsakmpIdType type, const std::string& text);
    /** \return the address of an ID_IPV4_ADDR (or the first address of a subnet or range) */
    std::optional<Ipv4Address> GetIpv4Address() const;

    /**
     * \brief Append the body to out; out is unchanged on error.
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
    bool operator==(const IsakmpIdPayload& other) const;
};

/**
 * \ingroup ipsec
 * \brief Certificate payload body (RFC 2408 3.9): encoding and certificate data.
 */
struct IsakmpCertPayload
{
    /** Payload type of this body. */
    static constexpr IsakmpPayloadType TYPE = IsakmpPayloadType::CERTIFICATE;

    IsakmpCertEncoding encoding{IsakmpCertEncoding::X509_SIGNATURE}; //!< certificate encoding
    std::vector<uint8_t> data;                                       //!< the certificate

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
    bool operator==(const IsakmpCertPayload& other) const;
};

/**
 * \ingroup ipsec
 * \brief Certificate Request payload body (RFC 2408 3.10): the wanted encoding and an
 * acceptable certificate authority (for X.509, a DER distinguished name; may be empty).
 */
struct IsakmpCertRequestPayload
{
    /** Payload type of this body. */
    static constexpr IsakmpPayloadType TYPE = IsakmpPayloadType::CERTIFICATE_REQUEST;

    IsakmpCertEncoding encoding{IsakmpCertEncoding::X509_SIGNATURE}; //!< wanted encoding
    std::vector<uint8_t> authority;                                  //!< CA name

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
    bool operator==(const IsakmpCertRequestPayload& other) const;
};

} // namespace ns3

#endif /* ISAKMP_IDENTITY_PAYLOADS_H */
