/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ike-config.h"

#include "ns3/ike-keys.h"
#include "ns3/ipsec-config-error.h"

#include <algorithm>
#include <cctype>
#include <sstream>

namespace ns3
{

namespace
{

/** Split on commas, trim spaces, drop nothing: an empty entry is an error for the caller. */
std::vector<std::string>
SplitList(const std::string& text, const std::string& field)
{
    std::vector<std::string> parts;
    std::string part;
    std::istringstream in(text);
    while (std::getline(in, part, ','))
    {
        part.erase(0, part.find_first_not_of(" \t"));
        part.erase(part.find_last_not_of(" \t") + 1);
        std::transform(part.begin(), part.end(), part.begin(), [](unsigned char c) {
            return static_cast<char>(std::tolower(c));
        });
        if (part.empty())
        {
            throw IpsecConfigError(field, "empty entry in '" + text + "'");
        }
        parts.push_back(part);
    }
    if (parts.empty())
    {
        throw IpsecConfigError(field, "no entries");
    }
    return parts;
}

std::vector<std::string>
SplitDash(const std::string& entry)
{
    std::vector<std::string> parts;
    std::string part;
    std::istringstream in(entry);
    while (std::getline(in, part, '-'))
    {
        parts.push_back(part);
    }
    return parts;
}

IkeHashAlgorithm
ParseHash(const std::string& text, const std::string& entry)
{
    if (text == "md5")
    {
        return IKE_HASH_MD5;
    }
    if (text == "sha1" || text == "sha")
    {
        return IKE_HASH_SHA;
    }
    if (text == "sha256")
    {
        return IKE_HASH_SHA2_256;
    }
    throw IpsecConfigError("hash",
                           "'" + text + "' in '" + entry + "' (use md5, sha1 or sha256)");
}

} // namespace

std::string
IkeHashName(IkeHashAlgorithm hash)
{
    switch (hash)
    {
    case IKE_HASH_MD5:
        return "md5";
    case IKE_HASH_SHA:
        return "sha1";
    case IKE_HASH_SHA2_256:
        return "sha256";
    }
    return "hash(" + std::to_string(static_cast<uint16_t>(hash)) + ")";
}

std::string
IkeDhGroupName(IkeDhGroup group)
{
    return group == IkeDhGroup::MODP_2048 ? "2048"
                                          : std::to_string(static_cast<uint16_t>(group));
}

IkeDhGroup
IkeParseDhGroup(const std::string& text)
{
    if (text == "1")
    {
        return IkeDhGroup::MODP_768;
    }
    if (text == "2")
    {
        return IkeDhGroup::MODP_1024;
    }
    if (text == "2048" || text == "14")
    {
        return IkeDhGroup::MODP_2048;
    }
    throw IpsecConfigError("dh", "'" + text + "' (use 1, 2 or 2048)");
}

std::string
IkeMainModeMethod::ToString() const
{
    return std::string(IpsecGetEncryptionInfo(encryption).name) + "-" + IkeHashName(hash) + "-" +
           IkeDhGroupName(group);
}

bool
IkeMainModeMethod::operator==(const IkeMainModeMethod& other) const
{
    return encryption == other.encryption && hash == other.hash && group == other.group;
}

std::string
IkeQuickModeOffer::ToString() const
{
    std::string integrityName = IpsecGetIntegrityInfo(integrity).name;
    if (protocol == IpsecProtocol::AH)
    {
        return "ah-" + integrityName;
    }
    std::string text = std::string("esp-") + IpsecGetEncryptionInfo(encryption).name;
    if (!IpsecGetEncryptionInfo(encryption).aead)
    {
        text += "-" + integrityName;
    }
    return text;
}

bool
IkeQuickModeOffer::operator==(const IkeQuickModeOffer& other) const
{
    return protocol == other.protocol && integrity == other.integrity &&
           (protocol == IpsecProtocol::AH || encryption == other.encryption);
}

std::vector<IkeMainModeMethod>
IkeParseMainModeMethods(const std::string& text)
{
    std::vector<IkeMainModeMethod> methods;
    for (const std::string& entry : SplitList(text, "mmsecmethods"))
    {
        std::vector<std::string> parts = SplitDash(entry);
        if (parts.size() != 3)
        {
            throw IpsecConfigError("mmsecmethods",
                                   "'" + entry + "' is not <cipher>-<hash>-<group>");
        }
        IkeMainModeMethod method;
        try
        {
            method.encryption = IpsecParseEncryption(parts[0]);
        }
        catch (const IpsecConfigError& e)
        {
            throw IpsecConfigError("mmsecmethods", "'" + entry + "': " + e.what());
        }
        if (!IkeIsPhase1Cipher(method.encryption))
        {
            throw IpsecConfigError("mmsecmethods",
                                   "'" + entry + "': " + parts[0] +
                                       " cannot protect IKE (use des, 3des, aes128, aes256)");
        }
        method.hash = ParseHash(parts[1], entry);
        method.group = IkeParseDhGroup(parts[2]);
        methods.push_back(method);
    }
    return methods;
}

std::vector<IkeQuickModeOffer>
IkeParseQuickModeOffers(const std::string& text)
{
    std::vector<IkeQuickModeOffer> offers;
    for (const std::string& entry : SplitList(text, "qmsecmethods"))
    {
        std::vector<std::string> parts = SplitDash(entry);
        IkeQuickModeOffer offer;
        try
        {
            if (parts.size() == 2 && parts[0] == "ah")
            {
                offer.protocol = IpsecProtocol::AH;
                offer.encryption = IpsecEncryption::NULL_ENC;
                offer.integrity = IpsecParseIntegrity(parts[1]);
                if (offer.integrity == IpsecIntegrity::NONE)
                {
                    throw IpsecConfigError("integrity", "AH needs an integrity algorithm");
                }
            }
            else if ((parts.size() == 2 || parts.size() == 3) && parts[0] == "esp")
            {
                offer.protocol = IpsecProtocol::ESP;
                offer.encryption = IpsecParseEncryption(parts[1]);
                bool aead = IpsecGetEncryptionInfo(offer.encryption).aead;
                offer.integrity =
                    parts.size() == 3 ? IpsecParseIntegrity(parts[2]) : IpsecIntegrity::NONE;
                if (aead && offer.integrity != IpsecIntegrity::NONE)
                {
                    throw IpsecConfigError("integrity", "GCM takes no separate integrity");
                }
                if (!aead && parts.size() != 3)
                {
                    throw IpsecConfigError("integrity", "missing (use none to send none)");
                }
                if (offer.encryption == IpsecEncryption::NULL_ENC &&
                    offer.integrity == IpsecIntegrity::NONE)
                {
                    throw IpsecConfigError("integrity", "ESP with neither cipher nor integrity");
                }
            }
            else
            {
                throw IpsecConfigError("format",
                                       "not esp-<cipher>-<integrity>, esp-<gcm> or ah-<integrity>");
            }
        }
        catch (const IpsecConfigError& e)
        {
            throw IpsecConfigError("qmsecmethods", "'" + entry + "': " + e.what());
        }
        offers.push_back(offer);
    }
    return offers;
}

std::vector<IkeAuthKind>
IkeParseAuthMethods(const std::string& text)
{
    std::vector<IkeAuthKind> methods;
    for (const std::string& entry : SplitList(text, "authmethods"))
    {
        IkeAuthKind kind;
        if (entry == "psk" || entry == "preshared")
        {
            kind = IkeAuthKind::PRESHARED_KEY;
        }
        else if (entry == "cert" || entry == "certificate")
        {
            kind = IkeAuthKind::CERTIFICATE;
        }
        else if (entry == "kerberos")
        {
            kind = IkeAuthKind::KERBEROS;
        }
        else
        {
            throw IpsecConfigError("authmethods",
                                   "'" + entry + "' (use psk, cert or kerberos)");
        }
        if (std::find(methods.begin(), methods.end(), kind) != methods.end())
        {
            throw IpsecConfigError("authmethods", "'" + entry + "' listed twice");
        }
        methods.push_back(kind);
    }
    return methods;
}

IkePfs
IkeParsePfs(const std::string& text)
{
    if (text == "none")
    {
        return IkePfs::NONE;
    }
    if (text == "session")
    {
        return IkePfs::SESSION;
    }
    if (text == "master")
    {
        return IkePfs::MASTER;
    }
    throw IpsecConfigError("pfs", "'" + text + "' (use none, session or master)");
}

std::string
IkeAuthKindToString(IkeAuthKind kind)
{
    switch (kind)
    {
    case IkeAuthKind::PRESHARED_KEY:
        return "psk";
    case IkeAuthKind::CERTIFICATE:
        return "cert";
    case IkeAuthKind::KERBEROS:
        return "kerberos";
    }
    return "?";
}

uint16_t
IkeAuthKindToAttribute(IkeAuthKind kind)
{
    switch (kind)
    {
    case IkeAuthKind::PRESHARED_KEY:
        return IKE_AUTH_PRE_SHARED_KEY;
    case IkeAuthKind::CERTIFICATE:
        return IKE_AUTH_RSA_SIGNATURES;
    case IkeAuthKind::KERBEROS:
        return IKE_AUTH_GSSAPI_KERBEROS;
    }
    return 0;
}

std::string
IkePfsToString(IkePfs pfs)
{
    switch (pfs)
    {
    case IkePfs::NONE:
        return "none";
    case IkePfs::SESSION:
        return "session";
    case IkePfs::MASTER:
        return "master";
    }
    return "?";
}

std::ostream&
operator<<(std::ostream& os, const IkeMainModeMethod& method)
{
    return os << method.ToString();
}

std::ostream&
operator<<(std::ostream& os, const IkeQuickModeOffer& offer)
{
    return os << offer.ToString();
}

} // namespace ns3
