/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ike-main-mode-task.h"

#include "ike-informational-task.h"
#include "ike-nat-traversal.h"
#include "ike-quick-mode-task.h"
#include "ike-service.h"

#include "ns3/ike-authenticator-factory.h"
#include "ns3/ipsec-driver.h"
#include "ns3/log.h"
#include "ns3/node.h"
#include "ns3/simulator.h"

#include <algorithm>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("IkeMainModeTask");

IkeMainModeTask::IkeMainModeTask(IkeService& service, IkeMainModeSa& sa, Step step)
    : m_service(service),
      m_sa(sa),
      m_step(step),
      m_retransmitter(service, sa.peer, "main", false)
{
    IkeService* s = &service;
    IkeMainModeSa* p = &sa;
    m_payloadTasks.push_back(std::make_unique<IkeNatTraversalTask>(
        sa,
        service.IsNatTraversalEnabled(),
        [s, p]() { return s->SendingEndpoints(*p); },
        [s, p]() { return s->ReceivedEndpoints(*p); }));
}

IkeMainModeTask::~IkeMainModeTask()
{
    m_fallback.Cancel();
}

IkeTaskType
IkeMainModeTask::GetType() const
{
    return IkeTaskType::MAIN_MODE;
}

void
IkeMainModeTask::Initiate(IkeService& service, const IkeQuickModeRequest& request)
{
    auto sa = std::make_unique<IkeMainModeSa>();
    sa->initiator = true;
    sa->cookieI = service.NewCookie();
    sa->peer = request.peer;
    sa->local = service.LocalAddressFor(request.peer);
    sa->task = std::make_unique<IkeMainModeTask>(service, *sa, Step::INITIATOR_SENT_1);
    IkeMainModeTask& task = *sa->task;
    task.m_waiting.push_back(request);
    ++service.m_counters.mainModeStarted;
    service.m_mainModeStarted(request.peer, "initiator");
    if (sa->local == Ipv4Address::GetAny())
    {
        std::string reason = IkeFailureReasonToString(IkeFailureReason::NO_ROUTE);
        service.CountMainModeFailure(IkeFailure{IkeFailureReason::NO_ROUTE, ""});
        service.m_mainModeFailed(request.peer, reason);
        service.FailRequest(request, reason, IkeService::PeerAnswer::NOTHING);
        return;
    }
    std::vector<IkeMainModeMethod> methods = service.EffectiveMainModeMethods();
    if (methods.empty())
    {
        std::string reason = IkeFailureReasonToString(IkeFailureReason::NO_USABLE_METHOD);
        service.CountMainModeFailure(IkeFailure{IkeFailureReason::NO_USABLE_METHOD, ""});
        service.m_mainModeFailed(request.peer, reason);
        service.FailRequest(request, reason, IkeService::PeerAnswer::IKE);
        return;
    }
    IsakmpSaPayload offer =
        IkeMakeMainModeSa(methods,
                          service.m_authMethods,
                          static_cast<uint64_t>(service.m_mainModeLifetime.GetSeconds()));
    IsakmpStatus status = offer.Serialize(task.m_saiB);
    NS_ABORT_MSG_UNLESS(status, "main mode SA payload: " << status);
    IsakmpMessage message(sa->MakeHeader(IsakmpExchangeType::IDENTITY_PROTECTION, 0));
    message.AddPayload(offer);
    task.BuildPayloadTasks(1, message);
    std::vector<uint8_t> bytes = IkeSerializeMessage(message);
    service.AddMainModeSa(std::move(sa));
    if (service.AllowsFallback(request.filterId) &&
        service.GetFallbackRule() == IkeFallbackRule::SILENCE)
    {
        // XP / 2003: silence for the fallback delay is enough. Windows 2000 waits for the
        // tries to be used up (SendRequest).
        task.m_fallback = Simulator::Schedule(service.m_driver->GetFallbackDelay(),
                                              &IkeMainModeTask::FallbackCheck,
                                              &task);
    }
    task.SendRequest(std::move(bytes));
}

void
IkeMainModeTask::Respond(IkeService& service,
                         const IsakmpMessage& message,
                         const std::vector<uint8_t>& bytes,
                         Ipv4Address from,
                         Ipv4Address to)
{
    const IsakmpSaPayload* offered = message.Find<IsakmpSaPayload>();
    // Without a Negotiate filter the service has no policy to answer with (Windows' IKE only
    // answers when an IPsec policy is assigned), unless the default response rule answers.
    if (!offered || !(service.HasNegotiatePolicy() || service.m_defaultResponse))
    {
        ++service.m_counters.ignored;
        return;
    }
    auto sa = std::make_unique<IkeMainModeSa>();
    sa->initiator = false;
    sa->cookieI = message.GetHeader().GetInitiatorCookie();
    sa->cookieR = service.NewCookie();
    sa->peer = from;
    sa->local = to == Ipv4Address::GetAny() ? service.LocalAddressFor(from) : to;
    sa->task = std::make_unique<IkeMainModeTask>(service, *sa, Step::RESPONDER_SENT_2);
    IkeMainModeTask& task = *sa->task;
    task.m_answered = true;
    task.m_retransmitter.Received(bytes);
    service.AddMainModeSa(std::move(sa));
    ++service.m_counters.mainModeStarted;
    service.m_mainModeStarted(from, "responder");
    task.ProcessPayloadTasks(1, message);
    task.ResponderProcess1(*offered);
}

void
IkeMainModeTask::Process(const IsakmpMessage& message,
                         const std::vector<uint8_t>& bytes,
                         Ipv4Address /* from: the SA's peer */)
{
    if (m_retransmitter.IsRepeat(bytes))
    {
        // The peer did not hear our answer: responders send it again (an initiator's own
        // timer drives its retransmissions).
        m_retransmitter.AnswerRepeat(!m_sa.initiator);
        return;
    }
    const IsakmpHeader& header = message.GetHeader();
    if (header.GetResponderCookie() == 0 ||
        (m_sa.cookieR != 0 && header.GetResponderCookie() != m_sa.cookieR))
    {
        ++m_service.m_counters.ignored;
        return;
    }
    m_answered = true;
    switch (m_step)
    {
    case Step::INITIATOR_SENT_1:
        m_sa.cookieR = header.GetResponderCookie();
        m_retransmitter.Received(bytes);
        InitiatorProcess2(message);
        return;
    case Step::INITIATOR_SENT_3:
        m_retransmitter.Received(bytes);
        InitiatorProcess4(message);
        return;
    case Step::INITIATOR_SENT_5:
        m_retransmitter.Received(bytes);
        InitiatorProcess6(message);
        return;
    case Step::RESPONDER_SENT_2:
        m_retransmitter.Received(bytes);
        ResponderProcess3(message);
        return;
    case Step::RESPONDER_SENT_4:
        m_retransmitter.Received(bytes);
        ResponderProcess5(message);
        return;
    case Step::INITIATOR_PREPARING:
    case Step::DONE:
        ++m_service.m_counters.ignored;
        return;
    }
}

void
IkeMainModeTask::AddWaiting(const IkeQuickModeRequest& request)
{
    for (const auto& waiting : m_waiting)
    {
        if (waiting.filterId == request.filterId && waiting.peer == request.peer)
        {
            return;
        }
    }
    m_waiting.push_back(request);
}

void
IkeMainModeTask::SetAnswered()
{
    m_answered = true;
}

void
IkeMainModeTask::NoteIcmpUnreachable()
{
    ++m_icmpUnreachable;
}

void
IkeMainModeTask::BuildPayloadTasks(uint8_t number, IsakmpMessage& message)
{
    for (const auto& task : m_payloadTasks)
    {
        task->Build(number, message);
    }
}

void
IkeMainModeTask::ProcessPayloadTasks(uint8_t number, const IsakmpMessage& message)
{
    for (const auto& task : m_payloadTasks)
    {
        task->Process(number, message);
    }
}

void
IkeMainModeTask::SendRequest(std::vector<uint8_t> bytes)
{
    m_retransmitter.SendReliably(std::move(bytes), [this]() {
        IkeFailureReason reason =
            m_answered ? IkeFailureReason::TIMEOUT : IkeFailureReason::NO_RESPONSE;
        if (!m_answered && m_icmpUnreachable > 0 && !m_waiting.empty() &&
            m_service.GetFallbackRule() == IkeFallbackRule::ICMP_UNREACHABLE &&
            std::all_of(m_waiting.begin(), m_waiting.end(), [this](const auto& request) {
                return m_service.AllowsFallback(request.filterId);
            }))
        {
            // Windows 2000 (KB 234580): all tries made, only ICMP unreachable came back.
            reason = IkeFailureReason::NO_RESPONSE_FELL_BACK;
        }
        Fail(IkeFailure{reason, ""}, IsakmpNotifyType::NONE);
    });
}

void
IkeMainModeTask::ResponderProcess1(const IsakmpSaPayload& offered)
{
    IsakmpSaPayload reply;
    IkeFailureReason reason{IkeFailureReason::NO_PROPOSAL_CHOSEN};
    IsakmpStatus status = IkeChooseMainMode(offered,
                                            m_service.EffectiveMainModeMethods(),
                                            m_service.m_authMethods,
                                            m_sa.terms,
                                            reply,
                                            reason);
    if (!status)
    {
        Fail(IkeFailure{reason, ""}, status.GetNotifyType());
        return;
    }
    status = offered.Serialize(m_saiB);
    NS_ABORT_MSG_UNLESS(status, "re-serializing a parsed SA payload: " << status);
    if (m_sa.terms.auth == IkeAuthKind::PRESHARED_KEY)
    {
        // An initiator's error names the rule that started it: its first waiting request.
        bool named = m_sa.initiator && !m_waiting.empty();
        m_service.CheckPreSharedKey(m_sa.peer, named ? m_waiting.front().filterId : 0);
    }
    m_auth = IkeAuthenticatorFactory::Create(m_sa.terms.auth, m_service.m_authSettings);
    // Message 2: the choice.
    IsakmpMessage answer(m_sa.MakeHeader(IsakmpExchangeType::IDENTITY_PROTECTION, 0));
    answer.AddPayload(reply);
    BuildPayloadTasks(2, answer);
    m_step = Step::RESPONDER_SENT_2;
    m_retransmitter.Send(IkeSerializeMessage(answer));
    // Responders do not retransmit on their own; this timer only ends a dead exchange.
    m_retransmitter.GiveUpAfter(m_service.SettleTime(), [this]() {
        if (!m_sa.IsEstablished())
        {
            Fail(IkeFailure{IkeFailureReason::TIMEOUT, ""}, IsakmpNotifyType::NONE);
        }
    });
}

void
IkeMainModeTask::InitiatorProcess2(const IsakmpMessage& message)
{
    const IsakmpSaPayload* chosen = message.Find<IsakmpSaPayload>();
    IsakmpSaPayload offered;
    IsakmpStatus status = offered.Deserialize(m_saiB.data(), m_saiB.size());
    if (status && chosen)
    {
        status = IkeAcceptMainModeReply(offered, *chosen, m_sa.terms);
    }
    else if (!chosen)
    {
        status = IsakmpStatus::Error(IsakmpNotifyType::PAYLOAD_MALFORMED, "no SA payload");
    }
    if (!status)
    {
        Fail(IkeFailure{IkeFailureReason::BAD_PROPOSAL, ""}, status.GetNotifyType());
        return;
    }
    ProcessPayloadTasks(2, message);
    if (m_sa.terms.auth == IkeAuthKind::PRESHARED_KEY)
    {
        // An initiator's error names the rule that started it: its first waiting request.
        bool named = m_sa.initiator && !m_waiting.empty();
        m_service.CheckPreSharedKey(m_sa.peer, named ? m_waiting.front().filterId : 0);
    }
    m_auth = IkeAuthenticatorFactory::Create(m_sa.terms.auth, m_service.m_authSettings);
    // Message 3 may carry something the method must obtain first (a Kerberos ticket).
    IkeFailure failure;
    auto ready = [this](bool ok, const IkeFailure& why) {
        if (m_step != Step::INITIATOR_PREPARING)
        {
            return;
        }
        if (!ok)
        {
            Fail(why, IsakmpNotifyType::AUTHENTICATION_FAILED);
            return;
        }
        InitiatorBuild3();
    };
    switch (m_auth->Prepare(m_sa.peer, ready, failure))
    {
    case IkeAuthenticator::Preparation::FAILED:
        Fail(failure, IsakmpNotifyType::AUTHENTICATION_FAILED);
        return;
    case IkeAuthenticator::Preparation::PENDING:
        m_step = Step::INITIATOR_PREPARING;
        m_retransmitter.Stop();
        return;
    case IkeAuthenticator::Preparation::READY:
        InitiatorBuild3();
        return;
    }
}

void
IkeMainModeTask::InitiatorBuild3()
{
    m_dh = std::make_unique<IkeDhKeyPair>(m_sa.terms.method.group, *m_service.m_rng);
    m_gxi = m_dh->GetPublicValue();
    m_ni = IkeMakeNonce(*m_service.m_rng, m_service.m_nonceLength);
    IsakmpMessage message(m_sa.MakeHeader(IsakmpExchangeType::IDENTITY_PROTECTION, 0));
    message.AddPayload(IsakmpKePayload{{m_gxi}});
    message.AddPayload(IsakmpNoncePayload{{m_ni}});
    m_auth->AddKeyExchangePayloads(message, true);
    BuildPayloadTasks(3, message);
    m_step = Step::INITIATOR_SENT_3;
    SendRequest(IkeSerializeMessage(message));
}

bool
IkeMainModeTask::ReadKeyExchange(const IsakmpMessage& message,
                                 std::vector<uint8_t>& publicValue,
                                 std::vector<uint8_t>& nonce)
{
    const IsakmpKePayload* ke = message.Find<IsakmpKePayload>();
    const IsakmpNoncePayload* n = message.Find<IsakmpNoncePayload>();
    if (!ke || !n || n->data.size() < IKE_NONCE_MIN_LENGTH || n->data.size() > IKE_NONCE_MAX_LENGTH)
    {
        Fail(IkeFailure{IkeFailureReason::MALFORMED, ""}, IsakmpNotifyType::PAYLOAD_MALFORMED);
        return false;
    }
    publicValue = ke->data;
    nonce = n->data;
    m_auth->ReadKeyExchangePayloads(message);
    return true;
}

void
IkeMainModeTask::ResponderProcess3(const IsakmpMessage& message)
{
    if (!ReadKeyExchange(message, m_gxi, m_ni))
    {
        return;
    }
    IkeFailure failure;
    if (!m_auth->AcceptKeyExchange(message, failure))
    {
        Fail(failure, IsakmpNotifyType::AUTHENTICATION_FAILED);
        return;
    }
    ProcessPayloadTasks(3, message);
    m_dh = std::make_unique<IkeDhKeyPair>(m_sa.terms.method.group, *m_service.m_rng);
    m_gxr = m_dh->GetPublicValue();
    m_nr = IkeMakeNonce(*m_service.m_rng, m_service.m_nonceLength);
    if (!DeriveKeys(m_gxi))
    {
        Fail(IkeFailure{IkeFailureReason::INVALID_KEY_EXCHANGE, ""},
             IsakmpNotifyType::INVALID_KEY_INFORMATION);
        return;
    }
    ResponderBuild4();
}

void
IkeMainModeTask::ResponderBuild4()
{
    IsakmpMessage answer(m_sa.MakeHeader(IsakmpExchangeType::IDENTITY_PROTECTION, 0));
    answer.AddPayload(IsakmpKePayload{{m_gxr}});
    answer.AddPayload(IsakmpNoncePayload{{m_nr}});
    m_auth->AddKeyExchangePayloads(answer, false);
    BuildPayloadTasks(4, answer);
    m_step = Step::RESPONDER_SENT_4;
    m_retransmitter.Send(IkeSerializeMessage(answer));
}

bool
IkeMainModeTask::DeriveKeys(const std::vector<uint8_t>& peerPublic)
{
    std::vector<uint8_t> gxy;
    IsakmpStatus status = m_dh->ComputeSharedSecret(peerPublic, gxy);
    if (!status)
    {
        return false;
    }
    IkeHashAlgorithm hash = m_sa.terms.method.hash;
    std::vector<uint8_t> skeyid = m_auth->MakeSkeyid(hash, m_ni, m_nr, gxy);
    IkePhase1Keys keys = IkeDerivePhase1Keys(hash, skeyid, gxy, m_sa.cookieI, m_sa.cookieR);
    m_sa.encryptionKey = IkePhase1EncryptionKey(hash, keys.skeyidE, m_sa.terms.method.encryption);
    m_sa.skeyidD = std::move(keys.skeyidD);
    m_sa.skeyidA = std::move(keys.skeyidA);
    m_skeyid = std::move(keys.skeyid);
    m_iv = IkePhase1Iv(hash, m_gxi, m_gxr, IkeGetBlockSize(m_sa.terms.method.encryption));
    m_dh.reset(); // the private exponent is not needed any more
    m_service.RecordDecryptionKey(m_sa);
    return true;
}

void
IkeMainModeTask::InitiatorProcess4(const IsakmpMessage& message)
{
    if (!ReadKeyExchange(message, m_gxr, m_nr))
    {
        return;
    }
    ProcessPayloadTasks(4, message);
    if (m_sa.natT.IsNatBetween() && !m_service.AllowsNatBetween(m_sa.natT))
    {
        // Windows XP SP2 by default (KB 885348): no SAs with a server behind a NAT.
        Fail(IkeFailure{IkeFailureReason::NAT_NOT_ALLOWED, ""}, IsakmpNotifyType::NONE);
        return;
    }
    if (!DeriveKeys(m_gxr))
    {
        Fail(IkeFailure{IkeFailureReason::INVALID_KEY_EXCHANGE, ""},
             IsakmpNotifyType::INVALID_KEY_INFORMATION);
        return;
    }
    if (m_sa.natT.IsNatBetween())
    {
        // RFC 3947 4: the initiator moves to UDP 4500 with the identities (message 5).
        m_service.FloatToNatTPort(m_sa.peer);
    }
    InitiatorBuild5();
}

std::vector<uint8_t>
IkeMainModeTask::Proof(bool ofInitiator, const std::vector<uint8_t>& idB) const
{
    IkeHashAlgorithm hash = m_sa.terms.method.hash;
    uint64_t cookieI = m_sa.cookieI;
    uint64_t cookieR = m_sa.cookieR;
    return ofInitiator ? IkeHashI(hash, m_skeyid, m_gxi, m_gxr, cookieI, cookieR, m_saiB, idB)
                       : IkeHashR(hash, m_skeyid, m_gxi, m_gxr, cookieI, cookieR, m_saiB, idB);
}

IkeProofContext
IkeMainModeTask::MakeProofContext() const
{
    IkeProofContext context;
    context.local = m_sa.local;
    context.peer = m_sa.peer;
    context.peerBehindNat = m_sa.natT.IsNatBetween() && m_sa.natT.peerBehindNat;
    context.ownProof = [this](const std::vector<uint8_t>& idB) {
        return Proof(m_sa.initiator, idB);
    };
    context.peerProof = [this](const std::vector<uint8_t>& idB) {
        return Proof(!m_sa.initiator, idB);
    };
    return context;
}

void
IkeMainModeTask::InitiatorBuild5()
{
    IkeFailure failure;
    std::vector<IsakmpPayload> payloads = m_auth->MakeIdentityAndProof(MakeProofContext(), failure);
    if (payloads.empty())
    {
        Fail(failure, IsakmpNotifyType::CERTIFICATE_UNAVAILABLE);
        return;
    }
    IsakmpMessage m5(m_sa.MakeHeader(IsakmpExchangeType::IDENTITY_PROTECTION, 0));
    m5.SetEncryptedBody(IsakmpGetPayloadType(payloads.front()), m_sa.Encrypt(payloads, m_iv));
    m_step = Step::INITIATOR_SENT_5;
    SendRequest(IkeSerializeMessage(m5));
}

void
IkeMainModeTask::ResponderProcess5(const IsakmpMessage& message)
{
    std::vector<IsakmpPayload> payloads;
    IkeFailure failure{IkeFailureReason::AUTHENTICATION_FAILED, ""};
    // A wrong preshared key gives a wrong SKEYID_e: the body decrypts to garbage.
    if (!m_sa.Decrypt(message, m_iv, payloads) ||
        !m_auth->CheckIdentityAndProof(MakeProofContext(), payloads, failure))
    {
        Fail(failure, failure.GetAuthenticationNotify());
        return;
    }
    ResponderBuild6();
}

void
IkeMainModeTask::ResponderBuild6()
{
    IkeFailure failure;
    std::vector<IsakmpPayload> answer = m_auth->MakeIdentityAndProof(MakeProofContext(), failure);
    if (answer.empty())
    {
        Fail(failure, IsakmpNotifyType::CERTIFICATE_UNAVAILABLE);
        return;
    }
    IsakmpMessage m6(m_sa.MakeHeader(IsakmpExchangeType::IDENTITY_PROTECTION, 0));
    m6.SetEncryptedBody(IsakmpGetPayloadType(answer.front()), m_sa.Encrypt(answer, m_iv));
    std::vector<uint8_t> bytes = IkeSerializeMessage(m6);
    m_sa.lastBlock = m_iv;
    m_retransmitter.Send(std::move(bytes));
    Established();
}

void
IkeMainModeTask::InitiatorProcess6(const IsakmpMessage& message)
{
    std::vector<IsakmpPayload> payloads;
    IkeFailure failure{IkeFailureReason::AUTHENTICATION_FAILED, ""};
    if (!m_sa.Decrypt(message, m_iv, payloads) ||
        !m_auth->CheckIdentityAndProof(MakeProofContext(), payloads, failure))
    {
        Fail(failure, failure.GetAuthenticationNotify());
        return;
    }
    m_sa.lastBlock = m_iv;
    Established();
}

void
IkeMainModeTask::Established()
{
    m_step = Step::DONE;
    m_sa.SetEstablished();
    m_sa.SetQuickModeLimit(m_service.QuickModeLimit());
    m_sa.established = Simulator::Now();
    m_retransmitter.Stop();
    m_fallback.Cancel();
    ReleaseExchangeState();
    ++m_service.m_counters.mainModeSucceeded;
    std::string terms =
        m_sa.terms.method.ToString() + " " + IkeAuthKindToString(m_sa.terms.auth);
    if (m_sa.natT.IsNatBetween())
    {
        terms += " nat-t " + m_sa.natT.ToString();
    }
    m_service.m_mainModeSucceeded(m_sa.peer, terms);
    Time lifetime = m_service.m_mainModeLifetime;
    if (m_sa.terms.lifetimeSeconds != 0)
    {
        lifetime = std::min(lifetime, Seconds(static_cast<double>(m_sa.terms.lifetimeSeconds)));
    }
    m_service.StartMainModeLifetime(m_sa, lifetime);
    std::vector<IkeQuickModeRequest> waiting = std::move(m_waiting);
    m_waiting.clear();
    IkeService& service = m_service;
    IkeMainModeSa& sa = m_sa;
    for (const IkeQuickModeRequest& request : waiting)
    {
        if (sa.CanStartQuickMode())
        {
            IkeQuickModeTask::Initiate(service, sa, request);
        }
        else
        {
            Initiate(service, request); // master key PFS or QMperMM: one main mode each
        }
    }
}

void
IkeMainModeTask::ReleaseExchangeState()
{
    // What only messages 1-6 needed; quick modes use SKEYID_d/a, the cipher and the last block.
    std::vector<uint8_t>().swap(m_saiB);
    std::vector<uint8_t>().swap(m_gxi);
    std::vector<uint8_t>().swap(m_gxr);
    std::vector<uint8_t>().swap(m_ni);
    std::vector<uint8_t>().swap(m_nr);
    std::vector<uint8_t>().swap(m_skeyid);
    m_auth.reset(); // its secret, ticket, the peer's CA names
    // The last messages answer repeats until the peer would have given up.
    IkeService& service = m_service;
    IkeMainModeSa::Key key = m_sa.GetKey();
    m_retransmitter.Settle([&service, key]() {
        if (IkeMainModeSa* sa = service.FindMainModeSa(key))
        {
            sa->task.reset();
            sa->ReleaseCipher(); // keyed again when a quick mode needs it
        }
    });
}

void
IkeMainModeTask::Fail(const IkeFailure& failure, IsakmpNotifyType notify)
{
    std::string reason = failure.ToString();
    if (notify != IsakmpNotifyType::NONE)
    {
        m_service.m_informational.SendNotify(m_sa, notify, false);
    }
    m_service.CountMainModeFailure(failure);
    NS_LOG_INFO("node " << m_service.m_node->GetId() << ": main mode with " << m_sa.peer
                        << " failed: " << reason);
    m_service.m_mainModeFailed(m_sa.peer, reason);
    std::vector<IkeQuickModeRequest> waiting = std::move(m_waiting);
    // ICMP unreachable counts only once every try is used up (Windows 2000's four tries),
    // not for an exchange cut short (an address change, say).
    bool triesUsedUp = failure.reason == IkeFailureReason::NO_RESPONSE ||
                       failure.reason == IkeFailureReason::NO_RESPONSE_FELL_BACK;
    IkeService::PeerAnswer answer = m_answered ? IkeService::PeerAnswer::IKE
                                    : m_icmpUnreachable > 0 && triesUsedUp
                                        ? IkeService::PeerAnswer::ICMP_UNREACHABLE
                                        : IkeService::PeerAnswer::NOTHING;
    IkeService& service = m_service;
    service.ForgetMainModeSa(m_sa.GetKey()); // and this task
    for (const IkeQuickModeRequest& request : waiting)
    {
        service.FailRequest(request, "main mode: " + reason, answer);
    }
}

void
IkeMainModeTask::FallbackCheck()
{
    // Any IKE answer at all rules falling back out.
    if (m_sa.IsEstablished() || m_answered)
    {
        return;
    }
    std::vector<IkeQuickModeRequest> keep;
    std::vector<IkeQuickModeRequest> clear;
    for (const IkeQuickModeRequest& request : m_waiting)
    {
        (m_service.AllowsFallback(request.filterId) ? clear : keep).push_back(request);
    }
    m_waiting = keep;
    IkeService& service = m_service;
    if (keep.empty())
    {
        // Nothing else waits for this peer: stop negotiating.
        service.CountMainModeFailure(IkeFailure{IkeFailureReason::NO_RESPONSE_FELL_BACK, ""});
        service.m_mainModeFailed(m_sa.peer,
                                 IkeFailureReasonToString(IkeFailureReason::NO_RESPONSE_FELL_BACK));
        service.ForgetMainModeSa(m_sa.GetKey()); // and this task
    }
    for (const IkeQuickModeRequest& request : clear)
    {
        service.FallBackToClear(request, "no IKE answer");
    }
}

} // namespace ns3
