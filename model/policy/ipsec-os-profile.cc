/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ipsec-os-profile.h"

#include "ipsec-config-error.h"

#include <algorithm>
#include <cctype>

namespace ns3
{

IpsecOsProfileDefaults
IpsecGetOsProfileDefaults(IpsecOsProfile profile)
{
    // Built on each call (not a static table): Time values must not be made before the
    // simulator's time resolution is fixed.
    IpsecOsProfileDefaults d;
    d.fallbackDelay = Seconds(3);
    switch (profile)
    {
    case IpsecOsProfile::WIN2000:
        d.natTraversal = false;
        [[fallthrough]];
    case IpsecOsProfile::WINXP:
        d.defaultExemptions = 0;
        d.knownExemptions = 0x03;
        d.unknownExemptionsAs = 1;
        break;
    case IpsecOsProfile::WIN2003_SP2:
        d.fallbackDelay = MilliSeconds(500);
        d.fallbackAfterMismatch = true;
        [[fallthrough]];
    case IpsecOsProfile::WIN2003:
        d.defaultExemptions = 3;
        d.dh2048Allowed = true;
        d.aesAllowedInIke = true;
        d.dynamicAddressesAllowed = true;
        d.bootFiltering = true;
        d.bootMode = IpsecBootMode::STATEFUL;
        break;
    }
    return d;
}

std::string
IpsecOsProfileToString(IpsecOsProfile profile)
{
    switch (profile)
    {
    case IpsecOsProfile::WIN2000:
        return "win2000";
    case IpsecOsProfile::WINXP:
        return "winxp";
    case IpsecOsProfile::WIN2003:
        return "win2003";
    case IpsecOsProfile::WIN2003_SP2:
        return "win2003sp2";
    }
    return "?";
}

IpsecOsProfile
IpsecParseOsProfile(const std::string& text, const std::string& field)
{
    // Names are read in any case ("WinXP"), like every keyword of the module's text.
    std::string lower = text;
    std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) {
        return static_cast<char>(std::tolower(c));
    });
    for (size_t i = 0; i < IPSEC_OS_PROFILE_COUNT; ++i)
    {
        auto profile = static_cast<IpsecOsProfile>(i);
        if (lower == IpsecOsProfileToString(profile))
        {
            return profile;
        }
    }
    throw IpsecConfigError(field,
                           "'" + text + "' is not an OS profile (win2000, winxp, win2003, "
                                        "win2003sp2)");
}

std::ostream&
operator<<(std::ostream& os, IpsecOsProfile profile)
{
    return os << IpsecOsProfileToString(profile);
}

} // namespace ns3
