/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef IPSEC_TEST_TRAFFIC_H
#define IPSEC_TEST_TRAFFIC_H

// More building blocks for the Windows-behaviour tests: UDP endpoints that send from the port
// they listen on (IKE 500 <-> 500, Kerberos from 88), raw IP counters and senders (RSVP), and a
// recorder for the driver's Exempt trace source.

#include "ipsec-test-network.h"

#include <memory>
#include <vector>

namespace ns3
{
namespace test
{

/** A UDP socket bound to one port that counts what it receives and can send from that port. */
struct UdpEndpoint
{
    Ptr<Socket> socket;   //!< the bound socket
    uint32_t received{0}; //!< datagrams received
};

/**
 * \param node the node
 * \param port local port
 * \param device if set, bind to it (needed to send link-local multicast)
 * \return the endpoint (kept alive by the socket callback)
 */
inline std::shared_ptr<UdpEndpoint>
InstallUdpEndpoint(Ptr<Node> node, uint16_t port, Ptr<NetDevice> device = nullptr)
{
    auto endpoint = std::make_shared<UdpEndpoint>();
    endpoint->socket = Socket::CreateSocket(node, UdpSocketFactory::GetTypeId());
    NS_ABORT_UNLESS(endpoint->socket->Bind(InetSocketAddress(Ipv4Address::GetAny(), port)) == 0);
    endpoint->socket->SetAllowBroadcast(true);
    if (device)
    {
        endpoint->socket->BindToNetDevice(device);
    }
    UdpEndpoint* raw = endpoint.get();
    endpoint->socket->SetRecvCallback(Callback<void, Ptr<Socket>>([raw](Ptr<Socket> s) {
        while (s->Recv())
        {
            ++raw->received;
        }
    }));
    return endpoint;
}

/**
 * \brief Send \p count datagrams from the endpoint's port, one every 100 ms from \p start.
 * \param endpoint the sender
 * \param destination destination address
 * \param port destination port
 * \param count datagrams
 * \param start time of the first
 */
inline void
ScheduleFrom(std::shared_ptr<UdpEndpoint> endpoint,
             Ipv4Address destination,
             uint16_t port,
             uint32_t count,
             Time start)
{
    for (uint32_t i = 0; i < count; ++i)
    {
        Simulator::Schedule(start + MilliSeconds(100 * i), [endpoint, destination, port]() {
            endpoint->socket->SendTo(Create<Packet>(100), 0, InetSocketAddress(destination, port));
        });
    }
}

/** Counts IP packets of one protocol reaching a node's raw socket. */
struct RawCounter
{
    Ptr<Socket> socket;   //!< the raw socket
    uint32_t received{0}; //!< packets received
};

/**
 * \param node the receiver
 * \param protocol IP protocol
 * \return the counter
 */
inline std::shared_ptr<RawCounter>
InstallRawCounter(Ptr<Node> node, uint8_t protocol)
{
    auto counter = std::make_shared<RawCounter>();
    counter->socket = Socket::CreateSocket(node, Ipv4RawSocketFactory::GetTypeId());
    counter->socket->SetAttribute("Protocol", UintegerValue(protocol));
    RawCounter* raw = counter.get();
    counter->socket->SetRecvCallback(Callback<void, Ptr<Socket>>([raw](Ptr<Socket> s) {
        while (s->Recv())
        {
            ++raw->received;
        }
    }));
    return counter;
}

/**
 * \brief Send \p count raw IP packets of a protocol, one every 100 ms from \p start.
 * \param node the sender
 * \param destination destination address
 * \param protocol IP protocol
 * \param count packets
 * \param start time of the first
 */
inline void
ScheduleRaw(Ptr<Node> node, Ipv4Address destination, uint8_t protocol, uint32_t count, Time start)
{
    Ptr<Socket> socket = Socket::CreateSocket(node, Ipv4RawSocketFactory::GetTypeId());
    socket->SetAttribute("Protocol", UintegerValue(protocol));
    for (uint32_t i = 0; i < count; ++i)
    {
        Simulator::Schedule(start + MilliSeconds(100 * i), [socket, destination]() {
            socket->SendTo(Create<Packet>(60), 0, InetSocketAddress(destination, 0));
        });
    }
}

/** One packet passed by a default exemption, as traced. */
struct ExemptRecord
{
    IpsecPacketSelector selector; //!< packet fields
    IpsecDirection direction;     //!< where
    IpsecExemptionKind kind;      //!< which exemption
};

/**
 * \param node a node with the IPsec layer
 * \return the list its Exempt trace source appends to
 */
inline std::shared_ptr<std::vector<ExemptRecord>>
RecordExempts(Ptr<Node> node)
{
    auto records = std::make_shared<std::vector<ExemptRecord>>();
    auto* list = records.get();
    node->GetObject<IpsecDriver>()->TraceConnectWithoutContext(
        "Exempt",
        Callback<void, Ptr<const Packet>, const IpsecPacketSelector&, IpsecDirection,
                 IpsecExemptionKind>([list](Ptr<const Packet>,
                                            const IpsecPacketSelector& s,
                                            IpsecDirection d,
                                            IpsecExemptionKind k) { list->push_back({s, d, k}); }));
    return records;
}

} // namespace test
} // namespace ns3

#endif /* IPSEC_TEST_TRAFFIC_H */
