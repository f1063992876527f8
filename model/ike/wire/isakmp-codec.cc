/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "isakmp-codec.h"

namespace ns3
{

IsakmpStatus
IsakmpCodec::Malformed(const std::string& message)
{
    return IsakmpStatus::Error(IsakmpNotifyType::PAYLOAD_MALFORMED, message);
}

IsakmpStatus
IsakmpCodec::BadProposal(const std::string& message)
{
    return IsakmpStatus::Error(IsakmpNotifyType::BAD_PROPOSAL_SYNTAX, message);
}

void
IsakmpCodec::PutU16(std::vector<uint8_t>& out, uint16_t value)
{
    out.push_back(static_cast<uint8_t>(value >> 8));
    out.push_back(static_cast<uint8_t>(value));
}

void
IsakmpCodec::PutU32(std::vector<uint8_t>& out, uint32_t value)
{
    for (int shift = 24; shift >= 0; shift -= 8)
    {
        out.push_back(static_cast<uint8_t>(value >> shift));
    }
}

void
IsakmpCodec::PutBytes(std::vector<uint8_t>& out, const std::vector<uint8_t>& bytes)
{
    out.insert(out.end(), bytes.begin(), bytes.end());
}

uint16_t
IsakmpCodec::GetU16(const uint8_t* in)
{
    return static_cast<uint16_t>((in[0] << 8) | in[1]);
}

uint32_t
IsakmpCodec::GetU32(const uint8_t* in)
{
    return (uint32_t{in[0]} << 24) | (uint32_t{in[1]} << 16) | (uint32_t{in[2]} << 8) | in[3];
}

std::string
IsakmpCodec::Str(size_t n)
{
    return std::to_string(n);
}

size_t
IsakmpCodec::OpenPayload(std::vector<uint8_t>& out, uint8_t nextPayload)
{
    size_t start = out.size();
    out.push_back(nextPayload);
    out.push_back(0); // RESERVED
    PutU16(out, 0);
    return start;
}

IsakmpStatus
IsakmpCodec::ClosePayload(std::vector<uint8_t>& out, size_t start, const std::string& what)
{
    size_t length = out.size() - start;
    if (length > MAX_PAYLOAD)
    {
        out.resize(start);
        return Malformed(what + " of " + Str(length) + " bytes exceeds the 16-bit length field");
    }
    out[start + 2] = static_cast<uint8_t>(length >> 8);
    out[start + 3] = static_cast<uint8_t>(length);
    return IsakmpStatus::Ok();
}

IsakmpStatus
IsakmpCodec::ReadSubHeader(const uint8_t* data,
                           size_t size,
                           size_t offset,
                           IsakmpPayloadType ownType,
                           size_t minimum,
                           uint8_t& next,
                           size_t& length)
{
    size_t left = size - offset;
    if (left < minimum)
    {
        return Malformed("header truncated (" + Str(left) + " bytes left, " + Str(minimum) +
                         " needed)");
    }
    next = data[offset];
    if (next != static_cast<uint8_t>(ownType) && next != 0)
    {
        return BadProposal("next payload " + Str(next) + " (must be " +
                           Str(static_cast<uint8_t>(ownType)) + " or 0)");
    }
    if (data[offset + 1] != 0)
    {
        return Malformed("reserved byte not zero");
    }
    length = GetU16(data + offset + 2);
    if (length < minimum)
    {
        return Malformed("length " + Str(length) + " below the minimum " + Str(minimum));
    }
    if (length > left)
    {
        return Malformed("length " + Str(length) + " runs past the end (" + Str(left) +
                         " bytes left)");
    }
    return IsakmpStatus::Ok();
}

IsakmpStatus
IsakmpCodec::CheckDoi(uint32_t doi)
{
    if (doi != ISAKMP_DOI_ISAKMP && doi != ISAKMP_DOI_IPSEC)
    {
        return IsakmpStatus::Error(IsakmpNotifyType::DOI_NOT_SUPPORTED,
                                   "DOI " + std::to_string(doi));
    }
    return IsakmpStatus::Ok();
}

} // namespace ns3
