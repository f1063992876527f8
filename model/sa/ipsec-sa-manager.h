/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef IPSEC_SA_MANAGER_H
#define IPSEC_SA_MANAGER_H

#include "ipsec-key-manager.h"
#include "ipsec-negotiation-queue.h"
#include "ipsec-sa-reasons.h"
#include "ipsec-sad.h"
#include "ipsec-soft-sa-table.h"
#include "ipsec-timer-queue.h"

#include "ns3/callback.h"
#include "ns3/simulator.h"

#include <cstdint>
#include <string>
#include <vector>

namespace ns3
{

/**
 * \ingroup ipsec
 * \brief A node's SA state (Linux' xfrm state, beside the policy): the SAD, the SAs' lifetimes,
 * the soft SAs (fallback to clear), the packets held while key management negotiates, and the
 * key manager it asks.
 *
 * Sequence numbers and byte counts are spent here, by SpendOutbound / SpendInbound, only once
 * a packet is actually protected or accepted; the policy decision only finds the SA.
 * It reports SA events to its owner (IpsecDriver, which traces them) through callbacks.
 */
class IpsecSaManager
{
  public:
    /** Told of an SA reaching a soft limit: the SA and which limit. */
    using ExpiringEvent = Callback<void, Ptr<IpsecSa>, IpsecSaExpiringReason>;
    /** Told of an SA deleted: the SA and why. */
    using DeletedEvent = Callback<void, Ptr<IpsecSa>, IpsecSaDeleteReason>;
    /** Told of a soft SA event: peer, filter, "installed" or "deleted: <reason>". */
    using SoftSaEvent = Callback<void, Ipv4Address, uint32_t, const std::string&>;

    IpsecSaManager();
    ~IpsecSaManager();
    IpsecSaManager(const IpsecSaManager&) = delete;
    IpsecSaManager& operator=(const IpsecSaManager&) = delete;

    /**
     * \param expiring told when an SA reaches a soft limit (it is expiring)
     * \param deleted told when an SA is deleted, after it left the SAD
     * \param softSa told when a soft SA is installed or deleted
     */
    void SetEventCallbacks(ExpiringEvent expiring, DeletedEvent deleted, SoftSaEvent softSa);

    /** Forget everything: soft SAs, held packets, the key manager, deadlines, SAs. */
    void Clear();

    // Security associations and their lifetimes.

    /**
     * \brief Create an SA, put it in the SAD and queue its time limits.
     * \param config its definition
     * \param inbound true if this node receives on it
     * \param filterId the Negotiate filter it serves
     * \param peer for an outbound SA: its peer (any: the configured destination)
     * \return the SA
     * \throw IpsecConfigError naming "spi" for a duplicate inbound SPI and destination
     */
    Ptr<IpsecSa> Install(const IpsecSaConfig& config,
                         bool inbound,
                         uint32_t filterId,
                         Ipv4Address peer);

    /**
     * \brief Delete an SA now (nothing happens if it is no longer in the SAD).
     * \param sa the SA
     * \param reason why
     */
    void DeleteSa(const Ptr<IpsecSa>& sa, IpsecSaDeleteReason reason);

    /**
     * \brief Delete every SA serving a filter (policy-change).
     * \param filterId the filter
     */
    void DeleteFilterSas(uint32_t filterId);

    /**
     * \brief The node lost addresses: delete the SAs bound to them (address-change) and tell
     * the key manager.
     * \param removed the addresses
     */
    void LocalAddressesRemoved(const std::vector<Ipv4Address>& removed);

    /**
     * \brief An SA reached a soft limit of its lifetime: a mature SA becomes dying (still used
     * until a replacement exists) and is reported as expiring.
     * \param sa the SA
     * \param reason which limit
     */
    void LifetimeSoftLimitReached(const Ptr<IpsecSa>& sa, IpsecSaExpiringReason reason);

    /** What spending on an SA for one packet gave. */
    enum SpendResult : uint8_t
    {
        SPENT,        //!< done: the packet may go (a soft limit may have been reported)
        SEQ_OVERFLOW, //!< outbound: sequence numbers used up (the SA is now expiring)
        HARD_LIMIT,   //!< the packet would pass the hard byte limit: the caller drops it, then
                      //!< deletes the SA (hard-bytes)
    };

    /**
     * \brief Spend a sequence number and the packet's bytes on an outbound SA, for a packet
     * about to be protected.
     * \param sa the SA
     * \param bytes protected bytes
     * \param seq set to the packet's sequence number
     * \return the result
     */
    SpendResult SpendOutbound(const Ptr<IpsecSa>& sa, uint64_t bytes, uint32_t& seq)
    {
        // Inline: once per protected packet.
        if (!sa->NextSequence(seq))
        {
            LifetimeSoftLimitReached(sa, IpsecSaExpiringReason::SEQ_OVERFLOW);
            return SEQ_OVERFLOW;
        }
        return AccountBytes(sa, bytes);
    }

    /**
     * \brief Count an accepted packet's bytes on an inbound SA and advance its replay window.
     * \param sa the SA
     * \param seq the packet's sequence number
     * \param bytes decrypted bytes
     * \return SPENT or HARD_LIMIT (the window does not advance then)
     */
    SpendResult SpendInbound(const Ptr<IpsecSa>& sa, uint32_t seq, uint64_t bytes)
    {
        if (AccountBytes(sa, bytes) == HARD_LIMIT)
        {
            return HARD_LIMIT;
        }
        sa->ReplayAccept(seq);
        return SPENT;
    }

    /** \return the SAD */
    const IpsecSad& GetSad() const
    {
        return m_sad;
    }

    // Soft SAs (fallback to clear).

    /**
     * \brief Install (or renew) a soft SA.
     * \param filterId the Negotiate filter
     * \param peer the peer
     * \param idleTimeout idle time that ends it
     * \param local this node's address towards the peer (any: not tied to an address)
     */
    void AddSoftSa(uint32_t filterId,
                   Ipv4Address peer,
                   Time idleTimeout,
                   Ipv4Address local = Ipv4Address::GetAny());

    /**
     * \param filterId the Negotiate filter
     * \param peer the peer
     * \return true if a soft SA exists
     */
    bool HasSoftSa(uint32_t filterId, Ipv4Address peer) const
    {
        return m_softSas.Has(filterId, peer);
    }

    /**
     * \brief Mark a soft SA used now (a packet went through it in the clear).
     * \param filterId the Negotiate filter
     * \param peer the peer
     */
    void UseSoftSa(uint32_t filterId, Ipv4Address peer);

    /**
     * \brief Delete a soft SA, reporting it if it existed.
     * \param filterId the Negotiate filter
     * \param peer the peer
     * \param reason why (reported as "deleted: <text>")
     */
    void DeleteSoftSa(uint32_t filterId, Ipv4Address peer, IpsecSoftSaEndReason reason);

    /**
     * \brief Delete every soft SA of a filter, silently (policy change).
     * \param filterId the filter
     */
    void DeleteFilterSoftSas(uint32_t filterId);

    /** \return the number of soft SAs */
    size_t GetNSoftSas() const;

    // Key management and the packets waiting for it.

    /** \param keyManager asked for SAs (and told of lost addresses); nullptr: none */
    void SetKeyManager(Ptr<IpsecKeyManager> keyManager);

    /** \return the key manager, if any */
    Ptr<IpsecKeyManager> GetKeyManager() const;

    /** \return true if a key manager can be asked for SAs */
    bool HasKeyManager() const
    {
        return static_cast<bool>(m_keyManager);
    }

    /**
     * \brief Ask the key manager, if any, for SAs.
     * \param filterId the Negotiate filter
     * \param peer the peer
     * \param selector the packet that needs them
     */
    void Acquire(uint32_t filterId, Ipv4Address peer, const IpsecPacketSelector& selector);

    /** \param capacity most packets held per (filter, peer) */
    void SetHoldCapacity(uint32_t capacity);

    /** \return most packets held per (filter, peer) */
    uint32_t GetHoldCapacity() const;

    /**
     * \param filterId the Negotiate filter
     * \param peer the peer
     * \return true if packets already wait for this (filter, peer)
     */
    bool IsHolding(uint32_t filterId, Ipv4Address peer) const;

    /**
     * \brief Hold a packet until its SAs exist.
     * \param filterId the Negotiate filter
     * \param peer the peer
     * \param held the packet and the action that sends it again
     * \return false if the queue is full (the packet is not held)
     */
    bool Hold(uint32_t filterId, Ipv4Address peer, IpsecNegotiationQueue::Held held);

    /**
     * \brief Take every packet held for a (filter, peer), oldest first.
     * \param filterId the Negotiate filter
     * \param peer the peer
     * \return the packets
     */
    std::vector<IpsecNegotiationQueue::Held> TakeHeld(uint32_t filterId, Ipv4Address peer);

    /** \return the number of packets held */
    size_t GetNHeld() const;

  private:
    /**
     * \brief Count protected bytes on an SA, reporting a soft byte limit reached.
     * \param sa the SA
     * \param bytes the packet's protected bytes
     * \return SPENT, or HARD_LIMIT (the caller drops the packet and deletes the SA)
     */
    SpendResult AccountBytes(const Ptr<IpsecSa>& sa, uint64_t bytes)
    {
        switch (sa->Account(bytes, Simulator::Now()))
        {
        case IpsecLimitCrossed::HARD:
            return HARD_LIMIT;
        case IpsecLimitCrossed::SOFT:
            LifetimeSoftLimitReached(sa, IpsecSaExpiringReason::SOFT_BYTES);
            break;
        case IpsecLimitCrossed::NONE:
            break;
        }
        return SPENT;
    }

    /** The kinds of an SA's deadlines in m_lifetimes. */
    enum LifetimeLimit : uint8_t
    {
        SOFT_LIFETIME = 0, //!< the soft time limit: the SA should be replaced
        HARD_LIFETIME = 1, //!< the hard time limit: the SA ends
    };

    /**
     * \brief An SA's time limit was reached (called by m_lifetimes).
     * \param sa the SA (an IpsecSa)
     * \param kind SOFT_LIFETIME or HARD_LIFETIME
     */
    void TimeLimitReached(IpsecTimed& sa, uint8_t kind);

    /**
     * \brief A soft SA ended by idle time (called by m_softSas).
     * \param filterId its filter
     * \param peer its peer
     * \param reason why
     */
    void SoftSaEnded(uint32_t filterId, Ipv4Address peer, IpsecSoftSaEndReason reason);

    IpsecSad m_sad;                    //!< the security associations
    IpsecTimerQueue m_lifetimes;       //!< the SAs' soft and hard time limits
    IpsecSoftSaTable m_softSas;        //!< traffic falling back to clear
    IpsecNegotiationQueue m_held;      //!< packets waiting for negotiations
    uint32_t m_holdCapacity{32};       //!< most packets held per (filter, peer)
    Ptr<IpsecKeyManager> m_keyManager; //!< asked for SAs (IKE), or none
    ExpiringEvent m_expiring;          //!< told of soft limits
    DeletedEvent m_deleted;            //!< told of deletions
    SoftSaEvent m_softSaEvent;         //!< told of soft SAs installed and deleted
};

} // namespace ns3

#endif /* IPSEC_SA_MANAGER_H */
