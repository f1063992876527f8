/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef IKE_CERTIFICATE_AUTHORITY_H
#define IKE_CERTIFICATE_AUTHORITY_H

#include "ns3/ike-certificate.h"
#include "ns3/ike-credentials.h"
#include "ns3/ike-rsa.h"
#include "ns3/ptr.h"
#include "ns3/simple-ref-count.h"

#include <cryptopp/cryptlib.h>
#include <cryptopp/rsa.h>

#include <cstdint>
#include <string>
#include <vector>

namespace ns3
{

/**
 * \ingroup ipsec
 * \brief A certificate authority: a root, or a subordinate of another CA, that issues computer
 * certificates.
 *
 * Each CA numbers the certificates it signs 1, 2, 3 and so on. Its key size applies to the
 * keys it makes for its subordinates and computers unless a call gives another.
 *
 * Every certificate is X.509 v3 with a single-CN issuer and subject (PrintableString when the
 * name allows it, UTF8String otherwise), the fixed validity 2006-01-01 to 2036-01-01 in UTCTime,
 * and these extensions: keyUsage (critical; keyCertSign and cRLSign for a CA,
 * digitalSignature for a computer), basicConstraints cA TRUE (critical, CAs only),
 * subjectKeyIdentifier (SHA-1 of the public key, RFC 5280 4.2.1.2 method 1) and, except on
 * roots, authorityKeyIdentifier. All keys use the public exponent 65537.
 */
class IkeCertificateAuthority : public SimpleRefCount<IkeCertificateAuthority>
{
  public:
    /**
     * \brief Make a root CA with a new key and a self-signed certificate (serial 1 of its own
     * numbering).
     * \param name the CA's common name
     * \param rng source of the key (deterministic for an IkeRandom)
     * \param keyBits RSA modulus size
     * \return the CA
     * \throws IpsecConfigError with field "name" for an empty name, "keyBits" outside
     *         IKE_RSA_MIN_KEY_BITS..IKE_RSA_MAX_KEY_BITS
     */
    static Ptr<IkeCertificateAuthority> CreateRoot(const std::string& name,
                                                   CryptoPP::RandomNumberGenerator& rng,
                                                   uint32_t keyBits = IKE_RSA_DEFAULT_KEY_BITS);

    /**
     * \brief Make a subordinate CA with a new key and a certificate this CA signs.
     * \param name the subordinate's common name
     * \param rng source of the key
     * \param keyBits RSA modulus size; 0 for this CA's own size
     * \return the subordinate
     * \throws IpsecConfigError as CreateRoot
     */
    Ptr<IkeCertificateAuthority> CreateSubordinate(const std::string& name,
                                                   CryptoPP::RandomNumberGenerator& rng,
                                                   uint32_t keyBits = 0);

    /**
     * \brief Make a key and a computer certificate (keyUsage digitalSignature) for it.
     * \param computerName the computer's common name
     * \param rng source of the key
     * \param keyBits RSA modulus size; 0 for this CA's own size
     * \return the credentials: certificate, key, and this CA's chain
     * \throws IpsecConfigError as CreateRoot
     */
    Ptr<IkeCredentials> Issue(const std::string& computerName,
                              CryptoPP::RandomNumberGenerator& rng,
                              uint32_t keyBits = 0);

    /** \return this CA's certificate */
    Ptr<IkeCertificate> GetCertificate() const;

    /** \return this CA's certificate, then those above it, root last */
    const std::vector<Ptr<IkeCertificate>>& GetChain() const;

    /** \return this CA's common name */
    std::string GetName() const;

    /** \return the size of this CA's RSA modulus in bits */
    uint32_t GetKeyBits() const;

  private:
    IkeCertificateAuthority() = default;

    /**
     * \brief Sign a new certificate with this CA's key and the next serial number.
     * \param subject the subject's common name
     * \param subjectKey the subject's public key
     * \param isCa true for a CA certificate, false for a computer certificate
     * \return the certificate
     */
    Ptr<IkeCertificate> Sign(const std::string& subject,
                             const CryptoPP::RSA::PublicKey& subjectKey,
                             bool isCa);

    std::string m_name;                       //!< common name
    uint32_t m_keyBits{0};                    //!< modulus size
    uint64_t m_nextSerial{1};                 //!< serial number of the next certificate signed
    CryptoPP::InvertibleRSAFunction m_key;    //!< private key
    std::vector<Ptr<IkeCertificate>> m_chain; //!< own certificate first, root last
};

} // namespace ns3

#endif /* IKE_CERTIFICATE_AUTHORITY_H */
