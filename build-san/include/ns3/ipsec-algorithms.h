/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef IPSEC_ALGORITHMS_H
#define IPSEC_ALGORITHMS_H

#include <cstddef>
#include <cstdint>
#include <memory>
#include <ostream>
#include <string>
#include <vector>

namespace ns3
{

/** ESP encryption algorithms. */
enum class IpsecEncryption : uint8_t
{
    NULL_ENC,       //!< no encryption (RFC 2410)
    DES_CBC,        //!< DES in CBC mode (RFC 2405); obsolete (RFC 8221), for old setups only
    TRIPLE_DES_CBC, //!< 3DES (EDE, three keys) in CBC mode (RFC 2451)
    AES_CBC_128,    //!< AES-128 in CBC mode (RFC 3602)
    AES_CBC_256,    //!< AES-256 in CBC mode (RFC 3602)
    AES_GCM_128,    //!< AES-128 GCM with a 16-byte ICV (RFC 4106)
    AES_GCM_256,    //!< AES-256 GCM with a 16-byte ICV (RFC 4106)
};

/** ESP and AH integrity algorithms. */
enum class IpsecIntegrity : uint8_t
{
    NONE,            //!< no integrity algorithm
    HMAC_MD5_96,     //!< HMAC-MD5 truncated to 96 bits (RFC 2403)
    HMAC_SHA1_96,    //!< HMAC-SHA-1 truncated to 96 bits (RFC 2404)
    HMAC_SHA256_128, //!< HMAC-SHA-256 truncated to 128 bits (RFC 4868)
};

/**
 * \ingroup ipsec
 * \brief Fixed properties of an encryption algorithm.
 */
struct IpsecEncryptionInfo
{
    const char* name;          //!< command-line name ("aes128", ...)
    uint32_t keyLength;        //!< bytes of keying material, including the 4-byte salt for GCM
    uint32_t blockSize;        //!< alignment of the padded plaintext in bytes
    uint32_t ivLength;         //!< bytes of IV on the wire
    uint32_t icvLength;        //!< bytes of AEAD tag (0 if not AEAD)
    bool aead;                 //!< combined mode: the integrity algorithm must be NONE
    const char* wiresharkName; //!< encryption algorithm as Wireshark's esp_sa table names it
    uint16_t espTransformId;   //!< IANA ESP transform identifier (IKEv1 and IKEv2)
    uint16_t keyBits;          //!< value of the IKE key-length attribute (0: none is sent)
};

/**
 * \ingroup ipsec
 * \brief Fixed properties of an integrity algorithm.
 */
struct IpsecIntegrityInfo
{
    const char* name;          //!< command-line name ("sha1", ...)
    uint32_t keyLength;        //!< bytes of key
    uint32_t icvLength;        //!< bytes of ICV (truncated MAC)
    const char* wiresharkName; //!< authentication algorithm as Wireshark's esp_sa table names it
    uint16_t ikeAuthAlgorithm; //!< IKEv1 IPsec DOI authentication algorithm (0 for NONE)
};

/**
 * \brief Look up the properties of an encryption algorithm.
 * \param e the algorithm
 * \return its properties
 */
const IpsecEncryptionInfo& IpsecGetEncryptionInfo(IpsecEncryption e);

/**
 * \brief Look up the properties of an integrity algorithm.
 * \param i the algorithm
 * \return its properties
 */
const IpsecIntegrityInfo& IpsecGetIntegrityInfo(IpsecIntegrity i);

/**
 * \brief Parse a command-line encryption algorithm name (case does not matter).
 * \param name the name, e.g. "aes128gcm"
 * \return the algorithm
 * \throws IpsecConfigError with field "cipher" if the name is unknown
 */
IpsecEncryption IpsecParseEncryption(const std::string& name);

/**
 * \brief Parse a command-line integrity algorithm name (case does not matter).
 * \param name the name, e.g. "sha256"
 * \return the algorithm
 * \throws IpsecConfigError with field "auth" if the name is unknown
 */
IpsecIntegrity IpsecParseIntegrity(const std::string& name);

/**
 * \brief Print the command-line name of an encryption algorithm.
 * \param os the stream
 * \param e the algorithm
 * \return the stream
 */
std::ostream& operator<<(std::ostream& os, IpsecEncryption e);

/**
 * \brief Print the command-line name of an integrity algorithm.
 * \param os the stream
 * \param i the algorithm
 * \return the stream
 */
std::ostream& operator<<(std::ostream& os, IpsecIntegrity i);

/**
 * \ingroup ipsec
 * \brief The keyed cipher of one SA.
 *
 * Keyed once when the SA is installed, so key schedules (and the GCM hash tables) are not
 * recomputed per packet. All operations work in place and allocate nothing.
 */
class IpsecCipher
{
  public:
    virtual ~IpsecCipher();

    /**
     * \brief Key a cipher.
     * \param e the algorithm
     * \param key the keying material (for GCM: the key followed by the 4-byte salt)
     * \return the keyed cipher; for NULL_ENC one that leaves data unchanged
     * \throws IpsecConfigError with field "key" if the key has the wrong size
     */
    static std::unique_ptr<IpsecCipher> Create(IpsecEncryption e,
                                               const std::vector<uint8_t>& key);

    /** \return the algorithm */
    IpsecEncryption GetAlgorithm() const;

    /**
     * \brief Encrypt in place (CBC and NULL only).
     * \param iv the IV (block size bytes; unused for NULL)
     * \param data the plaintext, replaced by the ciphertext
     * \param len bytes of data, a multiple of the block size (any for NULL)
     */
    virtual void Encrypt(const uint8_t* iv, uint8_t* data, size_t len) = 0;

    /**
     * \brief Decrypt in place (CBC and NULL only).
     * \param iv the IV (block size bytes; unused for NULL)
     * \param data the ciphertext, replaced by the plaintext
     * \param len bytes of data, a multiple of the block size (any for NULL)
     */
    virtual void Decrypt(const uint8_t* iv, uint8_t* data, size_t len) = 0;

    /**
     * \brief Encrypt and authenticate in place (AEAD only; aborts otherwise).
     *
     * The nonce is the salt (last 4 key bytes) followed by \p iv, as in RFC 4106.
     * \param iv the 8-byte IV
     * \param aad the additional authenticated data (ESP: SPI and sequence number)
     * \param aadLen bytes of aad
     * \param data the plaintext, replaced by the ciphertext
     * \param len bytes of data
     * \param[out] tag receives the ICV (icvLength bytes)
     */
    virtual void Seal(const uint8_t* iv,
                      const uint8_t* aad,
                      size_t aadLen,
                      uint8_t* data,
                      size_t len,
                      uint8_t* tag);

    /**
     * \brief Check and decrypt in place (AEAD only; aborts otherwise).
     * \param iv the 8-byte IV
     * \param aad the additional authenticated data
     * \param aadLen bytes of aad
     * \param data the ciphertext, replaced by the plaintext (unspecified if false is returned)
     * \param len bytes of data
     * \param tag the received ICV (icvLength bytes)
     * \return false if the ICV does not match
     */
    virtual bool Open(const uint8_t* iv,
                      const uint8_t* aad,
                      size_t aadLen,
                      uint8_t* data,
                      size_t len,
                      const uint8_t* tag);

  protected:
    /**
     * \param algorithm the algorithm the subclass implements
     */
    explicit IpsecCipher(IpsecEncryption algorithm);

  private:
    IpsecEncryption m_algorithm; //!< the algorithm
};

/**
 * \ingroup ipsec
 * \brief The keyed, truncated HMAC of one SA.
 *
 * Incremental, because the AH ICV covers pieces that are not contiguous (IPv4 header with
 * mutable fields zeroed, the AH header, the payload). Keyed once; Update and Final allocate
 * nothing.
 */
class IpsecAuthenticator
{
  public:
    virtual ~IpsecAuthenticator();

    /**
     * \brief Key an authenticator with the key length IPsec requires (RFC 2403, 2404, 4868).
     * \param i the algorithm
     * \param key the key
     * \return the keyed authenticator, or nullptr for NONE
     * \throws IpsecConfigError with field "key" if the key has the wrong size
     */
    static std::unique_ptr<IpsecAuthenticator> Create(IpsecIntegrity i,
                                                      const std::vector<uint8_t>& key);

    /**
     * \brief Key an authenticator with a key of any length.
     *
     * HMAC itself takes keys of any length (RFC 2104); only IPsec fixes them. This is for
     * other uses of the same MAC, and for the published HMAC test vectors whose keys have
     * other lengths.
     * \param i the algorithm
     * \param key the key
     * \return the keyed authenticator, or nullptr for NONE
     */
    static std::unique_ptr<IpsecAuthenticator> CreateWithAnyKeyLength(
        IpsecIntegrity i,
        const std::vector<uint8_t>& key);

    /**
     * \brief Add a piece of the message.
     * \param data the bytes
     * \param len their number
     */
    virtual void Update(const uint8_t* data, size_t len) = 0;

    /**
     * \brief Finish the message: write its ICV and start a new message.
     * \param[out] icv receives GetIcvLength() bytes (the truncated HMAC)
     */
    virtual void Final(uint8_t* icv) = 0;

    /**
     * \brief Check the ICV of a one-piece message (pieces already given to Update come first).
     * \param data the message
     * \param len its length
     * \param icv the received ICV (GetIcvLength() bytes), compared in constant time
     * \return true if it matches
     */
    bool Verify(const uint8_t* data, size_t len, const uint8_t* icv);

    /** \return bytes of ICV */
    uint32_t GetIcvLength() const;

  protected:
    /**
     * \param icvLength bytes of ICV the subclass writes
     */
    explicit IpsecAuthenticator(uint32_t icvLength);

  private:
    uint32_t m_icvLength; //!< bytes of ICV
};

} // namespace ns3

#endif /* IPSEC_ALGORITHMS_H */
