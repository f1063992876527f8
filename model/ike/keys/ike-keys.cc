/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ike-keys.h"

#include "ns3/abort.h"
#include "ns3/ipsec-config-error.h"

// MD5 lives in Crypto++'s "weak" namespace; IKEv1 still negotiates it.
#define CRYPTOPP_ENABLE_NAMESPACE_WEAK 1
#include <cryptopp/hmac.h>
#include <cryptopp/md5.h>
#include <cryptopp/sha.h>

#include <algorithm>
#include <sstream>

namespace ns3
{

namespace
{

/** An empty key or message may have no storage; Crypto++ reads the pointer regardless. */
const uint8_t*
DataOrDummy(const std::vector<uint8_t>& bytes)
{
    static const uint8_t dummy = 0;
    return bytes.empty() ? &dummy : bytes.data();
}

[[noreturn]] void
AbortUnsupportedHash(IkeHashAlgorithm hash)
{
    NS_FATAL_ERROR("IKE hash algorithm " << static_cast<uint16_t>(hash)
                                         << " is not supported (check IkeIsSupportedHash)");
}

std::unique_ptr<CryptoPP::MessageAuthenticationCode>
MakeHmac(IkeHashAlgorithm hash, const std::vector<uint8_t>& key)
{
    const uint8_t* k = DataOrDummy(key);
    switch (hash)
    {
    case IKE_HASH_MD5:
        return std::make_unique<CryptoPP::HMAC<CryptoPP::Weak::MD5>>(k, key.size());
    case IKE_HASH_SHA:
        return std::make_unique<CryptoPP::HMAC<CryptoPP::SHA1>>(k, key.size());
    case IKE_HASH_SHA2_256:
        return std::make_unique<CryptoPP::HMAC<CryptoPP::SHA256>>(k, key.size());
    }
    AbortUnsupportedHash(hash);
}

std::unique_ptr<CryptoPP::HashTransformation>
MakeHash(IkeHashAlgorithm hash)
{
    switch (hash)
    {
    case IKE_HASH_MD5:
        return std::make_unique<CryptoPP::Weak::MD5>();
    case IKE_HASH_SHA:
        return std::make_unique<CryptoPP::SHA1>();
    case IKE_HASH_SHA2_256:
        return std::make_unique<CryptoPP::SHA256>();
    }
    AbortUnsupportedHash(hash);
}

/** Lower-case hex of \p bytes. */
std::string
ToHex(const uint8_t* bytes, size_t size)
{
    static const char digits[] = "0123456789abcdef";
    std::string out;
    out.reserve(2 * size);
    for (size_t i = 0; i < size; ++i)
    {
        out += digits[bytes[i] >> 4];
        out += digits[bytes[i] & 0x0f];
    }
    return out;
}

/** The first \p blockSize bytes of \p digest: RFC 2409 appendix B cuts IV hashes so. */
std::vector<uint8_t>
CutToBlock(std::vector<uint8_t> digest, uint32_t blockSize)
{
    NS_ABORT_MSG_IF(digest.size() < blockSize,
                    "a " << digest.size() << "-byte hash cannot make a " << blockSize
                         << "-byte IV");
    digest.resize(blockSize);
    return digest;
}

/** The last block of a CBC ciphertext: the IV of the next message (RFC 2409 appendix B). */
std::vector<uint8_t>
LastBlock(const std::vector<uint8_t>& ciphertext, uint32_t blockSize)
{
    return std::vector<uint8_t>(ciphertext.end() - blockSize, ciphertext.end());
}

} // namespace

bool
IkeIsSupportedHash(uint16_t value)
{
    return value == IKE_HASH_MD5 || value == IKE_HASH_SHA || value == IKE_HASH_SHA2_256;
}

uint32_t
IkeGetHashLength(IkeHashAlgorithm hash)
{
    switch (hash)
    {
    case IKE_HASH_MD5:
        return 16;
    case IKE_HASH_SHA:
        return 20;
    case IKE_HASH_SHA2_256:
        return 32;
    }
    AbortUnsupportedHash(hash);
}

std::vector<uint8_t>
IkeHash(IkeHashAlgorithm hash, const std::vector<uint8_t>& data)
{
    auto h = MakeHash(hash);
    std::vector<uint8_t> digest(h->DigestSize());
    h->CalculateDigest(digest.data(), DataOrDummy(data), data.size());
    return digest;
}

IkePrf::IkePrf(IkeHashAlgorithm hash, const std::vector<uint8_t>& key)
    : m_mac(MakeHmac(hash, key))
{
}

IkePrf::~IkePrf() = default;

IkePrf&
IkePrf::Update(const uint8_t* data, size_t size)
{
    if (size > 0)
    {
        m_mac->Update(data, size);
    }
    return *this;
}

IkePrf&
IkePrf::Update(const std::vector<uint8_t>& data)
{
    return Update(data.data(), data.size());
}

IkePrf&
IkePrf::UpdateByte(uint8_t value)
{
    return Update(&value, 1);
}

IkePrf&
IkePrf::UpdateUint32(uint32_t value)
{
    uint8_t bytes[4];
    for (int i = 3; i >= 0; --i)
    {
        bytes[i] = static_cast<uint8_t>(value);
        value >>= 8;
    }
    return Update(bytes, sizeof(bytes));
}

IkePrf&
IkePrf::UpdateUint64(uint64_t value)
{
    uint8_t bytes[8];
    for (int i = 7; i >= 0; --i)
    {
        bytes[i] = static_cast<uint8_t>(value);
        value >>= 8;
    }
    return Update(bytes, sizeof(bytes));
}

std::vector<uint8_t>
IkePrf::Final()
{
    std::vector<uint8_t> out(m_mac->DigestSize());
    m_mac->Final(out.data());
    return out;
}

std::vector<uint8_t>
IkeSkeyidPreSharedKey(IkeHashAlgorithm hash,
                      const std::vector<uint8_t>& preSharedKey,
                      const std::vector<uint8_t>& niB,
                      const std::vector<uint8_t>& nrB)
{
    return IkePrf(hash, preSharedKey).Update(niB).Update(nrB).Final();
}

std::vector<uint8_t>
IkeSkeyidSignature(IkeHashAlgorithm hash,
                   const std::vector<uint8_t>& niB,
                   const std::vector<uint8_t>& nrB,
                   const std::vector<uint8_t>& gxy)
{
    std::vector<uint8_t> nonces(niB);
    nonces.insert(nonces.end(), nrB.begin(), nrB.end());
    return IkePrf(hash, nonces).Update(gxy).Final();
}

IkePhase1Keys
IkeDerivePhase1Keys(IkeHashAlgorithm hash,
                    const std::vector<uint8_t>& skeyid,
                    const std::vector<uint8_t>& gxy,
                    uint64_t cookieI,
                    uint64_t cookieR)
{
    IkePhase1Keys keys;
    keys.skeyid = skeyid;
    IkePrf prf(hash, skeyid);
    keys.skeyidD =
        prf.Update(gxy).UpdateUint64(cookieI).UpdateUint64(cookieR).UpdateByte(0).Final();
    keys.skeyidA = prf.Update(keys.skeyidD)
                       .Update(gxy)
                       .UpdateUint64(cookieI)
                       .UpdateUint64(cookieR)
                       .UpdateByte(1)
                       .Final();
    keys.skeyidE = prf.Update(keys.skeyidA)
                       .Update(gxy)
                       .UpdateUint64(cookieI)
                       .UpdateUint64(cookieR)
                       .UpdateByte(2)
                       .Final();
    return keys;
}

std::vector<uint8_t>
IkeHashI(IkeHashAlgorithm hash,
         const std::vector<uint8_t>& skeyid,
         const std::vector<uint8_t>& gxi,
         const std::vector<uint8_t>& gxr,
         uint64_t cookieI,
         uint64_t cookieR,
         const std::vector<uint8_t>& saiB,
         const std::vector<uint8_t>& idiiB)
{
    return IkePrf(hash, skeyid)
        .Update(gxi)
        .Update(gxr)
        .UpdateUint64(cookieI)
        .UpdateUint64(cookieR)
        .Update(saiB)
        .Update(idiiB)
        .Final();
}

std::vector<uint8_t>
IkeHashR(IkeHashAlgorithm hash,
         const std::vector<uint8_t>& skeyid,
         const std::vector<uint8_t>& gxi,
         const std::vector<uint8_t>& gxr,
         uint64_t cookieI,
         uint64_t cookieR,
         const std::vector<uint8_t>& saiB,
         const std::vector<uint8_t>& idirB)
{
    // RFC 2409 5: HASH_R is HASH_I with the two sides' values swapped (SAi_b stays).
    return IkeHashI(hash, skeyid, gxr, gxi, cookieR, cookieI, saiB, idirB);
}

std::vector<uint8_t>
IkeAppendixBKey(IkeHashAlgorithm hash, const std::vector<uint8_t>& skeyidE, size_t length)
{
    if (length <= skeyidE.size())
    {
        return std::vector<uint8_t>(skeyidE.begin(), skeyidE.begin() + length);
    }
    IkePrf prf(hash, skeyidE);
    std::vector<uint8_t> block = prf.UpdateByte(0).Final();
    std::vector<uint8_t> key(block);
    while (key.size() < length)
    {
        block = prf.Update(block).Final();
        key.insert(key.end(), block.begin(), block.end());
    }
    key.resize(length);
    return key;
}

bool
IkeIsPhase1Cipher(IpsecEncryption e)
{
    return e == IpsecEncryption::DES_CBC || e == IpsecEncryption::TRIPLE_DES_CBC ||
           e == IpsecEncryption::AES_CBC_128 || e == IpsecEncryption::AES_CBC_256;
}

std::vector<uint8_t>
IkePhase1EncryptionKey(IkeHashAlgorithm hash,
                       const std::vector<uint8_t>& skeyidE,
                       IpsecEncryption cipher)
{
    if (!IkeIsPhase1Cipher(cipher))
    {
        std::ostringstream os;
        os << cipher << " cannot protect IKE messages (use des, 3des, aes128 or aes256)";
        throw IpsecConfigError("cipher", os.str());
    }
    return IkeAppendixBKey(hash, skeyidE, IpsecGetEncryptionInfo(cipher).keyLength);
}

uint32_t
IkeGetBlockSize(IpsecEncryption cipher)
{
    NS_ABORT_MSG_UNLESS(IkeIsPhase1Cipher(cipher), cipher << " is not an IKE phase 1 cipher");
    return IpsecGetEncryptionInfo(cipher).blockSize;
}

std::vector<uint8_t>
IkePhase1Iv(IkeHashAlgorithm hash,
            const std::vector<uint8_t>& gxi,
            const std::vector<uint8_t>& gxr,
            uint32_t blockSize)
{
    std::vector<uint8_t> input(gxi);
    input.insert(input.end(), gxr.begin(), gxr.end());
    return CutToBlock(IkeHash(hash, input), blockSize);
}

std::vector<uint8_t>
IkePhase2Iv(IkeHashAlgorithm hash,
            const std::vector<uint8_t>& lastPhase1Block,
            uint32_t messageId,
            uint32_t blockSize)
{
    std::vector<uint8_t> input(lastPhase1Block);
    for (int shift = 24; shift >= 0; shift -= 8)
    {
        input.push_back(static_cast<uint8_t>(messageId >> shift));
    }
    return CutToBlock(IkeHash(hash, input), blockSize);
}

void
IkePadToBlock(std::vector<uint8_t>& data, uint32_t blockSize)
{
    NS_ABORT_MSG_IF(blockSize == 0, "block size of zero");
    size_t remainder = data.size() % blockSize;
    if (remainder != 0)
    {
        data.resize(data.size() + blockSize - remainder, 0);
    }
}

std::vector<uint8_t>
IkeEncryptBody(IpsecCipher& cipher,
               const std::vector<uint8_t>& iv,
               const std::vector<uint8_t>& plaintext,
               std::vector<uint8_t>& nextIv)
{
    uint32_t blockSize = IkeGetBlockSize(cipher.GetAlgorithm());
    NS_ABORT_MSG_IF(iv.size() != blockSize,
                    "IV of " << iv.size() << " bytes for a " << blockSize << "-byte block");
    // Every encrypted IKE message has at least a HASH payload; nothing would chain the IV.
    NS_ABORT_MSG_IF(plaintext.empty(), "nothing to encrypt");
    std::vector<uint8_t> data(plaintext);
    IkePadToBlock(data, blockSize);
    cipher.Encrypt(iv.data(), data.data(), data.size());
    nextIv = LastBlock(data, blockSize);
    return data;
}

IsakmpStatus
IkeDecryptBody(IpsecCipher& cipher,
               const std::vector<uint8_t>& iv,
               const std::vector<uint8_t>& ciphertext,
               std::vector<uint8_t>& plaintext,
               std::vector<uint8_t>& nextIv)
{
    plaintext.clear();
    uint32_t blockSize = IkeGetBlockSize(cipher.GetAlgorithm());
    NS_ABORT_MSG_IF(iv.size() != blockSize,
                    "IV of " << iv.size() << " bytes for a " << blockSize << "-byte block");
    if (ciphertext.empty() || ciphertext.size() % blockSize != 0)
    {
        std::ostringstream os;
        os << "encrypted body of " << ciphertext.size() << " bytes is not a positive multiple"
           << " of the " << blockSize << "-byte block";
        return IsakmpStatus::Error(IsakmpNotifyType::PAYLOAD_MALFORMED, os.str());
    }
    plaintext = ciphertext;
    cipher.Decrypt(iv.data(), plaintext.data(), plaintext.size());
    nextIv = LastBlock(ciphertext, blockSize);
    return IsakmpStatus::Ok();
}

std::vector<uint8_t>
IkeQuickModeHash1(IkeHashAlgorithm hash,
                  const std::vector<uint8_t>& skeyidA,
                  uint32_t messageId,
                  const std::vector<uint8_t>& rest)
{
    return IkePrf(hash, skeyidA).UpdateUint32(messageId).Update(rest).Final();
}

std::vector<uint8_t>
IkeQuickModeHash2(IkeHashAlgorithm hash,
                  const std::vector<uint8_t>& skeyidA,
                  uint32_t messageId,
                  const std::vector<uint8_t>& niB,
                  const std::vector<uint8_t>& rest)
{
    return IkePrf(hash, skeyidA).UpdateUint32(messageId).Update(niB).Update(rest).Final();
}

std::vector<uint8_t>
IkeQuickModeHash3(IkeHashAlgorithm hash,
                  const std::vector<uint8_t>& skeyidA,
                  uint32_t messageId,
                  const std::vector<uint8_t>& niB,
                  const std::vector<uint8_t>& nrB)
{
    return IkePrf(hash, skeyidA)
        .UpdateByte(0)
        .UpdateUint32(messageId)
        .Update(niB)
        .Update(nrB)
        .Final();
}

std::vector<uint8_t>
IkePrfExpand(IkeHashAlgorithm hash,
             const std::vector<uint8_t>& key,
             const std::vector<uint8_t>& seed,
             size_t length)
{
    IkePrf prf(hash, key);
    std::vector<uint8_t> block = prf.Update(seed).Final();
    std::vector<uint8_t> out(block);
    while (out.size() < length)
    {
        block = prf.Update(block).Update(seed).Final();
        out.insert(out.end(), block.begin(), block.end());
    }
    out.resize(length);
    return out;
}

std::vector<uint8_t>
IkeQuickModeKeymat(IkeHashAlgorithm hash,
                   const std::vector<uint8_t>& skeyidD,
                   const std::vector<uint8_t>& gqmxy,
                   IsakmpProtocolId protocol,
                   uint32_t spi,
                   const std::vector<uint8_t>& niB,
                   const std::vector<uint8_t>& nrB,
                   size_t length)
{
    std::vector<uint8_t> seed(gqmxy);
    seed.push_back(static_cast<uint8_t>(protocol));
    for (int shift = 24; shift >= 0; shift -= 8)
    {
        seed.push_back(static_cast<uint8_t>(spi >> shift));
    }
    seed.insert(seed.end(), niB.begin(), niB.end());
    seed.insert(seed.end(), nrB.begin(), nrB.end());
    return IkePrfExpand(hash, skeyidD, seed, length);
}

IkeSaKeys
IkeQuickModeSaKeys(IkeHashAlgorithm hash,
                   const std::vector<uint8_t>& skeyidD,
                   const std::vector<uint8_t>& gqmxy,
                   IsakmpProtocolId protocol,
                   uint32_t spi,
                   const std::vector<uint8_t>& niB,
                   const std::vector<uint8_t>& nrB,
                   IpsecEncryption encryption,
                   IpsecIntegrity integrity)
{
    size_t encryptionLength = IpsecGetEncryptionInfo(encryption).keyLength;
    size_t integrityLength = IpsecGetIntegrityInfo(integrity).keyLength;
    IkeSaKeys keys;
    if (encryptionLength + integrityLength == 0)
    {
        return keys;
    }
    std::vector<uint8_t> keymat = IkeQuickModeKeymat(
        hash, skeyidD, gqmxy, protocol, spi, niB, nrB, encryptionLength + integrityLength);
    keys.encryptionKey.assign(keymat.begin(), keymat.begin() + encryptionLength);
    keys.integrityKey.assign(keymat.begin() + encryptionLength, keymat.end());
    return keys;
}

std::string
IkeWiresharkDecryptionLine(uint64_t cookieI, const std::vector<uint8_t>& encryptionKey)
{
    uint8_t cookie[8];
    for (int i = 7; i >= 0; --i)
    {
        cookie[i] = static_cast<uint8_t>(cookieI);
        cookieI >>= 8;
    }
    return ToHex(cookie, sizeof(cookie)) + "," + ToHex(encryptionKey.data(), encryptionKey.size());
}

} // namespace ns3
