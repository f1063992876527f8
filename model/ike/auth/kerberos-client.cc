/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "kerberos-client.h"

#include "ns3/abort.h"
#include "ns3/assert.h"
#include "ns3/ike-dh.h"
#include "ns3/inet-socket-address.h"
#include "ns3/log.h"
#include "ns3/node.h"
#include "ns3/simulator.h"
#include "ns3/udp-socket-factory.h"
#include "ns3/enum.h"
#include "ns3/uinteger.h"

#include <sstream>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("KerberosClient");

NS_OBJECT_ENSURE_REGISTERED(KerberosClient);

TypeId
KerberosClient::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::KerberosClient")
            .SetParent<Object>()
            .SetGroupName("Ipsec")
            .AddConstructor<KerberosClient>()
            .AddAttribute("RetransmitTimeout",
                          "A request unanswered this long is sent again (or fails after the "
                          "last try).",
                          TimeValue(Seconds(1)),
                          MakeTimeAccessor(&KerberosClient::m_retransmitTimeout),
                          MakeTimeChecker(MilliSeconds(1)))
            .AddAttribute("MaxTries",
                          "Sends of one request, the first included, before it fails with "
                          "kdc-unreachable (Windows KdcSendRetries: 3).",
                          UintegerValue(3),
                          MakeUintegerAccessor(&KerberosClient::m_maxTries),
                          MakeUintegerChecker<uint32_t>(1))
            .AddAttribute("EncryptionType",
                          "The encryption type offered first (the other one is offered "
                          "second): rc4-hmac (etype 23, Windows 2000/XP/Server 2003's default) "
                          "or des-cbc-md5 (etype 3).",
                          EnumValue(static_cast<int>(KerberosEtype::RC4_HMAC)),
                          MakeEnumAccessor(&KerberosClient::m_etype),
                          MakeEnumChecker(static_cast<int>(KerberosEtype::RC4_HMAC),
                                          "rc4-hmac",
                                          static_cast<int>(KerberosEtype::DES_CBC_MD5),
                                          "des-cbc-md5"))
            .AddTraceSource("Tx",
                            "A request was sent (retransmissions included).",
                            MakeTraceSourceAccessor(&KerberosClient::m_txTrace),
                            "ns3::KerberosClient::PacketTracedCallback")
            .AddTraceSource("Rx",
                            "A datagram was received.",
                            MakeTraceSourceAccessor(&KerberosClient::m_rxTrace),
                            "ns3::KerberosClient::PacketTracedCallback")
            .AddTraceSource("TicketObtained",
                            "The KDC issued a service ticket (detail: the service principal).",
                            MakeTraceSourceAccessor(&KerberosClient::m_ticketTrace),
                            "ns3::KerberosClient::RequestTracedCallback")
            .AddTraceSource("CacheHit",
                            "A request was answered from the cache (detail: the service "
                            "principal).",
                            MakeTraceSourceAccessor(&KerberosClient::m_cacheHitTrace),
                            "ns3::KerberosClient::RequestTracedCallback")
            .AddTraceSource("Retransmitted",
                            "A request was sent again (detail: the try number).",
                            MakeTraceSourceAccessor(&KerberosClient::m_retransmitTrace),
                            "ns3::KerberosClient::RequestTracedCallback")
            .AddTraceSource("RequestFailed",
                            "A request failed (detail: the reason).",
                            MakeTraceSourceAccessor(&KerberosClient::m_failedTrace),
                            "ns3::KerberosClient::RequestTracedCallback");
    return tid;
}

namespace
{

/** TGS-REQ / AS-REQ options Windows sets: forwardable, renewable, canonicalize, renewable-ok. */
constexpr uint32_t KDC_OPTIONS = 0x40810010;
/** APOptions: mutual-required (bit 2). */
constexpr uint32_t AP_OPTIONS_MUTUAL_REQUIRED = 0x20000000;
/** The "till" Windows asks for: 2037-09-13 02:48:05 UTC, in simulated seconds. */
constexpr int64_t FAR_TILL = 2136422885 - KERBEROS_EPOCH;

/** \return the simulated time: whole seconds and microseconds */
void
Now(int64_t& seconds, uint32_t& usec)
{
    int64_t us = Simulator::Now().GetMicroSeconds();
    seconds = us / 1000000;
    usec = static_cast<uint32_t>(us % 1000000);
}

/** \return the cache key of (client, target) */
std::string
CacheKey(const std::string& realmName, const std::string& clientName, const std::string& target)
{
    return realmName + '|' + clientName + '|' + target;
}

/**
 * \return the TGT cache key of a client: its realm, name and key (two realm objects of one
 *         name with other secrets are other credentials)
 */
std::string
TgtKey(Ptr<const KerberosRealm> realm, const std::string& clientName)
{
    std::string key = realm->GetName() + '|' + clientName + '|';
    for (uint8_t b : realm->GetKey(clientName))
    {
        key += static_cast<char>('a' + (b >> 4));
        key += static_cast<char>('a' + (b & 0x0f));
    }
    return key;
}

/** \return the KerberosCachedTicket of a reply */
KerberosCachedTicket
MakeCached(const KerberosKdcReply& reply,
           const KerberosEncKdcRepPart& part,
           const std::string& clientRealm,
           const std::string& clientName)
{
    KerberosCachedTicket cached;
    cached.ticket = reply.ticket.Serialize();
    cached.sessionKey = part.key;
    cached.etype = part.keyType;
    cached.clientRealm = clientRealm;
    cached.clientName = clientName;
    KerberosComputerOf(part.sname, cached.serviceName);
    cached.serviceRealm = part.srealm;
    cached.startSeconds = static_cast<double>(part.startTime);
    cached.endSeconds = static_cast<double>(part.endTime);
    return cached;
}

} // namespace

KerberosClient::KerberosClient()
    : m_random(CreateObject<UniformRandomVariable>()),
      m_rng(std::make_unique<IkeRandom>(m_random))
{
    NS_LOG_FUNCTION(this);
}

KerberosClient::~KerberosClient() = default;

void
KerberosClient::SetNode(Ptr<Node> node)
{
    m_node = node;
}

Ptr<Node>
KerberosClient::GetNode() const
{
    return m_node;
}

const KerberosClientCounters&
KerberosClient::GetCounters() const
{
    return m_counters;
}

int64_t
KerberosClient::AssignStreams(int64_t stream)
{
    m_random->SetStream(stream);
    return 1;
}

CryptoPP::RandomNumberGenerator&
KerberosClient::GetRandomNumberGenerator()
{
    return *m_rng;
}

void
KerberosClient::DoDispose()
{
    for (auto& [id, pending] : m_pending)
    {
        pending.timer.Cancel();
    }
    m_pending.clear();
    m_cache.clear();
    m_tgts.clear();
    if (m_socket)
    {
        m_socket->Close();
        m_socket = nullptr;
    }
    m_node = nullptr;
    Object::DoDispose();
}

bool
KerberosClient::LookUp(Ptr<KerberosRealm> realm,
                       Ipv4Address address,
                       std::string& serviceRealm,
                       std::string& serviceName)
{
    std::string name = realm->FindByAddress(address);
    Ptr<KerberosRealm> found = name.empty() ? nullptr : realm;
    for (const std::string& trusted : realm->GetTrustedRealms())
    {
        Ptr<KerberosRealm> other = found ? nullptr : KerberosRealm::Find(trusted);
        if (other)
        {
            name = other->FindByAddress(address);
            found = name.empty() ? nullptr : other;
        }
    }
    if (!found)
    {
        found = KerberosRealm::FindAnyByAddress(address, name);
    }
    if (!found)
    {
        return false; // the caller's defaults stay
    }
    serviceRealm = found->GetName();
    serviceName = name;
    return true;
}

void
KerberosClient::RequestTicket(Ipv4Address kdc,
                              Ptr<KerberosRealm> realm,
                              const std::string& clientName,
                              Ipv4Address target,
                              TicketCallback callback)
{
    std::ostringstream os;
    os << target;
    std::string serviceRealm = realm ? realm->GetName() : "";
    std::string serviceName = os.str();
    if (realm)
    {
        LookUp(realm, target, serviceRealm, serviceName);
    }
    Start(kdc,
          realm,
          clientName,
          CacheKey(realm ? realm->GetName() : "", clientName, "address:" + os.str()),
          os.str(),
          serviceRealm,
          serviceName,
          callback);
}

void
KerberosClient::RequestTicketByName(Ipv4Address kdc,
                                    Ptr<KerberosRealm> realm,
                                    const std::string& clientName,
                                    const std::string& targetName,
                                    TicketCallback callback)
{
    std::string serviceRealm = realm ? realm->GetName() : "";
    std::string serviceName = targetName;
    size_t at = targetName.find('@');
    if (at != std::string::npos)
    {
        serviceName = targetName.substr(0, at);
        serviceRealm = targetName.substr(at + 1);
    }
    Start(kdc,
          realm,
          clientName,
          CacheKey(realm ? realm->GetName() : "", clientName, "name:" + targetName),
          targetName,
          serviceRealm,
          serviceName,
          callback);
}

const KerberosCachedTicket*
KerberosClient::FindCachedTicket(Ptr<const KerberosRealm> realm,
                                 const std::string& clientName,
                                 Ipv4Address target) const
{
    if (!realm)
    {
        return nullptr;
    }
    std::ostringstream os;
    os << target;
    auto it = m_cache.find(CacheKey(realm->GetName(), clientName, "address:" + os.str()));
    if (it == m_cache.end() || Simulator::Now().GetSeconds() >= it->second.endSeconds)
    {
        return nullptr;
    }
    return &it->second;
}

bool
KerberosClient::HasTgt(Ptr<const KerberosRealm> realm, const std::string& clientName) const
{
    if (!realm)
    {
        return false;
    }
    auto it = m_tgts.find(TgtKey(realm, clientName));
    return it != m_tgts.end() && Simulator::Now().GetSeconds() < it->second.endSeconds;
}

uint32_t
KerberosClient::GetNCachedTickets() const
{
    return static_cast<uint32_t>(m_cache.size());
}

void
KerberosClient::PurgeTickets()
{
    m_cache.clear();
    m_tgts.clear();
}

void
KerberosClient::Start(Ipv4Address kdc,
                      Ptr<KerberosRealm> realm,
                      const std::string& clientName,
                      const std::string& key,
                      const std::string& target,
                      const std::string& serviceRealm,
                      const std::string& serviceName,
                      TicketCallback callback)
{
    NS_LOG_FUNCTION(this << kdc << clientName << target);
    NS_ABORT_MSG_IF(!m_node, "KerberosClient has no node (SetNode)");
    ++m_counters.requests;
    if (!realm || !realm->HasComputer(clientName))
    {
        NS_LOG_INFO("node " << m_node->GetId() << ": " << clientName << " has not joined");
        ++m_counters.failures;
        m_failedTrace(target, "not-joined");
        Simulator::ScheduleNow(
            [callback]() { callback(false, "not-joined", KerberosCachedTicket()); });
        return;
    }
    auto cached = m_cache.find(key);
    if (cached != m_cache.end())
    {
        if (Simulator::Now().GetSeconds() < cached->second.endSeconds)
        {
            ++m_counters.cacheHits;
            KerberosCachedTicket copy = cached->second;
            m_cacheHitTrace(target, copy.serviceName + "@" + copy.serviceRealm);
            NS_LOG_INFO("node " << m_node->GetId() << ": ticket for " << target
                                << " from the cache");
            Simulator::ScheduleNow([callback, copy]() { callback(true, "", copy); });
            return;
        }
        m_cache.erase(cached);
    }
    for (auto& [id, pending] : m_pending)
    {
        if (pending.key == key)
        {
            ++m_counters.joined;
            pending.callbacks.push_back(callback);
            return;
        }
    }
    uint32_t id = m_nextId++;
    Pending& pending = m_pending[id];
    pending.key = key;
    pending.target = target;
    pending.realm = realm;
    pending.clientName = clientName;
    pending.serviceRealm = serviceRealm;
    pending.serviceName = serviceName;
    pending.kdc = kdc;
    pending.stage = HasTgt(realm, clientName) ? Stage::TGS : Stage::AS;
    pending.callbacks.push_back(callback);
    Build(pending);
    Send(id);
}

void
KerberosClient::Build(Pending& pending)
{
    int64_t now = 0;
    uint32_t usec = 0;
    Now(now, usec);
    auto preferred = static_cast<KerberosEtype>(m_etype);
    KerberosEtype other = preferred == KerberosEtype::RC4_HMAC ? KerberosEtype::DES_CBC_MD5
                                                               : KerberosEtype::RC4_HMAC;
    KerberosKdcRequest& request = pending.request;
    request = KerberosKdcRequest();
    request.kdcOptions = KDC_OPTIONS;
    request.till = FAR_TILL;
    request.nonce = m_random->GetInteger(1, 0x7ffffffe);
    request.etypes = {static_cast<int32_t>(preferred), static_cast<int32_t>(other)};
    const std::string& realmName = pending.realm->GetName();
    if (pending.stage == Stage::AS)
    {
        request.msgType = KerberosMessageType::AS_REQ;
        request.hasCname = true;
        request.cname = KerberosMachinePrincipal(pending.clientName);
        request.realm = realmName;
        request.sname = KerberosTgsPrincipal(realmName);
        KerberosPaEncTimestamp timestamp;
        timestamp.timestamp = now;
        timestamp.usec = usec;
        KerberosEncryptedData encrypted;
        encrypted.etype = static_cast<int32_t>(preferred);
        encrypted.cipher = KerberosCrypto::Encrypt(preferred,
                                                   pending.realm->GetKey(pending.clientName, preferred),
                                                   KerberosKeyUsage::PA_ENC_TIMESTAMP,
                                                   timestamp.Serialize(),
                                                   *m_rng);
        // KERB-PA-PAC-REQUEST ::= SEQUENCE { include-pac [0] BOOLEAN } with TRUE (MS-KILE).
        std::vector<uint8_t> pacRequest = {0x30, 0x05, 0xa0, 0x03, 0x01, 0x01, 0xff};
        request.padata = {{static_cast<int32_t>(KerberosPaType::ENC_TIMESTAMP),
                           encrypted.Serialize()},
                          {static_cast<int32_t>(KerberosPaType::PAC_REQUEST), pacRequest}};
    }
    else
    {
        const Tgt& tgt = m_tgts.at(TgtKey(pending.realm, pending.clientName));
        request.msgType = KerberosMessageType::TGS_REQ;
        request.realm = pending.serviceRealm;
        request.sname = KerberosHostPrincipal(pending.serviceName);
        KerberosAuthenticator authenticator;
        authenticator.crealm = realmName;
        authenticator.cname = KerberosMachinePrincipal(pending.clientName);
        authenticator.ctime = now;
        authenticator.cusec = usec;
        KerberosApRequest apReq;
        apReq.ticket = tgt.ticket;
        apReq.authenticator.etype = tgt.etype;
        apReq.authenticator.cipher =
            KerberosCrypto::Encrypt(static_cast<KerberosEtype>(tgt.etype),
                                    tgt.sessionKey,
                                    KerberosKeyUsage::TGS_REQ_AUTHENTICATOR,
                                    authenticator.Serialize(),
                                    *m_rng);
        request.padata = {{static_cast<int32_t>(KerberosPaType::TGS_REQ), apReq.Serialize()}};
    }
    pending.bytes = request.Serialize();
    pending.tries = 0;
}

Ptr<Socket>
KerberosClient::GetSocket()
{
    if (!m_socket)
    {
        m_socket = Socket::CreateSocket(m_node, UdpSocketFactory::GetTypeId());
        NS_ABORT_MSG_IF(m_socket->Bind() != 0,
                        "KerberosClient cannot bind a UDP port on node " << m_node->GetId());
        m_socket->SetRecvCallback(MakeCallback(&KerberosClient::Receive, this));
    }
    return m_socket;
}

void
KerberosClient::Send(uint32_t id)
{
    Pending& pending = m_pending.at(id);
    ++pending.tries;
    Ptr<Packet> packet = Create<Packet>(pending.bytes.data(), pending.bytes.size());
    ++m_counters.messagesSent;
    m_counters.bytesSent += pending.bytes.size();
    if (pending.tries > 1)
    {
        ++m_counters.retransmissions;
        m_retransmitTrace(pending.target, std::to_string(pending.tries));
    }
    NS_LOG_INFO("node " << m_node->GetId() << ": "
                        << (pending.stage == Stage::AS ? "AS-REQ" : "TGS-REQ") << " for "
                        << pending.target << " to " << pending.kdc << ", try " << pending.tries
                        << " (" << pending.bytes.size() << " bytes)");
    m_txTrace(packet, pending.kdc);
    GetSocket()->SendTo(packet, 0, InetSocketAddress(pending.kdc, KERBEROS_PORT));
    pending.timer = Simulator::Schedule(m_retransmitTimeout, &KerberosClient::Timeout, this, id);
}

void
KerberosClient::Timeout(uint32_t id)
{
    auto it = m_pending.find(id);
    if (it == m_pending.end())
    {
        return;
    }
    if (it->second.tries < m_maxTries)
    {
        Send(id);
        return;
    }
    Finish(id, false, "kdc-unreachable", KerberosCachedTicket());
}

void
KerberosClient::Receive(Ptr<Socket> socket)
{
    Address from;
    while (Ptr<Packet> packet = socket->RecvFrom(from))
    {
        if (!InetSocketAddress::IsMatchingType(from))
        {
            continue;
        }
        InetSocketAddress source = InetSocketAddress::ConvertFrom(from);
        m_counters.bytesReceived += packet->GetSize();
        m_rxTrace(packet, source.GetIpv4());
        if (source.GetPort() != KERBEROS_PORT)
        {
            ++m_counters.ignored;
            continue;
        }
        std::vector<uint8_t> bytes(packet->GetSize());
        packet->CopyData(bytes.data(), bytes.size());
        Handle(bytes, source.GetIpv4());
    }
}

bool
KerberosClient::Matches(const Pending& pending,
                        const KerberosKdcReply& reply,
                        KerberosEncKdcRepPart& part) const
{
    bool as = pending.stage == Stage::AS;
    if (reply.msgType != (as ? KerberosMessageType::AS_REP : KerberosMessageType::TGS_REP) ||
        reply.crealm != pending.realm->GetName() ||
        !(reply.cname == KerberosMachinePrincipal(pending.clientName)) ||
        !KerberosCrypto::IsSupported(reply.encPart.etype))
    {
        return false;
    }
    auto etype = static_cast<KerberosEtype>(reply.encPart.etype);
    std::vector<uint8_t> key;
    if (as)
    {
        key = pending.realm->GetKey(pending.clientName, etype);
    }
    else
    {
        auto tgt = m_tgts.find(TgtKey(pending.realm, pending.clientName));
        if (tgt == m_tgts.end() || tgt->second.etype != reply.encPart.etype)
        {
            return false;
        }
        key = tgt->second.sessionKey;
    }
    std::vector<uint8_t> plaintext;
    KerberosPrincipal wanted = as ? KerberosTgsPrincipal(pending.realm->GetName())
                                  : KerberosHostPrincipal(pending.serviceName);
    std::string wantedRealm = as ? pending.realm->GetName() : pending.serviceRealm;
    return KerberosCrypto::Decrypt(etype,
                                   key,
                                   as ? KerberosKeyUsage::AS_REP_ENC_PART
                                      : KerberosKeyUsage::TGS_REP_ENC_PART,
                                   reply.encPart.cipher,
                                   plaintext) &&
           part.Parse(KerberosTrimPadding(plaintext)) && part.tgs == !as &&
           part.nonce == pending.request.nonce && KerberosCrypto::IsSupported(part.keyType) &&
           part.key.size() == KerberosCrypto::KeyLength(static_cast<KerberosEtype>(part.keyType)) &&
           part.sname == wanted && part.srealm == wantedRealm &&
           reply.ticket.sname == wanted && reply.ticket.realm == wantedRealm;
}

void
KerberosClient::Handle(const std::vector<uint8_t>& bytes, Ipv4Address kdc)
{
    uint8_t type = 0;
    if (!KerberosPeekType(bytes, type))
    {
        ++m_counters.ignored;
        return;
    }
    if (type == static_cast<uint8_t>(KerberosMessageType::KRB_ERROR))
    {
        KerberosError error;
        if (error.Parse(bytes))
        {
            for (auto& [id, pending] : m_pending)
            {
                if (pending.kdc == kdc && error.realm == pending.request.realm &&
                    error.sname == pending.request.sname &&
                    (!error.hasClient || (error.cname == pending.request.cname &&
                                          pending.request.hasCname)))
                {
                    ++m_counters.errors;
                    Finish(id, false, KerberosErrorReason(error.code), KerberosCachedTicket());
                    return;
                }
            }
        }
        ++m_counters.ignored;
        return;
    }
    KerberosKdcReply reply;
    if (!reply.Parse(bytes))
    {
        ++m_counters.ignored;
        return;
    }
    for (auto& [id, pending] : m_pending)
    {
        KerberosEncKdcRepPart part;
        if (pending.kdc != kdc || !Matches(pending, reply, part))
        {
            continue;
        }
        if (pending.stage == Stage::AS)
        {
            Tgt& tgt = m_tgts[TgtKey(pending.realm, pending.clientName)];
            tgt.ticket = reply.ticket;
            tgt.sessionKey = part.key;
            tgt.etype = part.keyType;
            tgt.endSeconds = static_cast<double>(part.endTime);
            ++m_counters.tgts;
            NS_LOG_INFO("node " << m_node->GetId() << ": TGT of " << pending.clientName << "@"
                                << pending.realm->GetName());
            pending.timer.Cancel();
            pending.stage = Stage::TGS;
            Build(pending);
            Send(id);
            return;
        }
        KerberosCachedTicket cached =
            MakeCached(reply, part, pending.realm->GetName(), pending.clientName);
        m_cache[pending.key] = cached;
        ++m_counters.replies;
        Finish(id, true, "", cached);
        return;
    }
    NS_LOG_INFO("node " << m_node->GetId() << ": reply from " << kdc
                        << " answers no waiting request");
    ++m_counters.ignored;
}

void
KerberosClient::Finish(uint32_t id,
                       bool ok,
                       const std::string& reason,
                       const KerberosCachedTicket& cached)
{
    auto it = m_pending.find(id);
    NS_ASSERT(it != m_pending.end());
    Pending pending = std::move(it->second);
    m_pending.erase(it);
    pending.timer.Cancel();
    if (ok)
    {
        NS_LOG_INFO("node " << m_node->GetId() << ": ticket for " << pending.target << " ("
                            << cached.serviceName << "@" << cached.serviceRealm << ", "
                            << cached.ticket.size() << " bytes)");
        m_ticketTrace(pending.target, cached.serviceName + "@" + cached.serviceRealm);
    }
    else
    {
        NS_LOG_INFO("node " << m_node->GetId() << ": no ticket for " << pending.target << ": "
                            << reason);
        ++m_counters.failures;
        m_failedTrace(pending.target, reason);
    }
    for (const TicketCallback& callback : pending.callbacks)
    {
        callback(ok, reason, cached);
    }
}

std::vector<uint8_t>
KerberosClient::MakeApRequest(const KerberosCachedTicket& ticket, int64_t& ctime, uint32_t& cusec)
{
    Now(ctime, cusec);
    KerberosApRequest apReq;
    if (!apReq.ticket.Parse(ticket.ticket) || !KerberosCrypto::IsSupported(ticket.etype))
    {
        return {};
    }
    KerberosAuthenticator authenticator;
    authenticator.crealm = ticket.clientRealm;
    authenticator.cname = KerberosMachinePrincipal(ticket.clientName);
    authenticator.ctime = ctime;
    authenticator.cusec = cusec;
    apReq.apOptions = AP_OPTIONS_MUTUAL_REQUIRED;
    apReq.authenticator.etype = ticket.etype;
    apReq.authenticator.cipher = KerberosCrypto::Encrypt(static_cast<KerberosEtype>(ticket.etype),
                                                         ticket.sessionKey,
                                                         KerberosKeyUsage::AP_REQ_AUTHENTICATOR,
                                                         authenticator.Serialize(),
                                                         *m_rng);
    return apReq.Serialize();
}

bool
KerberosClient::CheckApReply(const KerberosCachedTicket& ticket,
                             const std::vector<uint8_t>& apReply,
                             int64_t ctime,
                             uint32_t cusec)
{
    KerberosApReply reply;
    std::vector<uint8_t> plaintext;
    KerberosEncApRepPart part;
    return reply.Parse(apReply) && reply.encPart.etype == ticket.etype &&
           KerberosCrypto::IsSupported(ticket.etype) &&
           KerberosCrypto::Decrypt(static_cast<KerberosEtype>(ticket.etype),
                                   ticket.sessionKey,
                                   KerberosKeyUsage::AP_REP_ENC_PART,
                                   reply.encPart.cipher,
                                   plaintext) &&
           part.Parse(KerberosTrimPadding(plaintext)) && part.ctime == ctime &&
           part.cusec == cusec;
}

} // namespace ns3
