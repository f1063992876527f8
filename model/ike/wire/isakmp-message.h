/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef ISAKMP_MESSAGE_H
#define ISAKMP_MESSAGE_H

#include "ns3/isakmp-data-payloads.h"
#include "ns3/isakmp-header.h"
#include "ns3/isakmp-identity-payloads.h"
#include "ns3/isakmp-informational-payloads.h"
#include "ns3/isakmp-sa-payload.h"
#include "ns3/isakmp-status.h"
#include "ns3/packet.h"
#include "ns3/ptr.h"

#include <cstddef>
#include <cstdint>
#include <ostream>
#include <variant>
#include <vector>

// Parsing is strict: lengths must add up exactly and reserved fields must be zero, so every
// accepted message serializes back to the same bytes (IKE hashes the SA payload body as it
// was received, and this lets the IKE layer rebuild those bytes from the parsed payload).

namespace ns3
{

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
                                   IsakmpVendorIdPayload,
                                   IsakmpGssPayload,
                                   IsakmpNatDPayload,
                                   IsakmpNatDDraftPayload,
                                   IsakmpNatOaPayload,
                                   IsakmpNatOaDraftPayload>;

/**
 * \param payload a payload
 * \return its payload type
 */
IsakmpPayloadType IsakmpGetPayloadType(const IsakmpPayload& payload);

/**
 * \param type a payload type
 * \return true for the types that may appear in a message's payload chain (every type of
 *         RFC 2408 but NONE, PROPOSAL and TRANSFORM, which live inside an SA payload; and
 *         NAT-D and NAT-OA of RFC 3947 and of its draft-02)
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
    template<typename T>
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

#endif /* ISAKMP_MESSAGE_H */
