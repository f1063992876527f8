/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ipsec-sa-reasons.h"

#include <array>

namespace ns3
{

const std::string&
IpsecSaDeleteReasonToString(IpsecSaDeleteReason reason)
{
    // Strings made once: traces take them by reference, with no copy per event.
    static const std::array<std::string, 9> names{"hard-time",
                                                  "hard-bytes",
                                                  "policy-change",
                                                  "address-change",
                                                  "rekeyed",
                                                  "idle",
                                                  "peer-delete",
                                                  "ike: install failed",
                                                  "manual"};
    return names.at(static_cast<size_t>(reason));
}

std::ostream&
operator<<(std::ostream& os, IpsecSaDeleteReason reason)
{
    return os << IpsecSaDeleteReasonToString(reason);
}

const std::string&
IpsecSaExpiringReasonToString(IpsecSaExpiringReason reason)
{
    static const std::array<std::string, 3> names{"soft-time", "soft-bytes", "seq-overflow"};
    return names.at(static_cast<size_t>(reason));
}

std::ostream&
operator<<(std::ostream& os, IpsecSaExpiringReason reason)
{
    return os << IpsecSaExpiringReasonToString(reason);
}

const std::string&
IpsecSoftSaEndReasonToString(IpsecSoftSaEndReason reason)
{
    static const std::array<std::string, 3> names{"idle", "secured", "address-change"};
    return names.at(static_cast<size_t>(reason));
}

std::ostream&
operator<<(std::ostream& os, IpsecSoftSaEndReason reason)
{
    return os << IpsecSoftSaEndReasonToString(reason);
}

} // namespace ns3
