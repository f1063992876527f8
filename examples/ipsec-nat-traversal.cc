/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// NAT traversal: a client behind a home NAT (the module's NAPT) reaches a Windows Server 2003
// host. IKE finds the NAT (NAT-D), moves to UDP 4500 and protects the traffic with
// UDP-encapsulated ESP; NAT-keepalives keep the NAT's UDP binding open. Per client OS profile
// (Windows 2000 has no NAT-T: its plain ESP cannot cross the NAPT) and keepalive interval
// (0: none), against the NAT's UDP binding timeout.
//
//   client 192.168.1.1 - LAN - 192.168.1.2 NAPT 203.0.113.1 - 10 Mb/s, 5 ms - 203.0.113.2 server
//
// The client sends a UDP request at 1 s (it starts IKE) and the server answers; then the
// server sends the client a probe every --probeS seconds until --durationS. A probe arrives
// only while the NAT still holds the client's binding. One line per case:
//   natt: profile=<p> keepalive_s=<k> nat_t=<yes|no> nat=<where> request_answered=<yes|no>
//         probes=<sent> delivered=<n> first_lost_s=<t|none> keepalives=<n> nat_drops=<n>
// and with --csv the same as a CSV file. --pcap, --keylog and --ikelog write the first case's
// capture of the server's link with the server's ESP and IKE keys, for Wireshark.

#include "ipsec-program-options.h"

#include "ns3/core-module.h"
#include "ns3/csma-module.h"
#include "ns3/internet-module.h"
#include "ns3/ipsec-module.h"
#include "ns3/network-module.h"
#include "ns3/point-to-point-module.h"

#include <cstdlib>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <sstream>

using namespace ns3;

namespace
{

/** What one case measured. */
struct Outcome
{
    bool natT{false};        //!< the main mode agreed on NAT-T
    std::string nat{"none"}; //!< where NAT-D found the NAT (client's view)
    bool answered{false};    //!< the client's request was answered
    uint32_t probes{0};      //!< probes the server sent
    uint32_t delivered{0};   //!< probes the client received
    double firstLost{-1};    //!< when the first lost probe was sent
    uint64_t keepalives{0};  //!< NAT-keepalives the client sent
    uint64_t natDrops{0};    //!< datagrams the NAPT dropped
};

Outcome
Run(const std::string& profile,
    double keepalive,
    double natTimeout,
    double duration,
    double probeInterval,
    const std::string& pcap,
    const std::string& keylog,
    const std::string& ikelog)
{
    Outcome o;
    NodeContainer nodes;
    nodes.Create(3);
    Ptr<Node> client = nodes.Get(0);
    Ptr<Node> router = nodes.Get(1);
    Ptr<Node> server = nodes.Get(2);
    CsmaHelper csma;
    csma.SetChannelAttribute("DataRate", StringValue("100Mbps"));
    NetDeviceContainer lan = csma.Install(NodeContainer(client, router));
    PointToPointHelper p2p;
    p2p.SetDeviceAttribute("DataRate", StringValue("10Mbps"));
    p2p.SetChannelAttribute("Delay", StringValue("5ms"));
    NetDeviceContainer wan = p2p.Install(router, server);
    NaptHelper napt;
    napt.SetAttribute("UdpTimeout", TimeValue(Seconds(natTimeout)));
    Ptr<NaptTranslator> nat = napt.Install(router, NetDeviceContainer(lan.Get(1)), wan.Get(0));
    IpsecHelper ipsec;
    ipsec.SetIkeAttribute("PreSharedKey", StringValue("home"));
    ipsec.Install(NodeContainer(client, server));
    Ipv4AddressHelper("192.168.1.0", "255.255.255.0").Assign(lan);
    Ipv4AddressHelper("203.0.113.0", "255.255.255.252").Assign(wan);
    Ipv4GlobalRoutingHelper::PopulateRoutingTables();
    IpsecHelper::SetOsProfile(client, profile);
    IpsecHelper::SetOsProfile(server, "win2003");
    IpsecHelper::GetDriver(client)->SetAttribute("NatKeepaliveInterval",
                                                 TimeValue(Seconds(keepalive)));
    // RFC 3948 2.3: only the side behind the NAT needs to keep its binding.
    IpsecHelper::GetDriver(server)->SetAttribute("NatKeepaliveInterval", TimeValue(Seconds(0)));
    IpsecHelper::AddFilter(client, "srcaddr=me dstaddr=203.0.113.2 action=negotiate");
    // The server knows the client by the NAT's public address (transport mode).
    IpsecHelper::AddFilter(server, "srcaddr=me dstaddr=203.0.113.1 action=negotiate");
    if (!pcap.empty())
    {
        p2p.EnablePcap(pcap, wan.Get(1), true);
    }

    Ptr<Socket> echo = Socket::CreateSocket(server, UdpSocketFactory::GetTypeId());
    echo->Bind(InetSocketAddress(Ipv4Address::GetAny(), 7));
    echo->SetRecvCallback(Callback<void, Ptr<Socket>>([](Ptr<Socket> s) {
        Address from;
        while (Ptr<Packet> p = s->RecvFrom(from))
        {
            s->SendTo(p, 0, from);
        }
    }));
    Ptr<Socket> request = Socket::CreateSocket(client, UdpSocketFactory::GetTypeId());
    request->Bind(InetSocketAddress(Ipv4Address::GetAny(), 5000));
    request->SetRecvCallback(Callback<void, Ptr<Socket>>([&o](Ptr<Socket> s) {
        while (s->Recv())
        {
            o.answered = true;
        }
    }));
    Simulator::Schedule(Seconds(1), [request]() {
        request->SendTo(Create<Packet>(100), 0, InetSocketAddress("203.0.113.2", 7));
    });
    Ptr<Socket> probed = Socket::CreateSocket(client, UdpSocketFactory::GetTypeId());
    probed->Bind(InetSocketAddress(Ipv4Address::GetAny(), 9000));
    std::vector<double> sent;
    std::vector<bool> arrived;
    probed->SetRecvCallback(Callback<void, Ptr<Socket>>([&o, &arrived](Ptr<Socket> s) {
        Ptr<Packet> p;
        while ((p = s->Recv()))
        {
            uint32_t index = 0;
            p->CopyData(reinterpret_cast<uint8_t*>(&index), sizeof(index));
            if (index < arrived.size())
            {
                arrived[index] = true;
            }
            ++o.delivered;
        }
    }));
    Ptr<Socket> prober = Socket::CreateSocket(server, UdpSocketFactory::GetTypeId());
    prober->Bind();
    for (double at = 1 + probeInterval; at <= duration; at += probeInterval)
    {
        uint32_t index = static_cast<uint32_t>(sent.size());
        sent.push_back(at);
        arrived.push_back(false);
        Simulator::Schedule(Seconds(at), [prober, index]() {
            Ptr<Packet> p = Create<Packet>(reinterpret_cast<const uint8_t*>(&index), sizeof(index));
            prober->SendTo(p, 0, InetSocketAddress("203.0.113.1", 9000));
        });
    }
    Simulator::Stop(Seconds(duration + 1));
    Simulator::Run();
    IkeNatTState state = IpsecHelper::GetIke(client)->GetNatTState(Ipv4Address("203.0.113.2"));
    o.natT = state.version != IkeNatTVersion::NONE;
    o.nat = state.localBehindNat  ? "client"
            : state.peerBehindNat ? "server"
            : o.natT              ? "none"
                                  : "unknown";
    o.probes = static_cast<uint32_t>(sent.size());
    for (size_t i = 0; i < sent.size(); ++i)
    {
        if (!arrived[i])
        {
            o.firstLost = sent[i];
            break;
        }
    }
    o.keepalives = IpsecHelper::GetDriver(client)->GetCounters().natKeepalivesSent;
    o.natDrops = nat->GetCounters().DroppedTotal();
    // The keys as the capture at the server sees them: both SAs of the server (bound to the
    // NAT's address) and its IKE table. The client's SAs name its private address, which the
    // capture never shows.
    if (!keylog.empty())
    {
        std::ofstream out(keylog);
        IpsecHelper::GetDriver(server)->ExportEspSa(out, false);
        if (!out)
        {
            std::cerr << "error: cannot write " << keylog << "\n";
            std::exit(1);
        }
    }
    if (!ikelog.empty())
    {
        std::ofstream out(ikelog);
        IpsecHelper::GetIke(server)->ExportDecryptionTable(out);
        if (!out)
        {
            std::cerr << "error: cannot write " << ikelog << "\n";
            std::exit(1);
        }
    }
    Simulator::Destroy();
    return o;
}

std::string
Time3(double s)
{
    if (s < 0)
    {
        return "none";
    }
    std::ostringstream os;
    os << std::fixed << std::setprecision(3) << s;
    return os.str();
}

} // namespace

int
main(int argc, char* argv[])
{
    std::string profiles = "win2000,winxp,win2003";
    std::vector<double> keepalives{20, 0};
    double natTimeout = 30;
    double duration = 120;
    double probe = 25;
    std::string csv;
    std::string pcap;
    std::string keylog;
    std::string ikelog;
    IpsecProgramOptions cmd(__FILE__,
                            "A client behind a home NAT reaches a server: NAT traversal per OS "
                            "profile, and NAT-keepalives against the NAT's UDP binding timeout.");
    cmd.AddChoiceList("profile",
                      "client OS profile(s), comma-separated: win2000|winxp|win2003|win2003sp2",
                      profiles,
                      {"win2000", "winxp", "win2003", "win2003sp2"});
    // A list of numbers from 0 (none) to 3600: AddNumberList's lower bound is exclusive.
    std::string keepaliveText = "20,0";
    cmd.AddText("keepaliveS",
                "NAT-keepalive interval(s) of the client in seconds, comma-separated, 0-3600 "
                "(0: none)",
                keepaliveText,
                [&keepalives](const std::string& text) -> std::string {
                    const std::string allowed = "a comma-separated list of numbers from 0 to 3600";
                    std::vector<double> parsed;
                    std::stringstream items(text);
                    std::string item;
                    while (std::getline(items, item, ','))
                    {
                        char* end = nullptr;
                        double v = item.empty() ? -1 : std::strtod(item.c_str(), &end);
                        if (item.empty() || *end != 0 || !(v >= 0 && v <= 3600) ||
                            item.find_first_not_of("0123456789.") != std::string::npos)
                        {
                            return allowed;
                        }
                        parsed.push_back(v);
                    }
                    if (parsed.empty() || (!text.empty() && text.back() == ','))
                    {
                        return allowed;
                    }
                    keepalives = parsed;
                    return "";
                });
    cmd.AddNumber(
        "natTimeoutS", "the NAT's UDP binding timeout in seconds", natTimeout, 0, false, 86400);
    cmd.AddNumber("durationS", "seconds simulated", duration, 2, true, 86400);
    cmd.AddNumber(
        "probeS", "seconds between the server's probes to the client", probe, 0, false, 86400);
    cmd.AddOutput("csv", "write the results as CSV to this file", csv, false);
    cmd.AddOutput(
        "pcap", "write a pcap of the server's link (first case) with this name prefix", pcap, true);
    cmd.AddOutput("keylog",
                  "write the server's ESP SAs of the first case (Wireshark esp_sa) to this file",
                  keylog,
                  false);
    cmd.AddOutput("ikelog",
                  "write the server's IKE keys of the first case (Wireshark "
                  "ikev1_decryption_table) to this file",
                  ikelog,
                  false);
    cmd.Parse(argc, argv);

    std::ofstream out;
    if (!csv.empty())
    {
        out.open(csv);
        out << "profile,keepalive_s,nat_timeout_s,nat_t,nat,request_answered,"
               "probes,delivered,"
               "first_lost_s,keepalives,nat_drops\n";
    }
    std::stringstream list(profiles);
    std::string profile;
    bool first = true;
    while (std::getline(list, profile, ','))
    {
        for (double keepalive : keepalives)
        {
            // One capture (the first case's) is enough to look at.
            Outcome o = Run(profile,
                            keepalive,
                            natTimeout,
                            duration,
                            probe,
                            first ? pcap : "",
                            first ? keylog : "",
                            first ? ikelog : "");
            first = false;
            std::cout << "natt: profile=" << profile << " keepalive_s=" << keepalive
                      << " nat_t=" << (o.natT ? "yes" : "no") << " nat=" << o.nat
                      << " request_answered=" << (o.answered ? "yes" : "no")
                      << " probes=" << o.probes << " delivered=" << o.delivered
                      << " first_lost_s=" << Time3(o.firstLost) << " keepalives=" << o.keepalives
                      << " nat_drops=" << o.natDrops << "\n";
            if (out.is_open())
            {
                out << profile << "," << keepalive << "," << natTimeout << ","
                    << (o.natT ? "yes" : "no") << "," << o.nat << "," << (o.answered ? "yes" : "no")
                    << "," << o.probes << "," << o.delivered << "," << Time3(o.firstLost) << ","
                    << o.keepalives << "," << o.natDrops << "\n";
            }
        }
    }
    return 0;
}
