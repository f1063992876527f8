/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ipsec-driver.h"

#include "ns3/boolean.h"
#include "ns3/double.h"
#include "ns3/enum.h"
#include "ns3/integer.h"
#include "ns3/ipsec-config-error.h"
#include "ns3/ipv4.h"
#include "ns3/log.h"
#include "ns3/loopback-net-device.h"
#include "ns3/node.h"
#include "ns3/simulator.h"
#include "ns3/string.h"
#include "ns3/uinteger.h"

#include <algorithm>
#include <iomanip>
#include <iostream>
#include <unordered_set>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("IpsecDriver");

NS_OBJECT_ENSURE_REGISTERED(IpsecDriver);

TypeId
IpsecDriver::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::IpsecDriver")
            .SetParent<Object>()
            .SetGroupName("Ipsec")
            .AddConstructor<IpsecDriver>()
            .AddAttribute("CryptoMode",
                          "Real cryptography, or modeled: the same packet sizes and headers "
                          "without cipher work (integrity is then assumed).",
                          EnumValue(IpsecDriver::REAL),
                          MakeEnumAccessor(&IpsecDriver::m_cryptoMode),
                          MakeEnumChecker(IpsecDriver::REAL, "Real", IpsecDriver::MODELED, "Modeled"))
            .AddAttribute("KeepDeletedKeys",
                          "Remember the keys of deleted ESP SAs, so that ExportEspSa also "
                          "lists them (Wireshark needs them for traffic of SAs gone since).",
                          BooleanValue(true),
                          MakeBooleanAccessor(&IpsecDriver::m_keepDeletedKeys),
                          MakeBooleanChecker())
            .AddTraceSource("DynamicAddressChanged",
                            "A dynamic filter address (dns, wins, dhcp, gateway) now stands for "
                            "other addresses (a new lease or manual setting).",
                            MakeTraceSourceAccessor(&IpsecDriver::m_dynamicAddressTrace),
                            "ns3::IpsecDriver::DynamicAddressTracedCallback")
            .AddTraceSource("SoftSa",
                            "A soft SA (clear traffic after IKE got no answer) was installed or "
                            "deleted.",
                            MakeTraceSourceAccessor(&IpsecDriver::m_softSaTrace),
                            "ns3::IpsecDriver::SoftSaTracedCallback")
            .AddAttribute("NegotiationQueueLength",
                          "Packets held per (Negotiate filter, peer) while IKE negotiates "
                          "their SAs; more are dropped (0 = drop them all).",
                          UintegerValue(32),
                          MakeUintegerAccessor(&IpsecDriver::m_queueLength),
                          MakeUintegerChecker<uint32_t>())
            .AddAttribute("ProcessingFixedDelay",
                          "Processing delay model: fixed cost per protected or unprotected "
                          "packet (0 = no delay model).",
                          TimeValue(Seconds(0)),
                          MakeTimeAccessor(&IpsecDriver::m_fixedDelay),
                          MakeTimeChecker(Seconds(0)))
            .AddAttribute("DesNsPerByte",
                          "Processing delay model: DES-CBC cost in ns per byte.",
                          DoubleValue(0),
                          MakeDoubleAccessor(&IpsecDriver::SetCipherCost<IpsecEncryption::DES_CBC>,
                                             &IpsecDriver::GetCipherCost<IpsecEncryption::DES_CBC>),
                          MakeDoubleChecker<double>(0))
            .AddAttribute("TripleDesNsPerByte",
                          "Processing delay model: 3DES-CBC cost in ns per byte.",
                          DoubleValue(0),
                          MakeDoubleAccessor(
                              &IpsecDriver::SetCipherCost<IpsecEncryption::TRIPLE_DES_CBC>,
                              &IpsecDriver::GetCipherCost<IpsecEncryption::TRIPLE_DES_CBC>),
                          MakeDoubleChecker<double>(0))
            .AddAttribute("AesCbcNsPerByte",
                          "Processing delay model: AES-CBC (128 and 256) cost in ns per byte.",
                          DoubleValue(0),
                          MakeDoubleAccessor(&IpsecDriver::SetCipherCost<IpsecEncryption::AES_CBC_128>,
                                             &IpsecDriver::GetCipherCost<IpsecEncryption::AES_CBC_128>),
                          MakeDoubleChecker<double>(0))
            .AddAttribute("AesGcmNsPerByte",
                          "Processing delay model: AES-GCM (128 and 256) cost in ns per byte.",
                          DoubleValue(0),
                          MakeDoubleAccessor(&IpsecDriver::SetCipherCost<IpsecEncryption::AES_GCM_128>,
                                             &IpsecDriver::GetCipherCost<IpsecEncryption::AES_GCM_128>),
                          MakeDoubleChecker<double>(0))
            .AddAttribute("Md5NsPerByte",
                          "Processing delay model: HMAC-MD5 cost in ns per byte.",
                          DoubleValue(0),
                          MakeDoubleAccessor(&IpsecDriver::SetAuthCost<IpsecIntegrity::HMAC_MD5_96>,
                                             &IpsecDriver::GetAuthCost<IpsecIntegrity::HMAC_MD5_96>),
                          MakeDoubleChecker<double>(0))
            .AddAttribute("Sha1NsPerByte",
                          "Processing delay model: HMAC-SHA1 cost in ns per byte.",
                          DoubleValue(0),
                          MakeDoubleAccessor(&IpsecDriver::SetAuthCost<IpsecIntegrity::HMAC_SHA1_96>,
                                             &IpsecDriver::GetAuthCost<IpsecIntegrity::HMAC_SHA1_96>),
                          MakeDoubleChecker<double>(0))
            .AddAttribute("Sha256NsPerByte",
                          "Processing delay model: HMAC-SHA-256 cost in ns per byte.",
                          DoubleValue(0),
                          MakeDoubleAccessor(
                              &IpsecDriver::SetAuthCost<IpsecIntegrity::HMAC_SHA256_128>,
                              &IpsecDriver::GetAuthCost<IpsecIntegrity::HMAC_SHA256_128>),
                          MakeDoubleChecker<double>(0))
            .AddAttribute("OsProfile",
                          "The Windows version whose IPsec defaults and limits this node "
                          "follows (default exemptions, fallback delay, DH 2048, AES in IKE, "
                          "dynamic filter addresses, start-up mode).",
                          EnumValue(static_cast<int>(IpsecOsProfile::WIN2003)),
                          MakeEnumAccessor(&IpsecDriver::SetOsProfileValue,
                                           &IpsecDriver::GetOsProfileValue),
                          MakeEnumChecker(static_cast<int>(IpsecOsProfile::WIN2000),
                                          "win2000",
                                          static_cast<int>(IpsecOsProfile::WINXP),
                                          "winxp",
                                          static_cast<int>(IpsecOsProfile::WIN2003),
                                          "win2003",
                                          static_cast<int>(IpsecOsProfile::WIN2003_SP2),
                                          "win2003sp2"))
            .AddAttribute("DefaultExemptions",
                          "NoDefaultExempt value: 0 = multicast, broadcast, RSVP, Kerberos, "
                          "IKE; 1 = multicast, broadcast, IKE; 2 = RSVP, Kerberos, IKE; "
                          "3 = IKE only; -1 = the OS profile's value. Applies to the next "
                          "packet (Windows needs a service restart).",
                          IntegerValue(-1),
                          MakeIntegerAccessor(&IpsecDriver::m_exemptionsOverride),
                          MakeIntegerChecker<int>(-1, IPSEC_EXEMPTION_MODE_MAX))
            .AddAttribute("FallbackDelay",
                          "How long IKE stays silent before falling back to clear; negative "
                          "= the OS profile's value (3 s, 500 ms for win2003sp2).",
                          TimeValue(Seconds(-1)),
                          MakeTimeAccessor(&IpsecDriver::m_fallbackDelayOverride),
                          MakeTimeChecker())
            .AddAttribute("BootMode",
                          "Start-up mode before the policy applies: stateful, block, permit, "
                          "or profile (stateful for Server 2003 profiles, permit, i.e. no "
                          "start-up filtering, for Windows 2000 and XP).",
                          EnumValue(-1),
                          MakeEnumAccessor(&IpsecDriver::SetBootModeValue,
                                           &IpsecDriver::GetBootModeValue),
                          MakeEnumChecker(-1,
                                          "profile",
                                          static_cast<int>(IpsecBootMode::STATEFUL),
                                          "stateful",
                                          static_cast<int>(IpsecBootMode::BLOCK),
                                          "block",
                                          static_cast<int>(IpsecBootMode::PERMIT),
                                          "permit"))
            .AddAttribute("BootExemptions",
                          "Exemptions from start-up filtering in netsh syntax, separated by "
                          "spaces, e.g. \"TCP:any:3389:inbound ICMP:inbound\", or none. "
                          "Setting it replaces all earlier exemptions.",
                          StringValue("none"),
                          MakeStringAccessor(&IpsecDriver::SetBootExemptions,
                                             &IpsecDriver::GetBootExemptions),
                          MakeStringChecker())
            .AddAttribute("PolicyApplyTime",
                          "When the IPsec service applies the policy; before it the start-up "
                          "mode decides (0 = policy active from the start).",
                          TimeValue(Seconds(0)),
                          MakeTimeAccessor(&IpsecDriver::m_policyApplyTime),
                          MakeTimeChecker(Seconds(0)))
            .AddAttribute("SafeMode",
                          "Safe Mode with Networking: the IPsec service never starts, so only "
                          "the start-up mode acts, for the whole simulation.",
                          BooleanValue(false),
                          MakeBooleanAccessor(&IpsecDriver::m_safeMode),
                          MakeBooleanChecker())
            .AddTraceSource("Permit",
                            "A packet passed the IPsec policy in the clear.",
                            MakeTraceSourceAccessor(&IpsecDriver::m_permitTrace),
                            "ns3::IpsecDriver::PermitTracedCallback")
            .AddTraceSource("Drop",
                            "The IPsec layer dropped a packet (with the reason).",
                            MakeTraceSourceAccessor(&IpsecDriver::m_dropTrace),
                            "ns3::IpsecDriver::DropTracedCallback")
            .AddTraceSource("Exempt",
                            "A default exemption (NoDefaultExempt) let a packet through "
                            "without looking at the policy.",
                            MakeTraceSourceAccessor(&IpsecDriver::m_exemptTrace),
                            "ns3::IpsecDriver::ExemptTracedCallback")
            .AddTraceSource("SaInstalled",
                            "A security association was installed.",
                            MakeTraceSourceAccessor(&IpsecDriver::m_saInstalledTrace),
                            "ns3::IpsecDriver::SaTracedCallback")
            .AddTraceSource("SaExpiring",
                            "An SA reached a soft limit (time, bytes, sequence numbers): "
                            "it should be replaced.",
                            MakeTraceSourceAccessor(&IpsecDriver::m_saExpiringTrace),
                            "ns3::IpsecDriver::SaTracedCallback")
            .AddTraceSource("SaDeleted",
                            "A security association was deleted (with the reason).",
                            MakeTraceSourceAccessor(&IpsecDriver::m_saDeletedTrace),
                            "ns3::IpsecDriver::SaTracedCallback");
    return tid;
}

IpsecDriver::IpsecDriver()
    : m_profileDefaults(GetIpsecOsProfileDefaults(m_osProfile))
{
    NS_LOG_FUNCTION(this);
    m_softSas.SetExpiredCallback(MakeCallback(&IpsecDriver::SoftSaExpired, this));
    m_saTimers.SetExpiredCallback(MakeCallback(&IpsecDriver::SaTimeLimit, this));
}

void
IpsecDriver::SoftSaExpired(uint32_t filterId, Ipv4Address peer, const std::string& reason)
{
    m_softSaTrace(peer, filterId, "deleted: " + reason);
}

IpsecDriver::~IpsecDriver()
{
    NS_LOG_FUNCTION(this);
}

void
IpsecDriver::NotifyNewAggregate()
{
    if (!m_node)
    {
        m_node = GetObject<Node>();
    }
    Object::NotifyNewAggregate();
}

void
IpsecDriver::SetKeyManager(Ptr<IpsecKeyManager> keyManager)
{
    m_keyManager = keyManager;
}

Ptr<IpsecKeyManager>
IpsecDriver::GetKeyManager() const
{
    return m_keyManager;
}

void
IpsecDriver::Hold(const OutboundDecision& decision,
                  IpsecDirection direction,
                  const IpsecPacketSelector& selector,
                  Ptr<const Packet> packet,
                  IpsecNegotiationQueue::Resend resend)
{
    bool first = !m_held.IsWaiting(decision.filterId, decision.peer);
    if (!m_held.Hold(decision.filterId,
                     decision.peer,
                     {std::move(resend), direction, selector, packet},
                     m_queueLength))
    {
        Drop(direction,
             selector,
             packet,
             IpsecDropReason::NEGOTIATION_QUEUE_FULL,
             decision.filterId);
    }
    if (first && m_keyManager)
    {
        m_keyManager->Acquire(decision.filterId, decision.peer, selector);
    }
}

void
IpsecDriver::ReleaseHeld(uint32_t filterId, Ipv4Address peer)
{
    for (auto& held : m_held.Take(filterId, peer))
    {
        held.resend();
    }
}

uint32_t
IpsecDriver::DropHeld(uint32_t filterId, Ipv4Address peer)
{
    auto taken = m_held.Take(filterId, peer);
    for (const auto& held : taken)
    {
        Drop(held.direction,
             held.selector,
             held.packet,
             IpsecDropReason::NEGOTIATION_FAILED,
             filterId);
    }
    return static_cast<uint32_t>(taken.size());
}

size_t
IpsecDriver::GetNHeld() const
{
    return m_held.GetN();
}

void
IpsecDriver::DoDispose()
{
    m_softSas.Clear();
    m_held.Clear();
    m_keyManager = nullptr;
    m_saTimers.Clear(); // before the SAs it points to go
    m_sad.Clear();
    m_spd.Clear();
    m_node = nullptr;
    Object::DoDispose();
}

uint32_t
IpsecDriver::AddFilter(const IpsecFilter& filter)
{
    for (auto [end, field] : {std::make_pair(&filter.source, "srcaddr"),
                              std::make_pair(&filter.destination, "dstaddr")})
    {
        if (end->IsDynamic() && !AreDynamicAddressesAllowed())
        {
            // As the older consoles do: the Server 2003 setting is dropped (the filter is not
            // applied); unlike them, say so.
            std::clog << "warning: node " << (m_node ? m_node->GetId() : 0) << ": " << field
                      << "=" << end->ToString()
                      << ": dynamic addresses need Windows Server 2003 (profile win2003 or "
                         "win2003sp2), not "
                      << IpsecOsProfileToString(m_osProfile) << ": filter dropped\n";
            ++m_droppedFilters;
            return 0;
        }
    }
    UpdateLocalAddresses();
    uint32_t id = m_spd.Add(filter);
    NS_LOG_INFO("node " << (m_node ? m_node->GetId() : 0) << " filter " << id << ": " << filter);
    return id;
}

uint32_t
IpsecDriver::GetNDroppedFilters() const
{
    return m_droppedFilters;
}

uint32_t
IpsecDriver::AddFilter(const std::string& text)
{
    return AddFilter(IpsecFilter::Parse(text, [this](const std::string& name) {
        auto it = m_hosts.find(name);
        return it == m_hosts.end() ? std::optional<Ipv4Address>() : it->second;
    }));
}

void
IpsecDriver::SetHostAddress(const std::string& name, Ipv4Address address)
{
    std::string lower = name;
    std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) {
        return static_cast<char>(std::tolower(c));
    });
    m_hosts[lower] = address;
}

bool
IpsecDriver::RemoveFilter(uint32_t id)
{
    if (!m_spd.Find(id))
    {
        return false;
    }
    // Every SA tied to the filter goes with it (Windows: packets are lost until new SAs are
    // negotiated under what the policy now says).
    for (const Ptr<IpsecSa>& sa : m_sad.GetAll())
    {
        if (sa->GetFilterId() == id)
        {
            DeleteSa(sa, "policy-change");
        }
    }
    m_softSas.RemoveFilter(id);
    return m_spd.Remove(id);
}

uint32_t
IpsecDriver::SetFilterAction(uint32_t id, IpsecFilterAction action)
{
    const IpsecSpdEntry* entry = m_spd.Find(id);
    if (!entry)
    {
        throw IpsecConfigError("filter", "no filter " + std::to_string(id));
    }
    IpsecFilter changed = entry->filter;
    changed.action = action;
    std::string error = changed.Validate();
    if (!error.empty())
    {
        throw IpsecConfigError::FromMessage(error);
    }
    RemoveFilter(id);
    return AddFilter(changed);
}

const IpsecSpd&
IpsecDriver::GetSpd() const
{
    return m_spd;
}

void
IpsecDriver::PrintFilters(std::ostream& os) const
{
    m_spd.Print(os);
}

bool
IpsecDriver::IsModeled() const
{
    return m_cryptoMode == MODELED;
}

Time
IpsecDriver::BookCrypto(const IpsecSa& sa, uint32_t bytes)
{
    const IpsecSaConfig& c = sa.GetConfig();
    double perByte = m_cipherNsPerByte[static_cast<size_t>(c.encryption)] +
                     m_authNsPerByte[static_cast<size_t>(c.integrity)];
    if (perByte == 0 && m_fixedDelay.IsZero())
    {
        return Time(); // no cost model (the default): skip the time arithmetic
    }
    Time cost = m_fixedDelay + NanoSeconds(static_cast<int64_t>(perByte * bytes + 0.5));
    if (cost.IsZero())
    {
        return cost;
    }
    Time now = Simulator::Now();
    Time start = std::max(now, m_cryptoBusyUntil);
    m_cryptoBusyUntil = start + cost;
    return m_cryptoBusyUntil - now;
}

const IpsecDriverCounters&
IpsecDriver::GetCounters() const
{
    return m_counters;
}

void
IpsecDriver::UpdateLocalAddresses()
{
    Ptr<Ipv4> ipv4 = m_node ? m_node->GetObject<Ipv4>() : nullptr;
    if (!ipv4)
    {
        return;
    }
    std::vector<Ipv4Address> addresses;
    m_interfaceAddresses.clear();
    for (uint32_t i = 0; i < ipv4->GetNInterfaces(); ++i)
    {
        if (DynamicCast<LoopbackNetDevice>(ipv4->GetNetDevice(i)))
        {
            continue; // "My IP address" means the configured interfaces, not loopback
        }
        for (uint32_t j = 0; j < ipv4->GetNAddresses(i); ++j)
        {
            m_interfaceAddresses.push_back(ipv4->GetAddress(i, j));
            addresses.push_back(ipv4->GetAddress(i, j).GetLocal());
        }
    }
    m_subnetBroadcasts.clear();
    for (const auto& a : m_interfaceAddresses)
    {
        if (a.GetMask().GetPrefixLength() < 31)
        {
            m_subnetBroadcasts.insert(a.GetBroadcast().Get());
        }
    }
    std::unordered_set<uint32_t> current;
    for (const Ipv4Address& a : addresses)
    {
        current.insert(a.Get());
    }
    std::vector<Ipv4Address> removed;
    for (const Ipv4Address& old : m_spd.GetLocalAddresses())
    {
        if (!current.count(old.Get()))
        {
            removed.push_back(old);
        }
    }
    m_spd.SetLocalAddresses(addresses);
    if (removed.empty())
    {
        return;
    }
    // SAs bound to an address the node no longer has are invalid at once (roaming, a new DHCP
    // lease); IKEv1 has no way to move them.
    for (const Ptr<IpsecSa>& sa : m_sad.GetAll())
    {
        const IpsecSaConfig& c = sa->GetConfig();
        Ipv4Address mine = sa->IsInbound() ? c.destination : c.source;
        if (std::find(removed.begin(), removed.end(), mine) != removed.end())
        {
            DeleteSa(sa, "address-change");
        }
    }
    if (m_keyManager)
    {
        m_keyManager->LocalAddressesRemoved(removed);
    }
}

IpsecOsProfile
IpsecDriver::GetOsProfile() const
{
    return m_osProfile;
}

void
IpsecDriver::SetOsProfile(IpsecOsProfile profile)
{
    m_osProfile = profile;
    // Kept resolved: the default exemptions are read for every clear packet.
    m_profileDefaults = GetIpsecOsProfileDefaults(profile);
    UpdateDynamicAddresses();
}

void
IpsecDriver::SetOsProfileValue(int profile)
{
    SetOsProfile(static_cast<IpsecOsProfile>(profile));
}

int
IpsecDriver::GetOsProfileValue() const
{
    return static_cast<int>(m_osProfile);
}

IpsecOsProfileDefaults
IpsecDriver::GetProfileDefaults() const
{
    return m_profileDefaults;
}

void
IpsecDriver::SetDefaultExemptions(int mode)
{
    if (mode != -1)
    {
        IpsecCheckExemptionMode(mode, "DefaultExemptions");
    }
    m_exemptionsOverride = mode;
}

int
IpsecDriver::GetDefaultExemptions() const
{
    return m_exemptionsOverride >= 0 ? m_exemptionsOverride : m_profileDefaults.defaultExemptions;
}

Time
IpsecDriver::GetFallbackDelay() const
{
    return m_fallbackDelayOverride.IsNegative() ? m_profileDefaults.fallbackDelay
                                                : m_fallbackDelayOverride;
}

bool
IpsecDriver::IsFallbackAfterMismatchAllowed() const
{
    return m_profileDefaults.fallbackAfterMismatch;
}

bool
IpsecDriver::IsDh2048Allowed() const
{
    return m_profileDefaults.dh2048Allowed;
}

bool
IpsecDriver::IsAesAllowedInIke() const
{
    return m_profileDefaults.aesAllowedInIke;
}

bool
IpsecDriver::AreDynamicAddressesAllowed() const
{
    return m_profileDefaults.dynamicAddressesAllowed;
}

void
IpsecDriver::SetHostServers(IpsecFilterAddress::Kind kind, const std::vector<Ipv4Address>& servers)
{
    if (!IpsecFilterAddress::Dynamic(kind).IsDynamic())
    {
        throw IpsecConfigError("kind", "not a dynamic address kind");
    }
    m_hostServers[kind] = servers;
    UpdateDynamicAddresses();
}

void
IpsecDriver::SetLeaseServers(IpsecFilterAddress::Kind kind, const std::vector<Ipv4Address>& servers)
{
    if (!IpsecFilterAddress::Dynamic(kind).IsDynamic())
    {
        throw IpsecConfigError("kind", "not a dynamic address kind");
    }
    m_leaseServers[kind] = servers;
    UpdateDynamicAddresses();
}

std::vector<Ipv4Address>
IpsecDriver::GetDynamicAddresses(IpsecFilterAddress::Kind kind) const
{
    if (!AreDynamicAddressesAllowed())
    {
        return {};
    }
    auto manual = m_hostServers.find(kind);
    if (manual != m_hostServers.end() && !manual->second.empty())
    {
        return manual->second;
    }
    auto lease = m_leaseServers.find(kind);
    return lease == m_leaseServers.end() ? std::vector<Ipv4Address>{} : lease->second;
}

void
IpsecDriver::UpdateDynamicAddresses()
{
    // Filters keep their ids and SAs: SAs with a server that is no longer configured end by
    // idle time, as the peer's copies of a roaming node's SAs do.
    for (auto kind : {IpsecFilterAddress::DNS,
                      IpsecFilterAddress::WINS,
                      IpsecFilterAddress::DHCP,
                      IpsecFilterAddress::GATEWAY})
    {
        std::vector<Ipv4Address> addresses = GetDynamicAddresses(kind);
        if (addresses != m_spd.GetAddressesOf(kind))
        {
            m_spd.SetDynamicAddresses(kind, addresses);
            NS_LOG_INFO("node " << (m_node ? m_node->GetId() : 0) << " "
                                << IpsecFilterAddress::Dynamic(kind).ToString() << " -> "
                                << addresses.size() << " address(es)");
            m_dynamicAddressTrace(IpsecFilterAddress::Dynamic(kind).ToString(), addresses);
        }
    }
}

void
IpsecDriver::SetBootMode(IpsecBootMode mode)
{
    m_bootModeOverride = static_cast<int>(mode);
}

void
IpsecDriver::ClearBootModeOverride()
{
    m_bootModeOverride = -1;
}

IpsecBootMode
IpsecDriver::GetBootMode() const
{
    return m_bootModeOverride >= 0 ? static_cast<IpsecBootMode>(m_bootModeOverride)
                                   : m_profileDefaults.bootMode;
}

void
IpsecDriver::SetBootModeValue(int mode)
{
    m_bootModeOverride = mode;
}

int
IpsecDriver::GetBootModeValue() const
{
    return m_bootModeOverride;
}

void
IpsecDriver::SetBootExemptions(const std::string& text)
{
    m_bootFilter.SetExemptions(IpsecParseBootExemptions(text));
}

std::string
IpsecDriver::GetBootExemptions() const
{
    return IpsecBootExemptionsToString(m_bootFilter.GetExemptions());
}

bool
IpsecDriver::IsBootFilterActive() const
{
    return m_safeMode || Simulator::Now() < m_policyApplyTime;
}

bool
IpsecDriver::BootDecides(IpsecDirection direction,
                         const IpsecPacketSelector& selector,
                         Ptr<const Packet> packet,
                         bool& pass)
{
    if (!IsBootFilterActive())
    {
        if (m_bootFilter.GetNFlows() != 0)
        {
            m_bootFilter.ForgetFlows(); // the policy has taken over: start-up state is gone
        }
        return false;
    }
    pass = m_bootFilter.Decide(GetBootMode(), direction, selector);
    if (pass)
    {
        ++m_counters.bootPassed[static_cast<size_t>(direction)];
    }
    else
    {
        Drop(direction, selector, packet, IpsecDropReason::BOOT_BLOCK);
    }
    return true;
}

IpsecDestinationKind
IpsecDriver::ClassifyDestination(Ipv4Address destination) const
{
    if (IpsecIsMulticast(destination))
    {
        return IpsecDestinationKind::MULTICAST;
    }
    if (destination.IsBroadcast())
    {
        return IpsecDestinationKind::BROADCAST;
    }
    // Every clear packet asks: a set, since a server may have hundreds of interfaces.
    return m_subnetBroadcasts.count(destination.Get()) ? IpsecDestinationKind::BROADCAST
                                                        : IpsecDestinationKind::UNICAST;
}

std::vector<Ipv4Address>
IpsecDriver::GroupReceivers(Ipv4Address destination) const
{
    std::vector<Ipv4Address> receivers;
    bool anyInterface = IpsecIsMulticast(destination) || destination.IsBroadcast();
    for (const auto& a : m_interfaceAddresses)
    {
        if (anyInterface || a.GetBroadcast() == destination)
        {
            receivers.push_back(a.GetLocal());
        }
    }
    return receivers;
}

bool
IpsecDriver::Exempt(IpsecDirection direction,
                    const IpsecPacketSelector& selector,
                    IpsecDestinationKind destination,
                    Ptr<const Packet> packet)
{
    auto kind = IpsecClassifyExemption(GetDefaultExemptions(), selector, destination);
    if (!kind)
    {
        return false;
    }
    ++m_counters.exempt[static_cast<size_t>(direction)];
    ++m_counters.exemptByKind[static_cast<size_t>(*kind)];
    m_exemptTrace(packet, selector, direction, *kind);
    return true;
}

Ptr<IpsecSa>
IpsecDriver::AddSa(const IpsecSaConfig& config, bool inbound, uint32_t filterId, Ipv4Address peer)
{
    const IpsecSpdEntry* entry = m_spd.Find(filterId);
    if (!entry || entry->filter.action != IpsecFilterAction::NEGOTIATE)
    {
        throw IpsecConfigError("filter",
                               "SA for filter " + std::to_string(filterId) +
                                   ", which is not a negotiate filter of this node");
    }
    Ptr<IpsecSa> sa = Create<IpsecSa>(config, inbound, Simulator::Now());
    sa->SetFilterId(filterId);
    if (inbound)
    {
        if (!m_sad.AddInbound(sa))
        {
            throw IpsecConfigError("spi",
                                   "an inbound SA with this SPI and destination already exists");
        }
    }
    else
    {
        m_sad.AddOutbound(sa, filterId, peer == Ipv4Address::GetAny() ? config.destination : peer);
    }
    const IpsecLifetime& life = config.lifetime;
    if (!life.softTime.IsZero())
    {
        m_saTimers.Add(*sa, SOFT_TIME, life.softTime);
    }
    if (!life.hardTime.IsZero())
    {
        m_saTimers.Add(*sa, HARD_TIME, life.hardTime);
    }
    NS_LOG_INFO("node " << (m_node ? m_node->GetId() : 0) << " SA installed: " << [&sa]() {
        std::ostringstream os;
        sa->Print(os);
        return os.str();
    }());
    m_saInstalledTrace(sa, "installed");
    return sa;
}

void
IpsecDriver::SoftExpire(Ptr<IpsecSa> sa, const std::string& reason)
{
    if (sa->GetState() != IpsecSaState::MATURE)
    {
        return;
    }
    sa->SetState(IpsecSaState::DYING);
    m_saExpiringTrace(sa, reason);
}

void
IpsecDriver::SaTimeLimit(IpsecTimed& timed, uint8_t kind)
{
    // Only SAs are in m_saTimers; the reference keeps the SA alive while it is deleted.
    Ptr<IpsecSa> sa(static_cast<IpsecSa*>(&timed));
    if (kind == SOFT_TIME)
    {
        SoftExpire(sa, "soft-time");
    }
    else
    {
        DeleteSa(sa, "hard-time");
    }
}

void
IpsecDriver::DeleteSa(Ptr<IpsecSa> sa, const std::string& reason)
{
    if (!m_sad.Remove(sa))
    {
        return;
    }
    m_saTimers.Remove(*sa);
    sa->SetState(IpsecSaState::DEAD);
    if (m_keepDeletedKeys && sa->GetConfig().protocol == IpsecProtocol::ESP)
    {
        m_deletedKeyLog.emplace_back(sa->IsInbound(), EspSaLine(sa->GetConfig()));
    }
    m_saDeletedTrace(sa, reason);
}

const IpsecSad&
IpsecDriver::GetSad() const
{
    return m_sad;
}

void
IpsecDriver::PrintSas(std::ostream& os) const
{
    for (const auto& sa : m_sad.GetAll())
    {
        sa->Print(os);
        os << "\n";
    }
    if (m_sad.GetN() == 0)
    {
        os << "  (no security associations)\n";
    }
}

std::string
IpsecDriver::EspSaLine(const IpsecSaConfig& c)
{
    auto hex = [](const std::vector<uint8_t>& key) {
        std::ostringstream h;
        if (!key.empty())
        {
            h << "0x" << std::hex << std::setfill('0');
            for (uint8_t b : key)
            {
                h << std::setw(2) << unsigned(b);
            }
        }
        return h.str();
    };
    std::ostringstream spi;
    spi << "0x" << std::hex << std::setw(8) << std::setfill('0') << c.spi;
    std::ostringstream os;
    os << "\"IPv4\",\"" << c.source << "\",\"" << c.destination << "\",\"" << spi.str()
       << "\",\"" << GetEncryptionInfo(c.encryption).wiresharkName << "\",\""
       << hex(c.encryptionKey) << "\",\"" << GetIntegrityInfo(c.integrity).wiresharkName
       << "\",\"" << hex(c.integrityKey) << "\"";
    return os.str();
}

void
IpsecDriver::ExportEspSa(std::ostream& os, bool outboundOnly) const
{
    for (const auto& [inbound, line] : m_deletedKeyLog)
    {
        if (!(outboundOnly && inbound))
        {
            os << line << "\n";
        }
    }
    for (const auto& sa : m_sad.GetAll())
    {
        const IpsecSaConfig& c = sa->GetConfig();
        if (c.protocol != IpsecProtocol::ESP || (outboundOnly && sa->IsInbound()))
        {
            continue;
        }
        os << EspSaLine(c) << "\n";
    }
}

IpsecDriver::OutboundDecision
IpsecDriver::DecideOutbound(IpsecDirection direction,
                            const IpsecPacketSelector& selector,
                            Ptr<const Packet> packet)
{
    OutboundDecision decision;
    bool bootPass = false;
    if (BootDecides(direction, selector, packet, bootPass))
    {
        decision.kind = bootPass ? OutboundDecision::PASS : OutboundDecision::DROP;
        return decision;
    }
    IpsecDestinationKind destination = ClassifyDestination(selector.destination);
    if (Exempt(direction, selector, destination, packet))
    {
        return decision;
    }
    const IpsecSpdEntry* entry = m_spd.Lookup(selector);
    size_t dir = static_cast<size_t>(direction);
    if (!entry)
    {
        ++m_counters.permitted[dir];
        m_permitTrace(packet, selector, direction, 0);
        return decision;
    }
    ++entry->matches;
    switch (entry->filter.action)
    {
    case IpsecFilterAction::PERMIT:
        ++m_counters.permitted[dir];
        m_permitTrace(packet, selector, direction, entry->id);
        return decision;
    case IpsecFilterAction::BLOCK:
        Drop(direction, selector, packet, IpsecDropReason::FILTER_BLOCK, entry->id);
        decision.kind = OutboundDecision::DROP;
        return decision;
    case IpsecFilterAction::NEGOTIATE:
        break;
    }
    decision.kind = OutboundDecision::DROP;
    if (destination != IpsecDestinationKind::UNICAST)
    {
        // No SA can serve a group: drop without asking key management (Server 2003).
        Drop(direction, selector, packet, IpsecDropReason::MULTICAST_NEGOTIATE, entry->id);
        return decision;
    }
    Ipv4Address peer = entry->filter.tunnelEndpoint.value_or(selector.destination);
    Ptr<IpsecSa> sa = m_sad.FindOutbound(entry->id, peer);
    if (!sa && m_softSas.Use(entry->id, peer))
    {
        // The peer gave no IKE answer and the filter allows it: clear, through the soft SA.
        ++m_counters.permitted[dir];
        ++m_counters.clearBySoftSa[dir];
        m_permitTrace(packet, selector, direction, entry->id);
        decision.kind = OutboundDecision::PASS;
        return decision;
    }
    if (!sa)
    {
        // A node without an address yet (ns-3's DhcpClient gives the interface 0.0.0.0/0 while
        // it asks for a lease, so packets leave from 0.0.0.0) cannot negotiate: IKE would fail
        // for want of a route and, with fallback allowed, put a soft SA in place that outlives
        // the lease. Windows has no address to send from at all then.
        if (m_keyManager && selector.source != Ipv4Address::GetAny())
        {
            decision.kind = OutboundDecision::NEGOTIATING;
            decision.filterId = entry->id;
            decision.peer = peer;
            return decision;
        }
        Drop(direction, selector, packet, IpsecDropReason::NO_SA, entry->id);
        return decision;
    }
    if (direction == IpsecDirection::FORWARD && sa->GetConfig().mode != IpsecMode::TUNNEL)
    {
        // Transport mode protects only a node's own traffic.
        Drop(direction, selector, packet, IpsecDropReason::POLICY_MISMATCH, entry->id);
        return decision;
    }
    if (!sa->NextSequence(decision.seq))
    {
        SoftExpire(sa, "seq-overflow");
        Drop(direction, selector, packet, IpsecDropReason::SEQ_OVERFLOW, entry->id);
        return decision;
    }
    // Protected bytes: in tunnel mode the whole inner packet, IPv4 header included (the
    // receiver counts the same).
    uint64_t bytes = packet->GetSize() + (sa->GetConfig().mode == IpsecMode::TUNNEL ? 20 : 0);
    switch (sa->Account(bytes, Simulator::Now()))
    {
    case IpsecLimitCrossed::HARD:
        Drop(direction, selector, packet, IpsecDropReason::SA_EXPIRED, entry->id);
        DeleteSa(sa, "hard-bytes");
        return decision;
    case IpsecLimitCrossed::SOFT:
        SoftExpire(sa, "soft-bytes");
        break;
    case IpsecLimitCrossed::NONE:
        break;
    }
    ++m_counters.protectedPackets[static_cast<size_t>(IpsecDirection::OUTBOUND)];
    decision.kind = OutboundDecision::PROTECT;
    decision.sa = sa;
    return decision;
}

bool
IpsecDriver::DecideInboundClear(const IpsecPacketSelector& selector, Ptr<const Packet> packet)
{
    bool bootPass = false;
    if (BootDecides(IpsecDirection::INBOUND, selector, packet, bootPass))
    {
        return bootPass;
    }
    IpsecDestinationKind destination = ClassifyDestination(selector.destination);
    if (Exempt(IpsecDirection::INBOUND, selector, destination, packet))
    {
        return true;
    }
    const IpsecSpdEntry* entry =
        destination == IpsecDestinationKind::UNICAST
            ? m_spd.Lookup(selector)
            : m_spd.LookupGroup(selector, GroupReceivers(selector.destination));
    size_t dir = static_cast<size_t>(IpsecDirection::INBOUND);
    if (!entry)
    {
        ++m_counters.permitted[dir];
        m_permitTrace(packet, selector, IpsecDirection::INBOUND, 0);
        return true;
    }
    ++entry->matches;
    switch (entry->filter.action)
    {
    case IpsecFilterAction::PERMIT:
        ++m_counters.permitted[dir];
        m_permitTrace(packet, selector, IpsecDirection::INBOUND, entry->id);
        return true;
    case IpsecFilterAction::BLOCK:
        Drop(IpsecDirection::INBOUND, selector, packet, IpsecDropReason::FILTER_BLOCK, entry->id);
        return false;
    case IpsecFilterAction::NEGOTIATE:
        if (destination == IpsecDestinationKind::UNICAST)
        {
            Ipv4Address peer = entry->filter.tunnelEndpoint.value_or(selector.source);
            if (m_softSas.Use(entry->id, peer))
            {
                ++m_counters.permitted[dir];
                ++m_counters.clearBySoftSa[dir];
                m_permitTrace(packet, selector, IpsecDirection::INBOUND, entry->id);
                return true;
            }
            if (entry->filter.inboundPassthrough)
            {
                // "Accept unsecured communication, but always respond using IPsec": the reply
                // meets the same filter outbound and needs SAs.
                ++m_counters.permitted[dir];
                ++m_counters.passthrough;
                m_permitTrace(packet, selector, IpsecDirection::INBOUND, entry->id);
                return true;
            }
        }
        Drop(IpsecDirection::INBOUND,
             selector,
             packet,
             destination == IpsecDestinationKind::UNICAST ? IpsecDropReason::UNPROTECTED
                                                          : IpsecDropReason::MULTICAST_NEGOTIATE,
             entry->id);
        return false;
    }
    return false;
}

void
IpsecDriver::AddSoftSa(uint32_t filterId, Ipv4Address peer, Time idleTimeout)
{
    m_softSas.Add(filterId, peer, idleTimeout);
    m_softSaTrace(peer, filterId, "installed");
}

bool
IpsecDriver::HasSoftSa(uint32_t filterId, Ipv4Address peer) const
{
    return m_softSas.Has(filterId, peer);
}

void
IpsecDriver::DeleteSoftSa(uint32_t filterId, Ipv4Address peer, const std::string& reason)
{
    if (m_softSas.Remove(filterId, peer))
    {
        m_softSaTrace(peer, filterId, "deleted: " + reason);
    }
}

size_t
IpsecDriver::GetNSoftSas() const
{
    return m_softSas.GetN();
}

Ptr<IpsecSa>
IpsecDriver::FindInboundSa(IpsecProtocol protocol,
                           uint32_t spi,
                           uint32_t seq,
                           const IpsecPacketSelector& selector,
                           Ptr<const Packet> packet)
{
    Ptr<IpsecSa> sa = m_sad.FindInbound(spi, selector.destination);
    if (!sa || sa->GetConfig().protocol != protocol)
    {
        Drop(IpsecDirection::INBOUND, selector, packet, IpsecDropReason::UNKNOWN_SPI);
        return nullptr;
    }
    if (!sa->ReplayCheck(seq))
    {
        Drop(IpsecDirection::INBOUND, selector, packet, IpsecDropReason::REPLAY, sa->GetFilterId());
        return nullptr;
    }
    return sa;
}

bool
IpsecDriver::AcceptInbound(Ptr<IpsecSa> sa,
                           uint32_t seq,
                           uint64_t protectedBytes,
                           const IpsecPacketSelector& inner,
                           Ptr<const Packet> packet)
{
    // The policy that should have protected the packet must be the one the SA serves.
    const IpsecSpdEntry* entry = m_spd.Lookup(inner);
    if (!entry || entry->id != sa->GetFilterId())
    {
        Drop(IpsecDirection::INBOUND,
             inner,
             packet,
             IpsecDropReason::POLICY_MISMATCH,
             entry ? entry->id : 0);
        return false;
    }
    switch (sa->Account(protectedBytes, Simulator::Now()))
    {
    case IpsecLimitCrossed::HARD:
        Drop(IpsecDirection::INBOUND, inner, packet, IpsecDropReason::SA_EXPIRED, entry->id);
        DeleteSa(sa, "hard-bytes");
        return false;
    case IpsecLimitCrossed::SOFT:
        SoftExpire(sa, "soft-bytes");
        break;
    case IpsecLimitCrossed::NONE:
        break;
    }
    sa->ReplayAccept(seq);
    ++entry->matches;
    ++m_counters.protectedPackets[static_cast<size_t>(IpsecDirection::INBOUND)];
    return true;
}

void
IpsecDriver::Drop(IpsecDirection direction,
                  const IpsecPacketSelector& selector,
                  Ptr<const Packet> packet,
                  IpsecDropReason reason,
                  uint32_t filterId)
{
    NS_LOG_INFO("node " << (m_node ? m_node->GetId() : 0) << " drop " << direction << " "
                        << selector << ": " << reason << " (filter " << filterId << ")");
    ++m_counters.dropped[static_cast<size_t>(direction)];
    ++m_counters.dropsByReason[static_cast<size_t>(reason)];
    m_dropTrace(packet, selector, direction, reason, filterId);
}

IpsecDriver::DecidedScope::DecidedScope(IpsecDriver& driver)
    : m_driver(driver),
      m_previous(driver.m_inboundDecided)
{
    driver.m_inboundDecided = true;
}

IpsecDriver::DecidedScope::~DecidedScope()
{
    m_driver.m_inboundDecided = m_previous;
}

bool
IpsecDriver::IsInboundDecided() const
{
    return m_inboundDecided;
}

} // namespace ns3
