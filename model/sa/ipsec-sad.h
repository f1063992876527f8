/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef IPSEC_SAD_H
#define IPSEC_SAD_H

#include "ipsec-sa.h"

#include "ns3/ipsec-flat-map.h"
#include "ns3/ptr.h"

#include <map>
#include <functional>
#include <vector>

namespace ns3
{

/**
 * \ingroup ipsec
 * \brief The security association database of one node.
 *
 * Inbound SAs are found by SPI and destination address (RFC 4301 4.1). Outbound SAs are bound
 * to the policy entry (filter id) and the peer they protect traffic to; several may exist for
 * one binding during a rekey, and the newest one that is not dying is used (as Linux does), so
 * traffic moves to a new SA as soon as it is installed.
 */
class IpsecSad
{
  public:
    /**
     * \brief Add an inbound SA.
     * \param sa the SA
     * \return false if an SA with the same SPI and destination exists
     */
    bool AddInbound(Ptr<IpsecSa> sa);

    /**
     * \brief Add an outbound SA for a policy entry and peer.
     * \param sa the SA
     * \param filterId the policy entry
     * \param peer the peer (destination, or tunnel endpoint)
     */
    void AddOutbound(Ptr<IpsecSa> sa, uint32_t filterId, Ipv4Address peer);

    /**
     * \param spi SPI
     * \param destination destination address of the packet
     * \return the inbound SA, or nullptr
     */
    Ptr<IpsecSa> FindInbound(uint32_t spi, Ipv4Address destination) const;

    /**
     * \param filterId policy entry
     * \param peer the peer
     * \return the newest usable outbound SA, or nullptr
     */
    Ptr<IpsecSa> FindOutbound(uint32_t filterId, Ipv4Address peer) const;

    /**
     * \param sa an SA of this database
     * \return true if it was removed
     */
    bool Remove(Ptr<IpsecSa> sa);

    /** \return every SA, outbound first, in installation order */
    std::vector<Ptr<IpsecSa>> GetAll() const;

    /**
     * \param filterId a policy entry
     * \return the SAs filed under it, outbound first, in installation order (as GetAll lists
     *         them), found without looking at the other SAs
     */
    std::vector<Ptr<IpsecSa>> GetFilterSas(uint32_t filterId) const;

    /** \return number of SAs */
    size_t GetN() const;

    /** Remove every SA. */
    void Clear();

  private:
    /** Inbound key: SPI and destination. */
    static uint64_t InboundKey(uint32_t spi, Ipv4Address destination);

    /**
     * Outbound key: the binding (filter id, peer) and the SA's installation number, so that
     * the SAs of one binding are neighbours in the map, oldest first, without a list of their
     * own per binding.
     */
    struct OutboundKey
    {
        uint32_t filterId;  //!< the policy entry
        uint32_t peer;      //!< the peer's address
        uint64_t installed; //!< installation number (m_installed when it was added)

        /**
         * \param other another key
         * \return true if this key sorts first: by binding, then by installation
         */
        bool operator<(const OutboundKey& other) const
        {
            if (filterId != other.filterId)
            {
                return filterId < other.filterId;
            }
            if (peer != other.peer)
            {
                return peer < other.peer;
            }
            return installed < other.installed;
        }
    };

    /**
     * Inbound SAs by SPI and destination (looked up for every ESP/AH packet). Most nodes have
     * one or two inbound SAs (a client with one peer), so the table starts with two slots.
     */
    IpsecFlatMap<uint64_t, Ptr<IpsecSa>, std::hash<uint64_t>, 2> m_inbound;
    /** Outbound SAs by binding and installation (looked up for every protected packet). */
    std::map<OutboundKey, Ptr<IpsecSa>> m_outbound;
    /**
     * Inbound SAs by policy entry and installation: for removing a policy entry's SAs, and for
     * listings. Removal finds both maps' keys in the SA itself (IpsecSa::SadPosition), so no
     * operation but a listing looks at every SA.
     */
    std::map<std::pair<uint32_t, uint64_t>, IpsecSa*> m_inboundByFilter;
    uint64_t m_installed{0}; //!< SAs installed so far (both directions share the numbering)
};

} // namespace ns3

#endif /* IPSEC_SAD_H */
