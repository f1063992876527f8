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
    uint64_t replies{0};       //!< tickets issued (replies sent)
    uint64_t errors{0};        //!< error messages sent
    uint64_t malformed{0};     //!< datagrams dropped as not a request of this model
    uint64_t bytesReceived{0}; //!< UDP payload bytes received
    uint64_t bytesSent{0};     //!< UDP payload bytes sent
    std::map<std::string, uint64_t> errorsByReason; //!< errors sent, by reason
};

/**
 * \ingroup ipsec
 * \brief The Kerberos KDC of a domain controller (simplified: see doc/ike.md, "Kerberos").
 *
 * Listens on UDP 88 on every address of its node. For each well-formed request it checks, in
 * this order: the client's realm is the KDC's ("wrong-realm"), the client has an account
 * ("unknown-client"), the authenticator decrypts under the client's key and repeats the
 * request body ("bad-authenticator"), its timestamp is within MaxClockSkew of the KDC's clock
 * ("clock-skew"), the target exists ("unknown-target") and belongs to this realm or a trusted
 * one ("untrusted-realm"). Failures are answered with an error; success with a reply holding
 * a ticket under the target's long-term key and the client's part under the client's key,
 * both carrying a fresh 16-byte session key. A target named by address is looked up in the
 * directory (KerberosRealm::FindByAddress) of this realm, then of the trusted realms; one that
 * only an untrusted realm has is "untrusted-realm" (DNS names it, but no trust path leads
 * there).
 *
 * Sizes: the ticket carries PacSize bytes of authorization data (the Windows PAC), and a
 * reply is padded to at least ReplySize bytes. Errors are not padded.
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
     * Answer one request.
     * \param request the parsed request
     * \param from the client's socket address
     * \param peer the client's IPv4 address
     */
    void Serve(const KerberosTgsRequest& request, const Address& from, Ipv4Address peer);

    /**
     * Find the target of a request.
     * \param request the request
     * \param[out] realm receives the target's realm
     * \param[out] name receives the target's name
     * \return "" if found, or the reason it cannot be served
     */
    std::string ResolveTarget(const KerberosTgsRequest& request,
                              Ptr<KerberosRealm>& realm,
                              std::string& name) const;

    /**
     * Send an error.
     * \param nonce the request's nonce
     * \param code the error
     * \param from the client's socket address
     * \param peer the client's IPv4 address
     */
    void SendError(uint32_t nonce, KerberosErrorCode code, const Address& from, Ipv4Address peer);

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
    uint32_t m_replySize;  //!< replies are padded to at least this size

    TracedCallback<Ptr<const Packet>, Ipv4Address> m_rxTrace;                          //!< trace
    TracedCallback<Ptr<const Packet>, Ipv4Address> m_txTrace;                          //!< trace
    TracedCallback<Ipv4Address, const std::string&, const std::string&> m_ticketTrace; //!< trace
    TracedCallback<Ipv4Address, const std::string&> m_errorTrace;                      //!< trace
};

} // namespace ns3

#endif /* KERBEROS_KDC_H */
