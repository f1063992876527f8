/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef IPSEC_CONFIG_ERROR_H
#define IPSEC_CONFIG_ERROR_H

#include <stdexcept>
#include <string>

namespace ns3
{

/**
 * \ingroup ipsec
 * \brief Raised for invalid IPsec configuration; the message starts with the offending field.
 *
 * Configuration mistakes are user input, so they are reported as a catchable error instead of
 * aborting the simulation: scripts and tests can show or check the message.
 */
class IpsecConfigError : public std::invalid_argument
{
  public:
    /**
     * \param field the name of the offending field (e.g. "destination", "protocol")
     * \param message what is wrong with it
     */
    IpsecConfigError(const std::string& field, const std::string& message)
        : std::invalid_argument(field + ": " + message),
          m_field(field)
    {
    }

    /**
     * \brief Make the error from a validation message of the form "field: message".
     * \param error the message
     * \return the error
     */
    static IpsecConfigError FromMessage(const std::string& error)
    {
        size_t colon = error.find(':');
        if (colon == std::string::npos)
        {
            return IpsecConfigError("", error);
        }
        return IpsecConfigError(error.substr(0, colon), error.substr(colon + 2));
    }

    /** \return the name of the offending field */
    const std::string& GetField() const
    {
        return m_field;
    }

  private:
    std::string m_field; //!< offending field
};

} // namespace ns3

#endif /* IPSEC_CONFIG_ERROR_H */
