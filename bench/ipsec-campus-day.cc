/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// Example and benchmark: a campus over a simulated working day.
//
// --clients Windows XP clients on a tree of routers (IpsecTreeTopology: 32 clients per access
// router, 32 access routers per distribution router) under a core router, and --servers Windows
// Server 2003 servers beside the core that require IPsec for everything they send or receive
// (the branch office's "require ESP" filter). Clients negotiate with the servers (filter
// "servers: negotiate"); IKE with a preshared key and Windows' defaults: main mode SAs live
// 480 min, quick mode SAs 60 min or 100,000 KB and are deleted after 300 s unused.
//
// The traffic mix of each client (doc/benchmarks.md, "Campus day"):
// - file: a 200-byte request to its home server (client i: server i mod S) on UDP 445,
//   answered with 1,200 bytes, every --fileGap seconds on average (uniform in 0.5 to 1.5 times
//   that): the quick mode SA pair stays in use and is rekeyed on its 60-minute lifetime;
// - web: a 300-byte request to the next server on UDP 80, answered with 1,400 bytes, at
//   exponential intervals of mean --webGap seconds: most find their SAs idled out and
//   negotiate a new quick mode under the main mode SA that is still alive.
// Traffic runs for --hours; then the run goes on (drain) until every quick mode SA has idled
// out. A quick mode SA left on any node after that is a leak.
//
// Printed: the live SA counts every --sample minutes (they must stay flat once the day is
// under way), the day's figures, and the benchmark line
//   bench: campus clients=N hours=H wall_s=<x> peak_mb=<y>
// with negotiations per wall second and the leak count. --csv=FILE writes the samples.

#include "ns3/core-module.h"
#include "ns3/internet-module.h"
#include "ns3/ipsec-module.h"
#include "ns3/network-module.h"

#include "ipsec-program-options.h"
#include "ipsec-tree-topology.h"

#include <chrono>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <sstream>

using namespace ns3;

namespace
{

/** UDP ports of the two kinds of traffic. */
constexpr uint16_t FILE_PORT = 445;
constexpr uint16_t WEB_PORT = 80;

/** The run's settings (the command line). */
struct CampusConfig
{
    uint32_t clients{10000}; //!< Windows XP clients
    uint32_t servers{4};     //!< Windows Server 2003 servers
    double hours{24};        //!< hours of traffic
    double fileGap{180};     //!< mean seconds between a client's file requests
    double webGap{3600};     //!< mean seconds between a client's web requests
    double sampleMinutes{60}; //!< minutes between SA count samples
    std::string csv;         //!< CSV of the samples, or empty
    std::string crypto{"modeled"}; //!< ESP/AH data plane: real or modeled crypto
};

/** The live SA counts over all nodes at one moment. */
struct SaSample
{
    double hour{0};          //!< simulated time
    uint64_t mainModeSas{0}; //!< main mode SAs (each end counted)
    uint64_t quickModePairs{0}; //!< quick mode SA pairs (each end counted)
    uint64_t sadEntries{0};  //!< SAs in the drivers' SADs
    uint64_t negotiations{0}; //!< quick modes completed so far (counted at the servers)
};

/** What the traffic did. */
struct Traffic
{
    uint64_t requests{0}; //!< requests sent by clients
    uint64_t served{0};   //!< requests that reached a server
    uint64_t answers{0};  //!< answers that reached a client
};

/** Peak resident set of this process in MiB (VmHWM), or 0 if /proc does not say. */
double
PeakMegabytes()
{
    std::ifstream status("/proc/self/status");
    std::string line;
    while (std::getline(status, line))
    {
        if (line.rfind("VmHWM:", 0) == 0)
        {
            std::istringstream fields(line.substr(6));
            double kb = 0;
            fields >> kb;
            return kb / 1024.0;
        }
    }
    return 0;
}

/** A server's answering socket: each request on \p port gets \p answerBytes back. */
void
Answer(Ptr<Node> server, uint16_t port, uint32_t answerBytes, Traffic* traffic)
{
    Ptr<Socket> socket = Socket::CreateSocket(server, UdpSocketFactory::GetTypeId());
    socket->Bind(InetSocketAddress(Ipv4Address::GetAny(), port));
    socket->SetRecvCallback(Callback<void, Ptr<Socket>>([answerBytes, traffic](Ptr<Socket> s) {
        Address from;
        while (Ptr<Packet> request = s->RecvFrom(from))
        {
            ++traffic->served;
            s->SendTo(Create<Packet>(answerBytes), 0, from);
        }
    }));
}

/**
 * One kind of request from one client: sends \p bytes to \p to, then schedules the next after
 * a gap drawn from \p gap, until \p end.
 */
class RequestStream : public SimpleRefCount<RequestStream>
{
  public:
    RequestStream(Ptr<Socket> socket,
                  InetSocketAddress to,
                  uint32_t bytes,
                  Ptr<RandomVariableStream> gap,
                  Time end,
                  Traffic* traffic)
        : m_socket(socket),
          m_to(to),
          m_bytes(bytes),
          m_gap(gap),
          m_end(end),
          m_traffic(traffic)
    {
    }

    /** Schedules the first request after \p delay, if that is before the end. */
    void Start(Time delay)
    {
        if (delay < m_end)
        {
            Simulator::Schedule(delay, &RequestStream::Send, Ptr<RequestStream>(this));
        }
    }

  private:
    void Send()
    {
        ++m_traffic->requests;
        m_socket->SendTo(Create<Packet>(m_bytes), 0, m_to);
        Time next = Seconds(m_gap->GetValue());
        if (Simulator::Now() + next < m_end)
        {
            Simulator::Schedule(next, &RequestStream::Send, Ptr<RequestStream>(this));
        }
    }

    Ptr<Socket> m_socket;            //!< the client's socket
    InetSocketAddress m_to;          //!< the server
    uint32_t m_bytes;                //!< request size
    Ptr<RandomVariableStream> m_gap; //!< seconds between requests
    Time m_end;                      //!< no request from then on
    Traffic* m_traffic;              //!< counters
};

/** The campus: nodes, addresses, traffic counters. */
struct Campus
{
    NodeContainer clients;                //!< the XP clients
    NodeContainer servers;                //!< the 2003 servers
    std::vector<Ipv4Address> serverAddresses; //!< server j's address
    Traffic traffic;                      //!< what the traffic did
};

/** Builds the topology and the IPsec policy of \p config into \p campus. */
void
Build(const CampusConfig& config, Campus& campus)
{
    Ptr<Node> core = CreateObject<Node>();
    campus.clients.Create(config.clients);
    campus.servers.Create(config.servers);
    IpsecTreeTopology::InstallRouter(core);
    IpsecHelper ipsec;
    ipsec.SetIkeAttribute("PreSharedKey", StringValue("campus"));
    ipsec.Install(campus.servers);
    ipsec.Install(campus.clients);
    IpsecHelper::SetOsProfile(campus.clients, "winxp");
    IpsecHelper::SetOsProfile(campus.servers, "win2003");
    IpsecHelper::SetModeledCrypto(NodeContainer(campus.clients, campus.servers),
                                  config.crypto == "modeled");
    Ipv4StaticRoutingHelper routing;
    for (uint32_t j = 0; j < config.servers; ++j)
    {
        // Server j: 172.31.j.1/30, the core router at .2.
        Ipv4InterfaceContainer link = IpsecTreeTopology::Link(campus.servers.Get(j),
                                                              core,
                                                              Ipv4Address((172u << 24) |
                                                                          (31u << 16) | (j << 8)),
                                                              "10Gbps");
        routing.GetStaticRouting(campus.servers.Get(j)->GetObject<Ipv4>())
            ->SetDefaultRoute(link.GetAddress(1), link.Get(0).second);
        campus.serverAddresses.push_back(link.GetAddress(0));
    }
    IpsecTreeTopology::Build(core, campus.clients);
    IpsecHelper::AddFilter(campus.servers,
                           "srcaddr=me dstaddr=any action=negotiate description=\"require ESP\"");
    IpsecHelper::AddFilter(campus.clients,
                           "srcaddr=me dstaddr=172.31.0.0/16 action=negotiate "
                           "description=\"servers\"");
}

/** Starts every client's file and web requests and the servers' answers. */
void
StartTraffic(const CampusConfig& config, Campus& campus)
{
    for (uint32_t j = 0; j < config.servers; ++j)
    {
        Answer(campus.servers.Get(j), FILE_PORT, 1200, &campus.traffic);
        Answer(campus.servers.Get(j), WEB_PORT, 1400, &campus.traffic);
    }
    Time end = Hours(config.hours);
    Ptr<UniformRandomVariable> fileGap = CreateObject<UniformRandomVariable>();
    fileGap->SetAttribute("Min", DoubleValue(0.5 * config.fileGap));
    fileGap->SetAttribute("Max", DoubleValue(1.5 * config.fileGap));
    Ptr<ExponentialRandomVariable> webGap = CreateObject<ExponentialRandomVariable>();
    webGap->SetAttribute("Mean", DoubleValue(config.webGap));
    Ptr<UniformRandomVariable> phase = CreateObject<UniformRandomVariable>();
    Traffic* traffic = &campus.traffic;
    for (uint32_t i = 0; i < config.clients; ++i)
    {
        Ptr<Node> client = campus.clients.Get(i);
        Ptr<Socket> socket = Socket::CreateSocket(client, UdpSocketFactory::GetTypeId());
        socket->Bind();
        socket->SetRecvCallback(Callback<void, Ptr<Socket>>([traffic](Ptr<Socket> s) {
            while (s->Recv())
            {
                ++traffic->answers;
            }
        }));
        Ipv4Address home = campus.serverAddresses[i % config.servers];
        Ipv4Address web = campus.serverAddresses[(i + 1) % config.servers];
        Create<RequestStream>(socket, InetSocketAddress(home, FILE_PORT), 200, fileGap, end, traffic)
            ->Start(Seconds(1 + phase->GetValue(0, config.fileGap)));
        Create<RequestStream>(socket, InetSocketAddress(web, WEB_PORT), 300, webGap, end, traffic)
            ->Start(Seconds(1 + webGap->GetValue()));
    }
}

/** The live SA counts of every IPsec node now. */
SaSample
Sample(const Campus& campus)
{
    SaSample sample;
    sample.hour = Simulator::Now().GetSeconds() / 3600.0;
    for (const NodeContainer* nodes : {&campus.clients, &campus.servers})
    {
        for (uint32_t i = 0; i < nodes->GetN(); ++i)
        {
            Ptr<IkeService> ike = IpsecHelper::GetIke(nodes->Get(i));
            sample.mainModeSas += ike->GetNMainModeSas();
            sample.quickModePairs += ike->GetNQuickModeSas();
            sample.sadEntries += IpsecHelper::GetDriver(nodes->Get(i))->GetSad().GetN();
        }
    }
    for (uint32_t j = 0; j < campus.servers.GetN(); ++j)
    {
        sample.negotiations +=
            IpsecHelper::GetIke(campus.servers.Get(j))->GetCounters().quickModeSucceeded;
    }
    return sample;
}

/** Samples every \p every until \p until into \p samples. */
void
ScheduleSamples(const Campus& campus, Time every, Time until, std::vector<SaSample>& samples)
{
    for (Time t = every; t <= until; t += every)
    {
        Simulator::Schedule(t, [&campus, &samples]() { samples.push_back(Sample(campus)); });
    }
}

/** Sum of one counter of the IKE services of \p nodes. */
uint64_t
SumIke(const NodeContainer& nodes, uint64_t IkeCounters::*counter)
{
    uint64_t sum = 0;
    for (uint32_t i = 0; i < nodes.GetN(); ++i)
    {
        sum += IpsecHelper::GetIke(nodes.Get(i))->GetCounters().*counter;
    }
    return sum;
}

/** Packets the IPsec drivers of \p nodes dropped, both directions. */
uint64_t
SumDropped(const NodeContainer& nodes)
{
    uint64_t sum = 0;
    for (uint32_t i = 0; i < nodes.GetN(); ++i)
    {
        for (uint64_t d : IpsecHelper::GetDriver(nodes.Get(i))->GetCounters().dropped)
        {
            sum += d;
        }
    }
    return sum;
}

void
PrintSamples(const std::vector<SaSample>& samples, std::ostream& os)
{
    os << "   hour  main-mode-SAs  quick-mode-pairs  SAD-entries  quick-modes-done\n";
    for (const SaSample& s : samples)
    {
        os << std::fixed << std::setprecision(2) << std::setw(7) << s.hour << std::setw(15)
           << s.mainModeSas << std::setw(18) << s.quickModePairs << std::setw(13) << s.sadEntries
           << std::setw(18) << s.negotiations << "\n";
    }
}

void
WriteCsv(const std::vector<SaSample>& samples, const std::string& file)
{
    std::ofstream out(file);
    out << "hour,main_mode_sas,quick_mode_pairs,sad_entries,quick_modes_done\n";
    for (const SaSample& s : samples)
    {
        out << std::fixed << std::setprecision(4) << s.hour << "," << s.mainModeSas << ","
            << s.quickModePairs << "," << s.sadEntries << "," << s.negotiations << "\n";
    }
}

} // namespace

int
main(int argc, char* argv[])
{
    CampusConfig config;
    uint32_t seed = 1;
    IpsecProgramOptions cmd(__FILE__,
                            "A campus over a simulated day: Windows XP clients and Windows "
                            "Server 2003 servers requiring IPsec, Windows' default lifetimes, "
                            "rekeys and idle deletes.\nPrints live SA counts over time, the "
                            "wall time, peak memory and leaked SAs.");
    cmd.AddInteger("clients", "Windows XP clients", config.clients, 1, 100000);
    cmd.AddInteger("servers", "Windows Server 2003 servers (at most 256)", config.servers, 1, 256);
    cmd.AddNumber("hours", "Simulated hours of traffic", config.hours, 0, false, 168);
    cmd.AddNumber("fileGap",
                  "Mean seconds between a client's file requests (uniform in 0.5-1.5 times)",
                  config.fileGap,
                  0,
                  false,
                  86400);
    cmd.AddNumber("webGap",
                  "Mean seconds between a client's web requests (exponential)",
                  config.webGap,
                  0,
                  false,
                  86400);
    cmd.AddNumber("sample",
                  "Minutes between samples of the live SA counts",
                  config.sampleMinutes,
                  0,
                  false,
                  1440);
    cmd.AddInteger("seed", "Run number of ns-3's random number generator", seed, 1, 1000000);
    cmd.AddChoice("crypto",
                  "ESP data plane: modeled (sizes and delays, no cipher work) or real "
                  "(Crypto++); IKE's cryptography is always real",
                  config.crypto,
                  {"modeled", "real"});
    cmd.AddOutput("csv", "Write the SA count samples as CSV to this file", config.csv, false);
    cmd.Parse(argc, argv);
    RngSeedManager::SetRun(seed);

    auto wallStart = std::chrono::steady_clock::now();
    Campus campus;
    Build(config, campus);
    StartTraffic(config, campus);
    // After the traffic: quick mode SAs idle out (300 s), replaced ones linger 5 s; the drain
    // gives them twice that.
    Time drain = Seconds(600);
    Time end = Hours(config.hours) + drain;
    std::vector<SaSample> samples;
    ScheduleSamples(campus, Minutes(config.sampleMinutes), Hours(config.hours), samples);
    Simulator::Stop(end);
    Simulator::Run();
    SaSample last = Sample(campus);
    double wall =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - wallStart).count();
    double peak = PeakMegabytes();

    std::cout << "Campus day: " << config.clients << " Windows XP clients, " << config.servers
              << " Windows Server 2003 servers requiring IPsec, " << config.hours
              << " h of traffic (file every " << config.fileGap << " s, web every "
              << config.webGap << " s on average), " << config.crypto << " ESP crypto, seed " << seed
              << "\n\n";
    PrintSamples(samples, std::cout);
    uint64_t mainModes = SumIke(campus.servers, &IkeCounters::mainModeSucceeded);
    uint64_t quickModes = SumIke(campus.servers, &IkeCounters::quickModeSucceeded);
    uint64_t failed = SumIke(campus.servers, &IkeCounters::quickModeFailed) +
                      SumIke(campus.servers, &IkeCounters::mainModeFailed) +
                      SumIke(campus.clients, &IkeCounters::quickModeFailed) +
                      SumIke(campus.clients, &IkeCounters::mainModeFailed);
    std::cout << "\nrequests " << campus.traffic.requests << ", served "
              << campus.traffic.served << ", answered " << campus.traffic.answers
              << "; IPsec drops " << SumDropped(campus.clients) + SumDropped(campus.servers)
              << "\nmain modes " << mainModes << ", quick modes " << quickModes << " (rekeys "
              << SumIke(campus.servers, &IkeCounters::rekeys) +
                     SumIke(campus.clients, &IkeCounters::rekeys)
              << "), failed negotiations " << failed << "\n"
              << "after the drain (" << drain.GetSeconds() << " s): quick mode pairs "
              << last.quickModePairs << ", SAD entries " << last.sadEntries
              << ", main mode SAs " << last.mainModeSas
              << " (these end with their 480 min lifetime)\n";
    std::cout << std::setprecision(4) << "bench: campus clients=" << config.clients
              << " hours=" << config.hours << " wall_s=" << wall << " peak_mb=" << peak << "\n"
              << "bench: campus negotiations_per_wall_s=" << (mainModes + quickModes) / wall
              << " leaked_sas=" << last.quickModePairs + last.sadEntries << "\n";
    if (!config.csv.empty())
    {
        WriteCsv(samples, config.csv);
    }
    Simulator::Destroy();
    return 0;
}
