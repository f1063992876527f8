/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef IPSEC_IPV4_TRACES_H
#define IPSEC_IPV4_TRACES_H

#include "ns3/ipsec-drop-reason.h"
#include "ns3/ipv4-l3-protocol.h"

#include <functional>

namespace ns3
{

/**
 * \ingroup ipsec
 * \brief Fires Ipv4L3Protocol's own trace sources (SendOutgoing, Rx, UnicastForward,
 * LocalDeliver, Drop) for the packets the IPsec hooks take off IPv4's ordinary paths.
 *
 * Protected packets leave through SendWithHeader and decrypted ones reach their transport
 * protocol past Ipv4L3Protocol::LocalDeliver, so IPv4 fires none of these traces for them on
 * its own. Observers such as FlowMonitor's Ipv4FlowProbe connect to those exact sources (by
 * name, on the Ipv4L3Protocol object), and a subclass cannot register sources of the same
 * names: the hooks fire the base class's own TracedCallbacks, so every observer connected in
 * any way (TraceConnect, Config paths through $ns3::Ipv4L3Protocol) sees them.
 */
class IpsecIpv4Traces
{
  public:
    /**
     * \brief Fire SendOutgoing: a locally originated packet leaves IPv4 towards a device.
     * \param ipv4 the node's IPv4
     * \param header the packet's (clear) IPv4 header
     * \param payload the packet without IPv4 header
     * \param interface the output interface
     */
    static void SendOutgoing(Ipv4L3Protocol& ipv4,
                             const Ipv4Header& header,
                             Ptr<const Packet> payload,
                             uint32_t interface);

    /**
     * \brief Run \p send with SendOutgoing silenced: for a packet whose SendOutgoing already
     * fired (when it was held for IKE) and that Ipv4L3Protocol::Send now sends in the clear.
     * \param ipv4 the node's IPv4
     * \param send what sends the packet
     */
    static void WithoutSendOutgoing(Ipv4L3Protocol& ipv4, const std::function<void()>& send);

    /**
     * \brief Fire Rx: a packet arrived from a device (with its IPv4 header).
     * \param ipv4 the node's IPv4
     * \param packet the packet, IPv4 header included
     * \param interface the interface it arrived on
     */
    static void Rx(Ipv4L3Protocol& ipv4, Ptr<const Packet> packet, uint32_t interface);

    /**
     * \brief Fire UnicastForward: a packet is forwarded (its TTL already decremented).
     * \param ipv4 the node's IPv4
     * \param header its IPv4 header
     * \param payload the packet without IPv4 header
     * \param interface the output interface
     */
    static void UnicastForward(Ipv4L3Protocol& ipv4,
                               const Ipv4Header& header,
                               Ptr<const Packet> payload,
                               uint32_t interface);

    /**
     * \brief Fire LocalDeliver: a packet goes up to its transport protocol.
     * \param ipv4 the node's IPv4
     * \param header its IPv4 header
     * \param payload the packet without IPv4 header
     * \param interface the interface it arrived on
     */
    static void LocalDeliver(Ipv4L3Protocol& ipv4,
                             const Ipv4Header& header,
                             Ptr<const Packet> payload,
                             uint32_t interface);

    /**
     * \brief Fire Drop for a packet IPsec dropped, with the IPv4 reason DropReasonFor gives.
     * \param ipv4 the node's IPv4
     * \param header its IPv4 header
     * \param payload the packet without IPv4 header
     * \param reason the IPsec reason
     * \param interface the interface (0 when not known, as IPv4 does for routing drops)
     */
    static void Drop(Ipv4L3Protocol& ipv4,
                     const Ipv4Header& header,
                     Ptr<const Packet> payload,
                     IpsecDropReason reason,
                     uint32_t interface);

    /**
     * \brief The Ipv4L3Protocol drop reason an IPsec drop is reported with.
     *
     * Ipv4FlowProbe stops the simulation on a reason it does not know, so only reasons it
     * maps are used: no-route stays DROP_NO_ROUTE (IPv4 would say the same), every other
     * IPsec drop is DROP_ROUTE_ERROR (FlowMonitor's "route error": the policy sent the packet
     * nowhere). The precise reason stays in IpsecDriver's Drop trace.
     * \param reason the IPsec reason
     * \return the IPv4 reason
     */
    static Ipv4L3Protocol::DropReason DropReasonFor(IpsecDropReason reason);
};

} // namespace ns3

#endif /* IPSEC_IPV4_TRACES_H */
