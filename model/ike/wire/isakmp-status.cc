/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "isakmp-status.h"

#include "isakmp-names.h"

namespace ns3
{

IsakmpStatus
IsakmpStatus::Ok()
{
    return IsakmpStatus();
}

IsakmpStatus
IsakmpStatus::Error(IsakmpNotifyType notify, const std::string& message)
{
    IsakmpStatus status;
    status.m_ok = false;
    status.m_notify = notify;
    status.m_message = message;
    return status;
}

bool
IsakmpStatus::IsOk() const
{
    return m_ok;
}

IsakmpStatus::operator bool() const
{
    return m_ok;
}

IsakmpNotifyType
IsakmpStatus::GetNotifyType() const
{
    return m_notify;
}

const std::string&
IsakmpStatus::GetMessage() const
{
    return m_message;
}

IsakmpStatus&
IsakmpStatus::Within(const std::string& context)
{
    if (!m_ok)
    {
        m_message = context + ": " + m_message;
    }
    return *this;
}

std::ostream&
operator<<(std::ostream& os, const IsakmpStatus& status)
{
    if (status.IsOk())
    {
        return os << "ok";
    }
    return os << status.GetMessage() << " [" << IsakmpNotifyTypeToString(status.GetNotifyType())
              << "]";
}

} // namespace ns3
