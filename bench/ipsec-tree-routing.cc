/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ipsec-tree-routing.h"

#include <algorithm>
#include <iomanip>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("IpsecTreeRouting");
NS_OBJECT_ENSURE_REGISTERED(IpsecTreeRouting);

namespace
{

uint32_t
MaskOf(uint8_t prefixLength)
{
    return prefixLength == 0 ? 0 : ~0u << (32 - prefixLength);
}

} // namespace

TypeId
IpsecTreeRouting::GetTypeId()
{
    static TypeId tid = TypeId("ns3::IpsecTreeRouting")
                            .SetParent<Ipv4RoutingProtocol>()
                            .SetGroupName("Ipsec")
                            .AddConstructor<IpsecTreeRouting>();
    return tid;
}

uint64_t
IpsecTreeRouting::Key(uint32_t network, uint8_t prefixLength)
{
    return (static_cast<uint64_t>(prefixLength) << 32) | network;
}

Ptr<Ipv4Route>
IpsecTreeRouting::MakeIpv4Route(const Route& route) const
{
    NS_ASSERT_MSG(m_ipv4, "IpsecTreeRouting: no IPv4 yet");
    NS_ABORT_MSG_IF(route.interface >= m_ipv4->GetNInterfaces(),
                    "IpsecTreeRouting: a route to "
                        << route.network << "/" << unsigned(route.prefixLength)
                        << " through interface "
                        << route.interface << ", which the node does not have");
    Ptr<Ipv4Route> made = Create<Ipv4Route>();
    made->SetDestination(route.network);
    made->SetGateway(route.gateway);
    made->SetOutputDevice(m_ipv4->GetNetDevice(route.interface));
    made->SetSource(m_ipv4->GetNAddresses(route.interface) > 0
                        ? m_ipv4->GetAddress(route.interface, 0).GetLocal()
                        : Ipv4Address::GetAny());
    return made;
}

void
IpsecTreeRouting::Put(Route route)
{
    route.route = MakeIpv4Route(route);
    uint8_t length = route.prefixLength;
    bool added =
        m_routes.insert_or_assign(Key(route.network.Get(), length), std::move(route)).second;
    if (added &&
        std::find(m_prefixLengths.begin(), m_prefixLengths.end(), length) == m_prefixLengths.end())
    {
        m_prefixLengths.push_back(length);
        std::sort(m_prefixLengths.begin(), m_prefixLengths.end(), std::greater<>());
    }
}

void
IpsecTreeRouting::Erase(Ipv4Address network, uint8_t prefixLength)
{
    if (m_routes.erase(Key(network.Get(), prefixLength)) == 0)
    {
        return;
    }
    bool lengthStillUsed = std::any_of(m_routes.begin(), m_routes.end(), [prefixLength](auto& r) {
        return r.second.prefixLength == prefixLength;
    });
    if (!lengthStillUsed)
    {
        m_prefixLengths.erase(
            std::remove(m_prefixLengths.begin(), m_prefixLengths.end(), prefixLength),
            m_prefixLengths.end());
    }
}

void
IpsecTreeRouting::AddNetworkRouteTo(Ipv4Address network,
                                    Ipv4Mask mask,
                                    Ipv4Address gateway,
                                    uint32_t interface)
{
    NS_LOG_FUNCTION(this << network << mask << gateway << interface);
    auto length = static_cast<uint8_t>(mask.GetPrefixLength());
    Put(Route{network.CombineMask(mask), length, gateway, interface, false, nullptr});
}

void
IpsecTreeRouting::SetDefaultRoute(Ipv4Address gateway, uint32_t interface)
{
    NS_LOG_FUNCTION(this << gateway << interface);
    m_default = Route{Ipv4Address::GetZero(), 0, gateway, interface, false, nullptr};
    m_default.route = MakeIpv4Route(m_default);
    m_hasDefault = true;
}

uint32_t
IpsecTreeRouting::GetNRoutes() const
{
    return static_cast<uint32_t>(m_routes.size()) + (m_hasDefault ? 1 : 0);
}

const IpsecTreeRouting::Route*
IpsecTreeRouting::Lookup(Ipv4Address destination) const
{
    uint32_t address = destination.Get();
    for (uint8_t length : m_prefixLengths)
    {
        auto it = m_routes.find(Key(address & MaskOf(length), length));
        if (it != m_routes.end())
        {
            return &it->second;
        }
    }
    return m_hasDefault ? &m_default : nullptr;
}

Ptr<Ipv4Route>
IpsecTreeRouting::RouteOutput(Ptr<Packet> /* p */,
                              const Ipv4Header& header,
                              Ptr<NetDevice> oif,
                              Socket::SocketErrno& sockerr)
{
    const Route* route = Lookup(header.GetDestination());
    if (route == nullptr || (oif && route->route->GetOutputDevice() != oif))
    {
        sockerr = Socket::ERROR_NOROUTETOHOST;
        return nullptr;
    }
    sockerr = Socket::ERROR_NOTERROR;
    return route->route;
}

bool
IpsecTreeRouting::RouteInput(Ptr<const Packet> p,
                             const Ipv4Header& header,
                             Ptr<const NetDevice> idev,
                             UnicastForwardCallback ucb,
                             MulticastForwardCallback /* mcb */,
                             LocalDeliverCallback lcb,
                             ErrorCallback ecb)
{
    Ipv4Address destination = header.GetDestination();
    uint32_t iif = static_cast<uint32_t>(m_ipv4->GetInterfaceForDevice(idev));
    if (m_localAddresses.count(destination.Get()) > 0 || destination.IsBroadcast())
    {
        if (lcb.IsNull())
        {
            return false;
        }
        lcb(p, header, iif);
        return true;
    }
    if (destination.IsMulticast())
    {
        return false; // the tree carries no multicast
    }
    if (!m_ipv4->IsForwarding(iif))
    {
        ecb(p, header, Socket::ERROR_NOROUTETOHOST);
        return true;
    }
    const Route* route = Lookup(destination);
    if (route == nullptr)
    {
        return false;
    }
    ucb(route->route, p, header);
    return true;
}

void
IpsecTreeRouting::AddConnected(uint32_t interface)
{
    for (uint32_t i = 0; i < m_ipv4->GetNAddresses(interface); ++i)
    {
        NotifyAddAddress(interface, m_ipv4->GetAddress(interface, i));
    }
}

void
IpsecTreeRouting::RemoveConnected(uint32_t interface)
{
    for (uint32_t i = 0; i < m_ipv4->GetNAddresses(interface); ++i)
    {
        NotifyRemoveAddress(interface, m_ipv4->GetAddress(interface, i));
    }
}

void
IpsecTreeRouting::NotifyInterfaceUp(uint32_t interface)
{
    NS_LOG_FUNCTION(this << interface);
    AddConnected(interface);
}

void
IpsecTreeRouting::NotifyInterfaceDown(uint32_t interface)
{
    NS_LOG_FUNCTION(this << interface);
    RemoveConnected(interface);
    // As ns-3's static routing does: no route leads through an interface that is down.
    std::vector<std::pair<Ipv4Address, uint8_t>> through;
    for (const auto& [key, route] : m_routes)
    {
        if (route.interface == interface)
        {
            through.emplace_back(route.network, route.prefixLength);
        }
    }
    for (const auto& [network, length] : through)
    {
        Erase(network, length);
    }
    if (m_hasDefault && m_default.interface == interface)
    {
        m_hasDefault = false;
        m_default.route = nullptr;
    }
}

void
IpsecTreeRouting::NotifyAddAddress(uint32_t interface, Ipv4InterfaceAddress address)
{
    NS_LOG_FUNCTION(this << interface << address);
    if (!m_ipv4->IsUp(interface))
    {
        return;
    }
    m_localAddresses.insert(address.GetLocal().Get());
    m_localAddresses.insert(address.GetBroadcast().Get());
    Ipv4Mask mask = address.GetMask();
    Put(Route{address.GetLocal().CombineMask(mask),
              static_cast<uint8_t>(mask.GetPrefixLength()),
              Ipv4Address::GetZero(),
              interface,
              true,
              nullptr});
}

void
IpsecTreeRouting::NotifyRemoveAddress(uint32_t interface, Ipv4InterfaceAddress address)
{
    NS_LOG_FUNCTION(this << interface << address);
    for (Ipv4Address mine : {address.GetLocal(), address.GetBroadcast()})
    {
        auto it = m_localAddresses.find(mine.Get());
        if (it != m_localAddresses.end())
        {
            m_localAddresses.erase(it); // one instance: the same address may be there twice
        }
    }
    Ipv4Mask mask = address.GetMask();
    auto length = static_cast<uint8_t>(mask.GetPrefixLength());
    Ipv4Address network = address.GetLocal().CombineMask(mask);
    auto it = m_routes.find(Key(network.Get(), length));
    if (it != m_routes.end() && it->second.connected && it->second.interface == interface)
    {
        Erase(network, length);
    }
}

void
IpsecTreeRouting::SetIpv4(Ptr<Ipv4> ipv4)
{
    NS_LOG_FUNCTION(this << ipv4);
    NS_ASSERT(!m_ipv4 && ipv4);
    m_ipv4 = ipv4;
    for (uint32_t i = 0; i < m_ipv4->GetNInterfaces(); ++i)
    {
        if (m_ipv4->IsUp(i))
        {
            NotifyInterfaceUp(i);
        }
    }
}

void
IpsecTreeRouting::PrintRoutingTable(Ptr<OutputStreamWrapper> stream, Time::Unit unit) const
{
    std::ostream& os = *stream->GetStream();
    Ptr<Node> node = m_ipv4->GetObject<Node>();
    os << "Node: " << node->GetId() << ", Time: " << Now().As(unit)
       << ", Local time: " << node->GetLocalTime().As(unit) << ", IpsecTreeRouting table\n";
    std::vector<const Route*> routes;
    for (const auto& [key, route] : m_routes)
    {
        routes.push_back(&route);
    }
    // Longest prefix first, then by network: the order a lookup prefers them in.
    std::sort(routes.begin(), routes.end(), [](const Route* a, const Route* b) {
        return a->prefixLength != b->prefixLength ? a->prefixLength > b->prefixLength
                                                  : a->network < b->network;
    });
    if (m_hasDefault)
    {
        routes.push_back(&m_default);
    }
    os << "Destination         Gateway          Interface\n";
    for (const Route* route : routes)
    {
        std::ostringstream destination;
        destination << route->network << "/" << unsigned(route->prefixLength);
        std::ostringstream gateway;
        gateway << route->gateway;
        os << std::left << std::setw(20) << destination.str() << std::setw(17) << gateway.str()
           << route->interface << "\n";
    }
    os << "\n";
}

void
IpsecTreeRouting::DoDispose()
{
    m_routes.clear();
    m_default.route = nullptr;
    m_ipv4 = nullptr;
    Ipv4RoutingProtocol::DoDispose();
}

IpsecTreeRoutingHelper*
IpsecTreeRoutingHelper::Copy() const
{
    return new IpsecTreeRoutingHelper(*this);
}

Ptr<Ipv4RoutingProtocol>
IpsecTreeRoutingHelper::Create(Ptr<Node> /* node */) const
{
    return CreateObject<IpsecTreeRouting>();
}

Ptr<IpsecTreeRouting>
IpsecTreeRoutingHelper::Get(Ptr<Ipv4> ipv4)
{
    return DynamicCast<IpsecTreeRouting>(ipv4->GetRoutingProtocol());
}

} // namespace ns3
