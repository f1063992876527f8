/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef IKE_DH_H
#define IKE_DH_H

#include "ns3/isakmp-payloads.h"
#include "ns3/ptr.h"
#include "ns3/random-variable-stream.h"

#include <cryptopp/cryptlib.h>
#include <cryptopp/integer.h>

#include <cstddef>
#include <cstdint>
#include <ostream>
#include <vector>

// Diffie-Hellman for IKEv1 (RFC 2409 5 and 6, RFC 3526 3) and the random source of IKE.
//
// Everything random in IKE (private exponents, nonces) comes from an IkeRandom the caller
// builds on an ns-3 random variable, so a simulation gives the same keys for the same seed and
// run, and different ones for another run.

namespace ns3
{

/**
 * \ingroup ipsec
 * \brief The MODP Diffie-Hellman groups of this model, numbered as the IKE group description
 * attribute (RFC 2409 A) numbers them; all use generator 2.
 */
enum class IkeDhGroup : uint16_t
{
    MODP_768 = 1,   //!< First Oakley Default Group (RFC 2409 6.1); Windows "low"
    MODP_1024 = 2,  //!< Second Oakley Group (RFC 2409 6.2); Windows "medium"
    MODP_2048 = 14, //!< 2048-bit MODP group (RFC 3526 3); Windows Server 2003 "high"
};

/**
 * \param value a group description attribute value (RFC 2409 A)
 * \return true if this model implements that group (1, 2 or 14)
 */
bool IkeIsSupportedDhGroup(uint16_t value);

/**
 * \param group a group
 * \return its prime as big-endian bytes, exactly as the RFC prints it
 */
const std::vector<uint8_t>& IkeGetDhPrime(IkeDhGroup group);

/**
 * \param group a group
 * \return bytes of its prime: the length of every public value and shared secret
 */
uint32_t IkeGetDhPrimeLength(IkeDhGroup group);

/**
 * \brief Bits of the private exponents this model draws for a group.
 *
 * RFC 3526 section 1 asks for twice as many exponent bits as the strength of the group. The
 * same section rates the RFC 2409 groups at 70 to 80 bits, and its section 8 rates the 2048-bit
 * group at 110 to 160 bits. Taking the upper estimates gives 160 bits for groups 1 and 2 and
 * 320 bits for group 14. Short exponents keep large simulations fast. Every exchange, and the
 * raw cost that IkeDhRunOnce measures, uses these sizes.
 * \param group a group
 * \return the exponent size in bits (the top bit is always set, so the cost is the same each
 *         time)
 */
uint32_t IkeGetDhExponentBits(IkeDhGroup group);

/**
 * \param os output stream
 * \param group a group
 * \return os, with "modp768", "modp1024" or "modp2048"
 */
std::ostream& operator<<(std::ostream& os, IkeDhGroup group);

/**
 * \ingroup ipsec
 * \brief A Crypto++ random number generator that draws its bytes from an ns-3 random variable.
 *
 * It hands Crypto++ the simulation's own random stream. That way private keys and nonces are
 * reproducible and follow the ns-3 seed and run. Each byte is one draw of
 * GetInteger(0, 255). It is not a cryptographic generator; a simulation needs none.
 */
class IkeRandom : public CryptoPP::RandomNumberGenerator
{
  public:
    /**
     * \param stream the source of randomness; assign it a stream number (SetStream or
     *        AssignStreams) so results do not depend on how many other variables exist
     */
    explicit IkeRandom(Ptr<UniformRandomVariable> stream);

    /**
     * \brief Fill a buffer with random bytes (the one primitive Crypto++ needs).
     * \param output the buffer
     * \param size its length
     */
    void GenerateBlock(CryptoPP::byte* output, size_t size) override;

    /**
     * \param size number of bytes
     * \return that many random bytes
     */
    std::vector<uint8_t> GenerateBytes(size_t size);

    /** \return the random variable bytes are drawn from */
    Ptr<UniformRandomVariable> GetStream() const;

  private:
    Ptr<UniformRandomVariable> m_stream; //!< source of every byte
};

/** Shortest nonce RFC 2409 section 5 allows, in bytes. */
constexpr size_t IKE_NONCE_MIN_LENGTH = 8;
/** Longest nonce RFC 2409 section 5 allows, in bytes. */
constexpr size_t IKE_NONCE_MAX_LENGTH = 256;

/**
 * \brief Make the data of a Nonce payload.
 * \param rng the random source
 * \param length bytes of nonce (RFC 2409 5: 8 to 256)
 * \return the nonce
 * \throws IpsecConfigError with field "nonce" if the length is outside 8..256
 */
std::vector<uint8_t> IkeMakeNonce(CryptoPP::RandomNumberGenerator& rng, size_t length);

/**
 * \ingroup ipsec
 * \brief One side's Diffie-Hellman key pair: private exponent x and public value g^x mod p.
 *
 * The public value is the data of the KE payload. It is big-endian and left-padded with zeros
 * to the length of the prime, as RFC 2409 section 5 requires. The shared secret g^xy has the
 * same form, which is how SKEYID and KEYMAT take it.
 */
class IkeDhKeyPair
{
  public:
    /**
     * \brief Draw a private exponent and compute the public value (one modular
     * exponentiation).
     * \param group the group
     * \param rng source of the private exponent (IkeGetDhExponentBits bits)
     */
    IkeDhKeyPair(IkeDhGroup group, CryptoPP::RandomNumberGenerator& rng);

    /** \return the group */
    IkeDhGroup GetGroup() const;

    /** \return g^x mod p, IkeGetDhPrimeLength bytes, big-endian */
    const std::vector<uint8_t>& GetPublicValue() const;

    /**
     * \brief Compute g^xy from the peer's KE payload data (one modular exponentiation).
     *
     * The peer value must be exactly the prime's length (RFC 2409 5) and lie strictly between
     * 1 and p-1. Values 0, 1 and p-1 would force a known shared secret. Values of p or more
     * are not in the group.
     * \param peerPublicValue the peer's g^y
     * \param[out] sharedSecret receives g^xy, IkeGetDhPrimeLength bytes, big-endian; cleared
     *             on error
     * \return ok, or INVALID_KEY_INFORMATION with the reason
     */
    IsakmpStatus ComputeSharedSecret(const std::vector<uint8_t>& peerPublicValue,
                                     std::vector<uint8_t>& sharedSecret) const;

  private:
    IkeDhGroup m_group;                 //!< the group
    CryptoPP::Integer m_privateKey;     //!< x
    std::vector<uint8_t> m_publicValue; //!< g^x mod p, padded to the prime length
};

/**
 * \brief One party's whole Diffie-Hellman work, for benchmarks of the raw cost.
 *
 * It makes a key pair and then computes a shared secret. Its own public value stands in for a
 * peer's, which costs the same: two modular exponentiations with the exponents a real exchange
 * uses.
 * \param group the group
 * \param rng source of the private exponent
 * \return the shared secret (so the work cannot be optimised away)
 */
std::vector<uint8_t> IkeDhRunOnce(IkeDhGroup group, CryptoPP::RandomNumberGenerator& rng);

} // namespace ns3

#endif /* IKE_DH_H */
