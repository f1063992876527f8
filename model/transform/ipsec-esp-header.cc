/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ipsec-esp-header.h"

#include "ns3/assert.h"

#include <cstring>
#include <ios>

namespace ns3
{

NS_OBJECT_ENSURE_REGISTERED(IpsecEspHeader);

TypeId
IpsecEspHeader::GetTypeId()
{
    static TypeId tid = TypeId("ns3::IpsecEspHeader")
                            .SetParent<Header>()
                            .SetGroupName("Ipsec")
                            .AddConstructor<IpsecEspHeader>();
    return tid;
}

TypeId
IpsecEspHeader::GetInstanceTypeId() const
{
    return GetTypeId();
}

IpsecEspHeader::IpsecEspHeader() = default;

IpsecEspHeader::IpsecEspHeader(uint32_t spi, uint32_t seq)
    : m_spi(spi),
      m_seq(seq)
{
}

void
IpsecEspHeader::SetSpi(uint32_t spi)
{
    m_spi = spi;
}

uint32_t
IpsecEspHeader::GetSpi() const
{
    return m_spi;
}

void
IpsecEspHeader::SetSequenceNumber(uint32_t seq)
{
    m_seq = seq;
}

uint32_t
IpsecEspHeader::GetSequenceNumber() const
{
    return m_seq;
}

void
IpsecEspHeader::SetIv(const uint8_t* iv, uint32_t length)
{
    NS_ASSERT(length <= MAX_IV);
    std::memcpy(m_iv, iv, length);
    m_ivLength = length;
}

uint32_t
IpsecEspHeader::GetSerializedSize() const
{
    return SIZE + m_ivLength;
}

void
IpsecEspHeader::Serialize(Buffer::Iterator start) const
{
    start.WriteHtonU32(m_spi);
    start.WriteHtonU32(m_seq);
    if (m_ivLength > 0)
    {
        start.Write(m_iv, m_ivLength);
    }
}

uint32_t
IpsecEspHeader::Deserialize(Buffer::Iterator start)
{
    m_spi = start.ReadNtohU32();
    m_seq = start.ReadNtohU32();
    m_ivLength = 0;
    return SIZE;
}

void
IpsecEspHeader::Print(std::ostream& os) const
{
    std::ios::fmtflags flags = os.flags();
    os << "spi=0x" << std::hex << m_spi << std::dec << " seq=" << m_seq;
    os.flags(flags);
}

} // namespace ns3
