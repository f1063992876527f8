/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef IPSEC_KEY_MANAGER_H
#define IPSEC_KEY_MANAGER_H

#include "ns3/ipsec-packet-selector.h"
#include "ns3/ipsec-sa-reasons.h"
#include "ns3/ipsec-sa.h"
#include "ns3/ipv4-address.h"
#include "ns3/object.h"

#include <cstdint>
#include <vector>

namespace ns3
{

/**
 * \ingroup ipsec
 * \brief What the data plane asks of a key manager (RFC 4301's "acquire").
 *
 * The driver knows nothing of IKE: when a Negotiate filter matches and no SA exists it holds
 * the packet and calls Acquire once per (filter, peer); the key manager answers later through
 * IpsecDriver::ReleaseHeld (SAs installed) or IpsecDriver::DropHeld (negotiation failed).
 * The driver also tells it of every SA reaching a soft limit or deleted, before the driver's
 * traces (a key manager rekeys, and deletes an SA's partner, in the same instant), as Linux
 * tells its key managers of expired states.
 */
class IpsecKeyManager : public Object
{
  public:
    /** \return the TypeId */
    static TypeId GetTypeId();

    /**
     * \brief Negotiate SAs for traffic of a Negotiate filter with a peer.
     * \param filterId the Negotiate filter that matched
     * \param peer the peer (the destination, or the tunnel endpoint)
     * \param selector the packet that needs them (its addresses, protocol and ports)
     */
    virtual void Acquire(uint32_t filterId,
                         Ipv4Address peer,
                         const IpsecPacketSelector& selector) = 0;

    /**
     * \brief Addresses the node no longer has (the driver has already deleted the SAs bound
     *        to them); key management state bound to them is invalid too.
     * \param removed the addresses
     */
    virtual void LocalAddressesRemoved(const std::vector<Ipv4Address>& removed);

    /**
     * \brief An SA reached a soft limit (time, bytes or sequence numbers); the default does
     *        nothing.
     * \param sa the SA, now DYING
     * \param reason which limit
     */
    virtual void SaExpiring(Ptr<const IpsecSa> sa, IpsecSaExpiringReason reason);

    /**
     * \brief An SA left the SAD; the default does nothing.
     * \param sa the SA, now DEAD
     * \param reason why
     */
    virtual void SaDeleted(Ptr<const IpsecSa> sa, IpsecSaDeleteReason reason);
};

} // namespace ns3

#endif /* IPSEC_KEY_MANAGER_H */
