/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef IPSEC_EXEMPTIONS_H
#define IPSEC_EXEMPTIONS_H

#include "ipsec-packet-selector.h"

#include <cstddef>
#include <optional>
#include <ostream>
#include <string>

namespace ns3
{

/**
 * \ingroup ipsec
 * \brief The traffic kinds that Windows' IPsec driver can exempt from filtering
 * ("default exemptions", registry value NoDefaultExempt).
 */
enum class IpsecExemptionKind
{
    IKE,       //!< UDP with source or destination port 500
    KERBEROS,  //!< UDP or TCP with source or destination port 88
    RSVP,      //!< IP protocol 46
    MULTICAST, //!< destination in 224.0.0.0/4
    BROADCAST, //!< destination 255.255.255.255 or a local subnet-directed broadcast
};

/** Number of IpsecExemptionKind values. */
constexpr size_t IPSEC_EXEMPTION_KIND_COUNT = 5;

/** What a destination address is, as far as exemptions care. */
enum class IpsecDestinationKind
{
    UNICAST,   //!< anything else
    MULTICAST, //!< 224.0.0.0/4
    BROADCAST, //!< limited broadcast, or the subnet-directed broadcast of a local interface
};

/** Smallest and largest NoDefaultExempt value. */
constexpr int IPSEC_EXEMPTION_MODE_MIN = 0;
constexpr int IPSEC_EXEMPTION_MODE_MAX = 3; //!< see IPSEC_EXEMPTION_MODE_MIN

/**
 * \param kind an exemption kind
 * \return its stable name: "ike", "kerberos", "rsvp", "multicast", "broadcast"
 */
std::string IpsecExemptionKindToString(IpsecExemptionKind kind);

/**
 * \param os output stream
 * \param kind an exemption kind
 * \return os
 */
std::ostream& operator<<(std::ostream& os, IpsecExemptionKind kind);

/**
 * \brief Does a NoDefaultExempt value exempt a kind of traffic?
 *
 * The table of "Specifying Default Exemptions to IPSec Filtering" (cc756041):
 * 0 = multicast, broadcast, RSVP, Kerberos, IKE (Windows 2000 and XP);
 * 1 = multicast, broadcast, IKE; 2 = RSVP, Kerberos, IKE; 3 = IKE only (Server 2003).
 * \param mode the value, 0-3 (others exempt nothing but IKE, like 3)
 * \param kind the traffic kind
 * \return true if exempt
 */
bool IpsecExemptionModeCovers(int mode, IpsecExemptionKind kind);

/**
 * \brief Check a NoDefaultExempt value.
 * \param mode the value
 * \param field the field name used in the error message
 * \throw IpsecConfigError naming \p field unless 0 <= mode <= 3
 */
void IpsecCheckExemptionMode(int mode, const std::string& field);

/**
 * \param address an IPv4 address
 * \return true for 224.0.0.0/4
 */
bool IpsecIsMulticast(Ipv4Address address);

/**
 * \brief Is a packet exempt from IPsec filtering, and as what?
 *
 * The kinds are tried in the order IKE, Kerberos, RSVP, multicast, broadcast; the first that
 * the packet is and that \p mode exempts is returned (so a multicast packet to UDP 88 counts as
 * Kerberos under 0 and 2, as multicast under 1). Kerberos and IKE are recognised by port alone,
 * at either end: that is what Windows does, and it is why anyone sending from source port 88
 * passes every filter under values 0 and 2 (KB 811832); source port 500 opens the same hole.
 * \param mode the NoDefaultExempt value
 * \param selector the packet's selector
 * \param destination what the destination address is (only the driver knows the node's
 *        subnet-directed broadcasts)
 * \return the exemption kind, or empty when the packet must go through the policy
 */
std::optional<IpsecExemptionKind> IpsecClassifyExemption(int mode,
                                                         const IpsecPacketSelector& selector,
                                                         IpsecDestinationKind destination);

} // namespace ns3

#endif /* IPSEC_EXEMPTIONS_H */
