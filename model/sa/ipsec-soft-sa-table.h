/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef IPSEC_SOFT_SA_TABLE_H
#define IPSEC_SOFT_SA_TABLE_H

#include "ipsec-sa-reasons.h"

#include "ns3/callback.h"
#include "ns3/event-id.h"
#include "ns3/ipv4-address.h"
#include "ns3/nstime.h"

#include <cstdint>
#include <map>
#include <utility>
#include <vector>

namespace ns3
{

/**
 * \ingroup ipsec
 * \brief Soft SAs: (Negotiate filter, peer) pairs whose traffic flows in the clear because the
 *        peer gave no IKE answer and the filter allows falling back to clear (Windows' word;
 *        not to be confused with an SA's soft lifetime).
 *
 * A soft SA protects nothing; like any SA it ends after an idle time (Windows SAIdleTime), and
 * the next packet then negotiates again.
 */
class IpsecSoftSaTable
{
  public:
    /** Called when a soft SA ends by idle time: filter, peer, reason. */
    using Expired = Callback<void, uint32_t, Ipv4Address, IpsecSoftSaEndReason>;

    IpsecSoftSaTable() = default;
    ~IpsecSoftSaTable();
    IpsecSoftSaTable(const IpsecSoftSaTable&) = delete;
    IpsecSoftSaTable& operator=(const IpsecSoftSaTable&) = delete;

    /** \param expired called when a soft SA ends by idle time */
    void SetExpiredCallback(Expired expired);

    /**
     * \brief Add (or renew) a soft SA.
     * \param filterId the Negotiate filter
     * \param peer the peer
     * \param idleTimeout it ends after this long without traffic (zero: never)
     * \param local this node's address towards the peer when it was made (any: not tied to
     *        an address, so RemoveLocal never ends it)
     */
    void Add(uint32_t filterId,
             Ipv4Address peer,
             Time idleTimeout,
             Ipv4Address local = Ipv4Address::GetAny());

    /**
     * \brief Look for a soft SA and mark it used now.
     * \param filterId the Negotiate filter
     * \param peer the peer
     * \return true if one exists
     */
    bool Use(uint32_t filterId, Ipv4Address peer);

    /**
     * \param filterId the Negotiate filter
     * \param peer the peer
     * \return true if one exists
     */
    bool Has(uint32_t filterId, Ipv4Address peer) const;

    /**
     * \brief Remove a soft SA (no callback).
     * \param filterId the Negotiate filter
     * \param peer the peer
     * \return true if one existed
     */
    bool Remove(uint32_t filterId, Ipv4Address peer);

    /**
     * \brief Remove the soft SAs made from one of \p removed (no callback), as real SAs
     *        bound to a lost address are.
     * \param removed addresses the node no longer has
     * \return the (filter, peer) of each removed soft SA, in table order
     */
    std::vector<std::pair<uint32_t, Ipv4Address>> RemoveLocal(
        const std::vector<Ipv4Address>& removed);

    /**
     * \brief Remove every soft SA of a filter (no callback).
     * \param filterId the filter
     * \return how many there were
     */
    uint32_t RemoveFilter(uint32_t filterId);

    /** \return the number of soft SAs */
    size_t GetN() const;

    /** Forget everything, cancelling the timers. */
    void Clear();

  private:
    /** One soft SA. */
    struct Entry
    {
        Time lastUse;     //!< last packet
        Time idleTimeout; //!< idle limit
        Ipv4Address local; //!< this node's address when it was made (any: none)
        EventId check;    //!< idle check
    };

    using Key = std::pair<uint32_t, uint32_t>; //!< (filter, peer address)

    /** \param key the soft SA whose idle time to check */
    void Check(Key key);

    std::map<Key, Entry> m_entries; //!< the soft SAs
    Expired m_expired;              //!< told of idle expiry
};

} // namespace ns3

#endif /* IPSEC_SOFT_SA_TABLE_H */
