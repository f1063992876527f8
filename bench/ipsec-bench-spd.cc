/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// Benchmark: does policy lookup cost grow with the number of filters?
//
// 1. Lookup: IpsecSpd::Lookup on a fixed mix of selectors (half hit a filter, half miss),
//    with 1, 100, 1000 and 10000 host-to-host port filters (the shape a large deployment
//    generates: one per server and service), best of several rounds.
// 2. Simulation: a UDP flow of 1000-byte packets over point-to-point, receiver running the
//    IPsec layer with the same SPD sizes, against plain ns-3 in the same run.
// The last line is "bench: spd filters=10000 ratio_vs_1=<x>", x being the per-packet
// simulation cost with 10000 filters over that with 1 filter (the line before it gives the same
// ratio for the bare lookup, which also pays the cache misses of a larger table).

#include "ns3/core-module.h"
#include "ns3/internet-module.h"
#include "ns3/ipsec-module.h"
#include "ns3/network-module.h"
#include "ns3/point-to-point-module.h"

#include "ipsec-program-options.h"

#include <chrono>
#include <iomanip>
#include <iostream>
#include <random>

using namespace ns3;

namespace
{

Ipv4Address
RandomHost(std::mt19937& rng)
{
    // 10.0.0.0/8 hosts: plenty of room for 10000 distinct filters.
    return Ipv4Address((10u << 24) | (rng() & 0x00ffffffu));
}

/** Filters "host -> host udp dstport" with random values; returns them for hit queries. */
std::vector<IpsecFilter>
MakeFilters(uint32_t n, std::mt19937& rng)
{
    std::vector<IpsecFilter> filters;
    for (uint32_t i = 0; i < n; ++i)
    {
        IpsecFilter f;
        f.source = IpsecFilterAddress::Host(RandomHost(rng));
        f.destination = IpsecFilterAddress::Host(RandomHost(rng));
        f.protocol = 17;
        f.destinationPort = static_cast<uint16_t>(1 + rng() % 65000);
        f.action = (i % 2) ? IpsecFilterAction::BLOCK : IpsecFilterAction::PERMIT;
        filters.push_back(f);
    }
    return filters;
}

std::vector<IpsecPacketSelector>
MakeQueries(const std::vector<IpsecFilter>& filters, uint32_t n, std::mt19937& rng)
{
    std::vector<IpsecPacketSelector> queries;
    for (uint32_t i = 0; i < n; ++i)
    {
        IpsecPacketSelector s;
        s.protocol = 17;
        s.sourcePort = static_cast<uint16_t>(1024 + rng() % 60000);
        if (i % 2 == 0)
        {
            const IpsecFilter& f = filters[rng() % filters.size()];
            bool reverse = rng() % 2; // filters are mirrored
            s.source = (reverse ? f.destination : f.source).GetAddress();
            s.destination = (reverse ? f.source : f.destination).GetAddress();
            if (reverse)
            {
                s.sourcePort = *f.destinationPort;
            }
            else
            {
                s.destinationPort = *f.destinationPort;
            }
        }
        else
        {
            s.source = RandomHost(rng);
            s.destination = RandomHost(rng);
            s.destinationPort = static_cast<uint16_t>(1 + rng() % 65000);
        }
        queries.push_back(s);
    }
    return queries;
}

/** Nanoseconds per lookup, best of \p rounds. */
double
TimeLookups(const IpsecSpd& spd, const std::vector<IpsecPacketSelector>& queries, int rounds,
            uint64_t* hits)
{
    double best = 1e30;
    for (int r = 0; r < rounds; ++r)
    {
        uint64_t found = 0;
        auto t0 = std::chrono::steady_clock::now();
        for (const auto& q : queries)
        {
            found += spd.Lookup(q) != nullptr;
        }
        auto t1 = std::chrono::steady_clock::now();
        best = std::min(best, std::chrono::duration<double, std::nano>(t1 - t0).count() /
                                  queries.size());
        *hits = found;
    }
    return best;
}

/** Wall seconds to simulate \p packets UDP packets; receiver runs IPsec with \p filters. */
double
TimeSimulation(const std::vector<IpsecFilter>* filters, uint32_t packets, uint32_t* received)
{
    NodeContainer nodes;
    nodes.Create(2);
    PointToPointHelper p2p;
    p2p.SetDeviceAttribute("DataRate", StringValue("10Gbps"));
    p2p.SetChannelAttribute("Delay", StringValue("1us"));
    NetDeviceContainer devices = p2p.Install(nodes);
    if (filters)
    {
        IpsecHelper().Install(nodes);
        for (const auto& f : *filters)
        {
            nodes.Get(1)->GetObject<IpsecDriver>()->AddFilter(f);
        }
    }
    else
    {
        InternetStackHelper().Install(nodes);
    }
    Ipv4AddressHelper("192.168.0.0", "255.255.255.0").Assign(devices);
    Ptr<Socket> rx = Socket::CreateSocket(nodes.Get(1), UdpSocketFactory::GetTypeId());
    rx->Bind(InetSocketAddress(Ipv4Address::GetAny(), 9));
    *received = 0;
    rx->SetRecvCallback(Callback<void, Ptr<Socket>>([received](Ptr<Socket> s) {
        while (s->Recv())
        {
            ++*received;
        }
    }));
    Ptr<Socket> tx = Socket::CreateSocket(nodes.Get(0), UdpSocketFactory::GetTypeId());
    tx->Connect(InetSocketAddress("192.168.0.2", 9));
    for (uint32_t i = 0; i < packets; ++i)
    {
        Simulator::Schedule(MicroSeconds(10 * i), [tx]() { tx->Send(Create<Packet>(1000)); });
    }
    auto t0 = std::chrono::steady_clock::now();
    Simulator::Run();
    auto t1 = std::chrono::steady_clock::now();
    Simulator::Destroy();
    return std::chrono::duration<double>(t1 - t0).count();
}

} // namespace

int
main(int argc, char* argv[])
{
    uint32_t queries = 1000000;
    uint32_t packets = 100000;
    int rounds = 5;
    IpsecProgramOptions cmd(__FILE__,
                            "Benchmark of IPsec policy (SPD) lookup with 1, 100, 1000 and 10000 "
                            "filters, and of the simulation cost per packet against plain "
                            "ns-3.");
    cmd.AddInteger("queries", "Lookups per round", queries, 1, 1000000000);
    cmd.AddInteger("rounds", "Rounds per size (the best is kept)", rounds, 1, 1000);
    cmd.AddInteger("packets", "UDP packets per simulation run", packets, 1, 100000000);
    cmd.Parse(argc, argv);

    const std::vector<uint32_t> sizes = {1, 100, 1000, 10000};
    std::mt19937 rng(42);
    std::vector<double> lookupNs;
    std::vector<double> simSeconds;

    // Best of three runs: the wall clock of one short run is noisy.
    auto bestSimulation = [packets](const std::vector<IpsecFilter>* filters, uint32_t* received) {
        double best = 1e30;
        for (int i = 0; i < 3; ++i)
        {
            best = std::min(best, TimeSimulation(filters, packets, received));
        }
        return best;
    };
    uint32_t plainReceived = 0;
    double plain = bestSimulation(nullptr, &plainReceived);
    std::cout << std::fixed << std::setprecision(3);
    std::cout << "plain ns-3: " << packets << " packets in " << plain << " s wall ("
              << std::setprecision(0) << packets / plain << " packets/s)\n"
              << std::setprecision(3);
    std::cout << "filters  lookup_ns  hits/queries  sim_wall_s  packets/s  ratio_vs_plain\n";
    for (uint32_t n : sizes)
    {
        std::vector<IpsecFilter> filters = MakeFilters(n, rng);
        IpsecSpd spd;
        for (const auto& f : filters)
        {
            spd.Add(f);
        }
        std::vector<IpsecPacketSelector> mix = MakeQueries(filters, queries, rng);
        uint64_t hits = 0;
        double ns = TimeLookups(spd, mix, rounds, &hits);
        uint32_t received = 0;
        double sim = bestSimulation(&filters, &received);
        lookupNs.push_back(ns);
        simSeconds.push_back(sim);
        std::cout << std::setw(7) << n << std::setw(11) << ns << std::setw(8) << hits << "/"
                  << queries << std::setw(12) << sim << std::setw(11) << std::setprecision(0)
                  << packets / sim << std::setprecision(3) << std::setw(16) << plain / sim
                  << (received == plainReceived ? "" : "  (delivery differs!)") << "\n";
    }
    std::cout << "bench: spd lookup filters=10000 ratio_vs_1=" << lookupNs.back() / lookupNs[0]
              << "\n";
    std::cout << "bench: spd filters=10000 ratio_vs_1=" << simSeconds.back() / simSeconds[0]
              << "\n";
    return 0;
}
