/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef IPSEC_OS_PROFILE_H
#define IPSEC_OS_PROFILE_H

#include "ipsec-boot-config.h"

#include "ns3/nstime.h"

#include <cstddef>
#include <cstdint>
#include <ostream>
#include <string>

namespace ns3
{

/**
 * \ingroup ipsec
 * \brief The Windows version whose IPsec defaults and limits a node follows.
 */
enum class IpsecOsProfile
{
    WIN2000,     //!< Windows 2000
    WINXP,       //!< Windows XP (RTM to SP2)
    WIN2003,     //!< Windows Server 2003 (RTM, SP1)
    WIN2003_SP2, //!< Windows Server 2003 SP2 with the Simple Policy Update (KB 914841)
};

/** Number of IpsecOsProfile values. */
constexpr size_t IPSEC_OS_PROFILE_COUNT = 4;

/**
 * \ingroup ipsec
 * \brief What an OS profile decides: defaults (a node may override some) and limits.
 */
struct IpsecOsProfileDefaults
{
    /** NoDefaultExempt value: 0 for Windows 2000 and XP, 3 for Server 2003. */
    int defaultExemptions{3};
    /**
     * The NoDefaultExempt values the version knows, bit N for value N: 0 and 1 for Windows 2000
     * and XP (value 1 came with the KB 254728 fix), 0-3 for Server 2003 (cc756041).
     */
    uint8_t knownExemptions{0x0f};
    /**
     * What a value the version does not know acts as. Unconfirmed (the sources are silent):
     * Windows 2000 and XP are given 1, as if the registry value were read as an on/off switch
     * for the Kerberos and RSVP exemptions (see windows-behaviour.md).
     */
    int unknownExemptionsAs{3};

    /**
     * \param mode a NoDefaultExempt value
     * \return true if the version knows it (so its behaviour under it is the version's own)
     */
    bool KnowsExemptions(int mode) const
    {
        return mode >= 0 && mode < 8 && ((knownExemptions >> mode) & 1) != 0;
    }

    /**
     * \param mode a NoDefaultExempt value, 0-3
     * \return the value the version acts on: \p mode if it knows it, else unknownExemptionsAs
     */
    int EffectiveExemptions(int mode) const
    {
        return KnowsExemptions(mode) ? mode : unknownExemptionsAs;
    }
    /**
     * How long IKE must stay silent before "fall back to clear" makes a soft SA: 3 s (cc730709),
     * 500 ms with the Simple Policy Update. Windows 2000 is given 3 s as well: it sends its
     * four ISAKMP tries within the same window in our model (its exact schedule is unconfirmed).
     */
    Time fallbackDelay;
    /** Fall back to clear after an authentication or policy mismatch too (Simple Policy Update). */
    bool fallbackAfterMismatch{false};
    /** Diffie-Hellman group 14 ("2048-bit", Server 2003 only). */
    bool dh2048Allowed{false};
    /** AES in IKE security methods (none of these versions offers it before Server 2003). */
    bool aesAllowedInIke{false};
    /** Dynamic filter addresses: DNS servers, WINS servers, DHCP server, default gateway. */
    bool dynamicAddressesAllowed{false};
    /** The driver filters traffic at start-up (Server 2003); older versions let it all flow. */
    bool bootFiltering{false};
    /**
     * NAT traversal in IKE (RFC 3947 / draft-02): Server 2003 and XP SP2 (the XP this profile
     * models for it); Windows 2000 has none (it sends no NAT-T vendor ID: plain IKE and ESP).
     */
    bool natTraversal{true};
    /** Start-up mode: stateful for Server 2003 with a policy assigned, else permit. */
    IpsecBootMode bootMode{IpsecBootMode::PERMIT};
};

/**
 * \param profile a profile
 * \return its defaults and limits
 */
IpsecOsProfileDefaults IpsecGetOsProfileDefaults(IpsecOsProfile profile);

/**
 * \param profile a profile
 * \return "win2000", "winxp", "win2003" or "win2003sp2"
 */
std::string IpsecOsProfileToString(IpsecOsProfile profile);

/**
 * \param text "win2000", "winxp", "win2003" or "win2003sp2", in any case
 * \param field the field name used in the error message
 * \return the profile
 * \throw IpsecConfigError naming \p field
 */
IpsecOsProfile IpsecParseOsProfile(const std::string& text, const std::string& field = "profile");

/**
 * \param os output stream
 * \param profile a profile
 * \return os
 */
std::ostream& operator<<(std::ostream& os, IpsecOsProfile profile);

} // namespace ns3

#endif /* IPSEC_OS_PROFILE_H */
