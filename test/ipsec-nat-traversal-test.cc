/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// NAT traversal in IKE (RFC 3947 / RFC 3948, as Windows XP SP2 and Server 2003
// do it), in pure simulation through the module's NAPT: vendor IDs and NAT-D,
// the move to UDP 4500 with the non-ESP marker, UDP-encapsulated ESP both ways
// with SAs bound to the NAT's mapped port, keepalives against the NAPT's
// binding timeout, Windows 2000 without NAT-T, the
// AssumeUDPEncapsulationContextOnSendRule for a server behind a NAT, and peers
// without a NAT between them staying on port 500 with plain ESP.

#include "ipsec-test-topology.h"

#include "ns3/csma-module.h"
#include "ns3/ipv4-raw-socket-factory.h"
#include "ns3/point-to-point-module.h"

#include <map>
#include <memory>
#include <string>
#include <vector>

#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>

using namespace ns3;
using namespace ns3::test;

namespace
{

constexpr uint16_t ECHO_PORT = 7;

/** One UDP datagram seen on a point-to-point device (MacTx). */
struct Datagram
{
    Time at;                 //!< when
    uint16_t source{0};      //!< UDP source port
    uint16_t destination{0}; //!< UDP destination port
    uint32_t first4{0};      //!< first four payload bytes (0: non-ESP marker or too short)
    uint32_t payload{0};     //!< payload size
};

/** What one device sent: UDP datagrams, and IPv4 datagrams by protocol. */
struct Wire
{
    std::vector<Datagram> udp;              //!< in order
    std::map<uint8_t, uint32_t> byProtocol; //!< IPv4 datagrams per protocol
};

std::shared_ptr<Wire>
WatchPpp(Ptr<NetDevice> device)
{
    auto wire = std::make_shared<Wire>();
    Wire* raw = wire.get();
    device->TraceConnectWithoutContext(
        "MacTx", Callback<void, Ptr<const Packet>>([raw](Ptr<const Packet> p) {
            std::vector<uint8_t> b(std::min<uint32_t>(p->GetSize(), 2 + 20 + 8 + 4));
            p->CopyData(b.data(), b.size());
            if (b.size() < 22 || b[0] != 0x00 || b[1] != 0x21)
            {
                return; // not IPv4
            }
            ++raw->byProtocol[b[2 + 9]];
            if (b[2 + 9] != 17 || b.size() < 30)
            {
                return;
            }
            Datagram d;
            d.at = Simulator::Now();
            d.source = static_cast<uint16_t>((b[22] << 8) | b[23]);
            d.destination = static_cast<uint16_t>((b[24] << 8) | b[25]);
            d.payload = static_cast<uint32_t>((b[26] << 8) | b[27]) - 8;
            if (b.size() >= 34)
            {
                d.first4 = (uint32_t(b[30]) << 24) | (uint32_t(b[31]) << 16) |
                           (uint32_t(b[32]) << 8) | b[33];
            }
            raw->udp.push_back(d);
        }));
    return wire;
}

/** The datagrams of a wire between two ports. */
std::vector<Datagram>
Between(const Wire& wire, uint16_t source, uint16_t destination)
{
    std::vector<Datagram> out;
    for (const Datagram& d : wire.udp)
    {
        if (d.source == source && d.destination == destination)
        {
            out.push_back(d);
        }
    }
    return out;
}

/** A UDP echo server: answers every datagram to its sender and counts them. */
struct Echo
{
    Ptr<Socket> socket;   //!< bound to ECHO_PORT
    uint32_t received{0}; //!< datagrams
    Ipv4Address lastFrom; //!< the last sender's address
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
        while (Ptr<Packet> p = s->RecvFrom(from))
        {
            ++raw->received;
            raw->lastFrom = InetSocketAddress::ConvertFrom(from).GetIpv4();
            s->SendTo(p, 0, from);
        }
    }));
    return echo;
}

/** Send \p count datagrams of 100 bytes from \p node's port 5000 to \p to, 100
 * ms apart. */
std::shared_ptr<uint32_t>
SendEchoes(Ptr<Node> node, Ipv4Address to, Time start, uint32_t count)
{
    auto answers = std::make_shared<uint32_t>(0);
    Ptr<Socket> socket = Socket::CreateSocket(node, UdpSocketFactory::GetTypeId());
    socket->Bind(InetSocketAddress(Ipv4Address::GetAny(), 5000));
    uint32_t* raw = answers.get();
    socket->SetRecvCallback(Callback<void, Ptr<Socket>>([raw](Ptr<Socket> s) {
        while (s->Recv())
        {
            ++*raw;
        }
    }));
    for (uint32_t i = 0; i < count; ++i)
    {
        Simulator::Schedule(start + MilliSeconds(100 * i), [socket, to]() {
            socket->SendTo(Create<Packet>(100), 0, InetSocketAddress(to, ECHO_PORT));
        });
    }
    return answers;
}

/**
 * client 192.168.1.1 (IPsec, winxp) and h2 192.168.1.2 (plain) - CSMA -
 * 192.168.1.3 NAPT 203.0.113.1 - point-to-point (10 Mb/s, 5 ms) - 203.0.113.2
 * server (IPsec, win2003). h2 takes the NAPT's ports 500 and 4500 first (a
 * datagram from each at 0.5 s), so the client's 500 is mapped to 501 and its
 * 4500 to 4501: the server must answer the ports it saw.
 */
struct ClientBehindNat : public SimulatorFixture
{
    Ptr<Node> client, h2, router, server;
    Ptr<NaptTranslator> nat;
    std::shared_ptr<Wire> toServer;   //!< what the NAPT sent towards the server
    std::shared_ptr<Wire> fromServer; //!< what the server sent
    const Ipv4Address clientAddress{"192.168.1.1"};
    const Ipv4Address publicAddress{"203.0.113.1"};
    const Ipv4Address serverAddress{"203.0.113.2"};
    std::vector<Time> created,
        expired;                      //!< the client's UDP 4500 binding: made, timed out
    std::shared_ptr<UdpCounter> sink; //!< h2's datagrams at the server

    void
    Build(const std::string& clientProfile, Time udpTimeout, Time keepalive, bool tunnel = false)
    {
        NaptHelper napt;
        napt.SetAttribute("UdpTimeout", TimeValue(udpTimeout));
        IpsecTestNatNetwork n = BuildNatNetwork(napt);
        client = n.h1;
        h2 = n.h2;
        router = n.router;
        server = n.server;
        nat = n.nat;
        IpsecHelper ipsec;
        ipsec.SetIkeAttribute("PreSharedKey", StringValue("secret"));
        ipsec.Install(NodeContainer(client, server));
        InternetStackHelper().Install(h2);
        NumberNatNetwork(n);
        IpsecHelper::SetOsProfile(NodeContainer(client), clientProfile);
        IpsecHelper::SetOsProfile(NodeContainer(server), "win2003");
        client->GetObject<IpsecDriver>()->SetAttribute("NatKeepaliveInterval",
                                                       TimeValue(keepalive));
        // Only the peer behind the NAT keeps the binding open (RFC 3948 2.3).
        server->GetObject<IpsecDriver>()->SetAttribute("NatKeepaliveInterval",
                                                       TimeValue(Seconds(0)));
        if (tunnel)
        {
            // The client is its own tunnel endpoint; the server knows that endpoint as the
            // NAT's address, and the traffic inside by the client's own address.
            client->GetObject<IpsecDriver>()->AddFilter(
                "srcaddr=192.168.1.1 dstaddr=203.0.113.2 action=negotiate tunnel=203.0.113.2");
            server->GetObject<IpsecDriver>()->AddFilter(
                "srcaddr=203.0.113.2 dstaddr=192.168.1.1 action=negotiate tunnel=203.0.113.1");
        }
        else
        {
            client->GetObject<IpsecDriver>()->AddFilter(
                "srcaddr=192.168.1.1 dstaddr=203.0.113.2 action=negotiate");
            // The server knows the client by the NAT's address (transport mode).
            server->GetObject<IpsecDriver>()->AddFilter(
                "srcaddr=203.0.113.2 dstaddr=203.0.113.1 action=negotiate");
        }
        toServer = WatchPpp(n.wan.Get(0));
        fromServer = WatchPpp(n.wan.Get(1));
        nat->TraceConnectWithoutContext(
            "BindingCreated", Callback<void, const NaptBinding&>([this](const NaptBinding& b) {
                if (b.insideAddress == clientAddress && b.insidePort == 4500)
                {
                    created.push_back(Simulator::Now());
                }
            }));
        nat->TraceConnectWithoutContext(
            "BindingExpired", Callback<void, const NaptBinding&>([this](const NaptBinding& b) {
                if (b.insideAddress == clientAddress && b.insidePort == 4500)
                {
                    expired.push_back(Simulator::Now());
                }
            }));
        // (A sink takes them at the server: no ICMP error comes back to start
        // anything.)
        sink = InstallUdpCounter(server, 9999);
        for (uint16_t port : {500, 4500})
        {
            Ptr<Socket> s = Socket::CreateSocket(h2, UdpSocketFactory::GetTypeId());
            s->Bind(InetSocketAddress(Ipv4Address::GetAny(), port));
            Simulator::Schedule(Seconds(0.5), [s, this]() {
                s->SendTo(Create<Packet>(10), 0, InetSocketAddress(serverAddress, 9999));
            });
        }
    }

    Ptr<IkeService>
    Ike(Ptr<Node> node) const
    {
        return node->GetObject<IkeService>();
    }
};

} // namespace

BOOST_AUTO_TEST_SUITE(NatTraversal)

BOOST_AUTO_TEST_CASE(VendorIdsAndNatDHash)
{
    // MD5 of the vendor strings (RFC 3947 3.1; draft-02 with and without the
    // newline).
    auto hex = [](const std::vector<uint8_t>& b) {
        std::string s;
        char buf[3];
        for (uint8_t x : b)
        {
            std::snprintf(buf, sizeof(buf), "%02x", x);
            s += buf;
        }
        return s;
    };
    BOOST_TEST(hex(IkeNatTVendorIdBytes(IkeNatTVendorId::RFC_3947)) ==
               "4a131c81070358455c5728f20e95452f");
    BOOST_TEST(hex(IkeNatTVendorIdBytes(IkeNatTVendorId::DRAFT_02)) ==
               "cd60464335df21f87cfdb2fc68b6a448");
    BOOST_TEST(hex(IkeNatTVendorIdBytes(IkeNatTVendorId::DRAFT_02_NEWLINE)) ==
               "90cb80913ebb696e086381b5ec427b1f");
    // NAT-D = HASH(CKY-I | CKY-R | IP | port): the same inputs through IkeHash.
    std::vector<uint8_t> input{1,  2,  3,  4,  5,  6,   7, 8,   9, 10,   11,
                               12, 13, 14, 15, 16, 203, 0, 113, 1, 0x11, 0x94};
    BOOST_TEST(IkeNatDHash(IKE_HASH_SHA,
                           0x0102030405060708ULL,
                           0x090a0b0c0d0e0f10ULL,
                           Ipv4Address("203.0.113.1"),
                           4500) == IkeHash(IKE_HASH_SHA, input));
    BOOST_TEST(IkeNatDHash(IKE_HASH_SHA, 1, 2, Ipv4Address("203.0.113.1"), 4500) !=
               IkeNatDHash(IKE_HASH_SHA, 1, 2, Ipv4Address("203.0.113.1"), 4501));
}

BOOST_AUTO_TEST_CASE(NatPayloadsRoundTrip)
{
    IsakmpHeader header;
    header.SetInitiatorCookie(0x1122334455667788ULL);
    header.SetResponderCookie(0x99aabbccddeeff00ULL);
    header.SetExchangeType(IsakmpExchangeType::IDENTITY_PROTECTION);
    IsakmpMessage message(header);
    message.AddPayload(IsakmpNatDPayload{{std::vector<uint8_t>(20, 0xab)}});
    message.AddPayload(IsakmpNatDDraftPayload{{std::vector<uint8_t>(16, 0xcd)}});
    message.AddPayload(IsakmpNatOaPayload{{Ipv4Address("192.168.1.1")}});
    message.AddPayload(IsakmpNatOaDraftPayload{{Ipv4Address("10.0.0.1")}});
    std::vector<uint8_t> bytes;
    BOOST_TEST_REQUIRE(bool(message.Serialize(bytes)));
    // Header 28, NAT-D 4+20, NAT-D(draft) 4+16, two NAT-OA 4+8.
    BOOST_TEST(bytes.size() == 28u + 24 + 20 + 12 + 12);
    BOOST_TEST(bytes[16] == 20);  // first payload: NAT-D
    BOOST_TEST(bytes[28] == 130); // its next payload: NAT-D (draft)
    IsakmpMessage parsed;
    BOOST_TEST_REQUIRE(bool(parsed.Parse(bytes)));
    BOOST_TEST(parsed.Find<IsakmpNatOaPayload>()->address == Ipv4Address("192.168.1.1"));
    BOOST_TEST(parsed.Find<IsakmpNatOaDraftPayload>()->address == Ipv4Address("10.0.0.1"));
    BOOST_TEST(parsed.Find<IsakmpNatDDraftPayload>()->data.size() == 16u);
    // NAT-OA: only ID_IPV4_ADDR, reserved zero, 8 bytes.
    IsakmpNatOaPayload oa;
    uint8_t ipv6[] = {5, 0, 0, 0, 1, 2, 3, 4};
    BOOST_TEST(!oa.Deserialize(ipv6, sizeof(ipv6)));
    uint8_t reserved[] = {1, 0, 1, 0, 1, 2, 3, 4};
    BOOST_TEST(!oa.Deserialize(reserved, sizeof(reserved)));
    uint8_t longer[] = {1, 0, 0, 0, 1, 2, 3, 4, 5};
    BOOST_TEST(!oa.Deserialize(longer, sizeof(longer)));
}

BOOST_AUTO_TEST_CASE(QuickModeEncapsulationModes)
{
    // The UDP modes read as such; unknown values are refused with their own
    // reason, never read as transport.
    IkeQuickModeOffer offer = IkeParseQuickModeOffers("esp-3des-sha1").front();
    for (auto [udp, draft, expectTunnel] : std::vector<std::tuple<bool, bool, bool>>{
             {true, false, true}, {true, true, false}, {false, false, false}})
    {
        IpsecMode mode = expectTunnel ? IpsecMode::TUNNEL : IpsecMode::TRANSPORT;
        IsakmpSaPayload offered =
            IkeMakeQuickModeSa({offer}, mode, 0x1000, 3600, 0, {}, udp, draft);
        IkeQuickModeTerms terms;
        uint32_t peerSpi = 0;
        IsakmpSaPayload reply;
        IkeFailureReason reason{};
        BOOST_TEST(bool(IkeChooseQuickMode(
            offered, {offer}, mode, {}, 0x2000, terms, peerSpi, reply, reason, udp)));
        BOOST_TEST(terms.udpEncap == udp);
        BOOST_TEST((terms.mode == mode));
        if (udp)
        {
            // Without a NAT found in main mode, a UDP mode is refused.
            BOOST_TEST(!IkeChooseQuickMode(
                offered, {offer}, mode, {}, 0x2000, terms, peerSpi, reply, reason, false));
            BOOST_TEST((reason == IkeFailureReason::UNKNOWN_ENCAPSULATION));
        }
    }
    IsakmpSaPayload offered =
        IkeMakeQuickModeSa({offer}, IpsecMode::TRANSPORT, 0x1000, 3600, 0, {});
    for (IsakmpAttribute& a : offered.proposals.front().transforms.front().attributes)
    {
        if (a.type == IPSEC_ATTR_ENCAPSULATION_MODE)
        {
            a = IsakmpAttribute::Basic(IPSEC_ATTR_ENCAPSULATION_MODE, 5);
        }
    }
    IkeQuickModeTerms terms;
    uint32_t peerSpi = 0;
    IsakmpSaPayload reply;
    IkeFailureReason reason{};
    BOOST_TEST(!IkeChooseQuickMode(
        offered, {offer}, IpsecMode::TRANSPORT, {}, 0x2000, terms, peerSpi, reply, reason, false));
    BOOST_TEST(IkeFailureReasonToString(reason) == "unknown-encapsulation-mode");
}

// The XP SP2 client behind the NAPT negotiates with the Server 2003 host: main
// mode 1-4 on port 500 (the client's 500 mapped to 501), 5 and 6 and quick mode
// on 4500 (mapped to 4501) behind the non-ESP marker, NAT-D telling each side
// where the NAT is, and UDP-encapsulated ESP both ways on SAs bound to
// 203.0.113.1:4501.
BOOST_FIXTURE_TEST_CASE(XpClientBehindNapt, ClientBehindNat)
{
    Build("winxp", Seconds(120), Seconds(20));
    auto echo = InstallEcho(server);
    auto answers = SendEchoes(client, serverAddress, Seconds(1), 3);
    Simulator::Stop(Seconds(5));
    Simulator::Run();

    BOOST_TEST(*answers == 3u);
    BOOST_TEST(echo->received == 3u);
    BOOST_TEST(echo->lastFrom == publicAddress);

    IkeNatTState atClient = Ike(client)->GetNatTState(serverAddress);
    BOOST_TEST(IkeNatTVersionToString(atClient.version) == "rfc3947");
    BOOST_TEST(atClient.localBehindNat);
    BOOST_TEST(!atClient.peerBehindNat);
    IkeNatTState atServer = Ike(server)->GetNatTState(publicAddress);
    BOOST_TEST(IkeNatTVersionToString(atServer.version) == "rfc3947");
    BOOST_TEST(!atServer.localBehindNat);
    BOOST_TEST(atServer.peerBehindNat);
    BOOST_TEST(Ike(server)->IsFloated(publicAddress));
    BOOST_TEST(Ike(server)->GetPeerPort(publicAddress) == 4501);
    BOOST_TEST(Ike(client)->GetPeerPort(serverAddress) == 4500);

    // Main mode 1 and 3 on 500 (from the mapped 501), 5 and quick mode 1 and 3 on
    // 4500 with the non-ESP marker; the answers to the ports seen.
    auto mm = Between(*toServer, 501, 500);
    BOOST_TEST(mm.size() == 2u);
    auto natT = Between(*toServer, 4501, 4500);
    BOOST_TEST_REQUIRE(natT.size() >= 6u); // MM5, QM1, QM3, 3 ESP
    for (size_t i = 0; i < 3; ++i)
    {
        BOOST_TEST(natT[i].first4 == 0u); // non-ESP marker
    }
    for (size_t i = 3; i < natT.size(); ++i)
    {
        BOOST_TEST(natT[i].first4 != 0u); // an SPI: ESP
    }
    BOOST_TEST(natT.size() == 6u);
    BOOST_TEST(Between(*fromServer, 500, 501).size() == 2u); // MM2, MM4
    auto back = Between(*fromServer, 4500, 4501);
    BOOST_TEST_REQUIRE(back.size() == 5u); // MM6, QM2, 3 ESP answers
    BOOST_TEST(back[0].first4 == 0u);
    BOOST_TEST(back[1].first4 == 0u);
    BOOST_TEST(back[2].first4 != 0u);
    BOOST_TEST(back[0].at < natT[1].at); // MM6 before QM1
    // The NAPT's translated datagrams keep their real UDP length (h2's carry 10 bytes).
    auto h2Datagrams = Between(*toServer, 500, 9999);
    BOOST_TEST_REQUIRE(h2Datagrams.size() == 1u);
    BOOST_TEST(h2Datagrams.front().payload == 10u);
    // No plain ESP anywhere, and nothing else on 500.
    BOOST_TEST(toServer->byProtocol[50] == 0u);
    BOOST_TEST(fromServer->byProtocol[50] == 0u);
    BOOST_TEST(nat->GetCounters().DroppedTotal() == 0u);

    // The SAs: encapsulated, the server's bound to the NAT's mapped port.
    std::vector<Ptr<IpsecSa>> serverSas = server->GetObject<IpsecDriver>()->GetSad().GetAll();
    BOOST_TEST_REQUIRE(serverSas.size() == 2u);
    for (const Ptr<IpsecSa>& sa : serverSas)
    {
        const IpsecSaConfig& c = sa->GetConfig();
        BOOST_TEST(c.IsUdpEncapsulated());
        bool inbound = c.destination == serverAddress;
        BOOST_TEST((inbound ? c.encapSourcePort : c.encapDestinationPort) == 4501);
        BOOST_TEST((inbound ? c.encapDestinationPort : c.encapSourcePort) == 4500);
        BOOST_TEST((inbound ? c.source : c.destination) == publicAddress);
    }
}

// Tunnel mode through the NAPT (UDP-Tunnel, mode 3): the identities name the inner addresses
// and are not translated; the server's tunnel endpoint is the NAT's address and its SAs are
// bound to the NAT's mapped port.
BOOST_FIXTURE_TEST_CASE(TunnelModeBehindNapt, ClientBehindNat)
{
    Build("winxp", Seconds(120), Seconds(20), true);
    auto echo = InstallEcho(server);
    auto answers = SendEchoes(client, serverAddress, Seconds(1), 3);
    std::vector<std::string> succeeded;
    Ike(server)->TraceConnectWithoutContext(
        "QuickModeSucceeded",
        Callback<void, Ipv4Address, const std::string&>(
            [&succeeded](Ipv4Address, const std::string& terms) {
                succeeded.push_back(terms);
            }));
    Simulator::Stop(Seconds(5));
    Simulator::Run();

    BOOST_TEST(*answers == 3u);
    BOOST_TEST(echo->received == 3u);
    BOOST_TEST(echo->lastFrom == clientAddress); // the inner source: no NAT touched it
    BOOST_TEST_REQUIRE(succeeded.size() == 1u);
    BOOST_TEST(succeeded.front() == "esp-3des-sha1 tunnel udp-encap");
    std::vector<Ptr<IpsecSa>> serverSas = server->GetObject<IpsecDriver>()->GetSad().GetAll();
    BOOST_TEST_REQUIRE(serverSas.size() == 2u);
    for (const Ptr<IpsecSa>& sa : serverSas)
    {
        const IpsecSaConfig& c = sa->GetConfig();
        BOOST_TEST((c.mode == IpsecMode::TUNNEL));
        bool inbound = c.destination == serverAddress;
        BOOST_TEST((inbound ? c.encapSourcePort : c.encapDestinationPort) == 4501);
        BOOST_TEST((inbound ? c.source : c.destination) == publicAddress);
    }
    BOOST_TEST(Between(*toServer, 4501, 4500).size() == 6u); // MM5, QM1, QM3, 3 ESP
    BOOST_TEST(nat->GetCounters().DroppedTotal() == 0u);
}

// Keepalives every NatKeepaliveInterval (20 s) hold the client's 4500 binding
// through a 30 s NAPT UDP timeout: the server's datagram at 100 s reaches the
// client. Without keepalives the binding expires 30 s after the last IKE / ESP
// datagram and the NAPT drops it.
BOOST_DATA_TEST_CASE_F(ClientBehindNat,
                       KeepalivesHoldTheBinding,
                       boost::unit_test::data::make(std::vector<bool>{true, false}),
                       keepalives)
{
    Build("winxp", Seconds(30), keepalives ? Seconds(20) : Seconds(0));
    auto echo = InstallEcho(server);
    auto answers = SendEchoes(client, serverAddress, Seconds(1), 1);
    auto counter = InstallUdpCounter(client, 9000);
    Ptr<Socket> late = Socket::CreateSocket(server, UdpSocketFactory::GetTypeId());
    Simulator::Schedule(Seconds(100), [late, this]() {
        late->SendTo(Create<Packet>(100), 0, InetSocketAddress(publicAddress, 9000));
    });
    Simulator::Stop(Seconds(101));
    Simulator::Run();

    BOOST_TEST(*answers == 1u);
    const IpsecDriverCounters& c = client->GetObject<IpsecDriver>()->GetCounters();
    const IpsecDriverCounters& s = server->GetObject<IpsecDriver>()->GetCounters();
    BOOST_TEST_REQUIRE(created.size() == 1u);
    auto keep = Between(*toServer, 4501, 4500);
    if (keepalives)
    {
        // 20 s apart from the SAs' installation (about 1.04 s): 21, 41, 61 and 81
        // s.
        BOOST_TEST(c.natKeepalivesSent == 4u);
        BOOST_TEST(s.natKeepalivesReceived == 4u);
        BOOST_TEST(counter->received == 1u);
        BOOST_TEST(expired.empty());
        BOOST_TEST(nat->GetCounters().DroppedTotal() == 0u);
        // The keepalives (one byte 0xFF) 20 s apart on the wire.
        std::vector<Time> at;
        for (const Datagram& d : keep)
        {
            if (d.payload == 1)
            {
                at.push_back(d.at);
            }
        }
        BOOST_TEST_REQUIRE(at.size() == 4u);
        BOOST_TEST(at.front() > Seconds(21));
        BOOST_TEST(at.front() < Seconds(21.1));
        for (size_t i = 1; i < at.size(); ++i)
        {
            BOOST_TEST(at[i] - at[i - 1] == Seconds(20));
        }
    }
    else
    {
        BOOST_TEST(c.natKeepalivesSent == 0u);
        BOOST_TEST(counter->received == 0u);
        BOOST_TEST_REQUIRE(expired.size() == 1u);
        // 30 s after the last datagram from the client's 4500 (its ESP echo
        // request).
        BOOST_TEST(expired.front() > keep.back().at + Seconds(30) - MilliSeconds(1));
        BOOST_TEST(expired.front() < keep.back().at + Seconds(31));
        BOOST_TEST(nat->GetCounters().Dropped(NaptDropReason::NO_BINDING) == 1u);
    }
}

// Windows 2000 has no NAT-T: no vendor ID, so the server sees no NAT-T either and nothing
// moves to port 4500. Without NAT-D the server cannot know that the NAT changed the client's
// address: the client's identity (192.168.1.1) is not the address its messages come from
// (203.0.113.1), and main mode fails at message 5, every time the client tries. No SAs, no
// traffic.
BOOST_FIXTURE_TEST_CASE(Win2000ClientHasNoNatT, ClientBehindNat)
{
    Build("win2000", Seconds(120), Seconds(20));
    auto echo = InstallEcho(server);
    auto answers = SendEchoes(client, serverAddress, Seconds(1), 3);
    std::vector<std::string> serverFailures;
    Ike(server)->TraceConnectWithoutContext(
        "MainModeFailed",
        Callback<void, Ipv4Address, const std::string&>(
            [&serverFailures](Ipv4Address, const std::string& why) {
                serverFailures.push_back(why);
            }));
    Simulator::Stop(Seconds(5));
    Simulator::Run();

    BOOST_TEST(!Ike(client)->IsNatTraversalEnabled());
    BOOST_TEST(Ike(server)->IsNatTraversalEnabled());
    BOOST_TEST(Ike(client)->GetCounters().mainModeSucceeded == 0u);
    BOOST_TEST(Ike(client)->GetCounters().quickModeSucceeded == 0u);
    BOOST_TEST_REQUIRE(serverFailures.size() == 3u); // one main mode per echo request
    for (const std::string& why : serverFailures)
    {
        BOOST_TEST(why == "identity-mismatch");
    }
    BOOST_TEST(Between(*toServer, 4501, 4500).empty());
    BOOST_TEST(Between(*fromServer, 4500, 4501).empty());
    BOOST_TEST(Between(*toServer, 501, 500).size() == 9u); // MM1, MM3, MM5, three times
    BOOST_TEST(toServer->byProtocol[50] == 0u);
    BOOST_TEST(echo->received == 0u);
    BOOST_TEST(*answers == 0u);
}

namespace
{

/**
 * client 198.51.100.1 (IPsec, winxp) - point-to-point - 198.51.100.2 NAPT
 * 192.168.2.1 - CSMA - 192.168.2.2 server (IPsec, win2003). The NAPT has no
 * port forwarding: the server opens its bindings for 500 and 4500 itself (a
 * NAT-keepalive byte from each through a raw socket at 0.5 s;
 * endpoint-independent filtering lets the client in afterwards).
 */
struct ServerBehindNat : public SimulatorFixture
{
    Ptr<Node> client, router, server;
    Ptr<NaptTranslator> nat;
    const Ipv4Address clientAddress{"198.51.100.1"};
    const Ipv4Address publicAddress{"198.51.100.2"};

    void
    Build(uint32_t rule)
    {
        NodeContainer nodes;
        nodes.Create(3);
        client = nodes.Get(0);
        router = nodes.Get(1);
        server = nodes.Get(2);
        PointToPointHelper p2p;
        p2p.SetDeviceAttribute("DataRate", StringValue("10Mbps"));
        p2p.SetChannelAttribute("Delay", StringValue("5ms"));
        NetDeviceContainer wan = p2p.Install(client, router);
        CsmaHelper csma;
        csma.SetChannelAttribute("DataRate", StringValue("100Mbps"));
        NetDeviceContainer lan = csma.Install(NodeContainer(router, server));
        NaptHelper napt;
        nat = napt.Install(router, NetDeviceContainer(lan.Get(0)), wan.Get(1));
        IpsecHelper ipsec;
        ipsec.SetIkeAttribute("PreSharedKey", StringValue("secret"));
        ipsec.Install(NodeContainer(client, server));
        Ipv4AddressHelper("198.51.100.0", "255.255.255.252").Assign(wan);
        Ipv4AddressHelper("192.168.2.0", "255.255.255.0").Assign(lan);
        Ipv4GlobalRoutingHelper::PopulateRoutingTables();
        IpsecHelper::SetOsProfile(NodeContainer(client), "winxp");
        IpsecHelper::SetOsProfile(NodeContainer(server), "win2003");
        client->GetObject<IkeService>()->SetAttribute("AssumeUDPEncapsulationContextOnSendRule",
                                                      UintegerValue(rule));
        client->GetObject<IpsecDriver>()->AddFilter(
            "srcaddr=198.51.100.1 dstaddr=198.51.100.2 action=negotiate");
        server->GetObject<IpsecDriver>()->AddFilter(
            "srcaddr=192.168.2.2 dstaddr=198.51.100.1 action=negotiate");
        Ptr<Socket> raw = Socket::CreateSocket(server, Ipv4RawSocketFactory::GetTypeId());
        raw->SetAttribute("Protocol", UintegerValue(17));
        Simulator::Schedule(Seconds(0.5), [raw, this]() {
            for (uint16_t port : {500, 4500})
            {
                uint8_t byte = 0xFF;
                Ptr<Packet> p = Create<Packet>(&byte, 1);
                UdpHeader udp;
                udp.SetSourcePort(port);
                udp.SetDestinationPort(port);
                p->AddHeader(udp);
                raw->SendTo(p, 0, InetSocketAddress(clientAddress, 0));
            }
        });
    }
};

} // namespace

// AssumeUDPEncapsulationContextOnSendRule (KB 885348) on the XP client: 0 (the
// default) refuses SAs with a server behind a NAT once NAT-D shows it; 2 (and
// 1: the client is not behind one) lets them be made, and traffic flows
// encapsulated.
BOOST_DATA_TEST_CASE_F(ServerBehindNat,
                       AssumeUdpEncapsulationRule,
                       boost::unit_test::data::make(std::vector<uint32_t>{0, 1, 2}),
                       rule)
{
    Build(rule);
    auto echo = InstallEcho(server);
    auto answers = SendEchoes(client, publicAddress, Seconds(1), 3);
    std::vector<std::string> failures;
    client->GetObject<IkeService>()->TraceConnectWithoutContext(
        "MainModeFailed",
        Callback<void, Ipv4Address, const std::string&>(
            [&failures](Ipv4Address, const std::string& why) {
                failures.push_back(why);
            }));
    Simulator::Stop(Seconds(5));
    Simulator::Run();

    IkeNatTState state = server->GetObject<IkeService>()->GetNatTState(clientAddress);
    if (rule == 0)
    {
        BOOST_TEST_REQUIRE(failures.size() >= 1u);
        BOOST_TEST(failures.front() == "nat-not-allowed");
        BOOST_TEST(client->GetObject<IkeService>()->GetCounters().mainModeSucceeded == 0u);
        BOOST_TEST(*answers == 0u);
        BOOST_TEST(echo->received == 0u);
    }
    else
    {
        BOOST_TEST(failures.empty());
        BOOST_TEST(*answers == 3u);
        BOOST_TEST(echo->received == 3u);
        BOOST_TEST(state.localBehindNat);
        BOOST_TEST(!state.peerBehindNat);
        IkeNatTState atClient = client->GetObject<IkeService>()->GetNatTState(publicAddress);
        BOOST_TEST(atClient.peerBehindNat);
        BOOST_TEST(!atClient.localBehindNat);
    }
}

// Without a NAT between them, XP and 2003 still announce NAT-T and exchange
// NAT-D, find no NAT, and stay on port 500 with plain ESP. Against
// NatTraversal=off, the IKE bytes differ by exactly the vendor IDs (3 x 20 in
// message 1, 20 in message 2) and NAT-D (2 x 24 in 3 and 4, SHA1); the ESP on
// the wire is the same.
BOOST_AUTO_TEST_CASE(NoNatStaysOnPort500)
{
    std::map<bool, std::pair<uint64_t, uint64_t>> ikeBytes;
    std::map<bool, uint32_t> espPackets;
    for (bool natT : {true, false})
    {
        SimulatorFixture fixture;
        NodeContainer nodes;
        NetDeviceContainer devices = CreateTestLink(nodes);
        IpsecHelper ipsec;
        ipsec.SetIkeAttribute("PreSharedKey", StringValue("secret"));
        ipsec.SetIkeAttribute("NatTraversal", StringValue(natT ? "profile" : "off"));
        ipsec.Install(nodes);
        Ipv4AddressHelper("10.1.1.0", "255.255.255.0").Assign(devices);
        IpsecHelper::SetOsProfile(NodeContainer(nodes.Get(0)), "winxp");
        IpsecHelper::AddFilter(nodes, "srcaddr=me dstaddr=any action=negotiate");
        auto wire = WatchPpp(devices.Get(0));
        auto wireBack = WatchPpp(devices.Get(1));
        auto echo = InstallEcho(nodes.Get(1));
        auto answers = SendEchoes(nodes.Get(0), Ipv4Address("10.1.1.2"), Seconds(1), 3);
        Simulator::Stop(Seconds(5));
        Simulator::Run();
        BOOST_TEST(*answers == 3u);
        BOOST_TEST(Between(*wire, 4500, 4500).empty());
        BOOST_TEST(Between(*wireBack, 4500, 4500).empty());
        BOOST_TEST(Between(*wire, 500, 500).size() == 5u); // MM1, MM3, MM5, QM1, QM3
        IkeNatTState state =
            nodes.Get(0)->GetObject<IkeService>()->GetNatTState(Ipv4Address("10.1.1.2"));
        BOOST_TEST(IkeNatTVersionToString(state.version) == (natT ? "rfc3947" : "none"));
        BOOST_TEST(!state.IsNatBetween());
        ikeBytes[natT] = {nodes.Get(0)->GetObject<IkeService>()->GetCounters().bytesSent,
                          nodes.Get(1)->GetObject<IkeService>()->GetCounters().bytesSent};
        espPackets[natT] = wire->byProtocol[50] + wireBack->byProtocol[50];
        Simulator::Destroy();
    }
    BOOST_TEST(espPackets[true] == 6u);
    BOOST_TEST(espPackets[false] == 6u);
    BOOST_TEST(ikeBytes[true].first - ikeBytes[false].first == 3u * 20 + 2 * 24);
    BOOST_TEST(ikeBytes[true].second - ikeBytes[false].second == 20u + 2 * 24);
}

BOOST_AUTO_TEST_SUITE_END()
