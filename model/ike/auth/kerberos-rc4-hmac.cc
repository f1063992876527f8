/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#define CRYPTOPP_ENABLE_NAMESPACE_WEAK 1

#include "kerberos-rc4-hmac.h"

#include <cryptopp/arc4.h>
#include <cryptopp/hmac.h>
#include <cryptopp/md4.h>
#include <cryptopp/md5.h>
#include <cryptopp/misc.h>

namespace ns3
{

namespace
{

/**
 * \param key the HMAC key
 * \param data the message
 * \return HMAC-MD5(key, data)
 */
std::vector<uint8_t>
HmacMd5(const std::vector<uint8_t>& key, const std::vector<uint8_t>& data)
{
    CryptoPP::HMAC<CryptoPP::Weak::MD5> mac(key.data(), key.size());
    std::vector<uint8_t> out(mac.DigestSize());
    mac.CalculateDigest(out.data(), data.data(), data.size());
    return out;
}

/** \return \p value as 4 bytes, least significant first */
std::vector<uint8_t>
LittleEndian32(uint32_t value)
{
    return {static_cast<uint8_t>(value),
            static_cast<uint8_t>(value >> 8),
            static_cast<uint8_t>(value >> 16),
            static_cast<uint8_t>(value >> 24)};
}

/**
 * \param text UTF-8 text (bytes that are not valid UTF-8 count as Latin-1 characters)
 * \return the text in UTF-16LE
 */
std::vector<uint8_t>
Utf16Le(const std::string& text)
{
    std::vector<uint8_t> out;
    auto put = [&out](uint32_t unit) {
        out.push_back(static_cast<uint8_t>(unit));
        out.push_back(static_cast<uint8_t>(unit >> 8));
    };
    size_t i = 0;
    while (i < text.size())
    {
        auto b = static_cast<uint8_t>(text[i]);
        size_t extra = 0;
        uint32_t code = b;
        if (b >= 0xc2 && b < 0xe0)
        {
            extra = 1;
            code = b & 0x1f;
        }
        else if (b >= 0xe0 && b < 0xf0)
        {
            extra = 2;
            code = b & 0x0f;
        }
        else if (b >= 0xf0 && b < 0xf5)
        {
            extra = 3;
            code = b & 0x07;
        }
        bool valid = extra > 0 && i + extra < text.size();
        for (size_t k = 1; valid && k <= extra; ++k)
        {
            auto c = static_cast<uint8_t>(text[i + k]);
            valid = (c & 0xc0) == 0x80;
            code = (code << 6) | (c & 0x3f);
        }
        valid = valid && code <= 0x10ffff && !(code >= 0xd800 && code < 0xe000);
        if (!valid)
        {
            put(b);
            ++i;
            continue;
        }
        i += extra + 1;
        if (code >= 0x10000)
        {
            code -= 0x10000;
            put(0xd800 | (code >> 10));
            put(0xdc00 | (code & 0x3ff));
        }
        else
        {
            put(code);
        }
    }
    return out;
}

} // namespace

std::vector<uint8_t>
KerberosRc4Hmac::StringToKey(const std::string& password)
{
    std::vector<uint8_t> unicode = Utf16Le(password);
    CryptoPP::Weak::MD4 md4;
    std::vector<uint8_t> key(md4.DigestSize());
    md4.CalculateDigest(key.data(), unicode.data(), unicode.size());
    return key;
}

uint32_t
KerberosRc4Hmac::TranslateUsage(uint32_t usage)
{
    switch (usage)
    {
    case 3:
    case 9:
        return 8;
    case 23:
        return 13;
    default:
        return usage;
    }
}

std::vector<uint8_t>
KerberosRc4Hmac::Encrypt(const std::vector<uint8_t>& key,
                         uint32_t usage,
                         const std::vector<uint8_t>& plaintext,
                         const std::vector<uint8_t>& confounder)
{
    std::vector<uint8_t> k1 = HmacMd5(key, LittleEndian32(TranslateUsage(usage)));
    std::vector<uint8_t> data(confounder.begin(), confounder.end());
    data.resize(CONFOUNDER_LENGTH, 0);
    data.insert(data.end(), plaintext.begin(), plaintext.end());
    std::vector<uint8_t> checksum = HmacMd5(k1, data);
    std::vector<uint8_t> k3 = HmacMd5(k1, checksum);
    CryptoPP::Weak::ARC4 rc4(k3.data(), k3.size());
    rc4.ProcessString(data.data(), data.size());
    checksum.insert(checksum.end(), data.begin(), data.end());
    return checksum;
}

bool
KerberosRc4Hmac::Decrypt(const std::vector<uint8_t>& key,
                         uint32_t usage,
                         const std::vector<uint8_t>& ciphertext,
                         std::vector<uint8_t>& plaintext)
{
    plaintext.clear();
    if (key.empty() || ciphertext.size() < CHECKSUM_LENGTH + CONFOUNDER_LENGTH)
    {
        return false;
    }
    std::vector<uint8_t> k1 = HmacMd5(key, LittleEndian32(TranslateUsage(usage)));
    std::vector<uint8_t> checksum(ciphertext.begin(), ciphertext.begin() + CHECKSUM_LENGTH);
    std::vector<uint8_t> k3 = HmacMd5(k1, checksum);
    std::vector<uint8_t> data(ciphertext.begin() + CHECKSUM_LENGTH, ciphertext.end());
    CryptoPP::Weak::ARC4 rc4(k3.data(), k3.size());
    rc4.ProcessString(data.data(), data.size());
    std::vector<uint8_t> expected = HmacMd5(k1, data);
    if (!CryptoPP::VerifyBufsEqual(expected.data(), checksum.data(), CHECKSUM_LENGTH))
    {
        return false;
    }
    plaintext.assign(data.begin() + CONFOUNDER_LENGTH, data.end());
    return true;
}

std::vector<uint8_t>
KerberosRc4Hmac::Checksum(const std::vector<uint8_t>& key,
                          uint32_t usage,
                          const std::vector<uint8_t>& data)
{
    static const std::string label("signaturekey");
    std::vector<uint8_t> signLabel(label.begin(), label.end());
    signLabel.push_back(0);
    std::vector<uint8_t> ksign = HmacMd5(key, signLabel);
    std::vector<uint8_t> input = LittleEndian32(TranslateUsage(usage));
    input.insert(input.end(), data.begin(), data.end());
    CryptoPP::Weak::MD5 md5;
    std::vector<uint8_t> digest(md5.DigestSize());
    md5.CalculateDigest(digest.data(), input.data(), input.size());
    return HmacMd5(ksign, digest);
}

} // namespace ns3
