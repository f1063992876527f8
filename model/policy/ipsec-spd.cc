/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ipsec-spd.h"

#include "ipsec-config-error.h"

#include "ns3/log.h"

#include <algorithm>
#include <iomanip>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("IpsecSpd");

namespace
{

uint32_t
ActionRank(IpsecFilterAction action)
{
    switch (action)
    {
    case IpsecFilterAction::BLOCK:
        return 2;
    case IpsecFilterAction::NEGOTIATE:
        return 1;
    case IpsecFilterAction::PERMIT:
        return 0;
    }
    return 0;
}

uint32_t
MaskOf(uint8_t length)
{
    return length == 0 ? 0u : ~0u << (32 - length);
}

uint32_t
ShapeWeight(uint32_t addressBits, bool protocol, uint32_t portsGiven)
{
    return ((addressBits * 2 + (protocol ? 1 : 0)) * 3 + portsGiven) * 3;
}

} // namespace

bool
IpsecSpd::Shape::operator==(const Shape& o) const
{
    return sourceLength == o.sourceLength && destinationLength == o.destinationLength &&
           protocol == o.protocol && sourcePort == o.sourcePort &&
           destinationPort == o.destinationPort;
}

uint32_t
IpsecSpd::Shape::BaseWeight() const
{
    return ShapeWeight(sourceLength + destinationLength,
                       protocol,
                       (sourcePort ? 1 : 0) + (destinationPort ? 1 : 0));
}

bool
IpsecSpd::Key::operator==(const Key& o) const
{
    return source == o.source && destination == o.destination &&
           protoAndPorts == o.protoAndPorts && ports == o.ports;
}

size_t
IpsecSpd::KeyHash::operator()(const Key& k) const
{
    // 64-bit multiplicative mixing of both halves: cheap, and spreads host addresses that
    // differ only in their last bits.
    uint64_t a = (uint64_t(k.source) << 32) | k.destination;
    uint64_t b = (uint64_t(k.protoAndPorts) << 32) | k.ports;
    uint64_t h = a * 0x9E3779B97F4A7C15ULL ^ (b + 0x632BE59BD9B4E019ULL) * 0xC2B2AE3D27D4EB4FULL;
    return static_cast<size_t>(h ^ (h >> 29));
}

IpsecSpd::IpsecSpd() = default;

IpsecSpd::~IpsecSpd() = default;

uint32_t
IpsecSpd::ComputeWeight(const IpsecFilter& filter)
{
    uint32_t addressBits = filter.source.GetPrefixLength() + filter.destination.GetPrefixLength();
    uint32_t portsGiven = (filter.sourcePort ? 1 : 0) + (filter.destinationPort ? 1 : 0);
    return ShapeWeight(addressBits, filter.protocol.has_value(), portsGiven) +
           ActionRank(filter.action);
}

bool
IpsecSpd::Before(const IpsecSpdEntry* a, const IpsecSpdEntry* b)
{
    return a->weight != b->weight ? a->weight > b->weight : a->id < b->id;
}

uint32_t
IpsecSpd::Add(const IpsecFilter& filter)
{
    NS_LOG_FUNCTION(this << filter);
    std::string error = filter.Validate();
    if (!error.empty())
    {
        throw IpsecConfigError::FromMessage(error);
    }
    auto entry = std::make_unique<IpsecSpdEntry>();
    entry->id = m_nextId++;
    entry->filter = filter;
    entry->weight = ComputeWeight(filter);
    NS_LOG_LOGIC("filter " << entry->id << " weight " << entry->weight);
    Index(entry.get());
    uint32_t id = entry->id;
    m_entries.emplace_hint(m_entries.end(), id, std::move(entry));
    return id;
}

bool
IpsecSpd::Remove(uint32_t id)
{
    NS_LOG_FUNCTION(this << id);
    auto it = m_entries.find(id);
    if (it == m_entries.end())
    {
        return false;
    }
    // Only the keys this entry is indexed under change: as a rebuild would leave them.
    Index(it->second.get(), false);
    m_entries.erase(it);
    return true;
}

void
IpsecSpd::Clear()
{
    NS_LOG_FUNCTION(this);
    m_entries.clear();
    m_tables.clear();
    m_groupTables.clear();
}

void
IpsecSpd::SetLocalAddresses(const std::vector<Ipv4Address>& addresses)
{
    if (addresses == m_localAddresses)
    {
        return;
    }
    NS_LOG_FUNCTION(this << addresses.size());
    m_localAddresses = addresses;
    Reindex();
}

const std::vector<Ipv4Address>&
IpsecSpd::GetLocalAddresses() const
{
    return m_localAddresses;
}

void
IpsecSpd::SetDynamicAddresses(IpsecFilterAddress::Kind kind,
                              const std::vector<Ipv4Address>& addresses)
{
    NS_ASSERT(IpsecFilterAddress::Dynamic(kind).IsDynamic());
    if (GetAddressesOf(kind) == addresses)
    {
        return;
    }
    NS_LOG_FUNCTION(this << IpsecFilterAddress::Dynamic(kind).ToString() << addresses.size());
    m_dynamicAddresses[kind] = addresses;
    Reindex();
}

const std::vector<Ipv4Address>&
IpsecSpd::GetAddressesOf(IpsecFilterAddress::Kind kind) const
{
    static const std::vector<Ipv4Address> none;
    if (kind == IpsecFilterAddress::ME)
    {
        return m_localAddresses;
    }
    auto it = m_dynamicAddresses.find(kind);
    return it == m_dynamicAddresses.end() ? none : it->second;
}

void
IpsecSpd::Reindex()
{
    m_tables.clear();
    m_groupTables.clear();
    for (const auto& [id, entry] : m_entries)
    {
        Index(entry.get());
    }
    NS_LOG_LOGIC("reindexed " << m_entries.size() << " filters into " << m_tables.size()
                              << " tables");
}

void
IpsecSpd::Index(const IpsecSpdEntry* entry, bool add)
{
    const IpsecFilter& f = entry->filter;
    // Expand "My IP address" and the dynamic addresses into one specific address each (as
    // Windows' Policy Agent expands them into specific filters).
    auto expand = [this](const IpsecFilterAddress& end) {
        std::vector<IpsecFilterAddress> out;
        if (end.GetKind() == IpsecFilterAddress::ME || end.IsDynamic())
        {
            for (const auto& address : GetAddressesOf(end.GetKind()))
            {
                out.push_back(IpsecFilterAddress::Host(address));
            }
        }
        else
        {
            out.push_back(end);
        }
        return out;
    };
    auto indexOneWay = [this, entry, add](const IpsecFilterAddress& src,
                                          const IpsecFilterAddress& dst,
                                          std::optional<uint16_t> srcPort,
                                          std::optional<uint16_t> dstPort) {
        auto oneWay = add ? &IpsecSpd::IndexOneWay : &IpsecSpd::UnindexOneWay;
        oneWay(m_tables, entry, src, dst, srcPort, dstPort);
        if (src.GetKind() == IpsecFilterAddress::ANY)
        {
            oneWay(m_groupTables, entry, src, dst, srcPort, dstPort);
        }
    };
    for (const auto& src : expand(f.source))
    {
        for (const auto& dst : expand(f.destination))
        {
            indexOneWay(src, dst, f.sourcePort, f.destinationPort);
            // A multicast/broadcast address is never a source: the mirror would match nothing.
            if (f.mirrored && !f.destination.IsMulticastOrBroadcast())
            {
                indexOneWay(dst, src, f.destinationPort, f.sourcePort);
            }
        }
    }
}

void
IpsecSpd::IndexOneWay(std::vector<Table>& tables,
                      const IpsecSpdEntry* entry,
                      const IpsecFilterAddress& src,
                      const IpsecFilterAddress& dst,
                      std::optional<uint16_t> srcPort,
                      std::optional<uint16_t> dstPort)
{
    const IpsecFilter& f = entry->filter;
    Shape shape{src.GetPrefixLength(),
                dst.GetPrefixLength(),
                f.protocol.has_value(),
                srcPort.has_value(),
                dstPort.has_value()};
    auto table = std::find_if(tables.begin(), tables.end(), [&shape](const Table& t) {
        return t.shape == shape;
    });
    if (table == tables.end())
    {
        Table t{shape, shape.BaseWeight(), {}};
        // Keep tables heaviest first; stable for equal weights.
        auto pos = std::upper_bound(tables.begin(),
                                    tables.end(),
                                    t.baseWeight,
                                    [](uint32_t w, const Table& other) { return w > other.baseWeight; });
        table = tables.insert(pos, std::move(t));
    }
    Key key{src.GetAddress().Get() & MaskOf(shape.sourceLength),
            dst.GetAddress().Get() & MaskOf(shape.destinationLength),
            f.protocol.value_or(0),
            (uint32_t(srcPort.value_or(0)) << 16) | dstPort.value_or(0)};
    const IpsecSpdEntry*& first = *table->map.Insert(key).first;
    if (!first)
    {
        first = entry;
        return;
    }
    if (first == entry)
    {
        return; // (a mirror or an expansion that gives the same key twice)
    }
    std::vector<const IpsecSpdEntry*>& behind = table->behind[key];
    if (Before(entry, first))
    {
        behind.push_back(first);
        first = entry;
    }
    else if (std::find(behind.begin(), behind.end(), entry) == behind.end())
    {
        behind.push_back(entry);
    }
}

void
IpsecSpd::UnindexOneWay(std::vector<Table>& tables,
                        const IpsecSpdEntry* entry,
                        const IpsecFilterAddress& src,
                        const IpsecFilterAddress& dst,
                        std::optional<uint16_t> srcPort,
                        std::optional<uint16_t> dstPort)
{
    const IpsecFilter& f = entry->filter;
    Shape shape{src.GetPrefixLength(),
                dst.GetPrefixLength(),
                f.protocol.has_value(),
                srcPort.has_value(),
                dstPort.has_value()};
    auto table = std::find_if(tables.begin(), tables.end(), [&shape](const Table& t) {
        return t.shape == shape;
    });
    if (table == tables.end())
    {
        return; // taken out already (the same key twice)
    }
    Key key{src.GetAddress().Get() & MaskOf(shape.sourceLength),
            dst.GetAddress().Get() & MaskOf(shape.destinationLength),
            f.protocol.value_or(0),
            (uint32_t(srcPort.value_or(0)) << 16) | dstPort.value_or(0)};
    const IpsecSpdEntry** first = table->map.Find(key);
    if (!first)
    {
        return;
    }
    auto behind = table->behind.find(key);
    if (*first != entry)
    {
        if (behind != table->behind.end())
        {
            auto& v = behind->second;
            v.erase(std::remove(v.begin(), v.end(), entry), v.end());
            if (v.empty())
            {
                table->behind.erase(behind);
            }
        }
        return;
    }
    if (behind == table->behind.end())
    {
        table->map.Erase(key);
        if (table->map.Size() == 0)
        {
            tables.erase(table); // as a rebuild would not make it
        }
        return;
    }
    // The next entry under this key in evaluation order takes the slot.
    auto& v = behind->second;
    auto next = std::min_element(v.begin(), v.end(), &IpsecSpd::Before);
    *first = *next;
    v.erase(next);
    if (v.empty())
    {
        table->behind.erase(behind);
    }
}

const IpsecSpdEntry*
IpsecSpd::Lookup(const IpsecPacketSelector& s) const
{
    return LookupIn(m_tables, s, nullptr);
}

const IpsecSpdEntry*
IpsecSpd::LookupGroup(const IpsecPacketSelector& selector,
                      const std::vector<Ipv4Address>& receivers) const
{
    const IpsecSpdEntry* best = LookupIn(m_tables, selector, nullptr);
    IpsecPacketSelector asReceived = selector;
    for (const auto& receiver : receivers)
    {
        asReceived.destination = receiver;
        best = LookupIn(m_groupTables, asReceived, best);
    }
    return best;
}

const IpsecSpdEntry*
IpsecSpd::LookupIn(const std::vector<Table>& tables,
                   const IpsecPacketSelector& s,
                   const IpsecSpdEntry* given)
{
    const IpsecSpdEntry* best = nullptr;
    uint32_t bestGroup = 0;
    for (const Table& table : tables)
    {
        // Tables are sorted by base weight: once a heavier group has matched, lighter tables
        // cannot win. Tables of equal base weight are all probed, since the action rank and the
        // insertion order decide between them.
        if (best && table.baseWeight < bestGroup)
        {
            break;
        }
        const Shape& sh = table.shape;
        Key key{s.source.Get() & MaskOf(sh.sourceLength),
                s.destination.Get() & MaskOf(sh.destinationLength),
                sh.protocol ? s.protocol : 0u,
                (uint32_t(sh.sourcePort ? s.sourcePort : 0) << 16) |
                    (sh.destinationPort ? s.destinationPort : 0)};
        const IpsecSpdEntry* const* found = table.map.Find(key);
        if (!found)
        {
            continue;
        }
        const IpsecSpdEntry* candidate = *found;
        if (!best || Before(candidate, best))
        {
            best = candidate;
            bestGroup = table.baseWeight;
        }
    }
    if (!best || (given && Before(given, best)))
    {
        return given;
    }
    return best;
}

const IpsecSpdEntry*
IpsecSpd::Find(uint32_t id) const
{
    auto it = m_entries.find(id);
    return it == m_entries.end() ? nullptr : it->second.get();
}

std::vector<const IpsecSpdEntry*>
IpsecSpd::GetOrderedEntries() const
{
    std::vector<const IpsecSpdEntry*> ordered;
    ordered.reserve(m_entries.size());
    for (const auto& [id, entry] : m_entries)
    {
        ordered.push_back(entry.get());
    }
    std::stable_sort(ordered.begin(), ordered.end(), &IpsecSpd::Before);
    return ordered;
}

size_t
IpsecSpd::GetNFilters() const
{
    return m_entries.size();
}

void
IpsecSpd::Print(std::ostream& os) const
{
    os << std::setw(6) << "weight" << std::setw(5) << "id" << std::setw(10) << "matches"
       << "  filter\n";
    for (const IpsecSpdEntry* e : GetOrderedEntries())
    {
        os << std::setw(6) << e->weight << std::setw(5) << e->id << std::setw(10) << e->matches
           << "  " << e->filter << "\n";
    }
    if (m_entries.empty())
    {
        os << "  (no filters: every packet passes in the clear)\n";
    }
}

} // namespace ns3
