/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef KERBEROS_CLIENT_H
#define KERBEROS_CLIENT_H

#include "ns3/callback.h"
#include "ns3/event-id.h"
#include "ns3/ipv4-address.h"
#include "ns3/kerberos-messages.h"
#include "ns3/kerberos-realm.h"
#include "ns3/nstime.h"
#include "ns3/object.h"
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
class Node;

/** \ingroup ipsec \brief What a Kerberos client has done, for studies and tests. */
struct KerberosClientCounters
{
    uint64_t requests{0};        //!< RequestTicket calls
    uint64_t cacheHits{0};       //!< requests answered from the ticket cache
    uint64_t joined{0};          //!< requests that joined one already waiting for a reply
    uint64_t messagesSent{0};    //!< requests sent, retransmissions included
    uint64_t retransmissions{0}; //!< requests sent again
    uint64_t replies{0};         //!< valid replies (tickets obtained)
    uint64_t errors{0};          //!< error messages received for a waiting request
    uint64_t failures{0};        //!< requests that failed (errors and kdc-unreachable)
    uint64_t ignored{0};         //!< datagrams dropped (malformed, unknown nonce, bad MAC)
    uint64_t bytesSent{0};       //!< UDP payload bytes sent
    uint64_t bytesReceived{0};   //!< UDP payload bytes received
};

/** \ingroup ipsec \brief A ticket in the client's cache. */
struct KerberosCachedTicket
{
    std::vector<uint8_t> ticket;     //!< the ticket, as for the IKE peer
    std::vector<uint8_t> sessionKey; //!< the session key
    std::string serviceRealm;        //!< realm of the service
    std::string serviceName;         //!< name of the service (the IKE peer's computer name)
    double startSeconds{0};          //!< valid from (simulated seconds)
    double endSeconds{0};            //!< valid until (simulated seconds)
};

/**
 * \ingroup ipsec
 * \brief The Kerberos client of a computer: gets service tickets for IKE peers from a KDC.
 *
 * A plain ns-3 Object meant to be owned by a node's IKE service (give it the node with
 * SetNode). It sends each request from one UDP socket on an ephemeral port to the KDC's port
 * 88. Retransmission: a request unanswered after RetransmitTimeout is sent again, the same
 * bytes, at most MaxTries sends in all; RetransmitTimeout after the last send the request
 * fails with "kdc-unreachable". With the defaults (1 s, 3 tries) sends happen at t, t+1 s and
 * t+2 s, and the failure at t+3 s. ICMP errors are not acted on. Windows' client sends a
 * request up to KdcSendRetries = 3 times (KB 837361); its per-datagram UDP timeout is not
 * documented there, so 1 s is this model's choice.
 *
 * Replies are checked: the encrypted part must decrypt under the client's key and repeat the
 * request's nonce, client and target. Anything else is ignored (counted), and the request
 * keeps waiting. An error message ends the request with its reason at once; it is not
 * authenticated, as in Kerberos.
 *
 * Tickets are cached per (client, target) until their end time: a later request for the same
 * target is answered from the cache, in the same simulated instant but from a scheduled event
 * (never from inside RequestTicket). A request for a target already waiting for a reply joins
 * it: one exchange, every callback called.
 */
class KerberosClient : public Object
{
  public:
    /** \return the TypeId */
    static TypeId GetTypeId();

    KerberosClient();
    ~KerberosClient() override;

    /**
     * The outcome of a request: ok, the failure reason ("" if ok), the ticket to hand the
     * peer and the session key (both empty on failure).
     */
    typedef Callback<void, bool, std::string, std::vector<uint8_t>, std::vector<uint8_t>>
        TicketCallback;

    /**
     * A datagram sent or received.
     * \param packet the UDP payload
     * \param kdc the KDC's address
     */
    typedef void (*PacketTracedCallback)(Ptr<const Packet> packet, Ipv4Address kdc);

    /**
     * An event of a request.
     * \param target the target as requested (address or name)
     * \param detail the service principal, or the failure reason, or the try number
     */
    typedef void (*RequestTracedCallback)(const std::string& target, const std::string& detail);

    /**
     * \param node the node the client sends from (before the first request)
     */
    void SetNode(Ptr<Node> node);

    /** \return the node */
    Ptr<Node> GetNode() const;

    /**
     * \brief Get a ticket for the computer at an address (the IKE peer), from the cache or the
     * KDC.
     * \param kdc the domain controller's address
     * \param realm the client's realm: its key comes from there (what the computer was
     *        provisioned with when it joined)
     * \param clientName this computer's name in \p realm
     * \param target the IKE peer's address; the KDC finds its name in the directory
     * \param callback called once with the outcome. Failure reasons: the KDC's
     *        (KerberosErrorReason), "kdc-unreachable", or "not-joined" (the realm has no
     *        account \p clientName: nothing is sent)
     */
    void RequestTicket(Ipv4Address kdc,
                       Ptr<KerberosRealm> realm,
                       const std::string& clientName,
                       Ipv4Address target,
                       TicketCallback callback);

    /**
     * \brief Get a ticket for a computer named "name" (in the client's realm) or "name@REALM".
     * \param kdc the domain controller's address
     * \param realm the client's realm
     * \param clientName this computer's name in \p realm
     * \param targetName the target computer
     * \param callback as for RequestTicket
     */
    void RequestTicketByName(Ipv4Address kdc,
                             Ptr<KerberosRealm> realm,
                             const std::string& clientName,
                             const std::string& targetName,
                             TicketCallback callback);

    /**
     * \param realm the client's realm
     * \param clientName the client
     * \param target a target address
     * \return the unexpired cached ticket for that target, or nullptr
     */
    const KerberosCachedTicket* FindCachedTicket(Ptr<const KerberosRealm> realm,
                                                 const std::string& clientName,
                                                 Ipv4Address target) const;

    /** \return the number of cached tickets, expired ones included until next looked at */
    uint32_t GetNCachedTickets() const;

    /** \brief Forget every cached ticket (klist purge). */
    void PurgeTickets();

    /** \return the counters */
    const KerberosClientCounters& GetCounters() const;

    /**
     * \param stream first stream index to use
     * \return the number of streams used (1)
     */
    int64_t AssignStreams(int64_t stream);

  protected:
    void DoDispose() override;

  private:
    /** A request waiting for the KDC. */
    struct Pending
    {
        std::string key;                       //!< cache key
        std::string target;                    //!< target for traces
        KerberosTgsRequest request;            //!< as sent
        std::vector<uint8_t> bytes;            //!< as sent
        std::vector<uint8_t> clientKey;        //!< the client's long-term key
        Ipv4Address kdc;                       //!< where to
        uint32_t tries{0};                     //!< sends so far
        EventId timer;                         //!< retransmission or give-up
        std::vector<TicketCallback> callbacks; //!< who waits
    };

    /**
     * The common part of both requests.
     * \param kdc the KDC
     * \param realm the client's realm
     * \param clientName the client
     * \param request the request with its target set
     * \param callback the callback
     */
    void Start(Ipv4Address kdc,
               Ptr<KerberosRealm> realm,
               const std::string& clientName,
               KerberosTgsRequest request,
               TicketCallback callback);

    /**
     * Send a waiting request (again) and arm its timer.
     * \param nonce the request's nonce
     */
    void Send(uint32_t nonce);

    /**
     * The timer of a request expired.
     * \param nonce the request's nonce
     */
    void Timeout(uint32_t nonce);

    /**
     * Read every waiting datagram.
     * \param socket the socket
     */
    void Receive(Ptr<Socket> socket);

    /**
     * Handle one datagram from the KDC.
     * \param bytes the UDP payload
     * \param kdc its source address
     */
    void Handle(const std::vector<uint8_t>& bytes, Ipv4Address kdc);

    /**
     * End a waiting request and call its callbacks.
     * \param nonce the request's nonce
     * \param ok success
     * \param reason failure reason
     * \param cached the ticket if ok
     */
    void Finish(uint32_t nonce,
                bool ok,
                const std::string& reason,
                const KerberosCachedTicket& cached);

    /** \return the UDP socket, created on first use */
    Ptr<Socket> GetSocket();

    /**
     * \param realmName the client's realm
     * \param clientName the client
     * \param request a request with its target set
     * \return the cache key of (client, target)
     */
    static std::string CacheKey(const std::string& realmName,
                                const std::string& clientName,
                                const KerberosTgsRequest& request);

    Ptr<Node> m_node;                                    //!< the node
    Ptr<Socket> m_socket;                                //!< ephemeral UDP port
    Ptr<UniformRandomVariable> m_random;                 //!< nonces and IVs
    std::unique_ptr<IkeRandom> m_rng;                    //!< the same stream for Crypto++
    std::map<uint32_t, Pending> m_pending;               //!< waiting requests by nonce
    std::map<std::string, KerberosCachedTicket> m_cache; //!< tickets by cache key
    KerberosClientCounters m_counters;                   //!< counters

    Time m_retransmitTimeout; //!< wait for a reply this long before sending again
    uint32_t m_maxTries;      //!< sends of one request before it fails
    uint32_t m_requestSize;   //!< requests are padded to at least this size

    TracedCallback<Ptr<const Packet>, Ipv4Address> m_txTrace;                 //!< trace
    TracedCallback<Ptr<const Packet>, Ipv4Address> m_rxTrace;                 //!< trace
    TracedCallback<const std::string&, const std::string&> m_ticketTrace;     //!< trace
    TracedCallback<const std::string&, const std::string&> m_cacheHitTrace;   //!< trace
    TracedCallback<const std::string&, const std::string&> m_retransmitTrace; //!< trace
    TracedCallback<const std::string&, const std::string&> m_failedTrace;     //!< trace
};


} // namespace ns3

#endif /* KERBEROS_CLIENT_H */
