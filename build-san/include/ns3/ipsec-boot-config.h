/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef IPSEC_BOOT_CONFIG_H
#define IPSEC_BOOT_CONFIG_H

#include "ipsec-packet-selector.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace ns3
{

/**
 * \ingroup ipsec
 * \brief The IPsec driver's start-up mode (Windows Server 2003,
 * `netsh ipsec dynamic set config bootmode value=...`): what it does with traffic before the
 * IPsec service has applied a policy.
 */
enum class IpsecBootMode
{
    STATEFUL, //!< outbound passes, with its replies; inbound only DHCP and boot exemptions
    BLOCK,    //!< only DHCP and boot exemptions (with their replies) pass
    PERMIT,   //!< everything passes
};

/**
 * \param mode a start-up mode
 * \return "stateful", "block" or "permit"
 */
std::string IpsecBootModeToString(IpsecBootMode mode);

/**
 * \param text "stateful", "block" or "permit" (any case)
 * \param field the field name used in the error message
 * \return the mode
 * \throw IpsecConfigError naming \p field
 */
IpsecBootMode IpsecParseBootMode(const std::string& text, const std::string& field = "bootmode");

/**
 * \ingroup ipsec
 * \brief One exemption from start-up filtering, in netsh's form
 * `PROTOCOL:SRCPORT:DSTPORT:DIRECTION` (TCP and UDP) or `PROTOCOL:DIRECTION` (other protocols),
 * e.g. `TCP:any:3389:inbound`, `ICMP:inbound`.
 */
struct IpsecBootExemption
{
    std::optional<uint8_t> protocol;         //!< IP protocol, empty = any
    std::optional<uint16_t> sourcePort;      //!< TCP/UDP source port, empty = any
    std::optional<uint16_t> destinationPort; //!< TCP/UDP destination port, empty = any
    bool inbound{true};                      //!< inbound (true) or outbound (false)

    /**
     * \param selector a packet's selector
     * \param inboundPacket true if the packet arrives (inbound or forwarded)
     * \return true if the exemption covers the packet
     */
    bool Matches(const IpsecPacketSelector& selector, bool inboundPacket) const;

    /** \return the netsh form, e.g. "TCP:any:3389:inbound" */
    std::string ToString() const;

    /**
     * \param other another exemption
     * \return true if both cover the same packets
     */
    bool operator==(const IpsecBootExemption& other) const;
};

/**
 * \brief Parse the value of `bootexemptions`: entries separated by spaces, or "none".
 *
 * Protocols are names (icmp, tcp, udp, ... any case) or numbers 0-255; ports "any", 0 (= any)
 * or 1-65535; directions "inbound" or "outbound". TCP and UDP take four fields, other protocols
 * two. The result replaces every earlier exemption (as netsh does).
 * \param text the value
 * \return the exemptions (empty for "none" or an empty text)
 * \throw IpsecConfigError with field "bootexemptions", naming the offending entry and its field
 */
std::vector<IpsecBootExemption> IpsecParseBootExemptions(const std::string& text);

/**
 * \param exemptions exemptions
 * \return their netsh form separated by spaces, or "none"
 */
std::string IpsecBootExemptionsToString(const std::vector<IpsecBootExemption>& exemptions);

} // namespace ns3

#endif /* IPSEC_BOOT_CONFIG_H */
