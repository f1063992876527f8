/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ipsec-nat-keepalive.h"

#include "ns3/log.h"
#include "ns3/simulator.h"

#include <algorithm>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("IpsecNatKeepalive");

IpsecNatKeepalive::~IpsecNatKeepalive()
{
    Clear();
}

void
IpsecNatKeepalive::SetSender(Sender sender)
{
    m_sender = std::move(sender);
}

void
IpsecNatKeepalive::SetInterval(Time interval)
{
    m_interval = interval;
}

Time
IpsecNatKeepalive::GetInterval() const
{
    return m_interval;
}

void
IpsecNatKeepalive::Track(const Ptr<IpsecSa>& sa)
{
    const IpsecSaConfig& config = sa->GetConfig();
    if (sa->IsInbound() || !config.IsUdpEncapsulated() || !m_interval.IsStrictlyPositive())
    {
        return;
    }
    Key key{config.source.Get(),
            config.encapSourcePort,
            config.destination.Get(),
            config.encapDestinationPort};
    Path& path = m_paths[key];
    if (path.sas.empty())
    {
        path.timer = Simulator::Schedule(m_interval, &IpsecNatKeepalive::Tick, this, key);
    }
    path.sas.push_back(sa);
}

void
IpsecNatKeepalive::Tick(Key key)
{
    auto it = m_paths.find(key);
    if (it == m_paths.end())
    {
        return;
    }
    auto& sas = it->second.sas;
    sas.erase(std::remove_if(sas.begin(),
                             sas.end(),
                             [](const Ptr<IpsecSa>& sa) {
                                 return sa->GetState() == IpsecSaState::DEAD;
                             }),
              sas.end());
    if (sas.empty())
    {
        NS_LOG_INFO("no SA left on the path: keepalives stop");
        m_paths.erase(it);
        return;
    }
    if (m_sender)
    {
        m_sender(Ipv4Address(std::get<0>(key)),
                 std::get<1>(key),
                 Ipv4Address(std::get<2>(key)),
                 std::get<3>(key));
    }
    it->second.timer = Simulator::Schedule(m_interval, &IpsecNatKeepalive::Tick, this, key);
}

size_t
IpsecNatKeepalive::GetNPaths() const
{
    return m_paths.size();
}

void
IpsecNatKeepalive::Clear()
{
    for (auto& entry : m_paths)
    {
        entry.second.timer.Cancel();
    }
    m_paths.clear();
}

} // namespace ns3
