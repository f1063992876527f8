/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef IKE_RSA_H
#define IKE_RSA_H

#include <cryptopp/pssr.h>
#include <cryptopp/rsa.h>
#include <cryptopp/sha.h>

#include <cstdint>
#include <vector>

// RSA for the simulated PKI: key generation with checked sizes and the IKEv1 signature block.

namespace ns3
{

/** Default RSA modulus size: the Windows Server 2003 certificate services default. */
constexpr uint32_t IKE_RSA_DEFAULT_KEY_BITS = 1024;
/** Smallest RSA modulus this model makes (room for PKCS #1 v1.5 with a SHA-1 DigestInfo). */
constexpr uint32_t IKE_RSA_MIN_KEY_BITS = 512;
/** Largest RSA modulus this model makes. */
constexpr uint32_t IKE_RSA_MAX_KEY_BITS = 4096;

/** RSA-SHA1 PKCS #1 v1.5 signer (certificate signatures). */
using IkeRsaSha1Signer = CryptoPP::RSASS<CryptoPP::PKCS1v15, CryptoPP::SHA1>::Signer;
/** RSA-SHA1 PKCS #1 v1.5 verifier (certificate signatures). */
using IkeRsaSha1Verifier = CryptoPP::RSASS<CryptoPP::PKCS1v15, CryptoPP::SHA1>::Verifier;

/**
 * \brief Check a key size and make a key of that size, public exponent 65537.
 * \param rng source of the key (deterministic for an IkeRandom)
 * \param keyBits modulus size
 * \return the key pair
 * \throws IpsecConfigError with field "keyBits" outside IKE_RSA_MIN_KEY_BITS..IKE_RSA_MAX_KEY_BITS
 */
CryptoPP::InvertibleRSAFunction IkeRsaMakeKey(CryptoPP::RandomNumberGenerator& rng,
                                              uint32_t keyBits);

/**
 * \param key a key pair
 * \return its public half
 */
CryptoPP::RSA::PublicKey IkeRsaPublicOf(const CryptoPP::InvertibleRSAFunction& key);

/**
 * \brief PKCS #1 v1.5 block type 1 around \p hash, as IKEv1 signs it (no DigestInfo).
 * \param hash the hash (at most modulusBytes - 11 bytes)
 * \param modulusBytes the modulus length
 * \return the block to sign, or to compare a verified signature with
 */
std::vector<uint8_t> IkeRsaSignatureBlock(const std::vector<uint8_t>& hash, size_t modulusBytes);

/**
 * \brief Random bytes for the blinding Crypto++ applies to private key operations.
 *
 * Blinding does not change an RSA PKCS #1 v1.5 signature, so these bytes need not come from
 * the simulation: they leave the caller's stream to key generation alone.
 * \return the generator
 */
CryptoPP::RandomNumberGenerator& IkeRsaBlinding();

} // namespace ns3

#endif /* IKE_RSA_H */
