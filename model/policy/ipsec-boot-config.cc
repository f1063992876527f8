/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ipsec-boot-config.h"

#include "ns3/log.h"

#include "ipsec-config-error.h"
#include "ipsec-filter.h"

#include <algorithm>
#include <cctype>
#include <sstream>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("IpsecBootConfig");

namespace
{

std::string
Lower(std::string text)
{
    std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) {
        return static_cast<char>(std::tolower(c));
    });
    return text;
}

std::string
Upper(std::string text)
{
    std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) {
        return static_cast<char>(std::toupper(c));
    });
    return text;
}

/** The error for one entry: the field is always "bootexemptions", the message names the rest. */
IpsecConfigError
EntryError(const std::string& entry, const std::string& field, const std::string& message)
{
    return IpsecConfigError("bootexemptions",
                            "entry \"" + entry + "\": " + field + ": " + message);
}

std::optional<uint16_t>
ParsePort(const std::string& entry, const std::string& text, const std::string& field)
{
    if (Lower(text) == "any")
    {
        return std::nullopt;
    }
    bool digits = !text.empty() && text.size() <= 5 &&
                  std::all_of(text.begin(), text.end(), [](unsigned char c) {
                      return std::isdigit(c) != 0;
                  });
    unsigned long value = digits ? std::stoul(text) : 0;
    if (!digits || value > 65535)
    {
        throw EntryError(entry, field, "'" + text + "' is not a port (0-65535 or any)");
    }
    if (value == 0)
    {
        return std::nullopt; // netsh writes "any" as 0
    }
    return static_cast<uint16_t>(value);
}

bool
ParseDirection(const std::string& entry, const std::string& text)
{
    std::string lower = Lower(text);
    if (lower == "inbound")
    {
        return true;
    }
    if (lower == "outbound")
    {
        return false;
    }
    throw EntryError(entry, "direction", "'" + text + "' is not inbound or outbound");
}

IpsecBootExemption
ParseEntry(const std::string& entry)
{
    std::vector<std::string> fields;
    std::istringstream in(entry);
    for (std::string f; std::getline(in, f, ':');)
    {
        fields.push_back(f);
    }
    if (!entry.empty() && entry.back() == ':')
    {
        fields.emplace_back(); // a trailing colon leaves an empty last field
    }
    if (fields.size() != 2 && fields.size() != 4)
    {
        throw EntryError(entry,
                         "format",
                         "expected PROTOCOL:SRCPORT:DSTPORT:DIRECTION or PROTOCOL:DIRECTION");
    }
    IpsecBootExemption e;
    try
    {
        e.protocol = IpsecParseProtocol(fields[0], "protocol");
    }
    catch (const IpsecConfigError&)
    {
        throw EntryError(entry,
                         "protocol",
                         "'" + fields[0] + "' is not a protocol name or a number 0-255");
    }
    bool hasPorts = e.protocol && IpsecPacketSelector::ProtocolHasPorts(*e.protocol);
    if (hasPorts && fields.size() != 4)
    {
        throw EntryError(entry,
                         "format",
                         fields[0] + " needs PROTOCOL:SRCPORT:DSTPORT:DIRECTION");
    }
    if (!hasPorts && fields.size() != 2)
    {
        throw EntryError(entry,
                         "srcport",
                         "ports need TCP or UDP; use " + fields[0] + ":DIRECTION");
    }
    if (hasPorts)
    {
        e.sourcePort = ParsePort(entry, fields[1], "srcport");
        e.destinationPort = ParsePort(entry, fields[2], "dstport");
    }
    e.inbound = ParseDirection(entry, fields.back());
    return e;
}

} // namespace

std::string
IpsecBootModeToString(IpsecBootMode mode)
{
    switch (mode)
    {
    case IpsecBootMode::STATEFUL:
        return "stateful";
    case IpsecBootMode::BLOCK:
        return "block";
    case IpsecBootMode::PERMIT:
        return "permit";
    }
    return "?";
}

IpsecBootMode
IpsecParseBootMode(const std::string& text, const std::string& field)
{
    std::string lower = Lower(text);
    for (IpsecBootMode mode :
         {IpsecBootMode::STATEFUL, IpsecBootMode::BLOCK, IpsecBootMode::PERMIT})
    {
        if (lower == IpsecBootModeToString(mode))
        {
            return mode;
        }
    }
    throw IpsecConfigError(field, "'" + text + "' is not stateful, block or permit");
}

bool
IpsecBootExemption::Matches(const IpsecPacketSelector& s, bool inboundPacket) const
{
    return inbound == inboundPacket && (!protocol || *protocol == s.protocol) &&
           (!sourcePort || *sourcePort == s.sourcePort) &&
           (!destinationPort || *destinationPort == s.destinationPort);
}

std::string
IpsecBootExemption::ToString() const
{
    std::string text = protocol ? Upper(IpsecProtocolName(*protocol)) : "ANY";
    if (protocol && IpsecPacketSelector::ProtocolHasPorts(*protocol))
    {
        text += ":" + (sourcePort ? std::to_string(*sourcePort) : std::string("any"));
        text += ":" + (destinationPort ? std::to_string(*destinationPort) : std::string("any"));
    }
    return text + (inbound ? ":inbound" : ":outbound");
}

bool
IpsecBootExemption::operator==(const IpsecBootExemption& o) const
{
    return protocol == o.protocol && sourcePort == o.sourcePort &&
           destinationPort == o.destinationPort && inbound == o.inbound;
}

std::vector<IpsecBootExemption>
IpsecParseBootExemptions(const std::string& text)
{
    NS_LOG_FUNCTION(text);
    std::vector<std::string> entries;
    std::istringstream in(text);
    for (std::string entry; in >> entry;)
    {
        entries.push_back(entry);
    }
    if (entries.size() == 1 && Lower(entries[0]) == "none")
    {
        return {};
    }
    std::vector<IpsecBootExemption> exemptions;
    for (size_t i = 0; i < entries.size(); ++i)
    {
        const std::string& entry = entries[i];
        if (Lower(entry) == "none")
        {
            throw EntryError(entry, "format", "none cannot be combined with other entries");
        }
        IpsecBootExemption e = ParseEntry(entry);
        // The same exemption twice, however spelt (case, 0 for any, a protocol number for its
        // name), is a mistake: say which earlier entry it repeats.
        auto same = std::find(exemptions.begin(), exemptions.end(), e);
        if (same != exemptions.end())
        {
            const std::string& earlier = entries[same - exemptions.begin()];
            throw IpsecConfigError("bootexemptions",
                                   "entry \"" + entry + "\": listed twice" +
                                       (earlier == entry ? ""
                                                         : " (same as \"" + earlier + "\")"));
        }
        exemptions.push_back(e);
    }
    return exemptions;
}

std::string
IpsecBootExemptionsToString(const std::vector<IpsecBootExemption>& exemptions)
{
    if (exemptions.empty())
    {
        return "none";
    }
    std::string text;
    for (const auto& e : exemptions)
    {
        text += (text.empty() ? "" : " ") + e.ToString();
    }
    return text;
}

} // namespace ns3
