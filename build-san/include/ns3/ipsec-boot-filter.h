/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef IPSEC_BOOT_FILTER_H
#define IPSEC_BOOT_FILTER_H

#include "ns3/ipsec-drop-reason.h"

#include "ns3/ipsec-boot-config.h"
#include "ns3/nstime.h"
#include "ns3/simulator.h"

#include <set>
#include <tuple>
#include <vector>

namespace ns3
{

/**
 * \ingroup ipsec
 * \brief Start-up filtering (Windows Server 2003, cc783039): what passes
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

    /** \param when the IPsec service applies the policy: start-up filtering ends then */
    void SetPolicyApplyTime(Time when);

    /** \return when the IPsec service applies the policy */
    Time GetPolicyApplyTime() const;

    /** \param safeMode Safe Mode with Networking: start-up filtering never ends */
    void SetSafeMode(bool safeMode);

    /** \return true in Safe Mode */
    bool GetSafeMode() const;

    /**
     * \return true while start-up filtering decides instead of the policy: before the policy
     *         apply time, or always in Safe Mode
     */
    bool IsActive() const
    {
        return m_safeMode || Simulator::Now() < m_policyApplyTime;
    }

    /** What start-up filtering says of a packet. */
    enum Verdict : uint8_t
    {
        BLOCK,              //!< refused
        PASS,               //!< passes
        PASS_AND_REMEMBER,  //!< passes, and its replies are to pass too (see Remember)
    };

    /**
     * \brief Judge one packet (no state changes).
     * \param mode the start-up mode (from the node's OS profile and overrides)
     * \param direction where the packet was met
     * \param selector its selector
     * \return the verdict
     */
    Verdict Judge(IpsecBootMode mode,
                  IpsecDirection direction,
                  const IpsecPacketSelector& selector) const;

    /** \param selector remember a passed packet so that its replies pass */
    void Remember(const IpsecPacketSelector& selector);

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

    std::vector<IpsecBootExemption> m_exemptions; //!< boot exemptions
    std::set<FlowKey> m_flows;                    //!< packets whose replies pass
    Time m_policyApplyTime;                       //!< when the policy takes over
    bool m_safeMode{false};                       //!< the policy never takes over
};

} // namespace ns3

#endif /* IPSEC_BOOT_FILTER_H */
