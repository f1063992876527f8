/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef IPSEC_NEGOTIATION_QUEUE_H
#define IPSEC_NEGOTIATION_QUEUE_H

#include "ns3/ipsec-drop-reason.h"

#include "ns3/ipsec-packet-selector.h"
#include "ns3/ipv4-address.h"
#include "ns3/packet.h"

#include <cstdint>
#include <functional>
#include <map>
#include <vector>

namespace ns3
{

/**
 * \ingroup ipsec
 * \brief Packets waiting for SAs that IKE is negotiating, per (filter, peer).
 *
 * Each held packet is kept with the action that sends it again through the hook, so that it
 * is decided afresh (and protected) once the SAs exist, and with what its drop trace needs.
 */
class IpsecNegotiationQueue
{
  public:
    /** The action that sends a held packet again. */
    using Resend = std::function<void()>;

    /** A held packet. */
    struct Held
    {
        Resend resend;                //!< sends it again through the hook
        IpsecDirection direction;     //!< outbound or forward
        IpsecPacketSelector selector; //!< its selector (for the drop trace)
        Ptr<const Packet> packet;     //!< the packet (for the drop trace)
    };

    /**
     * \param filterId the Negotiate filter
     * \param peer the peer
     * \return true if packets are already waiting for this (filter, peer)
     */
    bool IsWaiting(uint32_t filterId, Ipv4Address peer) const;

    /**
     * \brief Hold a packet.
     * \param filterId the Negotiate filter
     * \param peer the peer
     * \param held the packet and the action that sends it again
     * \param capacity most packets held per (filter, peer)
     * \return false if the queue is full (the packet is not held)
     */
    bool Hold(uint32_t filterId, Ipv4Address peer, Held held, uint32_t capacity);

    /**
     * \brief Remove and return everything held for a (filter, peer), oldest first.
     * \param filterId the Negotiate filter
     * \param peer the peer
     * \return the held packets
     */
    std::vector<Held> Take(uint32_t filterId, Ipv4Address peer);

    /** \return the number of packets held in all queues */
    size_t GetN() const;

    /** Forget everything. */
    void Clear();

  private:
    std::map<std::pair<uint32_t, uint32_t>, std::vector<Held>> m_held; //!< by (filter, peer)
    size_t m_count{0};                                                   //!< packets held
};

} // namespace ns3

#endif /* IPSEC_NEGOTIATION_QUEUE_H */
