/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// DHCP as a roaming Windows client does it (MediaSenseDhcpClient in the roaming study, seed 1):
// within one subnet the lease is verified at every association and kept, with every SA; across
// subnets the held address goes when no server acknowledges it, a new lease follows and the
// SAs are rebuilt from it. And the client on its own: a link loss longer than the damping
// period removes the address.

#include "ipsec-test-network.h"
#include "ipsec-wifi-roaming-scenario.h"

#include "ns3/internet-apps-module.h"
#include "ns3/simple-channel.h"
#include "ns3/simple-net-device.h"

#include <boost/test/unit_test.hpp>
#include <cmath>
#include <sstream>

using namespace ns3;
using namespace ns3::test;

namespace
{

WifiRoamingResult
RunScenario(const WifiRoamingConfig& config)
{
    WifiRoamingScenario scenario(config);
    WifiRoamingResult result = scenario.Run();
    Simulator::Destroy();
    return result;
}

/// \return seconds in whole microseconds, to compare times exactly to the microsecond
int64_t
Us(double seconds)
{
    return std::llround(seconds * 1e6);
}

/// A device whose link the test takes down and up (ns-3's CSMA and point-to-point devices
/// never report a link change).
class SwitchedLinkDevice : public SimpleNetDevice
{
  public:
    bool IsLinkUp() const override
    {
        return m_up;
    }

    void AddLinkChangeCallback(Callback<void> callback) override
    {
        m_callbacks.push_back(callback);
    }

    /// \param up the new link state (the callbacks run)
    void SetLinkUp(bool up)
    {
        m_up = up;
        for (auto& cb : m_callbacks)
        {
            cb();
        }
    }

  private:
    bool m_up{true};
    std::vector<Callback<void>> m_callbacks;
};

} // namespace

BOOST_AUTO_TEST_SUITE(ipsec_roaming_media_sense)

BOOST_AUTO_TEST_CASE(same_subnet_keeps_the_lease_and_every_sa)
{
    SimulatorFixture fixture;
    WifiRoamingConfig config;
    config.perApSubnets = false; // the APs bridge onto one LAN with one DHCP server
    WifiRoamingResult r = RunScenario(config);
    BOOST_REQUIRE_EQUAL(r.handoffs.size(), 2u);
    // One lease at the start, 10.0.0.100, never replaced.
    BOOST_TEST(r.leases == 1u);
    BOOST_REQUIRE_EQUAL(r.leaseAddresses.size(), 1u);
    BOOST_TEST(r.leaseAddresses[0] == Ipv4Address("10.0.0.100"));
    // A REQUEST for the held address at each association (the same instant), acknowledged
    // about 2 ms later by the LAN's server.
    BOOST_REQUIRE_EQUAL(r.leaseVerifications.size(), 2u);
    BOOST_REQUIRE_EQUAL(r.leasesKept.size(), 2u);
    for (uint32_t i = 0; i < 2; ++i)
    {
        BOOST_TEST(r.leaseVerifications[i] == *r.handoffs[i].assoc);
        BOOST_TEST(!r.handoffs[i].address); // no new address: dhcp_s is 0
        BOOST_TEST(*r.handoffs[i].Dhcp() == 0.0);
    }
    BOOST_TEST(Us(r.leaseVerifications[0]) == 6449018LL);
    BOOST_TEST(Us(r.leasesKept[0]) == 6450690LL);
    BOOST_TEST(Us(r.leaseVerifications[1]) == 11510879LL);
    BOOST_TEST(Us(r.leasesKept[1]) == 11512569LL);
    BOOST_TEST(r.addressRemovals.empty());
    // SAs kept: the first packet's main mode and quick mode only, nothing deleted.
    BOOST_TEST(r.mainModes == 1u);
    BOOST_TEST(r.quickModes == 1u);
    BOOST_TEST(r.saDeletes == 0u);
    BOOST_TEST(r.dhcpDropped == 0u);
}

BOOST_AUTO_TEST_CASE(per_ap_subnets_replace_the_address_and_rebuild_the_sas)
{
    SimulatorFixture fixture;
    WifiRoamingConfig config; // per-AP subnets
    config.windowsDhcp = true;
    WifiRoamingResult r = RunScenario(config);
    BOOST_REQUIRE_EQUAL(r.handoffs.size(), 2u);
    // The REQUEST for the old address at each association gets no answer (ns-3's DhcpServer
    // ignores an address outside its pool): after two sends, 1 s apart, the address goes at
    // association + 2 s, and a DISCOVER brings the new subnet's address.
    BOOST_REQUIRE_EQUAL(r.leaseVerifications.size(), 2u);
    BOOST_TEST(r.leasesKept.empty());
    BOOST_REQUIRE_EQUAL(r.addressRemovals.size(), 2u);
    BOOST_REQUIRE_EQUAL(r.leaseAddresses.size(), 3u);
    for (uint32_t i = 0; i < 2; ++i)
    {
        const IpsecHandoff& h = r.handoffs[i];
        BOOST_TEST(r.leaseVerifications[i] == *h.assoc);
        BOOST_TEST(r.addressRemovals[i].second == "no-answer");
        BOOST_TEST(Us(r.addressRemovals[i].first) == Us(*h.assoc + 2.0));
        BOOST_REQUIRE(h.address && h.quickModeDone && h.firstDelivery);
        BOOST_TEST(*h.address > r.addressRemovals[i].first);
        BOOST_TEST(r.leaseAddresses[i + 1] == Ipv4Address((10u << 24) | ((i + 2) << 8) | 100));
    }
    BOOST_TEST(Us(*r.handoffs[0].address) == 8453073LL);
    BOOST_TEST(Us(*r.handoffs[1].address) == 13514170LL);
    // SAs rebuilt: the old address's two SAs deleted at each removal, one main mode and one
    // quick mode per lease.
    BOOST_TEST(r.addressChangeDeletes == 4u);
    BOOST_TEST(r.saDeletes == 4u);
    std::vector<double> deletedAt;
    for (const WifiRoamingSaEvent& e : r.saEvents)
    {
        if (!e.installed)
        {
            deletedAt.push_back(e.t);
        }
    }
    BOOST_REQUIRE_EQUAL(deletedAt.size(), 4u);
    BOOST_TEST(deletedAt[0] == r.addressRemovals[0].first);
    BOOST_TEST(deletedAt[2] == r.addressRemovals[1].first);
    BOOST_TEST(r.mainModes == 3u);
    BOOST_TEST(r.quickModes == 3u);
    BOOST_TEST(r.dhcpDropped == 0u);
}

BOOST_AUTO_TEST_CASE(a_loss_longer_than_the_damping_period_removes_the_address)
{
    SimulatorFixture fixture;
    // Client and DHCP server on one link; the client's link is down from 2 s to 4 s (address
    // kept, verified on link up) and from 10 s to 40 s (removed at 30 s, after the damping
    // period of 20 s; a new lease on link up). The renewal due at 19 s (T1 = 15 s, ns-3's
    // server default, after the ACK at 4 s) is not sent while the link is down.
    NodeContainer nodes;
    nodes.Create(2);
    Ptr<SimpleChannel> channel = CreateObject<SimpleChannel>();
    Ptr<SwitchedLinkDevice> dev = CreateObject<SwitchedLinkDevice>();
    Ptr<SimpleNetDevice> serverDev = CreateObject<SimpleNetDevice>();
    NetDeviceContainer devices;
    for (auto [node, device] : {std::make_pair(nodes.Get(0), Ptr<SimpleNetDevice>(dev)),
                                std::make_pair(nodes.Get(1), serverDev)})
    {
        device->SetAddress(Mac48Address::Allocate());
        device->SetChannel(channel);
        node->AddDevice(device);
        devices.Add(device);
    }
    InternetStackHelper internet;
    internet.Install(nodes);
    internet.AssignStreams(nodes, 10); // ARP's jitter, whatever ran before in this process
    DhcpHelper dhcp;
    ApplicationContainer server = dhcp.InstallDhcpServer(devices.Get(1),
                                                         "10.9.0.1",
                                                         "10.9.0.0",
                                                         "/24",
                                                         "10.9.0.100",
                                                         "10.9.0.199",
                                                         "10.9.0.1");
    server.Start(Seconds(0));
    Ptr<MediaSenseDhcpClient> client = CreateObject<MediaSenseDhcpClient>();
    client->SetDevice(devices.Get(0));
    nodes.Get(0)->AddApplication(client);
    client->SetStartTime(Seconds(0));
    client->AssignStreams(1);
    std::vector<std::pair<double, std::string>> events;
    auto record = [&events](const std::string& what) {
        return Callback<void, const Ipv4Address&>([&events, what](const Ipv4Address& a) {
            std::ostringstream os;
            os << what << " " << a;
            events.emplace_back(Simulator::Now().GetSeconds(), os.str());
        });
    };
    client->TraceConnectWithoutContext("NewLease", record("lease"));
    client->TraceConnectWithoutContext("LeaseKept", record("kept"));
    client->TraceConnectWithoutContext(
        "AddressRemoved",
        Callback<void, const Ipv4Address&, const std::string&>(
            [&events](const Ipv4Address&, const std::string& reason) {
                events.emplace_back(Simulator::Now().GetSeconds(), "removed " + reason);
            }));
    auto down = [dev]() { dev->SetLinkUp(false); };
    auto up = [dev]() { dev->SetLinkUp(true); };
    Simulator::Schedule(Seconds(2), down);
    Simulator::Schedule(Seconds(4), up);
    Simulator::Schedule(Seconds(10), down);
    Simulator::Schedule(Seconds(40), up);
    Simulator::Stop(Seconds(45));
    Simulator::Run();
    for (const auto& [t, what] : events)
    {
        BOOST_TEST_MESSAGE(t << " s: " << what);
    }
    BOOST_REQUIRE_EQUAL(events.size(), 4u);
    BOOST_TEST(events[0].second == "lease 10.9.0.100");
    BOOST_TEST(events[1].second == "kept 10.9.0.100");
    BOOST_TEST(Us(events[0].first) == 0LL);
    // Verified on link up: the server's ACK goes to the held address (ARP, with its jitter).
    BOOST_TEST(Us(events[1].first) == 4007000LL);
    BOOST_TEST(events[2].second == "removed link-down");
    BOOST_TEST(Us(events[2].first) == 30000000LL);
    BOOST_TEST(events[3].second == "lease 10.9.0.100"); // the server remembers the client
    BOOST_TEST(Us(events[3].first) == 40000000LL); // broadcasts, no delay on this channel
}

BOOST_AUTO_TEST_CASE(a_nak_replaces_the_address_at_once)
{
    SimulatorFixture fixture;
    // The lease comes from server A; at 5 s A stops and server B (same pool, no record of the
    // client) takes over; after a link loss from 6 s to 7 s the client asks B for its address.
    // ns-3's server answers NAK for an address of its pool it did not lease: the client drops
    // the address there and then and discovers (B offers the same free address again).
    NodeContainer nodes;
    nodes.Create(3);
    Ptr<SimpleChannel> channel = CreateObject<SimpleChannel>();
    Ptr<SwitchedLinkDevice> dev = CreateObject<SwitchedLinkDevice>();
    NetDeviceContainer devices;
    for (uint32_t i = 0; i < 3; ++i)
    {
        Ptr<SimpleNetDevice> device = i == 0 ? Ptr<SimpleNetDevice>(dev)
                                             : CreateObject<SimpleNetDevice>();
        device->SetAddress(Mac48Address::Allocate());
        device->SetChannel(channel);
        nodes.Get(i)->AddDevice(device);
        devices.Add(device);
    }
    InternetStackHelper internet;
    internet.Install(nodes);
    internet.AssignStreams(nodes, 10); // ARP's jitter, whatever ran before in this process
    DhcpHelper dhcp;
    ApplicationContainer a = dhcp.InstallDhcpServer(devices.Get(1),
                                                    "10.9.0.1",
                                                    "10.9.0.0",
                                                    "/24",
                                                    "10.9.0.100",
                                                    "10.9.0.199",
                                                    "10.9.0.1");
    a.Start(Seconds(0));
    a.Stop(Seconds(5));
    ApplicationContainer b = dhcp.InstallDhcpServer(devices.Get(2),
                                                    "10.9.0.2",
                                                    "10.9.0.0",
                                                    "/24",
                                                    "10.9.0.100",
                                                    "10.9.0.199",
                                                    "10.9.0.1");
    b.Start(Seconds(5));
    Ptr<MediaSenseDhcpClient> client = CreateObject<MediaSenseDhcpClient>();
    client->SetDevice(devices.Get(0));
    nodes.Get(0)->AddApplication(client);
    client->SetStartTime(Seconds(0));
    client->AssignStreams(1);
    std::vector<std::pair<double, std::string>> events;
    client->TraceConnectWithoutContext(
        "NewLease",
        Callback<void, const Ipv4Address&>([&events](const Ipv4Address&) {
            events.emplace_back(Simulator::Now().GetSeconds(), "lease");
        }));
    client->TraceConnectWithoutContext(
        "AddressRemoved",
        Callback<void, const Ipv4Address&, const std::string&>(
            [&events](const Ipv4Address&, const std::string& reason) {
                events.emplace_back(Simulator::Now().GetSeconds(), "removed " + reason);
            }));
    Simulator::Schedule(Seconds(6), [dev]() { dev->SetLinkUp(false); });
    Simulator::Schedule(Seconds(7), [dev]() { dev->SetLinkUp(true); });
    Simulator::Stop(Seconds(10));
    Simulator::Run();
    for (const auto& [t, what] : events)
    {
        BOOST_TEST_MESSAGE(t << " s: " << what);
    }
    BOOST_REQUIRE_EQUAL(events.size(), 3u);
    BOOST_TEST(events[0].second == "lease");
    BOOST_TEST(events[1].second == "removed nak");
    // B's NAK, unicast to the held address (B resolves it with ARP first).
    BOOST_TEST(Us(events[1].first) == 7005000LL);
    BOOST_TEST(events[2].second == "lease");
    BOOST_TEST(Us(events[2].first) == 7005000LL); // DISCOVER at once, broadcasts only
    BOOST_TEST(client->GetAddress() == Ipv4Address("10.9.0.100"));
    BOOST_TEST(client->GetDhcpServer() == Ipv4Address("10.9.0.2"));
}

BOOST_AUTO_TEST_SUITE_END()
