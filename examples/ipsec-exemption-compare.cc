/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// Default exemptions compared: which traffic still flows when a host requires IPsec, under each
// Windows version (win2000, winxp, win2003, win2003sp2) and each NoDefaultExempt value 0-3.
//
//   CSMA LAN 10.1.1.0/24, 100 Mb/s
//   H 10.1.1.1 (IPsec: "require security" = My IP <-> Any, negotiate, no fallback)
//   P 10.1.1.2 (a peer without IPsec)     DC 10.1.1.3 (domain controller, Kerberos KDC)
//
// H's IKE service tries to negotiate for what its policy holds, but P and the DC run no IPsec,
// so nothing that reaches H's negotiate filter gets through (it waits for SAs that never come):
// what is delivered is what a default exemption let pass. Each traffic kind runs both ways
// ("out" = sent by H, "in" = received by H):
//   unicast-udp, unicast-tcp (bytes), subnet-broadcast (10.1.1.255), limited-broadcast
//   (255.255.255.255), multicast (224.0.0.100/101), rsvp (raw IP protocol 46), kerberos
//   (UDP 88 with the DC), kerberos-srcport88 (P's port 88 <-> port 3389: the KB 811832 hole),
//   ike (out: H's ISAKMP messages to P; in: datagrams from P to H's port 500).
// The program runs the mix under every profile with every exemption value overriding the
// profile (16 runs) and under every profile's own default (4 runs), prints the tables (cells:
// delivered/sent), marks which values each version really knew (Windows 2000 and XP: 0 and 1;
// the other values are experiment knobs that act as the profile says), compares the versions at
// the values they had, with --csv=FILE writes the 16 runs as CSV and with --plot=PREFIX draws
// them as a heat map (PREFIX.plt, PREFIX.dat, PREFIX.png through gnuplot).

#include "ns3/applications-module.h"
#include "ns3/core-module.h"
#include "ns3/csma-module.h"
#include "ns3/gnuplot.h"
#include "ns3/internet-module.h"
#include "ns3/ipsec-module.h"
#include "ns3/network-module.h"

#include "ipsec-plot-files.h"
#include "ipsec-program-options.h"

#include <array>
#include <fstream>
#include <cstdlib>
#include <functional>
#include <iomanip>
#include <iostream>
#include <map>
#include <sstream>

using namespace ns3;

namespace
{

/** Traffic kinds, in table order; the names are the CSV's. */
const std::vector<std::string> TRAFFIC = {"unicast-udp",
                                          "unicast-tcp",
                                          "subnet-broadcast",
                                          "limited-broadcast",
                                          "multicast",
                                          "rsvp",
                                          "kerberos",
                                          "kerberos-srcport88",
                                          "ike"};

/** Directions relative to H. */
const std::array<std::string, 2> DIRECTIONS = {"out", "in"};

/** Sent and delivered counts of one flow (packets; bytes for unicast-tcp). */
struct Count
{
    uint64_t sent{0};      //!< sent by the application
    uint64_t delivered{0}; //!< received by the application at the other end
};

/** The counts of one run: (traffic, direction) -> count, plus H's driver counters. */
struct RunResult
{
    std::map<std::pair<std::string, std::string>, Count> flows; //!< per flow
    IpsecDriverCounters counters;                               //!< H's counters
};

/** Settings of the mix. */
struct MixSettings
{
    uint32_t packets{10};    //!< datagrams per flow and direction
    uint32_t tcpBytes{4000}; //!< bytes per TCP transfer
    std::string policy;      //!< a netsh script for H, or empty for the built-in policy
};

/**
 * A UDP socket on \p port that counts what it receives into \p delivered (device-bound when
 * \p device is set, as link-local multicast needs).
 */
Ptr<Socket>
InstallUdpSocket(Ptr<Node> node, uint16_t port, uint64_t* delivered, Ptr<NetDevice> device = {})
{
    Ptr<Socket> socket = Socket::CreateSocket(node, UdpSocketFactory::GetTypeId());
    socket->Bind(InetSocketAddress(Ipv4Address::GetAny(), port));
    socket->SetAllowBroadcast(true);
    if (device)
    {
        socket->BindToNetDevice(device);
    }
    if (delivered)
    {
        socket->SetRecvCallback(Callback<void, Ptr<Socket>>([delivered](Ptr<Socket> s) {
            while (s->Recv())
            {
                ++*delivered;
            }
        }));
    }
    return socket;
}

/** Send \p count datagrams from \p socket to \p to:port, one every 50 ms from \p start. */
void
ScheduleSends(Ptr<Socket> socket,
              Ipv4Address to,
              uint16_t port,
              uint32_t count,
              Time start,
              uint64_t* sent)
{
    for (uint32_t i = 0; i < count; ++i)
    {
        Simulator::Schedule(start + MilliSeconds(50 * i), [socket, to, port, sent]() {
            if (socket->SendTo(Create<Packet>(100), 0, InetSocketAddress(to, port)) >= 0)
            {
                ++*sent;
            }
        });
    }
}

/** Raw IP protocol 46 (RSVP) from \p from to \p to, counted by a raw socket at \p receiver. */
void
InstallRsvp(Ptr<Node> from, Ptr<Node> receiver, Ipv4Address to, uint32_t count, Time start,
            Count& c)
{
    const uint8_t rsvp = 46;
    Ptr<Socket> rx = Socket::CreateSocket(receiver, Ipv4RawSocketFactory::GetTypeId());
    rx->SetAttribute("Protocol", UintegerValue(rsvp));
    uint64_t* delivered = &c.delivered;
    rx->SetRecvCallback(Callback<void, Ptr<Socket>>([delivered](Ptr<Socket> s) {
        while (s->Recv())
        {
            ++*delivered;
        }
    }));
    Ptr<Socket> tx = Socket::CreateSocket(from, Ipv4RawSocketFactory::GetTypeId());
    tx->SetAttribute("Protocol", UintegerValue(rsvp));
    ScheduleSends(tx, to, 0, count, start, &c.sent);
}

/** A TCP transfer of \p bytes to \p to:port; delivered bytes are read after the run. */
Ptr<PacketSink>
InstallTcp(Ptr<Node> from, Ptr<Node> receiver, Ipv4Address to, uint32_t bytes, Time start,
           Count& c)
{
    PacketSinkHelper sinkHelper("ns3::TcpSocketFactory",
                                InetSocketAddress(Ipv4Address::GetAny(), 80));
    Ptr<PacketSink> sink = DynamicCast<PacketSink>(sinkHelper.Install(receiver).Get(0));
    BulkSendHelper bulk("ns3::TcpSocketFactory", InetSocketAddress(to, 80));
    bulk.SetAttribute("MaxBytes", UintegerValue(bytes));
    bulk.Install(from).Start(start);
    c.sent = bytes; // what the application offered to TCP
    return sink;
}

/** Count the ISAKMP messages an IKE service sends to one peer. */
void
CountIkeTo(Ipv4Address peer, uint64_t* sent, Ipv4Address to, const std::string&, uint32_t)
{
    *sent += to == peer ? 1 : 0;
}

/**
 * IKE between H and P. Out: the ISAKMP messages H's IKE service sends to P while it tries to
 * negotiate SAs for the traffic its policy holds (P runs no IPsec: a plain UDP socket on port
 * 500 counts what arrives). In: P sends datagrams to H's port 500; delivered is what H's IKE
 * service received (none of it parses as ISAKMP: it is counted and ignored).
 * \return the action that reads H's IKE counters once the run is over
 */
std::function<void()>
InstallIkeTraffic(Ptr<Node> h,
                  Ptr<Node> peer,
                  Ipv4Address hAddr,
                  Ipv4Address peerAddr,
                  uint32_t count,
                  Time start,
                  Count& out,
                  Count& in)
{
    const uint16_t ike = 500;
    Ptr<Socket> atPeer = InstallUdpSocket(peer, ike, &out.delivered);
    ScheduleSends(atPeer, hAddr, ike, count, start, &in.sent);
    Ptr<IkeService> service = IpsecHelper::GetIke(h);
    service->TraceConnectWithoutContext("MessageSent",
                                        MakeBoundCallback(&CountIkeTo, peerAddr, &out.sent));
    return [service, &in]() {
        const IkeCounters& c = service->GetCounters();
        in.delivered = c.messagesReceived + c.ignored;
    };
}

/**
 * Run the mix once.
 * \param profile H's OS profile
 * \param exemptions NoDefaultExempt override 0-3, or -1 for the profile's default
 * \param settings sizes
 * \return the counts
 */
RunResult
RunMix(IpsecOsProfile profile, int exemptions, const MixSettings& settings)
{
    NodeContainer nodes;
    nodes.Create(3);
    Ptr<Node> h = nodes.Get(0);
    Ptr<Node> p = nodes.Get(1);
    Ptr<Node> dc = nodes.Get(2);
    CsmaHelper csma;
    csma.SetChannelAttribute("DataRate", StringValue("100Mbps"));
    csma.SetChannelAttribute("Delay", TimeValue(MicroSeconds(10)));
    NetDeviceContainer devices = csma.Install(nodes);
    IpsecHelper().Install(h);
    InternetStackHelper().Install(NodeContainer(p, dc));
    Ipv4AddressHelper("10.1.1.0", "255.255.255.0").Assign(devices);
    const Ipv4Address hAddr("10.1.1.1");
    const Ipv4Address pAddr("10.1.1.2");
    const Ipv4Address dcAddr("10.1.1.3");

    IpsecHelper::SetOsProfile(h, profile);
    if (settings.policy.empty())
    {
        IpsecHelper::AddFilter(h, "srcaddr=me dstaddr=any action=negotiate "
                                  "description=\"require security\"");
    }
    else
    {
        try
        {
            IpsecHelper::LoadNetshScript(h, settings.policy);
        }
        catch (const IpsecConfigError& e)
        {
            std::cerr << "error: --policy=" << settings.policy << ": " << e.what() << std::endl;
            std::exit(2);
        }
    }
    // After the script: the run's value is the study's axis, whatever the script sets with
    // "dynamic set config ipsecexempt".
    IpsecHelper::SetDefaultExemptions(h, exemptions);

    RunResult r;
    auto flow = [&r](const std::string& traffic, const std::string& direction) -> Count& {
        return r.flows[{traffic, direction}];
    };
    const uint32_t n = settings.packets;
    // Flows start 20 ms apart: ARP holds only three packets per neighbour while it resolves.
    Time t = Seconds(1);
    auto next = [&t]() {
        t += MilliSeconds(20);
        return t;
    };

    // unicast-udp
    ScheduleSends(InstallUdpSocket(h, 0, nullptr), pAddr, 9, n, next(),
                  &flow("unicast-udp", "out").sent);
    InstallUdpSocket(p, 9, &flow("unicast-udp", "out").delivered);
    ScheduleSends(InstallUdpSocket(p, 0, nullptr), hAddr, 9, n, next(),
                  &flow("unicast-udp", "in").sent);
    InstallUdpSocket(h, 9, &flow("unicast-udp", "in").delivered);

    // unicast-tcp (bytes)
    Ptr<PacketSink> tcpOut = InstallTcp(h, p, pAddr, settings.tcpBytes, next(),
                                        flow("unicast-tcp", "out"));
    Ptr<PacketSink> tcpIn = InstallTcp(p, h, hAddr, settings.tcpBytes, next(),
                                       flow("unicast-tcp", "in"));

    // subnet-broadcast and limited-broadcast, counted at P (out) and H (in)
    uint16_t port = 7100;
    for (const auto& [traffic, group] : {std::make_pair("subnet-broadcast", "10.1.1.255"),
                                         std::make_pair("limited-broadcast", "255.255.255.255")})
    {
        InstallUdpSocket(p, port, &flow(traffic, "out").delivered);
        ScheduleSends(InstallUdpSocket(h, 0, nullptr), group, port, n, next(),
                      &flow(traffic, "out").sent);
        InstallUdpSocket(h, port + 1, &flow(traffic, "in").delivered);
        ScheduleSends(InstallUdpSocket(p, 0, nullptr), group, port + 1, n, next(),
                      &flow(traffic, "in").sent);
        port += 100;
    }

    // multicast (link-local groups: the sockets are bound to the LAN device)
    Ptr<Socket> hGroup = InstallUdpSocket(h, 7001, &flow("multicast", "in").delivered,
                                          devices.Get(0));
    Ptr<Socket> pGroup = InstallUdpSocket(p, 7000, &flow("multicast", "out").delivered,
                                          devices.Get(1));
    ScheduleSends(hGroup, "224.0.0.100", 7000, n, next(), &flow("multicast", "out").sent);
    ScheduleSends(pGroup, "224.0.0.101", 7001, n, next(), &flow("multicast", "in").sent);

    // rsvp
    InstallRsvp(h, p, pAddr, n, next(), flow("rsvp", "out"));
    InstallRsvp(p, h, hAddr, n, next(), flow("rsvp", "in"));

    // kerberos: H asks the DC (port 88); the DC sends from port 88 to H's client port 5088.
    Ptr<Socket> kdc = InstallUdpSocket(dc, 88, &flow("kerberos", "out").delivered);
    ScheduleSends(InstallUdpSocket(h, 0, nullptr), dcAddr, 88, n, next(),
                  &flow("kerberos", "out").sent);
    InstallUdpSocket(h, 5088, &flow("kerberos", "in").delivered);
    ScheduleSends(kdc, hAddr, 5088, n, next(), &flow("kerberos", "in").sent);

    // kerberos-srcport88: P, not a DC, sends from port 88 to port 3389 (and H the same way).
    Ptr<Socket> pFrom88 = InstallUdpSocket(p, 88, nullptr);
    InstallUdpSocket(h, 3389, &flow("kerberos-srcport88", "in").delivered);
    ScheduleSends(pFrom88, hAddr, 3389, n, next(), &flow("kerberos-srcport88", "in").sent);
    Ptr<Socket> hFrom88 = InstallUdpSocket(h, 88, nullptr);
    InstallUdpSocket(p, 3389, &flow("kerberos-srcport88", "out").delivered);
    ScheduleSends(hFrom88, pAddr, 3389, n, next(), &flow("kerberos-srcport88", "out").sent);

    // ike
    auto ikeCounts =
        InstallIkeTraffic(h, p, hAddr, pAddr, n, next(), flow("ike", "out"), flow("ike", "in"));

    Simulator::Stop(Seconds(3));
    Simulator::Run();
    flow("unicast-tcp", "out").delivered = tcpOut->GetTotalRx();
    flow("unicast-tcp", "in").delivered = tcpIn->GetTotalRx();
    ikeCounts();
    r.counters = IpsecHelper::GetDriver(h)->GetCounters();
    Simulator::Destroy();
    return r;
}

std::string
Cell(const Count& c)
{
    return std::to_string(c.delivered) + "/" + std::to_string(c.sent);
}

/** Print one table: a row per traffic and direction, a column per run. */
void
PrintTable(const std::vector<std::string>& headers, const std::vector<const RunResult*>& runs)
{
    const int first = 24;
    const int width = 16;
    std::cout << std::left << std::setw(first) << "traffic" << std::setw(5) << "dir" << std::right;
    for (const auto& h : headers)
    {
        std::cout << std::setw(width) << h;
    }
    std::cout << "\n";
    for (const auto& traffic : TRAFFIC)
    {
        for (const auto& direction : DIRECTIONS)
        {
            std::cout << std::left << std::setw(first) << traffic << std::setw(5) << direction
                      << std::right;
            for (const RunResult* run : runs)
            {
                std::cout << std::setw(width) << Cell(run->flows.at({traffic, direction}));
            }
            std::cout << "\n";
        }
    }
}

/** One line with the exemptions and drop reasons H counted. */
std::string
CounterSummary(const IpsecDriverCounters& c)
{
    std::ostringstream os;
    os << "exempt";
    for (size_t k = 0; k < IPSEC_EXEMPTION_KIND_COUNT; ++k)
    {
        if (c.exemptByKind[k] != 0)
        {
            os << " " << IpsecExemptionKindToString(static_cast<IpsecExemptionKind>(k)) << "="
               << c.exemptByKind[k];
        }
    }
    os << "; dropped";
    for (size_t r = 0; r < IPSEC_DROP_REASON_COUNT; ++r)
    {
        if (c.dropsByReason[r] != 0)
        {
            os << " " << IpsecDropReasonToString(static_cast<IpsecDropReason>(r)) << "="
               << c.dropsByReason[r];
        }
    }
    return os.str();
}

bool
SameFlows(const RunResult& a, const RunResult& b)
{
    for (const auto& [key, c] : a.flows)
    {
        const Count& d = b.flows.at(key);
        if (c.sent != d.sent || c.delivered != d.delivered)
        {
            return false;
        }
    }
    return true;
}

/** The 16 overriding runs and the 4 default runs of the study. */
struct StudyRuns
{
    std::vector<IpsecOsProfile> profiles;                         //!< in table order
    std::map<std::pair<IpsecOsProfile, int>, RunResult> overridden; //!< (profile, value) -> run
    std::map<IpsecOsProfile, RunResult> byDefault;                 //!< profile -> run
};

/** \return true if \p profile's Windows version knew NoDefaultExempt value \p mode */
bool
IsReal(IpsecOsProfile profile, int mode)
{
    return IpsecGetOsProfileDefaults(profile).KnowsExemptions(mode);
}

/** \return the value \p profile acts on when NoDefaultExempt is set to \p mode */
int
ActsAs(IpsecOsProfile profile, int mode)
{
    return IpsecGetOsProfileDefaults(profile).EffectiveExemptions(mode);
}

/**
 * \return the flows whose delivered counts differ between \p a and \p b, one entry per traffic
 * kind ("kerberos 10->0" when both directions changed alike, else "kerberos out 10->0")
 */
std::vector<std::string>
DifferentFlows(const RunResult& a, const RunResult& b)
{
    std::vector<std::string> entries;
    for (const auto& traffic : TRAFFIC)
    {
        std::vector<std::string> changed;
        for (const auto& direction : DIRECTIONS)
        {
            const Count& x = a.flows.at({traffic, direction});
            const Count& y = b.flows.at({traffic, direction});
            if (x.delivered != y.delivered)
            {
                changed.push_back(direction + " " + std::to_string(x.delivered) + "->" +
                                  std::to_string(y.delivered));
            }
        }
        if (changed.size() == 2 && changed[0].substr(4) == changed[1].substr(3))
        {
            entries.push_back(traffic + " " + changed[1].substr(3));
        }
        else
        {
            for (const auto& c : changed)
            {
                entries.push_back(traffic + " " + c);
            }
        }
    }
    return entries;
}

/** Print \p title and then \p entries, comma-separated, wrapped at 100 columns. */
void
PrintWrapped(const std::string& title, const std::vector<std::string>& entries)
{
    std::cout << title;
    if (entries.empty())
    {
        std::cout << " no change\n";
        return;
    }
    std::string line = "   ";
    for (size_t i = 0; i < entries.size(); ++i)
    {
        std::string entry = " " + entries[i] + (i + 1 < entries.size() ? "," : "");
        if (line.size() + entry.size() > 100)
        {
            std::cout << "\n" << line;
            line = "   ";
        }
        line += entry;
    }
    std::cout << "\n" << line << "\n";
}

/** \return delivered/sent of \p c as a share (0 when nothing was sent) */
double
Share(const Count& c)
{
    return c.sent == 0 ? 0.0 : static_cast<double>(c.delivered) / static_cast<double>(c.sent);
}

/**
 * \brief Write the heat map of the overriding runs: PREFIX.plt (script), PREFIX.dat (data:
 * "column row share", column = profile index x 4 + value, row = traffic index x 2 + direction)
 * and, through gnuplot, PREFIX.png. Real cells (values the version knew) are boxed.
 * \return false if a file could not be written
 */
bool
WriteHeatMap(const StudyRuns& study, const std::string& prefix)
{
    const int values = IPSEC_EXEMPTION_MODE_MAX - IPSEC_EXEMPTION_MODE_MIN + 1;
    const int columns = static_cast<int>(study.profiles.size()) * values;
    const int rows = static_cast<int>(TRAFFIC.size() * DIRECTIONS.size());
    Gnuplot plot(prefix + ".png");
    plot.SetTerminal("pngcairo noenhanced size 1100,700 font ',9'");
    plot.SetTitle("Delivered share per traffic kind and direction (H requires IPsec); "
                  "boxed: the version's own behaviour, unboxed: an experiment knob");
    plot.SetLegend("OS profile and NoDefaultExempt value", "traffic and direction");
    std::ostringstream extra;
    extra << "unset key\nset cbrange [0:1]\nset cblabel 'delivered share'\n"
          << "set palette defined (0 '#b2182b', 0.5 '#f7f7f7', 1 '#2166ac')\n"
          << "set xrange [-0.5:" << columns - 0.5 << "]\nset yrange [" << rows - 0.5
          << ":-0.5]\nset xtics rotate by 90 right (";
    int column = 0;
    for (IpsecOsProfile profile : study.profiles)
    {
        for (int mode = IPSEC_EXEMPTION_MODE_MIN; mode <= IPSEC_EXEMPTION_MODE_MAX; ++mode)
        {
            extra << (column ? ", " : "") << "'" << IpsecOsProfileToString(profile) << " "
                  << mode << "' " << column;
            ++column;
        }
    }
    extra << ")\nset ytics (";
    int row = 0;
    for (const auto& traffic : TRAFFIC)
    {
        for (const auto& direction : DIRECTIONS)
        {
            extra << (row ? ", " : "") << "'" << traffic << " " << direction << "' " << row;
            ++row;
        }
    }
    extra << ")\n";
    column = 0;
    for (IpsecOsProfile profile : study.profiles)
    {
        for (int mode = IPSEC_EXEMPTION_MODE_MIN; mode <= IPSEC_EXEMPTION_MODE_MAX; ++mode)
        {
            if (IsReal(profile, mode))
            {
                extra << "set object rect from " << column - 0.45 << ",-0.45 to "
                      << column + 0.45 << "," << rows - 0.55
                      << " front fillstyle empty border lc rgb 'black' lw 2\n";
            }
            ++column;
        }
    }
    // ns-3's 3D datasets always write their data inline, so the script plots the data file
    // itself and the Gnuplot object holds no dataset.
    const IpsecPlotFiles files(prefix);
    const std::string& data = files.GetData();
    extra << "plot '" << data << "' using 1:2:3 with image\n";
    plot.AppendExtra(extra.str());
    return files.Write(plot, [&](std::ostream& cells) {
        cells << "# column row share: column = profile index x 4 + NoDefaultExempt value, row = "
                 "traffic index x 2 + direction (out 0, in 1), share = delivered/sent\n";
        column = 0;
        for (IpsecOsProfile profile : study.profiles)
        {
            for (int mode = IPSEC_EXEMPTION_MODE_MIN; mode <= IPSEC_EXEMPTION_MODE_MAX; ++mode)
            {
                row = 0;
                for (const auto& traffic : TRAFFIC)
                {
                    for (const auto& direction : DIRECTIONS)
                    {
                        cells << column << " " << row << " "
                              << Share(study.overridden.at({profile, mode}).flows.at(
                                     {traffic, direction}))
                              << "\n";
                        ++row;
                    }
                }
                cells << "\n";
                ++column;
            }
        }
    });
}

} // namespace

int
main(int argc, char* argv[])
{
    MixSettings settings;
    std::string csv;
    IpsecProgramOptions cmd(__FILE__,
                            "Default exemptions compared: host H requires IPsec (no fallback) "
                            "and its peers run none; the traffic mix runs under every OS profile "
                            "and NoDefaultExempt value.\nPrints delivered/sent per traffic kind "
                            "and direction; --csv=FILE writes the runs.");
    std::string plot;
    cmd.AddOutput("csv",
                  "Write profile,exempt_mode,traffic,direction,sent,delivered,real,acts_as to "
                  "FILE (real: the version knew the value; acts_as: the value it acts on)",
                  csv,
                  false);
    cmd.AddOutput("plot",
                  "Draw the runs as a heat map: PREFIX.plt, PREFIX.dat and (with gnuplot) "
                  "PREFIX.png",
                  plot,
                  true);
    // Each flow sends from at most 1.34 s, 50 ms apart: 30 datagrams leave before the runs'
    // end at 3 s.
    cmd.AddInteger("packets",
                   "Datagrams per flow and direction (sent 50 ms apart within the 3 s run)",
                   settings.packets,
                   1,
                   30);
    cmd.AddInteger("tcpBytes", "Bytes per TCP transfer", settings.tcpBytes, 1, 1000000);
    std::string policyName;
    cmd.AddText("policy",
                "A netsh script (netsh -f form) whose assigned policy H runs instead of the "
                "built-in one (see examples/policies/)",
                settings.policy,
                [&policyName](const std::string& path) {
                    IpsecNetshPolicyStore store;
                    std::string error = IpsecProgramOptions::Catch([&]() { store.RunFile(path); });
                    if (error.empty() && !store.GetAssignedPolicy())
                    {
                        error = "no policy is assigned (set policy name=... assign=yes)";
                    }
                    if (error.empty())
                    {
                        policyName = store.GetAssignedPolicy()->name;
                    }
                    return error;
                });
    cmd.Parse(argc, argv);

    std::ofstream out;
    if (!csv.empty())
    {
        out.open(csv);
        if (!out)
        {
            std::cerr << "error: cannot write " << csv << "\n";
            return 1;
        }
    }

    StudyRuns study;
    for (size_t i = 0; i < IPSEC_OS_PROFILE_COUNT; ++i)
    {
        study.profiles.push_back(static_cast<IpsecOsProfile>(i));
    }
    const std::vector<IpsecOsProfile>& profiles = study.profiles;
    auto& overridden = study.overridden;
    auto& byDefault = study.byDefault;
    for (IpsecOsProfile profile : profiles)
    {
        byDefault[profile] = RunMix(profile, -1, settings);
        for (int mode = IPSEC_EXEMPTION_MODE_MIN; mode <= IPSEC_EXEMPTION_MODE_MAX; ++mode)
        {
            overridden[{profile, mode}] = RunMix(profile, mode, settings);
        }
    }

    if (settings.policy.empty())
    {
        std::cout << "Default exemptions: H (10.1.1.1) requires IPsec for all its traffic\n"
                     "(My IP <-> Any, negotiate, no fallback); its peer P and the domain "
                     "controller run no IPsec.\n";
    }
    else
    {
        std::cout << "Default exemptions: H (10.1.1.1) runs the policy \"" << policyName
                  << "\" assigned in " << settings.policy
                  << "\n(each run sets its own NoDefaultExempt value); its peer P and the "
                     "domain controller run no IPsec.\n";
    }
    std::cout << "Cells: delivered/sent (packets; bytes for unicast-tcp). "
                 "out = sent by H, in = received by H.\n\n";

    std::cout << "1. Each OS profile at its own default (NoDefaultExempt value in brackets)\n\n";
    std::vector<std::string> headers;
    std::vector<const RunResult*> runs;
    for (IpsecOsProfile profile : profiles)
    {
        int mode = IpsecGetOsProfileDefaults(profile).defaultExemptions;
        headers.push_back(IpsecOsProfileToString(profile) + " (" + std::to_string(mode) + ")");
        runs.push_back(&byDefault[profile]);
    }
    PrintTable(headers, runs);
    std::cout << "\n";
    for (IpsecOsProfile profile : profiles)
    {
        std::cout << "  " << std::left << std::setw(12) << IpsecOsProfileToString(profile)
                  << std::right << CounterSummary(byDefault[profile].counters) << "\n";
    }

    // Server 2003 knows every value: its columns are all real behaviour.
    const IpsecOsProfile reference = IpsecOsProfile::WIN2003;
    std::cout << "\n2. Each NoDefaultExempt value overriding the profile, under "
              << IpsecOsProfileToString(reference)
              << " (which knows all four)\n"
                 "   (netsh ipsec dynamic set config ipsecexempt value=N)\n\n";
    headers.clear();
    runs.clear();
    for (int mode = IPSEC_EXEMPTION_MODE_MIN; mode <= IPSEC_EXEMPTION_MODE_MAX; ++mode)
    {
        headers.push_back("value " + std::to_string(mode));
        runs.push_back(&overridden[{reference, mode}]);
    }
    PrintTable(headers, runs);
    std::cout << "\n";
    for (int mode = IPSEC_EXEMPTION_MODE_MIN; mode <= IPSEC_EXEMPTION_MODE_MAX; ++mode)
    {
        std::cout << "  value " << mode << "  "
                  << CounterSummary(overridden[{reference, mode}].counters) << "\n";
    }

    std::cout << "\n3. The values each version knew (real: its own behaviour) and what it does "
                 "with the others\n   (knob: an experiment, the version acts as the value "
                 "shown; Windows 2000 and XP had\n   no netsh ipsecexempt, only the registry "
                 "value NoDefaultExempt)\n\n";
    std::cout << "  " << std::left << std::setw(12) << "profile";
    for (int mode = IPSEC_EXEMPTION_MODE_MIN; mode <= IPSEC_EXEMPTION_MODE_MAX; ++mode)
    {
        std::cout << std::setw(mode < IPSEC_EXEMPTION_MODE_MAX ? 14 : 0)
                  << ("value " + std::to_string(mode));
    }
    std::cout << "\n";
    bool knownAgree = true;  // a value gives the same counts under every profile knowing it
    bool unknownActs = true; // an unknown value gives the counts of the value it acts as
    for (IpsecOsProfile profile : profiles)
    {
        std::cout << "  " << std::setw(12) << IpsecOsProfileToString(profile);
        for (int mode = IPSEC_EXEMPTION_MODE_MIN; mode <= IPSEC_EXEMPTION_MODE_MAX; ++mode)
        {
            const RunResult& run = overridden[{profile, mode}];
            std::string cell = "real";
            if (IsReal(profile, mode))
            {
                knownAgree &= SameFlows(run, overridden[{reference, mode}]);
            }
            else
            {
                int as = ActsAs(profile, mode);
                cell = "knob (as " + std::to_string(as) + ")";
                unknownActs &= SameFlows(run, overridden[{profile, as}]);
            }
            std::cout << std::setw(mode < IPSEC_EXEMPTION_MODE_MAX ? 14 : 0) << cell;
        }
        std::cout << "\n";
    }
    std::cout << std::right;
    bool defaultsMatch = true;
    for (IpsecOsProfile profile : profiles)
    {
        int mode = IpsecGetOsProfileDefaults(profile).defaultExemptions;
        defaultsMatch &= SameFlows(byDefault[profile], overridden[{profile, mode}]);
    }
    std::cout << "\nEach value gives the same counts under every profile that knows it: "
              << (knownAgree ? "yes" : "NO")
              << "\nEach unknown value gives the counts of the value it acts as: "
              << (unknownActs ? "yes" : "NO") << "\nEach profile's default equals its "
              << "value's column: " << (defaultsMatch ? "yes" : "NO") << "\n";

    // The versions compared where they differ in fact: each at its own default, and each with
    // the other values it knew (a profile with the same values and default as one before it is
    // not repeated).
    std::cout << "\n4. The versions compared at the values they really had (flows whose "
                 "delivered count changes)\n";
    for (size_t i = 0; i + 1 < profiles.size(); ++i)
    {
        IpsecOsProfile a = profiles[i];
        IpsecOsProfile b = profiles[i + 1];
        PrintWrapped("  " + IpsecOsProfileToString(a) + " (" +
                         std::to_string(IpsecGetOsProfileDefaults(a).defaultExemptions) +
                         ") -> " + IpsecOsProfileToString(b) + " (" +
                         std::to_string(IpsecGetOsProfileDefaults(b).defaultExemptions) + "):",
                     DifferentFlows(byDefault[a], byDefault[b]));
    }
    for (size_t i = 0; i < profiles.size(); ++i)
    {
        IpsecOsProfileDefaults d = IpsecGetOsProfileDefaults(profiles[i]);
        std::string name = IpsecOsProfileToString(profiles[i]);
        std::string same;
        for (size_t j = 0; j < i && same.empty(); ++j)
        {
            IpsecOsProfileDefaults e = IpsecGetOsProfileDefaults(profiles[j]);
            if (e.knownExemptions == d.knownExemptions &&
                e.defaultExemptions == d.defaultExemptions)
            {
                same = IpsecOsProfileToString(profiles[j]);
            }
        }
        if (!same.empty())
        {
            std::cout << "  " << name << ": as " << same << "\n";
            continue;
        }
        for (int mode = IPSEC_EXEMPTION_MODE_MIN; mode <= IPSEC_EXEMPTION_MODE_MAX; ++mode)
        {
            if (d.KnowsExemptions(mode) && mode != d.defaultExemptions)
            {
                PrintWrapped("  " + name + " " + std::to_string(d.defaultExemptions) + " -> " +
                                 std::to_string(mode) + ":",
                             DifferentFlows(overridden[{profiles[i], d.defaultExemptions}],
                                            overridden[{profiles[i], mode}]));
            }
        }
    }

    if (out.is_open())
    {
        out << "profile,exempt_mode,traffic,direction,sent,delivered,real,acts_as\n";
        for (IpsecOsProfile profile : profiles)
        {
            for (int mode = IPSEC_EXEMPTION_MODE_MIN; mode <= IPSEC_EXEMPTION_MODE_MAX; ++mode)
            {
                for (const auto& traffic : TRAFFIC)
                {
                    for (const auto& direction : DIRECTIONS)
                    {
                        const Count& c = overridden[{profile, mode}].flows.at({traffic, direction});
                        out << IpsecOsProfileToString(profile) << "," << mode << "," << traffic
                            << "," << direction << "," << c.sent << "," << c.delivered << ","
                            << (IsReal(profile, mode) ? "yes" : "no") << ","
                            << ActsAs(profile, mode) << "\n";
                    }
                }
            }
        }
        out.close();
        if (!out)
        {
            std::cerr << "error: writing " << csv << " failed\n";
            return 1;
        }
        std::cout << "\nCSV: " << csv << " (" << profiles.size() * 4 * TRAFFIC.size() * 2
                  << " rows)\n";
    }
    if (!plot.empty() && !WriteHeatMap(study, plot))
    {
        std::cerr << "error: writing " << plot << ".plt or " << plot << ".dat failed\n";
        return 1;
    }
    return knownAgree && unknownActs && defaultsMatch ? 0 : 1;
}
