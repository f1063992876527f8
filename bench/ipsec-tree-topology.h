/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef IPSEC_TREE_TOPOLOGY_H
#define IPSEC_TREE_TOPOLOGY_H

#include "ns3/internet-module.h"
#include "ns3/network-module.h"

#include <cstdint>
#include <vector>

namespace ns3
{

/**
 * \brief Clients on a tree of routers whose per-packet cost in plain ns-3 does not grow with
 * the number of clients: the topology of the IKE bench and the campus day (doc/benchmarks.md).
 *
 * Each client has a point-to-point link to an access router (kFanOut clients each), each access
 * router one to a distribution router (kFanOut access routers each), and each distribution
 * router one to the top node. Every hop is a point-to-point link without queue disc (no ARP, no
 * shared medium delivering each frame to every station), and every routing table is bounded by
 * the fan-out: distribution router d holds one /24 per access router, the top node one /16 per
 * distribution router (ceil(N / 1024) of them), everyone else a default route up the tree.
 * Client addresses: distribution router d's clients are in 10.d.0.0/16; its link to the top
 * node is 172.16.d.0/30. The routers route with IpsecTreeRouting (hashed lookups), the clients
 * with ns-3's static routing (a connected route and a default route).
 */
class IpsecTreeTopology
{
  public:
    /** Client links per access router and access routers per distribution router. */
    static constexpr uint32_t kFanOut = 32;

    /**
     * A point-to-point link without queue discs between \p a and \p b, addressed from the /30
     * \p base, at \p rate, 1 ms delay. Its device queues never drop: the benchmarks measure
     * CPU per message, and a lost message would add retransmissions to one run only.
     * \param a first node (gets the first address)
     * \param b second node
     * \param base the /30's network address
     * \param rate the data rate, e.g. "10Gbps"
     * \return the two interfaces
     */
    static Ipv4InterfaceContainer Link(Ptr<Node> a,
                                       Ptr<Node> b,
                                       Ipv4Address base,
                                       const std::string& rate);

    /**
     * Installs on \p router an IPv4 stack routed by IpsecTreeRouting: what the routers of the
     * tree get, and what a router to build the tree under needs.
     * \param router a node without an IPv4 stack
     */
    static void InstallRouter(Ptr<Node> router);

    /**
     * Builds the tree under \p top for every node of \p clients (all with an IPv4 stack).
     * \param top the node at the root (the server in the IKE bench, a core router with
     *            InstallRouter's stack on a campus)
     * \param clients the clients
     * \return for each client, the address of \p top on the client's distribution router's
     *         link (a client talking to it is answered from the address it asked)
     */
    static std::vector<Ipv4Address> Build(Ptr<Node> top, const NodeContainer& clients);
};

} // namespace ns3

#endif
