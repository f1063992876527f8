/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// An IPsec gateway node on a real Ethernet interface, talking IKEv1 and ESP to a real peer
// (strongSwan, Windows, ...) in tunnel mode. Needs root; see doc/interop.md.
//
//   host 10.2.0.2 --(simulated CSMA)-- gateway 10.2.0.1 | --localAddress on --device ====
//                                                         real link ==== peer --peer
//                                                                        subnet 10.1.0.0/24
//
// The gateway protects 10.2.0.0/24 <-> 10.1.0.0/24 in ESP tunnel mode with a preshared key
// (main mode and quick mode with --cipher / SHA1 / --group). With --initiate it starts the
// negotiation (the host's ping to --ping does), else it waits for the peer and the host pings
// once a quick mode has installed SAs. The host answers pings from the peer's subnet.
//
// The simulator runs in real time with real checksums. Prints each IKE and SA event with its
// time, and at the end the ping result, the ESP counters (packets and bytes, clear and on the
// wire), the IKE counters and the main mode and quick mode SAs. The first line (printed when
// the simulation starts) and each event line are flushed at once, for a script that waits on
// them (test/ipsec-strongswan-interop.sh).

#include "ns3/applications-module.h"
#include "ns3/core-module.h"
#include "ns3/csma-module.h"
#include "ns3/internet-apps-module.h"
#include "ns3/internet-module.h"
#include "ns3/ipsec-emu-device-helper.h"
#include "ns3/ipsec-module.h"
#include "ns3/network-module.h"

#include "ipsec-program-options.h"

#include <arpa/inet.h>
#include <iomanip>
#include <iostream>

using namespace ns3;

namespace
{

/** The inner subnet behind this gateway, its host and the gateway's address in it. */
const char* const LOCAL_SUBNET = "10.2.0.0";
const char* const LOCAL_HOST = "10.2.0.2";
const char* const LOCAL_GATEWAY = "10.2.0.1";

/**
 * \param text a dotted quad
 * \param[out] address the address
 * \return true if \p text is one
 */
bool
ReadAddress(const std::string& text, Ipv4Address& address)
{
    in_addr a{};
    if (inet_pton(AF_INET, text.c_str(), &a) != 1)
    {
        return false;
    }
    address = Ipv4Address(ntohl(a.s_addr));
    return true;
}

/**
 * \param text "a.b.c.d/len"
 * \param[out] address the address
 * \param[out] length the prefix length
 * \return true if \p text is one with a length from 1 to 30
 */
bool
ReadPrefix(const std::string& text, Ipv4Address& address, uint32_t& length)
{
    std::string::size_type slash = text.find('/');
    uint64_t n = 0;
    if (slash == std::string::npos || !ReadAddress(text.substr(0, slash), address) ||
        !IpsecProgramOptions::ParseUnsigned(text.substr(slash + 1), n) || n < 1 || n > 30)
    {
        return false;
    }
    length = static_cast<uint32_t>(n);
    return true;
}

/** \return seconds since the start, for the event lines */
std::string
Stamp()
{
    std::ostringstream os;
    os << std::fixed << std::setprecision(3) << std::setw(8) << Simulator::Now().GetSeconds()
       << " s  ";
    return os.str();
}

/** ESP traffic of the gateway, one direction. */
struct EspCount
{
    uint64_t packets{0};    //!< packets protected (out) or accepted (in)
    uint64_t clearBytes{0}; //!< their inner IPv4 packets
    uint64_t wireBytes{0};  //!< their ESP packets with the outer header
};

} // namespace

int
main(int argc, char* argv[])
{
    std::string device;
    std::string localAddress = "192.0.2.2/24";
    std::string peerText = "192.0.2.1";
    std::string remoteSubnet = "10.1.0.0/24";
    std::string psk;
    std::string cipher = "3des";
    std::string group = "2";
    std::string mac;
    bool initiate = false;
    std::string pingText = "10.1.0.1";
    uint32_t pingCount = 5;
    uint32_t natRule = 0;
    double pingInterval = 0.5;
    double duration = 20;
    double lifetime = 3600;
    double mmLifetime = 28800;
    double deleteAt = 0;

    Ipv4Address peer;
    Ipv4Address local;
    uint32_t localLength = 24;
    Ipv4Address remoteNet;
    uint32_t remoteLength = 24;
    Ipv4Address pingTarget;

    IpsecProgramOptions cmd(__FILE__,
                            "An IPsec gateway node on a real interface (emulation, real time): "
                            "ESP tunnel 10.2.0.0/24 <-> --remoteSubnet with a real IKEv1 peer.\n"
                            "Needs root; the interface must be up and promiscuous "
                            "(doc/interop.md).");
    cmd.AddText("device",
                "The real interface the gateway uses (required), e.g. eth1",
                device,
                [](const std::string& text) {
                    return text.empty() ? std::string("expected an interface name") : std::string();
                });
    cmd.AddText("localAddress",
                "The gateway's address and prefix length on --device (not the host's own)",
                localAddress,
                [&](const std::string& text) {
                    return ReadPrefix(text, local, localLength)
                               ? std::string()
                               : std::string("expected a.b.c.d/len with len from 1 to 30");
                });
    cmd.AddText("peer",
                "The peer's address (its IKE and tunnel endpoint)",
                peerText,
                [&](const std::string& text) {
                    return ReadAddress(text, peer) ? std::string()
                                                   : std::string("expected an IPv4 address");
                });
    cmd.AddText("remoteSubnet",
                "The subnet behind the peer, a.b.c.d/len",
                remoteSubnet,
                [&](const std::string& text) {
                    return ReadPrefix(text, remoteNet, remoteLength)
                               ? std::string()
                               : std::string("expected a.b.c.d/len with len from 1 to 30");
                });
    cmd.AddText("psk", "The preshared key (required)", psk, [](const std::string& text) {
        return text.empty() ? std::string("expected a non-empty key") : std::string();
    });
    cmd.AddChoice("cipher",
                  "Cipher of main mode and of ESP (with SHA1): 3des|aes128",
                  cipher,
                  {"3des", "aes128"});
    cmd.AddChoice("group", "Main mode Diffie-Hellman group: 2|14", group, {"2", "14"});
    cmd.AddText("mac",
                "MAC address of the gateway on --device (default: ns-3 allocates one)",
                mac,
                [](const std::string& text) {
                    unsigned b[6];
                    char end;
                    return std::sscanf(text.c_str(),
                                       "%2x:%2x:%2x:%2x:%2x:%2x%c",
                                       &b[0],
                                       &b[1],
                                       &b[2],
                                       &b[3],
                                       &b[4],
                                       &b[5],
                                       &end) == 6
                               ? std::string()
                               : std::string("expected xx:xx:xx:xx:xx:xx");
                });
    cmd.AddBool("initiate",
                "Start the negotiation (the host's first ping at 1 s); else wait for the peer",
                initiate);
    cmd.AddText("ping",
                "Address the host pings in --remoteSubnet, or none",
                pingText,
                [&](const std::string& text) {
                    return text == "none" || ReadAddress(text, pingTarget)
                               ? std::string()
                               : std::string("expected an IPv4 address or none");
                });
    cmd.AddInteger("natRule",
                   "AssumeUDPEncapsulationContextOnSendRule when the peer is found behind a NAT "
                   "(0: no SAs, Windows' default; 1: allowed; 2: allowed also when both are)",
                   natRule,
                   0,
                   2);
    cmd.AddInteger("pingCount", "Echo requests the host sends", pingCount, 1, 100000);
    cmd.AddNumber("pingInterval", "Seconds between echo requests", pingInterval, 0.01, true, 60);
    cmd.AddNumber("duration", "Seconds the gateway runs (real time)", duration, 0, false, 86400);
    cmd.AddNumber("lifetime", "Quick mode SA lifetime in seconds", lifetime, 10, true, 172800);
    cmd.AddNumber("mmLifetime", "Main mode SA lifetime in seconds", mmLifetime, 60, true, 172800);
    cmd.AddNumber("deleteAt",
                  "At this second delete the quick mode SAs with the peer and tell it (0: never)",
                  deleteAt,
                  0,
                  true,
                  86400);
    cmd.Parse(argc, argv);
    if (!cmd.IsGiven("device"))
    {
        cmd.Fail("device", "required (the real interface to use)");
    }
    if (!cmd.IsGiven("psk"))
    {
        cmd.Fail("psk", "required (the key the peer is configured with)");
    }
    ReadPrefix(localAddress, local, localLength);
    ReadAddress(peerText, peer);
    ReadPrefix(remoteSubnet, remoteNet, remoteLength);
    Ipv4Mask localMask(("/" + std::to_string(localLength)).c_str());
    Ipv4Mask remoteMask(("/" + std::to_string(remoteLength)).c_str());
    if (!localMask.IsMatch(local, peer))
    {
        cmd.Fail("peer", "not in the subnet of --localAddress " + localAddress);
    }
    if (remoteNet.CombineMask(remoteMask) != remoteNet)
    {
        cmd.Fail("remoteSubnet", "host bits set (use the subnet's first address)");
    }
    if (remoteMask.IsMatch(remoteNet, Ipv4Address(LOCAL_SUBNET)))
    {
        cmd.Fail("remoteSubnet", "overlaps the local subnet 10.2.0.0/24");
    }
    bool ping = pingText != "none";
    ReadAddress(ping ? pingText : std::string("0.0.0.0"), pingTarget);
    if (ping && !remoteMask.IsMatch(remoteNet, pingTarget))
    {
        cmd.Fail("ping", "not in --remoteSubnet " + remoteSubnet);
    }
    if (deleteAt >= duration)
    {
        cmd.Fail("deleteAt", "expected a time before the end of the run (--duration)");
    }
    std::string why = IpsecEmuDeviceHelper::CheckDevice(device);
    if (!why.empty())
    {
        cmd.Fail("device", why);
    }

    GlobalValue::Bind("SimulatorImplementationType", StringValue("ns3::RealtimeSimulatorImpl"));
    GlobalValue::Bind("ChecksumEnabled", BooleanValue(true));

    Ptr<Node> gateway = CreateObject<Node>();
    Ptr<Node> host = CreateObject<Node>();
    CsmaHelper lan;
    lan.SetChannelAttribute("DataRate", StringValue("100Mbps"));
    // Addresses go in this order: the gateway gets 10.2.0.1, the host 10.2.0.2.
    NetDeviceContainer lanDevices = lan.Install(NodeContainer(gateway, host));
    IpsecEmuDeviceHelper emu;
    emu.SetDeviceName(device);
    Ptr<NetDevice> real = emu.Install(gateway).Get(0);
    if (!mac.empty())
    {
        real->SetAddress(Mac48Address(mac.c_str()));
    }

    const std::string methods = cipher + "-sha1-" + group;
    IpsecHelper ipsec;
    ipsec.SetIkeAttribute("MainModeMethods", StringValue(methods));
    ipsec.SetIkeAttribute("QuickModeOffers", StringValue("esp-" + cipher + "-sha1"));
    ipsec.SetIkeAttribute("AuthMethods", StringValue("psk"));
    ipsec.SetIkeAttribute("PreSharedKey", StringValue(psk));
    ipsec.SetIkeAttribute("AssumeUDPEncapsulationContextOnSendRule", UintegerValue(natRule));
    ipsec.SetIkeAttribute("QuickModeLifetime", TimeValue(Seconds(lifetime)));
    ipsec.SetIkeAttribute("MainModeLifetime", TimeValue(Seconds(mmLifetime)));
    ipsec.Install(gateway);
    InternetStackHelper().Install(host);

    Ipv4AddressHelper addresses(LOCAL_SUBNET, "255.255.255.0");
    addresses.Assign(lanDevices);
    Ptr<Ipv4> ipv4 = gateway->GetObject<Ipv4>();
    uint32_t realIf = ipv4->AddInterface(real);
    ipv4->AddAddress(realIf, Ipv4InterfaceAddress(local, localMask));
    ipv4->SetUp(realIf);
    Ipv4StaticRoutingHelper routing;
    routing.GetStaticRouting(ipv4)->AddNetworkRouteTo(remoteNet, remoteMask, peer, realIf);
    routing.GetStaticRouting(host->GetObject<Ipv4>())
        ->SetDefaultRoute(Ipv4Address(LOCAL_GATEWAY), 1);

    std::ostringstream filter;
    filter << "srcaddr=" << LOCAL_SUBNET << "/24 dstaddr=" << remoteSubnet
           << " action=negotiate tunnel=" << peer << " description=to-peer";
    IpsecHelper::AddFilter(gateway, filter.str());

    Ptr<IkeService> ike = IpsecHelper::GetIke(gateway);
    Ptr<IpsecDriver> driver = IpsecHelper::GetDriver(gateway);
    Ptr<V4Ping> pinger;
    uint32_t pingReplies = 0;
    bool pingStarted = false;
    auto startPing = [&](double delay) {
        if (!ping || pingStarted)
        {
            return;
        }
        pingStarted = true;
        pinger = CreateObject<V4Ping>();
        pinger->SetAttribute("Remote", Ipv4AddressValue(pingTarget));
        pinger->SetAttribute("Interval", TimeValue(Seconds(pingInterval)));
        pinger->TraceConnectWithoutContext("Rtt", Callback<void, Time>([&](Time) {
                                               ++pingReplies;
                                           }));
        host->AddApplication(pinger);
        // Exactly pingCount requests: one at the start, then one per interval.
        Time start = Simulator::Now() + Seconds(delay);
        pinger->SetStartTime(Seconds(delay));
        pinger->SetStopTime(Seconds(delay + (pingCount - 0.5) * pingInterval));
        std::cout << Stamp() << "host     ping " << pingTarget << " x" << pingCount << " from "
                  << std::fixed << std::setprecision(3) << start.GetSeconds() << " s" << std::endl;
    };

    for (const char* name : {"MainModeStarted",
                             "MainModeSucceeded",
                             "MainModeFailed",
                             "MainModeDeleted",
                             "QuickModeStarted",
                             "QuickModeSucceeded",
                             "QuickModeFailed",
                             "Rekeyed"})
    {
        std::string what = name;
        ike->TraceConnectWithoutContext(
            name,
            Callback<void, Ipv4Address, const std::string&>(
                [what, &startPing](Ipv4Address from, const std::string& detail) {
                    std::cout << Stamp() << "ike      " << std::left << std::setw(19) << what
                              << std::right << " peer " << from << "  " << detail << std::endl;
                    if (what == "QuickModeSucceeded")
                    {
                        startPing(0.5);
                    }
                }));
    }
    for (const char* name : {"SaInstalled", "SaDeleted"})
    {
        std::string what = name;
        driver->TraceConnectWithoutContext(
            name,
            Callback<void, Ptr<const IpsecSa>, const std::string&>(
                [what](Ptr<const IpsecSa> sa, const std::string& reason) {
                    std::cout << Stamp() << "driver   " << std::left << std::setw(19) << what
                              << std::right << " " << (sa->IsInbound() ? "in " : "out") << " spi 0x"
                              << std::hex << std::setw(8) << std::setfill('0') << sa->GetSpi()
                              << std::dec << std::setfill(' ') << "  " << reason << std::endl;
                }));
    }
    EspCount out;
    EspCount in;
    driver->TraceConnectWithoutContext(
        "SaTraffic",
        Callback<void, Ptr<const IpsecSa>, IpsecDirection, uint32_t, uint32_t>(
            [&](Ptr<const IpsecSa>, IpsecDirection direction, uint32_t clear, uint32_t wire) {
                EspCount& c = direction == IpsecDirection::INBOUND ? in : out;
                ++c.packets;
                c.clearBytes += clear;
                c.wireBytes += wire;
            }));
    if (initiate)
    {
        startPing(1);
    }
    if (deleteAt > 0)
    {
        Simulator::Schedule(Seconds(deleteAt), [&]() {
            uint32_t n = ike->DeleteQuickModeSas(peer, IpsecSaDeleteReason::MANUAL);
            std::cout << Stamp() << "gateway  deleted " << n
                      << " quick mode SA pair(s) and told the peer" << std::endl;
        });
    }

    std::cout << "IPsec gateway on " << device << " " << localAddress << ", peer " << peer
              << ": tunnel " << LOCAL_SUBNET << "/24 <-> " << remoteSubnet << ", main mode "
              << methods << ", quick mode esp-" << cipher << "-sha1, "
              << (initiate ? "initiator" : "responder") << ", " << duration << " s in real time"
              << std::endl;
    Simulator::Stop(Seconds(duration));
    Simulator::Run();

    const IkeCounters& c = ike->GetCounters();
    const IpsecDriverCounters& d = driver->GetCounters();
    std::cout << "\n";
    if (ping)
    {
        std::cout << "ping " << LOCAL_HOST << " -> " << pingTarget << ": "
                  << (pingStarted ? pingCount : 0) << " sent, " << pingReplies << " replies\n";
    }
    std::cout << "esp out: " << out.packets << " packets, " << out.clearBytes << " clear bytes, "
              << out.wireBytes << " wire bytes\n"
              << "esp in: " << in.packets << " packets, " << in.clearBytes << " clear bytes, "
              << in.wireBytes << " wire bytes\n";
    std::cout << "drops:";
    for (size_t r = 0; r < d.dropsByReason.size(); ++r)
    {
        if (d.dropsByReason[r] != 0)
        {
            std::cout << " " << IpsecDropReasonToString(static_cast<IpsecDropReason>(r)) << "="
                      << d.dropsByReason[r];
        }
    }
    std::cout << "\nike: main modes " << c.mainModeSucceeded << " (failed " << c.mainModeFailed
              << "), quick modes " << c.quickModeSucceeded << " (failed " << c.quickModeFailed
              << "), rekeys " << c.rekeys << ", deletes sent " << c.deletesSent << ", received "
              << c.deletesReceived << "; messages sent " << c.messagesSent << ", received "
              << c.messagesReceived << ", retransmitted " << c.retransmissions << ", ignored "
              << c.ignored << "\n";
    std::cout << "sas at the end: main mode " << ike->GetNMainModeSas() << ", quick mode "
              << ike->GetNQuickModeSas() << "\n";
    ike->PrintMainModeSas(std::cout);
    ike->PrintQuickModeSas(std::cout);
    Simulator::Destroy();
    return 0;
}
