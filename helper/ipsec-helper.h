/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef IPSEC_HELPER_H
#define IPSEC_HELPER_H

#include "ns3/ike-service.h"
#include "ns3/ipsec-driver.h"
#include "ns3/ipsec-netsh-policy-store.h"
#include "ns3/ipv4-routing-helper.h"
#include "ns3/node-container.h"
#include "ns3/object-factory.h"

#include <memory>
#include <ostream>
#include <string>

namespace ns3
{

/**
 * \ingroup ipsec
 * \brief Manual keying of a pair of SAs between nodes A and B (as `ip xfrm state add` on both
 * ends): one SA from A to B, one from B to A, bound to a Negotiate filter on each node.
 */
struct IpsecManualSaPair
{
    IpsecProtocol protocol{IpsecProtocol::ESP};            //!< ESP or AH
    IpsecMode mode{IpsecMode::TRANSPORT};                  //!< transport or tunnel
    IpsecEncryption encryption{IpsecEncryption::AES_CBC_128}; //!< cipher (ESP)
    IpsecIntegrity integrity{IpsecIntegrity::HMAC_SHA1_96};   //!< integrity algorithm
    Ipv4Address addressA; //!< SA endpoint on A: the host (transport) or gateway (tunnel)
    Ipv4Address addressB; //!< SA endpoint on B
    uint32_t spiAtoB{0x1000}; //!< SPI of the SA from A to B
    uint32_t spiBtoA{0x1001}; //!< SPI of the SA from B to A
    /** Keys from A to B and from B to A; empty = a fixed key made from the SPI (tests only). */
    std::vector<uint8_t> encryptionKeyAtoB, integrityKeyAtoB, encryptionKeyBtoA, integrityKeyBtoA;
    IpsecLifetime lifetime;     //!< lifetimes of both SAs
    uint32_t replayWindow{64};  //!< anti-replay window of both SAs
    /**
     * Negotiate filters (text form) on A and B. Empty in transport mode: all traffic between
     * the two addresses ("srcaddr=me dstaddr=<peer> action=negotiate", mirrored). Tunnel mode
     * needs them, e.g. "srcaddr=10.1.0.0/16 dstaddr=10.2.0.0/16 action=negotiate
     * tunnel=<addressB>".
     */
    std::string filterA, filterB;
    /**
     * UDP encapsulation of ESP (RFC 3948, UDP-Transport / UDP-Tunnel): both SAs travel in UDP
     * between udpPortA and udpPortB. A may sit behind a NAT (B may not): set natAddressA and
     * natPortA to what B sees of A (the NAT's public address and the port it mapped A's
     * udpPortA to); B's SAs are then bound to those, A's to A's own address and port.
     */
    bool udpEncap{false};
    uint16_t udpPortA{IPSEC_NAT_T_PORT}; //!< A's UDP port (udpEncap)
    uint16_t udpPortB{IPSEC_NAT_T_PORT}; //!< B's UDP port (udpEncap)
    Ipv4Address natAddressA; //!< A's address as B sees it (unset: addressA, no NAT)
    uint16_t natPortA{0};    //!< A's UDP port as B sees it (0: udpPortA, no NAT)
};

/** What InstallManualSaPair installed. */
struct IpsecManualSaPairResult
{
    uint32_t filterA{0};     //!< filter id on A
    uint32_t filterB{0};     //!< filter id on B
    Ptr<IpsecSa> outboundA;  //!< A's SA to B
    Ptr<IpsecSa> inboundB;   //!< B's SA from A
    Ptr<IpsecSa> outboundB;  //!< B's SA to A
    Ptr<IpsecSa> inboundA;   //!< A's SA from B
};

/**
 * \ingroup ipsec
 * \brief Installs an IPv4 internet stack with the IPsec layer on nodes, and sets their policy.
 *
 * Use it instead of InternetStackHelper on the nodes that run IPsec (other nodes keep
 * InternetStackHelper and behave exactly like plain ns-3). It installs the same protocols
 * (ARP, IPv4, ICMP, UDP, TCP, traffic control, packet sockets) with three hooks, and an
 * IpsecDriver holding the node's policy. Routing is InternetStackHelper's default (static +
 * global) unless SetRoutingHelper says otherwise. IPv6 is not installed.
 */
class IpsecHelper
{
  public:
    IpsecHelper();
    ~IpsecHelper();
    /** \param o helper to copy */
    IpsecHelper(const IpsecHelper& o);
    /** \param o helper to copy \return this */
    IpsecHelper& operator=(const IpsecHelper& o);

    /**
     * \brief Use another IPv4 routing (as InternetStackHelper::SetRoutingHelper).
     * \param routing the routing helper
     */
    void SetRoutingHelper(const Ipv4RoutingHelper& routing);

    /**
     * \brief Install the stack and the IPsec layer.
     * \param nodes nodes without an IPv4 stack
     */
    void Install(NodeContainer nodes) const;
    /** \param node a node without an IPv4 stack */
    void Install(Ptr<Node> node) const;

    /**
     * \param node a node with the IPsec layer
     * \return its driver (fatal error if the layer is not installed)
     */
    static Ptr<IpsecDriver> GetDriver(Ptr<Node> node);

    /**
     * \brief Add a filter to the policy of each node.
     * \param nodes nodes with the IPsec layer
     * \param text the filter's text form (see IpsecFilter::Parse)
     * \throw IpsecConfigError naming the offending field
     */
    static void AddFilter(NodeContainer nodes, const std::string& text);

    /**
     * \brief Print the node's filters in evaluation order and its counters.
     * \param node a node with the IPsec layer
     * \param os output stream
     */
    static void PrintPolicy(Ptr<Node> node, std::ostream& os);

    /**
     * \brief Manual keying: install a matching SA pair (and their filters) on two nodes.
     * \param a node A
     * \param b node B
     * \param pair the definition
     * \return what was installed
     * \throw IpsecConfigError naming the offending field
     */
    static IpsecManualSaPairResult InstallManualSaPair(Ptr<Node> a,
                                                       Ptr<Node> b,
                                                       const IpsecManualSaPair& pair);

    /**
     * \brief A fixed key for tests and examples: bytes derived from the SPI. Never secure.
     * \param spi the SPI
     * \param length key length in bytes
     * \param salt distinguishes the encryption key (0) from the integrity key (1)
     * \return the key
     */
    static std::vector<uint8_t> MakeTestKey(uint32_t spi, uint32_t length, uint8_t salt);

    /**
     * \brief Write the ESP SAs of the nodes in Wireshark's esp_sa format (each SA once).
     * \param nodes nodes with the IPsec layer (others are skipped)
     * \param path the file to write; copy it to ~/.config/wireshark/esp_sa
     * \return false if the file could not be written
     */
    static bool WriteWiresharkEspSa(NodeContainer nodes, const std::string& path);

    /**
     * \brief Use real or modeled cryptography on these nodes (IpsecDriver::CryptoMode).
     * \param nodes nodes with the IPsec layer
     * \param modeled true for modeled crypto
     */
    static void SetModeledCrypto(NodeContainer nodes, bool modeled);

    /**
     * \brief Install the IKE service (on by default) on the nodes installed from now on.
     * \param enabled false: no key management, Negotiate filters without SAs drop as no-sa
     */
    void SetIkeEnabled(bool enabled);

    /**
     * \brief Set an attribute of the IKE services installed from now on.
     * \param name an IkeService attribute, e.g. "PreSharedKey"
     * \param value its value
     * \throw IpsecConfigError with \p name as field if there is no such attribute or the
     *        value is refused (an empty PreSharedKey included), or with the field the
     *        attribute's parser names (e.g. "authmethods"); the helper is then unchanged
     */
    void SetIkeAttribute(const std::string& name, const AttributeValue& value);

    /**
     * \brief Set an attribute of the IpsecDriver of the nodes installed from now on.
     * \param name an IpsecDriver attribute, e.g. "FallbackDelay"
     * \param value its value
     * \throw IpsecConfigError as SetIkeAttribute
     */
    void SetDriverAttribute(const std::string& name, const AttributeValue& value);

    /**
     * \brief Fix the random streams of everything of this module on the nodes (after
     *        Install, as InternetStackHelper::AssignStreams), so that the same streams give
     *        the same run whatever else the simulation creates.
     *
     * Per node, in order: for a node with the IPsec layer, its internet stack's streams as
     * InternetStackHelper::AssignStreams assigns them (ARP, global routing: 2 with the
     * default routing); its IkeService (IkeService::AssignStreams: 1, 2 for a Kerberos
     * member); each KerberosKdc application (1). The driver draws nothing. See
     * doc/helpers.md.
     * \param nodes the nodes
     * \param stream first stream index to use
     * \return the number of streams used
     */
    int64_t AssignStreams(NodeContainer nodes, int64_t stream) const;

    /**
     * \param node a node with the IPsec layer
     * \return its IKE service, or null if it was installed without
     */
    static Ptr<IkeService> GetIke(Ptr<Node> node);
    // Windows behaviours. Each setter checks its input before touching any node, so a bad value
    // leaves every node as it was. The same settings are IpsecDriver attributes (OsProfile,
    // DefaultExemptions, FallbackDelay, BootMode, BootExemptions, PolicyApplyTime, SafeMode).

    /**
     * \brief Make the nodes follow a Windows version's IPsec defaults and limits.
     * \param nodes nodes with the IPsec layer
     * \param profile the profile
     */
    static void SetOsProfile(NodeContainer nodes, IpsecOsProfile profile);

    /**
     * \param nodes nodes with the IPsec layer
     * \param profile "win2000", "winxp", "win2003" or "win2003sp2"
     * \throw IpsecConfigError naming "profile"
     */
    static void SetOsProfile(NodeContainer nodes, const std::string& profile);

    /**
     * \brief Override the NoDefaultExempt value (as `netsh ipsec dynamic set config ipsecexempt
     * value=N`); applies to the next packet.
     * \param nodes nodes with the IPsec layer
     * \param mode 0-3, or -1 for the OS profile's value
     * \throw IpsecConfigError naming "DefaultExemptions"
     */
    static void SetDefaultExemptions(NodeContainer nodes, int mode);

    /**
     * \brief Override the start-up mode (as `netsh ipsec dynamic set config bootmode value=...`).
     * \param nodes nodes with the IPsec layer
     * \param mode "stateful", "block" or "permit"
     * \throw IpsecConfigError naming "bootmode"
     */
    static void SetBootMode(NodeContainer nodes, const std::string& mode);

    /**
     * \brief Set the boot exemptions (as `netsh ipsec dynamic set config bootexemptions
     * value=...`), replacing all earlier ones.
     * \param nodes nodes with the IPsec layer
     * \param exemptions e.g. "TCP:any:3389:inbound ICMP:inbound", or "none"
     * \throw IpsecConfigError naming "bootexemptions", the offending entry and its field
     */
    static void SetBootExemptions(NodeContainer nodes, const std::string& exemptions);

    /**
     * \brief Model the IPsec service applying the policy at \p when (start-up mode before).
     * \param nodes nodes with the IPsec layer
     * \param when the time (0: policy active from the start)
     * \param safeMode true: Safe Mode with Networking, the policy never applies
     */
    static void SetPolicyApplyTime(NodeContainer nodes, Time when, bool safeMode = false);

    /**
     * \brief Load a Windows administrator's `netsh ipsec` script (as run with `netsh -f`) and
     *        apply its assigned policy and `dynamic set config` values to the nodes, as the
     *        same calls of this API would (doc/netsh.md).
     * \param nodes nodes with the IPsec layer
     * \param file the script
     * \return the policy store the script built (PrintScript writes it back)
     * \throw IpsecNetshError naming the line, the command and why, for anything the script
     *        says that cannot be read or is not modelled; IpsecConfigError for an unreadable
     *        file or a node lacking what the policy needs. Nodes are unchanged on error.
     */
    static IpsecNetshPolicyStore LoadNetshScript(NodeContainer nodes, const std::string& file);

    /**
     * \brief As LoadNetshScript, with the script given as text.
     * \param nodes nodes with the IPsec layer
     * \param script the script's lines
     * \return the policy store the script built
     * \throw IpsecNetshError, IpsecConfigError as LoadNetshScript
     */
    static IpsecNetshPolicyStore LoadNetshScriptText(NodeContainer nodes,
                                                     const std::string& script);

    /**
     * \brief Print what `netsh ipsec static show all` shows for the store the last netsh
     *        script loaded on the node built (layout approximated: doc/netsh.md).
     * \param node a node
     * \param os output stream
     * \throw IpsecConfigError (field "node") if no netsh script was loaded on the node
     */
    static void ShowStatic(Ptr<Node> node, std::ostream& os);

    /**
     * \brief Print what `netsh ipsec dynamic show all` shows for the node's live state: main
     *        mode and quick mode policy and filters, specific filters by weight, main mode and
     *        quick mode SAs, IKE and IPsec statistics and the `show config` values (layout
     *        approximated, values the module lacks said "not modelled": doc/netsh.md).
     * \param node a node with the IPsec layer (with or without IKE)
     * \param os output stream
     * \throw IpsecConfigError (field "node") if the node has no IPsec layer
     */
    static void ShowDynamic(Ptr<Node> node, std::ostream& os);

  private:
    std::unique_ptr<Ipv4RoutingHelper> m_routing; //!< routing to install
    bool m_ikeEnabled{true};                      //!< install IKE
    ObjectFactory m_ikeFactory;                   //!< makes the IKE services
    ObjectFactory m_driverFactory;                //!< makes the drivers
};

} // namespace ns3

#endif /* IPSEC_HELPER_H */
