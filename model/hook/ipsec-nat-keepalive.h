/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef IPSEC_NAT_KEEPALIVE_H
#define IPSEC_NAT_KEEPALIVE_H

#include "ns3/event-id.h"
#include "ns3/ipsec-sa.h"
#include "ns3/nstime.h"
#include "ns3/ptr.h"

#include <functional>
#include <map>
#include <tuple>
#include <vector>

namespace ns3
{

/**
 * \ingroup ipsec
 * \brief Sends NAT-keepalives (RFC 3948 2.3) while UDP-encapsulated SAs exist: one per
 * (local address and port, peer address and port) every interval, from the interval after
 * the first such outbound SA was installed until none of them is left.
 *
 * Sent on a fixed period whether or not ESP left in between (simple, and what a NAT binding
 * timer needs in the worst case); see doc/data-plane.md.
 */
class IpsecNatKeepalive
{
  public:
    /** Sends one keepalive: local address, local port, peer address, peer port. */
    using Sender = std::function<void(Ipv4Address, uint16_t, Ipv4Address, uint16_t)>;

    IpsecNatKeepalive() = default;
    ~IpsecNatKeepalive();
    IpsecNatKeepalive(const IpsecNatKeepalive&) = delete;
    IpsecNatKeepalive& operator=(const IpsecNatKeepalive&) = delete;

    /** \param sender what sends a keepalive */
    void SetSender(Sender sender);
    /** \param interval the period; zero turns keepalives off for SAs tracked from now on */
    void SetInterval(Time interval);
    /** \return the period */
    Time GetInterval() const;

    /**
     * \brief Keep the SA's path alive while it lives (outbound UDP-encapsulated SAs; others
     * are ignored).
     * \param sa the SA
     */
    void Track(const Ptr<IpsecSa>& sa);

    /** \return the paths kept alive now */
    size_t GetNPaths() const;

    /** \brief Stop every timer and forget the SAs. */
    void Clear();

  private:
    /** local address, local port, peer address, peer port */
    using Key = std::tuple<uint32_t, uint16_t, uint32_t, uint16_t>;

    /** One path and the SAs that use it. */
    struct Path
    {
        std::vector<Ptr<IpsecSa>> sas; //!< its SAs (dead ones removed at each tick)
        EventId timer;                 //!< the next keepalive
    };

    /**
     * \brief Send a keepalive on a path if an SA still uses it, and schedule the next.
     * \param key the path
     */
    void Tick(Key key);

    Sender m_sender;             //!< sends a keepalive
    Time m_interval{Seconds(20)}; //!< the period (zero: off)
    std::map<Key, Path> m_paths; //!< the paths kept alive
};

} // namespace ns3

#endif /* IPSEC_NAT_KEEPALIVE_H */
