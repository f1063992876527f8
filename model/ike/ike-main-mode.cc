/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// IkeService: main mode (RFC 2409 5: identity protection exchange, 6 messages).

#include "ike-service.h"

#include <algorithm>

#include "ns3/ipsec-driver.h"
#include "ns3/log.h"
#include "ns3/node.h"
#include "ns3/simulator.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("IkeMainMode");

IkePhase1*
IkeService::FindPhase1(uint64_t cookieI, uint64_t cookieR, Ipv4Address peer)
{
    auto it = m_phase1.find({cookieI, peer.Get()});
    if (it == m_phase1.end())
    {
        return nullptr;
    }
    IkePhase1* p1 = it->second.get();
    if (cookieR != 0 && p1->cookieR != 0 && p1->cookieR != cookieR)
    {
        return nullptr;
    }
    return p1;
}

IkePhase1*
IkeService::FindUsablePhase1(Ipv4Address peer)
{
    IkePhase1* best = nullptr;
    for (auto& [key, p1] : m_phase1)
    {
        if (p1->peer == peer && p1->state == IkePhase1::ESTABLISHED && !p1->exhausted &&
            (!best || p1->established > best->established))
        {
            best = p1.get();
        }
    }
    return best;
}

void
IkeService::StartMainMode(const IkeQuickModeRequest& request)
{
    auto p1 = std::make_unique<IkePhase1>();
    p1->initiator = true;
    p1->state = IkePhase1::I_SENT_1;
    p1->cookieI = NewCookie();
    p1->peer = request.peer;
    p1->local = LocalAddressFor(request.peer);
    p1->exchange->waiting.push_back(request);
    ++m_counters.mainModeStarted;
    m_mainModeStarted(request.peer, "initiator");
    if (p1->local == Ipv4Address::GetAny())
    {
        ++m_counters.mainModeFailed;
        m_mainModeFailed(request.peer, "no-route");
        FailRequest(request, "no-route", false);
        return;
    }
    std::vector<IkeMainModeMethod> methods = EffectiveMainModeMethods();
    if (methods.empty())
    {
        ++m_counters.mainModeFailed;
        m_mainModeFailed(request.peer, "no-usable-method");
        FailRequest(request, "no-usable-method", true);
        return;
    }
    IsakmpSaPayload sa = IkeMakePhase1Sa(methods,
                                         m_authMethods,
                                         static_cast<uint64_t>(m_mainModeLifetime.GetSeconds()));
    IsakmpStatus status = sa.Serialize(p1->exchange->saiB);
    NS_ABORT_MSG_UNLESS(status, "main mode SA payload: " << status);
    IsakmpMessage message(MakeHeader(*p1, IsakmpExchangeType::IDENTITY_PROTECTION, 0));
    message.AddPayload(sa);
    p1->exchange->lastSent = Serialize(message);
    Phase1Key key{p1->cookieI, p1->peer.Get()};
    IkePhase1& ref = *p1;
    m_phase1[key] = std::move(p1);
    if (AllowsFallback(request.filterId))
    {
        ref.exchange->fallback = Simulator::Schedule(m_driver->GetFallbackDelay(),
                                           &IkeService::FallbackCheck,
                                           this,
                                           key);
    }
    SendMainModeRequest(ref);
}

void
IkeService::SendMainModeRequest(IkePhase1& p1)
{
    p1.exchange->retransmission.bytes = p1.exchange->lastSent;
    SendBytes(p1.exchange->lastSent, p1.peer, "main");
    Phase1Key key{p1.cookieI, p1.peer.Get()};
    StartRetransmission(p1.exchange->retransmission, p1.peer, "main", [this, key]() {
        auto it = m_phase1.find(key);
        if (it != m_phase1.end())
        {
            MainModeFailed(*it->second,
                           it->second->exchange->answered ? "timeout" : "no-response",
                           false,
                           IsakmpNotifyType::NONE);
        }
    });
}

void
IkeService::HandleMainMode(const IsakmpMessage& message,
                           const std::vector<uint8_t>& bytes,
                           Ipv4Address from,
                           Ipv4Address to)
{
    const IsakmpHeader& header = message.GetHeader();
    auto it = m_phase1.find({header.GetInitiatorCookie(), from.Get()});
    if (it == m_phase1.end())
    {
        if (header.GetResponderCookie() == 0)
        {
            MainModeResponder1(message, bytes, from, to);
        }
        else
        {
            ++m_counters.ignored;
        }
        return;
    }
    IkePhase1& p1 = *it->second;
    if (!p1.exchange)
    {
        // The exchange has settled: no retransmission of it can come any more.
        ++m_counters.ignored;
        return;
    }
    if (bytes == p1.exchange->lastReceived)
    {
        // The peer did not hear our answer: send it again (responders only answer; an
        // initiator's own timer drives its retransmissions).
        if (!p1.initiator && !p1.exchange->lastSent.empty())
        {
            ++m_counters.retransmissions;
            SendBytes(p1.exchange->lastSent, p1.peer, "main");
            m_messageRetransmitted(p1.peer, "main", p1.exchange->lastSent.size());
        }
        else
        {
            ++m_counters.ignored;
        }
        return;
    }
    if (header.GetResponderCookie() == 0 ||
        (p1.cookieR != 0 && header.GetResponderCookie() != p1.cookieR))
    {
        ++m_counters.ignored;
        return;
    }
    p1.exchange->answered = true;
    switch (p1.state)
    {
    case IkePhase1::I_SENT_1:
        p1.cookieR = header.GetResponderCookie();
        p1.exchange->lastReceived = bytes;
        MainModeInitiator2(p1, message);
        return;
    case IkePhase1::I_SENT_3:
        p1.exchange->lastReceived = bytes;
        MainModeInitiator4(p1, message);
        return;
    case IkePhase1::I_SENT_5:
        p1.exchange->lastReceived = bytes;
        MainModeInitiator6(p1, message);
        return;
    case IkePhase1::R_SENT_2:
        p1.exchange->lastReceived = bytes;
        MainModeResponder3(p1, message);
        return;
    case IkePhase1::R_SENT_4:
        p1.exchange->lastReceived = bytes;
        MainModeResponder5(p1, message);
        return;
    case IkePhase1::I_WAIT_TICKET:
    case IkePhase1::ESTABLISHED:
        ++m_counters.ignored;
        return;
    }
}

void
IkeService::MainModeResponder1(const IsakmpMessage& message,
                               const std::vector<uint8_t>& bytes,
                               Ipv4Address from,
                               Ipv4Address to)
{
    const IsakmpSaPayload* sa = message.Find<IsakmpSaPayload>();
    // Without a Negotiate filter the service has no policy to answer with (Windows' IKE only
    // answers when an IPsec policy is assigned), unless the default response rule answers.
    if (!sa || !(HasNegotiatePolicy() || m_defaultResponse))
    {
        ++m_counters.ignored;
        return;
    }
    auto p1 = std::make_unique<IkePhase1>();
    p1->initiator = false;
    p1->cookieI = message.GetHeader().GetInitiatorCookie();
    p1->cookieR = NewCookie();
    p1->peer = from;
    p1->local = to == Ipv4Address::GetAny() ? LocalAddressFor(from) : to;
    p1->exchange->answered = true;
    p1->exchange->lastReceived = bytes;
    Phase1Key key{p1->cookieI, from.Get()};
    IkePhase1& ref = *p1;
    m_phase1[key] = std::move(p1);
    ++m_counters.mainModeStarted;
    m_mainModeStarted(from, "responder");

    IsakmpSaPayload reply;
    std::string reason;
    IsakmpStatus status =
        IkeChoosePhase1(*sa, EffectiveMainModeMethods(), m_authMethods, ref.terms, reply, reason);
    if (!status)
    {
        MainModeFailed(ref, reason, true, status.GetNotifyType());
        return;
    }
    status = sa->Serialize(ref.exchange->saiB);
    NS_ABORT_MSG_UNLESS(status, "re-serializing a parsed SA payload: " << status);
    IsakmpMessage answer(MakeHeader(ref, IsakmpExchangeType::IDENTITY_PROTECTION, 0));
    answer.AddPayload(reply);
    ref.exchange->lastSent = Serialize(answer);
    ref.state = IkePhase1::R_SENT_2;
    SendBytes(ref.exchange->lastSent, ref.peer, "main");
    // Responders do not retransmit on their own; this timer only ends a dead exchange.
    ref.exchange->retransmission.bytes.clear();
    ref.exchange->retransmission.timer =
        Simulator::Schedule(SettleTime(),
                            [this, key]() {
                                auto it = m_phase1.find(key);
                                if (it != m_phase1.end() &&
                                    it->second->state != IkePhase1::ESTABLISHED)
                                {
                                    MainModeFailed(*it->second,
                                                   "timeout",
                                                   false,
                                                   IsakmpNotifyType::NONE);
                                }
                            });
}

void
IkeService::MainModeInitiator2(IkePhase1& p1, const IsakmpMessage& message)
{
    const IsakmpSaPayload* sa = message.Find<IsakmpSaPayload>();
    IsakmpSaPayload offered;
    IsakmpStatus status = offered.Deserialize(p1.exchange->saiB.data(), p1.exchange->saiB.size());
    if (status && sa)
    {
        status = IkeAcceptPhase1Reply(offered, *sa, p1.terms);
    }
    else if (!sa)
    {
        status = IsakmpStatus::Error(IsakmpNotifyType::PAYLOAD_MALFORMED, "no SA payload");
    }
    if (!status)
    {
        MainModeFailed(p1, "bad-proposal", true, status.GetNotifyType());
        return;
    }
    if (p1.terms.auth == IkeAuthKind::KERBEROS)
    {
        RequestKerberosTicket(p1); // message 3 carries the ticket: it comes first
        return;
    }
    SendMainMode3(p1);
}

void
IkeService::SendMainMode3(IkePhase1& p1)
{
    p1.exchange->dh = std::make_unique<IkeDhKeyPair>(p1.terms.method.group, *m_rng);
    p1.exchange->gxi = p1.exchange->dh->GetPublicValue();
    p1.exchange->ni = IkeMakeNonce(*m_rng, m_nonceLength);
    if (p1.terms.auth == IkeAuthKind::PRESHARED_KEY)
    {
        p1.exchange->authSecret.assign(m_preSharedKey.begin(), m_preSharedKey.end());
    }
    IsakmpMessage message(MakeHeader(p1, IsakmpExchangeType::IDENTITY_PROTECTION, 0));
    message.AddPayload(IsakmpKePayload{{p1.exchange->gxi}});
    message.AddPayload(IsakmpNoncePayload{{p1.exchange->ni}});
    AddAuthenticationPayloads(p1, message);
    p1.exchange->lastSent = Serialize(message);
    p1.state = IkePhase1::I_SENT_3;
    SendMainModeRequest(p1);
}

bool
IkeService::DeriveKeys(IkePhase1& p1, const std::vector<uint8_t>& peerPublic, std::string& reason)
{
    std::vector<uint8_t> gxy;
    IsakmpStatus status = p1.exchange->dh->ComputeSharedSecret(peerPublic, gxy);
    if (!status)
    {
        reason = "invalid-key-exchange";
        return false;
    }
    IkeHashAlgorithm hash = p1.terms.method.hash;
    std::vector<uint8_t> skeyid;
    switch (p1.terms.auth)
    {
    case IkeAuthKind::PRESHARED_KEY:
    case IkeAuthKind::KERBEROS:
        // Kerberos: the ticket's session key plays the preshared key's part (doc/ike.md).
        skeyid =
            IkeSkeyidPreSharedKey(hash, p1.exchange->authSecret, p1.exchange->ni, p1.exchange->nr);
        break;
    case IkeAuthKind::CERTIFICATE:
        skeyid = IkeSkeyidSignature(hash, p1.exchange->ni, p1.exchange->nr, gxy);
        break;
    }
    IkePhase1Keys keys = IkeDerivePhase1Keys(hash, skeyid, gxy, p1.cookieI, p1.cookieR);
    p1.encryptionKey = IkePhase1EncryptionKey(hash, keys.skeyidE, p1.terms.method.encryption);
    p1.skeyidD = std::move(keys.skeyidD);
    p1.skeyidA = std::move(keys.skeyidA);
    p1.exchange->skeyid = std::move(keys.skeyid);
    p1.exchange->iv = IkePhase1Iv(
        hash, p1.exchange->gxi, p1.exchange->gxr, IkeGetBlockSize(p1.terms.method.encryption));
    p1.exchange->dh.reset(); // the private exponent is not needed any more
    DecryptionKey entry{p1.cookieI, static_cast<uint8_t>(p1.encryptionKey.size()), {}};
    NS_ASSERT(p1.encryptionKey.size() <= entry.key.size());
    std::copy(p1.encryptionKey.begin(), p1.encryptionKey.end(), entry.key.begin());
    m_decryptionTable.push_back(entry);
    return true;
}

bool
IkeService::ReadKeyExchange(IkePhase1& p1,
                            const IsakmpMessage& message,
                            std::vector<uint8_t>& publicValue,
                            std::vector<uint8_t>& nonce)
{
    const IsakmpKePayload* ke = message.Find<IsakmpKePayload>();
    const IsakmpNoncePayload* n = message.Find<IsakmpNoncePayload>();
    if (!ke || !n || n->data.size() < IKE_NONCE_MIN_LENGTH || n->data.size() > IKE_NONCE_MAX_LENGTH)
    {
        MainModeFailed(p1, "malformed", true, IsakmpNotifyType::PAYLOAD_MALFORMED);
        return false;
    }
    publicValue = ke->data;
    nonce = n->data;
    ReadCertificateRequests(p1, message);
    return true;
}

void
IkeService::MainModeResponder3(IkePhase1& p1, const IsakmpMessage& message)
{
    if (!ReadKeyExchange(p1, message, p1.exchange->gxi, p1.exchange->ni))
    {
        return;
    }
    if (p1.terms.auth == IkeAuthKind::KERBEROS)
    {
        std::string why;
        if (!AcceptKerberosTicket(p1, message, why))
        {
            MainModeFailed(p1, why, true, IsakmpNotifyType::AUTHENTICATION_FAILED);
            return;
        }
    }
    p1.exchange->dh = std::make_unique<IkeDhKeyPair>(p1.terms.method.group, *m_rng);
    p1.exchange->gxr = p1.exchange->dh->GetPublicValue();
    p1.exchange->nr = IkeMakeNonce(*m_rng, m_nonceLength);
    if (p1.terms.auth == IkeAuthKind::PRESHARED_KEY)
    {
        p1.exchange->authSecret.assign(m_preSharedKey.begin(), m_preSharedKey.end());
    }
    std::string reason;
    if (!DeriveKeys(p1, p1.exchange->gxi, reason))
    {
        MainModeFailed(p1, reason, true, IsakmpNotifyType::INVALID_KEY_INFORMATION);
        return;
    }
    IsakmpMessage answer(MakeHeader(p1, IsakmpExchangeType::IDENTITY_PROTECTION, 0));
    answer.AddPayload(IsakmpKePayload{{p1.exchange->gxr}});
    answer.AddPayload(IsakmpNoncePayload{{p1.exchange->nr}});
    AddAuthenticationPayloads(p1, answer);
    p1.exchange->lastSent = Serialize(answer);
    p1.state = IkePhase1::R_SENT_4;
    SendBytes(p1.exchange->lastSent, p1.peer, "main");
}

void
IkeService::MainModeInitiator4(IkePhase1& p1, const IsakmpMessage& message)
{
    if (!ReadKeyExchange(p1, message, p1.exchange->gxr, p1.exchange->nr))
    {
        return;
    }
    std::string reason;
    if (!DeriveKeys(p1, p1.exchange->gxr, reason))
    {
        MainModeFailed(p1, reason, true, IsakmpNotifyType::INVALID_KEY_INFORMATION);
        return;
    }
    std::vector<IsakmpPayload> payloads = MakeIdentityAndProof(p1, reason);
    if (payloads.empty())
    {
        MainModeFailed(p1, reason, true, IsakmpNotifyType::CERTIFICATE_UNAVAILABLE);
        return;
    }
    IsakmpMessage m5(MakeHeader(p1, IsakmpExchangeType::IDENTITY_PROTECTION, 0));
    m5.SetEncryptedBody(IsakmpGetPayloadType(payloads.front()),
                        Encrypt(p1, payloads, p1.exchange->iv));
    p1.exchange->lastSent = Serialize(m5);
    p1.state = IkePhase1::I_SENT_5;
    SendMainModeRequest(p1);
}

void
IkeService::MainModeResponder5(IkePhase1& p1, const IsakmpMessage& message)
{
    std::vector<IsakmpPayload> payloads;
    std::string reason = "authentication-failed";
    // A wrong preshared key gives a wrong SKEYID_e: the body decrypts to garbage.
    if (!Decrypt(p1, message, p1.exchange->iv, payloads) ||
        !CheckIdentityAndProof(p1, payloads, reason))
    {
        MainModeFailed(p1, reason, true, FailureNotify(reason));
        return;
    }
    std::vector<IsakmpPayload> answer = MakeIdentityAndProof(p1, reason);
    if (answer.empty())
    {
        MainModeFailed(p1, reason, true, IsakmpNotifyType::CERTIFICATE_UNAVAILABLE);
        return;
    }
    IsakmpMessage m6(MakeHeader(p1, IsakmpExchangeType::IDENTITY_PROTECTION, 0));
    m6.SetEncryptedBody(IsakmpGetPayloadType(answer.front()), Encrypt(p1, answer, p1.exchange->iv));
    p1.exchange->lastSent = Serialize(m6);
    p1.lastBlock = p1.exchange->iv;
    SendBytes(p1.exchange->lastSent, p1.peer, "main");
    MainModeEstablished(p1);
}

void
IkeService::MainModeInitiator6(IkePhase1& p1, const IsakmpMessage& message)
{
    std::vector<IsakmpPayload> payloads;
    std::string reason = "authentication-failed";
    if (!Decrypt(p1, message, p1.exchange->iv, payloads) ||
        !CheckIdentityAndProof(p1, payloads, reason))
    {
        MainModeFailed(p1, reason, true, FailureNotify(reason));
        return;
    }
    p1.lastBlock = p1.exchange->iv;
    MainModeEstablished(p1);
}

void
IkeService::MainModeEstablished(IkePhase1& p1)
{
    p1.state = IkePhase1::ESTABLISHED;
    p1.established = Simulator::Now();
    p1.exchange->retransmission.timer.Cancel();
    p1.exchange->fallback.Cancel();
    ReleaseExchangeState(p1);
    ++m_counters.mainModeSucceeded;
    m_mainModeSucceeded(p1.peer,
                        p1.terms.method.ToString() + " " + IkeAuthKindToString(p1.terms.auth));
    Time lifetime = m_mainModeLifetime;
    if (p1.terms.lifetimeSeconds != 0)
    {
        lifetime = std::min(lifetime, Seconds(static_cast<double>(p1.terms.lifetimeSeconds)));
    }
    m_phase1Timers.Add(p1, MAIN_MODE_LIFETIME, lifetime);
    std::vector<IkeQuickModeRequest> waiting = std::move(p1.exchange->waiting);
    p1.exchange->waiting.clear();
    for (const IkeQuickModeRequest& request : waiting)
    {
        if (!p1.exhausted)
        {
            StartQuickMode(p1, request);
        }
        else
        {
            StartMainMode(request); // master key PFS or QMperMM: one main mode each
        }
    }
}

void
IkeService::MainModeFailed(IkePhase1& p1,
                           const std::string& reason,
                           bool notifyPeer,
                           IsakmpNotifyType notify)
{
    if (notifyPeer && notify != IsakmpNotifyType::NONE)
    {
        SendNotify(p1, notify, false);
    }
    ++m_counters.mainModeFailed;
    NS_LOG_INFO("node " << m_node->GetId() << ": main mode with " << p1.peer
                        << " failed: " << reason);
    m_mainModeFailed(p1.peer, reason);
    // Only an exchange under way fails: its state is still there.
    std::vector<IkeQuickModeRequest> waiting = std::move(p1.exchange->waiting);
    bool answered = p1.exchange->answered;
    ForgetPhase1({p1.cookieI, p1.peer.Get()});
    for (const IkeQuickModeRequest& request : waiting)
    {
        FailRequest(request, "main mode: " + reason, answered);
    }
}

IsakmpNotifyType
IkeService::FailureNotify(const std::string& reason)
{
    if (reason == "identity-mismatch")
    {
        return IsakmpNotifyType::INVALID_ID_INFORMATION;
    }
    if (reason.rfind("certificate:", 0) == 0)
    {
        return IsakmpNotifyType::INVALID_CERTIFICATE;
    }
    return IsakmpNotifyType::AUTHENTICATION_FAILED;
}

void
IkeService::ReleaseExchangeState(IkePhase1& p1)
{
    // What only messages 1-6 needed; quick modes use SKEYID_d/a, the cipher and the last block.
    std::vector<uint8_t>().swap(p1.exchange->saiB);
    std::vector<uint8_t>().swap(p1.exchange->gxi);
    std::vector<uint8_t>().swap(p1.exchange->gxr);
    std::vector<uint8_t>().swap(p1.exchange->ni);
    std::vector<uint8_t>().swap(p1.exchange->nr);
    std::vector<uint8_t>().swap(p1.exchange->authSecret);
    std::vector<uint8_t>().swap(p1.exchange->ticket);
    std::vector<uint8_t>().swap(p1.exchange->skeyid);
    std::vector<std::vector<uint8_t>>().swap(p1.exchange->peerCas);
    std::vector<uint8_t>().swap(p1.exchange->retransmission.bytes);
    // The last messages answer retransmissions until the peer would have given up.
    Phase1Key key{p1.cookieI, p1.peer.Get()};
    p1.exchange->settle = Simulator::Schedule(SettleTime(), [this, key]() {
        auto it = m_phase1.find(key);
        if (it != m_phase1.end())
        {
            it->second->exchange.reset();
            it->second->cipher.reset(); // keyed again when a quick mode needs it
        }
    });
}

Time
IkeService::SettleTime() const
{
    return m_retransmitInterval * static_cast<int64_t>((1ULL << (m_maxRetransmissions + 1)) - 1);
}

bool
IkeService::AllowsFallback(uint32_t filterId) const
{
    const IpsecSpdEntry* entry = m_driver->GetSpd().Find(filterId);
    return entry && entry->filter.fallbackToClear;
}

void
IkeService::FallBackToClear(const IkeQuickModeRequest& request, const std::string& why)
{
    ++m_counters.softSas;
    m_fellBack(request.peer, why);
    m_driver->AddSoftSa(request.filterId, request.peer, m_idleTimeout);
    m_driver->ReleaseHeld(request.filterId, request.peer);
}

void
IkeService::FallbackCheck(Phase1Key key)
{
    auto it = m_phase1.find(key);
    if (it == m_phase1.end())
    {
        return;
    }
    IkePhase1& p1 = *it->second;
    // Any IKE answer at all rules falling back out.
    if (p1.state == IkePhase1::ESTABLISHED || p1.exchange->answered)
    {
        return;
    }
    std::vector<IkeQuickModeRequest> keep;
    std::vector<IkeQuickModeRequest> clear;
    for (const IkeQuickModeRequest& request : p1.exchange->waiting)
    {
        (AllowsFallback(request.filterId) ? clear : keep).push_back(request);
    }
    p1.exchange->waiting = keep;
    if (keep.empty())
    {
        // Nothing else waits for this peer: stop negotiating.
        ++m_counters.mainModeFailed;
        m_mainModeFailed(p1.peer, "no-response (fell back to clear)");
        ForgetPhase1(key);
    }
    for (const IkeQuickModeRequest& request : clear)
    {
        FallBackToClear(request, "no IKE answer");
    }
}

void
IkeService::LocalAddressesRemoved(const std::vector<Ipv4Address>& removed)
{
    auto gone = [&removed](Ipv4Address a) {
        return std::find(removed.begin(), removed.end(), a) != removed.end();
    };
    // Quick mode pairs: the driver deleted their SAs already; exchanges under way end here.
    std::vector<uint64_t> pairs;
    for (const auto& [id, p2] : m_phase2)
    {
        if (gone(p2->local))
        {
            pairs.push_back(id);
        }
    }
    for (uint64_t id : pairs)
    {
        auto it = m_phase2.find(id);
        if (it->second->state == IkePhase2::ESTABLISHED)
        {
            DeletePhase2(id, "address-change", false);
        }
        else
        {
            QuickModeFailed(id, "address-change");
        }
    }
    std::vector<Phase1Key> mainModes;
    for (const auto& [key, p1] : m_phase1)
    {
        if (gone(p1->local))
        {
            mainModes.push_back(key);
        }
    }
    for (const Phase1Key& key : mainModes)
    {
        IkePhase1& p1 = *m_phase1.at(key);
        if (p1.state == IkePhase1::ESTABLISHED)
        {
            m_mainModeDeleted(p1.peer, "address-change");
            ForgetPhase1(key);
        }
        else
        {
            MainModeFailed(p1, "address-change", false, IsakmpNotifyType::NONE);
        }
    }
}

void
IkeService::ExpireMainMode(Phase1Key key)
{
    auto it = m_phase1.find(key);
    if (it == m_phase1.end())
    {
        return;
    }
    // Quick mode SAs outlive their main mode SA; the next quick mode needs a new main mode.
    m_mainModeDeleted(it->second->peer, "lifetime");
    ForgetPhase1(key);
}

void
IkeService::Phase1TimeReached(IpsecTimed& timed, uint8_t /* kind: its lifetime */)
{
    const auto& p1 = static_cast<IkePhase1&>(timed);
    ExpireMainMode({p1.cookieI, p1.peer.Get()});
}

void
IkeService::ForgetPhase1(Phase1Key key)
{
    auto it = m_phase1.find(key);
    if (it == m_phase1.end())
    {
        return;
    }
    m_phase1Timers.Remove(*it->second); // the exchange's own timers go with it
    m_phase1.erase(it);
}

} // namespace ns3
