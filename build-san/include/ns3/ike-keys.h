/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef IKE_KEYS_H
#define IKE_KEYS_H

#include "ns3/ipsec-algorithms.h"
#include "ns3/isakmp-payloads.h"

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

// IKEv1 key derivation, authentication hashes and message encryption (RFC 2409 5, 5.5 and
// appendix B), for the negotiated hash: MD5, SHA-1 or SHA2-256. The prf is HMAC of that hash,
// as RFC 2409 specifies when no prf is negotiated (this model negotiates none). Its output is
// used at full length throughout.
//
// Byte strings are taken exactly as RFC 2409 concatenates them: g^xy and KE data are as long
// as the prime; cookies (CKY-I, CKY-R), message IDs (M-ID) and SPIs are written big-endian, as
// on the wire; "_b" bodies (Ni_b, SAi_b, IDii_b...) are payload bodies without their generic
// header.

namespace CryptoPP
{
class MessageAuthenticationCode;
class HashTransformation;
} // namespace CryptoPP

namespace ns3
{

/**
 * \param value a hash algorithm attribute value (RFC 2409 A)
 * \return true if this model implements it (IKE_HASH_MD5, IKE_HASH_SHA, IKE_HASH_SHA2_256);
 *         the functions below abort on any other value, so check received values first
 */
bool IkeIsSupportedHash(uint16_t value);

/**
 * \param hash a supported hash
 * \return bytes of its output: 16, 20 or 32 (also the length of every prf output)
 */
uint32_t IkeGetHashLength(IkeHashAlgorithm hash);

/**
 * \brief The plain hash of some bytes (RFC 2409 uses it, not the prf, for IVs).
 * \param hash a supported hash
 * \param data the bytes
 * \return the digest
 */
std::vector<uint8_t> IkeHash(IkeHashAlgorithm hash, const std::vector<uint8_t>& data);

/**
 * \ingroup ipsec
 * \brief The keyed prf of RFC 2409: HMAC of the negotiated hash, untruncated.
 *
 * The message is given in pieces, as RFC 2409 writes its inputs as concatenations. The ESP/AH
 * IpsecAuthenticator cannot serve here: it truncates to the ICV length.
 */
class IkePrf
{
  public:
    /**
     * \param hash a supported hash
     * \param key the key, of any length
     */
    IkePrf(IkeHashAlgorithm hash, const std::vector<uint8_t>& key);
    /** Defined where the Crypto++ HMAC type is complete. */
    ~IkePrf();
    /** Not copyable: it owns a keyed HMAC state. */
    IkePrf(const IkePrf&) = delete;
    /**
     * Not copyable: it owns a keyed HMAC state.
     * eturn this prf
     */
    IkePrf& operator=(const IkePrf&) = delete;

    /**
     * \param data bytes to append to the message
     * \param size their count
     * \return this prf
     */
    IkePrf& Update(const uint8_t* data, size_t size);
    /**
     * \param data bytes to append to the message
     * \return this prf
     */
    IkePrf& Update(const std::vector<uint8_t>& data);
    /**
     * \param value one byte to append (the 0, 1, 2 of SKEYID_d/a/e, the protocol of KEYMAT)
     * \return this prf
     */
    IkePrf& UpdateByte(uint8_t value);
    /**
     * \param value four bytes to append, big-endian (M-ID, SPI)
     * \return this prf
     */
    IkePrf& UpdateUint32(uint32_t value);
    /**
     * \param value eight bytes to append, big-endian (CKY-I, CKY-R)
     * \return this prf
     */
    IkePrf& UpdateUint64(uint64_t value);
    /**
     * \brief Finish the message and start a new one with the same key.
     * \return the prf output (IkeGetHashLength bytes)
     */
    std::vector<uint8_t> Final();

  private:
    std::unique_ptr<CryptoPP::MessageAuthenticationCode> m_mac; //!< keyed HMAC
};

/**
 * \brief SKEYID for pre-shared key authentication: prf(pre-shared-key, Ni_b | Nr_b).
 * \param hash the negotiated hash
 * \param preSharedKey the key, as configured
 * \param niB the initiator's nonce (Nonce payload body)
 * \param nrB the responder's nonce
 * \return SKEYID
 */
std::vector<uint8_t> IkeSkeyidPreSharedKey(IkeHashAlgorithm hash,
                                           const std::vector<uint8_t>& preSharedKey,
                                           const std::vector<uint8_t>& niB,
                                           const std::vector<uint8_t>& nrB);

/**
 * \brief SKEYID for signature authentication: prf(Ni_b | Nr_b, g^xy).
 *
 * Certificates (IKE_AUTH_RSA_SIGNATURES, IKE_AUTH_DSS_SIGNATURES) use it. In this model
 * Kerberos (IKE_AUTH_GSSAPI_KERBEROS) uses it too.
 * \param hash the negotiated hash
 * \param niB the initiator's nonce
 * \param nrB the responder's nonce
 * \param gxy the shared secret, as long as the prime
 * \return SKEYID
 */
std::vector<uint8_t> IkeSkeyidSignature(IkeHashAlgorithm hash,
                                        const std::vector<uint8_t>& niB,
                                        const std::vector<uint8_t>& nrB,
                                        const std::vector<uint8_t>& gxy);

/**
 * \ingroup ipsec
 * \brief The keying material of a phase 1 (ISAKMP) SA.
 */
struct IkePhase1Keys
{
    std::vector<uint8_t> skeyid;  //!< SKEYID: keys HASH_I and HASH_R
    std::vector<uint8_t> skeyidD; //!< SKEYID_d: derives quick mode KEYMAT
    std::vector<uint8_t> skeyidA; //!< SKEYID_a: keys quick mode and informational hashes
    std::vector<uint8_t> skeyidE; //!< SKEYID_e: source of the phase 1 encryption key
};

/**
 * \brief Derive SKEYID_d, SKEYID_a and SKEYID_e (RFC 2409 5):
 * SKEYID_d = prf(SKEYID, g^xy | CKY-I | CKY-R | 0),
 * SKEYID_a = prf(SKEYID, SKEYID_d | g^xy | CKY-I | CKY-R | 1),
 * SKEYID_e = prf(SKEYID, SKEYID_a | g^xy | CKY-I | CKY-R | 2).
 * \param hash the negotiated hash
 * \param skeyid SKEYID of the authentication method
 * \param gxy the shared secret
 * \param cookieI the initiator cookie (CKY-I)
 * \param cookieR the responder cookie (CKY-R)
 * \return SKEYID and the three derived keys
 */
IkePhase1Keys IkeDerivePhase1Keys(IkeHashAlgorithm hash,
                                  const std::vector<uint8_t>& skeyid,
                                  const std::vector<uint8_t>& gxy,
                                  uint64_t cookieI,
                                  uint64_t cookieR);

/**
 * \brief HASH_I = prf(SKEYID, g^xi | g^xr | CKY-I | CKY-R | SAi_b | IDii_b) (RFC 2409 5).
 * \param hash the negotiated hash
 * \param skeyid SKEYID
 * \param gxi the initiator's KE data
 * \param gxr the responder's KE data
 * \param cookieI CKY-I
 * \param cookieR CKY-R
 * \param saiB the body of the initiator's SA payload, as sent
 * \param idiiB the body of the initiator's phase 1 ID payload
 * \return HASH_I
 */
std::vector<uint8_t> IkeHashI(IkeHashAlgorithm hash,
                              const std::vector<uint8_t>& skeyid,
                              const std::vector<uint8_t>& gxi,
                              const std::vector<uint8_t>& gxr,
                              uint64_t cookieI,
                              uint64_t cookieR,
                              const std::vector<uint8_t>& saiB,
                              const std::vector<uint8_t>& idiiB);

/**
 * \brief HASH_R = prf(SKEYID, g^xr | g^xi | CKY-R | CKY-I | SAi_b | IDir_b) (RFC 2409 5).
 *
 * The arguments come in the same initiator-first order as for IkeHashI; the function swaps
 * them as the formula requires. SAi_b is the initiator's SA payload in both hashes.
 * \param hash the negotiated hash
 * \param skeyid SKEYID
 * \param gxi the initiator's KE data
 * \param gxr the responder's KE data
 * \param cookieI CKY-I
 * \param cookieR CKY-R
 * \param saiB the body of the initiator's SA payload
 * \param idirB the body of the responder's phase 1 ID payload
 * \return HASH_R
 */
std::vector<uint8_t> IkeHashR(IkeHashAlgorithm hash,
                              const std::vector<uint8_t>& skeyid,
                              const std::vector<uint8_t>& gxi,
                              const std::vector<uint8_t>& gxr,
                              uint64_t cookieI,
                              uint64_t cookieR,
                              const std::vector<uint8_t>& saiB,
                              const std::vector<uint8_t>& idirB);

/**
 * \brief Key of \p length bytes from SKEYID_e (RFC 2409 appendix B).
 *
 * If SKEYID_e is long enough, the key is its first \p length bytes. Otherwise the key is the
 * first \p length bytes of K1 | K2 | K3 ..., where K1 = prf(SKEYID_e, 0) (one zero byte) and
 * Kn = prf(SKEYID_e, Kn-1).
 * \param hash the negotiated hash
 * \param skeyidE SKEYID_e
 * \param length bytes of key needed
 * \return the key
 */
std::vector<uint8_t> IkeAppendixBKey(IkeHashAlgorithm hash,
                                     const std::vector<uint8_t>& skeyidE,
                                     size_t length);

/**
 * \param e an encryption algorithm
 * \return true if it can protect IKE phase 1 and quick mode messages (the CBC ciphers: DES,
 *         3DES, AES-128, AES-256)
 */
bool IkeIsPhase1Cipher(IpsecEncryption e);

/**
 * \brief The phase 1 encryption key: IkeAppendixBKey with the cipher's key length (DES 8,
 * 3DES 24, AES-128 16, AES-256 32 bytes).
 *
 * DES weak keys are not refused (the chance is about 2^-52, and the model keys DES as the
 * ESP layer does).
 * \param hash the negotiated hash
 * \param skeyidE SKEYID_e
 * \param cipher the negotiated cipher
 * \return the key, ready for IpsecCipher::Create(cipher, key)
 * \throws IpsecConfigError with field "cipher" if IkeIsPhase1Cipher(cipher) is false
 */
std::vector<uint8_t> IkePhase1EncryptionKey(IkeHashAlgorithm hash,
                                            const std::vector<uint8_t>& skeyidE,
                                            IpsecEncryption cipher);

/**
 * \param cipher a phase 1 cipher
 * \return its block size: the IV length and padding alignment (8 for DES and 3DES, 16 for
 *         AES)
 */
uint32_t IkeGetBlockSize(IpsecEncryption cipher);

/**
 * \brief IV of the first encrypted phase 1 message: hash(g^xi | g^xr) cut to the block size
 * (RFC 2409 appendix B; hash, not prf).
 *
 * Each later phase 1 message uses the last ciphertext block of the previous one, which
 * IkeEncryptBody and IkeDecryptBody return.
 * \param hash the negotiated hash
 * \param gxi the initiator's KE data
 * \param gxr the responder's KE data
 * \param blockSize the cipher's block size
 * \return the IV
 */
std::vector<uint8_t> IkePhase1Iv(IkeHashAlgorithm hash,
                                 const std::vector<uint8_t>& gxi,
                                 const std::vector<uint8_t>& gxr,
                                 uint32_t blockSize);

/**
 * \brief IV of the first message of a quick mode or informational exchange:
 * hash(last phase 1 CBC output block | M-ID) cut to the block size (RFC 2409 appendix B).
 *
 * Later messages of the same exchange chain from the previous message's last ciphertext
 * block.
 * \param hash the negotiated hash
 * \param lastPhase1Block last ciphertext block of the last phase 1 message (the IV that
 *        followed phase 1)
 * \param messageId the exchange's M-ID
 * \param blockSize the cipher's block size
 * \return the IV
 */
std::vector<uint8_t> IkePhase2Iv(IkeHashAlgorithm hash,
                                 const std::vector<uint8_t>& lastPhase1Block,
                                 uint32_t messageId,
                                 uint32_t blockSize);

/**
 * \brief Pad a payload chain with zero bytes to a multiple of the block size.
 *
 * The padding is as short as possible, and empty when the chain is already aligned; the
 * header's message length counts it. Receivers find the end of the chain from the payload
 * lengths (IsakmpMessage::ParsePayloadChain ignores what follows), so the padding content is
 * never read. Zeros are what Windows and most implementations send. RFC 2409 5.3 gives a
 * pad-count last byte only for the payloads of its revised public-key method, which is not
 * modelled.
 * \param data the chain, padded in place
 * \param blockSize the cipher's block size
 */
void IkePadToBlock(std::vector<uint8_t>& data, uint32_t blockSize);

/**
 * \brief Pad (IkePadToBlock) and CBC-encrypt a payload chain: the body of a message with
 * flag E set.
 * \param cipher the phase 1 cipher, keyed with IkePhase1EncryptionKey
 * \param iv the IV (block size bytes)
 * \param plaintext the serialized payload chain
 * \param[out] nextIv receives the last ciphertext block: the IV of the next message
 * \return the ciphertext (plaintext size rounded up to the block size)
 */
std::vector<uint8_t> IkeEncryptBody(IpsecCipher& cipher,
                                    const std::vector<uint8_t>& iv,
                                    const std::vector<uint8_t>& plaintext,
                                    std::vector<uint8_t>& nextIv);

/**
 * \brief CBC-decrypt the body of a message with flag E set.
 * \param cipher the phase 1 cipher
 * \param iv the IV (block size bytes)
 * \param ciphertext the encrypted body as received
 * \param[out] plaintext receives the payload chain followed by its padding (cleared on error)
 * \param[out] nextIv receives the last ciphertext block, the IV of the next message
 *             (unchanged on error)
 * \return ok, or PAYLOAD_MALFORMED if the body is empty or not a multiple of the block size
 */
IsakmpStatus IkeDecryptBody(IpsecCipher& cipher,
                            const std::vector<uint8_t>& iv,
                            const std::vector<uint8_t>& ciphertext,
                            std::vector<uint8_t>& plaintext,
                            std::vector<uint8_t>& nextIv);

/**
 * \brief Quick mode HASH(1) = prf(SKEYID_a, M-ID | rest) (RFC 2409 5.5).
 *
 * The informational exchange computes its HASH(1) the same way (RFC 2409 5.7).
 * \param hash the negotiated hash
 * \param skeyidA SKEYID_a
 * \param messageId M-ID
 * \param rest the message's payload chain after the HASH payload, as sent
 * \return HASH(1)
 */
std::vector<uint8_t> IkeQuickModeHash1(IkeHashAlgorithm hash,
                                       const std::vector<uint8_t>& skeyidA,
                                       uint32_t messageId,
                                       const std::vector<uint8_t>& rest);

/**
 * \brief Quick mode HASH(2) = prf(SKEYID_a, M-ID | Ni_b | rest) (RFC 2409 5.5).
 * \param hash the negotiated hash
 * \param skeyidA SKEYID_a
 * \param messageId M-ID
 * \param niB the initiator's quick mode nonce
 * \param rest the responder's payload chain after the HASH payload, as sent
 * \return HASH(2)
 */
std::vector<uint8_t> IkeQuickModeHash2(IkeHashAlgorithm hash,
                                       const std::vector<uint8_t>& skeyidA,
                                       uint32_t messageId,
                                       const std::vector<uint8_t>& niB,
                                       const std::vector<uint8_t>& rest);

/**
 * \brief Quick mode HASH(3) = prf(SKEYID_a, 0 | M-ID | Ni_b | Nr_b) (RFC 2409 5.5).
 * \param hash the negotiated hash
 * \param skeyidA SKEYID_a
 * \param messageId M-ID
 * \param niB the initiator's quick mode nonce
 * \param nrB the responder's quick mode nonce
 * \return HASH(3)
 */
std::vector<uint8_t> IkeQuickModeHash3(IkeHashAlgorithm hash,
                                       const std::vector<uint8_t>& skeyidA,
                                       uint32_t messageId,
                                       const std::vector<uint8_t>& niB,
                                       const std::vector<uint8_t>& nrB);

/**
 * \brief The prf feedback of RFC 2409 5.5: K1 | K2 | ... cut to \p length bytes, where
 * K1 = prf(key, seed) and Kn = prf(key, Kn-1 | seed).
 * \param hash the negotiated hash
 * \param key the prf key (SKEYID_d for KEYMAT)
 * \param seed the material after the feedback block
 * \param length bytes needed
 * \return the keying material
 */
std::vector<uint8_t> IkePrfExpand(IkeHashAlgorithm hash,
                                  const std::vector<uint8_t>& key,
                                  const std::vector<uint8_t>& seed,
                                  size_t length);

/**
 * \brief Quick mode KEYMAT of one SA (RFC 2409 5.5): IkePrfExpand with key SKEYID_d and seed
 * [g(qm)^xy |] protocol | SPI | Ni_b | Nr_b.
 *
 * Each SA uses its own SPI, and the receiving side chose that SPI. The two SAs of a pair
 * therefore have different KEYMATs, and the same call serves both ends of one SA.
 * \param hash the negotiated phase 1 hash
 * \param skeyidD SKEYID_d
 * \param gqmxy the quick mode shared secret with PFS, or empty without PFS
 * \param protocol the protocol of the negotiated proposal (ESP or AH)
 * \param spi the SA's SPI, as in its proposal
 * \param niB the initiator's quick mode nonce
 * \param nrB the responder's quick mode nonce
 * \param length bytes needed
 * \return the KEYMAT
 */
std::vector<uint8_t> IkeQuickModeKeymat(IkeHashAlgorithm hash,
                                        const std::vector<uint8_t>& skeyidD,
                                        const std::vector<uint8_t>& gqmxy,
                                        IsakmpProtocolId protocol,
                                        uint32_t spi,
                                        const std::vector<uint8_t>& niB,
                                        const std::vector<uint8_t>& nrB,
                                        size_t length);

/**
 * \ingroup ipsec
 * \brief Keys of one ESP or AH SA, cut from its KEYMAT.
 */
struct IkeSaKeys
{
    std::vector<uint8_t> encryptionKey; //!< first bytes of KEYMAT (empty for AH and NULL)
    std::vector<uint8_t> integrityKey;  //!< the bytes that follow (empty for NONE and GCM)
};

/**
 * \brief KEYMAT for one SA, split into the encryption key and then the integrity key.
 *
 * The encryption key comes first and the integrity key after it. IKEv1 implementations use
 * that order, and RFC 7296 2.17 states it for ESP and AH. The lengths are those
 * IpsecCipher::Create and IpsecAuthenticator::Create need. For GCM the 4-byte salt is part
 * of the encryption key (RFC 4106 8.1).
 * Example: 3DES with HMAC-SHA-1 takes 24 + 20 = 44 bytes, three SHA-1 blocks.
 * \param hash the negotiated phase 1 hash
 * \param skeyidD SKEYID_d
 * \param gqmxy the quick mode shared secret with PFS, or empty
 * \param protocol ESP or AH
 * \param spi the SA's SPI
 * \param niB the initiator's quick mode nonce
 * \param nrB the responder's quick mode nonce
 * \param encryption the SA's encryption (NULL_ENC for AH)
 * \param integrity the SA's integrity algorithm
 * \return the two keys
 */
IkeSaKeys IkeQuickModeSaKeys(IkeHashAlgorithm hash,
                             const std::vector<uint8_t>& skeyidD,
                             const std::vector<uint8_t>& gqmxy,
                             IsakmpProtocolId protocol,
                             uint32_t spi,
                             const std::vector<uint8_t>& niB,
                             const std::vector<uint8_t>& nrB,
                             IpsecEncryption encryption,
                             IpsecIntegrity integrity);

/**
 * \brief One line of Wireshark's IKEv1 decryption table (the "ikev1_decryption_table" file
 * in the Wireshark profile; Preferences > Protocols > ISAKMP).
 *
 * The table has two hex-bytes fields: the initiator's cookie (8 bytes) and the phase 1
 * encryption key. These are the two UAT_FLD_BUFFER fields "Initiator's COOKIE" and
 * "Encryption Key" of epan/dissectors/packet-isakmp.c. Wireshark writes such fields as bare
 * hex separated by a comma, as in its test/config/ikev1_decryption_table.tmpl:
 * "fafaeb49382a763c,735be0cb...". Quoting them is wrong: a quoted field is read as text, and
 * tshark 4.0 then refuses the table ("Length of Initiator's COOKIE must be 8 octets").
 * \param cookieI the initiator cookie
 * \param encryptionKey the phase 1 encryption key (IkePhase1EncryptionKey)
 * \return e.g. "0123456789abcdef,00112233..." (lower case, no newline)
 */
std::string IkeWiresharkDecryptionLine(uint64_t cookieI, const std::vector<uint8_t>& encryptionKey);

} // namespace ns3

#endif /* IKE_KEYS_H */
