/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "isakmp-data-payloads.h"

#include "isakmp-codec.h"
#include "isakmp-numbers.h"

namespace ns3
{

namespace
{

using Status = IsakmpStatus;
using Notify = IsakmpNotifyType;
using C = IsakmpCodec;

} // namespace

IsakmpStatus
IsakmpDataPayload::Serialize(std::vector<uint8_t>& out) const
{
    if (data.size() > C::MAX_PAYLOAD - C::GENERIC_HEADER)
    {
        return C::Malformed("data of " + C::Str(data.size()) + " bytes is too long for a payload");
    }
    C::PutBytes(out, data);
    return Status::Ok();
}

IsakmpStatus
IsakmpDataPayload::Deserialize(const uint8_t* bytes, size_t size)
{
    data.assign(bytes, bytes + size);
    return Status::Ok();
}

bool
IsakmpDataPayload::operator==(const IsakmpDataPayload& other) const
{
    return data == other.data;
}

IsakmpStatus
IsakmpNatOaBody::Serialize(std::vector<uint8_t>& out) const
{
    out.push_back(static_cast<uint8_t>(IsakmpIdType::IPV4_ADDR));
    out.insert(out.end(), 3, 0);
    uint8_t bytes[4];
    address.Serialize(bytes);
    out.insert(out.end(), bytes, bytes + 4);
    return Status::Ok();
}

IsakmpStatus
IsakmpNatOaBody::Deserialize(const uint8_t* bytes, size_t size)
{
    if (size < 4)
    {
        return C::Malformed("NAT-OA of " + C::Str(size) + " bytes has no ID type and reserved");
    }
    if (bytes[0] != static_cast<uint8_t>(IsakmpIdType::IPV4_ADDR))
    {
        return Status::Error(Notify::INVALID_ID_INFORMATION,
                             "NAT-OA ID type " + C::Str(bytes[0]) +
                                 " (only ID_IPV4_ADDR, 1, is modelled)");
    }
    if (bytes[1] != 0 || bytes[2] != 0 || bytes[3] != 0)
    {
        return C::Malformed("NAT-OA reserved bytes not zero");
    }
    if (size != 8)
    {
        return C::Malformed("NAT-OA ID_IPV4_ADDR of " + C::Str(size) + " bytes (8 expected)");
    }
    address = Ipv4Address::Deserialize(bytes + 4);
    return Status::Ok();
}

bool
IsakmpNatOaBody::operator==(const IsakmpNatOaBody& other) const
{
    return address == other.address;
}

} // namespace ns3
