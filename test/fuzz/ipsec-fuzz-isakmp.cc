/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// Fuzz target: ISAKMP messages (RFC 2408) and payload chains, as IKE reads them off UDP 500.
// Property: a message that parses serializes, and what it serializes to parses into the same
// bytes again.

#include "ipsec-fuzz.h"

#include "ns3/isakmp-message.h"
#include "ns3/isakmp-payloads.h"

using namespace ns3;

extern "C" int
LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    IsakmpMessage message;
    if (message.Parse(data, size))
    {
        ++g_ipsecFuzzAccepted;
        std::vector<uint8_t> once;
        IPSEC_FUZZ_CHECK(message.Serialize(once));
        IsakmpMessage again;
        IPSEC_FUZZ_CHECK(again.Parse(once));
        std::vector<uint8_t> twice;
        IPSEC_FUZZ_CHECK(again.Serialize(twice));
        IPSEC_FUZZ_CHECK(once == twice);
    }
    // The decrypted body of an encrypted message is a bare payload chain: the first byte
    // picks its first payload type, the rest is the chain.
    if (size > 0)
    {
        std::vector<IsakmpPayload> payloads;
        size_t consumed = 0;
        if (IsakmpMessage::ParsePayloadChain(static_cast<IsakmpPayloadType>(data[0]),
                                             data + 1,
                                             size - 1,
                                             payloads,
                                             &consumed))
        {
            IPSEC_FUZZ_CHECK(consumed <= size - 1);
            std::vector<uint8_t> chain;
            IPSEC_FUZZ_CHECK(IsakmpMessage::SerializePayloadChain(payloads, chain));
        }
    }
    return 0;
}

std::vector<std::vector<uint8_t>>
IpsecFuzzSeeds()
{
    // The committed corpus holds real messages taken from the examples' captures
    // (doc/robustness.md); nothing to make here.
    return {};
}

std::vector<std::string>
IpsecFuzzDictionary()
{
    return {};
}
