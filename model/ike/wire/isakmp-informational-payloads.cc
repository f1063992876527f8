/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "isakmp-informational-payloads.h"

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
IsakmpNotifyPayload::Serialize(std::vector<uint8_t>& out) const
{
    Status status = C::CheckDoi(doi);
    if (!status)
    {
        return status;
    }
    if (spi.size() > 0xff)
    {
        return Status::Error(Notify::INVALID_SPI, "SPI of " + C::Str(spi.size()) + " bytes");
    }
    if (spi.size() + data.size() > C::MAX_PAYLOAD - C::GENERIC_HEADER - 8)
    {
        return C::Malformed("notification data too long");
    }
    C::PutU32(out, doi);
    out.push_back(static_cast<uint8_t>(protocolId));
    out.push_back(static_cast<uint8_t>(spi.size()));
    C::PutU16(out, static_cast<uint16_t>(type));
    C::PutBytes(out, spi);
    C::PutBytes(out, data);
    return Status::Ok();
}

IsakmpStatus
IsakmpNotifyPayload::Deserialize(const uint8_t* bytes, size_t size)
{
    if (size < 8)
    {
        return C::Malformed("body of " + C::Str(size) + " bytes (8 needed)");
    }
    doi = C::GetU32(bytes);
    protocolId = static_cast<IsakmpProtocolId>(bytes[4]);
    size_t spiSize = bytes[5];
    type = static_cast<IsakmpNotifyType>(C::GetU16(bytes + 6));
    Status status = C::CheckDoi(doi);
    if (!status)
    {
        return status;
    }
    if (spiSize > size - 8)
    {
        return C::Malformed("SPI of " + C::Str(spiSize) + " bytes overruns the payload");
    }
    spi.assign(bytes + 8, bytes + 8 + spiSize);
    data.assign(bytes + 8 + spiSize, bytes + size);
    return Status::Ok();
}

bool
IsakmpNotifyPayload::operator==(const IsakmpNotifyPayload& other) const
{
    return doi == other.doi && protocolId == other.protocolId && type == other.type &&
           spi == other.spi && data == other.data;
}

void
IsakmpDeletePayload::AddSpi(uint32_t spi)
{
    std::vector<uint8_t> bytes;
    C::PutU32(bytes, spi);
    spis.push_back(std::move(bytes));
}

std::vector<uint32_t>
IsakmpDeletePayload::GetSpis() const
{
    std::vector<uint32_t> values;
    for (const std::vector<uint8_t>& spi : spis)
    {
        if (spi.size() == 4)
        {
            values.push_back(C::GetU32(spi.data()));
        }
    }
    return values;
}

IsakmpStatus
IsakmpDeletePayload::Serialize(std::vector<uint8_t>& out) const
{
    Status status = C::CheckDoi(doi);
    if (!status)
    {
        return status;
    }
    if (spis.size() > 0xffff || spis.size() * spiSize > C::MAX_PAYLOAD - C::GENERIC_HEADER - 8)
    {
        return C::Malformed(C::Str(spis.size()) + " SPIs are too many for one payload");
    }
    for (size_t i = 0; i < spis.size(); ++i)
    {
        if (spis[i].size() != spiSize)
        {
            return Status::Error(Notify::INVALID_SPI,
                                 "SPI " + C::Str(i + 1) + " has " + C::Str(spis[i].size()) +
                                     " bytes, SPI size is " + C::Str(spiSize));
        }
    }
    C::PutU32(out, doi);
    out.push_back(static_cast<uint8_t>(protocolId));
    out.push_back(spiSize);
    C::PutU16(out, static_cast<uint16_t>(spis.size()));
    for (const std::vector<uint8_t>& spi : spis)
    {
        C::PutBytes(out, spi);
    }
    return Status::Ok();
}

IsakmpStatus
IsakmpDeletePayload::Deserialize(const uint8_t* bytes, size_t size)
{
    spis.clear();
    if (size < 8)
    {
        return C::Malformed("body of " + C::Str(size) + " bytes (8 needed)");
    }
    doi = C::GetU32(bytes);
    protocolId = static_cast<IsakmpProtocolId>(bytes[4]);
    spiSize = bytes[5];
    size_t count = C::GetU16(bytes + 6);
    Status status = C::CheckDoi(doi);
    if (!status)
    {
        return status;
    }
    if (count * spiSize != size - 8)
    {
        return C::Malformed(C::Str(count) + " SPIs of " + C::Str(spiSize) +
                            " bytes do not fill the " + C::Str(size - 8) +
                            " bytes after the header");
    }
    for (size_t i = 0; i < count; ++i)
    {
        const uint8_t* spi = bytes + 8 + i * spiSize;
        spis.emplace_back(spi, spi + spiSize);
    }
    return Status::Ok();
}

bool
IsakmpDeletePayload::operator==(const IsakmpDeletePayload& other) const
{
    return doi == other.doi && protocolId == other.protocolId && spiSize == other.spiSize &&
           spis == other.spis;
}

} // namespace ns3
