/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef ISAKMP_PAYLOADS_H
#define ISAKMP_PAYLOADS_H

#include "ns3/ipv4-address.h"
#include "ns3/isakmp-header.h"
#include "ns3/packet.h"
#include "ns3/ptr.h"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <ostream>
#include <string>
#include <variant>
#include <vector>

// ISAKMP (RFC 2408) payload bodies, IKE (RFC 2409) and IPsec DOI (RFC 2407) numbers, and the
// message that chains them.
//
// Fields whose meaning does not depend on context (protocol, ID type, notify type...) are
// scoped enums. Numbers that belong to a registry chosen by context (a transform ID means
// one thing for ESP and another for AH; attribute types differ between phase 1 and phase 2)
// are plain integers in the structs, with unscoped enums named as in the RFCs for the values.
//
// Parsing is strict: lengths must add up exactly and reserved fields must be zero, so every
// accepted message serializes back to the same bytes (IKE hashes the SA payload body as it
// was received, and this lets the IKE layer rebuild those bytes from the parsed payload).

namespace ns3
{

/**
 * \ingroup ipsec
 * \brief Notify message types (RFC 2408 3.14.1; IPsec DOI status types, RFC 2407 4.6.3).
 */
enum class IsakmpNotifyType : uint16_t
{
    NONE = 0,                       //!< not a notify type; used by IsakmpStatus for success
    INVALID_PAYLOAD_TYPE = 1,       //!< INVALID-PAYLOAD-TYPE
    DOI_NOT_SUPPORTED = 2,          //!< DOI-NOT-SUPPORTED
    SITUATION_NOT_SUPPORTED = 3,    //!< SITUATION-NOT-SUPPORTED
    INVALID_COOKIE = 4,             //!< INVALID-COOKIE
    INVALID_MAJOR_VERSION = 5,      //!< INVALID-MAJOR-VERSION
    INVALID_MINOR_VERSION = 6,      //!< INVALID-MINOR-VERSION
    INVALID_EXCHANGE_TYPE = 7,      //!< INVALID-EXCHANGE-TYPE
    INVALID_FLAGS = 8,              //!< INVALID-FLAGS
    INVALID_MESSAGE_ID = 9,         //!< INVALID-MESSAGE-ID
    INVALID_PROTOCOL_ID = 10,       //!< INVALID-PROTOCOL-ID
    INVALID_SPI = 11,               //!< INVALID-SPI
    INVALID_TRANSFORM_ID = 12,      //!< INVALID-TRANSFORM-ID
    ATTRIBUTES_NOT_SUPPORTED = 13,  //!< ATTRIBUTES-NOT-SUPPORTED
    NO_PROPOSAL_CHOSEN = 14,        //!< NO-PROPOSAL-CHOSEN
    BAD_PROPOSAL_SYNTAX = 15,       //!< BAD-PROPOSAL-SYNTAX
    PAYLOAD_MALFORMED = 16,         //!< PAYLOAD-MALFORMED
    INVALID_KEY_INFORMATION = 17,   //!< INVALID-KEY-INFORMATION
    INVALID_ID_INFORMATION = 18,    //!< INVALID-ID-INFORMATION
    INVALID_CERT_ENCODING = 19,     //!< INVALID-CERT-ENCODING
    INVALID_CERTIFICATE = 20,       //!< INVALID-CERTIFICATE
    CERT_TYPE_UNSUPPORTED = 21,     //!< CERT-TYPE-UNSUPPORTED
    INVALID_CERT_AUTHORITY = 22,    //!< INVALID-CERT-AUTHORITY
    INVALID_HASH_INFORMATION = 23,  //!< INVALID-HASH-INFORMATION
    AUTHENTICATION_FAILED = 24,     //!< AUTHENTICATION-FAILED
    INVALID_SIGNATURE = 25,         //!< INVALID-SIGNATURE
    ADDRESS_NOTIFICATION = 26,      //!< ADDRESS-NOTIFICATION
    NOTIFY_SA_LIFETIME = 27,        //!< NOTIFY-SA-LIFETIME
    CERTIFICATE_UNAVAILABLE = 28,   //!< CERTIFICATE-UNAVAILABLE
    UNSUPPORTED_EXCHANGE_TYPE = 29, //!< UNSUPPORTED-EXCHANGE-TYPE
    UNEQUAL_PAYLOAD_LENGTHS = 30,   //!< UNEQUAL-PAYLOAD-LENGTHS
    CONNECTED = 16384,              //!< CONNECTED (status)
    RESPONDER_LIFETIME = 24576,     //!< RESPONDER-LIFETIME (IPsec DOI status)
    REPLAY_STATUS = 24577,          //!< REPLAY-STATUS (IPsec DOI status)
    INITIAL_CONTACT = 24578,        //!< INITIAL-CONTACT (IPsec DOI status)
};

/**
 * \param type a notify message type
 * \return its RFC name with underscores ("NO_PROPOSAL_CHOSEN") or the number
 */
std::string IsakmpNotifyTypeToString(IsakmpNotifyType type);

/**
 * \ingroup ipsec
 * \brief Outcome of serializing or parsing: success, or an error message naming the place
 * (payload, proposal, transform, attribute) plus the notify type RFC 2408 section 5 would
 * send back for it.
 */
class [[nodiscard]] IsakmpStatus
{
  public:
    /** Success. */
    IsakmpStatus() = default;

    /** \return success */
    static IsakmpStatus Ok();
    /**
     * \param notify the matching notify type (PAYLOAD_MALFORMED, INVALID_PAYLOAD_TYPE, ...)
     * \param message what is wrong
     * \return an error
     */
    static IsakmpStatus Error(IsakmpNotifyType notify, const std::string& message);

    /** \return true on success */
    bool IsOk() const;
    /** \return true on success */
    explicit operator bool() const;
    /** \return the notify type for the error (NONE on success) */
    IsakmpNotifyType GetNotifyType() const;
    /** \return the error message (empty on success) */
    const std::string& GetMessage() const;
    /**
     * \brief Prefix the message with where the error happened ("SA payload: ...").
     * \param context the enclosing element
     * \return this status
     */
    IsakmpStatus& Within(const std::string& context);

  private:
    bool m_ok{true};                                   //!< success
    IsakmpNotifyType m_notify{IsakmpNotifyType::NONE}; //!< notify type for the error
    std::string m_message;                             //!< error message
};

/**
 * \param os output stream
 * \param status a status
 * \return os, with "ok" or the error and its notify type
 */
std::ostream& operator<<(std::ostream& os, const IsakmpStatus& status);

/** Domain of Interpretation: ISAKMP itself (RFC 2408 3.4, used in some notifications). */
constexpr uint32_t ISAKMP_DOI_ISAKMP = 0;
/** Domain of Interpretation: IPsec (RFC 2407 4.2). */
constexpr uint32_t ISAKMP_DOI_IPSEC = 1;
/** IPsec DOI situation bit SIT_IDENTITY_ONLY (RFC 2407 4.2), the only one modelled. */
constexpr uint32_t IPSEC_SIT_IDENTITY_ONLY = 0x01;

/**
 * \ingroup ipsec
 * \brief Protocol identifiers of the IPsec DOI (RFC 2407 4.4.1).
 */
enum class IsakmpProtocolId : uint8_t
{
    ISAKMP = 1, //!< PROTO_ISAKMP: the phase 1 SA
    AH = 2,     //!< PROTO_IPSEC_AH
    ESP = 3,    //!< PROTO_IPSEC_ESP
    IPCOMP = 4, //!< PROTO_IPCOMP
};

/** Transform ID of a PROTO_ISAKMP proposal (RFC 2407 4.4.2). */
enum IsakmpTransformId : uint8_t
{
    KEY_IKE = 1, //!< IKE (RFC 2409)
};

/** Transform IDs of a PROTO_IPSEC_AH proposal (RFC 2407 4.4.3; SHA2-256 from RFC 4868). */
enum IpsecAhTransformId : uint8_t
{
    AH_MD5 = 2,      //!< HMAC-MD5
    AH_SHA = 3,      //!< HMAC-SHA-1
    AH_DES = 4,      //!< DES-MAC
    AH_SHA2_256 = 5, //!< HMAC-SHA2-256
};

/** Transform IDs of a PROTO_IPSEC_ESP proposal (RFC 2407 4.4.4; AES from RFC 3602/4106). */
enum IpsecEspTransformId : uint8_t
{
    ESP_DES = 2,         //!< DES-CBC
    ESP_3DES = 3,        //!< 3DES-CBC
    ESP_NULL = 11,       //!< no encryption (RFC 2410)
    ESP_AES_CBC = 12,    //!< AES-CBC, with a key length attribute (RFC 3602)
    ESP_AES_GCM_16 = 20, //!< AES-GCM with a 16-byte ICV, with a key length attribute (RFC 4106)
};

/** Phase 1 attribute classes (RFC 2409 appendix A). */
enum IkeAttributeType : uint16_t
{
    IKE_ATTR_ENCRYPTION_ALGORITHM = 1,  //!< basic
    IKE_ATTR_HASH_ALGORITHM = 2,        //!< basic
    IKE_ATTR_AUTHENTICATION_METHOD = 3, //!< basic
    IKE_ATTR_GROUP_DESCRIPTION = 4,     //!< basic
    IKE_ATTR_GROUP_TYPE = 5,            //!< basic
    IKE_ATTR_LIFE_TYPE = 11,            //!< basic
    IKE_ATTR_LIFE_DURATION = 12,        //!< variable (basic when it fits in 16 bits)
    IKE_ATTR_PRF = 13,                  //!< basic
    IKE_ATTR_KEY_LENGTH = 14,           //!< basic, in bits
};

/** Phase 1 encryption algorithms (RFC 2409 appendix A; AES from RFC 3602). */
enum IkeEncryptionAlgorithm : uint16_t
{
    IKE_ENC_DES_CBC = 1,  //!< DES-CBC
    IKE_ENC_3DES_CBC = 5, //!< 3DES-CBC
    IKE_ENC_AES_CBC = 7,  //!< AES-CBC (with a key length attribute)
};

/** Phase 1 hash algorithms (RFC 2409 appendix A; SHA2-256 from RFC 4868). */
enum IkeHashAlgorithm : uint16_t
{
    IKE_HASH_MD5 = 1,      //!< MD5
    IKE_HASH_SHA = 2,      //!< SHA-1
    IKE_HASH_SHA2_256 = 4, //!< SHA2-256
};

/**
 * Phase 1 authentication methods (RFC 2409 appendix A).
 *
 * Kerberos: Windows 2000/XP/2003 negotiate Kerberos v5 through the GSS-API method of
 * draft-ietf-ipsec-isakmp-gss-auth (Piper, Swander), section 3.3.1, which takes value 65001
 * ("GSS-API using Kerberos") from the private range 65001-65535; 65002 is generic GSS-API.
 * The same private value is also claimed by XAUTHInitPreShared (draft-ietf-ipsec-isakmp-xauth),
 * so tools such as Wireshark may print it under that name.
 */
enum IkeAuthMethod : uint16_t
{
    IKE_AUTH_PRE_SHARED_KEY = 1,         //!< pre-shared key
    IKE_AUTH_DSS_SIGNATURES = 2,         //!< DSS signatures
    IKE_AUTH_RSA_SIGNATURES = 3,         //!< RSA signatures (Windows certificate authentication)
    IKE_AUTH_RSA_ENCRYPTION = 4,         //!< encryption with RSA
    IKE_AUTH_RSA_REVISED_ENCRYPTION = 5, //!< revised encryption with RSA
    IKE_AUTH_GSSAPI_KERBEROS = 65001,    //!< GSS-API using Kerberos, as Windows sends it
};

/** Phase 1 (and quick mode PFS) Diffie-Hellman groups (RFC 2409 6, RFC 3526). */
enum IkeGroupDescription : uint16_t
{
    IKE_GROUP_MODP_768 = 1,   //!< group 1, 768-bit MODP ("low" on Windows)
    IKE_GROUP_MODP_1024 = 2,  //!< group 2, 1024-bit MODP ("medium")
    IKE_GROUP_MODP_2048 = 14, //!< group 14, 2048-bit MODP (Windows 2003 "high", RFC 3526)
};

/** Life types: the same values in phase 1 (RFC 2409 A) and phase 2 (RFC 2407 4.5). */
enum IsakmpLifeType : uint16_t
{
    ISAKMP_LIFE_SECONDS = 1,   //!< life duration in seconds
    ISAKMP_LIFE_KILOBYTES = 2, //!< life duration in kilobytes
};

/** Phase 2 SA attribute types (RFC 2407 4.5). */
enum IpsecAttributeType : uint16_t
{
    IPSEC_ATTR_SA_LIFE_TYPE = 1,             //!< basic
    IPSEC_ATTR_SA_LIFE_DURATION = 2,         //!< variable (basic when it fits in 16 bits)
    IPSEC_ATTR_GROUP_DESCRIPTION = 3,        //!< basic, PFS group
    IPSEC_ATTR_ENCAPSULATION_MODE = 4,       //!< basic
    IPSEC_ATTR_AUTHENTICATION_ALGORITHM = 5, //!< basic
    IPSEC_ATTR_KEY_LENGTH = 6,               //!< basic, in bits
};

/** Encapsulation modes (RFC 2407 4.5). */
enum IpsecEncapsulationMode : uint16_t
{
    IPSEC_ENCAP_TUNNEL = 1,    //!< tunnel mode
    IPSEC_ENCAP_TRANSPORT = 2, //!< transport mode
};

/** Phase 2 authentication algorithms (RFC 2407 4.5; HMAC-SHA2-256 from RFC 4868). */
enum IpsecAuthAlgorithm : uint16_t
{
    IPSEC_AUTH_HMAC_MD5 = 1,      //!< HMAC-MD5
    IPSEC_AUTH_HMAC_SHA = 2,      //!< HMAC-SHA-1
    IPSEC_AUTH_HMAC_SHA2_256 = 5, //!< HMAC-SHA2-256
};

/**
 * \ingroup ipsec
 * \brief Identification types of the IPsec DOI (RFC 2407 4.6.2.1).
 */
enum class IsakmpIdType : uint8_t
{
    IPV4_ADDR = 1,        //!< ID_IPV4_ADDR: 4 bytes
    FQDN = 2,             //!< ID_FQDN: a domain name, no terminating zero
    USER_FQDN = 3,        //!< ID_USER_FQDN: user@domain
    IPV4_ADDR_SUBNET = 4, //!< ID_IPV4_ADDR_SUBNET: address and mask, 8 bytes
    IPV6_ADDR = 5,        //!< ID_IPV6_ADDR: 16 bytes
    IPV6_ADDR_SUBNET = 6, //!< ID_IPV6_ADDR_SUBNET: 32 bytes
    IPV4_ADDR_RANGE = 7,  //!< ID_IPV4_ADDR_RANGE: first and last address, 8 bytes
    IPV6_ADDR_RANGE = 8,  //!< ID_IPV6_ADDR_RANGE: 32 bytes
    DER_ASN1_DN = 9,      //!< ID_DER_ASN1_DN: a DER distinguished name
    DER_ASN1_GN = 10,     //!< ID_DER_ASN1_GN: a DER general name
    KEY_ID = 11,          //!< ID_KEY_ID: opaque bytes
};

/**
 * \ingroup ipsec
 * \brief Certificate encodings (RFC 2408 3.9).
 */
enum class IsakmpCertEncoding : uint8_t
{
    NONE = 0,              //!< none
    PKCS7 = 1,             //!< PKCS #7 wrapped X.509 certificate
    PGP = 2,               //!< PGP certificate
    DNS_SIGNED_KEY = 3,    //!< DNS signed key
    X509_SIGNATURE = 4,    //!< X.509 certificate - signature
    X509_KEY_EXCHANGE = 5, //!< X.509 certificate - key exchange
    KERBEROS_TOKENS = 6,   //!< Kerberos tokens
    CRL = 7,               //!< certificate revocation list
    ARL = 8,               //!< authority revocation list
    SPKI = 9,              //!< SPKI certificate
    X509_ATTRIBUTE = 10,   //!< X.509 certificate - attribute
};

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

/**
 * \ingroup ipsec
 * \brief One payload of a message; the alternative held gives the payload type.
 */
using IsakmpPayload = std::variant<IsakmpSaPayload,
                                   IsakmpKePayload,
                                   IsakmpIdPayload,
                                   IsakmpCertPayload,
                                   IsakmpCertRequestPayload,
                                   IsakmpHashPayload,
                                   IsakmpSignaturePayload,
                                   IsakmpNoncePayload,
                                   IsakmpNotifyPayload,
                                   IsakmpDeletePayload,
                                   IsakmpVendorIdPayload>;

/**
 * \param payload a payload
 * \return its payload type
 */
IsakmpPayloadType IsakmpGetPayloadType(const IsakmpPayload& payload);

/**
 * \param type a payload type
 * \return true for the types that may appear in a message's payload chain (every type of
 *         RFC 2408 but NONE, PROPOSAL and TRANSFORM, which live inside an SA payload)
 */
bool IsakmpIsChainPayloadType(IsakmpPayloadType type);

/**
 * \ingroup ipsec
 * \brief An ISAKMP message: the header and either the ordered payloads (clear messages) or
 * the opaque encrypted body (header flag E set; the IKE layer decrypts it and calls
 * ParsePayloadChain with the header's next payload type).
 *
 * Serialize fills the header's next payload and length fields; Parse checks every length,
 * the version, exchange type and flags, and refuses unknown payload types.
 */
class IsakmpMessage
{
  public:
    /** An empty clear message with a default header. */
    IsakmpMessage();
    /** \param header the header (next payload and length are filled when serializing) */
    explicit IsakmpMessage(const IsakmpHeader& header);

    /** \return the header */
    IsakmpHeader& GetHeader();
    /** \return the header */
    const IsakmpHeader& GetHeader() const;
    /** \param header the header */
    void SetHeader(const IsakmpHeader& header);

    /** \param payload payload to append to a clear message */
    void AddPayload(IsakmpPayload payload);
    /** \return the payloads of a clear message, in order */
    const std::vector<IsakmpPayload>& GetPayloads() const;
    /** \return the payloads of a clear message, in order */
    std::vector<IsakmpPayload>& GetPayloads();

    /**
     * \tparam T a payload struct (IsakmpSaPayload, IsakmpIdPayload...)
     * \param skip how many payloads of that type to pass over (1: the second one)
     * \return the payload, or nullptr
     */
    template <typename T>
    const T*
    Find(size_t skip = 0) const
    {
        for (const IsakmpPayload& payload : m_payloads)
        {
            if (const T* found = std::get_if<T>(&payload))
            {
                if (skip == 0)
                {
                    return found;
                }
                --skip;
            }
        }
        return nullptr;
    }

    /**
     * \brief Make this an encrypted message: sets flag E and the next payload field.
     * \param firstPayload type of the first payload inside the ciphertext
     * \param ciphertext the encrypted, padded payload chain
     */
    void SetEncryptedBody(IsakmpPayloadType firstPayload, std::vector<uint8_t> ciphertext);
    /** \return the ciphertext of an encrypted message */
    const std::vector<uint8_t>& GetEncryptedBody() const;

    /**
     * \brief Write the message. A clear message gets next payload = type of its first
     * payload; an encrypted one keeps the header's next payload. Length is always filled.
     * \param out replaced by the message bytes (left empty on error)
     * \return the status
     */
    IsakmpStatus Serialize(std::vector<uint8_t>& out) const;
    /**
     * \brief Read a whole message (one UDP payload); this message is unchanged on error.
     * \param data the bytes
     * \param size their count
     * \return the status
     */
    IsakmpStatus Parse(const uint8_t* data, size_t size);
    /**
     * \param bytes the message bytes
     * \return the status
     */
    IsakmpStatus Parse(const std::vector<uint8_t>& bytes);

    /** \return a packet holding the serialized message, or nullptr if Serialize fails */
    Ptr<Packet> ToPacket() const;
    /**
     * \param packet a UDP payload
     * \return the status of parsing its bytes
     */
    IsakmpStatus FromPacket(Ptr<const Packet> packet);

    /**
     * \brief One line: the header and the payload types.
     * \param os output stream
     */
    void Print(std::ostream& os) const;

    /**
     * \brief Append a payload chain: each payload with its generic header, the next payload
     * fields linking them and NONE in the last. Also serves the IKE layer for the bytes to
     * encrypt, and for hashing part of a chain (e.g. the payloads after HASH(1)).
     * \param payloads the payloads
     * \param out destination; unchanged on error
     * \return the status
     */
    static IsakmpStatus SerializePayloadChain(const std::vector<IsakmpPayload>& payloads,
                                              std::vector<uint8_t>& out);
    /**
     * \brief Read a payload chain. Bytes after the payload whose next payload is NONE are
     * ignored: they are the padding of RFC 2409's encryption.
     * \param firstType type of the first payload (NONE: an empty chain)
     * \param data the bytes
     * \param size their count
     * \param payloads replaced by the payloads (cleared on error)
     * \param consumed if not null, set to the bytes the payloads take (without padding)
     * \return the status
     */
    static IsakmpStatus ParsePayloadChain(IsakmpPayloadType firstType,
                                          const uint8_t* data,
                                          size_t size,
                                          std::vector<IsakmpPayload>& payloads,
                                          size_t* consumed = nullptr);
    /**
     * \param firstType type of the first payload
     * \param bytes the bytes (padding allowed after the last payload)
     * \param payloads replaced by the payloads
     * \return the status
     */
    static IsakmpStatus ParsePayloadChain(IsakmpPayloadType firstType,
                                          const std::vector<uint8_t>& bytes,
                                          std::vector<IsakmpPayload>& payloads);

  private:
    IsakmpHeader m_header;                 //!< the header
    std::vector<IsakmpPayload> m_payloads; //!< payloads of a clear message
    std::vector<uint8_t> m_ciphertext;     //!< body of an encrypted message
};

/**
 * \param os output stream
 * \param message a message
 * \return os
 */
std::ostream& operator<<(std::ostream& os, const IsakmpMessage& message);

} // namespace ns3

#endif /* ISAKMP_PAYLOADS_H */
