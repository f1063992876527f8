/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef IKE_MAIN_MODE_SA_H
#define IKE_MAIN_MODE_SA_H

#include "ns3/assert.h"
#include "ns3/ike-config.h"
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

    /** \return true if a quick mode may run under this SA (established, not used up) */
    bool CanStartQuickMode() const;

    /**
     * \brief Count a quick mode (either direction) under this SA; it is used up once
     *        QMperMM are done, or after the first one with master key PFS.
     * \param perMainMode QMperMM (0: unlimited)
     * \param pfs the PFS setting
     */
    void CountQuickMode(uint32_t perMainMode, IkePfs pfs);

    /** \return the quick modes counted under this SA */
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
    /** The exchange under way or settling; null once it has settled. */
    std::unique_ptr<IkeMainModeTask> task;

  private:
    /** \return the cipher, keyed on first use: keying 3DES costs more than a message */
    IpsecCipher& GetCipher() const;

    bool m_established{false};   //!< the exchange succeeded
    bool m_exhausted{false};     //!< no more quick modes (QMperMM, master key PFS)
    uint32_t m_quickModes{0};    //!< quick modes counted under this SA
    mutable std::unique_ptr<IpsecCipher> m_cipher; //!< keyed cipher
};

/**
 * \param message a message
 * \return its bytes (aborts if it cannot be serialized: a bug)
 */
std::vector<uint8_t> IkeSerializeMessage(const IsakmpMessage& message);

} // namespace ns3

#endif /* IKE_MAIN_MODE_SA_H */
