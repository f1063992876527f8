/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef IPSEC_IPV4_L3_PROTOCOL_H
#define IPSEC_IPV4_L3_PROTOCOL_H

#include "ns3/ipsec-drop-reason.h"
#include "ns3/ipsec-packet-selector.h"
#include "ns3/ipv4-l3-protocol.h"

#include <map>

namespace ns3
{

class IpsecDriver;
class IpsecSa;

/**
 * \ingroup ipsec
 * \brief Ipv4L3Protocol with the IPsec outbound hook.
 *
 * Every locally originated packet reaches Ipv4::Send or Ipv4::SendWithHeader: UDP, TCP and
 * ICMP through their down targets, raw sockets (V4Ping) directly. Ipv4L3Protocol::Send calls
 * itself again once it has a route (broadcast on each interface, routing lookups), so the
 * policy is applied exactly once, in the call that carries a route: only then are the source
 * and outgoing interface final.
 *
 * It also keeps the driver's "My IP address" current on address changes, and hands packets
 * reassembled from fragments to an IpsecL4Guard, since the inbound hook can only decide whole
 * packets.
 *
 * IPv4's trace sources fire for protected packets as for clear ones (see doc/data-plane.md,
 * "IPv4 traces and FlowMonitor"): SendOutgoing with the clear packet before it is protected,
 * LocalDeliver with the decrypted one, Drop for every IPsec drop, Tx/Rx with the wire
 * packets; byte tags travel from the clear packet to the protected one and back.
 */
class IpsecIpv4L3Protocol : public Ipv4L3Protocol
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    IpsecIpv4L3Protocol();
    ~IpsecIpv4L3Protocol() override;

    void Send(Ptr<Packet> packet,
              Ipv4Address source,
              Ipv4Address destination,
              uint8_t protocol,
              Ptr<Ipv4Route> route) override;
    void SendWithHeader(Ptr<Packet> packet, Ipv4Header ipHeader, Ptr<Ipv4Route> route) override;
    Ptr<IpL4Protocol> GetProtocol(int protocolNumber, int32_t interfaceIndex) const override;
    void Insert(Ptr<IpL4Protocol> protocol) override;
    void Insert(Ptr<IpL4Protocol> protocol, uint32_t interfaceIndex) override;
    void Remove(Ptr<IpL4Protocol> protocol) override;
    void Remove(Ptr<IpL4Protocol> protocol, uint32_t interfaceIndex) override;
    bool AddAddress(uint32_t i, Ipv4InterfaceAddress address) override;
    Ptr<Socket> CreateRawSocket() override;
    void DeleteRawSocket(Ptr<Socket> socket) override;
    bool RemoveAddress(uint32_t interfaceIndex, uint32_t addressIndex) override;
    bool RemoveAddress(uint32_t interface, Ipv4Address address) override;

    // Ipv4L3Protocol declares the one-argument GetProtocol too; keep it visible.
    using Ipv4L3Protocol::GetProtocol;

    /**
     * \brief Protect a packet under an SA and send it.
     *
     * Transport mode: \p payload is the transport segment, \p inner its would-be IPv4 header.
     * Tunnel mode: \p inner is prepended to \p payload and the whole packet travels inside a
     * new IPv4 header between the SA's endpoints. The outer header is built here (AH needs it
     * final before computing its ICV), then sent with SendWithHeader, which fragments to the
     * link MTU after protection.
     * \param payload the transport payload (without IPv4 header)
     * \param inner the IPv4 header of the unprotected packet
     * \param sa the outbound SA
     * \param seq its sequence number for this packet
     * \param route the route of the unprotected packet (transport mode), or nullptr
     * \param forwarded true for a packet forwarded into a tunnel (fires UnicastForward)
     */
    void SendProtected(Ptr<Packet> payload,
                       Ipv4Header inner,
                       Ptr<IpsecSa> sa,
                       uint32_t seq,
                       Ptr<Ipv4Route> route,
                       bool forwarded = false);

    /**
     * \brief Report an IPsec drop through IPv4's Drop trace (called by IpsecDriver::Drop).
     *
     * A locally originated packet dropped while Send decides it first fires SendOutgoing, as
     * IPv4 would have before sending it, so that flow observers count it as sent and lost.
     * \param direction where it was dropped
     * \param selector its selector fields
     * \param packet the packet (inbound: with its IPv4 header when it has one)
     * \param reason why
     */
    void NotifyIpsecDrop(IpsecDirection direction,
                         const IpsecPacketSelector& selector,
                         Ptr<const Packet> packet,
                         IpsecDropReason reason);

    /**
     * \brief Keep the byte tags of an arriving ESP/AH packet while IPv4 handles a copy
     * without them (IpsecTrafficControlLayer), so that the protected packet is not taken for
     * its inner one by flow observers; RestoreArrivingTags puts them on the decrypted packet.
     * \param packet the arriving packet, or nullptr once IPv4 is done with it
     */
    void SetArrivingTags(Ptr<const Packet> packet);

    /**
     * \brief The interface of the frame IpsecTrafficControlLayer is deciding, before IPv4
     * has seen it: a drop then fires Rx (as IPv4 would have on arrival) and Drop.
     * \param interface the interface, or -1 once decided
     */
    void SetArrivalInterface(int32_t interface);

    /**
     * \brief Put the byte tags kept by SetArrivingTags on a decrypted packet.
     * \param packet the decrypted packet
     */
    void RestoreArrivingTags(const Ptr<const Packet>& packet) const;

    /** \return true if any raw socket exists on the node */
    bool HasRawSockets() const;

    /**
     * \brief Deliver a decrypted transport-mode payload to its transport protocol, as
     * Ipv4L3Protocol::LocalDeliver would (including ICMP port unreachable).
     *
     * The shortcut for nodes without raw sockets: going through Ipv4L3Protocol::Receive a
     * second time only matters to raw sockets, and costs a whole IPv4 receive per packet.
     * \param payload the decrypted transport segment
     * \param header its IPv4 header
     * \param interface the interface it arrived on
     */
    void DeliverLocally(Ptr<Packet> payload, const Ipv4Header& header, Ptr<Ipv4Interface> interface);

    /**
     * \brief Hand a protected packet to IPv4 (fragmentation, interface), past the policy.
     * \param wire the ESP/AH packet
     * \param outer its IPv4 header
     * \param route its route
     */
    void SendWire(const Ptr<Packet>& wire, const Ipv4Header& outer, const Ptr<Ipv4Route>& route);

    /**
     * \brief Send a NAT-keepalive (RFC 3948 2.3) past the policy, as Windows does: UDP from
     * \p sourcePort to \p destinationPort carrying the byte 0xFF, checksum zero.
     * \param source local address
     * \param sourcePort local UDP port
     * \param destination peer address
     * \param destinationPort peer UDP port
     * \return false if there is no route to the peer (nothing sent)
     */
    bool SendNatKeepalive(Ipv4Address source,
                          uint16_t sourcePort,
                          Ipv4Address destination,
                          uint16_t destinationPort);

    /**
     * \brief Take a UDP datagram for the NAT-T port (4500) that carries ESP or a
     * NAT-keepalive (RFC 3948): ESP goes, without its UDP header, to ESP processing; a
     * keepalive is counted and discarded. NAT-T IKE (the non-ESP marker) and other ports are
     * left to UDP.
     * \param segment the UDP segment (header and payload), ours to change
     * \param header its IPv4 header
     * \param interface the interface it arrived on
     * \return true if the datagram was taken (delivered, counted or dropped)
     */
    bool ReceiveUdpEncapsulated(const Ptr<Packet>& segment,
                                const Ipv4Header& header,
                                const Ptr<Ipv4Interface>& interface);

  protected:
    void DoDispose() override;

  private:
    /** \return the node's driver (looked up once) */
    Ptr<IpsecDriver> GetDriver() const;

    /**
     * \param packet an L4 packet about to be sent
     * \param header its IPv4 header (fields known so far)
     * \return the selector fields
     */
    static IpsecPacketSelector Select(Ptr<const Packet> packet, const Ipv4Header& header);

    /**
     * \param packet an L4 packet about to be sent
     * \param source its source address
     * \param destination its destination address
     * \param protocol its protocol
     * \param firstFragment true unless it is a later fragment (which holds no ports)
     * \return the selector fields
     */
    static IpsecPacketSelector Select(Ptr<const Packet> packet,
                                      Ipv4Address source,
                                      Ipv4Address destination,
                                      uint8_t protocol,
                                      bool firstFragment);

    /**
     * \brief The outer header of a transport-mode packet: source (the route's while the
     * packet has none), destination, TTL and TOS of the unprotected packet; its own
     * identification. Protocol and length are set once the packet is protected.
     * \param source source of the unprotected packet (may be 0.0.0.0)
     * \param destination its destination
     * \param ttl its TTL
     * \param tos its TOS
     * \param route its route
     * \return the header
     */
    Ipv4Header TransportOuterHeader(Ipv4Address source,
                                    Ipv4Address destination,
                                    uint8_t ttl,
                                    uint8_t tos,
                                    const Ptr<Ipv4Route>& route);

    /**
     * \brief Protect \p content under \p sa, complete \p outer and send the result (at once,
     * or when the processing delay model says).
     * \param content the transport segment, or the whole inner packet in tunnel mode
     * \param nextHeader its protocol (4 in tunnel mode)
     * \param outer the outer header (AH covers it, ESP sets protocol and length)
     * \param sa the outbound SA
     * \param seq its sequence number for this packet
     * \param route the route of the protected packet
     */
    void ProtectAndSend(const Ptr<Packet>& content,
                        uint8_t nextHeader,
                        Ipv4Header& outer,
                        const Ptr<IpsecSa>& sa,
                        uint32_t seq,
                        const Ptr<Ipv4Route>& route);

    /**
     * \brief Fire SendOutgoing for the packet Send is deciding, once (see m_outgoing).
     * \param payload the packet
     */
    void FireSendOutgoing(const Ptr<const Packet>& payload);

    /** The clear packet Send is deciding, until SendOutgoing has fired for it. */
    struct Outgoing
    {
        bool pending{false};  //!< SendOutgoing not fired yet
        Ipv4Header header;    //!< its clear header, as Ipv4L3Protocol::Send builds it
        uint32_t interface{0}; //!< its output interface
    };

    class OutgoingScope;
    Outgoing* m_outgoing{nullptr};      //!< the packet Send is deciding (innermost call)
    Ptr<const Packet> m_arrivingTags;   //!< see SetArrivingTags
    int32_t m_arrivalInterface{-1};     //!< see SetArrivalInterface
    bool m_resending{false}; //!< a held packet is sent again: SendOutgoing fired when held
    mutable Ptr<IpsecDriver> m_driver; //!< the node's driver
    bool m_sendingProtected{false};    //!< inside SendProtected: the packet is already decided
    uint32_t m_rawSockets{0};          //!< raw sockets open on the node
    /**
     * IPv4 identification of the headers built here (protected packets; not the base class's
     * m_identification, which numbers the packets Ipv4L3Protocol builds).
     */
    uint16_t m_protectedIdentification{0};
    int16_t m_defaultTtl{-1};          //!< DefaultTtl attribute, read on first use

    /** \return the DefaultTtl attribute */
    uint8_t GetDefaultTtl();

    /**
     * \param device an output device
     * \return true if it is a loopback device
     */
    bool IsLoopback(const Ptr<NetDevice>& device);

    Ptr<NetDevice> m_lastDevice;  //!< the device IsLoopback was last asked about
    bool m_lastIsLoopback{false}; //!< its answer

    /**
     * \param interface an interface of this node
     * \return its index
     */
    int32_t GetInterfaceIndex(const Ptr<Ipv4Interface>& interface);

    Ptr<Ipv4Interface> m_lastInterface; //!< the interface GetInterfaceIndex last looked up
    int32_t m_lastInterfaceIndex{-1};   //!< its index

    /**
     * \brief The transport protocol a decrypted packet goes to: Ipv4L3Protocol::GetProtocol
     * (two map lookups), remembered for the last protocol and interface asked about until a
     * protocol is inserted or removed.
     * \param protocolNumber the IP protocol
     * \param interfaceIndex the interface the packet arrived on
     * \return the protocol, or nullptr
     */
    Ptr<IpL4Protocol> GetDeliveryProtocol(int protocolNumber, int32_t interfaceIndex);

    Ptr<IpL4Protocol> m_deliveryProtocol; //!< what GetDeliveryProtocol last found
    int m_deliveryProtocolNumber{-1};     //!< for this protocol number (-1: nothing cached)
    int32_t m_deliveryInterface{-1};      //!< and this interface
    /** L4 guards, created on first use, one per wrapped protocol object. */
    mutable std::map<IpL4Protocol*, Ptr<IpL4Protocol>> m_guards;
};

} // namespace ns3

#endif /* IPSEC_IPV4_L3_PROTOCOL_H */
