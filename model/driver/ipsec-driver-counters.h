/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef IPSEC_DRIVER_COUNTERS_H
#define IPSEC_DRIVER_COUNTERS_H

#include "ipsec-drop-reason.h"

#include "ns3/ipsec-exemptions.h"

#include <array>
#include <cstdint>

namespace ns3
{

/**
 * \ingroup ipsec
 * \brief Per-node counters of the IPsec driver.
 */
struct IpsecDriverCounters
{
    std::array<uint64_t, IPSEC_DIRECTION_COUNT> permitted{}; //!< passed in the clear
    /** Sent or received under an SA. */
    std::array<uint64_t, IPSEC_DIRECTION_COUNT> protectedPackets{};
    std::array<uint64_t, IPSEC_DIRECTION_COUNT> dropped{};    //!< dropped, per direction
    std::array<uint64_t, IPSEC_DROP_REASON_COUNT> dropsByReason{}; //!< dropped, per reason
    std::array<uint64_t, IPSEC_DIRECTION_COUNT> exempt{}; //!< passed by a default exemption
    std::array<uint64_t, IPSEC_EXEMPTION_KIND_COUNT> exemptByKind{}; //!< exempt, per kind
    std::array<uint64_t, IPSEC_DIRECTION_COUNT> bootPassed{}; //!< passed by the start-up mode
    std::array<uint64_t, IPSEC_DIRECTION_COUNT> clearBySoftSa{}; //!< in the clear by a soft SA
    uint64_t passthrough{0}; //!< clear packets accepted by an inbound-passthrough filter
    uint64_t natKeepalivesSent{0};     //!< NAT-keepalives sent (RFC 3948 2.3)
    uint64_t natKeepalivesReceived{0}; //!< NAT-keepalives received and discarded

    /**
     * \param reason a reason
     * \return packets dropped for it
     */
    uint64_t Dropped(IpsecDropReason reason) const
    {
        return dropsByReason[static_cast<size_t>(reason)];
    }

    /**
     * \param direction a direction
     * \return packets permitted in the clear in it
     */
    uint64_t Permitted(IpsecDirection direction) const
    {
        return permitted[static_cast<size_t>(direction)];
    }

    /**
     * \param direction a direction
     * \return packets passed by a default exemption in it
     */
    uint64_t Exempt(IpsecDirection direction) const
    {
        return exempt[static_cast<size_t>(direction)];
    }

    /**
     * \param kind an exemption kind
     * \return packets passed by that default exemption, all directions
     */
    uint64_t Exempt(IpsecExemptionKind kind) const
    {
        return exemptByKind[static_cast<size_t>(kind)];
    }

    /**
     * \param direction a direction
     * \return packets the start-up mode let through in it (before the policy applied)
     */
    uint64_t BootPassed(IpsecDirection direction) const
    {
        return bootPassed[static_cast<size_t>(direction)];
    }

    /**
     * \param direction a direction (OUTBOUND counts forwarded packets sent into a tunnel too)
     * \return packets protected in it
     */
    uint64_t Protected(IpsecDirection direction) const
    {
        return protectedPackets[static_cast<size_t>(direction)];
    }
};

} // namespace ns3

#endif /* IPSEC_DRIVER_COUNTERS_H */
