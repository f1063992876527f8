/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// Gateway-to-gateway IPsec tunnel (the seed's recommended tunnel scenario): two subnets joined
// by two security gateways over a WAN link. The hosts run no IPsec; the gateways protect all
// traffic between the subnets in tunnel mode with manually keyed SAs.
//
//   10.1.0.0/24 (CSMA)                                   10.2.0.0/24 (CSMA)
//   hostA1 .1, hostA2 .2 -- gwA ==== WAN 192.0.2.0/30 ==== gwB -- hostB1 .1
//
// The program counts the IPv4 packets each link carries by protocol, so the inner traffic is
// seen in the clear on the LANs and only as ESP (or AH) on the WAN. --pcap and --keylog write
// captures and Wireshark's esp_sa table.

#include "ns3/applications-module.h"
#include "ns3/core-module.h"
#include "ns3/csma-module.h"
#include "ns3/internet-apps-module.h"
#include "ns3/internet-module.h"
#include "ns3/ipsec-module.h"
#include "ns3/network-module.h"
#include "ns3/point-to-point-module.h"

#include "ipsec-program-options.h"

#include <iomanip>
#include <iostream>
#include <map>

using namespace ns3;

namespace
{

/** IPv4 packets sent on one link, by IP protocol. */
struct LinkCount
{
    std::map<uint8_t, uint64_t> byProtocol; //!< protocol -> packets
};

void
CountTx(LinkCount* count, Ptr<const Packet> p)
{
    // MacTx sees the frame: Ethernet II on CSMA (IPv4 after 14 bytes), PPP on point-to-point
    // (after 2 bytes).
    uint8_t head[40];
    uint32_t n = p->CopyData(head, sizeof(head));
    uint32_t offset = 0;
    if (n >= 34 && head[12] == 0x08 && head[13] == 0x00)
    {
        offset = 14;
    }
    else if (n >= 22 && head[0] == 0x00 && head[1] == 0x21)
    {
        offset = 2;
    }
    else
    {
        return; // ARP and other non-IPv4 frames
    }
    ++count->byProtocol[head[offset + 9]];
}

void
Watch(NetDeviceContainer devices, LinkCount* count)
{
    for (uint32_t i = 0; i < devices.GetN(); ++i)
    {
        devices.Get(i)->TraceConnectWithoutContext("MacTx", MakeBoundCallback(&CountTx, count));
    }
}

std::string
Describe(const LinkCount& c)
{
    std::ostringstream os;
    for (const auto& [protocol, n] : c.byProtocol)
    {
        os << IpsecProtocolName(protocol) << "=" << n << " ";
    }
    return os.str();
}

} // namespace

int
main(int argc, char* argv[])
{
    std::string cipher = "aes128";
    std::string auth = "sha1";
    std::string proto = "esp";
    std::string crypto = "real";
    std::string pcap;
    std::string keylog;
    double duration = 10;

    IpsecProgramOptions cmd(__FILE__,
                            "Two subnets joined by two IPsec gateways in tunnel mode; the hosts "
                            "run no IPsec.\nPrints delivered counts and, per link, the IPv4 "
                            "packets by protocol.");
    cmd.AddChoice("cipher",
                  "ESP cipher: null|des|3des|aes128|aes256|aes128gcm|aes256gcm (not with AH)",
                  cipher,
                  {"null", "des", "3des", "aes128", "aes256", "aes128gcm", "aes256gcm"});
    cmd.AddChoice("auth",
                  "Integrity: none|md5|sha1|sha256 (none with GCM)",
                  auth,
                  {"none", "md5", "sha1", "sha256"});
    cmd.AddChoice("proto", "Security protocol: esp|ah", proto, {"esp", "ah"});
    cmd.AddChoice("crypto",
                  "real (Crypto++) or modeled (same sizes, no cipher work)",
                  crypto,
                  {"real", "modeled"});
    cmd.AddOutput("pcap", "Write a pcap per device with this file name prefix", pcap, true);
    cmd.AddOutput("keylog",
                  "Write the ESP SAs in Wireshark's esp_sa format to this file",
                  keylog,
                  false);
    cmd.AddNumber("duration", "Simulated seconds", duration, 0, false, 86400);
    cmd.Parse(argc, argv);

    IpsecManualSaPair pair;
    pair.encryption = IpsecParseEncryption(cipher);
    pair.integrity = IpsecParseIntegrity(auth);
    pair.protocol = IpsecParseSecurityProtocol(proto);
    IpsecCheckSaOptions(cmd, pair.protocol, pair.encryption, pair.integrity);
    if (!pcap.empty())
    {
        // Real checksums, so that captures carry what a real stack would send.
        GlobalValue::Bind("ChecksumEnabled", BooleanValue(true));
    }

    NodeContainer lanA;
    lanA.Create(3); // hostA1, hostA2, gwA
    NodeContainer lanB;
    lanB.Create(2); // hostB1, gwB
    Ptr<Node> gwA = lanA.Get(2);
    Ptr<Node> gwB = lanB.Get(1);
    CsmaHelper csma;
    csma.SetChannelAttribute("DataRate", StringValue("100Mbps"));
    NetDeviceContainer devA = csma.Install(lanA);
    NetDeviceContainer devB = csma.Install(lanB);
    PointToPointHelper wan;
    wan.SetDeviceAttribute("DataRate", StringValue("5Mbps"));
    wan.SetChannelAttribute("Delay", StringValue("10ms"));
    NetDeviceContainer devWan = wan.Install(gwA, gwB);

    InternetStackHelper().Install(NodeContainer(lanA.Get(0), lanA.Get(1), lanB.Get(0)));
    IpsecHelper().Install(NodeContainer(gwA, gwB));
    IpsecHelper::SetModeledCrypto(NodeContainer(gwA, gwB), crypto == "modeled");
    Ipv4AddressHelper addr;
    addr.SetBase("10.1.0.0", "255.255.255.0");
    Ipv4InterfaceContainer ifA = addr.Assign(devA);
    addr.SetBase("10.2.0.0", "255.255.255.0");
    Ipv4InterfaceContainer ifB = addr.Assign(devB);
    addr.SetBase("192.0.2.0", "255.255.255.252");
    Ipv4InterfaceContainer ifWan = addr.Assign(devWan);
    Ipv4GlobalRoutingHelper::PopulateRoutingTables();

    pair.mode = IpsecMode::TUNNEL;
    pair.addressA = ifWan.GetAddress(0);
    pair.addressB = ifWan.GetAddress(1);
    pair.filterA = "srcaddr=10.1.0.0/24 dstaddr=10.2.0.0/24 action=negotiate tunnel=192.0.2.2";
    pair.filterB = "srcaddr=10.2.0.0/24 dstaddr=10.1.0.0/24 action=negotiate tunnel=192.0.2.1";
    IpsecHelper::InstallManualSaPair(gwA, gwB, pair);

    Ipv4Address hostB1 = ifB.GetAddress(0);
    UdpEchoServerHelper echoServer(9);
    echoServer.Install(lanB.Get(0)).Start(Seconds(0.5));
    UdpEchoClientHelper echoClient(hostB1, 9);
    echoClient.SetAttribute("MaxPackets", UintegerValue(20));
    echoClient.SetAttribute("Interval", TimeValue(MilliSeconds(250)));
    echoClient.SetAttribute("PacketSize", UintegerValue(800));
    Ptr<Application> echoApp = echoClient.Install(lanA.Get(0)).Get(0);
    echoApp->SetStartTime(Seconds(1));
    uint32_t echoReplies = 0;
    echoApp->TraceConnectWithoutContext(
        "Rx",
        Callback<void, Ptr<const Packet>>([&](Ptr<const Packet>) { ++echoReplies; }));
    const uint64_t bulkBytes = 500000;
    PacketSinkHelper sinkHelper("ns3::TcpSocketFactory",
                                InetSocketAddress(Ipv4Address::GetAny(), 40000));
    Ptr<PacketSink> sink = DynamicCast<PacketSink>(sinkHelper.Install(lanB.Get(0)).Get(0));
    BulkSendHelper bulk("ns3::TcpSocketFactory", InetSocketAddress(hostB1, 40000));
    bulk.SetAttribute("MaxBytes", UintegerValue(bulkBytes));
    bulk.Install(lanA.Get(1)).Start(Seconds(6)); // after the echoes: no WAN queue losses
    Ptr<V4Ping> ping = CreateObject<V4Ping>();
    ping->SetAttribute("Remote", Ipv4AddressValue(ifA.GetAddress(0)));
    lanB.Get(0)->AddApplication(ping);
    ping->SetStartTime(Seconds(1));
    ping->SetStopTime(Seconds(5.5));
    uint32_t pingReplies = 0;
    ping->TraceConnectWithoutContext("Rtt", Callback<void, Time>([&](Time) { ++pingReplies; }));

    LinkCount countA;
    LinkCount countWan;
    LinkCount countB;
    Watch(devA, &countA);
    Watch(devWan, &countWan);
    Watch(devB, &countB);
    if (!pcap.empty())
    {
        csma.EnablePcapAll(pcap);
        wan.EnablePcapAll(pcap);
    }
    Simulator::Stop(Seconds(duration));
    Simulator::Run();

    std::cout << "IPsec gateway-to-gateway tunnel (" << proto << ", " << cipher << "/" << auth
              << ", " << crypto << " crypto); hosts run no IPsec\n\n";
    std::cout << "udp echo hostA1 -> hostB1: 20 sent, " << echoReplies << " replies\n";
    std::cout << "tcp bulk hostA2 -> hostB1: " << bulkBytes << " bytes sent, " << sink->GetTotalRx()
              << " delivered\n";
    std::cout << "ping hostB1 -> hostA1:     5 sent, " << pingReplies << " replies\n\n";
    std::cout << "IPv4 packets sent per link, by protocol:\n";
    std::cout << "  LAN A 10.1.0.0/24: " << Describe(countA) << "\n";
    std::cout << "  WAN 192.0.2.0/30:  " << Describe(countWan) << "\n";
    std::cout << "  LAN B 10.2.0.0/24: " << Describe(countB) << "\n\n";
    IpsecHelper::PrintPolicy(gwA, std::cout);
    std::cout << "\n";
    IpsecHelper::PrintPolicy(gwB, std::cout);
    if (!keylog.empty())
    {
        if (!IpsecHelper::WriteWiresharkEspSa(NodeContainer(gwA, gwB), keylog))
        {
            std::cerr << "error: cannot write " << keylog << "\n";
            return 1;
        }
        std::cout << "\nESP SAs written to " << keylog << " (Wireshark esp_sa format)\n";
    }
    Simulator::Destroy();
    return 0;
}
