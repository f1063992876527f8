/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ipsec-driver.h"

#include "ipsec-state-printer.h"

#include "ns3/boolean.h"
#include "ns3/double.h"
#include "ns3/enum.h"
#include "ns3/integer.h"
#include "ns3/ipsec-config-error.h"
#include "ns3/ipsec-ipv4-l3-protocol.h"
#include "ns3/ipv4-routing-protocol.h"
#include "ns3/ipv4.h"
#include "ns3/log.h"
#include "ns3/node.h"
#include "ns3/string.h"
#include "ns3/uinteger.h"

#include <iostream>
#include <sstream>
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
                          MakeEnumChecker(IpsecDriver::REAL,
                                          "Real",
                                          IpsecDriver::MODELED,
                                          "Modeled"))
            .AddAttribute("KeepDeletedKeys",
                          "Remember the keys of deleted ESP SAs, so that ExportEspSa also "
                          "lists them (Wireshark needs them for traffic of SAs gone since); "
                          "at most MaxDeletedKeys of them.",
                          BooleanValue(true),
                          MakeBooleanAccessor(&IpsecDriver::SetKeepDeletedKeys,
                                              &IpsecDriver::GetKeepDeletedKeys),
                          MakeBooleanChecker())
            .AddAttribute("MaxDeletedKeys",
                          "Deleted ESP SAs whose keys are remembered (KeepDeletedKeys) at most: "
                          "beyond it the oldest are forgotten, so that memory follows the live "
                          "SAs in long runs.",
                          UintegerValue(1024),
                          MakeUintegerAccessor(&IpsecDriver::SetMaxDeletedKeys,
                                               &IpsecDriver::GetMaxDeletedKeys),
                          MakeUintegerChecker<uint32_t>())
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
                          MakeUintegerAccessor(&IpsecDriver::SetQueueLength,
                                               &IpsecDriver::GetQueueLength),
                          MakeUintegerChecker<uint32_t>())
            .AddAttribute("ProcessingFixedDelay",
                          "Processing delay model: fixed cost per protected or unprotected "
                          "packet (0 = no delay model).",
                          TimeValue(Seconds(0)),
                          MakeTimeAccessor(&IpsecDriver::SetFixedDelay,
                                           &IpsecDriver::GetFixedDelay),
                          MakeTimeChecker(Seconds(0)))
            .AddAttribute("DesNsPerByte",
                          "Processing delay model: DES-CBC cost in ns per byte.",
                          DoubleValue(0),
                          MakeDoubleAccessor(
                              &IpsecDriver::SetCipherCost<IpsecEncryption::DES_CBC>,
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
                          MakeDoubleAccessor(
                              &IpsecDriver::SetCipherCost<IpsecEncryption::AES_CBC_128>,
                              &IpsecDriver::GetCipherCost<IpsecEncryption::AES_CBC_128>),
                          MakeDoubleChecker<double>(0))
            .AddAttribute("AesGcmNsPerByte",
                          "Processing delay model: AES-GCM (128 and 256) cost in ns per byte.",
                          DoubleValue(0),
                          MakeDoubleAccessor(
                              &IpsecDriver::SetCipherCost<IpsecEncryption::AES_GCM_128>,
                              &IpsecDriver::GetCipherCost<IpsecEncryption::AES_GCM_128>),
                          MakeDoubleChecker<double>(0))
            .AddAttribute("Md5NsPerByte",
                          "Processing delay model: HMAC-MD5 cost in ns per byte.",
                          DoubleValue(0),
                          MakeDoubleAccessor(
                              &IpsecDriver::SetAuthCost<IpsecIntegrity::HMAC_MD5_96>,
                              &IpsecDriver::GetAuthCost<IpsecIntegrity::HMAC_MD5_96>),
                          MakeDoubleChecker<double>(0))
            .AddAttribute("Sha1NsPerByte",
                          "Processing delay model: HMAC-SHA1 cost in ns per byte.",
                          DoubleValue(0),
                          MakeDoubleAccessor(
                              &IpsecDriver::SetAuthCost<IpsecIntegrity::HMAC_SHA1_96>,
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
                          MakeIntegerAccessor(&IpsecDriver::SetExemptionsValue,
                                              &IpsecDriver::GetExemptionsValue),
                          MakeIntegerChecker<int>(-1, IPSEC_EXEMPTION_MODE_MAX))
            .AddAttribute("FallbackDelay",
                          "How long IKE stays silent before falling back to clear; negative "
                          "= the OS profile's value (3 s, 500 ms for win2003sp2).",
                          TimeValue(Seconds(-1)),
                          MakeTimeAccessor(&IpsecDriver::SetFallbackDelayValue,
                                           &IpsecDriver::GetFallbackDelayValue),
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
                          MakeTimeAccessor(&IpsecDriver::SetPolicyApplyTime,
                                           &IpsecDriver::GetPolicyApplyTime),
                          MakeTimeChecker(Seconds(0)))
            .AddAttribute("SafeMode",
                          "Safe Mode with Networking: the IPsec service never starts, so only "
                          "the start-up mode acts, for the whole simulation.",
                          BooleanValue(false),
                          MakeBooleanAccessor(&IpsecDriver::SetSafeMode, &IpsecDriver::GetSafeMode),
                          MakeBooleanChecker())
            .AddAttribute("NatKeepaliveInterval",
                          "Period of the NAT-keepalives (RFC 3948 2.3: UDP, one byte 0xFF) "
                          "sent on each path of an outbound UDP-encapsulated SA while one "
                          "lives; zero: none. 20 s as Windows XP SP2 / Server 2003.",
                          TimeValue(Seconds(20)),
                          MakeTimeAccessor(&IpsecDriver::SetNatKeepaliveInterval,
                                           &IpsecDriver::GetNatKeepaliveInterval),
                          MakeTimeChecker(Seconds(0)))
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
                            "ns3::IpsecDriver::SaTracedCallback")
            .AddTraceSource("ConfigWarning",
                            "A configuration the OS profile does not support was dropped "
                            "(also logged with NS_LOG_WARN).",
                            MakeTraceSourceAccessor(&IpsecDriver::m_configWarningTrace),
                            "ns3::IpsecDriver::ConfigWarningTracedCallback")
            .AddTraceSource("SaTraffic",
                            "A packet was protected (outbound) or accepted after decryption "
                            "(inbound) under an SA: its clear and wire sizes.",
                            MakeTraceSourceAccessor(&IpsecDriver::m_saTrafficTrace),
                            "ns3::IpsecDriver::SaTrafficTracedCallback");
    return tid;
}

IpsecDriver::IpsecDriver()
    : m_policy(m_spd, m_osConfig, m_bootFilter, m_host, m_sas)
{
    NS_LOG_FUNCTION(this);
    m_sas.SetEventCallbacks(MakeCallback(&IpsecDriver::NotifySaExpiring, this),
                            MakeCallback(&IpsecDriver::NotifySaDeleted, this),
                            MakeCallback(&IpsecDriver::NotifySoftSa, this));
    m_natKeepalive.SetSender([this](Ipv4Address source,
                                    uint16_t sourcePort,
                                    Ipv4Address destination,
                                    uint16_t destinationPort) {
        SendNatKeepalive(source, sourcePort, destination, destinationPort);
    });
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
IpsecDriver::DoDispose()
{
    m_natKeepalive.Clear();
    m_sas.Clear();
    m_spd.Clear();
    m_node = nullptr;
    m_ipv4 = nullptr;
    Object::DoDispose();
}

// Attribute accessors: each setting lives in the part it belongs to.

void
IpsecDriver::SetOsProfileValue(int profile)
{
    SetOsProfile(static_cast<IpsecOsProfile>(profile));
}

int
IpsecDriver::GetOsProfileValue() const
{
    return static_cast<int>(m_osConfig.GetProfile());
}

void
IpsecDriver::SetExemptionsValue(int mode)
{
    m_osConfig.SetExemptionsOverride(mode);
}

int
IpsecDriver::GetExemptionsValue() const
{
    return m_osConfig.GetExemptionsOverride();
}

void
IpsecDriver::SetFallbackDelayValue(Time delay)
{
    m_osConfig.SetFallbackDelayOverride(delay);
}

Time
IpsecDriver::GetFallbackDelayValue() const
{
    return m_osConfig.GetFallbackDelayOverride();
}

void
IpsecDriver::SetBootModeValue(int mode)
{
    m_osConfig.SetBootModeOverride(mode);
}

int
IpsecDriver::GetBootModeValue() const
{
    return m_osConfig.GetBootModeOverride();
}

void
IpsecDriver::SetPolicyApplyTime(Time when)
{
    NS_LOG_FUNCTION(this << when);
    m_bootFilter.SetPolicyApplyTime(when);
}

Time
IpsecDriver::GetPolicyApplyTime() const
{
    return m_bootFilter.GetPolicyApplyTime();
}

void
IpsecDriver::SetSafeMode(bool safeMode)
{
    NS_LOG_FUNCTION(this << safeMode);
    m_bootFilter.SetSafeMode(safeMode);
}

bool
IpsecDriver::GetSafeMode() const
{
    return m_bootFilter.GetSafeMode();
}

void
IpsecDriver::SetQueueLength(uint32_t length)
{
    NS_LOG_FUNCTION(this << length);
    m_sas.SetHoldCapacity(length);
}

uint32_t
IpsecDriver::GetQueueLength() const
{
    return m_sas.GetHoldCapacity();
}

void
IpsecDriver::SetKeepDeletedKeys(bool keep)
{
    m_espSaExport.SetKeepDeletedKeys(keep);
}

bool
IpsecDriver::GetKeepDeletedKeys() const
{
    return m_espSaExport.GetKeepDeletedKeys();
}

void
IpsecDriver::SetMaxDeletedKeys(uint32_t limit)
{
    m_espSaExport.SetDeletedKeysLimit(limit);
}

uint32_t
IpsecDriver::GetMaxDeletedKeys() const
{
    return m_espSaExport.GetDeletedKeysLimit();
}

void
IpsecDriver::SetFixedDelay(Time delay)
{
    m_cryptoDelay.SetFixedDelay(delay);
}

Time
IpsecDriver::GetFixedDelay() const
{
    return m_cryptoDelay.GetFixedDelay();
}

// Policy.

uint32_t
IpsecDriver::AddFilter(const IpsecFilter& filter)
{
    NS_LOG_FUNCTION(this << filter);
    for (auto [end, field] : {std::make_pair(&filter.source, "srcaddr"),
                              std::make_pair(&filter.destination, "dstaddr")})
    {
        if (end->IsDynamic() && !AreDynamicAddressesAllowed())
        {
            // As the older consoles do: the Server 2003 setting is dropped (the filter is not
            // applied); unlike them, say so (log, trace, count, and PrintPolicy).
            std::string warning = std::string(field) + "=" + end->ToString() +
                                  ": dynamic addresses need Windows Server 2003 (profile "
                                  "win2003 or win2003sp2), not " +
                                  IpsecOsProfileToString(m_osConfig.GetProfile()) +
                                  ": filter dropped";
            NS_LOG_WARN("node " << (m_node ? m_node->GetId() : 0) << ": " << warning);
            m_configWarningTrace(warning);
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
IpsecDriver::AddFilter(const std::string& text)
{
    NS_LOG_FUNCTION(this << text);
    return AddFilter(IpsecFilter::Parse(text, [this](const std::string& name) {
        return m_host.Resolve(name);
    }));
}

uint32_t
IpsecDriver::GetNDroppedFilters() const
{
    return m_droppedFilters;
}

void
IpsecDriver::SetHostAddress(const std::string& name, Ipv4Address address)
{
    NS_LOG_FUNCTION(this << name << address);
    m_host.SetHostAddress(name, address);
}

bool
IpsecDriver::RemoveFilter(uint32_t id)
{
    NS_LOG_FUNCTION(this << id);
    if (!m_spd.Find(id))
    {
        return false;
    }
    // Every SA tied to the filter goes with it.
    m_sas.DeleteFilterSas(id);
    m_sas.DeleteFilterSoftSas(id);
    return m_spd.Remove(id);
}

uint32_t
IpsecDriver::SetFilterAction(uint32_t id, IpsecFilterAction action)
{
    NS_LOG_FUNCTION(this << id << IpsecFilterActionToString(action));
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
    IpsecStatePrinter::PrintFilters(os, m_spd);
}

// Windows version, default exemptions, start-up filtering.

IpsecOsProfile
IpsecDriver::GetOsProfile() const
{
    return m_osConfig.GetProfile();
}

void
IpsecDriver::SetOsProfile(IpsecOsProfile profile)
{
    NS_LOG_FUNCTION(this << profile);
    m_osConfig.SetProfile(profile);
    UpdateDynamicAddresses();
}

IpsecOsProfileDefaults
IpsecDriver::GetProfileDefaults() const
{
    return m_osConfig.GetDefaults();
}

void
IpsecDriver::SetDefaultExemptions(int mode)
{
    NS_LOG_FUNCTION(this << mode);
    m_osConfig.SetDefaultExemptions(mode);
}

int
IpsecDriver::GetDefaultExemptions() const
{
    return m_osConfig.GetDefaultExemptions();
}

Time
IpsecDriver::GetFallbackDelay() const
{
    return m_osConfig.GetFallbackDelay();
}

bool
IpsecDriver::IsFallbackAfterMismatchAllowed() const
{
    return m_osConfig.IsFallbackAfterMismatchAllowed();
}

bool
IpsecDriver::IsDh2048Allowed() const
{
    return m_osConfig.IsDh2048Allowed();
}

bool
IpsecDriver::IsAesAllowedInIke() const
{
    return m_osConfig.IsAesAllowedInIke();
}

bool
IpsecDriver::AreDynamicAddressesAllowed() const
{
    return m_osConfig.AreDynamicAddressesAllowed();
}

void
IpsecDriver::SetBootMode(IpsecBootMode mode)
{
    NS_LOG_FUNCTION(this << IpsecBootModeToString(mode));
    m_osConfig.SetBootMode(mode);
}

void
IpsecDriver::ClearBootModeOverride()
{
    NS_LOG_FUNCTION(this);
    m_osConfig.ClearBootModeOverride();
}

IpsecBootMode
IpsecDriver::GetBootMode() const
{
    return m_osConfig.GetBootMode();
}

void
IpsecDriver::SetBootExemptions(const std::string& text)
{
    NS_LOG_FUNCTION(this << text);
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
    return m_bootFilter.IsActive();
}

// The host's addresses.

void
IpsecDriver::SetHostServers(IpsecFilterAddress::Kind kind, const std::vector<Ipv4Address>& servers)
{
    NS_LOG_FUNCTION(this << IpsecFilterAddress::Dynamic(kind).ToString() << servers.size());
    m_host.SetHostServers(kind, servers);
    UpdateDynamicAddresses();
}

void
IpsecDriver::SetLeaseServers(IpsecFilterAddress::Kind kind, const std::vector<Ipv4Address>& servers)
{
    NS_LOG_FUNCTION(this << IpsecFilterAddress::Dynamic(kind).ToString() << servers.size());
    m_host.SetLeaseServers(kind, servers);
    UpdateDynamicAddresses();
}

std::vector<Ipv4Address>
IpsecDriver::GetDynamicAddresses(IpsecFilterAddress::Kind kind) const
{
    if (!AreDynamicAddressesAllowed())
    {
        return {};
    }
    return m_host.GetServers(kind);
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
IpsecDriver::UpdateLocalAddresses()
{
    Ptr<Ipv4> ipv4 = m_node ? m_node->GetObject<Ipv4>() : nullptr;
    if (!ipv4)
    {
        return;
    }
    std::vector<Ipv4Address> addresses = m_host.ReadInterfaces(ipv4);
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
    if (!removed.empty())
    {
        m_sas.LocalAddressesRemoved(removed);
    }
}

// Security associations.

Ptr<IpsecSa>
IpsecDriver::AddSa(const IpsecSaConfig& config, bool inbound, uint32_t filterId, Ipv4Address peer)
{
    NS_LOG_FUNCTION(this << config.spi << inbound << filterId << peer);
    const IpsecSpdEntry* entry = m_spd.Find(filterId);
    if (!entry || entry->filter.action != IpsecFilterAction::NEGOTIATE)
    {
        throw IpsecConfigError("filter",
                               "SA for filter " + std::to_string(filterId) +
                                   ", which is not a negotiate filter of this node");
    }
    Ptr<IpsecSa> sa = m_sas.Install(config, inbound, filterId, peer);
    NS_LOG_INFO("node " << (m_node ? m_node->GetId() : 0) << " SA installed: " << [&sa]() {
        std::ostringstream os;
        sa->Print(os);
        return os.str();
    }());
    m_saInstalledTrace(sa, "installed");
    m_natKeepalive.Track(sa);
    return sa;
}

void
IpsecDriver::SetNatKeepaliveInterval(Time interval)
{
    m_natKeepalive.SetInterval(interval);
}

Time
IpsecDriver::GetNatKeepaliveInterval() const
{
    return m_natKeepalive.GetInterval();
}

void
IpsecDriver::SendNatKeepalive(Ipv4Address source,
                              uint16_t sourcePort,
                              Ipv4Address destination,
                              uint16_t destinationPort)
{
    Ptr<IpsecIpv4L3Protocol> ipv4 = m_node ? m_node->GetObject<IpsecIpv4L3Protocol>() : nullptr;
    if (ipv4 && ipv4->SendNatKeepalive(source, sourcePort, destination, destinationPort))
    {
        ++m_counters.natKeepalivesSent;
    }
}

void
IpsecDriver::NotifyNatKeepaliveReceived()
{
    ++m_counters.natKeepalivesReceived;
}

size_t
IpsecDriver::GetNNatKeepalivePaths() const
{
    return m_natKeepalive.GetNPaths();
}

void
IpsecDriver::DeleteSa(Ptr<IpsecSa> sa, IpsecSaDeleteReason reason)
{
    NS_LOG_FUNCTION(this << sa->GetSpi() << reason);
    m_sas.DeleteSa(sa, reason);
}

void
IpsecDriver::NotifySaExpiring(Ptr<IpsecSa> sa, IpsecSaExpiringReason reason)
{
    if (Ptr<IpsecKeyManager> keyManager = m_sas.GetKeyManager())
    {
        keyManager->SaExpiring(sa, reason);
    }
    m_saExpiringTrace(sa, IpsecSaExpiringReasonToString(reason));
}

void
IpsecDriver::NotifySaDeleted(Ptr<IpsecSa> sa, IpsecSaDeleteReason reason)
{
    // The key log line first: key management may delete the partner SA from here.
    m_espSaExport.SaDeleted(*sa);
    if (Ptr<IpsecKeyManager> keyManager = m_sas.GetKeyManager())
    {
        keyManager->SaDeleted(sa, reason);
    }
    m_saDeletedTrace(sa, IpsecSaDeleteReasonToString(reason));
}

const IpsecSad&
IpsecDriver::GetSad() const
{
    return m_sas.GetSad();
}

void
IpsecDriver::PrintSas(std::ostream& os) const
{
    IpsecStatePrinter::PrintSas(os, m_sas.GetSad());
}

void
IpsecDriver::ExportEspSa(std::ostream& os, bool outboundOnly) const
{
    m_espSaExport.Write(os, m_sas.GetSad(), outboundOnly);
}

const IpsecDriverCounters&
IpsecDriver::GetCounters() const
{
    return m_counters;
}

// Soft SAs, key management, held packets.

void
IpsecDriver::AddSoftSa(uint32_t filterId, Ipv4Address peer, Time idleTimeout, Ipv4Address local)
{
    NS_LOG_FUNCTION(this << filterId << peer << idleTimeout << local);
    Ptr<Ipv4> ipv4 = m_node ? m_node->GetObject<Ipv4>() : nullptr;
    if (local == Ipv4Address::GetAny() && ipv4 && ipv4->GetRoutingProtocol())
    {
        // The address the traffic to the peer leaves from now: the soft SA ends with it.
        Ipv4Header header;
        header.SetDestination(peer);
        Socket::SocketErrno error;
        Ptr<Ipv4Route> route =
            ipv4->GetRoutingProtocol()->RouteOutput(Create<Packet>(), header, nullptr, error);
        local = route ? route->GetSource() : Ipv4Address::GetAny();
    }
    m_sas.AddSoftSa(filterId, peer, idleTimeout, local);
}

bool
IpsecDriver::HasSoftSa(uint32_t filterId, Ipv4Address peer) const
{
    return m_sas.HasSoftSa(filterId, peer);
}

void
IpsecDriver::DeleteSoftSa(uint32_t filterId, Ipv4Address peer, IpsecSoftSaEndReason reason)
{
    NS_LOG_FUNCTION(this << filterId << peer << reason);
    m_sas.DeleteSoftSa(filterId, peer, reason);
}

size_t
IpsecDriver::GetNSoftSas() const
{
    return m_sas.GetNSoftSas();
}

void
IpsecDriver::NotifySoftSa(Ipv4Address peer, uint32_t filterId, const std::string& event)
{
    m_softSaTrace(peer, filterId, event);
}

void
IpsecDriver::SetKeyManager(Ptr<IpsecKeyManager> keyManager)
{
    NS_LOG_FUNCTION(this << keyManager);
    m_sas.SetKeyManager(keyManager);
}

Ptr<IpsecKeyManager>
IpsecDriver::GetKeyManager() const
{
    return m_sas.GetKeyManager();
}

void
IpsecDriver::Hold(const OutboundDecision& decision,
                  IpsecDirection direction,
                  const IpsecPacketSelector& selector,
                  Ptr<const Packet> packet,
                  IpsecNegotiationQueue::Resend resend)
{
    bool first = !m_sas.IsHolding(decision.filterId, decision.peer);
    if (!m_sas.Hold(decision.filterId,
                    decision.peer,
                    {std::move(resend), direction, selector, packet}))
    {
        Drop(direction,
             selector,
             packet,
             IpsecDropReason::NEGOTIATION_QUEUE_FULL,
             decision.filterId);
    }
    if (first)
    {
        m_sas.Acquire(decision.filterId, decision.peer, selector);
    }
}

void
IpsecDriver::ReleaseHeld(uint32_t filterId, Ipv4Address peer)
{
    NS_LOG_FUNCTION(this << filterId << peer);
    for (auto& held : m_sas.TakeHeld(filterId, peer))
    {
        held.resend();
    }
}

uint32_t
IpsecDriver::DropHeld(uint32_t filterId, Ipv4Address peer)
{
    NS_LOG_FUNCTION(this << filterId << peer);
    auto taken = m_sas.TakeHeld(filterId, peer);
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
    return m_sas.GetNHeld();
}

// Decisions: the policy decides, the driver counts and traces in the order of the steps.

void
IpsecDriver::CountPass(const IpsecPolicyVerdict& verdict,
                       IpsecDirection direction,
                       const IpsecPacketSelector& selector,
                       const Ptr<const Packet>& packet)
{
    size_t dir = static_cast<size_t>(direction);
    switch (verdict.kind)
    {
    case IpsecPolicyVerdict::BOOT_PASS:
        if (verdict.rememberFlow)
        {
            m_bootFilter.Remember(selector);
        }
        ++m_counters.bootPassed[dir];
        return;
    case IpsecPolicyVerdict::EXEMPT:
        ++m_counters.exempt[dir];
        ++m_counters.exemptByKind[static_cast<size_t>(verdict.exemption)];
        m_exemptTrace(packet, selector, direction, verdict.exemption);
        return;
    case IpsecPolicyVerdict::CLEAR_BY_SOFT_SA:
        m_sas.UseSoftSa(verdict.entry->id, verdict.peer);
        ++m_counters.permitted[dir];
        ++m_counters.clearBySoftSa[dir];
        break;
    case IpsecPolicyVerdict::PASSTHROUGH:
        ++m_counters.permitted[dir];
        ++m_counters.passthrough;
        break;
    default: // PERMIT
        ++m_counters.permitted[dir];
        break;
    }
    m_permitTrace(packet, selector, direction, verdict.FilterId());
}

IpsecDriver::OutboundDecision
IpsecDriver::DecideOutbound(IpsecDirection direction,
                            const IpsecPacketSelector& selector,
                            Ptr<const Packet> packet)
{
    IpsecPolicyVerdict verdict = m_policy.DecideOutbound(direction, selector);
    ForgetBootFlows(verdict);
    if (verdict.entry)
    {
        ++verdict.entry->matches;
    }
    OutboundDecision decision;
    IpsecDropReason reason;
    switch (verdict.kind)
    {
    case IpsecPolicyVerdict::PROTECT:
        decision.kind = OutboundDecision::PROTECT;
        decision.sa = std::move(verdict.sa);
        decision.filterId = verdict.entry->id;
        return decision;
    case IpsecPolicyVerdict::BOOT_PASS:
    case IpsecPolicyVerdict::EXEMPT:
    case IpsecPolicyVerdict::PERMIT:
    case IpsecPolicyVerdict::CLEAR_BY_SOFT_SA:
        CountPass(verdict, direction, selector, packet);
        return decision;
    case IpsecPolicyVerdict::NEGOTIATE:
        decision.kind = OutboundDecision::NEGOTIATING;
        decision.filterId = verdict.entry->id;
        decision.peer = verdict.peer;
        return decision;
    case IpsecPolicyVerdict::BOOT_BLOCK:
        reason = IpsecDropReason::BOOT_BLOCK;
        break;
    case IpsecPolicyVerdict::BLOCK:
        reason = IpsecDropReason::FILTER_BLOCK;
        break;
    case IpsecPolicyVerdict::GROUP_NEGOTIATE:
        reason = IpsecDropReason::MULTICAST_NEGOTIATE;
        break;
    case IpsecPolicyVerdict::TRANSPORT_FORWARDED:
        reason = IpsecDropReason::POLICY_MISMATCH;
        break;
    default: // NO_SA (PASSTHROUGH and UNPROTECTED are inbound verdicts)
        reason = IpsecDropReason::NO_SA;
        break;
    }
    Drop(direction, selector, packet, reason, verdict.FilterId());
    decision.kind = OutboundDecision::DROP;
    return decision;
}

bool
IpsecDriver::SpendOutbound(OutboundDecision& decision,
                           IpsecDirection direction,
                           const IpsecPacketSelector& selector,
                           Ptr<const Packet> packet)
{
    // Protected bytes: in tunnel mode the whole inner packet, IPv4 header included (the
    // receiver counts the same).
    uint64_t bytes =
        packet->GetSize() + (decision.sa->GetConfig().mode == IpsecMode::TUNNEL ? 20 : 0);
    switch (m_sas.SpendOutbound(decision.sa, bytes, decision.seq))
    {
    case IpsecSaManager::SPENT:
        ++m_counters.protectedPackets[static_cast<size_t>(IpsecDirection::OUTBOUND)];
        return true;
    case IpsecSaManager::SEQ_OVERFLOW:
        Drop(direction, selector, packet, IpsecDropReason::SEQ_OVERFLOW, decision.filterId);
        return false;
    case IpsecSaManager::HARD_LIMIT:
        Drop(direction, selector, packet, IpsecDropReason::SA_EXPIRED, decision.filterId);
        m_sas.DeleteSa(decision.sa, IpsecSaDeleteReason::HARD_BYTES);
        return false;
    }
    return false;
}

bool
IpsecDriver::DecideInboundClear(const IpsecPacketSelector& selector, Ptr<const Packet> packet)
{
    IpsecPolicyVerdict verdict = m_policy.DecideInboundClear(selector);
    ForgetBootFlows(verdict);
    if (verdict.entry)
    {
        ++verdict.entry->matches;
    }
    IpsecDropReason reason;
    switch (verdict.kind)
    {
    case IpsecPolicyVerdict::BOOT_PASS:
    case IpsecPolicyVerdict::EXEMPT:
    case IpsecPolicyVerdict::PERMIT:
    case IpsecPolicyVerdict::CLEAR_BY_SOFT_SA:
    case IpsecPolicyVerdict::PASSTHROUGH:
        CountPass(verdict, IpsecDirection::INBOUND, selector, packet);
        return true;
    case IpsecPolicyVerdict::BOOT_BLOCK:
        reason = IpsecDropReason::BOOT_BLOCK;
        break;
    case IpsecPolicyVerdict::BLOCK:
        reason = IpsecDropReason::FILTER_BLOCK;
        break;
    case IpsecPolicyVerdict::GROUP_NEGOTIATE:
        reason = IpsecDropReason::MULTICAST_NEGOTIATE;
        break;
    default: // UNPROTECTED
        reason = IpsecDropReason::UNPROTECTED;
        break;
    }
    Drop(IpsecDirection::INBOUND, selector, packet, reason, verdict.FilterId());
    return false;
}

Ptr<IpsecSa>
IpsecDriver::FindInboundSa(IpsecProtocol protocol,
                           uint32_t spi,
                           uint32_t seq,
                           const IpsecPacketSelector& selector,
                           Ptr<const Packet> packet)
{
    Ptr<IpsecSa> sa = m_sas.GetSad().FindInbound(spi, selector.destination);
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
    const IpsecSpdEntry* entry = nullptr;
    if (!m_policy.AllowsDecrypted(sa->GetFilterId(), inner, entry))
    {
        Drop(IpsecDirection::INBOUND,
             inner,
             packet,
             IpsecDropReason::POLICY_MISMATCH,
             entry ? entry->id : 0);
        return false;
    }
    if (m_sas.SpendInbound(sa, seq, protectedBytes) == IpsecSaManager::HARD_LIMIT)
    {
        Drop(IpsecDirection::INBOUND, inner, packet, IpsecDropReason::SA_EXPIRED, entry->id);
        m_sas.DeleteSa(sa, IpsecSaDeleteReason::HARD_BYTES);
        return false;
    }
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
    // IPv4's own Drop trace too, so that its observers (FlowMonitor) count IPsec drops.
    if (!m_ipv4 && m_node)
    {
        m_ipv4 = m_node->GetObject<IpsecIpv4L3Protocol>();
    }
    if (m_ipv4)
    {
        m_ipv4->NotifyIpsecDrop(direction, selector, packet, reason);
    }
}

void
IpsecDriver::NotifySaTraffic(const Ptr<IpsecSa>& sa,
                             IpsecDirection direction,
                             uint32_t clearBytes,
                             uint32_t wireBytes)
{
    m_saTrafficTrace(sa, direction, clearBytes, wireBytes);
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

} // namespace ns3
