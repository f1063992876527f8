/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ike-service.h"

#include "ike-main-mode-task.h"
#include "ike-quick-mode-task.h"

#include "ns3/boolean.h"
#include "ns3/callback.h"
#include "ns3/double.h"
#include "ns3/enum.h"
#include "ns3/ike-dh.h"
#include "ns3/ipsec-config-error.h"
#include "ns3/inet-socket-address.h"
#include "ns3/ipsec-driver.h"
#include "ns3/ipsec-sa.h"
#include "ns3/ipv4-packet-info-tag.h"
#include "ns3/ipv4-routing-protocol.h"
#include "ns3/ipv4.h"
#include "ns3/log.h"
#include "ns3/node.h"
#include "ns3/simulator.h"
#include "ns3/string.h"
#include "ns3/udp-socket-factory.h"
#include "ns3/uinteger.h"

#include <algorithm>
#include <iomanip>
#include <sstream>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("IkeService");

NS_OBJECT_ENSURE_REGISTERED(IkeService);

namespace
{
constexpr uint16_t IKE_PORT = 500;
/** The non-ESP marker in front of IKE on the NAT-T port (RFC 3948 2.2). */
constexpr uint32_t NON_ESP_MARKER_SIZE = 4;
} // namespace

TypeId
IkeService::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::IkeService")
            .SetParent<IpsecKeyManager>()
            .SetGroupName("Ipsec")
            .AddConstructor<IkeService>()
            .AddAttribute("MainModeMethods",
                          "Main mode security methods, most preferred first: "
                          "<cipher>-<hash>-<group>, comma-separated.",
                          StringValue("3des-sha1-2,3des-md5-2,des-sha1-1,des-md5-1"),
                          MakeStringAccessor(&IkeService::SetMainModeMethods,
                                             &IkeService::GetMainModeMethods),
                          MakeStringChecker())
            .AddAttribute("QuickModeOffers",
                          "Quick mode security methods, most preferred first: "
                          "esp-<cipher>-<integrity>, esp-<gcm> or ah-<integrity>.",
                          StringValue("esp-3des-sha1,esp-3des-md5,esp-des-sha1,esp-des-md5"),
                          MakeStringAccessor(&IkeService::SetQuickModeOffers,
                                             &IkeService::GetQuickModeOffers),
                          MakeStringChecker())
            .AddAttribute("AuthMethods",
                          "Authentication methods, most preferred first: psk, cert, kerberos.",
                          StringValue("psk"),
                          MakeStringAccessor(&IkeService::SetAuthMethods,
                                             &IkeService::GetAuthMethods),
                          MakeStringChecker())
            .AddAttribute("PreSharedKey",
                          "The preshared key (psk authentication).",
                          StringValue(""),
                          MakeStringAccessor(&IkeService::SetPreSharedKey,
                                             &IkeService::GetPreSharedKey),
                          MakeStringChecker())
            .AddAttribute("ExcludeCaNameFromRequest",
                          "Certificate requests name no CA (the peer may send any "
                          "certificate), as Windows' \"exclude the CA name\" option.",
                          BooleanValue(false),
                          MakeBooleanAccessor(&IkeService::SetExcludeCaName,
                                              &IkeService::GetExcludeCaName),
                          MakeBooleanChecker())
            .AddAttribute("DefaultResponseRule",
                          "Answer IKE from peers that request security even without a "
                          "matching Negotiate filter, with a filter made for the negotiation "
                          "and removed when its last SA pair goes (Windows' default response "
                          "rule, as in the Client (Respond Only) policy).",
                          BooleanValue(false),
                          MakeBooleanAccessor(&IkeService::m_defaultResponse),
                          MakeBooleanChecker())
            .AddAttribute("HighEncryption",
                          "3DES available (Windows 2000 needs the High Encryption Pack; "
                          "without it 3DES methods become DES).",
                          BooleanValue(true),
                          MakeBooleanAccessor(&IkeService::m_highEncryption),
                          MakeBooleanChecker())
            .AddAttribute("MainModeLifetime",
                          "Main mode SA lifetime (Windows: 480 min).",
                          TimeValue(Minutes(480)),
                          MakeTimeAccessor(&IkeService::m_mainModeLifetime),
                          MakeTimeChecker(Seconds(1)))
            .AddAttribute("QuickModeLifetime",
                          "Quick mode SA lifetime in time (Windows: 60 min).",
                          TimeValue(Minutes(60)),
                          MakeTimeAccessor(&IkeService::m_quickModeLifetime),
                          MakeTimeChecker(Seconds(1)))
            .AddAttribute("QuickModeLifetimeKb",
                          "Quick mode SA lifetime in kilobytes of 1024 bytes (Windows: "
                          "100,000; 0 = none).",
                          UintegerValue(100000),
                          MakeUintegerAccessor(&IkeService::m_quickModeLifetimeKb),
                          MakeUintegerChecker<uint64_t>())
            .AddAttribute("QuickModesPerMainMode",
                          "Quick modes allowed under one main mode SA (QMperMM; 0 = unlimited); "
                          "only those that installed SAs count, and a used-up main mode SA is "
                          "deleted.",
                          UintegerValue(0),
                          MakeUintegerAccessor(&IkeService::m_quickModesPerMainMode),
                          MakeUintegerChecker<uint32_t>())
            .AddAttribute("Pfs",
                          "Perfect forward secrecy: none, session (new DH per quick mode) or "
                          "master (new main mode per quick mode).",
                          StringValue("none"),
                          MakeStringAccessor(&IkeService::SetPfs, &IkeService::GetPfs),
                          MakeStringChecker())
            .AddAttribute("IdleTimeout",
                          "Quick mode SA pairs unused this long are deleted (Windows "
                          "SAIdleTime: 300 s).",
                          TimeValue(Seconds(300)),
                          MakeTimeAccessor(&IkeService::m_idleTimeout),
                          MakeTimeChecker(Seconds(0)))
            .AddAttribute("RetransmitInterval",
                          "First retransmission of an unanswered message after this; each "
                          "next one waits twice as long.",
                          TimeValue(Seconds(1)),
                          MakeTimeAccessor(&IkeService::m_retransmitInterval),
                          MakeTimeChecker(MilliSeconds(1)))
            .AddAttribute("MaxRetransmissions",
                          "Retransmissions of a message before the exchange gives up (one "
                          "more interval after the last one).",
                          UintegerValue(3),
                          MakeUintegerAccessor(&IkeService::m_maxRetransmissions),
                          MakeUintegerChecker<uint32_t>())
            .AddAttribute("FallbackRule",
                          "When a main mode with a peer that does not do IPsec falls back to "
                          "clear (filters with fallback=yes): profile (the OS profile's rule: "
                          "icmp-unreachable under win2000, silence otherwise), silence (no IKE "
                          "answer within the driver's FallbackDelay), icmp-unreachable (every "
                          "try of message 1 used up and only ICMP destination unreachable came "
                          "back, Windows 2000's rule).",
                          EnumValue(static_cast<int>(IkeFallbackRule::PROFILE)),
                          MakeEnumAccessor(&IkeService::SetFallbackRuleValue,
                                           &IkeService::GetFallbackRuleValue),
                          MakeEnumChecker(static_cast<int>(IkeFallbackRule::PROFILE),
                                          "profile",
                                          static_cast<int>(IkeFallbackRule::SILENCE),
                                          "silence",
                                          static_cast<int>(IkeFallbackRule::ICMP_UNREACHABLE),
                                          "icmp-unreachable"))
            .AddAttribute("FailedNegotiationBackoff",
                          "After a negotiation this node started with a peer ends without SAs "
                          "(and without a soft SA), packets for that peer are dropped "
                          "(negotiation-failed) without negotiating for this long; each further "
                          "consecutive failure doubles it, up to FailedNegotiationBackoffMax. "
                          "0 s (the default): no back-off, every held packet after a failure "
                          "negotiates again.",
                          TimeValue(Seconds(0)),
                          MakeTimeAccessor(&IkeService::m_backoff),
                          MakeTimeChecker(Seconds(0)))
            .AddAttribute("FailedNegotiationBackoffMax",
                          "The longest back-off (FailedNegotiationBackoff doubles up to it; "
                          "below FailedNegotiationBackoff: no doubling).",
                          TimeValue(Seconds(0)),
                          MakeTimeAccessor(&IkeService::m_maxBackoff),
                          MakeTimeChecker(Seconds(0)))
            .AddAttribute("SoftLifetimeFraction",
                          "Soft limit of a quick mode SA as a fraction of its hard limits.",
                          DoubleValue(0.9),
                          MakeDoubleAccessor(&IkeService::m_softLifetimeFraction),
                          MakeDoubleChecker<double>(0.1, 1.0))
            .AddAttribute("SoftLifetimeJitter",
                          "Random fraction (uniform, up to this) taken off the soft time "
                          "limit, so that the two peers do not rekey at the same moment.",
                          DoubleValue(0.05),
                          MakeDoubleAccessor(&IkeService::m_softLifetimeJitter),
                          MakeDoubleChecker<double>(0.0, 0.5))
            .AddAttribute("MaxDeletedDecryptionKeys",
                          "Main mode SAs gone (used up, expired, failed, deleted) whose keys "
                          "ExportDecryptionTable still lists, at most: beyond it the oldest are "
                          "forgotten, so that memory follows the live SAs in long runs (the "
                          "keys of live main mode SAs are always listed).",
                          UintegerValue(1024),
                          MakeUintegerAccessor(&IkeService::SetMaxDeletedDecryptionKeys,
                                               &IkeService::GetMaxDeletedDecryptionKeys),
                          MakeUintegerChecker<uint32_t>())
            .AddAttribute("RekeyLinger",
                          "A replaced quick mode SA pair is deleted this long after its "
                          "replacement exists (late packets still arrive on it).",
                          TimeValue(Seconds(5)),
                          MakeTimeAccessor(&IkeService::m_rekeyLinger),
                          MakeTimeChecker(Seconds(0)))
            .AddAttribute("NatTraversal",
                          "NAT traversal (RFC 3947 and draft-ietf-ipsec-nat-t-ike-02, as Windows "
                          "XP SP2 and Server 2003 speak it): vendor IDs in main mode 1/2, NAT-D "
                          "in 3/4, IKE on UDP 4500 and UDP-encapsulated ESP when a NAT is found. "
                          "profile: off under win2000, on under the others; on; off.",
                          EnumValue(static_cast<int>(IkeNatTraversalSetting::PROFILE)),
                          MakeEnumAccessor(&IkeService::SetNatTraversalValue,
                                           &IkeService::GetNatTraversalValue),
                          MakeEnumChecker(static_cast<int>(IkeNatTraversalSetting::PROFILE),
                                          "profile",
                                          static_cast<int>(IkeNatTraversalSetting::ON),
                                          "on",
                                          static_cast<int>(IkeNatTraversalSetting::OFF),
                                          "off"))
            .AddAttribute("AssumeUDPEncapsulationContextOnSendRule",
                          "Windows XP SP2 / Server 2003 SP1 registry value (KB 885348), applied "
                          "when this node starts a main mode and NAT-D finds the responder "
                          "behind a NAT: 0 (the default) no SAs; 1 allowed unless this node is "
                          "behind a NAT too; 2 allowed when both are.",
                          UintegerValue(0),
                          MakeUintegerAccessor(&IkeService::m_assumeUdpEncapRule),
                          MakeUintegerChecker<uint32_t>(0, 2))
            .AddTraceSource("MainModeStarted",
                            "A main mode began (detail: initiator or responder).",
                            MakeTraceSourceAccessor(&IkeService::m_mainModeStarted),
                            "ns3::IkeService::EventTracedCallback")
            .AddTraceSource("MainModeSucceeded",
                            "A main mode SA was established (detail: its terms).",
                            MakeTraceSourceAccessor(&IkeService::m_mainModeSucceeded),
                            "ns3::IkeService::EventTracedCallback")
            .AddTraceSource("MainModeFailed",
                            "A main mode failed (detail: the reason).",
                            MakeTraceSourceAccessor(&IkeService::m_mainModeFailed),
                            "ns3::IkeService::EventTracedCallback")
            .AddTraceSource("MainModeDeleted",
                            "A main mode SA was deleted (detail: the reason).",
                            MakeTraceSourceAccessor(&IkeService::m_mainModeDeleted),
                            "ns3::IkeService::EventTracedCallback")
            .AddTraceSource("QuickModeStarted",
                            "A quick mode began (detail: initiator or responder).",
                            MakeTraceSourceAccessor(&IkeService::m_quickModeStarted),
                            "ns3::IkeService::EventTracedCallback")
            .AddTraceSource("QuickModeSucceeded",
                            "A quick mode installed an SA pair (detail: its terms).",
                            MakeTraceSourceAccessor(&IkeService::m_quickModeSucceeded),
                            "ns3::IkeService::EventTracedCallback")
            .AddTraceSource("QuickModeFailed",
                            "A quick mode failed (detail: the reason).",
                            MakeTraceSourceAccessor(&IkeService::m_quickModeFailed),
                            "ns3::IkeService::EventTracedCallback")
            .AddTraceSource("Rekeyed",
                            "A quick mode SA pair was replaced before expiring.",
                            MakeTraceSourceAccessor(&IkeService::m_rekeyed),
                            "ns3::IkeService::EventTracedCallback")
            .AddTraceSource("FellBackToClear",
                            "Traffic with a silent peer now flows in the clear through a soft "
                            "SA (detail: why).",
                            MakeTraceSourceAccessor(&IkeService::m_fellBack),
                            "ns3::IkeService::EventTracedCallback")
            .AddTraceSource("MessageSent",
                            "An ISAKMP message was sent.",
                            MakeTraceSourceAccessor(&IkeService::m_messageSent),
                            "ns3::IkeService::MessageTracedCallback")
            .AddTraceSource("MessageReceived",
                            "An ISAKMP message was received.",
                            MakeTraceSourceAccessor(&IkeService::m_messageReceived),
                            "ns3::IkeService::MessageTracedCallback")
            .AddTraceSource("MessageRetransmitted",
                            "An ISAKMP message was sent again.",
                            MakeTraceSourceAccessor(&IkeService::m_messageRetransmitted),
                            "ns3::IkeService::MessageTracedCallback")
            .AddTraceSource("ConfigWarning",
                            "A configuration the OS profile does not support was dropped, "
                            "once per kind (also logged with NS_LOG_WARN).",
                            MakeTraceSourceAccessor(&IkeService::m_configWarning),
                            "ns3::IpsecDriver::ConfigWarningTracedCallback");
    return tid;
}

IkeService::IkeService()
    : m_random(CreateObject<UniformRandomVariable>()),
      m_rng(std::make_unique<IkeRandom>(m_random)),
      m_informational(*this)
{
    m_mainModeTimers.SetExpiredCallback(MakeCallback(&IkeService::MainModeTimeReached, this));
    m_quickModeTimers.SetExpiredCallback(MakeCallback(&IkeService::QuickModeTimeReached, this));
    m_backoffTimers.SetExpiredCallback(MakeCallback(&IkeService::BackoffForgotten, this));
}

IkeService::~IkeService() = default;

void
IkeService::NotifyNewAggregate()
{
    if (!m_node)
    {
        m_node = GetObject<Node>();
    }
    if (!m_driver)
    {
        m_driver = GetObject<IpsecDriver>();
        if (m_driver)
        {
            m_driver->SetKeyManager(this);
        }
    }
    IpsecKeyManager::NotifyNewAggregate();
}

void
IkeService::DoInitialize()
{
    if (m_node && !m_socket)
    {
        m_socket = Socket::CreateSocket(m_node, UdpSocketFactory::GetTypeId());
        if (m_socket->Bind(InetSocketAddress(Ipv4Address::GetAny(), IKE_PORT)) != 0)
        {
            NS_FATAL_ERROR("node " << m_node->GetId() << ": UDP port 500 is taken");
        }
        m_socket->SetRecvPktInfo(true);
        m_socket->SetRecvCallback(MakeCallback(&IkeService::Receive, this));
        // ns-3's UDP socket reports ICMP errors about its datagrams through this attribute.
        m_socket->SetAttribute("IcmpCallback",
                               CallbackValue(MakeCallback(&IkeService::ReceiveIcmp, this)));
    }
    if (m_node && !m_natTSocket && IsNatTraversalEnabled())
    {
        // The one owner of UDP 4500: IKE behind the non-ESP marker reaches this socket; the
        // IPsec layer takes UDP-encapsulated ESP and keepalives before UDP delivers them.
        m_natTSocket = Socket::CreateSocket(m_node, UdpSocketFactory::GetTypeId());
        if (m_natTSocket->Bind(InetSocketAddress(Ipv4Address::GetAny(), IPSEC_NAT_T_PORT)) != 0)
        {
            NS_FATAL_ERROR("node " << m_node->GetId() << ": UDP port 4500 is taken");
        }
        m_natTSocket->SetRecvPktInfo(true);
        m_natTSocket->SetRecvCallback(MakeCallback(&IkeService::ReceiveNatT, this));
    }
    IpsecKeyManager::DoInitialize();
}

void
IkeService::DoDispose()
{
    m_mainModeTimers.Clear(); // before the records they point to go
    m_quickModeTimers.Clear();
    m_filterCheck.Cancel();
    m_mainModeSas.clear(); // exchanges under way cancel their own timers
    m_quickModeSas.clear();
    m_mainModeSasByPeer.clear();
    m_quickModeSasByPeer.clear();
    m_quickModeSasByMessage.clear();
    m_spisInUse.clear();
    m_backoffTimers.Clear();
    m_backoffs.clear();
    if (m_socket)
    {
        m_socket->Close();
        m_socket = nullptr;
    }
    if (m_natTSocket)
    {
        m_natTSocket->Close();
        m_natTSocket = nullptr;
    }
    m_paths.clear();
    m_driver = nullptr;
    m_node = nullptr;
    if (m_authSettings.kerberos)
    {
        // Not aggregated to the node, so nobody else disposes of it; its requests still
        // waiting for the KDC hold callbacks into this service.
        m_authSettings.kerberos->Dispose();
    }
    m_authSettings.kerberos = nullptr;
    m_authSettings.realm = nullptr;
    m_authSettings.credentials = nullptr;
    m_authSettings.trustedRoots.clear();
    IpsecKeyManager::DoDispose();
}

int64_t
IkeService::AssignStreams(int64_t stream)
{
    NS_LOG_FUNCTION(this << stream);
    m_random->SetStream(stream);
    m_stream = stream;
    if (m_authSettings.kerberos)
    {
        return 1 + m_authSettings.kerberos->AssignStreams(stream + 1);
    }
    return 1;
}

void
IkeService::SetMainModeMethods(const std::string& text)
{
    NS_LOG_FUNCTION(this << text);
    m_mainModeMethods = IkeParseMainModeMethods(text);
}

std::string
IkeService::GetMainModeMethods() const
{
    std::string text;
    for (const auto& m : m_mainModeMethods)
    {
        text += (text.empty() ? "" : ",") + m.ToString();
    }
    return text;
}

void
IkeService::SetQuickModeOffers(const std::string& text)
{
    NS_LOG_FUNCTION(this << text);
    m_quickModeOffers = IkeParseQuickModeOffers(text);
}

std::string
IkeService::GetQuickModeOffers() const
{
    std::string text;
    for (const auto& o : m_quickModeOffers)
    {
        text += (text.empty() ? "" : ",") + o.ToString();
    }
    return text;
}

void
IkeService::SetAuthMethods(const std::string& text)
{
    NS_LOG_FUNCTION(this << text);
    m_authMethods = IkeParseAuthMethods(text);
}

std::string
IkeService::GetAuthMethods() const
{
    std::string text;
    for (IkeAuthKind a : m_authMethods)
    {
        text += (text.empty() ? "" : ",") + IkeAuthKindToString(a);
    }
    return text;
}

void
IkeService::SetPfs(const std::string& text)
{
    NS_LOG_FUNCTION(this << text);
    m_pfs = IkeParsePfs(text);
}

std::string
IkeService::GetPfs() const
{
    return IkePfsToString(m_pfs);
}

void
IkeService::SetPreSharedKey(const std::string& key)
{
    NS_LOG_FUNCTION(this << key.size());
    m_authSettings.preSharedKey = key;
}

std::string
IkeService::GetPreSharedKey() const
{
    return m_authSettings.preSharedKey;
}

void
IkeService::SetExcludeCaName(bool exclude)
{
    NS_LOG_FUNCTION(this << exclude);
    m_authSettings.excludeCaName = exclude;
}

bool
IkeService::GetExcludeCaName() const
{
    return m_authSettings.excludeCaName;
}

void
IkeService::SetKerberos(Ptr<KerberosRealm> realm,
                        const std::string& computerName,
                        Ipv4Address domainController)
{
    NS_LOG_FUNCTION(this << realm);
    if (!realm || !realm->HasComputer(computerName))
    {
        throw IpsecConfigError("kerberos",
                               "'" + computerName + "' has not joined " +
                                   (realm ? realm->GetName() : std::string("a domain")));
    }
    m_authSettings.realm = realm;
    m_authSettings.computerName = computerName;
    m_authSettings.domainController = domainController;
    if (!m_authSettings.kerberos)
    {
        m_authSettings.kerberos = CreateObject<KerberosClient>();
        if (m_stream >= 0)
        {
            NS_LOG_WARN("node " << (m_node ? m_node->GetId() : 0)
                                << ": SetKerberos after AssignStreams: the Kerberos client's "
                                   "stream is automatic (call AssignStreams after set-up)");
        }
    }
    m_authSettings.kerberos->SetNode(m_node);
}

void
IkeService::SetCertificate(Ptr<IkeCredentials> credentials)
{
    NS_LOG_FUNCTION(this << credentials);
    m_authSettings.credentials = credentials;
}

void
IkeService::AddTrustedRoot(Ptr<IkeCertificate> root)
{
    NS_LOG_FUNCTION(this << root);
    m_authSettings.trustedRoots.push_back(root);
}

const std::vector<Ptr<IkeCertificate>>&
IkeService::GetTrustedRoots() const
{
    return m_authSettings.trustedRoots;
}

void
IkeService::CountMainModeFailure(const IkeFailure& failure)
{
    ++m_counters.mainModeFailed;
    ++m_counters.mainModeFailedByReason[static_cast<size_t>(failure.reason)];
    if (failure.IsAuthenticationFailure())
    {
        ++m_counters.authenticationFailed;
        ++m_counters.authenticationFailedByReason[failure.ToString()];
    }
}

void
IkeService::CheckPreSharedKey(Ipv4Address peer, uint32_t filterId) const
{
    if (!m_authSettings.preSharedKey.empty())
    {
        return;
    }
    // Nothing can authenticate with an empty key (Windows refuses one too): say so, naming
    // the rule, rather than fail every negotiation as a mismatch.
    std::ostringstream os;
    os << "empty, but node " << (m_node ? m_node->GetId() : 0) << " authenticates with it ("
       << "AuthMethods " << GetAuthMethods() << ")";
    if (filterId != 0)
    {
        os << " to negotiate filter " << filterId;
        if (const IpsecSpdEntry* entry = m_driver ? m_driver->GetSpd().Find(filterId) : nullptr)
        {
            os << " (\"" << entry->filter.description << "\")";
        }
        os << " with " << peer;
    }
    else
    {
        os << " to answer " << peer;
    }
    os << ": set PreSharedKey";
    throw IpsecConfigError("PreSharedKey", os.str());
}

const IkeCounters&
IkeService::GetCounters() const
{
    return m_counters;
}

std::string
IkeFallbackRuleToString(IkeFallbackRule rule)
{
    switch (rule)
    {
    case IkeFallbackRule::PROFILE:
        return "profile";
    case IkeFallbackRule::SILENCE:
        return "silence";
    case IkeFallbackRule::ICMP_UNREACHABLE:
        return "icmp-unreachable";
    }
    return "?";
}

void
IkeService::SetFallbackRuleValue(int rule)
{
    m_fallbackRule = static_cast<IkeFallbackRule>(rule);
}

int
IkeService::GetFallbackRuleValue() const
{
    return static_cast<int>(m_fallbackRule);
}

IkeFallbackRule
IkeService::GetFallbackRule() const
{
    if (m_fallbackRule != IkeFallbackRule::PROFILE)
    {
        return m_fallbackRule;
    }
    return m_driver && m_driver->GetOsProfile() == IpsecOsProfile::WIN2000
               ? IkeFallbackRule::ICMP_UNREACHABLE
               : IkeFallbackRule::SILENCE;
}

void
IkeService::SetNatTraversalValue(int value)
{
    m_natTraversal = static_cast<IkeNatTraversalSetting>(value);
}

int
IkeService::GetNatTraversalValue() const
{
    return static_cast<int>(m_natTraversal);
}

bool
IkeService::IsNatTraversalEnabled() const
{
    if (m_natTraversal != IkeNatTraversalSetting::PROFILE)
    {
        return m_natTraversal == IkeNatTraversalSetting::ON;
    }
    return m_driver && m_driver->GetProfileDefaults().natTraversal;
}

IkeNatTState
IkeService::GetNatTState(Ipv4Address peer) const
{
    IkeNatTState state;
    Time newest = Time(-1);
    for (const auto& [key, sa] : m_mainModeSas)
    {
        if (sa->peer == peer && sa->IsEstablished() && sa->established > newest)
        {
            newest = sa->established;
            state = sa->natT;
        }
    }
    return state;
}

uint16_t
IkeService::GetPeerPort(Ipv4Address peer) const
{
    auto it = m_paths.find(peer.Get());
    if (it == m_paths.end())
    {
        return IKE_PORT;
    }
    return it->second.floated ? it->second.natPort : it->second.port;
}

bool
IkeService::IsFloated(Ipv4Address peer) const
{
    auto it = m_paths.find(peer.Get());
    return it != m_paths.end() && it->second.floated;
}

IkeNatTEndpoints
IkeService::SendingEndpoints(const IkeMainModeSa& sa) const
{
    IkeNatTEndpoints e;
    e.local = sa.local;
    e.peer = sa.peer;
    bool floated = IsFloated(sa.peer) && m_natTSocket;
    e.localPort = floated ? IPSEC_NAT_T_PORT : IKE_PORT;
    e.peerPort = GetPeerPort(sa.peer);
    return e;
}

IkeNatTEndpoints
IkeService::ReceivedEndpoints(const IkeMainModeSa& sa) const
{
    IkeNatTEndpoints e;
    e.local = sa.local;
    e.peer = sa.peer;
    e.localPort = m_rxLocalPort;
    e.peerPort = m_rxFromPort;
    return e;
}

void
IkeService::FloatToNatTPort(Ipv4Address peer)
{
    if (!m_natTSocket)
    {
        return;
    }
    IkePath& path = m_paths[peer.Get()];
    if (!path.floated)
    {
        path.floated = true;
        path.natPort = IPSEC_NAT_T_PORT;
    }
}

bool
IkeService::AllowsNatBetween(const IkeNatTState& state) const
{
    if (!state.peerBehindNat)
    {
        return true;
    }
    return m_assumeUdpEncapRule >= (state.localBehindNat ? 2u : 1u);
}

Time
IkeService::GetBackoffEnd(Ipv4Address peer) const
{
    auto it = m_backoffs.find(peer.Get());
    return it == m_backoffs.end() ? Time(0) : it->second.end;
}

size_t
IkeService::GetNBackoffRecords() const
{
    return m_backoffs.size();
}

void
IkeService::BackoffForgotten(IpsecTimed& record, uint8_t /* kind */)
{
    m_backoffs.erase(static_cast<Backoff&>(record).peer);
}

void
IkeService::ForgetBackoff(uint32_t peer)
{
    auto it = m_backoffs.find(peer);
    if (it != m_backoffs.end())
    {
        m_backoffTimers.Remove(it->second);
        m_backoffs.erase(it);
    }
}

void
IkeService::StartBackoff(Ipv4Address peer)
{
    if (!m_backoff.IsStrictlyPositive())
    {
        return;
    }
    Backoff& b = m_backoffs[peer.Get()];
    b.peer = peer.Get();
    if (b.failures > 0 && b.lastFailure == Simulator::Now())
    {
        return; // the other requests of the same failure
    }
    ++b.failures;
    b.lastFailure = Simulator::Now();
    Time wait = m_backoff;
    for (uint32_t i = 1; i < b.failures && wait < m_maxBackoff; ++i)
    {
        wait = wait * 2;
    }
    wait = std::max(m_backoff, std::min(wait, m_maxBackoff));
    b.end = Simulator::Now() + wait;
    m_backoffTimers.Remove(b);
    m_backoffTimers.Add(b, 0, wait + std::max(m_maxBackoff, m_backoff));
    NS_LOG_INFO("node " << m_node->GetId() << ": failure " << b.failures << " with " << peer
                        << ": back-off " << wait.As(Time::S));
}

uint32_t
IkeService::GetNMainModeSas() const
{
    uint32_t n = 0;
    for (const auto& [key, sa] : m_mainModeSas)
    {
        n += sa->IsEstablished() ? 1 : 0;
    }
    return n;
}

uint32_t
IkeService::GetNQuickModeSas() const
{
    uint32_t n = 0;
    for (const auto& [id, sa] : m_quickModeSas)
    {
        n += sa->IsEstablished() ? 1 : 0;
    }
    return n;
}

bool
IkeService::HasNegotiatePolicy() const
{
    if (!m_driver)
    {
        return false;
    }
    for (const IpsecSpdEntry* entry : m_driver->GetSpd().GetOrderedEntries())
    {
        if (entry->filter.action == IpsecFilterAction::NEGOTIATE)
        {
            return true;
        }
    }
    return false;
}

Ipv4Address
IkeService::LocalAddressFor(Ipv4Address peer) const
{
    Ptr<Ipv4> ipv4 = m_node->GetObject<Ipv4>();
    Ipv4Header header;
    header.SetDestination(peer);
    header.SetProtocol(17);
    Socket::SocketErrno error;
    Ptr<Ipv4Route> route =
        ipv4->GetRoutingProtocol()->RouteOutput(Create<Packet>(), header, nullptr, error);
    return route ? route->GetSource() : Ipv4Address::GetAny();
}

uint64_t
IkeService::NewCookie()
{
    uint64_t cookie = 0;
    while (cookie == 0)
    {
        for (int i = 0; i < 8; ++i)
        {
            cookie = (cookie << 8) | m_random->GetInteger(0, 255);
        }
    }
    return cookie;
}

uint32_t
IkeService::NewSpi(Ipv4Address local)
{
    // SPIs 1-255 are reserved by IANA (RFC 4303 2.1).
    while (true)
    {
        uint32_t spi = m_random->GetInteger(256, 0xffffffffU);
        if (!m_driver->GetSad().FindInbound(spi, local) && m_spisInUse.insert(spi).second)
        {
            return spi;
        }
    }
}

void
IkeService::Acquire(uint32_t filterId, Ipv4Address peer, const IpsecPacketSelector& selector)
{
    NS_LOG_FUNCTION(this << filterId << peer << selector);
    // One negotiation per (filter, peer): a quick mode already under way will release the
    // held packets.
    for (const auto& [id, sa] : m_quickModeSas)
    {
        if (sa->filterId == filterId && sa->trafficPeer == peer && !sa->IsEstablished())
        {
            return;
        }
    }
    IkeQuickModeRequest request{filterId, peer, selector, 0};
    for (auto& [key, sa] : m_mainModeSas)
    {
        if (sa->peer == peer && !sa->IsEstablished() && sa->initiator)
        {
            sa->task->AddWaiting(request);
            return;
        }
    }
    if (Simulator::Now() < GetBackoffEnd(peer))
    {
        // A negative cache: the peer failed us lately, so its packets go without a try.
        NS_LOG_INFO("node " << m_node->GetId() << ": back-off with " << peer << " until "
                            << GetBackoffEnd(peer).As(Time::S));
        ++m_counters.backedOff;
        m_driver->DropHeld(filterId, peer);
        return;
    }
    Negotiate(request);
}

void
IkeService::Negotiate(const IkeQuickModeRequest& request)
{
    if (IkeMainModeSa* sa = FindUsableMainModeSa(request.peer))
    {
        IkeQuickModeTask::Initiate(*this, *sa, request);
        return;
    }
    IkeMainModeTask::Initiate(*this, request);
}

void
IkeService::Receive(Ptr<Socket> socket)
{
    NS_LOG_FUNCTION(this << socket);
    Address from;
    while (Ptr<Packet> packet = socket->RecvFrom(from))
    {
        Ipv4Address to = Ipv4Address::GetAny();
        Ipv4PacketInfoTag info;
        if (packet->RemovePacketTag(info))
        {
            to = info.GetAddress();
        }
        std::vector<uint8_t> bytes(packet->GetSize());
        packet->CopyData(bytes.data(), bytes.size());
        InetSocketAddress sender = InetSocketAddress::ConvertFrom(from);
        HandleMessage(bytes, sender.GetIpv4(), to, sender.GetPort(), IKE_PORT);
    }
}

void
IkeService::ReceiveNatT(Ptr<Socket> socket)
{
    NS_LOG_FUNCTION(this << socket);
    Address from;
    while (Ptr<Packet> packet = socket->RecvFrom(from))
    {
        Ipv4Address to = Ipv4Address::GetAny();
        Ipv4PacketInfoTag info;
        if (packet->RemovePacketTag(info))
        {
            to = info.GetAddress();
        }
        std::vector<uint8_t> bytes(packet->GetSize());
        packet->CopyData(bytes.data(), bytes.size());
        // Only IKE with the non-ESP marker comes here (ESP and keepalives are taken below UDP).
        if (bytes.size() < NON_ESP_MARKER_SIZE ||
            !std::all_of(bytes.begin(), bytes.begin() + NON_ESP_MARKER_SIZE, [](uint8_t b) {
                return b == 0;
            }))
        {
            ++m_counters.ignored;
            continue;
        }
        bytes.erase(bytes.begin(), bytes.begin() + NON_ESP_MARKER_SIZE);
        InetSocketAddress sender = InetSocketAddress::ConvertFrom(from);
        HandleMessage(bytes, sender.GetIpv4(), to, sender.GetPort(), IPSEC_NAT_T_PORT);
    }
}

void
IkeService::ReceiveIcmp(Ipv4Address icmpSource,
                        uint8_t /* icmpTtl */,
                        uint8_t icmpType,
                        uint8_t icmpCode,
                        uint32_t /* icmpInfo */)
{
    // Destination unreachable (type 3): net, host, protocol or port (codes 0-3). Fragmentation
    // needed (4) and the rest say nothing about whether the peer runs IKE.
    if (icmpType != 3 || icmpCode > 3)
    {
        return;
    }
    ++m_counters.icmpUnreachable;
    // ns-3 hands the socket the ICMP sender, not the datagram's destination: the error is
    // matched to a main mode by its sender (the peer's own port or host unreachable).
    for (auto& [key, sa] : m_mainModeSas)
    {
        if (sa->peer == icmpSource && sa->initiator && !sa->IsEstablished() && sa->task)
        {
            sa->task->NoteIcmpUnreachable();
        }
    }
}

void
IkeService::HandleMessage(const std::vector<uint8_t>& bytes,
                          Ipv4Address from,
                          Ipv4Address to,
                          uint16_t fromPort,
                          uint16_t localPort)
{
    IsakmpMessage message;
    IsakmpStatus status = message.Parse(bytes);
    if (!status)
    {
        NS_LOG_INFO("node " << m_node->GetId() << ": unparsable ISAKMP from " << from << ": "
                            << status);
        ++m_counters.ignored;
        return;
    }
    ++m_counters.messagesReceived;
    m_rxFromPort = fromPort;
    m_rxLocalPort = localPort;
    // Answers go where the peer's messages come from: a NAT may have mapped its ports
    // (RFC 3947 4). A message on 4500 moves the peer's path there (its NAT-mapped port).
    if (localPort == IPSEC_NAT_T_PORT)
    {
        IkePath& path = m_paths[from.Get()];
        path.floated = true;
        path.natPort = fromPort;
    }
    else if (fromPort != IKE_PORT || m_paths.count(from.Get()) != 0)
    {
        m_paths[from.Get()].port = fromPort;
    }
    // Each exchange type goes to its task; a new exchange (keepalives, say) is a new case.
    const IsakmpHeader& header = message.GetHeader();
    switch (header.GetExchangeType())
    {
    case IsakmpExchangeType::IDENTITY_PROTECTION: {
        m_messageReceived(from, "main", bytes.size());
        IkeMainModeSa* sa = FindMainModeSa({header.GetInitiatorCookie(), from.Get()});
        if (!sa)
        {
            if (header.GetResponderCookie() == 0)
            {
                IkeMainModeTask::Respond(*this, message, bytes, from, to);
            }
            else
            {
                ++m_counters.ignored;
            }
            return;
        }
        if (!sa->task)
        {
            // The exchange has settled: no repeat of its messages can come any more.
            ++m_counters.ignored;
            return;
        }
        sa->task->Process(message, bytes, from);
        return;
    }
    case IsakmpExchangeType::QUICK_MODE: {
        m_messageReceived(from, "quick", bytes.size());
        IkeMainModeSa* sa =
            FindMainModeSa(header.GetInitiatorCookie(), header.GetResponderCookie(), from);
        if (!sa || !sa->IsEstablished())
        {
            ++m_counters.ignored;
            return;
        }
        IkeQuickModeSa* pair = FindQuickModeSa(header.GetMessageId(), from);
        if (!pair)
        {
            IkeQuickModeTask::Respond(*this, *sa, message, bytes);
            return;
        }
        // Only quick modes under way or settling are found by message ID.
        NS_ASSERT(pair->task);
        pair->task->Process(*sa, message, bytes);
        return;
    }
    case IsakmpExchangeType::INFORMATIONAL:
        m_messageReceived(from, "info", bytes.size());
        m_informational.Process(message, bytes, from);
        return;
    default:
        ++m_counters.ignored;
        return;
    }
}

void
IkeService::SendBytes(const std::vector<uint8_t>& bytes,
                      Ipv4Address peer,
                      const std::string& exchange)
{
    auto path = m_paths.find(peer.Get());
    if (path != m_paths.end() && path->second.floated && m_natTSocket)
    {
        // RFC 3947 4: on UDP 4500 every IKE message starts with the non-ESP marker.
        std::vector<uint8_t> marked(NON_ESP_MARKER_SIZE, 0);
        marked.insert(marked.end(), bytes.begin(), bytes.end());
        Ptr<Packet> packet = Create<Packet>(marked.data(), marked.size());
        m_natTSocket->SendTo(packet, 0, InetSocketAddress(peer, path->second.natPort));
    }
    else
    {
        uint16_t port = path != m_paths.end() ? path->second.port : IKE_PORT;
        Ptr<Packet> packet = Create<Packet>(bytes.data(), bytes.size());
        m_socket->SendTo(packet, 0, InetSocketAddress(peer, port));
    }
    ++m_counters.messagesSent;
    m_counters.bytesSent += bytes.size();
    m_messageSent(peer, exchange, bytes.size());
}

void
IkeService::PrintMainModeSas(std::ostream& os) const
{
    os << "Main Mode SAs (node " << (m_node ? m_node->GetId() : 0) << ")\n";
    uint32_t n = 0;
    for (const auto& [key, p1] : m_mainModeSas)
    {
        if (!p1->IsEstablished())
        {
            continue;
        }
        ++n;
        os << "  Me " << p1->local << "  Peer " << p1->peer << "  ("
           << (p1->initiator ? "initiator" : "responder") << ")\n"
           << "    Authentication " << IkeAuthKindToString(p1->terms.auth) << "  Encryption "
           << IpsecGetEncryptionInfo(p1->terms.method.encryption).name << "  Integrity "
           << IkeHashName(p1->terms.method.hash) << "  DH group "
           << IkeDhGroupName(p1->terms.method.group) << "\n"
           << "    Cookies " << std::hex << std::setfill('0') << std::setw(16) << p1->cookieI
           << ":" << std::setw(16) << p1->cookieR << std::dec << std::setfill(' ')
           << "  Established " << p1->established.As(Time::S) << "  Quick modes "
           << p1->GetQuickModeCount() << "\n";
    }
    os << "  " << n << " main mode SA(s)\n";
    if (m_counters.authenticationFailed != 0)
    {
        os << "  Authentication failures " << m_counters.authenticationFailed << " (";
        bool first = true;
        for (const auto& [reason, count] : m_counters.authenticationFailedByReason)
        {
            os << (first ? "" : ", ") << reason << "=" << count;
            first = false;
        }
        os << ")\n";
    }
}

void
IkeService::PrintQuickModeSas(std::ostream& os) const
{
    os << "Quick Mode SAs (node " << (m_node ? m_node->GetId() : 0) << ")\n";
    uint32_t n = 0;
    for (const auto& [id, p2] : m_quickModeSas)
    {
        if (!p2->IsEstablished())
        {
            continue;
        }
        ++n;
        os << "  Filter " << p2->filterId << "  Me " << p2->local << "  Peer " << p2->peer
           << "  " << IpsecModeToString(p2->terms.mode) << "\n"
           << "    Offer " << p2->terms.offer << "  PFS "
           << (p2->terms.pfsGroup ? IkeDhGroupName(*p2->terms.pfsGroup) : std::string("none"))
           << "  SPI in 0x" << std::hex << p2->spiIn << " out 0x" << p2->spiOut << std::dec
           << "\n    Established " << p2->established.As(Time::S) << "  Lifetime "
           << p2->terms.lifetimeSeconds << " s / " << p2->terms.lifetimeKilobytes << " KB"
           << "  Bytes in " << (p2->inbound ? p2->inbound->GetBytes() : 0) << " out "
           << (p2->outbound ? p2->outbound->GetBytes() : 0)
           << (p2->replaced ? "  (replaced)" : "") << "\n";
    }
    os << "  " << n << " quick mode SA pair(s)\n";
}

void
IkeService::ExportDecryptionTable(std::ostream& os) const
{
    m_decryptionTable.Write(os);
}

Time
IkeService::SettleTime() const
{
    return m_retransmitInterval * static_cast<int64_t>((1ULL << (m_maxRetransmissions + 1)) - 1);
}

void
IkeService::ReleaseSpi(uint32_t spi)
{
    m_spisInUse.erase(spi);
}

void
IkeService::RecordDecryptionKey(IkeMainModeSa& sa)
{
    sa.decryptionKey = m_decryptionTable.Add(sa.cookieI, sa.encryptionKey);
}

void
IkeService::SetMaxDeletedDecryptionKeys(uint32_t limit)
{
    m_decryptionTable.SetRetiredLimit(limit);
}

uint32_t
IkeService::GetMaxDeletedDecryptionKeys() const
{
    return m_decryptionTable.GetRetiredLimit();
}

} // namespace ns3
