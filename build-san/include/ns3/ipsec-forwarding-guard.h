/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef IPSEC_FORWARDING_GUARD_H
#define IPSEC_FORWARDING_GUARD_H

#include "ns3/ipsec-packet-selector.h"
#include "ns3/ipv4-routing-protocol.h"

namespace ns3
{

class IpsecDriver;

/**
 * \ingroup ipsec
 * \brief The IPsec hook for forwarded packets: a routing protocol at the top of the node's
 * Ipv4ListRouting.
 *
 * Ipv4ListRouting delivers local packets itself and asks its members only about packets to
 * forward (on interfaces with forwarding on), so this member sees exactly the forwarded ones.
 * It consumes (drops) those the policy refuses and declines the rest, which then reach the
 * ordinary routing protocols. It never answers RouteOutput.
 */
class IpsecForwardingGuard : public Ipv4RoutingProtocol
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    /** Priority in the Ipv4ListRouting: above every ordinary routing protocol. */
    static constexpr int16_t PRIORITY = 32000;

    IpsecForwardingGuard();
    ~IpsecForwardingGuard() override;

    Ptr<Ipv4Route> RouteOutput(Ptr<Packet> p,
                               const Ipv4Header& header,
                               Ptr<NetDevice> oif,
                               Socket::SocketErrno& sockerr) override;
    bool RouteInput(Ptr<const Packet> p,
                    const Ipv4Header& header,
                    Ptr<const NetDevice> idev,
                    UnicastForwardCallback ucb,
                    MulticastForwardCallback mcb,
                    LocalDeliverCallback lcb,
                    ErrorCallback ecb) override;
    void NotifyInterfaceUp(uint32_t interface) override;
    void NotifyInterfaceDown(uint32_t interface) override;
    void NotifyAddAddress(uint32_t interface, Ipv4InterfaceAddress address) override;
    void NotifyRemoveAddress(uint32_t interface, Ipv4InterfaceAddress address) override;
    void SetIpv4(Ptr<Ipv4> ipv4) override;
    void PrintRoutingTable(Ptr<OutputStreamWrapper> stream,
                           Time::Unit unit = Time::S) const override;

  protected:
    void DoDispose() override;

  private:
    /**
     * \brief Forward a packet that waited for IKE: protect it now (or pass it, if the
     *        negotiation ended in a soft SA).
     * \param packet the packet, IPv4 header removed
     * \param header its IPv4 header as received
     * \param selector its selector
     */
    void ForwardHeld(Ptr<Packet> packet,
                     const Ipv4Header& header,
                     const IpsecPacketSelector& selector);

    Ptr<Ipv4> m_ipv4;          //!< the node's IPv4
    Ptr<IpsecDriver> m_driver; //!< the node's driver (looked up on first packet)
};

} // namespace ns3

#endif /* IPSEC_FORWARDING_GUARD_H */
