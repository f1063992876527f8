/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ipsec-policy-decider.h"

#include "ns3/log.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("IpsecPolicyDecider");

std::ostream&
operator<<(std::ostream& os, IpsecPolicyVerdict::Kind kind)
{
    static const char* const names[] = {"boot-pass",
                                        "boot-block",
                                        "exempt",
                                        "permit",
                                        "block",
                                        "group-negotiate",
                                        "clear-by-soft-sa",
                                        "protect",
                                        "negotiate",
                                        "no-sa",
                                        "transport-forwarded",
                                        "passthrough",
                                        "unprotected"};
    return os << (kind < sizeof(names) / sizeof(names[0]) ? names[kind] : "?");
}

IpsecPolicyDecider::IpsecPolicyDecider(const IpsecSpd& spd,
                                       const IpsecOsProfileConfig& os,
                                       const IpsecBootFilter& boot,
                                       const IpsecHostConfig& host,
                                       const IpsecSaManager& sas)
    : m_spd(spd),
      m_os(os),
      m_boot(boot),
      m_host(host),
      m_sas(sas)
{
}

bool
IpsecPolicyDecider::DecideBeforeSpd(IpsecDirection direction,
                                    const IpsecPacketSelector& selector,
                                    IpsecDestinationKind& destination,
                                    IpsecPolicyVerdict& verdict) const
{
    if (m_boot.IsActive())
    {
        // Start-up filtering alone decides; default exemptions do not act yet.
        switch (m_boot.Judge(m_os.GetBootMode(), direction, selector))
        {
        case IpsecBootFilter::BLOCK:
            verdict.kind = IpsecPolicyVerdict::BOOT_BLOCK;
            break;
        case IpsecBootFilter::PASS:
            verdict.kind = IpsecPolicyVerdict::BOOT_PASS;
            break;
        case IpsecBootFilter::PASS_AND_REMEMBER:
            verdict.kind = IpsecPolicyVerdict::BOOT_PASS;
            verdict.rememberFlow = true;
            break;
        }
        return true;
    }
    destination = m_host.ClassifyDestination(selector.destination);
    // NAT-T IKE (RFC 3947) is IKE: UDP from this node's port 4500 out, to it in (not routed
    // traffic: only the node's own IKE). Only this node's end counts (the peer's is whatever
    // a NAT made of its 4500), so a stranger's datagram from port 4500 to another port is
    // filtered as any UDP. Its ESP on 4500 never gets here: its SA decides.
    constexpr uint8_t udp = 17;
    constexpr uint16_t natTPort = 4500;
    uint16_t ownPort =
        direction == IpsecDirection::INBOUND ? selector.destinationPort : selector.sourcePort;
    if (direction != IpsecDirection::FORWARD && selector.protocol == udp && ownPort == natTPort)
    {
        verdict.kind = IpsecPolicyVerdict::EXEMPT;
        verdict.exemption = IpsecExemptionKind::IKE;
        return true;
    }
    auto exemption = IpsecClassifyExemption(m_os.GetEffectiveExemptions(), selector, destination);
    if (exemption)
    {
        verdict.kind = IpsecPolicyVerdict::EXEMPT;
        verdict.exemption = *exemption;
        return true;
    }
    return false;
}

IpsecPolicyVerdict
IpsecPolicyDecider::DecideOutbound(IpsecDirection direction,
                                   const IpsecPacketSelector& selector) const
{
    IpsecPolicyVerdict verdict = DecideOutboundSteps(direction, selector);
    NS_LOG_LOGIC(direction << " " << selector << ": " << verdict.kind << " (filter "
                           << verdict.FilterId() << ")");
    return verdict;
}

IpsecPolicyVerdict
IpsecPolicyDecider::DecideInboundClear(const IpsecPacketSelector& selector) const
{
    IpsecPolicyVerdict verdict = DecideInboundClearSteps(selector);
    NS_LOG_LOGIC("inbound clear " << selector << ": " << verdict.kind << " (filter "
                                  << verdict.FilterId() << ")");
    return verdict;
}

IpsecPolicyVerdict
IpsecPolicyDecider::DecideOutboundSteps(IpsecDirection direction,
                                        const IpsecPacketSelector& selector) const
{
    IpsecPolicyVerdict verdict;
    IpsecDestinationKind destination = IpsecDestinationKind::UNICAST;
    if (DecideBeforeSpd(direction, selector, destination, verdict))
    {
        return verdict;
    }
    const IpsecSpdEntry* entry = m_spd.Lookup(selector);
    verdict.entry = entry;
    if (!entry)
    {
        return verdict; // no filter: Windows passes what no filter covers
    }
    switch (entry->filter.action)
    {
    case IpsecFilterAction::PERMIT:
        return verdict;
    case IpsecFilterAction::BLOCK:
        verdict.kind = IpsecPolicyVerdict::BLOCK;
        return verdict;
    case IpsecFilterAction::NEGOTIATE:
        break;
    }
    if (destination != IpsecDestinationKind::UNICAST)
    {
        // No SA can serve a group: drop without asking key management (Server 2003).
        verdict.kind = IpsecPolicyVerdict::GROUP_NEGOTIATE;
        return verdict;
    }
    verdict.peer = entry->filter.tunnelEndpoint.value_or(selector.destination);
    verdict.sa = m_sas.GetSad().FindOutbound(entry->id, verdict.peer);
    if (!verdict.sa)
    {
        if (m_sas.HasSoftSa(entry->id, verdict.peer))
        {
            // The peer gave no IKE answer and the filter allows it: clear, through the soft SA.
            verdict.kind = IpsecPolicyVerdict::CLEAR_BY_SOFT_SA;
        }
        // A node without an address yet (ns-3's DhcpClient gives the interface 0.0.0.0/0 while
        // it asks for a lease, so packets leave from 0.0.0.0) cannot negotiate: IKE would fail
        // for want of a route and, with fallback allowed, put a soft SA in place that outlives
        // the lease. Windows has no address to send from at all then.
        else if (m_sas.HasKeyManager() && selector.source != Ipv4Address::GetAny())
        {
            verdict.kind = IpsecPolicyVerdict::NEGOTIATE;
        }
        else
        {
            verdict.kind = IpsecPolicyVerdict::NO_SA;
        }
        return verdict;
    }
    if (direction == IpsecDirection::FORWARD && verdict.sa->GetConfig().mode != IpsecMode::TUNNEL)
    {
        // Transport mode protects only a node's own traffic.
        verdict.kind = IpsecPolicyVerdict::TRANSPORT_FORWARDED;
        return verdict;
    }
    verdict.kind = IpsecPolicyVerdict::PROTECT;
    return verdict;
}

IpsecPolicyVerdict
IpsecPolicyDecider::DecideInboundClearSteps(const IpsecPacketSelector& selector) const
{
    IpsecPolicyVerdict verdict;
    IpsecDestinationKind destination = IpsecDestinationKind::UNICAST;
    if (DecideBeforeSpd(IpsecDirection::INBOUND, selector, destination, verdict))
    {
        return verdict;
    }
    const IpsecSpdEntry* entry =
        destination == IpsecDestinationKind::UNICAST
            ? m_spd.Lookup(selector)
            : m_spd.LookupGroup(selector, m_host.GroupReceivers(selector.destination));
    verdict.entry = entry;
    if (!entry)
    {
        return verdict;
    }
    switch (entry->filter.action)
    {
    case IpsecFilterAction::PERMIT:
        return verdict;
    case IpsecFilterAction::BLOCK:
        verdict.kind = IpsecPolicyVerdict::BLOCK;
        return verdict;
    case IpsecFilterAction::NEGOTIATE:
        break;
    }
    if (destination != IpsecDestinationKind::UNICAST)
    {
        verdict.kind = IpsecPolicyVerdict::GROUP_NEGOTIATE;
        return verdict;
    }
    verdict.peer = entry->filter.tunnelEndpoint.value_or(selector.source);
    if (m_sas.HasSoftSa(entry->id, verdict.peer))
    {
        verdict.kind = IpsecPolicyVerdict::CLEAR_BY_SOFT_SA;
    }
    else if (entry->filter.inboundPassthrough)
    {
        // "Accept unsecured communication, but always respond using IPsec": the reply meets
        // the same filter outbound and needs SAs.
        verdict.kind = IpsecPolicyVerdict::PASSTHROUGH;
    }
    else
    {
        verdict.kind = IpsecPolicyVerdict::UNPROTECTED;
    }
    return verdict;
}

} // namespace ns3
