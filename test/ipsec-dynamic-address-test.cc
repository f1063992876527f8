/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// Server 2003's dynamic filter addresses (DNS, WINS, DHCP server, default gateway): parsing,
// expansion in the SPD, the host configuration in the driver (manual settings over the lease,
// the OS profile), and a DHCP lease on a LAN re-resolving them.

#include "ipsec-test-network.h"

#include "ns3/csma-module.h"
#include "ns3/internet-apps-module.h"

#include <boost/test/unit_test.hpp>
#include <string>
#include <vector>

using namespace ns3;
using namespace ns3::test;

namespace
{

IpsecPacketSelector
Udp(const char* source, const char* destination, uint16_t port)
{
    IpsecPacketSelector s;
    s.source = Ipv4Address(source);
    s.destination = Ipv4Address(destination);
    s.protocol = 17;
    s.sourcePort = 1025;
    s.destinationPort = port;
    return s;
}

uint32_t
Match(const IpsecSpd& spd, const IpsecPacketSelector& s)
{
    const IpsecSpdEntry* entry = spd.Lookup(s);
    return entry ? entry->id : 0;
}

} // namespace

BOOST_AUTO_TEST_SUITE(ipsec_dynamic_address)

BOOST_AUTO_TEST_CASE(keywords_parse_and_print_back)
{
    for (const char* kind : {"dns", "wins", "dhcp", "gateway"})
    {
        IpsecFilter f = IpsecFilter::Parse(std::string("srcaddr=me dstaddr=") + kind +
                                           " protocol=udp action=permit");
        BOOST_TEST(f.destination.IsDynamic());
        BOOST_TEST(f.destination.ToString() == kind);
        BOOST_TEST(f.destination.GetPrefixLength() == 32u); // weighs like a specific address
        BOOST_TEST((IpsecFilter::Parse(f.ToString()).destination == f.destination));
    }
    BOOST_TEST(IpsecFilterAddress::Parse("DNS", "dstaddr").GetKind() == IpsecFilterAddress::DNS);
    BOOST_CHECK_THROW(IpsecFilter::Parse("srcaddr=me dstaddr=dns dstmask=255.255.255.0 "
                                         "action=permit"),
                      IpsecConfigError);
}

BOOST_AUTO_TEST_CASE(spd_expands_them_and_follows_changes)
{
    IpsecSpd spd;
    spd.SetLocalAddresses({Ipv4Address("10.0.1.100")});
    uint32_t dns = spd.Add(IpsecFilter::Parse("srcaddr=me dstaddr=dns protocol=udp dstport=53 "
                                              "action=permit"));
    uint32_t all = spd.Add(IpsecFilter::Parse("srcaddr=me dstaddr=any action=block"));
    // No DNS server known: the filter matches nothing.
    BOOST_TEST(Match(spd, Udp("10.0.1.100", "10.0.1.53", 53)) == all);
    spd.SetDynamicAddresses(IpsecFilterAddress::DNS,
                            {Ipv4Address("10.0.1.53"), Ipv4Address("10.9.9.53")});
    BOOST_TEST(Match(spd, Udp("10.0.1.100", "10.0.1.53", 53)) == dns);
    BOOST_TEST(Match(spd, Udp("10.0.1.100", "10.9.9.53", 53)) == dns);
    BOOST_TEST(Match(spd, Udp("10.9.9.53", "10.0.1.100", 1025)) == all); // mirror: ports swap
    IpsecPacketSelector answer = Udp("10.9.9.53", "10.0.1.100", 1025);
    answer.sourcePort = 53;
    answer.destinationPort = 1025;
    BOOST_TEST(Match(spd, answer) == dns);
    BOOST_TEST(Match(spd, Udp("10.0.1.100", "10.0.1.54", 53)) == all);
    // A new lease on another subnet: the old server no longer matches, the new one does.
    spd.SetDynamicAddresses(IpsecFilterAddress::DNS, {Ipv4Address("10.0.2.53")});
    BOOST_TEST(Match(spd, Udp("10.0.1.100", "10.0.1.53", 53)) == all);
    BOOST_TEST(Match(spd, Udp("10.0.1.100", "10.0.2.53", 53)) == dns);
    // Other kinds are independent.
    BOOST_TEST(spd.GetAddressesOf(IpsecFilterAddress::WINS).empty());
    BOOST_TEST(spd.GetAddressesOf(IpsecFilterAddress::ME) ==
                   std::vector<Ipv4Address>{Ipv4Address("10.0.1.100")},
               boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(driver_prefers_manual_settings_and_follows_the_profile)
{
    Ptr<IpsecDriver> driver = CreateObject<IpsecDriver>();
    Ptr<Node> node = CreateObject<Node>();
    node->AggregateObject(driver);
    std::vector<std::pair<std::string, std::vector<Ipv4Address>>> changes;
    driver->TraceConnectWithoutContext(
        "DynamicAddressChanged",
        Callback<void, const std::string&, const std::vector<Ipv4Address>&>(
            [&changes](const std::string& kind, const std::vector<Ipv4Address>& a) {
                changes.emplace_back(kind, a);
            }));
    const std::vector<Ipv4Address> lease{Ipv4Address("10.0.1.53")};
    const std::vector<Ipv4Address> manual{Ipv4Address("192.168.0.53")};
    driver->SetLeaseServers(IpsecFilterAddress::DNS, lease);
    BOOST_TEST(driver->GetDynamicAddresses(IpsecFilterAddress::DNS) == lease,
               boost::test_tools::per_element());
    driver->SetHostServers(IpsecFilterAddress::DNS, manual);
    BOOST_TEST(driver->GetDynamicAddresses(IpsecFilterAddress::DNS) == manual,
               boost::test_tools::per_element());
    driver->SetLeaseServers(IpsecFilterAddress::DNS, {Ipv4Address("10.0.2.53")}); // hidden
    driver->SetHostServers(IpsecFilterAddress::DNS, {});                          // back to lease
    BOOST_TEST(driver->GetDynamicAddresses(IpsecFilterAddress::DNS) ==
                   std::vector<Ipv4Address>{Ipv4Address("10.0.2.53")},
               boost::test_tools::per_element());
    // Traced only when what the filters match changes: lease, manual, lease again.
    BOOST_REQUIRE_EQUAL(changes.size(), 3u);
    BOOST_TEST(changes[0].first == "dns");
    BOOST_TEST(changes[1].second == manual, boost::test_tools::per_element());

    // Windows XP has no dynamic addresses: a filter with one is dropped (with a warning), as
    // the older consoles drop the setting, and they resolve to nothing.
    driver->SetOsProfile(IpsecOsProfile::WINXP);
    BOOST_TEST(driver->GetDynamicAddresses(IpsecFilterAddress::DNS).empty());
    BOOST_REQUIRE_EQUAL(changes.size(), 4u);
    BOOST_TEST(changes[3].second.empty());
    size_t filters = driver->GetSpd().GetNFilters();
    BOOST_TEST(driver->AddFilter("srcaddr=me dstaddr=gateway action=permit") == 0u);
    BOOST_TEST(driver->GetSpd().GetNFilters() == filters);
    BOOST_TEST(driver->GetNDroppedFilters() == 1u);
    driver->SetOsProfile(IpsecOsProfile::WIN2003);
    BOOST_TEST(driver->GetDynamicAddresses(IpsecFilterAddress::DNS).size() == 1u);
    BOOST_TEST(driver->AddFilter("srcaddr=me dstaddr=gateway action=permit") > 0u);
}

BOOST_AUTO_TEST_CASE(a_dhcp_lease_sets_server_gateway_dns_and_wins_and_filters_match_them)
{
    SimulatorFixture fixture;
    // client (IPsec, DHCP) -- LAN 10.0.1.0/24 -- router 10.0.1.1 (DHCP server)
    Ptr<Node> client = CreateObject<Node>();
    Ptr<Node> router = CreateObject<Node>();
    CsmaHelper lan;
    NetDeviceContainer devices = lan.Install(NodeContainer(client, router));
    IpsecHelper().Install(client);
    InternetStackHelper().Install(router);
    DhcpHelper dhcp;
    dhcp.InstallDhcpServer(devices.Get(1),
                           Ipv4Address("10.0.1.1"),
                           Ipv4Address("10.0.1.0"),
                           Ipv4Mask("/24"),
                           Ipv4Address("10.0.1.100"),
                           Ipv4Address("10.0.1.199"),
                           Ipv4Address("10.0.1.1"))
        .Start(Seconds(0));
    dhcp.SetClientAttribute("Collect", TimeValue(Seconds(0)));
    ApplicationContainer app = dhcp.InstallDhcpClient(devices.Get(0));
    app.Start(Seconds(0));
    Ptr<IpsecDhcpTracker> tracker = CreateObject<IpsecDhcpTracker>();
    tracker->Track(DynamicCast<DhcpClient>(app.Get(0)));
    tracker->SetServerOptions(Ipv4Address("10.0.1.1"),
                              {{Ipv4Address("10.0.1.53")}, {Ipv4Address("10.0.1.54")}});
    client->AggregateObject(tracker);
    Ptr<IpsecDriver> driver = IpsecHelper::GetDriver(client);
    uint32_t wins = driver->AddFilter("srcaddr=me dstaddr=wins protocol=udp action=block");
    // The DHCP traffic itself is covered by no filter: it passes.
    auto drops = RecordDrops(client);
    ScheduleUdp(client, Ipv4Address("10.0.1.54"), 137, 3, Seconds(2));
    Simulator::Stop(Seconds(3));
    Simulator::Run();

    BOOST_TEST(tracker->GetLeases() == 1u);
    auto one = [](const char* a) {
        return std::vector<Ipv4Address>{Ipv4Address(a)};
    };
    BOOST_TEST(driver->GetDynamicAddresses(IpsecFilterAddress::DHCP) == one("10.0.1.1"),
               boost::test_tools::per_element());
    BOOST_TEST(driver->GetDynamicAddresses(IpsecFilterAddress::GATEWAY) == one("10.0.1.1"),
               boost::test_tools::per_element());
    BOOST_TEST(driver->GetDynamicAddresses(IpsecFilterAddress::DNS) == one("10.0.1.53"),
               boost::test_tools::per_element());
    BOOST_TEST(driver->GetDynamicAddresses(IpsecFilterAddress::WINS) == one("10.0.1.54"),
               boost::test_tools::per_element());
    // The three datagrams to the WINS server were blocked by the wins filter, nothing else.
    BOOST_REQUIRE_EQUAL(drops->size(), 3u);
    for (const DropRecord& d : *drops)
    {
        BOOST_TEST(d.filterId == wins);
        BOOST_TEST(d.selector.destination == Ipv4Address("10.0.1.54"));
    }
}

BOOST_AUTO_TEST_CASE(a_dns_name_is_resolved_once_when_the_filter_is_added)
{
    SimulatorFixture fixture;
    NodeContainer nodes;
    nodes.Create(3);
    CsmaHelper csma;
    NetDeviceContainer devices = csma.Install(nodes);
    IpsecHelper ipsec;
    ipsec.Install(nodes.Get(0));
    InternetStackHelper().Install(NodeContainer(nodes.Get(1), nodes.Get(2)));
    Ipv4AddressHelper("10.1.1.0", "255.255.255.0").Assign(devices);
    Ptr<IpsecDriver> driver = IpsecHelper::GetDriver(nodes.Get(0));
    driver->SetHostAddress("Server.Example.com", Ipv4Address("10.1.1.2"));
    uint32_t id = driver->AddFilter("srcaddr=me dstaddr=server.example.com action=block");
    BOOST_TEST(driver->GetSpd().Find(id)->filter.destination.GetAddress() ==
               Ipv4Address("10.1.1.2"));
    // The name moves; the filter does not (Windows resolves it once).
    driver->SetHostAddress("server.example.com", Ipv4Address("10.1.1.3"));
    auto at2 = InstallUdpCounter(nodes.Get(1), 9);
    auto at3 = InstallUdpCounter(nodes.Get(2), 9);
    ScheduleUdp(nodes.Get(0), "10.1.1.2", 9, 3);
    ScheduleUdp(nodes.Get(0), "10.1.1.3", 9, 3);
    Simulator::Stop(Seconds(3));
    Simulator::Run();
    BOOST_TEST(at2->received == 0u);
    BOOST_TEST(at3->received == 3u);
    try
    {
        driver->AddFilter("srcaddr=me dstaddr=unknown.example.com action=block");
        BOOST_FAIL("an unknown name was accepted");
    }
    catch (const IpsecConfigError& e)
    {
        BOOST_TEST(std::string(e.what()).find("dstaddr") != std::string::npos);
        BOOST_TEST(std::string(e.what()).find("unknown.example.com") != std::string::npos);
    }
}

BOOST_AUTO_TEST_SUITE_END()
