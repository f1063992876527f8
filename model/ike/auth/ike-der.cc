/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ike-der.h"

#include <algorithm>
#include <sstream>

namespace ns3
{

std::vector<uint8_t>
IkeDerOid(const CryptoPP::OID& oid)
{
    return IkeDerEncode([&](CryptoPP::BufferedTransformation& out) {
        oid.DEREncode(out);
    });
}

bool
IkeIsPrintableString(const std::string& text)
{
    static const std::string extra = " '()+,-./:=?";
    return std::all_of(text.begin(), text.end(), [](char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
               extra.find(c) != std::string::npos;
    });
}

std::string
IkeDerHexByte(uint8_t b)
{
    static const char digits[] = "0123456789abcdef";
    return std::string("0x") + digits[b >> 4] + digits[b & 0x0f];
}

IkeDerReader::IkeDerReader(const std::vector<uint8_t>& buffer,
                           size_t begin,
                           size_t end,
                           std::string where)
    : m_buffer(buffer),
      m_pos(begin),
      m_end(end),
      m_where(std::move(where))
{
}

IkeDerReader::IkeDerReader(const std::vector<uint8_t>& buffer,
                           const IkeDerElement& element,
                           std::string where)
    : IkeDerReader(buffer, element.contentBegin, element.end, std::move(where))
{
}

bool
IkeDerReader::AtEnd() const
{
    return m_pos == m_end;
}

uint8_t
IkeDerReader::PeekTag() const
{
    return m_buffer[m_pos];
}

IkeDerElement
IkeDerReader::Next(uint8_t tag, const std::string& what)
{
    std::string context = m_where + "." + what;
    if (AtEnd())
    {
        throw IkeDerError(context + ": missing (its container ends at offset " +
                          std::to_string(m_end) + ")");
    }
    IkeDerElement e;
    e.begin = m_pos;
    e.tag = m_buffer[m_pos];
    if (e.tag != tag)
    {
        throw IkeDerError(context + ": tag " + IkeDerHexByte(e.tag) + " at offset " +
                          std::to_string(m_pos) + ", expected " + IkeDerHexByte(tag));
    }
    size_t pos = m_pos + 1;
    if (pos == m_end)
    {
        throw IkeDerError(context + ": truncated before its length at offset " +
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
        throw IkeDerError(context + ": indefinite length at offset " + std::to_string(pos - 1) +
                          " (not DER)");
    }
    else
    {
        size_t count = first & 0x7f;
        if (count > 4)
        {
            throw IkeDerError(context + ": length of " + std::to_string(count) +
                              " bytes at offset " + std::to_string(pos - 1));
        }
        if (m_end - pos < count)
        {
            throw IkeDerError(context + ": truncated inside its length at offset " +
                              std::to_string(pos));
        }
        if (m_buffer[pos] == 0)
        {
            throw IkeDerError(context + ": length with a leading zero byte at offset " +
                              std::to_string(pos) + " (not DER)");
        }
        for (size_t i = 0; i < count; ++i)
        {
            length = (length << 8) | m_buffer[pos++];
        }
        if (length < 0x80)
        {
            throw IkeDerError(context + ": long form for the short length " +
                              std::to_string(length) + " (not DER)");
        }
    }
    if (m_end - pos < length)
    {
        throw IkeDerError(context + ": length " + std::to_string(length) + " at offset " +
                          std::to_string(e.begin) + " overruns its container by " +
                          std::to_string(length - (m_end - pos)) + " bytes (truncated?)");
    }
    e.contentBegin = pos;
    e.end = pos + length;
    m_pos = e.end;
    return e;
}

void
IkeDerReader::ExpectEnd() const
{
    if (!AtEnd())
    {
        throw IkeDerError(m_where + ": " + std::to_string(m_end - m_pos) +
                          " unexpected bytes at offset " + std::to_string(m_pos));
    }
}

std::vector<uint8_t>
IkeDerWhole(const std::vector<uint8_t>& buffer, const IkeDerElement& e)
{
    return std::vector<uint8_t>(buffer.begin() + e.begin, buffer.begin() + e.end);
}

std::vector<uint8_t>
IkeDerContent(const std::vector<uint8_t>& buffer, const IkeDerElement& e)
{
    return std::vector<uint8_t>(buffer.begin() + e.contentBegin, buffer.begin() + e.end);
}

std::string
IkeDerOidText(const std::vector<uint8_t>& content)
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


std::vector<uint8_t>
IkeDerTlv(uint8_t tag, const std::vector<uint8_t>& content)
{
    std::vector<uint8_t> out{tag};
    size_t n = content.size();
    if (n < 0x80)
    {
        out.push_back(static_cast<uint8_t>(n));
    }
    else
    {
        std::vector<uint8_t> length;
        for (size_t v = n; v != 0; v >>= 8)
        {
            length.insert(length.begin(), static_cast<uint8_t>(v));
        }
        out.push_back(static_cast<uint8_t>(0x80 | length.size()));
        out.insert(out.end(), length.begin(), length.end());
    }
    out.insert(out.end(), content.begin(), content.end());
    return out;
}

std::vector<uint8_t>
IkeDerConcat(std::initializer_list<std::vector<uint8_t>> parts)
{
    std::vector<uint8_t> out;
    for (const auto& part : parts)
    {
        out.insert(out.end(), part.begin(), part.end());
    }
    return out;
}

std::vector<uint8_t>
IkeDerInteger(int64_t value)
{
    std::vector<uint8_t> bytes;
    for (int i = 7; i >= 0; --i)
    {
        bytes.push_back(static_cast<uint8_t>(static_cast<uint64_t>(value) >> (8 * i)));
    }
    // Drop leading bytes that only repeat the sign (X.690 8.3.2).
    size_t start = 0;
    while (start < 7 && ((bytes[start] == 0x00 && (bytes[start + 1] & 0x80) == 0) ||
                         (bytes[start] == 0xff && (bytes[start + 1] & 0x80) != 0)))
    {
        ++start;
    }
    return IkeDerTlv(IKE_DER_INTEGER, std::vector<uint8_t>(bytes.begin() + start, bytes.end()));
}

int64_t
IkeDerReadInteger(const std::vector<uint8_t>& buffer,
                  const IkeDerElement& e,
                  const std::string& what)
{
    size_t n = e.end - e.contentBegin;
    if (n == 0 || n > 8)
    {
        throw IkeDerError(what + ": INTEGER of " + std::to_string(n) + " bytes at offset " +
                          std::to_string(e.begin));
    }
    const uint8_t* p = buffer.data() + e.contentBegin;
    if (n > 1 && ((p[0] == 0x00 && (p[1] & 0x80) == 0) || (p[0] == 0xff && (p[1] & 0x80) != 0)))
    {
        throw IkeDerError(what + ": INTEGER not minimal at offset " + std::to_string(e.begin) +
                          " (not DER)");
    }
    uint64_t value = (p[0] & 0x80) != 0 ? ~uint64_t(0) : 0;
    for (size_t i = 0; i < n; ++i)
    {
        value = (value << 8) | p[i];
    }
    return static_cast<int64_t>(value);
}

} // namespace ns3
