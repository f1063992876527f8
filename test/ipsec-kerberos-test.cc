/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// Tests of the Kerberos of the IKE authentication: the realm (directory, keys, trusts), the
// RFC 4120 DER messages, and scenarios on a CSMA LAN with a client, a server and a domain
// controller: the AS and TGS exchanges, AP-REQ / AP-REP with equal session keys, both
// encryption types, message counts and sizes, the ticket and TGT caches, trusts, unknown
// targets, an unreachable KDC, tampered and expired tickets, forged requests and replies, and
// reproducibility. The encryption types themselves: ipsec-kerberos-crypto-test.cc.

#include "ipsec-test-network.h"

#include "ns3/csma-module.h"
#include "ns3/ike-dh.h"

#include <boost/test/unit_test.hpp>

#include <cryptopp/osrng.h>

#include <algorithm>
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
    KerberosCachedTicket cached;     //!< the ticket and its session key
    std::vector<uint8_t> ticket;     //!< the Ticket (DER)
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
        return KerberosClient::TicketCallback(
            [outcome](bool ok, std::string reason, KerberosCachedTicket cached) {
                BOOST_TEST(outcome->time < 0, "a callback ran twice");
                outcome->time = Simulator::Now().GetSeconds();
                outcome->ok = ok;
                outcome->reason = reason;
                outcome->cached = cached;
                outcome->ticket = cached.ticket;
                outcome->sessionKey = cached.sessionKey;
            });
    }

    void Run(Time stop = Seconds(30))
    {
        Simulator::Stop(stop);
        Simulator::Run();
    }
};

/**
 * Sizes measured with the fixture's names (WKS01, SRV01, CORP.EXAMPLE), RC4-HMAC and the
 * default 900-byte PAC; every message of the run parses back (der tests) and tshark
 * dissects them (ipsec-pcap-wireshark-check.sh).
 */
constexpr uint32_t AS_REQ_SIZE = 254;
/** \copydoc AS_REQ_SIZE */
constexpr uint32_t AS_REP_SIZE = 1309;
/** \copydoc AS_REQ_SIZE */
constexpr uint32_t TGS_REQ_SIZE = 1307;
/** \copydoc AS_REQ_SIZE */
constexpr uint32_t TGS_REP_SIZE = 1286;
/** \copydoc AS_REQ_SIZE */
constexpr uint32_t TICKET_SIZE = 1005;
/** \copydoc AS_REQ_SIZE: a KRB-ERROR for host/LABSRV in LAB.EXAMPLE */
constexpr uint32_t ERROR_SIZE = 105;

/** The session key the server gets from an AP-REQ (empty if refused; reason in \p reason). */
std::vector<uint8_t>
Accept(Ptr<KerberosRealm> realm,
       const std::string& service,
       const std::vector<uint8_t>& apRequest,
       double now,
       std::string& reason,
       std::string* clientName = nullptr)
{
    std::vector<uint8_t> key;
    std::string name;
    KerberosAcceptor acceptor(realm, service);
    bool ok = acceptor.Accept(apRequest, now, key, name, reason);
    BOOST_TEST(ok == !key.empty());
    BOOST_TEST(ok == reason.empty());
    if (clientName)
    {
        *clientName = name;
    }
    return key;
}

} // namespace

namespace
{

/** The AP-REQ the client makes for the ticket of \p outcome. */
std::vector<uint8_t>
ApRequest(KerberosLan& lan, const std::shared_ptr<Outcome>& outcome)
{
    int64_t ctime = 0;
    uint32_t cusec = 0;
    return lan.kerberos->MakeApRequest(outcome->cached, ctime, cusec);
}

/** \return the message type (APPLICATION tag) of a payload, or 0 */
uint8_t
TypeOf(const std::vector<uint8_t>& bytes)
{
    uint8_t type = 0;
    return KerberosPeekType(bytes, type) ? type : 0;
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

    BOOST_TEST(corp->GetKey("A").size() == 16u);
    BOOST_TEST(corp->GetKey("A", KerberosEtype::DES_CBC_MD5).size() == 8u);
    BOOST_TEST(corp->GetTgsKey(KerberosEtype::RC4_HMAC).size() == 16u);
    BOOST_TEST(corp->GetTgsKey(KerberosEtype::RC4_HMAC) != corp->GetKey("A"));
    BOOST_TEST(corp->GetSalt("Wks01") == "CORP.EXAMPLEhostwks01.corp.example");
    BOOST_TEST(corp->GetKey("A") != corp->GetKey("B"));
    BOOST_TEST(corp->GetKey("A") != lab->GetKey("A"));
    BOOST_TEST(corp->GetKey("nobody").empty());
    // Deterministic: the same realm name and computer give the same key.
    Ptr<KerberosRealm> again = Create<KerberosRealm>("CORP.EXAMPLE");
    again->Join("A", Ipv4Address("10.0.0.1"));
    BOOST_TEST(again->GetKey("A") == corp->GetKey("A"));
    BOOST_TEST(again->GetKey("A", KerberosEtype::DES_CBC_MD5) ==
               corp->GetKey("A", KerberosEtype::DES_CBC_MD5));
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
    BOOST_TEST(corp->GetKey("B").size() == 16u);

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

// RFC 4120 encodings, byte for byte where a structure is small enough to spell out.
BOOST_AUTO_TEST_CASE(der_encodings_are_rfc_4120)
{
    // KerberosTime: simulated second 0 is 2005-01-01 00:00:00 UTC.
    BOOST_TEST(KerberosTimeText(0) == "20050101000000Z");
    BOOST_TEST(KerberosTimeText(86400 * 59 + 3661) == "20050301010101Z");
    BOOST_TEST(KerberosTimeText(2136422885 - KERBEROS_EPOCH) == "20370913024805Z");
    // PA-ENC-TS-ENC { [0] "20050101000001Z", [1] 5 }.
    KerberosPaEncTimestamp ts;
    ts.timestamp = 1;
    ts.usec = 5;
    std::vector<uint8_t> expected = {0x30, 0x18, 0xa0, 0x11, 0x18, 0x0f, '2', '0', '0', '5', '0',
                                     '1',  '0',  '1',  '0',  '0',  '0',  '0', '0', '1', 'Z', 0xa1,
                                     0x03, 0x02, 0x01, 0x05};
    BOOST_TEST(ts.Serialize() == expected);
    KerberosPaEncTimestamp back;
    BOOST_TEST(back.Parse(expected));
    BOOST_TEST(back.timestamp == 1);
    BOOST_TEST(back.usec == 5u);
    // Not DER: a long-form short length, a non-minimal integer, 30 February.
    std::vector<uint8_t> longForm = expected;
    longForm.insert(longForm.begin() + 1, 0x81);
    BOOST_TEST(!back.Parse(longForm));
    std::vector<uint8_t> padded(expected.begin(), expected.begin() + 21);
    padded[1] = 0x19;
    for (uint8_t b : {0xa1, 0x04, 0x02, 0x02, 0x00, 0x05})
    {
        padded.push_back(b);
    }
    BOOST_TEST(!back.Parse(padded));
    std::vector<uint8_t> february = expected;
    february[11] = '2';
    february[12] = '3';
    february[13] = '0';
    BOOST_TEST(!back.Parse(february));

    // AP-REP: [APPLICATION 15] SEQUENCE { [0] 5, [1] 15, [2] EncryptedData { [0] 23,
    // [2] OCTET STRING } }.
    KerberosApReply apRep;
    apRep.encPart.etype = 23;
    apRep.encPart.cipher = {0xde, 0xad};
    std::vector<uint8_t> apRepBytes = {0x6f, 0x1b, 0x30, 0x19, 0xa0, 0x03, 0x02, 0x01, 0x05,
                                       0xa1, 0x03, 0x02, 0x01, 0x0f, 0xa2, 0x0d, 0x30, 0x0b,
                                       0xa0, 0x03, 0x02, 0x01, 0x17, 0xa2, 0x04, 0x04, 0x02,
                                       0xde, 0xad};
    BOOST_TEST(apRep.Serialize() == apRepBytes);
    BOOST_TEST(TypeOf(apRepBytes) == 15u);

    // Principal names as Windows gives computers.
    BOOST_TEST(KerberosMachinePrincipal("WKS01").ToString() == "WKS01$");
    BOOST_TEST(KerberosHostPrincipal("SRV01").ToString() == "host/SRV01");
    BOOST_TEST(KerberosTgsPrincipal("CORP.EXAMPLE").ToString() == "krbtgt/CORP.EXAMPLE");
    std::string computer;
    BOOST_TEST(KerberosComputerOf(KerberosHostPrincipal("SRV01"), computer));
    BOOST_TEST(computer == "SRV01");
    BOOST_TEST(KerberosComputerOf(KerberosMachinePrincipal("WKS01"), computer));
    BOOST_TEST(computer == "WKS01");
    BOOST_TEST(!KerberosComputerOf(KerberosTgsPrincipal("X"), computer));
    BOOST_TEST(KerberosErrorReason(28) == "untrusted-realm");
    BOOST_TEST(KerberosErrorReason(24) == "bad-authenticator");
    BOOST_TEST(KerberosErrorReason(99) == "kdc-error-99");
}

BOOST_AUTO_TEST_CASE(messages_round_trip_and_parse_any_bytes_safely)
{
    KerberosKdcRequest request;
    request.msgType = KerberosMessageType::AS_REQ;
    request.kdcOptions = 0x40810010;
    request.hasCname = true;
    request.cname = KerberosMachinePrincipal("WKS01");
    request.realm = "CORP.EXAMPLE";
    request.sname = KerberosTgsPrincipal("CORP.EXAMPLE");
    request.till = 1000;
    request.nonce = 0x7fffffff;
    request.etypes = {23, 3, -128};
    request.padata = {{2, std::vector<uint8_t>(44, 0xaa)}};
    std::vector<uint8_t> bytes = request.Serialize();
    BOOST_TEST(TypeOf(bytes) == 10u);
    KerberosKdcRequest parsed;
    BOOST_TEST(parsed.Parse(bytes));
    BOOST_TEST(parsed.Serialize() == bytes);
    BOOST_TEST(parsed.nonce == 0x7fffffffu);
    BOOST_TEST(parsed.etypes == (std::vector<int32_t>{23, 3, -128}));
    BOOST_TEST(parsed.cname == request.cname);
    BOOST_REQUIRE(parsed.FindPadata(KerberosPaType::ENC_TIMESTAMP));
    BOOST_TEST(!parsed.FindPadata(KerberosPaType::TGS_REQ));

    KerberosError error;
    error.stime = 10;
    error.code = 7;
    error.realm = "CORP.EXAMPLE";
    error.sname = KerberosHostPrincipal("NOSUCH");
    error.text = "unknown-target";
    KerberosError error2;
    BOOST_TEST(error2.Parse(error.Serialize()));
    BOOST_TEST(error2.code == 7);
    BOOST_TEST(error2.sname == error.sname);
    BOOST_TEST(!KerberosKdcRequest().Parse(error.Serialize()));

    // Every truncation and a trailing byte is refused; random bytes never crash.
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
        if (i % 2 == 0 && junk.size() > 4)
        {
            // Keep a valid start so that the parsers go deeper.
            std::copy(bytes.begin(), bytes.begin() + 4, junk.begin());
        }
        KerberosKdcRequest a;
        KerberosKdcReply b;
        KerberosError c;
        KerberosTicket d;
        KerberosEncTicketPart e;
        KerberosEncKdcRepPart f;
        KerberosApRequest g;
        KerberosAuthenticator h;
        (void)a.Parse(junk);
        (void)b.Parse(junk);
        (void)c.Parse(junk);
        (void)d.Parse(junk);
        (void)e.Parse(junk);
        (void)f.Parse(junk);
        (void)g.Parse(junk);
        (void)h.Parse(junk);
    }
}

BOOST_AUTO_TEST_CASE(ticket_request_gives_both_sides_the_same_session_key)
{
    KerberosLan lan;
    auto outcome = lan.Request(Seconds(1), lan.serverAddress);
    lan.Run();

    BOOST_TEST(outcome->ok);
    BOOST_TEST(outcome->reason == "");
    // ARP both ways first (ns-3 delays each ARP request by up to 10 ms), then two exchanges.
    BOOST_TEST(outcome->time > 1.0);
    BOOST_TEST(outcome->time < 1.03);
    BOOST_TEST(outcome->sessionKey.size() == 16u);
    BOOST_TEST(outcome->cached.etype == 23);

    std::string reason;
    std::string clientName;
    std::vector<uint8_t> apReq = ApRequest(lan, outcome);
    BOOST_TEST(TypeOf(apReq) == 14u);
    KerberosAcceptor acceptor(lan.corp, "SRV01");
    std::vector<uint8_t> serverKey;
    BOOST_TEST(acceptor.Accept(apReq, outcome->time + 0.5, serverKey, clientName, reason));
    BOOST_TEST(reason == "");
    BOOST_TEST(serverKey == outcome->sessionKey);
    BOOST_TEST(clientName == "WKS01");
    // Mutual authentication: the AP-REP repeats the authenticator's time under the key.
    int64_t ctime = 0;
    uint32_t cusec = 0;
    apReq = lan.kerberos->MakeApRequest(outcome->cached, ctime, cusec);
    BOOST_TEST(acceptor.Accept(apReq, outcome->time + 0.5, serverKey, clientName, reason));
    CryptoPP::AutoSeededRandomPool rng;
    std::vector<uint8_t> apRep = acceptor.MakeApReply(rng);
    BOOST_TEST(TypeOf(apRep) == 15u);
    BOOST_TEST(KerberosClient::CheckApReply(outcome->cached, apRep, ctime, cusec));
    BOOST_TEST(!KerberosClient::CheckApReply(outcome->cached, apRep, ctime + 1, cusec));
    apRep.back() ^= 1;
    BOOST_TEST(!KerberosClient::CheckApReply(outcome->cached, apRep, ctime, cusec));

    const KerberosCachedTicket* cached =
        lan.kerberos->FindCachedTicket(lan.corp, "WKS01", lan.serverAddress);
    BOOST_REQUIRE(cached);
    BOOST_TEST(cached->serviceName == "SRV01");
    BOOST_TEST(cached->serviceRealm == "CORP.EXAMPLE");
    // From the KDC's clock (whole seconds: KerberosTime) when it issued the ticket, 10 hours.
    BOOST_TEST(cached->startSeconds == 1.0);
    BOOST_TEST(cached->endSeconds - cached->startSeconds == 36000.0);
    BOOST_TEST(lan.kerberos->HasTgt(lan.corp, "WKS01"));

    // The target by name gives a ticket for the same service, with the TGT already held:
    // one exchange.
    auto byName = lan.RequestByName(Seconds(10), "SRV01"); // at 30 s + 10 s
    lan.Run(Seconds(20));
    BOOST_TEST(byName->ok);
    BOOST_TEST(byName->time > 40.0);
    BOOST_TEST(Accept(lan.corp, "SRV01", ApRequest(lan, byName), byName->time, reason) ==
               byName->sessionKey);
    BOOST_TEST(byName->sessionKey != outcome->sessionKey);
    BOOST_TEST(lan.kerberos->GetCounters().tgts == 1u);
    BOOST_TEST(lan.kerberos->GetCounters().messagesSent == 3u);
}

BOOST_AUTO_TEST_CASE(des_cbc_md5_works_end_to_end)
{
    KerberosLan lan;
    lan.kerberos->SetAttribute("EncryptionType", StringValue("des-cbc-md5"));
    auto outcome = lan.Request(Seconds(1), lan.serverAddress);
    lan.Run();
    BOOST_REQUIRE(outcome->ok);
    BOOST_TEST(outcome->cached.etype == 3);
    BOOST_TEST(outcome->sessionKey.size() == 8u);
    std::string reason;
    BOOST_TEST(Accept(lan.corp, "SRV01", ApRequest(lan, outcome), 2, reason) ==
               outcome->sessionKey);
    // The requests offer DES first, then RC4-HMAC.
    KerberosKdcRequest asReq;
    BOOST_REQUIRE(asReq.Parse(lan.clientSent.at(0)));
    BOOST_TEST(asReq.etypes == (std::vector<int32_t>{3, 23}));
}

BOOST_AUTO_TEST_CASE(message_counts_and_sizes_on_the_wire)
{
    KerberosLan lan;
    auto outcome = lan.Request(Seconds(1), lan.serverAddress);
    lan.Run();
    BOOST_REQUIRE(outcome->ok);

    // AS-REQ, AS-REP, TGS-REQ, TGS-REP: one frame each, under Windows' 1,465-byte limit for
    // Kerberos over UDP (MaxPacketSize). IPv4 adds 28 bytes, Ethernet 18.
    BOOST_REQUIRE(lan.frames.size() == 4u);
    BOOST_REQUIRE(lan.clientSent.size() == 2u);
    BOOST_REQUIRE(lan.kdcSent.size() == 2u);
    BOOST_TEST(TypeOf(lan.clientSent[0]) == 10u);
    BOOST_TEST(TypeOf(lan.kdcSent[0]) == 11u);
    BOOST_TEST(TypeOf(lan.clientSent[1]) == 12u);
    BOOST_TEST(TypeOf(lan.kdcSent[1]) == 13u);
    const std::vector<uint8_t>* order[] = {&lan.clientSent[0],
                                           &lan.kdcSent[0],
                                           &lan.clientSent[1],
                                           &lan.kdcSent[1]};
    for (size_t i = 0; i < 4; ++i)
    {
        BOOST_TEST(lan.frames[i].node == (i % 2 == 0 ? 0u : 2u));
        BOOST_TEST(lan.frames[i].payload == order[i]->size());
        BOOST_TEST(lan.frames[i].ipBytes == order[i]->size() + 28);
        BOOST_TEST(lan.frames[i].frame == order[i]->size() + 46);
        BOOST_TEST(order[i]->size() <= 1465u);
    }
    // Measured sizes with these names and the default 700-byte PAC (RC4-HMAC).
    BOOST_TEST(lan.clientSent[0].size() == AS_REQ_SIZE);
    BOOST_TEST(lan.kdcSent[0].size() == AS_REP_SIZE);
    BOOST_TEST(lan.clientSent[1].size() == TGS_REQ_SIZE);
    BOOST_TEST(lan.kdcSent[1].size() == TGS_REP_SIZE);
    BOOST_TEST(outcome->ticket.size() == TICKET_SIZE);

    // The TGS-REQ carries the AS-REP's TGT; the TGS-REP the service ticket.
    KerberosKdcReply asRep;
    BOOST_REQUIRE(asRep.Parse(lan.kdcSent[0]));
    KerberosKdcRequest tgsReq;
    BOOST_REQUIRE(tgsReq.Parse(lan.clientSent[1]));
    KerberosApRequest inner;
    BOOST_REQUIRE(inner.Parse(tgsReq.FindPadata(KerberosPaType::TGS_REQ)->value));
    BOOST_TEST(inner.ticket.Serialize() == asRep.ticket.Serialize());
    BOOST_TEST(tgsReq.sname.ToString() == "host/SRV01");
    KerberosKdcReply tgsRep;
    BOOST_REQUIRE(tgsRep.Parse(lan.kdcSent[1]));
    BOOST_TEST(tgsRep.ticket.Serialize() == outcome->ticket);

    const KerberosKdcCounters& k = lan.kdc->GetCounters();
    BOOST_TEST(k.requests == 2u);
    BOOST_TEST(k.tgts == 1u);
    BOOST_TEST(k.replies == 1u);
    BOOST_TEST(k.errors == 0u);
    BOOST_TEST(k.bytesReceived == AS_REQ_SIZE + TGS_REQ_SIZE);
    BOOST_TEST(k.bytesSent == AS_REP_SIZE + TGS_REP_SIZE);
    const KerberosClientCounters& c = lan.kerberos->GetCounters();
    BOOST_TEST(c.messagesSent == 2u);
    BOOST_TEST(c.retransmissions == 0u);
    BOOST_TEST(c.tgts == 1u);
    BOOST_TEST(c.replies == 1u);
}

BOOST_AUTO_TEST_CASE(configured_pac_size)
{
    KerberosLan lan;
    lan.kdc->SetAttribute("PacSize", UintegerValue(300));
    auto outcome = lan.Request(Seconds(1), lan.serverAddress);
    lan.Run();
    BOOST_REQUIRE(outcome->ok);
    // 400 bytes fewer in the ticket and the reply: every length around the PAC keeps its
    // 2-byte long form (both sizes are between 256 and 65535), so exactly 400.
    BOOST_TEST(outcome->ticket.size() == TICKET_SIZE - 400);
    BOOST_REQUIRE(lan.kdcSent.size() == 2u);
    BOOST_TEST(lan.kdcSent[1].size() == TGS_REP_SIZE - 400);
}

BOOST_AUTO_TEST_CASE(second_request_for_the_same_target_is_a_cache_hit)
{
    KerberosLan lan;
    lan.kdc->SetAttribute("TicketLifetime", TimeValue(Seconds(10)));
    auto first = lan.Request(Seconds(1), lan.serverAddress);
    // Two requests at the same moment share one exchange.
    auto joined = lan.Request(Seconds(1), lan.serverAddress);
    auto hit = lan.Request(Seconds(2), lan.serverAddress);
    // After the ticket's and the TGT's end (1 s + 10 s) the KDC is asked again: both
    // exchanges.
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
    BOOST_TEST(c.messagesSent == 4u);
    BOOST_TEST(c.tgts == 2u);
    BOOST_TEST(lan.kdc->GetCounters().replies == 2u);
    BOOST_TEST(lan.kdc->GetCounters().tgts == 2u);
    BOOST_TEST(lan.frames.size() == 8u);

    lan.kerberos->PurgeTickets();
    BOOST_TEST(lan.kerberos->GetNCachedTickets() == 0u);
    BOOST_TEST(!lan.kerberos->HasTgt(lan.corp, "WKS01"));
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
    // AS exchange once, then one refused TGS-REQ each: KRB-ERROR 28 naming host/LABSRV.
    BOOST_REQUIRE(lan.kdcSent.size() == 3u);
    KerberosError error;
    BOOST_REQUIRE(error.Parse(lan.kdcSent[1]));
    BOOST_TEST(error.code == 28);
    BOOST_TEST(error.realm == "LAB.EXAMPLE");
    BOOST_TEST(error.sname.ToString() == "host/LABSRV");
    BOOST_TEST(lan.kdcSent[1].size() == ERROR_SIZE);
    BOOST_REQUIRE(lan.frames.size() == 6u);
    BOOST_TEST(lan.frames[3].node == 2u);
    BOOST_TEST(lan.frames[3].ipBytes == ERROR_SIZE + 28);
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
    BOOST_TEST(outcome->cached.serviceRealm == "LAB.EXAMPLE");
    std::string reason;
    std::string clientName;
    std::vector<uint8_t> apReq = ApRequest(lan, outcome);
    BOOST_TEST(Accept(lab, "LABSRV", apReq, 2, reason, &clientName) == outcome->sessionKey);
    BOOST_TEST(clientName == "WKS01@CORP.EXAMPLE");
    // The ticket is for LABSRV of LAB.EXAMPLE only.
    BOOST_TEST(Accept(lan.corp, "LABSRV", apReq, 2, reason).empty());
    BOOST_TEST(reason == "wrong-service");

    // The same server in a copy of LAB.EXAMPLE (same name, so the same keys) that has no
    // trust with CORP.EXAMPLE refuses the ticket; one with another secret cannot decrypt it.
    Ptr<KerberosRealm> untrusting = Create<KerberosRealm>("LAB.EXAMPLE");
    untrusting->Join("LABSRV", Ipv4Address("10.1.1.4"));
    BOOST_TEST(Accept(untrusting, "LABSRV", apReq, 2, reason).empty());
    BOOST_TEST(reason == "untrusted-realm");
    Ptr<KerberosRealm> rekeyed = Create<KerberosRealm>("LAB.EXAMPLE", std::vector<uint8_t>{0x42});
    rekeyed->Join("LABSRV", Ipv4Address("10.1.1.4"));
    BOOST_TEST(Accept(rekeyed, "LABSRV", apReq, 2, reason).empty());
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
    // A computer whose key is out of step with the directory (a reset machine password):
    // its PA-ENC-TIMESTAMP does not decrypt (KDC_ERR_PREAUTH_FAILED).
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
    // WKS01's AS exchange once (at 1 s), then three TGS-REQs; three refused AS-REQs.
    BOOST_TEST(lan.kdc->GetCounters().errors == 6u);
    BOOST_TEST(lan.kdc->GetCounters().tgts == 1u);
    BOOST_TEST(lan.kerberos->GetCounters().messagesSent == 7u);
    BOOST_TEST(lan.kerberos->GetCounters().failures == 7u);
    KerberosError error;
    BOOST_REQUIRE(error.Parse(lan.kdcSent.at(1)));
    BOOST_TEST(error.sname.ToString() == "host/10.1.1.99");
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
    BOOST_TEST(Accept(lan.corp, "SRV01", ApRequest(lan, moved), 4, reason) ==
               moved->sessionKey);
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
    // The same AS-REQ bytes each time.
    BOOST_REQUIRE(lan.clientSent.size() == 3u);
    BOOST_TEST(TypeOf(lan.clientSent[0]) == 10u);
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
    // The AS-REQ twice, then the TGS-REQ at once.
    BOOST_TEST(lan.kerberos->GetCounters().messagesSent == 3u);
    BOOST_TEST(lan.kerberos->GetCounters().retransmissions == 1u);
}

BOOST_AUTO_TEST_CASE(tampered_and_expired_tickets_are_rejected)
{
    KerberosLan lan;
    auto outcome = lan.Request(Seconds(1), lan.serverAddress);
    lan.Run();
    BOOST_REQUIRE(outcome->ok);
    std::vector<uint8_t> apReq = ApRequest(lan, outcome);
    std::string reason;

    // Valid from its issue for 10 h (the default TicketLifetime).
    const KerberosCachedTicket* cached =
        lan.kerberos->FindCachedTicket(lan.corp, "WKS01", lan.serverAddress);
    BOOST_REQUIRE(cached);
    double start = cached->startSeconds;
    double end = cached->endSeconds;
    BOOST_TEST(end - start == 36000.0);
    BOOST_TEST(!Accept(lan.corp, "SRV01", apReq, start, reason).empty());
    BOOST_TEST(!Accept(lan.corp, "SRV01", apReq, end - 0.001, reason).empty());
    BOOST_TEST(Accept(lan.corp, "SRV01", apReq, end, reason).empty());
    BOOST_TEST(reason == "expired");
    BOOST_TEST(Accept(lan.corp, "SRV01", apReq, start - 0.001, reason).empty());
    BOOST_TEST(reason == "not-yet-valid");

    // Another computer cannot use it.
    BOOST_TEST(Accept(lan.corp, "WKS01", apReq, 2, reason).empty());
    BOOST_TEST(reason == "wrong-service");
    BOOST_TEST(Accept(lan.corp, "NOBODY", apReq, 2, reason).empty());
    BOOST_TEST(reason == "wrong-service");

    // Renaming the service in the clear does not help: the key is SRV01's.
    KerberosApRequest parsed;
    BOOST_REQUIRE(parsed.Parse(apReq));
    parsed.ticket.sname = KerberosHostPrincipal("WKS01");
    BOOST_TEST(Accept(lan.corp, "WKS01", parsed.Serialize(), 2, reason).empty());
    BOOST_TEST(reason == "bad-integrity");
    // Another ticket's authenticator (another session key) does not decrypt.
    BOOST_REQUIRE(parsed.Parse(apReq));
    parsed.authenticator.cipher.back() ^= 1;
    BOOST_TEST(Accept(lan.corp, "SRV01", parsed.Serialize(), 2, reason).empty());
    BOOST_TEST(reason == "bad-integrity");

    // Every flipped byte fails (parse, names, or integrity), never crashes; except the four
    // bytes of ap-options, which RFC 4120 leaves unprotected ([2] BIT STRING: a2 07 03 05 00).
    const std::vector<uint8_t> options = {0xa2, 0x07, 0x03, 0x05, 0x00};
    auto at = std::search(apReq.begin(), apReq.end(), options.begin(), options.end());
    BOOST_REQUIRE(at != apReq.end());
    size_t flags = static_cast<size_t>(at - apReq.begin()) + options.size();
    size_t accepted = 0;
    for (size_t i = 0; i < apReq.size(); ++i)
    {
        std::vector<uint8_t> bad = apReq;
        bad[i] ^= 0x80;
        bool refused = Accept(lan.corp, "SRV01", bad, 2, reason).empty();
        BOOST_TEST(refused == (i < flags || i >= flags + 4), "byte " << i);
        accepted += refused ? 0 : 1;
    }
    BOOST_TEST(accepted == 4u);
    // Truncations, extensions, empty input.
    for (size_t len = 0; len < apReq.size(); len += 7)
    {
        std::vector<uint8_t> cut(apReq.begin(), apReq.begin() + len);
        BOOST_TEST(Accept(lan.corp, "SRV01", cut, 2, reason).empty());
    }
    std::vector<uint8_t> longer = apReq;
    longer.push_back(0);
    BOOST_TEST(Accept(lan.corp, "SRV01", longer, 2, reason).empty());
    BOOST_TEST(reason == "malformed");
    BOOST_TEST(Accept(lan.corp, "SRV01", {}, 2, reason).empty());
    BOOST_TEST(reason == "malformed");
    BOOST_TEST(Accept(nullptr, "SRV01", apReq, 2, reason).empty());
    BOOST_TEST(reason == "unknown-service");
}

BOOST_AUTO_TEST_CASE(forged_and_malformed_requests_are_refused)
{
    KerberosLan lan;
    Ptr<Socket> raw = Socket::CreateSocket(lan.client, UdpSocketFactory::GetTypeId());
    raw->Bind();
    std::vector<KerberosError> errors;
    std::vector<KerberosKdcReply> replies;
    raw->SetRecvCallback(Callback<void, Ptr<Socket>>([&errors, &replies](Ptr<Socket> s) {
        while (Ptr<Packet> p = s->Recv())
        {
            std::vector<uint8_t> bytes(p->GetSize());
            p->CopyData(bytes.data(), bytes.size());
            KerberosError e;
            KerberosKdcReply r;
            if (e.Parse(bytes))
            {
                errors.push_back(e);
            }
            else if (r.Parse(bytes))
            {
                replies.push_back(r);
            }
        }
    }));
    CryptoPP::AutoSeededRandomPool rng;
    // An AS-REQ for WKS01 with PA-ENC-TIMESTAMP at \p seconds under \p key.
    auto asReq = [&lan, &rng](uint32_t nonce, int64_t seconds, const std::vector<uint8_t>& key) {
        KerberosKdcRequest r;
        r.kdcOptions = 0x40810010;
        r.hasCname = true;
        r.cname = KerberosMachinePrincipal("WKS01");
        r.realm = "CORP.EXAMPLE";
        r.sname = KerberosTgsPrincipal("CORP.EXAMPLE");
        r.till = 100000;
        r.nonce = nonce;
        r.etypes = {23};
        KerberosPaEncTimestamp ts;
        ts.timestamp = seconds;
        KerberosEncryptedData sealed;
        sealed.etype = 23;
        sealed.cipher = KerberosCrypto::Encrypt(KerberosEtype::RC4_HMAC,
                                                key,
                                                KerberosKeyUsage::PA_ENC_TIMESTAMP,
                                                ts.Serialize(),
                                                rng);
        r.padata = {{2, sealed.Serialize()}};
        return r.Serialize();
    };
    auto send = [raw, &lan](const std::vector<uint8_t>& bytes) {
        raw->SendTo(Create<Packet>(bytes.data(), bytes.size()),
                    0,
                    InetSocketAddress(lan.dcAddress, KERBEROS_PORT));
    };
    std::vector<uint8_t> key = lan.corp->GetKey("WKS01");
    Simulator::Schedule(Seconds(400), [&]() {
        // A good one, for reference.
        send(asReq(1, 400, key));
        // Timestamp 6 minutes old: clock-skew.
        send(asReq(2, 400 - 360, key));
        // Under another key: KDC_ERR_PREAUTH_FAILED, "bad-authenticator".
        send(asReq(3, 400, std::vector<uint8_t>(16, 7)));
    });
    // A TGS-REQ whose TGT was tampered with: KRB_AP_ERR_BAD_INTEGRITY. Garbage and an empty
    // datagram: dropped without an answer (later: ns-3's ARP queue holds only 3 packets while
    // the first ARP request is out).
    Simulator::Schedule(Seconds(401), [&]() {
        BOOST_REQUIRE(!replies.empty());
        KerberosKdcRequest tgs;
        tgs.msgType = KerberosMessageType::TGS_REQ;
        tgs.realm = "CORP.EXAMPLE";
        tgs.sname = KerberosHostPrincipal("SRV01");
        tgs.till = 100000;
        tgs.nonce = 4;
        tgs.etypes = {23};
        KerberosApRequest ap;
        ap.ticket = replies[0].ticket;
        ap.ticket.encPart.cipher[20] ^= 1;
        ap.authenticator.etype = 23;
        ap.authenticator.cipher = std::vector<uint8_t>(40, 1);
        tgs.padata = {{1, ap.Serialize()}};
        send(tgs.Serialize());
        send({0x6a, 0x03, 1, 2, 3});
        send({});
    });
    lan.Run(Seconds(410));

    BOOST_TEST(replies.size() == 1u);
    BOOST_REQUIRE(errors.size() == 3u);
    BOOST_TEST(errors[0].code == 37);
    BOOST_TEST(errors[0].text == "clock-skew");
    BOOST_TEST(errors[0].cname == KerberosMachinePrincipal("WKS01"));
    BOOST_TEST(errors[1].code == 24);
    BOOST_TEST(errors[1].text == "bad-authenticator");
    BOOST_TEST(errors[2].code == 31);
    BOOST_TEST(errors[2].text == "bad-authenticator");
    BOOST_TEST(errors[2].stime == 401);
    BOOST_TEST(lan.kdc->GetCounters().malformed == 2u);
    BOOST_TEST(lan.kdc->GetCounters().requests == 4u);
    raw->Close();
}

BOOST_AUTO_TEST_CASE(forged_replies_are_ignored_by_the_client)
{
    KerberosLan lan;
    lan.kdc->SetStopTime(Seconds(0.1));
    // A fake KDC on the DC answers every AS-REQ with an AS-REP under the wrong key, then with
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
            KerberosKdcRequest request;
            BOOST_REQUIRE(request.Parse(bytes));
            KerberosEncKdcRepPart part;
            part.keyType = 23;
            part.key = std::vector<uint8_t>(16, 1);
            part.nonce = request.nonce;
            part.srealm = request.realm;
            part.sname = request.sname;
            KerberosKdcReply reply;
            reply.crealm = request.realm;
            reply.cname = request.cname;
            reply.ticket.realm = request.realm;
            reply.ticket.sname = request.sname;
            reply.ticket.encPart.etype = 23;
            reply.ticket.encPart.cipher = std::vector<uint8_t>(60, 0);
            reply.encPart.etype = 23;
            reply.encPart.cipher = KerberosCrypto::Encrypt(KerberosEtype::RC4_HMAC,
                                                           std::vector<uint8_t>(16, 3),
                                                           KerberosKeyUsage::AS_REP_ENC_PART,
                                                           part.Serialize(),
                                                           rng);
            std::vector<uint8_t> out = reply.Serialize();
            s->SendTo(Create<Packet>(out.data(), out.size()), 0, from);
            std::vector<uint8_t> junk{0x6b, 0x00};
            s->SendTo(Create<Packet>(junk.data(), junk.size()), 0, from);
        }
    }));
    auto outcome = lan.Request(Seconds(1), lan.serverAddress);
    lan.Run();
    BOOST_TEST(outcome->reason == "kdc-unreachable");
    BOOST_TEST(outcome->time == 4.0);
    BOOST_TEST(lan.kerberos->GetCounters().ignored == 6u);
    BOOST_TEST(lan.kerberos->GetCounters().tgts == 0u);
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
    // AS-REQ, TGS-REQ x 3 and their four answers.
    BOOST_TEST(first.size() == 8u);
    BOOST_TEST(first == second);
    BOOST_REQUIRE(other.size() == first.size());
    BOOST_TEST(other[0] != first[0]);
    BOOST_TEST(other[4] != first[4]);
}

BOOST_AUTO_TEST_SUITE_END()
