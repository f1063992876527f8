/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ipsec-crypto-delay-model.h"

#include "ns3/log.h"

#include "ns3/ipsec-sa.h"
#include "ns3/simulator.h"

#include <algorithm>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("IpsecCryptoDelayModel");

void
IpsecCryptoDelayModel::SetFixedDelay(Time delay)
{
    NS_LOG_FUNCTION(this << delay);
    m_fixedDelay = delay;
}

Time
IpsecCryptoDelayModel::GetFixedDelay() const
{
    return m_fixedDelay;
}

void
IpsecCryptoDelayModel::SetCipherCost(IpsecEncryption cipher, double ns)
{
    NS_LOG_FUNCTION(this << IpsecGetEncryptionInfo(cipher).name << ns);
    m_cipherNsPerByte[static_cast<size_t>(cipher)] = ns;
    if (cipher == IpsecEncryption::AES_CBC_128)
    {
        m_cipherNsPerByte[static_cast<size_t>(IpsecEncryption::AES_CBC_256)] = ns;
    }
    if (cipher == IpsecEncryption::AES_GCM_128)
    {
        m_cipherNsPerByte[static_cast<size_t>(IpsecEncryption::AES_GCM_256)] = ns;
    }
}

double
IpsecCryptoDelayModel::GetCipherCost(IpsecEncryption cipher) const
{
    return m_cipherNsPerByte[static_cast<size_t>(cipher)];
}

void
IpsecCryptoDelayModel::SetAuthCost(IpsecIntegrity integrity, double ns)
{
    NS_LOG_FUNCTION(this << IpsecGetIntegrityInfo(integrity).name << ns);
    m_authNsPerByte[static_cast<size_t>(integrity)] = ns;
}

double
IpsecCryptoDelayModel::GetAuthCost(IpsecIntegrity integrity) const
{
    return m_authNsPerByte[static_cast<size_t>(integrity)];
}

Time
IpsecCryptoDelayModel::Book(const IpsecSa& sa, uint32_t bytes)
{
    const IpsecSaConfig& c = sa.GetConfig();
    double perByte = m_cipherNsPerByte[static_cast<size_t>(c.encryption)] +
                     m_authNsPerByte[static_cast<size_t>(c.integrity)];
    if (perByte == 0 && m_fixedDelay.IsZero())
    {
        return Time(); // no cost model (the default): skip the time arithmetic
    }
    Time cost = m_fixedDelay + NanoSeconds(static_cast<int64_t>(perByte * bytes + 0.5));
    if (cost.IsZero())
    {
        return cost;
    }
    Time now = Simulator::Now();
    Time start = std::max(now, m_busyUntil);
    m_busyUntil = start + cost;
    return m_busyUntil - now;
}

} // namespace ns3
