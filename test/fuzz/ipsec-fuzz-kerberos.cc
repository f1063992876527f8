/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// Fuzz target: the RFC 4120 messages of this model's Kerberos (Ticket, EncTicketPart,
// AS-REQ / TGS-REQ, AS-REP / TGS-REP, EncASRepPart / EncTGSRepPart, Authenticator, AP-REQ,
// AP-REP, EncAPRepPart, KRB-ERROR, PA-ENC-TS-ENC, EncryptedData), as the KDC, the client and
// the IKE responder read them, and the decryption of both encryption types. Every input is
// given to every parser. Property: what parses serializes to the same bytes, and those parse
// again; decryption of any bytes under a fixed key fails or returns, never crashes.

#include "ipsec-fuzz.h"

#include "ns3/kerberos-crypto.h"
#include "ns3/kerberos-messages.h"

using namespace ns3;

namespace
{

template <typename Message>
void
RoundTrip(const std::vector<uint8_t>& bytes)
{
    Message message;
    if (!message.Parse(bytes))
    {
        return;
    }
    ++g_ipsecFuzzAccepted;
    std::vector<uint8_t> once = message.Serialize();
    IPSEC_FUZZ_CHECK(once == bytes);
    Message again;
    IPSEC_FUZZ_CHECK(again.Parse(once));
    IPSEC_FUZZ_CHECK(again.Serialize() == once);
}

/** Decrypting any bytes fails cleanly or gives a plaintext. */
void
Decrypt(const std::vector<uint8_t>& bytes)
{
    std::vector<uint8_t> plaintext;
    KerberosCrypto::Decrypt(KerberosEtype::RC4_HMAC,
                            std::vector<uint8_t>(16, 0x42),
                            KerberosKeyUsage::TICKET,
                            bytes,
                            plaintext);
    KerberosCrypto::Decrypt(KerberosEtype::DES_CBC_MD5,
                            std::vector<uint8_t>(8, 0x43),
                            KerberosKeyUsage::TICKET,
                            bytes,
                            plaintext);
    KerberosTrimPadding(bytes);
}

} // namespace

extern "C" int
LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    std::vector<uint8_t> bytes(data, data + size);
    RoundTrip<KerberosEncryptedData>(bytes);
    RoundTrip<KerberosTicket>(bytes);
    RoundTrip<KerberosEncTicketPart>(bytes);
    RoundTrip<KerberosKdcRequest>(bytes);
    RoundTrip<KerberosKdcReply>(bytes);
    RoundTrip<KerberosEncKdcRepPart>(bytes);
    RoundTrip<KerberosAuthenticator>(bytes);
    RoundTrip<KerberosApRequest>(bytes);
    RoundTrip<KerberosApReply>(bytes);
    RoundTrip<KerberosEncApRepPart>(bytes);
    RoundTrip<KerberosError>(bytes);
    RoundTrip<KerberosPaEncTimestamp>(bytes);
    Decrypt(bytes);
    return 0;
}

std::vector<std::vector<uint8_t>>
IpsecFuzzSeeds()
{
    // One of each message, filled as the model fills them (the ciphertexts are opaque bytes
    // to these parsers).
    KerberosEncryptedData sealed;
    sealed.etype = 23;
    sealed.hasKvno = true;
    sealed.kvno = 2;
    sealed.cipher = std::vector<uint8_t>(96, 0xa5);
    KerberosTicket ticket;
    ticket.realm = "CONTOSO.COM";
    ticket.sname = KerberosHostPrincipal("SERVER1");
    ticket.encPart = sealed;
    KerberosEncTicketPart part;
    part.flags = 0x40a00000;
    part.keyType = 23;
    part.key = std::vector<uint8_t>(16, 0x5a);
    part.crealm = "CONTOSO.COM";
    part.cname = KerberosMachinePrincipal("CLIENT1");
    part.authTime = 1;
    part.startTime = 1;
    part.endTime = 36001;
    part.pac = {1, 2, 3, 4};
    KerberosAuthenticator authenticator;
    authenticator.crealm = "CONTOSO.COM";
    authenticator.cname = KerberosMachinePrincipal("CLIENT1");
    authenticator.ctime = 1;
    authenticator.cusec = 250000;
    KerberosApRequest apReq;
    apReq.apOptions = 0x20000000;
    apReq.ticket = ticket;
    apReq.authenticator = sealed;
    KerberosKdcRequest asReq;
    asReq.kdcOptions = 0x40810010;
    asReq.hasCname = true;
    asReq.cname = KerberosMachinePrincipal("CLIENT1");
    asReq.realm = "CONTOSO.COM";
    asReq.sname = KerberosTgsPrincipal("CONTOSO.COM");
    asReq.till = 1000000000;
    asReq.nonce = 7;
    asReq.etypes = {23, 3};
    asReq.padata = {{2, sealed.Serialize()}, {128, {0x30, 0x05, 0xa0, 0x03, 0x01, 0x01, 0xff}}};
    KerberosKdcRequest tgsReq = asReq;
    tgsReq.msgType = KerberosMessageType::TGS_REQ;
    tgsReq.hasCname = false;
    tgsReq.sname = KerberosHostPrincipal("SERVER1");
    tgsReq.padata = {{1, apReq.Serialize()}};
    KerberosKdcReply reply;
    reply.msgType = KerberosMessageType::TGS_REP;
    reply.crealm = "CONTOSO.COM";
    reply.cname = KerberosMachinePrincipal("CLIENT1");
    reply.ticket = ticket;
    reply.encPart = sealed;
    KerberosEncKdcRepPart replyPart;
    replyPart.tgs = true;
    replyPart.keyType = 3;
    replyPart.key = std::vector<uint8_t>(8, 0x5b);
    replyPart.nonce = 7;
    replyPart.endTime = 36001;
    replyPart.srealm = "CONTOSO.COM";
    replyPart.sname = KerberosHostPrincipal("SERVER1");
    KerberosApReply apRep;
    apRep.encPart = sealed;
    KerberosEncApRepPart apRepPart;
    apRepPart.ctime = 1;
    apRepPart.cusec = 250000;
    KerberosError error;
    error.stime = 1;
    error.code = static_cast<int32_t>(KerberosErrorCode::S_PRINCIPAL_UNKNOWN);
    error.realm = "CONTOSO.COM";
    error.sname = KerberosHostPrincipal("SERVER9");
    error.text = "unknown-target";
    KerberosPaEncTimestamp timestamp;
    timestamp.timestamp = 1;
    timestamp.usec = 5;
    return {sealed.Serialize(),
            ticket.Serialize(),
            part.Serialize(),
            authenticator.Serialize(),
            apReq.Serialize(),
            asReq.Serialize(),
            tgsReq.Serialize(),
            reply.Serialize(),
            replyPart.Serialize(),
            apRep.Serialize(),
            apRepPart.Serialize(),
            error.Serialize(),
            timestamp.Serialize()};
}

std::vector<std::string>
IpsecFuzzDictionary()
{
    return {"CONTOSO.COM", "krbtgt", "host", std::string("\xa0\x03\x02\x01\x05", 5)};
}
