/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef IKE_CREDENTIALS_H
#define IKE_CREDENTIALS_H

#include "ns3/ike-certificate.h"
#include "ns3/ptr.h"
#include "ns3/simple-ref-count.h"

#include <cryptopp/rsa.h>

#include <cstdint>
#include <vector>

namespace ns3
{

/**
 * \ingroup ipsec
 * \brief What one computer authenticates with: its certificate, its private key and the
 * certificates of the CAs above it.
 */
class IkeCredentials : public SimpleRefCount<IkeCredentials>
{
  public:
    /**
     * \param certificate the computer certificate
     * \param privateKey the private key that matches its public key
     * \param chain the issuing CA certificates, nearest first, root last
     */
    IkeCredentials(Ptr<IkeCertificate> certificate,
                   const CryptoPP::InvertibleRSAFunction& privateKey,
                   const std::vector<Ptr<IkeCertificate>>& chain);

    /** \return the computer certificate */
    Ptr<IkeCertificate> GetCertificate() const;

    /** \return the issuing CA certificates, nearest first, root last */
    const std::vector<Ptr<IkeCertificate>>& GetChain() const;

    /** \return the root CA certificate (the last of the chain) */
    Ptr<IkeCertificate> GetRoot() const;

    /**
     * \brief Make an IKEv1 RSA signature (RFC 2409 5.1); the counterpart of
     * IkeCertificate::VerifyHash.
     *
     * The result is deterministic and as long as the modulus. No random bytes are drawn from
     * the simulation: the blinding RSA uses does not change the result.
     * \param hash HASH_I or HASH_R (at most the modulus length minus 11 bytes)
     * \return the data of the SIG payload
     */
    std::vector<uint8_t> SignHash(const std::vector<uint8_t>& hash) const;

  private:
    Ptr<IkeCertificate> m_certificate;        //!< the computer certificate
    CryptoPP::InvertibleRSAFunction m_key;    //!< its private key
    std::vector<Ptr<IkeCertificate>> m_chain; //!< the CAs, nearest first
};

} // namespace ns3

#endif /* IKE_CREDENTIALS_H */
