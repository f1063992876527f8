/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ike-dh.h"

#include "ns3/abort.h"
#include "ns3/assert.h"
#include "ns3/ipsec-config-error.h"

#include <cryptopp/nbtheory.h>

#include <cctype>
#include <sstream>
#include <string>

namespace ns3
{

namespace
{

// The primes as the RFCs print them; spaces are ignored. Generator 2 for all of them.

/** RFC 2409 6.1, First Oakley Default Group: 2^768 - 2^704 - 1 + 2^64 * {[2^638 pi] + 149686}. */
const char* const MODP_768_HEX = "FFFFFFFF FFFFFFFF C90FDAA2 2168C234 C4C6628B 80DC1CD1"
                                 "29024E08 8A67CC74 020BBEA6 3B139B22 514A0879 8E3404DD"
                                 "EF9519B3 CD3A431B 302B0A6D F25F1437 4FE1356D 6D51C245"
                                 "E485B576 625E7EC6 F44C42E9 A63A3620 FFFFFFFF FFFFFFFF";

/** RFC 2409 6.2, Second Oakley Group: 2^1024 - 2^960 - 1 + 2^64 * {[2^894 pi] + 129093}. */
const char* const MODP_1024_HEX = "FFFFFFFF FFFFFFFF C90FDAA2 2168C234 C4C6628B 80DC1CD1"
                                  "29024E08 8A67CC74 020BBEA6 3B139B22 514A0879 8E3404DD"
                                  "EF9519B3 CD3A431B 302B0A6D F25F1437 4FE1356D 6D51C245"
                                  "E485B576 625E7EC6 F44C42E9 A637ED6B 0BFF5CB6 F406B7ED"
                                  "EE386BFB 5A899FA5 AE9F2411 7C4B1FE6 49286651 ECE65381"
                                  "FFFFFFFF FFFFFFFF";

/** RFC 3526 3, 2048-bit MODP Group: 2^2048 - 2^1984 - 1 + 2^64 * {[2^1918 pi] + 124476}. */
const char* const MODP_2048_HEX = "FFFFFFFF FFFFFFFF C90FDAA2 2168C234 C4C6628B 80DC1CD1"
                                  "29024E08 8A67CC74 020BBEA6 3B139B22 514A0879 8E3404DD"
                                  "EF9519B3 CD3A431B 302B0A6D F25F1437 4FE1356D 6D51C245"
                                  "E485B576 625E7EC6 F44C42E9 A637ED6B 0BFF5CB6 F406B7ED"
                                  "EE386BFB 5A899FA5 AE9F2411 7C4B1FE6 49286651 ECE45B3D"
                                  "C2007CB8 A163BF05 98DA4836 1C55D39A 69163FA8 FD24CF5F"
                                  "83655D23 DCA3AD96 1C62F356 208552BB 9ED52907 7096966D"
                                  "670C354E 4ABC9804 F1746C08 CA18217C 32905E46 2E36CE3B"
                                  "E39E772C 180E8603 9B2783A2 EC07A28F B5C55DF0 6F4C52C9"
                                  "DE2BCBF6 95581718 3995497C EA956AE5 15D22618 98FA0510"
                                  "15728E5A 8AACAA68 FFFFFFFF FFFFFFFF";

/** The fixed data of one group. */
struct GroupData
{
    std::vector<uint8_t> prime; //!< big-endian bytes
    CryptoPP::Integer p;        //!< the same prime as a number
    uint32_t exponentBits;      //!< see IkeGetDhExponentBits
};

std::vector<uint8_t>
ParseHex(const char* hex)
{
    std::vector<uint8_t> out;
    std::string pair;
    for (const char* c = hex; *c != '\0'; ++c)
    {
        if (std::isxdigit(static_cast<unsigned char>(*c)))
        {
            pair += *c;
            if (pair.size() == 2)
            {
                out.push_back(static_cast<uint8_t>(std::stoul(pair, nullptr, 16)));
                pair.clear();
            }
        }
    }
    NS_ABORT_MSG_IF(!pair.empty(), "odd number of hex digits in a prime");
    return out;
}

GroupData
MakeGroup(const char* hex, uint32_t exponentBits)
{
    GroupData g;
    g.prime = ParseHex(hex);
    g.p = CryptoPP::Integer(g.prime.data(), g.prime.size());
    g.exponentBits = exponentBits;
    return g;
}

/** The group's data, built on first use. */
const GroupData&
GetGroupData(IkeDhGroup group)
{
    // Exponent sizes: twice the upper strength estimate of RFC 3526 sections 1 and 8.
    static const GroupData modp768 = MakeGroup(MODP_768_HEX, 160);
    static const GroupData modp1024 = MakeGroup(MODP_1024_HEX, 160);
    static const GroupData modp2048 = MakeGroup(MODP_2048_HEX, 320);
    switch (group)
    {
    case IkeDhGroup::MODP_768:
        return modp768;
    case IkeDhGroup::MODP_1024:
        return modp1024;
    case IkeDhGroup::MODP_2048:
        return modp2048;
    }
    NS_FATAL_ERROR("unknown Diffie-Hellman group " << static_cast<uint16_t>(group));
}

/** The generator of every group here (RFC 2409 6.1 and 6.2, RFC 3526 3). */
const CryptoPP::Integer&
Generator()
{
    static const CryptoPP::Integer two(2);
    return two;
}

/** \p value as IkeGetDhPrimeLength bytes, big-endian, left-padded with zeros. */
std::vector<uint8_t>
Encode(const CryptoPP::Integer& value, size_t length)
{
    std::vector<uint8_t> out(length);
    value.Encode(out.data(), out.size());
    return out;
}

} // namespace

bool
IkeIsSupportedDhGroup(uint16_t value)
{
    return value == static_cast<uint16_t>(IkeDhGroup::MODP_768) ||
           value == static_cast<uint16_t>(IkeDhGroup::MODP_1024) ||
           value == static_cast<uint16_t>(IkeDhGroup::MODP_2048);
}

const std::vector<uint8_t>&
IkeGetDhPrime(IkeDhGroup group)
{
    return GetGroupData(group).prime;
}

uint32_t
IkeGetDhPrimeLength(IkeDhGroup group)
{
    return static_cast<uint32_t>(GetGroupData(group).prime.size());
}

uint32_t
IkeGetDhExponentBits(IkeDhGroup group)
{
    return GetGroupData(group).exponentBits;
}

std::ostream&
operator<<(std::ostream& os, IkeDhGroup group)
{
    switch (group)
    {
    case IkeDhGroup::MODP_768:
        return os << "modp768";
    case IkeDhGroup::MODP_1024:
        return os << "modp1024";
    case IkeDhGroup::MODP_2048:
        return os << "modp2048";
    }
    return os << "group(" << static_cast<uint16_t>(group) << ")";
}

IkeRandom::IkeRandom(Ptr<UniformRandomVariable> stream)
    : m_stream(stream)
{
    NS_ABORT_MSG_IF(!m_stream, "IkeRandom needs a random variable");
}

void
IkeRandom::GenerateBlock(CryptoPP::byte* output, size_t size)
{
    for (size_t i = 0; i < size; ++i)
    {
        output[i] = static_cast<CryptoPP::byte>(m_stream->GetInteger(0, 255));
    }
}

std::vector<uint8_t>
IkeRandom::GenerateBytes(size_t size)
{
    std::vector<uint8_t> out(size);
    GenerateBlock(out.data(), out.size());
    return out;
}

Ptr<UniformRandomVariable>
IkeRandom::GetStream() const
{
    return m_stream;
}

std::vector<uint8_t>
IkeMakeNonce(CryptoPP::RandomNumberGenerator& rng, size_t length)
{
    if (length < IKE_NONCE_MIN_LENGTH || length > IKE_NONCE_MAX_LENGTH)
    {
        std::ostringstream os;
        os << "a nonce has " << IKE_NONCE_MIN_LENGTH << " to " << IKE_NONCE_MAX_LENGTH
           << " bytes (RFC 2409 5), not " << length;
        throw IpsecConfigError("nonce", os.str());
    }
    std::vector<uint8_t> nonce(length);
    rng.GenerateBlock(nonce.data(), nonce.size());
    return nonce;
}

IkeDhKeyPair::IkeDhKeyPair(IkeDhGroup group, CryptoPP::RandomNumberGenerator& rng)
    : m_group(group)
{
    const GroupData& g = GetGroupData(group);
    std::vector<uint8_t> exponent(g.exponentBits / 8);
    rng.GenerateBlock(exponent.data(), exponent.size());
    m_privateKey = CryptoPP::Integer(exponent.data(), exponent.size());
    // A fixed top bit gives every exchange the same cost and keeps x well above 1.
    m_privateKey.SetBit(g.exponentBits - 1);
    m_publicValue =
        Encode(CryptoPP::ModularExponentiation(Generator(), m_privateKey, g.p), g.prime.size());
}

IkeDhGroup
IkeDhKeyPair::GetGroup() const
{
    return m_group;
}

const std::vector<uint8_t>&
IkeDhKeyPair::GetPublicValue() const
{
    return m_publicValue;
}

IsakmpStatus
IkeDhKeyPair::ComputeSharedSecret(const std::vector<uint8_t>& peerPublicValue,
                                  std::vector<uint8_t>& sharedSecret) const
{
    sharedSecret.clear();
    const GroupData& g = GetGroupData(m_group);
    if (peerPublicValue.size() != g.prime.size())
    {
        std::ostringstream os;
        os << "public value of " << peerPublicValue.size() << " bytes, " << m_group << " needs "
           << g.prime.size();
        return IsakmpStatus::Error(IsakmpNotifyType::INVALID_KEY_INFORMATION, os.str());
    }
    CryptoPP::Integer y(peerPublicValue.data(), peerPublicValue.size());
    if (y <= CryptoPP::Integer::One() || y >= g.p - CryptoPP::Integer::One())
    {
        return IsakmpStatus::Error(IsakmpNotifyType::INVALID_KEY_INFORMATION,
                                   "public value is not between 1 and p-1");
    }
    sharedSecret = Encode(CryptoPP::ModularExponentiation(y, m_privateKey, g.p), g.prime.size());
    return IsakmpStatus::Ok();
}

std::vector<uint8_t>
IkeDhRunOnce(IkeDhGroup group, CryptoPP::RandomNumberGenerator& rng)
{
    IkeDhKeyPair pair(group, rng);
    std::vector<uint8_t> secret;
    IsakmpStatus status = pair.ComputeSharedSecret(pair.GetPublicValue(), secret);
    NS_ABORT_MSG_IF(!status.IsOk(), "own public value refused: " << status);
    return secret;
}

} // namespace ns3
