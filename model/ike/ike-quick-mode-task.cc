/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ike-quick-mode-task.h"

#include "ike-informational-task.h"
#include "ike-service.h"

#include "ns3/ike-keys.h"
#include "ns3/ipsec-config-error.h"
#include "ns3/ipsec-driver.h"
#include "ns3/log.h"
#include "ns3/node.h"
#include "ns3/simulator.h"

#include <algorithm>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("IkeQuickModeTask");

namespace
{

/** True if \p address is covered by one end of a filter (\p spd resolves My IP and the
 *  dynamic addresses). */
bool
IkeFilterEndCovers(const IpsecFilterAddress& end, Ipv4Address address, const IpsecSpd& spd)
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
IkeTunnelClientId(const IpsecFilterAddress& end,
                  Ipv4Address address,
                  uint8_t protocol,
                  uint16_t port)
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
IkeClientIdAddress(const IsakmpIdPayload& id)
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

/** The bytes of a payload chain (what a quick mode hash covers). */
std::vector<uint8_t>
IkePayloadChainBytes(const std::vector<IsakmpPayload>& payloads)
{
    std::vector<uint8_t> bytes;
    IsakmpStatus status = IsakmpMessage::SerializePayloadChain(payloads, bytes);
    NS_ABORT_MSG_UNLESS(status, "quick mode payloads: " << status);
    return bytes;
}

/**
 * NAT-OA for a UDP-encapsulated transport mode quick mode (RFC 3947 5.2): the initiator's
 * address and the responder's, each as the sender knows it (draft-02: the sender's own
 * address only).
 */
void
AddNatOa(std::vector<IsakmpPayload>& payloads,
         const IkeMainModeSa& mm,
         Ipv4Address initiator,
         Ipv4Address responder)
{
    if (mm.natT.version == IkeNatTVersion::RFC_3947)
    {
        payloads.push_back(IsakmpNatOaPayload{{initiator}});
        payloads.push_back(IsakmpNatOaPayload{{responder}});
    }
    else
    {
        payloads.push_back(IsakmpNatOaDraftPayload{{mm.local}});
    }
}

/** The peer's original address from a quick mode message's NAT-OA (any: none sent). */
Ipv4Address
PeerNatOa(const IsakmpMessage& clear, const IkeMainModeSa& mm, bool fromInitiator)
{
    if (mm.natT.version == IkeNatTVersion::RFC_3947)
    {
        const IsakmpNatOaPayload* oa = clear.Find<IsakmpNatOaPayload>(fromInitiator ? 0 : 1);
        return oa ? oa->address : Ipv4Address::GetAny();
    }
    const IsakmpNatOaDraftPayload* oa = clear.Find<IsakmpNatOaDraftPayload>();
    return oa ? oa->address : Ipv4Address::GetAny();
}

} // namespace

IkeQuickModeTask::IkeQuickModeTask(IkeService& service, IkeQuickModeSa& sa)
    : m_service(service),
      m_sa(sa),
      m_retransmitter(service, sa.peer, "quick", true)
{
}

IkeTaskType
IkeQuickModeTask::GetType() const
{
    return IkeTaskType::QUICK_MODE;
}

void
IkeQuickModeTask::Initiate(IkeService& service,
                           IkeMainModeSa& mainModeSa,
                           const IkeQuickModeRequest& request)
{
    const IpsecSpdEntry* entry = service.m_driver->GetSpd().Find(request.filterId);
    if (!entry || entry->filter.action != IpsecFilterAction::NEGOTIATE)
    {
        service.FailRequest(request,
                            IkeFailureReasonToString(IkeFailureReason::FILTER_REMOVED),
                            IkeService::PeerAnswer::IKE);
        return;
    }
    std::vector<IkeQuickModeOffer> offers = service.EffectiveQuickModeOffers();
    if (offers.empty())
    {
        std::string reason = IkeFailureReasonToString(IkeFailureReason::NO_USABLE_METHOD);
        ++service.m_counters.quickModeFailed;
        service.m_quickModeFailed(mainModeSa.peer, reason);
        service.FailRequest(request, reason, IkeService::PeerAnswer::IKE);
        return;
    }
    auto sa = std::make_unique<IkeQuickModeSa>();
    sa->id = service.m_nextQuickModeSaId++;
    sa->messageId = 0;
    while (sa->messageId == 0 || service.FindQuickModeSa(sa->messageId, mainModeSa.peer))
    {
        sa->messageId = service.m_random->GetInteger(1, 0xffffffffU);
    }
    sa->cookieI = mainModeSa.cookieI;
    sa->cookieR = mainModeSa.cookieR;
    sa->initiator = true;
    sa->filterId = request.filterId;
    sa->local = mainModeSa.local;
    sa->peer = mainModeSa.peer;
    sa->trafficPeer = request.peer;
    sa->selector = request.selector;
    sa->rekeyOf = request.rekeyOf;
    // Under way from now on: it counts towards QMperMM once it installs its SAs.
    mainModeSa.QuickModeStarted();
    sa->underMainMode = true;
    sa->task = std::make_unique<IkeQuickModeTask>(service, *sa);
    IkeQuickModeTask& task = *sa->task;
    const IpsecFilter& filter = entry->filter;
    IpsecMode mode = filter.tunnelEndpoint ? IpsecMode::TUNNEL : IpsecMode::TRANSPORT;
    sa->spiIn = service.NewSpi(mainModeSa.local);
    std::optional<IkeDhGroup> pfs;
    if (service.m_pfs == IkePfs::SESSION)
    {
        pfs = mainModeSa.terms.method.group;
    }
    uint64_t seconds = static_cast<uint64_t>(service.m_quickModeLifetime.GetSeconds());
    // A NAT between the peers (or one the peer fakes): the UDP-encapsulated modes (RFC 3947
    // 5.1; draft-02's numbers under its vendor ID).
    bool udpEncap = mainModeSa.natT.IsNatBetween();
    task.m_offered = IkeMakeQuickModeSa(offers,
                                        mode,
                                        sa->spiIn,
                                        seconds,
                                        service.m_quickModeLifetimeKb,
                                        pfs,
                                        udpEncap,
                                        mainModeSa.natT.version == IkeNatTVersion::DRAFT_02);
    task.m_ni = IkeMakeNonce(*service.m_rng, service.m_nonceLength);

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
        const IpsecSpd& local = service.m_driver->GetSpd();
        bool forward = IkeFilterEndCovers(filter.source, sel.source, local) &&
                       IkeFilterEndCovers(filter.destination, sel.destination, local);
        const IpsecFilterAddress& mine = forward ? filter.source : filter.destination;
        const IpsecFilterAddress& theirs = forward ? filter.destination : filter.source;
        task.m_idci = IkeTunnelClientId(mine, sel.source, protocol, localPort);
        task.m_idcr = IkeTunnelClientId(theirs, sel.destination, protocol, remotePort);
    }
    else
    {
        Ipv4Address source = sel.source == Ipv4Address::GetAny() ? mainModeSa.local : sel.source;
        task.m_idci = IsakmpIdPayload::Ipv4(source, protocol, localPort);
        task.m_idcr = IsakmpIdPayload::Ipv4(sel.destination, protocol, remotePort);
    }

    // Message 1: HASH(1), SA, Ni [, KE], IDci, IDcr.
    std::vector<IsakmpPayload> rest{task.m_offered, IsakmpNoncePayload{{task.m_ni}}};
    if (pfs)
    {
        task.m_dh = std::make_unique<IkeDhKeyPair>(*pfs, *service.m_rng);
        rest.push_back(IsakmpKePayload{{task.m_dh->GetPublicValue()}});
    }
    rest.push_back(task.m_idci);
    rest.push_back(task.m_idcr);
    if (udpEncap && mode == IpsecMode::TRANSPORT)
    {
        AddNatOa(rest, mainModeSa, mainModeSa.local, mainModeSa.peer);
    }
    IkeHashAlgorithm hash = mainModeSa.terms.method.hash;
    std::vector<IsakmpPayload> payloads{IsakmpHashPayload{{IkeQuickModeHash1(
        hash, mainModeSa.skeyidA, sa->messageId, IkePayloadChainBytes(rest))}}};
    payloads.insert(payloads.end(), rest.begin(), rest.end());
    task.m_iv = IkePhase2Iv(hash,
                            mainModeSa.lastBlock,
                            sa->messageId,
                            IkeGetBlockSize(mainModeSa.terms.method.encryption));
    IsakmpMessage message(mainModeSa.MakeHeader(IsakmpExchangeType::QUICK_MODE, sa->messageId));
    message.SetEncryptedBody(IsakmpPayloadType::HASH, mainModeSa.Encrypt(payloads, task.m_iv));
    std::vector<uint8_t> bytes = IkeSerializeMessage(message);
    IkeQuickModeSa& ref = *sa;
    service.AddQuickModeSa(std::move(sa));
    ++service.m_counters.quickModeStarted;
    service.m_quickModeStarted(ref.peer, "initiator");
    task.GiveUpOnTimeout(std::move(bytes));
}

void
IkeQuickModeTask::GiveUpOnTimeout(std::vector<uint8_t> bytes)
{
    IkeService& service = m_service;
    uint64_t id = m_sa.id;
    m_retransmitter.SendReliably(std::move(bytes), [&service, id]() {
        Fail(service, id, IkeFailure{IkeFailureReason::TIMEOUT, ""});
    });
}

void
IkeQuickModeTask::Process(const IsakmpMessage& message,
                          const std::vector<uint8_t>& bytes,
                          Ipv4Address from)
{
    const IsakmpHeader& header = message.GetHeader();
    IkeMainModeSa* mainModeSa =
        m_service.FindMainModeSa(header.GetInitiatorCookie(), header.GetResponderCookie(), from);
    if (!mainModeSa || !mainModeSa->IsEstablished())
    {
        ++m_service.m_counters.ignored;
        return;
    }
    Process(*mainModeSa, message, bytes);
}

void
IkeQuickModeTask::Process(IkeMainModeSa& mainModeSa,
                          const IsakmpMessage& message,
                          const std::vector<uint8_t>& bytes)
{
    if (m_retransmitter.IsRepeat(bytes))
    {
        // Our answer was lost: answer again (the responder its second message, the initiator
        // its third).
        m_retransmitter.AnswerRepeat(m_sa.initiator ? m_sa.IsEstablished()
                                                    : !m_sa.IsEstablished());
        return;
    }
    if (m_sa.IsEstablished())
    {
        ++m_service.m_counters.ignored;
        return;
    }
    m_retransmitter.Received(bytes);
    if (m_sa.initiator)
    {
        InitiatorProcess2(mainModeSa, message);
    }
    else
    {
        ResponderProcess3(mainModeSa, message);
    }
}

void
IkeQuickModeTask::Respond(IkeService& service,
                          IkeMainModeSa& mainModeSa,
                          const IsakmpMessage& message,
                          const std::vector<uint8_t>& bytes)
{
    uint32_t messageId = message.GetHeader().GetMessageId();
    IkeHashAlgorithm hash = mainModeSa.terms.method.hash;
    std::vector<uint8_t> iv = IkePhase2Iv(hash,
                                          mainModeSa.lastBlock,
                                          messageId,
                                          IkeGetBlockSize(mainModeSa.terms.method.encryption));
    IsakmpMessage clear;
    std::vector<uint8_t> received;
    std::vector<uint8_t> restBytes;
    if (!mainModeSa.OpenHashed(message, iv, received, clear, restBytes) ||
        received != IkeQuickModeHash1(hash, mainModeSa.skeyidA, messageId, restBytes))
    {
        ++service.m_counters.ignored; // forged or corrupted: no state is created
        return;
    }
    const IsakmpIdPayload* idci = clear.Find<IsakmpIdPayload>(0);
    const IsakmpIdPayload* idcr = clear.Find<IsakmpIdPayload>(1);
    auto sa = std::make_unique<IkeQuickModeSa>();
    sa->id = service.m_nextQuickModeSaId++;
    sa->messageId = messageId;
    sa->cookieI = mainModeSa.cookieI;
    sa->cookieR = mainModeSa.cookieR;
    sa->initiator = false;
    sa->local = mainModeSa.local;
    sa->peer = mainModeSa.peer;
    // Quick modes in either direction count towards QMperMM, once they install their SAs.
    mainModeSa.QuickModeStarted();
    sa->underMainMode = true;
    sa->task = std::make_unique<IkeQuickModeTask>(service, *sa);
    IkeQuickModeTask& task = *sa->task;
    task.m_retransmitter.Received(bytes);
    task.m_iv = iv;
    // Without identities the SAs are for the two IKE peers themselves (RFC 2409 5.5).
    task.m_idci = idci ? *idci : IsakmpIdPayload::Ipv4(mainModeSa.peer);
    task.m_idcr = idcr ? *idcr : IsakmpIdPayload::Ipv4(mainModeSa.local);
    IkeQuickModeSa& ref = *sa;
    service.AddQuickModeSa(std::move(sa));
    ++service.m_counters.quickModeStarted;
    service.m_quickModeStarted(ref.peer, "responder");
    task.ResponderProcess1(mainModeSa, clear);
}

void
IkeQuickModeTask::ResponderProcess1(IkeMainModeSa& mainModeSa, const IsakmpMessage& clear)
{
    IkeService& service = m_service;
    uint64_t id = m_sa.id;
    const IsakmpSaPayload* offered = clear.Find<IsakmpSaPayload>();
    const IsakmpNoncePayload* nonce = clear.Find<IsakmpNoncePayload>();
    // Client identities come as a pair or not at all (RFC 2409 5.5): IDci alone leaves the
    // responder's side unnamed, and a third identity has no meaning.
    bool idci = clear.Find<IsakmpIdPayload>(0) != nullptr;
    bool idcr = clear.Find<IsakmpIdPayload>(1) != nullptr;
    bool extraId = clear.Find<IsakmpIdPayload>(2) != nullptr;
    if (!offered || !nonce || idci != idcr || extraId)
    {
        service.m_informational.SendNotify(mainModeSa, IsakmpNotifyType::PAYLOAD_MALFORMED, true);
        Fail(service, id, IkeFailure{IkeFailureReason::MALFORMED, ""});
        return;
    }
    // The traffic, seen from this node: the responder's identity is the source.
    IpsecPacketSelector selector;
    selector.source = IkeClientIdAddress(m_idcr);
    selector.destination = IkeClientIdAddress(m_idci);
    selector.protocol = m_idci.protocolId;
    selector.sourcePort = m_idcr.port;
    selector.destinationPort = m_idci.port;
    m_sa.natOaPeer = PeerNatOa(clear, mainModeSa, true);
    // The mode the initiator asks for (its first proposal): identities are only translated
    // in transport mode; in tunnel mode they name inner addresses, which no NAT touches.
    bool transport = true;
    if (!offered->proposals.empty() && !offered->proposals.front().transforms.empty())
    {
        IpsecMode asked = IpsecMode::TRANSPORT;
        bool udp = false;
        auto value = offered->proposals.front().transforms.front().GetNumber(
            IPSEC_ATTR_ENCAPSULATION_MODE);
        if (value && *value <= 0xffff &&
            IpsecParseEncapsulationModeValue(static_cast<uint16_t>(*value), asked, udp))
        {
            transport = asked == IpsecMode::TRANSPORT;
        }
    }
    if (mainModeSa.natT.IsNatBetween() && transport)
    {
        // Transport mode through a NAT: a host identity is the address its owner knows (its
        // NAT-OA), not the one the packets carry here. The SAs and the filter lookup take the
        // translated address, as Windows and strongSwan do (the IDs are echoed unchanged).
        if (mainModeSa.natT.peerBehindNat && m_idci.idType == IsakmpIdType::IPV4_ADDR &&
            selector.destination != mainModeSa.peer)
        {
            selector.destination = mainModeSa.peer;
        }
        if (mainModeSa.natT.localBehindNat && m_idcr.idType == IsakmpIdType::IPV4_ADDR &&
            selector.source != mainModeSa.local)
        {
            selector.source = mainModeSa.local;
        }
    }
    const IpsecSpdEntry* entry = ResponderFindFilter(selector);
    if (!entry || entry->filter.action != IpsecFilterAction::NEGOTIATE)
    {
        service.m_informational.SendNotify(mainModeSa,
                                           IsakmpNotifyType::INVALID_ID_INFORMATION,
                                           true);
        Fail(service, id, IkeFailure{IkeFailureReason::NO_MATCHING_FILTER, ""});
        return;
    }
    IpsecMode mode = entry->filter.tunnelEndpoint ? IpsecMode::TUNNEL : IpsecMode::TRANSPORT;
    if (mode == IpsecMode::TUNNEL && *entry->filter.tunnelEndpoint != mainModeSa.peer)
    {
        service.m_informational.SendNotify(mainModeSa,
                                           IsakmpNotifyType::INVALID_ID_INFORMATION,
                                           true);
        Fail(service, id, IkeFailure{IkeFailureReason::TUNNEL_ENDPOINT_MISMATCH, ""});
        return;
    }
    m_sa.filterId = entry->id;
    m_sa.selector = selector;
    m_sa.trafficPeer = mode == IpsecMode::TUNNEL ? mainModeSa.peer : selector.destination;
    m_sa.spiIn = service.NewSpi(mainModeSa.local);
    std::optional<IkeDhGroup> pfs;
    if (service.m_pfs == IkePfs::SESSION)
    {
        pfs = mainModeSa.terms.method.group;
    }
    IsakmpSaPayload reply;
    IkeFailureReason reason{IkeFailureReason::NO_PROPOSAL_CHOSEN};
    IsakmpStatus status = IkeChooseQuickMode(*offered,
                                             service.EffectiveQuickModeOffers(),
                                             mode,
                                             pfs,
                                             m_sa.spiIn,
                                             m_sa.terms,
                                             m_sa.spiOut,
                                             reply,
                                             reason,
                                             mainModeSa.natT.IsNatBetween());
    if (!status)
    {
        service.m_informational.SendNotify(mainModeSa, status.GetNotifyType(), true);
        Fail(service, id, IkeFailure{reason, ""});
        return;
    }
    m_offered = *offered;
    m_ni = nonce->data;
    m_nr = IkeMakeNonce(*service.m_rng, service.m_nonceLength);
    ResponderBuild2(mainModeSa, clear, reply);
}

const IpsecSpdEntry*
IkeQuickModeTask::ResponderFindFilter(const IpsecPacketSelector& selector) const
{
    Ptr<IpsecDriver> driver = m_service.m_driver;
    const IpsecSpdEntry* entry = driver->GetSpd().Lookup(selector);
    if ((entry && entry->filter.action != IpsecFilterAction::PERMIT) ||
        !m_service.m_defaultResponse || m_idci.idType != IsakmpIdType::IPV4_ADDR ||
        m_idcr.idType != IsakmpIdType::IPV4_ADDR)
    {
        return entry; // a default response filter made earlier is found here too
    }
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
    uint32_t id = driver->AddFilter(dynamic);
    // It lives as long as quick mode SAs (or negotiations) use it.
    m_service.AddDefaultResponseFilter(id);
    return driver->GetSpd().Find(id);
}

void
IkeQuickModeTask::ResponderBuild2(IkeMainModeSa& mainModeSa,
                                  const IsakmpMessage& clear,
                                  const IsakmpSaPayload& reply)
{
    IkeService& service = m_service;
    uint64_t id = m_sa.id;
    const IsakmpKePayload* ke = clear.Find<IsakmpKePayload>();
    const IsakmpIdPayload* idci = clear.Find<IsakmpIdPayload>(0);
    const IsakmpIdPayload* idcr = clear.Find<IsakmpIdPayload>(1);
    std::vector<IsakmpPayload> answer{reply, IsakmpNoncePayload{{m_nr}}};
    if (m_sa.terms.pfsGroup)
    {
        m_dh = std::make_unique<IkeDhKeyPair>(*m_sa.terms.pfsGroup, *service.m_rng);
        if (!ke || !m_dh->ComputeSharedSecret(ke->data, m_gqmxy))
        {
            service.m_informational.SendNotify(mainModeSa,
                                               IsakmpNotifyType::INVALID_KEY_INFORMATION,
                                               true);
            Fail(service, id, IkeFailure{IkeFailureReason::INVALID_KEY_EXCHANGE, ""});
            return;
        }
        answer.push_back(IsakmpKePayload{{m_dh->GetPublicValue()}});
        m_dh.reset();
    }
    if (idci)
    {
        answer.push_back(*idci);
        answer.push_back(*idcr);
    }
    if (m_sa.terms.udpEncap && m_sa.terms.mode == IpsecMode::TRANSPORT)
    {
        AddNatOa(answer, mainModeSa, mainModeSa.peer, mainModeSa.local);
    }
    IkeHashAlgorithm hash = mainModeSa.terms.method.hash;
    std::vector<IsakmpPayload> out{IsakmpHashPayload{{IkeQuickModeHash2(
        hash, mainModeSa.skeyidA, m_sa.messageId, m_ni, IkePayloadChainBytes(answer))}}};
    out.insert(out.end(), answer.begin(), answer.end());
    IsakmpMessage m2(mainModeSa.MakeHeader(IsakmpExchangeType::QUICK_MODE, m_sa.messageId));
    m2.SetEncryptedBody(IsakmpPayloadType::HASH, mainModeSa.Encrypt(out, m_iv));
    // Only the responder can notice a lost third message: it repeats its answer.
    GiveUpOnTimeout(IkeSerializeMessage(m2));
}

void
IkeQuickModeTask::InitiatorProcess2(IkeMainModeSa& mainModeSa, const IsakmpMessage& message)
{
    IkeHashAlgorithm hash = mainModeSa.terms.method.hash;
    std::vector<uint8_t> iv = m_iv;
    IsakmpMessage clear;
    std::vector<uint8_t> received;
    std::vector<uint8_t> restBytes;
    if (!mainModeSa.OpenHashed(message, iv, received, clear, restBytes) ||
        received != IkeQuickModeHash2(hash, mainModeSa.skeyidA, m_sa.messageId, m_ni, restBytes))
    {
        ++m_service.m_counters.ignored;
        return;
    }
    m_iv = iv;
    const IsakmpSaPayload* chosen = clear.Find<IsakmpSaPayload>();
    const IsakmpNoncePayload* nonce = clear.Find<IsakmpNoncePayload>();
    const IsakmpKePayload* ke = clear.Find<IsakmpKePayload>();
    IkeService& service = m_service;
    uint64_t id = m_sa.id;
    // A refused answer is said to the responder, which would otherwise repeat it.
    auto refuse = [&](IsakmpNotifyType type) {
        service.m_informational.SendNotify(mainModeSa,
                                           m_offered.proposals.front().protocolId,
                                           m_sa.spiIn,
                                           type);
    };
    if (!chosen || !nonce)
    {
        refuse(IsakmpNotifyType::PAYLOAD_MALFORMED);
        Fail(service, id, IkeFailure{IkeFailureReason::MALFORMED, ""});
        return;
    }
    IsakmpStatus accepted = IkeAcceptQuickModeReply(m_offered, *chosen, m_sa.terms, m_sa.spiOut);
    if (!accepted)
    {
        refuse(accepted.GetNotifyType());
        Fail(service, id, IkeFailure{IkeFailureReason::BAD_PROPOSAL, ""});
        return;
    }
    m_nr = nonce->data;
    m_sa.natOaPeer = PeerNatOa(clear, mainModeSa, false);
    if (m_sa.terms.pfsGroup)
    {
        if (!ke || !m_dh || !m_dh->ComputeSharedSecret(ke->data, m_gqmxy))
        {
            refuse(IsakmpNotifyType::INVALID_KEY_INFORMATION);
            Fail(service, id, IkeFailure{IkeFailureReason::INVALID_KEY_EXCHANGE, ""});
            return;
        }
        m_dh.reset();
    }
    InitiatorBuild3(mainModeSa);
}

void
IkeQuickModeTask::InitiatorBuild3(IkeMainModeSa& mainModeSa)
{
    IkeHashAlgorithm hash = mainModeSa.terms.method.hash;
    std::vector<IsakmpPayload> m3Payloads{IsakmpHashPayload{
        {IkeQuickModeHash3(hash, mainModeSa.skeyidA, m_sa.messageId, m_ni, m_nr)}}};
    IsakmpMessage m3(mainModeSa.MakeHeader(IsakmpExchangeType::QUICK_MODE, m_sa.messageId));
    m3.SetEncryptedBody(IsakmpPayloadType::HASH, mainModeSa.Encrypt(m3Payloads, m_iv));
    m_retransmitter.Stop();
    m_retransmitter.Send(IkeSerializeMessage(m3));
    if (!InstallSas(mainModeSa))
    {
        Fail(m_service, m_sa.id, IkeFailure{IkeFailureReason::SA_INSTALL_FAILED, ""});
        return;
    }
    Complete();
}

void
IkeQuickModeTask::ResponderProcess3(IkeMainModeSa& mainModeSa, const IsakmpMessage& message)
{
    IkeHashAlgorithm hash = mainModeSa.terms.method.hash;
    std::vector<uint8_t> iv = m_iv;
    std::vector<IsakmpPayload> payloads;
    if (!mainModeSa.Decrypt(message, iv, payloads) || payloads.empty() ||
        !std::holds_alternative<IsakmpHashPayload>(payloads.front()) ||
        std::get<IsakmpHashPayload>(payloads.front()).data !=
            IkeQuickModeHash3(hash, mainModeSa.skeyidA, m_sa.messageId, m_ni, m_nr))
    {
        ++m_service.m_counters.ignored;
        return;
    }
    m_iv = iv;
    m_retransmitter.Stop();
    if (!InstallSas(mainModeSa))
    {
        Fail(m_service, m_sa.id, IkeFailure{IkeFailureReason::SA_INSTALL_FAILED, ""});
        return;
    }
    Complete();
}

bool
IkeQuickModeTask::InstallSas(IkeMainModeSa& mainModeSa)
{
    const IkeQuickModeTerms& terms = m_sa.terms;
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
    double softFraction = m_service.m_softLifetimeFraction;
    double fraction = m_sa.initiator ? softFraction - m_service.m_random->GetValue(
                                           0,
                                           m_service.m_softLifetimeJitter)
                                     : softFraction + (1 - softFraction) / 2;
    if (terms.lifetimeSeconds != 0)
    {
        base.lifetime.softTime = base.lifetime.hardTime * std::max(fraction, 0.01);
    }
    if (terms.lifetimeKilobytes != 0)
    {
        base.lifetime.hardBytes = terms.lifetimeKilobytes * 1024;
        base.lifetime.softBytes =
            static_cast<uint64_t>(static_cast<double>(base.lifetime.hardBytes) *
                                  (m_sa.initiator ? softFraction : fraction));
    }
    IpsecSaConfig in = base;
    in.spi = m_sa.spiIn;
    in.source = m_sa.peer;
    in.destination = m_sa.local;
    IpsecSaConfig out = base;
    out.spi = m_sa.spiOut;
    out.source = m_sa.local;
    out.destination = m_sa.peer;
    if (terms.udpEncap)
    {
        // RFC 3948: bound to the peer's address and the port its 4500 was seen from (a NAT's
        // mapping); this node's own end is 4500.
        uint16_t peerPort = m_service.GetPeerPort(m_sa.peer);
        in.encapSourcePort = peerPort;
        in.encapDestinationPort = IPSEC_NAT_T_PORT;
        out.encapSourcePort = IPSEC_NAT_T_PORT;
        out.encapDestinationPort = peerPort;
    }
    IkeHashAlgorithm hash = mainModeSa.terms.method.hash;
    IkeSaKeys inKeys = IkeQuickModeSaKeys(hash,
                                          mainModeSa.skeyidD,
                                          m_gqmxy,
                                          protocol,
                                          m_sa.spiIn,
                                          m_ni,
                                          m_nr,
                                          encryption,
                                          terms.offer.integrity);
    IkeSaKeys outKeys = IkeQuickModeSaKeys(hash,
                                           mainModeSa.skeyidD,
                                           m_gqmxy,
                                           protocol,
                                           m_sa.spiOut,
                                           m_ni,
                                           m_nr,
                                           encryption,
                                           terms.offer.integrity);
    in.encryptionKey = inKeys.encryptionKey;
    in.integrityKey = inKeys.integrityKey;
    out.encryptionKey = outKeys.encryptionKey;
    out.integrityKey = outKeys.integrityKey;
    Ptr<IpsecDriver> driver = m_service.m_driver;
    try
    {
        m_sa.inbound = driver->AddSa(in, true, m_sa.filterId);
        m_sa.outbound = driver->AddSa(out, false, m_sa.filterId, m_sa.trafficPeer);
    }
    catch (const IpsecConfigError& e)
    {
        NS_LOG_WARN("node " << m_service.m_node->GetId() << ": cannot install SAs: " << e.what());
        if (m_sa.inbound)
        {
            driver->DeleteSa(m_sa.inbound, IpsecSaDeleteReason::INSTALL_FAILED);
            m_sa.inbound = nullptr;
        }
        return false;
    }
    // The pair's key material lives in the SAs now, and the SAD holds its inbound SPI.
    m_gqmxy.clear();
    m_service.ReleaseSpi(m_sa.spiIn);
    return true;
}

void
IkeQuickModeTask::Complete()
{
    m_sa.SetEstablished();
    m_sa.established = Simulator::Now();
    // Only the last messages are kept, to answer repeats until none can come.
    std::vector<uint8_t>().swap(m_ni);
    std::vector<uint8_t>().swap(m_nr);
    std::vector<uint8_t>().swap(m_iv);
    m_offered = IsakmpSaPayload();
    m_idci = IsakmpIdPayload();
    m_idcr = IsakmpIdPayload();
    IkeService& service = m_service;
    uint64_t id = m_sa.id;
    m_retransmitter.Settle([&service, id]() {
        if (IkeQuickModeSa* sa = service.FindQuickModeSaById(id))
        {
            // No message of this exchange can come any more: the main mode SA, if used up,
            // need not stay for it.
            sa->task.reset();
            service.ForgetMessageId(*sa);
            service.DeleteIfUsedUp(sa->cookieI, sa->cookieR, sa->peer);
        }
    });
    ++service.m_counters.quickModeSucceeded;
    service.m_quickModeSucceeded(m_sa.peer,
                                 m_sa.terms.offer.ToString() + " " +
                                     IpsecModeToString(m_sa.terms.mode) +
                                     (m_sa.terms.udpEncap ? " udp-encap" : ""));
    service.QuickModeSaEstablished(m_sa);
    service.QuickModeEnded(m_sa, true);
}

void
IkeQuickModeTask::Fail(IkeService& service, uint64_t id, const IkeFailure& failure)
{
    std::unique_ptr<IkeQuickModeSa> sa = service.TakeQuickModeSa(id);
    if (!sa)
    {
        return;
    }
    sa->task.reset(); // and its timers
    std::string reason = failure.ToString();
    ++service.m_counters.quickModeFailed;
    NS_LOG_INFO("node " << service.m_node->GetId() << ": quick mode with " << sa->peer
                        << " failed: " << reason);
    service.m_quickModeFailed(sa->peer, reason);
    service.QuickModeSaFailed(*sa, reason);
}

} // namespace ns3
