/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "kerberos-kdc.h"

#include "ns3/abort.h"
#include "ns3/ike-dh.h"
#include "ns3/inet-socket-address.h"
#include "ns3/log.h"
#include "ns3/node.h"
#include "ns3/simulator.h"
#include "ns3/udp-socket-factory.h"
#include "ns3/uinteger.h"

#include <cstdlib>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("KerberosKdc");

NS_OBJECT_ENSURE_REGISTERED(KerberosKdc);

namespace
{

/** \return the simulated time in whole milliseconds */
uint64_t
NowMs()
{
    return static_cast<uint64_t>(Simulator::Now().GetMilliSeconds());
}

/** \return name@REALM */
std::string
Principal(const std::string& name, const std::string& realm)
{
    return name + "@" + realm;
}

} // namespace

TypeId
KerberosKdc::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::KerberosKdc")
            .SetParent<Application>()
            .SetGroupName("Ipsec")
            .AddConstructor<KerberosKdc>()
            .AddAttribute("TicketLifetime",
                          "Lifetime of the tickets issued (Windows 'Maximum lifetime for "
                          "service ticket': 600 minutes).",
                          TimeValue(Hours(10)),
                          MakeTimeAccessor(&KerberosKdc::m_ticketLifetime),
                          MakeTimeChecker(MilliSeconds(1)))
            .AddAttribute("MaxClockSkew",
                          "A request whose timestamp differs from the KDC's clock by more is "
                          "refused with clock-skew (Windows 'Maximum tolerance for computer "
                          "clock synchronization': 5 minutes).",
                          TimeValue(Minutes(5)),
                          MakeTimeAccessor(&KerberosKdc::m_maxClockSkew),
                          MakeTimeChecker(Seconds(0)))
            .AddAttribute("PacSize",
                          "Bytes of authorization data in each ticket: the stand-in for the "
                          "Windows PAC, which makes Windows tickets about 1 KB. It is "
                          "encrypted inside the ticket, so it also travels to the IKE peer.",
                          UintegerValue(900),
                          MakeUintegerAccessor(&KerberosKdc::m_pacSize),
                          MakeUintegerChecker<uint32_t>(0, 60000))
            .AddAttribute("ReplySize",
                          "A reply shorter than this many bytes (UDP payload) is padded to it "
                          "(Windows TGS replies with a PAC: about 1,200 to 1,600 bytes).",
                          UintegerValue(1400),
                          MakeUintegerAccessor(&KerberosKdc::m_replySize),
                          MakeUintegerChecker<uint32_t>(0, 65000))
            .AddTraceSource("Rx",
                            "A datagram was received on port 88.",
                            MakeTraceSourceAccessor(&KerberosKdc::m_rxTrace),
                            "ns3::KerberosKdc::PacketTracedCallback")
            .AddTraceSource("Tx",
                            "A reply or an error was sent.",
                            MakeTraceSourceAccessor(&KerberosKdc::m_txTrace),
                            "ns3::KerberosKdc::PacketTracedCallback")
            .AddTraceSource("TicketIssued",
                            "A ticket was issued (client and service principals).",
                            MakeTraceSourceAccessor(&KerberosKdc::m_ticketTrace),
                            "ns3::KerberosKdc::TicketTracedCallback")
            .AddTraceSource("Error",
                            "A request was refused (the reason).",
                            MakeTraceSourceAccessor(&KerberosKdc::m_errorTrace),
                            "ns3::KerberosKdc::ErrorTracedCallback");
    return tid;
}

KerberosKdc::KerberosKdc()
    : m_random(CreateObject<UniformRandomVariable>()),
      m_rng(std::make_unique<IkeRandom>(m_random))
{
    NS_LOG_FUNCTION(this);
}

KerberosKdc::~KerberosKdc() = default;

void
KerberosKdc::SetRealm(Ptr<KerberosRealm> realm)
{
    m_realm = realm;
}

Ptr<KerberosRealm>
KerberosKdc::GetRealm() const
{
    return m_realm;
}

const KerberosKdcCounters&
KerberosKdc::GetCounters() const
{
    return m_counters;
}

int64_t
KerberosKdc::AssignStreams(int64_t stream)
{
    m_random->SetStream(stream);
    return 1;
}

void
KerberosKdc::DoDispose()
{
    if (m_socket)
    {
        m_socket->Close();
        m_socket = nullptr;
    }
    m_realm = nullptr;
    Application::DoDispose();
}

void
KerberosKdc::StartApplication()
{
    NS_LOG_FUNCTION(this);
    NS_ABORT_MSG_IF(!m_realm, "KerberosKdc on node " << GetNode()->GetId() << " has no realm");
    if (!m_socket)
    {
        m_socket = Socket::CreateSocket(GetNode(), UdpSocketFactory::GetTypeId());
        NS_ABORT_MSG_IF(m_socket->Bind(InetSocketAddress(Ipv4Address::GetAny(), KERBEROS_PORT)) !=
                            0,
                        "KerberosKdc cannot bind UDP port 88 on node " << GetNode()->GetId());
        m_socket->SetRecvCallback(MakeCallback(&KerberosKdc::Receive, this));
    }
    NS_LOG_INFO("KDC of " << m_realm->GetName() << " up on node " << GetNode()->GetId());
}

void
KerberosKdc::StopApplication()
{
    NS_LOG_FUNCTION(this);
    if (m_socket)
    {
        m_socket->Close();
        m_socket = nullptr;
    }
    NS_LOG_INFO("KDC down on node " << GetNode()->GetId());
}

void
KerberosKdc::Receive(Ptr<Socket> socket)
{
    Address from;
    while (Ptr<Packet> packet = socket->RecvFrom(from))
    {
        if (!InetSocketAddress::IsMatchingType(from))
        {
            continue;
        }
        Ipv4Address peer = InetSocketAddress::ConvertFrom(from).GetIpv4();
        m_counters.bytesReceived += packet->GetSize();
        m_rxTrace(packet, peer);
        std::vector<uint8_t> bytes(packet->GetSize());
        packet->CopyData(bytes.data(), bytes.size());
        KerberosTgsRequest request;
        if (!request.Parse(bytes))
        {
            NS_LOG_INFO("KDC " << m_realm->GetName() << ": dropped " << bytes.size()
                               << " bytes from " << peer << ": not a request");
            ++m_counters.malformed;
            continue;
        }
        ++m_counters.requests;
        Serve(request, from, peer);
    }
}

void
KerberosKdc::Serve(const KerberosTgsRequest& request, const Address& from, Ipv4Address peer)
{
    NS_LOG_FUNCTION(this << request.clientName << request.DescribeTarget() << peer);
    if (request.clientRealm != m_realm->GetName())
    {
        SendError(request.nonce, KerberosErrorCode::WRONG_REALM, from, peer);
        return;
    }
    std::vector<uint8_t> clientKey = m_realm->GetKey(request.clientName);
    if (clientKey.empty())
    {
        SendError(request.nonce, KerberosErrorCode::C_PRINCIPAL_UNKNOWN, from, peer);
        return;
    }
    std::vector<uint8_t> body;
    if (!KerberosDecrypt(clientKey, KerberosKeyUsage::AUTHENTICATOR, request.authenticator, body) ||
        body != request.SerializeBody())
    {
        SendError(request.nonce, KerberosErrorCode::BAD_INTEGRITY, from, peer);
        return;
    }
    uint64_t now = NowMs();
    uint64_t skew = now > request.timestampMs ? now - request.timestampMs
                                              : request.timestampMs - now;
    if (skew > static_cast<uint64_t>(m_maxClockSkew.GetMilliSeconds()))
    {
        SendError(request.nonce, KerberosErrorCode::SKEW, from, peer);
        return;
    }
    Ptr<KerberosRealm> targetRealm;
    std::string targetName;
    std::string failure = ResolveTarget(request, targetRealm, targetName);
    if (failure == "untrusted-realm")
    {
        SendError(request.nonce, KerberosErrorCode::PATH_NOT_ACCEPTED, from, peer);
        return;
    }
    if (!failure.empty())
    {
        SendError(request.nonce, KerberosErrorCode::S_PRINCIPAL_UNKNOWN, from, peer);
        return;
    }

    KerberosTicketPart part;
    part.sessionKey = m_rng->GenerateBytes(KERBEROS_SESSION_KEY_LENGTH);
    part.clientRealm = request.clientRealm;
    part.clientName = request.clientName;
    part.serviceRealm = targetRealm->GetName();
    part.serviceName = targetName;
    part.startMs = now;
    part.endMs = now + static_cast<uint64_t>(m_ticketLifetime.GetMilliSeconds());
    part.authorizationData.assign(m_pacSize, 0);

    KerberosTicket ticket;
    ticket.serviceRealm = part.serviceRealm;
    ticket.serviceName = part.serviceName;
    ticket.encryptedPart = KerberosEncrypt(targetRealm->GetKey(targetName),
                                           KerberosKeyUsage::TICKET,
                                           part.Serialize(),
                                           *m_rng);

    KerberosReplyPart clientPart;
    clientPart.sessionKey = part.sessionKey;
    clientPart.nonce = request.nonce;
    clientPart.startMs = part.startMs;
    clientPart.endMs = part.endMs;
    clientPart.serviceRealm = part.serviceRealm;
    clientPart.serviceName = part.serviceName;

    KerberosTgsReply reply;
    reply.nonce = request.nonce;
    reply.clientRealm = request.clientRealm;
    reply.clientName = request.clientName;
    reply.ticket = ticket.Serialize();
    reply.encryptedPart =
        KerberosEncrypt(clientKey, KerberosKeyUsage::REPLY, clientPart.Serialize(), *m_rng);
    size_t size = reply.Serialize().size();
    if (size < m_replySize)
    {
        reply.padding = static_cast<uint16_t>(m_replySize - size);
    }
    std::vector<uint8_t> bytes = reply.Serialize();
    NS_LOG_INFO("KDC " << m_realm->GetName() << ": ticket for "
                       << Principal(part.clientName, part.clientRealm) << " to "
                       << Principal(part.serviceName, part.serviceRealm) << " ("
                       << bytes.size() << " bytes)");
    ++m_counters.replies;
    m_ticketTrace(peer,
                  Principal(part.clientName, part.clientRealm),
                  Principal(part.serviceName, part.serviceRealm));
    SendBytes(bytes, from, peer);
}

std::string
KerberosKdc::ResolveTarget(const KerberosTgsRequest& request,
                           Ptr<KerberosRealm>& realm,
                           std::string& name) const
{
    realm = nullptr;
    name.clear();
    if (request.targetKind == KerberosTargetKind::ADDRESS)
    {
        name = m_realm->FindByAddress(request.targetAddress);
        if (!name.empty())
        {
            realm = m_realm;
            return "";
        }
        for (const std::string& trusted : m_realm->GetTrustedRealms())
        {
            Ptr<KerberosRealm> other = KerberosRealm::Find(trusted);
            if (other)
            {
                name = other->FindByAddress(request.targetAddress);
                if (!name.empty())
                {
                    realm = other;
                    return "";
                }
            }
        }
        std::string elsewhere;
        return KerberosRealm::FindAnyByAddress(request.targetAddress, elsewhere)
                   ? "untrusted-realm"
                   : "unknown-target";
    }
    std::string realmName = m_realm->GetName();
    name = request.targetName;
    size_t at = name.find('@');
    if (at != std::string::npos)
    {
        realmName = name.substr(at + 1);
        name = name.substr(0, at);
    }
    Ptr<KerberosRealm> other =
        realmName == m_realm->GetName() ? m_realm : KerberosRealm::Find(realmName);
    if (!other || !other->HasComputer(name))
    {
        name.clear();
        return "unknown-target";
    }
    if (!m_realm->IsTrusted(realmName))
    {
        name.clear();
        return "untrusted-realm";
    }
    realm = other;
    return "";
}

void
KerberosKdc::SendError(uint32_t nonce,
                       KerberosErrorCode code,
                       const Address& from,
                       Ipv4Address peer)
{
    KerberosError error;
    error.nonce = nonce;
    error.code = static_cast<uint32_t>(code);
    error.text = KerberosErrorReason(error.code);
    NS_LOG_INFO("KDC " << m_realm->GetName() << ": refused request from " << peer << ": "
                       << error.text);
    ++m_counters.errors;
    ++m_counters.errorsByReason[error.text];
    m_errorTrace(peer, error.text);
    SendBytes(error.Serialize(), from, peer);
}

void
KerberosKdc::SendBytes(const std::vector<uint8_t>& bytes, const Address& to, Ipv4Address peer)
{
    Ptr<Packet> packet = Create<Packet>(bytes.data(), bytes.size());
    m_counters.bytesSent += bytes.size();
    m_txTrace(packet, peer);
    m_socket->SendTo(packet, 0, to);
}

} // namespace ns3
