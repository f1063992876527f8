/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ipsec-handoff-log.h"

#include <algorithm>
#include <iomanip>

namespace ns3
{

std::optional<double>
IpsecHandoff::Outage() const
{
    if (!firstDelivery)
    {
        return std::nullopt;
    }
    return *firstDelivery - linkLost;
}

std::optional<double>
IpsecHandoff::Layer2() const
{
    if (!assoc || !firstDelivery)
    {
        return std::nullopt;
    }
    return *assoc - linkLost;
}

std::optional<double>
IpsecHandoff::Dhcp() const
{
    if (!assoc || !firstDelivery)
    {
        return std::nullopt;
    }
    return address ? *address - *assoc : 0.0;
}

std::optional<double>
IpsecHandoff::Ike() const
{
    if (!assoc || !firstDelivery)
    {
        return std::nullopt;
    }
    return *firstDelivery - (address ? *address : *assoc) - kerberosSeconds;
}

std::optional<double>
IpsecHandoff::Kerberos() const
{
    if (!assoc || !firstDelivery)
    {
        return std::nullopt;
    }
    return kerberosSeconds;
}

double
IpsecHandoff::ReadyTime() const
{
    double ready = assoc.value_or(linkLost);
    for (const auto& step : {address, mainModeDone, quickModeDone})
    {
        if (step)
        {
            ready = std::max(ready, *step);
        }
    }
    return ready;
}

void
IpsecHandoffLog::LinkLost(double lastBeacon, double detected)
{
    if (m_everAssociated)
    {
        IpsecHandoff h;
        h.linkLost = lastBeacon;
        h.detected = detected;
        m_handoffs.push_back(h);
    }
}

void
IpsecHandoffLog::Associated(double t)
{
    m_everAssociated = true;
    if (!m_handoffs.empty() && !m_handoffs.back().assoc)
    {
        m_handoffs.back().assoc = t;
    }
}

void
IpsecHandoffLog::NewAddress(double t)
{
    // A lease before the association of this handoff cannot exist (the client restarts on
    // link up); a renewal after the first one is not a step of the handoff.
    if (!m_handoffs.empty() && m_handoffs.back().assoc && !m_handoffs.back().address)
    {
        m_handoffs.back().address = t;
    }
}

void
IpsecHandoffLog::MainModeDone(double t)
{
    if (!m_handoffs.empty() && m_handoffs.back().assoc && !m_handoffs.back().mainModeDone)
    {
        m_handoffs.back().mainModeDone = t;
    }
}

void
IpsecHandoffLog::QuickModeDone(double t)
{
    if (!m_handoffs.empty() && m_handoffs.back().assoc && !m_handoffs.back().quickModeDone)
    {
        m_handoffs.back().quickModeDone = t;
    }
}

void
IpsecHandoffLog::KerberosRequest(double t)
{
    if (m_kerberos.empty() || m_kerberos.back().end)
    {
        m_kerberos.push_back({t, std::nullopt});
    }
}

void
IpsecHandoffLog::KerberosReply(double t)
{
    if (!m_kerberos.empty() && !m_kerberos.back().end)
    {
        m_kerberos.back().end = t;
    }
}

void
IpsecHandoffLog::Delivered(double t, std::optional<uint64_t> seq)
{
    m_deliveries.push_back({t, seq});
}

std::vector<IpsecHandoff>
IpsecHandoffLog::GetHandoffs() const
{
    std::set<uint64_t> delivered;
    bool sequenced = false;
    for (const auto& d : m_deliveries)
    {
        if (d.seq)
        {
            sequenced = true;
            delivered.insert(*d.seq);
        }
    }
    std::vector<IpsecHandoff> out = m_handoffs;
    for (std::size_t i = 0; i < out.size(); ++i)
    {
        IpsecHandoff& h = out[i];
        if (!h.assoc)
        {
            continue;
        }
        // The window ends at the next loss: a handoff that did not complete before it never
        // completed.
        double end = i + 1 < out.size() ? out[i + 1].linkLost : 1e300;
        double ready = h.ReadyTime();
        std::optional<uint64_t> lastBefore;
        for (const auto& d : m_deliveries)
        {
            if (d.t < h.linkLost && d.seq)
            {
                lastBefore = std::max(lastBefore.value_or(0), *d.seq);
            }
            if (!h.firstDelivery && d.t >= ready && d.t < end)
            {
                h.firstDelivery = d.t;
                if (sequenced && d.seq)
                {
                    // Sequence numbers the sender used between the last delivery before the
                    // loss and the first one after it that never arrived at all.
                    uint64_t from = lastBefore ? *lastBefore + 1 : 0;
                    uint64_t lost = 0;
                    for (uint64_t s = from; s < *d.seq; ++s)
                    {
                        lost += delivered.count(s) ? 0 : 1;
                    }
                    h.lostPackets = lost;
                }
            }
        }
        if (h.firstDelivery)
        {
            // The Kerberos exchanges inside the IKE part: IKE waited for them (main mode
            // message 3 carries the ticket).
            double from = h.address ? *h.address : *h.assoc;
            for (const auto& e : m_kerberos)
            {
                double until = e.end.value_or(*h.firstDelivery);
                double overlap = std::min(until, *h.firstDelivery) - std::max(e.start, from);
                h.kerberosSeconds += overlap > 0 ? overlap : 0.0;
            }
        }
    }
    return out;
}

const char*
IpsecHandoffLog::CsvHeader()
{
    return "handoff,t_link_lost,t_assoc,t_address,t_mm_done,t_qm_done,t_first_delivery,"
           "outage_s,l2_s,dhcp_s,ike_s,kerberos_s,lost_packets";
}

namespace
{

template<typename T>
void
Field(std::ostream& os, const std::optional<T>& value)
{
    os << ',';
    if (value)
    {
        os << *value;
    }
}

} // namespace

void
IpsecHandoffLog::WriteCsv(const std::vector<IpsecHandoff>& handoffs, std::ostream& os)
{
    os << CsvHeader() << "\n" << std::setprecision(9);
    for (std::size_t i = 0; i < handoffs.size(); ++i)
    {
        const IpsecHandoff& h = handoffs[i];
        os << i + 1 << ',' << h.linkLost;
        Field(os, h.assoc);
        Field(os, h.address);
        Field(os, h.mainModeDone);
        Field(os, h.quickModeDone);
        Field(os, h.firstDelivery);
        Field(os, h.Outage());
        Field(os, h.Layer2());
        Field(os, h.Dhcp());
        Field(os, h.Ike());
        Field(os, h.Kerberos());
        Field(os, h.lostPackets);
        os << "\n";
    }
}

} // namespace ns3
