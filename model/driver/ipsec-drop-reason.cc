/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ipsec-drop-reason.h"

namespace ns3
{

std::string
IpsecDirectionToString(IpsecDirection direction)
{
    switch (direction)
    {
    case IpsecDirection::OUTBOUND:
        return "out";
    case IpsecDirection::INBOUND:
        return "in";
    case IpsecDirection::FORWARD:
        return "fwd";
    }
    return "?";
}

std::string
IpsecDropReasonToString(IpsecDropReason reason)
{
    switch (reason)
    {
    case IpsecDropReason::FILTER_BLOCK:
        return "filter-block";
    case IpsecDropReason::NO_SA:
        return "no-sa";
    case IpsecDropReason::UNPROTECTED:
        return "unprotected";
    case IpsecDropReason::UNKNOWN_SPI:
        return "unknown-spi";
    case IpsecDropReason::BAD_ICV:
        return "bad-icv";
    case IpsecDropReason::REPLAY:
        return "replay";
    case IpsecDropReason::BAD_PADDING:
        return "bad-padding";
    case IpsecDropReason::MALFORMED:
        return "malformed";
    case IpsecDropReason::SA_EXPIRED:
        return "sa-expired";
    case IpsecDropReason::POLICY_MISMATCH:
        return "policy-mismatch";
    case IpsecDropReason::SEQ_OVERFLOW:
        return "seq-overflow";
    case IpsecDropReason::NO_ROUTE:
        return "no-route";
    case IpsecDropReason::NEGOTIATION_QUEUE_FULL:
        return "negotiation-queue-full";
    case IpsecDropReason::NEGOTIATION_FAILED:
        return "negotiation-failed";
    case IpsecDropReason::MULTICAST_NEGOTIATE:
        return "multicast-negotiate";
    case IpsecDropReason::BOOT_BLOCK:
        return "boot-block";
    case IpsecDropReason::UDP_ENCAP_MISMATCH:
        return "udp-encap-mismatch";
    }
    return "?";
}

std::ostream&
operator<<(std::ostream& os, IpsecDropReason reason)
{
    return os << IpsecDropReasonToString(reason);
}

std::ostream&
operator<<(std::ostream& os, IpsecDirection direction)
{
    return os << IpsecDirectionToString(direction);
}

} // namespace ns3
