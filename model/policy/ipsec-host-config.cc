/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ipsec-host-config.h"

#include "ns3/log.h"

#include "ipsec-config-error.h"

#include "ns3/ipv4.h"
#include "ns3/loopback-net-device.h"

#include <algorithm>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("IpsecHostConfig");

void
IpsecHostConfig::SetHostAddress(const std::string& name, Ipv4Address address)
{
    NS_LOG_FUNCTION(this << name << address);
    std::string lower = name;
    std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) {
        return static_cast<char>(std::tolower(c));
    });
    m_hosts[lower] = address;
}

std::optional<Ipv4Address>
IpsecHostConfig::Resolve(const std::string& name) const
{
    auto it = m_hosts.find(name);
    return it == m_hosts.end() ? std::optional<Ipv4Address>() : it->second;
}

void
IpsecHostConfig::SetHostServers(IpsecFilterAddress::Kind kind,
                                const std::vector<Ipv4Address>& servers)
{
    if (!IpsecFilterAddress::Dynamic(kind).IsDynamic())
    {
        throw IpsecConfigError("kind", "not a dynamic address kind");
    }
    NS_LOG_FUNCTION(this << IpsecFilterAddress::Dynamic(kind).ToString() << servers.size());
    m_hostServers[kind] = servers;
}

void
IpsecHostConfig::SetLeaseServers(IpsecFilterAddress::Kind kind,
                                 const std::vector<Ipv4Address>& servers)
{
    if (!IpsecFilterAddress::Dynamic(kind).IsDynamic())
    {
        throw IpsecConfigError("kind", "not a dynamic address kind");
    }
    NS_LOG_FUNCTION(this << IpsecFilterAddress::Dynamic(kind).ToString() << servers.size());
    m_leaseServers[kind] = servers;
}

std::vector<Ipv4Address>
IpsecHostConfig::GetServers(IpsecFilterAddress::Kind kind) const
{
    auto manual = m_hostServers.find(kind);
    if (manual != m_hostServers.end() && !manual->second.empty())
    {
        return manual->second;
    }
    auto lease = m_leaseServers.find(kind);
    return lease == m_leaseServers.end() ? std::vector<Ipv4Address>{} : lease->second;
}

std::vector<Ipv4Address>
IpsecHostConfig::ReadInterfaces(const Ptr<Ipv4>& ipv4)
{
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
    NS_LOG_LOGIC("interfaces hold " << addresses.size() << " addresses");
    return addresses;
}

std::vector<Ipv4Address>
IpsecHostConfig::GroupReceivers(Ipv4Address destination) const
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

} // namespace ns3
