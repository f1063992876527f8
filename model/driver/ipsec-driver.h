/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef IPSEC_DRIVER_H
#define IPSEC_DRIVER_H

#include "ipsec-drop-reason.h"

#include "ns3/ipsec-spd.h"
#include "ns3/object.h"
#include "ns3/packet.h"
#include "ns3/traced-callback.h"

#include <array>
#include <cstdint>
#include <string>

namespace ns3
{

class Node;

/**
 * \ingroup ipsec
 * \brief Per-node counters of the IPsec driver.
 */
struct IpsecDriverCounters
{
    std::array<uint64_t, IPSEC_DIRECTION_COUNT> permitted{};  //!< passed, per direction
    std::array<uint64_t, IPSEC_DIRECTION_COUNT> dropped{};    //!< dropped, per direction
    std::array<uint64_t, IPSEC_DROP_REASON_COUNT> dropsByReason{}; //!< dropped, per reason

    /**
     * \param reason a reason
     * \return packets dropped for it
     */
    uint64_t Dropped(IpsecDropReason reason) const
    {
        return dropsByReason[static_cast<size_t>(reason)];
    }

    /**
     * \param direction a direction
     * \return packets permitted in it
     */
    uint64_t Permitted(IpsecDirection direction) const
    {
        return permitted[static_cast<size_t>(direction)];
    }
};

/**
 * \ingroup ipsec
 * \brief The per-node IPsec driver: applies the node's policy to every IPv4 packet.
 *
 * It is aggregated to a node by IpsecHelper, together with the hooks that hand it every
 * outbound, inbound and forwarded packet (see IpsecIpv4L3Protocol, IpsecTrafficControlLayer,
 * IpsecForwardingGuard). It owns the SPD, keeps "My IP address" current, counts and traces every
 * decision.
 */
class IpsecDriver : public Object
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    IpsecDriver();
    ~IpsecDriver() override;

    /**
     * \brief TracedCallback signature for permitted packets.
     * \param packet the packet (without IPv4 header for outbound/forward, with it for inbound)
     * \param selector its selector fields
     * \param direction where it was met
     * \param filterId the filter that decided, 0 when no filter matched
     */
    typedef void (*PermitTracedCallback)(Ptr<const Packet> packet,
                                         const IpsecPacketSelector& selector,
                                         IpsecDirection direction,
                                         uint32_t filterId);

    /**
     * \brief TracedCallback signature for dropped packets.
     * \param packet the packet
     * \param selector its selector fields
     * \param direction where it was met
     * \param reason why it was dropped
     * \param filterId the filter that decided, 0 when none
     */
    typedef void (*DropTracedCallback)(Ptr<const Packet> packet,
                                       const IpsecPacketSelector& selector,
                                       IpsecDirection direction,
                                       IpsecDropReason reason,
                                       uint32_t filterId);

    /**
     * \brief Add a filter to the policy.
     * \param filter the filter
     * \return the filter id
     * \throw IpsecConfigError naming the offending field
     */
    uint32_t AddFilter(const IpsecFilter& filter);

    /**
     * \brief Add a filter in its text form (see IpsecFilter::Parse).
     * \param text the filter
     * \return the filter id
     * \throw IpsecConfigError naming the offending field
     */
    uint32_t AddFilter(const std::string& text);

    /**
     * \param id a filter id
     * \return true if it existed
     */
    bool RemoveFilter(uint32_t id);

    /** \return the policy (read only; change it through this driver) */
    const IpsecSpd& GetSpd() const;

    /**
     * \brief Print the active filters in evaluation (weight) order.
     * \param os output stream
     */
    void PrintFilters(std::ostream& os) const;

    /** \return the counters */
    const IpsecDriverCounters& GetCounters() const;

    /**
     * \brief Decide a packet: the single entry point of every hook.
     * \param direction where the packet was met
     * \param selector its selector fields
     * \param packet the packet, for the trace sources
     * \return true if it may continue, false if it was dropped (counted and traced)
     */
    bool Process(IpsecDirection direction,
                 const IpsecPacketSelector& selector,
                 Ptr<const Packet> packet);

    /**
     * \brief Record that the inbound hook has decided this packet, so that the L4 guard after
     * reassembly does not decide it again.
     * \param packetUid the packet's uid
     */
    void MarkInboundDecided(uint64_t packetUid);

    /**
     * \param packetUid a packet uid
     * \return true if the inbound hook already decided this packet
     */
    bool WasInboundDecided(uint64_t packetUid) const;

    /** Re-read the node's addresses for "My IP address" (called on every address change). */
    void UpdateLocalAddresses();

  protected:
    void NotifyNewAggregate() override;
    void DoDispose() override;

  private:
    /**
     * \brief Count and trace a drop.
     * \param direction where
     * \param selector the packet's selector
     * \param packet the packet
     * \param reason why
     * \param filterId the deciding filter, or 0
     */
    void Drop(IpsecDirection direction,
              const IpsecPacketSelector& selector,
              Ptr<const Packet> packet,
              IpsecDropReason reason,
              uint32_t filterId);

    Ptr<Node> m_node;                //!< the node
    IpsecSpd m_spd;                  //!< the policy
    IpsecDriverCounters m_counters;  //!< counters
    uint64_t m_lastInboundUid{~0ULL}; //!< last packet decided by the inbound hook

    TracedCallback<Ptr<const Packet>, const IpsecPacketSelector&, IpsecDirection, uint32_t>
        m_permitTrace; //!< permitted packets
    TracedCallback<Ptr<const Packet>,
                   const IpsecPacketSelector&,
                   IpsecDirection,
                   IpsecDropReason,
                   uint32_t>
        m_dropTrace; //!< dropped packets
};

} // namespace ns3

#endif /* IPSEC_DRIVER_H */
