/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef KERBEROS_KDC_H
#define KERBEROS_KDC_H

#include "ns3/application.h"
#include "ns3/ipv4-address.h"
#include "ns3/kerberos-messages.h"
#include "ns3/kerberos-realm.h"
#include "ns3/nstime.h"
#include "ns3/packet.h"
#include "ns3/random-variable-stream.h"
#include "ns3/socket.h"
#include "ns3/traced-callback.h"

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace ns3
{

class IkeRandom;

/** \ingroup ipsec \brief What a KDC has done, for studies and tests. */
struct KerberosKdcCounters
{
    uint64_t requests{0};      //!< well-formed requests received (retransmissions included)
    uint64_t tgts{0};          //!< ticket-granting tickets issued (AS-REPs sent)
    uint64_t replies{0};       //!< service tickets issued (TGS-REPs sent)
    uint64_t errors{0};        //!< error messages sent
    uint64_t malformed{0};     //!< datagrams dropped as not a request of this model
    uint64_t bytesReceived{0}; //!< UDP payload bytes received
    uint64_t bytesSent{0};     //!< UDP payload bytes sent
    std::map<std::string, uint64_t> errorsByReason; //!< errors sent, by reason
};

/**
 * \ingroup ipsec
 * \brief The Kerberos KDC of a domain controller: RFC 4120's authentication service (AS) and
 * ticket-granting service (TGS) on UDP 88, with RC4-HMAC and DES-CBC-MD5 (see doc/ike.md,
 * "Kerberos").
 *
 * Listens on UDP 88 on every address of its node.
 *
 * AS-REQ (a computer's logon with its machine account key), checked in this order: the
 * request's realm is the KDC's ("wrong-realm", KDC_ERR_WRONG_REALM), the client has an
 * account ("unknown-client"), the server is krbtgt/REALM ("unknown-target"), an offered etype
 * is supported ("etype-not-supported"), PA-ENC-TIMESTAMP is present ("preauth-required") and
 * decrypts under the client's key (KDC_ERR_PREAUTH_FAILED, "bad-authenticator"), its time is
 * within MaxClockSkew ("clock-skew"). The AS-REP carries a TGT under the krbtgt key.
 *
 * TGS-REQ: its PA-TGS-REQ AP-REQ must hold a TGT of this realm that decrypts and an
 * authenticator for the same client under its session key ("bad-authenticator"), the TGT must
 * not have expired ("ticket-expired"), the authenticator's time is within MaxClockSkew
 * ("clock-skew"), the target host/NAME exists in the requested realm ("unknown-target") and
 * that realm is this one or a trusted one ("untrusted-realm"). The TGS-REP carries a service
 * ticket under the target's key; a ticket for a trusted realm's computer is issued directly
 * (no referral TGT: a simplification, doc/ike.md).
 *
 * Tickets carry PacSize bytes of authorization data (AD-WIN2K-PAC inside AD-IF-RELEVANT, the
 * Windows PAC's place; its content here is zeros), in the TGT and in every service ticket.
 */
class KerberosKdc : public Application
{
  public:
    /** \return the TypeId */
    static TypeId GetTypeId();

    KerberosKdc();
    ~KerberosKdc() override;

    /**
     * A datagram received or sent.
     * \param packet the UDP payload
     * \param peer the client's address
     */
    typedef void (*PacketTracedCallback)(Ptr<const Packet> packet, Ipv4Address peer);

    /**
     * A ticket issued.
     * \param peer the client's address
     * \param client the client principal (name@REALM)
     * \param service the service principal (name@REALM)
     */
    typedef void (*TicketTracedCallback)(Ipv4Address peer,
                                         const std::string& client,
                                         const std::string& service);

    /**
     * A request refused.
     * \param peer the client's address
     * \param reason the reason ("unknown-client", ...)
     */
    typedef void (*ErrorTracedCallback)(Ipv4Address peer, const std::string& reason);

    /**
     * \param realm the realm this KDC serves (must be set before the application starts)
     */
    void SetRealm(Ptr<KerberosRealm> realm);

    /** \return the realm this KDC serves */
    Ptr<KerberosRealm> GetRealm() const;

    /** \return the counters */
    const KerberosKdcCounters& GetCounters() const;

    /**
     * \param stream first stream index to use
     * \return the number of streams used (1)
     */
    int64_t AssignStreams(int64_t stream);

  protected:
    void DoDispose() override;

  private:
    void StartApplication() override;
    void StopApplication() override;

    /**
     * Read every waiting datagram.
     * \param socket the socket
     */
    void Receive(Ptr<Socket> socket);

    /**
     * Answer an AS-REQ.
     * \param request the parsed request
     * \param from the client's socket address
     * \param peer the client's IPv4 address
     */
    void ServeAs(const KerberosKdcRequest& request, const Address& from, Ipv4Address peer);

    /**
     * Answer a TGS-REQ.
     * \param request the parsed request
     * \param from the client's socket address
     * \param peer the client's IPv4 address
     */
    void ServeTgs(const KerberosKdcRequest& request, const Address& from, Ipv4Address peer);

    /**
     * \param request a request
     * \param[out] etype the first offered etype this KDC supports
     * \return false if none
     */
    static bool ChooseEtype(const KerberosKdcRequest& request, KerberosEtype& etype);

    /**
     * Send an error.
     * \param request the request refused
     * \param code the error
     * \param from the client's socket address
     * \param peer the client's IPv4 address
     */
    void SendError(const KerberosKdcRequest& request,
                   KerberosErrorCode code,
                   const Address& from,
                   Ipv4Address peer);

    /**
     * Send bytes to a client.
     * \param bytes the UDP payload
     * \param to the client's socket address
     * \param peer the client's IPv4 address
     */
    void SendBytes(const std::vector<uint8_t>& bytes, const Address& to, Ipv4Address peer);

    Ptr<KerberosRealm> m_realm;          //!< the realm served
    Ptr<Socket> m_socket;                //!< UDP 88
    Ptr<UniformRandomVariable> m_random; //!< session keys and IVs
    std::unique_ptr<IkeRandom> m_rng;    //!< the same stream for Crypto++
    KerberosKdcCounters m_counters;      //!< counters

    Time m_ticketLifetime; //!< lifetime of the tickets issued
    Time m_maxClockSkew;   //!< accepted difference of the client's timestamp
    uint32_t m_pacSize;    //!< bytes of authorization data in each ticket

    TracedCallback<Ptr<const Packet>, Ipv4Address> m_rxTrace;                          //!< trace
    TracedCallback<Ptr<const Packet>, Ipv4Address> m_txTrace;                          //!< trace
    TracedCallback<Ipv4Address, const std::string&, const std::string&> m_ticketTrace; //!< trace
    TracedCallback<Ipv4Address, const std::string&> m_errorTrace;                      //!< trace
};

} // namespace ns3

#endif /* KERBEROS_KDC_H */
