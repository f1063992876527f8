/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ipsec-exemptions.h"

#include "ipsec-config-error.h"

namespace ns3
{

namespace
{

constexpr uint8_t PROTOCOL_TCP = 6;
constexpr uint8_t PROTOCOL_UDP = 17;
constexpr uint8_t PROTOCOL_RSVP = 46;
constexpr uint16_t PORT_KERBEROS = 88;
constexpr uint16_t PORT_IKE = 500;

bool
HasPort(const IpsecPacketSelector& s, uint16_t port)
{
    return s.sourcePort == port || s.destinationPort == port;
}

} // namespace

std::string
IpsecExemptionKindToString(IpsecExemptionKind kind)
{
    switch (kind)
    {
    case IpsecExemptionKind::IKE:
        return "ike";
    case IpsecExemptionKind::KERBEROS:
        return "kerberos";
    case IpsecExemptionKind::RSVP:
        return "rsvp";
    case IpsecExemptionKind::MULTICAST:
        return "multicast";
    case IpsecExemptionKind::BROADCAST:
        return "broadcast";
    }
    return "?";
}

std::ostream&
operator<<(std::ostream& os, IpsecExemptionKind kind)
{
    return os << IpsecExemptionKindToString(kind);
}

bool
IpsecExemptionModeCovers(int mode, IpsecExemptionKind kind)
{
    switch (kind)
    {
    case IpsecExemptionKind::IKE:
        return true; // every value keeps IKE exempt: key management must reach its peer
    case IpsecExemptionKind::KERBEROS:
    case IpsecExemptionKind::RSVP:
        return mode == 0 || mode == 2;
    case IpsecExemptionKind::MULTICAST:
    case IpsecExemptionKind::BROADCAST:
        return mode == 0 || mode == 1;
    }
    return false;
}

void
IpsecCheckExemptionMode(int mode, const std::string& field)
{
    if (mode < IPSEC_EXEMPTION_MODE_MIN || mode > IPSEC_EXEMPTION_MODE_MAX)
    {
        throw IpsecConfigError(field,
                               std::to_string(mode) +
                                   " is not a NoDefaultExempt value (0, 1, 2 or 3)");
    }
}

bool
IpsecIsMulticast(Ipv4Address address)
{
    return (address.Get() & 0xf0000000u) == 0xe0000000u;
}

std::optional<IpsecExemptionKind>
IpsecClassifyExemption(int mode,
                       const IpsecPacketSelector& selector,
                       IpsecDestinationKind destination)
{
    auto covered = [mode](IpsecExemptionKind kind) -> std::optional<IpsecExemptionKind> {
        if (IpsecExemptionModeCovers(mode, kind))
        {
            return kind;
        }
        return std::nullopt;
    };
    std::optional<IpsecExemptionKind> kind;
    if (selector.protocol == PROTOCOL_UDP && HasPort(selector, PORT_IKE))
    {
        kind = covered(IpsecExemptionKind::IKE);
    }
    if (!kind && (selector.protocol == PROTOCOL_UDP || selector.protocol == PROTOCOL_TCP) &&
        HasPort(selector, PORT_KERBEROS))
    {
        kind = covered(IpsecExemptionKind::KERBEROS);
    }
    if (!kind && selector.protocol == PROTOCOL_RSVP)
    {
        kind = covered(IpsecExemptionKind::RSVP);
    }
    if (!kind && destination == IpsecDestinationKind::MULTICAST)
    {
        kind = covered(IpsecExemptionKind::MULTICAST);
    }
    if (!kind && destination == IpsecDestinationKind::BROADCAST)
    {
        kind = covered(IpsecExemptionKind::BROADCAST);
    }
    return kind;
}

} // namespace ns3
