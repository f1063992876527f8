/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ipsec-netsh-node-store.h"

namespace ns3
{

NS_OBJECT_ENSURE_REGISTERED(IpsecNetshNodeStore);

TypeId
IpsecNetshNodeStore::GetTypeId()
{
    static TypeId tid = TypeId("ns3::IpsecNetshNodeStore")
                            .SetParent<Object>()
                            .SetGroupName("Ipsec")
                            .AddConstructor<IpsecNetshNodeStore>();
    return tid;
}

void
IpsecNetshNodeStore::SetStore(const IpsecNetshPolicyStore& store)
{
    m_store = store;
}

const IpsecNetshPolicyStore&
IpsecNetshNodeStore::GetStore() const
{
    return m_store;
}

} // namespace ns3
