/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ipsec-dhcp-tracker.h"

#include "ns3/ipv4-routing-table-entry.h"
#include "ns3/ipv4-static-routing-helper.h"
#include "ns3/ipv4.h"
#include "ns3/log.h"
#include "ns3/node.h"
#include "ns3/simulator.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("IpsecDhcpTracker");
NS_OBJECT_ENSURE_REGISTERED(IpsecDhcpTracker);

TypeId
IpsecDhcpTracker::GetTypeId()
{
    static TypeId tid = TypeId("ns3::IpsecDhcpTracker")
                            .SetParent<Object>()
                            .SetGroupName("Ipsec")
                            .AddConstructor<IpsecDhcpTracker>();
    return tid;
}

void
IpsecDhcpTracker::Track(Ptr<DhcpClient> client)
{
    NS_ABORT_MSG_UNLESS(client && client->GetNode(), "IpsecDhcpTracker: client without a node");
    Follow(client->GetNode(), [client]() { return client->GetDhcpServer(); });
    client->TraceConnectWithoutContext("NewLease",
                                       MakeCallback(&IpsecDhcpTracker::OnNewLease, this));
}

void
IpsecDhcpTracker::Track(Ptr<MediaSenseDhcpClient> client)
{
    NS_ABORT_MSG_UNLESS(client && client->GetNode(), "IpsecDhcpTracker: client without a node");
    Follow(client->GetNode(), [client]() { return client->GetDhcpServer(); });
    client->TraceConnectWithoutContext("NewLease",
                                       MakeCallback(&IpsecDhcpTracker::OnNewLease, this));
}

void
IpsecDhcpTracker::Follow(Ptr<Node> node, std::function<Ipv4Address()> server)
{
    m_driver = node->GetObject<IpsecDriver>();
    NS_ABORT_MSG_UNLESS(m_driver, "IpsecDhcpTracker: the client's node has no IPsec driver");
    m_node = node;
    m_server = std::move(server);
}

void
IpsecDhcpTracker::SetServerOptions(Ipv4Address server, const IpsecLeaseOptions& options)
{
    m_options[server] = options;
}

uint32_t
IpsecDhcpTracker::GetLeases() const
{
    return m_leases;
}

void
IpsecDhcpTracker::DoDispose()
{
    // Drops the client the server reader holds (the client's node holds this tracker).
    m_server = nullptr;
    m_node = nullptr;
    m_driver = nullptr;
    Object::DoDispose();
}

void
IpsecDhcpTracker::OnNewLease(const Ipv4Address& /* address */)
{
    ++m_leases;
    // DhcpClient fires NewLease before it installs the lease's default route: read the
    // configuration once it is complete, later in this same instant.
    Simulator::ScheduleNow(&IpsecDhcpTracker::Update, this);
}

void
IpsecDhcpTracker::Update()
{
    if (!m_server || !m_driver)
    {
        return;
    }
    Ipv4Address server = m_server();
    std::vector<Ipv4Address> gateway;
    Ptr<Ipv4> ipv4 = m_node->GetObject<Ipv4>();
    Ptr<Ipv4StaticRouting> routing = Ipv4StaticRoutingHelper().GetStaticRouting(ipv4);
    if (routing)
    {
        Ipv4Address gw = routing->GetDefaultRoute().GetGateway();
        if (gw != Ipv4Address::GetAny())
        {
            gateway.push_back(gw);
        }
    }
    IpsecLeaseOptions options;
    auto it = m_options.find(server);
    if (it != m_options.end())
    {
        options = it->second;
    }
    NS_LOG_INFO("lease from " << server << ": gateway "
                              << (gateway.empty() ? Ipv4Address::GetAny() : gateway[0]) << ", "
                              << options.dns.size() << " DNS, " << options.wins.size() << " WINS");
    m_driver->SetLeaseServers(IpsecFilterAddress::DHCP, {server});
    m_driver->SetLeaseServers(IpsecFilterAddress::GATEWAY, gateway);
    m_driver->SetLeaseServers(IpsecFilterAddress::DNS, options.dns);
    m_driver->SetLeaseServers(IpsecFilterAddress::WINS, options.wins);
}

} // namespace ns3
