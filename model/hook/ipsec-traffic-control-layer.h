/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef IPSEC_TRAFFIC_CONTROL_LAYER_H
#define IPSEC_TRAFFIC_CONTROL_LAYER_H

#include "ns3/traffic-control-layer.h"

namespace ns3
{

class IpsecDriver;
class IpsecIpv4L3Protocol;
class Ipv4L3Protocol;

/**
 * \ingroup ipsec
 * \brief TrafficControlLayer with the IPsec inbound hook.
 *
 * Every frame a device receives passes TrafficControlLayer::Receive before
 * Ipv4L3Protocol::Receive, which hands a copy to every raw socket before any transport protocol
 * sees it. Deciding here is the only way to keep a blocked ICMP echo reply away from V4Ping.
 * Packets for local delivery (unicast to one of our addresses, broadcast, multicast) are
 * decided here; fragments go on to be reassembled and are decided by IpsecL4Guard; packets to
 * forward are left to IpsecForwardingGuard.
 */
class IpsecTrafficControlLayer : public TrafficControlLayer
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    IpsecTrafficControlLayer();
    ~IpsecTrafficControlLayer() override;

    void Receive(Ptr<NetDevice> device,
                 Ptr<const Packet> p,
                 uint16_t protocol,
                 const Address& from,
                 const Address& to,
                 NetDevice::PacketType packetType) override;

  protected:
    void DoDispose() override;

  private:
    Ptr<IpsecDriver> m_driver;   //!< the node's driver (looked up on first packet)
    Ptr<Ipv4L3Protocol> m_ipv4;  //!< the node's IPv4
    Ptr<IpsecIpv4L3Protocol> m_l3; //!< the same, with the IPsec hooks (keeps arriving tags)
};

} // namespace ns3

#endif /* IPSEC_TRAFFIC_CONTROL_LAYER_H */
