/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "isakmp-sa-payload.h"

#include "isakmp-codec.h"

namespace ns3
{

namespace
{

using Status = IsakmpStatus;
using Notify = IsakmpNotifyType;
using C = IsakmpCodec;

Status
SerializeAttribute(const IsakmpAttribute& attribute, std::vector<uint8_t>& out)
{
    if (attribute.type > 0x7fff)
    {
        return C::Malformed("attribute type " + C::Str(attribute.type) +
                            " does not fit in 15 bits");
    }
    if (attribute.basic)
    {
        C::PutU16(out, static_cast<uint16_t>(0x8000 | attribute.type));
        C::PutU16(out, attribute.value);
        return Status::Ok();
    }
    if (attribute.data.size() > 0xffff)
    {
        return C::Malformed("attribute " + C::Str(attribute.type) + " value too long");
    }
    C::PutU16(out, attribute.type);
    C::PutU16(out, static_cast<uint16_t>(attribute.data.size()));
    C::PutBytes(out, attribute.data);
    return Status::Ok();
}

Status
DeserializeAttributes(const uint8_t* data, size_t size, std::vector<IsakmpAttribute>& out)
{
    size_t offset = 0;
    while (offset < size)
    {
        std::string where = "attribute " + C::Str(out.size() + 1);
        if (size - offset < 4)
        {
            return C::Malformed(where + ": truncated (" + C::Str(size - offset) + " bytes left)");
        }
        uint16_t word = C::GetU16(data + offset);
        IsakmpAttribute attribute;
        attribute.type = word & 0x7fff;
        attribute.basic = (word & 0x8000) != 0;
        uint16_t second = C::GetU16(data + offset + 2);
        offset += 4;
        if (attribute.basic)
        {
            attribute.value = second;
        }
        else
        {
            if (second > size - offset)
            {
                return C::Malformed(where + " (type " + C::Str(attribute.type) + "): TLV length " +
                                    C::Str(second) + " overruns the transform (" +
                                    C::Str(size - offset) + " bytes left)");
            }
            attribute.data.assign(data + offset, data + offset + second);
            offset += second;
        }
        out.push_back(std::move(attribute));
    }
    return Status::Ok();
}

Status
SerializeTransform(const IsakmpTransform& transform, bool last, std::vector<uint8_t>& out)
{
    size_t start = C::OpenPayload(
        out,
        static_cast<uint8_t>(last ? IsakmpPayloadType::NONE : IsakmpPayloadType::TRANSFORM));
    out.push_back(transform.number);
    out.push_back(transform.transformId);
    C::PutU16(out, 0); // RESERVED2
    for (size_t i = 0; i < transform.attributes.size(); ++i)
    {
        Status status = SerializeAttribute(transform.attributes[i], out);
        if (!status)
        {
            out.resize(start);
            return status.Within("attribute " + C::Str(i + 1));
        }
    }
    return C::ClosePayload(out, start, "transform");
}

/** Transform body: after the generic header. */
Status
DeserializeTransform(const uint8_t* data, size_t size, IsakmpTransform& transform)
{
    // The caller guarantees the 4 bytes of number, ID and RESERVED2.
    transform.number = data[0];
    transform.transformId = data[1];
    if (C::GetU16(data + 2) != 0)
    {
        return C::Malformed("reserved field not zero");
    }
    return DeserializeAttributes(data + 4, size - 4, transform.attributes);
}

Status
SerializeProposal(const IsakmpProposal& proposal, bool last, std::vector<uint8_t>& out)
{
    if (proposal.spi.size() > 0xff)
    {
        return C::BadProposal("SPI of " + C::Str(proposal.spi.size()) + " bytes");
    }
    if (proposal.transforms.empty() || proposal.transforms.size() > 0xff)
    {
        return C::BadProposal(C::Str(proposal.transforms.size()) +
                              " transforms (1 to 255 allowed)");
    }
    size_t start = C::OpenPayload(
        out,
        static_cast<uint8_t>(last ? IsakmpPayloadType::NONE : IsakmpPayloadType::PROPOSAL));
    out.push_back(proposal.number);
    out.push_back(static_cast<uint8_t>(proposal.protocolId));
    out.push_back(static_cast<uint8_t>(proposal.spi.size()));
    out.push_back(static_cast<uint8_t>(proposal.transforms.size()));
    C::PutBytes(out, proposal.spi);
    for (size_t i = 0; i < proposal.transforms.size(); ++i)
    {
        Status status =
            SerializeTransform(proposal.transforms[i], i + 1 == proposal.transforms.size(), out);
        if (!status)
        {
            out.resize(start);
            return status.Within("transform " + C::Str(i + 1));
        }
    }
    return C::ClosePayload(out, start, "proposal");
}

/** Proposal body: after the generic header. */
Status
DeserializeProposal(const uint8_t* data, size_t size, IsakmpProposal& proposal)
{
    // The caller guarantees the 4 bytes of number, protocol, SPI size and transform count.
    proposal.number = data[0];
    proposal.protocolId = static_cast<IsakmpProtocolId>(data[1]);
    size_t spiSize = data[2];
    size_t declared = data[3];
    if (spiSize > size - 4)
    {
        return C::Malformed("SPI of " + C::Str(spiSize) + " bytes overruns the proposal");
    }
    proposal.spi.assign(data + 4, data + 4 + spiSize);
    if (declared == 0)
    {
        return C::BadProposal("no transforms");
    }
    size_t offset = 4 + spiSize;
    uint8_t next = static_cast<uint8_t>(IsakmpPayloadType::TRANSFORM);
    while (next != 0)
    {
        std::string where = "transform " + C::Str(proposal.transforms.size() + 1);
        if (offset == size)
        {
            return C::BadProposal("says " + C::Str(declared) + " transforms, holds " +
                                  C::Str(proposal.transforms.size()));
        }
        size_t length = 0;
        Status status = C::ReadSubHeader(data,
                                         size,
                                         offset,
                                         IsakmpPayloadType::TRANSFORM,
                                         C::GENERIC_HEADER + 4,
                                         next,
                                         length);
        if (!status)
        {
            return status.Within(where);
        }
        IsakmpTransform transform;
        status = DeserializeTransform(data + offset + C::GENERIC_HEADER,
                                      length - C::GENERIC_HEADER,
                                      transform);
        if (!status)
        {
            return status.Within(where);
        }
        proposal.transforms.push_back(std::move(transform));
        offset += length;
    }
    if (offset != size)
    {
        return C::Malformed(C::Str(size - offset) + " bytes after the last transform");
    }
    if (proposal.transforms.size() != declared)
    {
        return C::BadProposal("says " + C::Str(declared) + " transforms, holds " +
                              C::Str(proposal.transforms.size()));
    }
    return Status::Ok();
}

} // namespace

// --- IsakmpAttribute, IsakmpTransform, IsakmpProposal ------------------------------------

IsakmpAttribute
IsakmpAttribute::Basic(uint16_t type, uint16_t value)
{
    IsakmpAttribute attribute;
    attribute.type = type;
    attribute.basic = true;
    attribute.value = value;
    return attribute;
}

IsakmpAttribute
IsakmpAttribute::Variable(uint16_t type, std::vector<uint8_t> data)
{
    IsakmpAttribute attribute;
    attribute.type = type;
    attribute.basic = false;
    attribute.data = std::move(data);
    return attribute;
}

IsakmpAttribute
IsakmpAttribute::Number(uint16_t type, uint64_t value)
{
    if (value <= 0xffff)
    {
        return Basic(type, static_cast<uint16_t>(value));
    }
    // A 32-bit field is what peers commonly expect for durations (RFC 2408 does not fix it).
    size_t bytes = value <= 0xffffffffULL ? 4 : 8;
    std::vector<uint8_t> data(bytes);
    for (size_t i = 0; i < bytes; ++i)
    {
        data[i] = static_cast<uint8_t>(value >> (8 * (bytes - 1 - i)));
    }
    return Variable(type, std::move(data));
}

std::optional<uint64_t>
IsakmpAttribute::GetNumber() const
{
    if (basic)
    {
        return value;
    }
    if (data.empty() || data.size() > 8)
    {
        return std::nullopt;
    }
    uint64_t number = 0;
    for (uint8_t b : data)
    {
        number = (number << 8) | b;
    }
    return number;
}

bool
IsakmpAttribute::operator==(const IsakmpAttribute& other) const
{
    if (type != other.type || basic != other.basic)
    {
        return false;
    }
    return basic ? value == other.value : data == other.data;
}

const IsakmpAttribute*
IsakmpTransform::Find(uint16_t type) const
{
    for (const IsakmpAttribute& attribute : attributes)
    {
        if (attribute.type == type)
        {
            return &attribute;
        }
    }
    return nullptr;
}

std::optional<uint64_t>
IsakmpTransform::GetNumber(uint16_t type) const
{
    const IsakmpAttribute* attribute = Find(type);
    if (attribute == nullptr)
    {
        return std::nullopt;
    }
    return attribute->GetNumber();
}

bool
IsakmpTransform::operator==(const IsakmpTransform& other) const
{
    return number == other.number && transformId == other.transformId &&
           attributes == other.attributes;
}

void
IsakmpProposal::SetSpi(uint32_t value)
{
    spi.clear();
    C::PutU32(spi, value);
}

std::optional<uint32_t>
IsakmpProposal::GetSpi() const
{
    if (spi.size() != 4)
    {
        return std::nullopt;
    }
    return C::GetU32(spi.data());
}

bool
IsakmpProposal::operator==(const IsakmpProposal& other) const
{
    return number == other.number && protocolId == other.protocolId && spi == other.spi &&
           transforms == other.transforms;
}

IsakmpStatus
IsakmpSaPayload::Serialize(std::vector<uint8_t>& out) const
{
    if (doi != ISAKMP_DOI_IPSEC)
    {
        return Status::Error(Notify::DOI_NOT_SUPPORTED, "DOI " + std::to_string(doi));
    }
    if (situation != IPSEC_SIT_IDENTITY_ONLY)
    {
        return Status::Error(Notify::SITUATION_NOT_SUPPORTED,
                             "situation " + std::to_string(situation));
    }
    if (proposals.empty())
    {
        return C::BadProposal("SA without proposals");
    }
    size_t mark = out.size();
    C::PutU32(out, doi);
    C::PutU32(out, situation);
    for (size_t i = 0; i < proposals.size(); ++i)
    {
        Status status = SerializeProposal(proposals[i], i + 1 == proposals.size(), out);
        if (!status)
        {
            out.resize(mark);
            return status.Within("proposal " + C::Str(i + 1));
        }
    }
    return Status::Ok();
}

IsakmpStatus
IsakmpSaPayload::Deserialize(const uint8_t* data, size_t size)
{
    proposals.clear();
    if (size < 8)
    {
        return C::Malformed("body of " + C::Str(size) + " bytes has no room for DOI and situation");
    }
    doi = C::GetU32(data);
    if (doi != ISAKMP_DOI_IPSEC)
    {
        return Status::Error(Notify::DOI_NOT_SUPPORTED, "DOI " + std::to_string(doi));
    }
    // Secrecy and integrity situations carry labelled-domain fields that are not modelled.
    situation = C::GetU32(data + 4);
    if (situation != IPSEC_SIT_IDENTITY_ONLY)
    {
        return Status::Error(Notify::SITUATION_NOT_SUPPORTED,
                             "situation " + std::to_string(situation));
    }
    size_t offset = 8;
    if (offset == size)
    {
        return C::BadProposal("SA without proposals");
    }
    uint8_t next = static_cast<uint8_t>(IsakmpPayloadType::PROPOSAL);
    while (next != 0)
    {
        std::string where = "proposal " + C::Str(proposals.size() + 1);
        if (offset == size)
        {
            return C::BadProposal(where + ": announced by the previous one but absent");
        }
        size_t length = 0;
        Status status = C::ReadSubHeader(data,
                                         size,
                                         offset,
                                         IsakmpPayloadType::PROPOSAL,
                                         C::GENERIC_HEADER + 4,
                                         next,
                                         length);
        if (!status)
        {
            return status.Within(where);
        }
        IsakmpProposal proposal;
        status = DeserializeProposal(data + offset + C::GENERIC_HEADER,
                                     length - C::GENERIC_HEADER,
                                     proposal);
        if (!status)
        {
            return status.Within(where);
        }
        proposals.push_back(std::move(proposal));
        offset += length;
    }
    if (offset != size)
    {
        return C::Malformed(C::Str(size - offset) + " bytes after the last proposal");
    }
    return Status::Ok();
}

bool
IsakmpSaPayload::operator==(const IsakmpSaPayload& other) const
{
    return doi == other.doi && situation == other.situation && proposals == other.proposals;
}

} // namespace ns3
