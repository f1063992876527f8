/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ike-pki.h"

#include "ns3/abort.h"
#include "ns3/ipsec-config-error.h"

#include <cryptopp/asn.h>
#include <cryptopp/filters.h>
#include <cryptopp/integer.h>
#include <cryptopp/oids.h>
#include <cryptopp/pkcspad.h>
#include <cryptopp/sha.h>

#include <algorithm>
#include <exception>
#include <sstream>
#include <stdexcept>

namespace ns3
{

namespace
{

using Bytes = std::vector<uint8_t>;

// ---------------------------------------------------------------------------------------------
// Fixed choices

/**
 * Validity of every certificate. A simulation has no wall clock, so no date could be checked
 * against it; the span covers any simulated scenario and any real date a capture is read on.
 */
const char* const NOT_BEFORE = "060101000000Z"; // 2006-01-01 00:00:00 UTC
const char* const NOT_AFTER = "360101000000Z";  // 2036-01-01 00:00:00 UTC

/** Public exponent of every key: F4, what CAs and Windows use (Crypto++ defaults to 17). */
const CryptoPP::Integer PUBLIC_EXPONENT(65537);

/** RFC 5280 ub-common-name: the longest common name, in characters. */
constexpr size_t MAX_COMMON_NAME = 64;

/** Smallest and largest RSA modulus Parse accepts, in bits (bounds the work of a check). */
constexpr unsigned MIN_PARSED_KEY_BITS = 512;
constexpr unsigned MAX_PARSED_KEY_BITS = 8192;

/** keyUsage bits (RFC 5280 4.2.1.3), numbered from the most significant bit of the first byte. */
constexpr uint8_t KEY_USAGE_DIGITAL_SIGNATURE = 0x80; // bit 0
constexpr uint8_t KEY_USAGE_CA = 0x06;                // keyCertSign (5) and cRLSign (6)

/** Context-specific constructed tags of TBSCertificate (RFC 5280 4.1). */
constexpr uint8_t TAG_VERSION = 0xa0;           // [0] EXPLICIT Version
constexpr uint8_t TAG_ISSUER_UNIQUE_ID = 0x81;  // [1] IMPLICIT UniqueIdentifier
constexpr uint8_t TAG_SUBJECT_UNIQUE_ID = 0x82; // [2] IMPLICIT UniqueIdentifier
constexpr uint8_t TAG_EXTENSIONS = 0xa3;        // [3] EXPLICIT Extensions

constexpr uint8_t TAG_SEQUENCE = CryptoPP::SEQUENCE | CryptoPP::CONSTRUCTED;
constexpr uint8_t TAG_SET = CryptoPP::SET | CryptoPP::CONSTRUCTED;

// ---------------------------------------------------------------------------------------------
// Encoding with Crypto++'s DER helpers

/** The bytes \p write puts into a BufferedTransformation. */
template<class F>
Bytes
Der(F write)
{
    std::string out;
    {
        CryptoPP::StringSink sink(out);
        write(sink);
    }
    return Bytes(out.begin(), out.end());
}

/** The DER (tag, length, value) of an object identifier. */
Bytes
OidDer(const CryptoPP::OID& oid)
{
    return Der([&](CryptoPP::BufferedTransformation& out) { oid.DEREncode(out); });
}

CryptoPP::OID
Sha1WithRsaOid()
{
    return CryptoPP::OID(1) + 2 + 840 + 113549 + 1 + 1 + 5;
}

CryptoPP::OID
CommonNameOid()
{
    return CryptoPP::OID(2) + 5 + 4 + 3;
}

CryptoPP::OID
BasicConstraintsOid()
{
    return CryptoPP::OID(2) + 5 + 29 + 19;
}

CryptoPP::OID
KeyUsageOid()
{
    return CryptoPP::OID(2) + 5 + 29 + 15;
}

CryptoPP::OID
SubjectKeyIdentifierOid()
{
    return CryptoPP::OID(2) + 5 + 29 + 14;
}

CryptoPP::OID
AuthorityKeyIdentifierOid()
{
    return CryptoPP::OID(2) + 5 + 29 + 35;
}

/**
 * The key identifier of RFC 5280 4.2.1.2 method (1): SHA-1 of the subjectPublicKey bits (the
 * DER RSAPublicKey).
 */
Bytes
KeyIdentifier(const CryptoPP::RSA::PublicKey& key)
{
    Bytes rsaPublicKey =
        Der([&](CryptoPP::BufferedTransformation& out) { key.DEREncodePublicKey(out); });
    Bytes id(CryptoPP::SHA1::DIGESTSIZE);
    CryptoPP::SHA1().CalculateDigest(id.data(), rsaPublicKey.data(), rsaPublicKey.size());
    return id;
}

/** PrintableString's alphabet (X.680 41.4). */
bool
IsPrintableString(const std::string& text)
{
    static const std::string extra = " '()+,-./:=?";
    return std::all_of(text.begin(), text.end(), [](char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
               extra.find(c) != std::string::npos;
    });
}

/** A Name (RFC 5280 4.1.2.4) of one RDN holding one common name. */
Bytes
EncodeName(const std::string& commonName)
{
    return Der([&](CryptoPP::BufferedTransformation& out) {
        CryptoPP::DERSequenceEncoder name(out);
        CryptoPP::DERSetEncoder rdn(name);
        CryptoPP::DERSequenceEncoder attribute(rdn);
        CommonNameOid().DEREncode(attribute);
        CryptoPP::DEREncodeTextString(attribute,
                                      commonName,
                                      IsPrintableString(commonName) ? CryptoPP::PRINTABLE_STRING
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
    Sha1WithRsaOid().DEREncode(algorithm);
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
    return Der([&](CryptoPP::BufferedTransformation& out) {
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

/**
 * \brief Random bytes for the blinding Crypto++ applies to private key operations.
 *
 * Blinding does not change an RSA PKCS #1 v1.5 signature, so these bytes need not come from
 * the simulation; a counter hashed with SHA-256 keeps every run free of outside randomness and
 * leaves the caller's stream to key generation alone.
 */
class BlindingRandom : public CryptoPP::RandomNumberGenerator
{
  public:
    void GenerateBlock(CryptoPP::byte* output, size_t size) override
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

CryptoPP::RandomNumberGenerator&
Blinding()
{
    static BlindingRandom rng;
    return rng;
}

using Sha1RsaSigner = CryptoPP::RSASS<CryptoPP::PKCS1v15, CryptoPP::SHA1>::Signer;
using Sha1RsaVerifier = CryptoPP::RSASS<CryptoPP::PKCS1v15, CryptoPP::SHA1>::Verifier;

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
        throw IpsecConfigError("name",
                               "common name \"" + name + "\" is longer than 64 characters");
    }
    if (name.find('\0') != std::string::npos)
    {
        throw IpsecConfigError("name", "common name contains a NUL character");
    }
}

/** Check a key size and make a key of that size. */
CryptoPP::InvertibleRSAFunction
MakeKey(CryptoPP::RandomNumberGenerator& rng, uint32_t keyBits)
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

/** The public half of a key pair. */
CryptoPP::RSA::PublicKey
PublicOf(const CryptoPP::InvertibleRSAFunction& key)
{
    CryptoPP::RSA::PublicKey pub;
    pub.Initialize(key.GetModulus(), key.GetPublicExponent());
    return pub;
}

/** PKCS #1 v1.5 block type 1 around \p hash, as IKEv1 signs it (no DigestInfo). */
Bytes
EncodeSignatureBlock(const Bytes& hash, size_t modulusBytes)
{
    Bytes block(modulusBytes, 0xff);
    block[0] = 0x00;
    block[1] = 0x01;
    block[modulusBytes - hash.size() - 1] = 0x00;
    std::copy(hash.begin(), hash.end(), block.end() - hash.size());
    return block;
}

// ---------------------------------------------------------------------------------------------
// A strict DER reader

/** A parse failure; Parse turns it into the error string. */
class DerError : public std::runtime_error
{
  public:
    using std::runtime_error::runtime_error;
};

/** One element: offsets into the parsed buffer. */
struct Element
{
    uint8_t tag{0};         //!< identifier octet
    size_t begin{0};        //!< offset of the tag
    size_t contentBegin{0}; //!< offset of the first content byte
    size_t end{0};          //!< offset just past the content
};

/** Hex of one byte, for messages. */
std::string
HexByte(uint8_t b)
{
    static const char digits[] = "0123456789abcdef";
    return std::string("0x") + digits[b >> 4] + digits[b & 0x0f];
}

/** Reads consecutive elements of one container: [begin, end) of a buffer. */
class DerReader
{
  public:
    DerReader(const Bytes& buffer, size_t begin, size_t end, std::string where)
        : m_buffer(buffer),
          m_pos(begin),
          m_end(end),
          m_where(std::move(where))
    {
    }

    /** Reader over the content of \p element. */
    DerReader(const Bytes& buffer, const Element& element, std::string where)
        : DerReader(buffer, element.contentBegin, element.end, std::move(where))
    {
    }

    bool AtEnd() const
    {
        return m_pos == m_end;
    }

    /** The tag of the next element; only when !AtEnd(). */
    uint8_t PeekTag() const
    {
        return m_buffer[m_pos];
    }

    /** Read the next element, which must have tag \p tag. */
    Element Next(uint8_t tag, const std::string& what)
    {
        std::string context = m_where + "." + what;
        if (AtEnd())
        {
            throw DerError(context + ": missing (its container ends at offset " +
                           std::to_string(m_end) + ")");
        }
        Element e;
        e.begin = m_pos;
        e.tag = m_buffer[m_pos];
        if (e.tag != tag)
        {
            throw DerError(context + ": tag " + HexByte(e.tag) + " at offset " +
                           std::to_string(m_pos) + ", expected " + HexByte(tag));
        }
        size_t pos = m_pos + 1;
        if (pos == m_end)
        {
            throw DerError(context + ": truncated before its length at offset " +
                           std::to_string(pos));
        }
        uint8_t first = m_buffer[pos++];
        size_t length = 0;
        if (first < 0x80)
        {
            length = first;
        }
        else if (first == 0x80)
        {
            throw DerError(context + ": indefinite length at offset " + std::to_string(pos - 1) +
                           " (not DER)");
        }
        else
        {
            size_t count = first & 0x7f;
            if (count > 4)
            {
                throw DerError(context + ": length of " + std::to_string(count) +
                               " bytes at offset " + std::to_string(pos - 1));
            }
            if (m_end - pos < count)
            {
                throw DerError(context + ": truncated inside its length at offset " +
                               std::to_string(pos));
            }
            if (m_buffer[pos] == 0)
            {
                throw DerError(context + ": length with a leading zero byte at offset " +
                               std::to_string(pos) + " (not DER)");
            }
            for (size_t i = 0; i < count; ++i)
            {
                length = (length << 8) | m_buffer[pos++];
            }
            if (length < 0x80)
            {
                throw DerError(context + ": long form for the short length " +
                               std::to_string(length) + " (not DER)");
            }
        }
        if (m_end - pos < length)
        {
            throw DerError(context + ": length " + std::to_string(length) + " at offset " +
                           std::to_string(e.begin) + " overruns its container by " +
                           std::to_string(length - (m_end - pos)) + " bytes (truncated?)");
        }
        e.contentBegin = pos;
        e.end = pos + length;
        m_pos = e.end;
        return e;
    }

    /** Require that nothing follows in this container. */
    void ExpectEnd() const
    {
        if (!AtEnd())
        {
            throw DerError(m_where + ": " + std::to_string(m_end - m_pos) +
                           " unexpected bytes at offset " + std::to_string(m_pos));
        }
    }

  private:
    const Bytes& m_buffer; //!< the whole input
    size_t m_pos;          //!< next element
    size_t m_end;          //!< end of the container
    std::string m_where;   //!< path of the container, for messages
};

Bytes
Whole(const Bytes& buffer, const Element& e)
{
    return Bytes(buffer.begin() + e.begin, buffer.begin() + e.end);
}

Bytes
Content(const Bytes& buffer, const Element& e)
{
    return Bytes(buffer.begin() + e.contentBegin, buffer.begin() + e.end);
}

/** Dotted form of an OID's content, for messages (best effort on malformed input). */
std::string
OidText(const Bytes& content)
{
    std::ostringstream os;
    uint64_t arc = 0;
    bool first = true;
    for (uint8_t b : content)
    {
        arc = (arc << 7) | (b & 0x7f);
        if ((b & 0x80) != 0)
        {
            continue;
        }
        if (first)
        {
            uint64_t top = arc < 40 ? 0 : (arc < 80 ? 1 : 2);
            os << top << "." << arc - 40 * top;
            first = false;
        }
        else
        {
            os << "." << arc;
        }
        arc = 0;
    }
    return os.str();
}

/** The parser of one certificate. */
class CertificateParser
{
  public:
    explicit CertificateParser(const Bytes& der)
        : m_der(der)
    {
    }

    Bytes Slice(const Element& e) const
    {
        return Whole(m_der, e);
    }

    Bytes ContentOf(const Element& e) const
    {
        return Content(m_der, e);
    }

    /** An INTEGER's content, which must be minimal and, if \p positive, above zero. */
    Bytes Integer(DerReader& reader, const std::string& what, bool positive)
    {
        Element e = reader.Next(CryptoPP::INTEGER, what);
        Bytes v = ContentOf(e);
        if (v.empty())
        {
            throw DerError(what + ": empty INTEGER");
        }
        if (v.size() > 1 && ((v[0] == 0x00 && (v[1] & 0x80) == 0) ||
                             (v[0] == 0xff && (v[1] & 0x80) != 0)))
        {
            throw DerError(what + ": INTEGER with a redundant leading byte (not DER)");
        }
        if (positive && ((v[0] & 0x80) != 0 || (v.size() == 1 && v[0] == 0)))
        {
            throw DerError(what + ": must be positive");
        }
        return v;
    }

    /** A BOOLEAN, which DER writes as 0x00 or 0xff. */
    bool Boolean(DerReader& reader, const std::string& what)
    {
        Element e = reader.Next(CryptoPP::BOOLEAN, what);
        if (e.end - e.contentBegin != 1 ||
            (m_der[e.contentBegin] != 0x00 && m_der[e.contentBegin] != 0xff))
        {
            throw DerError(what + ": BOOLEAN is not one byte 0x00 or 0xff");
        }
        return m_der[e.contentBegin] == 0xff;
    }

    /** AlgorithmIdentifier: only sha1WithRSAEncryption with NULL parameters. */
    Bytes SignatureAlgorithm(DerReader& reader, const std::string& what)
    {
        Element e = reader.Next(TAG_SEQUENCE, what);
        DerReader inner(m_der, e, what);
        Element oid = inner.Next(CryptoPP::OBJECT_IDENTIFIER, "algorithm");
        static const Bytes sha1WithRsa = OidDer(Sha1WithRsaOid());
        if (Slice(oid) != sha1WithRsa)
        {
            throw DerError(what + ": algorithm " + OidText(ContentOf(oid)) +
                           " is not sha1WithRSAEncryption (1.2.840.113549.1.1.5)");
        }
        Element params = inner.Next(CryptoPP::TAG_NULL, "parameters");
        if (params.end != params.contentBegin)
        {
            throw DerError(what + ".parameters: NULL with content");
        }
        inner.ExpectEnd();
        return Slice(e);
    }

    /** A Name; returns its DER and sets \p commonName to its (last) CN. */
    Bytes Name(DerReader& reader, const std::string& what, std::string& commonName)
    {
        Element e = reader.Next(TAG_SEQUENCE, what);
        DerReader rdns(m_der, e, what);
        static const Bytes cnOid = OidDer(CommonNameOid());
        bool found = false;
        while (!rdns.AtEnd())
        {
            Element set = rdns.Next(TAG_SET, "rdn");
            DerReader attributes(m_der, set, what + ".rdn");
            if (attributes.AtEnd())
            {
                throw DerError(what + ".rdn: empty RelativeDistinguishedName");
            }
            while (!attributes.AtEnd())
            {
                Element pair = attributes.Next(TAG_SEQUENCE, "attribute");
                DerReader fields(m_der, pair, what + ".rdn.attribute");
                Element type = fields.Next(CryptoPP::OBJECT_IDENTIFIER, "type");
                if (fields.AtEnd())
                {
                    throw DerError(what + ".rdn.attribute: no value");
                }
                uint8_t tag = fields.PeekTag();
                Element value = fields.Next(tag, "value");
                fields.ExpectEnd();
                if (Slice(type) != cnOid)
                {
                    continue; // other attributes are allowed and ignored
                }
                if (tag != CryptoPP::UTF8_STRING && tag != CryptoPP::PRINTABLE_STRING)
                {
                    throw DerError(what + ": common name with tag " + HexByte(tag) +
                                   ", expected UTF8String or PrintableString");
                }
                std::string text(m_der.begin() + value.contentBegin, m_der.begin() + value.end);
                if (text.empty() || text.find('\0') != std::string::npos)
                {
                    throw DerError(what + ": common name is empty or contains NUL");
                }
                if (tag == CryptoPP::PRINTABLE_STRING && !IsPrintableString(text))
                {
                    throw DerError(what + ": common name has characters PrintableString lacks");
                }
                commonName = text;
                found = true;
            }
        }
        if (!found)
        {
            throw DerError(what + ": no common name");
        }
        return Slice(e);
    }

    /** A UTCTime (YYMMDDHHMMSSZ) or GeneralizedTime (YYYYMMDDHHMMSSZ), as RFC 5280 4.1.2.5. */
    void Time(DerReader& reader, const std::string& what)
    {
        if (reader.AtEnd())
        {
            throw DerError(what + ": missing");
        }
        uint8_t tag = reader.PeekTag();
        if (tag != CryptoPP::UTC_TIME && tag != CryptoPP::GENERALIZED_TIME)
        {
            throw DerError(what + ": tag " + HexByte(tag) +
                           ", expected UTCTime or GeneralizedTime");
        }
        Element e = reader.Next(tag, what);
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
            throw DerError(what + ": not a " +
                           std::string(tag == CryptoPP::UTC_TIME ? "YYMMDDHHMMSSZ"
                                                                 : "YYYYMMDDHHMMSSZ") +
                           " time");
        }
    }

    /** The subject public key: RSA only, encoded exactly as Crypto++ would encode it. */
    CryptoPP::RSA::PublicKey PublicKey(DerReader& reader, const std::string& what)
    {
        Element e = reader.Next(TAG_SEQUENCE, what);
        Bytes spki = Slice(e);
        CryptoPP::RSA::PublicKey key;
        try
        {
            CryptoPP::ArraySource source(spki.data(), spki.size(), true);
            key.BERDecode(source);
        }
        catch (const CryptoPP::Exception& ex)
        {
            throw DerError(what + ": not an RSA public key (" + ex.GetWhat() + ")");
        }
        Bytes again = Der([&](CryptoPP::BufferedTransformation& out) { key.DEREncode(out); });
        if (again != spki)
        {
            throw DerError(what + ": RSA public key not in its DER form");
        }
        unsigned bits = key.GetModulus().BitCount();
        if (bits < MIN_PARSED_KEY_BITS || bits > MAX_PARSED_KEY_BITS)
        {
            throw DerError(what + ": RSA modulus of " + std::to_string(bits) +
                           " bits (accepted: 512 to 8192)");
        }
        if (!key.Validate(CryptoPP::NullRNG(), 0))
        {
            throw DerError(what + ": RSA public key fails the basic checks (n, e odd, e < n)");
        }
        return key;
    }

    /** A BIT STRING's content bytes; unused bits only if \p allowUnused, and then zero. */
    Bytes Bits(DerReader& reader, const std::string& what, bool allowUnused)
    {
        Element e = reader.Next(CryptoPP::BIT_STRING, what);
        Bytes v = ContentOf(e);
        if (v.empty() || v[0] > 7 || (v.size() == 1 && v[0] != 0))
        {
            throw DerError(what + ": malformed BIT STRING");
        }
        if (v[0] != 0 && !allowUnused)
        {
            throw DerError(what + ": BIT STRING with unused bits");
        }
        if (v[0] != 0 && (v.back() & ((1u << v[0]) - 1)) != 0)
        {
            throw DerError(what + ": BIT STRING with set unused bits (not DER)");
        }
        return Bytes(v.begin() + 1, v.end());
    }

    /** Extensions (RFC 5280 4.2); sets \p isCa from basicConstraints. */
    void Extensions(DerReader& reader, const std::string& what, bool& isCa)
    {
        Element wrapper = reader.Next(TAG_EXTENSIONS, what);
        DerReader outer(m_der, wrapper, what);
        Element list = outer.Next(TAG_SEQUENCE, "list");
        outer.ExpectEnd();
        DerReader extensions(m_der, list, what);
        if (extensions.AtEnd())
        {
            throw DerError(what + ": empty list");
        }
        static const Bytes basicConstraints = OidDer(BasicConstraintsOid());
        static const Bytes keyUsage = OidDer(KeyUsageOid());
        std::vector<Bytes> seen;
        while (!extensions.AtEnd())
        {
            Element ext = extensions.Next(TAG_SEQUENCE, "extension");
            DerReader fields(m_der, ext, what + ".extension");
            Element oid = fields.Next(CryptoPP::OBJECT_IDENTIFIER, "extnID");
            Bytes id = Slice(oid);
            std::string name = what + " " + OidText(ContentOf(oid));
            if (std::find(seen.begin(), seen.end(), id) != seen.end())
            {
                throw DerError(name + ": appears twice");
            }
            seen.push_back(id);
            bool critical = false;
            if (!fields.AtEnd() && fields.PeekTag() == CryptoPP::BOOLEAN)
            {
                critical = Boolean(fields, name + ".critical");
                if (!critical)
                {
                    throw DerError(name + ": critical FALSE must be left out (DER)");
                }
            }
            Element value = fields.Next(CryptoPP::OCTET_STRING, "extnValue");
            fields.ExpectEnd();
            if (id == basicConstraints)
            {
                DerReader body(m_der, value, name);
                Element seq = body.Next(TAG_SEQUENCE, "BasicConstraints");
                body.ExpectEnd();
                DerReader items(m_der, seq, name);
                if (!items.AtEnd() && items.PeekTag() == CryptoPP::BOOLEAN)
                {
                    isCa = Boolean(items, name + ".cA");
                    if (!isCa)
                    {
                        throw DerError(name + ": cA FALSE must be left out (DER)");
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
                DerReader body(m_der, value, name);
                Bits(body, name + ".KeyUsage", true);
                body.ExpectEnd();
            }
            else if (critical)
            {
                throw DerError(name + ": unsupported critical extension");
            }
        }
    }

    /** Parse the whole certificate into \p cert's fields. */
    void Run(Bytes& tbs,
             Bytes& signature,
             Bytes& serial,
             Bytes& issuerName,
             std::string& issuer,
             Bytes& subjectName,
             std::string& subject,
             bool& isCa,
             CryptoPP::RSA::PublicKey& key)
    {
        DerReader top(m_der, 0, m_der.size(), "certificate");
        Element certificate = top.Next(TAG_SEQUENCE, "Certificate");
        if (!top.AtEnd())
        {
            throw DerError("certificate: " + std::to_string(m_der.size() - certificate.end) +
                           " bytes of trailing data after the certificate");
        }
        DerReader parts(m_der, certificate, "certificate");
        Element tbsElement = parts.Next(TAG_SEQUENCE, "tbsCertificate");
        Bytes outerAlgorithm = SignatureAlgorithm(parts, "certificate.signatureAlgorithm");
        signature = Bits(parts, "certificate.signatureValue", false);
        parts.ExpectEnd();
        tbs = Slice(tbsElement);

        const std::string t = "tbsCertificate";
        DerReader fields(m_der, tbsElement, t);
        int version = 0; // v1
        if (!fields.AtEnd() && fields.PeekTag() == TAG_VERSION)
        {
            Element wrapper = fields.Next(TAG_VERSION, "version");
            DerReader inner(m_der, wrapper, t + ".version");
            Bytes v = Integer(inner, t + ".version", false);
            inner.ExpectEnd();
            if (v.size() != 1 || (v[0] != 1 && v[0] != 2))
            {
                throw DerError(t + ".version: not v2 or v3 (v1 leaves the field out)");
            }
            version = v[0];
        }
        serial = Integer(fields, t + ".serialNumber", true);
        if (serial.size() > 21)
        {
            throw DerError(t + ".serialNumber: longer than 20 bytes");
        }
        Bytes innerAlgorithm = SignatureAlgorithm(fields, t + ".signature");
        if (innerAlgorithm != outerAlgorithm)
        {
            throw DerError(t + ".signature: differs from certificate.signatureAlgorithm");
        }
        issuerName = Name(fields, t + ".issuer", issuer);
        Element validity = fields.Next(TAG_SEQUENCE, "validity");
        DerReader times(m_der, validity, t + ".validity");
        Time(times, t + ".validity.notBefore");
        Time(times, t + ".validity.notAfter");
        times.ExpectEnd();
        subjectName = Name(fields, t + ".subject", subject);
        key = PublicKey(fields, t + ".subjectPublicKeyInfo");
        if (version >= 1 && !fields.AtEnd() && fields.PeekTag() == TAG_ISSUER_UNIQUE_ID)
        {
            fields.Next(TAG_ISSUER_UNIQUE_ID, "issuerUniqueID");
        }
        if (version >= 1 && !fields.AtEnd() && fields.PeekTag() == TAG_SUBJECT_UNIQUE_ID)
        {
            fields.Next(TAG_SUBJECT_UNIQUE_ID, "subjectUniqueID");
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

// ---------------------------------------------------------------------------------------------
// IkeCertificate

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
        Sha1RsaVerifier verifier(issuer.m_publicKey);
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
        return block == EncodeSignatureBlock(hash, k);
    }
    catch (const CryptoPP::Exception&)
    {
        return false;
    }
}

// ---------------------------------------------------------------------------------------------
// IkeCredentials

IkeCredentials::IkeCredentials(Ptr<IkeCertificate> certificate,
                               const CryptoPP::InvertibleRSAFunction& privateKey,
                               const std::vector<Ptr<IkeCertificate>>& chain)
    : m_certificate(certificate),
      m_key(privateKey),
      m_chain(chain)
{
    NS_ABORT_MSG_IF(!m_certificate, "credentials need a certificate");
    NS_ABORT_MSG_IF(m_key.GetModulus() != m_certificate->GetPublicKey().GetModulus() ||
                        m_key.GetPublicExponent() !=
                            m_certificate->GetPublicKey().GetPublicExponent(),
                    "the private key does not match the certificate of "
                        << m_certificate->GetSubject());
}

Ptr<IkeCertificate>
IkeCredentials::GetCertificate() const
{
    return m_certificate;
}

const std::vector<Ptr<IkeCertificate>>&
IkeCredentials::GetChain() const
{
    return m_chain;
}

Ptr<IkeCertificate>
IkeCredentials::GetRoot() const
{
    return m_chain.empty() ? m_certificate : m_chain.back();
}

std::vector<uint8_t>
IkeCredentials::SignHash(const std::vector<uint8_t>& hash) const
{
    size_t k = m_key.GetModulus().ByteCount();
    NS_ABORT_MSG_IF(hash.empty() || hash.size() + 11 > k,
                    "cannot sign a hash of " << hash.size() << " bytes with a " << k
                                             << "-byte RSA key");
    Bytes block = EncodeSignatureBlock(hash, k);
    CryptoPP::Integer m(block.data(), block.size());
    CryptoPP::Integer s = m_key.CalculateInverse(Blinding(), m);
    Bytes signature(k);
    s.Encode(signature.data(), signature.size());
    return signature;
}

// ---------------------------------------------------------------------------------------------
// IkeCertificateAuthority

Ptr<IkeCertificateAuthority>
IkeCertificateAuthority::CreateRoot(const std::string& name,
                                    CryptoPP::RandomNumberGenerator& rng,
                                    uint32_t keyBits)
{
    CheckCommonName(name);
    Ptr<IkeCertificateAuthority> ca(new IkeCertificateAuthority(), false);
    ca->m_name = name;
    ca->m_keyBits = keyBits;
    ca->m_key = MakeKey(rng, keyBits);
    ca->m_chain.push_back(ca->Sign(name, PublicOf(ca->m_key), true));
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
    ca->m_key = MakeKey(rng, ca->m_keyBits);
    ca->m_chain.push_back(Sign(name, PublicOf(ca->m_key), true));
    ca->m_chain.insert(ca->m_chain.end(), m_chain.begin(), m_chain.end());
    return ca;
}

Ptr<IkeCredentials>
IkeCertificateAuthority::Issue(const std::string& computerName,
                               CryptoPP::RandomNumberGenerator& rng,
                               uint32_t keyBits)
{
    CheckCommonName(computerName);
    CryptoPP::InvertibleRSAFunction key = MakeKey(rng, keyBits == 0 ? m_keyBits : keyBits);
    Ptr<IkeCertificate> cert = Sign(computerName, PublicOf(key), false);
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
    const Bytes subjectKeyId = Der([&](CryptoPP::BufferedTransformation& out) {
        Bytes id = KeyIdentifier(subjectKey);
        CryptoPP::DEREncodeOctetString(out, id.data(), id.size());
    });
    const Bytes issuerKeyId = KeyIdentifier(PublicOf(m_key));
    const Bytes issuerName = EncodeName(m_name);
    const Bytes subjectName = EncodeName(subject);
    const CryptoPP::SecByteBlock notBefore(reinterpret_cast<const CryptoPP::byte*>(NOT_BEFORE),
                                           13);
    const CryptoPP::SecByteBlock notAfter(reinterpret_cast<const CryptoPP::byte*>(NOT_AFTER),
                                          13);

    // TBSCertificate (RFC 5280 4.1)
    Bytes tbs = Der([&](CryptoPP::BufferedTransformation& out) {
        CryptoPP::DERSequenceEncoder fields(out);
        CryptoPP::DERGeneralEncoder version(fields, TAG_VERSION);
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
        CryptoPP::DERGeneralEncoder extensions(fields, TAG_EXTENSIONS);
        CryptoPP::DERSequenceEncoder list(extensions);
        EncodeExtension(list,
                        KeyUsageOid(),
                        true,
                        EncodeKeyUsage(isCa ? KEY_USAGE_CA : KEY_USAGE_DIGITAL_SIGNATURE));
        if (isCa)
        {
            Bytes constraints = Der([](CryptoPP::BufferedTransformation& body) {
                CryptoPP::DERSequenceEncoder seq(body);
                CryptoPP::DEREncodeUnsigned<CryptoPP::byte>(seq, 1, CryptoPP::BOOLEAN); // cA
                seq.MessageEnd();
            });
            EncodeExtension(list, BasicConstraintsOid(), true, constraints);
        }
        EncodeExtension(list, SubjectKeyIdentifierOid(), false, subjectKeyId);
        if (!selfSigned)
        {
            // AuthorityKeyIdentifier ::= SEQUENCE { keyIdentifier [0] IMPLICIT OCTET STRING }
            Bytes authority = Der([&](CryptoPP::BufferedTransformation& body) {
                CryptoPP::DERSequenceEncoder seq(body);
                seq.Put(0x80);
                CryptoPP::DERLengthEncode(seq, issuerKeyId.size());
                seq.Put(issuerKeyId.data(), issuerKeyId.size());
                seq.MessageEnd();
            });
            EncodeExtension(list, AuthorityKeyIdentifierOid(), false, authority);
        }
        list.MessageEnd();
        extensions.MessageEnd();
        fields.MessageEnd();
    });

    Sha1RsaSigner signer(m_key);
    Bytes signature(signer.SignatureLength());
    size_t length = signer.SignMessage(Blinding(), tbs.data(), tbs.size(), signature.data());
    signature.resize(length);

    // Certificate (RFC 5280 4.1)
    Bytes der = Der([&](CryptoPP::BufferedTransformation& out) {
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

// ---------------------------------------------------------------------------------------------
// Chain verification

bool
IkeVerifyChain(const IkeCertificate& leaf,
               const std::vector<Ptr<IkeCertificate>>& intermediates,
               const std::vector<Ptr<IkeCertificate>>& trustedRoots,
               std::string& reason)
{
    reason.clear();
    auto quoted = [](const std::string& cn) { return "\"" + cn + "\""; };
    auto trustedList = [&]() {
        std::string names;
        for (const auto& root : trustedRoots)
        {
            if (root)
            {
                names += (names.empty() ? "" : ", ") + quoted(root->GetSubject());
            }
        }
        return names.empty() ? std::string("none") : names;
    };

    std::vector<bool> used(intermediates.size(), false);
    const IkeCertificate* current = &leaf;
    while (true)
    {
        for (const auto& root : trustedRoots)
        {
            if (root && root->GetDer() == current->GetDer())
            {
                return true;
            }
        }
        bool badSignature = false;
        for (const auto& root : trustedRoots)
        {
            if (root && root->GetSubjectName() == current->GetIssuerName())
            {
                if (current->IsSignedBy(*root))
                {
                    return true;
                }
                badSignature = true;
            }
        }
        const IkeCertificate* next = nullptr;
        for (size_t i = 0; i < intermediates.size() && next == nullptr; ++i)
        {
            const Ptr<IkeCertificate>& candidate = intermediates[i];
            if (used[i] || !candidate || candidate->GetSubjectName() != current->GetIssuerName())
            {
                continue;
            }
            if (!current->IsSignedBy(*candidate))
            {
                badSignature = true;
                continue;
            }
            if (!candidate->IsCa())
            {
                reason = quoted(candidate->GetSubject()) + " signed " +
                         quoted(current->GetSubject()) + " but is not a CA";
                return false;
            }
            used[i] = true;
            next = PeekPointer(candidate);
        }
        if (next == nullptr)
        {
            if (badSignature)
            {
                reason = "bad signature on " + quoted(current->GetSubject()) + " (issuer " +
                         quoted(current->GetIssuer()) + ")";
            }
            else if (current->IsSelfSigned())
            {
                reason = "no trusted root: the chain ends at the root " +
                         quoted(current->GetSubject()) + ", which is not trusted (trusted: " +
                         trustedList() + ")";
            }
            else
            {
                reason = "no trusted root: the issuer " + quoted(current->GetIssuer()) + " of " +
                         quoted(current->GetSubject()) +
                         " is neither trusted nor among the intermediates (trusted: " +
                         trustedList() + ")";
            }
            return false;
        }
        current = next;
    }
}

} // namespace ns3
