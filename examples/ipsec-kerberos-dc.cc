/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// Kerberos-authenticated IKE and the domain controller (the seed's Kerberos section).
//
//   LAN 10.1.1.0/24, 100 Mb/s: client 10.1.1.1 and server 10.1.1.2 (IPsec, "require security"
//   for all traffic, Kerberos authentication), dc 10.1.1.10 (domain controller: Kerberos KDC),
//   dns 10.1.1.11 (DNS server). The DC and the DNS server run no IPsec.
//
// The client asks the DNS server (UDP 53) at 1 s, then sends a UDP request to the server every
// 100 ms from 1.5 s. Runs:
//   1. winxp: Kerberos (port 88) is a default exemption, the ticket request reaches the DC;
//   2. win2003: only IKE is exempt; the ticket request itself needs IPsec with the DC, which
//      needs a ticket: IKE cannot complete, and the DNS query is refused too;
//   3. win2003 with the seed's permit filters: "all traffic to my domain controllers" and "DNS
//      client queries" (mirrored, My IP Address <-> each DC / DNS server);
//   4. as 3, the server in another domain that trusts the client's (two-way trust);
//   5. as 4 without the trust: the DC cannot issue a ticket for the server.

#include "ns3/core-module.h"
#include "ns3/csma-module.h"
#include "ns3/internet-module.h"
#include "ns3/ipsec-module.h"
#include "ns3/network-module.h"

#include "ipsec-program-options.h"

#include <functional>
#include <iomanip>
#include <iostream>

using namespace ns3;

namespace
{

struct RunConfig
{
    const char* name;
    const char* profile;
    bool permitFilters;
    int serverDomain; //!< 0: same domain, 1: trusting domain, 2: untrusted domain
};

struct Outcome
{
    bool dnsAnswered{false};
    double firstDelivered{-1};
    uint32_t delivered{0};
    uint32_t sent{0};
    std::string failure;
};

Ptr<Socket>
Server(Ptr<Node> node, uint16_t port, std::function<void()> onReceive)
{
    Ptr<Socket> s = Socket::CreateSocket(node, UdpSocketFactory::GetTypeId());
    s->Bind(InetSocketAddress(Ipv4Address::GetAny(), port));
    s->SetRecvCallback(Callback<void, Ptr<Socket>>([onReceive](Ptr<Socket> socket) {
        Address from;
        while (Ptr<Packet> p = socket->RecvFrom(from))
        {
            onReceive();
            socket->SendTo(p, 0, from);
        }
    }));
    return s;
}

Outcome
Run(const RunConfig& config)
{
    Outcome o;
    NodeContainer nodes;
    nodes.Create(4);
    Ptr<Node> client = nodes.Get(0);
    Ptr<Node> server = nodes.Get(1);
    Ptr<Node> dc = nodes.Get(2);
    Ptr<Node> dns = nodes.Get(3);
    CsmaHelper csma;
    csma.SetChannelAttribute("DataRate", StringValue("100Mbps"));
    csma.SetChannelAttribute("Delay", TimeValue(MicroSeconds(50)));
    NetDeviceContainer devices = csma.Install(nodes);
    IpsecHelper ipsec;
    ipsec.SetIkeAttribute("AuthMethods", StringValue("kerberos"));
    ipsec.Install(NodeContainer(client, server));
    InternetStackHelper().Install(NodeContainer(dc, dns));
    Ipv4AddressHelper("10.1.1.0", "255.255.255.0").Assign(
        NetDeviceContainer(devices.Get(0), devices.Get(1)));
    Ipv4AddressHelper("10.1.1.0", "255.255.255.0", "0.0.0.10").Assign(
        NetDeviceContainer(devices.Get(2), devices.Get(3)));

    // The domains: CORP holds the client and the DC (which runs CORP's KDC); the server is in
    // CORP, or in a domain whose trust with CORP is two-way (or absent) and asks CORP's DC.
    IpsecKerberosDomainHelper corp("CORP.EXAMPLE");
    corp.SetComputerName(client, "CLIENT");
    corp.SetComputerName(server, "SERVER");
    corp.SetComputerName(dc, "DC1");
    if (config.serverDomain == 0)
    {
        corp.Install(dc, NodeContainer(client, server));
    }
    else
    {
        IpsecKerberosDomainHelper sales("SALES.EXAMPLE");
        sales.SetComputerName(server, "SERVER");
        if (config.serverDomain == 1)
        {
            corp.Trust(sales);
        }
        corp.Install(dc, client);
        sales.SetDomainController(corp.GetDomainController());
        sales.Join(server);
    }

    NodeContainer ipsecNodes(client, server);
    IpsecHelper::SetOsProfile(ipsecNodes, config.profile);
    IpsecHelper::AddFilter(ipsecNodes, "srcaddr=me dstaddr=any action=negotiate "
                                       "description=\"require security\"");
    if (config.permitFilters)
    {
        IpsecHelper::AddFilter(ipsecNodes, "srcaddr=me dstaddr=10.1.1.10 action=permit "
                                           "description=\"all traffic to my domain controllers\"");
        IpsecHelper::AddFilter(ipsecNodes,
                               "srcaddr=me dstaddr=10.1.1.11 protocol=udp dstport=53 "
                               "action=permit description=\"DNS client queries\"");
    }
    IpsecHelper::GetIke(client)->TraceConnectWithoutContext(
        "MainModeFailed",
        Callback<void, Ipv4Address, const std::string&>(
            [&o](Ipv4Address peer, const std::string& why) {
                if (o.failure.empty() && peer == Ipv4Address("10.1.1.2"))
                {
                    o.failure = why;
                }
            }));

    Ptr<Socket> dnsServer = Server(dns, 53, []() {});
    Ptr<Socket> appServer = Server(server, 9, [&o]() {
        ++o.delivered;
        if (o.firstDelivered < 0)
        {
            o.firstDelivered = Simulator::Now().GetSeconds();
        }
    });
    Ptr<Socket> resolver = Socket::CreateSocket(client, UdpSocketFactory::GetTypeId());
    resolver->Bind();
    resolver->SetRecvCallback(Callback<void, Ptr<Socket>>([&o](Ptr<Socket> s) {
        while (s->Recv())
        {
            o.dnsAnswered = true;
        }
    }));
    Simulator::Schedule(Seconds(1), [resolver]() {
        resolver->SendTo(Create<Packet>(40), 0, InetSocketAddress("10.1.1.11", 53));
    });
    Ptr<Socket> app = Socket::CreateSocket(client, UdpSocketFactory::GetTypeId());
    app->Bind();
    for (int i = 0; i < 50; ++i)
    {
        Simulator::Schedule(Seconds(1.5) + MilliSeconds(100 * i), [app, &o]() {
            ++o.sent;
            app->SendTo(Create<Packet>(200), 0, InetSocketAddress("10.1.1.2", 9));
        });
    }
    Simulator::Stop(Seconds(20));
    Simulator::Run();
    Simulator::Destroy();
    return o;
}

} // namespace

int
main(int argc, char* argv[])
{
    IpsecProgramOptions cmd(__FILE__,
                            "Kerberos-authenticated IKE needs the domain controller's Kerberos "
                            "traffic to flow: five runs show when it does, and the seed's permit "
                            "filters that fix it.");
    cmd.Parse(argc, argv);
    const std::vector<RunConfig> configs{
        {"winxp (Kerberos exempt)", "winxp", false, 0},
        {"win2003 (only IKE exempt)", "win2003", false, 0},
        {"win2003 + DC and DNS permit filters", "win2003", true, 0},
        {"  ... server in a trusting domain", "win2003", true, 1},
        {"  ... server in an untrusted domain", "win2003", true, 2},
    };
    std::cout << std::left << std::setw(38) << "run" << std::setw(6) << "DNS" << std::setw(12)
              << "delivered" << std::setw(16) << "first packet" << "main mode failure\n";
    for (const RunConfig& config : configs)
    {
        Outcome o = Run(config);
        std::ostringstream first;
        if (o.firstDelivered >= 0)
        {
            first << std::fixed << std::setprecision(3) << o.firstDelivered << " s";
        }
        else
        {
            first << "-";
        }
        std::cout << std::left << std::setw(38) << config.name << std::setw(6)
                  << (o.dnsAnswered ? "yes" : "no") << std::setw(12)
                  << (std::to_string(o.delivered) + "/" + std::to_string(o.sent))
                  << std::setw(16) << first.str() << (o.failure.empty() ? "-" : o.failure)
                  << "\n";
    }
    return 0;
}
