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
};

} // namespace ns3

#endif /* IPSEC_STATE_PRINTER_H */
