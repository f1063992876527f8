/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "isakmp-header.h"

#include <iomanip>
#include <sstream>

namespace ns3
{

NS_OBJECT_ENSURE_REGISTERED(IsakmpHeader);

bool
IsakmpIsKnownExchangeType(IsakmpExchangeType type)
{
    switch (type)
    {
    case IsakmpExchangeType::BASE:
    case IsakmpExchangeType::IDENTITY_PROTECTION:
    case IsakmpExchangeType::AUTHENTICATION_ONLY:
    case IsakmpExchangeType::AGGRESSIVE:
    case IsakmpExchangeType::INFORMATIONAL:
    case IsakmpExchangeType::QUICK_MODE:
    case IsakmpExchangeType::NEW_GROUP_MODE:
        return true;
    case IsakmpExchangeType::NONE:
        return false;
    }
    return false;
}

TypeId
IsakmpHeader::GetTypeId()
{
    static TypeId tid = TypeId("ns3::IsakmpHeader")
                            .SetParent<Header>()
                            .SetGroupName("Ipsec")
                            .AddConstructor<IsakmpHeader>();
    return tid;
}

TypeId
IsakmpHeader::GetInstanceTypeId() const
{
    return GetTypeId();
}

IsakmpHeader::IsakmpHeader() = default;

void
IsakmpHeader::SetInitiatorCookie(uint64_t cookie)
{
    m_initiatorCookie = cookie;
}

uint64_t
IsakmpHeader::GetInitiatorCookie() const
{
    return m_initiatorCookie;
}

void
IsakmpHeader::SetResponderCookie(uint64_t cookie)
{
    m_responderCookie = cookie;
}

uint64_t
IsakmpHeader::GetResponderCookie() const
{
    return m_responderCookie;
}

void
IsakmpHeader::SetNextPayload(IsakmpPayloadType type)
{
    m_nextPayload = type;
}

IsakmpPayloadType
IsakmpHeader::GetNextPayload() const
{
    return m_nextPayload;
}

void
IsakmpHeader::SetVersion(uint8_t version)
{
    m_version = version;
}

uint8_t
IsakmpHeader::GetVersion() const
{
    return m_version;
}

uint8_t
IsakmpHeader::GetMajorVersion() const
{
    return m_version >> 4;
}

uint8_t
IsakmpHeader::GetMinorVersion() const
{
    return m_version & 0x0f;
}

void
IsakmpHeader::SetExchangeType(IsakmpExchangeType type)
{
    m_exchangeType = type;
}

IsakmpExchangeType
IsakmpHeader::GetExchangeType() const
{
    return m_exchangeType;
}

void
IsakmpHeader::SetFlags(uint8_t flags)
{
    m_flags = flags;
}

uint8_t
IsakmpHeader::GetFlags() const
{
    return m_flags;
}

bool
IsakmpHeader::IsEncrypted() const
{
    return (m_flags & FLAG_ENCRYPTION) != 0;
}

void
IsakmpHeader::SetEncrypted(bool encrypted)
{
    m_flags = encrypted ? (m_flags | FLAG_ENCRYPTION) : (m_flags & ~FLAG_ENCRYPTION);
}

void
IsakmpHeader::SetMessageId(uint32_t id)
{
    m_messageId = id;
}

uint32_t
IsakmpHeader::GetMessageId() const
{
    return m_messageId;
}

void
IsakmpHeader::SetLength(uint32_t length)
{
    m_length = length;
}

uint32_t
IsakmpHeader::GetLength() const
{
    return m_length;
}

void
IsakmpHeader::Write(uint8_t* out) const
{
    for (int i = 0; i < 8; ++i)
    {
        out[i] = static_cast<uint8_t>(m_initiatorCookie >> (56 - 8 * i));
        out[8 + i] = static_cast<uint8_t>(m_responderCookie >> (56 - 8 * i));
    }
    out[16] = static_cast<uint8_t>(m_nextPayload);
    out[17] = m_version;
    out[18] = static_cast<uint8_t>(m_exchangeType);
    out[19] = m_flags;
    for (int i = 0; i < 4; ++i)
    {
        out[20 + i] = static_cast<uint8_t>(m_messageId >> (24 - 8 * i));
        out[24 + i] = static_cast<uint8_t>(m_length >> (24 - 8 * i));
    }
}

void
IsakmpHeader::Read(const uint8_t* in)
{
    m_initiatorCookie = 0;
    m_responderCookie = 0;
    for (int i = 0; i < 8; ++i)
    {
        m_initiatorCookie = (m_initiatorCookie << 8) | in[i];
        m_responderCookie = (m_responderCookie << 8) | in[8 + i];
    }
    m_nextPayload = static_cast<IsakmpPayloadType>(in[16]);
    m_version = in[17];
    m_exchangeType = static_cast<IsakmpExchangeType>(in[18]);
    m_flags = in[19];
    m_messageId = 0;
    m_length = 0;
    for (int i = 0; i < 4; ++i)
    {
        m_messageId = (m_messageId << 8) | in[20 + i];
        m_length = (m_length << 8) | in[24 + i];
    }
}

uint32_t
IsakmpHeader::GetSerializedSize() const
{
    return SIZE;
}

void
IsakmpHeader::Serialize(Buffer::Iterator start) const
{
    uint8_t bytes[SIZE];
    Write(bytes);
    start.Write(bytes, SIZE);
}

uint32_t
IsakmpHeader::Deserialize(Buffer::Iterator start)
{
    uint8_t bytes[SIZE];
    start.Read(bytes, SIZE);
    Read(bytes);
    return SIZE;
}

void
IsakmpHeader::Print(std::ostream& os) const
{
    std::ostringstream flags;
    flags << (IsEncrypted() ? "E" : "") << ((m_flags & FLAG_COMMIT) ? "C" : "")
          << ((m_flags & FLAG_AUTH_ONLY) ? "A" : "");
    os << "ISAKMP " << IsakmpExchangeTypeToString(m_exchangeType) << " icookie=" << std::hex
       << std::setfill('0') << std::setw(16) << m_initiatorCookie << " rcookie=" << std::setw(16)
       << m_responderCookie << " msgid=" << std::setw(8) << m_messageId << std::dec
       << std::setfill(' ') << " version=" << unsigned(GetMajorVersion()) << "."
       << unsigned(GetMinorVersion()) << " next=" << IsakmpPayloadTypeToString(m_nextPayload)
       << " flags=" << (m_flags != 0 ? flags.str() : "-") << " length=" << m_length;
}

} // namespace ns3
