/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// UDP-encapsulated ESP (RFC 3948) with manual SAs: on the wire between two hosts in both
// modes, through the module's NAPT (the server's SAs bound to the NAT's address and mapped
// port), NAT-keepalives against the NAPT's UDP binding timeout, and SAs of the other kind
// refusing what arrives.

#include "ipsec-test-topology.h"

#include "ns3/csma-module.h"
#include "ns3/flow-monitor-module.h"
#include "ns3/point-to-point-module.h"

#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>
#include <map>
#include <vector>

using namespace ns3;
using namespace ns3::test;

BOOST_TEST_DONT_PRINT_LOG_VALUE(ns3::IpsecMode)

namespace
{

const Ipv4Address ADDR_A("10.1.1.1");
const Ipv4Address ADDR_B("10.1.1.2");
constexpr uint16_t ECHO_PORT = 7;

/** A UDP echo server: answers every datagram to its sender; counts them. */
struct Echo
{
    Ptr<Socket> socket;                         //!< the bound socket
    std::vector<std::pair<Ipv4Address, uint16_t>> from; //!< senders, in order
};

std::shared_ptr<Echo>
InstallEcho(Ptr<Node> node)
{
    auto echo = std::make_shared<Echo>();
    echo->socket = Socket::CreateSocket(node, UdpSocketFactory::GetTypeId());
    echo->socket->Bind(InetSocketAddress(Ipv4Address::GetAny(), ECHO_PORT));
    Echo* raw = echo.get();
    echo->socket->SetRecvCallback(Callback<void, Ptr<Socket>>([raw](Ptr<Socket> s) {
        Address from;
        Ptr<Packet> p;
        while ((p = s->RecvFrom(from)))
        {
            InetSocketAddress inet = InetSocketAddress::ConvertFrom(from);
            raw->from.emplace_back(inet.GetIpv4(), inet.GetPort());
            s->SendTo(p, 0, from);
        }
    }));
    return echo;
}

/** A client socket that sends to an echo server and counts the answers. */
struct Client
{
    Ptr<Socket> socket;    //!< its socket
    uint32_t answers{0};   //!< echoes received
    std::vector<Time> at;  //!< when
};

std::shared_ptr<Client>
InstallClient(Ptr<Node> node, uint16_t port)
{
    auto client = std::make_shared<Client>();
    client->socket = Socket::CreateSocket(node, UdpSocketFactory::GetTypeId());
    client->socket->Bind(InetSocketAddress(Ipv4Address::GetAny(), port));
    Client* raw = client.get();
    client->socket->SetRecvCallback(Callback<void, Ptr<Socket>>([raw](Ptr<Socket> s) {
        while (s->Recv())
        {
            ++raw->answers;
            raw->at.push_back(Simulator::Now());
        }
    }));
    return client;
}

void
SendAt(const std::shared_ptr<Client>& client,
       Ipv4Address to,
       uint16_t port,
       Time when,
       uint32_t size)
{
    Ptr<Socket> socket = client->socket;
    Simulator::Schedule(when, [socket, to, port, size]() {
        socket->SendTo(Create<Packet>(size), 0, InetSocketAddress(to, port));
    });
}

/** The IPv4 datagrams one device sent (PPP frames, MacTx). */
struct Wire
{
    std::map<uint8_t, uint32_t> byProtocol; //!< datagrams per IPv4 protocol
    std::vector<std::vector<uint8_t>> udp;  //!< first bytes of UDP datagrams from the IPv4 header
};

std::shared_ptr<Wire>
WatchPpp(Ptr<NetDevice> device)
{
    auto wire = std::make_shared<Wire>();
    Wire* raw = wire.get();
    device->TraceConnectWithoutContext(
        "MacTx",
        Callback<void, Ptr<const Packet>>([raw](Ptr<const Packet> p) {
            std::vector<uint8_t> bytes(std::min<uint32_t>(p->GetSize(), 2 + 20 + 8 + 8));
            p->CopyData(bytes.data(), bytes.size());
            if (bytes.size() < 22 || bytes[0] != 0x00 || bytes[1] != 0x21)
            {
                return; // not IPv4
            }
            ++raw->byProtocol[bytes[2 + 9]];
            if (bytes[2 + 9] == 17)
            {
                raw->udp.emplace_back(bytes.begin() + 2, bytes.end());
            }
        }));
    return wire;
}

uint16_t
U16(const std::vector<uint8_t>& b, size_t at)
{
    return static_cast<uint16_t>((b[at] << 8) | b[at + 1]);
}

/** Two IPsec hosts on a point-to-point link (10 Mb/s, 5 ms), IKE off. */
struct HostPair : public SimulatorFixture
{
    NodeContainer nodes;
    NetDeviceContainer devices;

    HostPair()
    {
        devices = CreateTestLink(nodes);
        InstallWithoutIke(nodes);
        Ipv4AddressHelper("10.1.1.0", "255.255.255.0").Assign(devices);
    }

    IpsecManualSaPair Pair(IpsecMode mode) const
    {
        IpsecManualSaPair pair;
        pair.mode = mode;
        pair.addressA = ADDR_A;
        pair.addressB = ADDR_B;
        pair.udpEncap = true;
        if (mode == IpsecMode::TUNNEL)
        {
            pair.filterA = "srcaddr=10.1.1.1 dstaddr=10.1.1.2 action=negotiate tunnel=10.1.1.2";
            pair.filterB = "srcaddr=10.1.1.2 dstaddr=10.1.1.1 action=negotiate tunnel=10.1.1.1";
        }
        return pair;
    }
};

const std::vector<IpsecMode> MODES{IpsecMode::TRANSPORT, IpsecMode::TUNNEL};

} // namespace

BOOST_AUTO_TEST_SUITE(UdpEncap)

BOOST_AUTO_TEST_CASE(EncapsulationModeValues)
{
    // RFC 3947 3 and draft-ietf-ipsec-nat-t-ike-02: both sets read, the draft only on request.
    BOOST_TEST(IpsecEncapsulationModeToValue(IpsecMode::TUNNEL, true) == 3);
    BOOST_TEST(IpsecEncapsulationModeToValue(IpsecMode::TRANSPORT, true) == 4);
    BOOST_TEST(IpsecEncapsulationModeToValue(IpsecMode::TUNNEL, true, true) == 61443);
    BOOST_TEST(IpsecEncapsulationModeToValue(IpsecMode::TRANSPORT, true, true) == 61444);
    BOOST_TEST(IpsecEncapsulationModeToValue(IpsecMode::TUNNEL, false, true) == 1);
    BOOST_TEST(IpsecEncapsulationModeToValue(IpsecMode::TRANSPORT, false) == 2);
    for (uint16_t value : {1, 2, 3, 4, 61443, 61444})
    {
        IpsecMode mode = IpsecMode::TRANSPORT;
        bool udp = false;
        BOOST_TEST_REQUIRE(IpsecParseEncapsulationModeValue(value, mode, udp));
        BOOST_TEST((mode == IpsecMode::TUNNEL) == (value == 1 || value == 3 || value == 61443));
        BOOST_TEST(udp == (value > 2));
    }
    IpsecMode mode = IpsecMode::TUNNEL;
    bool udp = true;
    for (uint16_t value : {0, 5, 61442, 61445})
    {
        BOOST_TEST(!IpsecParseEncapsulationModeValue(value, mode, udp));
    }
    BOOST_TEST((mode == IpsecMode::TUNNEL && udp)); // unchanged on a refusal
}

BOOST_AUTO_TEST_CASE(ClassifiesWhatArrivesOnPort4500)
{
    uint8_t keepalive[] = {0xFF};
    uint8_t marker[] = {0, 0, 0, 0, 0x12};
    uint8_t esp[] = {0, 0, 0x10, 0x00, 0, 0, 0, 1};
    uint8_t shortOne[] = {0x01, 0x02};
    BOOST_TEST((IpsecUdpEncap::Classify(keepalive, 1) == IpsecUdpEncapPayload::KEEPALIVE));
    BOOST_TEST((IpsecUdpEncap::Classify(marker, 5) == IpsecUdpEncapPayload::IKE));
    BOOST_TEST((IpsecUdpEncap::Classify(esp, 8) == IpsecUdpEncapPayload::ESP));
    BOOST_TEST((IpsecUdpEncap::Classify(shortOne, 2) == IpsecUdpEncapPayload::MALFORMED));
    BOOST_TEST((IpsecUdpEncap::Classify(keepalive, 0) == IpsecUdpEncapPayload::MALFORMED));
}

BOOST_AUTO_TEST_CASE(ValidateNamesTheEncapPort)
{
    IpsecSaConfig c;
    c.spi = 0x1000;
    c.encryption = IpsecEncryption::AES_CBC_128;
    c.encryptionKey.assign(16, 1);
    c.integrity = IpsecIntegrity::HMAC_SHA1_96;
    c.integrityKey.assign(20, 2);
    c.source = ADDR_A;
    c.destination = ADDR_B;
    BOOST_TEST(c.Validate() == "");
    c.encapSourcePort = 4500;
    BOOST_TEST(c.Validate().rfind("encapport: ", 0) == 0);
    c.encapDestinationPort = 4500;
    BOOST_TEST(c.Validate() == "");
    c.protocol = IpsecProtocol::AH;
    c.encryption = IpsecEncryption::NULL_ENC;
    c.encryptionKey.clear();
    BOOST_TEST(c.Validate() == "encapport: UDP encapsulation carries ESP only (RFC 3948)");
}

// Echo both ways over an encapsulated pair: every datagram in UDP 4500 -> 4500, checksum 0,
// the SPI right after the UDP header; no bare ESP; exact counts on the SAs.
BOOST_DATA_TEST_CASE_F(HostPair, EchoBothWays, boost::unit_test::data::make(MODES), mode)
{
    IpsecManualSaPairResult sas =
        IpsecHelper::InstallManualSaPair(nodes.Get(0), nodes.Get(1), Pair(mode));
    BOOST_TEST(sas.outboundA->GetConfig().IsUdpEncapsulated());
    auto wireA = WatchPpp(devices.Get(0));
    auto wireB = WatchPpp(devices.Get(1));
    auto echoA = InstallEcho(nodes.Get(0));
    auto echoB = InstallEcho(nodes.Get(1));
    auto clientA = InstallClient(nodes.Get(0), 5000);
    auto clientB = InstallClient(nodes.Get(1), 6000);
    for (uint32_t i = 0; i < 5; ++i)
    {
        SendAt(clientA, ADDR_B, ECHO_PORT, Seconds(1) + MilliSeconds(100 * i), 100);
    }
    for (uint32_t i = 0; i < 3; ++i)
    {
        SendAt(clientB, ADDR_A, ECHO_PORT, Seconds(2) + MilliSeconds(100 * i), 200);
    }
    Simulator::Stop(Seconds(10)); // before the first NAT-keepalive (20 s)
    Simulator::Run();

    BOOST_TEST(clientA->answers == 5u);
    BOOST_TEST(clientB->answers == 3u);
    BOOST_TEST(echoB->from.size() == 5u);
    BOOST_TEST(echoA->from.size() == 3u);
    // A sent 5 requests and 3 echoes, B 3 requests and 5 echoes: all in UDP, none bare.
    BOOST_TEST(wireA->byProtocol[17] == 8u);
    BOOST_TEST(wireB->byProtocol[17] == 8u);
    BOOST_TEST(wireA->byProtocol.count(50) == 0u);
    BOOST_TEST(wireB->byProtocol.count(50) == 0u);
    for (const auto& udp : wireA->udp)
    {
        BOOST_TEST(U16(udp, 20) == 4500);
        BOOST_TEST(U16(udp, 22) == 4500);
        BOOST_TEST(U16(udp, 26) == 0); // RFC 3948 2.1: no UDP checksum
        BOOST_TEST(U16(udp, 24) == U16(udp, 2) - 20); // UDP length
        BOOST_TEST(((U16(udp, 28) << 16) | U16(udp, 30)) == 0x1000); // SPI A -> B
    }
    BOOST_TEST(sas.outboundA->GetPackets() == 8u);
    BOOST_TEST(sas.inboundB->GetPackets() == 8u);
    BOOST_TEST(sas.outboundB->GetPackets() == 8u);
    BOOST_TEST(sas.inboundA->GetPackets() == 8u);
    for (uint32_t n = 0; n < 2; ++n)
    {
        const IpsecDriverCounters& c = nodes.Get(n)->GetObject<IpsecDriver>()->GetCounters();
        BOOST_TEST(c.dropped[static_cast<size_t>(IpsecDirection::INBOUND)] == 0u);
        BOOST_TEST(c.natKeepalivesSent == 0u);
    }
}

// A plain SA receiving encapsulated ESP, an encapsulated SA receiving plain ESP, and an
// encapsulated SA receiving from another port: all dropped as udp-encap-mismatch.
BOOST_FIXTURE_TEST_CASE(MismatchedSaKindDropped, HostPair)
{
    IpsecManualSaPair pair = Pair(IpsecMode::TRANSPORT);
    pair.udpEncap = false;
    IpsecManualSaPairResult sas =
        IpsecHelper::InstallManualSaPair(nodes.Get(0), nodes.Get(1), pair);
    Ptr<IpsecDriver> driverA = nodes.Get(0)->GetObject<IpsecDriver>();
    Ptr<IpsecDriver> driverB = nodes.Get(1)->GetObject<IpsecDriver>();
    // A sends encapsulated on B's plain SA; A also expects B's ESP in UDP.
    IpsecSaConfig out = sas.outboundA->GetConfig();
    out.encapSourcePort = 4500;
    out.encapDestinationPort = 4500;
    IpsecSaConfig in = sas.inboundA->GetConfig();
    in.encapSourcePort = 4500;
    in.encapDestinationPort = 4500;
    driverA->DeleteSa(sas.outboundA, IpsecSaDeleteReason::MANUAL);
    driverA->DeleteSa(sas.inboundA, IpsecSaDeleteReason::MANUAL);
    driverA->AddSa(out, false, sas.filterA, ADDR_B);
    driverA->AddSa(in, true, sas.filterA);
    auto dropsA = RecordDrops(nodes.Get(0));
    auto dropsB = RecordDrops(nodes.Get(1));
    auto echoA = InstallEcho(nodes.Get(0));
    auto echoB = InstallEcho(nodes.Get(1));
    auto clientA = InstallClient(nodes.Get(0), 5000);
    auto clientB = InstallClient(nodes.Get(1), 6000);
    for (uint32_t i = 0; i < 4; ++i)
    {
        SendAt(clientA, ADDR_B, ECHO_PORT, Seconds(1) + MilliSeconds(100 * i), 100);
    }
    for (uint32_t i = 0; i < 3; ++i)
    {
        SendAt(clientB, ADDR_A, ECHO_PORT, Seconds(2) + MilliSeconds(100 * i), 100);
    }
    Simulator::Stop(Seconds(5));
    Simulator::Run();
    BOOST_TEST(echoA->from.empty());
    BOOST_TEST(echoB->from.empty());
    BOOST_TEST(clientA->answers == 0u);
    BOOST_TEST(clientB->answers == 0u);
    BOOST_TEST(driverB->GetCounters().Dropped(IpsecDropReason::UDP_ENCAP_MISMATCH) == 4u);
    BOOST_TEST(driverA->GetCounters().Dropped(IpsecDropReason::UDP_ENCAP_MISMATCH) == 3u);
    BOOST_TEST_REQUIRE(dropsB->size() == 4u);
    BOOST_TEST_REQUIRE(dropsA->size() == 3u);
    BOOST_TEST((dropsB->front().direction == IpsecDirection::INBOUND));
    BOOST_TEST(dropsB->front().filterId == sas.filterB);
    BOOST_TEST(IpsecDropReasonToString(dropsA->front().reason) == "udp-encap-mismatch");
}

BOOST_FIXTURE_TEST_CASE(EncapsulatedFromAnotherPortDropped, HostPair)
{
    IpsecManualSaPair pair = Pair(IpsecMode::TRANSPORT);
    pair.natPortA = 4501; // B expects A's ESP from port 4501; A sends from 4500
    IpsecHelper::InstallManualSaPair(nodes.Get(0), nodes.Get(1), pair);
    auto echoB = InstallEcho(nodes.Get(1));
    auto clientA = InstallClient(nodes.Get(0), 5000);
    SendAt(clientA, ADDR_B, ECHO_PORT, Seconds(1), 100);
    SendAt(clientA, ADDR_B, ECHO_PORT, Seconds(2), 100);
    Simulator::Stop(Seconds(5));
    Simulator::Run();
    BOOST_TEST(echoB->from.empty());
    BOOST_TEST(nodes.Get(1)->GetObject<IpsecDriver>()->GetCounters().Dropped(
                   IpsecDropReason::UDP_ENCAP_MISMATCH) == 2u);
}

// What arrives on UDP 4500 of an IPsec node without SAs: the non-ESP marker (NAT-T IKE) goes
// to the socket bound to 4500 (IKE's, later), a keepalive is counted and goes nowhere, and
// anything else is ESP: with no SA for it, dropped as unknown-spi.
BOOST_FIXTURE_TEST_CASE(Port4500Demultiplexed, HostPair)
{
    auto ike = InstallUdpCounter(nodes.Get(1), IPSEC_NAT_T_PORT);
    Ptr<Socket> sender = Socket::CreateSocket(nodes.Get(0), UdpSocketFactory::GetTypeId());
    sender->Bind(InetSocketAddress(Ipv4Address::GetAny(), IPSEC_NAT_T_PORT));
    auto sendBytes = [sender](Time when, std::vector<uint8_t> bytes) {
        Simulator::Schedule(when, [sender, bytes]() {
            sender->SendTo(Create<Packet>(bytes.data(), bytes.size()),
                           0,
                           InetSocketAddress(ADDR_B, IPSEC_NAT_T_PORT));
        });
    };
    sendBytes(Seconds(1), {0, 0, 0, 0, 0x11, 0x22, 0x33, 0x44, 0x55}); // marker + IKE bytes
    sendBytes(Seconds(2), {0xFF});                                      // keepalive
    sendBytes(Seconds(3), {0x00, 0x00, 0x20, 0x00, 0, 0, 0, 1, 9, 9}); // ESP, SPI 0x2000
    sendBytes(Seconds(4), {0, 0, 0, 0, 0x99});                          // marker again
    Simulator::Stop(Seconds(5));
    Simulator::Run();
    const IpsecDriverCounters& c = nodes.Get(1)->GetObject<IpsecDriver>()->GetCounters();
    BOOST_TEST(ike->received == 2u);
    BOOST_TEST(ike->bytes == 9u + 5u);
    BOOST_TEST(c.natKeepalivesReceived == 1u);
    BOOST_TEST(c.Dropped(IpsecDropReason::UNKNOWN_SPI) == 1u);
}

// FlowMonitor sees the inner flows only: the UDP 4500 datagrams carry the clear packets'
// byte tags out, and arrive without them (kept for the decrypted packet).
BOOST_DATA_TEST_CASE_F(HostPair,
                       FlowMonitorSeesInnerFlows,
                       boost::unit_test::data::make(MODES),
                       mode)
{
    IpsecHelper::InstallManualSaPair(nodes.Get(0), nodes.Get(1), Pair(mode));
    auto atB = InstallUdpCounter(nodes.Get(1), 9);
    ScheduleUdp(nodes.Get(0), ADDR_B, 9, 20, Seconds(1));
    FlowMonitorHelper helper;
    Ptr<FlowMonitor> monitor = helper.InstallAll();
    Simulator::Stop(Seconds(5));
    Simulator::Run();
    monitor->CheckForLostPackets();
    auto classifier = DynamicCast<Ipv4FlowClassifier>(helper.GetClassifier());
    const auto& stats = monitor->GetFlowStats();
    BOOST_TEST_REQUIRE(stats.size() == 1u);
    Ipv4FlowClassifier::FiveTuple tuple = classifier->FindFlow(stats.begin()->first);
    BOOST_TEST(tuple.sourceAddress == ADDR_A);
    BOOST_TEST(tuple.destinationAddress == ADDR_B);
    BOOST_TEST(tuple.protocol == 17);
    BOOST_TEST(tuple.destinationPort == 9);
    BOOST_TEST(stats.begin()->second.txPackets == 20u);
    BOOST_TEST(stats.begin()->second.rxPackets == 20u);
    BOOST_TEST(atB->received == 20u);
}

BOOST_AUTO_TEST_SUITE_END()

namespace
{

/**
 * h1 192.168.1.1 (IPsec), h2 192.168.1.2 (plain) - CSMA - 192.168.1.3 NAPT 203.0.113.1 -
 * point-to-point (10 Mb/s, 5 ms) - 203.0.113.2 server (IPsec). h2 takes the NAPT's port 4500
 * first, so h1's 4500 is mapped to 4501.
 */
struct NatPath : public SimulatorFixture
{
    Ptr<Node> h1, h2, router, server;
    Ptr<NaptTranslator> nat;
    Ptr<NetDevice> outside;
    const Ipv4Address h1Address{"192.168.1.1"};
    const Ipv4Address publicAddress{"203.0.113.1"};
    const Ipv4Address serverAddress{"203.0.113.2"};
    IpsecManualSaPairResult sas;
    std::vector<Time> created, expired; //!< h1's UDP binding: made, timed out

    void Build(Time udpTimeout, Time keepalive, IpsecMode mode)
    {
        NaptHelper napt;
        napt.SetAttribute("UdpTimeout", TimeValue(udpTimeout));
        IpsecTestNatNetwork n = BuildNatNetwork(napt);
        h1 = n.h1;
        h2 = n.h2;
        router = n.router;
        server = n.server;
        outside = n.wan.Get(0);
        nat = n.nat;
        InstallWithoutIke(NodeContainer(h1, server));
        InternetStackHelper().Install(h2);
        NumberNatNetwork(n);
        h1->GetObject<IpsecDriver>()->SetAttribute("NatKeepaliveInterval", TimeValue(keepalive));
        // Only the peer behind the NAT keeps it open (RFC 3948 2.3).
        server->GetObject<IpsecDriver>()->SetAttribute("NatKeepaliveInterval",
                                                       TimeValue(Seconds(0)));
        nat->TraceConnectWithoutContext(
            "BindingCreated",
            Callback<void, const NaptBinding&>([this](const NaptBinding& b) {
                if (b.insideAddress == h1Address)
                {
                    created.push_back(Simulator::Now());
                }
            }));
        nat->TraceConnectWithoutContext(
            "BindingExpired",
            Callback<void, const NaptBinding&>([this](const NaptBinding& b) {
                if (b.insideAddress == h1Address)
                {
                    expired.push_back(Simulator::Now());
                }
            }));

        // h2 holds the NAPT's UDP port 4500 (a plain datagram at 0.5 s).
        Ptr<Socket> h2Socket = Socket::CreateSocket(h2, UdpSocketFactory::GetTypeId());
        h2Socket->Bind(InetSocketAddress(Ipv4Address::GetAny(), 4500));
        Simulator::Schedule(Seconds(0.5), [h2Socket, this]() {
            h2Socket->SendTo(Create<Packet>(10), 0, InetSocketAddress(serverAddress, 9999));
        });

        IpsecManualSaPair pair;
        pair.mode = mode;
        pair.addressA = h1Address;
        pair.addressB = serverAddress;
        pair.udpEncap = true;
        pair.natAddressA = publicAddress;
        pair.natPortA = 4501;
        if (mode == IpsecMode::TUNNEL)
        {
            // h1 is its own tunnel endpoint; the server knows it as the NAT's address.
            pair.filterA = "srcaddr=192.168.1.1 dstaddr=203.0.113.2 action=negotiate "
                           "tunnel=203.0.113.2";
            pair.filterB = "srcaddr=203.0.113.2 dstaddr=192.168.1.1 action=negotiate "
                           "tunnel=203.0.113.1";
        }
        sas = IpsecHelper::InstallManualSaPair(h1, server, pair);
    }
};

} // namespace

BOOST_AUTO_TEST_SUITE(UdpEncapNat)

// Through the NAPT, both ways, in both modes; ns-3's checksums on (the NAPT checks them, and
// UDP-Transport repairs the inner checksum the NAT invalidated).
BOOST_DATA_TEST_CASE_F(NatPath, TrafficBothWays, boost::unit_test::data::make(MODES), mode)
{
    GlobalValue::Bind("ChecksumEnabled", BooleanValue(true));
    Build(Seconds(30), Seconds(20), mode);
    auto echoServer = InstallEcho(server);
    auto echoH1 = InstallEcho(h1);
    auto clientH1 = InstallClient(h1, 5000);
    auto clientServer = InstallClient(server, 6000);
    for (uint32_t i = 0; i < 4; ++i)
    {
        SendAt(clientH1, serverAddress, ECHO_PORT, Seconds(1) + MilliSeconds(100 * i), 300);
    }
    // The server reaches h1 as it knows it: transport mode, the NAT's address; tunnel mode,
    // h1's own address inside the tunnel.
    Ipv4Address h1AsSeen = mode == IpsecMode::TRANSPORT ? publicAddress : h1Address;
    for (uint32_t i = 0; i < 2; ++i)
    {
        SendAt(clientServer, h1AsSeen, ECHO_PORT, Seconds(2) + MilliSeconds(100 * i), 300);
    }
    Simulator::Stop(Seconds(5));
    Simulator::Run();
    GlobalValue::Bind("ChecksumEnabled", BooleanValue(false));

    BOOST_TEST(clientH1->answers == 4u);
    BOOST_TEST(clientServer->answers == 2u);
    BOOST_TEST_REQUIRE(echoServer->from.size() == 4u);
    BOOST_TEST(echoServer->from.front().first == h1AsSeen);
    BOOST_TEST(echoServer->from.front().second == 5000); // the inner port: ESP hid it
    BOOST_TEST(echoH1->from.size() == 2u);
    BOOST_TEST(sas.inboundB->GetPackets() == 6u);
    BOOST_TEST(sas.inboundA->GetPackets() == 6u);
    BOOST_TEST(nat->GetCounters().DroppedTotal() == 0u);
    BOOST_TEST(created.size() == 1u); // one binding: h1:4500 <-> 203.0.113.1:4501
}

// The NAPT forgets h1's binding 30 s after its last outbound datagram. With NAT-keepalives
// every 20 s the server's datagram at 100 s gets through; without, the binding expired at
// exactly 30 s after it was made and the NAPT drops the server's datagram.
BOOST_DATA_TEST_CASE_F(NatPath,
                       KeepalivesHoldTheBinding,
                       boost::unit_test::data::make(std::vector<bool>{true, false}),
                       keepalives)
{
    Build(Seconds(30), keepalives ? Seconds(20) : Seconds(0), IpsecMode::TRANSPORT);
    auto echoServer = InstallEcho(server);
    auto clientH1 = InstallClient(h1, 5000);
    auto clientServer = InstallClient(server, 6000);
    auto counterH1 = InstallUdpCounter(h1, 9000);
    SendAt(clientH1, serverAddress, ECHO_PORT, Seconds(1), 100);
    SendAt(clientServer, publicAddress, 9000, Seconds(100), 100);
    Simulator::Stop(Seconds(101));
    Simulator::Run();

    BOOST_TEST(clientH1->answers == 1u);
    const IpsecDriverCounters& h1Counters = h1->GetObject<IpsecDriver>()->GetCounters();
    const IpsecDriverCounters& serverCounters = server->GetObject<IpsecDriver>()->GetCounters();
    BOOST_TEST_REQUIRE(created.size() == 1u);
    if (keepalives)
    {
        // Sent at 20, 40, 60, 80 and 100 s; each reaches the server through the NAPT.
        BOOST_TEST(h1Counters.natKeepalivesSent == 5u);
        BOOST_TEST(serverCounters.natKeepalivesReceived == 5u);
        BOOST_TEST(counterH1->received == 1u);
        BOOST_TEST(expired.empty());
        BOOST_TEST(nat->GetCounters().DroppedTotal() == 0u);
        BOOST_TEST(h1->GetObject<IpsecDriver>()->GetNNatKeepalivePaths() == 1u);
    }
    else
    {
        BOOST_TEST(h1Counters.natKeepalivesSent == 0u);
        BOOST_TEST(serverCounters.natKeepalivesReceived == 0u);
        BOOST_TEST(counterH1->received == 0u);
        BOOST_TEST_REQUIRE(expired.size() == 1u);
        BOOST_TEST(expired.front() - created.front() == Seconds(30));
        BOOST_TEST(nat->GetCounters().Dropped(NaptDropReason::NO_BINDING) == 1u);
    }
    // Keepalives are not ESP: they pass no SA.
    BOOST_TEST(sas.outboundA->GetPackets() == 1u);
    BOOST_TEST(sas.inboundB->GetPackets() == 1u);
    BOOST_TEST(sas.outboundB->GetPackets() == 2u);
}

// Keepalives stop once the last encapsulated SA on their path is gone.
BOOST_FIXTURE_TEST_CASE(KeepalivesStopWithTheSa, NatPath)
{
    Build(Seconds(30), Seconds(20), IpsecMode::TRANSPORT);
    Ptr<IpsecDriver> driver = h1->GetObject<IpsecDriver>();
    Simulator::Schedule(Seconds(50), [this, driver]() {
        driver->DeleteSa(sas.outboundA, IpsecSaDeleteReason::MANUAL);
    });
    Simulator::Stop(Seconds(100));
    Simulator::Run();
    BOOST_TEST(driver->GetCounters().natKeepalivesSent == 2u); // at 20 and 40 s
    BOOST_TEST(server->GetObject<IpsecDriver>()->GetCounters().natKeepalivesReceived == 2u);
    BOOST_TEST(driver->GetNNatKeepalivePaths() == 0u);
}

BOOST_AUTO_TEST_SUITE_END()
