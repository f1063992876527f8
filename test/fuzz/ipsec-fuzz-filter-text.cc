/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// Fuzz target: the netsh-like filter text (IpsecFilter::Parse). Properties: bad text is refused
// with IpsecConfigError only (any other exception ends the run); a filter that parses prints
// as text that parses into the same filter text again.

#include "ipsec-fuzz.h"

#include "ns3/ipsec-config-error.h"
#include "ns3/ipsec-filter.h"

using namespace ns3;

extern "C" int
LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    std::string text(reinterpret_cast<const char*>(data), size);
    IpsecFilter filter;
    try
    {
        filter = IpsecFilter::Parse(text);
    }
    catch (const IpsecConfigError&)
    {
        return 0;
    }
    ++g_ipsecFuzzAccepted;
    std::string once = filter.ToString();
    IpsecFilter again;
    try
    {
        again = IpsecFilter::Parse(once);
    }
    catch (const IpsecConfigError& e)
    {
        std::fprintf(stderr, "printed filter does not parse: %s: %s\n", once.c_str(), e.what());
        IPSEC_FUZZ_CHECK(false);
    }
    IPSEC_FUZZ_CHECK(again.ToString() == once);
    return 0;
}

std::vector<std::vector<uint8_t>>
IpsecFuzzSeeds()
{
    return {}; // the committed corpus holds hand-written valid and invalid texts
}

std::vector<std::string>
IpsecFuzzDictionary()
{
    return {"srcaddr=", "dstaddr=", "srcmask=", "dstmask=", "protocol=", "srcport=",
            "dstport=", "mirrored=", "action=", "tunnel=", "description=", "me", "any",
            "tcp", "udp", "icmp", "yes", "no", "permit", "block", "negotiate", "dns", "wins",
            "dhcp", "gateway", "10.1.2.0/24", "255.255.255.0", "0.0.0.0", "65535", " ", "\"",
            "="};
}
