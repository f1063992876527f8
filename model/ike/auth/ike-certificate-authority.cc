/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ike-certificate-authority.h"

#include "ike-der.h"
#include "ike-x509.h"

#include "ns3/abort.h"
#include "ns3/ipsec-config-error.h"

#include <cryptopp/asn.h>
#include <cryptopp/integer.h>
#include <cryptopp/sha.h>

namespace ns3
{

namespace
{

using Bytes = std::vector<uint8_t>;

/**
 * Validity of every certificate. A simulation has no wall clock, so no date could be checked
 * against it; the span covers any simulated scenario and any real date a capture is read on.
 */
const char* const NOT_BEFORE = "060101000000Z"; // 2006-01-01 00:00:00 UTC
const char* const NOT_AFTER = "360101000000Z";  // 2036-01-01 00:00:00 UTC

/** RFC 5280 ub-common-name: the longest common name, in characters. */
constexpr size_t MAX_COMMON_NAME = 64;

/** keyUsage bits (RFC 5280 4.2.1.3), numbered from the most significant bit of the first byte. */
constexpr uint8_t KEY_USAGE_DIGITAL_SIGNATURE = 0x80; // bit 0
constexpr uint8_t KEY_USAGE_CA = 0x06;                // keyCertSign (5) and cRLSign (6)

/**
 * The key identifier of RFC 5280 4.2.1.2 method (1): SHA-1 of the subjectPublicKey bits (the
 * DER RSAPublicKey).
 */
Bytes
KeyIdentifier(const CryptoPP::RSA::PublicKey& key)
{
    Bytes rsaPublicKey = IkeDerEncode([&](CryptoPP::BufferedTransformation& out) {
        key.DEREncodePublicKey(out);
    });
    Bytes id(CryptoPP::SHA1::DIGESTSIZE);
    CryptoPP::SHA1().CalculateDigest(id.data(), rsaPublicKey.data(), rsaPublicKey.size());
    return id;
}

/** A Name (RFC 5280 4.1.2.4) of one RDN holding one common name. */
Bytes
EncodeName(const std::string& commonName)
{
    return IkeDerEncode([&](CryptoPP::BufferedTransformation& out) {
        CryptoPP::DERSequenceEncoder name(out);
        CryptoPP::DERSetEncoder rdn(name);
        CryptoPP::DERSequenceEncoder attribute(rdn);
        IkeX509::CommonNameOid().DEREncode(attribute);
        CryptoPP::DEREncodeTextString(attribute,
                                      commonName,
                                      IkeIsPrintableString(commonName) ? CryptoPP::PRINTABLE_STRING
                                                                       : CryptoPP::UTF8_STRING);
        attribute.MessageEnd();
        rdn.MessageEnd();
        name.MessageEnd();
    });
}

/** AlgorithmIdentifier sha1WithRSAEncryption with NULL parameters (RFC 3279 2.2.1). */
void
EncodeSignatureAlgorithm(CryptoPP::BufferedTransformation& out)
{
    CryptoPP::DERSequenceEncoder algorithm(out);
    IkeX509::Sha1WithRsaOid().DEREncode(algorithm);
    CryptoPP::DEREncodeNull(algorithm);
    algorithm.MessageEnd();
}

/** A KeyUsage BIT STRING with the named bits of \p bits, trailing zero bits dropped (DER). */
Bytes
EncodeKeyUsage(uint8_t bits)
{
    unsigned unused = 0;
    while (unused < 7 && (bits & (1u << unused)) == 0)
    {
        ++unused;
    }
    return IkeDerEncode([&](CryptoPP::BufferedTransformation& out) {
        CryptoPP::DEREncodeBitString(out, &bits, 1, unused);
    });
}

/** One Extension (RFC 5280 4.1); critical FALSE is left out, as DER requires of a DEFAULT. */
void
EncodeExtension(CryptoPP::BufferedTransformation& list,
                const CryptoPP::OID& oid,
                bool critical,
                const Bytes& value)
{
    CryptoPP::DERSequenceEncoder extension(list);
    oid.DEREncode(extension);
    if (critical)
    {
        CryptoPP::DEREncodeUnsigned<CryptoPP::byte>(extension, 1, CryptoPP::BOOLEAN);
    }
    CryptoPP::DEREncodeOctetString(extension, value.data(), value.size());
    extension.MessageEnd();
}

/** Check a name given to a CA or a computer. */
void
CheckCommonName(const std::string& name)
{
    if (name.empty())
    {
        throw IpsecConfigError("name", "a certificate needs a common name");
    }
    if (name.size() > MAX_COMMON_NAME)
    {
        throw IpsecConfigError("name", "common name \"" + name + "\" is longer than 64 characters");
    }
    if (name.find('\0') != std::string::npos)
    {
        throw IpsecConfigError("name", "common name contains a NUL character");
    }
}

} // namespace

Ptr<IkeCertificateAuthority>
IkeCertificateAuthority::CreateRoot(const std::string& name,
                                    CryptoPP::RandomNumberGenerator& rng,
                                    uint32_t keyBits)
{
    CheckCommonName(name);
    Ptr<IkeCertificateAuthority> ca(new IkeCertificateAuthority(), false);
    ca->m_name = name;
    ca->m_keyBits = keyBits;
    ca->m_key = IkeRsaMakeKey(rng, keyBits);
    ca->m_chain.push_back(ca->Sign(name, IkeRsaPublicOf(ca->m_key), true));
    return ca;
}

Ptr<IkeCertificateAuthority>
IkeCertificateAuthority::CreateSubordinate(const std::string& name,
                                           CryptoPP::RandomNumberGenerator& rng,
                                           uint32_t keyBits)
{
    CheckCommonName(name);
    Ptr<IkeCertificateAuthority> ca(new IkeCertificateAuthority(), false);
    ca->m_name = name;
    ca->m_keyBits = keyBits == 0 ? m_keyBits : keyBits;
    ca->m_key = IkeRsaMakeKey(rng, ca->m_keyBits);
    ca->m_chain.push_back(Sign(name, IkeRsaPublicOf(ca->m_key), true));
    ca->m_chain.insert(ca->m_chain.end(), m_chain.begin(), m_chain.end());
    return ca;
}

Ptr<IkeCredentials>
IkeCertificateAuthority::Issue(const std::string& computerName,
                               CryptoPP::RandomNumberGenerator& rng,
                               uint32_t keyBits)
{
    CheckCommonName(computerName);
    CryptoPP::InvertibleRSAFunction key = IkeRsaMakeKey(rng, keyBits == 0 ? m_keyBits : keyBits);
    Ptr<IkeCertificate> cert = Sign(computerName, IkeRsaPublicOf(key), false);
    return Ptr<IkeCredentials>(new IkeCredentials(cert, key, m_chain), false);
}

Ptr<IkeCertificate>
IkeCertificateAuthority::GetCertificate() const
{
    return m_chain.front();
}

const std::vector<Ptr<IkeCertificate>>&
IkeCertificateAuthority::GetChain() const
{
    return m_chain;
}

std::string
IkeCertificateAuthority::GetName() const
{
    return m_name;
}

uint32_t
IkeCertificateAuthority::GetKeyBits() const
{
    return m_keyBits;
}

Ptr<IkeCertificate>
IkeCertificateAuthority::Sign(const std::string& subject,
                              const CryptoPP::RSA::PublicKey& subjectKey,
                              bool isCa)
{
    const uint64_t serial = m_nextSerial++;
    const bool selfSigned = m_chain.empty(); // CreateRoot signing the root's own certificate
    // subjectKeyIdentifier in every certificate, authorityKeyIdentifier in all but roots
    // (RFC 5280 4.2.1.1 and 4.2.1.2)
    const Bytes subjectKeyId = IkeDerEncode([&](CryptoPP::BufferedTransformation& out) {
        Bytes id = KeyIdentifier(subjectKey);
        CryptoPP::DEREncodeOctetString(out, id.data(), id.size());
    });
    const Bytes issuerKeyId = KeyIdentifier(IkeRsaPublicOf(m_key));
    const Bytes issuerName = EncodeName(m_name);
    const Bytes subjectName = EncodeName(subject);
    const CryptoPP::SecByteBlock notBefore(reinterpret_cast<const CryptoPP::byte*>(NOT_BEFORE), 13);
    const CryptoPP::SecByteBlock notAfter(reinterpret_cast<const CryptoPP::byte*>(NOT_AFTER), 13);

    // TBSCertificate (RFC 5280 4.1)
    Bytes tbs = IkeDerEncode([&](CryptoPP::BufferedTransformation& out) {
        CryptoPP::DERSequenceEncoder fields(out);
        CryptoPP::DERGeneralEncoder version(fields, IkeX509::TAG_VERSION);
        CryptoPP::DEREncodeUnsigned<uint32_t>(version, 2); // v3
        version.MessageEnd();
        CryptoPP::DEREncodeUnsigned<uint64_t>(fields, serial);
        EncodeSignatureAlgorithm(fields);
        fields.Put(issuerName.data(), issuerName.size());
        CryptoPP::DERSequenceEncoder validity(fields);
        CryptoPP::DEREncodeDate(validity, notBefore, CryptoPP::UTC_TIME);
        CryptoPP::DEREncodeDate(validity, notAfter, CryptoPP::UTC_TIME);
        validity.MessageEnd();
        fields.Put(subjectName.data(), subjectName.size());
        subjectKey.DEREncode(fields); // SubjectPublicKeyInfo, rsaEncryption
        CryptoPP::DERGeneralEncoder extensions(fields, IkeX509::TAG_EXTENSIONS);
        CryptoPP::DERSequenceEncoder list(extensions);
        EncodeExtension(list,
                        IkeX509::KeyUsageOid(),
                        true,
                        EncodeKeyUsage(isCa ? KEY_USAGE_CA : KEY_USAGE_DIGITAL_SIGNATURE));
        if (isCa)
        {
            Bytes constraints = IkeDerEncode([](CryptoPP::BufferedTransformation& body) {
                CryptoPP::DERSequenceEncoder seq(body);
                CryptoPP::DEREncodeUnsigned<CryptoPP::byte>(seq, 1, CryptoPP::BOOLEAN); // cA
                seq.MessageEnd();
            });
            EncodeExtension(list, IkeX509::BasicConstraintsOid(), true, constraints);
        }
        EncodeExtension(list, IkeX509::SubjectKeyIdentifierOid(), false, subjectKeyId);
        if (!selfSigned)
        {
            // AuthorityKeyIdentifier ::= SEQUENCE { keyIdentifier [0] IMPLICIT OCTET STRING }
            Bytes authority = IkeDerEncode([&](CryptoPP::BufferedTransformation& body) {
                CryptoPP::DERSequenceEncoder seq(body);
                seq.Put(0x80);
                CryptoPP::DERLengthEncode(seq, issuerKeyId.size());
                seq.Put(issuerKeyId.data(), issuerKeyId.size());
                seq.MessageEnd();
            });
            EncodeExtension(list, IkeX509::AuthorityKeyIdentifierOid(), false, authority);
        }
        list.MessageEnd();
        extensions.MessageEnd();
        fields.MessageEnd();
    });

    IkeRsaSha1Signer signer(m_key);
    Bytes signature(signer.SignatureLength());
    size_t length = signer.SignMessage(IkeRsaBlinding(), tbs.data(), tbs.size(), signature.data());
    signature.resize(length);

    // Certificate (RFC 5280 4.1)
    Bytes der = IkeDerEncode([&](CryptoPP::BufferedTransformation& out) {
        CryptoPP::DERSequenceEncoder certificate(out);
        certificate.Put(tbs.data(), tbs.size());
        EncodeSignatureAlgorithm(certificate);
        CryptoPP::DEREncodeBitString(certificate, signature.data(), signature.size());
        certificate.MessageEnd();
    });

    std::string error;
    Ptr<IkeCertificate> cert = IkeCertificate::Parse(der, error);
    NS_ABORT_MSG_IF(!cert, "a certificate made here does not parse: " << error);
    return cert;
}

} // namespace ns3
