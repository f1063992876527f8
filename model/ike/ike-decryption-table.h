/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef IKE_DECRYPTION_TABLE_H
#define IKE_DECRYPTION_TABLE_H

#include <array>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <ostream>
#include <vector>

namespace ns3
{

/**
 * \ingroup ipsec
 * \brief A node's lines of Wireshark's IKEv1 decryption table (`ikev1_decryption_table`): the
 *        main mode encryption key of each main mode SA, in the order the keys were made.
 *
 * The entry of a live main mode SA is always kept; once the SA is gone (used up, expired,
 * failed, deleted by the peer) its entry is kept for the capture that holds its messages, but
 * only the most recent \c limit such entries are, the oldest dropped first, so that a long run
 * keeps what is alive plus a bounded history.
 */
class IkeDecryptionTable
{
  public:
    /**
     * \brief Add the key of a main mode SA.
     * \param cookieI its initiator cookie
     * \param key its main mode encryption key (at most 32 bytes)
     * \return the entry's handle, for Retire
     */
    uint32_t Add(uint64_t cookieI, const std::vector<uint8_t>& key);

    /**
     * \brief The main mode SA of an entry is gone: the entry joins the bounded history.
     * \param handle the entry (0 or an entry already retired: nothing happens)
     */
    void Retire(uint32_t handle);

    /**
     * \param limit entries of main mode SAs that are gone kept at most (the oldest go first)
     */
    void SetRetiredLimit(uint32_t limit);

    /** \return the limit on entries of main mode SAs that are gone */
    uint32_t GetRetiredLimit() const;

    /** \return the number of entries (live and retired) */
    size_t GetSize() const;

    /**
     * \brief Write a line `<initiator cookie hex>,<key hex>` per entry, oldest first.
     * \param os the stream
     */
    void Write(std::ostream& os) const;

  private:
    /** What has become of an entry's main mode SA. */
    enum State : uint8_t
    {
        LIVE = 0,    //!< alive: the entry stays
        RETIRED = 1, //!< gone: the entry is in the bounded history
        DROPPED = 2, //!< beyond the history: compacted away soon
    };

    /** One entry, kept compact (48 bytes): a server has thousands. */
    struct Entry
    {
        uint64_t cookieI;            //!< initiator cookie
        uint32_t handle;             //!< its handle (entries are in handle order)
        uint8_t length;              //!< bytes of key used
        uint8_t state;               //!< a State
        std::array<uint8_t, 32> key; //!< main mode encryption key
    };

    /** Drop the oldest retired entries beyond the limit. */
    void Trim();

    /** \return the entry with \p handle, or null */
    Entry* Find(uint32_t handle);

    std::vector<Entry> m_entries;  //!< in handle order: the order the keys were made
    std::deque<uint32_t> m_retired; //!< handles of retired entries, oldest first
    size_t m_dropped{0};           //!< entries marked DROPPED, not compacted away yet
    uint32_t m_nextHandle{1};      //!< the next entry's handle
    uint32_t m_retiredLimit{1024}; //!< retired entries kept at most
};

} // namespace ns3

#endif /* IKE_DECRYPTION_TABLE_H */
