/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef IKE_PKI_H
#define IKE_PKI_H

#include "ns3/ptr.h"
#include "ns3/simple-ref-count.h"

#include <cryptopp/cryptlib.h>
#include <cryptopp/rsa.h>

#include <cstdint>
#include <string>
#include <vector>

// A simulated public key infrastructure for IKE certificate authentication (RFC 2409 5.1,
// RFC 4945): certificate authorities that issue computer certificates, as an Active Directory
// enterprise CA does for Windows IPsec.
//
// The cryptography is real. Keys are RSA keys made with Crypto++, certificates are DER X.509 v3
// certificates (RFC 5280) signed with sha1WithRSAEncryption, and openssl or Wireshark read them
// like any other certificate. What is fixed: validity runs from 2006-01-01 to 2036-01-01 on every
// certificate (a simulation has no wall clock to check it against), names are a single common
// name, and there is no revocation. Keys come from the caller's random source, so with an
// IkeRandom the same ns-3 seed and run give byte-identical certificates.

namespace ns3
{

/** Default RSA modulus size: the Windows Server 2003 certificate services default. */
constexpr uint32_t IKE_RSA_DEFAULT_KEY_BITS = 1024;
/** Smallest RSA modulus this model makes (room for PKCS #1 v1.5 with a SHA-1 DigestInfo). */
constexpr uint32_t IKE_RSA_MIN_KEY_BITS = 512;
/** Largest RSA modulus this model makes. */
constexpr uint32_t IKE_RSA_MAX_KEY_BITS = 4096;

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
    bool VerifyHash(const std::vector<uint8_t>& hash,
                    const std::vector<uint8_t>& signature) const;

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

/**
 * \brief Verify a certificate chain.
 *
 * Starting at the leaf, each certificate's issuer is looked up by name, first among the
 * trusted roots, then among the intermediates (given in any order, each used once). Every
 * intermediate must be a CA (basicConstraints cA TRUE) and every signature must verify. The
 * walk ends well at a trusted root (compared by DER, or found as the issuer). Validity dates are
 * not checked: they are fixed and span any simulation.
 * \param leaf the certificate to verify
 * \param intermediates certificates that may link it to a root
 * \param trustedRoots the trust anchors
 * \param[out] reason why verification failed, for example "no trusted root: ..." or
 *             "bad signature on \"<CN>\""; cleared on success
 * \return true if the leaf chains to a trusted root with every signature valid
 */
bool IkeVerifyChain(const IkeCertificate& leaf,
                    const std::vector<Ptr<IkeCertificate>>& intermediates,
                    const std::vector<Ptr<IkeCertificate>>& trustedRoots,
                    std::string& reason);

} // namespace ns3

#endif /* IKE_PKI_H */
