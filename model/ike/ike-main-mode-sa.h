/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef IKE_MAIN_MODE_SA_H
#define IKE_MAIN_MODE_SA_H

#include "ns3/assert.h"
#include "ns3/ike-config.h"
#include "ns3/ike-nat-traversal.h"
#include "ns3/ike-proposals.h"
#include "ns3/ipsec-algorithms.h"
#include "ns3/ipsec-timer-queue.h"
#include "ns3/ipv4-address.h"
#include "ns3/isakmp-header.h"
#include "ns3/isakmp-payloads.h"
#include "ns3/nstime.h"

#include <cstdint>
#include <memory>
#include <vector>

namespace ns3
{

class IkeMainModeTask;

/**
 * \ingroup ipsec
 * \brief A main mode SA (the ISAKMP SA): its cookies, peer, agreed terms and the keys quick
 *        modes and informational exchanges use. While the main mode exchange is under way or
 *        settling, the exchange's task (with its own state) hangs off it. Its lifetime is a
 *        deadline in its service's main mode timer queue.
 */
class IkeMainModeSa : public IpsecTimed
{
  public:
    /** (initiator cookie, peer address): the key of the service's main mode SA table. */
    using Key = std::pair<uint64_t, uint32_t>;

    IkeMainModeSa();
    ~IkeMainModeSa();

    /** \return its key in the main mode SA table */
    Key GetKey() const;

    /** \return true once the exchange has succeeded */
    bool IsEstablished() const;

    /** \brief The exchange succeeded: the SA exists from now on. */
    void SetEstablished();

    /**
     * \brief Set how many quick modes this SA allows: QMperMM, or 1 with master key PFS.
     * \param limit quick modes (either direction) that may install SAs under it (0: unlimited)
     */
    void SetQuickModeLimit(uint32_t limit);

    /**
     * \return true if a quick mode may start under this SA: established, and the quick modes
     *         that installed SAs and those under way leave room under the limit
     */
    bool CanStartQuickMode() const;

    /** \brief A quick mode (either direction) began under this SA. */
    void QuickModeStarted();

    /**
     * \brief A quick mode under this SA ended. Only one that installed its SAs counts towards
     *        the limit: a failed one leaves the SA as usable as before.
     * \param succeeded it installed its SAs
     */
    void QuickModeEnded(bool succeeded);

    /** \return true once the quick modes that installed SAs under it reached the limit */
    bool IsUsedUp() const;

    /** \return the quick modes under way under this SA */
    uint32_t GetQuickModesUnderWay() const;

    /** \return the quick modes that installed SAs under this SA */
    uint32_t GetQuickModeCount() const;

    /**
     * \param type the exchange
     * \param messageId the message ID (0 in main mode)
     * \return an ISAKMP header with this SA's cookies
     */
    IsakmpHeader MakeHeader(IsakmpExchangeType type, uint32_t messageId) const;

    /**
     * \brief Encrypt a payload chain with the main mode cipher (CBC, zero padding).
     * \param payloads the payloads
     * \param iv in: the IV; out: the last ciphertext block
     * \return the encrypted body
     */
    std::vector<uint8_t> Encrypt(const std::vector<IsakmpPayload>& payloads,
                                 std::vector<uint8_t>& iv) const;

    /**
     * \brief Decrypt a message's body and parse its payload chain.
     * \param message the message
     * \param iv in: the IV; out (on success only): the last ciphertext block
     * \param payloads out: the payloads
     * \return ok or why not
     */
    IsakmpStatus Decrypt(const IsakmpMessage& message,
                         std::vector<uint8_t>& iv,
                         std::vector<IsakmpPayload>& payloads) const;

    /**
     * \brief Decrypt a message that starts with a HASH payload (quick mode, informational).
     * \param message the message
     * \param iv in: the IV; out: the last ciphertext block
     * \param hash out: the HASH payload's data
     * \param rest out: the payloads after it
     * \param restBytes out: those payloads as received (what the hash covers)
     * \return false if it does not decrypt or has no HASH first
     */
    bool OpenHashed(const IsakmpMessage& message,
                    std::vector<uint8_t>& iv,
                    std::vector<uint8_t>& hash,
                    IsakmpMessage& rest,
                    std::vector<uint8_t>& restBytes) const;

    /** \brief Drop the keyed cipher (keyed again when a quick mode needs it). */
    void ReleaseCipher();

    uint64_t cookieI{0};         //!< initiator cookie
    uint64_t cookieR{0};         //!< responder cookie
    Ipv4Address local;           //!< this node's address
    Ipv4Address peer;            //!< the peer's address
    bool initiator{false};       //!< this node started it
    IkeMainModeTerms terms;      //!< what was agreed
    std::vector<uint8_t> skeyidD; //!< SKEYID_d: derives quick mode KEYMAT
    std::vector<uint8_t> skeyidA; //!< SKEYID_a: keys quick mode and informational hashes
    std::vector<uint8_t> encryptionKey; //!< main mode cipher key
    std::vector<uint8_t> lastBlock; //!< last CBC block of main mode (quick mode IVs derive from it)
    Time established;            //!< when the SA came to exist
    uint32_t decryptionKey{0};   //!< its entry in the service's IkeDecryptionTable (0: none)
    IkeNatTState natT;           //!< NAT traversal: dialect and what NAT-D found
    /** The exchange under way or settling; null once it has settled. */
    std::unique_ptr<IkeMainModeTask> task;

  private:
    /** \return the cipher, keyed on first use: keying 3DES costs more than a message */
    IpsecCipher& GetCipher() const;

    bool m_established{false};   //!< the exchange succeeded
    uint32_t m_quickModeLimit{0}; //!< quick modes allowed (QMperMM, master key PFS; 0: any)
    uint32_t m_quickModes{0};    //!< quick modes that installed SAs under this SA
    uint32_t m_underWay{0};      //!< quick modes under way under this SA
    mutable std::unique_ptr<IpsecCipher> m_cipher; //!< keyed cipher
};

/**
 * \param message a message
 * \return its bytes (aborts if it cannot be serialized: a bug)
 */
std::vector<uint8_t> IkeSerializeMessage(const IsakmpMessage& message);

} // namespace ns3

#endif /* IKE_MAIN_MODE_SA_H */
