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
            .AddAttribute("RequestSize",
                          "A request shorter than this many bytes (UDP payload) is padded to "
                          "it: the padding stands for the TGT with its PAC that a Windows TGS "
                          "request carries (about 1,200 to 1,600 bytes in all).",
                          UintegerValue(1350),
                          MakeUintegerAccessor(&KerberosClient::m_requestSize),
                          MakeUintegerChecker<uint32_t>(0, 65000))
            .AddTraceSource("Tx",
                            "A request was sent (retransmissions included).",
                            MakeTraceSourceAccessor(&KerberosClient::m_txTrace),
                            "ns3::KerberosClient::PacketTracedCallback")
            .AddTraceSource("Rx",
                            "A datagram was received.",
                            MakeTraceSourceAccessor(&KerberosClient::m_rxTrace),
                            "ns3::KerberosClient::PacketTracedCallback")
            .AddTraceSource("TicketObtained",
                            "The KDC issued a ticket (detail: the service principal).",
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

void
KerberosClient::DoDispose()
{
    for (auto& [nonce, pending] : m_pending)
    {
        pending.timer.Cancel();
    }
    m_pending.clear();
    m_cache.clear();
    if (m_socket)
    {
        m_socket->Close();
        m_socket = nullptr;
    }
    m_node = nullptr;
    Object::DoDispose();
}

std::string
KerberosClient::CacheKey(const std::string& realmName,
                         const std::string& clientName,
                         const KerberosTgsRequest& request)
{
    std::ostringstream os;
    os << realmName << '|' << clientName << '|'
       << (request.targetKind == KerberosTargetKind::ADDRESS ? "address:" : "name:")
       << request.DescribeTarget();
    return os.str();
}

void
KerberosClient::RequestTicket(Ipv4Address kdc,
                              Ptr<KerberosRealm> realm,
                              const std::string& clientName,
                              Ipv4Address target,
                              TicketCallback callback)
{
    KerberosTgsRequest request;
    request.targetKind = KerberosTargetKind::ADDRESS;
    request.targetAddress = target;
    Start(kdc, realm, clientName, request, callback);
}

void
KerberosClient::RequestTicketByName(Ipv4Address kdc,
                                    Ptr<KerberosRealm> realm,
                                    const std::string& clientName,
                                    const std::string& targetName,
                                    TicketCallback callback)
{
    KerberosTgsRequest request;
    request.targetKind = KerberosTargetKind::NAME;
    request.targetName = targetName;
    Start(kdc, realm, clientName, request, callback);
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
    KerberosTgsRequest request;
    request.targetAddress = target;
    auto it = m_cache.find(CacheKey(realm->GetName(), clientName, request));
    if (it == m_cache.end() || Simulator::Now().GetSeconds() >= it->second.endSeconds)
    {
        return nullptr;
    }
    return &it->second;
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
}

void
KerberosClient::Start(Ipv4Address kdc,
                      Ptr<KerberosRealm> realm,
                      const std::string& clientName,
                      KerberosTgsRequest request,
                      TicketCallback callback)
{
    NS_LOG_FUNCTION(this << kdc << clientName << request.DescribeTarget());
    NS_ABORT_MSG_IF(!m_node, "KerberosClient has no node (SetNode)");
    ++m_counters.requests;
    std::string target = request.DescribeTarget();
    std::vector<uint8_t> clientKey = realm ? realm->GetKey(clientName) : std::vector<uint8_t>();
    if (clientKey.empty())
    {
        NS_LOG_INFO("node " << m_node->GetId() << ": " << clientName << " has not joined");
        ++m_counters.failures;
        m_failedTrace(target, "not-joined");
        Simulator::ScheduleNow(
            [callback]() { callback(false, "not-joined", {}, {}); });
        return;
    }
    std::string key = CacheKey(realm->GetName(), clientName, request);
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
            Simulator::ScheduleNow(
                [callback, copy]() { callback(true, "", copy.ticket, copy.sessionKey); });
            return;
        }
        m_cache.erase(cached);
    }
    for (auto& [nonce, pending] : m_pending)
    {
        if (pending.key == key)
        {
            ++m_counters.joined;
            pending.callbacks.push_back(callback);
            return;
        }
    }

    uint32_t nonce = 0;
    do
    {
        nonce = m_random->GetInteger(1, 0xfffffffe);
    } while (m_pending.count(nonce) != 0);
    request.nonce = nonce;
    request.timestampMs = static_cast<uint64_t>(Simulator::Now().GetMilliSeconds());
    request.clientRealm = realm->GetName();
    request.clientName = clientName;
    request.authenticator = KerberosEncrypt(clientKey,
                                            KerberosKeyUsage::AUTHENTICATOR,
                                            request.SerializeBody(),
                                            *m_rng);
    size_t size = request.Serialize().size();
    if (size < m_requestSize)
    {
        request.padding = static_cast<uint16_t>(m_requestSize - size);
    }

    Pending& pending = m_pending[nonce];
    pending.key = key;
    pending.target = target;
    pending.request = request;
    pending.bytes = request.Serialize();
    pending.clientKey = clientKey;
    pending.kdc = kdc;
    pending.callbacks.push_back(callback);
    Send(nonce);
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
KerberosClient::Send(uint32_t nonce)
{
    Pending& pending = m_pending.at(nonce);
    ++pending.tries;
    Ptr<Packet> packet = Create<Packet>(pending.bytes.data(), pending.bytes.size());
    ++m_counters.messagesSent;
    m_counters.bytesSent += pending.bytes.size();
    if (pending.tries > 1)
    {
        ++m_counters.retransmissions;
        m_retransmitTrace(pending.target, std::to_string(pending.tries));
    }
    NS_LOG_INFO("node " << m_node->GetId() << ": ticket request for " << pending.target
                        << " to " << pending.kdc << ", try " << pending.tries << " ("
                        << pending.bytes.size() << " bytes)");
    m_txTrace(packet, pending.kdc);
    GetSocket()->SendTo(packet, 0, InetSocketAddress(pending.kdc, KERBEROS_PORT));
    pending.timer =
        Simulator::Schedule(m_retransmitTimeout, &KerberosClient::Timeout, this, nonce);
}

void
KerberosClient::Timeout(uint32_t nonce)
{
    auto it = m_pending.find(nonce);
    if (it == m_pending.end())
    {
        return;
    }
    if (it->second.tries < m_maxTries)
    {
        Send(nonce);
        return;
    }
    Finish(nonce, false, "kdc-unreachable", KerberosCachedTicket());
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
        auto it = m_pending.end();
        if (error.Parse(bytes))
        {
            it = m_pending.find(error.nonce);
        }
        if (it == m_pending.end() || it->second.kdc != kdc)
        {
            ++m_counters.ignored;
            return;
        }
        ++m_counters.errors;
        Finish(error.nonce, false, KerberosErrorReason(error.code), KerberosCachedTicket());
        return;
    }
    KerberosTgsReply reply;
    if (type != static_cast<uint8_t>(KerberosMessageType::TGS_REP) || !reply.Parse(bytes))
    {
        ++m_counters.ignored;
        return;
    }
    auto it = m_pending.find(reply.nonce);
    if (it == m_pending.end() || it->second.kdc != kdc)
    {
        NS_LOG_INFO("node " << m_node->GetId() << ": reply for no waiting request");
        ++m_counters.ignored;
        return;
    }
    const Pending& pending = it->second;
    std::vector<uint8_t> plaintext;
    KerberosReplyPart part;
    KerberosTicket ticket;
    bool byName = pending.request.targetKind == KerberosTargetKind::NAME;
    std::string wantedName = pending.request.targetName;
    std::string wantedRealm = pending.request.clientRealm;
    size_t at = wantedName.find('@');
    if (at != std::string::npos)
    {
        wantedRealm = wantedName.substr(at + 1);
        wantedName = wantedName.substr(0, at);
    }
    if (reply.clientRealm != pending.request.clientRealm ||
        reply.clientName != pending.request.clientName ||
        !KerberosDecrypt(pending.clientKey, KerberosKeyUsage::REPLY, reply.encryptedPart,
                         plaintext) ||
        !part.Parse(plaintext) || part.nonce != reply.nonce ||
        part.sessionKey.size() != KERBEROS_SESSION_KEY_LENGTH || !ticket.Parse(reply.ticket) ||
        ticket.serviceName != part.serviceName || ticket.serviceRealm != part.serviceRealm ||
        (byName && (part.serviceName != wantedName || part.serviceRealm != wantedRealm)))
    {
        NS_LOG_INFO("node " << m_node->GetId() << ": reply from " << kdc << " does not check");
        ++m_counters.ignored;
        return;
    }
    KerberosCachedTicket cached;
    cached.ticket = reply.ticket;
    cached.sessionKey = part.sessionKey;
    cached.serviceRealm = part.serviceRealm;
    cached.serviceName = part.serviceName;
    cached.startSeconds = static_cast<double>(part.startMs) / 1000.0;
    cached.endSeconds = static_cast<double>(part.endMs) / 1000.0;
    m_cache[pending.key] = cached;
    ++m_counters.replies;
    Finish(reply.nonce, true, "", cached);
}

void
KerberosClient::Finish(uint32_t nonce,
                       bool ok,
                       const std::string& reason,
                       const KerberosCachedTicket& cached)
{
    auto it = m_pending.find(nonce);
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
        callback(ok, reason, cached.ticket, cached.sessionKey);
    }
}

} // namespace ns3
