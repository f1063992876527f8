/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ipsec-esp.h"

#include "ipsec-raw-chunks.h"

#include <cstring>
#include <vector>

namespace ns3
{

namespace
{

/** Largest ICV of any algorithm here (AES-GCM 16, HMAC-SHA-256-128 16). */
constexpr uint32_t IPSEC_MAX_ICV = 32;

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

uint32_t
ReadU32(const uint8_t* p)
{
    return (uint32_t(p[0]) << 24) | (uint32_t(p[1]) << 16) | (uint32_t(p[2]) << 8) | p[3];
}

/**
 * Room kept in front of packets built from bytes (ciphertext, decrypted payload) for the headers
 * added further down (outer IPv4, link layer). When ns-3's Buffer grows at the front it keeps no
 * room there, so without it the outer IPv4 header and then the link header would each copy the
 * whole packet into a newly allocated buffer.
 */
constexpr uint32_t IPSEC_HEADROOM = 64;

/**
 * Scratch space reused by every packet (the simulator is single-threaded): IPSEC_HEADROOM
 * bytes, then room for \p size bytes, which start at Scratch(size) + IPSEC_HEADROOM.
 */
uint8_t*
Scratch(size_t size)
{
    static std::vector<uint8_t> buffer;
    if (buffer.size() < IPSEC_HEADROOM + size)
    {
        buffer.resize(IPSEC_HEADROOM + size);
    }
    return buffer.data();
}

/**
 * \brief Make \p packet hold \p size bytes taken from \p bytes (one copy), keeping its packet
 * tags, with room in front for more headers.
 * \param packet the packet
 * \param bytes the bytes; the IPSEC_HEADROOM bytes before them must be readable
 * \param size how many
 */
void
ReplaceContent(Packet& packet, uint8_t* bytes, uint32_t size)
{
    packet.RemoveAtStart(packet.GetSize());
    packet.AddHeader(IpsecBytesHeader(bytes - IPSEC_HEADROOM, IPSEC_HEADROOM + size));
    packet.RemoveAtStart(IPSEC_HEADROOM);
}

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
        uint8_t head[8 + 16] = {};
        WriteU32(head, sa.GetSpi());
        WriteU32(head + 4, seq);
        if (enc.aead)
        {
            WriteU32(head + 12, seq);
        }
        else if (enc.ivLength > 0)
        {
            std::memcpy(head + 8, head, 8);
        }
        uint8_t tail[255 + 2 + IPSEC_MAX_ICV];
        for (uint32_t i = 0; i < padLength; ++i)
        {
            tail[i] = static_cast<uint8_t>(i + 1);
        }
        tail[padLength] = static_cast<uint8_t>(padLength);
        tail[padLength + 1] = nextHeader;
        std::memset(tail + padLength + 2, 0, icvLength);
        Ptr<Packet> p = payload->Copy();
        p->AddHeader(IpsecBytesHeader(head, 8 + enc.ivLength));
        p->AddTrailer(IpsecBytesTrailer(tail, padLength + 2 + icvLength));
        return p;
    }

    uint8_t* b = Scratch(total) + IPSEC_HEADROOM;
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
    ReplaceContent(*p, b, total);
    return p;
}

bool
IpsecEsp::PeekSpi(Ptr<const Packet> packet, uint32_t& spi, uint32_t& seq)
{
    uint8_t head[8];
    if (packet->GetSize() < 8)
    {
        return false;
    }
    packet->CopyData(head, 8);
    spi = ReadU32(head);
    seq = ReadU32(head + 4);
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
    const uint8_t* padding;
    uint8_t tail[255 + 2]; // the longest padding, pad length, next header
    uint8_t padLength;
    if (modeled)
    {
        // Read only padding, pad length and next header (the ICV is not checked); the payload
        // is never copied. One read covers the padding a sender needs for the alignment (up
        // to alignment - 1 bytes); only longer padding takes a second one. (Packet::PeekTrailer
        // only reads, but is not const.)
        Ptr<Packet> readable = ConstCast<Packet>(packet);
        uint32_t first = std::min(plainLength, Alignment(enc) + 1);
        IpsecBytesTrailer last(tail + sizeof(tail) - first, first, icvLength);
        readable->PeekTrailer(last);
        padLength = tail[255];
        nextHeader = tail[256];
        if (padLength + 2u > plainLength)
        {
            return IpsecDropReason::BAD_PADDING;
        }
        if (padLength + 2u > first)
        {
            IpsecBytesTrailer pad(tail + 255 - padLength, padLength, 2 + icvLength);
            readable->PeekTrailer(pad);
        }
        padding = tail + 255 - padLength;
    }
    else
    {
        uint8_t* b = Scratch(total) + IPSEC_HEADROOM;
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
        padLength = plain[plainLength - 2];
        nextHeader = plain[plainLength - 1];
        if (padLength + 2u > plainLength)
        {
            return IpsecDropReason::BAD_PADDING;
        }
        padding = plain + plainLength - 2 - padLength;
    }
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
        packet.RemoveAtEnd(packet.GetSize() - 8 - ivLength - payloadLength);
        packet.RemoveAtStart(8 + ivLength);
        return;
    }
    // Open left the decrypted payload where it decrypted it, in the scratch buffer.
    ReplaceContent(packet, Scratch(0) + IPSEC_HEADROOM + 8 + ivLength, payloadLength);
}

std::optional<IpsecDropReason>
IpsecEsp::Unprotect(const IpsecSa& sa,
                    Ptr<const Packet> packet,
                    bool modeled,
                    Ptr<Packet>& inner,
                    uint8_t& nextHeader)
{
    uint32_t payloadLength = 0;
    auto failure = Open(sa, packet, modeled, nextHeader, payloadLength);
    if (failure)
    {
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
    uint32_t payloadLength = 0;
    auto failure = Open(sa, packet, modeled, nextHeader, payloadLength);
    if (failure)
    {
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
