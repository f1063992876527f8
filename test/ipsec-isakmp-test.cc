/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// Tests of the ISAKMP wire format (RFC 2408, RFC 2409, RFC 2407 IPsec DOI): the header, round
// trips of every payload type, main mode messages 1 and 3, quick mode message 1 and an
// informational Delete (the first and last also as bytes written out by hand from the RFC
// layouts), the encrypted form with padding, malformed inputs, 10000 random mutations, and a
// pcap of the messages that tshark must dissect without complaint.

// GCC 12 reports false -Warray-bounds / -Wstringop-* inside std::vector::insert at end() when inlined here
// (GCC bug 107852 family); the byte building below is plain and bounds-safe.
#pragma GCC diagnostic ignored "-Warray-bounds"
#pragma GCC diagnostic ignored "-Wstringop-overread"
#pragma GCC diagnostic ignored "-Wstringop-overflow"

#include "ipsec-test-bytes.h"
#include "ipsec-test-tools.h"

#include "ns3/isakmp-header.h"
#include "ns3/isakmp-payloads.h"
#include "ns3/packet.h"
#include "ns3/pcap-file.h"

#include <boost/test/unit_test.hpp>

#include <algorithm>

#define CRYPTOPP_ENABLE_NAMESPACE_WEAK 1 // MD5 lives in CryptoPP::Weak
#include <cryptopp/md5.h>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <random>
#include <sstream>
#include <string>
#include <unistd.h>
#include <vector>

using namespace ns3;
using namespace ns3::test;

namespace
{


/** Deterministic filler bytes (KE values, nonces, hashes) that differ per use. */
Bytes
Pattern(size_t size, uint8_t seed)
{
    Bytes out(size);
    for (size_t i = 0; i < size; ++i)
    {
        out[i] = static_cast<uint8_t>(seed + 7 * i);
    }
    return out;
}

Bytes
Md5(const std::string& text)
{
    Bytes digest(CryptoPP::Weak::MD5::DIGESTSIZE);
    CryptoPP::Weak::MD5().CalculateDigest(
        digest.data(), reinterpret_cast<const uint8_t*>(text.data()), text.size());
    return digest;
}

/** A DER Name holding one common name (short strings only: one-byte DER lengths). */
Bytes
DerCommonName(const std::string& cn)
{
    Bytes value{0x0c, static_cast<uint8_t>(cn.size())}; // UTF8String
    value.insert(value.end(), cn.begin(), cn.end());
    Bytes atv{0x30, static_cast<uint8_t>(5 + value.size()), 0x06, 0x03, 0x55, 0x04, 0x03};
    atv.insert(atv.end(), value.begin(), value.end());
    Bytes set{0x31, static_cast<uint8_t>(atv.size())};
    set.insert(set.end(), atv.begin(), atv.end());
    Bytes name{0x30, static_cast<uint8_t>(set.size())};
    name.insert(name.end(), set.begin(), set.end());
    return name;
}

/** A self-signed P-256 certificate, CN=host1.ns3.test (made once with openssl req -x509). */
Bytes
TestCertificate()
{
    return Hex("308201873082012da003020102021427e4a87be1824b67b737a74d3da9c62cd8108b5a300a0608"
               "2a8648ce3d04030230193117301506035504030c0e686f7374312e6e73332e74657374301e170d"
               "3236313132373031333832395a170d3336313132343031333832395a30193117301506035504"
               "030c0e686f7374312e6e73332e746573743059301306072a8648ce3d020106082a8648ce3d0301"
               "07034200045a2d0d9d35f103d75819d6ff5631d0108f73a0cb8d9b1d0c9d8e160037ecd34165ce"
               "3d106b92de8a1581b71cad0442ec6e8c62492bd66c2b14730da5e8cd24bea3533051301d060355"
               "1d0e04160414e124b64204af6df73d0a12aa3b99adeb2b85915f301f0603551d2304183016801"
               "4e124b64204af6df73d0a12aa3b99adeb2b85915f300f0603551d130101ff040530030101ff30"
               "0a06082a8648ce3d040302034800304502202a89b46c78c60c73e31d158eda085fd70647d7619"
               "b5ff55d2c357a2fafd52419022100c4badffeb8729c71aa2fc42ba236b4479e4aee1340390fc1"
               "a38292f6db2ba0e1");
}

constexpr uint64_t ICOOKIE = 0x1122334455667788ULL;
constexpr uint64_t RCOOKIE = 0x99aabbccddeeff00ULL;

IsakmpHeader
MakeHeader(IsakmpExchangeType exchange, uint64_t rcookie, uint32_t messageId)
{
    IsakmpHeader header;
    header.SetInitiatorCookie(ICOOKIE);
    header.SetResponderCookie(rcookie);
    header.SetExchangeType(exchange);
    header.SetMessageId(messageId);
    return header;
}

/** A phase 1 transform as Windows offers it: cipher, hash, auth, group, 8-hour lifetime. */
IsakmpTransform
Phase1Transform(uint8_t number, uint16_t cipher, uint16_t hash, uint16_t auth, uint16_t group)
{
    IsakmpTransform transform;
    transform.number = number;
    transform.transformId = KEY_IKE;
    transform.attributes = {IsakmpAttribute::Basic(IKE_ATTR_ENCRYPTION_ALGORITHM, cipher),
                            IsakmpAttribute::Basic(IKE_ATTR_HASH_ALGORITHM, hash),
                            IsakmpAttribute::Basic(IKE_ATTR_AUTHENTICATION_METHOD, auth),
                            IsakmpAttribute::Basic(IKE_ATTR_GROUP_DESCRIPTION, group),
                            IsakmpAttribute::Basic(IKE_ATTR_LIFE_TYPE, ISAKMP_LIFE_SECONDS),
                            IsakmpAttribute::Number(IKE_ATTR_LIFE_DURATION, 28800)};
    return transform;
}

/** The default Windows main mode offer list, one proposal with four transforms. */
IsakmpSaPayload
WindowsMainModeOffer(uint16_t auth = IKE_AUTH_PRE_SHARED_KEY)
{
    IsakmpProposal proposal;
    proposal.number = 1;
    proposal.protocolId = IsakmpProtocolId::ISAKMP;
    proposal.transforms = {
        Phase1Transform(1, IKE_ENC_3DES_CBC, IKE_HASH_SHA, auth, IKE_GROUP_MODP_1024),
        Phase1Transform(2, IKE_ENC_3DES_CBC, IKE_HASH_MD5, auth, IKE_GROUP_MODP_1024),
        Phase1Transform(3, IKE_ENC_DES_CBC, IKE_HASH_SHA, auth, IKE_GROUP_MODP_768),
        Phase1Transform(4, IKE_ENC_DES_CBC, IKE_HASH_MD5, auth, IKE_GROUP_MODP_768),
    };
    IsakmpSaPayload sa;
    sa.proposals = {proposal};
    return sa;
}

/** Microsoft's vendor ID: MD5("MS NT5 ISAKMPOAKLEY") followed by a 4-byte version. */
IsakmpVendorIdPayload
MsVendorId(uint32_t version)
{
    IsakmpVendorIdPayload vid;
    vid.data = Md5("MS NT5 ISAKMPOAKLEY");
    for (int shift = 24; shift >= 0; shift -= 8)
    {
        vid.data.push_back(static_cast<uint8_t>(version >> shift));
    }
    return vid;
}

IsakmpMessage
MainModeMessage1(uint16_t auth = IKE_AUTH_PRE_SHARED_KEY)
{
    IsakmpMessage message(MakeHeader(IsakmpExchangeType::IDENTITY_PROTECTION, 0, 0));
    message.AddPayload(WindowsMainModeOffer(auth));
    message.AddPayload(MsVendorId(4));
    return message;
}

IsakmpMessage
MainModeMessage2()
{
    IsakmpMessage message(MakeHeader(IsakmpExchangeType::IDENTITY_PROTECTION, RCOOKIE, 0));
    IsakmpSaPayload sa = WindowsMainModeOffer();
    sa.proposals[0].transforms.resize(1); // the responder returns the one it chose
    message.AddPayload(sa);
    message.AddPayload(MsVendorId(4));
    return message;
}

/** Main mode message 3: KE (group 2, 128 bytes) and Nonce. */
IsakmpMessage
MainModeMessage3()
{
    IsakmpMessage message(MakeHeader(IsakmpExchangeType::IDENTITY_PROTECTION, RCOOKIE, 0));
    message.AddPayload(IsakmpKePayload{{Pattern(128, 0x31)}});
    message.AddPayload(IsakmpNoncePayload{{Pattern(20, 0x52)}});
    return message;
}

/** Main mode message 4 of certificate authentication: KE, Nonce, Certificate Request. */
IsakmpMessage
MainModeMessage4WithCertRequest()
{
    IsakmpMessage message(MakeHeader(IsakmpExchangeType::IDENTITY_PROTECTION, RCOOKIE, 0));
    message.AddPayload(IsakmpKePayload{{Pattern(128, 0x13)}});
    message.AddPayload(IsakmpNoncePayload{{Pattern(20, 0x25)}});
    IsakmpCertRequestPayload request;
    request.encoding = IsakmpCertEncoding::X509_SIGNATURE;
    request.authority = DerCommonName("host1.ns3.test");
    message.AddPayload(request);
    return message;
}

/** The payloads of main mode message 5 with certificates (sent encrypted in real life). */
std::vector<IsakmpPayload>
MainModeMessage5CertPayloads()
{
    IsakmpIdPayload id;
    id.idType = IsakmpIdType::DER_ASN1_DN;
    id.protocolId = 17;
    id.port = 500;
    id.data = DerCommonName("host1.ns3.test");
    IsakmpCertPayload cert;
    cert.encoding = IsakmpCertEncoding::X509_SIGNATURE;
    cert.data = TestCertificate();
    return {id, cert, IsakmpSignaturePayload{{Pattern(64, 0x44)}}};
}

constexpr uint32_t QM_MESSAGE_ID = 0x7e57a11d;
constexpr uint32_t QM_SPI = 0x1a2b3c4d;

/** The quick mode ESP proposal: 3DES + HMAC-SHA, transport, 3600 s and 100000 KB. */
IsakmpSaPayload
QuickModeSa()
{
    IsakmpTransform transform;
    transform.number = 1;
    transform.transformId = ESP_3DES;
    transform.attributes = {
        IsakmpAttribute::Basic(IPSEC_ATTR_SA_LIFE_TYPE, ISAKMP_LIFE_SECONDS),
        IsakmpAttribute::Number(IPSEC_ATTR_SA_LIFE_DURATION, 3600),
        IsakmpAttribute::Basic(IPSEC_ATTR_SA_LIFE_TYPE, ISAKMP_LIFE_KILOBYTES),
        IsakmpAttribute::Number(IPSEC_ATTR_SA_LIFE_DURATION, 100000),
        IsakmpAttribute::Basic(IPSEC_ATTR_ENCAPSULATION_MODE, IPSEC_ENCAP_TRANSPORT),
        IsakmpAttribute::Basic(IPSEC_ATTR_AUTHENTICATION_ALGORITHM, IPSEC_AUTH_HMAC_SHA),
    };
    IsakmpProposal proposal;
    proposal.number = 1;
    proposal.protocolId = IsakmpProtocolId::ESP;
    proposal.SetSpi(QM_SPI);
    proposal.transforms = {transform};
    IsakmpSaPayload sa;
    sa.proposals = {proposal};
    return sa;
}

/** Quick mode message 1 in clear: HASH(1), SA, Ni, IDci, IDcr. */
IsakmpMessage
QuickModeMessage1()
{
    IsakmpMessage message(MakeHeader(IsakmpExchangeType::QUICK_MODE, RCOOKIE, QM_MESSAGE_ID));
    message.AddPayload(IsakmpHashPayload{{Pattern(20, 0x77)}});
    message.AddPayload(QuickModeSa());
    message.AddPayload(IsakmpNoncePayload{{Pattern(16, 0x66)}});
    message.AddPayload(IsakmpIdPayload::Ipv4(Ipv4Address("10.1.1.1")));
    message.AddPayload(IsakmpIdPayload::Ipv4(Ipv4Address("10.1.1.2")));
    return message;
}

/** Informational exchange deleting one ESP SA. */
IsakmpMessage
InformationalDelete()
{
    IsakmpMessage message(MakeHeader(IsakmpExchangeType::INFORMATIONAL, RCOOKIE, 0x01020304));
    IsakmpDeletePayload del;
    del.protocolId = IsakmpProtocolId::ESP;
    del.spiSize = 4;
    del.AddSpi(0x12345678);
    message.AddPayload(del);
    return message;
}

Bytes
Serialized(const IsakmpMessage& message)
{
    Bytes out;
    IsakmpStatus status = message.Serialize(out);
    BOOST_REQUIRE_MESSAGE(status.IsOk(), "serialize: " << status);
    return out;
}

IsakmpMessage
Parsed(const Bytes& bytes)
{
    IsakmpMessage message;
    IsakmpStatus status = message.Parse(bytes);
    BOOST_REQUIRE_MESSAGE(status.IsOk(), "parse: " << status);
    return message;
}

/** Serialize, parse, compare payloads and re-serialize to the same bytes. */
void
CheckRoundTrip(const IsakmpMessage& message)
{
    Bytes bytes = Serialized(message);
    IsakmpMessage back = Parsed(bytes);
    BOOST_CHECK(back.GetPayloads() == message.GetPayloads());
    BOOST_CHECK_EQUAL(back.GetHeader().GetLength(), bytes.size());
    BOOST_CHECK_EQUAL(ToHex(Serialized(back)), ToHex(bytes));
}

/** Parse must fail with this notify type and a message containing text. */
void
CheckRejected(const Bytes& bytes, IsakmpNotifyType notify, const std::string& text)
{
    IsakmpMessage message;
    IsakmpStatus status = message.Parse(bytes);
    BOOST_CHECK_MESSAGE(!status.IsOk(), "accepted, expected an error containing '" << text << "'");
    BOOST_CHECK_MESSAGE(status.GetNotifyType() == notify,
                        "notify type " << IsakmpNotifyTypeToString(status.GetNotifyType())
                                       << " for: " << status);
    BOOST_CHECK_MESSAGE(status.GetMessage().find(text) != std::string::npos,
                        "message '" << status.GetMessage() << "' lacks '" << text << "'");
}

void
PutU16(Bytes& bytes, size_t offset, uint16_t value)
{
    bytes[offset] = static_cast<uint8_t>(value >> 8);
    bytes[offset + 1] = static_cast<uint8_t>(value);
}

void
PutU32(Bytes& bytes, size_t offset, uint32_t value)
{
    for (int i = 0; i < 4; ++i)
    {
        bytes[offset + i] = static_cast<uint8_t>(value >> (24 - 8 * i));
    }
}

/** Main mode message 1 written out by hand from RFC 2408 3.1-3.6 and RFC 2409 appendix A. */
const char* const MM1_BYTES =
    // ISAKMP header (RFC 2408 3.1)
    "11 22 33 44 55 66 77 88" // initiator cookie
    "00 00 00 00 00 00 00 00" // responder cookie: zero in the first message
    "01"                      // next payload: SA
    "10"                      // major version 1, minor version 0
    "02"                      // exchange type: identity protection (main mode)
    "00"                      // flags: none
    "00 00 00 00"             // message ID: zero in phase 1
    "00 00 00 c8"             // length: 200 = 28 + 148 (SA) + 24 (VID)
    // SA payload (RFC 2408 3.4, RFC 2407 4.6.1)
    "0d 00 00 94" // next payload VID, reserved, length 148
    "00 00 00 01" // DOI: IPsec
    "00 00 00 01" // situation: SIT_IDENTITY_ONLY
    // Proposal payload (RFC 2408 3.5)
    "00 00 00 88" // next payload: none (last proposal), reserved, length 136
    "01 01 00 04" // proposal #1, PROTO_ISAKMP, SPI size 0, 4 transforms
    // Transform payload #1 (RFC 2408 3.6); attributes are TV (AF bit set): 0x8000 | type
    "03 00 00 20" // next payload: transform, reserved, length 32
    "01 01 00 00" // transform #1, KEY_IKE, reserved
    "80 01 00 05" // encryption algorithm: 3DES-CBC
    "80 02 00 02" // hash algorithm: SHA
    "80 03 00 01" // authentication method: pre-shared key
    "80 04 00 02" // group description: 2 (1024-bit MODP)
    "80 0b 00 01" // life type: seconds
    "80 0c 70 80" // life duration: 28800, fits in 16 bits so TV
    // Transform #2: 3DES, MD5, group 2
    "03 00 00 20 02 01 00 00 80 01 00 05 80 02 00 01 80 03 00 01 80 04 00 02"
    "80 0b 00 01 80 0c 70 80"
    // Transform #3: DES, SHA, group 1
    "03 00 00 20 03 01 00 00 80 01 00 01 80 02 00 02 80 03 00 01 80 04 00 01"
    "80 0b 00 01 80 0c 70 80"
    // Transform #4 (last: next payload none): DES, MD5, group 1
    "00 00 00 20 04 01 00 00 80 01 00 01 80 02 00 01 80 03 00 01 80 04 00 01"
    "80 0b 00 01 80 0c 70 80"
    // Vendor ID payload (RFC 2408 3.16)
    "00 00 00 18"                                     // next payload: none, reserved, length 24
    "1e 2b 51 69 05 99 1c 7d 7c 96 fc bf b5 87 e4 61" // MD5("MS NT5 ISAKMPOAKLEY")
    "00 00 00 04";                                    // version 4 (Wireshark: Windows 2003, XP SP2)

} // namespace

BOOST_AUTO_TEST_SUITE(IsakmpWireFormat)

BOOST_AUTO_TEST_CASE(HeaderFieldsAndNs3Header)
{
    IsakmpHeader header = MakeHeader(IsakmpExchangeType::QUICK_MODE, RCOOKIE, 0xdeadbeef);
    header.SetNextPayload(IsakmpPayloadType::HASH);
    header.SetFlags(IsakmpHeader::FLAG_ENCRYPTION | IsakmpHeader::FLAG_COMMIT);
    header.SetLength(0x01020304);
    BOOST_CHECK_EQUAL(header.GetSerializedSize(), 28u);
    BOOST_CHECK_EQUAL(header.GetVersion(), 0x10);
    BOOST_CHECK_EQUAL(header.GetMajorVersion(), 1);
    BOOST_CHECK_EQUAL(header.GetMinorVersion(), 0);
    BOOST_CHECK(header.IsEncrypted());

    uint8_t raw[IsakmpHeader::SIZE];
    header.Write(raw);
    BOOST_CHECK_EQUAL(ToHex(Bytes(raw, raw + sizeof(raw))),
                      "1122334455667788"
                      "99aabbccddeeff00"
                      "08"
                      "10"
                      "20"
                      "03"
                      "deadbeef"
                      "01020304");

    // Through an ns-3 packet as a Header.
    Ptr<Packet> packet = Create<Packet>(5);
    packet->AddHeader(header);
    BOOST_CHECK_EQUAL(packet->GetSize(), 33u);
    IsakmpHeader read;
    packet->RemoveHeader(read);
    BOOST_CHECK_EQUAL(read.GetInitiatorCookie(), ICOOKIE);
    BOOST_CHECK_EQUAL(read.GetResponderCookie(), RCOOKIE);
    BOOST_CHECK(read.GetNextPayload() == IsakmpPayloadType::HASH);
    BOOST_CHECK(read.GetExchangeType() == IsakmpExchangeType::QUICK_MODE);
    BOOST_CHECK_EQUAL(read.GetFlags(), 0x03);
    BOOST_CHECK_EQUAL(read.GetMessageId(), 0xdeadbeefu);
    BOOST_CHECK_EQUAL(read.GetLength(), 0x01020304u);
    read.SetEncrypted(false);
    BOOST_CHECK_EQUAL(read.GetFlags(), IsakmpHeader::FLAG_COMMIT);

    std::ostringstream text;
    header.Print(text);
    BOOST_CHECK_EQUAL(text.str(),
                      "ISAKMP QUICK_MODE icookie=1122334455667788 rcookie=99aabbccddeeff00 "
                      "msgid=deadbeef version=1.0 next=HASH flags=EC length=16909060");
}

BOOST_AUTO_TEST_CASE(AttributeForms)
{
    IsakmpAttribute seconds = IsakmpAttribute::Number(IPSEC_ATTR_SA_LIFE_DURATION, 3600);
    BOOST_CHECK(seconds.basic);
    BOOST_CHECK_EQUAL(seconds.value, 3600);
    IsakmpAttribute kilobytes = IsakmpAttribute::Number(IPSEC_ATTR_SA_LIFE_DURATION, 100000);
    BOOST_CHECK(!kilobytes.basic);
    BOOST_CHECK_EQUAL(ToHex(kilobytes.data), "000186a0");
    BOOST_CHECK_EQUAL(*kilobytes.GetNumber(), 100000u);
    IsakmpAttribute huge = IsakmpAttribute::Number(IKE_ATTR_LIFE_DURATION, 0x123456789aULL);
    BOOST_CHECK_EQUAL(huge.data.size(), 8u);
    BOOST_CHECK_EQUAL(*huge.GetNumber(), 0x123456789aULL);
    BOOST_CHECK(!IsakmpAttribute::Variable(1, {}).GetNumber().has_value());
    BOOST_CHECK(!IsakmpAttribute::Variable(1, Bytes(9, 1)).GetNumber().has_value());

    // A 16-bit value sent as TLV stays TLV: the form round-trips, not just the number.
    IsakmpSaPayload sa = QuickModeSa();
    sa.proposals[0].transforms[0].attributes.push_back(
        IsakmpAttribute::Variable(IPSEC_ATTR_KEY_LENGTH, {0x00, 0x80}));
    Bytes body;
    BOOST_REQUIRE(sa.Serialize(body).IsOk());
    IsakmpSaPayload back;
    BOOST_REQUIRE(back.Deserialize(body.data(), body.size()).IsOk());
    BOOST_CHECK(back == sa);
    const IsakmpTransform& transform = back.proposals[0].transforms[0];
    BOOST_CHECK(!transform.Find(IPSEC_ATTR_KEY_LENGTH)->basic);
    BOOST_CHECK_EQUAL(*transform.GetNumber(IPSEC_ATTR_KEY_LENGTH), 128u);
    BOOST_CHECK(transform.Find(IPSEC_ATTR_GROUP_DESCRIPTION) == nullptr);

    // Attribute types have 15 bits.
    sa.proposals[0].transforms[0].attributes.push_back(IsakmpAttribute::Basic(0x8001, 1));
    Bytes untouched{0xaa};
    IsakmpStatus status = sa.Serialize(untouched);
    BOOST_CHECK(!status.IsOk());
    BOOST_CHECK_EQUAL(ToHex(untouched), "aa");
    BOOST_TEST_MESSAGE("15-bit attribute type: " << status);
}

BOOST_AUTO_TEST_CASE(EveryPayloadTypeRoundTrips)
{
    IsakmpNotifyPayload responderLifetime;
    responderLifetime.doi = ISAKMP_DOI_IPSEC;
    responderLifetime.protocolId = IsakmpProtocolId::ESP;
    responderLifetime.type = IsakmpNotifyType::RESPONDER_LIFETIME;
    responderLifetime.spi = {0x1a, 0x2b, 0x3c, 0x4d};
    responderLifetime.data = Hex("8001 0001 8002 0e10"); // life type seconds, 3600

    IsakmpDeletePayload deletePhase1;
    deletePhase1.protocolId = IsakmpProtocolId::ISAKMP;
    deletePhase1.spiSize = 16; // the two cookies
    deletePhase1.spis = {Hex("1122334455667788 99aabbccddeeff00")};

    IsakmpDeletePayload deleteEsp;
    deleteEsp.AddSpi(0x11111111);
    deleteEsp.AddSpi(0x22222222);
    deleteEsp.AddSpi(0x33333333);

    IsakmpCertRequestPayload anyCa; // empty authority: any CA
    anyCa.encoding = IsakmpCertEncoding::X509_SIGNATURE;

    IsakmpNotifyPayload initialContact;
    initialContact.protocolId = IsakmpProtocolId::ISAKMP;
    initialContact.type = IsakmpNotifyType::INITIAL_CONTACT;
    initialContact.spi = Hex("1122334455667788 99aabbccddeeff00");

    std::vector<IsakmpPayload> all = {
        WindowsMainModeOffer(IKE_AUTH_GSSAPI_KERBEROS),
        QuickModeSa(),
        IsakmpKePayload{{Pattern(96, 1)}},
        IsakmpIdPayload::Ipv4(Ipv4Address("192.168.0.1"), 17, 500),
        IsakmpIdPayload::Ipv4Subnet(Ipv4Address("10.0.0.0"), Ipv4Mask("255.0.0.0"), 6, 80),
        IsakmpIdPayload::Text(IsakmpIdType::FQDN, "host1.ns3.test"),
        IsakmpIdPayload::Text(IsakmpIdType::USER_FQDN, "user@ns3.test"),
        IsakmpIdPayload{IsakmpIdType::IPV4_ADDR_RANGE, 0, 0, Hex("0a000001 0a0000ff")},
        IsakmpIdPayload{IsakmpIdType::DER_ASN1_DN, 0, 0, DerCommonName("ca")},
        IsakmpIdPayload{IsakmpIdType::KEY_ID, 0, 0, Hex("0102030405")},
        IsakmpCertPayload{IsakmpCertEncoding::X509_SIGNATURE, TestCertificate()},
        IsakmpCertRequestPayload{IsakmpCertEncoding::X509_SIGNATURE, DerCommonName("ca")},
        anyCa,
        IsakmpHashPayload{{Pattern(20, 2)}},
        IsakmpSignaturePayload{{Pattern(128, 3)}},
        IsakmpNoncePayload{{Pattern(16, 4)}},
        IsakmpNotifyPayload{ISAKMP_DOI_IPSEC,
                            IsakmpProtocolId::ISAKMP,
                            IsakmpNotifyType::NO_PROPOSAL_CHOSEN,
                            {},
                            {}},
        IsakmpNotifyPayload{ISAKMP_DOI_IPSEC,
                            IsakmpProtocolId::ISAKMP,
                            IsakmpNotifyType::AUTHENTICATION_FAILED,
                            {},
                            {}},
        IsakmpNotifyPayload{ISAKMP_DOI_IPSEC,
                            IsakmpProtocolId::ISAKMP,
                            IsakmpNotifyType::INVALID_ID_INFORMATION,
                            {},
                            {}},
        IsakmpNotifyPayload{ISAKMP_DOI_IPSEC,
                            IsakmpProtocolId::ISAKMP,
                            IsakmpNotifyType::INVALID_KEY_INFORMATION,
                            {},
                            {}},
        IsakmpNotifyPayload{ISAKMP_DOI_ISAKMP,
                            IsakmpProtocolId::ISAKMP,
                            IsakmpNotifyType::INVALID_PAYLOAD_TYPE,
                            {},
                            Hex("0e")},
        responderLifetime,
        initialContact,
        deletePhase1,
        deleteEsp,
        IsakmpVendorIdPayload{{Md5("MS NT5 ISAKMPOAKLEY")}},
    };

    // Each payload alone, then all of them in one message.
    for (const IsakmpPayload& payload : all)
    {
        IsakmpMessage single(MakeHeader(IsakmpExchangeType::INFORMATIONAL, RCOOKIE, 9));
        single.AddPayload(payload);
        CheckRoundTrip(single);
    }
    IsakmpMessage message(MakeHeader(IsakmpExchangeType::BASE, RCOOKIE, 0));
    for (const IsakmpPayload& payload : all)
    {
        message.AddPayload(payload);
    }
    CheckRoundTrip(message);
    IsakmpMessage back = Parsed(Serialized(message));
    BOOST_REQUIRE_EQUAL(back.GetPayloads().size(), all.size());
    for (size_t i = 0; i < all.size(); ++i)
    {
        BOOST_CHECK(IsakmpGetPayloadType(back.GetPayloads()[i]) == IsakmpGetPayloadType(all[i]));
    }
    BOOST_CHECK_EQUAL(back.Find<IsakmpDeletePayload>(1)->spis.size(), 3u);
    BOOST_CHECK_EQUAL(back.Find<IsakmpIdPayload>(2)->data.size(), 14u);
    BOOST_CHECK(back.Find<IsakmpIdPayload>(7) == nullptr);
    BOOST_CHECK_EQUAL(*back.Find<IsakmpSaPayload>()->proposals[0].transforms[0].GetNumber(
                          IKE_ATTR_AUTHENTICATION_METHOD),
                      65001u);

    std::ostringstream text;
    text << back;
    BOOST_CHECK_MESSAGE(text.str().find("[SA SA KE ID ID ID ID ID ID ID CERT CR CR HASH SIG "
                                        "NONCE N N N N N N N D D VID]") != std::string::npos,
                        text.str());
}

BOOST_AUTO_TEST_CASE(MainModeMessage1ExactBytes)
{
    Bytes expected = Hex(MM1_BYTES);
    BOOST_REQUIRE_EQUAL(expected.size(), 200u);
    BOOST_CHECK_EQUAL(ToHex(Serialized(MainModeMessage1())), ToHex(expected));

    IsakmpMessage parsed = Parsed(expected);
    const IsakmpHeader& header = parsed.GetHeader();
    BOOST_CHECK(header.GetExchangeType() == IsakmpExchangeType::IDENTITY_PROTECTION);
    BOOST_CHECK(header.GetNextPayload() == IsakmpPayloadType::SA);
    BOOST_CHECK_EQUAL(header.GetResponderCookie(), 0u);
    BOOST_CHECK_EQUAL(header.GetLength(), 200u);
    const IsakmpSaPayload* sa = parsed.Find<IsakmpSaPayload>();
    BOOST_REQUIRE(sa != nullptr);
    BOOST_CHECK_EQUAL(sa->doi, ISAKMP_DOI_IPSEC);
    BOOST_CHECK_EQUAL(sa->situation, IPSEC_SIT_IDENTITY_ONLY);
    BOOST_REQUIRE_EQUAL(sa->proposals.size(), 1u);
    const IsakmpProposal& proposal = sa->proposals[0];
    BOOST_CHECK(proposal.protocolId == IsakmpProtocolId::ISAKMP);
    BOOST_CHECK(proposal.spi.empty());
    BOOST_REQUIRE_EQUAL(proposal.transforms.size(), 4u);
    const uint16_t offers[4][3] = {{IKE_ENC_3DES_CBC, IKE_HASH_SHA, IKE_GROUP_MODP_1024},
                                   {IKE_ENC_3DES_CBC, IKE_HASH_MD5, IKE_GROUP_MODP_1024},
                                   {IKE_ENC_DES_CBC, IKE_HASH_SHA, IKE_GROUP_MODP_768},
                                   {IKE_ENC_DES_CBC, IKE_HASH_MD5, IKE_GROUP_MODP_768}};
    for (size_t i = 0; i < 4; ++i)
    {
        const IsakmpTransform& t = proposal.transforms[i];
        BOOST_CHECK_EQUAL(t.number, i + 1);
        BOOST_CHECK_EQUAL(t.transformId, KEY_IKE);
        BOOST_CHECK_EQUAL(*t.GetNumber(IKE_ATTR_ENCRYPTION_ALGORITHM), offers[i][0]);
        BOOST_CHECK_EQUAL(*t.GetNumber(IKE_ATTR_HASH_ALGORITHM), offers[i][1]);
        BOOST_CHECK_EQUAL(*t.GetNumber(IKE_ATTR_GROUP_DESCRIPTION), offers[i][2]);
        BOOST_CHECK_EQUAL(*t.GetNumber(IKE_ATTR_AUTHENTICATION_METHOD), IKE_AUTH_PRE_SHARED_KEY);
        BOOST_CHECK_EQUAL(*t.GetNumber(IKE_ATTR_LIFE_TYPE), ISAKMP_LIFE_SECONDS);
        BOOST_CHECK_EQUAL(*t.GetNumber(IKE_ATTR_LIFE_DURATION), 28800u);
    }
    const IsakmpVendorIdPayload* vid = parsed.Find<IsakmpVendorIdPayload>();
    BOOST_REQUIRE(vid != nullptr);
    BOOST_CHECK(*vid == MsVendorId(4));

    // SAi_b for the IKE hashes is the SA body: from DOI to the end of the last transform.
    Bytes saBody;
    BOOST_REQUIRE(sa->Serialize(saBody).IsOk());
    BOOST_CHECK_EQUAL(ToHex(saBody), ToHex(Bytes(expected.begin() + 32, expected.begin() + 176)));
}

BOOST_AUTO_TEST_CASE(MainModeMessages2To4)
{
    CheckRoundTrip(MainModeMessage2());
    CheckRoundTrip(MainModeMessage4WithCertRequest());

    IsakmpMessage message3 = MainModeMessage3();
    CheckRoundTrip(message3);
    Bytes bytes = Serialized(message3);
    // 28 header + (4 + 128) KE + (4 + 20) nonce
    BOOST_CHECK_EQUAL(bytes.size(), 184u);
    BOOST_CHECK_EQUAL(ToHex(Bytes(bytes.begin() + 16, bytes.begin() + 20)), "04100200");
    BOOST_CHECK_EQUAL(ToHex(Bytes(bytes.begin() + 28, bytes.begin() + 32)), "0a000084");
    BOOST_CHECK_EQUAL(ToHex(Bytes(bytes.begin() + 160, bytes.begin() + 164)), "00000018");
    IsakmpMessage parsed = Parsed(bytes);
    BOOST_CHECK_EQUAL(parsed.Find<IsakmpKePayload>()->data.size(), 128u);
    BOOST_CHECK(parsed.Find<IsakmpNoncePayload>()->data == Pattern(20, 0x52));
}

BOOST_AUTO_TEST_CASE(QuickModeMessage1Clear)
{
    IsakmpMessage message = QuickModeMessage1();
    CheckRoundTrip(message);
    Bytes bytes = Serialized(message);
    BOOST_CHECK_EQUAL(bytes[16], 8);  // next payload: HASH
    BOOST_CHECK_EQUAL(bytes[18], 32); // quick mode
    BOOST_CHECK_EQUAL(ToHex(Bytes(bytes.begin() + 20, bytes.begin() + 24)), "7e57a11d");

    // The SA payload, written out by hand from RFC 2408 3.4-3.6 and RFC 2407 4.5.
    Bytes sa = Hex("0a 00 00 3c"   // next payload: Nonce, reserved, length 60
                   "00 00 00 01"   // DOI: IPsec
                   "00 00 00 01"   // situation: SIT_IDENTITY_ONLY
                   "00 00 00 30"   // proposal: last, reserved, length 48
                   "01 03 04 01"   // proposal #1, PROTO_IPSEC_ESP, SPI size 4, 1 transform
                   "1a 2b 3c 4d"   // SPI
                   "00 00 00 24"   // transform: last, reserved, length 36
                   "01 03 00 00"   // transform #1, ESP_3DES, reserved
                   "80 01 00 01"   // SA life type: seconds
                   "80 02 0e 10"   // SA life duration: 3600 (TV)
                   "80 01 00 02"   // SA life type: kilobytes
                   "00 02 00 04"   // SA life duration as TLV (AF clear): type 2, length 4
                   "00 01 86 a0"   //   value 100000, too big for TV
                   "80 04 00 02"   // encapsulation mode: transport
                   "80 05 00 02"); // authentication algorithm: HMAC-SHA

    size_t saOffset = 28 + 4 + 20; // after the header and HASH(1)
    BOOST_CHECK_EQUAL(ToHex(Bytes(bytes.begin() + saOffset, bytes.begin() + saOffset + sa.size())),
                      ToHex(sa));

    IsakmpMessage parsed = Parsed(bytes);
    const IsakmpProposal& proposal = parsed.Find<IsakmpSaPayload>()->proposals[0];
    BOOST_CHECK(proposal.protocolId == IsakmpProtocolId::ESP);
    BOOST_CHECK_EQUAL(*proposal.GetSpi(), QM_SPI);
    const IsakmpTransform& transform = proposal.transforms[0];
    BOOST_CHECK_EQUAL(transform.transformId, ESP_3DES);
    BOOST_CHECK_EQUAL(*transform.GetNumber(IPSEC_ATTR_ENCAPSULATION_MODE), IPSEC_ENCAP_TRANSPORT);
    BOOST_CHECK_EQUAL(*transform.GetNumber(IPSEC_ATTR_AUTHENTICATION_ALGORITHM),
                      IPSEC_AUTH_HMAC_SHA);
    BOOST_CHECK(transform.attributes[1].basic);
    BOOST_CHECK(!transform.attributes[3].basic);
    BOOST_CHECK_EQUAL(*transform.attributes[3].GetNumber(), 100000u);
    BOOST_CHECK_EQUAL(*parsed.Find<IsakmpIdPayload>(0)->GetIpv4Address(), Ipv4Address("10.1.1.1"));
    BOOST_CHECK_EQUAL(*parsed.Find<IsakmpIdPayload>(1)->GetIpv4Address(), Ipv4Address("10.1.1.2"));

    // HASH(1) covers the message after the HASH payload: the chain of the other payloads.
    std::vector<IsakmpPayload> rest(message.GetPayloads().begin() + 1, message.GetPayloads().end());
    Bytes restBytes;
    BOOST_REQUIRE(IsakmpMessage::SerializePayloadChain(rest, restBytes).IsOk());
    BOOST_CHECK_EQUAL(ToHex(restBytes), ToHex(Bytes(bytes.begin() + 28 + 24, bytes.end())));
}

BOOST_AUTO_TEST_CASE(EncryptedFormAndPadding)
{
    IsakmpMessage clear = QuickModeMessage1();
    Bytes chain;
    BOOST_REQUIRE(IsakmpMessage::SerializePayloadChain(clear.GetPayloads(), chain).IsOk());
    // Stand-in for 3DES: pad to the 8-byte block (RFC 2409 B), and "encrypt" by XOR.
    Bytes padded = chain;
    padded.resize((chain.size() / 8 + 1) * 8, 0);
    padded.back() = static_cast<uint8_t>(padded.size() - chain.size() - 1);
    Bytes ciphertext = padded;
    for (uint8_t& b : ciphertext)
    {
        b ^= 0x5c;
    }

    IsakmpMessage encrypted(clear.GetHeader());
    encrypted.SetEncryptedBody(IsakmpPayloadType::HASH, ciphertext);
    BOOST_CHECK(encrypted.GetHeader().IsEncrypted());
    Bytes wire = Serialized(encrypted);
    BOOST_CHECK_EQUAL(wire.size(), 28 + ciphertext.size());
    BOOST_CHECK_EQUAL(wire[16], 8);     // first payload inside: HASH
    BOOST_CHECK_EQUAL(wire[19] & 1, 1); // E flag

    IsakmpMessage received = Parsed(wire);
    BOOST_CHECK(received.GetHeader().IsEncrypted());
    BOOST_CHECK(received.GetPayloads().empty());
    BOOST_CHECK(received.GetEncryptedBody() == ciphertext);
    BOOST_CHECK_EQUAL(ToHex(Serialized(received)), ToHex(wire));

    Bytes decrypted = received.GetEncryptedBody();
    for (uint8_t& b : decrypted)
    {
        b ^= 0x5c;
    }
    std::vector<IsakmpPayload> payloads;
    size_t consumed = 0;
    IsakmpStatus status = IsakmpMessage::ParsePayloadChain(received.GetHeader().GetNextPayload(),
                                                           decrypted.data(),
                                                           decrypted.size(),
                                                           payloads,
                                                           &consumed);
    BOOST_REQUIRE_MESSAGE(status.IsOk(), status);
    BOOST_CHECK(payloads == clear.GetPayloads());
    BOOST_CHECK_EQUAL(consumed, chain.size());
    // Padding of any content is ignored, even bytes that look like a payload.
    Bytes noisy = chain;
    noisy.insert(noisy.end(), {0x0b, 0xff, 0xff, 0xff, 0x01});
    BOOST_CHECK(IsakmpMessage::ParsePayloadChain(IsakmpPayloadType::HASH, noisy, payloads).IsOk());
    BOOST_CHECK(payloads == clear.GetPayloads());

    // A clear message may not have trailing bytes; an encrypted one may not hold payloads.
    Bytes trailing = Serialized(clear);
    trailing.push_back(0);
    PutU32(trailing, 24, static_cast<uint32_t>(trailing.size()));
    CheckRejected(trailing, IsakmpNotifyType::PAYLOAD_MALFORMED, "1 bytes after the last payload");
    encrypted.AddPayload(IsakmpNoncePayload{{Pattern(8, 1)}});
    Bytes out{1, 2, 3};
    BOOST_CHECK(!encrypted.Serialize(out).IsOk());
    BOOST_CHECK(out.empty());
    // The header of an encrypted message must still name a chain payload type, and a body.
    Bytes badFirst = wire;
    badFirst[16] = 2; // Proposal
    CheckRejected(badFirst, IsakmpNotifyType::INVALID_PAYLOAD_TYPE, "first payload type P");
    Bytes noBody(wire.begin(), wire.begin() + 28);
    PutU32(noBody, 24, 28);
    CheckRejected(noBody, IsakmpNotifyType::PAYLOAD_MALFORMED, "without a body");
}

BOOST_AUTO_TEST_CASE(InformationalDeleteExactBytes)
{
    Bytes expected = Hex("11 22 33 44 55 66 77 88" // initiator cookie
                         "99 aa bb cc dd ee ff 00" // responder cookie
                         "0c"                      // next payload: Delete
                         "10"                      // version 1.0
                         "05"                      // exchange type: informational
                         "00"                      // flags
                         "01 02 03 04"             // message ID
                         "00 00 00 2c"             // length 44 = 28 + 16
                         // Delete payload (RFC 2408 3.15)
                         "00 00 00 10"   // next payload: none, reserved, length 16
                         "00 00 00 01"   // DOI: IPsec
                         "03 04 00 01"   // PROTO_IPSEC_ESP, SPI size 4, one SPI
                         "12 34 56 78"); // the SPI
    BOOST_CHECK_EQUAL(ToHex(Serialized(InformationalDelete())), ToHex(expected));
    IsakmpMessage parsed = Parsed(expected);
    const IsakmpDeletePayload* del = parsed.Find<IsakmpDeletePayload>();
    BOOST_REQUIRE(del != nullptr);
    BOOST_CHECK(del->protocolId == IsakmpProtocolId::ESP);
    BOOST_REQUIRE_EQUAL(del->spis.size(), 1u);
    BOOST_CHECK_EQUAL(ToHex(del->spis[0]), "12345678");
}

BOOST_AUTO_TEST_CASE(PacketRoundTrip)
{
    IsakmpMessage message = QuickModeMessage1();
    Ptr<Packet> packet = message.ToPacket();
    BOOST_REQUIRE(packet);
    BOOST_CHECK_EQUAL(packet->GetSize(), Serialized(message).size());
    IsakmpHeader header;
    packet->PeekHeader(header);
    BOOST_CHECK(header.GetExchangeType() == IsakmpExchangeType::QUICK_MODE);
    BOOST_CHECK_EQUAL(header.GetLength(), packet->GetSize());
    IsakmpMessage back;
    BOOST_REQUIRE(back.FromPacket(packet).IsOk());
    BOOST_CHECK(back.GetPayloads() == message.GetPayloads());
    BOOST_CHECK(!back.FromPacket(nullptr).IsOk());
    BOOST_CHECK(!back.FromPacket(Create<Packet>(10)).IsOk());
    BOOST_CHECK(back.GetPayloads() == message.GetPayloads()); // unchanged by failures

    IsakmpMessage broken = message;
    std::get<IsakmpSaPayload>(broken.GetPayloads()[1]).proposals.clear();
    BOOST_CHECK(!broken.ToPacket());
}

BOOST_AUTO_TEST_CASE(SerializeRefusesInconsistentPayloads)
{
    auto refused = [](IsakmpPayload payload, IsakmpNotifyType notify) {
        IsakmpMessage message(MakeHeader(IsakmpExchangeType::INFORMATIONAL, RCOOKIE, 1));
        message.AddPayload(IsakmpHashPayload{{Pattern(20, 1)}});
        message.AddPayload(std::move(payload));
        Bytes out;
        IsakmpStatus status = message.Serialize(out);
        BOOST_CHECK_MESSAGE(!status.IsOk() && status.GetNotifyType() == notify, status);
        BOOST_CHECK(out.empty());
        BOOST_TEST_MESSAGE("refused: " << status);
    };
    IsakmpSaPayload noTransforms = QuickModeSa();
    noTransforms.proposals[0].transforms.clear();
    refused(noTransforms, IsakmpNotifyType::BAD_PROPOSAL_SYNTAX);
    IsakmpSaPayload noProposals;
    refused(noProposals, IsakmpNotifyType::BAD_PROPOSAL_SYNTAX);
    IsakmpSaPayload otherDoi = QuickModeSa();
    otherDoi.doi = 2;
    refused(otherDoi, IsakmpNotifyType::DOI_NOT_SUPPORTED);
    IsakmpDeletePayload wrongSize;
    wrongSize.spiSize = 4;
    wrongSize.spis = {Hex("0102")};
    refused(wrongSize, IsakmpNotifyType::INVALID_SPI);
    refused(IsakmpIdPayload{IsakmpIdType::IPV4_ADDR, 0, 0, Hex("0a0000")},
            IsakmpNotifyType::INVALID_ID_INFORMATION);
    refused(IsakmpIdPayload{static_cast<IsakmpIdType>(0), 0, 0, {}},
            IsakmpNotifyType::INVALID_ID_INFORMATION);
    refused(IsakmpKePayload{{Bytes(65532, 1)}}, IsakmpNotifyType::PAYLOAD_MALFORMED);
    // The longest body that fits the 16-bit payload length is fine.
    IsakmpMessage big(MakeHeader(IsakmpExchangeType::INFORMATIONAL, RCOOKIE, 1));
    big.AddPayload(IsakmpKePayload{{Bytes(65531, 1)}});
    CheckRoundTrip(big);
}

BOOST_AUTO_TEST_CASE(MalformedInputsAreRejected)
{
    const Bytes good = Hex(MM1_BYTES);
    // Offsets in MM1: SA at 28, proposal at 40, transform 1 at 48, its attributes at 56,
    // VID at 176.

    // Truncated header, and every truncation of the message.
    CheckRejected(Bytes(good.begin(), good.begin() + 27),
                  IsakmpNotifyType::PAYLOAD_MALFORMED,
                  "shorter than the 28-byte ISAKMP header");
    CheckRejected({}, IsakmpNotifyType::PAYLOAD_MALFORMED, "message of 0 bytes");
    for (size_t size = 0; size < good.size(); ++size)
    {
        IsakmpMessage message;
        BOOST_CHECK(!message.Parse(good.data(), size).IsOk());
    }
    Bytes truncated(good.begin(), good.begin() + 100);
    PutU32(truncated, 24, 100); // header length agrees: the payload length is what overruns
    CheckRejected(truncated, IsakmpNotifyType::PAYLOAD_MALFORMED, "length 148 runs past the end");

    // Header checks.
    Bytes bad = good;
    bad[17] = 0x20;
    CheckRejected(bad, IsakmpNotifyType::INVALID_MAJOR_VERSION, "major version 2");
    bad = good;
    bad[17] = 0x11;
    CheckRejected(bad, IsakmpNotifyType::INVALID_MINOR_VERSION, "minor version 1");
    bad = good;
    bad[18] = 6;
    CheckRejected(bad, IsakmpNotifyType::INVALID_EXCHANGE_TYPE, "unknown(6)");
    bad = good;
    bad[19] = 0x08;
    CheckRejected(bad, IsakmpNotifyType::INVALID_FLAGS, "flags 8");
    bad = good;
    PutU32(bad, 24, 201);
    CheckRejected(bad, IsakmpNotifyType::UNEQUAL_PAYLOAD_LENGTHS, "header length 201");

    // Payload length past the end of the message, and below the generic header's 4 bytes.
    bad = good;
    PutU16(bad, 178, 25);
    CheckRejected(bad, IsakmpNotifyType::PAYLOAD_MALFORMED, "payload 2 (VID): length 25 runs");
    bad = good;
    PutU16(bad, 178, 3);
    CheckRejected(bad, IsakmpNotifyType::PAYLOAD_MALFORMED, "length 3 is shorter than the header");
    bad = good;
    bad[29] = 1;
    CheckRejected(bad, IsakmpNotifyType::PAYLOAD_MALFORMED, "payload 1 (SA): reserved byte");

    // Unknown payload types, in the header and in a payload's next field, are named.
    bad = good;
    bad[16] = 200;
    CheckRejected(bad, IsakmpNotifyType::INVALID_PAYLOAD_TYPE, "unknown payload type 200");
    bad = good;
    bad[28] = 14;
    CheckRejected(bad, IsakmpNotifyType::INVALID_PAYLOAD_TYPE, "unknown payload type 14");
    bad = good;
    bad[28] = 3; // a Transform is not a message payload
    CheckRejected(bad, IsakmpNotifyType::INVALID_PAYLOAD_TYPE, "T not allowed");

    // Proposal: transform count disagreeing with the transforms present (both ways).
    bad = good;
    bad[47] = 3;
    CheckRejected(bad, IsakmpNotifyType::BAD_PROPOSAL_SYNTAX, "says 3 transforms, holds 4");
    bad = good;
    bad[47] = 5;
    CheckRejected(bad, IsakmpNotifyType::BAD_PROPOSAL_SYNTAX, "says 5 transforms, holds 4");
    bad = good;
    bad[47] = 0;
    CheckRejected(bad, IsakmpNotifyType::BAD_PROPOSAL_SYNTAX, "no transforms");
    bad = good;
    bad[40] = 2; // announces a second proposal that is not there
    CheckRejected(bad, IsakmpNotifyType::BAD_PROPOSAL_SYNTAX, "proposal 2: announced");
    bad = good;
    bad[48] = 7; // a transform's next payload must be 3 or 0
    CheckRejected(bad, IsakmpNotifyType::BAD_PROPOSAL_SYNTAX, "transform 1: next payload 7");
    bad = good;
    bad[46] = 200; // SPI size larger than the proposal
    CheckRejected(bad, IsakmpNotifyType::PAYLOAD_MALFORMED, "SPI of 200 bytes overruns");

    // Attribute TLV overrun: the first attribute turned into TLV claiming 0x7000 bytes.
    bad = good;
    bad[56] = 0x00;
    PutU16(bad, 58, 21);
    CheckRejected(bad,
                  IsakmpNotifyType::PAYLOAD_MALFORMED,
                  "payload 1 (SA): proposal 1: transform 1: attribute 1 (type 1): TLV length 21 "
                  "overruns the transform (20 bytes left)");
    bad = good;
    bad[56] = 0x00;
    PutU16(bad, 58, 0x7000);
    CheckRejected(bad, IsakmpNotifyType::PAYLOAD_MALFORMED, "TLV length 28672 overruns");
    // Transform length leaving half an attribute.
    bad = good;
    PutU16(bad, 50, 30);
    CheckRejected(bad, IsakmpNotifyType::PAYLOAD_MALFORMED, "truncated");

    // SA body: DOI, situation, no proposals.
    bad = good;
    bad[35] = 2;
    CheckRejected(bad, IsakmpNotifyType::DOI_NOT_SUPPORTED, "DOI 2");
    bad = good;
    bad[39] = 2;
    CheckRejected(bad, IsakmpNotifyType::SITUATION_NOT_SUPPORTED, "situation 2");

    // Payload bodies: ID length per type, Delete count, Notify SPI.
    IsakmpMessage id(MakeHeader(IsakmpExchangeType::INFORMATIONAL, RCOOKIE, 1));
    id.AddPayload(IsakmpIdPayload::Ipv4(Ipv4Address("10.0.0.1")));
    bad = Serialized(id);
    bad[32] = static_cast<uint8_t>(IsakmpIdType::IPV4_ADDR_SUBNET);
    CheckRejected(bad, IsakmpNotifyType::INVALID_ID_INFORMATION, "with 4 bytes of data");
    bad[32] = 0;
    CheckRejected(bad, IsakmpNotifyType::INVALID_ID_INFORMATION, "unknown ID type 0");
    bad = Serialized(InformationalDelete());
    bad[39] = 2;
    CheckRejected(bad, IsakmpNotifyType::PAYLOAD_MALFORMED, "2 SPIs of 4 bytes");
    IsakmpMessage notify(MakeHeader(IsakmpExchangeType::INFORMATIONAL, RCOOKIE, 1));
    notify.AddPayload(IsakmpNotifyPayload{ISAKMP_DOI_IPSEC,
                                          IsakmpProtocolId::ESP,
                                          IsakmpNotifyType::RESPONDER_LIFETIME,
                                          {1, 2, 3, 4},
                                          {}});
    bad = Serialized(notify);
    bad[37] = 5;
    CheckRejected(bad, IsakmpNotifyType::PAYLOAD_MALFORMED, "SPI of 5 bytes overruns");

    // A failed parse leaves the message as it was.
    IsakmpMessage kept = Parsed(good);
    BOOST_CHECK(!kept.Parse(truncated).IsOk());
    BOOST_CHECK_EQUAL(ToHex(Serialized(kept)), ToHex(good));

    // The chain parser alone, as the IKE layer calls it after decryption.
    std::vector<IsakmpPayload> payloads;
    Bytes chain(good.begin() + 28, good.end());
    BOOST_CHECK(IsakmpMessage::ParsePayloadChain(IsakmpPayloadType::SA, chain, payloads).IsOk());
    BOOST_CHECK_EQUAL(payloads.size(), 2u);
    BOOST_CHECK(!IsakmpMessage::ParsePayloadChain(
                     IsakmpPayloadType::SA, Bytes(chain.begin(), chain.end() - 1), payloads)
                     .IsOk());
    BOOST_CHECK(payloads.empty());
    BOOST_CHECK(
        IsakmpMessage::ParsePayloadChain(IsakmpPayloadType::NONE, Bytes(), payloads).IsOk());
    BOOST_CHECK(payloads.empty());
}

BOOST_AUTO_TEST_CASE(RandomMutationsNeverCrash)
{
    std::vector<Bytes> seeds = {Hex(MM1_BYTES),
                                Serialized(MainModeMessage3()),
                                Serialized(MainModeMessage4WithCertRequest()),
                                Serialized(QuickModeMessage1()),
                                Serialized(InformationalDelete())};
    std::mt19937 rng(20240521);
    auto below = [&rng](size_t n) {
        return std::uniform_int_distribution<size_t>(0, n - 1)(rng);
    };
    size_t accepted = 0;
    size_t rejected = 0;
    size_t notIdentity = 0;
    // Independent expectations: an input whose header length disagrees with its size (or too
    // short for a header) must be rejected; an input equal to a valid seed must be accepted.
    size_t malformedLength = 0;
    size_t malformedAccepted = 0;
    size_t unchanged = 0;
    size_t unchangedRejected = 0;
    size_t rejectedWithoutNotify = 0;
    for (int round = 0; round < 10000; ++round)
    {
        Bytes bytes = seeds[below(seeds.size())];
        size_t edits = 1 + below(3);
        for (size_t e = 0; e < edits && !bytes.empty(); ++e)
        {
            size_t at = below(bytes.size());
            switch (below(7))
            {
            case 0: // random byte
                bytes[at] = static_cast<uint8_t>(rng());
                break;
            case 1: // bit flip
                bytes[at] ^= static_cast<uint8_t>(1u << below(8));
                break;
            case 2: // truncate
                bytes.resize(at);
                break;
            case 3: // append
                for (size_t n = 1 + below(16); n > 0; --n)
                {
                    bytes.push_back(static_cast<uint8_t>(rng()));
                }
                break;
            case 4: // insert a byte
                bytes.insert(bytes.begin() + at, static_cast<uint8_t>(rng()));
                break;
            case 5: // erase a byte
                bytes.erase(bytes.begin() + at);
                break;
            default: // 16-bit value, often landing on a length field
                if (at + 1 < bytes.size())
                {
                    PutU16(bytes, at, static_cast<uint16_t>(below(2) ? rng() : below(64)));
                }
                break;
            }
        }
        // Usually make the header length agree, so the payloads get parsed too.
        if (bytes.size() >= 28 && below(4) != 0)
        {
            PutU32(bytes, 24, static_cast<uint32_t>(bytes.size()));
        }
        bool badLength = bytes.size() < 28 ||
                         ((uint32_t{bytes[24]} << 24) | (uint32_t{bytes[25]} << 16) |
                          (uint32_t{bytes[26]} << 8) | bytes[27]) != bytes.size();
        bool isSeed = std::find(seeds.begin(), seeds.end(), bytes) != seeds.end();
        malformedLength += badLength ? 1 : 0;
        unchanged += isSeed ? 1 : 0;
        IsakmpMessage message;
        IsakmpStatus status = message.Parse(bytes);
        if (status.IsOk())
        {
            ++accepted;
            malformedAccepted += badLength ? 1 : 0;
            // Strict parsing makes serialization the exact inverse of every accepted input.
            Bytes again;
            if (!message.Serialize(again).IsOk() || again != bytes)
            {
                ++notIdentity;
            }
        }
        else
        {
            ++rejected;
            unchangedRejected += isSeed ? 1 : 0;
            if (status.GetMessage().empty() || status.GetNotifyType() == IsakmpNotifyType::NONE)
            {
                ++rejectedWithoutNotify;
            }
        }
        // The chain parser with padding allowed, from an arbitrary first type.
        if (bytes.size() > 28)
        {
            std::vector<IsakmpPayload> payloads;
            size_t consumed = 0;
            IsakmpStatus chain =
                IsakmpMessage::ParsePayloadChain(static_cast<IsakmpPayloadType>(below(16)),
                                                 bytes.data() + 28,
                                                 bytes.size() - 28,
                                                 payloads,
                                                 &consumed);
            BOOST_CHECK(!chain.IsOk() || consumed <= bytes.size() - 28);
        }
    }
    BOOST_TEST_MESSAGE("random mutations: " << accepted << " accepted, " << rejected
                                            << " rejected (" << malformedLength
                                            << " with a wrong length, " << unchanged
                                            << " unchanged)");
    BOOST_CHECK_GT(accepted, 0u);
    BOOST_CHECK_GT(malformedLength, 0u);
    BOOST_CHECK_EQUAL(malformedAccepted, 0u);
    BOOST_CHECK_GE(rejected, malformedLength);
    BOOST_CHECK_EQUAL(unchangedRejected, 0u);
    BOOST_CHECK_EQUAL(rejectedWithoutNotify, 0u);
    BOOST_CHECK_EQUAL(notIdentity, 0u);
}

namespace
{

uint16_t
InternetChecksum(const Bytes& data, uint32_t sum = 0)
{
    for (size_t i = 0; i + 1 < data.size(); i += 2)
    {
        sum += static_cast<uint32_t>(data[i] << 8 | data[i + 1]);
    }
    if (data.size() % 2 == 1)
    {
        sum += static_cast<uint32_t>(data.back() << 8);
    }
    while (sum >> 16)
    {
        sum = (sum & 0xffff) + (sum >> 16);
    }
    return static_cast<uint16_t>(~sum);
}

/** An IPv4 datagram carrying payload in UDP from port 500 to port 500, checksums filled. */
Bytes
Ipv4UdpIke(uint32_t source, uint32_t destination, const Bytes& payload, uint16_t ipId)
{
    size_t udpLength = 8 + payload.size();
    Bytes udp(8);
    PutU16(udp, 0, 500);
    PutU16(udp, 2, 500);
    PutU16(udp, 4, static_cast<uint16_t>(udpLength));
    udp.insert(udp.end(), payload.begin(), payload.end());
    // The UDP checksum covers a pseudo-header of addresses, protocol and UDP length.
    Bytes pseudo(12);
    PutU32(pseudo, 0, source);
    PutU32(pseudo, 4, destination);
    pseudo[9] = 17;
    PutU16(pseudo, 10, static_cast<uint16_t>(udpLength));
    pseudo.insert(pseudo.end(), udp.begin(), udp.end());
    uint16_t udpSum = InternetChecksum(pseudo);
    PutU16(udp, 6, udpSum == 0 ? 0xffff : udpSum);

    Bytes ip(20);
    ip[0] = 0x45; // version 4, 5-word header
    PutU16(ip, 2, static_cast<uint16_t>(20 + udpLength));
    PutU16(ip, 4, ipId);
    ip[8] = 64; // TTL
    ip[9] = 17; // UDP
    PutU32(ip, 12, source);
    PutU32(ip, 16, destination);
    PutU16(ip, 10, InternetChecksum(ip));
    ip.insert(ip.end(), udp.begin(), udp.end());
    return ip;
}

/** Output of a shell command (stdout only). */
std::string
Run(const std::string& command)
{
    std::string output;
    FILE* pipe = popen(command.c_str(), "r");
    BOOST_REQUIRE(pipe != nullptr);
    char buffer[4096];
    size_t n;
    while ((n = fread(buffer, 1, sizeof(buffer), pipe)) > 0)
    {
        output.append(buffer, n);
    }
    pclose(pipe);
    return output;
}

std::vector<std::string>
Split(const std::string& text, char separator)
{
    std::vector<std::string> parts;
    std::string part;
    std::istringstream in(text);
    while (std::getline(in, part, separator))
    {
        parts.push_back(part);
    }
    if (!text.empty() && text.back() == separator)
    {
        parts.emplace_back();
    }
    return parts;
}

} // namespace

BOOST_AUTO_TEST_CASE(TsharkDissectsTheMessages,
                     *boost::unit_test::precondition(ns3::test::ToolsOnPath{{"tshark"}}))
{

    struct Frame
    {
        std::string name;
        Bytes bytes;
        IsakmpExchangeType exchange;
        IsakmpPayloadType first;
        bool fromInitiator;
    };

    std::mt19937 rng(7);
    auto randomBody = [&rng](size_t blocks) {
        Bytes body(8 * blocks);
        for (uint8_t& b : body)
        {
            b = static_cast<uint8_t>(rng());
        }
        return body;
    };
    auto encrypted = [&](IsakmpExchangeType exchange, uint32_t messageId, size_t blocks) {
        IsakmpMessage message(MakeHeader(exchange, RCOOKIE, messageId));
        message.SetEncryptedBody(exchange == IsakmpExchangeType::IDENTITY_PROTECTION
                                     ? IsakmpPayloadType::IDENTIFICATION
                                     : IsakmpPayloadType::HASH,
                                 randomBody(blocks));
        return Serialized(message);
    };
    IsakmpMessage certificates(MakeHeader(IsakmpExchangeType::IDENTITY_PROTECTION, RCOOKIE, 0));
    for (const IsakmpPayload& payload : MainModeMessage5CertPayloads())
    {
        certificates.AddPayload(payload);
    }
    IsakmpMessage protectedDelete = InformationalDelete();
    protectedDelete.GetPayloads().insert(protectedDelete.GetPayloads().begin(),
                                         IsakmpHashPayload{{Pattern(20, 9)}});
    IsakmpMessage noProposal(MakeHeader(IsakmpExchangeType::INFORMATIONAL, 0, 0));
    noProposal.AddPayload(IsakmpNotifyPayload{
        ISAKMP_DOI_IPSEC, IsakmpProtocolId::ISAKMP, IsakmpNotifyType::NO_PROPOSAL_CHOSEN, {}, {}});
    using X = IsakmpExchangeType;
    using P = IsakmpPayloadType;
    const std::vector<Frame> frames = {
        {"MM1", Serialized(MainModeMessage1()), X::IDENTITY_PROTECTION, P::SA, true},
        {"MM2", Serialized(MainModeMessage2()), X::IDENTITY_PROTECTION, P::SA, false},
        {"MM3", Serialized(MainModeMessage3()), X::IDENTITY_PROTECTION, P::KEY_EXCHANGE, true},
        {"MM4+CR",
         Serialized(MainModeMessage4WithCertRequest()),
         X::IDENTITY_PROTECTION,
         P::KEY_EXCHANGE,
         false},
        {"MM5 (E)",
         encrypted(X::IDENTITY_PROTECTION, 0, 8),
         X::IDENTITY_PROTECTION,
         P::IDENTIFICATION,
         true},
        {"MM6 (E)",
         encrypted(X::IDENTITY_PROTECTION, 0, 8),
         X::IDENTITY_PROTECTION,
         P::IDENTIFICATION,
         false},
        {"QM1 (E)", encrypted(X::QUICK_MODE, QM_MESSAGE_ID, 20), X::QUICK_MODE, P::HASH, true},
        {"QM1 clear", Serialized(QuickModeMessage1()), X::QUICK_MODE, P::HASH, true},
        {"INFO delete", Serialized(InformationalDelete()), X::INFORMATIONAL, P::DELETE, true},
        {"INFO hash+delete", Serialized(protectedDelete), X::INFORMATIONAL, P::HASH, true},
        {"INFO notify", Serialized(noProposal), X::INFORMATIONAL, P::NOTIFICATION, false},
        {"MM5 cert clear",
         Serialized(certificates),
         X::IDENTITY_PROTECTION,
         P::IDENTIFICATION,
         true},
        {"MM1 kerberos",
         Serialized(MainModeMessage1(IKE_AUTH_GSSAPI_KERBEROS)),
         X::IDENTITY_PROTECTION,
         P::SA,
         true},
    };

    std::string base =
        (std::filesystem::temp_directory_path() / ("ipsec-isakmp-test-" + std::to_string(getpid())))
            .string();
    std::string pcapName = base + ".pcap";
    std::string errName = base + ".err";
    {
        PcapFile pcap;
        pcap.Open(pcapName, std::ios::out);
        BOOST_REQUIRE(!pcap.Fail());
        pcap.Init(101, 65535); // LINKTYPE_RAW: frames start with the IPv4 header

        uint32_t initiator = 0x0a010101; // 10.1.1.1
        uint32_t responder = 0x0a010102; // 10.1.1.2
        for (size_t i = 0; i < frames.size(); ++i)
        {
            const Frame& f = frames[i];
            Bytes ip = Ipv4UdpIke(f.fromInitiator ? initiator : responder,
                                  f.fromInitiator ? responder : initiator,
                                  f.bytes,
                                  static_cast<uint16_t>(i + 1));
            pcap.Write(
                1, static_cast<uint32_t>(i * 1000), ip.data(), static_cast<uint32_t>(ip.size()));
        }
        pcap.Close();
    }

    // '|' separates fields and ';' the occurrences of one field (isakmp.nextpayload appears in
    // the header and every payload: the first one is the header's).
    std::string command =
        "tshark -n -r '" + pcapName +
        "' -o ip.check_checksum:TRUE -o udp.check_checksum:TRUE -T fields -E separator='|'"
        " -E aggregator=';' -E occurrence=a -e frame.number -e isakmp.exchangetype"
        " -e isakmp.nextpayload -e _ws.malformed -e _ws.expert.severity -e _ws.expert.message"
        " -e isakmp.extradata -e ip.checksum.status -e udp.checksum.status -e isakmp.length"
        " 2>'" +
        errName + "'";
    std::string output = Run(command);
    {
        std::ifstream err(errName);
        std::string errors((std::istreambuf_iterator<char>(err)), std::istreambuf_iterator<char>());
        if (!errors.empty())
        {
            BOOST_TEST_MESSAGE("tshark stderr: " << errors);
        }
    }

    std::vector<std::string> lines = Split(output, '\n');
    while (!lines.empty() && lines.back().empty())
    {
        lines.pop_back();
    }
    BOOST_REQUIRE_EQUAL(lines.size(), frames.size());
    // Expert severities (epan/proto.h): PI_WARN is 0x00600000, PI_ERROR 0x00800000.
    constexpr unsigned long WARN = 0x00600000;
    for (size_t i = 0; i < frames.size(); ++i)
    {
        const Frame& f = frames[i];
        std::vector<std::string> fields = Split(lines[i], '|');
        BOOST_REQUIRE_MESSAGE(fields.size() == 10, f.name << ": " << lines[i]);
        BOOST_TEST_CONTEXT(f.name << " (frame " << fields[0] << "): " << lines[i])
        {
            BOOST_CHECK_EQUAL(fields[1], std::to_string(static_cast<unsigned>(f.exchange)));
            BOOST_CHECK_EQUAL(Split(fields[2], ';').at(0),
                              std::to_string(static_cast<unsigned>(f.first)));
            BOOST_CHECK_MESSAGE(fields[3].empty(), "malformed: " << fields[3]);
            std::vector<std::string> severities = Split(fields[4], ';');
            std::vector<std::string> messages = Split(fields[5], ';');
            for (size_t k = 0; k < severities.size(); ++k)
            {
                if (severities[k].empty())
                {
                    continue;
                }
                unsigned long severity = std::stoul(severities[k]);
                std::string message = k < messages.size() ? messages[k] : "";
                BOOST_CHECK_MESSAGE(severity < WARN,
                                    "expert severity " << severity << ": " << message);
                BOOST_TEST_MESSAGE("tshark expert info on " << f.name << ": " << message);
            }
            BOOST_CHECK_MESSAGE(fields[6].empty(), "extra data after the payloads");
            BOOST_CHECK_EQUAL(fields[7], "1"); // IPv4 checksum good
            BOOST_CHECK_EQUAL(fields[8], "1"); // UDP checksum good
            BOOST_CHECK_EQUAL(fields[9], std::to_string(f.bytes.size()));
        }
    }
    std::filesystem::remove(errName);
    // IPSEC_ISAKMP_KEEP_PCAP=1 keeps the capture for a look in Wireshark.
    if (std::getenv("IPSEC_ISAKMP_KEEP_PCAP") != nullptr)
    {
        BOOST_TEST_MESSAGE("capture kept: " << pcapName);
        return;
    }
    std::filesystem::remove(pcapName);
}

BOOST_AUTO_TEST_SUITE_END()
