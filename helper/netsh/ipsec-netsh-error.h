/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef IPSEC_NETSH_ERROR_H
#define IPSEC_NETSH_ERROR_H

#include "ns3/ipsec-config-error.h"

#include <cstdint>
#include <string>

namespace ns3
{

/**
 * \ingroup ipsec
 * \brief A netsh script line that cannot be read or is not modelled.
 *
 * The message reads "line <n>: <command>: <why>", e.g.
 * "line 7: add filter: srcaddr: '10.1.1.300' is not ...". GetField() is "line <n>".
 */
class IpsecNetshError : public IpsecConfigError
{
  public:
    /**
     * \param line the script line (1 = first)
     * \param command the command as netsh names it ("add filter"), or the line's first words
     * \param message what is wrong
     */
    IpsecNetshError(uint32_t line, const std::string& command, const std::string& message)
        : IpsecConfigError("line " + std::to_string(line),
                           (command.empty() ? std::string() : command + ": ") + message),
          m_line(line),
          m_command(command)
    {
    }

    /** \return the script line */
    uint32_t GetLine() const
    {
        return m_line;
    }

    /** \return the command */
    const std::string& GetCommand() const
    {
        return m_command;
    }

  private:
    uint32_t m_line;       //!< script line
    std::string m_command; //!< the command
};

} // namespace ns3

#endif /* IPSEC_NETSH_ERROR_H */
