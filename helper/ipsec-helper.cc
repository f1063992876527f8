/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ipsec-helper.h"

#include "ns3/arp-l3-protocol.h"
#include "ns3/icmpv4-l4-protocol.h"
#include "ns3/ipsec-forwarding-guard.h"
#include "ns3/ipsec-inbound-protocol.h"
#include "ns3/ipsec-netsh-dynamic-show.h"
#include "ns3/ipsec-netsh-node-store.h"
#include "ns3/ipsec-netsh-policy-mapper.h"
#include "ns3/ipsec-netsh-static-show.h"
#include "ns3/ipsec-state-printer.h"
#include "ns3/ipsec-ipv4-l3-protocol.h"
#include "ns3/ipsec-traffic-control-layer.h"
#include "ns3/ipv4-global-routing-helper.h"
#include "ns3/ipv4-list-routing-helper.h"
#include "ns3/ipv4-list-routing.h"
#include "ns3/ipv4-static-routing-helper.h"
#include "ns3/boolean.h"
#include "ns3/enum.h"
#include "ns3/internet-stack-helper.h"
#include "ns3/ipsec-config-error.h"
#include "ns3/kerberos-kdc.h"
#include "ns3/log.h"
#include "ns3/string.h"
#include "ns3/packet-socket-factory.h"
#include "ns3/tcp-l4-protocol.h"
#include "ns3/udp-l4-protocol.h"

#include <fstream>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("IpsecHelper");

IpsecHelper::IpsecHelper()
{
    // The same default as InternetStackHelper: static routes first, then global routing.
    Ipv4StaticRoutingHelper staticRouting;
    Ipv4GlobalRoutingHelper globalRouting;
    Ipv4ListRoutingHelper list;
    list.Add(staticRouting, 0);
    list.Add(globalRouting, -10);
    m_routing.reset(list.Copy());
    m_ikeFactory.SetTypeId(IkeService::GetTypeId());
    m_driverFactory.SetTypeId(IpsecDriver::GetTypeId());
}

IpsecHelper::~IpsecHelper() = default;

IpsecHelper::IpsecHelper(const IpsecHelper& o)
    : m_routing(o.m_routing->Copy()),
      m_ikeEnabled(o.m_ikeEnabled),
      m_ikeFactory(o.m_ikeFactory),
      m_driverFactory(o.m_driverFactory)
{
}

IpsecHelper&
IpsecHelper::operator=(const IpsecHelper& o)
{
    if (this != &o)
    {
        m_routing.reset(o.m_routing->Copy());
        m_ikeEnabled = o.m_ikeEnabled;
        m_ikeFactory = o.m_ikeFactory;
        m_driverFactory = o.m_driverFactory;
    }
    return *this;
}

void
IpsecHelper::SetRoutingHelper(const Ipv4RoutingHelper& routing)
{
    m_routing.reset(routing.Copy());
}

void
IpsecHelper::Install(NodeContainer nodes) const
{
    for (auto it = nodes.Begin(); it != nodes.End(); ++it)
    {
        Install(*it);
    }
}

void
IpsecHelper::Install(Ptr<Node> node) const
{
    NS_LOG_FUNCTION(this << node->GetId());
    NS_ABORT_MSG_IF(node->GetObject<Ipv4>(),
                    "IpsecHelper::Install: node " << node->GetId()
                                                  << " already has an IPv4 stack; install the "
                                                     "IPsec stack instead of InternetStackHelper");
    // The steps of InternetStackHelper::Install, with the IPsec subclasses in place of
    // Ipv4L3Protocol and TrafficControlLayer (that helper hard-codes their TypeIds).
    node->AggregateObject(CreateObject<ArpL3Protocol>());
    node->AggregateObject(CreateObject<IpsecIpv4L3Protocol>());
    node->AggregateObject(CreateObject<Icmpv4L4Protocol>());
    node->AggregateObject(m_driverFactory.Create<IpsecDriver>());
    Ptr<Ipv4> ipv4 = node->GetObject<Ipv4>();
    ipv4->Insert(CreateObject<IpsecInboundProtocol>(IpsecProtocol::ESP));
    ipv4->Insert(CreateObject<IpsecInboundProtocol>(IpsecProtocol::AH));

    Ptr<Ipv4RoutingProtocol> routing = m_routing->Create(node);
    Ptr<Ipv4ListRouting> list = DynamicCast<Ipv4ListRouting>(routing);
    if (!list)
    {
        list = CreateObject<Ipv4ListRouting>();
        list->AddRoutingProtocol(routing, 0);
    }
    list->AddRoutingProtocol(CreateObject<IpsecForwardingGuard>(),
                             IpsecForwardingGuard::PRIORITY);
    ipv4->SetRoutingProtocol(list);

    node->AggregateObject(CreateObject<IpsecTrafficControlLayer>());
    node->AggregateObject(CreateObject<UdpL4Protocol>());
    node->AggregateObject(CreateObject<TcpL4Protocol>());
    node->AggregateObject(CreateObject<PacketSocketFactory>());
    node->GetObject<ArpL3Protocol>()->SetTrafficControl(node->GetObject<TrafficControlLayer>());
    if (m_ikeEnabled)
    {
        node->AggregateObject(m_ikeFactory.Create<IkeService>());
    }
}

void
IpsecHelper::SetIkeEnabled(bool enabled)
{
    NS_LOG_FUNCTION(this << enabled);
    m_ikeEnabled = enabled;
}

namespace
{

/**
 * \brief Check an attribute before a factory takes it (ObjectFactory::Set would abort).
 * \param tid the type
 * \param name the attribute
 * \param value its value
 * \return the value as the attribute's checker made it
 * \throw IpsecConfigError with \p name as field
 */
Ptr<AttributeValue>
CheckAttribute(TypeId tid, const std::string& name, const AttributeValue& value)
{
    TypeId::AttributeInformation info;
    if (!tid.LookupAttributeByName(name, &info))
    {
        throw IpsecConfigError(name, "no attribute " + name + " in " + tid.GetName());
    }
    if ((info.flags & TypeId::ATTR_CONSTRUCT) == 0)
    {
        throw IpsecConfigError(name, "cannot be set at construction");
    }
    Ptr<AttributeValue> valid = info.checker->CreateValidValue(value);
    if (!valid)
    {
        // A StringValue carries the text the user gave; other values print themselves.
        std::string text = value.SerializeToString(info.checker);
        if (const auto* str = dynamic_cast<const StringValue*>(&value))
        {
            text = str->Get();
        }
        throw IpsecConfigError(name,
                               "invalid value '" + text + "' (expected " +
                                   info.checker->GetUnderlyingTypeInformation() + ")");
    }
    return valid;
}

/**
 * \param valid a checked value
 * \param checker its checker
 * \return its text (for the parsers of string attributes)
 */
std::string
Text(Ptr<const AttributeValue> valid, Ptr<const AttributeChecker> checker)
{
    return valid->SerializeToString(checker);
}

} // namespace

void
IpsecHelper::SetIkeAttribute(const std::string& name, const AttributeValue& value)
{
    NS_LOG_FUNCTION(this << name);
    Ptr<AttributeValue> valid = CheckAttribute(IkeService::GetTypeId(), name, value);
    TypeId::AttributeInformation info;
    IkeService::GetTypeId().LookupAttributeByName(name, &info);
    // The string attributes are parsed when a service is made; parse them here, so that a
    // mistake shows at the line that made it.
    std::string text = Text(valid, info.checker);
    if (name == "MainModeMethods")
    {
        IkeParseMainModeMethods(text);
    }
    else if (name == "QuickModeOffers")
    {
        IkeParseQuickModeOffers(text);
    }
    else if (name == "AuthMethods")
    {
        IkeParseAuthMethods(text);
    }
    else if (name == "Pfs")
    {
        IkeParsePfs(text);
    }
    else if (name == "PreSharedKey" && text.empty())
    {
        throw IpsecConfigError(name, "empty: preshared key authentication needs a key");
    }
    m_ikeFactory.Set(name, *valid);
}

void
IpsecHelper::SetDriverAttribute(const std::string& name, const AttributeValue& value)
{
    NS_LOG_FUNCTION(this << name);
    Ptr<AttributeValue> valid = CheckAttribute(IpsecDriver::GetTypeId(), name, value);
    if (name == "BootExemptions")
    {
        TypeId::AttributeInformation info;
        IpsecDriver::GetTypeId().LookupAttributeByName(name, &info);
        IpsecParseBootExemptions(Text(valid, info.checker));
    }
    m_driverFactory.Set(name, *valid);
}

int64_t
IpsecHelper::AssignStreams(NodeContainer nodes, int64_t stream) const
{
    NS_LOG_FUNCTION(this << nodes.GetN() << stream);
    int64_t current = stream;
    for (auto it = nodes.Begin(); it != nodes.End(); ++it)
    {
        Ptr<Node> node = *it;
        if (node->GetObject<IpsecDriver>())
        {
            // The stack is InternetStackHelper's with three hooks: the same streams.
            current += InternetStackHelper().AssignStreams(NodeContainer(node), current);
        }
        if (Ptr<IkeService> ike = node->GetObject<IkeService>())
        {
            current += ike->AssignStreams(current);
        }
        for (uint32_t i = 0; i < node->GetNApplications(); ++i)
        {
            if (Ptr<KerberosKdc> kdc = DynamicCast<KerberosKdc>(node->GetApplication(i)))
            {
                current += kdc->AssignStreams(current);
            }
        }
    }
    return current - stream;
}

Ptr<IkeService>
IpsecHelper::GetIke(Ptr<Node> node)
{
    return node->GetObject<IkeService>();
}

Ptr<IpsecDriver>
IpsecHelper::GetDriver(Ptr<Node> node)
{
    Ptr<IpsecDriver> driver = node->GetObject<IpsecDriver>();
    NS_ABORT_MSG_UNLESS(driver,
                        "node " << node->GetId() << " has no IPsec layer (use IpsecHelper)");
    return driver;
}

void
IpsecHelper::AddFilter(NodeContainer nodes, const std::string& text)
{
    NS_LOG_FUNCTION(nodes.GetN() << text);
    IpsecFilter filter = IpsecFilter::Parse(text);
    for (auto it = nodes.Begin(); it != nodes.End(); ++it)
    {
        GetDriver(*it)->AddFilter(filter);
    }
}

std::vector<uint8_t>
IpsecHelper::MakeTestKey(uint32_t spi, uint32_t length, uint8_t salt)
{
    std::vector<uint8_t> key(length);
    for (uint32_t i = 0; i < length; ++i)
    {
        key[i] = static_cast<uint8_t>((spi >> (8 * (i % 4))) + 17 * i + 101 * salt);
    }
    return key;
}

IpsecManualSaPairResult
IpsecHelper::InstallManualSaPair(Ptr<Node> a, Ptr<Node> b, const IpsecManualSaPair& pair)
{
    NS_LOG_FUNCTION(a->GetId() << b->GetId());
    Ptr<IpsecDriver> driverA = GetDriver(a);
    Ptr<IpsecDriver> driverB = GetDriver(b);
    auto filterFor = [&pair](const std::string& given, Ipv4Address peer, const char* field) {
        if (!given.empty())
        {
            return IpsecFilter::Parse(given);
        }
        if (pair.mode == IpsecMode::TUNNEL)
        {
            throw IpsecConfigError(field, "tunnel mode needs the filters of the traffic to protect");
        }
        IpsecFilter f;
        f.source = IpsecFilterAddress::Me();
        f.destination = IpsecFilterAddress::Host(peer);
        f.action = IpsecFilterAction::NEGOTIATE;
        return f;
    };
    // What B sees of A: A's own address, or the NAT's in front of A.
    Ipv4Address addressAatB =
        pair.natAddressA.IsInitialized() && pair.natAddressA != Ipv4Address::GetAny()
            ? pair.natAddressA
            : pair.addressA;
    uint16_t portAatB = pair.natPortA != 0 ? pair.natPortA : pair.udpPortA;
    if (!pair.udpEncap && (addressAatB != pair.addressA || pair.natPortA != 0))
    {
        throw IpsecConfigError("natAddressA", "a NAT between the peers needs udpEncap");
    }
    IpsecFilter filterA = filterFor(pair.filterA, pair.addressB, "filterA");
    IpsecFilter filterB = filterFor(pair.filterB, addressAatB, "filterB");
    for (const auto& [f, field] : {std::make_pair(&filterA, "filterA"),
                                   std::make_pair(&filterB, "filterB")})
    {
        if (f->action != IpsecFilterAction::NEGOTIATE)
        {
            throw IpsecConfigError(field, "the filter of an SA must have action negotiate");
        }
    }
    auto config = [&pair](uint32_t spi,
                          Ipv4Address from,
                          Ipv4Address to,
                          const std::vector<uint8_t>& encKey,
                          const std::vector<uint8_t>& authKey) {
        IpsecSaConfig c;
        c.spi = spi;
        c.protocol = pair.protocol;
        c.mode = pair.mode;
        c.source = from;
        c.destination = to;
        c.encryption = pair.protocol == IpsecProtocol::AH ? IpsecEncryption::NULL_ENC
                                                          : pair.encryption;
        c.integrity = pair.integrity;
        c.encryptionKey = encKey.empty() && pair.protocol == IpsecProtocol::ESP
                              ? MakeTestKey(spi, IpsecGetEncryptionInfo(c.encryption).keyLength, 0)
                              : encKey;
        c.integrityKey = authKey.empty()
                             ? MakeTestKey(spi, IpsecGetIntegrityInfo(c.integrity).keyLength, 1)
                             : authKey;
        c.replayWindow = pair.replayWindow;
        c.lifetime = pair.lifetime;
        return c;
    };
    IpsecSaConfig aToB = config(pair.spiAtoB, pair.addressA, pair.addressB,
                                pair.encryptionKeyAtoB, pair.integrityKeyAtoB);
    IpsecSaConfig bToA = config(pair.spiBtoA, pair.addressB, pair.addressA,
                                pair.encryptionKeyBtoA, pair.integrityKeyBtoA);
    // B's copies of the SAs name A as B sees it (the same as A's copies without a NAT).
    IpsecSaConfig aToBatB = aToB;
    IpsecSaConfig bToAatB = bToA;
    if (pair.udpEncap)
    {
        aToB.encapSourcePort = pair.udpPortA;
        aToB.encapDestinationPort = pair.udpPortB;
        bToA.encapSourcePort = pair.udpPortB;
        bToA.encapDestinationPort = pair.udpPortA;
        aToBatB = aToB;
        bToAatB = bToA;
        aToBatB.source = addressAatB;
        aToBatB.encapSourcePort = portAatB;
        bToAatB.destination = addressAatB;
        bToAatB.encapDestinationPort = portAatB;
    }
    // Validate both before touching either node.
    for (const auto* c : {&aToB, &bToA, &aToBatB, &bToAatB})
    {
        std::string error = c->Validate();
        if (!error.empty())
        {
            throw IpsecConfigError::FromMessage(error);
        }
    }
    IpsecManualSaPairResult r;
    r.filterA = driverA->AddFilter(filterA);
    r.filterB = driverB->AddFilter(filterB);
    r.outboundA = driverA->AddSa(aToB, false, r.filterA, pair.addressB);
    r.inboundB = driverB->AddSa(aToBatB, true, r.filterB);
    r.outboundB = driverB->AddSa(bToAatB, false, r.filterB, addressAatB);
    r.inboundA = driverA->AddSa(bToA, true, r.filterA);
    return r;
}

bool
IpsecHelper::WriteWiresharkEspSa(NodeContainer nodes, const std::string& path)
{
    NS_LOG_FUNCTION(nodes.GetN() << path);
    std::ofstream out(path);
    if (!out)
    {
        return false;
    }
    for (auto it = nodes.Begin(); it != nodes.End(); ++it)
    {
        if (Ptr<IpsecDriver> driver = (*it)->GetObject<IpsecDriver>())
        {
            driver->ExportEspSa(out, true);
        }
    }
    return static_cast<bool>(out);
}

void
IpsecHelper::SetModeledCrypto(NodeContainer nodes, bool modeled)
{
    NS_LOG_FUNCTION(nodes.GetN() << modeled);
    for (auto it = nodes.Begin(); it != nodes.End(); ++it)
    {
        GetDriver(*it)->SetAttribute(
            "CryptoMode",
            EnumValue(modeled ? IpsecDriver::MODELED : IpsecDriver::REAL));
    }
}

void
IpsecHelper::SetOsProfile(NodeContainer nodes, IpsecOsProfile profile)
{
    NS_LOG_FUNCTION(nodes.GetN() << profile);
    for (auto it = nodes.Begin(); it != nodes.End(); ++it)
    {
        GetDriver(*it)->SetOsProfile(profile);
    }
}

void
IpsecHelper::SetOsProfile(NodeContainer nodes, const std::string& profile)
{
    SetOsProfile(nodes, IpsecParseOsProfile(profile));
}

void
IpsecHelper::SetDefaultExemptions(NodeContainer nodes, int mode)
{
    NS_LOG_FUNCTION(nodes.GetN() << mode);
    if (mode != -1)
    {
        IpsecCheckExemptionMode(mode, "DefaultExemptions");
    }
    for (auto it = nodes.Begin(); it != nodes.End(); ++it)
    {
        GetDriver(*it)->SetDefaultExemptions(mode);
    }
}

void
IpsecHelper::SetBootMode(NodeContainer nodes, const std::string& mode)
{
    NS_LOG_FUNCTION(nodes.GetN() << mode);
    IpsecBootMode parsed = IpsecParseBootMode(mode);
    for (auto it = nodes.Begin(); it != nodes.End(); ++it)
    {
        GetDriver(*it)->SetBootMode(parsed);
    }
}

void
IpsecHelper::SetBootExemptions(NodeContainer nodes, const std::string& exemptions)
{
    NS_LOG_FUNCTION(nodes.GetN() << exemptions);
    IpsecParseBootExemptions(exemptions); // throws before any node changes
    for (auto it = nodes.Begin(); it != nodes.End(); ++it)
    {
        GetDriver(*it)->SetBootExemptions(exemptions);
    }
}

void
IpsecHelper::SetPolicyApplyTime(NodeContainer nodes, Time when, bool safeMode)
{
    NS_LOG_FUNCTION(nodes.GetN() << when << safeMode);
    if (when.IsStrictlyNegative())
    {
        throw IpsecConfigError("PolicyApplyTime", "must not be negative");
    }
    for (auto it = nodes.Begin(); it != nodes.End(); ++it)
    {
        Ptr<IpsecDriver> driver = GetDriver(*it);
        driver->SetAttribute("PolicyApplyTime", TimeValue(when));
        driver->SetAttribute("SafeMode", BooleanValue(safeMode));
    }
}

void
IpsecHelper::PrintPolicy(Ptr<Node> node, std::ostream& os)
{
    IpsecStatePrinter::PrintNode(os, node->GetId(), *GetDriver(node));
    if (Ptr<IkeService> ike = GetIke(node))
    {
        IpsecStatePrinter::PrintIkeFailures(os, node->GetId(), ike->GetCounters());
        for (const std::string& warning : ike->GetConfigWarnings())
        {
            os << "node " << node->GetId() << " IKE configuration warning: " << warning << "\n";
        }
    }
}

namespace
{

/** Each node keeps the store its last script built, for ShowStatic. */
void
RememberNetshStore(NodeContainer nodes, const IpsecNetshPolicyStore& store)
{
    for (auto it = nodes.Begin(); it != nodes.End(); ++it)
    {
        Ptr<IpsecNetshNodeStore> held = (*it)->GetObject<IpsecNetshNodeStore>();
        if (!held)
        {
            held = CreateObject<IpsecNetshNodeStore>();
            (*it)->AggregateObject(held);
        }
        held->SetStore(store);
    }
}

} // namespace

IpsecNetshPolicyStore
IpsecHelper::LoadNetshScript(NodeContainer nodes, const std::string& file)
{
    IpsecNetshPolicyStore store;
    store.RunFile(file);
    IpsecNetshPolicyMapper::Apply(IpsecNetshPolicyMapper::Map(store), nodes);
    RememberNetshStore(nodes, store);
    return store;
}

IpsecNetshPolicyStore
IpsecHelper::LoadNetshScriptText(NodeContainer nodes, const std::string& script)
{
    IpsecNetshPolicyStore store;
    store.Run(script);
    IpsecNetshPolicyMapper::Apply(IpsecNetshPolicyMapper::Map(store), nodes);
    RememberNetshStore(nodes, store);
    return store;
}

void
IpsecHelper::ShowStatic(Ptr<Node> node, std::ostream& os)
{
    Ptr<IpsecNetshNodeStore> held = node->GetObject<IpsecNetshNodeStore>();
    if (!held)
    {
        throw IpsecConfigError("node",
                               "node " + std::to_string(node->GetId()) +
                                   " has no netsh policy store (LoadNetshScript first)");
    }
    IpsecNetshStaticShow::Print(held->GetStore(), os);
}

void
IpsecHelper::ShowDynamic(Ptr<Node> node, std::ostream& os)
{
    Ptr<IpsecDriver> driver = node->GetObject<IpsecDriver>();
    if (!driver)
    {
        throw IpsecConfigError("node",
                               "node " + std::to_string(node->GetId()) +
                                   " has no IPsec layer (IpsecHelper::Install first)");
    }
    IpsecNetshDynamicShow::Print(*driver, node->GetObject<IkeService>(), os);
}

} // namespace ns3
