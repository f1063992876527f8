/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// Two hosts with a Negotiate-security policy: IKE (main mode, then quick mode) sets up the
// SAs when the first packet needs them, rekeys them before they expire, and the UDP echo
// flow runs protected throughout.
//
//   hostA 10.1.1.1, hostB 10.1.1.2 (IPsec and IKE), dc 10.1.1.3 (domain controller, no
//   IPsec): a 10 Mb/s LAN with 5 ms of delay.
//
// --auth=psk uses a preshared key; cert gives each host a computer certificate from a
// simulated PKI (Contoso Root CA -> Contoso Issuing CA) and makes both trust the root;
// kerberos joins both to the domain CORP.EXAMPLE served by a KDC on the dc.
//
// Prints a timeline (negotiation start, main mode done, quick mode done, first protected
// packet, each rekey) and the main mode and quick mode SAs at the end, like
// `netsh ipsec dynamic show mmsas` / `qmsas`.
//
// --pcap=PREFIX writes a pcap per device, --keylog=FILE the ESP SAs (Wireshark esp_sa) and
// --ikelog=FILE the IKE keys (Wireshark ikev1_decryption_table): with both, Wireshark shows
// every IKE message and every ESP packet decrypted.

#include "ns3/applications-module.h"
#include "ns3/core-module.h"
#include "ns3/csma-module.h"
#include "ns3/internet-module.h"
#include "ns3/ipsec-module.h"
#include "ns3/network-module.h"

#include "ipsec-program-options.h"

#include <fstream>
#include <iomanip>
#include <iostream>

using namespace ns3;

namespace
{

void
Event(const std::string& who, const std::string& what, Ipv4Address peer, const std::string& detail)
{
    std::cout << std::fixed << std::setprecision(4) << std::setw(10)
              << Simulator::Now().GetSeconds() << " s  " << who << "  " << std::left
              << std::setw(20) << what << std::right << " peer " << peer << "  " << detail
              << "\n";
}

void
Connect(Ptr<IkeService> ike, const std::string& who)
{
    for (const char* name : {"MainModeStarted",
                             "MainModeSucceeded",
                             "MainModeFailed",
                             "QuickModeStarted",
                             "QuickModeSucceeded",
                             "QuickModeFailed",
                             "Rekeyed"})
    {
        // A lambda, not MakeBoundCallback: that would bind a std::string to Event's
        // const std::string& parameter, which the callback then downcasts wrongly (UBSan).
        std::string what = name;
        ike->TraceConnectWithoutContext(
            name,
            Callback<void, Ipv4Address, const std::string&>(
                [who, what](Ipv4Address peer, const std::string& detail) {
                    Event(who, what, peer, detail);
                }));
    }
}

bool g_firstDelivered = false;

void
Delivered(Ptr<const Packet> /* packet */)
{
    if (!g_firstDelivered)
    {
        g_firstDelivered = true;
        std::cout << std::fixed << std::setprecision(4) << std::setw(10)
                  << Simulator::Now().GetSeconds()
                  << " s  hostB  first protected packet delivered\n";
    }
}

void
Count(uint64_t* counter, Ptr<const Packet> /* packet */)
{
    ++*counter;
}

} // namespace

int
main(int argc, char* argv[])
{
    std::string auth = "psk";
    std::string dh = "2";
    std::string pfs = "none";
    std::string qmOffers = "esp-3des-sha1,esp-3des-md5,esp-des-sha1,esp-des-md5";
    double qmLifetimeS = 3600;
    uint64_t qmLifetimeKb = 100000;
    double interval = 0.2;
    uint32_t size = 512;
    double duration = 20;
    std::string pcap;
    std::string keylog;
    std::string ikelog;

    IpsecProgramOptions cmd(__FILE__,
                            "Two hosts negotiate IPsec SAs with IKE (main mode + quick mode) and "
                            "keep a UDP echo flow protected, rekeying as the SAs age.");
    cmd.AddChoice("auth", "Authentication: psk|cert|kerberos", auth, {"psk", "cert", "kerberos"});
    cmd.AddChoice("dh", "Main mode Diffie-Hellman group: 1|2|2048", dh, {"1", "2", "2048"});
    cmd.AddChoice("pfs",
                  "Perfect forward secrecy: none|session|master",
                  pfs,
                  {"none", "session", "master"});
    cmd.AddText("qm",
                "Quick mode security methods, comma-separated, most preferred first (e.g. "
                "esp-3des-sha1, esp-aes128gcm, ah-sha1)",
                qmOffers,
                [](const std::string& text) {
                    return IpsecProgramOptions::Catch([&]() { IkeParseQuickModeOffers(text); });
                });
    cmd.AddNumber("qmLifetimeS", "Quick mode SA lifetime in seconds", qmLifetimeS, 1, true,
                  172800);
    cmd.AddInteger("qmLifetimeKb",
                   "Quick mode SA lifetime in kilobytes (0 = none)",
                   qmLifetimeKb,
                   0,
                   4294967295U);
    cmd.AddNumber("interval", "Seconds between echo requests", interval, 0.001, true, 3600);
    cmd.AddInteger("size", "Echo payload bytes", size, 0, 65000);
    cmd.AddNumber("duration",
                  "Simulated seconds (the echo flow starts at 1 s)",
                  duration,
                  1,
                  false,
                  86400);
    cmd.AddOutput("pcap", "Write a pcap per device with this file name prefix", pcap, true);
    cmd.AddOutput("keylog",
                  "Write the ESP SAs (Wireshark esp_sa format) to this file",
                  keylog,
                  false);
    cmd.AddOutput("ikelog",
                  "Write the IKE keys (Wireshark ikev1_decryption_table) to this file",
                  ikelog,
                  false);
    cmd.Parse(argc, argv);
    if (!pcap.empty())
    {
        GlobalValue::Bind("ChecksumEnabled", BooleanValue(true));
    }

    NodeContainer hosts;
    hosts.Create(2);
    Ptr<Node> dc = CreateObject<Node>();
    CsmaHelper link;
    link.SetChannelAttribute("DataRate", StringValue("10Mbps"));
    link.SetChannelAttribute("Delay", StringValue("5ms"));
    NetDeviceContainer devices = link.Install(NodeContainer(hosts, dc));

    IpsecHelper ipsec;
    std::string methods;
    for (const char* mm : {"3des-sha1-", "3des-md5-"})
    {
        methods += (methods.empty() ? "" : ",") + std::string(mm) + dh;
    }
    ipsec.SetIkeAttribute("MainModeMethods", StringValue(methods));
    ipsec.SetIkeAttribute("QuickModeOffers", StringValue(qmOffers));
    ipsec.SetIkeAttribute("AuthMethods", StringValue(auth));
    ipsec.SetIkeAttribute("PreSharedKey", StringValue("simulated secret"));
    ipsec.SetIkeAttribute("Pfs", StringValue(pfs));
    ipsec.SetIkeAttribute("QuickModeLifetime", TimeValue(Seconds(qmLifetimeS)));
    ipsec.SetIkeAttribute("QuickModeLifetimeKb", UintegerValue(qmLifetimeKb));
    ipsec.Install(hosts);
    InternetStackHelper().Install(dc);
    Ipv4AddressHelper("10.1.1.0", "255.255.255.0").Assign(devices);
    if (auth == "cert")
    {
        Ptr<UniformRandomVariable> stream = CreateObject<UniformRandomVariable>();
        IkeRandom rng(stream);
        auto root = IkeCertificateAuthority::CreateRoot("Contoso Root CA", rng);
        auto issuing = root->CreateSubordinate("Contoso Issuing CA", rng);
        for (uint32_t i = 0; i < 2; ++i)
        {
            Ptr<IkeService> ike = IpsecHelper::GetIke(hosts.Get(i));
            ike->SetCertificate(issuing->Issue(std::string("host") + char('a' + i), rng));
            ike->AddTrustedRoot(root->GetCertificate());
        }
    }
    else if (auth == "kerberos")
    {
        Ptr<KerberosRealm> corp = Create<KerberosRealm>("CORP.EXAMPLE");
        corp->Join("HOSTA", Ipv4Address("10.1.1.1"));
        corp->Join("HOSTB", Ipv4Address("10.1.1.2"));
        Ptr<KerberosKdc> kdc = CreateObject<KerberosKdc>();
        kdc->SetRealm(corp);
        dc->AddApplication(kdc);
        IpsecHelper::GetIke(hosts.Get(0))->SetKerberos(corp, "HOSTA", Ipv4Address("10.1.1.3"));
        IpsecHelper::GetIke(hosts.Get(1))->SetKerberos(corp, "HOSTB", Ipv4Address("10.1.1.3"));
    }
    // Require security for everything between the two hosts (IKE itself is always exempt).
    IpsecHelper::AddFilter(hosts.Get(0),
                           "srcaddr=me dstaddr=10.1.1.2 action=negotiate description=to-B");
    IpsecHelper::AddFilter(hosts.Get(1),
                           "srcaddr=me dstaddr=10.1.1.1 action=negotiate description=to-A");
    Connect(IpsecHelper::GetIke(hosts.Get(0)), "hostA");
    Connect(IpsecHelper::GetIke(hosts.Get(1)), "hostB");

    UdpEchoServerHelper server(9);
    ApplicationContainer serverApp = server.Install(hosts.Get(1));
    serverApp.Get(0)->TraceConnectWithoutContext("Rx", MakeCallback(&Delivered));
    UdpEchoClientHelper client(Ipv4Address("10.1.1.2"), 9);
    uint64_t requests = static_cast<uint64_t>(std::ceil((duration - 1) / interval - 1e-9));
    client.SetAttribute("MaxPackets", UintegerValue(requests));
    client.SetAttribute("Interval", TimeValue(Seconds(interval)));
    client.SetAttribute("PacketSize", UintegerValue(size));
    ApplicationContainer clientApp = client.Install(hosts.Get(0));
    uint64_t echoed = 0;
    clientApp.Get(0)->TraceConnectWithoutContext("Rx", MakeBoundCallback(&Count, &echoed));
    clientApp.Start(Seconds(1));
    clientApp.Stop(Seconds(duration));
    if (!pcap.empty())
    {
        link.EnablePcap(pcap, devices.Get(0), false);
        link.EnablePcap(pcap, devices.Get(1), false);
    }

    std::cout << "IKE negotiation: auth=" << auth << " dh=" << dh << " pfs=" << pfs
              << " qm-lifetime=" << qmLifetimeS << " s / " << qmLifetimeKb << " KB\n"
              << "      time  node   event\n";
    Simulator::Stop(Seconds(duration + 1));
    Simulator::Run();

    std::cout << "\nEcho requests sent " << requests << ", echoes received " << echoed << "\n\n";
    for (uint32_t i = 0; i < 2; ++i)
    {
        Ptr<IkeService> ike = IpsecHelper::GetIke(hosts.Get(i));
        const IkeCounters& c = ike->GetCounters();
        std::cout << "host" << char('A' + i) << ": IKE messages sent " << c.messagesSent
                  << " (" << c.bytesSent << " bytes), received " << c.messagesReceived
                  << ", retransmitted " << c.retransmissions << "; main modes "
                  << c.mainModeSucceeded << ", quick modes " << c.quickModeSucceeded
                  << ", rekeys " << c.rekeys << "\n";
        ike->PrintMainModeSas(std::cout);
        ike->PrintQuickModeSas(std::cout);
    }
    if (!keylog.empty() && !IpsecHelper::WriteWiresharkEspSa(hosts, keylog))
    {
        std::cerr << "error: cannot write " << keylog << "\n";
        return 1;
    }
    if (!ikelog.empty())
    {
        // Both peers know every main mode SA: one side's table is the whole table.
        std::ofstream out(ikelog);
        IpsecHelper::GetIke(hosts.Get(0))->ExportDecryptionTable(out);
        if (!out)
        {
            std::cerr << "error: cannot write " << ikelog << "\n";
            return 1;
        }
    }
    Simulator::Destroy();
    return 0;
}
