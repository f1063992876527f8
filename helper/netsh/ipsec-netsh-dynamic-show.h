/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef IPSEC_NETSH_DYNAMIC_SHOW_H
#define IPSEC_NETSH_DYNAMIC_SHOW_H

#include "ns3/ptr.h"

#include <ostream>

namespace ns3
{

class IkeService;
class IpsecDriver;

/**
 * \ingroup ipsec
 * \brief Prints a node's live IPsec state as `netsh ipsec dynamic show all` lays it out on
 *        Windows Server 2003: main mode policy and filters, quick mode policy and filters,
 *        the specific (expanded) filters by weight, main mode and quick mode SAs, IKE and IPsec
 *        statistics and the `show config` values, in netsh's "Label : value" form.
 *
 * The layout is an approximation (doc/netsh.md says what): labels follow the netsh help and
 * IP Security Monitor. A value the module does not have is printed as "not modelled", never
 * made up.
 */
class IpsecNetshDynamicShow
{
  public:
    /**
     * \param driver the node's IPsec driver
     * \param ike its IKE service (null: a node without IKE; the IKE parts say so)
     * \param os output stream
     */
    static void Print(const IpsecDriver& driver, Ptr<const IkeService> ike, std::ostream& os);
};

} // namespace ns3

#endif /* IPSEC_NETSH_DYNAMIC_SHOW_H */
