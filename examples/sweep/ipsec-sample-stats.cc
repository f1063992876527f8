/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ipsec-sample-stats.h"

#include <charconv>
#include <cmath>
#include <gsl/gsl_cdf.h>
#include <iomanip>
#include <limits>
#include <sstream>
#include <stdexcept>

namespace ns3
{

double
IpsecStudentTQuantile(double p, uint32_t degreesOfFreedom)
{
    if (!(p > 0 && p < 1) || degreesOfFreedom == 0)
    {
        throw std::invalid_argument("Student t quantile: p must be in (0, 1) and the degrees of "
                                    "freedom at least 1");
    }
    return gsl_cdf_tdist_Pinv(p, degreesOfFreedom);
}

IpsecSampleStats
IpsecComputeSampleStats(const std::vector<double>& values)
{
    IpsecSampleStats stats;
    stats.n = static_cast<uint32_t>(values.size());
    const double nan = std::numeric_limits<double>::quiet_NaN();
    stats.mean = nan;
    stats.ci95 = nan;
    if (values.empty())
    {
        return stats;
    }
    double sum = 0;
    for (double v : values)
    {
        sum += v;
    }
    stats.mean = sum / stats.n;
    if (stats.n < 2)
    {
        return stats;
    }
    // Two passes: the squared deviations from the mean, not sum(x^2) - n*mean^2, which loses
    // the digits of samples with a large mean and a small spread.
    double squares = 0;
    for (double v : values)
    {
        squares += (v - stats.mean) * (v - stats.mean);
    }
    double sd = std::sqrt(squares / (stats.n - 1));
    stats.ci95 = IpsecStudentTQuantile(0.975, stats.n - 1) * sd / std::sqrt(stats.n);
    return stats;
}

std::string
IpsecFormatNumber(double value)
{
    if (std::isnan(value))
    {
        return "";
    }
    std::ostringstream os;
    os.imbue(std::locale::classic());
    os << std::setprecision(10) << value;
    return os.str();
}

bool
IpsecParseNumber(const std::string& text, double& value)
{
    if (text.empty())
    {
        return false;
    }
    const char* end = text.data() + text.size();
    auto [ptr, ec] = std::from_chars(text.data(), end, value);
    return ec == std::errc() && ptr == end && std::isfinite(value);
}

} // namespace ns3
