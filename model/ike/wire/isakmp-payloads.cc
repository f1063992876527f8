/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "isakmp-payloads.h"

#include "ns3/log.h"

#include <sstream>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("IsakmpPayloads");

namespace
{

/** Size of the generic payload header (RFC 2408 3.2). */
constexpr size_t GENERIC_HEADER = 4;
/** Largest payload, generic header included: the length field has 16 bits. */
constexpr size_t MAX_PAYLOAD = 0xffff;

using Status = IsakmpStatus;
using Notify = IsakmpNotifyType;

Status
Malformed(const std::string& message)
{
    return Status::Error(Notify::PAYLOAD_MALFORMED, message);
}

Status
BadProposal(const std::string& message)
{
    return Status::Error(Notify::BAD_PROPOSAL_SYNTAX, message);
}

void
PutU16(std::vector<uint8_t>& out, uint16_t value)
{
    out.push_back(static_cast<uint8_t>(value >> 8));
    out.push_back(static_cast<uint8_t>(value));
}

void
PutU32(std::vector<uint8_t>& out, uint32_t value)
{
    for (int shift = 24; shift >= 0; shift -= 8)
    {
        out.push_back(static_cast<uint8_t>(value >> shift));
    }
}

void
PutBytes(std::vector<uint8_t>& out, const std::vector<uint8_t>& bytes)
{
    out.insert(out.end(), bytes.begin(), bytes.end());
}

uint16_t
GetU16(const uint8_t* in)
{
    return static_cast<uint16_t>((in[0] << 8) | in[1]);
}

uint32_t
GetU32(const uint8_t* in)
{
    return (uint32_t{in[0]} << 24) | (uint32_t{in[1]} << 16) | (uint32_t{in[2]} << 8) | in[3];
}

std::string
Str(size_t n)
{
    return std::to_string(n);
}

/**
 * Open a payload with a generic header (the length is written by ClosePayload).
 * \return where the payload starts
 */
size_t
OpenPayload(std::vector<uint8_t>& out, uint8_t nextPayload)
{
    size_t start = out.size();
    out.push_back(nextPayload);
    out.push_back(0); // RESERVED
    PutU16(out, 0);
    return start;
}

/** Write the length of the payload started at start, or undo it if it is too long. */
Status
ClosePayload(std::vector<uint8_t>& out, size_t start, const std::string& what)
{
    size_t length = out.size() - start;
    if (length > MAX_PAYLOAD)
    {
        out.resize(start);
        return Malformed(what + " of " + Str(length) + " bytes exceeds the 16-bit length field");
    }
    out[start + 2] = static_cast<uint8_t>(length >> 8);
    out[start + 3] = static_cast<uint8_t>(length);
    return Status::Ok();
}

/**
 * Check the generic header of a sub-payload (proposal or transform) at data[offset]:
 * next payload one of {own type, NONE}, reserved zero, length within [minimum, size - offset].
 * On success sets next and length.
 */
Status
ReadSubHeader(const uint8_t* data,
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
    return Status::Ok();
}

// --- attributes, transforms, proposals -------------------------------------------------

Status
SerializeAttribute(const IsakmpAttribute& attribute, std::vector<uint8_t>& out)
{
    if (attribute.type > 0x7fff)
    {
        return Malformed("attribute type " + Str(attribute.type) + " does not fit in 15 bits");
    }
    if (attribute.basic)
    {
        PutU16(out, static_cast<uint16_t>(0x8000 | attribute.type));
        PutU16(out, attribute.value);
        return Status::Ok();
    }
    if (attribute.data.size() > 0xffff)
    {
        return Malformed("attribute " + Str(attribute.type) + " value too long");
    }
    PutU16(out, attribute.type);
    PutU16(out, static_cast<uint16_t>(attribute.data.size()));
    PutBytes(out, attribute.data);
    return Status::Ok();
}

Status
DeserializeAttributes(const uint8_t* data, size_t size, std::vector<IsakmpAttribute>& out)
{
    size_t offset = 0;
    while (offset < size)
    {
        std::string where = "attribute " + Str(out.size() + 1);
        if (size - offset < 4)
        {
            return Malformed(where + ": truncated (" + Str(size - offset) + " bytes left)");
        }
        uint16_t word = GetU16(data + offset);
        IsakmpAttribute attribute;
        attribute.type = word & 0x7fff;
        attribute.basic = (word & 0x8000) != 0;
        uint16_t second = GetU16(data + offset + 2);
        offset += 4;
        if (attribute.basic)
        {
            attribute.value = second;
        }
        else
        {
            if (second > size - offset)
            {
                return Malformed(where + " (type " + Str(attribute.type) + "): TLV length " +
                                 Str(second) + " overruns the transform (" + Str(size - offset) +
                                 " bytes left)");
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
    size_t start = OpenPayload(
        out, static_cast<uint8_t>(last ? IsakmpPayloadType::NONE : IsakmpPayloadType::TRANSFORM));
    out.push_back(transform.number);
    out.push_back(transform.transformId);
    PutU16(out, 0); // RESERVED2
    for (size_t i = 0; i < transform.attributes.size(); ++i)
    {
        Status status = SerializeAttribute(transform.attributes[i], out);
        if (!status)
        {
            out.resize(start);
            return status.Within("attribute " + Str(i + 1));
        }
    }
    return ClosePayload(out, start, "transform");
}

/** Transform body: after the generic header. */
Status
DeserializeTransform(const uint8_t* data, size_t size, IsakmpTransform& transform)
{
    // The caller guarantees the 4 bytes of number, ID and RESERVED2.
    transform.number = data[0];
    transform.transformId = data[1];
    if (GetU16(data + 2) != 0)
    {
        return Malformed("reserved field not zero");
    }
    return DeserializeAttributes(data + 4, size - 4, transform.attributes);
}

Status
SerializeProposal(const IsakmpProposal& proposal, bool last, std::vector<uint8_t>& out)
{
    if (proposal.spi.size() > 0xff)
    {
        return BadProposal("SPI of " + Str(proposal.spi.size()) + " bytes");
    }
    if (proposal.transforms.empty() || proposal.transforms.size() > 0xff)
    {
        return BadProposal(Str(proposal.transforms.size()) + " transforms (1 to 255 allowed)");
    }
    size_t start = OpenPayload(
        out, static_cast<uint8_t>(last ? IsakmpPayloadType::NONE : IsakmpPayloadType::PROPOSAL));
    out.push_back(proposal.number);
    out.push_back(static_cast<uint8_t>(proposal.protocolId));
    out.push_back(static_cast<uint8_t>(proposal.spi.size()));
    out.push_back(static_cast<uint8_t>(proposal.transforms.size()));
    PutBytes(out, proposal.spi);
    for (size_t i = 0; i < proposal.transforms.size(); ++i)
    {
        Status status =
            SerializeTransform(proposal.transforms[i], i + 1 == proposal.transforms.size(), out);
        if (!status)
        {
            out.resize(start);
            return status.Within("transform " + Str(i + 1));
        }
    }
    return ClosePayload(out, start, "proposal");
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
        return Malformed("SPI of " + Str(spiSize) + " bytes overruns the proposal");
    }
    proposal.spi.assign(data + 4, data + 4 + spiSize);
    if (declared == 0)
    {
        return BadProposal("no transforms");
    }
    size_t offset = 4 + spiSize;
    uint8_t next = static_cast<uint8_t>(IsakmpPayloadType::TRANSFORM);
    while (next != 0)
    {
        std::string where = "transform " + Str(proposal.transforms.size() + 1);
        if (offset == size)
        {
            return BadProposal("says " + Str(declared) + " transforms, holds " +
                               Str(proposal.transforms.size()));
        }
        size_t length = 0;
        Status status = ReadSubHeader(
            data, size, offset, IsakmpPayloadType::TRANSFORM, GENERIC_HEADER + 4, next, length);
        if (!status)
        {
            return status.Within(where);
        }
        IsakmpTransform transform;
        status = DeserializeTransform(
            data + offset + GENERIC_HEADER, length - GENERIC_HEADER, transform);
        if (!status)
        {
            return status.Within(where);
        }
        proposal.transforms.push_back(std::move(transform));
        offset += length;
    }
    if (offset != size)
    {
        return Malformed(Str(size - offset) + " bytes after the last transform");
    }
    if (proposal.transforms.size() != declared)
    {
        return BadProposal("says " + Str(declared) + " transforms, holds " +
                           Str(proposal.transforms.size()));
    }
    return Status::Ok();
}

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
                             "unknown ID type " + Str(static_cast<uint8_t>(type)));
    }
    size_t wanted = IdAddressLength(type);
    if (wanted != 0 && dataLength != wanted)
    {
        return Status::Error(Notify::INVALID_ID_INFORMATION,
                             "ID type " + Str(static_cast<uint8_t>(type)) + " with " +
                                 Str(dataLength) + " bytes of data (" + Str(wanted) + " expected)");
    }
    return Status::Ok();
}

Status
CheckDoi(uint32_t doi)
{
    if (doi != ISAKMP_DOI_ISAKMP && doi != ISAKMP_DOI_IPSEC)
    {
        return Status::Error(Notify::DOI_NOT_SUPPORTED, "DOI " + std::to_string(doi));
    }
    return Status::Ok();
}

/** Body of one payload of the chain, by type; the type has been checked. */
Status
DeserializeBody(IsakmpPayloadType type, const uint8_t* data, size_t size, IsakmpPayload& out)
{
    auto read = [&](auto body) {
        Status status = body.Deserialize(data, size);
        if (status)
        {
            out = std::move(body);
        }
        return status;
    };
    switch (type)
    {
    case IsakmpPayloadType::SA:
        return read(IsakmpSaPayload{});
    case IsakmpPayloadType::KEY_EXCHANGE:
        return read(IsakmpKePayload{});
    case IsakmpPayloadType::IDENTIFICATION:
        return read(IsakmpIdPayload{});
    case IsakmpPayloadType::CERTIFICATE:
        return read(IsakmpCertPayload{});
    case IsakmpPayloadType::CERTIFICATE_REQUEST:
        return read(IsakmpCertRequestPayload{});
    case IsakmpPayloadType::HASH:
        return read(IsakmpHashPayload{});
    case IsakmpPayloadType::SIGNATURE:
        return read(IsakmpSignaturePayload{});
    case IsakmpPayloadType::NONCE:
        return read(IsakmpNoncePayload{});
    case IsakmpPayloadType::NOTIFICATION:
        return read(IsakmpNotifyPayload{});
    case IsakmpPayloadType::DELETE:
        return read(IsakmpDeletePayload{});
    case IsakmpPayloadType::VENDOR_ID:
        return read(IsakmpVendorIdPayload{});
    default:
        return Status::Error(Notify::INVALID_PAYLOAD_TYPE,
                             "payload type " + IsakmpPayloadTypeToString(type) +
                                 " not allowed in a payload chain");
    }
}

} // namespace

// --- IsakmpStatus ------------------------------------------------------------------------

std::string
IsakmpNotifyTypeToString(IsakmpNotifyType type)
{
    switch (type)
    {
    case Notify::NONE:
        return "NONE";
    case Notify::INVALID_PAYLOAD_TYPE:
        return "INVALID_PAYLOAD_TYPE";
    case Notify::DOI_NOT_SUPPORTED:
        return "DOI_NOT_SUPPORTED";
    case Notify::SITUATION_NOT_SUPPORTED:
        return "SITUATION_NOT_SUPPORTED";
    case Notify::INVALID_COOKIE:
        return "INVALID_COOKIE";
    case Notify::INVALID_MAJOR_VERSION:
        return "INVALID_MAJOR_VERSION";
    case Notify::INVALID_MINOR_VERSION:
        return "INVALID_MINOR_VERSION";
    case Notify::INVALID_EXCHANGE_TYPE:
        return "INVALID_EXCHANGE_TYPE";
    case Notify::INVALID_FLAGS:
        return "INVALID_FLAGS";
    case Notify::INVALID_MESSAGE_ID:
        return "INVALID_MESSAGE_ID";
    case Notify::INVALID_PROTOCOL_ID:
        return "INVALID_PROTOCOL_ID";
    case Notify::INVALID_SPI:
        return "INVALID_SPI";
    case Notify::INVALID_TRANSFORM_ID:
        return "INVALID_TRANSFORM_ID";
    case Notify::ATTRIBUTES_NOT_SUPPORTED:
        return "ATTRIBUTES_NOT_SUPPORTED";
    case Notify::NO_PROPOSAL_CHOSEN:
        return "NO_PROPOSAL_CHOSEN";
    case Notify::BAD_PROPOSAL_SYNTAX:
        return "BAD_PROPOSAL_SYNTAX";
    case Notify::PAYLOAD_MALFORMED:
        return "PAYLOAD_MALFORMED";
    case Notify::INVALID_KEY_INFORMATION:
        return "INVALID_KEY_INFORMATION";
    case Notify::INVALID_ID_INFORMATION:
        return "INVALID_ID_INFORMATION";
    case Notify::INVALID_CERT_ENCODING:
        return "INVALID_CERT_ENCODING";
    case Notify::INVALID_CERTIFICATE:
        return "INVALID_CERTIFICATE";
    case Notify::CERT_TYPE_UNSUPPORTED:
        return "CERT_TYPE_UNSUPPORTED";
    case Notify::INVALID_CERT_AUTHORITY:
        return "INVALID_CERT_AUTHORITY";
    case Notify::INVALID_HASH_INFORMATION:
        return "INVALID_HASH_INFORMATION";
    case Notify::AUTHENTICATION_FAILED:
        return "AUTHENTICATION_FAILED";
    case Notify::INVALID_SIGNATURE:
        return "INVALID_SIGNATURE";
    case Notify::ADDRESS_NOTIFICATION:
        return "ADDRESS_NOTIFICATION";
    case Notify::NOTIFY_SA_LIFETIME:
        return "NOTIFY_SA_LIFETIME";
    case Notify::CERTIFICATE_UNAVAILABLE:
        return "CERTIFICATE_UNAVAILABLE";
    case Notify::UNSUPPORTED_EXCHANGE_TYPE:
        return "UNSUPPORTED_EXCHANGE_TYPE";
    case Notify::UNEQUAL_PAYLOAD_LENGTHS:
        return "UNEQUAL_PAYLOAD_LENGTHS";
    case Notify::CONNECTED:
        return "CONNECTED";
    case Notify::RESPONDER_LIFETIME:
        return "RESPONDER_LIFETIME";
    case Notify::REPLAY_STATUS:
        return "REPLAY_STATUS";
    case Notify::INITIAL_CONTACT:
        return "INITIAL_CONTACT";
    }
    return std::to_string(static_cast<unsigned>(type));
}

IsakmpStatus
IsakmpStatus::Ok()
{
    return IsakmpStatus();
}

IsakmpStatus
IsakmpStatus::Error(IsakmpNotifyType notify, const std::string& message)
{
    IsakmpStatus status;
    status.m_ok = false;
    status.m_notify = notify;
    status.m_message = message;
    return status;
}

bool
IsakmpStatus::IsOk() const
{
    return m_ok;
}

IsakmpStatus::operator bool() const
{
    return m_ok;
}

IsakmpNotifyType
IsakmpStatus::GetNotifyType() const
{
    return m_notify;
}

const std::string&
IsakmpStatus::GetMessage() const
{
    return m_message;
}

IsakmpStatus&
IsakmpStatus::Within(const std::string& context)
{
    if (!m_ok)
    {
        m_message = context + ": " + m_message;
    }
    return *this;
}

std::ostream&
operator<<(std::ostream& os, const IsakmpStatus& status)
{
    if (status.IsOk())
    {
        return os << "ok";
    }
    return os << status.GetMessage() << " [" << IsakmpNotifyTypeToString(status.GetNotifyType())
              << "]";
}

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
    PutU32(spi, value);
}

std::optional<uint32_t>
IsakmpProposal::GetSpi() const
{
    if (spi.size() != 4)
    {
        return std::nullopt;
    }
    return GetU32(spi.data());
}

bool
IsakmpProposal::operator==(const IsakmpProposal& other) const
{
    return number == other.number && protocolId == other.protocolId && spi == other.spi &&
           transforms == other.transforms;
}

// --- payload bodies --------------------------------------------------------------------------

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
        return BadProposal("SA without proposals");
    }
    size_t mark = out.size();
    PutU32(out, doi);
    PutU32(out, situation);
    for (size_t i = 0; i < proposals.size(); ++i)
    {
        Status status = SerializeProposal(proposals[i], i + 1 == proposals.size(), out);
        if (!status)
        {
            out.resize(mark);
            return status.Within("proposal " + Str(i + 1));
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
        return Malformed("body of " + Str(size) + " bytes has no room for DOI and situation");
    }
    doi = GetU32(data);
    if (doi != ISAKMP_DOI_IPSEC)
    {
        return Status::Error(Notify::DOI_NOT_SUPPORTED, "DOI " + std::to_string(doi));
    }
    // Secrecy and integrity situations carry labelled-domain fields that are not modelled.
    situation = GetU32(data + 4);
    if (situation != IPSEC_SIT_IDENTITY_ONLY)
    {
        return Status::Error(Notify::SITUATION_NOT_SUPPORTED,
                             "situation " + std::to_string(situation));
    }
    size_t offset = 8;
    if (offset == size)
    {
        return BadProposal("SA without proposals");
    }
    uint8_t next = static_cast<uint8_t>(IsakmpPayloadType::PROPOSAL);
    while (next != 0)
    {
        std::string where = "proposal " + Str(proposals.size() + 1);
        if (offset == size)
        {
            return BadProposal(where + ": announced by the previous one but absent");
        }
        size_t length = 0;
        Status status = ReadSubHeader(
            data, size, offset, IsakmpPayloadType::PROPOSAL, GENERIC_HEADER + 4, next, length);
        if (!status)
        {
            return status.Within(where);
        }
        IsakmpProposal proposal;
        status =
            DeserializeProposal(data + offset + GENERIC_HEADER, length - GENERIC_HEADER, proposal);
        if (!status)
        {
            return status.Within(where);
        }
        proposals.push_back(std::move(proposal));
        offset += length;
    }
    if (offset != size)
    {
        return Malformed(Str(size - offset) + " bytes after the last proposal");
    }
    return Status::Ok();
}

bool
IsakmpSaPayload::operator==(const IsakmpSaPayload& other) const
{
    return doi == other.doi && situation == other.situation && proposals == other.proposals;
}

IsakmpStatus
IsakmpDataPayload::Serialize(std::vector<uint8_t>& out) const
{
    if (data.size() > MAX_PAYLOAD - GENERIC_HEADER)
    {
        return Malformed("data of " + Str(data.size()) + " bytes is too long for a payload");
    }
    PutBytes(out, data);
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

IsakmpIdPayload
IsakmpIdPayload::Ipv4(Ipv4Address address, uint8_t protocolId, uint16_t port)
{
    IsakmpIdPayload id;
    id.idType = IsakmpIdType::IPV4_ADDR;
    id.protocolId = protocolId;
    id.port = port;
    PutU32(id.data, address.Get());
    return id;
}

IsakmpIdPayload
IsakmpIdPayload::Ipv4Subnet(Ipv4Address address, Ipv4Mask mask, uint8_t protocolId, uint16_t port)
{
    IsakmpIdPayload id;
    id.idType = IsakmpIdType::IPV4_ADDR_SUBNET;
    id.protocolId = protocolId;
    id.port = port;
    PutU32(id.data, address.Get());
    PutU32(id.data, mask.Get());
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
    return Ipv4Address(GetU32(data.data()));
}

IsakmpStatus
IsakmpIdPayload::Serialize(std::vector<uint8_t>& out) const
{
    Status status = CheckId(idType, data.size());
    if (!status)
    {
        return status;
    }
    if (data.size() > MAX_PAYLOAD - GENERIC_HEADER - 4)
    {
        return Malformed("identification data too long");
    }
    out.push_back(static_cast<uint8_t>(idType));
    out.push_back(protocolId);
    PutU16(out, port);
    PutBytes(out, data);
    return Status::Ok();
}

IsakmpStatus
IsakmpIdPayload::Deserialize(const uint8_t* bytes, size_t size)
{
    if (size < 4)
    {
        return Malformed("body of " + Str(size) + " bytes (4 needed)");
    }
    idType = static_cast<IsakmpIdType>(bytes[0]);
    protocolId = bytes[1];
    port = GetU16(bytes + 2);
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
    if (data.size() > MAX_PAYLOAD - GENERIC_HEADER - 1)
    {
        return Malformed("certificate too long");
    }
    out.push_back(static_cast<uint8_t>(encoding));
    PutBytes(out, data);
    return Status::Ok();
}

IsakmpStatus
IsakmpCertPayload::Deserialize(const uint8_t* bytes, size_t size)
{
    if (size < 1)
    {
        return Malformed("empty body (no encoding)");
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
    if (authority.size() > MAX_PAYLOAD - GENERIC_HEADER - 1)
    {
        return Malformed("certificate authority too long");
    }
    out.push_back(static_cast<uint8_t>(encoding));
    PutBytes(out, authority);
    return Status::Ok();
}

IsakmpStatus
IsakmpCertRequestPayload::Deserialize(const uint8_t* bytes, size_t size)
{
    if (size < 1)
    {
        return Malformed("empty body (no certificate type)");
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

IsakmpStatus
IsakmpNotifyPayload::Serialize(std::vector<uint8_t>& out) const
{
    Status status = CheckDoi(doi);
    if (!status)
    {
        return status;
    }
    if (spi.size() > 0xff)
    {
        return Status::Error(Notify::INVALID_SPI, "SPI of " + Str(spi.size()) + " bytes");
    }
    if (spi.size() + data.size() > MAX_PAYLOAD - GENERIC_HEADER - 8)
    {
        return Malformed("notification data too long");
    }
    PutU32(out, doi);
    out.push_back(static_cast<uint8_t>(protocolId));
    out.push_back(static_cast<uint8_t>(spi.size()));
    PutU16(out, static_cast<uint16_t>(type));
    PutBytes(out, spi);
    PutBytes(out, data);
    return Status::Ok();
}

IsakmpStatus
IsakmpNotifyPayload::Deserialize(const uint8_t* bytes, size_t size)
{
    if (size < 8)
    {
        return Malformed("body of " + Str(size) + " bytes (8 needed)");
    }
    doi = GetU32(bytes);
    protocolId = static_cast<IsakmpProtocolId>(bytes[4]);
    size_t spiSize = bytes[5];
    type = static_cast<IsakmpNotifyType>(GetU16(bytes + 6));
    Status status = CheckDoi(doi);
    if (!status)
    {
        return status;
    }
    if (spiSize > size - 8)
    {
        return Malformed("SPI of " + Str(spiSize) + " bytes overruns the payload");
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
    PutU32(bytes, spi);
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
            values.push_back(GetU32(spi.data()));
        }
    }
    return values;
}

IsakmpStatus
IsakmpDeletePayload::Serialize(std::vector<uint8_t>& out) const
{
    Status status = CheckDoi(doi);
    if (!status)
    {
        return status;
    }
    if (spis.size() > 0xffff || spis.size() * spiSize > MAX_PAYLOAD - GENERIC_HEADER - 8)
    {
        return Malformed(Str(spis.size()) + " SPIs are too many for one payload");
    }
    for (size_t i = 0; i < spis.size(); ++i)
    {
        if (spis[i].size() != spiSize)
        {
            return Status::Error(Notify::INVALID_SPI,
                                 "SPI " + Str(i + 1) + " has " + Str(spis[i].size()) +
                                     " bytes, SPI size is " + Str(spiSize));
        }
    }
    PutU32(out, doi);
    out.push_back(static_cast<uint8_t>(protocolId));
    out.push_back(spiSize);
    PutU16(out, static_cast<uint16_t>(spis.size()));
    for (const std::vector<uint8_t>& spi : spis)
    {
        PutBytes(out, spi);
    }
    return Status::Ok();
}

IsakmpStatus
IsakmpDeletePayload::Deserialize(const uint8_t* bytes, size_t size)
{
    spis.clear();
    if (size < 8)
    {
        return Malformed("body of " + Str(size) + " bytes (8 needed)");
    }
    doi = GetU32(bytes);
    protocolId = static_cast<IsakmpProtocolId>(bytes[4]);
    spiSize = bytes[5];
    size_t count = GetU16(bytes + 6);
    Status status = CheckDoi(doi);
    if (!status)
    {
        return status;
    }
    if (count * spiSize != size - 8)
    {
        return Malformed(Str(count) + " SPIs of " + Str(spiSize) + " bytes do not fill the " +
                         Str(size - 8) + " bytes after the header");
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

IsakmpPayloadType
IsakmpGetPayloadType(const IsakmpPayload& payload)
{
    return std::visit([](const auto& body) { return std::decay_t<decltype(body)>::TYPE; }, payload);
}

bool
IsakmpIsChainPayloadType(IsakmpPayloadType type)
{
    uint8_t value = static_cast<uint8_t>(type);
    return value >= static_cast<uint8_t>(IsakmpPayloadType::SA) &&
           value <= static_cast<uint8_t>(IsakmpPayloadType::VENDOR_ID) &&
           type != IsakmpPayloadType::PROPOSAL && type != IsakmpPayloadType::TRANSFORM;
}

// --- IsakmpMessage -----------------------------------------------------------------------

IsakmpMessage::IsakmpMessage() = default;

IsakmpMessage::IsakmpMessage(const IsakmpHeader& header)
    : m_header(header)
{
}

IsakmpHeader&
IsakmpMessage::GetHeader()
{
    return m_header;
}

const IsakmpHeader&
IsakmpMessage::GetHeader() const
{
    return m_header;
}

void
IsakmpMessage::SetHeader(const IsakmpHeader& header)
{
    m_header = header;
}

void
IsakmpMessage::AddPayload(IsakmpPayload payload)
{
    m_payloads.push_back(std::move(payload));
}

const std::vector<IsakmpPayload>&
IsakmpMessage::GetPayloads() const
{
    return m_payloads;
}

std::vector<IsakmpPayload>&
IsakmpMessage::GetPayloads()
{
    return m_payloads;
}

void
IsakmpMessage::SetEncryptedBody(IsakmpPayloadType firstPayload, std::vector<uint8_t> ciphertext)
{
    m_header.SetEncrypted(true);
    m_header.SetNextPayload(firstPayload);
    m_ciphertext = std::move(ciphertext);
}

const std::vector<uint8_t>&
IsakmpMessage::GetEncryptedBody() const
{
    return m_ciphertext;
}

IsakmpStatus
IsakmpMessage::SerializePayloadChain(const std::vector<IsakmpPayload>& payloads,
                                     std::vector<uint8_t>& out)
{
    size_t mark = out.size();
    for (size_t i = 0; i < payloads.size(); ++i)
    {
        IsakmpPayloadType next = i + 1 < payloads.size() ? IsakmpGetPayloadType(payloads[i + 1])
                                                         : IsakmpPayloadType::NONE;
        IsakmpPayloadType own = IsakmpGetPayloadType(payloads[i]);
        std::string where = "payload " + Str(i + 1) + " (" + IsakmpPayloadTypeToString(own) + ")";
        size_t start = OpenPayload(out, static_cast<uint8_t>(next));
        Status status =
            std::visit([&out](const auto& body) { return body.Serialize(out); }, payloads[i]);
        if (status)
        {
            status = ClosePayload(out, start, "payload");
        }
        if (!status)
        {
            out.resize(mark);
            return status.Within(where);
        }
    }
    return Status::Ok();
}

IsakmpStatus
IsakmpMessage::ParsePayloadChain(IsakmpPayloadType firstType,
                                 const uint8_t* data,
                                 size_t size,
                                 std::vector<IsakmpPayload>& payloads,
                                 size_t* consumed)
{
    payloads.clear();
    size_t offset = 0;
    IsakmpPayloadType type = firstType;
    while (type != IsakmpPayloadType::NONE)
    {
        std::string where =
            "payload " + Str(payloads.size() + 1) + " (" + IsakmpPayloadTypeToString(type) + ")";
        Status status;
        if (!IsakmpIsChainPayloadType(type))
        {
            uint8_t value = static_cast<uint8_t>(type);
            bool known = value <= static_cast<uint8_t>(IsakmpPayloadType::VENDOR_ID);
            status = Status::Error(Notify::INVALID_PAYLOAD_TYPE,
                                   known ? "payload type " + IsakmpPayloadTypeToString(type) +
                                               " not allowed in a payload chain"
                                         : "unknown payload type " + Str(value));
        }
        else if (size - offset < GENERIC_HEADER)
        {
            status = Malformed("generic header truncated (" + Str(size - offset) + " bytes left)");
        }
        else if (data[offset + 1] != 0)
        {
            status = Malformed("reserved byte not zero");
        }
        size_t length = 0;
        IsakmpPayloadType next = IsakmpPayloadType::NONE;
        if (status)
        {
            next = static_cast<IsakmpPayloadType>(data[offset]);
            length = GetU16(data + offset + 2);
            if (length < GENERIC_HEADER)
            {
                status = Malformed("length " + Str(length) + " is shorter than the header");
            }
            else if (length > size - offset)
            {
                status = Malformed("length " + Str(length) + " runs past the end (" +
                                   Str(size - offset) + " bytes left)");
            }
        }
        if (status)
        {
            IsakmpPayload payload;
            status = DeserializeBody(
                type, data + offset + GENERIC_HEADER, length - GENERIC_HEADER, payload);
            if (status)
            {
                payloads.push_back(std::move(payload));
            }
        }
        if (!status)
        {
            payloads.clear();
            return status.Within(where);
        }
        offset += length;
        type = next;
    }
    if (consumed != nullptr)
    {
        *consumed = offset;
    }
    return Status::Ok();
}

IsakmpStatus
IsakmpMessage::ParsePayloadChain(IsakmpPayloadType firstType,
                                 const std::vector<uint8_t>& bytes,
                                 std::vector<IsakmpPayload>& payloads)
{
    return ParsePayloadChain(firstType, bytes.data(), bytes.size(), payloads);
}

IsakmpStatus
IsakmpMessage::Serialize(std::vector<uint8_t>& out) const
{
    out.assign(IsakmpHeader::SIZE, 0);
    IsakmpHeader header = m_header;
    if (header.IsEncrypted())
    {
        // The payloads travel inside the ciphertext; having both would be ambiguous.
        if (!m_payloads.empty())
        {
            out.clear();
            return Malformed("encrypted message also holds clear payloads");
        }
        PutBytes(out, m_ciphertext);
    }
    else
    {
        header.SetNextPayload(m_payloads.empty() ? IsakmpPayloadType::NONE
                                                 : IsakmpGetPayloadType(m_payloads.front()));
        Status status = SerializePayloadChain(m_payloads, out);
        if (!status)
        {
            out.clear();
            return status;
        }
    }
    if (out.size() > 0xffffffffULL)
    {
        out.clear();
        return Malformed("message too long");
    }
    header.SetLength(static_cast<uint32_t>(out.size()));
    header.Write(out.data());
    return Status::Ok();
}

IsakmpStatus
IsakmpMessage::Parse(const uint8_t* data, size_t size)
{
    if (size < IsakmpHeader::SIZE)
    {
        return Malformed("message of " + Str(size) + " bytes is shorter than the " +
                         Str(IsakmpHeader::SIZE) + "-byte ISAKMP header");
    }
    IsakmpHeader header;
    header.Read(data);
    if (header.GetMajorVersion() != 1)
    {
        return Status::Error(Notify::INVALID_MAJOR_VERSION,
                             "major version " + Str(header.GetMajorVersion()));
    }
    if (header.GetMinorVersion() != 0)
    {
        return Status::Error(Notify::INVALID_MINOR_VERSION,
                             "minor version " + Str(header.GetMinorVersion()));
    }
    if (!IsakmpIsKnownExchangeType(header.GetExchangeType()))
    {
        return Status::Error(Notify::INVALID_EXCHANGE_TYPE,
                             "exchange type " +
                                 IsakmpExchangeTypeToString(header.GetExchangeType()));
    }
    if ((header.GetFlags() & ~IsakmpHeader::FLAGS_DEFINED) != 0)
    {
        return Status::Error(Notify::INVALID_FLAGS, "flags " + Str(header.GetFlags()));
    }
    if (header.GetLength() != size)
    {
        return Status::Error(Notify::UNEQUAL_PAYLOAD_LENGTHS,
                             "header length " + Str(header.GetLength()) + " but " + Str(size) +
                                 " bytes received");
    }
    const uint8_t* body = data + IsakmpHeader::SIZE;
    size_t bodySize = size - IsakmpHeader::SIZE;
    if (header.IsEncrypted())
    {
        IsakmpPayloadType first = header.GetNextPayload();
        if (!IsakmpIsChainPayloadType(first))
        {
            return Status::Error(Notify::INVALID_PAYLOAD_TYPE,
                                 "encrypted message: first payload type " +
                                     IsakmpPayloadTypeToString(first));
        }
        if (bodySize == 0)
        {
            return Malformed("encrypted message without a body");
        }
        m_header = header;
        m_payloads.clear();
        m_ciphertext.assign(body, body + bodySize);
        return Status::Ok();
    }
    std::vector<IsakmpPayload> payloads;
    size_t consumed = 0;
    Status status = ParsePayloadChain(header.GetNextPayload(), body, bodySize, payloads, &consumed);
    if (!status)
    {
        return status;
    }
    // Only decrypted chains carry padding; a clear message must end with its last payload.
    if (consumed != bodySize)
    {
        return Malformed(Str(bodySize - consumed) + " bytes after the last payload");
    }
    m_header = header;
    m_payloads = std::move(payloads);
    m_ciphertext.clear();
    return Status::Ok();
}

IsakmpStatus
IsakmpMessage::Parse(const std::vector<uint8_t>& bytes)
{
    return Parse(bytes.data(), bytes.size());
}

Ptr<Packet>
IsakmpMessage::ToPacket() const
{
    std::vector<uint8_t> bytes;
    Status status = Serialize(bytes);
    if (!status)
    {
        NS_LOG_WARN("cannot serialize ISAKMP message: " << status);
        return nullptr;
    }
    return Create<Packet>(bytes.data(), static_cast<uint32_t>(bytes.size()));
}

IsakmpStatus
IsakmpMessage::FromPacket(Ptr<const Packet> packet)
{
    if (!packet)
    {
        return Malformed("no packet");
    }
    std::vector<uint8_t> bytes(packet->GetSize());
    packet->CopyData(bytes.data(), static_cast<uint32_t>(bytes.size()));
    return Parse(bytes);
}

void
IsakmpMessage::Print(std::ostream& os) const
{
    m_header.Print(os);
    if (m_header.IsEncrypted())
    {
        os << " [encrypted " << m_ciphertext.size() << " bytes]";
        return;
    }
    os << " [";
    for (size_t i = 0; i < m_payloads.size(); ++i)
    {
        os << (i == 0 ? "" : " ") << IsakmpPayloadTypeToString(IsakmpGetPayloadType(m_payloads[i]));
    }
    os << "]";
}

std::ostream&
operator<<(std::ostream& os, const IsakmpMessage& message)
{
    message.Print(os);
    return os;
}

} // namespace ns3
