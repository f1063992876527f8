/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// Falling back to clear: a client whose policy allows "unsecured communication with
// non-IPsec-aware computers" talks to a server that runs no IPsec. IKE gets no answer; after
// the OS profile's fallback delay (3 s on XP/2003, 0.5 s with Server 2003 SP2's Simple Policy
// Update) traffic flows in the clear through a soft SA, which ends after the idle timeout
// (300 s by default) like any SA. Windows 2000 falls back only once its four tries are used up
// (15 s) and only because the server answered them with ICMP port unreachable.
//
//   client 10.1.1.1 (IPsec) ---- 100 Mb/s, 1 ms ---- server 10.1.1.2 (no IPsec)
//
// The client sends a UDP request every second from 1 s until --trafficS, then stays quiet.
// For each profile it prints one line:
//   softsa: profile=<p> first_packet_s=<t> clear_traffic_s=<t> delay_s=<d> softsa_expired_s=<t>
// With --plot=PREFIX it also prints, per profile, when IKE sent its messages
//   softsa-ike: profile=<p> sent_s=<t>,<t>,... retransmitted=<n>
// and draws the profiles as a timeline of those IKE messages, the fallback to clear and the
// soft SA's end (PREFIX.plt, PREFIX.dat, PREFIX.png through gnuplot).

#include "ns3/core-module.h"
#include "ns3/gnuplot.h"
#include "ns3/internet-module.h"
#include "ns3/ipsec-module.h"
#include "ns3/network-module.h"
#include "ns3/point-to-point-module.h"

#include "ipsec-plot-files.h"
#include "ipsec-program-options.h"

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <sstream>

using namespace ns3;

namespace
{

struct Timeline
{
    double firstPacket{-1};  //!< the client's first request
    double clear{-1};        //!< the soft SA: held requests leave in the clear
    double delivered{-1};    //!< the first request reached the server
    double expired{-1};      //!< the soft SA ended
    std::vector<double> ikeSent;      //!< each ISAKMP message the client sent
    std::vector<bool> retransmission; //!< per ikeSent: it was a retransmission
};

Timeline
Run(const std::string& profile, double trafficSeconds, double idleSeconds)
{
    Timeline t;
    NodeContainer nodes;
    nodes.Create(2);
    PointToPointHelper p2p;
    p2p.SetDeviceAttribute("DataRate", StringValue("100Mbps"));
    p2p.SetChannelAttribute("Delay", StringValue("1ms"));
    NetDeviceContainer devices = p2p.Install(nodes);
    IpsecHelper ipsec;
    ipsec.SetIkeAttribute("IdleTimeout", TimeValue(Seconds(idleSeconds)));
    ipsec.Install(nodes.Get(0));
    InternetStackHelper().Install(nodes.Get(1));
    Ipv4AddressHelper("10.1.1.0", "255.255.255.0").Assign(devices);
    IpsecHelper::SetOsProfile(nodes.Get(0), profile);
    // Windows' "Request security": negotiate, accept clear inbound, fall back to clear.
    IpsecHelper::AddFilter(nodes.Get(0),
                           "srcaddr=me dstaddr=any action=negotiate fallback=yes passthrough=yes "
                           "description=\"request security\"");
    IpsecHelper::GetDriver(nodes.Get(0))
        ->TraceConnectWithoutContext(
            "SoftSa",
            Callback<void, Ipv4Address, uint32_t, const std::string&>(
                [&t](Ipv4Address, uint32_t, const std::string& event) {
                    if (event == "installed" && t.clear < 0)
                    {
                        t.clear = Simulator::Now().GetSeconds();
                    }
                    if (event.rfind("deleted", 0) == 0)
                    {
                        t.expired = Simulator::Now().GetSeconds();
                    }
                }));

    Ptr<IkeService> ike = IpsecHelper::GetIke(nodes.Get(0));
    ike->TraceConnectWithoutContext(
        "MessageSent",
        Callback<void, Ipv4Address, const std::string&, uint32_t>(
            [&t](Ipv4Address, const std::string&, uint32_t) {
                t.ikeSent.push_back(Simulator::Now().GetSeconds());
                t.retransmission.push_back(false);
            }));
    // A retransmission is traced right after its MessageSent.
    ike->TraceConnectWithoutContext(
        "MessageRetransmitted",
        Callback<void, Ipv4Address, const std::string&, uint32_t>(
            [&t](Ipv4Address, const std::string&, uint32_t) {
                if (!t.retransmission.empty())
                {
                    t.retransmission.back() = true;
                }
            }));

    Ptr<Socket> server = Socket::CreateSocket(nodes.Get(1), UdpSocketFactory::GetTypeId());
    server->Bind(InetSocketAddress(Ipv4Address::GetAny(), 9));
    server->SetRecvCallback(Callback<void, Ptr<Socket>>([&t](Ptr<Socket> s) {
        while (s->Recv())
        {
            if (t.delivered < 0)
            {
                t.delivered = Simulator::Now().GetSeconds();
            }
        }
    }));
    Ptr<Socket> client = Socket::CreateSocket(nodes.Get(0), UdpSocketFactory::GetTypeId());
    client->Bind();
    for (double at = 1; at <= trafficSeconds; at += 1)
    {
        Simulator::Schedule(Seconds(at), [client, &t]() {
            if (t.firstPacket < 0)
            {
                t.firstPacket = Simulator::Now().GetSeconds();
            }
            client->SendTo(Create<Packet>(64), 0, InetSocketAddress("10.1.1.2", 9));
        });
    }
    Simulator::Stop(Seconds(trafficSeconds + idleSeconds + 10));
    Simulator::Run();
    Simulator::Destroy();
    return t;
}

std::string
Seconds3(double s)
{
    if (s < 0)
    {
        return "none";
    }
    std::ostringstream os;
    os << std::fixed << std::setprecision(3) << s;
    return os.str();
}

/** Event kinds of the timeline's data file, in legend order. */
const std::vector<std::string> EVENTS = {"first request",
                                         "IKE message",
                                         "IKE retransmission",
                                         "fallback to clear (soft SA)",
                                         "soft SA expired (idle)"};

/**
 * \brief Write the timeline: PREFIX.plt (script), PREFIX.dat (data: "row time event", row =
 * profile index in --profile order, event = index in EVENTS) and, through gnuplot,
 * PREFIX.png. The time axis is logarithmic: IKE's tries take seconds, the idle timeout minutes.
 * \return false if a file could not be written
 */
bool
WriteTimeline(const std::vector<std::string>& profiles,
              const std::vector<Timeline>& timelines,
              const std::string& prefix)
{
    Gnuplot plot(prefix + ".png");
    plot.SetTerminal("pngcairo noenhanced size 1000,500 font ',9'");
    plot.SetTitle("Fallback to clear with a server without IPsec: IKE tries, soft SA, idle "
                  "expiry");
    plot.SetLegend("simulated time (s, logarithmic)", "OS profile");
    const IpsecPlotFiles files(prefix);
    const std::string& data = files.GetData();
    std::ostringstream extra;
    double last = 1;
    for (const Timeline& t : timelines)
    {
        last = std::max({last, t.clear, t.expired});
    }
    extra << "set logscale x\nset grid xtics\nset key below horizontal\nset xrange [0.8:"
          << last * 1.5 << "]\nset yrange [" << profiles.size() - 0.5 << ":-0.5]\nset ytics (";
    for (size_t i = 0; i < profiles.size(); ++i)
    {
        extra << (i ? ", " : "") << "'" << profiles[i] << "' " << i;
    }
    extra << ")\n";
    const std::vector<std::string> style = {"pt 6 ps 2.5 lc rgb 'gray40'",
                                            "pt 7 ps 1.2 lc rgb '#2166ac'",
                                            "pt 9 ps 1.5 lc rgb '#b2182b'",
                                            "pt 5 ps 1.5 lc rgb '#1b7837'",
                                            "pt 4 ps 1.8 lc rgb 'black'"};
    extra << "plot ";
    for (size_t e = 0; e < EVENTS.size(); ++e)
    {
        extra << (e ? ", \\\n     " : "") << "'" << data << "' using ($3 == " << e
              << " ? $2 : 1/0):1 with points " << style[e] << " title '" << EVENTS[e] << "'";
    }
    extra << "\n";
    plot.AppendExtra(extra.str());
    return files.Write(plot, [&](std::ostream& points) {
        points << "# row time event: row = profile index (";
        for (size_t i = 0; i < profiles.size(); ++i)
        {
            points << (i ? " " : "") << i << "=" << profiles[i];
        }
        points << "), time = simulated s, event:";
        for (size_t e = 0; e < EVENTS.size(); ++e)
        {
            points << " " << e << "=" << EVENTS[e];
        }
        points << "\n";
        for (size_t i = 0; i < timelines.size(); ++i)
        {
            const Timeline& t = timelines[i];
            auto point = [&points, i](double time, int event) {
                if (time >= 0)
                {
                    points << i << " " << std::setprecision(9) << time << " " << event << "\n";
                }
            };
            point(t.firstPacket, 0);
            for (size_t k = 0; k < t.ikeSent.size(); ++k)
            {
                point(t.ikeSent[k], t.retransmission[k] ? 2 : 1);
            }
            point(t.clear, 3);
            point(t.expired, 4);
        }
    });
}

} // namespace

int
main(int argc, char* argv[])
{
    std::string profiles = "win2000,winxp,win2003,win2003sp2";
    double traffic = 10;
    double idle = 300;
    IpsecProgramOptions cmd(__FILE__,
                            "A client that allows fallback to clear talks to a server without "
                            "IPsec: when does clear traffic start, and when does the soft SA "
                            "end?");
    cmd.AddChoiceList("profile",
                      "OS profile(s), comma-separated: win2000|winxp|win2003|win2003sp2",
                      profiles,
                      {"win2000", "winxp", "win2003", "win2003sp2"});
    cmd.AddNumber("trafficS",
                  "Seconds of traffic (one request per second from 1 s)",
                  traffic,
                  1,
                  true,
                  86400);
    cmd.AddNumber("idleS",
                  "SA idle timeout in seconds (Windows SAIdleTime, default 300)",
                  idle,
                  0,
                  false,
                  86400);
    std::string plot;
    cmd.AddOutput("plot",
                  "Draw each profile's IKE messages, fallback and soft SA expiry as a timeline: "
                  "PREFIX.plt, PREFIX.dat and (with gnuplot) PREFIX.png",
                  plot,
                  true);
    cmd.Parse(argc, argv);
    std::vector<std::string> names;
    std::vector<Timeline> timelines;
    std::stringstream list(profiles);
    std::string profile;
    while (std::getline(list, profile, ','))
    {
        Timeline t = Run(profile, traffic, idle);
        std::cout << "softsa: profile=" << profile << " first_packet_s=" << Seconds3(t.firstPacket)
                  << " clear_traffic_s=" << Seconds3(t.clear)
                  << " delay_s=" << Seconds3(t.clear - t.firstPacket)
                  << " softsa_expired_s=" << Seconds3(t.expired) << "\n";
        if (!plot.empty())
        {
            std::cout << "softsa-ike: profile=" << profile << " sent_s=";
            size_t retransmitted = 0;
            for (size_t k = 0; k < t.ikeSent.size(); ++k)
            {
                std::cout << (k ? "," : "") << Seconds3(t.ikeSent[k]);
                retransmitted += t.retransmission[k] ? 1 : 0;
            }
            std::cout << " retransmitted=" << retransmitted << "\n";
        }
        if (t.delivered < 0)
        {
            std::cerr << "error: nothing reached the server under " << profile << "\n";
            return 1;
        }
        names.push_back(profile);
        timelines.push_back(t);
    }
    if (!plot.empty() && !WriteTimeline(names, timelines, plot))
    {
        std::cerr << "error: writing " << plot << ".plt or " << plot << ".dat failed\n";
        return 1;
    }
    return 0;
}
