/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "media-sense-dhcp-client.h"

#include "ns3/dhcp-header.h"
#include "ns3/inet-socket-address.h"
#include "ns3/ipv4-routing-table-entry.h"
#include "ns3/ipv4-static-routing-helper.h"
#include "ns3/ipv4.h"
#include "ns3/log.h"
#include "ns3/node.h"
#include "ns3/packet.h"
#include "ns3/simulator.h"
#include "ns3/udp-socket-factory.h"
#include "ns3/uinteger.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("MediaSenseDhcpClient");
NS_OBJECT_ENSURE_REGISTERED(MediaSenseDhcpClient);

namespace
{
const uint16_t kClientPort = 68;
const uint16_t kServerPort = 67;
} // namespace

TypeId
MediaSenseDhcpClient::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::MediaSenseDhcpClient")
            .SetParent<Application>()
            .SetGroupName("Ipsec")
            .AddConstructor<MediaSenseDhcpClient>()
            .AddAttribute("MediaSenseDamping",
                          "How long a link may stay down before the address is removed "
                          "(Windows 2000 TCP/IP: 20 s).",
                          TimeValue(Seconds(20)),
                          MakeTimeAccessor(&MediaSenseDhcpClient::m_damping),
                          MakeTimeChecker(Seconds(0)))
            .AddAttribute("Retransmit",
                          "Time between sends of an unanswered DISCOVER or REQUEST (RFC 2131 "
                          "4.1 starts at 4 s).",
                          TimeValue(Seconds(4)),
                          MakeTimeAccessor(&MediaSenseDhcpClient::m_retransmit),
                          MakeTimeChecker(MilliSeconds(1)))
            .AddAttribute("InitRebootTries",
                          "Sends of a REQUEST for the held address before the client gives "
                          "it up and discovers.",
                          UintegerValue(2),
                          MakeUintegerAccessor(&MediaSenseDhcpClient::m_initRebootTries),
                          MakeUintegerChecker<uint32_t>(1))
            .AddTraceSource("NewLease",
                            "A new address was installed (DISCOVER, OFFER, REQUEST, ACK).",
                            MakeTraceSourceAccessor(&MediaSenseDhcpClient::m_newLease),
                            "ns3::MediaSenseDhcpClient::AddressTracedCallback")
            .AddTraceSource("Verifying",
                            "A REQUEST for the held address was sent (link up or renewal).",
                            MakeTraceSourceAccessor(&MediaSenseDhcpClient::m_verifying),
                            "ns3::MediaSenseDhcpClient::AddressTracedCallback")
            .AddTraceSource("LeaseKept",
                            "The server acknowledged the held address.",
                            MakeTraceSourceAccessor(&MediaSenseDhcpClient::m_leaseKept),
                            "ns3::MediaSenseDhcpClient::AddressTracedCallback")
            .AddTraceSource("AddressRemoved",
                            "The address was removed (reason: nak, no-answer, link-down, "
                            "lease-expired).",
                            MakeTraceSourceAccessor(&MediaSenseDhcpClient::m_removed),
                            "ns3::MediaSenseDhcpClient::RemovedTracedCallback");
    return tid;
}

MediaSenseDhcpClient::MediaSenseDhcpClient()
    : m_rng(CreateObject<UniformRandomVariable>())
{
    NS_LOG_FUNCTION(this);
}

MediaSenseDhcpClient::~MediaSenseDhcpClient()
{
    NS_LOG_FUNCTION(this);
}

void
MediaSenseDhcpClient::SetDevice(Ptr<NetDevice> device)
{
    m_device = device;
}

Ptr<NetDevice>
MediaSenseDhcpClient::GetDevice() const
{
    return m_device;
}

Ipv4Address
MediaSenseDhcpClient::GetAddress() const
{
    return m_bound ? m_address : Ipv4Address::GetAny();
}

Ipv4Address
MediaSenseDhcpClient::GetDhcpServer() const
{
    return m_server;
}

Ipv4Address
MediaSenseDhcpClient::GetGateway() const
{
    return m_gateway;
}

int64_t
MediaSenseDhcpClient::AssignStreams(int64_t stream)
{
    m_rng->SetStream(stream);
    return 1;
}

void
MediaSenseDhcpClient::DoDispose()
{
    m_device = nullptr;
    m_socket = nullptr;
    Application::DoDispose();
}

Address
MediaSenseDhcpClient::Chaddr() const
{
    // The 16-byte chaddr field as DhcpHeader::GetChaddr returns it (zero-padded).
    uint8_t buffer[Address::MAX_SIZE] = {};
    m_device->GetAddress().CopyTo(buffer);
    Address chaddr;
    chaddr.CopyFrom(buffer, 16);
    return chaddr;
}

uint32_t
MediaSenseDhcpClient::Interface() const
{
    return static_cast<uint32_t>(GetNode()->GetObject<Ipv4>()->GetInterfaceForDevice(m_device));
}

void
MediaSenseDhcpClient::StartApplication()
{
    NS_LOG_FUNCTION(this);
    NS_ABORT_MSG_UNLESS(m_device, "MediaSenseDhcpClient: no device (SetDevice)");
    Ptr<Ipv4> ipv4 = GetNode()->GetObject<Ipv4>();
    NS_ABORT_MSG_UNLESS(ipv4, "MediaSenseDhcpClient: the node has no IPv4 stack");
    int32_t ifIndex = ipv4->GetInterfaceForDevice(m_device);
    if (ifIndex < 0)
    {
        ifIndex = static_cast<int32_t>(ipv4->AddInterface(m_device));
    }
    if (ipv4->GetNAddresses(static_cast<uint32_t>(ifIndex)) == 0)
    {
        // Something to send from before the first lease (as ns-3's DhcpClient does).
        ipv4->AddAddress(static_cast<uint32_t>(ifIndex),
                         Ipv4InterfaceAddress(Ipv4Address::GetAny(), Ipv4Mask::GetZero()));
    }
    ipv4->SetUp(static_cast<uint32_t>(ifIndex));
    m_socket = Socket::CreateSocket(GetNode(), UdpSocketFactory::GetTypeId());
    m_socket->SetAllowBroadcast(true);
    m_socket->BindToNetDevice(m_device);
    m_socket->Bind(InetSocketAddress(Ipv4Address::GetAny(), kClientPort));
    m_socket->SetRecvCallback(MakeCallback(&MediaSenseDhcpClient::Receive, this));
    m_device->AddLinkChangeCallback(MakeCallback(&MediaSenseDhcpClient::LinkChanged, this));
    if (m_device->IsLinkUp())
    {
        Discover();
    }
}

void
MediaSenseDhcpClient::StopApplication()
{
    NS_LOG_FUNCTION(this);
    for (EventId* e : {&m_retransmitEvent, &m_dampingEvent, &m_renewEvent, &m_expiryEvent})
    {
        e->Cancel();
    }
    if (m_socket)
    {
        m_socket->SetRecvCallback(MakeNullCallback<void, Ptr<Socket>>());
        m_socket->Close();
    }
}

void
MediaSenseDhcpClient::LinkChanged()
{
    if (!m_socket)
    {
        return; // not started (or stopped)
    }
    if (!m_device->IsLinkUp())
    {
        NS_LOG_INFO("link down" << (m_bound ? ", address kept for the damping period" : ""));
        m_retransmitEvent.Cancel();
        if (m_bound)
        {
            m_dampingEvent = Simulator::Schedule(m_damping,
                                                 &MediaSenseDhcpClient::RemoveAddress,
                                                 this,
                                                 std::string("link-down"));
        }
        return;
    }
    NS_LOG_INFO("link up");
    m_dampingEvent.Cancel();
    if (m_bound)
    {
        Verify();
    }
    else
    {
        Discover();
    }
}

void
MediaSenseDhcpClient::Discover()
{
    NS_LOG_FUNCTION(this);
    m_state = INIT;
    m_transaction = m_rng->GetInteger(0, 0xfffffffe);
    m_tries = 0;
    SendCurrent();
}

void
MediaSenseDhcpClient::Verify()
{
    NS_LOG_FUNCTION(this << m_address);
    m_state = VERIFYING;
    m_transaction = m_rng->GetInteger(0, 0xfffffffe);
    m_tries = 0;
    if (!m_device->IsLinkUp())
    {
        return; // a renewal due while the link is down: verified when it comes back
    }
    m_verifying(m_address);
    SendCurrent();
}

void
MediaSenseDhcpClient::SendCurrent()
{
    ++m_tries;
    DhcpHeader header;
    header.ResetOpt(); // counts the END option in the size (the constructor does not)
    header.SetTran(m_transaction);
    header.SetChaddr(Chaddr());
    header.SetTime();
    if (m_state == INIT)
    {
        header.SetType(DhcpHeader::DHCPDISCOVER);
    }
    else
    {
        // REQUESTING names the offer's server; VERIFYING (INIT-REBOOT) names none, so that
        // whichever server holds the network answers.
        header.SetType(DhcpHeader::DHCPREQ);
        header.SetReq(m_address);
        if (m_state == REQUESTING)
        {
            header.SetDhcps(m_server);
        }
    }
    Broadcast(header);
    m_retransmitEvent =
        Simulator::Schedule(m_retransmit, &MediaSenseDhcpClient::Retransmit, this);
}

void
MediaSenseDhcpClient::Retransmit()
{
    if (m_state == BOUND || !m_device->IsLinkUp())
    {
        return;
    }
    if (m_state == VERIFYING && m_tries >= m_initRebootTries)
    {
        // No server answered for the held address: a network that does not know it.
        RemoveAddress("no-answer");
        Discover();
        return;
    }
    if (m_state == REQUESTING && m_tries >= m_initRebootTries)
    {
        Discover(); // the offer went stale
        return;
    }
    SendCurrent();
}

void
MediaSenseDhcpClient::Broadcast(DhcpHeader header)
{
    Ptr<Packet> packet = Create<Packet>();
    packet->AddHeader(header);
    NS_LOG_INFO("send " << (header.GetType() == DhcpHeader::DHCPDISCOVER ? "DISCOVER" : "REQUEST")
                        << " xid " << m_transaction << " try " << m_tries);
    m_socket->SendTo(packet, 0, InetSocketAddress(Ipv4Address::GetBroadcast(), kServerPort));
}

void
MediaSenseDhcpClient::Receive(Ptr<Socket> socket)
{
    Address from;
    while (Ptr<Packet> packet = socket->RecvFrom(from))
    {
        DhcpHeader header;
        if (packet->RemoveHeader(header) == 0 || header.GetTran() != m_transaction ||
            header.GetChaddr() != Chaddr())
        {
            continue; // not this client's transaction
        }
        switch (header.GetType())
        {
        case DhcpHeader::DHCPOFFER:
            if (m_state == INIT)
            {
                Offered(header);
            }
            break;
        case DhcpHeader::DHCPACK:
            if (m_state == REQUESTING || m_state == VERIFYING)
            {
                Acknowledged(header);
            }
            break;
        case DhcpHeader::DHCPNACK:
            if (m_state == REQUESTING || m_state == VERIFYING)
            {
                NS_LOG_INFO("NAK for " << m_address);
                m_retransmitEvent.Cancel();
                RemoveAddress("nak");
                Discover();
            }
            break;
        default:
            break;
        }
    }
}

void
MediaSenseDhcpClient::Offered(const DhcpHeader& offer)
{
    // The first offer (Windows takes it; RFC 2131 allows it).
    m_retransmitEvent.Cancel();
    m_address = offer.GetYiaddr();
    m_mask = Ipv4Mask(offer.GetMask());
    m_gateway = offer.GetRouter();
    m_server = offer.GetDhcps();
    m_leaseTime = Seconds(offer.GetLease());
    m_renewTime = Seconds(offer.GetRenew());
    m_state = REQUESTING;
    m_tries = 0;
    SendCurrent();
}

void
MediaSenseDhcpClient::Acknowledged(const DhcpHeader& /* ack */)
{
    // ns-3's DhcpServer puts no options in an ACK: the lease's parameters are the offer's
    // (a new lease) or those already held (a verified one).
    m_retransmitEvent.Cancel();
    bool verified = m_state == VERIFYING;
    m_state = BOUND;
    if (verified)
    {
        NS_LOG_INFO("lease kept: " << m_address);
        ScheduleLeaseTimers();
        m_leaseKept(m_address);
        return;
    }
    Install();
    ScheduleLeaseTimers();
    NS_LOG_INFO("new lease: " << m_address << " from " << m_server);
    m_newLease(m_address);
}

void
MediaSenseDhcpClient::ScheduleLeaseTimers()
{
    m_renewEvent.Cancel();
    m_expiryEvent.Cancel();
    if (m_renewTime.IsStrictlyPositive())
    {
        m_renewEvent = Simulator::Schedule(m_renewTime, &MediaSenseDhcpClient::Verify, this);
    }
    if (m_leaseTime.IsStrictlyPositive())
    {
        m_expiryEvent = Simulator::Schedule(m_leaseTime,
                                            &MediaSenseDhcpClient::RemoveAddress,
                                            this,
                                            std::string("lease-expired"));
    }
}

void
MediaSenseDhcpClient::Install()
{
    Ptr<Ipv4> ipv4 = GetNode()->GetObject<Ipv4>();
    uint32_t ifIndex = Interface();
    ipv4->RemoveAddress(ifIndex, Ipv4Address::GetAny());
    ipv4->AddAddress(ifIndex, Ipv4InterfaceAddress(m_address, m_mask));
    ipv4->SetUp(ifIndex);
    if (m_gateway != Ipv4Address::GetAny())
    {
        Ipv4StaticRoutingHelper().GetStaticRouting(ipv4)->SetDefaultRoute(m_gateway, ifIndex);
    }
    m_bound = true;
}

void
MediaSenseDhcpClient::RemoveAddress(const std::string& reason)
{
    if (!m_bound)
    {
        return;
    }
    NS_LOG_INFO("address " << m_address << " removed: " << reason);
    m_renewEvent.Cancel();
    m_expiryEvent.Cancel();
    m_dampingEvent.Cancel();
    Ptr<Ipv4> ipv4 = GetNode()->GetObject<Ipv4>();
    uint32_t ifIndex = Interface();
    Ptr<Ipv4StaticRouting> routing = Ipv4StaticRoutingHelper().GetStaticRouting(ipv4);
    for (uint32_t i = routing->GetNRoutes(); i-- > 0;)
    {
        Ipv4RoutingTableEntry route = routing->GetRoute(i);
        if (route.IsDefault() && route.GetInterface() == ifIndex)
        {
            routing->RemoveRoute(i);
        }
    }
    ipv4->RemoveAddress(ifIndex, m_address);
    ipv4->AddAddress(ifIndex, Ipv4InterfaceAddress(Ipv4Address::GetAny(), Ipv4Mask::GetZero()));
    m_bound = false;
    if (m_state == BOUND || m_state == VERIFYING)
    {
        m_state = INIT;
    }
    m_removed(m_address, reason);
}

} // namespace ns3
