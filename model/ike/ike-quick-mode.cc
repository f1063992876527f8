/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// IkeService: quick mode (RFC 2409 5.5), SA installation, rekeying, idle timeout.

#include "ike-service.h"

#include "ns3/assert.h"
#include "ns3/ipsec-config-error.h"
#include "ns3/ipsec-driver.h"
#include "ns3/log.h"
#include "ns3/node.h"
#include "ns3/simulator.h"

#include <algorithm>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("IkeQuickMode");

namespace
{

/** True if \p address is covered by one end of a filter (\p spd resolves My IP and the
 *  dynamic addresses). */
bool
Covers(const IpsecFilterAddress& end, Ipv4Address address, const IpsecSpd& spd)
{
    switch (end.GetKind())
    {
    case IpsecFilterAddress::ANY:
        return true;
    case IpsecFilterAddress::ME:
    case IpsecFilterAddress::DNS:
    case IpsecFilterAddress::WINS:
    case IpsecFilterAddress::DHCP:
    case IpsecFilterAddress::GATEWAY: {
        const std::vector<Ipv4Address>& resolved = spd.GetAddressesOf(end.GetKind());
        return std::find(resolved.begin(), resolved.end(), address) != resolved.end();
    }
    case IpsecFilterAddress::HOST:
        return end.GetAddress() == address;
    case IpsecFilterAddress::SUBNET:
        return address.CombineMask(end.GetMask()) == end.GetAddress();
    }
    return false;
}

/** A tunnel-mode client identity: the filter end as a subnet or host. */
IsakmpIdPayload
TunnelId(const IpsecFilterAddress& end, Ipv4Address address, uint8_t protocol, uint16_t port)
{
    switch (end.GetKind())
    {
    case IpsecFilterAddress::SUBNET:
        return IsakmpIdPayload::Ipv4Subnet(end.GetAddress(), end.GetMask(), protocol, port);
    case IpsecFilterAddress::ANY:
        return IsakmpIdPayload::Ipv4Subnet(Ipv4Address::GetAny(),
                                           Ipv4Mask::GetZero(),
                                           protocol,
                                           port);
    case IpsecFilterAddress::HOST:
        return IsakmpIdPayload::Ipv4(end.GetAddress(), protocol, port);
    case IpsecFilterAddress::ME:
    case IpsecFilterAddress::DNS:
    case IpsecFilterAddress::WINS:
    case IpsecFilterAddress::DHCP:
    case IpsecFilterAddress::GATEWAY:
        break; // the concrete address the packet has
    }
    return IsakmpIdPayload::Ipv4(address, protocol, port);
}

/** A representative address of a client identity (a subnet's network address). */
Ipv4Address
IdAddress(const IsakmpIdPayload& id)
{
    if (auto host = id.GetIpv4Address())
    {
        return *host;
    }
    if (id.idType == IsakmpIdType::IPV4_ADDR_SUBNET && id.data.size() == 8)
    {
        return Ipv4Address::Deserialize(id.data.data());
    }
    return Ipv4Address::GetAny();
}

std::vector<uint8_t>
Chain(const std::vector<IsakmpPayload>& payloads)
{
    std::vector<uint8_t> bytes;
    IsakmpStatus status = IsakmpMessage::SerializePayloadChain(payloads, bytes);
    NS_ABORT_MSG_UNLESS(status, "quick mode payloads: " << status);
    return bytes;
}

} // namespace

bool
IkeService::OpenHashed(const IkePhase1& p1,
                       const IsakmpMessage& message,
                       std::vector<uint8_t>& iv,
                       std::vector<uint8_t>& hash,
                       IsakmpMessage& rest,
                       std::vector<uint8_t>& restBytes) const
{
    std::vector<IsakmpPayload> payloads;
    if (!Decrypt(p1, message, iv, payloads) || payloads.empty() ||
        !std::holds_alternative<IsakmpHashPayload>(payloads.front()))
    {
        return false;
    }
    hash = std::get<IsakmpHashPayload>(payloads.front()).data;
    for (auto it = payloads.begin() + 1; it != payloads.end(); ++it)
    {
        rest.AddPayload(*it);
    }
    // What the hash covers: the payloads after it, as received (parsing is exact, so
    // serializing them again gives the same bytes).
    restBytes.clear();
    return static_cast<bool>(IsakmpMessage::SerializePayloadChain(rest.GetPayloads(), restBytes));
}

IkePhase2*
IkeService::FindPhase2(uint32_t messageId, Ipv4Address peer)
{
    auto it = m_phase2ByMessage.find({messageId, peer.Get()});
    return it == m_phase2ByMessage.end() ? nullptr : m_phase2.at(it->second).get();
}

void
IkeService::AddPhase2(std::unique_ptr<IkePhase2> p2)
{
    m_phase2ByMessage[{p2->messageId, p2->peer.Get()}] = p2->id;
    uint64_t id = p2->id;
    m_phase2[id] = std::move(p2);
}

std::unique_ptr<IkePhase2>
IkeService::TakePhase2(uint64_t id)
{
    auto it = m_phase2.find(id);
    if (it == m_phase2.end())
    {
        return nullptr;
    }
    std::unique_ptr<IkePhase2> p2 = std::move(it->second);
    m_phase2.erase(it);
    m_phase2Timers.Remove(*p2);
    ForgetMessageId(*p2);
    m_spisInUse.erase(p2->spiIn);
    return p2;
}

void
IkeService::ForgetMessageId(const IkePhase2& p2)
{
    // Another quick mode with the same peer may have drawn the same message ID since.
    auto it = m_phase2ByMessage.find({p2.messageId, p2.peer.Get()});
    if (it != m_phase2ByMessage.end() && it->second == p2.id)
    {
        m_phase2ByMessage.erase(it);
    }
}

IkePhase2*
IkeService::FindPhase2BySpi(uint32_t spiOut, Ipv4Address peer)
{
    for (auto& [id, p2] : m_phase2)
    {
        if (p2->spiOut == spiOut && p2->peer == peer && p2->state == IkePhase2::ESTABLISHED)
        {
            return p2.get();
        }
    }
    return nullptr;
}

void
IkeService::StartQuickMode(IkePhase1& p1, const IkeQuickModeRequest& request)
{
    const IpsecSpdEntry* entry = m_driver->GetSpd().Find(request.filterId);
    if (!entry || entry->filter.action != IpsecFilterAction::NEGOTIATE)
    {
        FailRequest(request, "filter-removed", true);
        return;
    }
    std::vector<IkeQuickModeOffer> offers = EffectiveQuickModeOffers();
    if (offers.empty())
    {
        ++m_counters.quickModeFailed;
        m_quickModeFailed(p1.peer, "no-usable-method");
        FailRequest(request, "no-usable-method", true);
        return;
    }
    ++p1.quickModes;
    if (m_pfs == IkePfs::MASTER ||
        (m_quickModesPerMainMode != 0 && p1.quickModes >= m_quickModesPerMainMode))
    {
        p1.exhausted = true;
    }
    auto p2 = std::make_unique<IkePhase2>();
    p2->id = m_nextPhase2Id++;
    p2->messageId = 0;
    while (p2->messageId == 0 || FindPhase2(p2->messageId, p1.peer))
    {
        p2->messageId = m_random->GetInteger(1, 0xffffffffU);
    }
    p2->cookieI = p1.cookieI;
    p2->cookieR = p1.cookieR;
    p2->initiator = true;
    p2->state = IkePhase2::I_SENT_1;
    p2->filterId = request.filterId;
    p2->local = p1.local;
    p2->peer = p1.peer;
    p2->trafficPeer = request.peer;
    p2->selector = request.selector;
    p2->rekeyOf = request.rekeyOf;
    const IpsecFilter& filter = entry->filter;
    IpsecMode mode = filter.tunnelEndpoint ? IpsecMode::TUNNEL : IpsecMode::TRANSPORT;
    p2->spiIn = NewSpi(p1.local);
    std::optional<IkeDhGroup> pfs;
    if (m_pfs == IkePfs::SESSION)
    {
        pfs = p1.terms.method.group;
    }
    uint64_t seconds = static_cast<uint64_t>(m_quickModeLifetime.GetSeconds());
    p2->exchange->offered = IkeMakePhase2Sa(offers, mode, p2->spiIn, seconds,
                                  m_quickModeLifetimeKb, pfs);
    p2->exchange->ni = IkeMakeNonce(*m_rng, m_nonceLength);

    // Client identities: the filter's protocol and ports, with this node's side first.
    const IpsecPacketSelector& sel = request.selector;
    uint8_t protocol = filter.protocol ? sel.protocol : 0;
    auto portOf = [&filter](uint16_t port) -> uint16_t {
        bool named = (filter.sourcePort && *filter.sourcePort == port) ||
                     (filter.destinationPort && *filter.destinationPort == port);
        return named ? port : 0;
    };
    uint16_t localPort = portOf(sel.sourcePort);
    uint16_t remotePort = portOf(sel.destinationPort);
    if (mode == IpsecMode::TUNNEL)
    {
        const IpsecSpd& local = m_driver->GetSpd();
        bool forward = Covers(filter.source, sel.source, local) &&
                       Covers(filter.destination, sel.destination, local);
        const IpsecFilterAddress& mine = forward ? filter.source : filter.destination;
        const IpsecFilterAddress& theirs = forward ? filter.destination : filter.source;
        p2->exchange->idci = TunnelId(mine, sel.source, protocol, localPort);
        p2->exchange->idcr = TunnelId(theirs, sel.destination, protocol, remotePort);
    }
    else
    {
        Ipv4Address source = sel.source == Ipv4Address::GetAny() ? p1.local : sel.source;
        p2->exchange->idci = IsakmpIdPayload::Ipv4(source, protocol, localPort);
        p2->exchange->idcr = IsakmpIdPayload::Ipv4(sel.destination, protocol, remotePort);
    }

    std::vector<IsakmpPayload> rest{p2->exchange->offered, IsakmpNoncePayload{{p2->exchange->ni}}};
    if (pfs)
    {
        p2->exchange->dh = std::make_unique<IkeDhKeyPair>(*pfs, *m_rng);
        rest.push_back(IsakmpKePayload{{p2->exchange->dh->GetPublicValue()}});
    }
    rest.push_back(p2->exchange->idci);
    rest.push_back(p2->exchange->idcr);
    IkeHashAlgorithm hash = p1.terms.method.hash;
    std::vector<IsakmpPayload> payloads{
        IsakmpHashPayload{{IkeQuickModeHash1(hash, p1.skeyidA, p2->messageId, Chain(rest))}}};
    payloads.insert(payloads.end(), rest.begin(), rest.end());
    p2->exchange->iv = IkePhase2Iv(hash,
                         p1.lastBlock,
                         p2->messageId,
                         IkeGetBlockSize(p1.terms.method.encryption));
    IsakmpMessage message(MakeHeader(p1, IsakmpExchangeType::QUICK_MODE, p2->messageId));
    message.SetEncryptedBody(IsakmpPayloadType::HASH, Encrypt(p1, payloads, p2->exchange->iv));
    p2->exchange->lastSent = Serialize(message);
    p2->exchange->retransmission.bytes = p2->exchange->lastSent;
    uint64_t id = p2->id;
    IkePhase2& ref = *p2;
    AddPhase2(std::move(p2));
    ++m_counters.quickModeStarted;
    m_quickModeStarted(ref.peer, "initiator");
    SendBytes(ref.exchange->lastSent, ref.peer, "quick");
    StartRetransmission(ref.exchange->retransmission, ref.peer, "quick", [this, id]() {
        QuickModeFailed(id, "timeout");
    });
}

void
IkeService::HandleQuickMode(IkePhase1& p1,
                            const IsakmpMessage& message,
                            const std::vector<uint8_t>& bytes)
{
    IkePhase2* p2 = FindPhase2(message.GetHeader().GetMessageId(), p1.peer);
    if (!p2)
    {
        QuickModeResponder1(p1, message, bytes);
        return;
    }
    // Only quick modes under way or settling are found by message ID.
    NS_ASSERT(p2->exchange);
    if (bytes == p2->exchange->lastReceived)
    {
        // A retransmission: our answer was lost. Answer again (the responder its second
        // message, the initiator its third).
        bool answer = p2->initiator ? p2->state == IkePhase2::ESTABLISHED
                                    : p2->state == IkePhase2::R_SENT_2;
        // Not twice in a row: the responder's own timer may just have sent it.
        Time since = Simulator::Now() - p2->exchange->retransmission.lastSent;
        if (answer && !p2->exchange->lastSent.empty() && since >= m_retransmitInterval / 2)
        {
            p2->exchange->retransmission.lastSent = Simulator::Now();
            ++m_counters.retransmissions;
            SendBytes(p2->exchange->lastSent, p2->peer, "quick");
            m_messageRetransmitted(p2->peer, "quick", p2->exchange->lastSent.size());
        }
        else
        {
            ++m_counters.ignored;
        }
        return;
    }
    switch (p2->state)
    {
    case IkePhase2::I_SENT_1:
        p2->exchange->lastReceived = bytes;
        QuickModeInitiator2(p1, *p2, message);
        return;
    case IkePhase2::R_SENT_2:
        p2->exchange->lastReceived = bytes;
        QuickModeResponder3(p1, *p2, message);
        return;
    case IkePhase2::ESTABLISHED:
        ++m_counters.ignored;
        return;
    }
}

void
IkeService::QuickModeResponder1(IkePhase1& p1,
                                const IsakmpMessage& message,
                                const std::vector<uint8_t>& bytes)
{
    uint32_t messageId = message.GetHeader().GetMessageId();
    IkeHashAlgorithm hash = p1.terms.method.hash;
    std::vector<uint8_t> iv =
        IkePhase2Iv(hash, p1.lastBlock, messageId, IkeGetBlockSize(p1.terms.method.encryption));
    IsakmpMessage clear;
    std::vector<uint8_t> received;
    std::vector<uint8_t> restBytes;
    if (!OpenHashed(p1, message, iv, received, clear, restBytes) ||
        received != IkeQuickModeHash1(hash, p1.skeyidA, messageId, restBytes))
    {
        ++m_counters.ignored; // forged or corrupted: no state is created
        return;
    }
    const IsakmpSaPayload* sa = clear.Find<IsakmpSaPayload>();
    const IsakmpNoncePayload* nonce = clear.Find<IsakmpNoncePayload>();
    const IsakmpKePayload* ke = clear.Find<IsakmpKePayload>();
    const IsakmpIdPayload* idci = clear.Find<IsakmpIdPayload>(0);
    const IsakmpIdPayload* idcr = clear.Find<IsakmpIdPayload>(1);

    auto p2 = std::make_unique<IkePhase2>();
    p2->id = m_nextPhase2Id++;
    p2->messageId = messageId;
    p2->cookieI = p1.cookieI;
    p2->cookieR = p1.cookieR;
    p2->initiator = false;
    p2->state = IkePhase2::R_SENT_2;
    p2->local = p1.local;
    p2->peer = p1.peer;
    p2->exchange->lastReceived = bytes;
    p2->exchange->iv = iv;
    // Without identities the SAs are for the two IKE peers themselves (RFC 2409 5.5).
    p2->exchange->idci = idci ? *idci : IsakmpIdPayload::Ipv4(p1.peer);
    p2->exchange->idcr = idcr ? *idcr : IsakmpIdPayload::Ipv4(p1.local);
    uint64_t id = p2->id;
    IkePhase2& ref = *p2;
    AddPhase2(std::move(p2));
    ++m_counters.quickModeStarted;
    m_quickModeStarted(ref.peer, "responder");
    if (!sa || !nonce)
    {
        SendNotify(p1, IsakmpNotifyType::PAYLOAD_MALFORMED, true);
        QuickModeFailed(id, "malformed");
        return;
    }

    // The traffic, seen from this node: the responder's identity is the source.
    IpsecPacketSelector selector;
    selector.source = IdAddress(ref.exchange->idcr);
    selector.destination = IdAddress(ref.exchange->idci);
    selector.protocol = ref.exchange->idci.protocolId;
    selector.sourcePort = ref.exchange->idcr.port;
    selector.destinationPort = ref.exchange->idci.port;
    const IpsecSpdEntry* entry = m_driver->GetSpd().Lookup(selector);
    if ((!entry || entry->filter.action == IpsecFilterAction::PERMIT) && m_defaultResponse &&
        ref.exchange->idci.idType == IsakmpIdType::IPV4_ADDR &&
        ref.exchange->idcr.idType == IsakmpIdType::IPV4_ADDR)
    {
        // The default response rule: answer with a filter for exactly what the peer asked to
        // protect (host to host, its protocol and ports), made for this negotiation.
        IpsecFilter dynamic;
        dynamic.description = "default response";
        dynamic.source = IpsecFilterAddress::Host(selector.source);
        dynamic.destination = IpsecFilterAddress::Host(selector.destination);
        if (selector.protocol != 0)
        {
            dynamic.protocol = selector.protocol;
        }
        if (selector.sourcePort != 0)
        {
            dynamic.sourcePort = selector.sourcePort;
        }
        if (selector.destinationPort != 0)
        {
            dynamic.destinationPort = selector.destinationPort;
        }
        dynamic.action = IpsecFilterAction::NEGOTIATE;
        entry = m_driver->GetSpd().Find(m_driver->AddFilter(dynamic));
    }
    if (!entry || entry->filter.action != IpsecFilterAction::NEGOTIATE)
    {
        SendNotify(p1, IsakmpNotifyType::INVALID_ID_INFORMATION, true);
        QuickModeFailed(id, "no-matching-filter");
        return;
    }
    IpsecMode mode = entry->filter.tunnelEndpoint ? IpsecMode::TUNNEL : IpsecMode::TRANSPORT;
    if (mode == IpsecMode::TUNNEL && *entry->filter.tunnelEndpoint != p1.peer)
    {
        SendNotify(p1, IsakmpNotifyType::INVALID_ID_INFORMATION, true);
        QuickModeFailed(id, "tunnel-endpoint-mismatch");
        return;
    }
    // Quick modes in either direction count towards QMperMM.
    ++p1.quickModes;
    if (m_pfs == IkePfs::MASTER ||
        (m_quickModesPerMainMode != 0 && p1.quickModes >= m_quickModesPerMainMode))
    {
        p1.exhausted = true;
    }
    ref.filterId = entry->id;
    ref.selector = selector;
    ref.trafficPeer = mode == IpsecMode::TUNNEL ? p1.peer : selector.destination;
    ref.spiIn = NewSpi(p1.local);
    std::optional<IkeDhGroup> pfs;
    if (m_pfs == IkePfs::SESSION)
    {
        pfs = p1.terms.method.group;
    }
    IsakmpSaPayload reply;
    std::string reason;
    IsakmpStatus status = IkeChoosePhase2(*sa, EffectiveQuickModeOffers(), mode, pfs, ref.spiIn,
                                          ref.terms, ref.spiOut, reply, reason);
    if (!status)
    {
        SendNotify(p1, status.GetNotifyType(), true);
        QuickModeFailed(id, reason);
        return;
    }
    ref.exchange->offered = *sa;
    ref.exchange->ni = nonce->data;
    ref.exchange->nr = IkeMakeNonce(*m_rng, m_nonceLength);
    std::vector<IsakmpPayload> answer{reply, IsakmpNoncePayload{{ref.exchange->nr}}};
    if (ref.terms.pfsGroup)
    {
        ref.exchange->dh = std::make_unique<IkeDhKeyPair>(*ref.terms.pfsGroup, *m_rng);
        if (!ke || !ref.exchange->dh->ComputeSharedSecret(ke->data, ref.exchange->gqmxy))
        {
            SendNotify(p1, IsakmpNotifyType::INVALID_KEY_INFORMATION, true);
            QuickModeFailed(id, "invalid-key-exchange");
            return;
        }
        answer.push_back(IsakmpKePayload{{ref.exchange->dh->GetPublicValue()}});
        ref.exchange->dh.reset();
    }
    if (idci)
    {
        answer.push_back(*idci);
        answer.push_back(*idcr);
    }
    std::vector<IsakmpPayload> out{IsakmpHashPayload{
        {IkeQuickModeHash2(hash, p1.skeyidA, messageId, ref.exchange->ni, Chain(answer))}}};
    out.insert(out.end(), answer.begin(), answer.end());
    IsakmpMessage m2(MakeHeader(p1, IsakmpExchangeType::QUICK_MODE, messageId));
    m2.SetEncryptedBody(IsakmpPayloadType::HASH, Encrypt(p1, out, ref.exchange->iv));
    ref.exchange->lastSent = Serialize(m2);
    ref.exchange->retransmission.bytes = ref.exchange->lastSent;
    SendBytes(ref.exchange->lastSent, ref.peer, "quick");
    // Only the responder can notice a lost third message: it repeats its answer.
    StartRetransmission(ref.exchange->retransmission, ref.peer, "quick", [this, id]() {
        QuickModeFailed(id, "timeout");
    });
}

void
IkeService::QuickModeInitiator2(IkePhase1& p1, IkePhase2& p2, const IsakmpMessage& message)
{
    IkeHashAlgorithm hash = p1.terms.method.hash;
    std::vector<uint8_t> iv = p2.exchange->iv;
    IsakmpMessage clear;
    std::vector<uint8_t> received;
    std::vector<uint8_t> restBytes;
    if (!OpenHashed(p1, message, iv, received, clear, restBytes) ||
        received !=
            IkeQuickModeHash2(hash, p1.skeyidA, p2.messageId, p2.exchange->ni, restBytes))
    {
        ++m_counters.ignored;
        return;
    }
    p2.exchange->iv = iv;
    const IsakmpSaPayload* sa = clear.Find<IsakmpSaPayload>();
    const IsakmpNoncePayload* nonce = clear.Find<IsakmpNoncePayload>();
    const IsakmpKePayload* ke = clear.Find<IsakmpKePayload>();
    uint64_t id = p2.id;
    if (!sa || !nonce || !IkeAcceptPhase2Reply(p2.exchange->offered, *sa, p2.terms, p2.spiOut))
    {
        QuickModeFailed(id, "bad-proposal");
        return;
    }
    p2.exchange->nr = nonce->data;
    if (p2.terms.pfsGroup)
    {
        if (!ke || !p2.exchange->dh ||
            !p2.exchange->dh->ComputeSharedSecret(ke->data, p2.exchange->gqmxy))
        {
            QuickModeFailed(id, "invalid-key-exchange");
            return;
        }
        p2.exchange->dh.reset();
    }
    std::vector<IsakmpPayload> m3Payloads{IsakmpHashPayload{{IkeQuickModeHash3(
        hash, p1.skeyidA, p2.messageId, p2.exchange->ni, p2.exchange->nr)}}};
    IsakmpMessage m3(MakeHeader(p1, IsakmpExchangeType::QUICK_MODE, p2.messageId));
    m3.SetEncryptedBody(IsakmpPayloadType::HASH, Encrypt(p1, m3Payloads, p2.exchange->iv));
    p2.exchange->lastSent = Serialize(m3);
    p2.exchange->retransmission.timer.Cancel();
    p2.exchange->retransmission.lastSent = Simulator::Now();
    SendBytes(p2.exchange->lastSent, p2.peer, "quick");
    if (!InstallSas(p1, p2))
    {
        QuickModeFailed(id, "sa-install-failed");
        return;
    }
    QuickModeDone(p2);
}

void
IkeService::QuickModeResponder3(IkePhase1& p1, IkePhase2& p2, const IsakmpMessage& message)
{
    IkeHashAlgorithm hash = p1.terms.method.hash;
    std::vector<uint8_t> iv = p2.exchange->iv;
    std::vector<IsakmpPayload> payloads;
    if (!Decrypt(p1, message, iv, payloads) || payloads.empty() ||
        !std::holds_alternative<IsakmpHashPayload>(payloads.front()) ||
        std::get<IsakmpHashPayload>(payloads.front()).data !=
            IkeQuickModeHash3(
                hash, p1.skeyidA, p2.messageId, p2.exchange->ni, p2.exchange->nr))
    {
        ++m_counters.ignored;
        return;
    }
    p2.exchange->iv = iv;
    p2.exchange->retransmission.timer.Cancel();
    if (!InstallSas(p1, p2))
    {
        QuickModeFailed(p2.id, "sa-install-failed");
        return;
    }
    QuickModeDone(p2);
}

bool
IkeService::InstallSas(IkePhase1& p1, IkePhase2& p2)
{
    const IkePhase2Terms& terms = p2.terms;
    IsakmpProtocolId protocol =
        terms.offer.protocol == IpsecProtocol::AH ? IsakmpProtocolId::AH : IsakmpProtocolId::ESP;
    IpsecEncryption encryption = terms.offer.protocol == IpsecProtocol::AH
                                     ? IpsecEncryption::NULL_ENC
                                     : terms.offer.encryption;
    IpsecSaConfig base;
    base.protocol = terms.offer.protocol;
    base.mode = terms.mode;
    base.encryption = encryption;
    base.integrity = terms.offer.integrity;
    if (terms.lifetimeSeconds != 0)
    {
        base.lifetime.hardTime = Seconds(static_cast<double>(terms.lifetimeSeconds));
    }
    // The pair's initiator rekeys first (soft limit at the fraction, less jitter); the
    // responder's soft limit lies halfway to the hard one, so it only rekeys when the
    // initiator did not, and the two do not negotiate twice at the same moment.
    double fraction = p2.initiator
                          ? m_softLifetimeFraction - m_random->GetValue(0, m_softLifetimeJitter)
                          : m_softLifetimeFraction + (1 - m_softLifetimeFraction) / 2;
    if (terms.lifetimeSeconds != 0)
    {
        base.lifetime.softTime = base.lifetime.hardTime * std::max(fraction, 0.01);
    }
    if (terms.lifetimeKilobytes != 0)
    {
        base.lifetime.hardBytes = terms.lifetimeKilobytes * 1024;
        base.lifetime.softBytes = static_cast<uint64_t>(
            static_cast<double>(base.lifetime.hardBytes) *
            (p2.initiator ? m_softLifetimeFraction : fraction));
    }
    IpsecSaConfig in = base;
    in.spi = p2.spiIn;
    in.source = p2.peer;
    in.destination = p2.local;
    IpsecSaConfig out = base;
    out.spi = p2.spiOut;
    out.source = p2.local;
    out.destination = p2.peer;
    IkeHashAlgorithm hash = p1.terms.method.hash;
    IkeSaKeys inKeys = IkeQuickModeSaKeys(hash,
                                          p1.skeyidD,
                                          p2.exchange->gqmxy,
                                          protocol,
                                          p2.spiIn,
                                          p2.exchange->ni,
                                          p2.exchange->nr,
                                          encryption,
                                          terms.offer.integrity);
    IkeSaKeys outKeys = IkeQuickModeSaKeys(hash,
                                           p1.skeyidD,
                                           p2.exchange->gqmxy,
                                           protocol,
                                           p2.spiOut,
                                           p2.exchange->ni,
                                           p2.exchange->nr,
                                           encryption,
                                           terms.offer.integrity);
    in.encryptionKey = inKeys.encryptionKey;
    in.integrityKey = inKeys.integrityKey;
    out.encryptionKey = outKeys.encryptionKey;
    out.integrityKey = outKeys.integrityKey;
    try
    {
        p2.inbound = m_driver->AddSa(in, true, p2.filterId);
        p2.outbound = m_driver->AddSa(out, false, p2.filterId, p2.trafficPeer);
    }
    catch (const IpsecConfigError& e)
    {
        NS_LOG_WARN("node " << m_node->GetId() << ": cannot install SAs: " << e.what());
        if (p2.inbound)
        {
            m_driver->DeleteSa(p2.inbound, "ike: install failed");
            p2.inbound = nullptr;
        }
        return false;
    }
    // The pair's key material lives in the SAs now, and the SAD holds its inbound SPI.
    p2.exchange->gqmxy.clear();
    m_spisInUse.erase(p2.spiIn);
    return true;
}

void
IkeService::QuickModeDone(IkePhase2& p2)
{
    p2.state = IkePhase2::ESTABLISHED;
    p2.established = Simulator::Now();
    // Only the last messages are kept, to answer retransmissions until none can come.
    std::vector<uint8_t>().swap(p2.exchange->retransmission.bytes);
    std::vector<uint8_t>().swap(p2.exchange->ni);
    std::vector<uint8_t>().swap(p2.exchange->nr);
    std::vector<uint8_t>().swap(p2.exchange->iv);
    p2.exchange->offered = IsakmpSaPayload();
    p2.exchange->idci = IsakmpIdPayload();
    p2.exchange->idcr = IsakmpIdPayload();
    uint64_t settleId = p2.id;
    p2.exchange->settle = Simulator::Schedule(SettleTime(), [this, settleId]() {
        auto it = m_phase2.find(settleId);
        if (it != m_phase2.end())
        {
            // No message of this exchange can come any more.
            it->second->exchange.reset();
            ForgetMessageId(*it->second);
        }
    });
    ++m_counters.quickModeSucceeded;
    m_quickModeSucceeded(p2.peer, p2.terms.offer.ToString() + " " +
                                      IpsecModeToString(p2.terms.mode));
    if (!m_idleTimeout.IsZero())
    {
        ScheduleIdleCheck(p2, m_idleTimeout);
    }
    if (p2.rekeyOf != 0)
    {
        auto old = m_phase2.find(p2.rekeyOf);
        if (old != m_phase2.end())
        {
            old->second->rekeying = false;
            old->second->replaced = true;
            ++m_counters.rekeys;
            m_rekeyed(p2.peer, "replaced after " +
                                   std::to_string((Simulator::Now() - old->second->established)
                                                      .GetSeconds()) +
                                   " s");
            if (!m_phase2Timers.IsQueued(*old->second, LINGER_END))
            {
                m_phase2Timers.Add(*old->second, LINGER_END, m_rekeyLinger);
            }
        }
    }
    // Real SAs replace a soft SA with the peer (it became IPsec-capable).
    m_driver->DeleteSoftSa(p2.filterId, p2.trafficPeer, "secured");
    m_driver->ReleaseHeld(p2.filterId, p2.trafficPeer);
}

void
IkeService::QuickModeFailed(uint64_t id, const std::string& reason)
{
    std::unique_ptr<IkePhase2> p2 = TakePhase2(id);
    if (!p2)
    {
        return;
    }
    p2->exchange.reset(); // and its timers
    ++m_counters.quickModeFailed;
    NS_LOG_INFO("node " << m_node->GetId() << ": quick mode with " << p2->peer
                        << " failed: " << reason);
    m_quickModeFailed(p2->peer, reason);
    if (p2->rekeyOf != 0)
    {
        auto old = m_phase2.find(p2->rekeyOf);
        if (old != m_phase2.end())
        {
            old->second->rekeying = false; // the old pair serves until its hard limit
        }
    }
    if (p2->initiator)
    {
        FailRequest({p2->filterId, p2->trafficPeer, p2->selector, 0}, reason, true);
    }
}

void
IkeService::FailRequest(const IkeQuickModeRequest& request,
                        const std::string& reason,
                        bool answered)
{
    NS_LOG_INFO("node " << m_node->GetId() << ": no SAs for filter " << request.filterId
                        << " with " << request.peer << ": " << reason);
    // A silent peer means clear traffic if the filter allows it; a peer that answered only
    // with the Simple Policy Update (Server 2003 SP2 profile).
    if (AllowsFallback(request.filterId) &&
        (!answered || m_driver->IsFallbackAfterMismatchAllowed()))
    {
        FallBackToClear(request, answered ? "negotiation failed: " + reason : "no IKE answer");
        return;
    }
    m_driver->DropHeld(request.filterId, request.peer);
}

void
IkeService::ScheduleIdleCheck(IkePhase2& p2, Time delay)
{
    m_phase2Timers.Remove(p2, IDLE_CHECK);
    m_phase2Timers.Add(p2, IDLE_CHECK, delay);
}

void
IkeService::Phase2TimeReached(IpsecTimed& timed, uint8_t kind)
{
    uint64_t id = static_cast<IkePhase2&>(timed).id;
    if (kind == IDLE_CHECK)
    {
        IdleCheck(id);
    }
    else
    {
        DeletePhase2(id, "rekeyed", true);
    }
}

void
IkeService::IdleCheck(uint64_t id)
{
    auto it = m_phase2.find(id);
    if (it == m_phase2.end())
    {
        return;
    }
    IkePhase2& p2 = *it->second;
    Time last = p2.established;
    for (const Ptr<IpsecSa>& sa : {p2.inbound, p2.outbound})
    {
        if (sa)
        {
            last = std::max(last, sa->GetLastUseTime());
        }
    }
    Time idle = Simulator::Now() - last;
    if (idle >= m_idleTimeout)
    {
        DeletePhase2(id, "idle", true);
        return;
    }
    ScheduleIdleCheck(p2, m_idleTimeout - idle);
}

void
IkeService::OnSaExpiring(Ptr<const IpsecSa> sa, const std::string& /* reason */)
{
    IkePhase2* p2 = nullptr;
    for (auto& [id, record] : m_phase2)
    {
        if (record->inbound == sa || record->outbound == sa)
        {
            p2 = record.get();
            break;
        }
    }
    if (!p2 || p2->state != IkePhase2::ESTABLISHED || p2->rekeying || p2->replaced)
    {
        return;
    }
    // The peer may have rekeyed first: a newer pair (or one being negotiated) is enough.
    for (auto& [id, record] : m_phase2)
    {
        if (id > p2->id && record->filterId == p2->filterId &&
            record->trafficPeer == p2->trafficPeer)
        {
            return;
        }
    }
    p2->rekeying = true;
    IkeQuickModeRequest request{p2->filterId, p2->trafficPeer, p2->selector, p2->id};
    if (IkePhase1* p1 = FindUsablePhase1(p2->peer))
    {
        StartQuickMode(*p1, request);
        return;
    }
    StartMainMode(request);
}

void
IkeService::OnSaDeleted(Ptr<const IpsecSa> sa, const std::string& reason)
{
    for (auto& [id, record] : m_phase2)
    {
        if (record->inbound == sa || record->outbound == sa)
        {
            // A hard limit ends the peer's copy at the same moment; a policy change is this
            // node's own decision, so the peer is told.
            DeletePhase2(id, reason, reason == "policy-change");
            return;
        }
    }
}

void
IkeService::DeletePhase2(uint64_t id, const std::string& reason, bool notifyPeer)
{
    // Out of the table first: the driver's SaDeleted trace comes back here.
    std::unique_ptr<IkePhase2> p2 = TakePhase2(id);
    if (!p2)
    {
        return;
    }
    p2->exchange.reset(); // and its timers (TakePhase2 took out its deadlines)
    if (notifyPeer && p2->state == IkePhase2::ESTABLISHED)
    {
        SendDelete(*p2);
    }
    for (const Ptr<IpsecSa>& sa : {p2->inbound, p2->outbound})
    {
        if (sa && sa->GetState() != IpsecSaState::DEAD)
        {
            m_driver->DeleteSa(sa, reason);
        }
    }
}

uint32_t
IkeService::DeleteQuickModeSas(Ipv4Address peer, const std::string& reason)
{
    std::vector<uint64_t> ids;
    for (const auto& [id, p2] : m_phase2)
    {
        if (p2->peer == peer && p2->state == IkePhase2::ESTABLISHED)
        {
            ids.push_back(id);
        }
    }
    for (uint64_t id : ids)
    {
        DeletePhase2(id, reason, true);
    }
    return static_cast<uint32_t>(ids.size());
}

} // namespace ns3
