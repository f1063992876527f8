/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef IKE_DER_H
#define IKE_DER_H

#include <cryptopp/asn.h>
#include <cryptopp/filters.h>

#include <cstdint>
#include <initializer_list>
#include <stdexcept>
#include <string>
#include <vector>

// DER (X.690) for the simulated PKI: writing goes through Crypto++'s encoders, reading through a
// strict reader of our own (Crypto++'s BER decoders accept more than DER allows).

namespace ns3
{

/** Constructed SEQUENCE tag. */
constexpr uint8_t IKE_DER_SEQUENCE = CryptoPP::SEQUENCE | CryptoPP::CONSTRUCTED;
/** Constructed SET tag. */
constexpr uint8_t IKE_DER_SET = CryptoPP::SET | CryptoPP::CONSTRUCTED;

/**
 * \brief The bytes \p write puts into a BufferedTransformation.
 * \param write called with the sink to encode into
 * \return what it wrote
 */
template<class F>
std::vector<uint8_t>
IkeDerEncode(F write)
{
    std::string out;
    {
        CryptoPP::StringSink sink(out);
        write(sink);
    }
    return std::vector<uint8_t>(out.begin(), out.end());
}

/**
 * \param oid an object identifier
 * \return its DER (tag, length, value)
 */
std::vector<uint8_t> IkeDerOid(const CryptoPP::OID& oid);

/**
 * \param text a string
 * \return true if every character is in PrintableString's alphabet (X.680 41.4)
 */
bool IkeIsPrintableString(const std::string& text);

/** \brief A DER parse failure, its message saying what is wrong and where. */
class IkeDerError : public std::runtime_error
{
  public:
    using std::runtime_error::runtime_error;
};

/** \brief One DER element: offsets into the parsed buffer. */
struct IkeDerElement
{
    uint8_t tag{0};         //!< identifier octet
    size_t begin{0};        //!< offset of the tag
    size_t contentBegin{0}; //!< offset of the first content byte
    size_t end{0};          //!< offset just past the content
};

/**
 * \brief Reads consecutive DER elements of one container, [begin, end) of a buffer, strictly:
 * definite minimal lengths only, nothing overrunning its container. Failures throw IkeDerError.
 */
class IkeDerReader
{
  public:
    /**
     * \param buffer the whole input (must outlive the reader)
     * \param begin offset of the first element
     * \param end offset just past the container
     * \param where path of the container, for messages
     */
    IkeDerReader(const std::vector<uint8_t>& buffer, size_t begin, size_t end, std::string where);

    /**
     * \brief Reader over the content of \p element.
     * \param buffer the whole input
     * \param element the container
     * \param where its path, for messages
     */
    IkeDerReader(const std::vector<uint8_t>& buffer,
                 const IkeDerElement& element,
                 std::string where);

    /** \return true if no element is left */
    bool AtEnd() const;

    /** \return the tag of the next element; only when !AtEnd() */
    uint8_t PeekTag() const;

    /**
     * \brief Read the next element, which must have tag \p tag.
     * \param tag the expected tag
     * \param what its name, for messages
     * \return the element
     */
    IkeDerElement Next(uint8_t tag, const std::string& what);

    /** \brief Require that nothing follows in this container. */
    void ExpectEnd() const;

  private:
    const std::vector<uint8_t>& m_buffer; //!< the whole input
    size_t m_pos;                         //!< next element
    size_t m_end;                         //!< end of the container
    std::string m_where;                  //!< path of the container, for messages
};

/**
 * \param buffer the input
 * \param e an element of it
 * \return the element with its tag and length
 */
std::vector<uint8_t> IkeDerWhole(const std::vector<uint8_t>& buffer, const IkeDerElement& e);

/**
 * \param buffer the input
 * \param e an element of it
 * \return the element's content
 */
std::vector<uint8_t> IkeDerContent(const std::vector<uint8_t>& buffer, const IkeDerElement& e);

/**
 * \param content an OID's content bytes
 * \return its dotted form, for messages (best effort on malformed input)
 */
std::string IkeDerOidText(const std::vector<uint8_t>& content);

/**
 * \param b a byte
 * \return "0x" and its two hex digits, for messages
 */
std::string IkeDerHexByte(uint8_t b);


/**
 * \param n a context-specific tag number (0 to 30)
 * \return the identifier octet of [n] EXPLICIT (context-specific, constructed)
 */
constexpr uint8_t
IkeDerContextTag(uint8_t n)
{
    return static_cast<uint8_t>(0xa0 | n);
}

/**
 * \param n an application tag number (0 to 30)
 * \return the identifier octet of [APPLICATION n] (constructed)
 */
constexpr uint8_t
IkeDerApplicationTag(uint8_t n)
{
    return static_cast<uint8_t>(0x60 | n);
}

/** INTEGER tag. */
constexpr uint8_t IKE_DER_INTEGER = 0x02;
/** BIT STRING tag. */
constexpr uint8_t IKE_DER_BIT_STRING = 0x03;
/** OCTET STRING tag. */
constexpr uint8_t IKE_DER_OCTET_STRING = 0x04;
/** BOOLEAN tag. */
constexpr uint8_t IKE_DER_BOOLEAN = 0x01;
/** GeneralizedTime tag. */
constexpr uint8_t IKE_DER_GENERALIZED_TIME = 0x18;
/** GeneralString tag (Kerberos' KerberosString). */
constexpr uint8_t IKE_DER_GENERAL_STRING = 0x1b;

/**
 * \brief One element with the minimal definite length (X.690 10.1), for the hand-built
 * structures (Kerberos) that Crypto++'s encoders have no type for.
 * \param tag the identifier octet
 * \param content the content bytes
 * \return tag, length, content
 */
std::vector<uint8_t> IkeDerTlv(uint8_t tag, const std::vector<uint8_t>& content);

/**
 * \param parts elements in order
 * \return them concatenated (the content of a SEQUENCE)
 */
std::vector<uint8_t> IkeDerConcat(std::initializer_list<std::vector<uint8_t>> parts);

/**
 * \param value a number
 * \return its INTEGER element, in the fewest two's-complement bytes
 */
std::vector<uint8_t> IkeDerInteger(int64_t value);

/**
 * \brief Read an INTEGER strictly: minimal encoding, at most 8 bytes.
 * \param buffer the input
 * \param e an element of it with tag INTEGER
 * \param what its name, for messages
 * \return its value
 * \throws IkeDerError if empty, not minimal or too large
 */
int64_t IkeDerReadInteger(const std::vector<uint8_t>& buffer,
                          const IkeDerElement& e,
                          const std::string& what);

} // namespace ns3

#endif /* IKE_DER_H */
