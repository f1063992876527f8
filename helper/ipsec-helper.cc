/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ipsec-helper.h"

#include "ns3/arp-l3-protocol.h"
#include "ns3/icmpv4-l4-protocol.h"
#include "ns3/ipsec-forwarding-guard.h"
#include "ns3/ipsec-ipv4-l3-protocol.h"
#include "ns3/ipsec-traffic-control-layer.h"
#include "ns3/ipv4-global-routing-helper.h"
#include "ns3/ipv4-list-routing-helper.h"
#include "ns3/ipv4-list-routing.h"
#include "ns3/ipv4-static-routing-helper.h"
#include "ns3/log.h"
#include "ns3/packet-socket-factory.h"
#include "ns3/tcp-l4-protocol.h"
#include "ns3/udp-l4-protocol.h"

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
}

IpsecHelper::~IpsecHelper() = default;

IpsecHelper::IpsecHelper(const IpsecHelper& o)
    : m_routing(o.m_routing->Copy())
{
}

IpsecHelper&
IpsecHelper::operator=(const IpsecHelper& o)
{
    if (this != &o)
    {
        m_routing.reset(o.m_routing->Copy());
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
    NS_ABORT_MSG_IF(node->GetObject<Ipv4>(),
                    "IpsecHelper::Install: node " << node->GetId()
                                                  << " already has an IPv4 stack; install the "
                                                     "IPsec stack instead of InternetStackHelper");
    // The steps of InternetStackHelper::Install, with the IPsec subclasses in place of
    // Ipv4L3Protocol and TrafficControlLayer (that helper hard-codes their TypeIds).
    node->AggregateObject(CreateObject<ArpL3Protocol>());
    node->AggregateObject(CreateObject<IpsecIpv4L3Protocol>());
    node->AggregateObject(CreateObject<Icmpv4L4Protocol>());
    node->AggregateObject(CreateObject<IpsecDriver>());

    Ptr<Ipv4RoutingProtocol> routing = m_routing->Create(node);
    Ptr<Ipv4ListRouting> list = DynamicCast<Ipv4ListRouting>(routing);
    if (!list)
    {
        list = CreateObject<Ipv4ListRouting>();
        list->AddRoutingProtocol(routing, 0);
    }
    list->AddRoutingProtocol(CreateObject<IpsecForwardingGuard>(),
                             IpsecForwardingGuard::PRIORITY);
    node->GetObject<Ipv4>()->SetRoutingProtocol(list);

    node->AggregateObject(CreateObject<IpsecTrafficControlLayer>());
    node->AggregateObject(CreateObject<UdpL4Protocol>());
    node->AggregateObject(CreateObject<TcpL4Protocol>());
    node->AggregateObject(CreateObject<PacketSocketFactory>());
    node->GetObject<ArpL3Protocol>()->SetTrafficControl(node->GetObject<TrafficControlLayer>());
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
    IpsecFilter filter = IpsecFilter::Parse(text);
    for (auto it = nodes.Begin(); it != nodes.End(); ++it)
    {
        GetDriver(*it)->AddFilter(filter);
    }
}

void
IpsecHelper::PrintPolicy(Ptr<Node> node, std::ostream& os)
{
    Ptr<IpsecDriver> driver = GetDriver(node);
    os << "node " << node->GetId() << " IPsec filters (evaluation order):\n";
    driver->PrintFilters(os);
    const IpsecDriverCounters& c = driver->GetCounters();
    os << "node " << node->GetId() << " counters: permitted out/in/fwd "
       << c.Permitted(IpsecDirection::OUTBOUND) << "/" << c.Permitted(IpsecDirection::INBOUND)
       << "/" << c.Permitted(IpsecDirection::FORWARD) << ", dropped";
    for (size_t r = 0; r < IPSEC_DROP_REASON_COUNT; ++r)
    {
        os << " " << IpsecDropReasonToString(static_cast<IpsecDropReason>(r)) << "="
           << c.dropsByReason[r];
    }
    os << "\n";
}

} // namespace ns3
