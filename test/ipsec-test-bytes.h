/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef IPSEC_TEST_BYTES_H
#define IPSEC_TEST_BYTES_H

// Byte strings for known-answer tests: published vectors are written in hex.

#include <boost/test/unit_test.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace ns3
{
namespace test
{

/** A byte string. */
using Bytes = std::vector<uint8_t>;

/**
 * \brief Bytes from hex digits; spaces and newlines are ignored so vectors can be laid out as
 * published.
 * \param digits hex digits
 * \return the bytes
 */
inline Bytes
Hex(const std::string& digits)
{
    Bytes out;
    std::string pair;
    for (char c : digits)
    {
        if (c == ' ' || c == '\n')
        {
            continue;
        }
        pair += c;
        if (pair.size() == 2)
        {
            out.push_back(static_cast<uint8_t>(std::stoul(pair, nullptr, 16)));
            pair.clear();
        }
    }
    BOOST_REQUIRE_MESSAGE(pair.empty(), "odd number of hex digits in test vector");
    return out;
}

/**
 * \brief Lower-case hex, so failures print both values readably.
 * \param data bytes
 * \param len how many
 * \return hex digits
 */
inline std::string
ToHex(const uint8_t* data, size_t len)
{
    static const char digits[] = "0123456789abcdef";
    std::string out;
    for (size_t i = 0; i < len; ++i)
    {
        out += digits[data[i] >> 4];
        out += digits[data[i] & 0x0f];
    }
    return out;
}

/**
 * \param data bytes
 * \return lower-case hex digits
 */
inline std::string
ToHex(const Bytes& data)
{
    return ToHex(data.data(), data.size());
}

} // namespace test
} // namespace ns3

#endif /* IPSEC_TEST_BYTES_H */
