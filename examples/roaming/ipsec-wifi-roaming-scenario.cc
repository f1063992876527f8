/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ipsec-wifi-roaming-scenario.h"

#include "ns3/applications-module.h"
#include "ns3/bridge-module.h"
#include "ns3/core-module.h"
#include "ns3/csma-module.h"
#include "ns3/internet-apps-module.h"
#include "ns3/internet-module.h"
#include "ns3/ipsec-module.h"
#include "ns3/mobility-module.h"
#include "ns3/network-module.h"
#include "ns3/point-to-point-module.h"
#include "ns3/wifi-module.h"

#include <cmath>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("IpsecWifiRoamingScenario");

namespace
{

const uint16_t kFlowPort = 9;

/// A station hears an AP while its frames arrive above the preamble detection threshold
/// (ThresholdPreambleDetectionModel, MinimumRssi -82 dBm, the YansWifiPhyHelper default; at 6
/// Mb/s the SNR is then well above what BPSK 1/2 needs). The transmit power is chosen so that
/// an AP is heard up to this many spacings away: neighbours overlap, the next but one does not.
const double kRangeInSpacings = 1.1;
const double kDetectionThresholdDbm = -82.0;

/**
 * \param spacing metres between APs
 * \return transmit power (dBm) giving the range kRangeInSpacings x spacing under the
 *         log-distance model of YansWifiChannelHelper::Default (exponent 3, 46.6777 dB at 1 m)
 */
double
TxPowerFor(double spacing)
{
    return kDetectionThresholdDbm + 46.6777 + 30.0 * std::log10(kRangeInSpacings * spacing);
}

Ipv4Address
Address4(uint32_t a, uint32_t b, uint32_t c, uint32_t d)
{
    return Ipv4Address((a << 24) | (b << 16) | (c << 8) | d);
}

} // namespace

WifiRoamingScenario::WifiRoamingScenario(const WifiRoamingConfig& config)
    : m_config(config)
{
    if (config.aps < 2 || config.aps > 200)
    {
        throw IpsecConfigError("aps", "needs 2 to 200 access points");
    }
    if (!(config.spacing > 0) || !(config.speed > 0) || !(config.duration > config.appStart))
    {
        throw IpsecConfigError("spacing/speed/duration", "must be positive, duration > start");
    }
    if (config.flow != "udp" && config.flow != "tcp")
    {
        throw IpsecConfigError("flow", "'" + config.flow + "' is not udp or tcp");
    }
    if (config.auth != "psk" && config.auth != "cert" && config.auth != "kerberos")
    {
        throw IpsecConfigError("auth", "'" + config.auth + "' is not psk, cert or kerberos");
    }
    if (config.dcPermit && config.auth != "kerberos")
    {
        throw IpsecConfigError("dcPermit", "only with auth kerberos (there is no DC otherwise)");
    }
}

Ptr<Node>
WifiRoamingScenario::GetStation() const
{
    return m_station;
}

Ptr<Node>
WifiRoamingScenario::GetServer() const
{
    return m_server;
}

double
WifiRoamingScenario::GetEndOfPath() const
{
    // Half a spacing past the last AP: out of range of the one before it (1.1 spacings), so
    // the last handoff happens, and well within range of the last one.
    return (m_config.aps - 1 + 0.5) * m_config.spacing;
}

WifiRoamingResult
WifiRoamingScenario::Run()
{
    RngSeedManager::SetSeed(m_config.rngSeed);
    RngSeedManager::SetRun(m_config.seed);
    Build();
    Simulator::Stop(Seconds(m_config.duration));
    Simulator::Run();
    m_result.handoffs = m_log.GetHandoffs();
    for (std::size_t i = 0; i < m_bins.size(); ++i)
    {
        m_result.throughput.emplace_back(i * m_config.binSeconds,
                                         m_bins[i] * 8.0 / 1000.0 / m_config.binSeconds);
    }
    m_result.sent = m_udpSeq;
    return m_result;
}

void
WifiRoamingScenario::Build()
{
    m_station = CreateObject<Node>();
    m_server = CreateObject<Node>();
    m_router = CreateObject<Node>();
    m_aps.Create(m_config.aps);
    BuildWifi();
    if (m_config.ipsec)
    {
        IpsecHelper ipsec;
        ipsec.SetIkeAttribute("MainModeMethods",
                              StringValue("3des-sha1-" + m_config.dh + ",3des-md5-" + m_config.dh));
        ipsec.SetIkeAttribute("AuthMethods", StringValue(m_config.auth));
        ipsec.SetIkeAttribute("PreSharedKey", StringValue("roaming secret"));
        ipsec.Install(NodeContainer(m_station, m_server));
        IpsecHelper::SetOsProfile(NodeContainer(m_station, m_server), m_config.osProfile);
    }
    else
    {
        InternetStackHelper().Install(NodeContainer(m_station, m_server));
    }
    InternetStackHelper().Install(m_router);

    // Server behind the router.
    PointToPointHelper p2p;
    p2p.SetDeviceAttribute("DataRate", StringValue("100Mbps"));
    p2p.SetChannelAttribute("Delay", StringValue("1ms"));
    NetDeviceContainer serverLink = p2p.Install(m_router, m_server);
    Ipv4AddressHelper("10.2.0.0", "255.255.255.0").Assign(serverLink);
    m_serverAddress = Ipv4Address("10.2.0.2");
    Ipv4StaticRoutingHelper staticRouting;
    staticRouting.GetStaticRouting(m_server->GetObject<Ipv4>())
        ->SetDefaultRoute(Ipv4Address("10.2.0.1"), 1);
    if (m_config.ipsec && m_config.auth == "kerberos")
    {
        BuildDomainController();
    }

    if (m_config.perApSubnets)
    {
        BuildPerApSubnets();
    }
    else
    {
        BuildSharedSubnet();
    }
    if (m_config.ipsec)
    {
        InstallPolicy();
    }
    InstallFlow();
    ConnectTraces();
    AssignStreams();
}

void
WifiRoamingScenario::BuildDomainController()
{
    // The domain controller (KDC, and the domain's DNS server) on the wired side, next to the
    // server: 10.3.0.2 behind the router. It runs no IPsec, as in ipsec-kerberos-dc.
    m_dc = CreateObject<Node>();
    InternetStackHelper().Install(m_dc);
    PointToPointHelper p2p;
    p2p.SetDeviceAttribute("DataRate", StringValue("100Mbps"));
    p2p.SetChannelAttribute("Delay", StringValue("1ms"));
    NetDeviceContainer dcLink = p2p.Install(m_router, m_dc);
    Ipv4AddressHelper("10.3.0.0", "255.255.255.0").Assign(dcLink);
    Ipv4StaticRoutingHelper()
        .GetStaticRouting(m_dc->GetObject<Ipv4>())
        ->SetDefaultRoute(Ipv4Address("10.3.0.1"), 1);
    m_domain = std::make_unique<IpsecKerberosDomainHelper>("ROAMING.EXAMPLE");
    m_domain->SetComputerName(m_dc, "DC1");
    m_domain->SetComputerName(m_server, "SERVER");
    m_domain->SetComputerName(m_station, "STATION");
    m_domain->InstallDomainController(m_dc);
    m_domain->Join(NodeContainer(m_server));
    // The station joins at its first lease: the helper joins a computer with the address it
    // has, and a DHCP client has none yet (Windows registers the computer's current address).
}

void
WifiRoamingScenario::JoinStation()
{
    if (m_stationJoined || !m_domain)
    {
        return;
    }
    m_stationJoined = true;
    m_domain->Join(NodeContainer(m_station));
    // The join made the station's Kerberos client: fix its stream to the one reserved for it.
    IpsecHelper::GetIke(m_station)->AssignStreams(m_stationIkeStream);
}

void
WifiRoamingScenario::AssignStreams()
{
    // ns-3 numbers random streams from a process-wide counter that Simulator::Destroy does not
    // reset: without fixed streams a second run in the same process (the baseline, a sweep, a
    // test) would draw different numbers from the same seed.
    int64_t stream = 100;
    stream += WifiHelper().AssignStreams(
        NetDeviceContainer(NetDeviceContainer(m_staDevice), m_apDevices), stream);
    for (NodeList::Iterator it = NodeList::Begin(); it != NodeList::End(); ++it)
    {
        Ptr<Node> node = *it;
        if (Ptr<ArpL3Protocol> arp = node->GetObject<ArpL3Protocol>())
        {
            stream += arp->AssignStreams(stream);
        }
        if (m_config.ipsec && (node == m_station || node == m_server))
        {
            int64_t used = IpsecHelper::GetIke(node)->AssignStreams(stream);
            if (node == m_station && m_domain)
            {
                // Two streams: IKE's and the Kerberos client's (made when the station joins).
                m_stationIkeStream = stream;
                used = std::max<int64_t>(used, 2);
            }
            stream += used;
        }
        if (m_domain && node == m_dc)
        {
            stream += m_domain->AssignStreams(stream);
        }
        for (uint32_t i = 0; i < node->GetNApplications(); ++i)
        {
            if (Ptr<DhcpClient> client = DynamicCast<DhcpClient>(node->GetApplication(i)))
            {
                stream += client->AssignStreams(stream);
            }
            if (Ptr<MediaSenseDhcpClient> client =
                    DynamicCast<MediaSenseDhcpClient>(node->GetApplication(i)))
            {
                stream += client->AssignStreams(stream);
            }
        }
        for (uint32_t i = 0; i < node->GetNDevices(); ++i)
        {
            if (Ptr<CsmaNetDevice> csma = DynamicCast<CsmaNetDevice>(node->GetDevice(i)))
            {
                stream += csma->AssignStreams(stream);
            }
        }
    }
}

void
WifiRoamingScenario::BuildWifi()
{
    // One SSID on one channel: the station finds every AP, keeps its AP until it misses
    // MaxMissedBeacons beacons, then probes and associates with the best one it hears.
    WifiHelper wifi;
    wifi.SetStandard(WIFI_STANDARD_80211a);
    // A fixed rate keeps the range a property of the geometry (rate control would move it).
    wifi.SetRemoteStationManager("ns3::ConstantRateWifiManager",
                                 "DataMode",
                                 StringValue("OfdmRate6Mbps"),
                                 "ControlMode",
                                 StringValue("OfdmRate6Mbps"));
    YansWifiChannelHelper channel = YansWifiChannelHelper::Default();
    YansWifiPhyHelper phy;
    phy.SetChannel(channel.Create());
    double power = TxPowerFor(m_config.spacing);
    phy.Set("TxPowerStart", DoubleValue(power));
    phy.Set("TxPowerEnd", DoubleValue(power));
    WifiMacHelper mac;
    Ssid ssid("ipsec-roaming");
    mac.SetType("ns3::StaWifiMac", "Ssid", SsidValue(ssid), "ActiveProbing", BooleanValue(true));
    m_staDevice = wifi.Install(phy, mac, m_station).Get(0);
    mac.SetType("ns3::ApWifiMac", "Ssid", SsidValue(ssid));
    m_apDevices = wifi.Install(phy, mac, m_aps);

    MobilityHelper mobility;
    Ptr<ListPositionAllocator> positions = CreateObject<ListPositionAllocator>();
    for (uint32_t i = 0; i < m_config.aps; ++i)
    {
        positions->Add(Vector(i * m_config.spacing, 0, 0));
    }
    mobility.SetPositionAllocator(positions);
    mobility.SetMobilityModel("ns3::ConstantPositionMobilityModel");
    mobility.Install(m_aps);
    Ptr<ConstantVelocityMobilityModel> moving = CreateObject<ConstantVelocityMobilityModel>();
    moving->SetPosition(Vector(0, 2, 0));
    moving->SetVelocity(Vector(m_config.speed, 0, 0));
    m_station->AggregateObject(moving);
    Simulator::Schedule(Seconds(GetEndOfPath() / m_config.speed),
                        [moving]() { moving->SetVelocity(Vector(0, 0, 0)); });
}

void
WifiRoamingScenario::BuildPerApSubnets()
{
    // Each AP is a router for its own subnet 10.0.<i+1>.0/24 with a DHCP server, joined to the
    // core router by 10.1.<i+1>.0/30.
    InternetStackHelper().Install(m_aps);
    PointToPointHelper p2p;
    p2p.SetDeviceAttribute("DataRate", StringValue("100Mbps"));
    p2p.SetChannelAttribute("Delay", StringValue("1ms"));
    Ipv4StaticRoutingHelper staticRouting;
    Ptr<Ipv4StaticRouting> routerRoutes =
        staticRouting.GetStaticRouting(m_router->GetObject<Ipv4>());
    DhcpHelper dhcp;
    // A long lease: renewals would only add noise to the handoffs.
    dhcp.SetServerAttribute("LeaseTime", TimeValue(Seconds(3600)));
    dhcp.SetServerAttribute("RenewTime", TimeValue(Seconds(1800)));
    dhcp.SetServerAttribute("RebindTime", TimeValue(Seconds(3150)));
    for (uint32_t i = 0; i < m_config.aps; ++i)
    {
        Ptr<Node> ap = m_aps.Get(i);
        NetDeviceContainer uplink = p2p.Install(m_router, ap);
        Ipv4AddressHelper(Address4(10, 1, i + 1, 0), "255.255.255.252").Assign(uplink);
        Ptr<Ipv4> apIp = ap->GetObject<Ipv4>();
        ApplicationContainer server = dhcp.InstallDhcpServer(m_apDevices.Get(i),
                                                             Address4(10, 0, i + 1, 1),
                                                             Address4(10, 0, i + 1, 0),
                                                             Ipv4Mask("/24"),
                                                             Address4(10, 0, i + 1, 100),
                                                             Address4(10, 0, i + 1, 199),
                                                             Address4(10, 0, i + 1, 1));
        server.Start(Seconds(0));
        staticRouting.GetStaticRouting(apIp)->SetDefaultRoute(
            Address4(10, 1, i + 1, 1), apIp->GetInterfaceForDevice(uplink.Get(1)));
        routerRoutes->AddNetworkRouteTo(
            Address4(10, 0, i + 1, 0),
            Ipv4Mask("/24"),
            Address4(10, 1, i + 1, 2),
            m_router->GetObject<Ipv4>()->GetInterfaceForDevice(uplink.Get(0)));
    }
    if (m_config.windowsDhcp)
    {
        std::vector<Ipv4Address> servers;
        for (uint32_t i = 0; i < m_config.aps; ++i)
        {
            servers.push_back(Address4(10, 0, i + 1, 1));
        }
        InstallWindowsDhcpClient(servers);
        return;
    }
    // Clients take the first offer (RFC 2131 allows it; Windows does) instead of ns-3's 5 s of
    // collecting offers, and retry a lost discover after 1 s instead of 5 s.
    dhcp.SetClientAttribute("Collect", TimeValue(Seconds(0)));
    dhcp.SetClientAttribute("RTRS", TimeValue(Seconds(1)));
    ApplicationContainer client = dhcp.InstallDhcpClient(m_staDevice);
    client.Start(Seconds(0));
    if (m_config.ipsec && m_config.dynamicFilters &&
        IpsecHelper::GetDriver(m_station)->AreDynamicAddressesAllowed())
    {
        Ptr<IpsecDhcpTracker> tracker = CreateObject<IpsecDhcpTracker>();
        tracker->Track(DynamicCast<DhcpClient>(client.Get(0)));
        for (uint32_t i = 0; i < m_config.aps; ++i)
        {
            tracker->SetServerOptions(Address4(10, 0, i + 1, 1),
                                      {{Address4(10, 0, i + 1, 53)}, {Address4(10, 0, i + 1, 54)}});
        }
        m_station->AggregateObject(tracker);
    }
    client.Get(0)->TraceConnectWithoutContext("NewLease",
                                              MakeCallback(&WifiRoamingScenario::OnLease, this));
}

void
WifiRoamingScenario::InstallWindowsDhcpClient(const std::vector<Ipv4Address>& servers)
{
    // Windows' media sense (MediaSenseDhcpClient): the lease survives a short link loss and is
    // verified (INIT-REBOOT) at every association. Retransmissions after 1 s, as the study's
    // ns-3 client does.
    Ptr<MediaSenseDhcpClient> client = CreateObject<MediaSenseDhcpClient>();
    client->SetDevice(m_staDevice);
    client->SetAttribute("Retransmit", TimeValue(Seconds(1)));
    client->SetStartTime(Seconds(0));
    m_station->AddApplication(client);
    client->TraceConnectWithoutContext("NewLease",
                                       MakeCallback(&WifiRoamingScenario::OnLease, this));
    client->TraceConnectWithoutContext(
        "Verifying",
        Callback<void, const Ipv4Address&>([this](const Ipv4Address&) {
            m_result.leaseVerifications.push_back(Simulator::Now().GetSeconds());
        }));
    client->TraceConnectWithoutContext(
        "LeaseKept",
        Callback<void, const Ipv4Address&>([this](const Ipv4Address&) {
            m_result.leasesKept.push_back(Simulator::Now().GetSeconds());
        }));
    client->TraceConnectWithoutContext(
        "AddressRemoved",
        Callback<void, const Ipv4Address&, const std::string&>(
            [this](const Ipv4Address&, const std::string& reason) {
                m_result.addressRemovals.emplace_back(Simulator::Now().GetSeconds(), reason);
            }));
    if (m_config.perApSubnets && m_config.ipsec && m_config.dynamicFilters &&
        IpsecHelper::GetDriver(m_station)->AreDynamicAddressesAllowed())
    {
        Ptr<IpsecDhcpTracker> tracker = CreateObject<IpsecDhcpTracker>();
        tracker->Track(client);
        for (const Ipv4Address& server : servers)
        {
            uint32_t net = server.Get() & 0xffffff00;
            tracker->SetServerOptions(server, {{Ipv4Address(net | 53)}, {Ipv4Address(net | 54)}});
        }
        m_station->AggregateObject(tracker);
    }
}

void
WifiRoamingScenario::BuildSharedSubnet()
{
    // The APs are bridges between their radio and one wired LAN 10.0.0.0/24 with the router,
    // which is the LAN's DHCP server; the station's Windows DHCP client keeps its lease
    // wherever it is (verified at every association).
    CsmaHelper lan;
    lan.SetChannelAttribute("DataRate", StringValue("100Mbps"));
    lan.SetChannelAttribute("Delay", TimeValue(MicroSeconds(10)));
    NetDeviceContainer lanDevices = lan.Install(NodeContainer(NodeContainer(m_router), m_aps));
    BridgeHelper bridge;
    for (uint32_t i = 0; i < m_config.aps; ++i)
    {
        bridge.Install(
            m_aps.Get(i),
            NetDeviceContainer(NetDeviceContainer(lanDevices.Get(i + 1)), m_apDevices.Get(i)));
    }
    DhcpHelper dhcp;
    dhcp.SetServerAttribute("LeaseTime", TimeValue(Seconds(3600)));
    dhcp.SetServerAttribute("RenewTime", TimeValue(Seconds(1800)));
    dhcp.SetServerAttribute("RebindTime", TimeValue(Seconds(3150)));
    ApplicationContainer server = dhcp.InstallDhcpServer(lanDevices.Get(0),
                                                         Ipv4Address("10.0.0.1"),
                                                         Ipv4Address("10.0.0.0"),
                                                         Ipv4Mask("/24"),
                                                         Ipv4Address("10.0.0.100"),
                                                         Ipv4Address("10.0.0.199"),
                                                         Ipv4Address("10.0.0.1"));
    server.Start(Seconds(0));
    InstallWindowsDhcpClient({Ipv4Address("10.0.0.1")});
}

void
WifiRoamingScenario::InstallPolicy()
{
    if (m_config.auth == "cert")
    {
        // Keys are drawn at once, before AssignStreams runs: fix this stream here.
        Ptr<UniformRandomVariable> stream = CreateObject<UniformRandomVariable>();
        stream->SetStream(99);
        IkeRandom rng(stream);
        auto root = IkeCertificateAuthority::CreateRoot("Roaming Root CA", rng);
        const char* names[] = {"station", "server"};
        Ptr<Node> nodes[] = {m_station, m_server};
        for (uint32_t i = 0; i < 2; ++i)
        {
            Ptr<IkeService> ike = IpsecHelper::GetIke(nodes[i]);
            ike->SetCertificate(root->Issue(names[i], rng));
            ike->AddTrustedRoot(root->GetCertificate());
        }
    }
    // DHCP goes in the clear from 0.0.0.0 and to broadcast: an explicit permit (mirrored, so
    // the server's answers too) keeps it working whatever else the policy says.
    IpsecHelper::AddFilter(m_station,
                           "srcaddr=any dstaddr=any protocol=udp srcport=68 dstport=67 "
                           "action=permit description=dhcp");
    IpsecHelper::AddFilter(m_station,
                           "srcaddr=me dstaddr=10.2.0.2 action=negotiate description=to-server" +
                               std::string(m_config.fallback ? " fallback=yes" : ""));
    if (m_config.auth == "kerberos")
    {
        // The domain's policy requires security to its servers, the DC included (as
        // ipsec-kerberos-dc's "require security"): whether the ticket requests reach the DC is
        // then the profile's default exemptions' decision (Kerberos exempt on Windows 2000
        // and XP, not on Server 2003), unless the Server 2003 guidance's permit filter for all
        // traffic to the DC is there (--dcPermit).
        IpsecHelper::AddFilter(m_station,
                               m_config.dcPermit
                                   ? "srcaddr=me dstaddr=10.3.0.2 action=permit description=to-dc"
                                   : "srcaddr=me dstaddr=10.3.0.2 action=negotiate "
                                     "description=to-dc");
    }
    if (m_config.perApSubnets && m_config.dynamicFilters &&
        IpsecHelper::GetDriver(m_station)->AreDynamicAddressesAllowed())
    {
        // Server 2003's dynamic addresses: the infrastructure of whichever subnet the station
        // is on, in the clear (heavier than the negotiate filter only where they overlap).
        for (const char* kind : {"dns", "wins", "dhcp", "gateway"})
        {
            IpsecHelper::AddFilter(m_station,
                                   std::string("srcaddr=me dstaddr=") + kind +
                                       " action=permit description=" + kind);
        }
    }
    // The server requires security for everything (IKE itself is always exempt).
    IpsecHelper::AddFilter(m_server, "srcaddr=me dstaddr=any action=negotiate description=all");
}

void
WifiRoamingScenario::InstallFlow()
{
    m_bins.assign(static_cast<std::size_t>(std::ceil(m_config.duration / m_config.binSeconds)), 0);
    if (m_config.flow == "udp")
    {
        Ptr<Socket> sink = Socket::CreateSocket(m_server, UdpSocketFactory::GetTypeId());
        sink->Bind(InetSocketAddress(Ipv4Address::GetAny(), kFlowPort));
        sink->SetRecvCallback(Callback<void, Ptr<Socket>>([this](Ptr<Socket> s) {
            Ptr<Packet> p;
            while ((p = s->Recv()))
            {
                OnServerRx(p);
            }
        }));
        m_udpSocket = Socket::CreateSocket(m_station, UdpSocketFactory::GetTypeId());
        m_udpSocket->Bind();
        Simulator::Schedule(Seconds(m_config.appStart), &WifiRoamingScenario::SendUdp, this);
    }
    else
    {
        PacketSinkHelper sinkHelper("ns3::TcpSocketFactory",
                                    InetSocketAddress(Ipv4Address::GetAny(), kFlowPort));
        ApplicationContainer sink = sinkHelper.Install(m_server);
        sink.Start(Seconds(0));
        sink.Get(0)->TraceConnectWithoutContext(
            "Rx",
            Callback<void, Ptr<const Packet>, const Address&>(
                [this](Ptr<const Packet> p, const Address&) { OnServerRx(p); }));
        Simulator::Schedule(Seconds(m_config.appStart), &WifiRoamingScenario::StartTcp, this);
    }
}

void
WifiRoamingScenario::SendUdp()
{
    // Every datagram gets a sequence number, sent or not (no address, no route during a
    // handoff): the loss count is what the application tried to send.
    SeqTsHeader header;
    header.SetSeq(static_cast<uint32_t>(m_udpSeq++));
    uint32_t payload = m_config.udpSize > header.GetSerializedSize()
                           ? m_config.udpSize - header.GetSerializedSize()
                           : 0;
    Ptr<Packet> packet = Create<Packet>(payload);
    packet->AddHeader(header);
    if (HasAddress())
    {
        m_udpSocket->SendTo(packet, 0, InetSocketAddress(m_serverAddress, kFlowPort));
    }
    if (Simulator::Now() + Seconds(m_config.udpInterval) < Seconds(m_config.duration))
    {
        Simulator::Schedule(Seconds(m_config.udpInterval), &WifiRoamingScenario::SendUdp, this);
    }
}

bool
WifiRoamingScenario::HasAddress() const
{
    // While ns-3's DhcpClient waits for a lease the interface holds 0.0.0.0/0, and the stack
    // would send from 0.0.0.0 through the connected route that gives; a real stack has no
    // source address then and the send fails.
    Ptr<Ipv4> ipv4 = m_station->GetObject<Ipv4>();
    int32_t ifIndex = ipv4->GetInterfaceForDevice(m_staDevice);
    for (uint32_t i = 0; ifIndex >= 0 && i < ipv4->GetNAddresses(ifIndex); ++i)
    {
        if (ipv4->GetAddress(ifIndex, i).GetLocal() != Ipv4Address::GetAny())
        {
            return true;
        }
    }
    return false;
}

void
WifiRoamingScenario::StartTcp()
{
    // A new connection each time: TCP cannot move to a new address, so after a lease on a new
    // subnet the old connection is dead and the application reconnects (the old one's
    // retransmissions from an address the station no longer has go nowhere).
    BulkSendHelper bulk("ns3::TcpSocketFactory", InetSocketAddress(m_serverAddress, kFlowPort));
    bulk.SetAttribute("MaxBytes", UintegerValue(0));
    ApplicationContainer app = bulk.Install(m_station);
    app.Start(Seconds(0));
}

void
WifiRoamingScenario::OnServerRx(Ptr<const Packet> packet)
{
    double now = Simulator::Now().GetSeconds();
    std::optional<uint64_t> seq;
    if (m_config.flow == "udp")
    {
        SeqTsHeader header;
        packet->Copy()->RemoveHeader(header);
        seq = header.GetSeq();
    }
    m_log.Delivered(now, seq);
    ++m_result.delivered;
    m_result.bytesDelivered += packet->GetSize();
    auto bin = static_cast<std::size_t>(now / m_config.binSeconds);
    if (bin < m_bins.size())
    {
        m_bins[bin] += packet->GetSize();
    }
}

void
WifiRoamingScenario::OnLease(const Ipv4Address& address)
{
    double now = Simulator::Now().GetSeconds();
    m_log.NewAddress(now);
    ++m_result.leases;
    m_result.leaseTimes.push_back(now);
    m_result.leaseAddresses.push_back(address);
    if (m_domain && !m_stationJoined)
    {
        // After the client has installed the address (ns-3's fires NewLease before).
        Simulator::ScheduleNow(&WifiRoamingScenario::JoinStation, this);
    }
    if (m_config.flow == "tcp" && now > m_config.appStart)
    {
        StartTcp();
    }
}

void
WifiRoamingScenario::OnKerberosPacket(const IpsecPacketSelector& s, IpsecDirection direction)
{
    // Kerberos with the DC as the station's driver passes it (exempt or permitted): a request
    // out to port 88, a reply in from port 88. A request that waits for IPsec (Server 2003
    // without the permit) is not passed and counts as nothing here: its failure shows in IKE.
    if (s.protocol != 17 || !m_domain)
    {
        return;
    }
    double now = Simulator::Now().GetSeconds();
    if (direction == IpsecDirection::OUTBOUND && s.destinationPort == 88)
    {
        m_log.KerberosRequest(now);
        m_result.kerberosRequests.push_back(now);
    }
    else if (direction == IpsecDirection::INBOUND && s.sourcePort == 88)
    {
        m_log.KerberosReply(now);
        m_result.kerberosReplies.push_back(now);
    }
}

void
WifiRoamingScenario::ConnectTraces()
{
    Ptr<WifiMac> mac = DynamicCast<WifiNetDevice>(m_staDevice)->GetMac();
    mac->TraceConnectWithoutContext("Assoc", Callback<void, Mac48Address>([this](Mac48Address) {
                                        m_log.Associated(Simulator::Now().GetSeconds());
                                    }));
    mac->TraceConnectWithoutContext(
        "BeaconArrival", Callback<void, Time>([this](Time t) { m_lastBeacon = t.GetSeconds(); }));
    mac->TraceConnectWithoutContext("DeAssoc", Callback<void, Mac48Address>([this](Mac48Address) {
                                        m_log.LinkLost(m_lastBeacon, Simulator::Now().GetSeconds());
                                    }));
    if (!m_config.ipsec)
    {
        return;
    }
    Ptr<IkeService> ike = IpsecHelper::GetIke(m_station);
    ike->TraceConnectWithoutContext(
        "MainModeStarted",
        Callback<void, Ipv4Address, const std::string&>(
            [this](Ipv4Address, const std::string&) { ++m_result.mainModesStarted; }));
    for (const char* failed : {"MainModeFailed", "QuickModeFailed"})
    {
        ike->TraceConnectWithoutContext(
            failed,
            Callback<void, Ipv4Address, const std::string&>(
                [this, failed](Ipv4Address, const std::string& reason) {
                    m_result.ikeFailures.push_back(std::string(failed) + ": " + reason);
                }));
    }
    ike->TraceConnectWithoutContext(
        "MainModeSucceeded",
        Callback<void, Ipv4Address, const std::string&>([this](Ipv4Address, const std::string&) {
            ++m_result.mainModes;
            m_log.MainModeDone(Simulator::Now().GetSeconds());
        }));
    ike->TraceConnectWithoutContext(
        "QuickModeSucceeded",
        Callback<void, Ipv4Address, const std::string&>([this](Ipv4Address, const std::string&) {
            ++m_result.quickModes;
            m_log.QuickModeDone(Simulator::Now().GetSeconds());
        }));
    ike->TraceConnectWithoutContext("MainModeDeleted",
                                    Callback<void, Ipv4Address, const std::string&>(
                                        [this](Ipv4Address, const std::string& reason) {
                                            m_result.mainModeAddressChangeDeletes +=
                                                reason == "address-change" ? 1 : 0;
                                        }));
    Ptr<IpsecDriver> driver = IpsecHelper::GetDriver(m_station);
    driver->TraceConnectWithoutContext(
        "SaInstalled",
        Callback<void, Ptr<const IpsecSa>, const std::string&>(
            [this](Ptr<const IpsecSa>, const std::string& reason) {
                m_result.saEvents.push_back({Simulator::Now().GetSeconds(), true, reason});
            }));
    driver->TraceConnectWithoutContext(
        "SaDeleted",
        Callback<void, Ptr<const IpsecSa>, const std::string&>(
            [this](Ptr<const IpsecSa>, const std::string& reason) {
                m_result.saEvents.push_back({Simulator::Now().GetSeconds(), false, reason});
                ++m_result.saDeletes;
                m_result.addressChangeDeletes += reason == "address-change" ? 1 : 0;
            }));
    driver->TraceConnectWithoutContext(
        "DynamicAddressChanged",
        Callback<void, const std::string&, const std::vector<Ipv4Address>&>(
            [this](const std::string& kind, const std::vector<Ipv4Address>& addresses) {
                m_result.dynamicAddressEvents.push_back(
                    {Simulator::Now().GetSeconds(), kind, addresses});
            }));
    auto isDhcp = [](const IpsecPacketSelector& s) {
        return s.protocol == 17 && (s.sourcePort == 67 || s.sourcePort == 68) &&
               (s.destinationPort == 67 || s.destinationPort == 68);
    };
    driver->TraceConnectWithoutContext(
        "Permit",
        Callback<void, Ptr<const Packet>, const IpsecPacketSelector&, IpsecDirection, uint32_t>(
            [this, isDhcp](Ptr<const Packet>,
                           const IpsecPacketSelector& s,
                           IpsecDirection direction,
                           uint32_t) {
                m_result.dhcpPermitted += isDhcp(s) ? 1 : 0;
                OnKerberosPacket(s, direction);
            }));
    driver->TraceConnectWithoutContext(
        "Exempt",
        Callback<void,
                 Ptr<const Packet>,
                 const IpsecPacketSelector&,
                 IpsecDirection,
                 IpsecExemptionKind>(
            [this](Ptr<const Packet>,
                   const IpsecPacketSelector& s,
                   IpsecDirection direction,
                   IpsecExemptionKind) { OnKerberosPacket(s, direction); }));
    driver->TraceConnectWithoutContext(
        "Drop",
        Callback<void,
                 Ptr<const Packet>,
                 const IpsecPacketSelector&,
                 IpsecDirection,
                 IpsecDropReason,
                 uint32_t>(
            [this, isDhcp](Ptr<const Packet>,
                           const IpsecPacketSelector& s,
                           IpsecDirection,
                           IpsecDropReason,
                           uint32_t) { m_result.dhcpDropped += isDhcp(s) ? 1 : 0; }));
}

} // namespace ns3
