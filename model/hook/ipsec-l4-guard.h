/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef IPSEC_L4_GUARD_H
#define IPSEC_L4_GUARD_H

#include "ns3/ip-l4-protocol.h"

namespace ns3
{

class IpsecDriver;
class IpsecIpv4L3Protocol;

/**
 * \ingroup ipsec
 * \brief Stands in front of a transport protocol for local delivery, to decide the packets that
 * the inbound hook could not: those reassembled from fragments (ports are only known then).
 *
 * Packets the inbound hook has already decided, and loopback traffic (never filtered, as on
 * Windows), go straight through. Everything else is forwarded to the real protocol untouched.
 */
class IpsecL4Guard : public IpL4Protocol
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    IpsecL4Guard();
    /**
     * \param inner the protocol to guard
     * \param driver the node's driver
     */
    IpsecL4Guard(Ptr<IpL4Protocol> inner, Ptr<IpsecDriver> driver);
    ~IpsecL4Guard() override;

    int GetProtocolNumber() const override;
    RxStatus Receive(Ptr<Packet> p,
                     const Ipv4Header& header,
                     Ptr<Ipv4Interface> incomingInterface) override;
    RxStatus Receive(Ptr<Packet> p,
                     const Ipv6Header& header,
                     Ptr<Ipv6Interface> incomingInterface) override;
    void ReceiveIcmp(Ipv4Address icmpSource,
                     uint8_t icmpTtl,
                     uint8_t icmpType,
                     uint8_t icmpCode,
                     uint32_t icmpInfo,
                     Ipv4Address payloadSource,
                     Ipv4Address payloadDestination,
                     const uint8_t payload[8]) override;
    void SetDownTarget(DownTargetCallback cb) override;
    void SetDownTarget6(DownTargetCallback6 cb) override;
    DownTargetCallback GetDownTarget() const override;
    DownTargetCallback6 GetDownTarget6() const override;

    /**
     * \brief Let \p l3 take UDP datagrams for the NAT-T port that carry ESP or keepalives
     * (UDP's guard only), before any clear-packet policy applies to them.
     * \param l3 the node's IPv4 (which owns this guard)
     */
    void SetUdpEncapReceiver(IpsecIpv4L3Protocol* l3);

  protected:
    void DoDispose() override;

  private:
    IpsecIpv4L3Protocol* m_udpEncap{nullptr}; //!< see SetUdpEncapReceiver (owns the guard)
    Ptr<IpL4Protocol> m_inner;  //!< the guarded protocol
    Ptr<IpsecDriver> m_driver;  //!< the node's driver
};

} // namespace ns3

#endif /* IPSEC_L4_GUARD_H */
