/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ipsec-filter.h"

#include "ns3/log.h"

#include "ipsec-config-error.h"
#include "ipsec-packet-selector.h"

#include "ns3/assert.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <sstream>
#include <vector>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("IpsecFilter");

namespace
{

/** Common protocol names, as netsh and Wireshark spell them (lower case). */
const std::map<std::string, uint8_t>&
ProtocolNames()
{
    static const std::map<std::string, uint8_t> names = {
        {"icmp", 1},
        {"igmp", 2},
        {"tcp", 6},
        {"udp", 17},
        {"rsvp", 46},
        {"gre", 47},
        {"esp", 50},
        {"ah", 51},
        {"ospf", 89},
        {"raw", 255},
    };
    return names;
}

std::string
Lower(std::string text)
{
    std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) {
        return static_cast<char>(std::tolower(c));
    });
    return text;
}

/** Parse a decimal number in [low, high]; empty optional when the text is not one. */
std::optional<uint32_t>
ParseNumber(const std::string& text, uint32_t low, uint32_t high)
{
    if (text.empty() || text.size() > 10 ||
        !std::all_of(text.begin(), text.end(), [](unsigned char c) { return std::isdigit(c); }))
    {
        return std::nullopt;
    }
    uint64_t value = std::stoull(text);
    if (value < low || value > high)
    {
        return std::nullopt;
    }
    return static_cast<uint32_t>(value);
}

/** Strict dotted-quad parser: Ipv4Address accepts garbage silently. */
std::optional<Ipv4Address>
ParseDotted(const std::string& text)
{
    uint32_t value = 0;
    int parts = 0;
    std::string part;
    std::istringstream in(text);
    while (std::getline(in, part, '.'))
    {
        auto octet = ParseNumber(part, 0, 255);
        if (!octet || part.size() > 3)
        {
            return std::nullopt;
        }
        value = (value << 8) | *octet;
        ++parts;
    }
    if (parts != 4 || text.back() == '.')
    {
        return std::nullopt;
    }
    return Ipv4Address(value);
}

bool
IsContiguous(uint32_t mask)
{
    // A contiguous mask is ones then zeros: its complement plus one is a power of two.
    uint32_t inverted = ~mask;
    return (inverted & (inverted + 1)) == 0;
}

std::optional<Ipv4Mask>
ParseMask(const std::string& text)
{
    if (auto length = ParseNumber(text, 0, 32))
    {
        return Ipv4Mask(*length == 0 ? 0u : ~0u << (32 - *length));
    }
    if (auto dotted = ParseDotted(text))
    {
        return Ipv4Mask(dotted->Get());
    }
    return std::nullopt;
}

std::string
MaskText(Ipv4Mask mask)
{
    std::ostringstream os;
    os << Ipv4Address(mask.Get());
    return os.str();
}

bool
IsBlank(char c)
{
    return std::isspace(static_cast<unsigned char>(c)) != 0;
}

/** The text from \p from up to the next blank or the end. */
std::string
WordAt(const std::string& text, size_t from)
{
    size_t end = from;
    while (end < text.size() && !IsBlank(text[end]))
    {
        ++end;
    }
    return text.substr(from, end - from);
}

/**
 * Split "key=value key2="quoted value"" into pairs, keys in lower case. Blanks separate pairs;
 * a quoted value ends at its closing quote, which must be followed by a blank or the end.
 * Reports the first malformed token.
 */
std::vector<std::pair<std::string, std::string>>
SplitKeyValues(const std::string& text)
{
    std::vector<std::pair<std::string, std::string>> pairs;
    size_t i = 0;
    while (i < text.size())
    {
        if (IsBlank(text[i]))
        {
            ++i;
            continue;
        }
        std::string token = WordAt(text, i);
        size_t eq = token.find('=');
        if (eq == std::string::npos || eq == 0)
        {
            throw IpsecConfigError(token, "expected key=value");
        }
        std::string key = Lower(token.substr(0, eq));
        std::string value;
        i += eq + 1;
        if (i < text.size() && text[i] == '"')
        {
            size_t close = text.find('"', i + 1);
            if (close == std::string::npos)
            {
                throw IpsecConfigError(key, "missing closing quote");
            }
            value = text.substr(i + 1, close - i - 1);
            i = close + 1;
            if (i < text.size() && !IsBlank(text[i]))
            {
                throw IpsecConfigError(key,
                                       "text after the closing quote: '" + WordAt(text, i) +
                                           "' (separate keys with a space)");
            }
        }
        else
        {
            value = WordAt(text, i);
            i += value.size();
        }
        pairs.emplace_back(key, value);
    }
    return pairs;
}

std::optional<uint16_t>
ParsePort(const std::string& text, const std::string& field)
{
    std::string lower = Lower(text);
    if (lower == "any" || lower == "0")
    {
        return std::nullopt;
    }
    auto port = ParseNumber(text, 1, 65535);
    if (!port)
    {
        throw IpsecConfigError(field, "'" + text + "' is not a port (1-65535, 0 or any)");
    }
    return static_cast<uint16_t>(*port);
}

bool
ParseYesNo(const std::string& text, const std::string& field)
{
    std::string lower = Lower(text);
    if (lower == "yes" || lower == "true" || lower == "1")
    {
        return true;
    }
    if (lower == "no" || lower == "false" || lower == "0")
    {
        return false;
    }
    throw IpsecConfigError(field, "'" + text + "' is not yes or no");
}

} // namespace

IpsecFilterAddress::IpsecFilterAddress()
    : m_kind(ANY),
      m_address(Ipv4Address::GetAny()),
      m_mask(Ipv4Mask(0u))
{
}

IpsecFilterAddress
IpsecFilterAddress::Any()
{
    return IpsecFilterAddress();
}

IpsecFilterAddress
IpsecFilterAddress::Me()
{
    IpsecFilterAddress a;
    a.m_kind = ME;
    a.m_mask = Ipv4Mask(~0u);
    return a;
}

IpsecFilterAddress
IpsecFilterAddress::Host(Ipv4Address address)
{
    IpsecFilterAddress a;
    a.m_kind = HOST;
    a.m_address = address;
    a.m_mask = Ipv4Mask(~0u);
    return a;
}

IpsecFilterAddress
IpsecFilterAddress::Subnet(Ipv4Address network, Ipv4Mask mask)
{
    IpsecFilterAddress a;
    a.m_kind = SUBNET;
    a.m_address = network;
    a.m_mask = mask;
    return a;
}

IpsecFilterAddress
IpsecFilterAddress::Dynamic(Kind kind)
{
    NS_ASSERT_MSG(kind == DNS || kind == WINS || kind == DHCP || kind == GATEWAY,
                  "not a dynamic address kind");
    IpsecFilterAddress a;
    a.m_kind = kind;
    a.m_mask = Ipv4Mask(~0u);
    return a;
}

bool
IpsecFilterAddress::IsDynamic() const
{
    return m_kind == DNS || m_kind == WINS || m_kind == DHCP || m_kind == GATEWAY;
}

IpsecFilterAddress
IpsecFilterAddress::Parse(const std::string& text, const std::string& field)
{
    std::string lower = Lower(text);
    if (lower == "any" || lower == "*")
    {
        return Any();
    }
    if (lower == "me")
    {
        return Me();
    }
    for (Kind kind : {DNS, WINS, DHCP, GATEWAY})
    {
        if (lower == Dynamic(kind).ToString())
        {
            return Dynamic(kind);
        }
    }
    size_t slash = text.find('/');
    auto address = ParseDotted(text.substr(0, slash));
    if (!address)
    {
        throw IpsecConfigError(field,
                               "'" + text +
                                   "' is not any, me, dns, wins, dhcp, gateway, an IPv4 address "
                                   "or a subnet");
    }
    if (slash == std::string::npos)
    {
        return Host(*address);
    }
    auto mask = ParseMask(text.substr(slash + 1));
    if (!mask)
    {
        throw IpsecConfigError(field, "'" + text.substr(slash + 1) + "' is not a mask");
    }
    IpsecFilterAddress result =
        mask->Get() == ~0u ? Host(*address) : Subnet(*address, *mask);
    std::string error = result.Validate(field);
    if (!error.empty())
    {
        throw IpsecConfigError(field, error.substr(field.size() + 2));
    }
    return result;
}

IpsecFilterAddress::Kind
IpsecFilterAddress::GetKind() const
{
    return m_kind;
}

Ipv4Address
IpsecFilterAddress::GetAddress() const
{
    return m_address;
}

Ipv4Mask
IpsecFilterAddress::GetMask() const
{
    return m_mask;
}

uint8_t
IpsecFilterAddress::GetPrefixLength() const
{
    return static_cast<uint8_t>(m_mask.GetPrefixLength());
}

bool
IpsecFilterAddress::IsGroupAddress(Ipv4Address address)
{
    return address.IsMulticast() || address.IsBroadcast();
}

bool
IpsecFilterAddress::IsMulticastOrBroadcast() const
{
    return m_kind == HOST && IsGroupAddress(m_address);
}

std::string
IpsecFilterAddress::Validate(const std::string& field) const
{
    if (m_kind == HOST && m_address == Ipv4Address::GetAny())
    {
        return field + ": 0.0.0.0 is not a host address (use any)";
    }
    if (m_kind == SUBNET)
    {
        if (!IsContiguous(m_mask.Get()))
        {
            return field + ": mask " + MaskText(m_mask) + " is not contiguous";
        }
        if ((m_address.Get() & ~m_mask.Get()) != 0)
        {
            std::ostringstream os;
            os << field << ": " << m_address << " has host bits set for mask "
               << MaskText(m_mask);
            return os.str();
        }
    }
    return "";
}

std::string
IpsecFilterAddress::ToString() const
{
    std::ostringstream os;
    switch (m_kind)
    {
    case ANY:
        return "any";
    case ME:
        return "me";
    case DNS:
        return "dns";
    case WINS:
        return "wins";
    case DHCP:
        return "dhcp";
    case GATEWAY:
        return "gateway";
    case HOST:
        os << m_address;
        break;
    case SUBNET:
        os << m_address << "/" << unsigned(GetPrefixLength());
        break;
    }
    return os.str();
}

bool
IpsecFilterAddress::operator==(const IpsecFilterAddress& other) const
{
    return m_kind == other.m_kind && m_address == other.m_address && m_mask == other.m_mask;
}

std::string
IpsecFilterActionToString(IpsecFilterAction action)
{
    switch (action)
    {
    case IpsecFilterAction::PERMIT:
        return "permit";
    case IpsecFilterAction::BLOCK:
        return "block";
    case IpsecFilterAction::NEGOTIATE:
        return "negotiate";
    }
    return "?";
}

std::optional<uint8_t>
IpsecParseProtocol(const std::string& text, const std::string& field)
{
    std::string lower = Lower(text);
    if (lower == "any")
    {
        return std::nullopt;
    }
    auto named = ProtocolNames().find(lower);
    if (named != ProtocolNames().end())
    {
        return named->second;
    }
    auto number = ParseNumber(text, 0, 255);
    if (!number)
    {
        throw IpsecConfigError(field,
                               "'" + text + "' is not a protocol name or a number 0-255");
    }
    return static_cast<uint8_t>(*number);
}

std::string
IpsecProtocolName(uint8_t protocol)
{
    for (const auto& [name, number] : ProtocolNames())
    {
        if (number == protocol)
        {
            return name;
        }
    }
    return std::to_string(protocol);
}

std::string
IpsecFilter::Validate() const
{
    for (const auto& [end, field] :
         {std::make_pair(&source, "srcaddr"), std::make_pair(&destination, "dstaddr")})
    {
        std::string error = end->Validate(field);
        if (!error.empty())
        {
            return error;
        }
    }
    if (source.IsMulticastOrBroadcast())
    {
        return "srcaddr: " + source.ToString() +
               " is a multicast or broadcast address, which is never a source";
    }
    // Windows Server 2003 matches multicast and broadcast only with filters whose source is
    // Any; one-way filters for specific multicast/broadcast traffic are not supported.
    if (destination.IsMulticastOrBroadcast() && source.GetKind() != IpsecFilterAddress::ANY)
    {
        return "srcaddr: a filter for the multicast/broadcast destination " +
               destination.ToString() +
               " must have source any (one-way multicast/broadcast filters are not supported)";
    }
    if (description.find('"') != std::string::npos)
    {
        return "description: must not contain '\"' (the text form quotes it)";
    }
    if ((fallbackToClear || inboundPassthrough) && action != IpsecFilterAction::NEGOTIATE)
    {
        return fallbackToClear ? "fallback: falling back to clear needs action negotiate"
                               : "passthrough: accepting clear traffic needs action negotiate";
    }
    if (tunnelEndpoint && action != IpsecFilterAction::NEGOTIATE)
    {
        return "tunnel: a tunnel endpoint needs action negotiate";
    }
    bool hasPorts = protocol && IpsecPacketSelector::ProtocolHasPorts(*protocol);
    for (const auto& [port, field] :
         {std::make_pair(&sourcePort, "srcport"), std::make_pair(&destinationPort, "dstport")})
    {
        if (!port->has_value())
        {
            continue;
        }
        if (**port == 0)
        {
            return std::string(field) + ": 0 is not a port (leave it empty for any)";
        }
        if (!hasPorts)
        {
            return std::string(field) + ": ports need protocol tcp or udp, not " +
                   (protocol ? IpsecProtocolName(*protocol) : std::string("any"));
        }
    }
    return "";
}

IpsecFilterAddress
IpsecFilterAddress::Parse(const std::string& text,
                          const std::string& field,
                          const Resolver& resolver)
{
    bool letter = false;
    bool nameChars = !text.empty();
    for (char c : text)
    {
        letter = letter || std::isalpha(static_cast<unsigned char>(c));
        nameChars = nameChars && (std::isalnum(static_cast<unsigned char>(c)) || c == '.' ||
                                  c == '-');
    }
    std::string lower = Lower(text);
    bool keyword = lower == "any" || lower == "me" || lower == "dns" || lower == "wins" ||
                   lower == "dhcp" || lower == "gateway";
    if (!resolver || keyword || !letter || !nameChars)
    {
        return Parse(text, field);
    }
    auto address = resolver(lower);
    if (!address)
    {
        throw IpsecConfigError(field, "cannot resolve the DNS name '" + text + "'");
    }
    return Host(*address);
}

IpsecFilter
IpsecFilter::Parse(const std::string& text)
{
    return Parse(text, nullptr);
}

IpsecFilter
IpsecFilter::Parse(const std::string& text, const IpsecFilterAddress::Resolver& resolver)
{
    NS_LOG_FUNCTION(text);
    IpsecFilter filter;
    std::optional<std::string> srcMask;
    std::optional<std::string> dstMask;
    bool sawAction = false;
    // A second value for a key is a mistake (which one was meant?), never a silent override.
    std::map<std::string, std::string> seen;
    for (const auto& [key, value] : SplitKeyValues(text))
    {
        auto [earlier, first] = seen.emplace(key, value);
        if (!first)
        {
            throw IpsecConfigError(key,
                                   "given twice ('" + earlier->second + "', then '" + value +
                                       "')");
        }
        if (key == "srcaddr")
        {
            filter.source = IpsecFilterAddress::Parse(value, key, resolver);
        }
        else if (key == "dstaddr")
        {
            filter.destination = IpsecFilterAddress::Parse(value, key, resolver);
        }
        else if (key == "srcmask")
        {
            srcMask = value;
        }
        else if (key == "dstmask")
        {
            dstMask = value;
        }
        else if (key == "protocol")
        {
            filter.protocol = IpsecParseProtocol(value, key);
        }
        else if (key == "srcport")
        {
            filter.sourcePort = ParsePort(value, key);
        }
        else if (key == "dstport")
        {
            filter.destinationPort = ParsePort(value, key);
        }
        else if (key == "mirrored")
        {
            filter.mirrored = ParseYesNo(value, key);
        }
        else if (key == "tunnel")
        {
            auto endpoint = ParseDotted(value);
            if (!endpoint || *endpoint == Ipv4Address::GetAny() ||
                IpsecFilterAddress::IsGroupAddress(*endpoint))
            {
                throw IpsecConfigError(key, "'" + value + "' is not a unicast IPv4 address");
            }
            filter.tunnelEndpoint = *endpoint;
        }
        else if (key == "description")
        {
            filter.description = value;
        }
        else if (key == "fallback")
        {
            filter.fallbackToClear = ParseYesNo(value, key);
        }
        else if (key == "passthrough")
        {
            filter.inboundPassthrough = ParseYesNo(value, key);
        }
        else if (key == "action")
        {
            std::string lower = Lower(value);
            if (lower == "permit")
            {
                filter.action = IpsecFilterAction::PERMIT;
            }
            else if (lower == "block")
            {
                filter.action = IpsecFilterAction::BLOCK;
            }
            else if (lower == "negotiate")
            {
                filter.action = IpsecFilterAction::NEGOTIATE;
            }
            else
            {
                throw IpsecConfigError(key,
                                       "'" + value + "' is not permit, block or negotiate");
            }
            sawAction = true;
        }
        else
        {
            throw IpsecConfigError(key,
                                   "unknown key (expected srcaddr, srcmask, dstaddr, dstmask, "
                                   "protocol, srcport, dstport, mirrored, action, tunnel, "
                                   "fallback, passthrough, description)");
        }
    }
    if (!sawAction)
    {
        throw IpsecConfigError("action", "missing (permit, block or negotiate)");
    }
    // netsh gives the mask as its own field; apply it to a host address.
    for (auto [mask, end, field] : {std::make_tuple(&srcMask, &filter.source, "srcmask"),
                                    std::make_tuple(&dstMask, &filter.destination, "dstmask")})
    {
        if (!mask->has_value())
        {
            continue;
        }
        if (end->GetKind() != IpsecFilterAddress::HOST)
        {
            throw IpsecConfigError(field, "a mask needs a specific address, not " +
                                              end->ToString());
        }
        auto parsed = ParseMask(**mask);
        if (!parsed)
        {
            throw IpsecConfigError(field, "'" + **mask + "' is not a mask");
        }
        if (parsed->Get() != ~0u)
        {
            *end = IpsecFilterAddress::Subnet(end->GetAddress(), *parsed);
        }
    }
    std::string error = filter.Validate();
    if (!error.empty())
    {
        throw IpsecConfigError::FromMessage(error);
    }
    return filter;
}

std::string
IpsecFilter::ToString() const
{
    std::ostringstream os;
    os << "srcaddr=" << source.ToString() << " dstaddr=" << destination.ToString()
       << " protocol=" << (protocol ? IpsecProtocolName(*protocol) : "any");
    if (sourcePort)
    {
        os << " srcport=" << *sourcePort;
    }
    if (destinationPort)
    {
        os << " dstport=" << *destinationPort;
    }
    os << " mirrored=" << (mirrored ? "yes" : "no")
       << " action=" << IpsecFilterActionToString(action);
    if (fallbackToClear)
    {
        os << " fallback=yes";
    }
    if (inboundPassthrough)
    {
        os << " passthrough=yes";
    }
    if (tunnelEndpoint)
    {
        os << " tunnel=" << *tunnelEndpoint;
    }
    if (!description.empty())
    {
        os << " description=\"" << description << "\"";
    }
    return os.str();
}

std::ostream&
operator<<(std::ostream& os, const IpsecFilter& filter)
{
    return os << filter.ToString();
}

} // namespace ns3
