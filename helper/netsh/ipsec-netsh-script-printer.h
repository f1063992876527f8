/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef IPSEC_NETSH_SCRIPT_PRINTER_H
#define IPSEC_NETSH_SCRIPT_PRINTER_H

#include <ostream>
#include <string>

namespace ns3
{

class IpsecNetshPolicyStore;
struct IpsecFilter;

/**
 * \ingroup ipsec
 * \brief Writes a netsh policy store back as a netsh script.
 *
 * Full command and tag names, every value the store holds written out (defaults included,
 * except the IKE values a script left unset, which stay unset), names and free text quoted:
 * running the script builds the same store, and printing that store gives the same text.
 */
class IpsecNetshScriptPrinter
{
  public:
    /**
     * \param store the store
     * \param os output stream
     */
    static void Print(const IpsecNetshPolicyStore& store, std::ostream& os);

    /**
     * \param filter a filter (its action is not printed)
     * \return its netsh tags: srcaddr=... dstaddr=... description=... protocol=... mirrored=...
     *         srcmask=... dstmask=... srcport=... dstport=...
     */
    static std::string FilterTags(const IpsecFilter& filter);

    /**
     * \param text a name or free text
     * \return it in double quotes
     */
    static std::string Quote(const std::string& text);
};

} // namespace ns3

#endif /* IPSEC_NETSH_SCRIPT_PRINTER_H */
