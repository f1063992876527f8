/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef IPSEC_INBOUND_PROTOCOL_H
#define IPSEC_INBOUND_PROTOCOL_H

#include "ns3/ip-l4-protocol.h"
#include "ns3/ipsec-sa.h"
#include "ns3/ipv4-header.h"

namespace ns3
{

class IpsecDriver;
class IpsecIpv4L3Protocol;
class NetDevice;

/**
 * \ingroup ipsec
 * \brief Receives ESP or AH for local delivery (after IPv4 reassembly), as Linux' xfrm input.
 *
 * Finds the SA by SPI, checks the sequence number, the ICV and the padding, decrypts, checks
 * the result against the policy of the SA, then hands the decrypted packet back to
 * Ipv4L3Protocol::Receive (with its IPv4 header restored in transport mode), so it is seen by
 * raw sockets, delivered locally or, from a tunnel, forwarded, exactly as if it had arrived in
 * the clear. Every failure is a counted, traced drop.
 */
class IpsecInboundProtocol : public IpL4Protocol
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    IpsecInboundProtocol();
    /** \param protocol ESP or AH */
    explicit IpsecInboundProtocol(IpsecProtocol protocol);
    ~IpsecInboundProtocol() override;

    int GetProtocolNumber() const override;
    RxStatus Receive(Ptr<Packet> p,
                     const Ipv4Header& header,
                     Ptr<Ipv4Interface> incomingInterface) override;
    RxStatus Receive(Ptr<Packet> p,
                     const Ipv6Header& header,
                     Ptr<Ipv6Interface> incomingInterface) override;
    /**
     * \brief Receive ESP that arrived in UDP (RFC 3948), its UDP header removed: processed as
     * ESP, but only on a UDP-encapsulated SA bound to the packet's source address and both
     * ports (a NAT picks the peer's port); anything else is dropped as udp-encap-mismatch, as
     * plain ESP on an encapsulated SA is.
     * \param p the ESP packet
     * \param header the IPv4 header of the datagram
     * \param incomingInterface the interface it arrived on
     * \param sourcePort its UDP source port
     * \param destinationPort its UDP destination port
     */
    void ReceiveUdpEncapsulated(Ptr<Packet> p,
                                const Ipv4Header& header,
                                Ptr<Ipv4Interface> incomingInterface,
                                uint16_t sourcePort,
                                uint16_t destinationPort);

    void SetDownTarget(DownTargetCallback cb) override;
    void SetDownTarget6(DownTargetCallback6 cb) override;
    DownTargetCallback GetDownTarget() const override;
    DownTargetCallback6 GetDownTarget6() const override;

  protected:
    void DoDispose() override;

  private:
    /** The UDP ports of an encapsulated packet. */
    struct UdpPorts
    {
        uint16_t source;      //!< UDP source port
        uint16_t destination; //!< UDP destination port
    };

    /**
     * \brief Process an ESP or AH packet.
     * \param p the packet
     * \param header its IPv4 header
     * \param incomingInterface the interface it arrived on
     * \param udp its UDP ports if it arrived UDP-encapsulated, else nullptr
     */
    void Process(Ptr<Packet> p,
                 const Ipv4Header& header,
                 const Ptr<Ipv4Interface>& incomingInterface,
                 const UdpPorts* udp);

    /**
     * \brief Hand a decrypted packet on: straight to its transport protocol (transport mode,
     * no raw socket on the node), or back to IPv4 as if it had just arrived (so raw sockets
     * see it, and tunnelled packets are routed).
     * \param interface the interface the protected packet came in on
     * \param inner the decrypted packet (with its IPv4 header in tunnel mode)
     * \param innerHeader its IPv4 header
     * \param tunnel true in tunnel mode
     */
    void Deliver(Ptr<Ipv4Interface> interface,
                 Ptr<Packet> inner,
                 const Ipv4Header& innerHeader,
                 bool tunnel);

    /**
     * \brief Deliver later (processing delay model): the header is held by value.
     * \param interface the interface the protected packet came in on
     * \param inner the decrypted packet
     * \param innerHeader its IPv4 header
     * \param tunnel true in tunnel mode
     */
    void DeliverLater(Ptr<Ipv4Interface> interface,
                      Ptr<Packet> inner,
                      Ipv4Header innerHeader,
                      bool tunnel);

    /**
     * \brief Find the node's driver and IPv4 once (the protocol object is not aggregated, so
     * it learns its node from the first packet's interface).
     * \param interface an interface of the node
     * \return false if the node has no IPsec layer
     */
    bool FindNodeObjects(const Ptr<Ipv4Interface>& interface);

    IpsecProtocol m_protocol{IpsecProtocol::ESP}; //!< ESP or AH
    Ptr<IpsecDriver> m_driver;                     //!< the node's driver, once known
    Ptr<IpsecIpv4L3Protocol> m_l3;                 //!< the node's IPv4, once known
    DownTargetCallback m_downTarget;               //!< unused: nothing is sent from here
    DownTargetCallback6 m_downTarget6;             //!< unused
};

} // namespace ns3

#endif /* IPSEC_INBOUND_PROTOCOL_H */
