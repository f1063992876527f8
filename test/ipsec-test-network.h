/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef IPSEC_TEST_NETWORK_H
#define IPSEC_TEST_NETWORK_H

// Small building blocks for the scenario tests: counting UDP receivers, scheduled UDP senders
// and a recorder for the driver's trace sources.

#include "ns3/core-module.h"
#include "ns3/internet-module.h"
#include "ns3/ipsec-module.h"
#include "ns3/network-module.h"

#include <memory>
#include <vector>

namespace ns3
{
namespace test
{

/** Counts UDP datagrams received on one port of one node. */
struct UdpCounter
{
    Ptr<Socket> socket;  //!< the bound socket
    uint32_t received{0}; //!< datagrams received
    uint32_t bytes{0};    //!< bytes received
};

/**
 * \param node receiver
 * \param port UDP port
 * \return the counter (kept alive by the socket callback)
 */
inline std::shared_ptr<UdpCounter>
InstallUdpCounter(Ptr<Node> node, uint16_t port)
{
    auto counter = std::make_shared<UdpCounter>();
    counter->socket = Socket::CreateSocket(node, UdpSocketFactory::GetTypeId());
    counter->socket->Bind(InetSocketAddress(Ipv4Address::GetAny(), port));
    UdpCounter* raw = counter.get();
    counter->socket->SetRecvCallback(Callback<void, Ptr<Socket>>([raw](Ptr<Socket> s) {
        Ptr<Packet> p;
        while ((p = s->Recv()))
        {
            ++raw->received;
            raw->bytes += p->GetSize();
        }
    }));
    return counter;
}

/**
 * \brief Send \p count UDP datagrams, one every 100 ms from \p start.
 * \param node sender
 * \param destination destination address (unicast, broadcast or multicast)
 * \param port destination port
 * \param count datagrams
 * \param start time of the first
 * \param size payload bytes
 * \param device if set, bind the socket to it (needed for link-local multicast)
 * \param sourcePort if non-zero, bind to this source port
 */
inline void
ScheduleUdp(Ptr<Node> node,
            Ipv4Address destination,
            uint16_t port,
            uint32_t count,
            Time start = Seconds(1),
            uint32_t size = 100,
            Ptr<NetDevice> device = nullptr,
            uint16_t sourcePort = 0)
{
    Ptr<Socket> socket = Socket::CreateSocket(node, UdpSocketFactory::GetTypeId());
    socket->Bind(InetSocketAddress(Ipv4Address::GetAny(), sourcePort));
    socket->SetAllowBroadcast(true);
    if (device)
    {
        socket->BindToNetDevice(device);
    }
    for (uint32_t i = 0; i < count; ++i)
    {
        Simulator::Schedule(start + MilliSeconds(100 * i), [socket, destination, port, size]() {
            socket->SendTo(Create<Packet>(size), 0, InetSocketAddress(destination, port));
        });
    }
}

/** One drop as traced by a driver. */
struct DropRecord
{
    IpsecPacketSelector selector; //!< packet fields
    IpsecDirection direction;     //!< where
    IpsecDropReason reason;       //!< why
    uint32_t filterId;            //!< which filter
};

/**
 * \param node a node with the IPsec layer
 * \return the list its Drop trace source appends to
 */
inline std::shared_ptr<std::vector<DropRecord>>
RecordDrops(Ptr<Node> node)
{
    auto drops = std::make_shared<std::vector<DropRecord>>();
    auto* list = drops.get();
    node->GetObject<IpsecDriver>()->TraceConnectWithoutContext(
        "Drop",
        Callback<void,
                 Ptr<const Packet>,
                 const IpsecPacketSelector&,
                 IpsecDirection,
                 IpsecDropReason,
                 uint32_t>([list](Ptr<const Packet>,
                                  const IpsecPacketSelector& s,
                                  IpsecDirection d,
                                  IpsecDropReason r,
                                  uint32_t id) { list->push_back({s, d, r, id}); }));
    return drops;
}

/**
 * \brief Install the IPsec layer without the IKE service: the data plane alone, where a
 *        Negotiate filter without SAs drops as no-sa (and UDP 500 is free for test sockets).
 * \param nodes the nodes
 */
inline void
InstallWithoutIke(NodeContainer nodes)
{
    IpsecHelper ipsec;
    ipsec.SetIkeEnabled(false);
    ipsec.Install(nodes);
}

/** Ends every scenario test: ns-3 keeps global state between simulations. */
struct SimulatorFixture
{
    SimulatorFixture()
    {
        RngSeedManager::SetSeed(1);
        RngSeedManager::SetRun(1);
    }

    ~SimulatorFixture()
    {
        Simulator::Destroy();
    }
};

} // namespace test
} // namespace ns3

#endif /* IPSEC_TEST_NETWORK_H */
