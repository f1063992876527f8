/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ipsec-netsh-dynamic-show.h"

#include "ipsec-netsh-security-methods.h"

#include "ns3/ike-config.h"
#include "ns3/ike-service.h"
#include "ns3/ipsec-algorithms.h"
#include "ns3/ipsec-driver.h"
#include "ns3/node.h"
#include "ns3/nstime.h"
#include "ns3/simulator.h"
#include "ns3/string.h"
#include "ns3/uinteger.h"

#include <algorithm>
#include <iomanip>
#include <optional>
#include <sstream>

namespace ns3
{

namespace
{

/** What the module has no value for: said, never made up. */
const std::string NOT_MODELLED = "not modelled";

/**
 * One "Label : value" line, labels padded to 24 columns as in the static view (the statistics'
 * longer labels to 30).
 */
void
Line(std::ostream& os, const std::string& label, const std::string& value, int width = 24)
{
    os << std::left << std::setw(width) << label << ": " << value << "\n";
}

/** A statistics line: labels padded to 30 columns ("Packets With Replay Detection"). */
void
Stat(std::ostream& os, const std::string& label, const std::string& value)
{
    Line(os, label, value, 30);
}

/** A section heading underlined as netsh underlines them. */
void
Heading(std::ostream& os, const std::string& title)
{
    os << title << "\n" << std::string(title.size(), '-') << "\n";
}

std::string
Upper(std::string text)
{
    std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) {
        return static_cast<char>(std::toupper(c));
    });
    return text;
}

std::string
YesNo(bool value)
{
    return value ? "YES" : "NO";
}

std::string
AddressText(Ipv4Address address)
{
    std::ostringstream os;
    os << address;
    return os.str();
}

/** "address (mask)" as netsh prints a filter end. */
std::string
AddressWithMask(const std::string& address, const std::string& mask)
{
    return address + " (" + mask + ")";
}

std::string
MaskText(Ipv4Mask mask)
{
    std::ostringstream os;
    mask.Print(os);
    return os.str();
}

/** A generic filter end: the keyword for dynamic ends, the address otherwise. */
std::string
GenericEnd(const IpsecFilterAddress& end)
{
    switch (end.GetKind())
    {
    case IpsecFilterAddress::ANY:
        return AddressWithMask("<Any IP Address>", "0.0.0.0");
    case IpsecFilterAddress::ME:
        return AddressWithMask("<My IP Address>", "255.255.255.255");
    case IpsecFilterAddress::DNS:
        return AddressWithMask("<DNS Servers>", "255.255.255.255");
    case IpsecFilterAddress::WINS:
        return AddressWithMask("<WINS Servers>", "255.255.255.255");
    case IpsecFilterAddress::DHCP:
        return AddressWithMask("<DHCP Server>", "255.255.255.255");
    case IpsecFilterAddress::GATEWAY:
        return AddressWithMask("<Default Gateway>", "255.255.255.255");
    case IpsecFilterAddress::HOST:
    case IpsecFilterAddress::SUBNET:
        return AddressWithMask(AddressText(end.GetAddress()), MaskText(end.GetMask()));
    }
    return "?";
}

/** A filter end expanded to specific addresses (ME and dynamic ends: the current ones). */
std::vector<std::string>
SpecificEnds(const IpsecFilterAddress& end, const IpsecSpd& spd)
{
    std::vector<std::string> ends;
    switch (end.GetKind())
    {
    case IpsecFilterAddress::ANY:
        ends.push_back(AddressWithMask("0.0.0.0", "0.0.0.0"));
        break;
    case IpsecFilterAddress::HOST:
    case IpsecFilterAddress::SUBNET:
        ends.push_back(AddressWithMask(AddressText(end.GetAddress()), MaskText(end.GetMask())));
        break;
    default:
        for (Ipv4Address address : spd.GetAddressesOf(end.GetKind()))
        {
            ends.push_back(AddressWithMask(AddressText(address), "255.255.255.255"));
        }
        break;
    }
    return ends;
}

std::string
FilterName(const IpsecSpdEntry& entry)
{
    return entry.filter.description.empty() ? "Filter " + std::to_string(entry.id)
                                            : entry.filter.description;
}

std::string
ActionText(IpsecFilterAction action)
{
    switch (action)
    {
    case IpsecFilterAction::PERMIT:
        return "Permit";
    case IpsecFilterAction::BLOCK:
        return "Block";
    case IpsecFilterAction::NEGOTIATE:
        return "Negotiate";
    }
    return "?";
}

std::string
ProtocolText(const std::optional<uint8_t>& protocol)
{
    return protocol ? Upper(IpsecProtocolName(*protocol)) : "ANY";
}

/** "UDP      Src Port: 0      Dest Port: 9000" (0 = any, as netsh shows it). */
std::string
ProtocolAndPorts(const std::optional<uint8_t>& protocol,
                 const std::optional<uint16_t>& sourcePort,
                 const std::optional<uint16_t>& destinationPort)
{
    std::ostringstream os;
    os << std::left << std::setw(9) << ProtocolText(protocol) << "Src Port: " << std::setw(7)
       << sourcePort.value_or(0) << "Dest Port: " << destinationPort.value_or(0);
    return os.str();
}

/** netsh's group number: 1, 2, and 3 for DH2048. */
std::string
GroupNumber(IkeDhGroup group)
{
    return group == IkeDhGroup::MODP_2048 ? "3" : (group == IkeDhGroup::MODP_1024 ? "2" : "1");
}

std::string
MainModeMethodText(const IkeMainModeMethod& method)
{
    return Upper(IpsecGetEncryptionInfo(method.encryption).name) + "/" +
           Upper(IkeHashName(method.hash)) + "/" + GroupNumber(method.group);
}

std::string
AuthText(IkeAuthKind kind)
{
    switch (kind)
    {
    case IkeAuthKind::PRESHARED_KEY:
        return "Preshared key";
    case IkeAuthKind::CERTIFICATE:
        return "Certificate";
    case IkeAuthKind::KERBEROS:
        return "Kerberos";
    }
    return IkeAuthKindToString(kind);
}

std::string
StringAttribute(Ptr<const IkeService> ike, const std::string& name)
{
    StringValue value;
    ike->GetAttribute(name, value);
    return value.Get();
}

Time
TimeAttribute(Ptr<const IkeService> ike, const std::string& name)
{
    TimeValue value;
    ike->GetAttribute(name, value);
    return value.Get();
}

uint64_t
UintAttribute(Ptr<const IkeService> ike, const std::string& name)
{
    UintegerValue value;
    ike->GetAttribute(name, value);
    return value.Get();
}

std::string
SecsText(Time t)
{
    std::ostringstream os;
    if (t.GetMilliSeconds() % 1000 == 0)
    {
        os << t.GetMilliSeconds() / 1000;
    }
    else
    {
        os << std::fixed << std::setprecision(3) << t.GetSeconds();
    }
    os << " secs";
    return os.str();
}

/** A simulated time to the millisecond: "12.345 s". */
std::string
SimTime(Time t)
{
    std::ostringstream os;
    os << std::fixed << std::setprecision(3) << t.GetSeconds() << " s";
    return os.str();
}

const char* NO_IKE = "  (no IKE service on this node)\n";

std::string
MainModePolicyName(uint32_t nodeId)
{
    return "IKE (node " + std::to_string(nodeId) + ")";
}

std::string
QuickModePolicyName(uint32_t nodeId)
{
    return "Negotiate (node " + std::to_string(nodeId) + ")";
}

void
PrintMainModePolicy(std::ostream& os, Ptr<const IkeService> ike, uint32_t nodeId)
{
    Heading(os, "Main Mode Policy");
    if (!ike)
    {
        os << NO_IKE << "\n";
        return;
    }
    auto methods = IkeParseMainModeMethods(StringAttribute(ike, "MainModeMethods"));
    Time lifetime = TimeAttribute(ike, "MainModeLifetime");
    Line(os, "Policy Name", MainModePolicyName(nodeId));
    Line(os, "Soft SA Expiration Time", SecsText(TimeAttribute(ike, "IdleTimeout")));
    Line(os, "Security Method Count", std::to_string(methods.size()));
    for (const auto& method : methods)
    {
        os << "  " << MainModeMethodText(method) << "  Lifetime " << SecsText(lifetime)
           << "  QMLimit " << UintAttribute(ike, "QuickModesPerMainMode") << "\n";
    }
    os << "\n";
}

void
PrintMainModeFilters(std::ostream& os,
                     const IpsecSpd& spd,
                     Ptr<const IkeService> ike,
                     uint32_t nodeId)
{
    Heading(os, "Main Mode Filters");
    if (!ike)
    {
        os << NO_IKE << "\n";
        return;
    }
    std::string auths;
    for (IkeAuthKind kind : IkeParseAuthMethods(StringAttribute(ike, "AuthMethods")))
    {
        auths += (auths.empty() ? "" : ", ") + AuthText(kind);
    }
    uint32_t n = 0;
    for (const IpsecSpdEntry* entry : spd.GetOrderedEntries())
    {
        if (entry->filter.action != IpsecFilterAction::NEGOTIATE)
        {
            continue; // main mode filters come from the negotiate rules only
        }
        ++n;
        Line(os, "Filter Name", FilterName(*entry));
        Line(os, "Connection Type", "ALL");
        Line(os, "Source Address", GenericEnd(entry->filter.source));
        Line(os, "Destination Address", GenericEnd(entry->filter.destination));
        Line(os, "Authentication Methods", auths);
        Line(os, "Main Mode Policy", MainModePolicyName(nodeId));
        os << "\n";
    }
    os << n << " Generic Main Mode Filter(s)\n\n";
}

void
PrintQuickModePolicy(std::ostream& os, Ptr<const IkeService> ike, uint32_t nodeId)
{
    Heading(os, "Quick Mode Policy");
    if (!ike)
    {
        os << NO_IKE << "\n";
        return;
    }
    auto offers = IkeParseQuickModeOffers(StringAttribute(ike, "QuickModeOffers"));
    Line(os, "Policy Name", QuickModePolicyName(nodeId));
    Line(os, "PFS", Upper(StringAttribute(ike, "Pfs")));
    Line(os, "Security Method Count", std::to_string(offers.size()));
    for (const auto& offer : offers)
    {
        os << "  " << IpsecNetshQuickModeOfferText(offer) << "  Lifetime "
           << SecsText(TimeAttribute(ike, "QuickModeLifetime")) << " / "
           << UintAttribute(ike, "QuickModeLifetimeKb") << " kbytes\n";
    }
    os << "\n";
}

void
PrintQuickModeFilters(std::ostream& os, const IpsecSpd& spd, bool hasIke, uint32_t nodeId)
{
    Heading(os, "Quick Mode Filters (Transport and Tunnel)");
    uint32_t n = 0;
    for (const IpsecSpdEntry* entry : spd.GetOrderedEntries())
    {
        const IpsecFilter& f = entry->filter;
        ++n;
        Line(os, "Filter Name", FilterName(*entry));
        Line(os, "Filter Type", f.tunnelEndpoint ? "Tunnel" : "Transport");
        Line(os, "Connection Type", "ALL");
        Line(os, "Source Address", GenericEnd(f.source));
        Line(os, "Destination Address", GenericEnd(f.destination));
        if (f.tunnelEndpoint)
        {
            Line(os, "Tunnel Destination", AddressText(*f.tunnelEndpoint));
        }
        Line(os, "Protocol", ProtocolAndPorts(f.protocol, f.sourcePort, f.destinationPort));
        Line(os, "Mirrored", YesNo(f.mirrored));
        bool negotiate = f.action == IpsecFilterAction::NEGOTIATE;
        Line(os,
             "Quick Mode Policy",
             negotiate ? (hasIke ? QuickModePolicyName(nodeId) : "(no IKE service)") : "NONE");
        Line(os, "Inbound Action", ActionText(f.action));
        Line(os, "Outbound Action", ActionText(f.action));
        if (negotiate)
        {
            Line(os, "Inbound Pass-thru", YesNo(f.inboundPassthrough));
            Line(os, "AllowUnsecured(Fallback)", YesNo(f.fallbackToClear));
        }
        os << "\n";
    }
    os << n << " Generic Quick Mode Filter(s)\n\n";
}

/**
 * One specific filter per (source, destination) of a filter's expansion, and the swapped
 * pairs for a mirrored filter. The filter as written is the outbound one and its mirror the
 * inbound one, except that a filter towards My IP address is inbound as written.
 */
void
PrintSpecificFilters(std::ostream& os, const IpsecSpd& spd)
{
    Heading(os, "Specific Filters (by weight)");
    uint32_t n = 0;
    for (const IpsecSpdEntry* entry : spd.GetOrderedEntries())
    {
        const IpsecFilter& f = entry->filter;
        bool inboundAsWritten = f.destination.GetKind() == IpsecFilterAddress::ME &&
                                f.source.GetKind() != IpsecFilterAddress::ME;
        for (bool mirror : {false, true})
        {
            if (mirror && !f.mirrored)
            {
                break;
            }
            const IpsecFilterAddress& src = mirror ? f.destination : f.source;
            const IpsecFilterAddress& dst = mirror ? f.source : f.destination;
            auto srcPort = mirror ? f.destinationPort : f.sourcePort;
            auto dstPort = mirror ? f.sourcePort : f.destinationPort;
            bool inbound = mirror != inboundAsWritten;
            for (const auto& s : SpecificEnds(src, spd))
            {
                for (const auto& d : SpecificEnds(dst, spd))
                {
                    ++n;
                    Line(os, "Filter Name", FilterName(*entry));
                    Line(os, "Weight", std::to_string(entry->weight));
                    Line(os, "Direction", inbound ? "Inbound" : "Outbound");
                    Line(os, "Source Address", s);
                    Line(os, "Destination Address", d);
                    Line(os, "Protocol", ProtocolAndPorts(f.protocol, srcPort, dstPort));
                    Line(os, "Action", ActionText(f.action));
                    os << "\n";
                }
            }
        }
    }
    os << n << " Specific Filter(s)\n\n";
}

void
PrintMainModeSas(std::ostream& os, Ptr<const IkeService> ike)
{
    Heading(os, "Main Mode SAs at " + SimTime(Simulator::Now()));
    if (!ike)
    {
        os << NO_IKE << "\n";
        return;
    }
    auto sas = ike->GetMainModeSas();
    for (const IkeMainModeSa* sa : sas)
    {
        std::ostringstream cookies;
        cookies << std::hex << std::setfill('0') << std::setw(16) << sa->cookieI << ":"
                << std::setw(16) << sa->cookieR;
        Line(os, "Cookie Pair", cookies.str());
        Line(os,
             "Sec Methods",
             MainModeMethodText(sa->terms.method) + "/" +
                 std::to_string(sa->terms.lifetimeSeconds));
        Line(os, "Auth Mode", AuthText(sa->terms.auth));
        Line(os, "Source", AddressText(sa->local));
        Line(os, "Destination", AddressText(sa->peer));
        Line(os, "Role", sa->initiator ? "Initiator" : "Responder");
        Line(os, "Established", SimTime(sa->established));
        Line(os, "Quick Modes", std::to_string(sa->GetQuickModeCount()));
        os << "\n";
    }
    os << sas.size() << " Main Mode SA(s)\n\n";
}

void
PrintQuickModeSas(std::ostream& os, const IpsecDriver& driver, Ptr<const IkeService> ike)
{
    Heading(os, "Quick Mode SAs");
    if (!ike)
    {
        os << NO_IKE << "\n";
        return;
    }
    auto sas = ike->GetQuickModeSas();
    for (const IkeQuickModeSa* sa : sas)
    {
        const IpsecSpdEntry* entry = driver.GetSpd().Find(sa->filterId);
        bool tunnel = sa->terms.mode == IpsecMode::TUNNEL;
        os << (tunnel ? "Tunnel Filter" : "Transport Filter") << "\n";
        Line(os, "Filter Name", entry ? FilterName(*entry) : "(filter removed)");
        Line(os, tunnel ? "Tunnel Source" : "Source Address", AddressText(sa->local));
        Line(os, tunnel ? "Tunnel Destination" : "Destination Address", AddressText(sa->peer));
        if (entry)
        {
            const IpsecFilter& f = entry->filter;
            Line(os, "Protocol", ProtocolAndPorts(f.protocol, f.sourcePort, f.destinationPort));
        }
        Line(os, "Policy Name", QuickModePolicyName(driver.GetObject<Node>()->GetId()));
        Line(os, "Offer Used", IpsecNetshQuickModeOfferText(sa->terms.offer));
        Line(os,
             "Lifetime",
             std::to_string(sa->terms.lifetimeSeconds) + " secs / " +
                 std::to_string(sa->terms.lifetimeKilobytes) + " kbytes");
        Line(os,
             "PFS DH Group",
             sa->terms.pfsGroup ? "DH" + GroupNumber(*sa->terms.pfsGroup) : "None");
        std::ostringstream in;
        std::ostringstream out;
        in << "0x" << std::hex << sa->spiIn << std::dec << ", "
           << (sa->inbound ? sa->inbound->GetBytes() : 0) << " bytes";
        out << "0x" << std::hex << sa->spiOut << std::dec << ", "
            << (sa->outbound ? sa->outbound->GetBytes() : 0) << " bytes";
        Line(os, "Inbound SPI", in.str());
        Line(os, "Outbound SPI", out.str());
        Line(os, "Established", SimTime(sa->established));
        os << "\n";
    }
    os << sas.size() << " Quick Mode SA pair(s)\n\n";
}

void
PrintIkeStatistics(std::ostream& os, Ptr<const IkeService> ike)
{
    Heading(os, "IKE Main Mode Statistics");
    if (!ike)
    {
        os << NO_IKE << "\n";
        return;
    }
    const IkeCounters& c = ike->GetCounters();
    for (const char* label : {"Active Acquire",
                              "Active Receive",
                              "Acquire Failures",
                              "Receive Failures",
                              "Send Failures",
                              "Acquire Heap Size",
                              "Receive Heap Size"})
    {
        Stat(os, label, NOT_MODELLED);
    }
    Stat(os, "Authentication Failures", std::to_string(c.authenticationFailed));
    Stat(os, "Negotiation Failures", std::to_string(c.mainModeFailed + c.quickModeFailed));
    Stat(os, "Invalid Cookies Received", NOT_MODELLED);
    Stat(os, "Oakley Main Mode", std::to_string(c.mainModeSucceeded));
    Stat(os, "Oakley Quick Mode", std::to_string(c.quickModeSucceeded));
    Stat(os, "Soft Associations", std::to_string(c.softSas));
    Stat(os, "Invalid Packets Received", std::to_string(c.ignored));
    os << "\n";
}

void
PrintIpsecStatistics(std::ostream& os, const IpsecDriver& driver, Ptr<const IkeService> ike)
{
    Heading(os, "IPsec Quick Mode Statistics");
    const IpsecDriverCounters& c = driver.GetCounters();
    // Byte counts: the SAs in the SAD now (a deleted SA's bytes are not kept).
    uint64_t confidential[2] = {0, 0};
    uint64_t authenticated[2] = {0, 0};
    uint64_t transport[2] = {0, 0};
    uint64_t tunnel[2] = {0, 0};
    uint32_t tunnels = 0;
    for (const auto& sa : driver.GetSad().GetAll())
    {
        const IpsecSaConfig& config = sa->GetConfig();
        int way = sa->IsInbound() ? 1 : 0;
        if (config.protocol == IpsecProtocol::ESP &&
            config.encryption != IpsecEncryption::NULL_ENC)
        {
            confidential[way] += sa->GetBytes();
        }
        if (config.integrity != IpsecIntegrity::NONE)
        {
            authenticated[way] += sa->GetBytes();
        }
        if (config.mode == IpsecMode::TUNNEL)
        {
            tunnel[way] += sa->GetBytes();
            tunnels += sa->IsInbound() ? 0 : 1;
        }
        else
        {
            transport[way] += sa->GetBytes();
        }
    }
    Stat(os, "Active Associations", std::to_string(driver.GetSad().GetN()));
    Stat(os, "Offload Associations", NOT_MODELLED);
    Stat(os, "Pending Key Operations", NOT_MODELLED);
    Stat(os,
         "Key Additions",
         ike ? std::to_string(2 * ike->GetCounters().quickModeSucceeded) : NOT_MODELLED);
    Stat(os, "Key Deletions", NOT_MODELLED);
    Stat(os, "ReKeys", ike ? std::to_string(ike->GetCounters().rekeys) : NOT_MODELLED);
    Stat(os, "Active Tunnels", std::to_string(tunnels));
    Stat(os, "Bad SPI Packets", std::to_string(c.Dropped(IpsecDropReason::UNKNOWN_SPI)));
    Stat(os, "Packets Not Decrypted", std::to_string(c.Dropped(IpsecDropReason::BAD_PADDING)));
    Stat(os, "Packets Not Authenticated", std::to_string(c.Dropped(IpsecDropReason::BAD_ICV)));
    Stat(os, "Packets With Replay Detection", std::to_string(c.Dropped(IpsecDropReason::REPLAY)));
    Stat(os, "Confidential Bytes Sent", std::to_string(confidential[0]));
    Stat(os, "Confidential Bytes Received", std::to_string(confidential[1]));
    Stat(os, "Authenticated Bytes Sent", std::to_string(authenticated[0]));
    Stat(os, "Authenticated Bytes Received", std::to_string(authenticated[1]));
    Stat(os, "Transport Bytes Sent", std::to_string(transport[0]));
    Stat(os, "Transport Bytes Received", std::to_string(transport[1]));
    Stat(os, "Bytes Sent In Tunnels", std::to_string(tunnel[0]));
    Stat(os, "Bytes Received In Tunnels", std::to_string(tunnel[1]));
    Stat(os, "Offloaded Bytes Sent", NOT_MODELLED);
    Stat(os, "Offloaded Bytes Received", NOT_MODELLED);
    os << "\n";
}

void
PrintConfig(std::ostream& os, const IpsecDriver& driver)
{
    Heading(os, "IPsec Configuration");
    Line(os, "ipsecdiagnostics", NOT_MODELLED);
    Line(os, "ikelogging", NOT_MODELLED);
    Line(os, "strongcrlcheck", NOT_MODELLED);
    Line(os, "ipsecloginterval", NOT_MODELLED);
    Line(os, "ipsecexempt", std::to_string(driver.GetDefaultExemptions()));
    Line(os, "bootmode", IpsecBootModeToString(driver.GetBootMode()));
    Line(os, "bootexemptions", driver.GetBootExemptions());
}

} // namespace

void
IpsecNetshDynamicShow::Print(const IpsecDriver& driver, Ptr<const IkeService> ike, std::ostream& os)
{
    uint32_t nodeId = driver.GetObject<Node>()->GetId();
    const IpsecSpd& spd = driver.GetSpd();
    PrintMainModePolicy(os, ike, nodeId);
    PrintMainModeFilters(os, spd, ike, nodeId);
    PrintQuickModePolicy(os, ike, nodeId);
    PrintQuickModeFilters(os, spd, ike != nullptr, nodeId);
    PrintSpecificFilters(os, spd);
    PrintMainModeSas(os, ike);
    PrintQuickModeSas(os, driver, ike);
    PrintIkeStatistics(os, ike);
    PrintIpsecStatistics(os, driver, ike);
    PrintConfig(os, driver);
}

} // namespace ns3
