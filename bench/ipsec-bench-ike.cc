/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// Benchmark: what does an IKE negotiation cost a simulation, beyond its Diffie-Hellman work?
//
// N clients, each on its own point-to-point link to one server, send a packet to the server
// at nearly the same moment (10 us apart); each packet needs SAs, so each client negotiates
// main mode + quick mode (preshared key, 3DES/SHA1, DH group 2) with the server. The wall time
// of the simulation is compared with the wall time of the same number of Diffie-Hellman
// computations (two per negotiation: a key pair and an agreement on each side) done in a
// plain loop in the same run. The links have no queue disc (see BuildStar). The ratio uses CPU
// time, which equals wall time on a quiet machine and is not inflated by other load (both are
// printed).
//
// Before measuring, one clear packet per client warms the topology up (ARP, ns-3's per-node
// objects built on first use), in both runs. Two more figures put the ratio in context.
// floor_ratio_vs_dh: plain ns-3 (no IPsec) moving the same messages (same sizes, same order,
// same topology) plus the same DH work: no IKE model in ns-3 can go below it, since its messages
// must cross the simulated network. And the heap per established SA pair (one node's inbound +
// outbound SA, with that node's IKE records), in total and beyond the key material (keys, cipher
// key schedules, HMAC states: measured by building the same keyed objects alone).

#include "ns3/core-module.h"
#include "ns3/internet-module.h"
#include "ns3/ipsec-module.h"
#include "ns3/network-module.h"
#include "ns3/point-to-point-module.h"
#include "ns3/traffic-control-module.h"

#include "ipsec-program-options.h"
#include "ipsec-tree-topology.h"

#include <chrono>
#include <ctime>
#include <iomanip>
#include <iostream>
#include <malloc.h>
#include <map>
#include <sstream>
#include <unordered_map>

using namespace ns3;

namespace
{

/** CPU seconds of this process: unlike wall time, not inflated by other load on the machine. */
double
CpuSeconds()
{
    timespec t{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) * 1e-9;
}

/** One message of a negotiation as it crossed the network. */
struct Message
{
    bool fromClient{true}; //!< direction
    uint32_t size{0};      //!< UDP payload bytes
};

struct Result
{
    double seconds{0};        //!< wall time of Simulator::Run
    double cpu{0};            //!< CPU time of Simulator::Run
    uint32_t negotiated{0};   //!< quick mode SA pairs on the server
    uint32_t delivered{0};    //!< packets that reached the server
    double bytesPerPair{0};   //!< heap growth per established SA pair (both ends counted)
    uint64_t messages{0};     //!< ISAKMP messages
    double deleteCpu{0};      //!< CPU time of the delete wave (see RunClients)
    uint32_t leftAfterDelete{0}; //!< quick mode pairs the server still holds after it
    std::vector<Message> exchange; //!< the first client's messages, in order
};

/** How the clients reach the server (--topology). */
enum class Topology
{
    TREE, //!< fixed fan-out tree of routers with aggregated routes (the default)
    STAR, //!< one point-to-point link and one route per client at the server (before issue 16)
};

/** A star of \p clients point-to-point links to \p server, without queue discs. */
std::vector<Ipv4Address>
BuildStar(Ptr<Node> server, NodeContainer& clientNodes, uint32_t clients)
{
    PointToPointHelper p2p;
    p2p.SetDeviceAttribute("DataRate", StringValue("100Mbps"));
    p2p.SetChannelAttribute("Delay", StringValue("1ms"));
    Ipv4AddressHelper addresses("10.0.0.0", "255.255.255.252");
    std::vector<Ipv4Address> serverAddresses;
    for (uint32_t i = 0; i < clients; ++i)
    {
        NetDeviceContainer devices = p2p.Install(clientNodes.Get(i), server);
        Ipv4InterfaceContainer ifs = addresses.Assign(devices);
        // No queue disc (see IpsecTreeTopology::Link).
        TrafficControlHelper().Uninstall(devices);
        addresses.NewNetwork();
        serverAddresses.push_back(ifs.GetAddress(1));
    }
    return serverAddresses;
}

/** The clients' links and routes to \p server; returns the server address each client uses. */
std::vector<Ipv4Address>
Build(Topology topology, Ptr<Node> server, NodeContainer& clientNodes, uint32_t clients)
{
    // The tree (IpsecTreeTopology) hangs directly from the server.
    return topology == Topology::TREE ? IpsecTreeTopology::Build(server, clientNodes)
                                      : BuildStar(server, clientNodes, clients);
}

/**
 * Each client sends one clear packet to the server's discard port at 0.1 s: ARP and the objects
 * ns-3 builds on a node's first packet are topology, not part of what is measured after 0.5 s.
 */
void
WarmUp(Ptr<Node> server, NodeContainer& clientNodes, const std::vector<Ipv4Address>& to)
{
    Ptr<Socket> sink = Socket::CreateSocket(server, UdpSocketFactory::GetTypeId());
    sink->Bind(InetSocketAddress(Ipv4Address::GetAny(), 7));
    sink->SetRecvCallback(Callback<void, Ptr<Socket>>([](Ptr<Socket> s) {
        while (s->Recv())
        {
        }
    }));
    for (uint32_t i = 0; i < clientNodes.GetN(); ++i)
    {
        Ptr<Socket> socket =
            Socket::CreateSocket(clientNodes.Get(i), UdpSocketFactory::GetTypeId());
        Address address = InetSocketAddress(to[i], 7);
        Simulator::Schedule(Seconds(0.1), [socket, address]() {
            socket->SendTo(Create<Packet>(100), 0, address);
            socket->Close();
        });
    }
}

Result
RunClients(uint32_t clients, const std::string& group, Topology topology)
{
    Result result;
    Ptr<Node> server = CreateObject<Node>();
    NodeContainer clientNodes;
    clientNodes.Create(clients);
    IpsecHelper ipsec;
    ipsec.SetIkeAttribute("PreSharedKey", StringValue("benchmark"));
    ipsec.SetIkeAttribute("MainModeMethods", StringValue("3des-sha1-" + group));
    ipsec.SetIkeAttribute("QuickModeOffers", StringValue("esp-3des-sha1"));
    ipsec.Install(server);
    ipsec.Install(clientNodes);
    std::vector<Ipv4Address> serverAddresses = Build(topology, server, clientNodes, clients);
    WarmUp(server, clientNodes, serverAddresses);
    for (uint32_t i = 0; i < clients; ++i)
    {
        IpsecHelper::AddFilter(clientNodes.Get(i),
                               "srcaddr=me dstaddr=any protocol=udp dstport=9 action=negotiate");
    }
    IpsecHelper::AddFilter(server,
                           "srcaddr=me dstaddr=any protocol=udp srcport=9 action=negotiate");
    Ptr<Socket> sink = Socket::CreateSocket(server, UdpSocketFactory::GetTypeId());
    sink->Bind(InetSocketAddress(Ipv4Address::GetAny(), 9));
    sink->SetRecvCallback(Callback<void, Ptr<Socket>>([&result](Ptr<Socket> s) {
        while (s->Recv())
        {
            ++result.delivered;
        }
    }));
    for (uint32_t i = 0; i < clients; ++i)
    {
        Ptr<Socket> socket =
            Socket::CreateSocket(clientNodes.Get(i), UdpSocketFactory::GetTypeId());
        socket->Bind(); // now: a socket binds on its first send, which is not IKE's memory
        Ipv4Address to = serverAddresses[i];
        Simulator::Schedule(Seconds(1) + MicroSeconds(10 * i), [socket, to]() {
            socket->SendTo(Create<Packet>(100), 0, InetSocketAddress(to, 9));
        });
    }
    // The first client's exchange, message by message, for the plain ns-3 run.
    auto record = [&result](bool fromClient) {
        return Callback<void, Ipv4Address, const std::string&, uint32_t>(
            [&result, fromClient](Ipv4Address, const std::string&, uint32_t size) {
                result.exchange.push_back({fromClient, size});
            });
    };
    Ptr<IkeService> firstClient = IpsecHelper::GetIke(clientNodes.Get(0));
    firstClient->TraceConnectWithoutContext("MessageSent", record(true));
    firstClient->TraceConnectWithoutContext("MessageReceived", record(false));
    // Everything allocated so far is topology; what the negotiations add is per SA pair.
    Simulator::Stop(Seconds(0.5));
    Simulator::Run();
    malloc_trim(0);
    size_t before = mallinfo2().uordblks;
    auto start = std::chrono::steady_clock::now();
    double cpuStart = CpuSeconds();
    Simulator::Stop(Seconds(30));
    Simulator::Run();
    result.cpu = CpuSeconds() - cpuStart;
    result.seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    malloc_trim(0);
    size_t after = mallinfo2().uordblks;
    Ptr<IkeService> ike = IpsecHelper::GetIke(server);
    result.negotiated = ike->GetNQuickModeSas();
    result.messages = ike->GetCounters().messagesSent + ike->GetCounters().messagesReceived;
    uint32_t pairs = 0;
    for (uint32_t i = 0; i < clients; ++i)
    {
        pairs += IpsecHelper::GetIke(clientNodes.Get(i))->GetNQuickModeSas();
    }
    pairs += result.negotiated;
    result.bytesPerPair = pairs ? static_cast<double>(after - before) / pairs : 0;
    // A delete wave: the server deletes each client's pair (10 us apart), telling the client.
    // Each delete finds the pair and its two SAs in the server's tables and the client's: a
    // scan of all pairs or SAs per delete would make this cost grow with the number of clients.
    for (uint32_t i = 0; i < clients; ++i)
    {
        Ipv4Address client = clientNodes.Get(i)->GetObject<Ipv4>()->GetAddress(1, 0).GetLocal();
        Simulator::Schedule(MicroSeconds(10 * i), [ike, client]() {
            ike->DeleteQuickModeSas(client, IpsecSaDeleteReason::MANUAL);
        });
    }
    cpuStart = CpuSeconds();
    Simulator::Stop(Seconds(30));
    Simulator::Run();
    result.deleteCpu = CpuSeconds() - cpuStart;
    result.leftAfterDelete = ike->GetNQuickModeSas();
    Simulator::Destroy();
    return result;
}

/**
 * CPU seconds plain ns-3 needs to move \p exchange between each of \p clients and one server
 * over the same topology, then one 100-byte packet as the protected data was: the floor under
 * any IKE model's cost in ns-3.
 */
double
RunPlain(uint32_t clients, const std::vector<Message>& exchange, Topology topology)
{
    Ptr<Node> server = CreateObject<Node>();
    NodeContainer clientNodes;
    clientNodes.Create(clients);
    InternetStackHelper internet;
    internet.Install(server);
    internet.Install(clientNodes);
    std::vector<Ipv4Address> serverAddresses = Build(topology, server, clientNodes, clients);
    WarmUp(server, clientNodes, serverAddresses);
    std::vector<Message> script = exchange;
    script.push_back({true, 100});
    // Each side walks the script: on each message received it sends its own next ones.
    std::vector<uint32_t> clientStep(clients, 0);
    std::vector<uint32_t> serverStep(clients, 0);
    std::vector<Ptr<Socket>> clientSockets;
    std::unordered_map<uint32_t, uint32_t> clientOf;
    auto sendOwn = [&script](Ptr<Socket> socket, uint32_t& step, bool client, Address to) {
        while (step < script.size() && script[step].fromClient == client)
        {
            socket->SendTo(Create<Packet>(script[step].size), 0, to);
            ++step;
        }
    };
    Ptr<Socket> serverSocket = Socket::CreateSocket(server, UdpSocketFactory::GetTypeId());
    serverSocket->Bind(InetSocketAddress(Ipv4Address::GetAny(), 500));
    serverSocket->SetRecvCallback(Callback<void, Ptr<Socket>>([&](Ptr<Socket> s) {
        Address from;
        while (s->RecvFrom(from))
        {
            Ipv4Address peer = InetSocketAddress::ConvertFrom(from).GetIpv4();
            uint32_t i = clientOf.at(peer.Get());
            ++serverStep[i];
            sendOwn(s, serverStep[i], false, from);
        }
    }));
    for (uint32_t i = 0; i < clients; ++i)
    {
        Ptr<Socket> socket =
            Socket::CreateSocket(clientNodes.Get(i), UdpSocketFactory::GetTypeId());
        socket->Bind(InetSocketAddress(Ipv4Address::GetAny(), 500));
        Address to = InetSocketAddress(serverAddresses[i], 500);
        clientOf[clientNodes.Get(i)->GetObject<Ipv4>()->GetAddress(1, 0).GetLocal().Get()] = i;
        socket->SetRecvCallback(Callback<void, Ptr<Socket>>([&, i, to](Ptr<Socket> s) {
            while (s->Recv())
            {
                ++clientStep[i];
                sendOwn(s, clientStep[i], true, to);
            }
        }));
        Simulator::Schedule(Seconds(1) + MicroSeconds(10 * i), [&, i, socket, to]() {
            sendOwn(socket, clientStep[i], true, to);
        });
    }
    Simulator::Stop(Seconds(0.5));
    Simulator::Run();
    double cpuStart = CpuSeconds();
    Simulator::Stop(Seconds(30));
    Simulator::Run();
    double cpu = CpuSeconds() - cpuStart;
    for (uint32_t i = 0; i < clients; ++i)
    {
        if (serverStep[i] != script.size())
        {
            std::cerr << "error: plain run of client " << i << " stopped at message "
                      << serverStep[i] << " of " << script.size() << "\n";
            std::exit(1);
        }
    }
    Simulator::Destroy();
    return cpu;
}

/**
 * Heap bytes of the key material one node holds for an established SA pair negotiated with
 * 3DES/SHA1 in both phases: the ESP keys as the SAs keep them, the outbound SA's cipher keyed for
 * encryption, the inbound one keyed for decryption, their two HMACs, and the main mode SA's
 * SKEYID_d, SKEYID_a and encryption key.
 */
double
KeyMaterialBytes()
{
    struct Keys
    {
        std::vector<std::vector<uint8_t>> keys;
        std::unique_ptr<IpsecCipher> out;
        std::unique_ptr<IpsecCipher> in;
        std::unique_ptr<IpsecAuthenticator> outAuth;
        std::unique_ptr<IpsecAuthenticator> inAuth;
    };
    const uint32_t sets = 1000;
    std::vector<Keys> held(sets);
    malloc_trim(0);
    size_t before = mallinfo2().uordblks;
    for (Keys& k : held)
    {
        for (uint32_t length : {24, 20, 24, 20, 20, 20, 24})
        {
            k.keys.emplace_back(length, 0x5a);
        }
        k.out = IpsecCipher::Create(IpsecEncryption::TRIPLE_DES_CBC, k.keys[0]);
        k.in = IpsecCipher::Create(IpsecEncryption::TRIPLE_DES_CBC, k.keys[2]);
        std::array<uint8_t, 8> block{};
        k.out->Encrypt(block.data(), block.data(), block.size());
        k.in->Decrypt(block.data(), block.data(), block.size());
        k.outAuth = IpsecAuthenticator::Create(IpsecIntegrity::HMAC_SHA1_96, k.keys[1]);
        k.inAuth = IpsecAuthenticator::Create(IpsecIntegrity::HMAC_SHA1_96, k.keys[3]);
    }
    size_t after = mallinfo2().uordblks;
    return static_cast<double>(after - before) / sets;
}

/** CPU seconds for \p count Diffie-Hellman computations (key pair + agreement each). */
double
RunDh(uint32_t count, const std::string& group, double* wall)
{
    Ptr<UniformRandomVariable> stream = CreateObject<UniformRandomVariable>();
    IkeRandom rng(stream);
    IkeDhGroup g = IkeParseDhGroup(group);
    auto start = std::chrono::steady_clock::now();
    double cpuStart = CpuSeconds();
    for (uint32_t i = 0; i < count; ++i)
    {
        std::vector<uint8_t> secret = IkeDhRunOnce(g, rng);
        if (secret.empty())
        {
            std::abort();
        }
    }
    *wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return CpuSeconds() - cpuStart;
}

} // namespace

int
main(int argc, char* argv[])
{
    std::vector<uint32_t> counts = {1000, 10000};
    std::string group = "2";
    std::string topologyName = "tree";
    IpsecProgramOptions cmd(__FILE__,
                            "N clients negotiate IKE main mode + quick mode with one server at "
                            "nearly the same time; prints CPU time per negotiation against the "
                            "same number of Diffie-Hellman computations and against plain ns-3 "
                            "moving the same messages plus that DH work, measured in the same "
                            "run.");
    cmd.AddIntegerList("clients", "Comma-separated client counts", counts, 1, 100000);
    cmd.AddChoice("dh", "Diffie-Hellman group: 1|2|2048", group, {"1", "2", "2048"});
    cmd.AddChoice("topology",
                  "tree: clients behind access and distribution routers (32 each) with "
                  "aggregated routes; star: one link and one route per client at the server",
                  topologyName,
                  {"tree", "star"});
    cmd.Parse(argc, argv);
    Topology topology = topologyName == "tree" ? Topology::TREE : Topology::STAR;
    std::cout << std::fixed;
    std::map<uint32_t, double> ownShare; // CPU per negotiation beyond the floor, by client count
    for (uint32_t n : counts)
    {
        Result r = RunClients(n, group, topology);
        // Each negotiation: a key pair and an agreement on each of the two sides.
        double dhWall = 0;
        double dh = RunDh(2 * n, group, &dhWall);
        double plain = RunPlain(n, r.exchange, topology);
        double keys = KeyMaterialBytes();
        std::cout << "clients=" << n << " topology=" << topologyName
                  << " negotiated=" << r.negotiated << " delivered=" << r.delivered
                  << " messages=" << r.messages << std::setprecision(1)
                  << " wall_per_negotiation_us=" << r.seconds / n * 1e6
                  << " cpu_per_negotiation_us=" << r.cpu / n * 1e6
                  << " dh_wall_per_negotiation_us=" << dhWall / n * 1e6
                  << " dh_cpu_per_negotiation_us=" << dh / n * 1e6
                  << " plain_ns3_cpu_per_negotiation_us=" << plain / n * 1e6
                  << " own_share_cpu_per_negotiation_us=" << (r.cpu - plain - dh) / n * 1e6
                  << std::setprecision(3) << " floor_ratio_vs_dh=" << (plain + dh) / dh
                  << std::setprecision(0) << " heap_per_sa_pair_bytes=" << r.bytesPerPair
                  << " key_material_bytes=" << keys
                  << " heap_beyond_keys_per_sa_pair_bytes=" << r.bytesPerPair - keys
                  << std::setprecision(1)
                  << " delete_cpu_per_pair_us=" << r.deleteCpu / n * 1e6 << "\n";
        if (r.negotiated != n || r.delivered != n)
        {
            std::cerr << "error: " << r.negotiated << " of " << n << " negotiations completed\n";
            return 1;
        }
        if (r.leftAfterDelete != 0)
        {
            std::cerr << "error: " << r.leftAfterDelete << " pairs left after the delete wave\n";
            return 1;
        }
        ownShare[n] = (r.cpu - plain - dh) / n;
        std::cout << std::setprecision(3) << "bench: ike clients=" << n
                  << " ratio_vs_dh=" << r.cpu / dh << "\n";
        std::cout << "bench: ike clients=" << n << " ratio_vs_floor=" << r.cpu / (plain + dh)
                  << "\n";
    }
    if (ownShare.count(1000) != 0 && ownShare.count(10000) != 0)
    {
        // Our own share: CPU per negotiation beyond plain ns-3 and the DH work.
        std::cout << std::setprecision(3)
                  << "bench: ike growth_10k_vs_1k=" << ownShare[10000] / ownShare[1000] << "\n";
    }
    return 0;
}
