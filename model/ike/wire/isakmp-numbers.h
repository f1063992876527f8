/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef ISAKMP_NUMBERS_H
#define ISAKMP_NUMBERS_H

#include <cstdint>

// ISAKMP (RFC 2408), IKE (RFC 2409) and IPsec DOI (RFC 2407) numbers.
//
// Fields whose meaning does not depend on context (protocol, ID type, notify type...) are
// scoped enums. Numbers that belong to a registry chosen by context (a transform ID means
// one thing for ESP and another for AH; attribute types differ between phase 1 and phase 2)
// are plain integers in the structs, with unscoped enums named as in the RFCs for the values.

namespace ns3
{

/**
 * \ingroup ipsec
 * \brief ISAKMP payload types (RFC 2408 3.1, "Next Payload Types").
 *
 * The underlying type is fixed, so a value read from the wire that is not listed here is
 * still representable (and reported as unknown by the parser).
 */
enum class IsakmpPayloadType : uint8_t
{
    NONE = 0,                //!< no next payload
    SA = 1,                  //!< Security Association
    PROPOSAL = 2,            //!< Proposal (only inside an SA payload)
    TRANSFORM = 3,           //!< Transform (only inside a Proposal)
    KEY_EXCHANGE = 4,        //!< Key Exchange
    IDENTIFICATION = 5,      //!< Identification
    CERTIFICATE = 6,         //!< Certificate
    CERTIFICATE_REQUEST = 7, //!< Certificate Request
    HASH = 8,                //!< Hash
    SIGNATURE = 9,           //!< Signature
    NONCE = 10,              //!< Nonce
    NOTIFICATION = 11,       //!< Notification
    DELETE = 12,             //!< Delete
    VENDOR_ID = 13,          //!< Vendor ID
    NAT_D = 20,              //!< NAT Discovery (RFC 3947 3.2)
    NAT_OA = 21,             //!< NAT Original Address (RFC 3947 5.2)
    GSS = 129,               //!< GSS-API token (draft-ietf-ipsec-isakmp-gss-auth-07: Kerberos)
    NAT_D_DRAFT = 130,       //!< NAT-D of draft-ietf-ipsec-nat-t-ike-02 (Windows XP SP2, 2003)
    NAT_OA_DRAFT = 131,      //!< NAT-OA of draft-ietf-ipsec-nat-t-ike-02
};

/**
 * \ingroup ipsec
 * \brief ISAKMP exchange types (RFC 2408 3.1; DOI-specific values from RFC 2409).
 */
enum class IsakmpExchangeType : uint8_t
{
    NONE = 0,                //!< not a valid exchange
    BASE = 1,                //!< Base
    IDENTITY_PROTECTION = 2, //!< Identity Protection: IKE main mode
    AUTHENTICATION_ONLY = 3, //!< Authentication Only
    AGGRESSIVE = 4,          //!< Aggressive
    INFORMATIONAL = 5,       //!< Informational
    QUICK_MODE = 32,         //!< IKE quick mode (RFC 2409 5.5)
    NEW_GROUP_MODE = 33,     //!< IKE new group mode (RFC 2409 5.6)
};

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

} // namespace ns3

#endif /* ISAKMP_NUMBERS_H */
