/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef IPSEC_TEST_RANDOM_H
#define IPSEC_TEST_RANDOM_H

// Fixed random streams for the tests that draw keys, nonces and certificates, so each test
// draws the same bytes every run whatever ran before it.

#include "ns3/core-module.h"

#include <cstdint>

namespace ns3
{
namespace test
{

/**
 * \param number the stream
 * \return a random variable on that fixed stream
 */
inline Ptr<UniformRandomVariable>
Stream(int64_t number)
{
    auto v = CreateObject<UniformRandomVariable>();
    v->SetStream(number);
    return v;
}

/** Sets seed and run for one test and puts the previous ones back afterwards. */
class SeedGuard
{
  public:
    /**
     * \param seed the seed for the test
     * \param run the run for the test
     */
    SeedGuard(uint32_t seed, uint64_t run)
        : m_seed(RngSeedManager::GetSeed()),
          m_run(RngSeedManager::GetRun())
    {
        RngSeedManager::SetSeed(seed);
        RngSeedManager::SetRun(run);
    }

    ~SeedGuard()
    {
        RngSeedManager::SetSeed(m_seed);
        RngSeedManager::SetRun(m_run);
    }

  private:
    uint32_t m_seed; //!< the seed before
    uint64_t m_run;  //!< the run before
};

} // namespace test
} // namespace ns3

#endif /* IPSEC_TEST_RANDOM_H */
