/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef IPSEC_FILTER_H
#define IPSEC_FILTER_H

#include "ns3/ipv4-address.h"

#include <cstdint>
#include <functional>
#include <optional>
#include <ostream>
#include <string>

namespace ns3
{

/**
 * \ingroup ipsec
 * \brief One end of a Windows IP filter: Any, My IP address, a specific address, a subnet, or
 * one of Server 2003's dynamic addresses (DNS, WINS, DHCP server, default gateway).
 *
 * A multicast or broadcast address is a specific address (Windows Server 2003 allows it as a
 * destination). "My IP address" stands for every address of the node and follows address
 * changes; the dynamic kinds stand for the servers of the node's IP configuration (the DHCP
 * lease or manual settings) and follow its changes. The SPD expands them when it indexes the
 * filter.
 */
class IpsecFilterAddress
{
  public:
    /** The kinds of address a filter end can name. */
    enum Kind
    {
        ANY,    //!< Any IP address
        ME,     //!< My IP address: every (non-loopback) address of the node
        HOST,   //!< A specific IP address (unicast, multicast or broadcast)
        SUBNET, //!< A subnet: address and contiguous mask
        DNS,     //!< The node's DNS servers (Server 2003 dynamic address)
        WINS,    //!< The node's WINS servers (Server 2003 dynamic address)
        DHCP,    //!< The node's DHCP server (Server 2003 dynamic address)
        GATEWAY, //!< The node's default gateway (Server 2003 dynamic address)
    };

    /** Any IP address (the default). */
    IpsecFilterAddress();

    /** \return Any IP address */
    static IpsecFilterAddress Any();
    /** \return My IP address */
    static IpsecFilterAddress Me();
    /**
     * \param address a specific address
     * \return the filter address
     */
    static IpsecFilterAddress Host(Ipv4Address address);
    /**
     * \param network the subnet's network address (no host bits set)
     * \param mask the subnet mask (must be contiguous; checked by IpsecFilter::Validate)
     * \return the filter address
     */
    static IpsecFilterAddress Subnet(Ipv4Address network, Ipv4Mask mask);
    /**
     * \param kind DNS, WINS, DHCP or GATEWAY
     * \return the filter address for the node's servers of that kind
     */
    static IpsecFilterAddress Dynamic(Kind kind);

    /**
     * \brief Parse "any", "me", "dns", "wins", "dhcp", "gateway", "a.b.c.d", "a.b.c.d/len" or
     * "a.b.c.d/m.m.m.m".
     * \param text the text
     * \param field the field name used in the error message
     * \return the filter address
     * \throw IpsecConfigError naming \p field when the text is not valid
     */
    static IpsecFilterAddress Parse(const std::string& text, const std::string& field);

    /**
     * Resolves a DNS name to an address (empty: unknown name). Windows resolves a filter's DNS
     * name once, when the filter is created; a later change of the name's address does not
     * move the filter.
     */
    using Resolver = std::function<std::optional<Ipv4Address>(const std::string& name)>;

    /**
     * \brief As Parse, and a DNS name (letters, digits, '-', '.', with at least one letter)
     *        becomes the host address \p resolver gives it, once.
     * \param text the text
     * \param field the field name used in the error message
     * \param resolver the name resolution
     * \return the filter address
     * \throw IpsecConfigError naming \p field when the text is not valid or the name unknown
     */
    static IpsecFilterAddress Parse(const std::string& text,
                                    const std::string& field,
                                    const Resolver& resolver);

    /** \return the kind */
    Kind GetKind() const;
    /** \return the address (HOST) or network (SUBNET) */
    Ipv4Address GetAddress() const;
    /** \return true for DNS, WINS, DHCP and GATEWAY */
    bool IsDynamic() const;
    /** \return the mask (all ones for HOST, ME and the dynamic kinds, zero for ANY) */
    Ipv4Mask GetMask() const;
    /** \return the number of leading one bits of the mask (0-32) */
    uint8_t GetPrefixLength() const;
    /** \return true for a specific multicast or broadcast address */
    bool IsMulticastOrBroadcast() const;
    /**
     * \param address an address
     * \return true if the address is a subnet or limited broadcast, or multicast
     */
    static bool IsGroupAddress(Ipv4Address address);

    /**
     * \brief Check the address; empty when valid.
     * \param field the field name used in the message
     * \return an error message starting with \p field, or an empty string
     */
    std::string Validate(const std::string& field) const;

    /** \return a text that Parse reads back */
    std::string ToString() const;

    /**
     * \param other another filter address
     * \return true if both name the same addresses
     */
    bool operator==(const IpsecFilterAddress& other) const;

  private:
    Kind m_kind;           //!< the kind
    Ipv4Address m_address; //!< address or network
    Ipv4Mask m_mask;       //!< mask
};

/** The action of a filter (Windows filter action). */
enum class IpsecFilterAction
{
    PERMIT,    //!< pass in the clear (RFC 4301 BYPASS)
    BLOCK,     //!< drop (RFC 4301 DISCARD)
    NEGOTIATE, //!< require an SA (RFC 4301 PROTECT)
};

/**
 * \param action an action
 * \return "permit", "block" or "negotiate"
 */
std::string IpsecFilterActionToString(IpsecFilterAction action);

/**
 * \ingroup ipsec
 * \brief A Windows IP filter with its filter action.
 *
 * A filter matches a packet whose addresses, protocol and ports fit its source and destination
 * ends; a mirrored filter also matches the packets going the other way (source and destination
 * swapped), which is how Windows lets one filter cover a conversation.
 */
struct IpsecFilter
{
    std::string description;                 //!< free text shown in listings
    IpsecFilterAddress source;               //!< source end
    IpsecFilterAddress destination;          //!< destination end
    std::optional<uint8_t> protocol;         //!< IP protocol, empty = any
    std::optional<uint16_t> sourcePort;      //!< TCP/UDP source port, empty = any
    std::optional<uint16_t> destinationPort; //!< TCP/UDP destination port, empty = any
    bool mirrored{true};                     //!< also match the reverse direction
    IpsecFilterAction action{IpsecFilterAction::PERMIT}; //!< what to do with matching packets
    /**
     * Tunnel endpoint for Negotiate filters in tunnel mode: the far security gateway of the
     * forward direction (empty = transport mode). A mirrored tunnel filter stands for Windows'
     * pair of tunnel rules: the mirror's endpoint is the near gateway (this node).
     */
    std::optional<Ipv4Address> tunnelEndpoint;

    /**
     * Negotiate only: "Allow unsecured communication with non-IPsec-aware computers". When the
     * peer gives no IKE answer within the fallback delay, traffic flows in the clear through a
     * soft SA (text key fallback=yes).
     */
    bool fallbackToClear{false};

    /**
     * Negotiate only: "Accept unsecured communication, but always respond using IPsec". Clear
     * packets that match are accepted; replies still need SAs (text key passthrough=yes).
     */
    bool inboundPassthrough{false};

    /**
     * \brief Check the filter as Windows' policy console would.
     * \return an error message starting with the offending field, or an empty string
     */
    std::string Validate() const;

    /**
     * \brief Parse the netsh-like text form, e.g.
     * "srcaddr=me dstaddr=10.1.2.0/24 protocol=tcp dstport=80 mirrored=yes action=permit".
     *
     * Keys: srcaddr, srcmask, dstaddr, dstmask, protocol (any, icmp, tcp, udp, ... or a number),
     * srcport, dstport (0 or any = any), mirrored (yes/no), action (permit/block/negotiate),
     * tunnel (far tunnel endpoint address, negotiate only), description (quote values with
     * spaces). The result is validated.
     * \param text the text
     * \return the filter
     * \throw IpsecConfigError naming the offending key
     */
    static IpsecFilter Parse(const std::string& text);

    /**
     * \brief As Parse, with DNS names in srcaddr / dstaddr resolved once by \p resolver.
     * \param text the text
     * \param resolver the name resolution
     * \return the filter
     * \throw IpsecConfigError naming the offending key
     */
    static IpsecFilter Parse(const std::string& text, const IpsecFilterAddress::Resolver& resolver);

    /** \return the text form (Parse reads it back) */
    std::string ToString() const;
};

/**
 * \brief Protocol number for a name (any, icmp, igmp, tcp, udp, rsvp, gre, esp, ah, ospf, raw)
 * or a decimal number 0-255.
 * \param text the name or number
 * \param field the field name used in the error message
 * \return the number, or empty for "any"
 * \throw IpsecConfigError when the text is not a protocol
 */
std::optional<uint8_t> IpsecParseProtocol(const std::string& text, const std::string& field);

/**
 * \param protocol a protocol number
 * \return its common name ("tcp") or the number as text
 */
std::string IpsecProtocolName(uint8_t protocol);

/**
 * \brief Print a filter in its text form.
 * \param os output stream
 * \param filter the filter
 * \return os
 */
std::ostream& operator<<(std::ostream& os, const IpsecFilter& filter);

} // namespace ns3

#endif /* IPSEC_FILTER_H */
