/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef IPSEC_SWEEP_ERROR_H
#define IPSEC_SWEEP_ERROR_H

#include <stdexcept>
#include <string>

namespace ns3
{

/**
 * \brief Bad input to the sweep merge (a malformed CSV, a missing run file, runs that do not
 * fit together). The message names the file, line or column.
 */
class IpsecSweepError : public std::runtime_error
{
  public:
    /** \param message what is wrong, naming where */
    explicit IpsecSweepError(const std::string& message)
        : std::runtime_error(message)
    {
    }
};

} // namespace ns3

#endif /* IPSEC_SWEEP_ERROR_H */
