/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef IKE_SERVICE_H
#define IKE_SERVICE_H

#include "ns3/ike-config.h"
#include "ns3/ike-pki.h"
#include "ns3/ike-sa-records.h"
#include "ns3/ipsec-key-manager.h"
#include "ns3/isakmp-payloads.h"
#include "ns3/kerberos-client.h"
#include "ns3/kerberos-realm.h"
#include "ns3/random-variable-stream.h"
#include "ns3/socket.h"
#include "ns3/traced-callback.h"

#include <cstdint>
#include <array>
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
};

/**
 * \ingroup ipsec
 * \brief The IKE (IKEv1, RFC 2409) key management service of a node.
 *
 * Listens on UDP 500; answers the driver's acquire with main mode (6 messages) and quick mode
 * (3 messages) exchanges in RFC 2408 wire format with real cryptography; installs the SAs in
 * the driver; rekeys on soft expiry; deletes on idle time and tells the peer. See doc/ike.md.
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

    /** \return the counters */
    const IkeCounters& GetCounters() const;

    /** \return the number of established main mode SAs */
    uint32_t GetNMainModeSas() const;

    /** \return the number of installed quick mode SA pairs */
    uint32_t GetNQuickModeSas() const;

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
     *        main mode SA this node ever established.
     * \param os the stream
     */
    void ExportDecryptionTable(std::ostream& os) const;

    /**
     * \brief Delete every quick mode SA pair with a peer and tell it (as when a policy changes).
     * \param peer the peer
     * \param reason the reason traced
     * \return the number of pairs deleted
     */
    uint32_t DeleteQuickModeSas(Ipv4Address peer, const std::string& reason);

    /**
     * \param stream first stream index to use
     * \return the number of streams used
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

  protected:
    void DoInitialize() override;
    void DoDispose() override;
    void NotifyNewAggregate() override;

  private:
    using Phase1Key = std::pair<uint64_t, uint32_t>; //!< (initiator cookie, peer address)

    // Attribute setters and getters (ike-service.cc)
    void SetMainModeMethods(const std::string& text);
    std::string GetMainModeMethods() const;
    void SetQuickModeOffers(const std::string& text);
    std::string GetQuickModeOffers() const;
    void SetAuthMethods(const std::string& text);
    std::string GetAuthMethods() const;
    void SetPfs(const std::string& text);
    std::string GetPfs() const;

    // What the OS profile lets this node use (ike-profile-limits.cc)
    std::vector<IkeMainModeMethod> EffectiveMainModeMethods() const;
    std::vector<IkeQuickModeOffer> EffectiveQuickModeOffers() const;
    void WarnOnce(const std::string& what) const;

    // Socket and messages (ike-service.cc)
    void Receive(Ptr<Socket> socket);
    void HandleMessage(const std::vector<uint8_t>& bytes, Ipv4Address from, Ipv4Address to);
    void SendBytes(const std::vector<uint8_t>& bytes,
                   Ipv4Address peer,
                   const std::string& exchange);
    std::vector<uint8_t> Serialize(const IsakmpMessage& message) const;
    IsakmpHeader MakeHeader(const IkePhase1& p1, IsakmpExchangeType type, uint32_t id) const;
    std::vector<uint8_t> Encrypt(const IkePhase1& p1,
                                 const std::vector<IsakmpPayload>& payloads,
                                 std::vector<uint8_t>& iv) const;
    IpsecCipher& Phase1Cipher(const IkePhase1& p1) const;
    bool OpenHashed(const IkePhase1& p1,
                    const IsakmpMessage& message,
                    std::vector<uint8_t>& iv,
                    std::vector<uint8_t>& hash,
                    IsakmpMessage& rest,
                    std::vector<uint8_t>& restBytes) const;
    IsakmpStatus Decrypt(const IkePhase1& p1,
                         const IsakmpMessage& message,
                         std::vector<uint8_t>& iv,
                         std::vector<IsakmpPayload>& payloads) const;
    void StartRetransmission(IkeRetransmission& r,
                             Ipv4Address peer,
                             const std::string& exchange,
                             std::function<void()> giveUp);
    void Retransmit(IkeRetransmission* r,
                    Ipv4Address peer,
                    std::string exchange,
                    std::function<void()> giveUp);
    Ipv4Address LocalAddressFor(Ipv4Address peer) const;
    uint64_t NewCookie();
    uint32_t NewSpi(Ipv4Address local);
    bool HasNegotiatePolicy() const;

    // Main mode (ike-main-mode.cc)
    IkePhase1* FindUsablePhase1(Ipv4Address peer);
    IkePhase1* FindPhase1(uint64_t cookieI, uint64_t cookieR, Ipv4Address peer);
    void StartMainMode(const IkeQuickModeRequest& request);
    void SendMainModeRequest(IkePhase1& p1);
    void HandleMainMode(const IsakmpMessage& message,
                        const std::vector<uint8_t>& bytes,
                        Ipv4Address from,
                        Ipv4Address to);
    void MainModeResponder1(const IsakmpMessage& message,
                            const std::vector<uint8_t>& bytes,
                            Ipv4Address from,
                            Ipv4Address to);
    void MainModeInitiator2(IkePhase1& p1, const IsakmpMessage& message);
    void SendMainMode3(IkePhase1& p1);
    bool ReadKeyExchange(IkePhase1& p1,
                         const IsakmpMessage& message,
                         std::vector<uint8_t>& publicValue,
                         std::vector<uint8_t>& nonce);
    void MainModeResponder3(IkePhase1& p1, const IsakmpMessage& message);
    void MainModeInitiator4(IkePhase1& p1, const IsakmpMessage& message);
    void MainModeResponder5(IkePhase1& p1, const IsakmpMessage& message);
    void MainModeInitiator6(IkePhase1& p1, const IsakmpMessage& message);
    bool DeriveKeys(IkePhase1& p1, const std::vector<uint8_t>& peerPublic, std::string& reason);
    // Authentication (ike-authentication.cc)
    std::vector<IsakmpPayload> MakeIdentityAndProof(const IkePhase1& p1,
                                                    std::string& reason) const;
    bool CheckIdentityAndProof(const IkePhase1& p1,
                               const std::vector<IsakmpPayload>& payloads,
                               std::string& reason) const;
    void AddAuthenticationPayloads(const IkePhase1& p1, IsakmpMessage& message) const;
    void ReadCertificateRequests(IkePhase1& p1, const IsakmpMessage& message) const;
    bool AcceptKerberosTicket(IkePhase1& p1, const IsakmpMessage& message, std::string& reason);
    void RequestKerberosTicket(IkePhase1& p1);
    void TicketArrived(Phase1Key key,
                       bool ok,
                       std::string reason,
                       std::vector<uint8_t> ticket,
                       std::vector<uint8_t> sessionKey);
    void MainModeEstablished(IkePhase1& p1);
    void MainModeFailed(IkePhase1& p1, const std::string& reason, bool notifyPeer,
                        IsakmpNotifyType notify);
    void ExpireMainMode(Phase1Key key);
    /** A main mode SA's lifetime ended (called by m_phase1Timers). */
    void Phase1TimeReached(IpsecTimed& p1, uint8_t kind);
    /** A quick mode pair's idle check or linger end is due (called by m_phase2Timers). */
    void Phase2TimeReached(IpsecTimed& p2, uint8_t kind);
    void ForgetPhase1(Phase1Key key);

    // Quick mode (ike-quick-mode.cc)
    void StartQuickMode(IkePhase1& p1, const IkeQuickModeRequest& request);
    void HandleQuickMode(IkePhase1& p1,
                         const IsakmpMessage& message,
                         const std::vector<uint8_t>& bytes);
    void QuickModeResponder1(IkePhase1& p1,
                             const IsakmpMessage& message,
                             const std::vector<uint8_t>& bytes);
    void QuickModeInitiator2(IkePhase1& p1, IkePhase2& p2, const IsakmpMessage& message);
    void QuickModeResponder3(IkePhase1& p1, IkePhase2& p2, const IsakmpMessage& message);
    bool InstallSas(IkePhase1& p1, IkePhase2& p2);
    void QuickModeDone(IkePhase2& p2);
    void QuickModeFailed(uint64_t id, const std::string& reason);
    void FailRequest(const IkeQuickModeRequest& request, const std::string& reason, bool answered);
    bool AllowsFallback(uint32_t filterId) const;
    void ReleaseExchangeState(IkePhase1& p1);
    Time SettleTime() const;
    static IsakmpNotifyType FailureNotify(const std::string& reason);
    void FallBackToClear(const IkeQuickModeRequest& request, const std::string& why);
    void FallbackCheck(Phase1Key key);
    IkePhase2* FindPhase2(uint32_t messageId, Ipv4Address peer);
    IkePhase2* FindPhase2BySpi(uint32_t spiOut, Ipv4Address peer);
    void ScheduleIdleCheck(IkePhase2& p2, Time delay);
    void IdleCheck(uint64_t id);
    void OnSaExpiring(Ptr<const IpsecSa> sa, const std::string& reason);
    void OnSaDeleted(Ptr<const IpsecSa> sa, const std::string& reason);
    void DeletePhase2(uint64_t id, const std::string& reason, bool notifyPeer);
    void AddPhase2(std::unique_ptr<IkePhase2> p2);
    std::unique_ptr<IkePhase2> TakePhase2(uint64_t id);
    /** Drop the message ID index entry of \p p2, if it is still its own. */
    void ForgetMessageId(const IkePhase2& p2);

    // Informational exchanges (ike-informational.cc)
    void SendNotify(const IkePhase1& p1, IsakmpNotifyType type, bool encrypted);
    void SendDelete(const IkePhase2& p2);
    void SendProtectedInformational(const IkePhase1& p1, const IsakmpPayload& payload);
    void HandleInformational(const IsakmpMessage& message, Ipv4Address from);

    Ptr<Node> m_node;                     //!< the node
    Ptr<IpsecDriver> m_driver;            //!< the data plane
    Ptr<Socket> m_socket;                 //!< UDP 500
    Ptr<UniformRandomVariable> m_random;  //!< cookies, SPIs, nonces, DH exponents, jitter
    std::unique_ptr<IkeRandom> m_rng;     //!< the same stream for Crypto++
    std::map<Phase1Key, std::unique_ptr<IkePhase1>> m_phase1; //!< main modes and MM SAs
    std::map<uint64_t, std::unique_ptr<IkePhase2>> m_phase2;  //!< quick modes and QM SAs
    /** Quick modes under way or settling by (message ID, peer address). */
    std::map<std::pair<uint32_t, uint32_t>, uint64_t> m_phase2ByMessage;
    /** Inbound SPIs of quick modes not installed yet (a tree: nothing left once all are). */
    std::set<uint32_t> m_spisInUse;
    /** A main mode SA's entry of the Wireshark table, kept compact: a server has thousands. */
    struct DecryptionKey
    {
        uint64_t cookieI;                //!< initiator cookie
        uint8_t length;                  //!< bytes of key used
        std::array<uint8_t, 32> key;     //!< phase 1 encryption key
    };

    std::vector<DecryptionKey> m_decryptionTable; //!< every main mode SA's key
    uint64_t m_nextPhase2Id{1};           //!< serial number of the next quick mode
    IkeCounters m_counters;               //!< counters

    /** The deadlines of records, in m_phase1Timers and m_phase2Timers. */
    enum RecordTimer : uint8_t
    {
        MAIN_MODE_LIFETIME = 0, //!< a main mode SA ends
        IDLE_CHECK = 0,         //!< a quick mode pair may have gone idle
        LINGER_END = 1,         //!< a replaced quick mode pair goes
    };

    IpsecTimerQueue m_phase1Timers; //!< main mode SA lifetimes
    IpsecTimerQueue m_phase2Timers; //!< quick mode idle checks and lingering pairs

    // Configuration (attributes)
    std::vector<IkeMainModeMethod> m_mainModeMethods; //!< MM security methods
    std::vector<IkeQuickModeOffer> m_quickModeOffers; //!< QM security methods
    std::vector<IkeAuthKind> m_authMethods;           //!< authentication methods
    std::string m_preSharedKey;           //!< preshared key
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
    bool m_excludeCaName{false};          //!< certificate requests name no CA
    bool m_highEncryption{true};          //!< W2K High Encryption Pack (3DES) installed
    bool m_defaultResponse{false};        //!< the default response rule is active
    mutable std::set<std::string> m_warned; //!< profile warnings already given
    Ptr<KerberosRealm> m_realm;           //!< Windows domain (Kerberos)
    std::string m_computerName;           //!< account name in m_realm
    Ipv4Address m_domainController;       //!< where tickets come from
    Ptr<KerberosClient> m_kerberos;       //!< ticket requests
    Ptr<IkeCredentials> m_credentials;    //!< this computer's certificate
    std::vector<Ptr<IkeCertificate>> m_trustedRoots; //!< root CAs accepted from peers

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
};

} // namespace ns3

#endif /* IKE_SERVICE_H */
