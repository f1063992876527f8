/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ipsec-raw-chunks.h"

#include "ns3/assert.h"

namespace ns3
{

NS_OBJECT_ENSURE_REGISTERED(IpsecBytesHeader);
NS_OBJECT_ENSURE_REGISTERED(IpsecBytesTrailer);

TypeId
IpsecBytesHeader::GetTypeId()
{
    static TypeId tid = TypeId("ns3::IpsecBytesHeader")
                            .SetParent<Header>()
                            .SetGroupName("Ipsec")
                            .AddConstructor<IpsecBytesHeader>();
    return tid;
}

TypeId
IpsecBytesHeader::GetInstanceTypeId() const
{
    return GetTypeId();
}

IpsecBytesHeader::IpsecBytesHeader() = default;

IpsecBytesHeader::IpsecBytesHeader(uint8_t* bytes, uint32_t length)
    : m_bytes(bytes),
      m_length(length)
{
}

uint32_t
IpsecBytesHeader::GetSerializedSize() const
{
    return m_length;
}

void
IpsecBytesHeader::Serialize(Buffer::Iterator start) const
{
    start.Write(m_bytes, m_length);
}

uint32_t
IpsecBytesHeader::Deserialize(Buffer::Iterator start)
{
    start.Read(m_bytes, m_length);
    return m_length;
}

void
IpsecBytesHeader::Print(std::ostream& os) const
{
    os << "IPsec bytes (" << m_length << ")";
}

TypeId
IpsecBytesTrailer::GetTypeId()
{
    static TypeId tid = TypeId("ns3::IpsecBytesTrailer")
                            .SetParent<Trailer>()
                            .SetGroupName("Ipsec")
                            .AddConstructor<IpsecBytesTrailer>();
    return tid;
}

TypeId
IpsecBytesTrailer::GetInstanceTypeId() const
{
    return GetTypeId();
}

IpsecBytesTrailer::IpsecBytesTrailer() = default;

IpsecBytesTrailer::IpsecBytesTrailer(uint8_t* bytes, uint32_t length)
    : m_bytes(bytes),
      m_length(length)
{
}

IpsecBytesTrailer::IpsecBytesTrailer(uint8_t* bytes, uint32_t length, uint32_t skip)
    : m_bytes(bytes),
      m_length(length),
      m_skip(skip)
{
}

uint32_t
IpsecBytesTrailer::GetSerializedSize() const
{
    return m_length + m_skip;
}

void
IpsecBytesTrailer::Serialize(Buffer::Iterator start) const
{
    NS_ASSERT_MSG(m_skip == 0, "a trailer that skips bytes is for peeking only");
    start.Prev(m_length);
    start.Write(m_bytes, m_length);
}

uint32_t
IpsecBytesTrailer::Deserialize(Buffer::Iterator end)
{
    end.Prev(m_length + m_skip);
    end.Read(m_bytes, m_length);
    return m_length + m_skip;
}

void
IpsecBytesTrailer::Print(std::ostream& os) const
{
    os << "IPsec trailer bytes (" << m_length << ")";
}

} // namespace ns3
