/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef IPSEC_FUZZ_H
#define IPSEC_FUZZ_H

// A fuzz target of ns3-ipsec: one parser, fed arbitrary bytes. Each target defines the three
// functions below. Built with libFuzzer (clang, -fsanitize=fuzzer) the first is all that is
// used; built with ipsec-fuzz-driver.cc (any compiler, the CI route) the driver runs the seed
// corpus and then mutations of it for a bounded time.

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

/** Feed one input to the parser; a bug aborts (sanitizers, IPSEC_FUZZ_CHECK). \return 0 */
extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size);

/** \return valid inputs made through the library's own API (the driver's --makeSeeds) */
std::vector<std::vector<uint8_t>> IpsecFuzzSeeds();

/** \return words worth inserting whole (keywords of a text format); may be empty */
std::vector<std::string> IpsecFuzzDictionary();

/** Inputs the parser accepted (the driver reports it: proof that the runs reach past the
 * first checks). */
inline uint64_t g_ipsecFuzzAccepted = 0;

/** A property every input must keep: a failure aborts, so the driver saves the input. */
#define IPSEC_FUZZ_CHECK(condition)                                                            \
    do                                                                                         \
    {                                                                                          \
        if (!(condition))                                                                      \
        {                                                                                      \
            std::fprintf(stderr, "%s:%d: property failed: %s\n", __FILE__, __LINE__, #condition); \
            std::abort();                                                                      \
        }                                                                                      \
    } while (false)

#endif /* IPSEC_FUZZ_H */
