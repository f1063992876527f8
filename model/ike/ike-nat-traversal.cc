/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ike-nat-traversal.h"

#include "ike-main-mode-sa.h"

#include "ns3/log.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("IkeNatTraversal");

namespace
{

/** \return the vendor ID's bytes from its hex text */
std::vector<uint8_t>
FromHex(const char* hex)
{
    std::vector<uint8_t> bytes;
    for (size_t i = 0; hex[i] != 0 && hex[i + 1] != 0; i += 2)
    {
        bytes.push_back(static_cast<uint8_t>(std::stoi(std::string(hex + i, 2), nullptr, 16)));
    }
    return bytes;
}

/** \return the dialect a vendor ID announces, NONE for any other vendor ID */
IkeNatTVersion
DialectOf(const std::vector<uint8_t>& vid)
{
    if (vid == IkeNatTVendorIdBytes(IkeNatTVendorId::RFC_3947))
    {
        return IkeNatTVersion::RFC_3947;
    }
    if (vid == IkeNatTVendorIdBytes(IkeNatTVendorId::DRAFT_02) ||
        vid == IkeNatTVendorIdBytes(IkeNatTVendorId::DRAFT_02_NEWLINE))
    {
        return IkeNatTVersion::DRAFT_02;
    }
    return IkeNatTVersion::NONE;
}

/** \return the best dialect among a message's vendor IDs */
IkeNatTVersion
BestDialect(const IsakmpMessage& message, bool& newline)
{
    IkeNatTVersion best = IkeNatTVersion::NONE;
    newline = false;
    for (const IsakmpPayload& payload : message.GetPayloads())
    {
        if (const auto* vid = std::get_if<IsakmpVendorIdPayload>(&payload))
        {
            IkeNatTVersion v = DialectOf(vid->data);
            newline =
                newline || vid->data == IkeNatTVendorIdBytes(IkeNatTVendorId::DRAFT_02_NEWLINE);
            if (static_cast<uint8_t>(v) > static_cast<uint8_t>(best))
            {
                best = v;
            }
        }
    }
    return best;
}

/** \return the data of a message's NAT-D payloads of the dialect, in order */
std::vector<std::vector<uint8_t>>
NatDOf(const IsakmpMessage& message, IkeNatTVersion version)
{
    std::vector<std::vector<uint8_t>> hashes;
    for (const IsakmpPayload& payload : message.GetPayloads())
    {
        if (version == IkeNatTVersion::RFC_3947)
        {
            if (const auto* d = std::get_if<IsakmpNatDPayload>(&payload))
            {
                hashes.push_back(d->data);
            }
        }
        else if (const auto* d = std::get_if<IsakmpNatDDraftPayload>(&payload))
        {
            hashes.push_back(d->data);
        }
    }
    return hashes;
}

} // namespace

std::string
IkeNatTVersionToString(IkeNatTVersion version)
{
    switch (version)
    {
    case IkeNatTVersion::NONE:
        return "none";
    case IkeNatTVersion::DRAFT_02:
        return "draft-02";
    case IkeNatTVersion::RFC_3947:
        return "rfc3947";
    }
    return "?";
}

std::vector<uint8_t>
IkeNatTVendorIdBytes(IkeNatTVendorId id)
{
    switch (id)
    {
    case IkeNatTVendorId::RFC_3947:
        return FromHex("4a131c81070358455c5728f20e95452f");
    case IkeNatTVendorId::DRAFT_02:
        return FromHex("cd60464335df21f87cfdb2fc68b6a448");
    case IkeNatTVendorId::DRAFT_02_NEWLINE:
        return FromHex("90cb80913ebb696e086381b5ec427b1f");
    }
    return {};
}

std::vector<uint8_t>
IkeNatDHash(
    IkeHashAlgorithm hash, uint64_t cookieI, uint64_t cookieR, Ipv4Address address, uint16_t port)
{
    std::vector<uint8_t> data;
    for (uint64_t cookie : {cookieI, cookieR})
    {
        for (int shift = 56; shift >= 0; shift -= 8)
        {
            data.push_back(static_cast<uint8_t>(cookie >> shift));
        }
    }
    uint8_t a[4];
    address.Serialize(a);
    data.insert(data.end(), a, a + 4);
    data.push_back(static_cast<uint8_t>(port >> 8));
    data.push_back(static_cast<uint8_t>(port));
    return IkeHash(hash, data);
}

std::string
IkeNatTState::ToString() const
{
    std::string text = IkeNatTVersionToString(version);
    if (localBehindNat)
    {
        text += " local-behind-nat";
    }
    if (peerBehindNat)
    {
        text += " peer-behind-nat";
    }
    if (version != IkeNatTVersion::NONE && !localBehindNat && !peerBehindNat)
    {
        text += " no-nat";
    }
    return text;
}

IkeNatTraversalTask::IkeNatTraversalTask(IkeMainModeSa& sa,
                                         bool enabled,
                                         std::function<IkeNatTEndpoints()> sending,
                                         std::function<IkeNatTEndpoints()> received)
    : m_sa(sa)
    , m_enabled(enabled)
    , m_sending(std::move(sending))
    , m_received(std::move(received))
{
}

void
IkeNatTraversalTask::Build(uint8_t number, IsakmpMessage& message)
{
    if (!m_enabled)
    {
        return; // Windows 2000: no vendor ID, no NAT-D
    }
    switch (number)
    {
    case 1:
        // What Windows XP SP2 and Server 2003 announce: RFC 3947 and both spellings
        // of draft-02.
        for (IkeNatTVendorId id : {IkeNatTVendorId::RFC_3947,
                                   IkeNatTVendorId::DRAFT_02_NEWLINE,
                                   IkeNatTVendorId::DRAFT_02})
        {
            message.AddPayload(IsakmpVendorIdPayload{{IkeNatTVendorIdBytes(id)}});
        }
        return;
    case 2:
        if (m_peerBest != IkeNatTVersion::NONE)
        {
            // The responder names the one dialect it will speak (RFC 3947 3.1).
            m_sa.natT.version = m_peerBest;
            IkeNatTVendorId id = m_peerBest == IkeNatTVersion::RFC_3947 ? IkeNatTVendorId::RFC_3947
                                 : m_peerNewline ? IkeNatTVendorId::DRAFT_02_NEWLINE
                                                 : IkeNatTVendorId::DRAFT_02;
            message.AddPayload(IsakmpVendorIdPayload{{IkeNatTVendorIdBytes(id)}});
        }
        return;
    case 3:
    case 4:
        if (m_sa.natT.version != IkeNatTVersion::NONE)
        {
            AddNatD(message);
        }
        return;
    default:
        return;
    }
}

void
IkeNatTraversalTask::AddNatD(IsakmpMessage& message) const
{
    IkeNatTEndpoints e = m_sending();
    IkeHashAlgorithm hash = m_sa.terms.method.hash;
    std::vector<uint8_t> destination =
        IkeNatDHash(hash, m_sa.cookieI, m_sa.cookieR, e.peer, e.peerPort);
    std::vector<uint8_t> source =
        IkeNatDHash(hash, m_sa.cookieI, m_sa.cookieR, e.local, e.localPort);
    if (m_sa.natT.version == IkeNatTVersion::RFC_3947)
    {
        message.AddPayload(IsakmpNatDPayload{{destination}});
        message.AddPayload(IsakmpNatDPayload{{source}});
    }
    else
    {
        message.AddPayload(IsakmpNatDDraftPayload{{destination}});
        message.AddPayload(IsakmpNatDDraftPayload{{source}});
    }
}

void
IkeNatTraversalTask::Process(uint8_t number, const IsakmpMessage& message)
{
    if (!m_enabled)
    {
        return; // vendor IDs of others are ignored, as any unknown vendor ID
    }
    bool newline = false;
    switch (number)
    {
    case 1:
        m_peerBest = BestDialect(message, newline);
        m_peerNewline = newline;
        return;
    case 2:
    {
        // The responder must name one we announced (all of ours): take its best.
        m_sa.natT.version = BestDialect(message, newline);
        return;
    }
    case 3:
    case 4:
    {
        if (m_sa.natT.version == IkeNatTVersion::NONE)
        {
            return;
        }
        std::vector<std::vector<uint8_t>> hashes = NatDOf(message, m_sa.natT.version);
        if (hashes.size() < 2)
        {
            // A peer that announced NAT-T but sends no NAT-D: no NAT traversal after
            // all.
            NS_LOG_INFO("peer " << m_sa.peer << " sent " << hashes.size()
                                << " NAT-D payloads: NAT traversal off");
            m_sa.natT.version = IkeNatTVersion::NONE;
            return;
        }
        IkeNatTEndpoints r = m_received();
        IkeHashAlgorithm hash = m_sa.terms.method.hash;
        // The first NAT-D is how the sender saw this node; the rest how it saw
        // itself.
        m_sa.natT.localBehindNat =
            hashes.front() != IkeNatDHash(hash, m_sa.cookieI, m_sa.cookieR, r.local, r.localPort);
        std::vector<uint8_t> peer =
            IkeNatDHash(hash, m_sa.cookieI, m_sa.cookieR, r.peer, r.peerPort);
        bool peerSeen = false;
        for (size_t i = 1; i < hashes.size(); ++i)
        {
            peerSeen = peerSeen || hashes[i] == peer;
        }
        m_sa.natT.peerBehindNat = !peerSeen;
        m_sa.natT.natDExchanged = true;
        NS_LOG_INFO("NAT detection with " << m_sa.peer << ": " << m_sa.natT.ToString());
        return;
    }
    default:
        return;
    }
}

} // namespace ns3
