/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef IPSEC_TIMER_QUEUE_H
#define IPSEC_TIMER_QUEUE_H

#include "ns3/callback.h"
#include "ns3/event-id.h"
#include "ns3/nstime.h"

#include <array>
#include <cstdint>
#include <string>
#include <vector>

namespace ns3
{

/**
 * \ingroup ipsec
 * \brief Something with deadlines in an IpsecTimerQueue: it carries its own positions in the
 * queue, so that the queue can take its deadlines out at once when it goes early.
 */
struct IpsecTimed
{
    /** Position of each kind of deadline in the queue (kept by the queue); UINT32_MAX: none. */
    std::array<uint32_t, 2> timerSlots{UINT32_MAX, UINT32_MAX};
};

/**
 * \ingroup ipsec
 * \brief Deadlines of many objects (an SA's soft and hard time limits, an IKE record's idle
 * check or lifetime) in one min-heap, behind one ns-3 event scheduled for the earliest of them.
 *
 * An ns-3 event per deadline would cost an EventImpl with its bound arguments and a node in
 * the scheduler for each, and an EventImpl lives as long as any EventId refers to it, fired or
 * cancelled; a cancelled event even stays in the scheduler until its time. Here a deadline is
 * a 24-byte heap entry, and the one event is taken out of the scheduler (Simulator::Remove)
 * whenever the earliest deadline changes.
 *
 * Each object may have one deadline of each of two kinds (0 and 1, the owner's meaning).
 * Deadlines fire at their exact times; deadlines due at the same time fire in the order they
 * were added. The queue holds no reference to its objects: each records where its entries are
 * (IpsecTimed::timerSlots), so that Remove takes them out at once when it goes early, and it
 * is freed as soon as its owner lets it go. An object must therefore be removed (or the queue
 * cleared) before it is freed.
 *
 * A queue outlives a simulation only empty: Simulator::Destroy makes it forget its deadlines
 * and its event (at its next use), as a new simulation starts again at time zero.
 */
class IpsecTimerQueue
{
  public:
    /**
     * \brief Why the queues cannot run under the scheduler named \p schedulerType.
     *
     * ns-3's HeapScheduler::Remove moves the last event into the removed one's place and only
     * sifts it down, so an event that belongs higher runs late, after later ones (ns-3.37;
     * ListScheduler, MapScheduler, CalendarScheduler and PriorityQueueScheduler keep the
     * order). The queues remove their event whenever the earliest deadline changes, so under it
     * SAs would expire out of order. A queue's first event of a simulation checks the
     * SchedulerType global value and throws IpsecConfigError (field "SchedulerType") then.
     * \param schedulerType a TypeId name, e.g. "ns3::MapScheduler"
     * \return the problem, or an empty string if there is none
     */
    static std::string SchedulerProblem(const std::string& schedulerType);

    /**
     * Called when a deadline is reached, with the object and the kind of deadline; the entry is
     * out of the queue by then, so the callback may remove or free the object.
     */
    using Expired = Callback<void, IpsecTimed&, uint8_t>;

    IpsecTimerQueue() = default;
    ~IpsecTimerQueue();
    IpsecTimerQueue(const IpsecTimerQueue&) = delete;
    IpsecTimerQueue& operator=(const IpsecTimerQueue&) = delete;

    /** \param expired called for every deadline reached */
    void SetExpiredCallback(Expired expired);

    /**
     * \brief Add a deadline.
     * \param item the object; it must not have a deadline of this kind queued already
     * \param kind 0 or 1
     * \param delay from now until the deadline (not negative)
     */
    void Add(IpsecTimed& item, uint8_t kind, Time delay);

    /**
     * \brief Take out every deadline of an object (none fires any more).
     * \param item the object
     */
    void Remove(IpsecTimed& item);

    /**
     * \brief Take out one deadline of an object, if it is queued.
     * \param item the object
     * \param kind 0 or 1
     */
    void Remove(IpsecTimed& item, uint8_t kind);

    /**
     * \param item an object
     * \param kind 0 or 1
     * \return true if that deadline is queued
     */
    bool IsQueued(const IpsecTimed& item, uint8_t kind) const;

    /** \return the number of deadlines queued */
    size_t GetN() const;

    /** \return the earliest deadline (absolute time), or a negative time when none is queued */
    Time GetNextDeadline() const;

    /** Take out every deadline and the event. */
    void Clear();

  private:
    /** One deadline. */
    struct Entry
    {
        Time when;        //!< absolute time of the deadline
        uint64_t order;   //!< (insertion number << 1) | kind: the order among equal times
        IpsecTimed* item; //!< the object (not owned: Remove takes the entry out before it goes)

        /** \return the kind of deadline */
        uint8_t GetKind() const
        {
            return static_cast<uint8_t>(order & 1);
        }

        /**
         * \param other another entry
         * \return true if this one is due first
         */
        bool Before(const Entry& other) const
        {
            return when < other.when || (when == other.when && order < other.order);
        }
    };

    /** The event: fire every deadline that is due, then schedule the next one. */
    void Expire();

    /** Keep the one event on the earliest deadline (moving it only when that changed). */
    void Reschedule();

    /** Take the event out of the scheduler, if it is pending. */
    void RemoveEvent();

    /** Forget everything if the simulation the event belongs to was destroyed. */
    void ForgetDestroyedSimulation();

    /**
     * \brief Take out the entry at a heap position.
     * \param index the position
     */
    void RemoveAt(size_t index);

    /**
     * \brief Put an entry at a heap position and tell its object where it is.
     * \param index the position
     * \param entry the entry
     */
    void Place(size_t index, const Entry& entry);

    /**
     * \brief Move the entry at a position towards the root while it is due before its parent.
     * \param index the position
     */
    void SiftUp(size_t index);

    /**
     * \brief Move the entry at a position towards the leaves while a child is due before it.
     * \param index the position
     */
    void SiftDown(size_t index);

    std::vector<Entry> m_heap;     //!< the deadlines, earliest first (a binary min-heap)
    uint64_t m_added{0};           //!< deadlines added so far (their insertion numbers)
    EventId m_event;               //!< the event for m_heap's first entry (empty when none)
    uint64_t m_eventSimulation{0}; //!< the simulation m_event belongs to (see .cc)
    bool m_expiring{false};        //!< inside Expire: it reschedules once at its end
    Expired m_expired;             //!< told of every deadline reached
};

} // namespace ns3

#endif /* IPSEC_TIMER_QUEUE_H */
