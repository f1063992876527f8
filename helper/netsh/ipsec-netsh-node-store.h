/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef IPSEC_NETSH_NODE_STORE_H
#define IPSEC_NETSH_NODE_STORE_H

#include "ipsec-netsh-policy-store.h"

#include "ns3/object.h"

namespace ns3
{

/**
 * \ingroup ipsec
 * \brief A node's local IPsec policy store, as the last netsh script loaded on it left it
 *        (aggregated to the node by IpsecHelper::LoadNetshScript, read by ShowStatic).
 */
class IpsecNetshNodeStore : public Object
{
  public:
    /** \return the TypeId */
    static TypeId GetTypeId();

    /** \param store the store the node's script built */
    void SetStore(const IpsecNetshPolicyStore& store);

    /** \return the store */
    const IpsecNetshPolicyStore& GetStore() const;

  private:
    IpsecNetshPolicyStore m_store; //!< the store
};

} // namespace ns3

#endif /* IPSEC_NETSH_NODE_STORE_H */
