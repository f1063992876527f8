/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ipsec-key-manager.h"

namespace ns3
{

NS_OBJECT_ENSURE_REGISTERED(IpsecKeyManager);

TypeId
IpsecKeyManager::GetTypeId()
{
    static TypeId tid = TypeId("ns3::IpsecKeyManager").SetParent<Object>().SetGroupName("Ipsec");
    return tid;
}

void
IpsecKeyManager::LocalAddressesRemoved(const std::vector<Ipv4Address>& /* removed */)
{
}

void
IpsecKeyManager::SaExpiring(Ptr<const IpsecSa> /* sa */, IpsecSaExpiringReason /* reason */)
{
}

void
IpsecKeyManager::SaDeleted(Ptr<const IpsecSa> /* sa */, IpsecSaDeleteReason /* reason */)
{
}

} // namespace ns3
