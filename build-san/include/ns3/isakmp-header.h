/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef ISAKMP_HEADER_H
#define ISAKMP_HEADER_H

#include "ns3/header.h"
#include "ns3/isakmp-names.h"
#include "ns3/isakmp-numbers.h"

#include <cstdint>
#include <ostream>
#include <string>

namespace ns3
{

/**
 * \param type an exchange type
 * \return true if this module knows the exchange (every value of IsakmpExchangeType but NONE)
 */
bool IsakmpIsKnownExchangeType(IsakmpExchangeType type);

/**
 * \ingroup ipsec
 * \brief The fixed ISAKMP header (RFC 2408 3.1), 28 bytes:
 *
 * initiator cookie (8), responder cookie (8), next payload (1), major/minor version (4 bits
 * each), exchange type (1), flags (1), message ID (4), length of the whole message (4).
 *
 * This class only reads and writes the fields; IsakmpMessage checks them and fills the next
 * payload and length fields when it serializes.
 */
class IsakmpHeader : public Header
{
  public:
    /** Size of the header on the wire. */
    static constexpr uint32_t SIZE = 28;
    /** Version byte of ISAKMP 1.0 (major 1 in the high nibble, minor 0). */
    static constexpr uint8_t VERSION_1_0 = 0x10;
    /** Flag E: the payloads after the header are encrypted (RFC 2408 3.1). */
    static constexpr uint8_t FLAG_ENCRYPTION = 0x01;
    /** Flag C: commit, the sender wants a CONNECTED notification before using the SA. */
    static constexpr uint8_t FLAG_COMMIT = 0x02;
    /** Flag A: authentication only, the payloads are authenticated but not encrypted. */
    static constexpr uint8_t FLAG_AUTH_ONLY = 0x04;
    /** All flags RFC 2408 defines; the other bits must be zero. */
    static constexpr uint8_t FLAGS_DEFINED = FLAG_ENCRYPTION | FLAG_COMMIT | FLAG_AUTH_ONLY;

    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();
    TypeId GetInstanceTypeId() const override;

    /** A version 1.0 header with every other field zero and the length of a bare header. */
    IsakmpHeader();

    /** \param cookie the initiator cookie */
    void SetInitiatorCookie(uint64_t cookie);
    /** \return the initiator cookie */
    uint64_t GetInitiatorCookie() const;
    /** \param cookie the responder cookie (zero in the first message of an exchange) */
    void SetResponderCookie(uint64_t cookie);
    /** \return the responder cookie */
    uint64_t GetResponderCookie() const;
    /** \param type type of the first payload */
    void SetNextPayload(IsakmpPayloadType type);
    /** \return type of the first payload */
    IsakmpPayloadType GetNextPayload() const;
    /** \param version version byte: major version in the high nibble, minor in the low one */
    void SetVersion(uint8_t version);
    /** \return the version byte */
    uint8_t GetVersion() const;
    /** \return the major version (high nibble) */
    uint8_t GetMajorVersion() const;
    /** \return the minor version (low nibble) */
    uint8_t GetMinorVersion() const;
    /** \param type the exchange type */
    void SetExchangeType(IsakmpExchangeType type);
    /** \return the exchange type */
    IsakmpExchangeType GetExchangeType() const;
    /** \param flags the flags byte (FLAG_ENCRYPTION, FLAG_COMMIT, FLAG_AUTH_ONLY) */
    void SetFlags(uint8_t flags);
    /** \return the flags byte */
    uint8_t GetFlags() const;
    /** \return true if FLAG_ENCRYPTION is set */
    bool IsEncrypted() const;
    /** \param encrypted set or clear FLAG_ENCRYPTION */
    void SetEncrypted(bool encrypted);
    /** \param id the message ID (zero in phase 1) */
    void SetMessageId(uint32_t id);
    /** \return the message ID */
    uint32_t GetMessageId() const;
    /** \param length length of the whole message, header included */
    void SetLength(uint32_t length);
    /** \return length of the whole message, header included */
    uint32_t GetLength() const;

    /**
     * \brief Write the header.
     * \param out SIZE bytes
     */
    void Write(uint8_t* out) const;
    /**
     * \brief Read the header; every byte pattern is accepted (checks are the caller's).
     * \param in SIZE bytes
     */
    void Read(const uint8_t* in);

    uint32_t GetSerializedSize() const override;
    void Serialize(Buffer::Iterator start) const override;
    uint32_t Deserialize(Buffer::Iterator start) override;
    void Print(std::ostream& os) const override;

  private:
    uint64_t m_initiatorCookie{0};                               //!< initiator cookie
    uint64_t m_responderCookie{0};                               //!< responder cookie
    IsakmpPayloadType m_nextPayload{IsakmpPayloadType::NONE};    //!< first payload
    uint8_t m_version{VERSION_1_0};                              //!< major/minor version
    IsakmpExchangeType m_exchangeType{IsakmpExchangeType::NONE}; //!< exchange type
    uint8_t m_flags{0};                                          //!< flags
    uint32_t m_messageId{0};                                     //!< message ID
    uint32_t m_length{SIZE};                                     //!< whole message length
};

} // namespace ns3

#endif /* ISAKMP_HEADER_H */
