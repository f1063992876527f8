/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef IPSEC_NETSH_POLICY_MAPPER_H
#define IPSEC_NETSH_POLICY_MAPPER_H

#include "ipsec-netsh-policy-store.h"

#include "ns3/ipsec-filter.h"
#include "ns3/node-container.h"
#include "ns3/nstime.h"

#include <optional>
#include <string>
#include <vector>

namespace ns3
{

/**
 * \ingroup ipsec
 * \brief What the assigned policy of a netsh store means in the module's C++ API: the filters
 *        (IpsecDriver::AddFilter), the IKE attributes (IkeService) and the dynamic settings
 *        (IpsecDriver). Values the script left unset stay unset: the node keeps its own.
 */
struct IpsecNetshMappedPolicy
{
    std::string policyName;                       //!< the assigned policy (empty: none)
    std::vector<IpsecFilter> filters;             //!< filters, rule by rule, list order
    std::optional<std::string> mainModeMethods;   //!< IkeService MainModeMethods
    std::optional<Time> mainModeLifetime;         //!< IkeService MainModeLifetime
    std::optional<uint32_t> quickModesPerMainMode; //!< IkeService QuickModesPerMainMode
    std::optional<std::string> quickModeOffers;   //!< IkeService QuickModeOffers
    std::optional<Time> quickModeLifetime;        //!< IkeService QuickModeLifetime
    std::optional<uint64_t> quickModeLifetimeKb;  //!< IkeService QuickModeLifetimeKb
    std::optional<std::string> pfs;               //!< IkeService Pfs
    std::optional<std::string> authMethods;       //!< IkeService AuthMethods
    std::optional<std::string> preSharedKey;      //!< IkeService PreSharedKey
    std::optional<bool> excludeCaName;            //!< IkeService ExcludeCaNameFromRequest
    std::vector<std::string> rootCas;             //!< CAs each node must trust (rootca)
    std::optional<bool> defaultResponseRule;      //!< IkeService DefaultResponseRule
    IpsecNetshDynamicConfig config;               //!< `set config` values

    /** \return true if an IKE value other than DefaultResponseRule is set */
    bool NeedsIke() const;
};

/**
 * \ingroup ipsec
 * \brief Maps a netsh policy store onto the module's policy API, and applies it to nodes.
 *
 * Only the assigned policy applies (none assigned: no filters); only its active rules count.
 * The module holds one IKE configuration per node, so every active negotiate rule of the
 * policy must agree on quick mode methods, quick mode PFS and authentication (doc/netsh.md).
 */
class IpsecNetshPolicyMapper
{
  public:
    /**
     * \param store a store
     * \return its assigned policy in the module's terms
     * \throw IpsecNetshError naming the rule's line when it cannot be modelled
     */
    static IpsecNetshMappedPolicy Map(const IpsecNetshPolicyStore& store);

    /**
     * \brief Apply a mapped policy: filters added to each node's policy, then IKE attributes,
     *        then the dynamic settings. Every node is checked first (IPsec layer installed; an
     *        IKE service when IKE values are set; each rootca among the node's trusted roots),
     *        so an error leaves every node as it was.
     * \param policy the policy
     * \param nodes nodes with the IPsec layer
     * \throw IpsecConfigError naming the node and what is missing
     */
    static void Apply(const IpsecNetshMappedPolicy& policy, NodeContainer nodes);
};

} // namespace ns3

#endif /* IPSEC_NETSH_POLICY_MAPPER_H */
