/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ipsec-esp.h"

#include "ns3/log.h"

#include "ipsec-esp-header.h"
#include "ipsec-esp-trailer.h"
#include "ipsec-packet-bytes.h"

#include <cstring>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("IpsecEsp");

namespace
{

/** Alignment of payload + padding + 2: the cipher block, at least 4 (RFC 4303 2.4). */
uint32_t
Alignment(const IpsecEncryptionInfo& info)
{
    return std::max<uint32_t>(info.blockSize, 4);
}

void
WriteU32(uint8_t* p, uint32_t v)
{
    p[0] = static_cast<uint8_t>(v >> 24);
    p[1] = static_cast<uint8_t>(v >> 16);
    p[2] = static_cast<uint8_t>(v >> 8);
    p[3] = static_cast<uint8_t>(v);
}

/**
 * Where ESP builds and opens packets (the simulator is single-threaded, so one buffer serves
 * every packet). Layout: IpsecPacketBytes::ROOM bytes, of which the last 8 hold the ESP
 * header for the ICV and AAD computations, then IV, ciphertext (or plaintext) and ICV.
 */
IpsecPacketBytes&
Work()
{
    static IpsecPacketBytes bytes;
    return bytes;
}

/** Offset of the IV in Work(). */
constexpr uint32_t IPSEC_ESP_BODY = IpsecPacketBytes::ROOM;

} // namespace

uint32_t
IpsecEsp::GetProtectedSize(const IpsecSa& sa, uint32_t payloadSize)
{
    const IpsecEncryptionInfo& enc = sa.GetCipherInfo();
    uint32_t align = Alignment(enc);
    uint32_t plain = (payloadSize + 2 + align - 1) / align * align;
    return 8 + enc.ivLength + plain + sa.GetIcvLength();
}

Ptr<Packet>
IpsecEsp::Protect(IpsecSa& sa,
                  uint32_t seq,
                  Ptr<const Packet> payload,
                  uint8_t nextHeader,
                  bool modeled)
{
    NS_LOG_FUNCTION(sa.GetSpi() << seq << payload->GetSize() << modeled);
    const IpsecEncryptionInfo& enc = sa.GetCipherInfo();
    uint32_t n = payload->GetSize();
    uint32_t total = GetProtectedSize(sa, n);
    uint32_t icvLength = sa.GetIcvLength();
    uint32_t plainLength = total - 8 - enc.ivLength - icvLength;
    uint32_t padLength = plainLength - n - 2;

    if (modeled)
    {
        // Same bytes around the payload, which stays untouched (and virtual, if it was): no
        // copy of the payload at all.
        IpsecEspHeader header(sa.GetSpi(), seq);
        uint8_t iv[IpsecEspHeader::MAX_IV] = {};
        if (enc.aead)
        {
            WriteU32(iv + 4, seq);
        }
        else
        {
            WriteU32(iv, sa.GetSpi());
            WriteU32(iv + 4, seq);
        }
        header.SetIv(iv, enc.ivLength);
        Ptr<Packet> p = payload->Copy();
        p->AddHeader(header);
        p->AddTrailer(IpsecEspTrailer(padLength, nextHeader, icvLength));
        return p;
    }

    IpsecPacketBytes& work = Work();
    uint8_t* b = work.Resize(IPSEC_ESP_BODY + total - 8) + IPSEC_ESP_BODY - 8;
    WriteU32(b, sa.GetSpi());
    WriteU32(b + 4, seq);
    uint8_t* iv = b + 8;
    uint8_t* plain = iv + enc.ivLength;
    uint8_t* icv = plain + plainLength;
    payload->CopyData(plain, n);
    for (uint32_t i = 0; i < padLength; ++i)
    {
        plain[n + i] = static_cast<uint8_t>(i + 1);
    }
    plain[n + padLength] = static_cast<uint8_t>(padLength);
    plain[n + padLength + 1] = nextHeader;

    if (enc.aead)
    {
        // RFC 4106 8.1: a counter is a fine IV; the sequence number is unique per key.
        std::memset(iv, 0, 4);
        WriteU32(iv + 4, seq);
    }
    else if (enc.ivLength > 0)
    {
        std::memset(iv, 0, enc.ivLength);
        std::memcpy(iv, b, 8);
        static const uint8_t zero[16] = {};
        sa.GetCipher().Encrypt(zero, iv, enc.ivLength);
    }
    if (enc.aead)
    {
        sa.GetCipher().Seal(iv, b, 8, plain, plainLength, icv);
    }
    else
    {
        sa.GetCipher().Encrypt(iv, plain, plainLength);
        if (IpsecAuthenticator* auth = sa.GetAuthenticator())
        {
            auth->Update(b, icv - b);
            auth->Final(icv);
        }
    }
    Ptr<Packet> p = payload->Copy();
    work.ReplaceContent(*p, IPSEC_ESP_BODY, total - 8);
    p->AddHeader(IpsecEspHeader(sa.GetSpi(), seq));
    return p;
}

bool
IpsecEsp::PeekSpi(Ptr<const Packet> packet, uint32_t& spi, uint32_t& seq)
{
    if (packet->GetSize() < IpsecEspHeader::SIZE)
    {
        return false;
    }
    IpsecEspHeader header;
    packet->PeekHeader(header);
    spi = header.GetSpi();
    seq = header.GetSequenceNumber();
    return true;
}

std::optional<IpsecDropReason>
IpsecEsp::Open(const IpsecSa& sa,
               Ptr<const Packet> packet,
               bool modeled,
               uint8_t& nextHeader,
               uint32_t& payloadLength)
{
    const IpsecEncryptionInfo& enc = sa.GetCipherInfo();
    uint32_t total = packet->GetSize();
    uint32_t icvLength = sa.GetIcvLength();
    uint32_t overhead = 8 + enc.ivLength + icvLength;
    if (total < overhead + 2)
    {
        return IpsecDropReason::MALFORMED;
    }
    uint32_t plainLength = total - overhead;
    if (plainLength % Alignment(enc) != 0)
    {
        return IpsecDropReason::BAD_PADDING;
    }
    if (modeled)
    {
        // Read only padding, pad length and next header (the ICV is not checked); the payload
        // is never copied. (Packet::PeekTrailer only reads, but is not const.)
        IpsecEspTrailer trailer = IpsecEspTrailer::ForReading(icvLength, plainLength);
        ConstCast<Packet>(packet)->PeekTrailer(trailer);
        if (!trailer.IsPaddingValid())
        {
            return IpsecDropReason::BAD_PADDING;
        }
        nextHeader = trailer.GetNextHeader();
        payloadLength = plainLength - 2 - trailer.GetPadLength();
        return std::nullopt;
    }
    uint8_t* b = Work().Resize(IPSEC_ESP_BODY + total - 8) + IPSEC_ESP_BODY - 8;
    packet->CopyData(b, total);
    const uint8_t* iv = b + 8;
    uint8_t* plain = b + 8 + enc.ivLength;
    const uint8_t* icv = plain + plainLength;
    if (enc.aead)
    {
        if (!sa.GetCipher().Open(iv, b, 8, plain, plainLength, icv))
        {
            return IpsecDropReason::BAD_ICV;
        }
    }
    else
    {
        // Verify before decrypting (RFC 4303 3.4.4).
        if (IpsecAuthenticator* auth = sa.GetAuthenticator())
        {
            if (!auth->Verify(b, icv - b, icv))
            {
                return IpsecDropReason::BAD_ICV;
            }
        }
        sa.GetCipher().Decrypt(iv, plain, plainLength);
    }
    uint8_t padLength = plain[plainLength - 2];
    nextHeader = plain[plainLength - 1];
    if (padLength + 2u > plainLength)
    {
        return IpsecDropReason::BAD_PADDING;
    }
    const uint8_t* padding = plain + plainLength - 2 - padLength;
    for (uint32_t i = 0; i < padLength; ++i)
    {
        if (padding[i] != static_cast<uint8_t>(i + 1))
        {
            return IpsecDropReason::BAD_PADDING;
        }
    }
    payloadLength = plainLength - 2 - padLength;
    return std::nullopt;
}

void
IpsecEsp::Strip(const IpsecSa& sa, Packet& packet, bool modeled, uint32_t payloadLength)
{
    uint32_t ivLength = sa.GetCipherInfo().ivLength;
    if (modeled)
    {
        // PeekSpi parsed the header already.
        packet.RemoveAtStart(IpsecEspHeader::SIZE + ivLength);
        packet.RemoveAtEnd(packet.GetSize() - payloadLength);
        return;
    }
    // Open left the decrypted payload where it decrypted it, in Work().
    Work().ReplaceContent(packet, IPSEC_ESP_BODY + ivLength, payloadLength);
}

std::optional<IpsecDropReason>
IpsecEsp::Unprotect(const IpsecSa& sa,
                    Ptr<const Packet> packet,
                    bool modeled,
                    Ptr<Packet>& inner,
                    uint8_t& nextHeader)
{
    NS_LOG_FUNCTION(sa.GetSpi() << packet->GetSize() << modeled);
    uint32_t payloadLength = 0;
    auto failure = Open(sa, packet, modeled, nextHeader, payloadLength);
    if (failure)
    {
        NS_LOG_LOGIC("SPI " << sa.GetSpi() << ": " << *failure);
        return failure;
    }
    inner = packet->Copy();
    Strip(sa, *inner, modeled, payloadLength);
    return std::nullopt;
}

std::optional<IpsecDropReason>
IpsecEsp::UnprotectInPlace(const IpsecSa& sa,
                           Ptr<Packet> packet,
                           bool modeled,
                           uint8_t& nextHeader)
{
    NS_LOG_FUNCTION(sa.GetSpi() << packet->GetSize() << modeled);
    uint32_t payloadLength = 0;
    auto failure = Open(sa, packet, modeled, nextHeader, payloadLength);
    if (failure)
    {
        NS_LOG_LOGIC("SPI " << sa.GetSpi() << ": " << *failure);
        return failure;
    }
    if (!sa.ModeMatches(nextHeader))
    {
        return IpsecDropReason::POLICY_MISMATCH;
    }
    if (nextHeader == 4 && payloadLength < 20)
    {
        return IpsecDropReason::MALFORMED;
    }
    Strip(sa, *packet, modeled, payloadLength);
    return std::nullopt;
}

} // namespace ns3
