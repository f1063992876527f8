/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef NAPT_COUNTERS_H
#define NAPT_COUNTERS_H

#include "napt-drop-reason.h"

#include <array>
#include <cstdint>

namespace ns3
{

/**
 * \ingroup ipsec
 * \brief Counters of a NAPT (NaptTranslator::GetCounters); the live bindings are
 * NaptTranslator::GetNBindings.
 */
struct NaptCounters
{
    uint64_t translatedOut{0};   //!< packets translated on their way out
    uint64_t translatedIn{0};    //!< packets translated on their way in
    uint64_t bindingsCreated{0}; //!< bindings made
    uint64_t bindingsExpired{0}; //!< bindings that timed out (and were freed)
    std::array<uint64_t, NAPT_DROP_REASON_COUNT> dropsByReason{}; //!< dropped, per reason

    /**
     * \param reason a reason
     * \return packets dropped for it
     */
    uint64_t Dropped(NaptDropReason reason) const
    {
        return dropsByReason[static_cast<size_t>(reason)];
    }

    /** \return packets dropped for any reason */
    uint64_t DroppedTotal() const
    {
        uint64_t total = 0;
        for (uint64_t n : dropsByReason)
        {
            total += n;
        }
        return total;
    }
};

} // namespace ns3

#endif /* NAPT_COUNTERS_H */
