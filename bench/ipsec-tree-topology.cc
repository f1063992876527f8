/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ipsec-tree-topology.h"

#include "ipsec-tree-routing.h"

#include "ns3/point-to-point-module.h"
#include "ns3/traffic-control-module.h"

namespace ns3
{

namespace
{

Ipv4Address
Dotted(uint32_t a, uint32_t b, uint32_t c, uint32_t d)
{
    return Ipv4Address((a << 24) | (b << 16) | (c << 8) | d);
}

} // namespace

Ipv4InterfaceContainer
IpsecTreeTopology::Link(Ptr<Node> a, Ptr<Node> b, Ipv4Address base, const std::string& rate)
{
    PointToPointHelper p2p;
    p2p.SetDeviceAttribute("DataRate", StringValue(rate));
    p2p.SetQueue("ns3::DropTailQueue<Packet>", "MaxSize", StringValue("1000000p"));
    p2p.SetChannelAttribute("Delay", StringValue("1ms"));
    NetDeviceContainer devices = p2p.Install(a, b);
    Ipv4AddressHelper addresses;
    addresses.SetBase(base, Ipv4Mask("255.255.255.252"));
    Ipv4InterfaceContainer interfaces = addresses.Assign(devices);
    // No queue disc: ns-3's default FqCoDel builds a CoDel queue disc object for every new
    // flow, a cost of the topology that would hide the cost of IPsec itself.
    TrafficControlHelper().Uninstall(devices);
    return interfaces;
}

void
IpsecTreeTopology::InstallRouter(Ptr<Node> router)
{
    InternetStackHelper internet;
    internet.SetRoutingHelper(IpsecTreeRoutingHelper());
    internet.Install(router);
}

std::vector<Ipv4Address>
IpsecTreeTopology::Build(Ptr<Node> top, const NodeContainer& clients)
{
    Ipv4StaticRoutingHelper routing;
    uint32_t n = clients.GetN();
    uint32_t accessRouters = (n + kFanOut - 1) / kFanOut;
    uint32_t distributionRouters = (accessRouters + kFanOut - 1) / kFanOut;
    std::vector<Ipv4Address> topAddresses;
    topAddresses.reserve(n);
    // The top node routes with IpsecTreeRouting if it is a router (InstallRouter), with
    // ns-3's static routing if it is an end host (the IKE bench's server).
    Ptr<IpsecTreeRouting> topTree = IpsecTreeRoutingHelper::Get(top->GetObject<Ipv4>());
    Ptr<Ipv4StaticRouting> topStatic =
        topTree ? nullptr : routing.GetStaticRouting(top->GetObject<Ipv4>());
    auto addTopRoute = [&](Ipv4Address network, Ipv4Address gateway, uint32_t interface) {
        Ipv4Mask slash16("255.255.0.0");
        topTree ? topTree->AddNetworkRouteTo(network, slash16, gateway, interface)
                : topStatic->AddNetworkRouteTo(network, slash16, gateway, interface);
    };
    for (uint32_t d = 0; d < distributionRouters; ++d)
    {
        Ptr<Node> distribution = CreateObject<Node>();
        InstallRouter(distribution);
        Ipv4InterfaceContainer up = Link(distribution, top, Dotted(172, 16, d, 0), "10Gbps");
        Ptr<IpsecTreeRouting> dRoutes =
            IpsecTreeRoutingHelper::Get(distribution->GetObject<Ipv4>());
        dRoutes->SetDefaultRoute(up.GetAddress(1), up.Get(0).second);
        addTopRoute(Dotted(10, d, 0, 0), up.GetAddress(0), up.Get(1).second);
        for (uint32_t a = 0; a < kFanOut && d * kFanOut + a < accessRouters; ++a)
        {
            Ptr<Node> access = CreateObject<Node>();
            InstallRouter(access);
            // Access router a of d: 10.d.a.0/24; its uplink is the /30 at 10.d.a.252.
            Ipv4InterfaceContainer aUp =
                Link(access, distribution, Dotted(10, d, a, 252), "10Gbps");
            Ptr<IpsecTreeRouting> aRoutes = IpsecTreeRoutingHelper::Get(access->GetObject<Ipv4>());
            aRoutes->SetDefaultRoute(aUp.GetAddress(1), aUp.Get(0).second);
            dRoutes->AddNetworkRouteTo(Dotted(10, d, a, 0),
                                       Ipv4Mask("255.255.255.0"),
                                       aUp.GetAddress(0),
                                       aUp.Get(1).second);
            uint32_t first = (d * kFanOut + a) * kFanOut;
            for (uint32_t c = 0; c < kFanOut && first + c < n; ++c)
            {
                Ptr<Node> client = clients.Get(first + c);
                // Client c of access router a: the /30 at 10.d.a.(4c).
                Ipv4InterfaceContainer cUp =
                    Link(client, access, Dotted(10, d, a, 4 * c), "100Mbps");
                routing.GetStaticRouting(client->GetObject<Ipv4>())
                    ->SetDefaultRoute(cUp.GetAddress(1), cUp.Get(0).second);
                topAddresses.push_back(up.GetAddress(1));
            }
        }
    }
    return topAddresses;
}

} // namespace ns3
