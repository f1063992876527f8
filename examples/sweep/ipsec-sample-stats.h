/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef IPSEC_SAMPLE_STATS_H
#define IPSEC_SAMPLE_STATS_H

// Statistics of independent runs (one value per seed): mean and the half-width of the 95%
// confidence interval of the mean, Student t with n-1 degrees of freedom. See doc/sweeps.md.

#include <cstdint>
#include <string>
#include <vector>

namespace ns3
{

/** \brief Mean and 95% confidence interval of a sample. */
struct IpsecSampleStats
{
    uint32_t n{0};  //!< number of values
    double mean{0}; //!< arithmetic mean (NaN when n is 0)
    double ci95{0}; //!< half-width: t(0.975, n-1) * s / sqrt(n) (NaN when n < 2)
};

/**
 * \param p a probability in (0, 1)
 * \param degreesOfFreedom at least 1
 * \return the p-quantile of Student's t distribution (GSL's gsl_cdf_tdist_Pinv)
 */
double IpsecStudentTQuantile(double p, uint32_t degreesOfFreedom);

/**
 * \param values one value per run
 * \return n, the mean and the 95% confidence half-width (sample standard deviation with n-1)
 */
IpsecSampleStats IpsecComputeSampleStats(const std::vector<double>& values);

/**
 * \param value a number
 * \return its text with 10 significant digits, the same on every machine; empty for NaN
 */
std::string IpsecFormatNumber(double value);

/**
 * \param text a CSV cell
 * \param[out] value the number
 * \return true if \p text is a whole finite decimal number (no spaces, no "nan" or "inf")
 */
bool IpsecParseNumber(const std::string& text, double& value);

} // namespace ns3

#endif /* IPSEC_SAMPLE_STATS_H */
