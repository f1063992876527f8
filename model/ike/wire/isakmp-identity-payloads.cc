/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "isakmp-identity-payloads.h"

#include "isakmp-codec.h"

namespace ns3
{

namespace
{

using Status = IsakmpStatus;
using Notify = IsakmpNotifyType;
using C = IsakmpCodec;

bool
IsKnownIdType(IsakmpIdType type)
{
    uint8_t value = static_cast<uint8_t>(type);
    return value >= static_cast<uint8_t>(IsakmpIdType::IPV4_ADDR) &&
           value <= static_cast<uint8_t>(IsakmpIdType::KEY_ID);
}

/** Data length an address ID type requires; 0 for the other types. */
size_t
IdAddressLength(IsakmpIdType type)
{
    switch (type)
    {
    case IsakmpIdType::IPV4_ADDR:
        return 4;
    case IsakmpIdType::IPV4_ADDR_SUBNET:
    case IsakmpIdType::IPV4_ADDR_RANGE:
        return 8;
    case IsakmpIdType::IPV6_ADDR:
        return 16;
    case IsakmpIdType::IPV6_ADDR_SUBNET:
    case IsakmpIdType::IPV6_ADDR_RANGE:
        return 32;
    default:
        return 0;
    }
}

Status
CheckId(IsakmpIdType type, size_t dataLength)
{
    if (!IsKnownIdType(type))
    {
        return Status::Error(Notify::INVALID_ID_INFORMATION,
                             "unknown ID type " + C::Str(static_cast<uint8_t>(type)));
    }
    size_t wanted = IdAddressLength(type);
    if (wanted != 0 && dataLength != wanted)
    {
        return Status::Error(Notify::INVALID_ID_INFORMATION,
                             "ID type " + C::Str(static_cast<uint8_t>(type)) + " with " +
                                 C::Str(dataLength) + " bytes of data (" + C::Str(wanted) +
                                 " expected)");
    }
    return Status::Ok();
}

} // namespace

IsakmpIdPayload
IsakmpIdPayload::Ipv4(Ipv4Address address, uint8_t protocolId, uint16_t port)
{
    IsakmpIdPayload id;
    id.idType = IsakmpIdType::IPV4_ADDR;
    id.protocolId = protocolId;
    id.port = port;
    C::PutU32(id.data, address.Get());
    return id;
}

IsakmpIdPayload
IsakmpIdPayload::Ipv4Subnet(Ipv4Address address, Ipv4Mask mask, uint8_t protocolId, uint16_t port)
{
    IsakmpIdPayload id;
    id.idType = IsakmpIdType::IPV4_ADDR_SUBNET;
    id.protocolId = protocolId;
    id.port = port;
    C::PutU32(id.data, address.Get());
    C::PutU32(id.data, mask.Get());
    return id;
}

IsakmpIdPayload
IsakmpIdPayload::Text(IsakmpIdType type, const std::string& text)
{
    IsakmpIdPayload id;
    id.idType = type;
    id.data.assign(text.begin(), text.end());
    return id;
}

std::optional<Ipv4Address>
IsakmpIdPayload::GetIpv4Address() const
{
    bool ipv4 = idType == IsakmpIdType::IPV4_ADDR || idType == IsakmpIdType::IPV4_ADDR_SUBNET ||
                idType == IsakmpIdType::IPV4_ADDR_RANGE;
    if (!ipv4 || data.size() < 4)
    {
        return std::nullopt;
    }
    return Ipv4Address(C::GetU32(data.data()));
}

IsakmpStatus
IsakmpIdPayload::Serialize(std::vector<uint8_t>& out) const
{
    Status status = CheckId(idType, data.size());
    if (!status)
    {
        return status;
    }
    if (data.size() > C::MAX_PAYLOAD - C::GENERIC_HEADER - 4)
    {
        return C::Malformed("identification data too long");
    }
    out.push_back(static_cast<uint8_t>(idType));
    out.push_back(protocolId);
    C::PutU16(out, port);
    C::PutBytes(out, data);
    return Status::Ok();
}

IsakmpStatus
IsakmpIdPayload::Deserialize(const uint8_t* bytes, size_t size)
{
    if (size < 4)
    {
        return C::Malformed("body of " + C::Str(size) + " bytes (4 needed)");
    }
    idType = static_cast<IsakmpIdType>(bytes[0]);
    protocolId = bytes[1];
    port = C::GetU16(bytes + 2);
    data.assign(bytes + 4, bytes + size);
    return CheckId(idType, data.size());
}

bool
IsakmpIdPayload::operator==(const IsakmpIdPayload& other) const
{
    return idType == other.idType && protocolId == other.protocolId && port == other.port &&
           data == other.data;
}

IsakmpStatus
IsakmpCertPayload::Serialize(std::vector<uint8_t>& out) const
{
    if (data.size() > C::MAX_PAYLOAD - C::GENERIC_HEADER - 1)
    {
        return C::Malformed("certificate too long");
    }
    out.push_back(static_cast<uint8_t>(encoding));
    C::PutBytes(out, data);
    return Status::Ok();
}

IsakmpStatus
IsakmpCertPayload::Deserialize(const uint8_t* bytes, size_t size)
{
    if (size < 1)
    {
        return C::Malformed("empty body (no encoding)");
    }
    encoding = static_cast<IsakmpCertEncoding>(bytes[0]);
    data.assign(bytes + 1, bytes + size);
    return Status::Ok();
}

bool
IsakmpCertPayload::operator==(const IsakmpCertPayload& other) const
{
    return encoding == other.encoding && data == other.data;
}

IsakmpStatus
IsakmpCertRequestPayload::Serialize(std::vector<uint8_t>& out) const
{
    if (authority.size() > C::MAX_PAYLOAD - C::GENERIC_HEADER - 1)
    {
        return C::Malformed("certificate authority too long");
    }
    out.push_back(static_cast<uint8_t>(encoding));
    C::PutBytes(out, authority);
    return Status::Ok();
}

IsakmpStatus
IsakmpCertRequestPayload::Deserialize(const uint8_t* bytes, size_t size)
{
    if (size < 1)
    {
        return C::Malformed("empty body (no certificate type)");
    }
    encoding = static_cast<IsakmpCertEncoding>(bytes[0]);
    authority.assign(bytes + 1, bytes + size);
    return Status::Ok();
}

bool
IsakmpCertRequestPayload::operator==(const IsakmpCertRequestPayload& other) const
{
    return encoding == other.encoding && authority == other.authority;
}

} // namespace ns3
