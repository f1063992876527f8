/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef NAPT_TRANSLATOR_H
#define NAPT_TRANSLATOR_H

#include "napt-binding-table.h"
#include "napt-counters.h"
#include "napt-drop-reason.h"

#include "ns3/ipv4-header.h"
#include "ns3/nstime.h"
#include "ns3/object.h"
#include "ns3/packet.h"
#include "ns3/traced-callback.h"

#include <vector>

namespace ns3
{

/**
 * \ingroup ipsec
 * \brief The translation of a NAPT router (aggregated to the node by NaptHelper): bindings,
 * their timeouts, header rewriting, counters and traces. NaptTrafficControlLayer decides which
 * packets it sees.
 *
 * Outbound (leaving by the outside interface from an inside host or the router itself): UDP
 * and TCP get the public address and the binding's external port as source, ICMP echo
 * requests the binding's identifier; ICMP errors from inside have the packet they quote
 * translated back to the public side. Inbound (to the public address): UDP, TCP and ICMP echo
 * replies with a binding go to its inside endpoint; ICMP errors quoting a translated packet go
 * to the inside host that sent it, with the quoted header translated back. Transport headers
 * are serialized again, so their checksums (over the pseudo header) are right when ns-3's
 * ChecksumEnabled is on.
 *
 * Mapping is endpoint independent (RFC 4787 REQ-1), filtering too (REQ-8): a binding accepts
 * packets from any remote endpoint; packets with no binding are dropped (NO_BINDING).
 */
class NaptTranslator : public Object
{
  public:
    /** What to do with a packet. */
    enum Verdict
    {
        PASS,       //!< not for the NAPT: leave it as it is
        TRANSLATED, //!< header and payload were rewritten
        DROP,       //!< dropped (counted and traced already)
    };

    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    NaptTranslator();
    ~NaptTranslator() override;

    /**
     * \brief Translate a packet leaving by the outside interface.
     * \param header its IPv4 header (source rewritten)
     * \param payload its transport header and data (a copy the caller owns; rewritten)
     * \param publicAddress the outside interface's address
     * \return the verdict
     */
    Verdict TranslateOutbound(Ipv4Header& header, Ptr<Packet> payload, Ipv4Address publicAddress);

    /**
     * \brief Translate a packet that arrived on the outside interface for the public address.
     * \param header its IPv4 header (destination rewritten)
     * \param payload its transport header and data (a copy the caller owns; rewritten)
     * \return the verdict
     */
    Verdict TranslateInbound(Ipv4Header& header, Ptr<Packet> payload);

    /**
     * \brief Count and trace a drop.
     * \param header the packet's IPv4 header
     * \param payload the rest of it
     * \param direction which way it went
     * \param reason why
     */
    void Drop(const Ipv4Header& header,
              Ptr<const Packet> payload,
              NaptDirection direction,
              NaptDropReason reason);

    /** \return the counters */
    const NaptCounters& GetCounters() const;

    /** \return the live bindings */
    uint32_t GetNBindings() const;

    /** \return copies of the live bindings, by protocol and external port */
    std::vector<NaptBinding> GetBindings() const;

    /** \return the binding table (for its sizes) */
    const NaptBindingTable& GetTable() const;

    /**
     * \param binding a binding
     * \return its idle timeout in its current state
     */
    Time GetTimeout(const NaptBinding& binding) const;

    /**
     * TracedCallback signature of BindingCreated and BindingExpired.
     * \param binding the binding
     */
    typedef void (*BindingTracedCallback)(const NaptBinding& binding);

    /**
     * TracedCallback signature of Drop.
     * \param packet the IPv4 datagram
     * \param direction which way it went
     * \param reason why it was dropped
     */
    typedef void (*DropTracedCallback)(Ptr<const Packet> packet,
                                       NaptDirection direction,
                                       NaptDropReason reason);

  protected:
    void DoDispose() override;

  private:
    /**
     * \brief Outbound UDP or TCP.
     * \param header IPv4 header
     * \param payload transport header and data
     * \param publicAddress the public address
     * \return the verdict
     */
    Verdict OutboundPorts(Ipv4Header& header, Ptr<Packet> payload, Ipv4Address publicAddress);

    /**
     * \brief Outbound ICMP.
     * \param header IPv4 header
     * \param payload ICMP message
     * \param publicAddress the public address
     * \return the verdict
     */
    Verdict OutboundIcmp(Ipv4Header& header, Ptr<Packet> payload, Ipv4Address publicAddress);

    /**
     * \brief Inbound UDP or TCP.
     * \param header IPv4 header
     * \param payload transport header and data
     * \return the verdict
     */
    Verdict InboundPorts(Ipv4Header& header, Ptr<Packet> payload);

    /**
     * \brief Inbound ICMP.
     * \param header IPv4 header
     * \param payload ICMP message
     * \return the verdict
     */
    Verdict InboundIcmp(Ipv4Header& header, Ptr<Packet> payload);

    /**
     * \brief Rewrite the packet an ICMP error quotes (destination unreachable, time exceeded).
     * \param header the outer IPv4 header
     * \param payload the ICMP message after its 4-byte ICMP header (rewritten)
     * \param type ICMP type (3 or 11)
     * \param inbound true: the quoted packet went out translated, give it its inside source;
     *        false: it came in translated, give it back its public destination
     * \param publicAddress the public address (outbound)
     * \return the verdict
     */
    Verdict IcmpError(Ipv4Header& header,
                      Ptr<Packet> payload,
                      uint8_t type,
                      bool inbound,
                      Ipv4Address publicAddress);

    /**
     * \brief Find or make the binding of an outbound packet, and refresh it.
     * \param protocol IP protocol
     * \param address inside address
     * \param port inside port or identifier
     * \param tcpSeen TCP flags seen on this packet (NaptBinding::TcpSeen)
     * \return the binding, or null when no port is free
     */
    NaptBinding* BindOutbound(uint8_t protocol,
                              Ipv4Address address,
                              uint16_t port,
                              uint8_t tcpSeen);

    /**
     * \param binding a binding that expired
     */
    void BindingExpired(const NaptBinding& binding);

    NaptBindingTable m_table;     //!< the bindings
    NaptCounters m_counters;      //!< the counters
    Time m_udpTimeout;            //!< UDP idle timeout
    Time m_tcpEstablishedTimeout; //!< TCP established idle timeout
    Time m_tcpTransitoryTimeout;  //!< TCP opening / closing idle timeout
    Time m_icmpTimeout;           //!< ICMP query idle timeout
    bool m_udpInboundRefresh;     //!< inbound UDP refreshes bindings too

    TracedCallback<const NaptBinding&> m_bindingCreatedTrace; //!< BindingCreated
    TracedCallback<const NaptBinding&> m_bindingExpiredTrace; //!< BindingExpired
    TracedCallback<Ptr<const Packet>, NaptDirection, NaptDropReason> m_dropTrace; //!< Drop
};

} // namespace ns3

#endif /* NAPT_TRANSLATOR_H */
