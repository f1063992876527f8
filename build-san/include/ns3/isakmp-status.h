/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef ISAKMP_STATUS_H
#define ISAKMP_STATUS_H

#include "ns3/isakmp-numbers.h"

#include <ostream>
#include <string>

namespace ns3
{

/**
 * \ingroup ipsec
 * \brief Outcome of serializing or parsing: success, or an error message naming the place
 * (payload, proposal, transform, attribute) plus the notify type RFC 2408 section 5 would
 * send back for it.
 */
class [[nodiscard]] IsakmpStatus
{
  public:
    /** Success. */
    IsakmpStatus() = default;

    /** \return success */
    static IsakmpStatus Ok();
    /**
     * \param notify the matching notify type (PAYLOAD_MALFORMED, INVALID_PAYLOAD_TYPE, ...)
     * \param message what is wrong
     * \return an error
     */
    static IsakmpStatus Error(IsakmpNotifyType notify, const std::string& message);

    /** \return true on success */
    bool IsOk() const;
    /** \return true on success */
    explicit operator bool() const;
    /** \return the notify type for the error (NONE on success) */
    IsakmpNotifyType GetNotifyType() const;
    /** \return the error message (empty on success) */
    const std::string& GetMessage() const;
    /**
     * \brief Prefix the message with where the error happened ("SA payload: ...").
     * \param context the enclosing element
     * \return this status
     */
    IsakmpStatus& Within(const std::string& context);

  private:
    bool m_ok{true};                                   //!< success
    IsakmpNotifyType m_notify{IsakmpNotifyType::NONE}; //!< notify type for the error
    std::string m_message;                             //!< error message
};

/**
 * \param os output stream
 * \param status a status
 * \return os, with "ok" or the error and its notify type
 */
std::ostream& operator<<(std::ostream& os, const IsakmpStatus& status);

} // namespace ns3

#endif /* ISAKMP_STATUS_H */
