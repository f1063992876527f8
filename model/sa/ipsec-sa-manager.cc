/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ipsec-sa-manager.h"

#include "ns3/log.h"

#include "ns3/ipsec-config-error.h"
#include "ns3/simulator.h"

#include <algorithm>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("IpsecSaManager");

IpsecSaManager::IpsecSaManager()
{
    m_softSas.SetExpiredCallback(MakeCallback(&IpsecSaManager::SoftSaEnded, this));
    m_lifetimes.SetExpiredCallback(MakeCallback(&IpsecSaManager::TimeLimitReached, this));
}

IpsecSaManager::~IpsecSaManager()
{
    Clear();
}

void
IpsecSaManager::SetEventCallbacks(ExpiringEvent expiring,
                                  DeletedEvent deleted,
                                  SoftSaEvent softSa)
{
    m_expiring = expiring;
    m_deleted = deleted;
    m_softSaEvent = softSa;
}

void
IpsecSaManager::Clear()
{
    NS_LOG_FUNCTION(this);
    m_softSas.Clear();
    m_held.Clear();
    m_keyManager = nullptr;
    m_lifetimes.Clear(); // before the SAs it points to go
    m_sad.Clear();
}

Ptr<IpsecSa>
IpsecSaManager::Install(const IpsecSaConfig& config,
                        bool inbound,
                        uint32_t filterId,
                        Ipv4Address peer)
{
    NS_LOG_FUNCTION(this << config.spi << inbound << filterId << peer);
    Ptr<IpsecSa> sa = Create<IpsecSa>(config, inbound, Simulator::Now());
    sa->SetFilterId(filterId);
    if (inbound)
    {
        if (!m_sad.AddInbound(sa))
        {
            throw IpsecConfigError("spi",
                                   "an inbound SA with this SPI and destination already exists");
        }
    }
    else
    {
        m_sad.AddOutbound(sa, filterId, peer == Ipv4Address::GetAny() ? config.destination : peer);
    }
    const IpsecLifetime& life = config.lifetime;
    if (!life.softTime.IsZero())
    {
        m_lifetimes.Add(*sa, SOFT_LIFETIME, life.softTime);
    }
    if (!life.hardTime.IsZero())
    {
        m_lifetimes.Add(*sa, HARD_LIFETIME, life.hardTime);
    }
    return sa;
}

void
IpsecSaManager::DeleteSa(const Ptr<IpsecSa>& sa, IpsecSaDeleteReason reason)
{
    NS_LOG_FUNCTION(this << sa->GetSpi() << reason);
    if (!m_sad.Remove(sa))
    {
        return;
    }
    m_lifetimes.Remove(*sa);
    sa->SetState(IpsecSaState::DEAD);
    if (!m_deleted.IsNull())
    {
        m_deleted(sa, reason);
    }
}

void
IpsecSaManager::DeleteFilterSas(uint32_t filterId)
{
    NS_LOG_FUNCTION(this << filterId);
    // Windows: packets are lost until new SAs are negotiated under what the policy now says.
    for (const Ptr<IpsecSa>& sa : m_sad.GetFilterSas(filterId))
    {
        DeleteSa(sa, IpsecSaDeleteReason::POLICY_CHANGE);
    }
}

void
IpsecSaManager::LocalAddressesRemoved(const std::vector<Ipv4Address>& removed)
{
    // SAs bound to an address the node no longer has are invalid at once (roaming, a new DHCP
    // lease); IKEv1 has no way to move them.
    for (const Ptr<IpsecSa>& sa : m_sad.GetAll())
    {
        const IpsecSaConfig& c = sa->GetConfig();
        Ipv4Address mine = sa->IsInbound() ? c.destination : c.source;
        if (std::find(removed.begin(), removed.end(), mine) != removed.end())
        {
            DeleteSa(sa, IpsecSaDeleteReason::ADDRESS_CHANGE);
        }
    }
    // Soft SAs made from a lost address go the same way: left to idle out, they would keep
    // the new address's traffic in the clear without asking whether the peer (or the path
    // from the new address) can now do IPsec.
    for (const auto& [filterId, peer] : m_softSas.RemoveLocal(removed))
    {
        if (!m_softSaEvent.IsNull())
        {
            m_softSaEvent(peer,
                          filterId,
                          "deleted: " +
                              IpsecSoftSaEndReasonToString(IpsecSoftSaEndReason::ADDRESS_CHANGE));
        }
    }
    if (m_keyManager)
    {
        m_keyManager->LocalAddressesRemoved(removed);
    }
}

void
IpsecSaManager::LifetimeSoftLimitReached(const Ptr<IpsecSa>& sa, IpsecSaExpiringReason reason)
{
    if (sa->GetState() != IpsecSaState::MATURE)
    {
        return;
    }
    NS_LOG_LOGIC("SA " << sa->GetSpi() << " expiring: " << reason);
    sa->SetState(IpsecSaState::DYING);
    if (!m_expiring.IsNull())
    {
        m_expiring(sa, reason);
    }
}

void
IpsecSaManager::TimeLimitReached(IpsecTimed& timed, uint8_t kind)
{
    // Only SAs are in m_lifetimes; the reference keeps the SA alive while it is deleted.
    Ptr<IpsecSa> sa(static_cast<IpsecSa*>(&timed));
    if (kind == SOFT_LIFETIME)
    {
        LifetimeSoftLimitReached(sa, IpsecSaExpiringReason::SOFT_TIME);
    }
    else
    {
        DeleteSa(sa, IpsecSaDeleteReason::HARD_TIME);
    }
}

void
IpsecSaManager::AddSoftSa(uint32_t filterId, Ipv4Address peer, Time idleTimeout, Ipv4Address local)
{
    NS_LOG_FUNCTION(this << filterId << peer << idleTimeout << local);
    m_softSas.Add(filterId, peer, idleTimeout, local);
    if (!m_softSaEvent.IsNull())
    {
        m_softSaEvent(peer, filterId, "installed");
    }
}

void
IpsecSaManager::UseSoftSa(uint32_t filterId, Ipv4Address peer)
{
    m_softSas.Use(filterId, peer);
}

void
IpsecSaManager::DeleteSoftSa(uint32_t filterId, Ipv4Address peer, IpsecSoftSaEndReason reason)
{
    NS_LOG_FUNCTION(this << filterId << peer << reason);
    if (m_softSas.Remove(filterId, peer) && !m_softSaEvent.IsNull())
    {
        m_softSaEvent(peer, filterId, "deleted: " + IpsecSoftSaEndReasonToString(reason));
    }
}

void
IpsecSaManager::SoftSaEnded(uint32_t filterId, Ipv4Address peer, IpsecSoftSaEndReason reason)
{
    NS_LOG_LOGIC("soft SA of filter " << filterId << " with " << peer << " ended: " << reason);
    if (!m_softSaEvent.IsNull())
    {
        m_softSaEvent(peer, filterId, "deleted: " + IpsecSoftSaEndReasonToString(reason));
    }
}

void
IpsecSaManager::DeleteFilterSoftSas(uint32_t filterId)
{
    NS_LOG_FUNCTION(this << filterId);
    m_softSas.RemoveFilter(filterId);
}

size_t
IpsecSaManager::GetNSoftSas() const
{
    return m_softSas.GetN();
}

void
IpsecSaManager::SetKeyManager(Ptr<IpsecKeyManager> keyManager)
{
    NS_LOG_FUNCTION(this << keyManager);
    m_keyManager = keyManager;
}

Ptr<IpsecKeyManager>
IpsecSaManager::GetKeyManager() const
{
    return m_keyManager;
}

void
IpsecSaManager::Acquire(uint32_t filterId, Ipv4Address peer, const IpsecPacketSelector& selector)
{
    NS_LOG_FUNCTION(this << filterId << peer << selector);
    if (m_keyManager)
    {
        m_keyManager->Acquire(filterId, peer, selector);
    }
}

void
IpsecSaManager::SetHoldCapacity(uint32_t capacity)
{
    NS_LOG_FUNCTION(this << capacity);
    m_holdCapacity = capacity;
}

uint32_t
IpsecSaManager::GetHoldCapacity() const
{
    return m_holdCapacity;
}

bool
IpsecSaManager::IsHolding(uint32_t filterId, Ipv4Address peer) const
{
    return m_held.IsWaiting(filterId, peer);
}

bool
IpsecSaManager::Hold(uint32_t filterId, Ipv4Address peer, IpsecNegotiationQueue::Held held)
{
    if (m_held.Hold(filterId, peer, std::move(held), m_holdCapacity))
    {
        return true;
    }
    NS_LOG_LOGIC("hold queue of filter " << filterId << " with " << peer << " full");
    return false;
}

std::vector<IpsecNegotiationQueue::Held>
IpsecSaManager::TakeHeld(uint32_t filterId, Ipv4Address peer)
{
    return m_held.Take(filterId, peer);
}

size_t
IpsecSaManager::GetNHeld() const
{
    return m_held.GetN();
}

} // namespace ns3
