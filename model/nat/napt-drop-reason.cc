/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "napt-drop-reason.h"

namespace ns3
{

std::string
NaptDirectionToString(NaptDirection direction)
{
    switch (direction)
    {
    case NaptDirection::OUTBOUND:
        return "out";
    case NaptDirection::INBOUND:
        return "in";
    }
    return "?";
}

std::string
NaptDropReasonToString(NaptDropReason reason)
{
    switch (reason)
    {
    case NaptDropReason::NO_BINDING:
        return "no-binding";
    case NaptDropReason::FRAGMENT:
        return "fragment";
    case NaptDropReason::UNSUPPORTED_PROTOCOL:
        return "unsupported-protocol";
    case NaptDropReason::PORTS_EXHAUSTED:
        return "ports-exhausted";
    case NaptDropReason::MALFORMED:
        return "malformed";
    }
    return "?";
}

std::ostream&
operator<<(std::ostream& os, NaptDirection direction)
{
    return os << NaptDirectionToString(direction);
}

std::ostream&
operator<<(std::ostream& os, NaptDropReason reason)
{
    return os << NaptDropReasonToString(reason);
}

} // namespace ns3
