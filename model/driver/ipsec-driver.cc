/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ipsec-driver.h"

#include "ns3/double.h"
#include "ns3/enum.h"
#include "ns3/ipsec-config-error.h"
#include "ns3/ipv4.h"
#include "ns3/log.h"
#include "ns3/loopback-net-device.h"
#include "ns3/node.h"
#include "ns3/simulator.h"

#include <iomanip>

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
            .AddTraceSource("Permit",
                            "A packet passed the IPsec policy in the clear.",
                            MakeTraceSourceAccessor(&IpsecDriver::m_permitTrace),
                            "ns3::IpsecDriver::PermitTracedCallback")
            .AddTraceSource("Drop",
                            "The IPsec layer dropped a packet (with the reason).",
                            MakeTraceSourceAccessor(&IpsecDriver::m_dropTrace),
                            "ns3::IpsecDriver::DropTracedCallback")
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
{
    NS_LOG_FUNCTION(this);
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
    for (auto& [sa, timers] : m_saTimers)
    {
        timers.first.Cancel();
        timers.second.Cancel();
    }
    m_saTimers.clear();
    m_sad.Clear();
    m_spd.Clear();
    m_node = nullptr;
    Object::DoDispose();
}

uint32_t
IpsecDriver::AddFilter(const IpsecFilter& filter)
{
    UpdateLocalAddresses();
    uint32_t id = m_spd.Add(filter);
    NS_LOG_INFO("node " << (m_node ? m_node->GetId() : 0) << " filter " << id << ": " << filter);
    return id;
}

uint32_t
IpsecDriver::AddFilter(const std::string& text)
{
    return AddFilter(IpsecFilter::Parse(text));
}

bool
IpsecDriver::RemoveFilter(uint32_t id)
{
    return m_spd.Remove(id);
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
    for (uint32_t i = 0; i < ipv4->GetNInterfaces(); ++i)
    {
        if (DynamicCast<LoopbackNetDevice>(ipv4->GetNetDevice(i)))
        {
            continue; // "My IP address" means the configured interfaces, not loopback
        }
        for (uint32_t j = 0; j < ipv4->GetNAddresses(i); ++j)
        {
            addresses.push_back(ipv4->GetAddress(i, j).GetLocal());
        }
    }
    m_spd.SetLocalAddresses(addresses);
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
    // Only SAs with time limits get an entry: most have none, and an entry is ~100 bytes.
    if (!life.softTime.IsZero() || !life.hardTime.IsZero())
    {
        auto& timers = m_saTimers[PeekPointer(sa)];
        if (!life.softTime.IsZero())
        {
            timers.first = Simulator::Schedule(life.softTime,
                                               &IpsecDriver::SoftExpire,
                                               this,
                                               sa,
                                               std::string("soft-time"));
        }
        if (!life.hardTime.IsZero())
        {
            timers.second = Simulator::Schedule(life.hardTime,
                                                &IpsecDriver::DeleteSa,
                                                this,
                                                sa,
                                                std::string("hard-time"));
        }
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
IpsecDriver::DeleteSa(Ptr<IpsecSa> sa, const std::string& reason)
{
    if (!m_sad.Remove(sa))
    {
        return;
    }
    auto timers = m_saTimers.find(PeekPointer(sa));
    if (timers != m_saTimers.end())
    {
        timers->second.first.Cancel();
        timers->second.second.Cancel();
        m_saTimers.erase(timers);
    }
    sa->SetState(IpsecSaState::DEAD);
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

void
IpsecDriver::ExportEspSa(std::ostream& os, bool outboundOnly) const
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
    for (const auto& sa : m_sad.GetAll())
    {
        const IpsecSaConfig& c = sa->GetConfig();
        if (c.protocol != IpsecProtocol::ESP || (outboundOnly && sa->IsInbound()))
        {
            continue;
        }
        std::ostringstream spi;
        spi << "0x" << std::hex << std::setw(8) << std::setfill('0') << c.spi;
        os << "\"IPv4\",\"" << c.source << "\",\"" << c.destination << "\",\"" << spi.str()
           << "\",\"" << GetEncryptionInfo(c.encryption).wiresharkName << "\",\""
           << hex(c.encryptionKey) << "\",\"" << GetIntegrityInfo(c.integrity).wiresharkName
           << "\",\"" << hex(c.integrityKey) << "\"\n";
    }
}

IpsecDriver::OutboundDecision
IpsecDriver::DecideOutbound(IpsecDirection direction,
                            const IpsecPacketSelector& selector,
                            Ptr<const Packet> packet)
{
    OutboundDecision decision;
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
    Ipv4Address peer = entry->filter.tunnelEndpoint.value_or(selector.destination);
    Ptr<IpsecSa> sa = m_sad.FindOutbound(entry->id, peer);
    if (!sa)
    {
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
    const IpsecSpdEntry* entry = m_spd.Lookup(selector);
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
        Drop(IpsecDirection::INBOUND, selector, packet, IpsecDropReason::UNPROTECTED, entry->id);
        return false;
    }
    return false;
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
