/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// IkeService: what the node's Windows version lets IKE use. Older consoles drop settings they
// do not know (the seed): group 2048 and AES before Server 2003; without Windows 2000's High
// Encryption Pack, 3DES falls back to DES.

#include "ike-service.h"

#include "ns3/ipsec-driver.h"
#include "ns3/log.h"
#include "ns3/node.h"

#include <algorithm>
#include <iostream>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("IkeProfileLimits");

namespace
{

bool
IsAes(IpsecEncryption e)
{
    return e == IpsecEncryption::AES_CBC_128 || e == IpsecEncryption::AES_CBC_256 ||
           e == IpsecEncryption::AES_GCM_128 || e == IpsecEncryption::AES_GCM_256;
}

} // namespace

void
IkeService::WarnOnce(const std::string& what) const
{
    if (m_warned.insert(what).second)
    {
        // The older consoles weaken the policy without a word: log, trace, and PrintPolicy.
        NS_LOG_WARN("node " << (m_node ? m_node->GetId() : 0) << ": " << what);
        m_configWarning(what);
    }
}

const std::set<std::string>&
IkeService::GetConfigWarnings() const
{
    return m_warned;
}

std::vector<IkeMainModeMethod>
IkeService::EffectiveMainModeMethods() const
{
    std::vector<IkeMainModeMethod> methods;
    for (IkeMainModeMethod m : m_mainModeMethods)
    {
        if (m.group == IkeDhGroup::MODP_2048 && !m_driver->IsDh2048Allowed())
        {
            WarnOnce("Diffie-Hellman group 2048 needs Windows Server 2003: " + m.ToString() +
                     " dropped");
            continue;
        }
        if (IsAes(m.encryption) && !m_driver->IsAesAllowedInIke())
        {
            WarnOnce("AES in IKE needs Windows Server 2003: " + m.ToString() + " dropped");
            continue;
        }
        if (m.encryption == IpsecEncryption::TRIPLE_DES_CBC && !m_highEncryption)
        {
            m.encryption = IpsecEncryption::DES_CBC;
        }
        if (std::find(methods.begin(), methods.end(), m) == methods.end())
        {
            methods.push_back(m);
        }
    }
    return methods;
}

std::vector<IkeQuickModeOffer>
IkeService::EffectiveQuickModeOffers() const
{
    std::vector<IkeQuickModeOffer> offers;
    for (IkeQuickModeOffer o : m_quickModeOffers)
    {
        if (o.protocol == IpsecProtocol::ESP && IsAes(o.encryption) &&
            !m_driver->IsAesAllowedInIke())
        {
            WarnOnce("AES needs Windows Server 2003: " + o.ToString() + " dropped");
            continue;
        }
        if (o.protocol == IpsecProtocol::ESP && o.encryption == IpsecEncryption::TRIPLE_DES_CBC &&
            !m_highEncryption)
        {
            o.encryption = IpsecEncryption::DES_CBC;
        }
        if (std::find(offers.begin(), offers.end(), o) == offers.end())
        {
            offers.push_back(o);
        }
    }
    return offers;
}

} // namespace ns3
