/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// The helpers as a user drives them: IpsecHelper::AssignStreams (same streams, same bytes on
// the wire), SetDriverAttribute / SetIkeAttribute (and their errors), the Kerberos domain and
// PKI helpers on simulated topologies, and the preshared key misconfigurations that do not stop
// a run (a mismatched key counted and printed as an authentication failure, an empty key that
// certificates make unneeded); the empty key refused is in ipsec-psk-error-test.

#include "ipsec-test-network.h"
#include "ipsec-test-topology.h"

#include "ns3/csma-module.h"
#include "ns3/point-to-point-module.h"

#include <boost/test/unit_test.hpp>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

using namespace ns3;
using namespace ns3::test;

namespace
{

/** A folder of its own for the pcaps of one test program run. */
std::string
TempDir(const std::string& name)
{
    auto dir = std::filesystem::temp_directory_path() /
               ("ipsec-helper-test-" + std::to_string(::getpid())) / name;
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    return dir.string();
}

/** \return the bytes of a file */
std::string
ReadFile(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

/** \return the cookie pairs PrintMainModeSas lists */
std::vector<std::string>
Cookies(const std::string& mainModeSas)
{
    std::vector<std::string> found;
    std::regex cookie("Cookies ([0-9a-f]{16}:[0-9a-f]{16})");
    for (auto it = std::sregex_iterator(mainModeSas.begin(), mainModeSas.end(), cookie);
         it != std::sregex_iterator();
         ++it)
    {
        found.push_back((*it)[1]);
    }
    return found;
}

/** Take up stream numbers, as other models of a bigger simulation would. */
void
ShiftAutomaticStreams(uint32_t n)
{
    for (uint32_t i = 0; i < n; ++i)
    {
        CreateObject<UniformRandomVariable>()->GetValue();
    }
}

/** What one run of the PSK link left. */
struct LinkRun
{
    int64_t streams{-1};        //!< AssignStreams' answer
    std::string pcapA, pcapB;   //!< the bytes on the wire at A and at B
    std::string mainModeSas;    //!< A's main mode SAs
    uint32_t delivered{0};      //!< datagrams B received
    IkeCounters a;              //!< A's IKE counters
};

/**
 * A 10.1.1.1 and B 10.1.1.2 on a 10 Mb/s, 5 ms link, both with IPsec and IKE (preshared key);
 * A sends 10 UDP datagrams to B port 9 from 1 s. With \p stream >= 0, IpsecHelper::
 * AssignStreams runs on both nodes after Install, as with InternetStackHelper.
 */
void
RunLinkSimulation(int64_t stream, const std::string& dir, LinkRun& r)
{
    NodeContainer nodes;
    nodes.Create(2);
    PointToPointHelper p2p; // kept: its captures are compared
    p2p.SetDeviceAttribute("DataRate", StringValue("10Mbps"));
    p2p.SetChannelAttribute("Delay", StringValue("5ms"));
    NetDeviceContainer devices = p2p.Install(nodes);
    IpsecHelper ipsec;
    ipsec.SetIkeAttribute("PreSharedKey", StringValue("helper test"));
    ipsec.SetIkeAttribute("Pfs", StringValue("session"));
    ipsec.Install(nodes);
    Ipv4AddressHelper("10.1.1.0", "255.255.255.0").Assign(devices);
    IpsecHelper::AddFilter(nodes.Get(0),
                           "srcaddr=me dstaddr=10.1.1.2 protocol=udp dstport=9 action=negotiate");
    IpsecHelper::AddFilter(nodes.Get(1),
                           "srcaddr=me dstaddr=10.1.1.1 protocol=udp srcport=9 action=negotiate");
    auto counter = InstallUdpCounter(nodes.Get(1), 9);
    ScheduleUdp(nodes.Get(0), Ipv4Address("10.1.1.2"), 9, 10);
    if (stream >= 0)
    {
        r.streams = ipsec.AssignStreams(nodes, stream);
    }
    p2p.EnablePcapAll(dir + "/link");
    Simulator::Stop(Seconds(4));
    Simulator::Run();
    std::ostringstream os;
    IpsecHelper::GetIke(nodes.Get(0))->PrintMainModeSas(os);
    r.mainModeSas = os.str();
    r.a = IpsecHelper::GetIke(nodes.Get(0))->GetCounters();
    r.delivered = counter->received;
    Simulator::Destroy();
}

/** RunLinkSimulation, then the pcaps (closed once the devices holding them are gone). */
LinkRun
RunLink(int64_t stream, const std::string& dir)
{
    LinkRun r;
    RunLinkSimulation(stream, dir, r);
    r.pcapA = ReadFile(dir + "/link-0-0.pcap");
    r.pcapB = ReadFile(dir + "/link-1-0.pcap");
    return r;
}

} // namespace

BOOST_AUTO_TEST_SUITE(ipsec_helper)

BOOST_FIXTURE_TEST_CASE(same_streams_give_byte_identical_pcaps, SimulatorFixture)
{
    LinkRun first = RunLink(40, TempDir("same-1"));
    // A bigger simulation creates more random variables before this one: the automatic stream
    // numbers move, the fixed ones must not.
    ShiftAutomaticStreams(17);
    LinkRun second = RunLink(40, TempDir("same-2"));
    BOOST_REQUIRE_EQUAL(first.a.mainModeSucceeded, 1u);
    BOOST_REQUIRE_EQUAL(first.a.quickModeSucceeded, 1u);
    BOOST_CHECK_EQUAL(first.delivered, 10u);
    BOOST_REQUIRE_GT(first.pcapA.size(), 2000u);
    BOOST_CHECK(first.pcapA == second.pcapA);
    BOOST_CHECK(first.pcapB == second.pcapB);
    BOOST_CHECK_EQUAL(first.mainModeSas, second.mainModeSas);
    // Without fixed streams the same two runs draw other cookies, nonces and DH keys: the
    // comparison above can fail.
    LinkRun loose1 = RunLink(-1, TempDir("loose-1"));
    ShiftAutomaticStreams(17);
    LinkRun loose2 = RunLink(-1, TempDir("loose-2"));
    BOOST_CHECK(loose1.pcapA != loose2.pcapA);
}

BOOST_FIXTURE_TEST_CASE(other_streams_give_other_cookies, SimulatorFixture)
{
    LinkRun a = RunLink(40, TempDir("cookies-1"));
    LinkRun b = RunLink(400, TempDir("cookies-2"));
    std::vector<std::string> cookiesA = Cookies(a.mainModeSas);
    std::vector<std::string> cookiesB = Cookies(b.mainModeSas);
    BOOST_REQUIRE_EQUAL(cookiesA.size(), 1u);
    BOOST_REQUIRE_EQUAL(cookiesB.size(), 1u);
    BOOST_CHECK_NE(cookiesA[0], cookiesB[0]);
    BOOST_CHECK(a.pcapA != b.pcapA);
    // Both still negotiate and deliver everything.
    BOOST_CHECK_EQUAL(a.delivered, 10u);
    BOOST_CHECK_EQUAL(b.delivered, 10u);
}

BOOST_FIXTURE_TEST_CASE(assign_streams_returns_the_documented_count, SimulatorFixture)
{
    // Per IPsec node: ARP and global routing (as InternetStackHelper::AssignStreams), then
    // IKE: 1, 2 once the node is a Kerberos member. Per KerberosKdc application: 1.
    NodeContainer nodes;
    nodes.Create(4);
    CsmaHelper csma;
    NetDeviceContainer devices = csma.Install(nodes);
    IpsecHelper ipsec;
    ipsec.Install(NodeContainer(nodes.Get(0), nodes.Get(1)));
    IpsecHelper withoutIke;
    withoutIke.SetIkeEnabled(false);
    withoutIke.Install(nodes.Get(2));
    InternetStackHelper().Install(nodes.Get(3));
    Ipv4AddressHelper("10.1.1.0", "255.255.255.0").Assign(devices);
    BOOST_CHECK_EQUAL(ipsec.AssignStreams(nodes.Get(0), 10), 3);
    BOOST_CHECK_EQUAL(ipsec.AssignStreams(nodes.Get(2), 10), 2);
    // A plain node without a KDC: nothing of the module's.
    BOOST_CHECK_EQUAL(ipsec.AssignStreams(nodes.Get(3), 10), 0);
    BOOST_CHECK_EQUAL(ipsec.AssignStreams(nodes, 10), 3 + 3 + 2 + 0);

    IpsecKerberosDomainHelper domain("STREAMS.EXAMPLE");
    domain.Install(nodes.Get(3), NodeContainer(nodes.Get(0), nodes.Get(1)));
    BOOST_CHECK_EQUAL(ipsec.AssignStreams(nodes.Get(0), 10), 4);
    BOOST_CHECK_EQUAL(ipsec.AssignStreams(nodes.Get(3), 10), 1);
    BOOST_CHECK_EQUAL(ipsec.AssignStreams(nodes, 10), 4 + 4 + 2 + 1);
    BOOST_CHECK_EQUAL(domain.AssignStreams(10), 1);
}

BOOST_AUTO_TEST_CASE(driver_and_ike_attributes_reach_the_installed_objects)
{
    SimulatorFixture fixture;
    NodeContainer nodes;
    nodes.Create(2);
    IpsecHelper ipsec;
    ipsec.SetDriverAttribute("FallbackDelay", TimeValue(Seconds(7)));
    ipsec.SetDriverAttribute("CryptoMode", StringValue("Modeled"));
    ipsec.SetIkeAttribute("QuickModeLifetime", TimeValue(Seconds(120)));
    ipsec.Install(nodes);
    for (uint32_t i = 0; i < 2; ++i)
    {
        TimeValue fallback;
        IpsecHelper::GetDriver(nodes.Get(i))->GetAttribute("FallbackDelay", fallback);
        BOOST_CHECK_EQUAL(fallback.Get(), Seconds(7));
        EnumValue mode;
        IpsecHelper::GetDriver(nodes.Get(i))->GetAttribute("CryptoMode", mode);
        BOOST_CHECK_EQUAL(mode.Get(), IpsecDriver::MODELED);
        TimeValue lifetime;
        IpsecHelper::GetIke(nodes.Get(i))->GetAttribute("QuickModeLifetime", lifetime);
        BOOST_CHECK_EQUAL(lifetime.Get(), Seconds(120));
    }
}

BOOST_AUTO_TEST_CASE(bad_attribute_names_and_values_are_refused_by_name)
{
    IpsecHelper ipsec;
    auto names = [](const std::string& field, const std::string& words) {
        return [field, words](const IpsecConfigError& e) {
            BOOST_TEST_MESSAGE(e.what());
            return e.GetField() == field &&
                   std::string(e.what()).find(words) != std::string::npos;
        };
    };
    BOOST_CHECK_EXCEPTION(ipsec.SetDriverAttribute("FallBackDelay", TimeValue(Seconds(1))),
                          IpsecConfigError,
                          names("FallBackDelay", "no attribute FallBackDelay in ns3::IpsecDriver"));
    BOOST_CHECK_EXCEPTION(ipsec.SetIkeAttribute("PresharedKey", StringValue("x")),
                          IpsecConfigError,
                          names("PresharedKey", "no attribute PresharedKey in ns3::IkeService"));
    BOOST_CHECK_EXCEPTION(ipsec.SetDriverAttribute("CryptoMode", StringValue("Modelled")),
                          IpsecConfigError,
                          names("CryptoMode", "invalid value 'Modelled'"));
    BOOST_CHECK_EXCEPTION(ipsec.SetDriverAttribute("BootExemptions", StringValue("TCP:any")),
                          IpsecConfigError,
                          names("bootexemptions", "TCP:any"));
    BOOST_CHECK_EXCEPTION(ipsec.SetIkeAttribute("SoftLifetimeJitter", DoubleValue(0.9)),
                          IpsecConfigError,
                          names("SoftLifetimeJitter", "invalid value"));
    // The attribute's own parser names what is wrong inside the value.
    BOOST_CHECK_EXCEPTION(ipsec.SetIkeAttribute("AuthMethods", StringValue("psk,rot13")),
                          IpsecConfigError,
                          names("authmethods", "rot13"));
    BOOST_CHECK_EXCEPTION(ipsec.SetIkeAttribute("PreSharedKey", StringValue("")),
                          IpsecConfigError,
                          names("PreSharedKey", "empty"));
    // The helper still installs with what was set before.
    SimulatorFixture fixture;
    Ptr<Node> node = CreateObject<Node>();
    ipsec.Install(node);
    StringValue methods;
    IpsecHelper::GetIke(node)->GetAttribute("AuthMethods", methods);
    BOOST_CHECK_EQUAL(methods.Get(), "psk");
}

BOOST_AUTO_TEST_SUITE_END()

namespace
{

/**
 * A CSMA LAN 10.1.1.0/24 (100 Mb/s, 50 us): client .1 and server .2 run IPsec with Kerberos
 * authentication and negotiate everything between them; dc .10 runs the KDC (no IPsec). The
 * client sends 20 UDP datagrams to the server port 9 from 1 s.
 */
struct DomainLan : SimulatorFixture
{
    NodeContainer nodes;
    Ptr<Node> client, server, dc;
    NetDeviceContainer devices;
    CsmaHelper csma;
    std::shared_ptr<UdpCounter> counter;

    DomainLan()
    {
        nodes.Create(3);
        client = nodes.Get(0);
        server = nodes.Get(1);
        dc = nodes.Get(2);
        csma.SetChannelAttribute("DataRate", StringValue("100Mbps"));
        csma.SetChannelAttribute("Delay", TimeValue(MicroSeconds(50)));
        devices = csma.Install(nodes);
        IpsecHelper ipsec;
        ipsec.SetIkeAttribute("AuthMethods", StringValue("kerberos"));
        ipsec.Install(NodeContainer(client, server));
        InternetStackHelper().Install(dc);
        Ipv4AddressHelper("10.1.1.0", "255.255.255.0").Assign(
            NetDeviceContainer(devices.Get(0), devices.Get(1)));
        Ipv4AddressHelper("10.1.1.0", "255.255.255.0", "0.0.0.10").Assign(devices.Get(2));
        IpsecHelper::AddFilter(NodeContainer(client, server),
                               "srcaddr=me dstaddr=10.1.1.0/24 action=negotiate");
        IpsecHelper::AddFilter(NodeContainer(client, server),
                               "srcaddr=me dstaddr=10.1.1.10 action=permit");
        counter = InstallUdpCounter(server, 9);
        ScheduleUdp(client, Ipv4Address("10.1.1.2"), 9, 20);
    }

    void Run()
    {
        Simulator::Stop(Seconds(4));
        Simulator::Run();
    }
};

} // namespace

BOOST_AUTO_TEST_SUITE(ipsec_kerberos_domain_helper)

BOOST_FIXTURE_TEST_CASE(one_call_sets_up_the_domain, DomainLan)
{
    IpsecKerberosDomainHelper domain("CORP.EXAMPLE");
    domain.SetComputerName(client, "WKS01");
    Ptr<KerberosKdc> kdc = domain.Install(dc, NodeContainer(client, server));
    // Joined with the addresses they already had, under their names.
    Ptr<KerberosRealm> realm = domain.GetRealm();
    BOOST_CHECK_EQUAL(realm->GetAddress("WKS01"), Ipv4Address("10.1.1.1"));
    BOOST_CHECK_EQUAL(realm->GetAddress("NODE1"), Ipv4Address("10.1.1.2"));
    BOOST_CHECK_EQUAL(realm->GetAddress("NODE2"), Ipv4Address("10.1.1.10"));
    BOOST_CHECK_EQUAL(domain.GetDomainController(), Ipv4Address("10.1.1.10"));
    BOOST_CHECK_EQUAL(kdc->GetNode(), dc);
    Run();
    // One ticket (client for server), then main mode and quick mode: every datagram gets
    // through protected.
    BOOST_CHECK_EQUAL(kdc->GetCounters().replies, 1u);
    BOOST_CHECK_EQUAL(kdc->GetCounters().errors, 0u);
    BOOST_CHECK_EQUAL(IpsecHelper::GetIke(client)->GetCounters().mainModeSucceeded, 1u);
    BOOST_CHECK_EQUAL(IpsecHelper::GetIke(server)->GetCounters().mainModeSucceeded, 1u);
    BOOST_CHECK_EQUAL(counter->received, 20u);
    BOOST_CHECK_EQUAL(
        IpsecHelper::GetDriver(server)->GetCounters().Protected(IpsecDirection::INBOUND), 20u);
}

BOOST_FIXTURE_TEST_CASE(member_of_a_trusting_domain_uses_the_other_controller, DomainLan)
{
    IpsecKerberosDomainHelper corp("CORP.EXAMPLE");
    IpsecKerberosDomainHelper sales("SALES.EXAMPLE");
    corp.Trust(sales);
    corp.Install(dc, client);
    sales.SetDomainController(corp.GetDomainController());
    sales.Join(server);
    BOOST_CHECK(sales.GetRealm()->HasComputer("NODE1"));
    BOOST_CHECK(!corp.GetRealm()->HasComputer("NODE1"));
    Run();
    BOOST_CHECK_EQUAL(counter->received, 20u);
    BOOST_CHECK_EQUAL(corp.GetKdc()->GetCounters().replies, 1u);
}

BOOST_FIXTURE_TEST_CASE(without_the_trust_the_ticket_is_refused, DomainLan)
{
    IpsecKerberosDomainHelper corp("CORP.EXAMPLE");
    IpsecKerberosDomainHelper sales("SALES.EXAMPLE");
    corp.Install(dc, client);
    sales.SetDomainController(corp.GetDomainController());
    sales.Join(server);
    Run();
    BOOST_CHECK_EQUAL(counter->received, 0u);
    BOOST_CHECK_EQUAL(corp.GetKdc()->GetCounters().replies, 0u);
    // Each of the 20 datagrams starts a main mode that asks for the ticket and fails.
    BOOST_CHECK_EQUAL(corp.GetKdc()->GetCounters().errors, 20u);
    BOOST_CHECK_EQUAL(corp.GetKdc()->GetCounters().errorsByReason.at("untrusted-realm"), 20u);
    // The client cannot get its own proof: an authentication failure, with the reason.
    const IkeCounters& c = IpsecHelper::GetIke(client)->GetCounters();
    BOOST_CHECK_EQUAL(c.mainModeFailed, 20u);
    BOOST_CHECK_EQUAL(c.authenticationFailed, 20u);
    BOOST_CHECK_EQUAL(c.authenticationFailedByReason.at("kerberos: untrusted-realm"), 20u);
}

BOOST_FIXTURE_TEST_CASE(misuse_is_refused_by_name_and_changes_nothing, DomainLan)
{
    IpsecKerberosDomainHelper domain("CORP.EXAMPLE");
    auto says = [](const std::string& field, const std::string& words) {
        return [field, words](const IpsecConfigError& e) {
            BOOST_TEST_MESSAGE(e.what());
            return e.GetField() == field &&
                   std::string(e.what()).find(words) != std::string::npos;
        };
    };
    BOOST_CHECK_EXCEPTION(domain.Join(client),
                          IpsecConfigError,
                          says("domainController", "CORP.EXAMPLE has no domain controller"));
    Ptr<Node> unaddressed = CreateObject<Node>();
    IpsecHelper().Install(unaddressed);
    domain.InstallDomainController(dc);
    BOOST_CHECK_EXCEPTION(domain.InstallDomainController(dc),
                          IpsecConfigError,
                          says("domainController", "has a domain controller already (10.1.1.10)"));
    domain.SetComputerName(server, "NODE2"); // the controller's name
    BOOST_CHECK_EXCEPTION(domain.Join(NodeContainer(client, server)),
                          IpsecConfigError,
                          says("computer", "NODE2 (node 1) has already joined CORP.EXAMPLE"));
    BOOST_CHECK_EXCEPTION(domain.Join(NodeContainer(client, unaddressed)),
                          IpsecConfigError,
                          says("computer", "node 3 (NODE3) has no IPv4 address"));
    // Nothing joined by the refused calls.
    BOOST_CHECK_EQUAL(domain.GetRealm()->GetComputers().size(), 1u);
}

BOOST_AUTO_TEST_CASE(same_streams_give_the_same_kerberos_run)
{
    // The KDC's and the Kerberos clients' draws follow IpsecHelper::AssignStreams too.
    auto simulate = [](const std::string& dir) {
        DomainLan lan;
        IpsecKerberosDomainHelper domain("CORP.EXAMPLE");
        domain.Install(lan.dc, NodeContainer(lan.client, lan.server));
        int64_t stream = 60;
        stream += IpsecHelper().AssignStreams(lan.nodes, stream);
        stream += InternetStackHelper().AssignStreams(lan.dc, stream);
        lan.csma.AssignStreams(lan.devices, stream);
        lan.csma.EnablePcap(dir + "/lan", lan.devices.Get(2), true);
        lan.Run();
        BOOST_CHECK_EQUAL(lan.counter->received, 20u);
    };
    // The pcap file is closed once the LAN (and its devices) is gone.
    auto run = [&simulate](const std::string& dir) {
        simulate(dir);
        return ReadFile(dir + "/lan-2-0.pcap");
    };
    std::string first = run(TempDir("kerberos-1"));
    ShiftAutomaticStreams(5);
    std::string second = run(TempDir("kerberos-2"));
    BOOST_REQUIRE_GT(first.size(), 2000u);
    BOOST_CHECK(first == second);
}

BOOST_AUTO_TEST_SUITE_END()

namespace
{

/**
 * \param authMethods the IKE AuthMethods of both nodes
 * \return two nodes with IPsec on a default point-to-point link, 10.1.1.1 and 10.1.1.2
 */
NodeContainer
InstallAuthLink(const std::string& authMethods)
{
    NodeContainer nodes;
    nodes.Create(2);
    PointToPointHelper p2p;
    NetDeviceContainer devices = p2p.Install(nodes);
    IpsecHelper ipsec;
    ipsec.SetIkeAttribute("AuthMethods", StringValue(authMethods));
    ipsec.Install(nodes);
    Ipv4AddressHelper("10.1.1.0", "255.255.255.0").Assign(devices);
    return nodes;
}

/** What a run of RunProtectedUdp saw. */
struct ProtectedUdpRun
{
    std::shared_ptr<UdpCounter> counter; //!< datagrams node 1 received on port 9
    std::string terms;                   //!< node 0's last MainModeSucceeded detail
};

/**
 * \brief Negotiate filters for UDP from node 0 to node 1 port 9, \p count datagrams from 1 s,
 *        the simulation run to 4 s.
 * \param nodes the two nodes of InstallAuthLink
 * \param count datagrams
 * \return what node 1 received and the main mode terms node 0 reported
 */
ProtectedUdpRun
RunProtectedUdp(const NodeContainer& nodes, uint32_t count)
{
    IpsecHelper::AddFilter(nodes.Get(0),
                           "srcaddr=me dstaddr=10.1.1.2 protocol=udp dstport=9 action=negotiate");
    IpsecHelper::AddFilter(nodes.Get(1),
                           "srcaddr=me dstaddr=10.1.1.1 protocol=udp srcport=9 action=negotiate");
    ProtectedUdpRun run;
    run.counter = InstallUdpCounter(nodes.Get(1), 9);
    ScheduleUdp(nodes.Get(0), Ipv4Address("10.1.1.2"), 9, count);
    std::string* terms = &run.terms;
    IpsecHelper::GetIke(nodes.Get(0))
        ->TraceConnectWithoutContext("MainModeSucceeded",
                                     Callback<void, Ipv4Address, const std::string&>(
                                         [terms](Ipv4Address, const std::string& t) {
                                             *terms = t;
                                         }));
    Simulator::Stop(Seconds(4));
    Simulator::Run();
    return run;
}

} // namespace

BOOST_AUTO_TEST_SUITE(ipsec_pki_helper)

BOOST_FIXTURE_TEST_CASE(one_call_sets_up_the_ca_and_enrols, SimulatorFixture)
{
    NodeContainer nodes = InstallAuthLink("cert");
    IpsecPkiHelper pki;
    pki.AssignStreams(70);
    pki.SetComputerName(nodes.Get(1), "server.example");
    Ptr<IkeCertificateAuthority> root = pki.Install("Test Root CA", nodes);
    for (uint32_t i = 0; i < 2; ++i)
    {
        Ptr<IkeService> ike = IpsecHelper::GetIke(nodes.Get(i));
        BOOST_REQUIRE_EQUAL(ike->GetTrustedRoots().size(), 1u);
        BOOST_CHECK(ike->GetTrustedRoots()[0]->GetDer() == root->GetCertificate()->GetDer());
    }
    // Trusting the same root again adds nothing.
    pki.Trust(nodes, root);
    BOOST_CHECK_EQUAL(IpsecHelper::GetIke(nodes.Get(0))->GetTrustedRoots().size(), 1u);
    ProtectedUdpRun run = RunProtectedUdp(nodes, 10);
    BOOST_CHECK_EQUAL(run.counter->received, 10u);
    BOOST_CHECK_EQUAL(IpsecHelper::GetIke(nodes.Get(0))->GetCounters().mainModeSucceeded, 1u);
    BOOST_CHECK_EQUAL(run.terms, "3des-sha1-2 cert"); // authenticated by certificate
}

BOOST_FIXTURE_TEST_CASE(a_certificate_from_an_untrusted_root_fails_by_name, SimulatorFixture)
{
    NodeContainer nodes = InstallAuthLink("cert");
    IpsecPkiHelper pki;
    Ptr<IkeCertificateAuthority> contoso = pki.CreateRoot("Contoso Root CA");
    Ptr<IkeCertificateAuthority> issuing = pki.CreateSubordinate(contoso, "Contoso Issuing CA");
    Ptr<IkeCertificateAuthority> fabrikam = pki.CreateRoot("Fabrikam Root CA");
    pki.Enrol(nodes.Get(1), issuing);
    pki.Trust(nodes.Get(0), contoso);
    pki.Enrol(nodes.Get(0), fabrikam);
    // Node 0 accepts both roots, in that order; node 1 only its own chain's.
    const auto& roots0 = IpsecHelper::GetIke(nodes.Get(0))->GetTrustedRoots();
    BOOST_REQUIRE_EQUAL(roots0.size(), 2u);
    BOOST_CHECK_EQUAL(roots0[0]->GetSubject(), contoso->GetCertificate()->GetSubject());
    BOOST_CHECK_EQUAL(roots0[1]->GetSubject(), fabrikam->GetCertificate()->GetSubject());
    BOOST_CHECK_EQUAL(IpsecHelper::GetIke(nodes.Get(1))->GetTrustedRoots().size(), 1u);
    ProtectedUdpRun run = RunProtectedUdp(nodes, 3);
    BOOST_CHECK_EQUAL(run.counter->received, 0u);
    const IkeCounters& c0 = IpsecHelper::GetIke(nodes.Get(0))->GetCounters();
    const IkeCounters& c1 = IpsecHelper::GetIke(nodes.Get(1))->GetCounters();
    BOOST_CHECK_EQUAL(c0.mainModeSucceeded, 0u);
    // The client has no certificate from a root the server asks for; the server hears it.
    BOOST_CHECK_EQUAL(c0.mainModeFailed, 1u);
    BOOST_CHECK_EQUAL(c0.authenticationFailed, 1u);
    BOOST_CHECK_EQUAL(c0.authenticationFailedByReason.at("no-acceptable-certificate"), 1u);
    BOOST_CHECK_EQUAL(c1.mainModeFailed, 1u);
    BOOST_CHECK_EQUAL(c1.authenticationFailed, 1u);
    BOOST_CHECK_EQUAL(c1.authenticationFailedByReason.at("peer: CERTIFICATE_UNAVAILABLE"), 1u);
}

BOOST_AUTO_TEST_CASE(same_stream_same_certificates_and_late_streams_refused)
{
    SimulatorFixture fixture;
    auto make = [](int64_t stream) {
        IpsecPkiHelper pki;
        pki.SetKeyBits(512);
        pki.AssignStreams(stream);
        return pki.CreateRoot("Repeatable Root CA")->GetCertificate()->GetDer();
    };
    std::vector<uint8_t> first = make(80);
    ShiftAutomaticStreams(3);
    BOOST_CHECK(first == make(80));
    BOOST_CHECK(first != make(81));
    IpsecPkiHelper pki;
    pki.SetKeyBits(512);
    pki.CreateRoot("Early Root CA");
    BOOST_CHECK_THROW(pki.AssignStreams(80), IpsecConfigError);
    BOOST_CHECK_THROW(pki.SetKeyBits(100), IpsecConfigError);
    Ptr<Node> bare = CreateObject<Node>();
    BOOST_CHECK_EXCEPTION(pki.Install("Root", bare),
                          IpsecConfigError,
                          [](const IpsecConfigError& e) {
                              return std::string(e.what()).find("runs no IKE service") !=
                                     std::string::npos;
                          });
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(ipsec_psk_misconfiguration)

BOOST_FIXTURE_TEST_CASE(no_key_needed_when_certificates_are_chosen, SimulatorFixture)
{
    // psk is allowed but certificates come first and both nodes have one: main mode settles on
    // certificates, and the empty key is never used, so it is no error.
    NodeContainer nodes = InstallAuthLink("cert,psk");
    IpsecPkiHelper pki;
    pki.Install("Test Root CA", nodes);
    ProtectedUdpRun run;
    BOOST_CHECK_NO_THROW(run = RunProtectedUdp(nodes, 10));
    BOOST_CHECK_EQUAL(run.terms, "3des-sha1-2 cert");
    BOOST_REQUIRE(run.counter);
    BOOST_CHECK_EQUAL(run.counter->received, 10u);
}

BOOST_FIXTURE_TEST_CASE(mismatched_preshared_key_is_an_authentication_failure, SimulatorFixture)
{
    NodeContainer nodes;
    NetDeviceContainer devices = CreateTestLink(nodes);
    IpsecHelper ipsec;
    ipsec.SetIkeAttribute("PreSharedKey", StringValue("one secret"));
    ipsec.Install(nodes.Get(0));
    ipsec.SetIkeAttribute("PreSharedKey", StringValue("another secret"));
    ipsec.Install(nodes.Get(1));
    Ipv4AddressHelper("10.1.1.0", "255.255.255.0").Assign(devices);
    IpsecHelper::AddFilter(nodes.Get(0),
                           "srcaddr=me dstaddr=10.1.1.2 protocol=udp dstport=9 action=negotiate");
    IpsecHelper::AddFilter(nodes.Get(1),
                           "srcaddr=me dstaddr=10.1.1.1 protocol=udp srcport=9 action=negotiate");
    auto counter = InstallUdpCounter(nodes.Get(1), 9);
    ScheduleUdp(nodes.Get(0), Ipv4Address("10.1.1.2"), 9, 1);
    Simulator::Stop(Seconds(4));
    Simulator::Run();
    BOOST_CHECK_EQUAL(counter->received, 0u);
    const IkeCounters& a = IpsecHelper::GetIke(nodes.Get(0))->GetCounters();
    const IkeCounters& b = IpsecHelper::GetIke(nodes.Get(1))->GetCounters();
    // The responder finds the initiator's proof wrong; the initiator hears it from the peer.
    BOOST_CHECK_EQUAL(b.mainModeFailed, 1u);
    BOOST_CHECK_EQUAL(b.authenticationFailed, 1u);
    BOOST_CHECK_EQUAL(
        b.mainModeFailedByReason[static_cast<size_t>(IkeFailureReason::AUTHENTICATION_FAILED)],
        1u);
    BOOST_CHECK_EQUAL(b.authenticationFailedByReason.at("authentication-failed"), 1u);
    BOOST_CHECK_EQUAL(a.mainModeFailed, 1u);
    BOOST_CHECK_EQUAL(a.authenticationFailed, 1u);
    BOOST_CHECK_EQUAL(
        a.mainModeFailedByReason[static_cast<size_t>(IkeFailureReason::PEER_NOTIFICATION)], 1u);
    BOOST_CHECK_EQUAL(a.authenticationFailedByReason.at("peer: AUTHENTICATION_FAILED"), 1u);
    // And both say so where a user looks: PrintPolicy and the main mode SA listing.
    std::ostringstream policyA, policyB, sasA;
    IpsecHelper::PrintPolicy(nodes.Get(0), policyA);
    IpsecHelper::PrintPolicy(nodes.Get(1), policyB);
    IpsecHelper::GetIke(nodes.Get(0))->PrintMainModeSas(sasA);
    BOOST_TEST_MESSAGE(policyA.str() << policyB.str() << sasA.str());
    BOOST_CHECK(policyA.str().find("node 0 IKE: main mode failures 1 (peer=1); "
                                   "authentication failures 1 (peer: AUTHENTICATION_FAILED=1)") !=
                std::string::npos);
    BOOST_CHECK(policyB.str().find("node 1 IKE: main mode failures 1 (authentication-failed=1); "
                                   "authentication failures 1 (authentication-failed=1)") !=
                std::string::npos);
    BOOST_CHECK(sasA.str().find("Authentication failures 1 (peer: AUTHENTICATION_FAILED=1)") !=
                std::string::npos);
}

BOOST_FIXTURE_TEST_CASE(no_failure_line_when_nothing_failed, SimulatorFixture)
{
    LinkRun r = RunLink(40, TempDir("no-failures"));
    BOOST_CHECK_EQUAL(r.a.mainModeFailed, 0u);
    BOOST_CHECK(r.mainModeSas.find("Authentication failures") == std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()
