/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ipsec-os-profile-config.h"

#include "ns3/log.h"

#include "ipsec-exemptions.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("IpsecOsProfileConfig");

IpsecOsProfileConfig::IpsecOsProfileConfig()
    : m_defaults(IpsecGetOsProfileDefaults(m_profile))
{
}

void
IpsecOsProfileConfig::SetProfile(IpsecOsProfile profile)
{
    NS_LOG_FUNCTION(this << profile);
    m_profile = profile;
    m_defaults = IpsecGetOsProfileDefaults(profile);
}

void
IpsecOsProfileConfig::SetDefaultExemptions(int mode)
{
    NS_LOG_FUNCTION(this << mode);
    if (mode != -1)
    {
        IpsecCheckExemptionMode(mode, "DefaultExemptions");
        if (!m_defaults.KnowsExemptions(mode))
        {
            NS_LOG_WARN("NoDefaultExempt " << mode << " is unknown to " << m_profile
                                           << ": it acts as " << m_defaults.unknownExemptionsAs);
        }
    }
    m_exemptionsOverride = mode;
}

void
IpsecOsProfileConfig::SetExemptionsOverride(int mode)
{
    NS_LOG_FUNCTION(this << mode);
    m_exemptionsOverride = mode;
}

int
IpsecOsProfileConfig::GetExemptionsOverride() const
{
    return m_exemptionsOverride;
}

void
IpsecOsProfileConfig::SetFallbackDelayOverride(Time delay)
{
    NS_LOG_FUNCTION(this << delay);
    m_fallbackDelayOverride = delay;
}

Time
IpsecOsProfileConfig::GetFallbackDelayOverride() const
{
    return m_fallbackDelayOverride;
}

Time
IpsecOsProfileConfig::GetFallbackDelay() const
{
    return m_fallbackDelayOverride.IsNegative() ? m_defaults.fallbackDelay
                                                : m_fallbackDelayOverride;
}

void
IpsecOsProfileConfig::SetBootMode(IpsecBootMode mode)
{
    NS_LOG_FUNCTION(this << IpsecBootModeToString(mode));
    m_bootModeOverride = static_cast<int>(mode);
}

void
IpsecOsProfileConfig::ClearBootModeOverride()
{
    NS_LOG_FUNCTION(this);
    m_bootModeOverride = -1;
}

void
IpsecOsProfileConfig::SetBootModeOverride(int mode)
{
    NS_LOG_FUNCTION(this << mode);
    m_bootModeOverride = mode;
}

int
IpsecOsProfileConfig::GetBootModeOverride() const
{
    return m_bootModeOverride;
}

bool
IpsecOsProfileConfig::IsFallbackAfterMismatchAllowed() const
{
    return m_defaults.fallbackAfterMismatch;
}

bool
IpsecOsProfileConfig::IsDh2048Allowed() const
{
    return m_defaults.dh2048Allowed;
}

bool
IpsecOsProfileConfig::IsAesAllowedInIke() const
{
    return m_defaults.aesAllowedInIke;
}

bool
IpsecOsProfileConfig::AreDynamicAddressesAllowed() const
{
    return m_defaults.dynamicAddressesAllowed;
}

} // namespace ns3
