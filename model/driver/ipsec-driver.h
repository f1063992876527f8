/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef IPSEC_DRIVER_H
#define IPSEC_DRIVER_H

#include "ipsec-crypto-delay-model.h"
#include "ipsec-drop-reason.h"
#include "ipsec-driver-counters.h"
#include "ipsec-esp-sa-export.h"

#include "ns3/ipsec-boot-filter.h"
#include "ns3/ipsec-exemptions.h"
#include "ns3/ipsec-host-config.h"
#include "ns3/ipsec-nat-keepalive.h"
#include "ns3/ipsec-os-profile-config.h"
#include "ns3/ipsec-policy-decider.h"
#include "ns3/ipsec-sa-manager.h"
#include "ns3/ipsec-spd.h"
#include "ns3/object.h"
#include "ns3/packet.h"
#include "ns3/traced-callback.h"

#include <cstdint>
#include <string>
#include <vector>

namespace ns3
{

class IpsecIpv4L3Protocol;
class Node;

/**
 * \ingroup ipsec
 * \brief The per-node IPsec driver: the ns-3 object the hooks, key management and scripts
 * talk to, coordinating the parts that do the work.
 *
 * It is aggregated to a node by IpsecHelper, together with the hooks that hand it every
 * outbound, inbound and forwarded packet (see IpsecIpv4L3Protocol, IpsecTrafficControlLayer,
 * IpsecForwardingGuard, IpsecInboundProtocol). It owns
 * - the policy: the SPD (IpsecSpd), start-up filtering (IpsecBootFilter), the Windows settings
 *   (IpsecOsProfileConfig) and the host's addresses (IpsecHostConfig), which IpsecPolicyDecider
 *   reads to decide clear packets without changing anything;
 * - the SA state (IpsecSaManager): SAD, lifetimes, soft SAs, held packets, the key manager;
 * - observers outside the packet path: the crypto delay model (IpsecCryptoDelayModel) and the
 *   Wireshark key export (IpsecEspSaExport); printing is IpsecStatePrinter's.
 *
 * Its own job: the attributes and trace sources, the counters, and the order in which each
 * packet's decision is counted, traced and spent.
 */
class IpsecDriver : public Object
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    IpsecDriver();
    ~IpsecDriver() override;

    /** How the data plane treats cipher work. */
    enum CryptoMode
    {
        REAL,    //!< real cryptography: the bytes a real stack would send
        MODELED, //!< same sizes and headers, no cipher work, integrity assumed
    };

    /**
     * \brief TracedCallback signature for permitted packets.
     * \param packet the packet (without IPv4 header for outbound/forward, with it for inbound)
     * \param selector its selector fields
     * \param direction where it was met
     * \param filterId the filter that decided, 0 when no filter matched
     */
    typedef void (*PermitTracedCallback)(Ptr<const Packet> packet,
                                         const IpsecPacketSelector& selector,
                                         IpsecDirection direction,
                                         uint32_t filterId);

    /**
     * \brief TracedCallback signature for dropped packets.
     * \param packet the packet
     * \param selector its selector fields
     * \param direction where it was met
     * \param reason why it was dropped
     * \param filterId the filter that decided, 0 when none
     */
    typedef void (*DropTracedCallback)(Ptr<const Packet> packet,
                                       const IpsecPacketSelector& selector,
                                       IpsecDirection direction,
                                       IpsecDropReason reason,
                                       uint32_t filterId);

    /**
     * \brief TracedCallback signature for packets passed by a default exemption.
     * \param packet the packet
     * \param selector its selector fields
     * \param direction where it was met
     * \param kind which exemption let it through
     */
    typedef void (*ExemptTracedCallback)(Ptr<const Packet> packet,
                                         const IpsecPacketSelector& selector,
                                         IpsecDirection direction,
                                         IpsecExemptionKind kind);

    /**
     * \brief TracedCallback signature for SA events.
     * \param sa the SA
     * \param reason what happened (e.g. "manual", "soft-time", "hard-bytes")
     */
    typedef void (*SaTracedCallback)(Ptr<const IpsecSa> sa, const std::string& reason);

    /**
     * \brief TracedCallback signature for the traffic of an SA (SaTraffic).
     * \param sa the SA
     * \param direction OUTBOUND (protected and sent) or INBOUND (decrypted and accepted)
     * \param clearBytes what the SA protects: the transport segment (transport mode) or the
     *        whole inner IPv4 packet (tunnel mode)
     * \param wireBytes the ESP/AH packet with its outer IPv4 header (before fragmentation)
     */
    typedef void (*SaTrafficTracedCallback)(Ptr<const IpsecSa> sa,
                                            IpsecDirection direction,
                                            uint32_t clearBytes,
                                            uint32_t wireBytes);

    // Policy.

    /**
     * \brief Add a filter to the policy.
     *
     * A filter with a dynamic address (dns, wins, dhcp, gateway) on a profile older than
     * Windows Server 2003 is dropped with a warning, as the older consoles drop the setting.
     * \param filter the filter
     * \return the filter id (0: dropped for the profile)
     * \throw IpsecConfigError naming the offending field
     */
    uint32_t AddFilter(const IpsecFilter& filter);

    /**
     * \brief Add a filter in its text form (see IpsecFilter::Parse).
     * \param text the filter
     * \return the filter id
     * \throw IpsecConfigError naming the offending field
     */
    uint32_t AddFilter(const std::string& text);

    /**
     * \brief The node's name resolution (a hosts file: ns-3 has no DNS): filters given a DNS
     *        name take its address when they are added, once.
     * \param name a DNS name (case does not matter)
     * \param address its address
     */
    void SetHostAddress(const std::string& name, Ipv4Address address);

    /** \return the number of filters dropped because the OS profile does not know them */
    uint32_t GetNDroppedFilters() const;

    /**
     * \brief TracedCallback signature for a configuration the OS profile weakens (trace
     * ConfigWarning; also logged with NS_LOG_WARN).
     * \param warning what was dropped and why
     */
    typedef void (*ConfigWarningTracedCallback)(const std::string& warning);

    /**
     * \brief Delete a filter (a live policy change): every SA and soft SA tied to it is
     *        deleted with reason policy-change.
     * \param id a filter id
     * \return true if it existed
     */
    bool RemoveFilter(uint32_t id);

    /**
     * \brief Change a filter's action (a live policy change): the filter's SAs and soft SAs are
     *        deleted with reason policy-change and the filter takes its new place in the order.
     * \param id a filter id
     * \param action the new action
     * \return the filter's new id
     * \throw IpsecConfigError naming "filter" if \p id does not exist, or the field the new
     *        action makes invalid (e.g. a tunnel endpoint on a permit filter)
     */
    uint32_t SetFilterAction(uint32_t id, IpsecFilterAction action);

    /** \return the policy (read only; change it through this driver) */
    const IpsecSpd& GetSpd() const;

    /**
     * \brief Print the active filters in evaluation (weight) order.
     * \param os output stream
     */
    void PrintFilters(std::ostream& os) const;

    // Windows version, default exemptions, start-up filtering.

    /** \return the OS profile (attribute OsProfile) */
    IpsecOsProfile GetOsProfile() const;

    /** \param profile the OS profile; its defaults apply where no override is set */
    void SetOsProfile(IpsecOsProfile profile);

    /** \return the defaults and limits of the OS profile (without this node's overrides) */
    IpsecOsProfileDefaults GetProfileDefaults() const;

    /**
     * \brief Override the profile's NoDefaultExempt value (attribute DefaultExemptions).
     *
     * Applies to the next packet (Windows needs a restart of the IPsec service). A value the
     * OS profile does not know acts as the profile says (IpsecOsProfileDefaults::
     * EffectiveExemptions: Windows 2000 and XP know 0 and 1 only).
     * \param mode 0-3, or -1 to follow the profile again
     * \throw IpsecConfigError naming "DefaultExemptions" for another value
     */
    void SetDefaultExemptions(int mode);

    /** \return the NoDefaultExempt value set (override, else the profile's) */
    int GetDefaultExemptions() const;

    /**
     * \return how long IKE stays silent before falling back to clear (override from attribute
     *         FallbackDelay, else the profile's); read by key management
     */
    Time GetFallbackDelay() const;

    /** \return true if fallback to clear also follows an auth or policy mismatch (profile) */
    bool IsFallbackAfterMismatchAllowed() const;

    /** \return true if Diffie-Hellman group 14 (2048-bit) may be used (profile) */
    bool IsDh2048Allowed() const;

    /** \return true if IKE may offer AES (profile) */
    bool IsAesAllowedInIke() const;

    /** \return true if filters may use dynamic addresses (DNS, WINS, DHCP, gateway) (profile) */
    bool AreDynamicAddressesAllowed() const;

    // The host's IP configuration that Server 2003's dynamic filter addresses stand for.

    /**
     * \brief Manual settings (Windows: the TCP/IP properties of the connection). They take
     *        precedence over the lease's; an empty list clears the manual setting.
     * \param kind DNS, WINS, DHCP or GATEWAY
     * \param servers the servers, in order
     */
    void SetHostServers(IpsecFilterAddress::Kind kind, const std::vector<Ipv4Address>& servers);

    /**
     * \brief Settings from the current DHCP lease (set by IpsecDhcpTracker).
     * \param kind DNS, WINS, DHCP or GATEWAY
     * \param servers the servers, in order
     */
    void SetLeaseServers(IpsecFilterAddress::Kind kind, const std::vector<Ipv4Address>& servers);

    /**
     * \param kind DNS, WINS, DHCP or GATEWAY
     * \return what filters with that address match now: the manual setting, else the lease's;
     *         nothing when the OS profile has no dynamic addresses
     */
    std::vector<Ipv4Address> GetDynamicAddresses(IpsecFilterAddress::Kind kind) const;

    /**
     * \brief TracedCallback signature for a dynamic filter address re-resolved.
     * \param kind "dns", "wins", "dhcp" or "gateway"
     * \param addresses what it stands for from now on
     */
    typedef void (*DynamicAddressTracedCallback)(const std::string& kind,
                                                 const std::vector<Ipv4Address>& addresses);

    /**
     * \brief Override the profile's start-up mode (attribute BootMode).
     * \param mode the mode
     */
    void SetBootMode(IpsecBootMode mode);

    /** Follow the profile's start-up mode again. */
    void ClearBootModeOverride();

    /**
     * \return the start-up mode in force: the override, else the profile's (stateful for
     *         Server 2003, permit, i.e. no start-up filtering, for older versions)
     */
    IpsecBootMode GetBootMode() const;

    /**
     * \brief Set the boot exemptions, netsh syntax (attribute BootExemptions); replaces all
     * earlier ones.
     * \param text e.g. "TCP:any:3389:inbound ICMP:inbound", or "none"
     * \throw IpsecConfigError naming the offending entry and its field
     */
    void SetBootExemptions(const std::string& text);

    /** \return the boot exemptions in netsh syntax ("none" when there are none) */
    std::string GetBootExemptions() const;

    /**
     * \return true while the start-up mode decides instead of the policy: before
     *         PolicyApplyTime, or always in SafeMode
     */
    bool IsBootFilterActive() const;

    // Security associations.

    /**
     * \brief Install an SA (manual keying, or key management).
     * \param config its definition
     * \param inbound true if this node receives on it
     * \param filterId the Negotiate filter it serves on this node
     * \param peer for an outbound SA: the destination or far tunnel endpoint it is used for
     * \return the SA
     * \throw IpsecConfigError naming the offending field (also for a duplicate inbound SPI)
     */
    Ptr<IpsecSa> AddSa(const IpsecSaConfig& config,
                       bool inbound,
                       uint32_t filterId,
                       Ipv4Address peer = Ipv4Address::GetAny());

    /**
     * \brief Delete an SA now.
     * \param sa the SA
     * \param reason why (traced as its text)
     */
    void DeleteSa(Ptr<IpsecSa> sa, IpsecSaDeleteReason reason);


    /** \return the SAD (read only) */
    const IpsecSad& GetSad() const;

    /**
     * \brief A NAT-keepalive (RFC 3948 2.3) arrived on the NAT-T port: counted, discarded.
     */
    void NotifyNatKeepaliveReceived();

    /** \return the paths NAT-keepalives are being sent on now */
    size_t GetNNatKeepalivePaths() const;

    /**
     * \brief Print every SA, one per line (like `ip xfrm state`).
     * \param os output stream
     */
    void PrintSas(std::ostream& os) const;

    /**
     * \brief Write this node's ESP SAs in Wireshark's esp_sa format (one line each): the
     *        kept ones of deleted SAs (KeepDeletedKeys, at most MaxDeletedKeys, oldest first),
     *        then those in the SAD.
     * \param os output stream
     * \param outboundOnly only the SAs this node sends on (each SA of a network then appears
     *        once when every node's outbound SAs are written)
     */
    void ExportEspSa(std::ostream& os, bool outboundOnly) const;

    /** \return true in modeled crypto mode */
    bool IsModeled() const
    {
        return m_cryptoMode == MODELED;
    }

    /**
     * \brief Book the node's crypto engine for one packet (the processing delay model).
     *
     * Cost = ProcessingFixedDelay + bytes x (the cipher's and the integrity algorithm's
     * per-byte cost). The engine handles one packet at a time, so a packet waits for the ones
     * booked before it. All costs default to zero: then no delay is added at all.
     * \param sa the SA the packet is processed with
     * \param bytes bytes processed
     * \return how long from now until the packet is done (zero without a cost model)
     */
    Time BookCrypto(const IpsecSa& sa, uint32_t bytes)
    {
        return m_cryptoDelay.Book(sa, bytes);
    }

    /** \return the counters */
    const IpsecDriverCounters& GetCounters() const;

    // Decisions, called by the hooks.

    /** What to do with an outbound or forwarded packet. */
    struct OutboundDecision
    {
        /** The three outcomes. */
        enum Kind
        {
            PASS,    //!< send in the clear
            DROP,    //!< dropped (already counted and traced)
            PROTECT, //!< send under \c sa with sequence number \c seq
            NEGOTIATING, //!< no SA yet, a key manager exists: Hold the packet or lose it
        };

        Kind kind{PASS};      //!< outcome
        Ptr<IpsecSa> sa;      //!< the SA for PROTECT
        uint32_t seq{0};      //!< the sequence number, once SpendOutbound has taken it
        uint32_t filterId{0}; //!< the Negotiate filter, for PROTECT and NEGOTIATING
        Ipv4Address peer;     //!< the peer SAs are wanted with, for NEGOTIATING
    };

    /**
     * \brief Decide an outbound or forwarded packet (counted and traced). PROTECT only names
     * the SA: the hook then calls SpendOutbound before it protects the packet.
     * \param direction OUTBOUND or FORWARD
     * \param selector its selector fields
     * \param packet the packet
     * \return the decision
     */
    OutboundDecision DecideOutbound(IpsecDirection direction,
                                    const IpsecPacketSelector& selector,
                                    Ptr<const Packet> packet);

    /**
     * \brief Spend on the SA of a PROTECT decision for a packet about to be protected: take its
     * sequence number (into \p decision.seq) and count its bytes against the byte lifetime.
     *
     * Called by the hooks right after DecideOutbound, before anything else happens to the
     * packet. Sequence numbers used up (seq-overflow) or the hard byte limit (sa-expired, then
     * the SA is deleted) drop the packet.
     * \param decision a PROTECT decision
     * \param direction OUTBOUND or FORWARD
     * \param selector the packet's selector (for the drop trace)
     * \param packet the packet (its size is what the byte lifetime counts)
     * \return true if the packet may be protected, false if it was dropped
     */
    bool SpendOutbound(OutboundDecision& decision,
                       IpsecDirection direction,
                       const IpsecPacketSelector& selector,
                       Ptr<const Packet> packet);

    /**
     * \brief Decide a packet that arrived in the clear for local delivery.
     * \param selector its selector fields
     * \param packet the packet
     * \return true if it may be delivered, false if it was dropped (counted and traced)
     */
    bool DecideInboundClear(const IpsecPacketSelector& selector, Ptr<const Packet> packet);

    /**
     * \brief Find the SA of an arriving ESP/AH packet and check its sequence number.
     * \param protocol ESP or AH
     * \param spi the SPI
     * \param seq the sequence number
     * \param selector the outer packet's selector (for the trace on a drop)
     * \param packet the packet
     * \return the SA, or nullptr when the packet was dropped (unknown SPI, replay)
     */
    Ptr<IpsecSa> FindInboundSa(IpsecProtocol protocol,
                               uint32_t spi,
                               uint32_t seq,
                               const IpsecPacketSelector& selector,
                               Ptr<const Packet> packet);

    /**
     * \brief Accept a packet whose ICV checked out: advance the window, count bytes, and check
     * the decrypted packet against the policy that should have protected it.
     * \param sa the inbound SA
     * \param seq its sequence number
     * \param protectedBytes bytes counted against the byte lifetime
     * \param inner the selector of the decrypted packet
     * \param packet the decrypted packet
     * \return true if it may be delivered
     */
    bool AcceptInbound(Ptr<IpsecSa> sa,
                       uint32_t seq,
                       uint64_t protectedBytes,
                       const IpsecPacketSelector& inner,
                       Ptr<const Packet> packet);

    /**
     * \brief Count and trace a drop.
     * \param direction where
     * \param selector the packet's selector
     * \param packet the packet
     * \param reason why
     * \param filterId the deciding filter, or 0
     */
    void Drop(IpsecDirection direction,
              const IpsecPacketSelector& selector,
              Ptr<const Packet> packet,
              IpsecDropReason reason,
              uint32_t filterId = 0);

    /**
     * \brief Report a packet protected or accepted under an SA (the SaTraffic trace).
     * \param sa the SA
     * \param direction OUTBOUND or INBOUND
     * \param clearBytes the protected content's size
     * \param wireBytes the ESP/AH packet's size with its outer IPv4 header
     */
    void NotifySaTraffic(const Ptr<IpsecSa>& sa,
                         IpsecDirection direction,
                         uint32_t clearBytes,
                         uint32_t wireBytes);

    /**
     * \brief Set the key manager (IKE) asked for SAs when a Negotiate filter has none.
     * \param keyManager the key manager; without one such packets are dropped as no-sa
     */
    void SetKeyManager(Ptr<IpsecKeyManager> keyManager);

    /** \return the key manager, if any */
    Ptr<IpsecKeyManager> GetKeyManager() const;

    /**
     * \brief Keep a packet that got a NEGOTIATING decision until its SAs exist.
     *
     * The first packet for a (filter, peer) makes the key manager Acquire. A full queue (see
     * the NegotiationQueueLength attribute) drops the packet as negotiation-queue-full.
     * \param decision the NEGOTIATING decision
     * \param direction outbound or forward
     * \param selector the packet's selector (for the drop trace)
     * \param packet the packet (for the drop trace)
     * \param resend the action that sends it again through the hook
     */
    void Hold(const OutboundDecision& decision,
              IpsecDirection direction,
              const IpsecPacketSelector& selector,
              Ptr<const Packet> packet,
              IpsecNegotiationQueue::Resend resend);

    /**
     * \brief Send again every packet held for a (filter, peer): their SAs now exist.
     * \param filterId the Negotiate filter
     * \param peer the peer
     */
    void ReleaseHeld(uint32_t filterId, Ipv4Address peer);

    /**
     * \brief Drop every packet held for a (filter, peer): negotiation failed.
     * \param filterId the Negotiate filter
     * \param peer the peer
     * \return the number of packets dropped
     */
    uint32_t DropHeld(uint32_t filterId, Ipv4Address peer);

    /** \return the number of packets waiting for negotiations */
    size_t GetNHeld() const;

    /**
     * A soft SA event: installed, or deleted with its reason.
     * \param peer the peer
     * \param filterId the Negotiate filter
     * \param event "installed" or "deleted: <reason>"
     */
    typedef void (*SoftSaTracedCallback)(Ipv4Address peer,
                                         uint32_t filterId,
                                         const std::string& event);

    /**
     * \brief Let the traffic of a Negotiate filter with a peer flow in the clear (a soft SA),
     *        until it has been idle for \p idleTimeout, or until the node loses \p local
     *        (deleted at once with reason address-change, as real SAs are).
     * \param filterId the Negotiate filter
     * \param peer the peer
     * \param idleTimeout idle time that ends it
     * \param local this node's address towards the peer (any: the one routing picks now; if
     *        there is none, the soft SA is tied to no address)
     */
    void AddSoftSa(uint32_t filterId,
                   Ipv4Address peer,
                   Time idleTimeout,
                   Ipv4Address local = Ipv4Address::GetAny());

    /**
     * \param filterId the Negotiate filter
     * \param peer the peer
     * \return true if a soft SA exists
     */
    bool HasSoftSa(uint32_t filterId, Ipv4Address peer) const;

    /**
     * \brief Delete a soft SA (e.g. once real SAs exist).
     * \param filterId the Negotiate filter
     * \param peer the peer
     * \param reason why (traced as "deleted: <text>")
     */
    void DeleteSoftSa(uint32_t filterId, Ipv4Address peer, IpsecSoftSaEndReason reason);


    /** \return the number of soft SAs */
    size_t GetNSoftSas() const;

    /**
     * \brief While alive, the packet being delivered counts as decided on arrival (by the
     * inbound hook, or as the decrypted content of an SA), so the hooks it meets further up
     * (IpsecL4Guard, IpsecForwardingGuard) do not decide it again.
     *
     * Delivery inside Ipv4L3Protocol::Receive is synchronous, so a scope is exact; packet uids
     * would not be (an echo server sends the very packet it received back).
     */
    class DecidedScope
    {
      public:
        /** \param driver the node's driver */
        explicit DecidedScope(IpsecDriver& driver);
        ~DecidedScope();
        DecidedScope(const DecidedScope&) = delete;
        DecidedScope& operator=(const DecidedScope&) = delete;

      private:
        IpsecDriver& m_driver; //!< the driver
        bool m_previous;       //!< the state to restore (scopes nest for tunnels in tunnels)
    };

    /** \return true inside a DecidedScope */
    bool IsInboundDecided() const
    {
        return m_inboundDecided;
    }

    /** Re-read the node's addresses for "My IP address" (called on every address change). */
    void UpdateLocalAddresses();

    /** Push the dynamic addresses in force to the SPD, tracing the ones that changed. */
    void UpdateDynamicAddresses();

  protected:
    void NotifyNewAggregate() override;
    void DoDispose() override;

  private:
    /**
     * \brief Count and trace what start-up filtering, the exemptions or a Permit verdict let
     * through in the clear, and remember start-up flows.
     * \param verdict the verdict (BOOT_PASS, EXEMPT, PERMIT, CLEAR_BY_SOFT_SA, PASSTHROUGH)
     * \param direction where the packet was met
     * \param selector its selector
     * \param packet the packet
     */
    void CountPass(const IpsecPolicyVerdict& verdict,
                   IpsecDirection direction,
                   const IpsecPacketSelector& selector,
                   const Ptr<const Packet>& packet);

    /**
     * \brief Forget the start-up flows once the policy has taken over.
     * \param verdict the verdict of a clear packet (start-up filtering did not give it)
     */
    void ForgetBootFlows(const IpsecPolicyVerdict& verdict)
    {
        if (verdict.kind > IpsecPolicyVerdict::BOOT_BLOCK && m_bootFilter.GetNFlows() != 0)
        {
            m_bootFilter.ForgetFlows();
        }
    }

    /** \param profile the profile, as the OsProfile attribute's integer */
    void SetOsProfileValue(int profile);
    /** \return the profile as the OsProfile attribute's integer */
    int GetOsProfileValue() const;
    /** \param mode the DefaultExemptions attribute's integer (-1 = from the profile) */
    void SetExemptionsValue(int mode);
    /** \return the DefaultExemptions attribute's integer */
    int GetExemptionsValue() const;
    /** \param delay the FallbackDelay attribute (negative = from the profile) */
    void SetFallbackDelayValue(Time delay);
    /** \return the FallbackDelay attribute */
    Time GetFallbackDelayValue() const;
    /** \param mode the BootMode attribute's integer (-1 = from the profile) */
    void SetBootModeValue(int mode);
    /** \return the BootMode attribute's integer */
    int GetBootModeValue() const;
    /** \param when the PolicyApplyTime attribute */
    void SetPolicyApplyTime(Time when);
    /** \return the PolicyApplyTime attribute */
    Time GetPolicyApplyTime() const;
    /** \param safeMode the SafeMode attribute */
    void SetSafeMode(bool safeMode);
    /** \return the SafeMode attribute */
    bool GetSafeMode() const;
    /** \param length the NegotiationQueueLength attribute */
    void SetQueueLength(uint32_t length);
    /** \return the NegotiationQueueLength attribute */
    uint32_t GetQueueLength() const;
    /** \param keep the KeepDeletedKeys attribute */
    void SetKeepDeletedKeys(bool keep);
    /** \return the KeepDeletedKeys attribute */
    bool GetKeepDeletedKeys() const;
    /** \param limit the MaxDeletedKeys attribute */
    void SetMaxDeletedKeys(uint32_t limit);
    /** \return the MaxDeletedKeys attribute */
    uint32_t GetMaxDeletedKeys() const;
    /** \param interval the NatKeepaliveInterval attribute */
    void SetNatKeepaliveInterval(Time interval);
    /** \return NatKeepaliveInterval */
    Time GetNatKeepaliveInterval() const;
    /**
     * \brief Send one NAT-keepalive (the sender of m_natKeepalive).
     * \param source local address
     * \param sourcePort local UDP port
     * \param destination peer address
     * \param destinationPort peer UDP port
     */
    void SendNatKeepalive(Ipv4Address source,
                          uint16_t sourcePort,
                          Ipv4Address destination,
                          uint16_t destinationPort);
    /** \param delay the ProcessingFixedDelay attribute */
    void SetFixedDelay(Time delay);
    /** \return the ProcessingFixedDelay attribute */
    Time GetFixedDelay() const;

    /**
     * \brief Set the per-byte cost of a cipher family (attribute accessor).
     * \tparam E the cipher
     * \param ns nanoseconds per byte
     */
    template <IpsecEncryption E>
    void SetCipherCost(double ns)
    {
        m_cryptoDelay.SetCipherCost(E, ns);
    }

    /**
     * \tparam E the cipher
     * \return its per-byte cost
     */
    template <IpsecEncryption E>
    double GetCipherCost() const
    {
        return m_cryptoDelay.GetCipherCost(E);
    }

    /**
     * \tparam I the integrity algorithm
     * \param ns nanoseconds per byte
     */
    template <IpsecIntegrity I>
    void SetAuthCost(double ns)
    {
        m_cryptoDelay.SetAuthCost(I, ns);
    }

    /**
     * \tparam I the integrity algorithm
     * \return its per-byte cost
     */
    template <IpsecIntegrity I>
    double GetAuthCost() const
    {
        return m_cryptoDelay.GetAuthCost(I);
    }

    /**
     * \brief The SA manager reports an SA reaching a soft limit.
     * \param sa the SA
     * \param reason which limit
     */
    void NotifySaExpiring(Ptr<IpsecSa> sa, IpsecSaExpiringReason reason);

    /**
     * \brief The SA manager reports an SA deleted.
     * \param sa the SA
     * \param reason why
     */
    void NotifySaDeleted(Ptr<IpsecSa> sa, IpsecSaDeleteReason reason);

    /**
     * \brief The SA manager reports a soft SA installed or deleted.
     * \param peer its peer
     * \param filterId its filter
     * \param event what happened
     */
    void NotifySoftSa(Ipv4Address peer, uint32_t filterId, const std::string& event);

    Ptr<Node> m_node; //!< the node

    // The policy and what it reads (IpsecPolicyDecider holds references to them).
    IpsecSpd m_spd;                    //!< the filters
    IpsecOsProfileConfig m_osConfig;   //!< Windows version, defaults and overrides
    IpsecBootFilter m_bootFilter;      //!< start-up filtering state and boot exemptions
    IpsecHostConfig m_host;            //!< interface addresses, names, dynamic servers
    IpsecSaManager m_sas;              //!< SAD, lifetimes, soft SAs, held packets
    IpsecPolicyDecider m_policy;       //!< the side-effect-free decision
    uint32_t m_droppedFilters{0};      //!< filters the OS profile dropped

    // Observers outside the packet path.
    IpsecCryptoDelayModel m_cryptoDelay; //!< processing delay model
    IpsecEspSaExport m_espSaExport;      //!< Wireshark esp_sa lines, with deleted SAs' keys
    IpsecNatKeepalive m_natKeepalive;    //!< NAT-keepalives of UDP-encapsulated SAs

    IpsecDriverCounters m_counters; //!< counters
    bool m_inboundDecided{false};   //!< inside a DecidedScope
    CryptoMode m_cryptoMode{REAL};  //!< real or modeled crypto

    TracedCallback<Ptr<const Packet>, const IpsecPacketSelector&, IpsecDirection, uint32_t>
        m_permitTrace; //!< permitted packets
    TracedCallback<Ptr<const Packet>,
                   const IpsecPacketSelector&,
                   IpsecDirection,
                   IpsecDropReason,
                   uint32_t>
        m_dropTrace; //!< dropped packets
    TracedCallback<Ptr<const Packet>,
                   const IpsecPacketSelector&,
                   IpsecDirection,
                   IpsecExemptionKind>
        m_exemptTrace; //!< packets passed by a default exemption
    TracedCallback<Ptr<const IpsecSa>, const std::string&> m_saInstalledTrace; //!< SA added
    TracedCallback<Ptr<const IpsecSa>, const std::string&> m_saExpiringTrace;  //!< soft limit
    TracedCallback<Ptr<const IpsecSa>, const std::string&> m_saDeletedTrace;   //!< SA removed
    /** Packets protected or accepted under an SA. */
    TracedCallback<Ptr<const IpsecSa>, IpsecDirection, uint32_t, uint32_t> m_saTrafficTrace;
    Ptr<IpsecIpv4L3Protocol> m_ipv4; //!< the node's IPv4, told of drops (looked up on the first)
    TracedCallback<Ipv4Address, uint32_t, const std::string&> m_softSaTrace;  //!< soft SAs
    /** A dynamic filter address was re-resolved. */
    TracedCallback<const std::string&, const std::vector<Ipv4Address>&> m_dynamicAddressTrace;
    TracedCallback<const std::string&> m_configWarningTrace; //!< configuration weakened
};

} // namespace ns3

#endif /* IPSEC_DRIVER_H */
