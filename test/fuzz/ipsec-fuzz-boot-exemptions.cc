/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// Fuzz target: the value of netsh's `bootexemptions` (IpsecParseBootExemptions). Properties:
// bad text is refused with IpsecConfigError only; what parses prints as text that parses into
// the same exemptions.

#include "ipsec-fuzz.h"

#include "ns3/ipsec-boot-config.h"
#include "ns3/ipsec-config-error.h"

using namespace ns3;

extern "C" int
LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    std::string text(reinterpret_cast<const char*>(data), size);
    std::vector<IpsecBootExemption> exemptions;
    try
    {
        exemptions = IpsecParseBootExemptions(text);
    }
    catch (const IpsecConfigError&)
    {
        return 0;
    }
    ++g_ipsecFuzzAccepted;
    std::string once = IpsecBootExemptionsToString(exemptions);
    std::vector<IpsecBootExemption> again;
    try
    {
        again = IpsecParseBootExemptions(once);
    }
    catch (const IpsecConfigError& e)
    {
        std::fprintf(stderr, "printed exemptions do not parse: %s: %s\n", once.c_str(), e.what());
        IPSEC_FUZZ_CHECK(false);
    }
    IPSEC_FUZZ_CHECK(again == exemptions);
    IPSEC_FUZZ_CHECK(IpsecBootExemptionsToString(again) == once);
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
    return {"TCP", "UDP", "ICMP", "tcp", "any", "inbound", "outbound", "none", ":", " ", "3389",
            "65535", "0", "256", "47"};
}
