/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ipsec-algorithms.h"

#include "ns3/log.h"

#include "ns3/abort.h"
#include "ns3/ipsec-config-error.h"

// MD5 lives in Crypto++'s "weak" namespace; RFC 2403 still needs it.
#define CRYPTOPP_ENABLE_NAMESPACE_WEAK 1
#include <cryptopp/aes.h>
#include <cryptopp/cpu.h>
#include <cryptopp/des.h>
#include <cryptopp/gcm.h>
#include <cryptopp/hmac.h>
#include <cryptopp/md5.h>
#include <cryptopp/misc.h>
#include <cryptopp/modes.h>
#include <cryptopp/sha.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cstring>
#include <sstream>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("IpsecAlgorithms");

namespace
{

/** Indexed by IpsecEncryption. */
const IpsecEncryptionInfo g_encryptionInfo[] = {
    {"null", 0, 4, 0, 0, false, "NULL", 11, 0},
    {"des", 8, 8, 8, 0, false, "DES-CBC [RFC2405]", 2, 0},
    {"3des", 24, 8, 8, 0, false, "TripleDES-CBC [RFC2451]", 3, 0},
    {"aes128", 16, 16, 16, 0, false, "AES-CBC [RFC3602]", 12, 128},
    {"aes256", 32, 16, 16, 0, false, "AES-CBC [RFC3602]", 12, 256},
    // GCM is a counter mode: RFC 4106 asks for no alignment beyond the 4 bytes ESP needs.
    {"aes128gcm", 16 + 4, 4, 8, 16, true, "AES-GCM with 16 octet ICV [RFC4106]", 20, 128},
    {"aes256gcm", 32 + 4, 4, 8, 16, true, "AES-GCM with 16 octet ICV [RFC4106]", 20, 256},
};

/** Indexed by IpsecIntegrity. */
const IpsecIntegrityInfo g_integrityInfo[] = {
    {"none", 0, 0, "NULL", 0},
    {"md5", 16, 12, "HMAC-MD5-96 [RFC2403]", 1},
    {"sha1", 20, 12, "HMAC-SHA-1-96 [RFC2404]", 2},
    {"sha256", 32, 16, "HMAC-SHA-256-128 [RFC4868]", 5},
};

constexpr size_t ENCRYPTION_COUNT = sizeof(g_encryptionInfo) / sizeof(g_encryptionInfo[0]);
constexpr size_t INTEGRITY_COUNT = sizeof(g_integrityInfo) / sizeof(g_integrityInfo[0]);
static_assert(ENCRYPTION_COUNT == static_cast<size_t>(IpsecEncryption::AES_GCM_256) + 1,
              "one row per encryption algorithm");
static_assert(INTEGRITY_COUNT == static_cast<size_t>(IpsecIntegrity::HMAC_SHA256_128) + 1,
              "one row per integrity algorithm");

/** Largest ICV or AEAD tag of any algorithm. */
constexpr size_t MAX_ICV = 16;
/** RFC 4106: the salt is the last 4 bytes of the keying material. */
constexpr size_t GCM_SALT = 4;
/** RFC 4106 3.1: the explicit IV carried in each packet. */
constexpr size_t GCM_IV = 8;

std::string
ToLower(std::string s)
{
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) {
        return static_cast<char>(std::tolower(c));
    });
    return s;
}

/** Throw unless \p key has the size \p name needs. */
void
CheckKeyLength(const char* name, uint32_t needed, const std::vector<uint8_t>& key)
{
    if (key.size() != needed)
    {
        std::ostringstream os;
        os << name << " needs " << needed << " bytes of key, got " << key.size();
        throw IpsecConfigError("key", os.str());
    }
}

/** NULL encryption (RFC 2410): the identity. */
class NullCipher : public IpsecCipher
{
  public:
    NullCipher()
        : IpsecCipher(IpsecEncryption::NULL_ENC)
    {
    }

    void Encrypt(const uint8_t*, uint8_t*, size_t) override
    {
    }

    void Decrypt(const uint8_t*, uint8_t*, size_t) override
    {
    }
};

/**
 * \brief Key a Crypto++ object on first use.
 *
 * An SA only ever encrypts (outbound) or decrypts (inbound), and a keyed Crypto++ AES object
 * takes about 5 KB of heap: keying each direction when first needed halves an SA's memory.
 */
template <class Keyed>
Keyed&
KeyOnce(std::unique_ptr<Keyed>& object, const std::vector<uint8_t>& key, size_t keyLength,
        size_t ivLength)
{
    if (!object)
    {
        // Crypto++ wants an IV when keying; every packet sets its own.
        const std::array<uint8_t, 16> zero{};
        object = std::make_unique<Keyed>();
        object->SetKeyWithIV(key.data(), keyLength, zero.data(), ivLength);
    }
    return *object;
}

/**
 * \brief A Crypto++ AES direction (AES::Encryption or AES::Decryption) without the 4.4 KB
 * block it never uses when the CPU has AES-NI.
 *
 * Crypto++ allocates that block with every AES key on x86, for its SSE2 table code, which
 * arranges its tables around it against cache-timing attacks. With AES-NI every AES operation
 * takes the AES-NI path first and the block stays untouched (Crypto++ 8.7, rijndael.cpp:
 * Enc/Dec::AdvancedProcessBlocks and ProcessAndXorBlock), so it is released after keying. It
 * was 85% of the memory of an SA pair.
 */
template <class Direction>
class LeanAes : public Direction
{
  public:
    void UncheckedSetKey(const CryptoPP::byte* key,
                         unsigned int length,
                         const CryptoPP::NameValuePairs& params) override
    {
        Direction::UncheckedSetKey(key, length, params);
#if (CRYPTOPP_BOOL_X64 || CRYPTOPP_BOOL_X32 || CRYPTOPP_BOOL_X86) && CRYPTOPP_AESNI_AVAILABLE
        if (CryptoPP::HasAESNI())
        {
            this->m_aliasBlock.New(0);
        }
#endif
    }
};

/** AES for Crypto++'s mode templates (which take the cipher's two directions from it). */
struct LeanAesCipher : public CryptoPP::AES
{
    typedef LeanAes<CryptoPP::AES::Encryption> Encryption; //!< encryption direction
    typedef LeanAes<CryptoPP::AES::Decryption> Decryption; //!< decryption direction
};

/** CBC mode over the block cipher \p Block, each direction keyed once when first used. */
template <class Block>
class CbcCipher : public IpsecCipher
{
  public:
    CbcCipher(IpsecEncryption e, const std::vector<uint8_t>& key)
        : IpsecCipher(e),
          m_key(key)
    {
    }

    void Encrypt(const uint8_t* iv, uint8_t* data, size_t len) override
    {
        CheckLength(len);
        auto& encryption = KeyOnce(m_encryption, m_key, m_key.size(), Block::BLOCKSIZE);
        encryption.Resynchronize(iv, Block::BLOCKSIZE);
        encryption.ProcessData(data, data, len);
    }

    void Decrypt(const uint8_t* iv, uint8_t* data, size_t len) override
    {
        CheckLength(len);
        auto& decryption = KeyOnce(m_decryption, m_key, m_key.size(), Block::BLOCKSIZE);
        decryption.Resynchronize(iv, Block::BLOCKSIZE);
        decryption.ProcessData(data, data, len);
    }

  private:
    /** Crypto++ does not check this in release builds; a partial block would be garbage. */
    static void CheckLength(size_t len)
    {
        NS_ABORT_MSG_IF(len % Block::BLOCKSIZE != 0,
                        "CBC data of " << len << " bytes is not a multiple of the block size");
    }

    /** CBC encryption over Block (what CBC_Mode<Block>::Encryption is). */
    using Encryption =
        CryptoPP::CipherModeFinalTemplate_CipherHolder<typename Block::Encryption,
                                                       CryptoPP::CBC_Encryption>;
    /** CBC decryption over Block (what CBC_Mode<Block>::Decryption is). */
    using Decryption =
        CryptoPP::CipherModeFinalTemplate_CipherHolder<typename Block::Decryption,
                                                       CryptoPP::CBC_Decryption>;

    std::vector<uint8_t> m_key;                 //!< the key, for keying each direction on first use
    std::unique_ptr<Encryption> m_encryption;   //!< keyed on first use
    std::unique_ptr<Decryption> m_decryption;   //!< keyed on first use
};

/** AES-GCM as RFC 4106 uses it: 4-byte salt from the key, 8-byte IV per packet. */
class GcmCipher : public IpsecCipher
{
  public:
    GcmCipher(IpsecEncryption e, const std::vector<uint8_t>& key)
        : IpsecCipher(e),
          m_icvLength(IpsecGetEncryptionInfo(e).icvLength),
          m_key(key)
    {
        // Keying builds the GHASH tables, the expensive part; it happens once per direction,
        // on first use, and each packet only sets its nonce.
        std::copy(key.end() - GCM_SALT, key.end(), m_nonce.begin());
    }

    void Encrypt(const uint8_t*, uint8_t*, size_t) override
    {
        NS_FATAL_ERROR("GCM is an AEAD cipher: use Seal");
    }

    void Decrypt(const uint8_t*, uint8_t*, size_t) override
    {
        NS_FATAL_ERROR("GCM is an AEAD cipher: use Open");
    }

    void Seal(const uint8_t* iv,
              const uint8_t* aad,
              size_t aadLen,
              uint8_t* data,
              size_t len,
              uint8_t* tag) override
    {
        std::memcpy(m_nonce.data() + GCM_SALT, iv, GCM_IV);
        auto& encryption =
            KeyOnce(m_encryption, m_key, m_key.size() - GCM_SALT, GCM_SALT + GCM_IV);
        encryption.EncryptAndAuthenticate(data,
                                            tag,
                                            m_icvLength,
                                            m_nonce.data(),
                                            static_cast<int>(m_nonce.size()),
                                            aad,
                                            aadLen,
                                            data,
                                            len);
    }

    bool Open(const uint8_t* iv,
              const uint8_t* aad,
              size_t aadLen,
              uint8_t* data,
              size_t len,
              const uint8_t* tag) override
    {
        std::memcpy(m_nonce.data() + GCM_SALT, iv, GCM_IV);
        // DecryptAndVerify would do the same steps, but its tag check allocates on the heap.
        auto& decryption =
            KeyOnce(m_decryption, m_key, m_key.size() - GCM_SALT, GCM_SALT + GCM_IV);
        decryption.Resynchronize(m_nonce.data(), static_cast<int>(m_nonce.size()));
        decryption.Update(aad, aadLen);
        decryption.ProcessData(data, data, len);
        std::array<uint8_t, MAX_ICV> computed;
        decryption.TruncatedFinal(computed.data(), m_icvLength);
        bool ok = CryptoPP::VerifyBufsEqual(computed.data(), tag, m_icvLength);
        if (!ok)
        {
            // The data is decrypted already; do not hand out unauthenticated plaintext.
            std::memset(data, 0, len);
        }
        return ok;
    }

  private:
    uint32_t m_icvLength;                             //!< bytes of tag
    std::array<uint8_t, GCM_SALT + GCM_IV> m_nonce{}; //!< salt, then the IV of the packet
    std::vector<uint8_t> m_key;                       //!< AES key and salt
    std::unique_ptr<CryptoPP::GCM<LeanAesCipher>::Encryption> m_encryption; //!< keyed
    std::unique_ptr<CryptoPP::GCM<LeanAesCipher>::Decryption> m_decryption; //!< keyed
};

/** HMAC over \p Hash, truncated to the ICV length. */
template <class Hash>
class HmacAuthenticator : public IpsecAuthenticator
{
  public:
    HmacAuthenticator(uint32_t icvLength, const std::vector<uint8_t>& key)
        : IpsecAuthenticator(icvLength)
    {
        // An empty vector may have no storage; Crypto++ copies from the pointer regardless.
        static const uint8_t none = 0;
        m_hmac.SetKey(key.empty() ? &none : key.data(), key.size());
    }

    void Update(const uint8_t* data, size_t len) override
    {
        m_hmac.Update(data, len);
    }

    void Final(uint8_t* icv) override
    {
        // TruncatedFinal also restarts the HMAC with the same key.
        m_hmac.TruncatedFinal(icv, GetIcvLength());
    }

  private:
    CryptoPP::HMAC<Hash> m_hmac; //!< keyed HMAC
};

} // namespace

const IpsecEncryptionInfo&
IpsecGetEncryptionInfo(IpsecEncryption e)
{
    auto index = static_cast<size_t>(e);
    NS_ABORT_MSG_IF(index >= ENCRYPTION_COUNT, "unknown encryption algorithm " << index);
    return g_encryptionInfo[index];
}

const IpsecIntegrityInfo&
IpsecGetIntegrityInfo(IpsecIntegrity i)
{
    auto index = static_cast<size_t>(i);
    NS_ABORT_MSG_IF(index >= INTEGRITY_COUNT, "unknown integrity algorithm " << index);
    return g_integrityInfo[index];
}

IpsecEncryption
IpsecParseEncryption(const std::string& name)
{
    std::string lower = ToLower(name);
    std::ostringstream valid;
    for (size_t index = 0; index < ENCRYPTION_COUNT; ++index)
    {
        if (lower == g_encryptionInfo[index].name)
        {
            return static_cast<IpsecEncryption>(index);
        }
        valid << (index == 0 ? "" : ", ") << g_encryptionInfo[index].name;
    }
    throw IpsecConfigError("cipher", "unknown cipher \"" + name + "\" (use " + valid.str() + ")");
}

IpsecIntegrity
IpsecParseIntegrity(const std::string& name)
{
    std::string lower = ToLower(name);
    std::ostringstream valid;
    for (size_t index = 0; index < INTEGRITY_COUNT; ++index)
    {
        if (lower == g_integrityInfo[index].name)
        {
            return static_cast<IpsecIntegrity>(index);
        }
        valid << (index == 0 ? "" : ", ") << g_integrityInfo[index].name;
    }
    throw IpsecConfigError("auth",
                           "unknown integrity algorithm \"" + name + "\" (use " + valid.str() +
                               ")");
}

std::ostream&
operator<<(std::ostream& os, IpsecEncryption e)
{
    return os << IpsecGetEncryptionInfo(e).name;
}

std::ostream&
operator<<(std::ostream& os, IpsecIntegrity i)
{
    return os << IpsecGetIntegrityInfo(i).name;
}

IpsecCipher::IpsecCipher(IpsecEncryption algorithm)
    : m_algorithm(algorithm)
{
}

IpsecCipher::~IpsecCipher() = default;

std::unique_ptr<IpsecCipher>
IpsecCipher::Create(IpsecEncryption e, const std::vector<uint8_t>& key)
{
    const IpsecEncryptionInfo& info = IpsecGetEncryptionInfo(e);
    NS_LOG_FUNCTION(info.name << key.size());
    CheckKeyLength(info.name, info.keyLength, key);
    switch (e)
    {
    case IpsecEncryption::NULL_ENC:
        return std::make_unique<NullCipher>();
    case IpsecEncryption::DES_CBC:
        // Crypto++ ignores the DES parity bits and does not refuse weak keys, so any 8 bytes do.
        return std::make_unique<CbcCipher<CryptoPP::DES>>(e, key);
    case IpsecEncryption::TRIPLE_DES_CBC:
        return std::make_unique<CbcCipher<CryptoPP::DES_EDE3>>(e, key);
    case IpsecEncryption::AES_CBC_128:
    case IpsecEncryption::AES_CBC_256:
        return std::make_unique<CbcCipher<LeanAesCipher>>(e, key);
    case IpsecEncryption::AES_GCM_128:
    case IpsecEncryption::AES_GCM_256:
        return std::make_unique<GcmCipher>(e, key);
    }
    NS_FATAL_ERROR("unknown encryption algorithm");
}

IpsecEncryption
IpsecCipher::GetAlgorithm() const
{
    return m_algorithm;
}

void
IpsecCipher::Seal(const uint8_t*, const uint8_t*, size_t, uint8_t*, size_t, uint8_t*)
{
    NS_FATAL_ERROR(IpsecGetEncryptionInfo(m_algorithm).name
                   << " is not an AEAD cipher: use Encrypt");
}

bool
IpsecCipher::Open(const uint8_t*, const uint8_t*, size_t, uint8_t*, size_t, const uint8_t*)
{
    NS_FATAL_ERROR(IpsecGetEncryptionInfo(m_algorithm).name
                   << " is not an AEAD cipher: use Decrypt");
}

IpsecAuthenticator::IpsecAuthenticator(uint32_t icvLength)
    : m_icvLength(icvLength)
{
}

IpsecAuthenticator::~IpsecAuthenticator() = default;

std::unique_ptr<IpsecAuthenticator>
IpsecAuthenticator::Create(IpsecIntegrity i, const std::vector<uint8_t>& key)
{
    const IpsecIntegrityInfo& info = IpsecGetIntegrityInfo(i);
    CheckKeyLength(info.name, info.keyLength, key);
    return CreateWithAnyKeyLength(i, key);
}

std::unique_ptr<IpsecAuthenticator>
IpsecAuthenticator::CreateWithAnyKeyLength(IpsecIntegrity i, const std::vector<uint8_t>& key)
{
    NS_LOG_FUNCTION(IpsecGetIntegrityInfo(i).name << key.size());
    uint32_t icvLength = IpsecGetIntegrityInfo(i).icvLength;
    switch (i)
    {
    case IpsecIntegrity::NONE:
        return nullptr;
    case IpsecIntegrity::HMAC_MD5_96:
        return std::make_unique<HmacAuthenticator<CryptoPP::Weak::MD5>>(icvLength, key);
    case IpsecIntegrity::HMAC_SHA1_96:
        return std::make_unique<HmacAuthenticator<CryptoPP::SHA1>>(icvLength, key);
    case IpsecIntegrity::HMAC_SHA256_128:
        return std::make_unique<HmacAuthenticator<CryptoPP::SHA256>>(icvLength, key);
    }
    NS_FATAL_ERROR("unknown integrity algorithm");
}

bool
IpsecAuthenticator::Verify(const uint8_t* data, size_t len, const uint8_t* icv)
{
    std::array<uint8_t, MAX_ICV> computed;
    Update(data, len);
    Final(computed.data());
    return CryptoPP::VerifyBufsEqual(computed.data(), icv, m_icvLength);
}

uint32_t
IpsecAuthenticator::GetIcvLength() const
{
    return m_icvLength;
}

} // namespace ns3
