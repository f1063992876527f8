/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef NAPT_TRAFFIC_CONTROL_LAYER_H
#define NAPT_TRAFFIC_CONTROL_LAYER_H

#include "ns3/ipv4-address.h"
#include "ns3/traffic-control-layer.h"

#include <vector>

namespace ns3
{

class Ipv4L3Protocol;
class NaptTranslator;

/**
 * \ingroup ipsec
 * \brief TrafficControlLayer of a NAPT router: where its NaptTranslator rewrites packets.
 *
 * Inbound, TrafficControlLayer::Receive sees a frame before Ipv4L3Protocol::Receive: a packet
 * for the public address gets its inside destination here, and IPv4 then routes it to the
 * inside host as any packet to forward (TTL, Rx/Tx traces, queue discs all as usual). Outbound,
 * TrafficControlLayer::Send sees a packet after routing, on its way to the outside device:
 * its source is rewritten there, so routing decided on the inside address and the packet is
 * translated only when it really leaves by the outside interface. Packets arriving on an
 * inside device are tagged (NaptInsideTag) so that Send knows where they came from.
 *
 * The outside interface's first address is the public address, read when a packet passes (an
 * address set after NaptHelper::Install is fine). Packets on the outside interface that are
 * neither for one of the router's addresses nor broadcast / multicast (sent straight to an
 * inside address) are dropped as unsolicited (NO_BINDING).
 */
class NaptTrafficControlLayer : public TrafficControlLayer
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    NaptTrafficControlLayer();
    ~NaptTrafficControlLayer() override;

    /** \param device the outside device (one) */
    void SetOutsideDevice(Ptr<NetDevice> device);

    /** \param device an inside device */
    void AddInsideDevice(Ptr<NetDevice> device);

    /** \return the outside device */
    Ptr<NetDevice> GetOutsideDevice() const;

    /**
     * \param device a device
     * \return true if it is an inside device
     */
    bool IsInsideDevice(Ptr<NetDevice> device) const;

    void Receive(Ptr<NetDevice> device,
                 Ptr<const Packet> p,
                 uint16_t protocol,
                 const Address& from,
                 const Address& to,
                 NetDevice::PacketType packetType) override;

    void Send(Ptr<NetDevice> device, Ptr<QueueDiscItem> item) override;

  protected:
    void DoDispose() override;

  private:
    /**
     * \param[out] address the outside interface's first address
     * \return false if it has none yet
     */
    bool GetPublicAddress(Ipv4Address& address);

    /** Look up the node's IPv4 and translator (on first use: they are aggregated later). */
    void Resolve();

    Ptr<NetDevice> m_outside;             //!< the outside device
    std::vector<Ptr<NetDevice>> m_inside; //!< the inside devices
    Ptr<Ipv4L3Protocol> m_ipv4;           //!< the node's IPv4
    Ptr<NaptTranslator> m_translator;     //!< the node's translator
    uint32_t m_nodeId{0};                 //!< the node's id (for NaptInsideTag)
};

} // namespace ns3

#endif /* NAPT_TRAFFIC_CONTROL_LAYER_H */
