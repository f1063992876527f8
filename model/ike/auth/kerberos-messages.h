/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef KERBEROS_MESSAGES_H
#define KERBEROS_MESSAGES_H

#include <cstdint>
#include <ostream>
#include <string>
#include <vector>

// The Kerberos V5 messages of RFC 4120 section 5 in DER, as far as this model uses them: the
// ticket and its encrypted part, AS-REQ / TGS-REQ (KDC-REQ), AS-REP / TGS-REP (KDC-REP) and
// their encrypted parts, the authenticator, AP-REQ / AP-REP, KRB-ERROR and PA-ENC-TS-ENC.
// Written with ike-der.h's builder, read with its strict reader.
//
// Every Parse accepts any bytes: it returns false for anything that is not exactly one
// well-formed message of its type (DER only: minimal lengths and integers, no trailing bytes),
// and never reads out of bounds. What parses serializes to the same bytes.
//
// Times: KerberosTime is a GeneralizedTime in whole seconds; this model counts them from
// KERBEROS_EPOCH (simulated time 0 is 2005-01-01 00:00:00 UTC), so a time field holds the
// simulated second (negative before the start). See doc/ike.md, "Kerberos".

namespace ns3
{

/** UDP port of the KDC (RFC 4120 7.2.1). */
constexpr uint16_t KERBEROS_PORT = 88;

/** Protocol version number of every message and ticket (RFC 4120 5.3, 5.4.1). */
constexpr int64_t KERBEROS_PVNO = 5;

/** Unix time of simulated second 0: 2005-01-01 00:00:00 UTC. */
constexpr int64_t KERBEROS_EPOCH = 1104537600;

/** \ingroup ipsec \brief Message types (RFC 4120 5.10; also the APPLICATION tag numbers). */
enum class KerberosMessageType : uint8_t
{
    AS_REQ = 10,    //!< authentication service request
    AS_REP = 11,    //!< authentication service reply (the TGT)
    TGS_REQ = 12,   //!< ticket-granting service request
    TGS_REP = 13,   //!< ticket-granting service reply (a service ticket)
    AP_REQ = 14,    //!< application request (to the IKE peer)
    AP_REP = 15,    //!< application reply (mutual authentication)
    KRB_ERROR = 30, //!< error
};

/** \ingroup ipsec \brief The error codes this model sends (RFC 4120 7.5.9 numbers). */
enum class KerberosErrorCode : int32_t
{
    C_PRINCIPAL_UNKNOWN = 6, //!< KDC_ERR_C_PRINCIPAL_UNKNOWN: "unknown-client"
    S_PRINCIPAL_UNKNOWN = 7, //!< KDC_ERR_S_PRINCIPAL_UNKNOWN: "unknown-target"
    ETYPE_NOSUPP = 14,       //!< KDC_ERR_ETYPE_NOSUPP: "etype-not-supported"
    PREAUTH_FAILED = 24,     //!< KDC_ERR_PREAUTH_FAILED: "bad-authenticator"
    PREAUTH_REQUIRED = 25,   //!< KDC_ERR_PREAUTH_REQUIRED: "preauth-required"
    PATH_NOT_ACCEPTED = 28,  //!< KDC_ERR_PATH_NOT_ACCEPTED: "untrusted-realm"
    BAD_INTEGRITY = 31,      //!< KRB_AP_ERR_BAD_INTEGRITY: "bad-authenticator"
    TKT_EXPIRED = 32,        //!< KRB_AP_ERR_TKT_EXPIRED: "ticket-expired"
    SKEW = 37,               //!< KRB_AP_ERR_SKEW: "clock-skew"
    GENERIC = 60,            //!< KRB_ERR_GENERIC: "kdc-error"
    WRONG_REALM = 68,        //!< KDC_ERR_WRONG_REALM: "wrong-realm"
};

/**
 * \param code an error code as received (any value)
 * \return the reason string of this model ("unknown-client", ...); "kdc-error-<n>" for codes
 *         it does not send
 */
std::string KerberosErrorReason(int64_t code);

/** Name types (RFC 4120 6.2). */
enum class KerberosNameType : int32_t
{
    PRINCIPAL = 1, //!< NT-PRINCIPAL: a user or computer account ("WKS01$" on Windows)
    SRV_INST = 2,  //!< NT-SRV-INST: krbtgt/REALM
    SRV_HST = 3,   //!< NT-SRV-HST: host/computer
};

/** Pre-authentication data types (RFC 4120 7.5.2; 128 is Microsoft's, MS-KILE 2.2.3). */
enum class KerberosPaType : int32_t
{
    TGS_REQ = 1,        //!< PA-TGS-REQ: the AP-REQ over the TGT
    ENC_TIMESTAMP = 2,  //!< PA-ENC-TIMESTAMP
    PAC_REQUEST = 128,  //!< PA-PAC-REQUEST: KERB-PA-PAC-REQUEST { include-pac TRUE }
};

/** Authorization data types (RFC 4120 7.5.4; 128 is the Windows PAC, MS-PAC). */
enum class KerberosAdType : int32_t
{
    IF_RELEVANT = 1, //!< AD-IF-RELEVANT, the container Windows puts the PAC in
    WIN2K_PAC = 128, //!< AD-WIN2K-PAC
};

/** \ingroup ipsec \brief PrincipalName. */
struct KerberosPrincipal
{
    int32_t type{static_cast<int32_t>(KerberosNameType::PRINCIPAL)}; //!< name-type
    std::vector<std::string> components;                             //!< name-string

    /** \return the components joined with '/' */
    std::string ToString() const;
    /**
     * \param other a name
     * \return true if type and components are equal
     */
    bool operator==(const KerberosPrincipal& other) const;
};

/**
 * \param os a stream
 * \param name a principal
 * \return \p os, with the components joined by '/'
 */
std::ostream& operator<<(std::ostream& os, const KerberosPrincipal& name);

/** \ingroup ipsec \brief EncryptedData. */
struct KerberosEncryptedData
{
    int32_t etype{0};            //!< encryption type
    bool hasKvno{false};         //!< kvno present
    uint32_t kvno{0};            //!< key version
    std::vector<uint8_t> cipher; //!< ciphertext

    /** \return the DER */
    std::vector<uint8_t> Serialize() const;
    /** \param bytes any bytes \return true if exactly one well-formed value */
    bool Parse(const std::vector<uint8_t>& bytes);
};

/** \ingroup ipsec \brief Ticket ([APPLICATION 1]). */
struct KerberosTicket
{
    std::string realm;                  //!< realm of the service
    KerberosPrincipal sname;            //!< the service
    KerberosEncryptedData encPart;      //!< EncTicketPart under the service key

    /** \return the DER */
    std::vector<uint8_t> Serialize() const;
    /** \param bytes any bytes \return true if exactly one well-formed value */
    bool Parse(const std::vector<uint8_t>& bytes);
};

/** \ingroup ipsec \brief EncTicketPart ([APPLICATION 3]). */
struct KerberosEncTicketPart
{
    uint32_t flags{0};                      //!< TicketFlags (bit 0 is the MSB)
    int32_t keyType{0};                     //!< the session key's etype
    std::vector<uint8_t> key;               //!< the session key
    std::string crealm;                     //!< client realm
    KerberosPrincipal cname;                //!< client
    int64_t authTime{0};                    //!< authtime (simulated seconds)
    int64_t startTime{0};                   //!< starttime
    int64_t endTime{0};                     //!< endtime
    std::vector<uint8_t> pac;               //!< AD-WIN2K-PAC inside AD-IF-RELEVANT (none if empty)

    /** \return the DER */
    std::vector<uint8_t> Serialize() const;
    /** \param bytes any bytes \return true if exactly one well-formed value */
    bool Parse(const std::vector<uint8_t>& bytes);
};

/** \ingroup ipsec \brief PA-DATA. */
struct KerberosPaData
{
    int32_t type{0};            //!< padata-type
    std::vector<uint8_t> value; //!< padata-value
};

/** \ingroup ipsec \brief AS-REQ / TGS-REQ (KDC-REQ with its KDC-REQ-BODY). */
struct KerberosKdcRequest
{
    KerberosMessageType msgType{KerberosMessageType::AS_REQ}; //!< AS_REQ or TGS_REQ
    std::vector<KerberosPaData> padata;                        //!< pre-authentication data
    uint32_t kdcOptions{0};                                    //!< KDCOptions
    bool hasCname{false};                                      //!< cname present (AS-REQ)
    KerberosPrincipal cname;                                   //!< client
    std::string realm;                                         //!< realm of the server
    KerberosPrincipal sname;                                   //!< server
    int64_t till{0};                                           //!< requested end time
    uint32_t nonce{0};                                         //!< matches the reply
    std::vector<int32_t> etypes;                               //!< acceptable etypes, preferred first

    /** \return the DER of the req-body alone (what PA-TGS-REQ's checksum would cover) */
    std::vector<uint8_t> SerializeBody() const;
    /** \return the DER */
    std::vector<uint8_t> Serialize() const;
    /** \param bytes any bytes \return true if exactly one well-formed AS-REQ or TGS-REQ */
    bool Parse(const std::vector<uint8_t>& bytes);
    /**
     * \param type a padata-type
     * \return the first PA-DATA of that type, or nullptr
     */
    const KerberosPaData* FindPadata(KerberosPaType type) const;
};

/** \ingroup ipsec \brief AS-REP / TGS-REP (KDC-REP). */
struct KerberosKdcReply
{
    KerberosMessageType msgType{KerberosMessageType::AS_REP}; //!< AS_REP or TGS_REP
    std::string crealm;                                        //!< client realm
    KerberosPrincipal cname;                                   //!< client
    KerberosTicket ticket;                                     //!< the ticket
    KerberosEncryptedData encPart;                             //!< EncASRepPart / EncTGSRepPart

    /** \return the DER */
    std::vector<uint8_t> Serialize() const;
    /** \param bytes any bytes \return true if exactly one well-formed AS-REP or TGS-REP */
    bool Parse(const std::vector<uint8_t>& bytes);
};

/** \ingroup ipsec \brief EncASRepPart ([APPLICATION 25]) / EncTGSRepPart ([APPLICATION 26]). */
struct KerberosEncKdcRepPart
{
    bool tgs{false};          //!< EncTGSRepPart rather than EncASRepPart
    int32_t keyType{0};       //!< the session key's etype
    std::vector<uint8_t> key; //!< the session key
    int64_t lastReq{0};       //!< last-req: one entry of type 0, this time
    uint32_t nonce{0};        //!< the request's nonce
    uint32_t flags{0};        //!< the ticket's flags
    int64_t authTime{0};      //!< authtime
    int64_t startTime{0};     //!< starttime
    int64_t endTime{0};       //!< endtime
    std::string srealm;       //!< server realm
    KerberosPrincipal sname;  //!< server

    /** \return the DER */
    std::vector<uint8_t> Serialize() const;
    /** \param bytes any bytes \return true if exactly one well-formed value */
    bool Parse(const std::vector<uint8_t>& bytes);
};

/** \ingroup ipsec \brief Authenticator ([APPLICATION 2]). */
struct KerberosAuthenticator
{
    std::string crealm;      //!< client realm
    KerberosPrincipal cname; //!< client
    uint32_t cusec{0};       //!< microseconds of ctime (0 to 999999)
    int64_t ctime{0};        //!< client time (simulated seconds)

    /** \return the DER */
    std::vector<uint8_t> Serialize() const;
    /** \param bytes any bytes \return true if exactly one well-formed value */
    bool Parse(const std::vector<uint8_t>& bytes);
};

/** \ingroup ipsec \brief AP-REQ ([APPLICATION 14]). */
struct KerberosApRequest
{
    uint32_t apOptions{0};                 //!< APOptions (mutual-required is bit 2)
    KerberosTicket ticket;                 //!< the ticket
    KerberosEncryptedData authenticator;   //!< Authenticator under the session key

    /** \return the DER */
    std::vector<uint8_t> Serialize() const;
    /** \param bytes any bytes \return true if exactly one well-formed value */
    bool Parse(const std::vector<uint8_t>& bytes);
};

/** \ingroup ipsec \brief AP-REP ([APPLICATION 15]). */
struct KerberosApReply
{
    KerberosEncryptedData encPart; //!< EncAPRepPart under the session key

    /** \return the DER */
    std::vector<uint8_t> Serialize() const;
    /** \param bytes any bytes \return true if exactly one well-formed value */
    bool Parse(const std::vector<uint8_t>& bytes);
};

/** \ingroup ipsec \brief EncAPRepPart ([APPLICATION 27]). */
struct KerberosEncApRepPart
{
    int64_t ctime{0};  //!< the authenticator's ctime
    uint32_t cusec{0}; //!< the authenticator's cusec

    /** \return the DER */
    std::vector<uint8_t> Serialize() const;
    /** \param bytes any bytes \return true if exactly one well-formed value */
    bool Parse(const std::vector<uint8_t>& bytes);
};

/** \ingroup ipsec \brief KRB-ERROR ([APPLICATION 30]). Not authenticated, as in Kerberos. */
struct KerberosError
{
    int64_t stime{0};        //!< server time (simulated seconds)
    uint32_t susec{0};       //!< its microseconds
    int32_t code{0};         //!< error-code
    bool hasClient{false};   //!< crealm and cname present
    std::string crealm;      //!< client realm
    KerberosPrincipal cname; //!< client
    std::string realm;       //!< server realm
    KerberosPrincipal sname; //!< server
    std::string text;        //!< e-text (empty: absent)

    /** \return the DER */
    std::vector<uint8_t> Serialize() const;
    /** \param bytes any bytes \return true if exactly one well-formed value */
    bool Parse(const std::vector<uint8_t>& bytes);
};

/** \ingroup ipsec \brief PA-ENC-TS-ENC, the plaintext of PA-ENC-TIMESTAMP. */
struct KerberosPaEncTimestamp
{
    int64_t timestamp{0}; //!< patimestamp
    uint32_t usec{0};     //!< pausec

    /** \return the DER */
    std::vector<uint8_t> Serialize() const;
    /** \param bytes any bytes \return true if exactly one well-formed value */
    bool Parse(const std::vector<uint8_t>& bytes);
};

/**
 * \param computerName a computer's name
 * \return its account's principal as Windows names it: NT-PRINCIPAL "NAME$"
 */
KerberosPrincipal KerberosMachinePrincipal(const std::string& computerName);

/**
 * \param computerName a computer's name
 * \return its host service principal: NT-SRV-HST "host/NAME"
 */
KerberosPrincipal KerberosHostPrincipal(const std::string& computerName);

/**
 * \param realm a realm name
 * \return its ticket-granting service: NT-SRV-INST "krbtgt/REALM"
 */
KerberosPrincipal KerberosTgsPrincipal(const std::string& realm);

/**
 * \param name a principal
 * \param[out] computerName the computer it names
 * \return true if it is NAME$ (NT-PRINCIPAL) or host/NAME (NT-SRV-HST) with a non-empty NAME
 */
bool KerberosComputerOf(const KerberosPrincipal& name, std::string& computerName);

/**
 * \param bytes any bytes
 * \param[out] type receives the APPLICATION tag number of the first byte
 * \return false if empty or the first byte is not an APPLICATION constructed tag
 */
bool KerberosPeekType(const std::vector<uint8_t>& bytes, uint8_t& type);

/**
 * \brief Remove what follows the first DER element (DES-CBC-MD5 plaintexts keep their zero
 * padding).
 * \param plaintext a decrypted plaintext
 * \return the first element alone, or \p plaintext unchanged if it does not start with one
 */
std::vector<uint8_t> KerberosTrimPadding(const std::vector<uint8_t>& plaintext);

/**
 * \param seconds simulated seconds
 * \return the GeneralizedTime text "YYYYMMDDHHMMSSZ" of that second
 */
std::string KerberosTimeText(int64_t seconds);

} // namespace ns3

#endif /* KERBEROS_MESSAGES_H */
