/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef IKE_SERVICE_H
#define IKE_SERVICE_H

#include "ns3/ike-authenticator.h"
#include "ns3/ike-config.h"
#include "ns3/ike-decryption-table.h"
#include "ns3/ike-failure-reason.h"
#include "ns3/ike-informational-task.h"
#include "ns3/ike-main-mode-sa.h"
#include "ns3/ike-pki.h"
#include "ns3/ike-quick-mode-sa.h"
#include "ns3/ipsec-key-manager.h"
#include "ns3/event-id.h"
#include "ns3/isakmp-payloads.h"
#include "ns3/kerberos-client.h"
#include "ns3/kerberos-realm.h"
#include "ns3/random-variable-stream.h"
#include "ns3/socket.h"
#include "ns3/traced-callback.h"

#include <array>
#include <cstdint>
#include <map>
#include <set>
#include <memory>
#include <ostream>
#include <string>
#include <vector>

namespace ns3
{

class IpsecDriver;
class IkeRandom;
class Node;

/** \ingroup ipsec \brief What an IKE service has done, for studies and tests. */
struct IkeCounters
{
    uint64_t mainModeStarted{0};    //!< main modes started (either role)
    uint64_t mainModeSucceeded{0};  //!< main mode SAs established
    uint64_t mainModeFailed{0};     //!< main modes that failed
    uint64_t quickModeStarted{0};   //!< quick modes started (either role)
    uint64_t quickModeSucceeded{0}; //!< quick mode SA pairs installed
    uint64_t quickModeFailed{0};    //!< quick modes that failed
    uint64_t rekeys{0};             //!< quick mode SA pairs replaced before they expired
    uint64_t messagesSent{0};       //!< ISAKMP messages sent, retransmissions included
    uint64_t messagesReceived{0};   //!< ISAKMP messages received
    uint64_t retransmissions{0};    //!< messages sent again
    uint64_t ignored{0};            //!< messages dropped (malformed, unknown SA, duplicates)
    uint64_t deletesSent{0};        //!< delete notifications sent
    uint64_t deletesReceived{0};    //!< delete notifications acted on
    uint64_t bytesSent{0};          //!< ISAKMP bytes sent (UDP payload)
    uint64_t softSas{0};            //!< fallbacks to clear (soft SAs made)
    uint64_t icmpUnreachable{0};    //!< ICMP destination unreachable about our UDP 500 datagrams
    uint64_t backedOff{0};          //!< negotiations not started: the peer's back-off was on
    /** Main modes that failed, by kind of reason (index: IkeFailureReason). */
    std::array<uint64_t, IKE_FAILURE_REASON_COUNT> mainModeFailedByReason{};
    /** Main modes that failed authenticating (IkeFailure::IsAuthenticationFailure). */
    uint64_t authenticationFailed{0};
    /** The same by reason text with its detail, e.g. "peer: AUTHENTICATION_FAILED". */
    std::map<std::string, uint64_t> authenticationFailedByReason;
};

/**
 * \ingroup ipsec
 * \brief When a main mode this node started may fall back to clear (a soft SA), for a
 *        Negotiate filter that allows it. See doc/windows-behaviour.md.
 */
enum class IkeFallbackRule : uint8_t
{
    PROFILE,          //!< "profile": icmp-unreachable under win2000, silence otherwise
    SILENCE,          //!< "silence": no IKE answer within the driver's FallbackDelay (XP, 2003)
    ICMP_UNREACHABLE, //!< "icmp-unreachable": every try used up, and only ICMP unreachable came
                      //!< back (Windows 2000, KB 234580)
};

/**
 * \param rule a fallback rule
 * \return its name (profile, silence, icmp-unreachable)
 */
std::string IkeFallbackRuleToString(IkeFallbackRule rule);

/**
 * \ingroup ipsec
 * \brief Whether IKE does NAT traversal (RFC 3947 and draft-02, doc/nat.md): attribute
 *        NatTraversal.
 */
enum class IkeNatTraversalSetting : uint8_t
{
    PROFILE, //!< "profile": off under win2000, on under winxp (SP2), win2003, win2003sp2
    ON,      //!< "on": vendor IDs, NAT-D, port 4500, UDP-encapsulated ESP when a NAT is found
    OFF,     //!< "off": none of it (Windows 2000, or XP before SP2)
};

/**
 * \ingroup ipsec
 * \brief The IKE (IKEv1, RFC 2409) key management service of a node.
 *
 * Listens on UDP 500; answers the driver's acquire with main mode (6 messages) and quick mode
 * (3 messages) exchanges in RFC 2408 wire format with real cryptography; installs the SAs in
 * the driver; rekeys on soft expiry; deletes on idle time and tells the peer. See doc/ike.md.
 *
 * The service itself holds the socket, the main mode and quick mode SA tables, their timer
 * queues, the configuration, counters and traces, and hands each received message to the task
 * of its exchange (IkeMainModeTask, IkeQuickModeTask, IkeInformationalTask).
 */
class IkeService : public IpsecKeyManager
{
  public:
    /** \return the TypeId */
    static TypeId GetTypeId();

    IkeService();
    ~IkeService() override;

    /**
     * Peer and text: what happened (a description, or the failure reason).
     * \param peer the peer's address
     * \param detail the description or reason
     */
    typedef void (*EventTracedCallback)(Ipv4Address peer, const std::string& detail);

    /**
     * A message sent, received or retransmitted.
     * \param peer the peer's address
     * \param exchange main, quick or info
     * \param bytes the ISAKMP message size
     */
    typedef void (*MessageTracedCallback)(Ipv4Address peer,
                                          const std::string& exchange,
                                          uint32_t bytes);

    void Acquire(uint32_t filterId, Ipv4Address peer, const IpsecPacketSelector& selector) override;

    /**
     * \brief The node lost addresses: main mode SAs and exchanges bound to them end (traced
     *        with reason address-change). No delete is sent: it would come from an address the
     *        peer does not know for these SAs (doc/ike.md); the peer's copies end by idle time.
     * \param removed the addresses
     */
    void LocalAddressesRemoved(const std::vector<Ipv4Address>& removed) override;

    /**
     * \brief An SA of a pair reached a soft limit: rekey the pair (unless a newer one exists).
     * \param sa the SA
     * \param reason which limit
     */
    void SaExpiring(Ptr<const IpsecSa> sa, IpsecSaExpiringReason reason) override;

    /**
     * \brief An SA left the SAD: its pair goes too (the peer is told on a policy change).
     * \param sa the SA
     * \param reason why
     */
    void SaDeleted(Ptr<const IpsecSa> sa, IpsecSaDeleteReason reason) override;

    /** \return the counters */
    const IkeCounters& GetCounters() const;

    /**
     * \return the configuration warnings given so far (what the OS profile made IKE drop,
     * each once; also traced as ConfigWarning and logged with NS_LOG_WARN)
     */
    const std::set<std::string>& GetConfigWarnings() const;

    /**
     * \return the fallback rule in force: attribute FallbackRule, or for "profile" the OS
     *         profile's (icmp-unreachable under win2000, silence under the others)
     */
    IkeFallbackRule GetFallbackRule() const;

    /**
     * \param peer a peer
     * \return when the back-off after failed negotiations with \p peer ends (zero if none is
     *         on: attribute FailedNegotiationBackoff is zero, no failure yet, or it is over)
     */
    Time GetBackoffEnd(Ipv4Address peer) const;

    /** \return the peers with a back-off record (see FailedNegotiationBackoff) */
    size_t GetNBackoffRecords() const;

    /** \return the number of established main mode SAs */
    uint32_t GetNMainModeSas() const;

    /**
     * \return true if this node does NAT traversal: attribute NatTraversal, or for "profile"
     *         the OS profile's (off under win2000)
     */
    bool IsNatTraversalEnabled() const;

    /**
     * \param peer a peer (its address as this node sees it: a NAT's public address)
     * \return the NAT traversal state of the newest established main mode SA with \p peer
     *         (dialect NONE if there is none)
     */
    IkeNatTState GetNatTState(Ipv4Address peer) const;

    /**
     * \param peer a peer
     * \return the UDP port IKE messages to \p peer go to now: 500 (or the port its port 500
     *         was seen from), or after the move to port 4500 the peer's (NAT-mapped) 4500
     */
    uint16_t GetPeerPort(Ipv4Address peer) const;

    /**
     * \param peer a peer
     * \return true once IKE with \p peer moved to UDP 4500 (with the non-ESP marker)
     */
    bool IsFloated(Ipv4Address peer) const;

    /** \return the number of installed quick mode SA pairs */
    uint32_t GetNQuickModeSas() const;

    /** \return the established main mode SAs, in table order (initiator cookie, peer) */
    std::vector<const IkeMainModeSa*> GetMainModeSas() const;

    /** \return the installed quick mode SA pairs, oldest first */
    std::vector<const IkeQuickModeSa*> GetQuickModeSas() const;

    /**
     * \brief Print the main mode SAs like `netsh ipsec dynamic show mmsas`.
     * \param os the stream
     */
    void PrintMainModeSas(std::ostream& os) const;

    /**
     * \brief Print the quick mode SAs like `netsh ipsec dynamic show qmsas`.
     * \param os the stream
     */
    void PrintQuickModeSas(std::ostream& os) const;

    /**
     * \brief Write Wireshark's IKEv1 decryption table (`ikev1_decryption_table`): a line per
     *        main mode SA that got keys, in that order: every live one, and the most recent
     *        MaxDeletedDecryptionKeys of those gone since.
     * \param os the stream
     */
    void ExportDecryptionTable(std::ostream& os) const;

    /**
     * \brief Delete every quick mode SA pair with a peer and tell it (as when a policy changes).
     * \param peer the peer
     * \param reason why (traced by the driver's SaDeleted)
     * \return the number of pairs deleted
     */
    uint32_t DeleteQuickModeSas(Ipv4Address peer, IpsecSaDeleteReason reason);

    /**
     * \brief Fix the random streams of this service: \p stream for its own draws (cookies,
     *        SPIs, message IDs, nonces, DH exponents, rekey jitter), \p stream + 1 for its
     *        Kerberos client if SetKerberos came first.
     *
     * Call it once the node is set up: a Kerberos client made afterwards keeps an
     * automatic stream (a warning is logged).
     * \param stream first stream index to use
     * \return the number of streams used: 1, or 2 with a Kerberos client
     */
    int64_t AssignStreams(int64_t stream);

    /**
     * \brief Make this computer a member of a Windows domain, for Kerberos authentication.
     * \param realm the domain (the computer must have joined it: KerberosRealm::Join)
     * \param computerName this computer's account name in it
     * \param domainController the address of a domain controller running a KerberosKdc
     */
    void SetKerberos(Ptr<KerberosRealm> realm,
                     const std::string& computerName,
                     Ipv4Address domainController);

    /**
     * \brief Give this computer a certificate (with its private key and chain).
     * \param credentials the computer certificate
     */
    void SetCertificate(Ptr<IkeCredentials> credentials);

    /**
     * \brief Accept peers whose certificate chains to this root CA.
     * \param root a root CA certificate
     */
    void AddTrustedRoot(Ptr<IkeCertificate> root);

    /** \return the accepted root CAs, in the order they were added */
    const std::vector<Ptr<IkeCertificate>>& GetTrustedRoots() const;

  protected:
    void DoInitialize() override;
    void DoDispose() override;
    void NotifyNewAggregate() override;

  private:
    // The exchanges and the retransmission manager work on the service's tables, counters,
    // traces and configuration.
    friend class IkeMainModeTask;
    friend class IkeQuickModeTask;
    friend class IkeInformationalTask;
    friend class IkeRetransmitter;

    /** The deadlines in m_mainModeTimers. */
    enum MainModeSaTimer : uint8_t
    {
        MAIN_MODE_LIFETIME = 0, //!< a main mode SA ends
    };

    /** The deadlines in m_quickModeTimers. */
    enum QuickModeSaTimer : uint8_t
    {
        IDLE_CHECK = 0, //!< a quick mode pair may have gone idle
        LINGER_END = 1, //!< a replaced quick mode pair goes
    };

    // Attribute setters and getters (ike-service.cc)
    void SetMainModeMethods(const std::string& text);
    std::string GetMainModeMethods() const;
    void SetQuickModeOffers(const std::string& text);
    std::string GetQuickModeOffers() const;
    void SetAuthMethods(const std::string& text);
    std::string GetAuthMethods() const;
    void SetPfs(const std::string& text);
    std::string GetPfs() const;
    void SetPreSharedKey(const std::string& key);
    std::string GetPreSharedKey() const;
    void SetExcludeCaName(bool exclude);
    bool GetExcludeCaName() const;
    /** \param rule the FallbackRule attribute, as its integer */
    void SetFallbackRuleValue(int rule);
    /** \return the FallbackRule attribute, as its integer */
    int GetFallbackRuleValue() const;

    // What the OS profile lets this node use (ike-profile-limits.cc)
    std::vector<IkeMainModeMethod> EffectiveMainModeMethods() const;
    std::vector<IkeQuickModeOffer> EffectiveQuickModeOffers() const;
    void WarnOnce(const std::string& what) const;

    // Socket and dispatch
    void Receive(Ptr<Socket> socket);
    /**
     * \brief The socket's ICMP error callback: a destination unreachable from a peer that a
     *        main mode of ours is waiting on counts for the Windows 2000 fallback rule.
     * \param icmpSource the ICMP sender
     * \param icmpTtl its TTL
     * \param icmpType the ICMP type
     * \param icmpCode the ICMP code
     * \param icmpInfo the ICMP info field
     */
    void ReceiveIcmp(Ipv4Address icmpSource,
                     uint8_t icmpTtl,
                     uint8_t icmpType,
                     uint8_t icmpCode,
                     uint32_t icmpInfo);
    /**
     * \brief Hand a received ISAKMP message to its exchange.
     * \param bytes the message (without the non-ESP marker)
     * \param from the sender
     * \param to the address it was sent to (any: unknown)
     * \param fromPort the sender's UDP port
     * \param localPort the port it arrived on (500, or 4500 for NAT-T)
     */
    void HandleMessage(const std::vector<uint8_t>& bytes,
                       Ipv4Address from,
                       Ipv4Address to,
                       uint16_t fromPort,
                       uint16_t localPort);
    /** \param socket the UDP 4500 socket: NAT-T IKE after the non-ESP marker */
    void ReceiveNatT(Ptr<Socket> socket);
    /**
     * \param sa a main mode SA
     * \return the endpoints of the next message sent to its peer (for NAT-D)
     */
    IkeNatTEndpoints SendingEndpoints(const IkeMainModeSa& sa) const;
    /**
     * \param sa a main mode SA
     * \return the endpoints of the message being handled (for NAT-D)
     */
    IkeNatTEndpoints ReceivedEndpoints(const IkeMainModeSa& sa) const;
    /**
     * \brief NAT-D found a NAT (initiator, after message 4): messages to \p peer go to UDP
     *        4500 from now on (RFC 3947 4).
     * \param peer the peer
     */
    void FloatToNatTPort(Ipv4Address peer);
    /**
     * \brief AssumeUDPEncapsulationContextOnSendRule (KB 885348), applied by the initiator:
     *        0 no SAs with a responder behind a NAT, 1 allowed unless this node is behind a
     *        NAT too, 2 allowed in both cases.
     * \param state what NAT-D found
     * \return true if the main mode may go on
     */
    bool AllowsNatBetween(const IkeNatTState& state) const;
    /** \param value the NatTraversal attribute, as its integer */
    void SetNatTraversalValue(int value);
    /** \return the NatTraversal attribute, as its integer */
    int GetNatTraversalValue() const;
    void SendBytes(const std::vector<uint8_t>& bytes,
                   Ipv4Address peer,
                   const std::string& exchange);
    Ipv4Address LocalAddressFor(Ipv4Address peer) const;
    uint64_t NewCookie();
    uint32_t NewSpi(Ipv4Address local);
    /** The SAD holds the SPI now: its reservation goes. */
    void ReleaseSpi(uint32_t spi);
    bool HasNegotiatePolicy() const;
    Time SettleTime() const;
    /**
     * \brief Count a failed main mode (in total, by reason, and as an authentication
     *        failure if it is one).
     * \param failure why it failed
     */
    void CountMainModeFailure(const IkeFailure& failure);
    /**
     * \brief Refuse to authenticate with an empty preshared key: called once main mode has
     *        chosen preshared key authentication (the responder on message 1, the initiator on
     *        the answer to it), so that a peer that never answers, or a choice of another
     *        method, needs no key.
     * \param peer the peer
     * \param filterId the Negotiate filter that started the negotiation (0: responder)
     * \throw IpsecConfigError with field PreSharedKey
     */
    void CheckPreSharedKey(Ipv4Address peer, uint32_t filterId) const;
    /** \brief \p sa has its keys: its line of the Wireshark table. */
    void RecordDecryptionKey(IkeMainModeSa& sa);
    void SetMaxDeletedDecryptionKeys(uint32_t limit);
    uint32_t GetMaxDeletedDecryptionKeys() const;
    /** Run a quick mode under a usable main mode SA, or start a main mode for it. */
    void Negotiate(const IkeQuickModeRequest& request);

    // Main mode SA table
    IkeMainModeSa* FindMainModeSa(IkeMainModeSa::Key key);
    IkeMainModeSa* FindMainModeSa(uint64_t cookieI, uint64_t cookieR, Ipv4Address peer);
    /**
     * \param peer a peer
     * \return its main mode SAs (and main modes under way), in m_mainModeSas' order
     */
    std::vector<IkeMainModeSa*> MainModeSasOf(Ipv4Address peer);
    IkeMainModeSa* FindUsableMainModeSa(Ipv4Address peer);
    IkeMainModeSa* FindLastEstablishedMainModeSa(Ipv4Address peer);
    void AddMainModeSa(std::unique_ptr<IkeMainModeSa> sa);
    void ForgetMainModeSa(IkeMainModeSa::Key key);
    /** \return the quick modes a new main mode SA allows (1 with master key PFS, else QMperMM) */
    uint32_t QuickModeLimit() const;
    void StartMainModeLifetime(IkeMainModeSa& sa, Time lifetime);
    /**
     * \brief Delete a used-up main mode SA (QMperMM reached, master key PFS) and tell the peer,
     *        once no quick mode under it is under way and none this node started is settling
     *        (it may have to answer a repeated second message under it).
     * \param cookieI its initiator cookie
     * \param cookieR its responder cookie
     * \param peer its peer
     */
    void DeleteIfUsedUp(uint64_t cookieI, uint64_t cookieR, Ipv4Address peer);
    /**
     * \brief The peer deleted a main mode SA: this node's copy goes, and quick modes under way
     *        under it fail.
     * \param key the SA
     */
    void MainModeSaDeletedByPeer(IkeMainModeSa::Key key);
    /** A main mode SA's lifetime ended (called by m_mainModeTimers). */
    void MainModeTimeReached(IpsecTimed& sa, uint8_t kind);

    // Quick mode SA table
    IkeQuickModeSa* FindQuickModeSa(uint32_t messageId, Ipv4Address peer);
    IkeQuickModeSa* FindQuickModeSaById(uint64_t id);
    /**
     * An established pair with \p peer named by a DELETE's SPI: the peer's inbound SPI (our
     * outbound, RFC 2408 3.15), or ours (strongSwan, failing to install as responder, names the
     * SPI it was given).
     */
    IkeQuickModeSa* FindQuickModeSaBySpi(uint32_t spi, Ipv4Address peer);
    /**
     * \param peer a peer
     * \param after only pairs with a greater id
     * \return the peer's quick mode pairs (and quick modes under way), by id
     */
    std::vector<IkeQuickModeSa*> QuickModeSasOf(Ipv4Address peer, uint64_t after = 0) const;
    /**
     * \param ipsecSa an SA in the driver
     * \return the pair holding it, or nullptr
     */
    IkeQuickModeSa* FindQuickModeSaOf(const Ptr<const IpsecSa>& ipsecSa);
    std::vector<uint64_t> FindQuickModesUnderWay(Ipv4Address peer,
                                                 uint64_t cookieI,
                                                 uint64_t cookieR) const;
    void AddQuickModeSa(std::unique_ptr<IkeQuickModeSa> sa);
    std::unique_ptr<IkeQuickModeSa> TakeQuickModeSa(uint64_t id);
    /** Drop the message ID index entry of \p sa, if it is still its own. */
    void ForgetMessageId(const IkeQuickModeSa& sa);
    /**
     * \brief The quick mode of \p sa is no longer under way: its main mode SA counts it (if it
     *        installed SAs), and may now be used up.
     * \param sa the pair
     * \param succeeded it installed its SAs
     */
    void QuickModeEnded(IkeQuickModeSa& sa, bool succeeded);
    /** A quick mode installed \p sa: idle check, the pair it replaces, held packets. */
    void QuickModeSaEstablished(IkeQuickModeSa& sa);
    /** The quick mode of \p sa (out of the table) failed: the request that started it. */
    void QuickModeSaFailed(const IkeQuickModeSa& sa, const std::string& reason);
    void DeleteQuickModeSa(uint64_t id, IpsecSaDeleteReason reason, bool notifyPeer);
    void ScheduleIdleCheck(IkeQuickModeSa& sa, Time delay);
    void IdleCheck(uint64_t id);
    /** A quick mode pair's idle check or linger end is due (called by m_quickModeTimers). */
    void QuickModeTimeReached(IpsecTimed& sa, uint8_t kind);

    // Default response filters
    /** \brief The default response rule added filter \p filterId for a negotiation. */
    void AddDefaultResponseFilter(uint32_t filterId);
    /** \brief Remove the default response filters no quick mode SA pair uses any more. */
    void RemoveUnusedDefaultResponseFilters();

    // Answers to the driver
    /** What came back from the peer of a failed negotiation, for the fallback rules. */
    enum class PeerAnswer : uint8_t
    {
        IKE,              //!< an IKE message (a reply or a notification)
        ICMP_UNREACHABLE, //!< no IKE message, but ICMP destination unreachable
        NOTHING,          //!< nothing at all
    };
    /**
     * \brief A negotiation for \p request ended without SAs: fall back to clear if the filter
     *        and the fallback rules allow it, else drop the held packets and start (or
     *        lengthen) the peer's back-off.
     * \param request the request
     * \param reason why it failed
     * \param answer what the peer sent
     */
    void FailRequest(const IkeQuickModeRequest& request,
                     const std::string& reason,
                     PeerAnswer answer);
    /** \brief A negotiation with \p peer failed: its back-off starts or doubles. */
    void StartBackoff(Ipv4Address peer);
    /** A back-off record's time is over (called by m_backoffTimers): it is forgotten. */
    void BackoffForgotten(IpsecTimed& record, uint8_t kind);
    /** \brief Forget the back-off record of \p peer, if any (SAs were made with it). */
    void ForgetBackoff(uint32_t peer);
    bool AllowsFallback(uint32_t filterId) const;
    void FallBackToClear(const IkeQuickModeRequest& request, const std::string& why);

    Ptr<Node> m_node;                     //!< the node
    Ptr<IpsecDriver> m_driver;            //!< the data plane
    Ptr<Socket> m_socket;                 //!< UDP 500
    Ptr<Socket> m_natTSocket;             //!< UDP 4500: NAT-T IKE (ESP is taken below UDP)

    /** How IKE messages reach one peer (by address: one host per NAT public address). */
    struct IkePath
    {
        uint16_t port{500};   //!< the peer's port 500 as seen (a NAT may map it)
        uint16_t natPort{0};  //!< the peer's port 4500 as seen, once floated
        bool floated{false};  //!< messages go on UDP 4500 with the non-ESP marker
    };

    std::map<uint32_t, IkePath> m_paths; //!< by peer address; go with its last main mode SA
    uint16_t m_rxFromPort{500};          //!< sender's port of the message being handled
    uint16_t m_rxLocalPort{500};         //!< local port of the message being handled
    IkeNatTraversalSetting m_natTraversal{IkeNatTraversalSetting::PROFILE}; //!< attribute
    uint32_t m_assumeUdpEncapRule{0};    //!< AssumeUDPEncapsulationContextOnSendRule
    Ptr<UniformRandomVariable> m_random;  //!< cookies, SPIs, nonces, DH exponents, jitter
    std::unique_ptr<IkeRandom> m_rng;     //!< the same stream for Crypto++
    int64_t m_stream{-1};                 //!< the stream AssignStreams gave, or -1
    IkeInformationalTask m_informational; //!< notifications and deletes
    /** Main mode SAs (and main modes under way). */
    std::map<IkeMainModeSa::Key, std::unique_ptr<IkeMainModeSa>> m_mainModeSas;
    /** Quick mode SA pairs (and quick modes under way) by id. */
    std::map<uint64_t, std::unique_ptr<IkeQuickModeSa>> m_quickModeSas;
    /**
     * The keys of m_mainModeSas by peer address, then as m_mainModeSas orders them: what is
     * looked up by peer (per acquire, rekey and delete) without visiting other peers' SAs.
     */
    std::set<std::pair<uint32_t, IkeMainModeSa::Key>> m_mainModeSasByPeer;
    /** The ids of m_quickModeSas by peer address, then id (same purpose). */
    std::set<std::pair<uint32_t, uint64_t>> m_quickModeSasByPeer;
    /** Quick modes under way or settling by (message ID, peer address). */
    std::map<std::pair<uint32_t, uint32_t>, uint64_t> m_quickModeSasByMessage;
    /** Inbound SPIs of quick modes not installed yet (a tree: nothing left once all are). */
    std::set<uint32_t> m_spisInUse;
    /** Filters made by the default response rule, removed when no pair uses them. */
    std::set<uint32_t> m_defaultResponseFilters;
    EventId m_filterCheck;                //!< removes unused default response filters
    IkeDecryptionTable m_decryptionTable; //!< main mode SAs' keys for Wireshark
    uint64_t m_nextQuickModeSaId{1};      //!< serial number of the next quick mode
    IkeCounters m_counters;               //!< counters

    IpsecTimerQueue m_mainModeTimers;  //!< main mode SA lifetimes
    IpsecTimerQueue m_quickModeTimers; //!< quick mode idle checks and lingering pairs

    // Configuration (attributes)
    std::vector<IkeMainModeMethod> m_mainModeMethods; //!< MM security methods
    std::vector<IkeQuickModeOffer> m_quickModeOffers; //!< QM security methods
    std::vector<IkeAuthKind> m_authMethods;           //!< authentication methods
    IkeAuthSettings m_authSettings;       //!< credentials of every method
    Time m_mainModeLifetime;              //!< main mode SA lifetime
    Time m_quickModeLifetime;             //!< quick mode SA lifetime
    uint64_t m_quickModeLifetimeKb{0};    //!< quick mode SA lifetime in kilobytes
    uint32_t m_quickModesPerMainMode{0};  //!< QMperMM (0: unlimited)
    IkePfs m_pfs{IkePfs::NONE};           //!< PFS
    Time m_idleTimeout;                   //!< SA idle time before deletion
    Time m_retransmitInterval;            //!< first retransmission after this
    uint32_t m_maxRetransmissions{3};     //!< retransmissions before giving up
    double m_softLifetimeFraction{0.9};   //!< soft limit as a fraction of the hard one
    double m_softLifetimeJitter{0.05};    //!< random part taken off the soft limit
    Time m_rekeyLinger;                   //!< a replaced pair lives on this long
    uint32_t m_nonceLength{20};           //!< nonce bytes
    bool m_highEncryption{true};          //!< W2K High Encryption Pack (3DES) installed
    bool m_defaultResponse{false};        //!< the default response rule is active
    bool m_losingAddresses{false};        //!< LocalAddressesRemoved is at work
    IkeFallbackRule m_fallbackRule{IkeFallbackRule::PROFILE}; //!< attribute FallbackRule
    Time m_backoff;                       //!< back-off after a first failed negotiation
    Time m_maxBackoff;                    //!< the back-off doubles up to this

    /** Failed negotiations with one peer, for its back-off. */
    struct Backoff : IpsecTimed
    {
        uint32_t peer{0};     //!< the peer's address
        uint32_t failures{0}; //!< consecutive failures
        Time lastFailure;     //!< the last one (several requests failing at once count once)
        Time end;             //!< no new negotiation before this
    };

    /**
     * By peer address; a record goes when SAs are made with the peer, or when a further
     * FailedNegotiationBackoffMax has passed after its back-off without a new failure (the
     * failures are no longer consecutive), so that failed peers do not accumulate.
     */
    std::map<uint32_t, Backoff> m_backoffs;
    IpsecTimerQueue m_backoffTimers; //!< when each record of m_backoffs is forgotten
    mutable std::set<std::string> m_warned; //!< profile warnings already given

    TracedCallback<Ipv4Address, const std::string&> m_mainModeStarted;   //!< trace
    TracedCallback<Ipv4Address, const std::string&> m_mainModeSucceeded; //!< trace
    TracedCallback<Ipv4Address, const std::string&> m_mainModeFailed;    //!< trace
    TracedCallback<Ipv4Address, const std::string&> m_mainModeDeleted;   //!< trace
    TracedCallback<Ipv4Address, const std::string&> m_quickModeStarted;  //!< trace
    TracedCallback<Ipv4Address, const std::string&> m_quickModeSucceeded; //!< trace
    TracedCallback<Ipv4Address, const std::string&> m_quickModeFailed;   //!< trace
    TracedCallback<Ipv4Address, const std::string&> m_rekeyed;           //!< trace
    TracedCallback<Ipv4Address, const std::string&> m_fellBack;          //!< trace
    TracedCallback<Ipv4Address, const std::string&, uint32_t> m_messageSent;     //!< trace
    TracedCallback<Ipv4Address, const std::string&, uint32_t> m_messageReceived; //!< trace
    TracedCallback<Ipv4Address, const std::string&, uint32_t> m_messageRetransmitted; //!< trace
    mutable TracedCallback<const std::string&> m_configWarning; //!< trace (WarnOnce is const)
};

} // namespace ns3

#endif /* IKE_SERVICE_H */
