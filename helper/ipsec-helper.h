/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef IPSEC_HELPER_H
#define IPSEC_HELPER_H

#include "ns3/ipsec-driver.h"
#include "ns3/ipv4-routing-helper.h"
#include "ns3/node-container.h"

#include <memory>
#include <ostream>
#include <string>

namespace ns3
{

/**
 * \ingroup ipsec
 * \brief Installs an IPv4 internet stack with the IPsec layer on nodes, and sets their policy.
 *
 * Use it instead of InternetStackHelper on the nodes that run IPsec (other nodes keep
 * InternetStackHelper and behave exactly like plain ns-3). It installs the same protocols
 * (ARP, IPv4, ICMP, UDP, TCP, traffic control, packet sockets) with three hooks, and an
 * IpsecDriver holding the node's policy. Routing is InternetStackHelper's default (static +
 * global) unless SetRoutingHelper says otherwise. IPv6 is not installed.
 */
class IpsecHelper
{
  public:
    IpsecHelper();
    ~IpsecHelper();
    /** \param o helper to copy */
    IpsecHelper(const IpsecHelper& o);
    /** \param o helper to copy \return this */
    IpsecHelper& operator=(const IpsecHelper& o);

    /**
     * \brief Use another IPv4 routing (as InternetStackHelper::SetRoutingHelper).
     * \param routing the routing helper
     */
    void SetRoutingHelper(const Ipv4RoutingHelper& routing);

    /**
     * \brief Install the stack and the IPsec layer.
     * \param nodes nodes without an IPv4 stack
     */
    void Install(NodeContainer nodes) const;
    /** \param node a node without an IPv4 stack */
    void Install(Ptr<Node> node) const;

    /**
     * \param node a node with the IPsec layer
     * \return its driver (fatal error if the layer is not installed)
     */
    static Ptr<IpsecDriver> GetDriver(Ptr<Node> node);

    /**
     * \brief Add a filter to the policy of each node.
     * \param nodes nodes with the IPsec layer
     * \param text the filter's text form (see IpsecFilter::Parse)
     * \throw IpsecConfigError naming the offending field
     */
    static void AddFilter(NodeContainer nodes, const std::string& text);

    /**
     * \brief Print the node's filters in evaluation order and its counters.
     * \param node a node with the IPsec layer
     * \param os output stream
     */
    static void PrintPolicy(Ptr<Node> node, std::ostream& os);

  private:
    std::unique_ptr<Ipv4RoutingHelper> m_routing; //!< routing to install
};

} // namespace ns3

#endif /* IPSEC_HELPER_H */
