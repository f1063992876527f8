/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ipsec-ipv4-traces.h"

namespace ns3
{

namespace
{

// Ipv4L3Protocol keeps its TracedCallbacks private and gives no way to fire them from a
// subclass. Names used in an explicit instantiation are exempt from access checking
// ([temp.explicit]), which lets a friend defined by that instantiation hand out a pointer to
// each member: the types are spelled out, so a change in ns-3's header fails to compile.
using SentTrace = TracedCallback<const Ipv4Header&, Ptr<const Packet>, uint32_t>;
using DropTrace = TracedCallback<const Ipv4Header&,
                                 Ptr<const Packet>,
                                 Ipv4L3Protocol::DropReason,
                                 Ptr<Ipv4>,
                                 uint32_t>;

template <typename Key, typename Key::Type Ipv4L3Protocol::*Pointer>
struct Grant
{
    friend typename Key::Type Ipv4L3Protocol::*MemberPointer(Key)
    {
        return Pointer;
    }
};

struct SendOutgoingKey
{
    using Type = SentTrace;
    friend Type Ipv4L3Protocol::*MemberPointer(SendOutgoingKey);
};

struct UnicastForwardKey
{
    using Type = SentTrace;
    friend Type Ipv4L3Protocol::*MemberPointer(UnicastForwardKey);
};

struct LocalDeliverKey
{
    using Type = SentTrace;
    friend Type Ipv4L3Protocol::*MemberPointer(LocalDeliverKey);
};

struct RxKey
{
    using Type = TracedCallback<Ptr<const Packet>, Ptr<Ipv4>, uint32_t>;
    friend Type Ipv4L3Protocol::*MemberPointer(RxKey);
};

struct DropKey
{
    using Type = DropTrace;
    friend Type Ipv4L3Protocol::*MemberPointer(DropKey);
};

template struct Grant<SendOutgoingKey, &Ipv4L3Protocol::m_sendOutgoingTrace>;
template struct Grant<UnicastForwardKey, &Ipv4L3Protocol::m_unicastForwardTrace>;
template struct Grant<LocalDeliverKey, &Ipv4L3Protocol::m_localDeliverTrace>;
template struct Grant<DropKey, &Ipv4L3Protocol::m_dropTrace>;
template struct Grant<RxKey, &Ipv4L3Protocol::m_rxTrace>;

} // namespace

void
IpsecIpv4Traces::SendOutgoing(Ipv4L3Protocol& ipv4,
                              const Ipv4Header& header,
                              Ptr<const Packet> payload,
                              uint32_t interface)
{
    (ipv4.*MemberPointer(SendOutgoingKey{}))(header, payload, interface);
}

void
IpsecIpv4Traces::WithoutSendOutgoing(Ipv4L3Protocol& ipv4, const std::function<void()>& send)
{
    // The observers are set aside for the call and put back even if it throws.
    SentTrace& trace = ipv4.*MemberPointer(SendOutgoingKey{});
    struct Restore
    {
        SentTrace& trace;
        SentTrace saved;

        ~Restore()
        {
            trace = saved;
        }
    } restore{trace, trace};
    trace = SentTrace();
    send();
}

void
IpsecIpv4Traces::Rx(Ipv4L3Protocol& ipv4, Ptr<const Packet> packet, uint32_t interface)
{
    (ipv4.*MemberPointer(RxKey{}))(packet, &ipv4, interface);
}

void
IpsecIpv4Traces::UnicastForward(Ipv4L3Protocol& ipv4,
                                const Ipv4Header& header,
                                Ptr<const Packet> payload,
                                uint32_t interface)
{
    (ipv4.*MemberPointer(UnicastForwardKey{}))(header, payload, interface);
}

void
IpsecIpv4Traces::LocalDeliver(Ipv4L3Protocol& ipv4,
                              const Ipv4Header& header,
                              Ptr<const Packet> payload,
                              uint32_t interface)
{
    (ipv4.*MemberPointer(LocalDeliverKey{}))(header, payload, interface);
}

void
IpsecIpv4Traces::Drop(Ipv4L3Protocol& ipv4,
                      const Ipv4Header& header,
                      Ptr<const Packet> payload,
                      IpsecDropReason reason,
                      uint32_t interface)
{
    (ipv4.*MemberPointer(DropKey{}))(header, payload, DropReasonFor(reason), &ipv4, interface);
}

Ipv4L3Protocol::DropReason
IpsecIpv4Traces::DropReasonFor(IpsecDropReason reason)
{
    return reason == IpsecDropReason::NO_ROUTE ? Ipv4L3Protocol::DROP_NO_ROUTE
                                               : Ipv4L3Protocol::DROP_ROUTE_ERROR;
}

} // namespace ns3
