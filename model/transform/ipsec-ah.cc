/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ipsec-ah.h"

#include "ns3/log.h"

#include "ipsec-ah-header.h"

#include <cstring>
#include <vector>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("IpsecAh");

namespace
{

/** The IPv4 header as the ICV sees it: mutable fields zero (RFC 4302 3.3.3.1.1.1). */
void
ImmutableHeader(const Ipv4Header& h, uint32_t totalLength, uint8_t* out)
{
    std::memset(out, 0, 20);
    out[0] = 0x45;
    out[2] = static_cast<uint8_t>(totalLength >> 8);
    out[3] = static_cast<uint8_t>(totalLength);
    out[4] = static_cast<uint8_t>(h.GetIdentification() >> 8);
    out[5] = static_cast<uint8_t>(h.GetIdentification());
    out[9] = h.GetProtocol();
    h.GetSource().Serialize(out + 12);
    h.GetDestination().Serialize(out + 16);
}

/** ICV over the immutable IPv4 header, the AH header with a zero ICV, and the payload. */
void
ComputeIcv(IpsecAuthenticator& auth,
           const Ipv4Header& ipHeader,
           const IpsecAhHeader& ah,
           Ptr<const Packet> payload,
           uint8_t* icv)
{
    static std::vector<uint8_t> buffer;
    uint32_t n = payload->GetSize();
    uint8_t header[20];
    ImmutableHeader(ipHeader, 20 + ah.GetSerializedSize() + n, header);
    uint8_t ahBytes[12 + IpsecAhHeader::MAX_ICV];
    ah.Write(ahBytes, true);
    buffer.resize(std::max<size_t>(buffer.size(), n));
    payload->CopyData(buffer.data(), n);
    auth.Update(header, 20);
    auth.Update(ahBytes, ah.GetSerializedSize());
    auth.Update(buffer.data(), n);
    auth.Final(icv);
}

} // namespace

uint32_t
IpsecAh::GetOverhead(const IpsecSa& sa)
{
    // The ICV is padded so the header is a multiple of 32 bits (all our ICVs already are).
    return FIXED_SIZE + (sa.GetIcvLength() + 3) / 4 * 4;
}

void
IpsecAh::Protect(IpsecSa& sa,
                 uint32_t seq,
                 Ptr<Packet> payload,
                 uint8_t nextHeader,
                 Ipv4Header& ipHeader,
                 bool modeled)
{
    NS_LOG_FUNCTION(sa.GetSpi() << seq << payload->GetSize() << modeled);
    IpsecAhHeader ah(GetOverhead(sa) - FIXED_SIZE);
    ah.SetNextHeader(nextHeader);
    ah.SetSpi(sa.GetSpi());
    ah.SetSequence(seq);
    ipHeader.SetProtocol(static_cast<uint8_t>(IpsecProtocol::AH));
    ipHeader.SetPayloadSize(payload->GetSize() + ah.GetSerializedSize());
    if (!modeled)
    {
        ComputeIcv(*sa.GetAuthenticator(), ipHeader, ah, payload, ah.GetIcv());
    }
    payload->AddHeader(ah);
}

bool
IpsecAh::PeekSpi(Ptr<const Packet> packet, uint32_t& spi, uint32_t& seq)
{
    uint8_t head[FIXED_SIZE];
    if (packet->GetSize() < FIXED_SIZE)
    {
        return false;
    }
    packet->CopyData(head, FIXED_SIZE);
    spi = (uint32_t(head[4]) << 24) | (uint32_t(head[5]) << 16) | (uint32_t(head[6]) << 8) |
          head[7];
    seq = (uint32_t(head[8]) << 24) | (uint32_t(head[9]) << 16) | (uint32_t(head[10]) << 8) |
          head[11];
    return true;
}

std::optional<IpsecDropReason>
IpsecAh::Unprotect(const IpsecSa& sa,
                   Ptr<const Packet> packet,
                   const Ipv4Header& ipHeader,
                   bool modeled,
                   Ptr<Packet>& inner,
                   uint8_t& nextHeader)
{
    NS_LOG_FUNCTION(sa.GetSpi() << packet->GetSize() << modeled);
    IpsecAhHeader ah(GetOverhead(sa) - FIXED_SIZE);
    if (packet->GetSize() < ah.GetSerializedSize())
    {
        NS_LOG_LOGIC("SPI " << sa.GetSpi() << ": shorter than its header");
        return IpsecDropReason::MALFORMED;
    }
    inner = packet->Copy();
    inner->RemoveHeader(ah);
    if ((ah.GetPayloadLength() + 2u) * 4 != ah.GetSerializedSize())
    {
        return IpsecDropReason::MALFORMED;
    }
    if (!modeled)
    {
        uint8_t icv[IpsecAhHeader::MAX_ICV];
        ComputeIcv(*sa.GetAuthenticator(), ipHeader, ah, inner, icv);
        // Constant-time compare, as for any MAC.
        uint8_t diff = 0;
        for (uint32_t i = 0; i < ah.GetIcvLength(); ++i)
        {
            diff |= icv[i] ^ ah.GetIcv()[i];
        }
        if (diff != 0)
        {
            NS_LOG_LOGIC("SPI " << sa.GetSpi() << ": ICV does not match");
            return IpsecDropReason::BAD_ICV;
        }
    }
    nextHeader = ah.GetNextHeader();
    return std::nullopt;
}

} // namespace ns3
