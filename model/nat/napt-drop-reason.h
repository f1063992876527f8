/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef NAPT_DROP_REASON_H
#define NAPT_DROP_REASON_H

#include <cstddef>
#include <ostream>
#include <string>

namespace ns3
{

/**
 * \ingroup ipsec
 * \brief Which way a packet crosses a NAPT.
 */
enum class NaptDirection
{
    OUTBOUND, //!< from an inside host (or the router itself) out of the outside interface
    INBOUND,  //!< arriving on the outside interface
};

/**
 * \param direction a direction
 * \return "out" or "in"
 */
std::string NaptDirectionToString(NaptDirection direction);

/**
 * \ingroup ipsec
 * \brief Why a NAPT dropped a packet. Every drop is counted and traced with one.
 */
enum class NaptDropReason
{
    NO_BINDING,           //!< inbound with no binding (unsolicited), or an ICMP error for none
    FRAGMENT,             //!< an IPv4 fragment: its ports cannot be seen without reassembly
    UNSUPPORTED_PROTOCOL, //!< neither UDP, TCP nor ICMP echo / error (ESP, GRE, ...)
    PORTS_EXHAUSTED,      //!< no free external port (or ICMP identifier) for a new binding
    MALFORMED,            //!< too short for its transport header
};

/** Number of NaptDropReason values. */
constexpr size_t NAPT_DROP_REASON_COUNT = 5;

/**
 * \param reason a reason
 * \return its name as traces and logs print it ("no-binding", "fragment", ...)
 */
std::string NaptDropReasonToString(NaptDropReason reason);

/**
 * \param os a stream
 * \param direction a direction
 * \return the stream, with NaptDirectionToString written
 */
std::ostream& operator<<(std::ostream& os, NaptDirection direction);

/**
 * \param os a stream
 * \param reason a reason
 * \return the stream, with NaptDropReasonToString written
 */
std::ostream& operator<<(std::ostream& os, NaptDropReason reason);

} // namespace ns3

#endif /* NAPT_DROP_REASON_H */
