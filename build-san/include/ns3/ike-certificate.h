/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef IKE_CERTIFICATE_H
#define IKE_CERTIFICATE_H

#include "ns3/ptr.h"
#include "ns3/simple-ref-count.h"

#include <cryptopp/rsa.h>

#include <cstdint>
#include <string>
#include <vector>

namespace ns3
{

/**
 * \ingroup ipsec
 * \brief A parsed X.509 certificate: its DER bytes and the fields IKE needs.
 *
 * Parsing is strict DER. Tags and lengths are checked, as are the version, the algorithms
 * (sha1WithRSAEncryption over an RSA key) and the extensions. Nothing may follow the
 * certificate. Names are kept as their raw DER, which is what the ID_DER_ASN1_DN
 * identification and the certificate request payloads carry. They are compared byte for byte,
 * which suffices here because one CA always writes a name the same way.
 */
class IkeCertificate : public SimpleRefCount<IkeCertificate>
{
  public:
    /**
     * \brief Parse a DER certificate.
     * \param der the certificate, and nothing after it
     * \param[out] error what is wrong and where, when parsing fails; cleared on success
     * \return the certificate, or nullptr on bad input (never an exception or a crash)
     */
    static Ptr<IkeCertificate> Parse(const std::vector<uint8_t>& der, std::string& error);

    /** \return the whole certificate, DER, as parsed */
    const std::vector<uint8_t>& GetDer() const;

    /** \return the common name (CN) of the subject */
    std::string GetSubject() const;

    /** \return the common name (CN) of the issuer */
    std::string GetIssuer() const;

    /** \return the DER of the subject Name (for ID_DER_ASN1_DN and CERT_REQ payloads) */
    const std::vector<uint8_t>& GetSubjectName() const;

    /** \return the DER of the issuer Name */
    const std::vector<uint8_t>& GetIssuerName() const;

    /** \return the serial number: the INTEGER's content bytes, big-endian */
    const std::vector<uint8_t>& GetSerialNumber() const;

    /** \return true if the certificate has basicConstraints with cA TRUE */
    bool IsCa() const;

    /** \return the size of the subject's RSA modulus in bits */
    uint32_t GetKeyBits() const;

    /** \return the subject's public key */
    const CryptoPP::RSA::PublicKey& GetPublicKey() const;

    /**
     * \return true if the issuer name equals the subject name and the certificate's own key
     *         verifies its signature
     */
    bool IsSelfSigned() const;

    /**
     * \brief Check this certificate's signature with another certificate's key.
     *
     * It is a real RSA-SHA1 (PKCS #1 v1.5) verification of the tbsCertificate bytes. Names are
     * not compared; IkeVerifyChain does that.
     * \param issuer the certificate whose public key should have signed this one
     * \return true if the signature is valid under that key
     */
    bool IsSignedBy(const IkeCertificate& issuer) const;

    /**
     * \brief Check an IKEv1 RSA signature (RFC 2409 5.1).
     *
     * The signed data is the raw HASH_I or HASH_R. It is padded with PKCS #1 v1.5 block type 1
     * and carries no DigestInfo, as IKEv1 implementations (Windows among them) sign it.
     * \param hash HASH_I or HASH_R as computed by the verifier
     * \param signature the data of the SIG payload
     * \return true if the signature matches the hash under this certificate's key
     */
    bool VerifyHash(const std::vector<uint8_t>& hash, const std::vector<uint8_t>& signature) const;

  private:
    IkeCertificate() = default;

    std::vector<uint8_t> m_der;           //!< the whole certificate
    std::vector<uint8_t> m_tbs;           //!< the tbsCertificate, tag and length included
    std::vector<uint8_t> m_signature;     //!< the signature bits
    std::vector<uint8_t> m_serial;        //!< serial number content bytes
    std::vector<uint8_t> m_issuerName;    //!< DER of the issuer Name
    std::vector<uint8_t> m_subjectName;   //!< DER of the subject Name
    std::string m_issuer;                 //!< issuer CN
    std::string m_subject;                //!< subject CN
    bool m_isCa{false};                   //!< basicConstraints cA
    CryptoPP::RSA::PublicKey m_publicKey; //!< the subject's key
};

} // namespace ns3

#endif /* IKE_CERTIFICATE_H */
