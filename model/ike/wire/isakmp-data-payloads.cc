/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "isakmp-data-payloads.h"

#include "isakmp-codec.h"

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

} // namespace ns3
