/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef IPSEC_TREE_ROUTING_H
#define IPSEC_TREE_ROUTING_H

#include "ns3/internet-module.h"

#include <cstdint>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace ns3
{

/**
 * \brief A router's unicast routing table looked up by hashing, for the routers of the
 * benchmarks' tree (doc/benchmarks.md, "The topology").
 *
 * ns-3's Ipv4StaticRouting tries every route of the table for every packet (computing each
 * mask's prefix length bit by bit and logging each try), and before that Ipv4ListRouting and the
 * static routing each ask Ipv4L3Protocol whether the packet is for the router, which under the
 * weak end-system model visits every interface. On a router with 33 links that is most of the
 * cost of forwarding a packet, and it hides the cost of IPsec at the ends. Here the routes are
 * kept per prefix length in a hash table: a lookup tries the few prefix lengths the table holds,
 * longest first (the same longest-prefix match), then the default route, and each route's
 * Ipv4Route is made once. The router's own addresses (and subnet broadcasts) are a hash set:
 * a packet to any of them is delivered locally, whatever interface it came in on.
 *
 * Unicast only (the tree has no multicast or broadcast traffic); metrics are not kept (one route
 * per prefix). Connected routes follow the interfaces' addresses and up/down state.
 */
class IpsecTreeRouting : public Ipv4RoutingProtocol
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    /**
     * Routes \p network / \p mask through \p gateway on \p interface, replacing a route to the
     * same prefix.
     * \param network the destination network
     * \param mask its mask
     * \param gateway the next hop (0.0.0.0: on the link)
     * \param interface the output interface
     */
    void AddNetworkRouteTo(Ipv4Address network,
                           Ipv4Mask mask,
                           Ipv4Address gateway,
                           uint32_t interface);

    /**
     * Routes everything no other route matches through \p gateway on \p interface.
     * \param gateway the next hop
     * \param interface the output interface
     */
    void SetDefaultRoute(Ipv4Address gateway, uint32_t interface);

    /** \return the number of routes, connected ones and the default route included */
    uint32_t GetNRoutes() const;

    Ptr<Ipv4Route> RouteOutput(Ptr<Packet> p,
                               const Ipv4Header& header,
                               Ptr<NetDevice> oif,
                               Socket::SocketErrno& sockerr) override;
    bool RouteInput(Ptr<const Packet> p,
                    const Ipv4Header& header,
                    Ptr<const NetDevice> idev,
                    UnicastForwardCallback ucb,
                    MulticastForwardCallback mcb,
                    LocalDeliverCallback lcb,
                    ErrorCallback ecb) override;
    void NotifyInterfaceUp(uint32_t interface) override;
    void NotifyInterfaceDown(uint32_t interface) override;
    void NotifyAddAddress(uint32_t interface, Ipv4InterfaceAddress address) override;
    void NotifyRemoveAddress(uint32_t interface, Ipv4InterfaceAddress address) override;
    void SetIpv4(Ptr<Ipv4> ipv4) override;
    void PrintRoutingTable(Ptr<OutputStreamWrapper> stream,
                           Time::Unit unit = Time::S) const override;

  protected:
    void DoDispose() override;

  private:
    /** One route: where it leads and the Ipv4Route handed out for it. */
    struct Route
    {
        Ipv4Address network;  //!< the destination network
        uint8_t prefixLength; //!< its prefix length
        Ipv4Address gateway;  //!< the next hop, 0.0.0.0 on the link
        uint32_t interface;   //!< the output interface
        bool connected;       //!< made from an interface address (removed with it)
        Ptr<Ipv4Route> route; //!< made once; its destination is the network, as ns-3's
    };

    /** \return the key of \p network at \p prefixLength in m_routes */
    static uint64_t Key(uint32_t network, uint8_t prefixLength);
    /** \return the Ipv4Route handed out for \p route (its source: the interface's address) */
    Ptr<Ipv4Route> MakeIpv4Route(const Route& route) const;
    /** Adds or replaces \p route, making its Ipv4Route. */
    void Put(Route route);
    /** Removes the route to \p network / \p prefixLength, if any. */
    void Erase(Ipv4Address network, uint8_t prefixLength);
    /** Adds the connected routes and local addresses of \p interface's addresses. */
    void AddConnected(uint32_t interface);
    /** Removes the connected routes and local addresses of \p interface's addresses. */
    void RemoveConnected(uint32_t interface);
    /** \return the route to \p destination (longest prefix, then the default), or nullptr */
    const Route* Lookup(Ipv4Address destination) const;

    Ptr<Ipv4> m_ipv4;                             //!< the node's IPv4
    std::unordered_map<uint64_t, Route> m_routes; //!< by (prefix length, network)
    std::vector<uint8_t> m_prefixLengths;         //!< those in m_routes, longest first
    bool m_hasDefault = false;                    //!< whether m_default is set
    Route m_default;                              //!< the default route
    /** The node's addresses and their subnet broadcast addresses, on interfaces that are up. */
    std::unordered_multiset<uint32_t> m_localAddresses;
};

/**
 * \brief Makes IpsecTreeRouting the routing protocol of the nodes an InternetStackHelper
 * installs (InternetStackHelper::SetRoutingHelper).
 */
class IpsecTreeRoutingHelper : public Ipv4RoutingHelper
{
  public:
    IpsecTreeRoutingHelper* Copy() const override;
    Ptr<Ipv4RoutingProtocol> Create(Ptr<Node> node) const override;

    /**
     * \param ipv4 a node's IPv4
     * \return its IpsecTreeRouting, or nullptr if it routes otherwise
     */
    static Ptr<IpsecTreeRouting> Get(Ptr<Ipv4> ipv4);
};

} // namespace ns3

#endif
