/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// Tests of the simplified Kerberos of the IKE authentication: the realm (directory, keys,
// trusts), the encryption, the wire format, and scenarios on a CSMA LAN with a client, a
// server and a domain controller: tickets, equal session keys, message counts and sizes,
// the cache, trusts, unknown targets, an unreachable KDC, tampered and expired tickets,
// forged requests, and reproducibility.

#include "ipsec-test-network.h"

#include "ns3/csma-module.h"
#include "ns3/ike-dh.h"

#include <boost/test/unit_test.hpp>

#include <cryptopp/osrng.h>

#include <functional>
#include <string>
#include <vector>

using namespace ns3;
using namespace ns3::test;

namespace
{

/** The outcome of one RequestTicket. */
struct Outcome
{
    double time{-1};                 //!< when the callback ran (s)
    bool ok{false};                  //!< success
    std::string reason;              //!< failure reason
    std::vector<uint8_t> ticket;     //!< the ticket
    std::vector<uint8_t> sessionKey; //!< the session key
};

/** One Kerberos datagram seen on a CSMA device. */
struct Frame
{
    double time;      //!< seconds
    uint32_t node;    //!< sending node (0 client, 1 server, 2 DC)
    uint32_t frame;   //!< Ethernet frame size, header and FCS included
    uint32_t ipBytes; //!< IPv4 packet size
    uint32_t payload; //!< UDP payload size
};

/**
 * Client WKS01 10.1.1.1, server SRV01 10.1.1.2 and domain controller 10.1.1.3 on a 100 Mb/s
 * CSMA LAN; realm CORP.EXAMPLE with both computers joined; the KDC runs on the DC from 0 s.
 */
struct KerberosLan : SimulatorFixture
{
    NodeContainer nodes;
    Ptr<Node> client;
    Ptr<Node> server;
    Ptr<Node> dc;
    Ipv4Address clientAddress{"10.1.1.1"};
    Ipv4Address serverAddress{"10.1.1.2"};
    Ipv4Address dcAddress{"10.1.1.3"};
    Ptr<KerberosRealm> corp;
    Ptr<KerberosKdc> kdc;
    Ptr<KerberosClient> kerberos;
    std::vector<Frame> frames;                    //!< every UDP 88 datagram on the LAN
    std::vector<std::vector<uint8_t>> clientSent; //!< client Tx payloads
    std::vector<double> clientSentTimes;          //!< their times
    std::vector<std::vector<uint8_t>> kdcSent;    //!< KDC Tx payloads

    /** \param run the ns-3 run number (the seed is 1) */
    explicit KerberosLan(uint32_t run = 1)
    {
        RngSeedManager::SetRun(run);
        nodes.Create(3);
        client = nodes.Get(0);
        server = nodes.Get(1);
        dc = nodes.Get(2);
        CsmaHelper csma;
        csma.SetChannelAttribute("DataRate", StringValue("100Mbps"));
        csma.SetChannelAttribute("Delay", TimeValue(MicroSeconds(10)));
        NetDeviceContainer devices = csma.Install(nodes);
        InternetStackHelper internet;
        internet.Install(nodes);
        // Fixed streams: the same seed and run give the same bytes, whatever ran before.
        internet.AssignStreams(nodes, 200);
        csma.AssignStreams(devices, 300);
        Ipv4AddressHelper("10.1.1.0", "255.255.255.0").Assign(devices);
        for (uint32_t i = 0; i < devices.GetN(); ++i)
        {
            devices.Get(i)->TraceConnectWithoutContext(
                "MacTx",
                Callback<void, Ptr<const Packet>>([this, i](Ptr<const Packet> p) {
                    // MacTx sees the whole Ethernet frame (header and FCS included).
                    Ptr<Packet> copy = p->Copy();
                    EthernetHeader eth;
                    Ipv4Header ip;
                    UdpHeader udp;
                    if (copy->GetSize() < 14 + 28 || copy->RemoveHeader(eth) == 0 ||
                        eth.GetLengthType() != 0x0800 || copy->RemoveHeader(ip) == 0 ||
                        ip.GetProtocol() != 17)
                    {
                        return;
                    }
                    copy->RemoveHeader(udp);
                    if (udp.GetDestinationPort() == 88 || udp.GetSourcePort() == 88)
                    {
                        frames.push_back({Simulator::Now().GetSeconds(),
                                          i,
                                          p->GetSize(),
                                          ip.GetSerializedSize() + ip.GetPayloadSize(),
                                          ip.GetPayloadSize() - 8u});
                    }
                }));
        }

        corp = Create<KerberosRealm>("CORP.EXAMPLE");
        corp->Join("WKS01", clientAddress);
        corp->Join("SRV01", serverAddress);

        kdc = CreateObject<KerberosKdc>();
        kdc->SetRealm(corp);
        dc->AddApplication(kdc);
        kdc->SetStartTime(Seconds(0));
        kdc->TraceConnectWithoutContext(
            "Tx",
            Callback<void, Ptr<const Packet>, Ipv4Address>(
                [this](Ptr<const Packet> p, Ipv4Address) { kdcSent.push_back(Bytes(p)); }));

        kerberos = CreateObject<KerberosClient>();
        kerberos->SetNode(client);
        kdc->AssignStreams(100);
        kerberos->AssignStreams(101);
        kerberos->TraceConnectWithoutContext(
            "Tx",
            Callback<void, Ptr<const Packet>, Ipv4Address>(
                [this](Ptr<const Packet> p, Ipv4Address) {
                    clientSent.push_back(Bytes(p));
                    clientSentTimes.push_back(Simulator::Now().GetSeconds());
                }));
    }

    ~KerberosLan()
    {
        kerberos->Dispose();
    }

    static std::vector<uint8_t> Bytes(Ptr<const Packet> p)
    {
        std::vector<uint8_t> bytes(p->GetSize());
        p->CopyData(bytes.data(), bytes.size());
        return bytes;
    }

    /** Ask for a ticket to \p target at \p at; the outcome lands in the returned slot. */
    std::shared_ptr<Outcome> Request(Time at,
                                     Ipv4Address target,
                                     Ptr<KerberosRealm> realm = nullptr,
                                     const std::string& name = "WKS01")
    {
        auto outcome = std::make_shared<Outcome>();
        Ptr<KerberosRealm> r = realm ? realm : corp;
        Simulator::Schedule(at, [this, outcome, target, r, name]() {
            kerberos->RequestTicket(dcAddress, r, name, target, MakeRecorder(outcome));
        });
        return outcome;
    }

    /** As Request, with the target by name. */
    std::shared_ptr<Outcome> RequestByName(Time at, const std::string& target)
    {
        auto outcome = std::make_shared<Outcome>();
        Simulator::Schedule(at, [this, outcome, target]() {
            kerberos->RequestTicketByName(dcAddress, corp, "WKS01", target, MakeRecorder(outcome));
        });
        return outcome;
    }

    static KerberosClient::TicketCallback MakeRecorder(std::shared_ptr<Outcome> outcome)
    {
        return KerberosClient::TicketCallback([outcome](bool ok,
                                                        std::string reason,
                                                        std::vector<uint8_t> ticket,
                                                        std::vector<uint8_t> key) {
            BOOST_TEST(outcome->time < 0, "a callback ran twice");
            outcome->time = Simulator::Now().GetSeconds();
            outcome->ok = ok;
            outcome->reason = reason;
            outcome->ticket = ticket;
            outcome->sessionKey = key;
        });
    }

    void Run(Time stop = Seconds(30))
    {
        Simulator::Stop(stop);
        Simulator::Run();
    }
};

/** Bytes of a ticket for these names with a PAC of \p pac bytes (layout of kerberos-messages.h). */
uint32_t
TicketSize(const std::string& clientRealm,
           const std::string& client,
           const std::string& serviceRealm,
           const std::string& service,
           uint32_t pac)
{
    uint32_t part = (2 + 16) + (2 + clientRealm.size()) + (2 + client.size()) +
                    (2 + serviceRealm.size()) + (2 + service.size()) + 8 + 8 + (2 + pac);
    return 1 + (2 + serviceRealm.size()) + (2 + service.size()) + 2 +
           KerberosEncryptedLength(part);
}

/** The session key the server gets from a ticket (empty if refused; reason in \p reason). */
std::vector<uint8_t>
Accept(Ptr<KerberosRealm> realm,
       const std::string& service,
       const std::vector<uint8_t>& ticket,
       double now,
       std::string& reason,
       std::string* clientName = nullptr)
{
    std::vector<uint8_t> key;
    std::string name;
    bool ok = KerberosAcceptor(realm, service).Accept(ticket, now, key, name, reason);
    BOOST_TEST(ok == !key.empty());
    BOOST_TEST(ok == reason.empty());
    if (clientName)
    {
        *clientName = name;
    }
    return key;
}

} // namespace

BOOST_AUTO_TEST_SUITE(ipsec_kerberos)

BOOST_AUTO_TEST_CASE(realm_directory_keys_and_trusts)
{
    Ptr<KerberosRealm> corp = Create<KerberosRealm>("CORP.EXAMPLE");
    Ptr<KerberosRealm> lab = Create<KerberosRealm>("LAB.EXAMPLE");
    corp->Join("A", Ipv4Address("10.0.0.1"));
    corp->Join("B", Ipv4Address("10.0.0.2"));
    lab->Join("A", Ipv4Address("10.0.1.1"));

    BOOST_TEST(corp->GetKey("A").size() == KERBEROS_KEY_LENGTH);
    BOOST_TEST(corp->GetKey("A") != corp->GetKey("B"));
    BOOST_TEST(corp->GetKey("A") != lab->GetKey("A"));
    BOOST_TEST(corp->GetKey("nobody").empty());
    // Deterministic: the same realm name and computer give the same key.
    Ptr<KerberosRealm> again = Create<KerberosRealm>("CORP.EXAMPLE");
    again->Join("A", Ipv4Address("10.0.0.1"));
    BOOST_TEST(again->GetKey("A") == corp->GetKey("A"));
    Ptr<KerberosRealm> otherSecret =
        Create<KerberosRealm>("CORP.EXAMPLE", std::vector<uint8_t>{1, 2, 3});
    otherSecret->Join("A", Ipv4Address("10.0.0.1"));
    BOOST_TEST(otherSecret->GetKey("A") != corp->GetKey("A"));
    // The newest realm of a name is the one found.
    BOOST_TEST(KerberosRealm::Find("CORP.EXAMPLE") == otherSecret);
    otherSecret = nullptr;
    again = nullptr;
    BOOST_TEST(KerberosRealm::Find("CORP.EXAMPLE") == corp);
    BOOST_TEST(!KerberosRealm::Find("NOWHERE"));

    BOOST_TEST(corp->FindByAddress(Ipv4Address("10.0.0.2")) == "B");
    BOOST_TEST(corp->FindByAddress(Ipv4Address("10.0.1.1")) == "");
    std::string name;
    BOOST_TEST(KerberosRealm::FindAnyByAddress(Ipv4Address("10.0.1.1"), name) == lab);
    BOOST_TEST(name == "A");

    // Roaming, and an address taken over by another computer.
    corp->UpdateAddress("B", Ipv4Address("10.0.0.9"));
    BOOST_TEST(corp->FindByAddress(Ipv4Address("10.0.0.2")) == "");
    BOOST_TEST(corp->FindByAddress(Ipv4Address("10.0.0.9")) == "B");
    corp->UpdateAddress("A", Ipv4Address("10.0.0.9"));
    BOOST_TEST(corp->FindByAddress(Ipv4Address("10.0.0.9")) == "A");
    BOOST_TEST(corp->GetAddress("B") == Ipv4Address::GetAny());
    BOOST_TEST(corp->GetKey("B").size() == KERBEROS_KEY_LENGTH);

    BOOST_TEST(corp->IsTrusted("CORP.EXAMPLE"));
    BOOST_TEST(!corp->IsTrusted("LAB.EXAMPLE"));
    corp->Trust(lab);
    BOOST_TEST(corp->IsTrusted(lab));
    BOOST_TEST(lab->IsTrusted(corp));
    BOOST_TEST(corp->GetTrustedRealms() == std::vector<std::string>{"LAB.EXAMPLE"});

    BOOST_CHECK_THROW(corp->Join("A", Ipv4Address("10.0.0.5")), IpsecConfigError);
    BOOST_CHECK_THROW(corp->Join("x@y", Ipv4Address("10.0.0.5")), IpsecConfigError);
    BOOST_CHECK_THROW(corp->Join("", Ipv4Address("10.0.0.5")), IpsecConfigError);
    BOOST_CHECK_THROW(corp->UpdateAddress("nobody", Ipv4Address("10.0.0.5")), IpsecConfigError);
    BOOST_CHECK_THROW(Create<KerberosRealm>(""), IpsecConfigError);
    try
    {
        corp->Join("A", Ipv4Address("10.0.0.5"));
    }
    catch (const IpsecConfigError& e)
    {
        BOOST_TEST(e.GetField() == "computer");
    }
}

BOOST_AUTO_TEST_CASE(encryption_round_trip_and_refusals)
{
    CryptoPP::AutoSeededRandomPool rng;
    std::vector<uint8_t> key(KERBEROS_KEY_LENGTH, 7);
    for (uint32_t n : {0u, 1u, 15u, 16u, 17u, 100u})
    {
        std::vector<uint8_t> plaintext(n, 0x5a);
        std::vector<uint8_t> blob =
            KerberosEncrypt(key, KerberosKeyUsage::TICKET, plaintext, rng);
        BOOST_TEST(blob.size() == KerberosEncryptedLength(n));
        std::vector<uint8_t> back;
        BOOST_TEST(KerberosDecrypt(key, KerberosKeyUsage::TICKET, blob, back));
        BOOST_TEST(back == plaintext);
        // Another usage or key, or any flipped bit, fails the MAC.
        BOOST_TEST(!KerberosDecrypt(key, KerberosKeyUsage::REPLY, blob, back));
        BOOST_TEST(back.empty());
        std::vector<uint8_t> otherKey(KERBEROS_KEY_LENGTH, 8);
        BOOST_TEST(!KerberosDecrypt(otherKey, KerberosKeyUsage::TICKET, blob, back));
        for (size_t i = 0; i < blob.size(); ++i)
        {
            std::vector<uint8_t> bad = blob;
            bad[i] ^= 0x01;
            BOOST_TEST(!KerberosDecrypt(key, KerberosKeyUsage::TICKET, bad, back));
        }
        for (size_t len = 0; len < blob.size(); ++len)
        {
            std::vector<uint8_t> cut(blob.begin(), blob.begin() + len);
            BOOST_TEST(!KerberosDecrypt(key, KerberosKeyUsage::TICKET, cut, back));
        }
    }
    // The same plaintext encrypts differently each time (random IV).
    std::vector<uint8_t> p(32, 1);
    BOOST_TEST(KerberosEncrypt(key, KerberosKeyUsage::TICKET, p, rng) !=
               KerberosEncrypt(key, KerberosKeyUsage::TICKET, p, rng));
}

BOOST_AUTO_TEST_CASE(messages_round_trip_and_parse_any_bytes_safely)
{
    KerberosTgsRequest request;
    request.nonce = 0x01020304;
    request.timestampMs = 1234;
    request.clientRealm = "CORP.EXAMPLE";
    request.clientName = "WKS01";
    request.targetAddress = Ipv4Address("10.1.1.2");
    request.authenticator = std::vector<uint8_t>(76, 0xaa);
    request.padding = 10;
    std::vector<uint8_t> bytes = request.Serialize();
    BOOST_TEST(bytes.size() == 2 + 4 + 8 + 14 + 7 + 1 + 4 + 2 + 76 + 2 + 10);
    KerberosTgsRequest parsed;
    BOOST_TEST(parsed.Parse(bytes));
    BOOST_TEST(parsed.Serialize() == bytes);
    BOOST_TEST(parsed.DescribeTarget() == "10.1.1.2");
    uint8_t type = 0;
    BOOST_TEST(KerberosPeekType(bytes, type));
    BOOST_TEST(type == 12);

    request.targetKind = KerberosTargetKind::NAME;
    request.targetName = "SRV01@LAB.EXAMPLE";
    BOOST_TEST(parsed.Parse(request.Serialize()));
    BOOST_TEST(parsed.targetName == "SRV01@LAB.EXAMPLE");

    KerberosError error;
    error.nonce = 9;
    error.code = 7;
    error.text = "unknown-target";
    KerberosError error2;
    BOOST_TEST(error2.Parse(error.Serialize()));
    BOOST_TEST(error2.code == 7u);
    BOOST_TEST(KerberosErrorReason(28) == "untrusted-realm");
    BOOST_TEST(KerberosErrorReason(99) == "kdc-error-99");

    // Every truncation and trailing byte is refused; random bytes never crash.
    for (size_t len = 0; len < bytes.size(); ++len)
    {
        BOOST_TEST(!parsed.Parse(std::vector<uint8_t>(bytes.begin(), bytes.begin() + len)));
    }
    std::vector<uint8_t> longer = bytes;
    longer.push_back(0);
    BOOST_TEST(!parsed.Parse(longer));
    Ptr<UniformRandomVariable> u = CreateObject<UniformRandomVariable>();
    IkeRandom rng(u);
    for (int i = 0; i < 2000; ++i)
    {
        std::vector<uint8_t> junk = rng.GenerateBytes(u->GetInteger(0, 200));
        if (!junk.empty() && i % 2 == 0)
        {
            junk[0] = KERBEROS_PVNO;
        }
        KerberosTgsRequest a;
        KerberosTgsReply b;
        KerberosError c;
        KerberosTicket d;
        KerberosTicketPart e;
        KerberosReplyPart f;
        (void)a.Parse(junk);
        (void)b.Parse(junk);
        (void)c.Parse(junk);
        (void)d.Parse(junk);
        (void)e.Parse(junk);
        (void)f.Parse(junk);
    }
}

BOOST_AUTO_TEST_CASE(ticket_request_gives_both_sides_the_same_session_key)
{
    KerberosLan lan;
    auto outcome = lan.Request(Seconds(1), lan.serverAddress);
    lan.Run();

    BOOST_TEST(outcome->ok);
    BOOST_TEST(outcome->reason == "");
    // ARP both ways first (ns-3 delays each ARP request by up to 10 ms).
    BOOST_TEST(outcome->time > 1.0);
    BOOST_TEST(outcome->time < 1.03);
    BOOST_TEST(outcome->sessionKey.size() == KERBEROS_SESSION_KEY_LENGTH);

    std::string reason;
    std::string clientName;
    std::vector<uint8_t> serverKey =
        Accept(lan.corp, "SRV01", outcome->ticket, outcome->time + 0.5, reason, &clientName);
    BOOST_TEST(reason == "");
    BOOST_TEST(serverKey == outcome->sessionKey);
    BOOST_TEST(clientName == "WKS01");

    const KerberosCachedTicket* cached =
        lan.kerberos->FindCachedTicket(lan.corp, "WKS01", lan.serverAddress);
    BOOST_REQUIRE(cached);
    BOOST_TEST(cached->serviceName == "SRV01");
    BOOST_TEST(cached->serviceRealm == "CORP.EXAMPLE");
    // From the KDC's clock (whole ms) when it issued the ticket, for 10 hours.
    BOOST_TEST(cached->startSeconds >= 1.0);
    BOOST_TEST(cached->startSeconds <= outcome->time);
    BOOST_TEST(cached->endSeconds - cached->startSeconds == 36000.0);

    // The target by name gives a ticket for the same service.
    auto byName = lan.RequestByName(Seconds(10), "SRV01"); // at 30 s + 10 s
    lan.Run(Seconds(20));
    BOOST_TEST(byName->ok);
    BOOST_TEST(byName->time > 40.0);
    BOOST_TEST(Accept(lan.corp, "SRV01", byName->ticket, byName->time, reason) ==
               byName->sessionKey);
    BOOST_TEST(byName->sessionKey != outcome->sessionKey);
}

BOOST_AUTO_TEST_CASE(message_counts_and_sizes_on_the_wire)
{
    KerberosLan lan;
    auto outcome = lan.Request(Seconds(1), lan.serverAddress);
    lan.Run();
    BOOST_REQUIRE(outcome->ok);

    // One request, one reply: 1,350 and 1,400 bytes of UDP payload (the defaults), 1,378 and
    // 1,428 bytes of IPv4 (1,396 and 1,446 bytes of Ethernet frame with FCS): under Windows'
    // 1,465-byte limit for Kerberos over UDP (MaxPacketSize) and one frame each.
    BOOST_REQUIRE(lan.frames.size() == 2u);
    BOOST_TEST(lan.frames[0].node == 0u);
    BOOST_TEST(lan.frames[0].payload == 1350u);
    BOOST_TEST(lan.frames[0].ipBytes == 1378u);
    BOOST_TEST(lan.frames[0].frame == 1396u);
    BOOST_TEST(lan.frames[1].node == 2u);
    BOOST_TEST(lan.frames[1].payload == 1400u);
    BOOST_TEST(lan.frames[1].ipBytes == 1428u);
    BOOST_TEST(lan.frames[1].frame == 1446u);
    BOOST_TEST(lan.clientSent.size() == 1u);
    BOOST_TEST(lan.kdcSent.size() == 1u);

    // The ticket: 1,044 bytes with these names and the 900-byte PAC.
    uint32_t ticketSize = TicketSize("CORP.EXAMPLE", "WKS01", "CORP.EXAMPLE", "SRV01", 900);
    BOOST_TEST(ticketSize == 1044u);
    BOOST_TEST(outcome->ticket.size() == ticketSize);

    // The request without padding is 120 bytes (2 + 4 + 8 + 14 + 7 + 1 + 4, authenticator
    // 2 + 76, padding length 2): the padding (the TGT stand-in) is the rest.
    KerberosTgsRequest request;
    BOOST_REQUIRE(request.Parse(lan.clientSent[0]));
    BOOST_TEST(request.padding == 1350 - 120);
    KerberosTgsReply reply;
    BOOST_REQUIRE(reply.Parse(lan.kdcSent[0]));
    BOOST_TEST(reply.ticket == outcome->ticket);
    // 2 + 4 + 14 + 7 + (2 + 1044) + (2 + 92) + 2 = 1,169 before padding.
    BOOST_TEST(reply.padding == 1400 - 1169);

    const KerberosKdcCounters& k = lan.kdc->GetCounters();
    BOOST_TEST(k.requests == 1u);
    BOOST_TEST(k.replies == 1u);
    BOOST_TEST(k.errors == 0u);
    BOOST_TEST(k.bytesReceived == 1350u);
    BOOST_TEST(k.bytesSent == 1400u);
    const KerberosClientCounters& c = lan.kerberos->GetCounters();
    BOOST_TEST(c.messagesSent == 1u);
    BOOST_TEST(c.retransmissions == 0u);
    BOOST_TEST(c.replies == 1u);
    BOOST_TEST(c.bytesSent == 1350u);
    BOOST_TEST(c.bytesReceived == 1400u);
}

BOOST_AUTO_TEST_CASE(configured_sizes_and_pac)
{
    KerberosLan lan;
    // Windows' largest UDP Kerberos message (MaxPacketSize); it still fits one frame.
    lan.kerberos->SetAttribute("RequestSize", UintegerValue(1465));
    lan.kdc->SetAttribute("ReplySize", UintegerValue(0));
    lan.kdc->SetAttribute("PacSize", UintegerValue(300));
    auto outcome = lan.Request(Seconds(1), lan.serverAddress);
    lan.Run();
    BOOST_REQUIRE(outcome->ok);
    uint32_t ticketSize = TicketSize("CORP.EXAMPLE", "WKS01", "CORP.EXAMPLE", "SRV01", 300);
    BOOST_TEST(outcome->ticket.size() == ticketSize);
    BOOST_REQUIRE(lan.frames.size() == 2u);
    BOOST_TEST(lan.frames[0].payload == 1465u);
    BOOST_TEST(lan.frames[0].ipBytes == 1493u);
    // No reply padding: 2 + 4 + 14 + 7 + (2 + ticket) + (2 + 92) + 2.
    BOOST_TEST(lan.frames[1].payload == 2 + 4 + 14 + 7 + 2 + ticketSize + 2 + 92 + 2);
}

BOOST_AUTO_TEST_CASE(second_request_for_the_same_target_is_a_cache_hit)
{
    KerberosLan lan;
    lan.kdc->SetAttribute("TicketLifetime", TimeValue(Seconds(10)));
    auto first = lan.Request(Seconds(1), lan.serverAddress);
    // Two requests at the same moment share one exchange.
    auto joined = lan.Request(Seconds(1), lan.serverAddress);
    auto hit = lan.Request(Seconds(2), lan.serverAddress);
    // After the ticket's end (1 s + 10 s) the KDC is asked again.
    auto renewed = lan.Request(Seconds(11.5), lan.serverAddress);
    lan.Run();

    BOOST_TEST(first->ok);
    BOOST_TEST(joined->ok);
    BOOST_TEST(joined->ticket == first->ticket);
    BOOST_TEST(hit->ok);
    BOOST_TEST(hit->time == 2.0);
    BOOST_TEST(hit->ticket == first->ticket);
    BOOST_TEST(hit->sessionKey == first->sessionKey);
    BOOST_TEST(renewed->ok);
    BOOST_TEST(renewed->sessionKey != first->sessionKey);

    const KerberosClientCounters& c = lan.kerberos->GetCounters();
    BOOST_TEST(c.requests == 4u);
    BOOST_TEST(c.cacheHits == 1u);
    BOOST_TEST(c.joined == 1u);
    BOOST_TEST(c.messagesSent == 2u);
    BOOST_TEST(lan.kdc->GetCounters().replies == 2u);
    BOOST_TEST(lan.frames.size() == 4u);

    lan.kerberos->PurgeTickets();
    BOOST_TEST(lan.kerberos->GetNCachedTickets() == 0u);
}

BOOST_AUTO_TEST_CASE(untrusted_realm_fails_with_its_reason)
{
    KerberosLan lan;
    Ptr<KerberosRealm> lab = Create<KerberosRealm>("LAB.EXAMPLE");
    lab->Join("LABSRV", Ipv4Address("10.1.1.4"));
    std::vector<std::string> errors;
    lan.kdc->TraceConnectWithoutContext(
        "Error",
        Callback<void, Ipv4Address, const std::string&>(
            [&errors](Ipv4Address, const std::string& reason) { errors.push_back(reason); }));
    auto byAddress = lan.Request(Seconds(1), Ipv4Address("10.1.1.4"));
    auto byName = lan.RequestByName(Seconds(2), "LABSRV@LAB.EXAMPLE");
    lan.Run();

    BOOST_TEST(!byAddress->ok);
    BOOST_TEST(byAddress->reason == "untrusted-realm");
    BOOST_TEST(byAddress->ticket.empty());
    BOOST_TEST(byAddress->time < 1.03);
    BOOST_TEST(!byName->ok);
    BOOST_TEST(byName->reason == "untrusted-realm");
    BOOST_TEST(errors == (std::vector<std::string>{"untrusted-realm", "untrusted-realm"}));
    BOOST_TEST(lan.kdc->GetCounters().errorsByReason.at("untrusted-realm") == 2u);
    BOOST_TEST(lan.kerberos->GetCounters().errors == 2u);
    BOOST_TEST(lan.kerberos->GetCounters().failures == 2u);
    // An error is small: 2 + 4 + 4 + 2 + 15 bytes.
    BOOST_REQUIRE(lan.kdcSent.size() == 2u);
    BOOST_TEST(lan.kdcSent[0].size() == 27u);
    BOOST_REQUIRE(lan.frames.size() == 4u);
    BOOST_TEST(lan.frames[1].node == 2u);
    BOOST_TEST(lan.frames[1].ipBytes == 55u);
    BOOST_TEST(lan.frames[1].frame == 73u);
    // Failures are not cached: nothing is.
    BOOST_TEST(lan.kerberos->GetNCachedTickets() == 0u);
}

BOOST_AUTO_TEST_CASE(trusted_realm_succeeds)
{
    KerberosLan lan;
    Ptr<KerberosRealm> lab = Create<KerberosRealm>("LAB.EXAMPLE");
    lab->Join("LABSRV", Ipv4Address("10.1.1.4"));
    lan.corp->Trust(lab);
    auto outcome = lan.Request(Seconds(1), Ipv4Address("10.1.1.4"));
    lan.Run();

    BOOST_REQUIRE(outcome->ok);
    BOOST_TEST(outcome->ticket.size() ==
               TicketSize("CORP.EXAMPLE", "WKS01", "LAB.EXAMPLE", "LABSRV", 900));
    std::string reason;
    std::string clientName;
    BOOST_TEST(Accept(lab, "LABSRV", outcome->ticket, 2, reason, &clientName) ==
               outcome->sessionKey);
    BOOST_TEST(clientName == "WKS01@CORP.EXAMPLE");
    // The ticket is for LABSRV of LAB.EXAMPLE only.
    BOOST_TEST(Accept(lan.corp, "LABSRV", outcome->ticket, 2, reason).empty());
    BOOST_TEST(reason == "wrong-service");

    // The same server in a copy of LAB.EXAMPLE (same name, so the same keys) that has no
    // trust with CORP.EXAMPLE refuses the ticket; one with another secret cannot decrypt it.
    Ptr<KerberosRealm> untrusting = Create<KerberosRealm>("LAB.EXAMPLE");
    untrusting->Join("LABSRV", Ipv4Address("10.1.1.4"));
    BOOST_TEST(Accept(untrusting, "LABSRV", outcome->ticket, 2, reason).empty());
    BOOST_TEST(reason == "untrusted-realm");
    Ptr<KerberosRealm> rekeyed = Create<KerberosRealm>("LAB.EXAMPLE", std::vector<uint8_t>{0x42});
    rekeyed->Join("LABSRV", Ipv4Address("10.1.1.4"));
    BOOST_TEST(Accept(rekeyed, "LABSRV", outcome->ticket, 2, reason).empty());
    BOOST_TEST(reason == "bad-integrity");
}

BOOST_AUTO_TEST_CASE(unknown_target_client_and_stale_keys_fail_with_their_reasons)
{
    KerberosLan lan;
    auto unknownAddress = lan.Request(Seconds(1), Ipv4Address("10.1.1.99"));
    auto unknownName = lan.RequestByName(Seconds(2), "NOSUCH");
    auto unknownRealm = lan.RequestByName(Seconds(3), "SRV01@NOWHERE.EXAMPLE");
    // A computer the client's copy of the realm has but the directory does not.
    Ptr<KerberosRealm> rogue = Create<KerberosRealm>("CORP.EXAMPLE");
    rogue->Join("ROGUE", Ipv4Address("10.1.1.1"));
    auto unknownClient = lan.Request(Seconds(4), lan.serverAddress, rogue, "ROGUE");
    // A computer whose key is out of step with the directory (a reset machine password).
    Ptr<KerberosRealm> stale = Create<KerberosRealm>("CORP.EXAMPLE", std::vector<uint8_t>{9});
    stale->Join("WKS01", Ipv4Address("10.1.1.1"));
    auto badKey = lan.Request(Seconds(5), lan.serverAddress, stale, "WKS01");
    // A realm object of another name: this KDC does not serve it.
    Ptr<KerberosRealm> lab = Create<KerberosRealm>("LAB.EXAMPLE");
    lab->Join("WKS01", Ipv4Address("10.1.1.1"));
    auto wrongRealm = lan.Request(Seconds(6), lan.serverAddress, lab, "WKS01");
    // Not joined at all: nothing is sent.
    auto notJoined = lan.Request(Seconds(7), lan.serverAddress, lan.corp, "NOBODY");
    lan.Run();

    BOOST_TEST(unknownAddress->reason == "unknown-target");
    BOOST_TEST(unknownName->reason == "unknown-target");
    BOOST_TEST(unknownRealm->reason == "unknown-target");
    BOOST_TEST(unknownClient->reason == "unknown-client");
    BOOST_TEST(badKey->reason == "bad-authenticator");
    BOOST_TEST(wrongRealm->reason == "wrong-realm");
    BOOST_TEST(notJoined->reason == "not-joined");
    BOOST_TEST(notJoined->time == 7.0);
    for (const auto& o : {unknownAddress, unknownName, unknownRealm, unknownClient, badKey,
                          wrongRealm, notJoined})
    {
        BOOST_TEST(!o->ok);
        BOOST_TEST(o->ticket.empty());
        BOOST_TEST(o->sessionKey.empty());
    }
    BOOST_TEST(lan.kdc->GetCounters().errors == 6u);
    BOOST_TEST(lan.kerberos->GetCounters().messagesSent == 6u);
    BOOST_TEST(lan.kerberos->GetCounters().failures == 7u);
}

BOOST_AUTO_TEST_CASE(roaming_target_is_found_at_its_new_address)
{
    KerberosLan lan;
    auto before = lan.Request(Seconds(1), lan.serverAddress);
    Simulator::Schedule(Seconds(2), [&lan]() {
        lan.corp->UpdateAddress("SRV01", Ipv4Address("10.1.1.7"));
    });
    auto moved = lan.Request(Seconds(3), Ipv4Address("10.1.1.7"));
    lan.Run();
    BOOST_TEST(before->ok);
    BOOST_TEST(moved->ok);
    std::string reason;
    BOOST_TEST(Accept(lan.corp, "SRV01", moved->ticket, 4, reason) == moved->sessionKey);
    const KerberosCachedTicket* cached =
        lan.kerberos->FindCachedTicket(lan.corp, "WKS01", Ipv4Address("10.1.1.7"));
    BOOST_REQUIRE(cached);
    BOOST_TEST(cached->serviceName == "SRV01");
}

BOOST_AUTO_TEST_CASE(stopped_kdc_fails_after_three_tries_at_the_exact_time)
{
    KerberosLan lan;
    lan.kdc->SetStopTime(Seconds(0.5));
    std::vector<std::string> retransmitted;
    lan.kerberos->TraceConnectWithoutContext(
        "Retransmitted",
        Callback<void, const std::string&, const std::string&>(
            [&retransmitted](const std::string&, const std::string& n) {
                retransmitted.push_back(n);
            }));
    auto outcome = lan.Request(Seconds(1), lan.serverAddress);
    lan.Run();

    BOOST_TEST(!outcome->ok);
    BOOST_TEST(outcome->reason == "kdc-unreachable");
    BOOST_TEST(outcome->time == 4.0);
    BOOST_TEST(lan.clientSentTimes == (std::vector<double>{1.0, 2.0, 3.0}));
    BOOST_TEST(retransmitted == (std::vector<std::string>{"2", "3"}));
    // The same bytes each time.
    BOOST_REQUIRE(lan.clientSent.size() == 3u);
    BOOST_TEST(lan.clientSent[1] == lan.clientSent[0]);
    BOOST_TEST(lan.clientSent[2] == lan.clientSent[0]);
    BOOST_TEST(lan.kerberos->GetCounters().retransmissions == 2u);
    BOOST_TEST(lan.kdc->GetCounters().requests == 0u);
}

BOOST_AUTO_TEST_CASE(unreachable_dc_address_fails_on_the_configured_schedule)
{
    KerberosLan lan;
    lan.kerberos->SetAttribute("RetransmitTimeout", TimeValue(MilliSeconds(500)));
    lan.kerberos->SetAttribute("MaxTries", UintegerValue(5));
    lan.dcAddress = Ipv4Address("10.1.1.50"); // nobody there: ARP never resolves
    auto outcome = lan.Request(Seconds(1), lan.serverAddress);
    lan.Run();
    BOOST_TEST(outcome->reason == "kdc-unreachable");
    BOOST_TEST(outcome->time == 3.5);
    BOOST_TEST(lan.clientSentTimes == (std::vector<double>{1.0, 1.5, 2.0, 2.5, 3.0}));
}

BOOST_AUTO_TEST_CASE(kdc_that_comes_back_answers_a_retransmission)
{
    KerberosLan lan;
    lan.kdc->SetStartTime(Seconds(1.5));
    auto outcome = lan.Request(Seconds(1), lan.serverAddress);
    lan.Run();
    BOOST_TEST(outcome->ok);
    BOOST_TEST(outcome->time > 2.0);
    BOOST_TEST(outcome->time < 2.03);
    BOOST_TEST(lan.kerberos->GetCounters().messagesSent == 2u);
}

BOOST_AUTO_TEST_CASE(tampered_and_expired_tickets_are_rejected)
{
    KerberosLan lan;
    auto outcome = lan.Request(Seconds(1), lan.serverAddress);
    lan.Run();
    BOOST_REQUIRE(outcome->ok);
    const std::vector<uint8_t>& ticket = outcome->ticket;
    std::string reason;

    // Valid from its issue for 10 h (the default TicketLifetime).
    const KerberosCachedTicket* cached =
        lan.kerberos->FindCachedTicket(lan.corp, "WKS01", lan.serverAddress);
    BOOST_REQUIRE(cached);
    double start = cached->startSeconds;
    double end = cached->endSeconds;
    BOOST_TEST(end - start == 36000.0);
    BOOST_TEST(!Accept(lan.corp, "SRV01", ticket, start, reason).empty());
    BOOST_TEST(!Accept(lan.corp, "SRV01", ticket, end - 0.001, reason).empty());
    BOOST_TEST(Accept(lan.corp, "SRV01", ticket, end, reason).empty());
    BOOST_TEST(reason == "expired");
    BOOST_TEST(Accept(lan.corp, "SRV01", ticket, start - 0.001, reason).empty());
    BOOST_TEST(reason == "not-yet-valid");

    // Another computer cannot use it.
    BOOST_TEST(Accept(lan.corp, "WKS01", ticket, 2, reason).empty());
    BOOST_TEST(reason == "wrong-service");
    BOOST_TEST(Accept(lan.corp, "NOBODY", ticket, 2, reason).empty());
    BOOST_TEST(reason == "wrong-service");

    // Renaming the service in the clear does not help: the key is SRV01's.
    KerberosTicket parsed;
    BOOST_REQUIRE(parsed.Parse(ticket));
    parsed.serviceName = "WKS01";
    BOOST_TEST(Accept(lan.corp, "WKS01", parsed.Serialize(), 2, reason).empty());
    BOOST_TEST(reason == "bad-integrity");

    // Every flipped byte of the encrypted part fails the MAC; any change of the clear part
    // fails the name checks or the parse.
    size_t encryptedStart = ticket.size() - parsed.encryptedPart.size();
    for (size_t i = 0; i < ticket.size(); ++i)
    {
        std::vector<uint8_t> bad = ticket;
        bad[i] ^= 0x80;
        BOOST_TEST(Accept(lan.corp, "SRV01", bad, 2, reason).empty());
        if (i >= encryptedStart)
        {
            BOOST_TEST(reason == "bad-integrity");
        }
    }
    // Truncations, extensions, empty and random input.
    for (size_t len = 0; len < ticket.size(); len += 7)
    {
        std::vector<uint8_t> cut(ticket.begin(), ticket.begin() + len);
        BOOST_TEST(Accept(lan.corp, "SRV01", cut, 2, reason).empty());
    }
    std::vector<uint8_t> longer = ticket;
    longer.push_back(0);
    BOOST_TEST(Accept(lan.corp, "SRV01", longer, 2, reason).empty());
    BOOST_TEST(reason == "malformed");
    BOOST_TEST(Accept(lan.corp, "SRV01", {}, 2, reason).empty());
    BOOST_TEST(reason == "malformed");
    BOOST_TEST(Accept(nullptr, "SRV01", ticket, 2, reason).empty());
    BOOST_TEST(reason == "unknown-service");
}

BOOST_AUTO_TEST_CASE(forged_and_malformed_requests_are_refused)
{
    KerberosLan lan;
    Ptr<Socket> raw = Socket::CreateSocket(lan.client, UdpSocketFactory::GetTypeId());
    raw->Bind();
    std::vector<KerberosError> errors;
    uint32_t replies = 0;
    raw->SetRecvCallback(Callback<void, Ptr<Socket>>([&errors, &replies](Ptr<Socket> s) {
        while (Ptr<Packet> p = s->Recv())
        {
            std::vector<uint8_t> bytes(p->GetSize());
            p->CopyData(bytes.data(), bytes.size());
            KerberosError e;
            if (e.Parse(bytes))
            {
                errors.push_back(e);
            }
            else
            {
                ++replies;
            }
        }
    }));
    CryptoPP::AutoSeededRandomPool rng;
    auto makeRequest = [&lan, &rng](uint32_t nonce, uint64_t timestampMs) {
        KerberosTgsRequest r;
        r.nonce = nonce;
        r.timestampMs = timestampMs;
        r.clientRealm = "CORP.EXAMPLE";
        r.clientName = "WKS01";
        r.targetAddress = lan.serverAddress;
        r.authenticator = KerberosEncrypt(lan.corp->GetKey("WKS01"),
                                          KerberosKeyUsage::AUTHENTICATOR,
                                          r.SerializeBody(),
                                          rng);
        return r;
    };
    auto send = [raw, &lan](const std::vector<uint8_t>& bytes) {
        raw->SendTo(Create<Packet>(bytes.data(), bytes.size()),
                    0,
                    InetSocketAddress(lan.dcAddress, KERBEROS_PORT));
    };
    Simulator::Schedule(Seconds(400), [&]() {
        // A good one, for reference.
        send(makeRequest(1, 400000).Serialize());
        // Timestamp 6 minutes old: clock-skew.
        send(makeRequest(2, 400000 - 360000).Serialize());
        // Target changed after the authenticator was made: bad-authenticator.
        KerberosTgsRequest changed = makeRequest(3, 400000);
        changed.targetAddress = Ipv4Address("10.1.1.3");
        send(changed.Serialize());
    });
    // Garbage and an empty datagram: dropped without an answer (later: ns-3's ARP queue
    // holds only 3 packets while the first ARP request is out).
    Simulator::Schedule(Seconds(401), [&]() {
        send({5, 12, 1, 2, 3});
        send({});
    });
    lan.Run(Seconds(410));

    BOOST_TEST(replies == 1u);
    BOOST_REQUIRE(errors.size() == 2u);
    BOOST_TEST(errors[0].nonce == 2u);
    BOOST_TEST(errors[0].code == 37u);
    BOOST_TEST(errors[0].text == "clock-skew");
    BOOST_TEST(errors[1].nonce == 3u);
    BOOST_TEST(errors[1].code == 31u);
    BOOST_TEST(errors[1].text == "bad-authenticator");
    BOOST_TEST(lan.kdc->GetCounters().malformed == 2u);
    BOOST_TEST(lan.kdc->GetCounters().requests == 3u);
    raw->Close();
}

BOOST_AUTO_TEST_CASE(forged_replies_are_ignored_by_the_client)
{
    KerberosLan lan;
    lan.kdc->SetStopTime(Seconds(0.1));
    // A fake KDC on the DC answers every request with a reply under the wrong key, then with
    // junk; the client ignores both and gives up on schedule.
    Ptr<Socket> fake = Socket::CreateSocket(lan.dc, UdpSocketFactory::GetTypeId());
    Simulator::Schedule(Seconds(0.2), [fake]() {
        fake->Bind(InetSocketAddress(Ipv4Address::GetAny(), KERBEROS_PORT));
    });
    CryptoPP::AutoSeededRandomPool rng;
    fake->SetRecvCallback(Callback<void, Ptr<Socket>>([&rng](Ptr<Socket> s) {
        Address from;
        while (Ptr<Packet> p = s->RecvFrom(from))
        {
            std::vector<uint8_t> bytes(p->GetSize());
            p->CopyData(bytes.data(), bytes.size());
            KerberosTgsRequest request;
            BOOST_REQUIRE(request.Parse(bytes));
            KerberosReplyPart part;
            part.sessionKey = std::vector<uint8_t>(16, 1);
            part.nonce = request.nonce;
            part.serviceRealm = "CORP.EXAMPLE";
            part.serviceName = "SRV01";
            KerberosTicket ticket;
            ticket.serviceRealm = "CORP.EXAMPLE";
            ticket.serviceName = "SRV01";
            ticket.encryptedPart = std::vector<uint8_t>(60, 0);
            KerberosTgsReply reply;
            reply.nonce = request.nonce;
            reply.clientRealm = request.clientRealm;
            reply.clientName = request.clientName;
            reply.ticket = ticket.Serialize();
            reply.encryptedPart = KerberosEncrypt(std::vector<uint8_t>(20, 3),
                                                  KerberosKeyUsage::REPLY,
                                                  part.Serialize(),
                                                  rng);
            std::vector<uint8_t> out = reply.Serialize();
            s->SendTo(Create<Packet>(out.data(), out.size()), 0, from);
            std::vector<uint8_t> junk{5, 13, 0, 0};
            s->SendTo(Create<Packet>(junk.data(), junk.size()), 0, from);
        }
    }));
    auto outcome = lan.Request(Seconds(1), lan.serverAddress);
    lan.Run();
    BOOST_TEST(outcome->reason == "kdc-unreachable");
    BOOST_TEST(outcome->time == 4.0);
    BOOST_TEST(lan.kerberos->GetCounters().ignored == 6u);
    BOOST_TEST(lan.kerberos->GetCounters().replies == 0u);
    fake->Close();
}

namespace
{

/** Every Kerberos payload of one run of a small scenario, in order. */
std::vector<std::vector<uint8_t>>
RunOnce(uint32_t run)
{
    std::vector<std::vector<uint8_t>> all;
    {
        KerberosLan lan(run);
        lan.Request(Seconds(1), lan.serverAddress);
        lan.Request(Seconds(2), Ipv4Address("10.1.1.99"));
        lan.RequestByName(Seconds(3), "SRV01");
        lan.Run();
        all = lan.clientSent;
        all.insert(all.end(), lan.kdcSent.begin(), lan.kdcSent.end());
    }
    return all;
}

} // namespace

BOOST_AUTO_TEST_CASE(same_seed_gives_the_same_bytes)
{
    std::vector<std::vector<uint8_t>> first = RunOnce(1);
    std::vector<std::vector<uint8_t>> second = RunOnce(1);
    std::vector<std::vector<uint8_t>> other = RunOnce(2);
    BOOST_TEST(first.size() == 6u);
    BOOST_TEST(first == second);
    BOOST_REQUIRE(other.size() == first.size());
    BOOST_TEST(other[0] != first[0]);
    BOOST_TEST(other[3] != first[3]);
}

BOOST_AUTO_TEST_SUITE_END()
