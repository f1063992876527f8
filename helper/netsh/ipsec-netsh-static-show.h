/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef IPSEC_NETSH_STATIC_SHOW_H
#define IPSEC_NETSH_STATIC_SHOW_H

#include <ostream>

namespace ns3
{

class IpsecNetshPolicyStore;

/**
 * \ingroup ipsec
 * \brief Prints a policy store as `netsh ipsec static show all` lays it out: every policy with
 *        its settings and rules, each rule with its authentication methods, filter list
 *        (filters one by one) and filter action, "Label : value" lines.
 *
 * The layout is an approximation (doc/netsh.md says what): no real output sample was at hand,
 * so labels follow the netsh help and the IP Security Policies console; values the module does
 * not have (GUIDs, last-modified times) are left out.
 */
class IpsecNetshStaticShow
{
  public:
    /**
     * \param store the store
     * \param os output stream
     */
    static void Print(const IpsecNetshPolicyStore& store, std::ostream& os);
};

} // namespace ns3

#endif /* IPSEC_NETSH_STATIC_SHOW_H */
