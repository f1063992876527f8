/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef MEDIA_SENSE_DHCP_CLIENT_H
#define MEDIA_SENSE_DHCP_CLIENT_H

#include "ns3/application.h"
#include "ns3/event-id.h"
#include "ns3/ipv4-address.h"
#include "ns3/net-device.h"
#include "ns3/nstime.h"
#include "ns3/random-variable-stream.h"
#include "ns3/socket.h"
#include "ns3/traced-callback.h"

#include <cstdint>
#include <string>

namespace ns3
{

class DhcpHeader;

/**
 * \ingroup ipsec
 * \brief A DHCP client that treats link loss as Windows' media sense does: a roaming computer
 *        keeps its lease across a short loss and verifies it on the next link up.
 *
 * ns-3's DhcpClient removes its address on every link down and starts over with a DISCOVER on
 * link up. Windows does not (doc/roaming.md, "DHCP and media sense"):
 *
 * - **Link down**: the address stays for MediaSenseDamping (20 s, the damping period of
 *   Windows 2000 TCP/IP); only a loss that lasts longer removes it (and its default route).
 * - **Link up with a lease** (every new association, KB 320229): a DHCPREQUEST for the same
 *   address, broadcast with no server identifier (RFC 2131 INIT-REBOOT, 3.2 and 4.3.2). The address stays in use meanwhile. An ACK keeps it (trace LeaseKept); a NAK
 *   removes it and starts a DISCOVER at once; no answer after InitRebootTries sends (one every
 *   Retransmit) removes it too and starts a DISCOVER. The last case is the one ns-3's
 *   DhcpServer produces on another subnet: it ignores a request for an address outside its pool
 *   instead of answering NAK (RFC 2131 4.3.2 says it SHOULD NAK a client on the wrong network).
 * - **Link up without a lease**, or at start: DISCOVER, the first OFFER is taken (RFC 2131
 *   allows it; Windows does), REQUEST, ACK: the address, mask and default route are installed
 *   (trace NewLease).
 * - **Renewal**: at the lease's renewal time (T1) a REQUEST for the address (broadcast, like
 *   INIT-REBOOT); an ACK keeps it; at the end of the lease without an ACK the address goes.
 *
 * Messages are ns-3's DhcpHeader (so ns-3's DhcpServer understands them), broadcast from a UDP
 * socket on port 68 bound to the device. ns-3's UDP sends a broadcast from the interface's
 * address, so an INIT-REBOOT REQUEST leaves from the held address, not from 0.0.0.0 as RFC 2131
 * says; ns-3's DhcpServer answers it the same way (on its own subnet it unicasts the ACK to
 * that address, which the client holds). Without an address the interface has 0.0.0.0/0, as
 * with ns-3's DhcpClient.
 *
 * The interface of the device is created (and set up) at start if the node has none for it.
 */
class MediaSenseDhcpClient : public Application
{
  public:
    /** \return the TypeId */
    static TypeId GetTypeId();

    MediaSenseDhcpClient();
    ~MediaSenseDhcpClient() override;

    /** \param device the device to configure (before the application starts) */
    void SetDevice(Ptr<NetDevice> device);

    /** \return the device */
    Ptr<NetDevice> GetDevice() const;

    /** \return the address held now (0.0.0.0 without one) */
    Ipv4Address GetAddress() const;

    /** \return the server of the current (or last) lease */
    Ipv4Address GetDhcpServer() const;

    /** \return the default gateway of the current (or last) lease */
    Ipv4Address GetGateway() const;

    /**
     * \param stream first stream index to use (transaction identifiers)
     * \return the number of streams used (1)
     */
    int64_t AssignStreams(int64_t stream);

    /**
     * An address event.
     * \param address the address
     */
    typedef void (*AddressTracedCallback)(const Ipv4Address& address);

    /**
     * An address removed.
     * \param address the address
     * \param reason nak, no-answer, link-down (past the damping period) or lease-expired
     */
    typedef void (*RemovedTracedCallback)(const Ipv4Address& address, const std::string& reason);

  protected:
    void DoDispose() override;

  private:
    /** Where the client is (RFC 2131 figure 5, the states this client uses). */
    enum State
    {
        INIT,       //!< no address; DISCOVER sent
        REQUESTING, //!< REQUEST for an offer sent
        BOUND,      //!< address held
        VERIFYING,  //!< address held, REQUEST for it sent (INIT-REBOOT or renewal)
    };

    void StartApplication() override;
    void StopApplication() override;

    /** The device's link went up or down. */
    void LinkChanged();
    /** Start over without an address: DISCOVER. */
    void Discover();
    /** Ask for the held address again (INIT-REBOOT on link up, or renewal at T1). */
    void Verify();
    /** Send the current DISCOVER or REQUEST again, or give up. */
    void Retransmit();
    /** Answers on port 68. \param socket the socket */
    void Receive(Ptr<Socket> socket);
    /** \param header an OFFER of this transaction */
    void Offered(const DhcpHeader& header);
    /** \param header an ACK of this transaction */
    void Acknowledged(const DhcpHeader& header);
    /** Send the message of the current state (DISCOVER or REQUEST). */
    void SendCurrent();
    /** \param header a message to broadcast */
    void Broadcast(DhcpHeader header);
    /** Install m_address, m_mask, m_gateway on the interface. */
    void Install();
    /** \param reason why the address goes (trace) */
    void RemoveAddress(const std::string& reason);
    /** Schedule renewal and expiry from now. */
    void ScheduleLeaseTimers();
    /** \return the device's address as the 16-byte chaddr of DhcpHeader */
    Address Chaddr() const;
    /** \return the interface index of the device */
    uint32_t Interface() const;

    Ptr<NetDevice> m_device;        //!< the configured device
    Ptr<Socket> m_socket;           //!< receives on port 68
    Ptr<UniformRandomVariable> m_rng; //!< transaction identifiers
    State m_state{INIT};            //!< where the client is
    bool m_bound{false};            //!< an address is installed
    uint32_t m_transaction{0};      //!< current xid
    uint32_t m_tries{0};            //!< sends of the current message
    Ipv4Address m_address;          //!< held (or requested) address
    Ipv4Mask m_mask;                //!< its mask
    Ipv4Address m_gateway;          //!< default gateway of the lease
    Ipv4Address m_server;           //!< server of the lease (or offer)
    Time m_leaseTime;               //!< lease duration
    Time m_renewTime;               //!< T1
    Time m_retransmit;              //!< attribute Retransmit
    Time m_damping;                 //!< attribute MediaSenseDamping
    uint32_t m_initRebootTries{2};  //!< attribute InitRebootTries
    EventId m_retransmitEvent;      //!< next retransmission
    EventId m_dampingEvent;         //!< link-down damping
    EventId m_renewEvent;           //!< T1
    EventId m_expiryEvent;          //!< lease end
    TracedCallback<const Ipv4Address&> m_newLease;  //!< NewLease
    TracedCallback<const Ipv4Address&> m_leaseKept; //!< LeaseKept
    TracedCallback<const Ipv4Address&> m_verifying; //!< Verifying
    TracedCallback<const Ipv4Address&, const std::string&> m_removed; //!< AddressRemoved
};

} // namespace ns3

#endif /* MEDIA_SENSE_DHCP_CLIENT_H */
