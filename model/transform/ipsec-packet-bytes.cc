/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ipsec-packet-bytes.h"

#include "ns3/assert.h"

namespace ns3
{

NS_OBJECT_ENSURE_REGISTERED(IpsecPacketBytes);

TypeId
IpsecPacketBytes::GetTypeId()
{
    static TypeId tid = TypeId("ns3::IpsecPacketBytes")
                            .SetParent<Header>()
                            .SetGroupName("Ipsec")
                            .AddConstructor<IpsecPacketBytes>();
    return tid;
}

TypeId
IpsecPacketBytes::GetInstanceTypeId() const
{
    return GetTypeId();
}

IpsecPacketBytes::IpsecPacketBytes() = default;

uint8_t*
IpsecPacketBytes::Resize(uint32_t size)
{
    // Grown only: shrinking and growing again would zero the bytes in between every time.
    if (m_bytes.size() < size)
    {
        m_bytes.resize(size);
    }
    m_size = size;
    m_begin = 0;
    m_end = size;
    return m_bytes.data();
}

uint8_t*
IpsecPacketBytes::GetData()
{
    return m_bytes.data();
}

uint32_t
IpsecPacketBytes::GetSize() const
{
    return m_size;
}

void
IpsecPacketBytes::ReplaceContent(Packet& packet, uint32_t begin, uint32_t length)
{
    NS_ASSERT(begin >= ROOM && begin + length <= m_size);
    m_begin = begin - ROOM;
    m_end = begin + length;
    packet.RemoveAtStart(packet.GetSize());
    packet.AddHeader(*this);
    packet.RemoveAtStart(ROOM);
}

uint32_t
IpsecPacketBytes::GetSerializedSize() const
{
    return m_end - m_begin;
}

void
IpsecPacketBytes::Serialize(Buffer::Iterator start) const
{
    start.Write(m_bytes.data() + m_begin, m_end - m_begin);
}

uint32_t
IpsecPacketBytes::Deserialize(Buffer::Iterator start)
{
    start.Read(m_bytes.data(), m_size);
    m_begin = 0;
    m_end = m_size;
    return m_end;
}

void
IpsecPacketBytes::Print(std::ostream& os) const
{
    os << "bytes=" << m_end - m_begin;
}

} // namespace ns3
