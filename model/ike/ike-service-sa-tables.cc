/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// IkeService: the main mode and quick mode SA tables, their deadlines (lifetimes, idle checks,
// lingering pairs), rekeying, deletes, and the answers to the driver's acquire.

#include "ike-main-mode-task.h"
#include "ike-quick-mode-task.h"
#include "ike-service.h"

#include "ns3/ipsec-driver.h"
#include "ns3/log.h"
#include "ns3/node.h"
#include "ns3/simulator.h"

#include <algorithm>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("IkeServiceSaTables");

std::vector<const IkeMainModeSa*>
IkeService::GetMainModeSas() const
{
    std::vector<const IkeMainModeSa*> sas;
    for (const auto& [key, sa] : m_mainModeSas)
    {
        if (sa->IsEstablished())
        {
            sas.push_back(sa.get());
        }
    }
    return sas;
}

std::vector<const IkeQuickModeSa*>
IkeService::GetQuickModeSas() const
{
    std::vector<const IkeQuickModeSa*> sas;
    for (const auto& [id, sa] : m_quickModeSas)
    {
        if (sa->IsEstablished())
        {
            sas.push_back(sa.get());
        }
    }
    return sas;
}

IkeMainModeSa*
IkeService::FindMainModeSa(IkeMainModeSa::Key key)
{
    auto it = m_mainModeSas.find(key);
    return it == m_mainModeSas.end() ? nullptr : it->second.get();
}

IkeMainModeSa*
IkeService::FindMainModeSa(uint64_t cookieI, uint64_t cookieR, Ipv4Address peer)
{
    IkeMainModeSa* sa = FindMainModeSa({cookieI, peer.Get()});
    if (!sa || (cookieR != 0 && sa->cookieR != 0 && sa->cookieR != cookieR))
    {
        return nullptr;
    }
    return sa;
}

std::vector<IkeMainModeSa*>
IkeService::MainModeSasOf(Ipv4Address peer)
{
    // The peer's keys, in the order m_mainModeSas holds them (ties below go to the first).
    std::vector<IkeMainModeSa*> sas;
    for (auto it = m_mainModeSasByPeer.lower_bound({peer.Get(), IkeMainModeSa::Key{0, 0}});
         it != m_mainModeSasByPeer.end() && it->first == peer.Get();
         ++it)
    {
        sas.push_back(m_mainModeSas.at(it->second).get());
    }
    return sas;
}

IkeMainModeSa*
IkeService::FindUsableMainModeSa(Ipv4Address peer)
{
    IkeMainModeSa* best = nullptr;
    for (IkeMainModeSa* sa : MainModeSasOf(peer))
    {
        if (sa->peer == peer && sa->CanStartQuickMode() &&
            (!best || sa->established > best->established))
        {
            best = sa;
        }
    }
    return best;
}

IkeMainModeSa*
IkeService::FindLastEstablishedMainModeSa(Ipv4Address peer)
{
    IkeMainModeSa* last = nullptr;
    for (IkeMainModeSa* sa : MainModeSasOf(peer))
    {
        if (sa->peer == peer && sa->IsEstablished())
        {
            last = sa;
        }
    }
    return last;
}

void
IkeService::AddMainModeSa(std::unique_ptr<IkeMainModeSa> sa)
{
    IkeMainModeSa::Key key = sa->GetKey();
    // A main mode SA's peer is part of its key, so the index below never goes stale.
    m_mainModeSasByPeer.insert({sa->peer.Get(), key});
    m_mainModeSas[key] = std::move(sa);
}

void
IkeService::ForgetMainModeSa(IkeMainModeSa::Key key)
{
    auto it = m_mainModeSas.find(key);
    if (it == m_mainModeSas.end())
    {
        return;
    }
    m_mainModeTimers.Remove(*it->second); // the exchange's own timers go with its task
    m_decryptionTable.Retire(it->second->decryptionKey);
    uint32_t peer = it->second->peer.Get();
    m_mainModeSasByPeer.erase({peer, key});
    m_mainModeSas.erase(it);
    auto next = m_mainModeSasByPeer.lower_bound({peer, IkeMainModeSa::Key{0, 0}});
    if (next == m_mainModeSasByPeer.end() || next->first != peer)
    {
        // The last main mode SA with the peer went: a new one starts on port 500 again.
        m_paths.erase(peer);
    }
}

uint32_t
IkeService::QuickModeLimit() const
{
    return m_pfs == IkePfs::MASTER ? 1 : m_quickModesPerMainMode;
}

void
IkeService::DeleteIfUsedUp(uint64_t cookieI, uint64_t cookieR, Ipv4Address peer)
{
    IkeMainModeSa* sa = FindMainModeSa(cookieI, cookieR, peer);
    if (!sa || !sa->IsEstablished() || !sa->IsUsedUp() || sa->GetQuickModesUnderWay() != 0 ||
        m_losingAddresses)
    {
        return; // (an address going takes its main mode SAs with it, without a delete)
    }
    // A quick mode this node started is over for the peer only once its third message has
    // arrived; until it has settled it may still have to answer a repeated second message.
    // The quick mode's responder knows at once, so normally it deletes and this node follows.
    for (const IkeQuickModeSa* pair : QuickModeSasOf(peer))
    {
        if (pair->task && pair->initiator && pair->cookieI == cookieI && pair->peer == peer)
        {
            return;
        }
    }
    m_informational.SendDelete(*sa);
    m_mainModeDeleted(peer, "used-up");
    ForgetMainModeSa(sa->GetKey());
}

void
IkeService::MainModeSaDeletedByPeer(IkeMainModeSa::Key key)
{
    IkeMainModeSa* sa = FindMainModeSa(key);
    if (!sa)
    {
        return;
    }
    std::vector<uint64_t> underWay;
    for (const IkeQuickModeSa* pair : QuickModeSasOf(sa->peer))
    {
        if (!pair->IsEstablished() && pair->cookieI == sa->cookieI && pair->peer == sa->peer)
        {
            underWay.push_back(pair->id);
        }
    }
    m_mainModeDeleted(sa->peer, "peer-delete");
    ForgetMainModeSa(key);
    // They cannot finish: the peer will not answer under an SA it no longer has.
    for (uint64_t id : underWay)
    {
        IkeQuickModeTask::Fail(*this, id, IkeFailure{IkeFailureReason::MAIN_MODE_DELETED, ""});
    }
}

void
IkeService::StartMainModeLifetime(IkeMainModeSa& sa, Time lifetime)
{
    m_mainModeTimers.Add(sa, MAIN_MODE_LIFETIME, lifetime);
}

void
IkeService::MainModeTimeReached(IpsecTimed& timed, uint8_t /* kind: its lifetime */)
{
    IkeMainModeSa::Key key = static_cast<IkeMainModeSa&>(timed).GetKey();
    IkeMainModeSa* sa = FindMainModeSa(key);
    if (!sa)
    {
        return;
    }
    // Quick mode SAs outlive their main mode SA; the next quick mode needs a new main mode.
    m_mainModeDeleted(sa->peer, "lifetime");
    ForgetMainModeSa(key);
}

IkeQuickModeSa*
IkeService::FindQuickModeSa(uint32_t messageId, Ipv4Address peer)
{
    auto it = m_quickModeSasByMessage.find({messageId, peer.Get()});
    return it == m_quickModeSasByMessage.end() ? nullptr : m_quickModeSas.at(it->second).get();
}

IkeQuickModeSa*
IkeService::FindQuickModeSaById(uint64_t id)
{
    auto it = m_quickModeSas.find(id);
    return it == m_quickModeSas.end() ? nullptr : it->second.get();
}

std::vector<IkeQuickModeSa*>
IkeService::QuickModeSasOf(Ipv4Address peer, uint64_t after) const
{
    // The peer's pairs in id order, as a walk over m_quickModeSas would meet them.
    std::vector<IkeQuickModeSa*> sas;
    for (auto it = m_quickModeSasByPeer.lower_bound({peer.Get(), after + 1});
         it != m_quickModeSasByPeer.end() && it->first == peer.Get();
         ++it)
    {
        sas.push_back(m_quickModeSas.at(it->second).get());
    }
    return sas;
}

IkeQuickModeSa*
IkeService::FindQuickModeSaBySpi(uint32_t spi, Ipv4Address peer)
{
    for (IkeQuickModeSa* sa : QuickModeSasOf(peer))
    {
        if ((sa->spiOut == spi || sa->spiIn == spi) && sa->peer == peer && sa->IsEstablished())
        {
            return sa;
        }
    }
    return nullptr;
}

std::vector<uint64_t>
IkeService::FindQuickModesUnderWay(Ipv4Address peer, uint64_t cookieI, uint64_t cookieR) const
{
    std::vector<uint64_t> ids;
    for (const IkeQuickModeSa* sa : QuickModeSasOf(peer))
    {
        // Either role: a responder waiting for message 3 is under way too.
        if (sa->peer == peer && sa->cookieI == cookieI && sa->cookieR == cookieR &&
            !sa->IsEstablished())
        {
            ids.push_back(sa->id);
        }
    }
    return ids;
}

void
IkeService::AddQuickModeSa(std::unique_ptr<IkeQuickModeSa> sa)
{
    // Both tasks set the pair's peer before adding it, and it never changes.
    m_quickModeSasByPeer.insert({sa->peer.Get(), sa->id});
    m_quickModeSasByMessage[{sa->messageId, sa->peer.Get()}] = sa->id;
    uint64_t id = sa->id;
    m_quickModeSas[id] = std::move(sa);
}

std::unique_ptr<IkeQuickModeSa>
IkeService::TakeQuickModeSa(uint64_t id)
{
    auto it = m_quickModeSas.find(id);
    if (it == m_quickModeSas.end())
    {
        return nullptr;
    }
    std::unique_ptr<IkeQuickModeSa> sa = std::move(it->second);
    m_quickModeSas.erase(it);
    m_quickModeSasByPeer.erase({sa->peer.Get(), id});
    m_quickModeTimers.Remove(*sa);
    ForgetMessageId(*sa);
    m_spisInUse.erase(sa->spiIn);
    if (m_defaultResponseFilters.count(sa->filterId) != 0 && !m_filterCheck.IsRunning())
    {
        // Once the pair's SAs are gone too (the caller deletes them): not from inside a
        // driver callback, which may be removing the filter itself.
        m_filterCheck =
            Simulator::ScheduleNow(&IkeService::RemoveUnusedDefaultResponseFilters, this);
    }
    QuickModeEnded(*sa, false);
    return sa;
}

void
IkeService::ForgetMessageId(const IkeQuickModeSa& sa)
{
    // Another quick mode with the same peer may have drawn the same message ID since.
    auto it = m_quickModeSasByMessage.find({sa.messageId, sa.peer.Get()});
    if (it != m_quickModeSasByMessage.end() && it->second == sa.id)
    {
        m_quickModeSasByMessage.erase(it);
    }
}

void
IkeService::QuickModeEnded(IkeQuickModeSa& sa, bool succeeded)
{
    if (!sa.underMainMode)
    {
        return;
    }
    sa.underMainMode = false;
    if (IkeMainModeSa* mainModeSa = FindMainModeSa(sa.cookieI, sa.cookieR, sa.peer))
    {
        mainModeSa->QuickModeEnded(succeeded);
        DeleteIfUsedUp(sa.cookieI, sa.cookieR, sa.peer);
    }
}

void
IkeService::AddDefaultResponseFilter(uint32_t filterId)
{
    if (filterId != 0)
    {
        m_defaultResponseFilters.insert(filterId);
    }
}

void
IkeService::RemoveUnusedDefaultResponseFilters()
{
    std::set<uint32_t> inUse;
    for (const auto& [id, sa] : m_quickModeSas)
    {
        inUse.insert(sa->filterId);
    }
    for (auto it = m_defaultResponseFilters.begin(); it != m_defaultResponseFilters.end();)
    {
        if (inUse.count(*it) != 0)
        {
            ++it;
            continue;
        }
        // Windows: the dynamic filter times out with the quick mode SAs it was made for.
        uint32_t filterId = *it;
        it = m_defaultResponseFilters.erase(it);
        m_driver->RemoveFilter(filterId); // false if the policy removed it already
    }
}

void
IkeService::QuickModeSaEstablished(IkeQuickModeSa& sa)
{
    if (!m_idleTimeout.IsZero())
    {
        ScheduleIdleCheck(sa, m_idleTimeout);
    }
    if (sa.rekeyOf != 0)
    {
        if (IkeQuickModeSa* old = FindQuickModeSaById(sa.rekeyOf))
        {
            old->rekeying = false;
            old->replaced = true;
            ++m_counters.rekeys;
            m_rekeyed(sa.peer,
                      "replaced after " +
                          std::to_string((Simulator::Now() - old->established).GetSeconds()) +
                          " s");
            if (!m_quickModeTimers.IsQueued(*old, LINGER_END))
            {
                m_quickModeTimers.Add(*old, LINGER_END, m_rekeyLinger);
            }
        }
    }
    ForgetBackoff(sa.trafficPeer.Get());
    // Real SAs replace a soft SA with the peer (it became IPsec-capable).
    m_driver->DeleteSoftSa(sa.filterId, sa.trafficPeer, IpsecSoftSaEndReason::SECURED);
    m_driver->ReleaseHeld(sa.filterId, sa.trafficPeer);
}

void
IkeService::QuickModeSaFailed(const IkeQuickModeSa& sa, const std::string& reason)
{
    if (sa.rekeyOf != 0)
    {
        if (IkeQuickModeSa* old = FindQuickModeSaById(sa.rekeyOf))
        {
            old->rekeying = false; // the old pair serves until its hard limit
        }
    }
    if (sa.initiator)
    {
        FailRequest({sa.filterId, sa.trafficPeer, sa.selector, 0}, reason, PeerAnswer::IKE);
    }
}

void
IkeService::ScheduleIdleCheck(IkeQuickModeSa& sa, Time delay)
{
    m_quickModeTimers.Remove(sa, IDLE_CHECK);
    m_quickModeTimers.Add(sa, IDLE_CHECK, delay);
}

void
IkeService::QuickModeTimeReached(IpsecTimed& timed, uint8_t kind)
{
    uint64_t id = static_cast<IkeQuickModeSa&>(timed).id;
    if (kind == IDLE_CHECK)
    {
        IdleCheck(id);
    }
    else
    {
        DeleteQuickModeSa(id, IpsecSaDeleteReason::REKEYED, true);
    }
}

void
IkeService::IdleCheck(uint64_t id)
{
    IkeQuickModeSa* sa = FindQuickModeSaById(id);
    if (!sa)
    {
        return;
    }
    Time last = sa->established;
    for (const Ptr<IpsecSa>& ipsecSa : {sa->inbound, sa->outbound})
    {
        if (ipsecSa)
        {
            last = std::max(last, ipsecSa->GetLastUseTime());
        }
    }
    Time idle = Simulator::Now() - last;
    if (idle >= m_idleTimeout)
    {
        DeleteQuickModeSa(id, IpsecSaDeleteReason::IDLE, true);
        return;
    }
    ScheduleIdleCheck(*sa, m_idleTimeout - idle);
}

void
IkeService::SaExpiring(Ptr<const IpsecSa> ipsecSa, IpsecSaExpiringReason /* reason */)
{
    NS_LOG_FUNCTION(this << ipsecSa->GetSpi());
    IkeQuickModeSa* sa = FindQuickModeSaOf(ipsecSa);
    if (!sa || !sa->IsEstablished() || sa->rekeying || sa->replaced)
    {
        return;
    }
    // The peer may have rekeyed first: a newer pair (or one being negotiated) is enough. Such
    // a pair has the same IKE peer: the filter and traffic peer determine it (the traffic
    // peer itself in transport mode, the filter's tunnel endpoint in tunnel mode).
    for (const IkeQuickModeSa* record : QuickModeSasOf(sa->peer, sa->id))
    {
        if (record->filterId == sa->filterId && record->trafficPeer == sa->trafficPeer)
        {
            return;
        }
    }
    sa->rekeying = true;
    IkeQuickModeRequest request{sa->filterId, sa->trafficPeer, sa->selector, sa->id};
    if (IkeMainModeSa* mainModeSa = FindUsableMainModeSa(sa->peer))
    {
        IkeQuickModeTask::Initiate(*this, *mainModeSa, request);
        return;
    }
    IkeMainModeTask::Initiate(*this, request);
}

void
IkeService::SaDeleted(Ptr<const IpsecSa> ipsecSa, IpsecSaDeleteReason reason)
{
    NS_LOG_FUNCTION(this << ipsecSa->GetSpi() << reason);
    if (IkeQuickModeSa* record = FindQuickModeSaOf(ipsecSa))
    {
        // A hard limit ends the peer's copy at the same moment; a policy change is this
        // node's own decision, so the peer is told.
        DeleteQuickModeSa(record->id, reason, reason == IpsecSaDeleteReason::POLICY_CHANGE);
    }
}

IkeQuickModeSa*
IkeService::FindQuickModeSaOf(const Ptr<const IpsecSa>& ipsecSa)
{
    // A pair's SAs are made from its own addresses (IkeQuickModeTask::InstallSas): the inbound
    // SA comes from the peer, the outbound one goes to it; so only the peer's pairs can hold
    // this SA.
    const IpsecSaConfig& c = ipsecSa->GetConfig();
    Ipv4Address peer = ipsecSa->IsInbound() ? c.source : c.destination;
    for (IkeQuickModeSa* record : QuickModeSasOf(peer))
    {
        if (record->inbound == ipsecSa || record->outbound == ipsecSa)
        {
            return record;
        }
    }
    return nullptr;
}

void
IkeService::DeleteQuickModeSa(uint64_t id, IpsecSaDeleteReason reason, bool notifyPeer)
{
    // Out of the table first: the driver's SaDeleted trace comes back here.
    std::unique_ptr<IkeQuickModeSa> sa = TakeQuickModeSa(id);
    if (!sa)
    {
        return;
    }
    sa->task.reset(); // and its timers (TakeQuickModeSa took out its deadlines)
    if (notifyPeer && sa->IsEstablished())
    {
        m_informational.SendDelete(*sa);
    }
    for (const Ptr<IpsecSa>& ipsecSa : {sa->inbound, sa->outbound})
    {
        if (ipsecSa && ipsecSa->GetState() != IpsecSaState::DEAD)
        {
            m_driver->DeleteSa(ipsecSa, reason);
        }
    }
}

uint32_t
IkeService::DeleteQuickModeSas(Ipv4Address peer, IpsecSaDeleteReason reason)
{
    std::vector<uint64_t> ids;
    for (const IkeQuickModeSa* sa : QuickModeSasOf(peer))
    {
        if (sa->peer == peer && sa->IsEstablished())
        {
            ids.push_back(sa->id);
        }
    }
    for (uint64_t id : ids)
    {
        DeleteQuickModeSa(id, reason, true);
    }
    return static_cast<uint32_t>(ids.size());
}

void
IkeService::LocalAddressesRemoved(const std::vector<Ipv4Address>& removed)
{
    auto gone = [&removed](Ipv4Address a) {
        return std::find(removed.begin(), removed.end(), a) != removed.end();
    };
    m_losingAddresses = true;
    // Quick mode pairs: the driver deleted their SAs already; exchanges under way end here.
    std::vector<uint64_t> pairs;
    for (const auto& [id, sa] : m_quickModeSas)
    {
        if (gone(sa->local))
        {
            pairs.push_back(id);
        }
    }
    for (uint64_t id : pairs)
    {
        if (FindQuickModeSaById(id)->IsEstablished())
        {
            DeleteQuickModeSa(id, IpsecSaDeleteReason::ADDRESS_CHANGE, false);
        }
        else
        {
            IkeQuickModeTask::Fail(*this, id, IkeFailure{IkeFailureReason::ADDRESS_CHANGE, ""});
        }
    }
    std::vector<IkeMainModeSa::Key> mainModes;
    for (const auto& [key, sa] : m_mainModeSas)
    {
        if (gone(sa->local))
        {
            mainModes.push_back(key);
        }
    }
    for (const IkeMainModeSa::Key& key : mainModes)
    {
        IkeMainModeSa& sa = *m_mainModeSas.at(key);
        if (sa.IsEstablished())
        {
            m_mainModeDeleted(sa.peer, "address-change");
            ForgetMainModeSa(key);
        }
        else
        {
            sa.task->Fail(IkeFailure{IkeFailureReason::ADDRESS_CHANGE, ""},
                          IsakmpNotifyType::NONE);
        }
    }
    m_losingAddresses = false;
}

bool
IkeService::AllowsFallback(uint32_t filterId) const
{
    const IpsecSpdEntry* entry = m_driver->GetSpd().Find(filterId);
    return entry && entry->filter.fallbackToClear;
}

void
IkeService::FallBackToClear(const IkeQuickModeRequest& request, const std::string& why)
{
    ++m_counters.softSas;
    m_fellBack(request.peer, why);
    m_driver->AddSoftSa(request.filterId,
                        request.peer,
                        m_idleTimeout,
                        LocalAddressFor(request.peer));
    m_driver->ReleaseHeld(request.filterId, request.peer);
}

void
IkeService::FailRequest(const IkeQuickModeRequest& request,
                        const std::string& reason,
                        PeerAnswer answer)
{
    NS_LOG_INFO("node " << m_node->GetId() << ": no SAs for filter " << request.filterId
                        << " with " << request.peer << ": " << reason);
    // A silent peer means clear traffic if the filter allows it (under Windows 2000's rule
    // only if ICMP unreachable came back); a peer that answered only with the Simple Policy
    // Update (Server 2003 SP2 profile).
    bool icmpRule = GetFallbackRule() == IkeFallbackRule::ICMP_UNREACHABLE;
    bool fallBack = false;
    std::string why;
    switch (answer)
    {
    case PeerAnswer::IKE:
        fallBack = m_driver->IsFallbackAfterMismatchAllowed();
        why = "negotiation failed: " + reason;
        break;
    case PeerAnswer::ICMP_UNREACHABLE:
        fallBack = true;
        why = icmpRule ? "only ICMP unreachable" : "no IKE answer";
        break;
    case PeerAnswer::NOTHING:
        fallBack = !icmpRule;
        why = "no IKE answer";
        break;
    }
    if (fallBack && AllowsFallback(request.filterId))
    {
        FallBackToClear(request, why);
        return;
    }
    if (!m_losingAddresses)
    {
        // Losing this node's own address says nothing about the peer: no back-off for it.
        StartBackoff(request.peer);
    }
    m_driver->DropHeld(request.filterId, request.peer);
}

} // namespace ns3
