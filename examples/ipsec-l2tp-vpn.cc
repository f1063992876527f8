/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// The seed's remote-access VPN: L2TP (UDP 1701) between a client and a VPN server, protected
// by IPsec ESP in transport mode with certificate authentication. Both computers need a
// certificate chaining to a root CA the other accepts (each names its accepted roots in its
// certificate requests).
//
//   client 192.0.2.10 ---- 2 Mb/s, 20 ms ---- vpn-server 192.0.2.1
//
// Run 1: both certificates come from Contoso's PKI, and both trust the Contoso root: main mode
// and quick mode complete, the L2TP traffic flows protected.
// Run 2: the client's certificate comes from another root (Fabrikam): main mode fails and the
// reason is printed; no L2TP packet gets through.

#include "ns3/core-module.h"
#include "ns3/internet-module.h"
#include "ns3/ipsec-module.h"
#include "ns3/network-module.h"
#include "ns3/point-to-point-module.h"

#include "ipsec-program-options.h"

#include <iomanip>
#include <iostream>

using namespace ns3;

namespace
{

struct Outcome
{
    double mainModeDone{-1};
    double quickModeDone{-1};
    std::string failure;
    uint32_t sent{0};
    uint32_t delivered{0};
    uint64_t protectedAtServer{0};
};

Outcome
Run(bool sharedRoot, uint32_t packets)
{
    Outcome o;
    NodeContainer nodes;
    nodes.Create(2);
    Ptr<Node> client = nodes.Get(0);
    Ptr<Node> server = nodes.Get(1);
    PointToPointHelper p2p;
    p2p.SetDeviceAttribute("DataRate", StringValue("2Mbps"));
    p2p.SetChannelAttribute("Delay", StringValue("20ms"));
    NetDeviceContainer devices = p2p.Install(nodes);
    IpsecHelper ipsec;
    ipsec.SetIkeAttribute("AuthMethods", StringValue("cert"));
    ipsec.Install(nodes);
    Ipv4AddressHelper addresses("192.0.2.0", "255.255.255.0", "0.0.0.10");
    addresses.Assign(NetDeviceContainer(devices.Get(0)));
    Ipv4AddressHelper("192.0.2.0", "255.255.255.0", "0.0.0.1").Assign(
        NetDeviceContainer(devices.Get(1)));

    // The PKI: Contoso's root and issuing CA; Fabrikam's root for the second run. Each
    // computer accepts the root of its own certificate's chain; the client Contoso's too.
    IpsecPkiHelper pki;
    auto contoso = pki.CreateRoot("Contoso Root CA");
    auto issuing = pki.CreateSubordinate(contoso, "Contoso Issuing CA");
    auto fabrikam = pki.CreateRoot("Fabrikam Root CA");
    pki.SetComputerName(server, "vpn.contoso.example");
    pki.SetComputerName(client, sharedRoot ? "laptop.contoso.example" : "laptop.fabrikam.example");
    pki.Enrol(server, issuing);
    pki.Trust(client, contoso);
    pki.Enrol(client, sharedRoot ? issuing : fabrikam);
    Ptr<IkeService> clientIke = IpsecHelper::GetIke(client);
    Ptr<IkeService> serverIke = IpsecHelper::GetIke(server);

    // Windows' L2TP/IPsec policy: UDP 1701 <-> 1701, transport mode.
    IpsecHelper::AddFilter(client,
                           "srcaddr=me dstaddr=192.0.2.1 protocol=udp srcport=1701 dstport=1701 "
                           "action=negotiate description=l2tp");
    IpsecHelper::AddFilter(server,
                           "srcaddr=me dstaddr=any protocol=udp srcport=1701 dstport=1701 "
                           "action=negotiate description=l2tp");
    clientIke->TraceConnectWithoutContext(
        "MainModeSucceeded",
        Callback<void, Ipv4Address, const std::string&>([&o](Ipv4Address, const std::string&) {
            o.mainModeDone = Simulator::Now().GetSeconds();
        }));
    clientIke->TraceConnectWithoutContext(
        "QuickModeSucceeded",
        Callback<void, Ipv4Address, const std::string&>([&o](Ipv4Address, const std::string&) {
            o.quickModeDone = Simulator::Now().GetSeconds();
        }));
    for (Ptr<IkeService> ike : {clientIke, serverIke})
    {
        std::string who = ike == clientIke ? "client" : "server";
        ike->TraceConnectWithoutContext(
            "MainModeFailed",
            Callback<void, Ipv4Address, const std::string&>(
                [&o, who](Ipv4Address, const std::string& why) {
                    if (o.failure.empty())
                    {
                        o.failure = who + ": " + why;
                    }
                }));
    }

    // L2TP stand-in: the client sends a control or data message every 100 ms, the server
    // answers each on the same ports.
    Ptr<Socket> l2tpServer = Socket::CreateSocket(server, UdpSocketFactory::GetTypeId());
    l2tpServer->Bind(InetSocketAddress(Ipv4Address::GetAny(), 1701));
    l2tpServer->SetRecvCallback(Callback<void, Ptr<Socket>>([&o](Ptr<Socket> s) {
        Address from;
        while (Ptr<Packet> p = s->RecvFrom(from))
        {
            ++o.delivered;
            s->SendTo(p, 0, from);
        }
    }));
    Ptr<Socket> l2tpClient = Socket::CreateSocket(client, UdpSocketFactory::GetTypeId());
    l2tpClient->Bind(InetSocketAddress(Ipv4Address::GetAny(), 1701));
    l2tpClient->SetRecvCallback(Callback<void, Ptr<Socket>>([](Ptr<Socket> s) {
        while (s->Recv())
        {
        }
    }));
    for (uint32_t i = 0; i < packets; ++i)
    {
        Simulator::Schedule(Seconds(1) + MilliSeconds(100 * i), [l2tpClient, &o]() {
            ++o.sent;
            l2tpClient->SendTo(Create<Packet>(120), 0, InetSocketAddress("192.0.2.1", 1701));
        });
    }
    Simulator::Stop(Seconds(1 + packets * 0.1 + 2));
    Simulator::Run();
    o.protectedAtServer =
        IpsecHelper::GetDriver(server)->GetCounters().Protected(IpsecDirection::INBOUND);
    Simulator::Destroy();
    return o;
}

} // namespace

int
main(int argc, char* argv[])
{
    uint32_t packets = 50;
    IpsecProgramOptions cmd(__FILE__,
                            "L2TP/IPsec remote access with certificate authentication: one run "
                            "where client and server share a root CA, one where they do not.");
    cmd.AddInteger("packets",
                   "L2TP messages the client sends (every 100 ms from 1 s)",
                   packets,
                   1,
                   100000);
    cmd.Parse(argc, argv);
    std::cout << std::fixed << std::setprecision(3);
    int status = 0;
    for (bool shared : {true, false})
    {
        Outcome o = Run(shared, packets);
        std::cout << (shared ? "Run 1: both certificates chain to Contoso Root CA\n"
                             : "Run 2: the client's certificate chains to Fabrikam Root CA, "
                               "which the server does not accept\n");
        if (o.quickModeDone >= 0)
        {
            std::cout << "  main mode done at " << o.mainModeDone << " s, quick mode done at "
                      << o.quickModeDone << " s\n";
        }
        else
        {
            std::cout << "  main mode failed: " << o.failure << "\n";
        }
        std::cout << "  L2TP messages delivered " << o.delivered << " of " << o.sent
                  << " (protected by ESP at the server: " << o.protectedAtServer << ")\n";
        // The expected outcome of each run; anything else means the model broke.
        bool expected = shared ? o.delivered == o.sent : o.delivered == 0 && !o.failure.empty();
        status = expected ? status : 1;
    }
    return status;
}
