/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ike-certificate.h"

#include "ike-der.h"
#include "ike-rsa.h"
#include "ike-x509.h"

#include <cryptopp/integer.h>

#include <algorithm>
#include <exception>

namespace ns3
{

namespace
{

using Bytes = std::vector<uint8_t>;

/** Smallest and largest RSA modulus Parse accepts, in bits (bounds the work of a check). */
constexpr unsigned MIN_PARSED_KEY_BITS = 512;
constexpr unsigned MAX_PARSED_KEY_BITS = 8192;

/** The parser of one certificate. */
class CertificateParser
{
  public:
    explicit CertificateParser(const Bytes& der)
        : m_der(der)
    {
    }

    Bytes
    Slice(const IkeDerElement& e) const
    {
        return IkeDerWhole(m_der, e);
    }

    Bytes
    ContentOf(const IkeDerElement& e) const
    {
        return IkeDerContent(m_der, e);
    }

    /** An INTEGER's content, which must be minimal and, if \p positive, above zero. */
    Bytes
    Integer(IkeDerReader& reader, const std::string& what, bool positive)
    {
        IkeDerElement e = reader.Next(CryptoPP::INTEGER, what);
        Bytes v = ContentOf(e);
        if (v.empty())
        {
            throw IkeDerError(what + ": empty INTEGER");
        }
        if (v.size() > 1 &&
            ((v[0] == 0x00 && (v[1] & 0x80) == 0) || (v[0] == 0xff && (v[1] & 0x80) != 0)))
        {
            throw IkeDerError(what + ": INTEGER with a redundant leading byte (not DER)");
        }
        if (positive && ((v[0] & 0x80) != 0 || (v.size() == 1 && v[0] == 0)))
        {
            throw IkeDerError(what + ": must be positive");
        }
        return v;
    }

    /** A BOOLEAN, which DER writes as 0x00 or 0xff. */
    bool
    Boolean(IkeDerReader& reader, const std::string& what)
    {
        IkeDerElement e = reader.Next(CryptoPP::BOOLEAN, what);
        if (e.end - e.contentBegin != 1 ||
            (m_der[e.contentBegin] != 0x00 && m_der[e.contentBegin] != 0xff))
        {
            throw IkeDerError(what + ": BOOLEAN is not one byte 0x00 or 0xff");
        }
        return m_der[e.contentBegin] == 0xff;
    }

    /** AlgorithmIdentifier: only sha1WithRSAEncryption with NULL parameters. */
    Bytes
    SignatureAlgorithm(IkeDerReader& reader, const std::string& what)
    {
        IkeDerElement e = reader.Next(IKE_DER_SEQUENCE, what);
        IkeDerReader inner(m_der, e, what);
        IkeDerElement oid = inner.Next(CryptoPP::OBJECT_IDENTIFIER, "algorithm");
        static const Bytes sha1WithRsa = IkeDerOid(IkeX509::Sha1WithRsaOid());
        if (Slice(oid) != sha1WithRsa)
        {
            throw IkeDerError(what + ": algorithm " + IkeDerOidText(ContentOf(oid)) +
                              " is not sha1WithRSAEncryption (1.2.840.113549.1.1.5)");
        }
        IkeDerElement params = inner.Next(CryptoPP::TAG_NULL, "parameters");
        if (params.end != params.contentBegin)
        {
            throw IkeDerError(what + ".parameters: NULL with content");
        }
        inner.ExpectEnd();
        return Slice(e);
    }

    /** A Name; returns its DER and sets \p commonName to its (last) CN. */
    Bytes
    Name(IkeDerReader& reader, const std::string& what, std::string& commonName)
    {
        IkeDerElement e = reader.Next(IKE_DER_SEQUENCE, what);
        IkeDerReader rdns(m_der, e, what);
        static const Bytes cnOid = IkeDerOid(IkeX509::CommonNameOid());
        bool found = false;
        while (!rdns.AtEnd())
        {
            IkeDerElement set = rdns.Next(IKE_DER_SET, "rdn");
            IkeDerReader attributes(m_der, set, what + ".rdn");
            if (attributes.AtEnd())
            {
                throw IkeDerError(what + ".rdn: empty RelativeDistinguishedName");
            }
            while (!attributes.AtEnd())
            {
                IkeDerElement pair = attributes.Next(IKE_DER_SEQUENCE, "attribute");
                IkeDerReader fields(m_der, pair, what + ".rdn.attribute");
                IkeDerElement type = fields.Next(CryptoPP::OBJECT_IDENTIFIER, "type");
                if (fields.AtEnd())
                {
                    throw IkeDerError(what + ".rdn.attribute: no value");
                }
                uint8_t tag = fields.PeekTag();
                IkeDerElement value = fields.Next(tag, "value");
                fields.ExpectEnd();
                if (Slice(type) != cnOid)
                {
                    continue; // other attributes are allowed and ignored
                }
                if (tag != CryptoPP::UTF8_STRING && tag != CryptoPP::PRINTABLE_STRING)
                {
                    throw IkeDerError(what + ": common name with tag " + IkeDerHexByte(tag) +
                                      ", expected UTF8String or PrintableString");
                }
                std::string text(m_der.begin() + value.contentBegin, m_der.begin() + value.end);
                if (text.empty() || text.find('\0') != std::string::npos)
                {
                    throw IkeDerError(what + ": common name is empty or contains NUL");
                }
                if (tag == CryptoPP::PRINTABLE_STRING && !IkeIsPrintableString(text))
                {
                    throw IkeDerError(what + ": common name has characters PrintableString lacks");
                }
                commonName = text;
                found = true;
            }
        }
        if (!found)
        {
            throw IkeDerError(what + ": no common name");
        }
        return Slice(e);
    }

    /** A UTCTime (YYMMDDHHMMSSZ) or GeneralizedTime (YYYYMMDDHHMMSSZ), as RFC 5280 4.1.2.5. */
    void
    Time(IkeDerReader& reader, const std::string& what)
    {
        if (reader.AtEnd())
        {
            throw IkeDerError(what + ": missing");
        }
        uint8_t tag = reader.PeekTag();
        if (tag != CryptoPP::UTC_TIME && tag != CryptoPP::GENERALIZED_TIME)
        {
            throw IkeDerError(what + ": tag " + IkeDerHexByte(tag) +
                              ", expected UTCTime or GeneralizedTime");
        }
        IkeDerElement e = reader.Next(tag, what);
        size_t digits = tag == CryptoPP::UTC_TIME ? 12 : 14;
        size_t length = e.end - e.contentBegin;
        bool ok = length == digits + 1 && m_der[e.end - 1] == 'Z';
        for (size_t i = 0; ok && i < digits; ++i)
        {
            uint8_t c = m_der[e.contentBegin + i];
            ok = c >= '0' && c <= '9';
        }
        if (!ok)
        {
            throw IkeDerError(
                what + ": not a " +
                std::string(tag == CryptoPP::UTC_TIME ? "YYMMDDHHMMSSZ" : "YYYYMMDDHHMMSSZ") +
                " time");
        }
    }

    /** The subject public key: RSA only, encoded exactly as Crypto++ would encode it. */
    CryptoPP::RSA::PublicKey
    PublicKey(IkeDerReader& reader, const std::string& what)
    {
        IkeDerElement e = reader.Next(IKE_DER_SEQUENCE, what);
        Bytes spki = Slice(e);
        CryptoPP::RSA::PublicKey key;
        try
        {
            CryptoPP::ArraySource source(spki.data(), spki.size(), true);
            key.BERDecode(source);
        }
        catch (const CryptoPP::Exception& ex)
        {
            throw IkeDerError(what + ": not an RSA public key (" + ex.GetWhat() + ")");
        }
        Bytes again = IkeDerEncode([&](CryptoPP::BufferedTransformation& out) {
            key.DEREncode(out);
        });
        if (again != spki)
        {
            throw IkeDerError(what + ": RSA public key not in its DER form");
        }
        unsigned bits = key.GetModulus().BitCount();
        if (bits < MIN_PARSED_KEY_BITS || bits > MAX_PARSED_KEY_BITS)
        {
            throw IkeDerError(what + ": RSA modulus of " + std::to_string(bits) +
                              " bits (accepted: 512 to 8192)");
        }
        if (!key.Validate(CryptoPP::NullRNG(), 0))
        {
            throw IkeDerError(what + ": RSA public key fails the basic checks (n, e odd, e < n)");
        }
        return key;
    }

    /** A BIT STRING's content bytes; unused bits only if \p allowUnused, and then zero. */
    Bytes
    Bits(IkeDerReader& reader, const std::string& what, bool allowUnused)
    {
        IkeDerElement e = reader.Next(CryptoPP::BIT_STRING, what);
        Bytes v = ContentOf(e);
        if (v.empty() || v[0] > 7 || (v.size() == 1 && v[0] != 0))
        {
            throw IkeDerError(what + ": malformed BIT STRING");
        }
        if (v[0] != 0 && !allowUnused)
        {
            throw IkeDerError(what + ": BIT STRING with unused bits");
        }
        if (v[0] != 0 && (v.back() & ((1u << v[0]) - 1)) != 0)
        {
            throw IkeDerError(what + ": BIT STRING with set unused bits (not DER)");
        }
        return Bytes(v.begin() + 1, v.end());
    }

    /** Extensions (RFC 5280 4.2); sets \p isCa from basicConstraints. */
    void
    Extensions(IkeDerReader& reader, const std::string& what, bool& isCa)
    {
        IkeDerElement wrapper = reader.Next(IkeX509::TAG_EXTENSIONS, what);
        IkeDerReader outer(m_der, wrapper, what);
        IkeDerElement list = outer.Next(IKE_DER_SEQUENCE, "list");
        outer.ExpectEnd();
        IkeDerReader extensions(m_der, list, what);
        if (extensions.AtEnd())
        {
            throw IkeDerError(what + ": empty list");
        }
        static const Bytes basicConstraints = IkeDerOid(IkeX509::BasicConstraintsOid());
        static const Bytes keyUsage = IkeDerOid(IkeX509::KeyUsageOid());
        std::vector<Bytes> seen;
        while (!extensions.AtEnd())
        {
            IkeDerElement ext = extensions.Next(IKE_DER_SEQUENCE, "extension");
            IkeDerReader fields(m_der, ext, what + ".extension");
            IkeDerElement oid = fields.Next(CryptoPP::OBJECT_IDENTIFIER, "extnID");
            Bytes id = Slice(oid);
            std::string name = what + " " + IkeDerOidText(ContentOf(oid));
            if (std::find(seen.begin(), seen.end(), id) != seen.end())
            {
                throw IkeDerError(name + ": appears twice");
            }
            seen.push_back(id);
            bool critical = false;
            if (!fields.AtEnd() && fields.PeekTag() == CryptoPP::BOOLEAN)
            {
                critical = Boolean(fields, name + ".critical");
                if (!critical)
                {
                    throw IkeDerError(name + ": critical FALSE must be left out (DER)");
                }
            }
            IkeDerElement value = fields.Next(CryptoPP::OCTET_STRING, "extnValue");
            fields.ExpectEnd();
            if (id == basicConstraints)
            {
                IkeDerReader body(m_der, value, name);
                IkeDerElement seq = body.Next(IKE_DER_SEQUENCE, "BasicConstraints");
                body.ExpectEnd();
                IkeDerReader items(m_der, seq, name);
                if (!items.AtEnd() && items.PeekTag() == CryptoPP::BOOLEAN)
                {
                    isCa = Boolean(items, name + ".cA");
                    if (!isCa)
                    {
                        throw IkeDerError(name + ": cA FALSE must be left out (DER)");
                    }
                }
                if (!items.AtEnd())
                {
                    Integer(items, name + ".pathLenConstraint", false);
                }
                items.ExpectEnd();
            }
            else if (id == keyUsage)
            {
                IkeDerReader body(m_der, value, name);
                Bits(body, name + ".KeyUsage", true);
                body.ExpectEnd();
            }
            else if (critical)
            {
                throw IkeDerError(name + ": unsupported critical extension");
            }
        }
    }

    /** Parse the whole certificate into \p cert's fields. */
    void
    Run(Bytes& tbs,
        Bytes& signature,
        Bytes& serial,
        Bytes& issuerName,
        std::string& issuer,
        Bytes& subjectName,
        std::string& subject,
        bool& isCa,
        CryptoPP::RSA::PublicKey& key)
    {
        IkeDerReader top(m_der, 0, m_der.size(), "certificate");
        IkeDerElement certificate = top.Next(IKE_DER_SEQUENCE, "Certificate");
        if (!top.AtEnd())
        {
            throw IkeDerError("certificate: " + std::to_string(m_der.size() - certificate.end) +
                              " bytes of trailing data after the certificate");
        }
        IkeDerReader parts(m_der, certificate, "certificate");
        IkeDerElement tbsElement = parts.Next(IKE_DER_SEQUENCE, "tbsCertificate");
        Bytes outerAlgorithm = SignatureAlgorithm(parts, "certificate.signatureAlgorithm");
        signature = Bits(parts, "certificate.signatureValue", false);
        parts.ExpectEnd();
        tbs = Slice(tbsElement);

        const std::string t = "tbsCertificate";
        IkeDerReader fields(m_der, tbsElement, t);
        int version = 0; // v1
        if (!fields.AtEnd() && fields.PeekTag() == IkeX509::TAG_VERSION)
        {
            IkeDerElement wrapper = fields.Next(IkeX509::TAG_VERSION, "version");
            IkeDerReader inner(m_der, wrapper, t + ".version");
            Bytes v = Integer(inner, t + ".version", false);
            inner.ExpectEnd();
            if (v.size() != 1 || (v[0] != 1 && v[0] != 2))
            {
                throw IkeDerError(t + ".version: not v2 or v3 (v1 leaves the field out)");
            }
            version = v[0];
        }
        serial = Integer(fields, t + ".serialNumber", true);
        if (serial.size() > 21)
        {
            throw IkeDerError(t + ".serialNumber: longer than 20 bytes");
        }
        Bytes innerAlgorithm = SignatureAlgorithm(fields, t + ".signature");
        if (innerAlgorithm != outerAlgorithm)
        {
            throw IkeDerError(t + ".signature: differs from certificate.signatureAlgorithm");
        }
        issuerName = Name(fields, t + ".issuer", issuer);
        IkeDerElement validity = fields.Next(IKE_DER_SEQUENCE, "validity");
        IkeDerReader times(m_der, validity, t + ".validity");
        Time(times, t + ".validity.notBefore");
        Time(times, t + ".validity.notAfter");
        times.ExpectEnd();
        subjectName = Name(fields, t + ".subject", subject);
        key = PublicKey(fields, t + ".subjectPublicKeyInfo");
        if (version >= 1 && !fields.AtEnd() && fields.PeekTag() == IkeX509::TAG_ISSUER_UNIQUE_ID)
        {
            fields.Next(IkeX509::TAG_ISSUER_UNIQUE_ID, "issuerUniqueID");
        }
        if (version >= 1 && !fields.AtEnd() && fields.PeekTag() == IkeX509::TAG_SUBJECT_UNIQUE_ID)
        {
            fields.Next(IkeX509::TAG_SUBJECT_UNIQUE_ID, "subjectUniqueID");
        }
        if (version == 2 && !fields.AtEnd())
        {
            Extensions(fields, t + ".extensions", isCa);
        }
        fields.ExpectEnd();
    }

  private:
    const Bytes& m_der; //!< input
};

} // namespace

Ptr<IkeCertificate>
IkeCertificate::Parse(const std::vector<uint8_t>& der, std::string& error)
{
    error.clear();
    Ptr<IkeCertificate> cert(new IkeCertificate(), false);
    try
    {
        CertificateParser parser(der);
        parser.Run(cert->m_tbs,
                   cert->m_signature,
                   cert->m_serial,
                   cert->m_issuerName,
                   cert->m_issuer,
                   cert->m_subjectName,
                   cert->m_subject,
                   cert->m_isCa,
                   cert->m_publicKey);
    }
    catch (const std::exception& e)
    {
        error = e.what();
        return nullptr;
    }
    cert->m_der = der;
    return cert;
}

const std::vector<uint8_t>&
IkeCertificate::GetDer() const
{
    return m_der;
}

std::string
IkeCertificate::GetSubject() const
{
    return m_subject;
}

std::string
IkeCertificate::GetIssuer() const
{
    return m_issuer;
}

const std::vector<uint8_t>&
IkeCertificate::GetSubjectName() const
{
    return m_subjectName;
}

const std::vector<uint8_t>&
IkeCertificate::GetIssuerName() const
{
    return m_issuerName;
}

const std::vector<uint8_t>&
IkeCertificate::GetSerialNumber() const
{
    return m_serial;
}

bool
IkeCertificate::IsCa() const
{
    return m_isCa;
}

uint32_t
IkeCertificate::GetKeyBits() const
{
    return m_publicKey.GetModulus().BitCount();
}

const CryptoPP::RSA::PublicKey&
IkeCertificate::GetPublicKey() const
{
    return m_publicKey;
}

bool
IkeCertificate::IsSelfSigned() const
{
    return m_issuerName == m_subjectName && IsSignedBy(*this);
}

bool
IkeCertificate::IsSignedBy(const IkeCertificate& issuer) const
{
    try
    {
        IkeRsaSha1Verifier verifier(issuer.m_publicKey);
        if (m_signature.size() != verifier.SignatureLength())
        {
            return false;
        }
        return verifier.VerifyMessage(m_tbs.data(),
                                      m_tbs.size(),
                                      m_signature.data(),
                                      m_signature.size());
    }
    catch (const CryptoPP::Exception&)
    {
        return false;
    }
}

bool
IkeCertificate::VerifyHash(const std::vector<uint8_t>& hash,
                           const std::vector<uint8_t>& signature) const
{
    const CryptoPP::Integer& n = m_publicKey.GetModulus();
    size_t k = n.ByteCount();
    if (hash.empty() || hash.size() + 11 > k || signature.size() != k)
    {
        return false;
    }
    try
    {
        CryptoPP::Integer s(signature.data(), signature.size());
        if (s >= n)
        {
            return false;
        }
        Bytes block(k);
        m_publicKey.ApplyFunction(s).Encode(block.data(), block.size());
        // Compare with the one valid encoding rather than parse the padding.
        return block == IkeRsaSignatureBlock(hash, k);
    }
    catch (const CryptoPP::Exception&)
    {
        return false;
    }
}

} // namespace ns3
