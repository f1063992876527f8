/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef IPSEC_STATE_PRINTER_H
#define IPSEC_STATE_PRINTER_H

#include <cstdint>
#include <ostream>

namespace ns3
{

class IpsecDriver;
struct IkeCounters;
class IpsecSad;
class IpsecSpd;

/**
 * \ingroup ipsec
 * \brief Human-readable listings of a node's IPsec state (like `ip xfrm policy` and
 * `ip xfrm state`): read-only, outside the packet path.
 */
class IpsecStatePrinter
{
  public:
    /**
     * \brief The active filters in evaluation (weight) order.
     * \param os output stream
     * \param spd the policy
     */
    static void PrintFilters(std::ostream& os, const IpsecSpd& spd);

    /**
     * \brief Every SA, one per line.
     * \param os output stream
     * \param sad the SAD
     */
    static void PrintSas(std::ostream& os, const IpsecSad& sad);

    /**
     * \brief A node's whole report: its filters, counters, Windows settings and SAs.
     * \param os output stream
     * \param nodeId the node's id (each line starts with it)
     * \param driver the node's driver
     */
    static void PrintNode(std::ostream& os, uint32_t nodeId, const IpsecDriver& driver);

    /**
     * \brief The failed main modes of a node's IKE service by reason, and its authentication
     *        failures by reason with their detail; nothing if no main mode failed.
     *
     * One line: "node N IKE: main mode failures 2 (no-response=1, peer=1); authentication
     * failures 1 (peer: AUTHENTICATION_FAILED=1)".
     * \param os output stream
     * \param nodeId the node's id
     * \param counters its IKE service's counters
     */
    static void PrintIkeFailures(std::ostream& os, uint32_t nodeId, const IkeCounters& counters);
};

} // namespace ns3

#endif /* IPSEC_STATE_PRINTER_H */
