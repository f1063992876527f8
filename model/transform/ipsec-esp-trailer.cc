/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ipsec-esp-trailer.h"

#include "ns3/assert.h"

#include <cstring>

namespace ns3
{

NS_OBJECT_ENSURE_REGISTERED(IpsecEspTrailer);

TypeId
IpsecEspTrailer::GetTypeId()
{
    static TypeId tid = TypeId("ns3::IpsecEspTrailer")
                            .SetParent<Trailer>()
                            .SetGroupName("Ipsec")
                            .AddConstructor<IpsecEspTrailer>();
    return tid;
}

TypeId
IpsecEspTrailer::GetInstanceTypeId() const
{
    return GetTypeId();
}

IpsecEspTrailer::IpsecEspTrailer() = default;

IpsecEspTrailer::IpsecEspTrailer(uint8_t padLength, uint8_t nextHeader, uint32_t icvLength)
    : m_icvLength(icvLength),
      m_padLength(padLength),
      m_nextHeader(nextHeader)
{
}

IpsecEspTrailer
IpsecEspTrailer::ForReading(uint32_t icvLength, uint32_t plainLength)
{
    IpsecEspTrailer trailer;
    trailer.m_icvLength = icvLength;
    trailer.m_plainLength = plainLength;
    return trailer;
}

uint8_t
IpsecEspTrailer::GetPadLength() const
{
    return m_padLength;
}

uint8_t
IpsecEspTrailer::GetNextHeader() const
{
    return m_nextHeader;
}

bool
IpsecEspTrailer::IsPaddingValid() const
{
    return m_paddingValid;
}

uint32_t
IpsecEspTrailer::GetSerializedSize() const
{
    return m_padLength + 2u + m_icvLength;
}

void
IpsecEspTrailer::Serialize(Buffer::Iterator end) const
{
    // Built apart and written at once: a Buffer::Iterator checks every single-byte write.
    uint8_t bytes[255 + 2 + MAX_ICV];
    NS_ASSERT(m_icvLength <= MAX_ICV);
    for (uint32_t i = 0; i < m_padLength; ++i)
    {
        bytes[i] = static_cast<uint8_t>(i + 1);
    }
    bytes[m_padLength] = m_padLength;
    bytes[m_padLength + 1] = m_nextHeader;
    std::memset(bytes + m_padLength + 2, 0, m_icvLength);
    uint32_t size = GetSerializedSize();
    end.Prev(size);
    end.Write(bytes, size);
}

uint32_t
IpsecEspTrailer::Deserialize(Buffer::Iterator end)
{
    end.Prev(m_icvLength + 2);
    m_padLength = end.ReadU8();
    m_nextHeader = end.ReadU8();
    if (m_padLength + 2u > m_plainLength)
    {
        // Padding longer than the encrypted part: not read any further.
        m_paddingValid = false;
        return m_icvLength + 2;
    }
    end.Prev(m_padLength + 2u);
    m_paddingValid = true;
    for (uint32_t i = 0; i < m_padLength; ++i)
    {
        if (end.ReadU8() != static_cast<uint8_t>(i + 1))
        {
            m_paddingValid = false;
            break;
        }
    }
    return GetSerializedSize();
}

void
IpsecEspTrailer::Print(std::ostream& os) const
{
    os << "pad=" << unsigned(m_padLength) << " next=" << unsigned(m_nextHeader)
       << " icv=" << m_icvLength;
}

} // namespace ns3
