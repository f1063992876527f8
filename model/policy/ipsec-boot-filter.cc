/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ipsec-boot-filter.h"

#include "ns3/log.h"

#include <algorithm>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("IpsecBootFilter");

void
IpsecBootFilter::SetExemptions(std::vector<IpsecBootExemption> exemptions)
{
    NS_LOG_FUNCTION(this << exemptions.size());
    m_exemptions = std::move(exemptions);
}

const std::vector<IpsecBootExemption>&
IpsecBootFilter::GetExemptions() const
{
    return m_exemptions;
}

bool
IpsecBootFilter::IsDhcp(const IpsecPacketSelector& s)
{
    auto dhcpPort = [](uint16_t port) { return port == 67 || port == 68; };
    return s.protocol == 17 && dhcpPort(s.sourcePort) && dhcpPort(s.destinationPort);
}

bool
IpsecBootFilter::IsReply(const IpsecPacketSelector& s) const
{
    FlowKey reverse{s.destination.Get(),
                    s.source.Get(),
                    s.protocol,
                    s.destinationPort,
                    s.sourcePort};
    return m_flows.count(reverse) != 0;
}

void
IpsecBootFilter::Remember(const IpsecPacketSelector& s)
{
    m_flows.insert(FlowKey{s.source.Get(), s.destination.Get(), s.protocol, s.sourcePort,
                           s.destinationPort});
}

IpsecBootFilter::Verdict
IpsecBootFilter::Judge(IpsecBootMode mode,
                       IpsecDirection direction,
                       const IpsecPacketSelector& selector) const
{
    if (mode == IpsecBootMode::PERMIT || IsDhcp(selector))
    {
        return PASS;
    }
    bool arriving = direction != IpsecDirection::OUTBOUND;
    bool exempt = std::any_of(m_exemptions.begin(), m_exemptions.end(), [&](const auto& e) {
        return e.Matches(selector, arriving);
    });
    if (exempt || (mode == IpsecBootMode::STATEFUL && !arriving))
    {
        return PASS_AND_REMEMBER;
    }
    if (IsReply(selector))
    {
        return PASS;
    }
    NS_LOG_LOGIC("start-up filtering blocks " << direction << " " << selector);
    return BLOCK;
}

void
IpsecBootFilter::SetPolicyApplyTime(Time when)
{
    NS_LOG_FUNCTION(this << when);
    m_policyApplyTime = when;
}

Time
IpsecBootFilter::GetPolicyApplyTime() const
{
    return m_policyApplyTime;
}

void
IpsecBootFilter::SetSafeMode(bool safeMode)
{
    NS_LOG_FUNCTION(this << safeMode);
    m_safeMode = safeMode;
}

bool
IpsecBootFilter::GetSafeMode() const
{
    return m_safeMode;
}

void
IpsecBootFilter::ForgetFlows()
{
    NS_LOG_FUNCTION(this << m_flows.size());
    m_flows.clear();
}

size_t
IpsecBootFilter::GetNFlows() const
{
    return m_flows.size();
}

} // namespace ns3
