/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ipsec-timer-queue.h"

#include "ns3/assert.h"
#include "ns3/global-value.h"
#include "ns3/ipsec-config-error.h"
#include "ns3/log.h"
#include "ns3/simulator.h"
#include "ns3/type-id.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("IpsecTimerQueue");

namespace
{

/**
 * Simulations destroyed so far (Simulator::Destroy calls). An EventId of a destroyed
 * simulation must not reach Simulator::Remove: the next simulation's scheduler does not hold
 * that event, and removing what it does not hold breaks it. So each queue notes which
 * simulation its event belongs to. One destroy event per simulation counts them, not one per
 * queue: a queue costs nothing beyond its deadlines.
 */
uint64_t g_destroyedSimulations = 0;
bool g_destroyHooked = false; //!< the current simulation's destroy event is scheduled

/** Count a destroyed simulation (a destroy event). */
void
CountDestroyedSimulation()
{
    ++g_destroyedSimulations;
    g_destroyHooked = false;
}

/** Throws if the configured scheduler would run the queues' events out of order. */
void
CheckScheduler()
{
    TypeIdValue scheduler;
    if (GlobalValue::GetValueByNameFailSafe("SchedulerType", scheduler))
    {
        std::string problem = IpsecTimerQueue::SchedulerProblem(scheduler.Get().GetName());
        if (!problem.empty())
        {
            throw IpsecConfigError("SchedulerType", problem);
        }
    }
}

/** \return the number of the current simulation, making sure its end will be counted */
uint64_t
CurrentSimulation()
{
    if (!g_destroyHooked)
    {
        CheckScheduler(); // once per simulation
        Simulator::ScheduleDestroy(&CountDestroyedSimulation);
        g_destroyHooked = true;
    }
    return g_destroyedSimulations;
}

} // namespace

std::string
IpsecTimerQueue::SchedulerProblem(const std::string& schedulerType)
{
    if (schedulerType == "ns3::HeapScheduler")
    {
        return "ns3::HeapScheduler runs events out of order after one is removed (ns-3's "
               "HeapScheduler::Remove), and IPsec's timers remove theirs; use ns3::MapScheduler "
               "(the default), ns3::CalendarScheduler, ns3::ListScheduler or "
               "ns3::PriorityQueueScheduler";
    }
    return "";
}

IpsecTimerQueue::~IpsecTimerQueue()
{
    Clear();
}

void
IpsecTimerQueue::SetExpiredCallback(Expired expired)
{
    m_expired = expired;
}

void
IpsecTimerQueue::Add(IpsecTimed& item, uint8_t kind, Time delay)
{
    NS_ASSERT_MSG(!delay.IsStrictlyNegative(), "a deadline in the past");
    NS_ASSERT_MSG(kind < 2, "deadline kinds are 0 and 1");
    NS_ASSERT_MSG(item.timerSlots[kind] == UINT32_MAX, "this deadline is queued already");
    NS_ASSERT_MSG(m_heap.size() < UINT32_MAX, "too many deadlines");
    ForgetDestroyedSimulation();
    m_heap.emplace_back();
    Place(m_heap.size() - 1, {Simulator::Now() + delay, (m_added++ << 1) | kind, &item});
    SiftUp(m_heap.size() - 1);
    Reschedule();
}

void
IpsecTimerQueue::Remove(IpsecTimed& item)
{
    ForgetDestroyedSimulation();
    for (uint32_t slot : item.timerSlots)
    {
        if (slot != UINT32_MAX)
        {
            RemoveAt(slot);
        }
    }
    Reschedule();
}

void
IpsecTimerQueue::Remove(IpsecTimed& item, uint8_t kind)
{
    ForgetDestroyedSimulation();
    if (item.timerSlots[kind] != UINT32_MAX)
    {
        RemoveAt(item.timerSlots[kind]);
    }
    Reschedule();
}

bool
IpsecTimerQueue::IsQueued(const IpsecTimed& item, uint8_t kind) const
{
    return item.timerSlots[kind] != UINT32_MAX;
}

size_t
IpsecTimerQueue::GetN() const
{
    return m_heap.size();
}

Time
IpsecTimerQueue::GetNextDeadline() const
{
    return m_heap.empty() ? TimeStep(-1) : m_heap.front().when;
}

void
IpsecTimerQueue::Clear()
{
    RemoveEvent();
    for (const Entry& entry : m_heap)
    {
        entry.item->timerSlots[entry.GetKind()] = UINT32_MAX;
    }
    // Release the storage too: a cleared queue usually belongs to a node that is going away.
    std::vector<Entry>().swap(m_heap);
}

void
IpsecTimerQueue::Expire()
{
    m_event = EventId(); // it has fired: holding on to it would keep its EventImpl alive
    Time now = Simulator::Now();
    // Deadlines added by the callbacks below (for now, at the earliest) come after the events
    // already scheduled for now, as an event scheduled then would: they get an event of their
    // own.
    uint64_t addedBefore = m_added << 1;
    NS_LOG_FUNCTION(this << m_heap.size());
    m_expiring = true;
    while (!m_heap.empty() && m_heap.front().when <= now && m_heap.front().order < addedBefore)
    {
        Entry entry = m_heap.front();
        RemoveAt(0);
        if (!m_expired.IsNull())
        {
            m_expired(*entry.item, entry.GetKind());
        }
    }
    m_expiring = false;
    Reschedule();
}

void
IpsecTimerQueue::Reschedule()
{
    if (m_expiring)
    {
        return;
    }
    if (m_heap.empty())
    {
        RemoveEvent();
        return;
    }
    Time next = m_heap.front().when;
    if (m_event.PeekEventImpl() != nullptr &&
        m_event.GetTs() == static_cast<uint64_t>(next.GetTimeStep()))
    {
        return;
    }
    // Removed, not cancelled: a cancelled event would stay in the scheduler until its time.
    RemoveEvent();
    m_eventSimulation = CurrentSimulation();
    m_event = Simulator::Schedule(next - Simulator::Now(), &IpsecTimerQueue::Expire, this);
}

void
IpsecTimerQueue::RemoveEvent()
{
    if (m_event.PeekEventImpl() != nullptr && m_eventSimulation == g_destroyedSimulations)
    {
        Simulator::Remove(m_event);
    }
    m_event = EventId();
}

void
IpsecTimerQueue::ForgetDestroyedSimulation()
{
    // Outside Expire a non-empty queue always has its event: no event, nothing to forget.
    if (m_event.PeekEventImpl() == nullptr || m_eventSimulation == g_destroyedSimulations)
    {
        return;
    }
    // Its simulation is gone (and the time of the next one starts again at zero).
    Clear();
}

void
IpsecTimerQueue::RemoveAt(size_t index)
{
    const Entry& gone = m_heap[index];
    gone.item->timerSlots[gone.GetKind()] = UINT32_MAX;
    Entry last = m_heap.back();
    m_heap.pop_back();
    if (index == m_heap.size())
    {
        return; // it was the last one
    }
    // The last entry fills the hole, then moves up or down to its place.
    Place(index, last);
    if (index > 0 && last.Before(m_heap[(index - 1) / 2]))
    {
        SiftUp(index);
    }
    else
    {
        SiftDown(index);
    }
}

void
IpsecTimerQueue::Place(size_t index, const Entry& entry)
{
    m_heap[index] = entry;
    entry.item->timerSlots[entry.GetKind()] = static_cast<uint32_t>(index);
}

void
IpsecTimerQueue::SiftUp(size_t index)
{
    Entry entry = m_heap[index];
    while (index > 0)
    {
        size_t parent = (index - 1) / 2;
        if (!entry.Before(m_heap[parent]))
        {
            break;
        }
        Place(index, m_heap[parent]);
        index = parent;
    }
    Place(index, entry);
}

void
IpsecTimerQueue::SiftDown(size_t index)
{
    Entry entry = m_heap[index];
    size_t n = m_heap.size();
    while (true)
    {
        size_t child = 2 * index + 1;
        if (child >= n)
        {
            break;
        }
        if (child + 1 < n && m_heap[child + 1].Before(m_heap[child]))
        {
            ++child;
        }
        if (!m_heap[child].Before(entry))
        {
            break;
        }
        Place(index, m_heap[child]);
        index = child;
    }
    Place(index, entry);
}

} // namespace ns3
