/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ipsec-ah-header.h"

#include <cstring>
#include <iomanip>

namespace ns3
{

NS_OBJECT_ENSURE_REGISTERED(IpsecAhHeader);

TypeId
IpsecAhHeader::GetTypeId()
{
    static TypeId tid = TypeId("ns3::IpsecAhHeader")
                            .SetParent<Header>()
                            .SetGroupName("Ipsec")
                            .AddConstructor<IpsecAhHeader>();
    return tid;
}

TypeId
IpsecAhHeader::GetInstanceTypeId() const
{
    return GetTypeId();
}

IpsecAhHeader::IpsecAhHeader()
    : IpsecAhHeader(12)
{
}

IpsecAhHeader::IpsecAhHeader(uint32_t icvLength)
    : m_icvLength(std::min(icvLength, MAX_ICV))
{
    m_payloadLength = static_cast<uint8_t>((12 + m_icvLength) / 4 - 2);
}

void
IpsecAhHeader::SetNextHeader(uint8_t nextHeader)
{
    m_nextHeader = nextHeader;
}

uint8_t
IpsecAhHeader::GetNextHeader() const
{
    return m_nextHeader;
}

uint8_t
IpsecAhHeader::GetPayloadLength() const
{
    return m_payloadLength;
}

void
IpsecAhHeader::SetSpi(uint32_t spi)
{
    m_spi = spi;
}

uint32_t
IpsecAhHeader::GetSpi() const
{
    return m_spi;
}

void
IpsecAhHeader::SetSequence(uint32_t seq)
{
    m_seq = seq;
}

uint32_t
IpsecAhHeader::GetSequence() const
{
    return m_seq;
}

uint8_t*
IpsecAhHeader::GetIcv()
{
    return m_icv.data();
}

const uint8_t*
IpsecAhHeader::GetIcv() const
{
    return m_icv.data();
}

uint32_t
IpsecAhHeader::GetIcvLength() const
{
    return m_icvLength;
}

uint32_t
IpsecAhHeader::GetSerializedSize() const
{
    return 12 + m_icvLength;
}

void
IpsecAhHeader::Write(uint8_t* out, bool zeroIcv) const
{
    out[0] = m_nextHeader;
    out[1] = m_payloadLength;
    out[2] = 0;
    out[3] = 0;
    for (int i = 0; i < 4; ++i)
    {
        out[4 + i] = static_cast<uint8_t>(m_spi >> (24 - 8 * i));
        out[8 + i] = static_cast<uint8_t>(m_seq >> (24 - 8 * i));
    }
    if (zeroIcv)
    {
        std::memset(out + 12, 0, m_icvLength);
    }
    else
    {
        std::memcpy(out + 12, m_icv.data(), m_icvLength);
    }
}

void
IpsecAhHeader::Serialize(Buffer::Iterator start) const
{
    uint8_t bytes[12 + MAX_ICV];
    Write(bytes, false);
    start.Write(bytes, GetSerializedSize());
}

uint32_t
IpsecAhHeader::Deserialize(Buffer::Iterator start)
{
    m_nextHeader = start.ReadU8();
    m_payloadLength = start.ReadU8();
    start.ReadU16();
    m_spi = start.ReadNtohU32();
    m_seq = start.ReadNtohU32();
    start.Read(m_icv.data(), m_icvLength);
    return GetSerializedSize();
}

void
IpsecAhHeader::Print(std::ostream& os) const
{
    os << "AH spi=0x" << std::hex << m_spi << std::dec << " seq=" << m_seq
       << " next=" << unsigned(m_nextHeader);
}

} // namespace ns3
