/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef IPSEC_TEST_TOPOLOGY_H
#define IPSEC_TEST_TOPOLOGY_H

// Topologies several scenario tests share: a CSMA LAN with one IPsec node, a router between
// two plain hosts, and pings across them.

#include "ipsec-test-network.h"

#include "ns3/csma-module.h"
#include "ns3/internet-apps-module.h"
#include "ns3/point-to-point-module.h"

#include <memory>

namespace ns3
{
namespace test
{

/**
 * A CSMA LAN 10.1.1.0/24 of \p size nodes at 100 Mb/s: node 0 (10.1.1.1) runs IPsec without
 * IKE (the hook alone: Negotiate without SAs drops as no-sa), the others (.2, .3, ...) are
 * plain ns-3 nodes. Tests name the nodes in a struct deriving from it.
 */
struct IpsecTestLan
{
    NodeContainer nodes;        //!< node 0 with IPsec, then the plain ones
    NetDeviceContainer devices; //!< their CSMA devices

    /**
     * \param size nodes on the LAN
     * \param delay the channel's delay
     */
    IpsecTestLan(uint32_t size, Time delay)
    {
        nodes.Create(size);
        CsmaHelper csma;
        csma.SetChannelAttribute("DataRate", StringValue("100Mbps"));
        csma.SetChannelAttribute("Delay", TimeValue(delay));
        devices = csma.Install(nodes);
        InstallWithoutIke(nodes.Get(0));
        NodeContainer plain;
        for (uint32_t i = 1; i < size; ++i)
        {
            plain.Add(nodes.Get(i));
        }
        InternetStackHelper().Install(plain);
        Ipv4AddressHelper("10.1.1.0", "255.255.255.0").Assign(devices);
    }

    /** \return the driver of node 0 */
    Ptr<IpsecDriver>
    Driver() const
    {
        return IpsecHelper::GetDriver(nodes.Get(0));
    }

    /** \return its counters */
    const IpsecDriverCounters&
    Counters() const
    {
        return Driver()->GetCounters();
    }
};

/**
 * Two plain hosts, node 0 (10.1.1.1) and node 2 (10.1.2.2), with node 1 between them on two
 * point-to-point links (10.1.1.2, 10.1.2.1): node 1 runs IPsec without IKE and forwards.
 * Global routing is populated.
 */
struct IpsecTestRouterLine
{
    NodeContainer nodes;      //!< host, router, host
    NetDeviceContainer left;  //!< link 10.1.1.0/24
    NetDeviceContainer right; //!< link 10.1.2.0/24

    IpsecTestRouterLine()
    {
        nodes.Create(3);
        PointToPointHelper p2p;
        left = p2p.Install(nodes.Get(0), nodes.Get(1));
        right = p2p.Install(nodes.Get(1), nodes.Get(2));
        InternetStackHelper().Install(NodeContainer(nodes.Get(0), nodes.Get(2)));
        InstallWithoutIke(nodes.Get(1));
        Ipv4AddressHelper addresses("10.1.1.0", "255.255.255.0");
        addresses.Assign(left);
        addresses.SetBase("10.1.2.0", "255.255.255.0");
        addresses.Assign(right);
        Ipv4GlobalRoutingHelper::PopulateRoutingTables();
    }
};

/**
 * \brief Two new nodes on a 10 Mb/s, 5 ms point-to-point link, without stacks yet (the caller
 * installs them, then assigns 10.1.1.0/24).
 * \param nodes an empty container; receives the two nodes
 * \return their devices, in node order
 */
inline NetDeviceContainer
CreateTestLink(NodeContainer& nodes)
{
    nodes.Create(2);
    PointToPointHelper p2p;
    p2p.SetDeviceAttribute("DataRate", StringValue("10Mbps"));
    p2p.SetChannelAttribute("Delay", StringValue("5ms"));
    return p2p.Install(nodes);
}

/**
 * \brief Two nodes on a 10 Mb/s, 5 ms point-to-point link, 10.1.1.1 and 10.1.1.2, both with
 * IPsec and IKE authenticating with the preshared key "secret".
 * \param nodes an empty container; receives the two nodes
 * \param idleTimeout IKE's IdleTimeout; zero leaves the default
 */
inline void
InstallIkePskLink(NodeContainer& nodes, Time idleTimeout = Seconds(0))
{
    NetDeviceContainer devices = CreateTestLink(nodes);
    IpsecHelper ipsec;
    ipsec.SetIkeAttribute("PreSharedKey", StringValue("secret"));
    if (!idleTimeout.IsZero())
    {
        ipsec.SetIkeAttribute("IdleTimeout", TimeValue(idleTimeout));
    }
    ipsec.Install(nodes);
    Ipv4AddressHelper("10.1.1.0", "255.255.255.0").Assign(devices);
}

/**
 * \brief Ping once a second from 1 s, \p count times.
 * \param from the pinging node
 * \param to the address pinged
 * \param count echo requests
 * \return the number of echo replies received (updated as they arrive)
 */
inline std::shared_ptr<uint32_t>
InstallPing(Ptr<Node> from, Ipv4Address to, uint32_t count)
{
    auto replies = std::make_shared<uint32_t>(0);
    Ptr<V4Ping> ping = CreateObject<V4Ping>();
    ping->SetAttribute("Remote", Ipv4AddressValue(to));
    ping->SetAttribute("Interval", TimeValue(Seconds(1)));
    from->AddApplication(ping);
    ping->SetStartTime(Seconds(1));
    // Ping sends at start and then every interval: stop just after the last one's reply.
    ping->SetStopTime(Seconds(1) + Seconds(count - 1) + MilliSeconds(500));
    uint32_t* raw = replies.get();
    ping->TraceConnectWithoutContext("Rtt", Callback<void, Time>([raw](Time) {
                                         ++*raw;
                                     }));
    return replies;
}

/**
 * The NAT network of the NAT tests: hosts h1 (192.168.1.1) and h2 (.2) and the router (.3) on a
 * 100 Mb/s, 10 us CSMA LAN; the router's outside device on a 10 Mb/s, 5 ms point-to-point link
 * to the server (router 203.0.113.1, server .2); the router's NAPT between them. Made in two
 * steps around the tests' own stacks on the hosts and the server: BuildNatNetwork (nodes,
 * devices, translator), then NumberNatNetwork (addresses and routes).
 */
struct IpsecTestNatNetwork
{
    Ptr<Node> h1;            //!< inside host 1
    Ptr<Node> h2;            //!< inside host 2
    Ptr<Node> router;        //!< the NAPT router
    Ptr<Node> server;        //!< outside
    NetDeviceContainer lan;  //!< h1, h2, router
    NetDeviceContainer wan;  //!< router (outside), server
    Ptr<NaptTranslator> nat; //!< the router's translator
};

/**
 * \param napt the NAPT to install on the router
 * \return the nodes, devices and translator (the hosts and the server without a stack)
 */
inline IpsecTestNatNetwork
BuildNatNetwork(const NaptHelper& napt)
{
    IpsecTestNatNetwork n;
    NodeContainer nodes;
    nodes.Create(4);
    n.h1 = nodes.Get(0);
    n.h2 = nodes.Get(1);
    n.router = nodes.Get(2);
    n.server = nodes.Get(3);
    CsmaHelper csma;
    csma.SetChannelAttribute("DataRate", StringValue("100Mbps"));
    csma.SetChannelAttribute("Delay", TimeValue(MicroSeconds(10)));
    n.lan = csma.Install(NodeContainer(n.h1, n.h2, n.router));
    PointToPointHelper p2p;
    p2p.SetDeviceAttribute("DataRate", StringValue("10Mbps"));
    p2p.SetChannelAttribute("Delay", StringValue("5ms"));
    n.wan = p2p.Install(n.router, n.server);
    n.nat = napt.Install(n.router, NetDeviceContainer(n.lan.Get(2)), n.wan.Get(0));
    return n;
}

/** Numbers \p n's LAN and link and fills the routing tables (the stacks are installed). */
inline void
NumberNatNetwork(const IpsecTestNatNetwork& n)
{
    Ipv4AddressHelper("192.168.1.0", "255.255.255.0").Assign(n.lan);
    Ipv4AddressHelper("203.0.113.0", "255.255.255.252").Assign(n.wan);
    Ipv4GlobalRoutingHelper::PopulateRoutingTables();
}

} // namespace test
} // namespace ns3

#endif /* IPSEC_TEST_TOPOLOGY_H */
