/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ike-rsa.h"

#include "ns3/ipsec-config-error.h"

#include <algorithm>
#include <sstream>

namespace ns3
{

namespace
{

/** Public exponent of every key: F4, what CAs and Windows use (Crypto++ defaults to 17). */
const CryptoPP::Integer PUBLIC_EXPONENT(65537);

/**
 * Blinding bytes: a counter hashed with SHA-256 keeps every run free of outside randomness and
 * leaves the caller's stream to key generation alone.
 */
class BlindingRandom : public CryptoPP::RandomNumberGenerator
{
  public:
    void
    GenerateBlock(CryptoPP::byte* output, size_t size) override
    {
        while (size > 0)
        {
            CryptoPP::byte block[CryptoPP::SHA256::DIGESTSIZE];
            CryptoPP::byte counter[8];
            for (size_t i = 0; i < sizeof(counter); ++i)
            {
                counter[i] = static_cast<CryptoPP::byte>(m_counter >> (8 * i));
            }
            ++m_counter;
            CryptoPP::SHA256().CalculateDigest(block, counter, sizeof(counter));
            size_t n = std::min(size, sizeof(block));
            std::copy(block, block + n, output);
            output += n;
            size -= n;
        }
    }

  private:
    uint64_t m_counter{0}; //!< blocks drawn so far
};

} // namespace

CryptoPP::RandomNumberGenerator&
IkeRsaBlinding()
{
    static BlindingRandom rng;
    return rng;
}

CryptoPP::InvertibleRSAFunction
IkeRsaMakeKey(CryptoPP::RandomNumberGenerator& rng, uint32_t keyBits)
{
    if (keyBits < IKE_RSA_MIN_KEY_BITS || keyBits > IKE_RSA_MAX_KEY_BITS)
    {
        std::ostringstream os;
        os << "RSA keys have " << IKE_RSA_MIN_KEY_BITS << " to " << IKE_RSA_MAX_KEY_BITS
           << " bits, not " << keyBits;
        throw IpsecConfigError("keyBits", os.str());
    }
    CryptoPP::InvertibleRSAFunction key;
    key.Initialize(rng, keyBits, PUBLIC_EXPONENT);
    return key;
}

CryptoPP::RSA::PublicKey
IkeRsaPublicOf(const CryptoPP::InvertibleRSAFunction& key)
{
    CryptoPP::RSA::PublicKey pub;
    pub.Initialize(key.GetModulus(), key.GetPublicExponent());
    return pub;
}

std::vector<uint8_t>
IkeRsaSignatureBlock(const std::vector<uint8_t>& hash, size_t modulusBytes)
{
    std::vector<uint8_t> block(modulusBytes, 0xff);
    block[0] = 0x00;
    block[1] = 0x01;
    block[modulusBytes - hash.size() - 1] = 0x00;
    std::copy(hash.begin(), hash.end(), block.end() - hash.size());
    return block;
}

} // namespace ns3
