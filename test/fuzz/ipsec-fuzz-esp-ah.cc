/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// Fuzz target: ESP and AH input under a known SA, as IpsecInboundProtocol hands them over after
// the SPI lookup. The first byte picks the SA (cipher, integrity, mode, real or modeled crypto);
// the rest is the packet after the IPv4 header. Modeled SAs take every ICV as good, so their
// inputs reach the padding, next-header and inner-header checks. Properties: a packet is either
// refused with a reason or yields a smaller payload; SPI and sequence are read from any bytes.

#include "ipsec-fuzz.h"

#include "ns3/ipsec-ah.h"
#include "ns3/ipsec-esp.h"
#include "ns3/ipsec-sa.h"
#include "ns3/ipv4-header.h"
#include "ns3/nstime.h"
#include "ns3/packet.h"

#include <array>

using namespace ns3;

namespace
{

/** One SA the fuzzer can pick. */
struct FuzzSa
{
    IpsecSaConfig config;
    bool modeled;
};

std::vector<uint8_t>
Key(size_t length, uint8_t first)
{
    std::vector<uint8_t> key(length);
    for (size_t i = 0; i < length; ++i)
    {
        key[i] = static_cast<uint8_t>(first + i);
    }
    return key;
}

const std::vector<FuzzSa>&
FuzzSas()
{
    static const std::vector<FuzzSa> sas = [] {
        auto make = [](IpsecProtocol protocol,
                       IpsecMode mode,
                       IpsecEncryption encryption,
                       size_t keyLength,
                       IpsecIntegrity integrity,
                       size_t integrityKeyLength,
                       bool modeled) {
            FuzzSa s;
            s.config.spi = 0x1000;
            s.config.protocol = protocol;
            s.config.mode = mode;
            s.config.encryption = encryption;
            s.config.integrity = integrity;
            s.config.source = Ipv4Address("10.1.1.1");
            s.config.destination = Ipv4Address("10.1.1.2");
            s.config.encryptionKey = Key(keyLength, 0x10);
            s.config.integrityKey = Key(integrityKeyLength, 0x80);
            s.modeled = modeled;
            return s;
        };
        using P = IpsecProtocol;
        using M = IpsecMode;
        using E = IpsecEncryption;
        using I = IpsecIntegrity;
        return std::vector<FuzzSa>{
            make(P::ESP, M::TRANSPORT, E::AES_CBC_128, 16, I::HMAC_SHA1_96, 20, false),
            make(P::ESP, M::TRANSPORT, E::AES_GCM_128, 20, I::NONE, 0, false),
            make(P::ESP, M::TRANSPORT, E::TRIPLE_DES_CBC, 24, I::HMAC_SHA1_96, 20, true),
            make(P::ESP, M::TUNNEL, E::AES_CBC_128, 16, I::HMAC_SHA256_128, 32, true),
            make(P::ESP, M::TRANSPORT, E::NULL_ENC, 0, I::HMAC_MD5_96, 16, true),
            make(P::AH, M::TRANSPORT, E::NULL_ENC, 0, I::HMAC_SHA1_96, 20, false),
            make(P::AH, M::TUNNEL, E::NULL_ENC, 0, I::HMAC_SHA256_128, 32, true),
        };
    }();
    return sas;
}

/** The outer header an AH packet of \p size bytes arrives with (the same for the seeds). */
Ipv4Header
OuterHeader(const IpsecSaConfig& config, uint32_t size)
{
    Ipv4Header h;
    h.SetSource(config.source);
    h.SetDestination(config.destination);
    h.SetTtl(64);
    h.SetIdentification(7);
    h.SetProtocol(static_cast<uint8_t>(IpsecProtocol::AH));
    h.SetPayloadSize(size);
    return h;
}

} // namespace

extern "C" int
LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    if (size == 0)
    {
        return 0;
    }
    const FuzzSa& pick = FuzzSas()[data[0] % FuzzSas().size()];
    static std::vector<Ptr<IpsecSa>> inbound;
    if (inbound.empty())
    {
        for (const FuzzSa& s : FuzzSas())
        {
            inbound.push_back(Create<IpsecSa>(s.config, true, Seconds(0)));
        }
    }
    const IpsecSa& sa = *inbound[data[0] % FuzzSas().size()];
    Ptr<Packet> packet = Create<Packet>(data + 1, static_cast<uint32_t>(size - 1));
    uint32_t spi = 0;
    uint32_t seq = 0;
    uint8_t nextHeader = 0;
    if (pick.config.protocol == IpsecProtocol::ESP)
    {
        IpsecEsp::PeekSpi(packet, spi, seq);
        uint32_t before = packet->GetSize();
        if (!IpsecEsp::UnprotectInPlace(sa, packet, pick.modeled, nextHeader))
        {
            ++g_ipsecFuzzAccepted;
            IPSEC_FUZZ_CHECK(packet->GetSize() < before);
        }
        else
        {
            IPSEC_FUZZ_CHECK(packet->GetSize() == before); // unchanged for the drop trace
        }
        return 0;
    }
    IpsecAh::PeekSpi(packet, spi, seq);
    Ptr<Packet> inner;
    Ipv4Header outer = OuterHeader(pick.config, packet->GetSize());
    if (!IpsecAh::Unprotect(sa, packet, outer, pick.modeled, inner, nextHeader))
    {
        ++g_ipsecFuzzAccepted;
        IPSEC_FUZZ_CHECK(inner && inner->GetSize() < packet->GetSize());
    }
    return 0;
}

std::vector<std::vector<uint8_t>>
IpsecFuzzSeeds()
{
    // For every SA, packets it protects: payloads of several sizes (tunnel mode: an IPv4
    // packet), sequence numbers 1 and 2.
    std::vector<std::vector<uint8_t>> seeds;
    for (size_t index = 0; index < FuzzSas().size(); ++index)
    {
        const FuzzSa& s = FuzzSas()[index];
        Ptr<IpsecSa> outbound = Create<IpsecSa>(s.config, false, Seconds(0));
        uint32_t seq = 0;
        for (uint32_t payloadSize : {0u, 1u, 15u, 100u})
        {
            Ptr<Packet> content = Create<Packet>(payloadSize);
            uint8_t nextHeader = 17;
            if (s.config.mode == IpsecMode::TUNNEL)
            {
                Ipv4Header inner;
                inner.SetSource(Ipv4Address("10.2.0.1"));
                inner.SetDestination(Ipv4Address("10.1.0.1"));
                inner.SetProtocol(17);
                inner.SetPayloadSize(payloadSize);
                content->AddHeader(inner);
                nextHeader = 4;
            }
            Ptr<Packet> wire;
            if (s.config.protocol == IpsecProtocol::ESP)
            {
                wire = IpsecEsp::Protect(*outbound, ++seq, content, nextHeader, s.modeled);
            }
            else
            {
                wire = content->Copy();
                Ipv4Header outer = OuterHeader(
                    s.config,
                    content->GetSize() + IpsecAh::GetOverhead(*outbound));
                IpsecAh::Protect(*outbound, ++seq, wire, nextHeader, outer, s.modeled);
            }
            std::vector<uint8_t> seed(1 + wire->GetSize());
            seed[0] = static_cast<uint8_t>(index);
            wire->CopyData(seed.data() + 1, wire->GetSize());
            seeds.push_back(seed);
        }
    }
    return seeds;
}

std::vector<std::string>
IpsecFuzzDictionary()
{
    return {};
}
