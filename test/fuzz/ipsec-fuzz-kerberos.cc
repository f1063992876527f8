/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// Fuzz target: the Kerberos messages of this model (ticket, its encrypted part, TGS request and
// reply, reply part, error), as the KDC, the client and the IKE responder read them. Every
// input is given to every parser. Property: what parses serializes to bytes that parse into
// the same bytes again.

#include "ipsec-fuzz.h"

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
    Message again;
    IPSEC_FUZZ_CHECK(again.Parse(once));
    IPSEC_FUZZ_CHECK(again.Serialize() == once);
}

} // namespace

extern "C" int
LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    std::vector<uint8_t> bytes(data, data + size);
    RoundTrip<KerberosTicketPart>(bytes);
    RoundTrip<KerberosTicket>(bytes);
    RoundTrip<KerberosTgsRequest>(bytes);
    RoundTrip<KerberosReplyPart>(bytes);
    RoundTrip<KerberosTgsReply>(bytes);
    RoundTrip<KerberosError>(bytes);
    return 0;
}

std::vector<std::vector<uint8_t>>
IpsecFuzzSeeds()
{
    // One of each message, filled as the model fills them (the encrypted parts are opaque
    // bytes to these parsers).
    std::vector<uint8_t> key(16, 0x5a);
    KerberosTicketPart part;
    part.sessionKey = key;
    part.clientRealm = "CONTOSO.COM";
    part.clientName = "client1";
    part.serviceRealm = "CONTOSO.COM";
    part.serviceName = "server1";
    part.startMs = 1000;
    part.endMs = 36001000;
    part.authorizationData = {1, 2, 3, 4};
    KerberosTicket ticket;
    ticket.serviceRealm = "CONTOSO.COM";
    ticket.serviceName = "server1";
    ticket.encryptedPart = std::vector<uint8_t>(96, 0xa5);
    KerberosTgsRequest byAddress;
    byAddress.nonce = 7;
    byAddress.timestampMs = 1000;
    byAddress.clientRealm = "CONTOSO.COM";
    byAddress.clientName = "client1";
    byAddress.targetAddress = Ipv4Address("10.1.1.2");
    byAddress.authenticator = std::vector<uint8_t>(48, 0x11);
    KerberosTgsRequest byName = byAddress;
    byName.targetKind = KerberosTargetKind::NAME;
    byName.targetName = "server1@FABRIKAM.COM";
    byName.padding = 8;
    KerberosReplyPart replyPart;
    replyPart.sessionKey = key;
    replyPart.nonce = 7;
    replyPart.startMs = 1000;
    replyPart.endMs = 36001000;
    replyPart.serviceRealm = "CONTOSO.COM";
    replyPart.serviceName = "server1";
    KerberosTgsReply reply;
    reply.nonce = 7;
    reply.clientRealm = "CONTOSO.COM";
    reply.clientName = "client1";
    reply.ticket = ticket.Serialize();
    reply.encryptedPart = std::vector<uint8_t>(80, 0x22);
    KerberosError error;
    error.nonce = 7;
    error.code = static_cast<uint32_t>(KerberosErrorCode::S_PRINCIPAL_UNKNOWN);
    error.text = "unknown-target";
    return {part.Serialize(),
            ticket.Serialize(),
            byAddress.Serialize(),
            byName.Serialize(),
            replyPart.Serialize(),
            reply.Serialize(),
            error.Serialize()};
}

std::vector<std::string>
IpsecFuzzDictionary()
{
    return {};
}
