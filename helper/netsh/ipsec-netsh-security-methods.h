/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef IPSEC_NETSH_SECURITY_METHODS_H
#define IPSEC_NETSH_SECURITY_METHODS_H

#include <cstdint>
#include <optional>
#include <string>

namespace ns3
{

struct IkeQuickModeOffer;

/**
 * \ingroup ipsec
 * \brief The quick mode security methods of a filter action (`qmsecmethods`), read from
 *        netsh's ESP[ConfAlg,AuthAlg]:k/s and AH[HashAlg]:k/s forms.
 */
struct IpsecNetshQuickModeMethods
{
    std::string offers;               //!< the module's form: "esp-3des-sha1,ah-md5"
    std::optional<uint64_t> kilobytes; //!< lifetime in KB, when the methods give one
    std::optional<uint32_t> seconds;   //!< lifetime in seconds, when the methods give one
    std::string netsh;                //!< canonical netsh form, printed back

    /**
     * \param text netsh's form, methods separated by blanks
     * \return the methods
     * \throw IpsecConfigError with field qmsecmethods
     */
    static IpsecNetshQuickModeMethods Parse(const std::string& text);
};

/**
 * \ingroup ipsec
 * \brief netsh's main mode methods (`mmsecmethods`: ConfAlg-HashAlg-GroupNum separated by
 *        blanks, group 3 = DH2048) in the module's form ("3des-sha1-2048,...").
 * \param text netsh's form
 * \return the module's form, checked by IkeParseMainModeMethods
 * \throw IpsecConfigError with field mmsecmethods
 */
std::string IpsecNetshReadMainModeMethods(const std::string& text);

/**
 * \param methods the module's form of main mode methods
 * \return netsh's form: upper-case names, DH2048 as group 3
 */
std::string IpsecNetshMainModeText(const std::string& methods);

/**
 * \param offer a quick mode security method
 * \return netsh's form of it: ESP[ConfAlg,AuthAlg] or AH[HashAlg] (None for a null algorithm)
 */
std::string IpsecNetshQuickModeOfferText(const IkeQuickModeOffer& offer);

} // namespace ns3

#endif /* IPSEC_NETSH_SECURITY_METHODS_H */
