/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef IKE_QUICK_MODE_SA_H
#define IKE_QUICK_MODE_SA_H

#include "ns3/ike-proposals.h"
#include "ns3/ipsec-packet-selector.h"
#include "ns3/ipsec-sa.h"
#include "ns3/ipsec-timer-queue.h"
#include "ns3/ipv4-address.h"
#include "ns3/nstime.h"
#include "ns3/ptr.h"

#include <cstdint>
#include <memory>

namespace ns3
{

class IkeQuickModeTask;

/** \ingroup ipsec \brief A quick mode to run: what the driver asked for, or a rekey. */
struct IkeQuickModeRequest
{
    uint32_t filterId{0};          //!< the Negotiate filter
    Ipv4Address peer;              //!< the peer
    IpsecPacketSelector selector;  //!< the packet that asked
    uint64_t rekeyOf{0};           //!< the quick mode SA this one replaces (0: none)
};

/**
 * \ingroup ipsec
 * \brief A quick mode SA pair: the SAs a quick mode installed, or will install while its
 *        exchange (its task, with its own state) is under way or settling. Its idle check and,
 *        once replaced, its end are deadlines in its service's quick mode timer queue.
 */
class IkeQuickModeSa : public IpsecTimed
{
  public:
    IkeQuickModeSa();
    ~IkeQuickModeSa();

    /** \return true once the SAs are installed */
    bool IsEstablished() const;

    /** \brief The SAs are installed. */
    void SetEstablished();

    uint64_t id{0};              //!< local serial number (orders rekeys)
    uint64_t cookieI{0};         //!< the main mode SA it ran under
    uint64_t cookieR{0};         //!< the main mode SA it ran under
    uint64_t rekeyOf{0};         //!< the pair this one replaces (0: none)
    uint32_t messageId{0};       //!< ISAKMP message ID
    uint32_t filterId{0};        //!< this node's Negotiate filter
    uint32_t spiIn{0};           //!< SPI of this node's inbound SA
    uint32_t spiOut{0};          //!< SPI of this node's outbound SA
    Ipv4Address local;           //!< this node's SA endpoint
    Ipv4Address peer;            //!< the peer's SA endpoint
    Ipv4Address trafficPeer;     //!< the key of the driver's outbound SA lookup
    bool initiator{false};       //!< this node started it
    bool rekeying{false};        //!< a replacement is being negotiated
    bool replaced{false};        //!< a replacement exists
    bool underMainMode{false};   //!< counted as under way by its main mode SA
    IpsecPacketSelector selector; //!< traffic it protects (this node as source), for rekeys
    IkeQuickModeTerms terms;     //!< what was agreed
    Ipv4Address natOaPeer;       //!< the peer's original address from NAT-OA (0.0.0.0: none)
    Ptr<IpsecSa> inbound;        //!< installed inbound SA
    Ptr<IpsecSa> outbound;       //!< installed outbound SA
    Time established;            //!< when the SAs were installed
    /** The exchange under way or settling; null once it has settled. */
    std::unique_ptr<IkeQuickModeTask> task;

  private:
    bool m_established{false}; //!< the SAs are installed
};

} // namespace ns3

#endif /* IKE_QUICK_MODE_SA_H */
