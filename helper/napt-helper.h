/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef NAPT_HELPER_H
#define NAPT_HELPER_H

#include "ns3/ipv4-routing-helper.h"
#include "ns3/napt-translator.h"
#include "ns3/net-device-container.h"
#include "ns3/node.h"
#include "ns3/object-factory.h"

#include <memory>
#include <string>

namespace ns3
{

/**
 * \ingroup ipsec
 * \brief Makes an ns-3 node an IPv4 router with a NAPT (RFC 3022 / 4787 / 5382 / 5508):
 * inside devices whose hosts share the outside device's address.
 *
 * Install gives the router its IPv4 stack (as InternetStackHelper does, with
 * NaptTrafficControlLayer in place of TrafficControlLayer), so it takes the place of
 * InternetStackHelper on that node; addresses are assigned afterwards as usual. The outside
 * interface's first address is the public address. IPv6 is not installed. A node cannot be
 * both a NAPT and an IPsec node (both replace the traffic control layer): Install refuses a
 * node that has an IPv4 stack, and IpsecHelper::Install refuses a NAPT router.
 *
 * \code
 *   NaptHelper napt;
 *   napt.SetAttribute("UdpTimeout", TimeValue(Seconds(30)));
 *   Ptr<NaptTranslator> nat = napt.Install(router, insideDevices, outsideDevice);
 *   InternetStackHelper().Install(otherNodes);
 *   // assign addresses, populate routes, run; nat->GetCounters(), nat->GetNBindings()
 * \endcode
 */
class NaptHelper
{
  public:
    NaptHelper();
    ~NaptHelper();
    /** \param o the helper to copy */
    NaptHelper(const NaptHelper& o);
    /**
     * \param o the helper to copy
     * \return this helper
     */
    NaptHelper& operator=(const NaptHelper& o);

    /**
     * \brief Set an attribute of the NaptTranslator of the routers installed from now on
     *        (UdpTimeout, TcpEstablishedTimeout, TcpTransitoryTimeout, IcmpTimeout,
     *        UdpInboundRefresh).
     * \param name attribute name
     * \param value its value
     * \throw IpsecConfigError naming the attribute if it does not exist or the value is invalid
     */
    void SetAttribute(const std::string& name, const AttributeValue& value);

    /**
     * \brief Use another IPv4 routing (as InternetStackHelper::SetRoutingHelper); the default
     *        is InternetStackHelper's (static, then global routing).
     * \param routing the routing helper
     */
    void SetRoutingHelper(const Ipv4RoutingHelper& routing);

    /**
     * \brief Install the IPv4 stack and the NAPT on a router.
     * \param router a node without an IPv4 stack
     * \param inside its inside devices (one or more)
     * \param outside its outside device
     * \return the router's translator (also aggregated: router->GetObject<NaptTranslator>())
     * \throw IpsecConfigError field "router" if it already has IPv4, "inside" / "outside" if a
     *        device is missing, not the router's, or both inside and outside
     */
    Ptr<NaptTranslator> Install(Ptr<Node> router,
                                const NetDeviceContainer& inside,
                                Ptr<NetDevice> outside) const;

  private:
    std::unique_ptr<Ipv4RoutingHelper> m_routing; //!< routing of the routers
    ObjectFactory m_translatorFactory;            //!< makes their translators
};

} // namespace ns3

#endif /* NAPT_HELPER_H */
