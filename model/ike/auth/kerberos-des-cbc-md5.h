/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef KERBEROS_DES_CBC_MD5_H
#define KERBEROS_DES_CBC_MD5_H

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace ns3
{

/**
 * \ingroup ipsec
 * \brief The DES-CBC-MD5 encryption type (etype 3, RFC 3961 section 6.2.1), which Windows 2000
 * and Server 2003 also offer (for accounts set to "use DES encryption types"), with Crypto++'s
 * DES and MD5.
 *
 * - key: mit_des_string_to_key (RFC 3961 section 6.2): password | salt padded with zeros to
 *   8 bytes, fan-folded (the 7 low bits of each byte, every second block bit-reversed, all
 *   XORed), parity added, weak keys corrected; then the DES-CBC checksum of the padded string
 *   under that key (key and IV), corrected again;
 * - encryption: DES-CBC with a zero IV of confounder (8) | MD5 (16) | plaintext | zero
 *   padding to 8 bytes, the MD5 taken over the same with the MD5 field zero. Key usages are
 *   not used. The plaintext comes back with its padding (the ASN.1 inside says where it ends).
 */
class KerberosDesCbcMd5
{
  public:
    /** Encryption type number (RFC 3961). */
    static constexpr int32_t ETYPE = 3;
    /** Bytes of a key. */
    static constexpr size_t KEY_LENGTH = 8;
    /** Bytes of the confounder. */
    static constexpr size_t CONFOUNDER_LENGTH = 8;
    /** Bytes of the MD5 checksum. */
    static constexpr size_t CHECKSUM_LENGTH = 16;

    /**
     * \param password the password (bytes as given: RFC 3961 takes UTF-8)
     * \param salt the salt (for Windows: the realm and the principal's name components)
     * \return the 8-byte key
     */
    static std::vector<uint8_t> StringToKey(const std::string& password, const std::string& salt);

    /**
     * \param key 8 bytes
     * \return the key with odd parity in every byte
     */
    static std::vector<uint8_t> FixParity(std::vector<uint8_t> key);

    /**
     * \param key 8 bytes, parity set
     * \return true if it is one of the 4 weak or 12 semi-weak DES keys (FIPS 74)
     */
    static bool IsWeak(const std::vector<uint8_t>& key);

    /**
     * \param key an 8-byte key
     * \param plaintext the plaintext
     * \param confounder 8 random bytes
     * \return the ciphertext: plaintext length + 24, rounded up to 8
     */
    static std::vector<uint8_t> Encrypt(const std::vector<uint8_t>& key,
                                        const std::vector<uint8_t>& plaintext,
                                        const std::vector<uint8_t>& confounder);

    /**
     * \param key an 8-byte key
     * \param ciphertext any bytes
     * \param[out] plaintext receives the plaintext with its zero padding (cleared on failure)
     * \return false if the length is wrong or the MD5 does not match
     */
    static bool Decrypt(const std::vector<uint8_t>& key,
                        const std::vector<uint8_t>& ciphertext,
                        std::vector<uint8_t>& plaintext);
};

} // namespace ns3

#endif /* KERBEROS_DES_CBC_MD5_H */
