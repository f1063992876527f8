/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "napt-helper.h"

#include "ns3/arp-l3-protocol.h"
#include "ns3/icmpv4-l4-protocol.h"
#include "ns3/ipsec-config-error.h"
#include "ns3/ipv4-global-routing-helper.h"
#include "ns3/ipv4-l3-protocol.h"
#include "ns3/ipv4-list-routing-helper.h"
#include "ns3/ipv4-static-routing-helper.h"
#include "ns3/log.h"
#include "ns3/napt-traffic-control-layer.h"
#include "ns3/packet-socket-factory.h"
#include "ns3/string.h"
#include "ns3/tcp-l4-protocol.h"
#include "ns3/udp-l4-protocol.h"

#include <sstream>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("NaptHelper");

NaptHelper::NaptHelper()
{
    // InternetStackHelper's default: static routes first, then global routing.
    Ipv4StaticRoutingHelper staticRouting;
    Ipv4GlobalRoutingHelper globalRouting;
    Ipv4ListRoutingHelper list;
    list.Add(staticRouting, 0);
    list.Add(globalRouting, -10);
    m_routing.reset(list.Copy());
    m_translatorFactory.SetTypeId(NaptTranslator::GetTypeId());
}

NaptHelper::~NaptHelper() = default;

NaptHelper::NaptHelper(const NaptHelper& o)
    : m_routing(o.m_routing->Copy()), m_translatorFactory(o.m_translatorFactory)
{
}

NaptHelper&
NaptHelper::operator=(const NaptHelper& o)
{
    if (this != &o)
    {
        m_routing.reset(o.m_routing->Copy());
        m_translatorFactory = o.m_translatorFactory;
    }
    return *this;
}

void
NaptHelper::SetRoutingHelper(const Ipv4RoutingHelper& routing)
{
    m_routing.reset(routing.Copy());
}

void
NaptHelper::SetAttribute(const std::string& name, const AttributeValue& value)
{
    // ObjectFactory::Set aborts on a bad name or value: check first, so that the error names
    // the attribute and can be caught.
    TypeId tid = NaptTranslator::GetTypeId();
    TypeId::AttributeInformation info;
    if (!tid.LookupAttributeByName(name, &info))
    {
        throw IpsecConfigError(name, "no attribute " + name + " in " + tid.GetName());
    }
    Ptr<AttributeValue> valid = info.checker->CreateValidValue(value);
    if (!valid)
    {
        std::string text = value.SerializeToString(info.checker);
        if (const auto* str = dynamic_cast<const StringValue*>(&value))
        {
            text = str->Get();
        }
        throw IpsecConfigError(name,
                               "invalid value '" + text + "' (expected " +
                                   info.checker->GetUnderlyingTypeInformation() + ")");
    }
    m_translatorFactory.Set(name, *valid);
}

Ptr<NaptTranslator>
NaptHelper::Install(Ptr<Node> router,
                    const NetDeviceContainer& inside,
                    Ptr<NetDevice> outside) const
{
    if (!router)
    {
        throw IpsecConfigError("router", "no node given");
    }
    std::ostringstream node;
    node << "node " << router->GetId();
    if (router->GetObject<Ipv4>())
    {
        throw IpsecConfigError("router",
                               node.str() +
                                   " already has an IPv4 stack (InternetStackHelper or "
                                   "IpsecHelper): NaptHelper::Install installs the router's "
                                   "stack itself, so call it instead");
    }
    if (!outside || outside->GetNode() != router)
    {
        throw IpsecConfigError("outside", "the outside device must be a device of " + node.str());
    }
    if (inside.GetN() == 0)
    {
        throw IpsecConfigError("inside", "no inside device given");
    }
    for (uint32_t i = 0; i < inside.GetN(); ++i)
    {
        Ptr<NetDevice> device = inside.Get(i);
        if (!device || device->GetNode() != router)
        {
            throw IpsecConfigError("inside",
                                   "inside device " + std::to_string(i) + " is not a device of " +
                                       node.str());
        }
        if (device == outside)
        {
            throw IpsecConfigError(
                "inside", "inside device " + std::to_string(i) + " is also the outside device");
        }
    }

    // InternetStackHelper::Install's steps (it hard-codes TrafficControlLayer's TypeId).
    router->AggregateObject(CreateObject<ArpL3Protocol>());
    router->AggregateObject(CreateObject<Ipv4L3Protocol>());
    router->AggregateObject(CreateObject<Icmpv4L4Protocol>());
    router->GetObject<Ipv4>()->SetRoutingProtocol(m_routing->Create(router));
    Ptr<NaptTrafficControlLayer> tc = CreateObject<NaptTrafficControlLayer>();
    tc->SetOutsideDevice(outside);
    for (uint32_t i = 0; i < inside.GetN(); ++i)
    {
        tc->AddInsideDevice(inside.Get(i));
    }
    router->AggregateObject(tc);
    router->AggregateObject(CreateObject<UdpL4Protocol>());
    router->AggregateObject(CreateObject<TcpL4Protocol>());
    router->AggregateObject(CreateObject<PacketSocketFactory>());
    router->GetObject<ArpL3Protocol>()->SetTrafficControl(tc);
    Ptr<NaptTranslator> translator = m_translatorFactory.Create<NaptTranslator>();
    router->AggregateObject(translator);
    return translator;
}

} // namespace ns3
