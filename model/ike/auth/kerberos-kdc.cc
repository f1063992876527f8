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

#include <cmath>
#include <cstdlib>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("KerberosKdc");

NS_OBJECT_ENSURE_REGISTERED(KerberosKdc);

namespace
{

/** \return the simulated time in whole seconds (KerberosTime's resolution) */
int64_t
NowSeconds()
{
    return Simulator::Now().GetSeconds() < 0 ? 0 : Simulator::Now().GetMilliSeconds() / 1000;
}

/** Key version number of every account (Windows' first password change gives 2). */
constexpr uint32_t KERBEROS_KVNO = 2;
/** TGT flags: forwardable, renewable, initial, pre-authent (RFC 4120 5.3 bits 1, 8, 9, 10). */
constexpr uint32_t KERBEROS_TGT_FLAGS = 0x40e00000;
/** Service ticket flags: forwardable, renewable, pre-authent. */
constexpr uint32_t KERBEROS_SERVICE_TICKET_FLAGS = 0x40a00000;

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
                          "Bytes of authorization data (AD-WIN2K-PAC) in each ticket: the "
                          "Windows PAC, which makes Windows tickets about 1 KB (its content "
                          "here is zeros). It is encrypted inside the ticket, so it also "
                          "travels to the IKE peer. With 700, every message of a computer's "
                          "AS and TGS exchanges stays under Windows' 1,465-byte UDP limit.",
                          UintegerValue(700),
                          MakeUintegerAccessor(&KerberosKdc::m_pacSize),
                          MakeUintegerChecker<uint32_t>(0, 60000))
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
        KerberosKdcRequest request;
        if (!request.Parse(bytes))
        {
            NS_LOG_INFO("KDC " << m_realm->GetName() << ": dropped " << bytes.size()
                               << " bytes from " << peer << ": not an AS-REQ or TGS-REQ");
            ++m_counters.malformed;
            continue;
        }
        ++m_counters.requests;
        if (request.msgType == KerberosMessageType::AS_REQ)
        {
            ServeAs(request, from, peer);
        }
        else
        {
            ServeTgs(request, from, peer);
        }
    }
}

bool
KerberosKdc::ChooseEtype(const KerberosKdcRequest& request, KerberosEtype& etype)
{
    for (int32_t offered : request.etypes)
    {
        if (KerberosCrypto::IsSupported(offered))
        {
            etype = static_cast<KerberosEtype>(offered);
            return true;
        }
    }
    return false;
}

void
KerberosKdc::ServeAs(const KerberosKdcRequest& request, const Address& from, Ipv4Address peer)
{
    NS_LOG_FUNCTION(this << request.cname.ToString() << peer);
    std::string clientName;
    if (request.realm != m_realm->GetName())
    {
        SendError(request, KerberosErrorCode::WRONG_REALM, from, peer);
        return;
    }
    if (!request.hasCname || !KerberosComputerOf(request.cname, clientName) ||
        !m_realm->HasComputer(clientName))
    {
        SendError(request, KerberosErrorCode::C_PRINCIPAL_UNKNOWN, from, peer);
        return;
    }
    if (!(request.sname == KerberosTgsPrincipal(m_realm->GetName())))
    {
        SendError(request, KerberosErrorCode::S_PRINCIPAL_UNKNOWN, from, peer);
        return;
    }
    KerberosEtype etype;
    if (!ChooseEtype(request, etype))
    {
        SendError(request, KerberosErrorCode::ETYPE_NOSUPP, from, peer);
        return;
    }
    const KerberosPaData* pa = request.FindPadata(KerberosPaType::ENC_TIMESTAMP);
    if (!pa)
    {
        SendError(request, KerberosErrorCode::PREAUTH_REQUIRED, from, peer);
        return;
    }
    KerberosEncryptedData encrypted;
    std::vector<uint8_t> plaintext;
    KerberosPaEncTimestamp timestamp;
    if (!encrypted.Parse(pa->value) || !KerberosCrypto::IsSupported(encrypted.etype) ||
        !KerberosCrypto::Decrypt(static_cast<KerberosEtype>(encrypted.etype),
                                 m_realm->GetKey(clientName,
                                                 static_cast<KerberosEtype>(encrypted.etype)),
                                 KerberosKeyUsage::PA_ENC_TIMESTAMP,
                                 encrypted.cipher,
                                 plaintext) ||
        !timestamp.Parse(KerberosTrimPadding(plaintext)))
    {
        SendError(request, KerberosErrorCode::PREAUTH_FAILED, from, peer);
        return;
    }
    double skew = std::abs(Simulator::Now().GetSeconds() -
                           (static_cast<double>(timestamp.timestamp) + timestamp.usec / 1e6));
    if (skew > m_maxClockSkew.GetSeconds())
    {
        SendError(request, KerberosErrorCode::SKEW, from, peer);
        return;
    }

    int64_t now = NowSeconds();
    KerberosEncTicketPart part;
    part.flags = KERBEROS_TGT_FLAGS;
    part.keyType = static_cast<int32_t>(etype);
    part.key = KerberosCrypto::RandomKey(etype, *m_rng);
    part.crealm = m_realm->GetName();
    part.cname = request.cname;
    part.authTime = now;
    part.startTime = now;
    part.endTime = now + static_cast<int64_t>(m_ticketLifetime.GetSeconds());
    part.pac.assign(m_pacSize, 0);
    KerberosTicket tgt;
    tgt.realm = m_realm->GetName();
    tgt.sname = KerberosTgsPrincipal(m_realm->GetName());
    tgt.encPart.etype = part.keyType;
    tgt.encPart.hasKvno = true;
    tgt.encPart.kvno = KERBEROS_KVNO;
    tgt.encPart.cipher = KerberosCrypto::Encrypt(etype,
                                                 m_realm->GetTgsKey(etype),
                                                 KerberosKeyUsage::TICKET,
                                                 part.Serialize(),
                                                 *m_rng);

    KerberosEncKdcRepPart clientPart;
    clientPart.tgs = false;
    clientPart.keyType = part.keyType;
    clientPart.key = part.key;
    clientPart.lastReq = now;
    clientPart.nonce = request.nonce;
    clientPart.flags = part.flags;
    clientPart.authTime = now;
    clientPart.startTime = part.startTime;
    clientPart.endTime = part.endTime;
    clientPart.srealm = tgt.realm;
    clientPart.sname = tgt.sname;

    KerberosKdcReply reply;
    reply.msgType = KerberosMessageType::AS_REP;
    reply.crealm = m_realm->GetName();
    reply.cname = request.cname;
    reply.ticket = tgt;
    reply.encPart.etype = part.keyType;
    reply.encPart.hasKvno = true;
    reply.encPart.kvno = KERBEROS_KVNO;
    reply.encPart.cipher = KerberosCrypto::Encrypt(etype,
                                                   m_realm->GetKey(clientName, etype),
                                                   KerberosKeyUsage::AS_REP_ENC_PART,
                                                   clientPart.Serialize(),
                                                   *m_rng);
    std::vector<uint8_t> bytes = reply.Serialize();
    NS_LOG_INFO("KDC " << m_realm->GetName() << ": TGT for " << Principal(clientName, reply.crealm)
                       << " (" << bytes.size() << " bytes)");
    ++m_counters.tgts;
    SendBytes(bytes, from, peer);
}

void
KerberosKdc::ServeTgs(const KerberosKdcRequest& request, const Address& from, Ipv4Address peer)
{
    NS_LOG_FUNCTION(this << request.sname.ToString() << request.realm << peer);
    const KerberosPaData* pa = request.FindPadata(KerberosPaType::TGS_REQ);
    KerberosApRequest apReq;
    KerberosEncTicketPart tgt;
    std::vector<uint8_t> plaintext;
    if (!pa || !apReq.Parse(pa->value) || apReq.ticket.realm != m_realm->GetName() ||
        !(apReq.ticket.sname == KerberosTgsPrincipal(m_realm->GetName())) ||
        !KerberosCrypto::IsSupported(apReq.ticket.encPart.etype) ||
        !KerberosCrypto::Decrypt(static_cast<KerberosEtype>(apReq.ticket.encPart.etype),
                                 m_realm->GetTgsKey(
                                     static_cast<KerberosEtype>(apReq.ticket.encPart.etype)),
                                 KerberosKeyUsage::TICKET,
                                 apReq.ticket.encPart.cipher,
                                 plaintext) ||
        !tgt.Parse(KerberosTrimPadding(plaintext)) || !KerberosCrypto::IsSupported(tgt.keyType))
    {
        SendError(request, KerberosErrorCode::BAD_INTEGRITY, from, peer);
        return;
    }
    auto sessionEtype = static_cast<KerberosEtype>(tgt.keyType);
    KerberosAuthenticator authenticator;
    if (apReq.authenticator.etype != tgt.keyType ||
        !KerberosCrypto::Decrypt(sessionEtype,
                                 tgt.key,
                                 KerberosKeyUsage::TGS_REQ_AUTHENTICATOR,
                                 apReq.authenticator.cipher,
                                 plaintext) ||
        !authenticator.Parse(KerberosTrimPadding(plaintext)) ||
        authenticator.crealm != tgt.crealm || !(authenticator.cname == tgt.cname))
    {
        SendError(request, KerberosErrorCode::BAD_INTEGRITY, from, peer);
        return;
    }
    double nowSeconds = Simulator::Now().GetSeconds();
    if (nowSeconds >= static_cast<double>(tgt.endTime))
    {
        SendError(request, KerberosErrorCode::TKT_EXPIRED, from, peer);
        return;
    }
    double skew = std::abs(nowSeconds - (static_cast<double>(authenticator.ctime) +
                                         authenticator.cusec / 1e6));
    if (skew > m_maxClockSkew.GetSeconds())
    {
        SendError(request, KerberosErrorCode::SKEW, from, peer);
        return;
    }
    // The target: host/NAME in the request's realm, this one or another.
    std::string targetName;
    Ptr<KerberosRealm> targetRealm =
        request.realm == m_realm->GetName() ? m_realm : KerberosRealm::Find(request.realm);
    if (!KerberosComputerOf(request.sname, targetName) || !targetRealm ||
        !targetRealm->HasComputer(targetName))
    {
        SendError(request, KerberosErrorCode::S_PRINCIPAL_UNKNOWN, from, peer);
        return;
    }
    if (!m_realm->IsTrusted(request.realm))
    {
        SendError(request, KerberosErrorCode::PATH_NOT_ACCEPTED, from, peer);
        return;
    }
    KerberosEtype etype = sessionEtype;
    if (!ChooseEtype(request, etype))
    {
        SendError(request, KerberosErrorCode::ETYPE_NOSUPP, from, peer);
        return;
    }

    int64_t now = NowSeconds();
    KerberosEncTicketPart part;
    part.flags = KERBEROS_SERVICE_TICKET_FLAGS;
    part.keyType = static_cast<int32_t>(etype);
    part.key = KerberosCrypto::RandomKey(etype, *m_rng);
    part.crealm = tgt.crealm;
    part.cname = tgt.cname;
    part.authTime = tgt.authTime;
    part.startTime = now;
    part.endTime = now + static_cast<int64_t>(m_ticketLifetime.GetSeconds());
    part.pac.assign(m_pacSize, 0);
    KerberosTicket ticket;
    ticket.realm = targetRealm->GetName();
    ticket.sname = KerberosHostPrincipal(targetName);
    ticket.encPart.etype = part.keyType;
    ticket.encPart.hasKvno = true;
    ticket.encPart.kvno = KERBEROS_KVNO;
    ticket.encPart.cipher = KerberosCrypto::Encrypt(etype,
                                                    targetRealm->GetKey(targetName, etype),
                                                    KerberosKeyUsage::TICKET,
                                                    part.Serialize(),
                                                    *m_rng);

    KerberosEncKdcRepPart clientPart;
    clientPart.tgs = true;
    clientPart.keyType = part.keyType;
    clientPart.key = part.key;
    clientPart.lastReq = now;
    clientPart.nonce = request.nonce;
    clientPart.flags = part.flags;
    clientPart.authTime = part.authTime;
    clientPart.startTime = part.startTime;
    clientPart.endTime = part.endTime;
    clientPart.srealm = ticket.realm;
    clientPart.sname = ticket.sname;

    KerberosKdcReply reply;
    reply.msgType = KerberosMessageType::TGS_REP;
    reply.crealm = tgt.crealm;
    reply.cname = tgt.cname;
    reply.ticket = ticket;
    reply.encPart.etype = tgt.keyType;
    reply.encPart.cipher = KerberosCrypto::Encrypt(sessionEtype,
                                                   tgt.key,
                                                   KerberosKeyUsage::TGS_REP_ENC_PART,
                                                   clientPart.Serialize(),
                                                   *m_rng);
    std::vector<uint8_t> bytes = reply.Serialize();
    std::string clientName;
    KerberosComputerOf(tgt.cname, clientName);
    std::string client = Principal(clientName, tgt.crealm);
    std::string service = Principal(targetName, ticket.realm);
    NS_LOG_INFO("KDC " << m_realm->GetName() << ": ticket for " << client << " to " << service
                       << " (" << bytes.size() << " bytes)");
    ++m_counters.replies;
    m_ticketTrace(peer, client, service);
    SendBytes(bytes, from, peer);
}

void
KerberosKdc::SendError(const KerberosKdcRequest& request,
                       KerberosErrorCode code,
                       const Address& from,
                       Ipv4Address peer)
{
    KerberosError error;
    Time now = Simulator::Now();
    error.stime = NowSeconds();
    error.susec = static_cast<uint32_t>(now.GetMicroSeconds() % 1000000);
    error.code = static_cast<int32_t>(code);
    error.hasClient = request.hasCname;
    error.crealm = request.hasCname ? request.realm : "";
    error.cname = request.cname;
    error.realm = request.realm;
    error.sname = request.sname;
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
