/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "kerberos-crypto.h"

#include "kerberos-des-cbc-md5.h"
#include "kerberos-rc4-hmac.h"

#include <cryptopp/cryptlib.h>

namespace ns3
{

bool
KerberosCrypto::IsSupported(int32_t etype)
{
    return etype == KerberosRc4Hmac::ETYPE || etype == KerberosDesCbcMd5::ETYPE;
}

size_t
KerberosCrypto::KeyLength(KerberosEtype etype)
{
    return etype == KerberosEtype::RC4_HMAC ? KerberosRc4Hmac::KEY_LENGTH
                                            : KerberosDesCbcMd5::KEY_LENGTH;
}

std::vector<uint8_t>
KerberosCrypto::StringToKey(KerberosEtype etype,
                            const std::string& password,
                            const std::string& salt)
{
    if (etype == KerberosEtype::RC4_HMAC)
    {
        return KerberosRc4Hmac::StringToKey(password);
    }
    return KerberosDesCbcMd5::StringToKey(password, salt);
}

std::vector<uint8_t>
KerberosCrypto::RandomKey(KerberosEtype etype, CryptoPP::RandomNumberGenerator& rng)
{
    std::vector<uint8_t> key(KeyLength(etype));
    rng.GenerateBlock(key.data(), key.size());
    if (etype == KerberosEtype::DES_CBC_MD5)
    {
        key = KerberosDesCbcMd5::FixParity(key);
        if (KerberosDesCbcMd5::IsWeak(key))
        {
            key[7] ^= 0xf0;
        }
    }
    return key;
}

std::vector<uint8_t>
KerberosCrypto::Encrypt(KerberosEtype etype,
                        const std::vector<uint8_t>& key,
                        KerberosKeyUsage usage,
                        const std::vector<uint8_t>& plaintext,
                        CryptoPP::RandomNumberGenerator& rng)
{
    std::vector<uint8_t> confounder(8);
    rng.GenerateBlock(confounder.data(), confounder.size());
    if (etype == KerberosEtype::RC4_HMAC)
    {
        return KerberosRc4Hmac::Encrypt(key, static_cast<uint32_t>(usage), plaintext, confounder);
    }
    return KerberosDesCbcMd5::Encrypt(key, plaintext, confounder);
}

bool
KerberosCrypto::Decrypt(KerberosEtype etype,
                        const std::vector<uint8_t>& key,
                        KerberosKeyUsage usage,
                        const std::vector<uint8_t>& ciphertext,
                        std::vector<uint8_t>& plaintext)
{
    plaintext.clear();
    if (key.size() != KeyLength(etype))
    {
        return false;
    }
    if (etype == KerberosEtype::RC4_HMAC)
    {
        return KerberosRc4Hmac::Decrypt(key, static_cast<uint32_t>(usage), ciphertext, plaintext);
    }
    return KerberosDesCbcMd5::Decrypt(key, ciphertext, plaintext);
}

} // namespace ns3
