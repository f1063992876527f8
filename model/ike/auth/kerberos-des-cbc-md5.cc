/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#define CRYPTOPP_ENABLE_NAMESPACE_WEAK 1

#include "kerberos-des-cbc-md5.h"

#include <cryptopp/des.h>
#include <cryptopp/md5.h>
#include <cryptopp/misc.h>
#include <cryptopp/modes.h>

#include <array>

namespace ns3
{

namespace
{

/** The 4 weak and 12 semi-weak keys of DES (FIPS 74 section 3.6), parity set. */
const std::array<std::array<uint8_t, 8>, 16> WEAK_KEYS = {{
    {0x01, 0x01, 0x01, 0x01, 0x01, 0x01, 0x01, 0x01},
    {0xfe, 0xfe, 0xfe, 0xfe, 0xfe, 0xfe, 0xfe, 0xfe},
    {0x1f, 0x1f, 0x1f, 0x1f, 0x0e, 0x0e, 0x0e, 0x0e},
    {0xe0, 0xe0, 0xe0, 0xe0, 0xf1, 0xf1, 0xf1, 0xf1},
    {0x01, 0xfe, 0x01, 0xfe, 0x01, 0xfe, 0x01, 0xfe},
    {0xfe, 0x01, 0xfe, 0x01, 0xfe, 0x01, 0xfe, 0x01},
    {0x1f, 0xe0, 0x1f, 0xe0, 0x0e, 0xf1, 0x0e, 0xf1},
    {0xe0, 0x1f, 0xe0, 0x1f, 0xf1, 0x0e, 0xf1, 0x0e},
    {0x01, 0xe0, 0x01, 0xe0, 0x01, 0xf1, 0x01, 0xf1},
    {0xe0, 0x01, 0xe0, 0x01, 0xf1, 0x01, 0xf1, 0x01},
    {0x1f, 0xfe, 0x1f, 0xfe, 0x0e, 0xfe, 0x0e, 0xfe},
    {0xfe, 0x1f, 0xfe, 0x1f, 0xfe, 0x0e, 0xfe, 0x0e},
    {0x01, 0x1f, 0x01, 0x1f, 0x01, 0x0e, 0x01, 0x0e},
    {0x1f, 0x01, 0x1f, 0x01, 0x0e, 0x01, 0x0e, 0x01},
    {0xe0, 0xfe, 0xe0, 0xfe, 0xf1, 0xfe, 0xf1, 0xfe},
    {0xfe, 0xe0, 0xfe, 0xe0, 0xfe, 0xf1, 0xfe, 0xf1},
}};

/** \return \p key with parity fixed and, if weak, its last byte XORed with 0xf0 */
std::vector<uint8_t>
KeyCorrection(std::vector<uint8_t> key)
{
    key = KerberosDesCbcMd5::FixParity(key);
    if (KerberosDesCbcMd5::IsWeak(key))
    {
        key[7] ^= 0xf0;
    }
    return key;
}

/** \return the 7-bit value \p v with its bits in reverse order */
uint8_t
Reverse7(uint8_t v)
{
    uint8_t r = 0;
    for (int i = 0; i < 7; ++i)
    {
        r = static_cast<uint8_t>((r << 1) | ((v >> i) & 1));
    }
    return r;
}

/** \return MD5 of \p data */
std::vector<uint8_t>
Md5(const std::vector<uint8_t>& data)
{
    CryptoPP::Weak::MD5 md5;
    std::vector<uint8_t> out(md5.DigestSize());
    md5.CalculateDigest(out.data(), data.data(), data.size());
    return out;
}

} // namespace

std::vector<uint8_t>
KerberosDesCbcMd5::FixParity(std::vector<uint8_t> key)
{
    for (uint8_t& b : key)
    {
        uint8_t high = b & 0xfe;
        int ones = 0;
        for (int i = 1; i < 8; ++i)
        {
            ones += (high >> i) & 1;
        }
        b = static_cast<uint8_t>(high | (ones % 2 == 0 ? 1 : 0));
    }
    return key;
}

bool
KerberosDesCbcMd5::IsWeak(const std::vector<uint8_t>& key)
{
    for (const auto& weak : WEAK_KEYS)
    {
        if (key.size() == 8 && std::equal(weak.begin(), weak.end(), key.begin()))
        {
            return true;
        }
    }
    return false;
}

std::vector<uint8_t>
KerberosDesCbcMd5::StringToKey(const std::string& password, const std::string& salt)
{
    std::vector<uint8_t> s(password.begin(), password.end());
    s.insert(s.end(), salt.begin(), salt.end());
    s.resize((s.size() + 7) / 8 * 8, 0);
    if (s.empty())
    {
        s.resize(8, 0);
    }
    // The 56-bit string as 8 groups of 7 bits; a reversed block's group i is the bit-reversed
    // group 7 - i of the block.
    std::array<uint8_t, 8> groups{};
    bool odd = true;
    for (size_t block = 0; block < s.size(); block += 8)
    {
        for (size_t i = 0; i < 8; ++i)
        {
            uint8_t group = odd ? (s[block + i] & 0x7f) : Reverse7(s[block + 7 - i] & 0x7f);
            groups[i] ^= group;
        }
        odd = !odd;
    }
    std::vector<uint8_t> tempKey(8);
    for (size_t i = 0; i < 8; ++i)
    {
        tempKey[i] = static_cast<uint8_t>(groups[i] << 1);
    }
    tempKey = KeyCorrection(tempKey);
    // DES-CBC checksum: the last block of the encryption of s, the key also being the IV.
    CryptoPP::CBC_Mode<CryptoPP::DES>::Encryption cbc;
    cbc.SetKeyWithIV(tempKey.data(), tempKey.size(), tempKey.data());
    std::vector<uint8_t> out(s.size());
    cbc.ProcessData(out.data(), s.data(), s.size());
    return KeyCorrection(std::vector<uint8_t>(out.end() - 8, out.end()));
}

std::vector<uint8_t>
KerberosDesCbcMd5::Encrypt(const std::vector<uint8_t>& key,
                           const std::vector<uint8_t>& plaintext,
                           const std::vector<uint8_t>& confounder)
{
    std::vector<uint8_t> data(confounder.begin(), confounder.end());
    data.resize(CONFOUNDER_LENGTH, 0);
    data.resize(CONFOUNDER_LENGTH + CHECKSUM_LENGTH, 0);
    data.insert(data.end(), plaintext.begin(), plaintext.end());
    data.resize((data.size() + 7) / 8 * 8, 0);
    std::vector<uint8_t> checksum = Md5(data);
    std::copy(checksum.begin(), checksum.end(), data.begin() + CONFOUNDER_LENGTH);
    const uint8_t iv[8] = {};
    CryptoPP::CBC_Mode<CryptoPP::DES>::Encryption cbc;
    cbc.SetKeyWithIV(key.data(), key.size(), iv);
    cbc.ProcessData(data.data(), data.data(), data.size());
    return data;
}

bool
KerberosDesCbcMd5::Decrypt(const std::vector<uint8_t>& key,
                           const std::vector<uint8_t>& ciphertext,
                           std::vector<uint8_t>& plaintext)
{
    plaintext.clear();
    if (key.size() != KEY_LENGTH || ciphertext.size() < CONFOUNDER_LENGTH + CHECKSUM_LENGTH ||
        ciphertext.size() % 8 != 0)
    {
        return false;
    }
    std::vector<uint8_t> data(ciphertext.size());
    const uint8_t iv[8] = {};
    CryptoPP::CBC_Mode<CryptoPP::DES>::Decryption cbc;
    cbc.SetKeyWithIV(key.data(), key.size(), iv);
    cbc.ProcessData(data.data(), ciphertext.data(), ciphertext.size());
    std::vector<uint8_t> checksum(data.begin() + CONFOUNDER_LENGTH,
                                  data.begin() + CONFOUNDER_LENGTH + CHECKSUM_LENGTH);
    std::fill(data.begin() + CONFOUNDER_LENGTH,
              data.begin() + CONFOUNDER_LENGTH + CHECKSUM_LENGTH,
              0);
    std::vector<uint8_t> expected = Md5(data);
    if (!CryptoPP::VerifyBufsEqual(expected.data(), checksum.data(), CHECKSUM_LENGTH))
    {
        return false;
    }
    plaintext.assign(data.begin() + CONFOUNDER_LENGTH + CHECKSUM_LENGTH, data.end());
    return true;
}

} // namespace ns3
