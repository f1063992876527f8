/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef IPSEC_BOOT_FILTER_H
#define IPSEC_BOOT_FILTER_H

#include "ipsec-drop-reason.h"

#include "ns3/ipsec-boot-config.h"

#include <set>
#include <tuple>
#include <vector>

namespace ns3
{

/**
 * \ingroup ipsec
 * \brief The IPsec driver's start-up filtering (Windows Server 2003, cc783039): what passes
 * before the IPsec service has applied a policy, or for ever in Safe Mode.
 *
 * - permit: everything passes;
 * - stateful: outbound packets pass and are remembered; an arriving packet passes when it is
 *   the reply to one (addresses, protocol and both ports swapped), DHCP, or covered by a boot
 *   exemption;
 * - block: only DHCP and boot exemptions pass, and the replies to packets a boot exemption let
 *   through (an inbound exemption for TCP 3389 is useless if the answers cannot leave).
 *
 * Forwarded packets are arriving traffic here: they pass only as DHCP, an inbound exemption or
 * a reply. DHCP is UDP between ports 67 and 68, either way.
 */
class IpsecBootFilter
{
  public:
    /**
     * \param exemptions replace every earlier exemption
     */
    void SetExemptions(std::vector<IpsecBootExemption> exemptions);

    /** \return the boot exemptions */
    const std::vector<IpsecBootExemption>& GetExemptions() const;

    /**
     * \brief Decide one packet, remembering what its replies may be.
     * \param mode the start-up mode (the driver resolves it from its OS profile and overrides)
     * \param direction where the packet was met
     * \param selector its selector
     * \return true if it passes
     */
    bool Decide(IpsecBootMode mode, IpsecDirection direction, const IpsecPacketSelector& selector);

    /** Forget every remembered flow (the policy has taken over). */
    void ForgetFlows();

    /** \return the number of flows whose replies would pass */
    size_t GetNFlows() const;

    /**
     * \param selector a packet's selector
     * \return true for DHCP (UDP between ports 67 and 68)
     */
    static bool IsDhcp(const IpsecPacketSelector& selector);

  private:
    /** (source, destination, protocol, source port, destination port) of a passed packet. */
    using FlowKey = std::tuple<uint32_t, uint32_t, uint8_t, uint16_t, uint16_t>;

    /**
     * \param selector a packet
     * \return true if it answers a remembered flow
     */
    bool IsReply(const IpsecPacketSelector& selector) const;

    /** \param selector remember a passed packet so that its replies pass */
    void Remember(const IpsecPacketSelector& selector);

    std::vector<IpsecBootExemption> m_exemptions;     //!< boot exemptions
    std::set<FlowKey> m_flows;                        //!< packets whose replies pass
};

} // namespace ns3

#endif /* IPSEC_BOOT_FILTER_H */
