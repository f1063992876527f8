/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef KERBEROS_RC4_HMAC_H
#define KERBEROS_RC4_HMAC_H

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace ns3
{

/**
 * \ingroup ipsec
 * \brief The RC4-HMAC encryption type (etype 23, RFC 4757), Windows 2000's and Server 2003's
 * default, with Crypto++'s MD4, MD5 and ARC4.
 *
 * - key: MD4 of the password in UTF-16LE (the NT hash), 16 bytes;
 * - encryption: K1 = HMAC-MD5(key, T) with T the translated key usage as 4 bytes
 *   little-endian; checksum = HMAC-MD5(K1, confounder | plaintext); K3 = HMAC-MD5(K1,
 *   checksum); output = checksum | RC4(K3, confounder | plaintext), with an 8-byte random
 *   confounder. Nothing is padded: the output is 24 bytes longer than the plaintext;
 * - checksum (HMAC-MD5, cksumtype -138): HMAC-MD5(HMAC-MD5(key, "signaturekey\0"), MD5(T |
 *   data)).
 *
 * Key usage translation (RFC 4757 section 3): usages 3 and 9 become 8, 23 becomes 13; the
 * others stay.
 */
class KerberosRc4Hmac
{
  public:
    /** Encryption type number (RFC 4757). */
    static constexpr int32_t ETYPE = 23;
    /** Checksum type number of HMAC-MD5 (RFC 4757). */
    static constexpr int32_t CHECKSUM_TYPE = -138;
    /** Bytes of a key. */
    static constexpr size_t KEY_LENGTH = 16;
    /** Bytes of the confounder. */
    static constexpr size_t CONFOUNDER_LENGTH = 8;
    /** Bytes of the checksum in front of the ciphertext. */
    static constexpr size_t CHECKSUM_LENGTH = 16;

    /**
     * \param password a password in UTF-8 (invalid UTF-8 bytes are taken as Latin-1)
     * \return MD4(UTF-16LE(password))
     */
    static std::vector<uint8_t> StringToKey(const std::string& password);

    /**
     * \param usage an RFC 4120 key usage
     * \return the usage number RC4-HMAC mixes in (RFC 4757 section 3)
     */
    static uint32_t TranslateUsage(uint32_t usage);

    /**
     * \param key a 16-byte key
     * \param usage the RFC 4120 key usage (translated here)
     * \param plaintext the plaintext
     * \param confounder 8 random bytes
     * \return checksum | ciphertext
     */
    static std::vector<uint8_t> Encrypt(const std::vector<uint8_t>& key,
                                        uint32_t usage,
                                        const std::vector<uint8_t>& plaintext,
                                        const std::vector<uint8_t>& confounder);

    /**
     * \param key a 16-byte key
     * \param usage the RFC 4120 key usage
     * \param ciphertext any bytes
     * \param[out] plaintext receives the plaintext (cleared on failure)
     * \return false if it is shorter than checksum and confounder or the checksum is wrong
     */
    static bool Decrypt(const std::vector<uint8_t>& key,
                        uint32_t usage,
                        const std::vector<uint8_t>& ciphertext,
                        std::vector<uint8_t>& plaintext);

    /**
     * \param key a 16-byte key
     * \param usage the RFC 4120 key usage
     * \param data the data
     * \return the 16-byte HMAC-MD5 checksum
     */
    static std::vector<uint8_t> Checksum(const std::vector<uint8_t>& key,
                                         uint32_t usage,
                                         const std::vector<uint8_t>& data);
};

} // namespace ns3

#endif /* KERBEROS_RC4_HMAC_H */
