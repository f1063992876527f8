/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// The benchmarks' tree (bench/ipsec-tree-topology.h) and its routers' hashed routing table
// (IpsecTreeRouting): longest-prefix match then the default route, routes following interfaces
// up and down, every client of a two-distribution-router tree reaching the top node and
// answered in exactly two router hops each way, and packets to a router delivered to it.

#include "ipsec-test-network.h"
#include "ipsec-tree-routing.h"
#include "ipsec-tree-topology.h"

#include "ns3/internet-module.h"
#include "ns3/network-module.h"

#include <boost/test/unit_test.hpp>
#include <map>
#include <set>

using namespace ns3;
using namespace ns3::test;

namespace
{

constexpr uint16_t PORT = 9;

/** \return the route \p routing gives a packet to \p destination; \p error its verdict */
Ptr<Ipv4Route>
RouteTo(Ptr<IpsecTreeRouting> routing, const char* destination, Socket::SocketErrno& error)
{
    Ipv4Header header;
    header.SetDestination(Ipv4Address(destination));
    return routing->RouteOutput(Create<Packet>(), header, nullptr, error);
}

/** A router with links to two hosts (192.168.1.0/30 and 192.168.2.0/30, the router at .1). */
struct RouterWithTwoLinks : public SimulatorFixture
{
    RouterWithTwoLinks()
    {
        router = CreateObject<Node>();
        IpsecTreeTopology::InstallRouter(router);
        hosts.Create(2);
        InternetStackHelper().Install(hosts);
        IpsecTreeTopology::Link(router, hosts.Get(0), Ipv4Address("192.168.1.0"), "1Gbps");
        IpsecTreeTopology::Link(router, hosts.Get(1), Ipv4Address("192.168.2.0"), "1Gbps");
        ipv4 = router->GetObject<Ipv4>();
        routing = IpsecTreeRoutingHelper::Get(ipv4);
    }

    /** 10.0.0.0/8 through host 0 and, inside it, 10.1.2.0/24 through host 1. */
    void AddOverlappingRoutes()
    {
        routing->AddNetworkRouteTo(Ipv4Address("10.0.0.0"),
                                   Ipv4Mask("255.0.0.0"),
                                   Ipv4Address("192.168.1.2"),
                                   1);
        routing->AddNetworkRouteTo(Ipv4Address("10.1.2.0"),
                                   Ipv4Mask("255.255.255.0"),
                                   Ipv4Address("192.168.2.2"),
                                   2);
    }

    Ptr<Node> router;              //!< the router
    NodeContainer hosts;           //!< its two neighbours
    Ptr<Ipv4> ipv4;                //!< the router's IPv4
    Ptr<IpsecTreeRouting> routing; //!< its routing
};

} // namespace

BOOST_AUTO_TEST_SUITE(ipsec_tree_routing)

BOOST_FIXTURE_TEST_CASE(longest_prefix_then_default, RouterWithTwoLinks)
{
    BOOST_REQUIRE(routing);
    // Connected routes: the loopback's 127.0.0.0/8 and the two /30s.
    BOOST_TEST(routing->GetNRoutes() == 3u);
    Socket::SocketErrno error;
    BOOST_TEST(!RouteTo(routing, "10.1.2.7", error));
    BOOST_TEST(error == Socket::ERROR_NOROUTETOHOST);

    AddOverlappingRoutes();
    routing->SetDefaultRoute(Ipv4Address("192.168.1.2"), 1);
    BOOST_TEST(routing->GetNRoutes() == 6u);

    Ptr<Ipv4Route> route = RouteTo(routing, "10.1.2.7", error);
    BOOST_REQUIRE(route);
    BOOST_TEST(error == Socket::ERROR_NOTERROR);
    BOOST_TEST(route->GetGateway() == Ipv4Address("192.168.2.2"));
    BOOST_TEST(route->GetOutputDevice() == ipv4->GetNetDevice(2));
    BOOST_TEST(route->GetSource() == Ipv4Address("192.168.2.1"));
    route = RouteTo(routing, "10.1.3.1", error);
    BOOST_REQUIRE(route);
    BOOST_TEST(route->GetGateway() == Ipv4Address("192.168.1.2"));
    BOOST_TEST(route->GetOutputDevice() == ipv4->GetNetDevice(1));
    route = RouteTo(routing, "8.8.8.8", error);
    BOOST_REQUIRE(route);
    BOOST_TEST(route->GetDestination() == Ipv4Address::GetZero());
    BOOST_TEST(route->GetGateway() == Ipv4Address("192.168.1.2"));
    route = RouteTo(routing, "192.168.2.2", error); // on the link: no gateway
    BOOST_REQUIRE(route);
    BOOST_TEST(route->GetGateway() == Ipv4Address::GetZero());
    BOOST_TEST(route->GetOutputDevice() == ipv4->GetNetDevice(2));

    // A route to the same prefix replaces the one there.
    routing->AddNetworkRouteTo(Ipv4Address("10.1.2.99"),
                               Ipv4Mask("255.255.255.0"),
                               Ipv4Address("192.168.1.2"),
                               1);
    BOOST_TEST(routing->GetNRoutes() == 6u);
    route = RouteTo(routing, "10.1.2.7", error);
    BOOST_REQUIRE(route);
    BOOST_TEST(route->GetGateway() == Ipv4Address("192.168.1.2"));
}

BOOST_FIXTURE_TEST_CASE(routes_follow_the_interfaces, RouterWithTwoLinks)
{
    AddOverlappingRoutes();
    routing->SetDefaultRoute(Ipv4Address("192.168.2.2"), 2);
    ipv4->SetDown(2); // its connected route, the /24 and the default route go
    BOOST_TEST(routing->GetNRoutes() == 3u);
    Socket::SocketErrno error;
    Ptr<Ipv4Route> route = RouteTo(routing, "10.1.2.7", error);
    BOOST_REQUIRE(route);
    BOOST_TEST(route->GetGateway() == Ipv4Address("192.168.1.2"));
    BOOST_TEST(!RouteTo(routing, "192.168.2.2", error));
    BOOST_TEST(!RouteTo(routing, "8.8.8.8", error));
    ipv4->SetUp(2); // the connected route comes back; routes through it must be made again
    BOOST_TEST(routing->GetNRoutes() == 4u);
    BOOST_TEST(RouteTo(routing, "192.168.2.2", error));
    ipv4->RemoveAddress(1, 0);
    BOOST_TEST(routing->GetNRoutes() == 3u);
    BOOST_TEST(!RouteTo(routing, "192.168.1.2", error));
}

BOOST_FIXTURE_TEST_CASE(every_client_reaches_the_top_in_two_hops, SimulatorFixture)
{
    // 1,100 clients: 35 access routers under two distribution routers (32 under the first).
    const uint32_t n = 1100;
    Ptr<Node> top = CreateObject<Node>();
    NodeContainer clients;
    clients.Create(n);
    InternetStackHelper().Install(top);
    InternetStackHelper().Install(clients);
    std::vector<Ipv4Address> topAddresses = IpsecTreeTopology::Build(top, clients);
    BOOST_REQUIRE(topAddresses.size() == n);
    BOOST_TEST(topAddresses.front() == Ipv4Address("172.16.0.2"));
    BOOST_TEST(topAddresses.back() == Ipv4Address("172.16.1.2"));
    BOOST_TEST(top->GetObject<Ipv4>()->GetNInterfaces() == 3u); // loopback, two distributions

    std::map<Ipv4Address, uint8_t> ttlFrom; // the top node's view: sender -> TTL on arrival
    Ptr<Socket> server = Socket::CreateSocket(top, UdpSocketFactory::GetTypeId());
    server->SetIpRecvTtl(true);
    BOOST_REQUIRE(server->Bind(InetSocketAddress(Ipv4Address::GetAny(), PORT)) == 0);
    server->SetRecvCallback(Callback<void, Ptr<Socket>>([&ttlFrom](Ptr<Socket> s) {
        Address from;
        while (Ptr<Packet> p = s->RecvFrom(from))
        {
            SocketIpTtlTag ttl;
            BOOST_REQUIRE(p->RemovePacketTag(ttl));
            ttlFrom[InetSocketAddress::ConvertFrom(from).GetIpv4()] = ttl.GetTtl();
            s->SendTo(p, 0, from);
        }
    }));
    std::set<uint32_t> answered;
    for (uint32_t i = 0; i < n; ++i)
    {
        Ptr<Socket> client = Socket::CreateSocket(clients.Get(i), UdpSocketFactory::GetTypeId());
        client->Bind();
        client->SetRecvCallback(Callback<void, Ptr<Socket>>([&answered, i](Ptr<Socket> s) {
            while (s->Recv())
            {
                answered.insert(i);
            }
        }));
        Simulator::Schedule(MilliSeconds(i), [client, i, &topAddresses]() {
            client->SendTo(Create<Packet>(100), 0, InetSocketAddress(topAddresses[i], PORT));
        });
    }
    Simulator::Run();

    BOOST_TEST(ttlFrom.size() == n);
    BOOST_TEST(answered.size() == n);
    std::map<uint8_t, uint32_t> ttls;
    for (const auto& [from, ttl] : ttlFrom)
    {
        ++ttls[ttl];
    }
    // Sent with TTL 64; the access and the distribution router each took one.
    BOOST_TEST((ttls == std::map<uint8_t, uint32_t>{{62, n}}));
    // Client 1,099 is client 11 of access router 2 under distribution router 1.
    BOOST_TEST(ttlFrom.count(Ipv4Address("10.1.2.45")) == 1u);
}

BOOST_FIXTURE_TEST_CASE(a_packet_to_a_router_is_delivered_to_it, SimulatorFixture)
{
    Ptr<Node> top = CreateObject<Node>();
    NodeContainer clients;
    clients.Create(3);
    InternetStackHelper().Install(top);
    InternetStackHelper().Install(clients);
    IpsecTreeTopology::Build(top, clients);
    // The access router's address on client 0's link (10.0.0.0/30): 10.0.0.2. Client 2 asks its
    // own access router's other address from another link.
    Ptr<Node> access;
    for (uint32_t i = 0; i < NodeList::GetNNodes(); ++i)
    {
        Ptr<Ipv4> ipv4 = NodeList::GetNode(i)->GetObject<Ipv4>();
        if (ipv4 && ipv4->GetInterfaceForAddress(Ipv4Address("10.0.0.2")) >= 0)
        {
            access = NodeList::GetNode(i);
        }
    }
    BOOST_REQUIRE(access);
    BOOST_REQUIRE(IpsecTreeRoutingHelper::Get(access->GetObject<Ipv4>()));
    uint32_t received = 0;
    Ptr<Socket> server = Socket::CreateSocket(access, UdpSocketFactory::GetTypeId());
    BOOST_REQUIRE(server->Bind(InetSocketAddress(Ipv4Address::GetAny(), PORT)) == 0);
    server->SetRecvCallback(Callback<void, Ptr<Socket>>([&received](Ptr<Socket> s) {
        while (s->Recv())
        {
            ++received;
        }
    }));
    Ptr<Socket> client = Socket::CreateSocket(clients.Get(2), UdpSocketFactory::GetTypeId());
    client->Bind();
    client->SendTo(Create<Packet>(10), 0, InetSocketAddress(Ipv4Address("10.0.0.2"), PORT));
    Simulator::Run();
    BOOST_TEST(received == 1u);
}

BOOST_AUTO_TEST_SUITE_END()
