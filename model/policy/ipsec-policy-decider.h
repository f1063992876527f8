/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef IPSEC_POLICY_DECIDER_H
#define IPSEC_POLICY_DECIDER_H

#include "ipsec-boot-filter.h"
#include "ipsec-exemptions.h"
#include "ipsec-host-config.h"
#include "ipsec-os-profile-config.h"
#include "ipsec-spd.h"

#include "ns3/ipsec-sa-manager.h"

namespace ns3
{

/**
 * \ingroup ipsec
 * \brief What the policy says of a clear packet (IpsecPolicyDecider's answer).
 */
struct IpsecPolicyVerdict
{
    /** The outcomes, in the order the decision is made. */
    enum Kind : uint8_t
    {
        BOOT_PASS,           //!< start-up filtering passes it (rememberFlow: its replies too)
        BOOT_BLOCK,          //!< start-up filtering refuses it (boot-block)
        EXEMPT,              //!< a default exemption covers it (exemption)
        PERMIT,              //!< no filter matches (entry null), or a Permit filter does
        BLOCK,               //!< a Block filter matches (filter-block)
        GROUP_NEGOTIATE,     //!< a multicast or broadcast packet matches Negotiate
        CLEAR_BY_SOFT_SA,    //!< Negotiate, no SA, but a soft SA with peer lets it pass clear
        PROTECT,             //!< outbound Negotiate: protect under sa
        NEGOTIATE,           //!< outbound Negotiate, no SA: key management is to negotiate
        NO_SA,               //!< outbound Negotiate, no SA and nobody to negotiate one (no-sa)
        TRANSPORT_FORWARDED, //!< a forwarded packet met a transport-mode SA (policy-mismatch)
        PASSTHROUGH,         //!< inbound Negotiate accepting clear packets (passthrough)
        UNPROTECTED,         //!< inbound clear packet under Negotiate (unprotected)
    };

    Kind kind{PERMIT};                  //!< the outcome
    bool rememberFlow{false};           //!< BOOT_PASS: remember it, its replies pass too
    IpsecExemptionKind exemption{};     //!< EXEMPT: the exemption
    const IpsecSpdEntry* entry{nullptr}; //!< the filter that decided, if any
    Ipv4Address peer;                   //!< Negotiate: the peer (destination or tunnel end)
    Ptr<IpsecSa> sa;                    //!< PROTECT: the SA to use

    /** \return the deciding filter's id, 0 when none */
    uint32_t FilterId() const
    {
        return entry ? entry->id : 0;
    }
};

/**
 * \brief Print a verdict's kind as the logs show it ("protect", "negotiate"...).
 * \param os the stream
 * \param kind the kind
 * \return os
 */
std::ostream& operator<<(std::ostream& os, IpsecPolicyVerdict::Kind kind);

/**
 * \ingroup ipsec
 * \brief The policy decision (RFC 4301's SPD processing, with Windows' start-up filtering,
 * default exemptions and soft SAs in front): given a packet's selector and where it was met, it
 * says what should happen. It changes nothing: the caller (IpsecDriver) counts, traces,
 * remembers start-up flows, marks soft SAs used and spends on SAs afterwards.
 *
 * Order: start-up filtering while it is active (it alone decides), default exemptions, then the
 * SPD; for Negotiate, the SAD (through the SA manager), then a soft SA, then key management.
 */
class IpsecPolicyDecider
{
  public:
    /**
     * \param spd the policy
     * \param os the Windows settings (exemptions, start-up mode)
     * \param boot start-up filtering
     * \param host the host's addresses (broadcast and group receivers)
     * \param sas the SA state (SAs, soft SAs, whether a key manager exists)
     */
    IpsecPolicyDecider(const IpsecSpd& spd,
                       const IpsecOsProfileConfig& os,
                       const IpsecBootFilter& boot,
                       const IpsecHostConfig& host,
                       const IpsecSaManager& sas);

    /**
     * \brief Decide an outbound or forwarded clear packet.
     * \param direction OUTBOUND or FORWARD
     * \param selector its selector
     * \return the verdict
     */
    IpsecPolicyVerdict DecideOutbound(IpsecDirection direction,
                                      const IpsecPacketSelector& selector) const;

    /**
     * \brief Decide a packet that arrived in the clear for local delivery.
     * \param selector its selector
     * \return the verdict (never PROTECT, NEGOTIATE, NO_SA or TRANSPORT_FORWARDED)
     */
    IpsecPolicyVerdict DecideInboundClear(const IpsecPacketSelector& selector) const;

    /**
     * \brief Check a decrypted packet against the policy that should have protected it.
     * \param filterId the filter its SA serves
     * \param inner its selector
     * \param entry set to the filter that matches it, or nullptr
     * \return true if that filter is the SA's
     */
    bool AllowsDecrypted(uint32_t filterId,
                         const IpsecPacketSelector& inner,
                         const IpsecSpdEntry*& entry) const
    {
        // The policy that should have protected the packet must be the one the SA serves.
        entry = m_spd.Lookup(inner);
        return entry && entry->id == filterId;
    }

  private:
    /**
     * \brief DecideOutbound's steps (it logs their outcome).
     * \param direction where the packet was met
     * \param selector its selector
     * \return the verdict
     */
    IpsecPolicyVerdict DecideOutboundSteps(IpsecDirection direction,
                                           const IpsecPacketSelector& selector) const;

    /**
     * \brief DecideInboundClear's steps (it logs their outcome).
     * \param selector the packet's selector
     * \return the verdict
     */
    IpsecPolicyVerdict DecideInboundClearSteps(const IpsecPacketSelector& selector) const;

    /**
     * \brief The steps before the SPD: start-up filtering and default exemptions.
     * \param direction where the packet was met
     * \param selector its selector
     * \param destination its destination's kind
     * \param verdict set when they decide
     * \return true if they decided
     */
    bool DecideBeforeSpd(IpsecDirection direction,
                         const IpsecPacketSelector& selector,
                         IpsecDestinationKind& destination,
                         IpsecPolicyVerdict& verdict) const;

    const IpsecSpd& m_spd;              //!< the policy
    const IpsecOsProfileConfig& m_os;   //!< the Windows settings
    const IpsecBootFilter& m_boot;      //!< start-up filtering
    const IpsecHostConfig& m_host;      //!< the host's addresses
    const IpsecSaManager& m_sas;        //!< the SA state
};

} // namespace ns3

#endif /* IPSEC_POLICY_DECIDER_H */
