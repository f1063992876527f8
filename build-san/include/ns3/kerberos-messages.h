/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef KERBEROS_MESSAGES_H
#define KERBEROS_MESSAGES_H

#include "ns3/ipv4-address.h"

#include <cstdint>
#include <ostream>
#include <string>
#include <vector>

// The wire format of the simplified Kerberos of this model: a TGS-style request, its reply,
// the error message and the ticket. Not RFC 4120 ASN.1 DER: fixed fields in network byte
// order and strings with a 2-byte length, so that the byte counts are easy to follow. The
// message type numbers, error codes and key usages are RFC 4120's. See doc/ike.md, "Kerberos".
//
// Every Parse accepts any bytes: it returns false for anything that is not exactly one
// well-formed message (wrong version or type, a length running past the end, trailing bytes),
// and never reads out of bounds.

namespace ns3
{

/** UDP port of the KDC (RFC 4120 7.2.1). */
constexpr uint16_t KERBEROS_PORT = 88;

/** Protocol version number of every message and ticket (RFC 4120 5.3, 5.4.1). */
constexpr uint8_t KERBEROS_PVNO = 5;

/** \ingroup ipsec \brief Message types (RFC 4120 5.10 numbers). */
enum class KerberosMessageType : uint8_t
{
    TGS_REQ = 12,   //!< ticket request
    TGS_REP = 13,   //!< ticket reply
    KRB_ERROR = 30, //!< error
};

/** \ingroup ipsec \brief The error codes the KDC sends (RFC 4120 7.5.9 numbers). */
enum class KerberosErrorCode : uint32_t
{
    C_PRINCIPAL_UNKNOWN = 6, //!< KDC_ERR_C_PRINCIPAL_UNKNOWN: "unknown-client"
    S_PRINCIPAL_UNKNOWN = 7, //!< KDC_ERR_S_PRINCIPAL_UNKNOWN: "unknown-target"
    PATH_NOT_ACCEPTED = 28,  //!< KDC_ERR_PATH_NOT_ACCEPTED: "untrusted-realm"
    BAD_INTEGRITY = 31,      //!< KRB_AP_ERR_BAD_INTEGRITY: "bad-authenticator"
    SKEW = 37,               //!< KRB_AP_ERR_SKEW: "clock-skew"
    GENERIC = 60,            //!< KRB_ERR_GENERIC: "kdc-error"
    WRONG_REALM = 68,        //!< KDC_ERR_WRONG_REALM: "wrong-realm"
};

/**
 * \param code an error code as received (any value)
 * \return the reason string of this model ("unknown-client", ...); "kdc-error-<n>" for codes
 *         it does not send
 */
std::string KerberosErrorReason(uint32_t code);

/** How a request names its target. */
enum class KerberosTargetKind : uint8_t
{
    ADDRESS = 1, //!< by IPv4 address: the KDC looks the computer up (directory / DNS)
    NAME = 2,    //!< by principal name: "computer" or "computer@REALM"
};

/**
 * \ingroup ipsec
 * \brief The encrypted part of a ticket (under the service's long-term key, usage TICKET).
 *
 * Plaintext layout: session key (2-byte length + bytes), client realm, client name, service
 * realm, service name (each a 2-byte length + bytes), start and end time (8 bytes each,
 * milliseconds of simulated time), authorization data (2-byte length + bytes: the stand-in
 * for the Windows PAC). 100 bytes plus the names and the authorization data.
 */
struct KerberosTicketPart
{
    std::vector<uint8_t> sessionKey;        //!< the session key
    std::string clientRealm;                //!< realm of the client
    std::string clientName;                 //!< name of the client
    std::string serviceRealm;               //!< realm of the service (the IKE peer)
    std::string serviceName;                //!< name of the service
    uint64_t startMs{0};                    //!< valid from (simulated time, ms)
    uint64_t endMs{0};                      //!< valid until (simulated time, ms)
    std::vector<uint8_t> authorizationData; //!< PAC stand-in

    /** \return the plaintext */
    std::vector<uint8_t> Serialize() const;
    /**
     * \param bytes a plaintext
     * \return true if it is exactly one well-formed ticket part
     */
    bool Parse(const std::vector<uint8_t>& bytes);
};

/**
 * \ingroup ipsec
 * \brief A ticket: what the client hands the IKE responder.
 *
 * Layout: version (1 byte, 5), service realm and service name in the clear (2-byte length +
 * bytes each), encrypted part (2-byte length + blob, see KerberosEncrypt).
 */
struct KerberosTicket
{
    std::string serviceRealm;           //!< realm of the service (clear)
    std::string serviceName;            //!< name of the service (clear)
    std::vector<uint8_t> encryptedPart; //!< KerberosTicketPart, encrypted

    /** \return the bytes */
    std::vector<uint8_t> Serialize() const;
    /**
     * \param bytes any bytes
     * \return true if they are exactly one well-formed ticket
     */
    bool Parse(const std::vector<uint8_t>& bytes);
};

/**
 * \ingroup ipsec
 * \brief A ticket request (TGS-REQ without the TGT: see doc/ike.md).
 *
 * Layout: version (1, 5), type (1, 12), then the body: nonce (4), timestamp (8, ms of
 * simulated time), client realm, client name (2-byte length + bytes each), target kind (1),
 * target (4-byte address, or 2-byte length + name); then the authenticator (2-byte length +
 * blob: the body encrypted under the client's key, usage AUTHENTICATOR), and padding (2-byte
 * length + that many zero bytes; it stands for the TGT and PAC a real request carries).
 */
struct KerberosTgsRequest
{
    uint32_t nonce{0};                                          //!< matches the reply
    uint64_t timestampMs{0};                                    //!< client's time (ms)
    std::string clientRealm;                                    //!< realm of the client
    std::string clientName;                                     //!< name of the client
    KerberosTargetKind targetKind{KerberosTargetKind::ADDRESS}; //!< how the target is named
    Ipv4Address targetAddress;                                  //!< target if by address
    std::string targetName;                                     //!< target if by name
    std::vector<uint8_t> authenticator;                         //!< the body, encrypted
    uint16_t padding{0};                                        //!< zero bytes of padding

    /** \return the body: what the authenticator encrypts */
    std::vector<uint8_t> SerializeBody() const;
    /** \return the whole message */
    std::vector<uint8_t> Serialize() const;
    /**
     * \param bytes any bytes
     * \return true if they are exactly one well-formed request
     */
    bool Parse(const std::vector<uint8_t>& bytes);
    /** \return the target for logs: the address, or the name */
    std::string DescribeTarget() const;
};

/**
 * \ingroup ipsec
 * \brief The client's part of a reply (under the client's long-term key, usage REPLY).
 *
 * Plaintext layout: session key (2-byte length + bytes), nonce (4), start and end time (8
 * each), service realm and service name (2-byte length + bytes each).
 */
struct KerberosReplyPart
{
    std::vector<uint8_t> sessionKey; //!< the session key
    uint32_t nonce{0};               //!< the request's nonce
    uint64_t startMs{0};             //!< ticket valid from (ms)
    uint64_t endMs{0};               //!< ticket valid until (ms)
    std::string serviceRealm;        //!< realm of the service
    std::string serviceName;         //!< name of the service

    /** \return the plaintext */
    std::vector<uint8_t> Serialize() const;
    /**
     * \param bytes a plaintext
     * \return true if it is exactly one well-formed reply part
     */
    bool Parse(const std::vector<uint8_t>& bytes);
};

/**
 * \ingroup ipsec
 * \brief A ticket reply (TGS-REP).
 *
 * Layout: version (1, 5), type (1, 13), nonce (4, in the clear to find the request; the
 * encrypted part repeats it), client realm, client name (2-byte length + bytes each), ticket
 * (2-byte length + bytes), encrypted part (2-byte length + blob), padding (2-byte length + that
 * many zero bytes).
 */
struct KerberosTgsReply
{
    uint32_t nonce{0};                  //!< the request's nonce
    std::string clientRealm;            //!< realm of the client
    std::string clientName;             //!< name of the client
    std::vector<uint8_t> ticket;        //!< KerberosTicket bytes
    std::vector<uint8_t> encryptedPart; //!< KerberosReplyPart, encrypted
    uint16_t padding{0};                //!< zero bytes of padding

    /** \return the whole message */
    std::vector<uint8_t> Serialize() const;
    /**
     * \param bytes any bytes
     * \return true if they are exactly one well-formed reply
     */
    bool Parse(const std::vector<uint8_t>& bytes);
};

/**
 * \ingroup ipsec
 * \brief An error (KRB-ERROR). Not authenticated, as in Kerberos.
 *
 * Layout: version (1, 5), type (1, 30), nonce (4), error code (4), text (2-byte length +
 * bytes: the reason string).
 */
struct KerberosError
{
    uint32_t nonce{0}; //!< the request's nonce
    uint32_t code{0};  //!< KerberosErrorCode value
    std::string text;  //!< reason

    /** \return the whole message */
    std::vector<uint8_t> Serialize() const;
    /**
     * \param bytes any bytes
     * \return true if they are exactly one well-formed error
     */
    bool Parse(const std::vector<uint8_t>& bytes);
};

/**
 * \param bytes any bytes
 * \param[out] type receives the message type if the bytes start like a message of this model
 * \return false if they are shorter than 2 bytes or the version is not 5
 */
bool KerberosPeekType(const std::vector<uint8_t>& bytes, uint8_t& type);

} // namespace ns3

#endif /* KERBEROS_MESSAGES_H */
