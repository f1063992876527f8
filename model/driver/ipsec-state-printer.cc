/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ipsec-state-printer.h"

#include "ipsec-driver.h"

#include "ns3/ike-service.h"

namespace ns3
{

void
IpsecStatePrinter::PrintFilters(std::ostream& os, const IpsecSpd& spd)
{
    spd.Print(os);
}

void
IpsecStatePrinter::PrintSas(std::ostream& os, const IpsecSad& sad)
{
    for (const auto& sa : sad.GetAll())
    {
        sa->Print(os);
        os << "\n";
    }
    if (sad.GetN() == 0)
    {
        os << "  (no security associations)\n";
    }
}

void
IpsecStatePrinter::PrintNode(std::ostream& os, uint32_t nodeId, const IpsecDriver& driver)
{
    os << "node " << nodeId << " IPsec filters (evaluation order):\n";
    PrintFilters(os, driver.GetSpd());
    const IpsecDriverCounters& c = driver.GetCounters();
    os << "node " << nodeId << " counters: clear out/in/fwd "
       << c.Permitted(IpsecDirection::OUTBOUND) << "/" << c.Permitted(IpsecDirection::INBOUND)
       << "/" << c.Permitted(IpsecDirection::FORWARD) << ", protected out/in "
       << c.Protected(IpsecDirection::OUTBOUND) << "/" << c.Protected(IpsecDirection::INBOUND)
       << ", dropped";
    uint64_t dropped = 0;
    for (size_t r = 0; r < IPSEC_DROP_REASON_COUNT; ++r)
    {
        if (c.dropsByReason[r] != 0)
        {
            os << " " << IpsecDropReasonToString(static_cast<IpsecDropReason>(r)) << "="
               << c.dropsByReason[r];
            dropped += c.dropsByReason[r];
        }
    }
    os << (dropped == 0 ? " none\n" : "\n");
    os << "node " << nodeId << " windows: profile " << driver.GetOsProfile()
       << ", default exemptions " << driver.GetDefaultExemptions() << ", start-up mode "
       << IpsecBootModeToString(driver.GetBootMode())
       << (driver.IsBootFilterActive() ? " (active)" : " (policy applied)")
       << ", boot exemptions " << driver.GetBootExemptions() << "; exempt out/in/fwd "
       << c.Exempt(IpsecDirection::OUTBOUND) << "/" << c.Exempt(IpsecDirection::INBOUND) << "/"
       << c.Exempt(IpsecDirection::FORWARD) << "\n";
    if (driver.GetNDroppedFilters() != 0)
    {
        os << "node " << nodeId << " filters dropped (the OS profile does not support them): "
           << driver.GetNDroppedFilters() << "\n";
    }
    os << "node " << nodeId << " security associations:\n";
    PrintSas(os, driver.GetSad());
}

void
IpsecStatePrinter::PrintIkeFailures(std::ostream& os, uint32_t nodeId, const IkeCounters& counters)
{
    if (counters.mainModeFailed == 0)
    {
        return;
    }
    os << "node " << nodeId << " IKE: main mode failures " << counters.mainModeFailed << " (";
    bool first = true;
    for (size_t r = 0; r < IKE_FAILURE_REASON_COUNT; ++r)
    {
        if (counters.mainModeFailedByReason[r] != 0)
        {
            os << (first ? "" : ", ")
               << IkeFailureReasonToString(static_cast<IkeFailureReason>(r)) << "="
               << counters.mainModeFailedByReason[r];
            first = false;
        }
    }
    os << "); authentication failures " << counters.authenticationFailed;
    if (counters.authenticationFailed != 0)
    {
        os << " (";
        first = true;
        for (const auto& [reason, count] : counters.authenticationFailedByReason)
        {
            os << (first ? "" : ", ") << reason << "=" << count;
            first = false;
        }
        os << ")";
    }
    os << "\n";
}

} // namespace ns3
