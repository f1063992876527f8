/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "isakmp-message.h"

#include "isakmp-codec.h"

#include "ns3/log.h"

#include <sstream>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("IsakmpPayloads");

namespace
{

using Status = IsakmpStatus;
using Notify = IsakmpNotifyType;
using C = IsakmpCodec;

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
    case IsakmpPayloadType::GSS:
        return read(IsakmpGssPayload{});
    case IsakmpPayloadType::NAT_D:
        return read(IsakmpNatDPayload{});
    case IsakmpPayloadType::NAT_D_DRAFT:
        return read(IsakmpNatDDraftPayload{});
    case IsakmpPayloadType::NAT_OA:
        return read(IsakmpNatOaPayload{});
    case IsakmpPayloadType::NAT_OA_DRAFT:
        return read(IsakmpNatOaDraftPayload{});
    default:
        return Status::Error(Notify::INVALID_PAYLOAD_TYPE,
                             "payload type " + IsakmpPayloadTypeToString(type) +
                                 " not allowed in a payload chain");
    }
}

} // namespace

IsakmpPayloadType
IsakmpGetPayloadType(const IsakmpPayload& payload)
{
    return std::visit(
        [](const auto& body) {
            return std::decay_t<decltype(body)>::TYPE;
        },
        payload);
}

bool
IsakmpIsChainPayloadType(IsakmpPayloadType type)
{
    if (type == IsakmpPayloadType::NAT_D || type == IsakmpPayloadType::NAT_OA ||
        type == IsakmpPayloadType::NAT_D_DRAFT || type == IsakmpPayloadType::NAT_OA_DRAFT)
    {
        return true;
    }
    uint8_t value = static_cast<uint8_t>(type);
    return type == IsakmpPayloadType::GSS ||
           (value >= static_cast<uint8_t>(IsakmpPayloadType::SA) &&
           value <= static_cast<uint8_t>(IsakmpPayloadType::VENDOR_ID) &&
           type != IsakmpPayloadType::PROPOSAL && type != IsakmpPayloadType::TRANSFORM);
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
        std::string where =
            "payload " + C::Str(i + 1) + " (" + IsakmpPayloadTypeToString(own) + ")";
        size_t start = C::OpenPayload(out, static_cast<uint8_t>(next));
        Status status = std::visit(
            [&out](const auto& body) {
                return body.Serialize(out);
            },
            payloads[i]);
        if (status)
        {
            status = C::ClosePayload(out, start, "payload");
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
            "payload " + C::Str(payloads.size() + 1) + " (" + IsakmpPayloadTypeToString(type) + ")";
        Status status;
        if (!IsakmpIsChainPayloadType(type))
        {
            uint8_t value = static_cast<uint8_t>(type);
            bool known = value <= static_cast<uint8_t>(IsakmpPayloadType::VENDOR_ID);
            status = Status::Error(Notify::INVALID_PAYLOAD_TYPE,
                                   known ? "payload type " + IsakmpPayloadTypeToString(type) +
                                               " not allowed in a payload chain"
                                         : "unknown payload type " + C::Str(value));
        }
        else if (size - offset < C::GENERIC_HEADER)
        {
            status =
                C::Malformed("generic header truncated (" + C::Str(size - offset) + " bytes left)");
        }
        else if (data[offset + 1] != 0)
        {
            status = C::Malformed("reserved byte not zero");
        }
        size_t length = 0;
        IsakmpPayloadType next = IsakmpPayloadType::NONE;
        if (status)
        {
            next = static_cast<IsakmpPayloadType>(data[offset]);
            length = C::GetU16(data + offset + 2);
            if (length < C::GENERIC_HEADER)
            {
                status = C::Malformed("length " + C::Str(length) + " is shorter than the header");
            }
            else if (length > size - offset)
            {
                status = C::Malformed("length " + C::Str(length) + " runs past the end (" +
                                      C::Str(size - offset) + " bytes left)");
            }
        }
        if (status)
        {
            IsakmpPayload payload;
            status = DeserializeBody(type,
                                     data + offset + C::GENERIC_HEADER,
                                     length - C::GENERIC_HEADER,
                                     payload);
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
            return C::Malformed("encrypted message also holds clear payloads");
        }
        C::PutBytes(out, m_ciphertext);
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
        return C::Malformed("message too long");
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
        return C::Malformed("message of " + C::Str(size) + " bytes is shorter than the " +
                            C::Str(IsakmpHeader::SIZE) + "-byte ISAKMP header");
    }
    IsakmpHeader header;
    header.Read(data);
    if (header.GetMajorVersion() != 1)
    {
        return Status::Error(Notify::INVALID_MAJOR_VERSION,
                             "major version " + C::Str(header.GetMajorVersion()));
    }
    if (header.GetMinorVersion() != 0)
    {
        return Status::Error(Notify::INVALID_MINOR_VERSION,
                             "minor version " + C::Str(header.GetMinorVersion()));
    }
    if (!IsakmpIsKnownExchangeType(header.GetExchangeType()))
    {
        return Status::Error(Notify::INVALID_EXCHANGE_TYPE,
                             "exchange type " +
                                 IsakmpExchangeTypeToString(header.GetExchangeType()));
    }
    if ((header.GetFlags() & ~IsakmpHeader::FLAGS_DEFINED) != 0)
    {
        return Status::Error(Notify::INVALID_FLAGS, "flags " + C::Str(header.GetFlags()));
    }
    if (header.GetLength() != size)
    {
        return Status::Error(Notify::UNEQUAL_PAYLOAD_LENGTHS,
                             "header length " + C::Str(header.GetLength()) + " but " +
                                 C::Str(size) + " bytes received");
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
            return C::Malformed("encrypted message without a body");
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
        return C::Malformed(C::Str(bodySize - consumed) + " bytes after the last payload");
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
        return C::Malformed("no packet");
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
