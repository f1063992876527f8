/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// Two hosts protect all their traffic with manually keyed SAs (like `ip xfrm state add`):
// UDP echo, a constant-rate UDP flow, a TCP bulk transfer and pings, over ESP or AH, in
// transport or tunnel mode, with real or modeled cryptography.
//
//   hostA 10.1.1.1 ---- 10 Mb/s, 2 ms ---- hostB 10.1.1.2     (both run IPsec)
//
// --udpEncap=true carries ESP in UDP 4500 (RFC 3948), as through a NAT.
// --pcap=PREFIX writes a pcap per device and --keylog=FILE the SAs in Wireshark's esp_sa
// format: copy FILE to ~/.config/wireshark/esp_sa and Wireshark decrypts every ESP packet.

#include "ns3/applications-module.h"
#include "ns3/core-module.h"
#include "ns3/internet-apps-module.h"
#include "ns3/internet-module.h"
#include "ns3/ipsec-module.h"
#include "ns3/network-module.h"
#include "ns3/point-to-point-module.h"

#include "ipsec-program-options.h"

#include <iomanip>
#include <iostream>

using namespace ns3;

int
main(int argc, char* argv[])
{
    std::string cipher = "aes128";
    std::string auth = "sha1";
    std::string proto = "esp";
    std::string mode = "transport";
    std::string crypto = "real";
    std::string pcap;
    std::string keylog;
    double duration = 10;
    bool udpEncap = false;

    IpsecProgramOptions cmd(__FILE__,
                            "Two hosts with manually keyed IPsec SAs exchange UDP echo, "
                            "constant-rate UDP, a TCP bulk transfer and pings.\nPrints delivered "
                            "counts per flow, the per-packet overhead and the SA dump.");
    cmd.AddChoice("cipher",
                  "ESP cipher: null|des|3des|aes128|aes256|aes128gcm|aes256gcm (not with AH)",
                  cipher,
                  {"null", "des", "3des", "aes128", "aes256", "aes128gcm", "aes256gcm"});
    cmd.AddChoice("auth",
                  "Integrity: none|md5|sha1|sha256 (none with GCM)",
                  auth,
                  {"none", "md5", "sha1", "sha256"});
    cmd.AddChoice("proto", "Security protocol: esp|ah", proto, {"esp", "ah"});
    cmd.AddChoice("mode", "Encapsulation: transport|tunnel", mode, {"transport", "tunnel"});
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
    cmd.AddBool("udpEncap",
                "ESP inside UDP 4500 (RFC 3948 UDP-Transport / UDP-Tunnel; ESP only)",
                udpEncap);
    cmd.Parse(argc, argv);

    IpsecManualSaPair pair;
    pair.encryption = IpsecParseEncryption(cipher);
    pair.integrity = IpsecParseIntegrity(auth);
    pair.protocol = IpsecParseSecurityProtocol(proto);
    pair.mode = IpsecParseMode(mode);
    IpsecCheckSaOptions(cmd, pair.protocol, pair.encryption, pair.integrity);
    if (udpEncap && pair.protocol != IpsecProtocol::ESP)
    {
        cmd.Fail("udpEncap", "UDP encapsulation carries ESP only (use --proto=esp)");
    }
    pair.udpEncap = udpEncap;
    if (!pcap.empty())
    {
        // Real checksums, so that captures carry what a real stack would send.
        GlobalValue::Bind("ChecksumEnabled", BooleanValue(true));
    }

    NodeContainer hosts;
    hosts.Create(2);
    PointToPointHelper link;
    link.SetDeviceAttribute("DataRate", StringValue("10Mbps"));
    link.SetChannelAttribute("Delay", StringValue("2ms"));
    NetDeviceContainer devices = link.Install(hosts);
    IpsecHelper ipsec;
    ipsec.Install(hosts);
    IpsecHelper::SetModeledCrypto(hosts, crypto == "modeled");
    Ipv4InterfaceContainer ifs = Ipv4AddressHelper("10.1.1.0", "255.255.255.0").Assign(devices);
    Ipv4Address a = ifs.GetAddress(0);
    Ipv4Address b = ifs.GetAddress(1);

    pair.addressA = a;
    pair.addressB = b;
    if (pair.mode == IpsecMode::TUNNEL)
    {
        // Host-to-host tunnel: each host is its own tunnel endpoint.
        pair.filterA = "srcaddr=me dstaddr=10.1.1.2 action=negotiate tunnel=10.1.1.2";
        pair.filterB = "srcaddr=me dstaddr=10.1.1.1 action=negotiate tunnel=10.1.1.1";
    }
    IpsecManualSaPairResult sas =
        IpsecHelper::InstallManualSaPair(hosts.Get(0), hosts.Get(1), pair);

    // UDP echo: 10 requests, 512 bytes.
    UdpEchoServerHelper echoServer(9);
    echoServer.Install(hosts.Get(1)).Start(Seconds(0.5));
    UdpEchoClientHelper echoClient(b, 9);
    echoClient.SetAttribute("MaxPackets", UintegerValue(10));
    echoClient.SetAttribute("Interval", TimeValue(MilliSeconds(200)));
    echoClient.SetAttribute("PacketSize", UintegerValue(512));
    Ptr<Application> echoApp = echoClient.Install(hosts.Get(0)).Get(0);
    echoApp->SetStartTime(Seconds(1));
    uint32_t echoReplies = 0;
    echoApp->TraceConnectWithoutContext(
        "Rx",
        Callback<void, Ptr<const Packet>>([&](Ptr<const Packet>) { ++echoReplies; }));
    // Constant rate: 1000-byte datagrams every 20 ms.
    const uint32_t cbrPackets = 200;
    UdpServerHelper cbrServer(4000);
    Ptr<UdpServer> cbrSink = DynamicCast<UdpServer>(cbrServer.Install(hosts.Get(1)).Get(0));
    UdpClientHelper cbrClient(b, 4000);
    cbrClient.SetAttribute("MaxPackets", UintegerValue(cbrPackets));
    cbrClient.SetAttribute("Interval", TimeValue(MilliSeconds(20)));
    cbrClient.SetAttribute("PacketSize", UintegerValue(1000));
    cbrClient.Install(hosts.Get(0)).Start(Seconds(1));
    // TCP bulk: 1 MB.
    const uint64_t bulkBytes = 1000000;
    PacketSinkHelper sinkHelper("ns3::TcpSocketFactory",
                                InetSocketAddress(Ipv4Address::GetAny(), 40000));
    Ptr<PacketSink> sink = DynamicCast<PacketSink>(sinkHelper.Install(hosts.Get(1)).Get(0));
    BulkSendHelper bulk("ns3::TcpSocketFactory", InetSocketAddress(b, 40000));
    bulk.SetAttribute("MaxBytes", UintegerValue(bulkBytes));
    bulk.Install(hosts.Get(0)).Start(Seconds(1.5));
    // Pings from B to A (V4Ping uses a raw socket), 5 of them.
    Ptr<V4Ping> ping = CreateObject<V4Ping>();
    ping->SetAttribute("Remote", Ipv4AddressValue(a));
    hosts.Get(1)->AddApplication(ping);
    ping->SetStartTime(Seconds(1));
    ping->SetStopTime(Seconds(5.5));
    uint32_t pingReplies = 0;
    ping->TraceConnectWithoutContext("Rtt", Callback<void, Time>([&](Time) { ++pingReplies; }));

    if (!pcap.empty())
    {
        link.EnablePcapAll(pcap);
    }
    Simulator::Stop(Seconds(duration));
    Simulator::Run();

    std::cout << "IPsec " << proto << " " << mode << " mode, cipher " << cipher << ", auth "
              << auth << ", " << crypto << " crypto" << (udpEncap ? ", in UDP 4500" : "")
              << "\n\n";
    std::cout << std::left << std::setw(28) << "flow" << std::right << std::setw(10) << "sent"
              << std::setw(11) << "delivered\n";
    std::cout << std::left << std::setw(28) << "udp echo (replies)" << std::right << std::setw(10)
              << 10 << std::setw(10) << echoReplies << "\n";
    std::cout << std::left << std::setw(28) << "udp constant rate (pkts)" << std::right
              << std::setw(10) << cbrPackets << std::setw(10) << cbrSink->GetReceived() << "\n";
    std::cout << std::left << std::setw(28) << "tcp bulk (bytes)" << std::right << std::setw(10)
              << bulkBytes << std::setw(10) << sink->GetTotalRx() << "\n";
    std::cout << std::left << std::setw(28) << "ping (replies)" << std::right << std::setw(10) << 5
              << std::setw(10) << pingReplies << "\n\n";

    // Overhead of one 1000-byte UDP datagram (UDP header 8 + payload = 1008 bytes to protect).
    const IpsecSa& sa = *sas.outboundA;
    uint32_t clear = 1008;
    uint32_t inner = pair.mode == IpsecMode::TUNNEL ? clear + 20 : clear;
    uint32_t wire = (pair.protocol == IpsecProtocol::ESP ? IpsecEsp::GetProtectedSize(sa, inner)
                                                         : inner + IpsecAh::GetOverhead(sa));
    if (udpEncap)
    {
        wire += IpsecUdpEncap::UDP_HEADER_SIZE;
    }
    std::cout << "overhead per packet (1000-byte UDP payload): " << wire - clear
              << " bytes (IPv4 packet " << clear + 20 << " -> " << wire + 20 << " bytes)\n\n";

    for (uint32_t i = 0; i < 2; ++i)
    {
        IpsecHelper::PrintPolicy(hosts.Get(i), std::cout);
        std::cout << "\n";
    }
    if (!keylog.empty())
    {
        if (!IpsecHelper::WriteWiresharkEspSa(hosts, keylog))
        {
            std::cerr << "error: cannot write " << keylog << "\n";
            return 1;
        }
        std::cout << "ESP SAs written to " << keylog << " (Wireshark esp_sa format)\n";
    }
    Simulator::Destroy();
    return 0;
}
