/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef IPSEC_OS_PROFILE_CONFIG_H
#define IPSEC_OS_PROFILE_CONFIG_H

#include "ipsec-os-profile.h"

#include "ns3/nstime.h"

namespace ns3
{

/**
 * \ingroup ipsec
 * \brief A node's Windows settings in one place: the OS profile, its defaults, the node's
 * overrides (default exemptions, fallback delay, start-up mode) and what the profile allows.
 *
 * Every getter answers with the setting in force: the override when one is set, else the
 * profile's value (see windows-behaviour.md).
 */
class IpsecOsProfileConfig
{
  public:
    IpsecOsProfileConfig();

    /** \param profile the Windows version followed; its defaults apply where no override is */
    void SetProfile(IpsecOsProfile profile);

    /** \return the Windows version followed */
    IpsecOsProfile GetProfile() const
    {
        return m_profile;
    }

    /** \return the profile's defaults and limits (without this node's overrides) */
    const IpsecOsProfileDefaults& GetDefaults() const
    {
        return m_defaults;
    }

    /**
     * \brief Override the profile's NoDefaultExempt value.
     *
     * A value the profile does not know is kept (GetDefaultExemptions() returns it) and acts as
     * the profile says (GetEffectiveExemptions()); a warning is logged.
     * \param mode 0-3, or -1 to follow the profile again
     * \throw IpsecConfigError naming "DefaultExemptions" for another value
     */
    void SetDefaultExemptions(int mode);

    /**
     * \param mode the override as the DefaultExemptions attribute holds it (-1: none), already
     *        checked by the attribute's checker
     */
    void SetExemptionsOverride(int mode);

    /** \return the NoDefaultExempt override, -1 when the profile's value applies */
    int GetExemptionsOverride() const;

    /** \return the NoDefaultExempt value set: the override, else the profile's default */
    int GetDefaultExemptions() const
    {
        return m_exemptionsOverride >= 0 ? m_exemptionsOverride : m_defaults.defaultExemptions;
    }

    /**
     * \return the NoDefaultExempt value the driver acts on (read for every clear packet): the
     * value set if the profile knows it, else what the profile makes of an unknown value
     */
    int GetEffectiveExemptions() const
    {
        return m_defaults.EffectiveExemptions(GetDefaultExemptions());
    }

    /** \param delay the fallback delay override; negative: the profile's */
    void SetFallbackDelayOverride(Time delay);

    /** \return the fallback delay override (negative: none) */
    Time GetFallbackDelayOverride() const;

    /** \return how long IKE stays silent before falling back to clear */
    Time GetFallbackDelay() const;

    /** \param mode the start-up mode to use whatever the profile's */
    void SetBootMode(IpsecBootMode mode);

    /** Follow the profile's start-up mode again. */
    void ClearBootModeOverride();

    /** \param mode the BootMode attribute's integer (-1: the profile's) */
    void SetBootModeOverride(int mode);

    /** \return the BootMode attribute's integer (-1: the profile's) */
    int GetBootModeOverride() const;

    /** \return the start-up mode in force */
    IpsecBootMode GetBootMode() const
    {
        return m_bootModeOverride >= 0 ? static_cast<IpsecBootMode>(m_bootModeOverride)
                                       : m_defaults.bootMode;
    }

    /** \return true if fallback to clear also follows an auth or policy mismatch */
    bool IsFallbackAfterMismatchAllowed() const;

    /** \return true if Diffie-Hellman group 14 (2048-bit) may be used */
    bool IsDh2048Allowed() const;

    /** \return true if IKE may offer AES */
    bool IsAesAllowedInIke() const;

    /** \return true if filters may use dynamic addresses (DNS, WINS, DHCP, gateway) */
    bool AreDynamicAddressesAllowed() const;

  private:
    IpsecOsProfile m_profile{IpsecOsProfile::WIN2003}; //!< Windows version followed
    IpsecOsProfileDefaults m_defaults; //!< its defaults, kept resolved (read per packet)
    int m_exemptionsOverride{-1};      //!< NoDefaultExempt override, -1 = from the profile
    Time m_fallbackDelayOverride;      //!< fallback delay override, negative = from the profile
    int m_bootModeOverride{-1};        //!< IpsecBootMode override, -1 = from the profile
};

} // namespace ns3

#endif /* IPSEC_OS_PROFILE_CONFIG_H */
