/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef IPSEC_FLAT_MAP_H
#define IPSEC_FLAT_MAP_H

#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

namespace ns3
{

/**
 * \ingroup ipsec
 * \brief A hash map with open addressing (linear probing) over a power-of-two table, for the
 * lookups the IPsec layer makes on every packet (SPD index, inbound SAs).
 *
 * std::unordered_map turns a hash into a bucket with a modulo by a prime, a 64-bit division of
 * tens of cycles, and then follows a pointer to a node; here a multiplication and a shift pick
 * the slot, and a probe reads neighbouring slots. The multiplication (Fibonacci hashing) also
 * spreads hashes that differ only in their high bits, such as the identity hash of integers.
 * Slots hold key and value; the table stays at most three quarters full.
 *
 * \tparam K key (equality comparable)
 * \tparam V value (default constructible, movable)
 * \tparam Hash hash function object for K
 * \tparam FirstCapacity slots allocated by the first insertion (a power of two, at least 2):
 *         small for maps of which most instances hold one or two entries
 */
template <class K, class V, class Hash, size_t FirstCapacity = 8>
class IpsecFlatMap
{
  public:
    /**
     * \param key a key
     * \return its value, or nullptr
     */
    const V* Find(const K& key) const
    {
        if (m_size == 0)
        {
            return nullptr;
        }
        for (size_t i = Home(key);; i = (i + 1) & m_mask)
        {
            const Slot& slot = m_slots[i];
            if (!slot.used)
            {
                return nullptr;
            }
            if (slot.key == key)
            {
                return &slot.value;
            }
        }
    }

    /**
     * \param key a key
     * \return its value, or nullptr
     */
    V* Find(const K& key)
    {
        return const_cast<V*>(static_cast<const IpsecFlatMap&>(*this).Find(key));
    }

    /**
     * \brief Insert a key with a default value unless present.
     * \param key the key
     * \return its value and true if it was inserted
     */
    std::pair<V*, bool> Insert(const K& key)
    {
        if (V* value = Find(key))
        {
            return {value, false};
        }
        if (4 * (m_size + 1) > 3 * m_slots.size())
        {
            Grow();
        }
        size_t i = Home(key);
        while (m_slots[i].used)
        {
            i = (i + 1) & m_mask;
        }
        m_slots[i].used = true;
        m_slots[i].key = key;
        ++m_size;
        return {&m_slots[i].value, true};
    }

    /**
     * \param key a key
     * \return true if it was present (and is now removed)
     */
    bool Erase(const K& key)
    {
        if (m_size == 0)
        {
            return false;
        }
        size_t i = Home(key);
        while (m_slots[i].used && !(m_slots[i].key == key))
        {
            i = (i + 1) & m_mask;
        }
        if (!m_slots[i].used)
        {
            return false;
        }
        // Backward-shift deletion: move later entries of the probe sequence into the hole, so
        // lookups never need tombstones.
        for (size_t j = (i + 1) & m_mask; m_slots[j].used; j = (j + 1) & m_mask)
        {
            size_t home = Home(m_slots[j].key);
            // Move j to the hole i unless its home lies cyclically in (i, j].
            bool stays = i <= j ? (home > i && home <= j) : (home > i || home <= j);
            if (!stays)
            {
                m_slots[i].key = std::move(m_slots[j].key);
                m_slots[i].value = std::move(m_slots[j].value);
                i = j;
            }
        }
        m_slots[i].used = false;
        m_slots[i].key = K();
        m_slots[i].value = V();
        --m_size;
        return true;
    }

    /** Remove every entry (and free the table). */
    void Clear()
    {
        m_slots.clear();
        m_slots.shrink_to_fit();
        m_mask = 0;
        m_shift = 64;
        m_size = 0;
    }

    /** \return the number of entries */
    size_t Size() const
    {
        return m_size;
    }

  private:
    /** One slot of the table. */
    struct Slot
    {
        K key{};           //!< the key (when used)
        V value{};         //!< its value (when used)
        bool used{false};  //!< holds an entry
    };

    /**
     * \param key a key
     * \return the first slot of its probe sequence
     */
    size_t Home(const K& key) const
    {
        uint64_t h = static_cast<uint64_t>(Hash()(key));
        return static_cast<size_t>((h * 0x9E3779B97F4A7C15ULL) >> m_shift);
    }

    /** Double the table (FirstCapacity slots at first) and re-insert every entry. */
    void Grow()
    {
        static_assert(FirstCapacity >= 2 && (FirstCapacity & (FirstCapacity - 1)) == 0,
                      "the first capacity must be a power of two of at least 2");
        std::vector<Slot> old = std::move(m_slots);
        size_t capacity = old.empty() ? FirstCapacity : 2 * old.size();
        m_slots = std::vector<Slot>(capacity);
        m_mask = capacity - 1;
        m_shift = 64;
        for (size_t c = capacity; c > 1; c >>= 1)
        {
            --m_shift;
        }
        for (Slot& slot : old)
        {
            if (slot.used)
            {
                size_t i = Home(slot.key);
                while (m_slots[i].used)
                {
                    i = (i + 1) & m_mask;
                }
                m_slots[i].used = true;
                m_slots[i].key = std::move(slot.key);
                m_slots[i].value = std::move(slot.value);
            }
        }
    }

    std::vector<Slot> m_slots; //!< the table (a power of two, or empty)
    size_t m_mask{0};          //!< table size - 1
    unsigned m_shift{64};      //!< 64 - log2(table size)
    size_t m_size{0};          //!< entries
};

} // namespace ns3

#endif /* IPSEC_FLAT_MAP_H */
