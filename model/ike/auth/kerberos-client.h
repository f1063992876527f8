/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef KERBEROS_CLIENT_H
#define KERBEROS_CLIENT_H

#include "ns3/callback.h"
#include "ns3/event-id.h"
#include "ns3/ipv4-address.h"
#include "ns3/kerberos-crypto.h"
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

namespace CryptoPP
{
class RandomNumberGenerator;
} // namespace CryptoPP

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
    uint64_t tgts{0};            //!< valid AS-REPs (ticket-granting tickets obtained)
    uint64_t replies{0};         //!< valid TGS-REPs (service tickets obtained)
    uint64_t errors{0};          //!< error messages received for a waiting request
    uint64_t failures{0};        //!< requests that failed (errors and kdc-unreachable)
    uint64_t ignored{0};         //!< datagrams dropped (malformed, unknown nonce, bad MAC)
    uint64_t bytesSent{0};       //!< UDP payload bytes sent
    uint64_t bytesReceived{0};   //!< UDP payload bytes received
};

/** \ingroup ipsec \brief A ticket in the client's cache. */
struct KerberosCachedTicket
{
    std::vector<uint8_t> ticket;     //!< the Ticket (DER), as for the IKE peer
    std::vector<uint8_t> sessionKey; //!< the session key
    int32_t etype{0};                //!< the session key's encryption type
    std::string clientRealm;         //!< realm of the client
    std::string clientName;          //!< the client computer's name
    std::string serviceRealm;        //!< realm of the service
    std::string serviceName;         //!< name of the service (the IKE peer's computer name)
    double startSeconds{0};          //!< valid from (simulated seconds)
    double endSeconds{0};            //!< valid until (simulated seconds)
};

/**
 * \ingroup ipsec
 * \brief The Kerberos client of a computer: logs on to its domain's KDC with its machine
 * account key (AS exchange: a TGT) and gets service tickets for IKE peers (TGS exchange), as
 * RFC 4120 defines them; builds the AP-REQ the IKE initiator sends and checks the AP-REP.
 *
 * A plain ns-3 Object meant to be owned by a node's IKE service (give it the node with
 * SetNode). It sends every request from one UDP socket on an ephemeral port to the KDC's port
 * 88. The AS-REQ carries PA-ENC-TIMESTAMP from the first try (no KDC_ERR_PREAUTH_REQUIRED
 * round trip) and PA-PAC-REQUEST, and offers the encryption types EncryptionType first, then
 * the other one. A TGT is kept until its end time; a service ticket request without one runs
 * the AS exchange first, then the TGS exchange: two round trips, each retransmitted on its
 * own.
 *
 * Retransmission: a request unanswered after RetransmitTimeout is sent again, the same
 * bytes, at most MaxTries sends in all; RetransmitTimeout after the last send the request
 * fails with "kdc-unreachable". With the defaults (1 s, 3 tries) sends happen at t, t+1 s and
 * t+2 s, and the failure at t+3 s. ICMP errors are not acted on. Windows' client sends a
 * request up to KdcSendRetries = 3 times (KB 837361); its per-datagram UDP timeout is not
 * documented there, so 1 s is this model's choice.
 *
 * Replies are checked: the encrypted part must decrypt (client key for AS-REP, TGT session
 * key for TGS-REP) and repeat the request's nonce, and name the server asked for. Anything
 * else is ignored (counted), and the request keeps waiting. A KRB-ERROR naming the waiting
 * request's server ends it with its reason at once; it is not authenticated, as in Kerberos.
 *
 * A target given by address is named by a reverse lookup (the DNS stand-in: the client's
 * realm, then the realms it trusts, then any realm): host/NAME in that realm. An address no
 * realm knows is asked for as host/ADDRESS in the client's realm, which the KDC does not
 * know ("unknown-target").
 *
 * Service tickets are cached per (client, target) until their end time: a later request for
 * the same target is answered from the cache, in the same simulated instant but from a
 * scheduled event (never from inside RequestTicket). A request for a target already waiting
 * for a reply joins it: one exchange, every callback called.
 */
class KerberosClient : public Object
{
  public:
    /** \return the TypeId */
    static TypeId GetTypeId();

    KerberosClient();
    ~KerberosClient() override;

    /**
     * The outcome of a request: ok, the failure reason ("" if ok), the ticket with its
     * session key (empty on failure).
     */
    typedef Callback<void, bool, std::string, KerberosCachedTicket> TicketCallback;

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

    /**
     * \brief The AP-REQ for a ticket's service (RFC 4120 5.5.1), mutual authentication
     * required, its authenticator time now.
     * \param ticket a ticket this client obtained
     * \param[out] ctime the authenticator's time (simulated seconds), for CheckApReply
     * \param[out] cusec its microseconds
     * \return the AP-REQ (DER)
     */
    std::vector<uint8_t> MakeApRequest(const KerberosCachedTicket& ticket,
                                       int64_t& ctime,
                                       uint32_t& cusec);

    /**
     * \brief Check the service's AP-REP (mutual authentication).
     * \param ticket the ticket the AP-REQ carried
     * \param apReply the AP-REP bytes (any bytes)
     * \param ctime the AP-REQ's authenticator time
     * \param cusec its microseconds
     * \return true if it decrypts under the session key and repeats ctime and cusec
     */
    static bool CheckApReply(const KerberosCachedTicket& ticket,
                             const std::vector<uint8_t>& apReply,
                             int64_t ctime,
                             uint32_t cusec);

    /** \return the random source of this client (confounders, nonces), for the IKE side */
    CryptoPP::RandomNumberGenerator& GetRandomNumberGenerator();

    /** \return true if this client holds an unexpired TGT of \p realm for \p clientName
     * \param realm the client's realm \param clientName the client */
    bool HasTgt(Ptr<const KerberosRealm> realm, const std::string& clientName) const;

    /** \return the number of cached tickets, expired ones included until next looked at */
    uint32_t GetNCachedTickets() const;

    /** \brief Forget every cached ticket, TGTs included (klist purge). */
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
    /** Where a waiting request is. */
    enum class Stage
    {
        AS,  //!< getting the TGT
        TGS, //!< getting the service ticket
    };

    /** A TGT in the cache. */
    struct Tgt
    {
        KerberosTicket ticket;           //!< the TGT
        std::vector<uint8_t> sessionKey; //!< its session key
        int32_t etype{0};                //!< the session key's type
        double endSeconds{0};            //!< valid until
    };

    /** A request waiting for the KDC. */
    struct Pending
    {
        std::string key;                       //!< cache key
        std::string target;                    //!< target for traces
        Ptr<KerberosRealm> realm;              //!< the client's realm
        std::string clientName;                //!< the client
        std::string serviceRealm;              //!< realm of the target
        std::string serviceName;               //!< the target computer's name
        Stage stage{Stage::AS};                //!< which exchange
        KerberosKdcRequest request;            //!< as sent
        std::vector<uint8_t> bytes;            //!< as sent
        Ipv4Address kdc;                       //!< where to
        uint32_t tries{0};                     //!< sends of this stage so far
        EventId timer;                         //!< retransmission or give-up
        std::vector<TicketCallback> callbacks; //!< who waits
    };

    /**
     * The common part of both requests.
     * \param kdc the KDC
     * \param realm the client's realm
     * \param clientName the client
     * \param key the cache key
     * \param target the target for traces
     * \param serviceRealm the target's realm
     * \param serviceName the target's computer name
     * \param callback the callback
     */
    void Start(Ipv4Address kdc,
               Ptr<KerberosRealm> realm,
               const std::string& clientName,
               const std::string& key,
               const std::string& target,
               const std::string& serviceRealm,
               const std::string& serviceName,
               TicketCallback callback);

    /**
     * Build the AS-REQ or TGS-REQ of a waiting request's stage, with a fresh nonce.
     * \param pending the request
     */
    void Build(Pending& pending);

    /**
     * Send a waiting request (again) and arm its timer.
     * \param id the request
     */
    void Send(uint32_t id);

    /**
     * The timer of a request expired.
     * \param id the request
     */
    void Timeout(uint32_t id);

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
     * \param pending a waiting request
     * \param reply a reply of the pending request's stage
     * \param[out] part its decrypted client part
     * \return true if the reply answers the request
     */
    bool Matches(const Pending& pending,
                 const KerberosKdcReply& reply,
                 KerberosEncKdcRepPart& part) const;

    /**
     * End a waiting request and call its callbacks.
     * \param id the request
     * \param ok success
     * \param reason failure reason
     * \param cached the ticket if ok
     */
    void Finish(uint32_t id, bool ok, const std::string& reason, const KerberosCachedTicket& cached);

    /** \return the UDP socket, created on first use */
    Ptr<Socket> GetSocket();

    /**
     * \param realm the client's realm
     * \param address an address
     * \param[out] serviceRealm the realm of the computer there
     * \param[out] serviceName its name
     * \return false if no realm has a computer there
     */
    static bool LookUp(Ptr<KerberosRealm> realm,
                       Ipv4Address address,
                       std::string& serviceRealm,
                       std::string& serviceName);

    Ptr<Node> m_node;                                    //!< the node
    Ptr<Socket> m_socket;                                //!< ephemeral UDP port
    Ptr<UniformRandomVariable> m_random;                 //!< nonces and IVs
    std::unique_ptr<IkeRandom> m_rng;                    //!< the same stream for Crypto++
    std::map<uint32_t, Pending> m_pending;               //!< waiting requests by id
    uint32_t m_nextId{1};                                //!< id of the next request
    std::map<std::string, KerberosCachedTicket> m_cache; //!< tickets by cache key
    std::map<std::string, Tgt> m_tgts;                   //!< TGTs by realm|client
    KerberosClientCounters m_counters;                   //!< counters

    Time m_retransmitTimeout; //!< wait for a reply this long before sending again
    uint32_t m_maxTries;      //!< sends of one request before it fails
    int m_etype;              //!< preferred encryption type (a KerberosEtype)

    TracedCallback<Ptr<const Packet>, Ipv4Address> m_txTrace;                 //!< trace
    TracedCallback<Ptr<const Packet>, Ipv4Address> m_rxTrace;                 //!< trace
    TracedCallback<const std::string&, const std::string&> m_ticketTrace;     //!< trace
    TracedCallback<const std::string&, const std::string&> m_cacheHitTrace;   //!< trace
    TracedCallback<const std::string&, const std::string&> m_retransmitTrace; //!< trace
    TracedCallback<const std::string&, const std::string&> m_failedTrace;     //!< trace
};


} // namespace ns3

#endif /* KERBEROS_CLIENT_H */
