/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef KERBEROS_CRYPTO_H
#define KERBEROS_CRYPTO_H

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

// The encryption types this model's Kerberos speaks, by their RFC 3961 numbers: one entry point
// for the messages (kerberos-messages.h), the KDC and the clients.

namespace CryptoPP
{
class RandomNumberGenerator;
} // namespace CryptoPP

namespace ns3
{

/** \ingroup ipsec \brief Encryption types (RFC 3961 / 4757 numbers). */
enum class KerberosEtype : int32_t
{
    DES_CBC_MD5 = 3, //!< RFC 3961 6.2.1 (kerberos-des-cbc-md5.h)
    RC4_HMAC = 23,   //!< RFC 4757, Windows 2000 / Server 2003 default (kerberos-rc4-hmac.h)
};

/**
 * \ingroup ipsec
 * \brief Key usage numbers of RFC 4120 section 7.5.1 that this model uses.
 */
enum class KerberosKeyUsage : uint32_t
{
    PA_ENC_TIMESTAMP = 1,        //!< AS-REQ PA-ENC-TIMESTAMP, client key
    TICKET = 2,                  //!< EncTicketPart, service key
    AS_REP_ENC_PART = 3,         //!< AS-REP EncASRepPart, client key
    TGS_REQ_AUTHENTICATOR = 7,   //!< PA-TGS-REQ Authenticator, TGS session key
    TGS_REP_ENC_PART = 8,        //!< TGS-REP EncTGSRepPart, TGS session key
    AP_REQ_AUTHENTICATOR = 11,   //!< AP-REQ Authenticator, session key
    AP_REP_ENC_PART = 12,        //!< AP-REP EncAPRepPart, session key
};

/**
 * \ingroup ipsec
 * \brief Dispatch to the encryption type of a key: string-to-key, random keys, encryption.
 */
class KerberosCrypto
{
  public:
    /**
     * \param etype a number as received
     * \return true if it is one this model implements
     */
    static bool IsSupported(int32_t etype);

    /**
     * \param etype the encryption type
     * \return bytes of its keys (16 for RC4-HMAC, 8 for DES-CBC-MD5)
     */
    static size_t KeyLength(KerberosEtype etype);

    /**
     * \param etype the encryption type
     * \param password the password (UTF-8)
     * \param salt the salt (DES-CBC-MD5 only; RC4-HMAC has none)
     * \return the long-term key
     */
    static std::vector<uint8_t> StringToKey(KerberosEtype etype,
                                            const std::string& password,
                                            const std::string& salt);

    /**
     * \param etype the encryption type
     * \param rng the source
     * \return a fresh session key (DES: parity set, weak keys avoided)
     */
    static std::vector<uint8_t> RandomKey(KerberosEtype etype,
                                          CryptoPP::RandomNumberGenerator& rng);

    /**
     * \param etype the encryption type
     * \param key a key of that type
     * \param usage the key usage
     * \param plaintext the plaintext
     * \param rng source of the confounder
     * \return the ciphertext (EncryptedData.cipher)
     */
    static std::vector<uint8_t> Encrypt(KerberosEtype etype,
                                        const std::vector<uint8_t>& key,
                                        KerberosKeyUsage usage,
                                        const std::vector<uint8_t>& plaintext,
                                        CryptoPP::RandomNumberGenerator& rng);

    /**
     * \param etype the encryption type
     * \param key a key of that type (a key of the wrong length fails)
     * \param usage the key usage
     * \param ciphertext any bytes
     * \param[out] plaintext the plaintext; DES-CBC-MD5 leaves up to 7 zero bytes of padding
     * \return false if the integrity check fails
     */
    static bool Decrypt(KerberosEtype etype,
                        const std::vector<uint8_t>& key,
                        KerberosKeyUsage usage,
                        const std::vector<uint8_t>& ciphertext,
                        std::vector<uint8_t>& plaintext);
};

} // namespace ns3

#endif /* KERBEROS_CRYPTO_H */
