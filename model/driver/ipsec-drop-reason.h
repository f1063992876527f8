/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef IPSEC_DROP_REASON_H
#define IPSEC_DROP_REASON_H

#include <cstddef>
#include <ostream>
#include <string>

namespace ns3
{

/**
 * \ingroup ipsec
 * \brief Where a packet meets the IPsec layer.
 */
enum class IpsecDirection
{
    OUTBOUND, //!< locally originated
    INBOUND,  //!< arriving for local delivery
    FORWARD,  //!< routed through the node
};

/** Number of IpsecDirection values. */
constexpr size_t IPSEC_DIRECTION_COUNT = 3;

/**
 * \param direction a direction
 * \return "out", "in" or "fwd"
 */
std::string IpsecDirectionToString(IpsecDirection direction);

/**
 * \ingroup ipsec
 * \brief Why the IPsec layer dropped a packet. Every drop is counted and traced with one.
 */
enum class IpsecDropReason
{
    FILTER_BLOCK,    //!< a filter with action Block matched
    NO_SA,           //!< outbound: a Negotiate filter matched and no usable SA exists
    UNPROTECTED,     //!< inbound: a clear packet that policy says must arrive protected
    UNKNOWN_SPI,     //!< inbound ESP/AH for which no SA exists
    BAD_ICV,         //!< integrity check failed
    REPLAY,          //!< sequence number already seen or older than the window
    BAD_PADDING,     //!< ESP padding, pad length or block alignment wrong after decryption
    MALFORMED,       //!< too short or inconsistent ESP/AH packet
    SA_EXPIRED,      //!< the SA reached its hard byte limit
    POLICY_MISMATCH, //!< decrypted packet not allowed by the policy of the SA it came through
    SEQ_OVERFLOW,    //!< outbound sequence numbers used up; the SA must be replaced
    NO_ROUTE,        //!< no route to the tunnel endpoint
    NEGOTIATION_QUEUE_FULL, //!< no SA yet and the queue of packets waiting for IKE is full
    NEGOTIATION_FAILED,     //!< waited for an SA that IKE could not negotiate
    /**
     * A multicast or broadcast packet matched a Negotiate filter: Windows Server 2003 drops it,
     * since no SA can be negotiated for a group, and never starts key management for it.
     */
    MULTICAST_NEGOTIATE,
    BOOT_BLOCK, //!< refused by the driver's start-up mode (stateful or block) before the policy
    /**
     * UDP-encapsulated ESP (RFC 3948) on a plain SA, plain ESP on a UDP-encapsulated SA, or
     * encapsulated ESP from another address or port than its SA is bound to.
     */
    UDP_ENCAP_MISMATCH,
};

/** Number of IpsecDropReason values. */
constexpr size_t IPSEC_DROP_REASON_COUNT = 17;
static_assert(static_cast<size_t>(IpsecDropReason::UDP_ENCAP_MISMATCH) + 1 ==
                  IPSEC_DROP_REASON_COUNT,
              "IPSEC_DROP_REASON_COUNT must follow the enum (and the name table)");

/**
 * \param reason a drop reason
 * \return its stable name, e.g. "filter-block"
 */
std::string IpsecDropReasonToString(IpsecDropReason reason);

/**
 * \param os output stream
 * \param reason a drop reason
 * \return os
 */
std::ostream& operator<<(std::ostream& os, IpsecDropReason reason);

/**
 * \param os output stream
 * \param direction a direction
 * \return os
 */
std::ostream& operator<<(std::ostream& os, IpsecDirection direction);

} // namespace ns3

#endif /* IPSEC_DROP_REASON_H */
