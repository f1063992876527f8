/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "kerberos-nfold.h"

#include <numeric>

namespace ns3
{

namespace
{

/**
 * \param bytes a bit string, most significant bit first
 * \param bit index of a bit
 * \return that bit
 */
uint8_t
GetBit(const std::vector<uint8_t>& bytes, size_t bit)
{
    return (bytes[bit / 8] >> (7 - bit % 8)) & 1;
}

} // namespace

std::vector<uint8_t>
KerberosNFold(const std::vector<uint8_t>& input, size_t outputBytes)
{
    if (input.empty() || outputBytes == 0)
    {
        return {};
    }
    size_t inBits = input.size() * 8;
    size_t total = std::lcm(input.size(), outputBytes);
    // The copies, copy i rotated right by 13 * i bits.
    std::vector<uint8_t> stretched(total, 0);
    for (size_t copy = 0; copy < total / input.size(); ++copy)
    {
        size_t rotation = (13 * copy) % inBits;
        for (size_t bit = 0; bit < inBits; ++bit)
        {
            size_t from = (bit + inBits - rotation) % inBits;
            size_t to = copy * inBits + bit;
            stretched[to / 8] |= static_cast<uint8_t>(GetBit(input, from) << (7 - to % 8));
        }
    }
    // One's-complement sum of the outputBytes-long blocks (big-endian numbers, end-around
    // carry).
    std::vector<uint32_t> sum(outputBytes, 0);
    for (size_t block = 0; block < total / outputBytes; ++block)
    {
        for (size_t i = 0; i < outputBytes; ++i)
        {
            sum[i] += stretched[block * outputBytes + i];
        }
    }
    bool carried = true;
    while (carried)
    {
        carried = false;
        uint32_t carry = 0;
        for (size_t i = outputBytes; i-- > 0;)
        {
            sum[i] += carry;
            carry = sum[i] >> 8;
            sum[i] &= 0xff;
        }
        if (carry != 0)
        {
            sum[outputBytes - 1] += carry;
            carried = true;
        }
    }
    return std::vector<uint8_t>(sum.begin(), sum.end());
}

} // namespace ns3
