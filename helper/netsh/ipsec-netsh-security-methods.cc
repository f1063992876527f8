/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ipsec-netsh-security-methods.h"

#include "ipsec-netsh-command-reader.h"

#include "ns3/ike-config.h"
#include "ns3/ipsec-config-error.h"

#include <algorithm>
#include <cctype>
#include <sstream>
#include <vector>

namespace ns3
{

namespace
{

std::string
Upper(const std::string& text)
{
    std::string upper = text;
    std::transform(upper.begin(), upper.end(), upper.begin(), [](unsigned char c) {
        return static_cast<char>(std::toupper(c));
    });
    return upper;
}

} // namespace

std::string
IpsecNetshReadMainModeMethods(const std::string& value)
{
    std::vector<std::string> entries = IpsecNetshSplitBlanks(value);
    if (entries.empty())
    {
        throw IpsecConfigError("mmsecmethods",
                               "empty (give at least one ConfAlg-HashAlg-GroupNum)");
    }
    std::string text;
    for (const auto& entry : entries)
    {
        std::string lower = IpsecNetshLower(entry);
        size_t dash = lower.rfind('-');
        if (dash != std::string::npos && lower.substr(dash + 1) == "3")
        {
            lower = lower.substr(0, dash + 1) + "2048"; // netsh's group 3 is DH2048
        }
        text += (text.empty() ? "" : ",") + lower;
    }
    IkeParseMainModeMethods(text); // the module's own checks, field mmsecmethods
    return text;
}

std::string
IpsecNetshMainModeText(const std::string& methods)
{
    std::string text;
    for (const auto& method : IkeParseMainModeMethods(methods))
    {
        std::string entry = IpsecGetEncryptionInfo(method.encryption).name + std::string("-") +
                            IkeHashName(method.hash) + "-" +
                            (method.group == IkeDhGroup::MODP_2048
                                 ? std::string("3")
                                 : IkeDhGroupName(method.group));
        text += (text.empty() ? "" : " ") + Upper(entry);
    }
    return text;
}

IpsecNetshQuickModeMethods
IpsecNetshQuickModeMethods::Parse(const std::string& text)
{
    const std::string field = "qmsecmethods";
    IpsecNetshQuickModeMethods methods;
    std::vector<std::string> entries = IpsecNetshSplitBlanks(text);
    if (entries.empty())
    {
        throw IpsecConfigError(field, "empty (give at least one ESP[..] or AH[..] method)");
    }
    bool first = true;
    for (const auto& entry : entries)
    {
        std::string upper = Upper(entry);
        size_t colon = upper.find(':');
        std::string method = upper.substr(0, colon);
        std::optional<uint64_t> kb;
        std::optional<uint32_t> seconds;
        if (colon != std::string::npos)
        {
            // k/s, k or s: lifetime in kilobytes and/or seconds.
            std::string life = upper.substr(colon + 1);
            size_t slash = life.find('/');
            std::vector<std::string> parts{life.substr(0, slash)};
            if (slash != std::string::npos)
            {
                parts.push_back(life.substr(slash + 1));
            }
            for (const auto& part : parts)
            {
                std::string number = part.empty() ? "" : part.substr(0, part.size() - 1);
                char unit = part.empty() ? '?' : part.back();
                if (!IpsecNetshAllDigits(number) || (unit != 'K' && unit != 'S') ||
                    (unit == 'K' && kb) || (unit == 'S' && seconds))
                {
                    throw IpsecConfigError(field,
                                           "'" + entry +
                                               "': the lifetime is not <kilobytes>k/<seconds>s");
                }
                if (unit == 'K')
                {
                    kb = std::stoull(number);
                }
                else
                {
                    uint64_t value = std::stoull(number);
                    if (value < 1 || value > UINT32_MAX)
                    {
                        throw IpsecConfigError(field,
                                               "'" + entry + "': the lifetime in seconds must be "
                                               "1 to 4294967295");
                    }
                    seconds = static_cast<uint32_t>(value);
                }
            }
        }
        std::string offer;
        if (method.find('+') != std::string::npos)
        {
            throw IpsecConfigError(field,
                                   "'" + entry +
                                       "': not modelled: AH and ESP together in one method "
                                       "(the module negotiates one protocol per SA)");
        }
        size_t open = method.find('[');
        if (open == std::string::npos || method.back() != ']')
        {
            throw IpsecConfigError(field,
                                   "'" + entry + "' is not ESP[ConfAlg,AuthAlg] or AH[HashAlg]");
        }
        std::string protocol = method.substr(0, open);
        std::string inside = method.substr(open + 1, method.size() - open - 2);
        auto lowerAlg = [](const std::string& alg) {
            std::string l = IpsecNetshLower(alg);
            return l;
        };
        if (protocol == "ESP")
        {
            size_t comma = inside.find(',');
            if (comma == std::string::npos)
            {
                throw IpsecConfigError(field, "'" + entry + "': ESP needs [ConfAlg,AuthAlg]");
            }
            std::string conf = lowerAlg(inside.substr(0, comma));
            std::string auth = lowerAlg(inside.substr(comma + 1));
            offer = "esp-" + (conf == "none" ? std::string("null") : conf) + "-" + auth;
        }
        else if (protocol == "AH")
        {
            offer = "ah-" + lowerAlg(inside);
        }
        else
        {
            throw IpsecConfigError(field,
                                   "'" + entry + "' is not ESP[ConfAlg,AuthAlg] or AH[HashAlg]");
        }
        // One node-wide quick mode lifetime in the module: every method must give the same.
        if (!first && (kb != methods.kilobytes || seconds != methods.seconds))
        {
            throw IpsecConfigError(field,
                                   "'" + entry +
                                       "': not modelled: methods with different lifetimes (the "
                                       "module has one quick mode lifetime per node)");
        }
        methods.kilobytes = kb;
        methods.seconds = seconds;
        methods.offers += (first ? "" : ",") + offer;
        first = false;
    }
    auto offers = IkeParseQuickModeOffers(methods.offers); // the module's own checks
    std::string life;
    if (methods.kilobytes || methods.seconds)
    {
        life = ":";
        if (methods.kilobytes)
        {
            life += std::to_string(*methods.kilobytes) + "k";
        }
        if (methods.seconds)
        {
            life += (methods.kilobytes ? "/" : "") + std::to_string(*methods.seconds) + "s";
        }
    }
    for (const auto& offer : offers)
    {
        std::string alg = IpsecNetshQuickModeOfferText(offer);
        methods.netsh += (methods.netsh.empty() ? "" : " ") + alg + life;
    }
    return methods;
}

std::string
IpsecNetshQuickModeOfferText(const IkeQuickModeOffer& offer)
{
    if (offer.protocol == IpsecProtocol::AH)
    {
        return "AH[" + Upper(IpsecGetIntegrityInfo(offer.integrity).name) + "]";
    }
    std::string conf = Upper(IpsecGetEncryptionInfo(offer.encryption).name);
    return "ESP[" + (conf == "NULL" ? std::string("None") : conf) + "," +
           (offer.integrity == IpsecIntegrity::NONE
                ? std::string("None")
                : Upper(IpsecGetIntegrityInfo(offer.integrity).name)) +
           "]";
}

} // namespace ns3
