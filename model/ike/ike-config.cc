/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ike-config.h"

#include "ns3/ike-keys.h"
#include "ns3/ipsec-config-error.h"

#include <algorithm>
#include <cctype>

namespace ns3
{

namespace
{

std::string
Lower(std::string text)
{
    std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) {
        return static_cast<char>(std::tolower(c));
    });
    return text;
}

/**
 * Split on commas and trim blanks around each entry; entries keep their case, for messages.
 * An empty entry (a comma at the start, at the end or doubled) is an error.
 */
std::vector<std::string>
SplitList(const std::string& text, const std::string& field)
{
    std::vector<std::string> parts;
    size_t start = 0;
    while (true)
    {
        size_t comma = text.find(',', start);
        std::string part = text.substr(start, comma == std::string::npos ? comma : comma - start);
        part.erase(0, part.find_first_not_of(" \t"));
        part.erase(part.find_last_not_of(" \t") + 1);
        if (part.empty() && (comma != std::string::npos || !parts.empty()))
        {
            throw IpsecConfigError(field, "empty entry in '" + text + "'");
        }
        if (!part.empty())
        {
            parts.push_back(part);
        }
        if (comma == std::string::npos)
        {
            break;
        }
        start = comma + 1;
    }
    if (parts.empty())
    {
        throw IpsecConfigError(field, "no entries");
    }
    return parts;
}

/** Split an entry on dashes, keeping case; an empty part is an error naming the entry. */
std::vector<std::string>
SplitDash(const std::string& entry, const std::string& field)
{
    std::vector<std::string> parts;
    size_t start = 0;
    while (true)
    {
        size_t dash = entry.find('-', start);
        parts.push_back(entry.substr(start, dash == std::string::npos ? dash : dash - start));
        if (parts.back().empty())
        {
            throw IpsecConfigError(field,
                                   "'" + entry +
                                       "' has an empty part (a '-' at the start, at the end or "
                                       "doubled)");
        }
        if (dash == std::string::npos)
        {
            return parts;
        }
        start = dash + 1;
    }
}

/**
 * Throw if \p value equals one parsed before it: the same entry twice in a list, however
 * spelt, is a mistake. \p texts are the entries as written, in the order of \p values.
 */
template <typename T>
void
CheckNotListedTwice(const std::vector<T>& values,
                    const std::vector<std::string>& texts,
                    const T& value,
                    const std::string& text,
                    const std::string& field)
{
    auto same = std::find(values.begin(), values.end(), value);
    if (same != values.end())
    {
        const std::string& earlier = texts[same - values.begin()];
        throw IpsecConfigError(field,
                               "'" + text + "' listed twice" +
                                   (earlier == text ? "" : " (same as '" + earlier + "')"));
    }
}

IkeHashAlgorithm
ParseHash(const std::string& text)
{
    std::string lower = Lower(text);
    if (lower == "md5")
    {
        return IKE_HASH_MD5;
    }
    if (lower == "sha1" || lower == "sha")
    {
        return IKE_HASH_SHA;
    }
    if (lower == "sha256")
    {
        return IKE_HASH_SHA2_256;
    }
    throw IpsecConfigError("hash", "'" + text + "' (use md5, sha1 or sha256)");
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
    const std::string field = "mmsecmethods";
    std::vector<IkeMainModeMethod> methods;
    std::vector<std::string> entries = SplitList(text, field);
    for (const std::string& entry : entries)
    {
        std::vector<std::string> parts = SplitDash(entry, field);
        if (parts.size() != 3)
        {
            throw IpsecConfigError(field, "'" + entry + "' is not <cipher>-<hash>-<group>");
        }
        IkeMainModeMethod method;
        try
        {
            method.encryption = IpsecParseEncryption(parts[0]);
            if (!IkeIsPhase1Cipher(method.encryption))
            {
                throw IpsecConfigError("cipher",
                                       "'" + parts[0] +
                                           "' cannot protect IKE (use des, 3des, aes128, aes256)");
            }
            method.hash = ParseHash(parts[1]);
            method.group = IkeParseDhGroup(parts[2]);
        }
        catch (const IpsecConfigError& e)
        {
            throw IpsecConfigError(field, "'" + entry + "': " + e.what());
        }
        CheckNotListedTwice(methods, entries, method, entry, field);
        methods.push_back(method);
    }
    return methods;
}

std::vector<IkeQuickModeOffer>
IkeParseQuickModeOffers(const std::string& text)
{
    const std::string field = "qmsecmethods";
    std::vector<IkeQuickModeOffer> offers;
    std::vector<std::string> entries = SplitList(text, field);
    for (const std::string& entry : entries)
    {
        std::vector<std::string> parts = SplitDash(entry, field);
        IkeQuickModeOffer offer;
        try
        {
            if (parts.size() == 2 && Lower(parts[0]) == "ah")
            {
                offer.protocol = IpsecProtocol::AH;
                offer.encryption = IpsecEncryption::NULL_ENC;
                offer.integrity = IpsecParseIntegrity(parts[1]);
                if (offer.integrity == IpsecIntegrity::NONE)
                {
                    throw IpsecConfigError("integrity", "AH needs an integrity algorithm");
                }
            }
            else if ((parts.size() == 2 || parts.size() == 3) && Lower(parts[0]) == "esp")
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
            throw IpsecConfigError(field, "'" + entry + "': " + e.what());
        }
        CheckNotListedTwice(offers, entries, offer, entry, field);
        offers.push_back(offer);
    }
    return offers;
}

std::vector<IkeAuthKind>
IkeParseAuthMethods(const std::string& text)
{
    const std::string field = "authmethods";
    std::vector<IkeAuthKind> methods;
    std::vector<std::string> entries = SplitList(text, field);
    for (const std::string& entry : entries)
    {
        std::string lower = Lower(entry);
        IkeAuthKind kind;
        if (lower == "psk" || lower == "preshared")
        {
            kind = IkeAuthKind::PRESHARED_KEY;
        }
        else if (lower == "cert" || lower == "certificate")
        {
            kind = IkeAuthKind::CERTIFICATE;
        }
        else if (lower == "kerberos")
        {
            kind = IkeAuthKind::KERBEROS;
        }
        else
        {
            throw IpsecConfigError(field, "'" + entry + "' (use psk, cert or kerberos)");
        }
        CheckNotListedTwice(methods, entries, kind, entry, field);
        methods.push_back(kind);
    }
    return methods;
}

IkePfs
IkeParsePfs(const std::string& text)
{
    std::string lower = Lower(text);
    if (lower == "none")
    {
        return IkePfs::NONE;
    }
    if (lower == "session")
    {
        return IkePfs::SESSION;
    }
    if (lower == "master")
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
