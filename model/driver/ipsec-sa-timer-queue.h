/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef IPSEC_SA_TIMER_QUEUE_H
#define IPSEC_SA_TIMER_QUEUE_H

#include "ns3/callback.h"
#include "ns3/event-id.h"
#include "ns3/ipsec-sa.h"
#include "ns3/nstime.h"
#include "ns3/ptr.h"

#include <cstdint>
#include <vector>

namespace ns3
{

/**
 * \ingroup ipsec
 * \brief The time lifetimes of a driver's SAs: every soft and hard deadline in one min-heap,
 * behind one ns-3 event scheduled for the earliest of them.
 *
 * An ns-3 event per deadline would cost an EventImpl with its bound arguments and a node in
 * the scheduler for each, and an EventImpl lives as long as any EventId refers to it, fired or
 * cancelled; a cancelled event even stays in the scheduler until its time. Here a deadline is
 * a 24-byte heap entry, and the one event is taken out of the scheduler (Simulator::Remove)
 * whenever the earliest deadline changes.
 *
 * Deadlines fire at their exact times; deadlines due at the same time fire in the order they
 * were added, together, where the one event sits among other events of that time (it was
 * scheduled when the earliest deadline last changed). A deadline added for the current time
 * while others fire gets an event of its own after the events already due, as an event
 * scheduled then would. The queue holds no reference to its SAs: each SA records where its entries are
 * (IpsecSa::m_timerSlots), so that Remove takes them out at once when the SA goes early, and
 * the SA is freed as soon as its owner lets it go. An SA must therefore be removed (or the
 * queue cleared) before it is freed.
 *
 * A queue outlives a simulation only empty: after Simulator::Destroy its next Add, Remove or
 * Clear forgets the deadlines and the event of the destroyed simulation (a new one starts again
 * at time zero, and its scheduler never held that event).
 */
class IpsecSaTimerQueue
{
  public:
    /** Which deadline of an SA. */
    enum Kind : uint8_t
    {
        SOFT = 0, //!< the soft time limit: the SA should be replaced
        HARD = 1, //!< the hard time limit: the SA ends
    };

    /** Called when a deadline is reached: the SA (kept alive during the call), and which one. */
    using Expired = Callback<void, Ptr<IpsecSa>, Kind>;

    IpsecSaTimerQueue() = default;
    ~IpsecSaTimerQueue();
    IpsecSaTimerQueue(const IpsecSaTimerQueue&) = delete;
    IpsecSaTimerQueue& operator=(const IpsecSaTimerQueue&) = delete;

    /** \param expired called for every deadline reached */
    void SetExpiredCallback(Expired expired);

    /**
     * \brief Add a deadline.
     * \param sa the SA; it must not have a deadline of this kind queued already
     * \param kind soft or hard
     * \param delay from now until the deadline (not negative)
     */
    void Add(IpsecSa& sa, Kind kind, Time delay);

    /**
     * \brief Take out every deadline of an SA (none fires any more).
     * \param sa the SA
     */
    void Remove(IpsecSa& sa);

    /**
     * \param sa an SA
     * \param kind soft or hard
     * \return true if that deadline is queued
     */
    bool IsQueued(const IpsecSa& sa, Kind kind) const;

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
        Time when;      //!< absolute time of the deadline
        uint64_t order; //!< (insertion number << 1) | kind: the order among equal times
        IpsecSa* sa;    //!< the SA (not owned: Remove takes the entry out before it goes)

        /** \return soft or hard */
        Kind GetKind() const
        {
            return static_cast<Kind>(order & 1);
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
     * \brief Put an entry at a heap position and tell its SA where it is.
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

#endif /* IPSEC_SA_TIMER_QUEUE_H */
