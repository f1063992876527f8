/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef IPSEC_SPD_H
#define IPSEC_SPD_H

#include "ipsec-filter.h"
#include "ipsec-flat-map.h"
#include "ipsec-packet-selector.h"

#include <cstdint>
#include <map>
#include <memory>
#include <ostream>
#include <unordered_map>
#include <vector>

namespace ns3
{

/**
 * \ingroup ipsec
 * \brief One filter of the SPD with its identifier, weight and match counter.
 */
struct IpsecSpdEntry
{
    uint32_t id;               //!< identifier, unique per SPD, increasing with insertion
    IpsecFilter filter;        //!< the filter and its action
    uint32_t weight;           //!< specificity weight (see IpsecSpd::ComputeWeight)
    mutable uint64_t matches{0}; //!< packets this filter decided
};

/**
 * \ingroup ipsec
 * \brief The security policy database: filters ordered by weight, with an index.
 *
 * Windows' Policy Agent sorts every filter from most to least specific; a packet takes the
 * action of the first (heaviest) filter it matches, and passes in the clear when none does.
 * The index groups filters by their "shape" (prefix lengths of both ends, and whether the
 * protocol and each port are given) and keeps one hash table per shape, keyed by the masked
 * selector. A lookup probes each shape once, heaviest first, so its cost depends on the number of
 * distinct shapes (a few in any real policy) and not on the number of filters.
 *
 * Equal weights are ordered by insertion (lower id first). "My IP address" is expanded to the
 * node's current addresses; SetLocalAddresses re-expands it. The dynamic addresses (DNS, WINS,
 * DHCP, gateway) are expanded the same way from SetDynamicAddresses; a dynamic end with no
 * address expands to nothing, so its filter matches no packet until one is known.
 */
class IpsecSpd
{
  public:
    IpsecSpd();
    ~IpsecSpd();
    IpsecSpd(const IpsecSpd&) = delete;
    IpsecSpd& operator=(const IpsecSpd&) = delete;

    /**
     * \brief Add a filter.
     * \param filter the filter; validated first
     * \return its identifier
     * \throw IpsecConfigError naming the offending field
     */
    uint32_t Add(const IpsecFilter& filter);

    /**
     * \param id a filter identifier
     * \return true if a filter was removed
     */
    bool Remove(uint32_t id);

    /** Remove every filter. */
    void Clear();

    /**
     * \brief Set the addresses that "My IP address" stands for.
     * \param addresses the node's addresses
     */
    void SetLocalAddresses(const std::vector<Ipv4Address>& addresses);

    /** \return the addresses that "My IP address" currently stands for */
    const std::vector<Ipv4Address>& GetLocalAddresses() const;

    /**
     * \brief Set the addresses a dynamic filter address stands for (re-indexes on a change).
     * \param kind DNS, WINS, DHCP or GATEWAY
     * \param addresses the servers of that kind
     */
    void SetDynamicAddresses(IpsecFilterAddress::Kind kind,
                             const std::vector<Ipv4Address>& addresses);

    /**
     * \param kind ME or a dynamic kind
     * \return the addresses it currently stands for (empty for the other kinds)
     */
    const std::vector<Ipv4Address>& GetAddressesOf(IpsecFilterAddress::Kind kind) const;

    /**
     * \brief Find the heaviest filter matching a packet.
     * \param selector the packet's selector fields
     * \return the entry, or nullptr when no filter matches
     */
    const IpsecSpdEntry* Lookup(const IpsecPacketSelector& selector) const;

    /**
     * \brief Find the heaviest filter matching an arriving multicast or broadcast packet.
     *
     * Windows Server 2003: "a filter with a source address of Any IP Address will match
     * multicast and broadcast addresses". Such a packet matches the filters that match it as
     * addressed (Any <-> Any, or a filter naming the group address), and also every filter
     * whose source end (in the direction that matches) is Any and whose destination end covers
     * one of \p receivers, the addresses of this node that received it (so Any -> My IP address,
     * and the mirror of My IP address <-> Any, both match it).
     * \param selector the packet's selector (destination: a group address)
     * \param receivers local addresses the group destination stands for
     * \return the entry, or nullptr when no filter matches
     */
    const IpsecSpdEntry* LookupGroup(const IpsecPacketSelector& selector,
                                     const std::vector<Ipv4Address>& receivers) const;

    /**
     * \param id a filter identifier
     * \return the entry, or nullptr
     */
    const IpsecSpdEntry* Find(uint32_t id) const;

    /** \return the filters in evaluation order (weight descending, then id ascending) */
    std::vector<const IpsecSpdEntry*> GetOrderedEntries() const;

    /** \return the number of filters */
    size_t GetNFilters() const;

    /**
     * \brief Print the filters in evaluation order, one per line, like "IP Security Monitor".
     * \param os output stream
     */
    void Print(std::ostream& os) const;

    /**
     * \brief The weight of a filter: more specific filters are heavier.
     *
     * weight = ((addressBits * 2 + protocolGiven) * 3 + portsGiven) * 3 + actionRank, where
     * addressBits is the sum of both prefix lengths (Any 0, a subnet its prefix length, a
     * specific address and My IP address 32), protocolGiven is 0 or 1, portsGiven 0-2, and
     * actionRank is block 2, negotiate 1, permit 0. So addresses decide first, then the
     * protocol, then the ports, and between otherwise equal filters block beats negotiate beats
     * permit. Mirroring does not change the weight.
     * \param filter a filter
     * \return its weight (0 to 1169)
     */
    static uint32_t ComputeWeight(const IpsecFilter& filter);

  private:
    /** What a filter constrains; filters of one shape share a hash table. */
    struct Shape
    {
        uint8_t sourceLength;      //!< source prefix length
        uint8_t destinationLength; //!< destination prefix length
        bool protocol;             //!< protocol given
        bool sourcePort;           //!< source port given
        bool destinationPort;      //!< destination port given
        /** \param o other shape \return equality */
        bool operator==(const Shape& o) const;
        /** \return the weight this shape gives (without the action rank) */
        uint32_t BaseWeight() const;
    };

    /** A selector masked by a shape. */
    struct Key
    {
        uint32_t source;          //!< masked source
        uint32_t destination;     //!< masked destination
        uint32_t protoAndPorts;   //!< protocol (or 0) in the low byte
        uint32_t ports;           //!< source port << 16 | destination port (0 when not given)
        /** \param o other key \return equality */
        bool operator==(const Key& o) const;
    };

    /** Hash for Key. */
    struct KeyHash
    {
        /** \param k key \return hash */
        size_t operator()(const Key& k) const;
    };


    /** One shape's hash table. */
    struct Table
    {
        Shape shape;                                   //!< the shape
        uint32_t baseWeight;                           //!< its weight without action
        /**
         * Masked key to the entry evaluated first among those indexed under it: the only one
         * a lookup needs, held in the slot itself so that a probe costs no further memory
         * access.
         */
        IpsecFlatMap<Key, const IpsecSpdEntry*, KeyHash> map;
        /**
         * The other entries indexed under a key (rare: filters that overlap exactly), so that
         * removing the first promotes the next without rebuilding the index.
         */
        std::unordered_map<Key, std::vector<const IpsecSpdEntry*>, KeyHash> behind;
    };

    /**
     * \brief Add an entry to the index (or take it out), once per expansion of My IP and per
     *        mirror direction.
     * \param entry the entry
     * \param add true to add, false to take out
     */
    void Index(const IpsecSpdEntry* entry, bool add = true);
    /**
     * \brief Add an entry under one concrete direction.
     * \param tables the index to add to
     * \param entry the entry
     * \param src source end
     * \param dst destination end
     * \param srcPort source port
     * \param dstPort destination port
     */
    static void IndexOneWay(std::vector<Table>& tables,
                            const IpsecSpdEntry* entry,
                            const IpsecFilterAddress& src,
                            const IpsecFilterAddress& dst,
                            std::optional<uint16_t> srcPort,
                            std::optional<uint16_t> dstPort);
    /**
     * \brief Take an entry out from under one concrete direction (IndexOneWay's inverse).
     * \param tables the index
     * \param entry the entry
     * \param src source end
     * \param dst destination end
     * \param srcPort source port
     * \param dstPort destination port
     */
    static void UnindexOneWay(std::vector<Table>& tables,
                              const IpsecSpdEntry* entry,
                              const IpsecFilterAddress& src,
                              const IpsecFilterAddress& dst,
                              std::optional<uint16_t> srcPort,
                              std::optional<uint16_t> dstPort);
    /**
     * \param tables an index
     * \param selector a packet's selector
     * \param best the best entry so far (nullptr for none)
     * \return the heaviest entry of \p tables matching, or \p best if that is heavier
     */
    static const IpsecSpdEntry* LookupIn(const std::vector<Table>& tables,
                                         const IpsecPacketSelector& selector,
                                         const IpsecSpdEntry* best);
    /** Rebuild the whole index (after an address change). */
    void Reindex();
    /**
     * \param a entry
     * \param b entry
     * \return true if a is evaluated before b
     */
    static bool Before(const IpsecSpdEntry* a, const IpsecSpdEntry* b);

    /** Filters by id (ids increase with insertion). */
    std::map<uint32_t, std::unique_ptr<IpsecSpdEntry>> m_entries;
    std::vector<Table> m_tables;                           //!< heaviest shape first
    /** The directions of filters whose source is Any, for LookupGroup. */
    std::vector<Table> m_groupTables;
    std::vector<Ipv4Address> m_localAddresses;             //!< what My IP stands for
    /** What each dynamic kind stands for (kinds without an entry: nothing). */
    std::map<int, std::vector<Ipv4Address>> m_dynamicAddresses;
    uint32_t m_nextId{1};                                  //!< next filter id
};

} // namespace ns3

#endif /* IPSEC_SPD_H */
