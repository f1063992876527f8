/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// Wireless roaming: the SAs survive a handoff within a subnet, an address change on a new
// subnet deletes exactly the SAs bound to the old address and the next packet renegotiates,
// DHCP passes the policy, and the study's outage split (layer 2, DHCP, IKE, Kerberos) adds up.

#include "ipsec-handoff-log.h"
#include "ipsec-test-network.h"
#include "ipsec-wifi-roaming-scenario.h"

#include "ns3/point-to-point-module.h"

#include <algorithm>
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

} // namespace

BOOST_AUTO_TEST_SUITE(ipsec_roaming)

BOOST_AUTO_TEST_CASE(handoff_log_splits_the_outage_and_counts_lost_sequence_numbers)
{
    IpsecHandoffLog log;
    log.Associated(0.1);    // set-up, not a handoff
    log.LinkLost(0.5, 1.5); // before any association would be ignored; this one counts
    for (uint64_t s = 0; s < 5; ++s)
    {
        log.Delivered(0.1 * s, s); // 0..4 up to 0.4 s
    }
    log.Delivered(1.6, 6); // in flight under the old path: not the end of the outage
    log.Associated(1.7);
    log.NewAddress(1.75);
    log.KerberosRequest(1.76); // a ticket request, retransmitted, then answered
    log.KerberosRequest(1.77);
    log.KerberosReply(1.78);
    log.MainModeDone(1.8);
    log.QuickModeDone(1.82);
    log.Delivered(1.83, 14); // held packets leave together
    log.Delivered(1.83, 15);
    log.Delivered(1.9, 16);
    log.LinkLost(3.0, 4.0); // never associates again before the end
    std::vector<IpsecHandoff> h = log.GetHandoffs();
    BOOST_REQUIRE_EQUAL(h.size(), 2u);
    BOOST_TEST(h[0].linkLost == 0.5);
    BOOST_TEST(h[0].detected == 1.5);
    BOOST_TEST(*h[0].firstDelivery == 1.83);
    BOOST_TEST(std::abs(*h[0].Outage() - 1.33) < 1e-12);
    BOOST_TEST(std::abs(*h[0].Layer2() - 1.2) < 1e-12);
    BOOST_TEST(std::abs(*h[0].Dhcp() - 0.05) < 1e-12);
    // The IKE part is what is left after the Kerberos exchange (1.76 - 1.78) it waited for.
    BOOST_TEST(std::abs(*h[0].Kerberos() - 0.02) < 1e-12);
    BOOST_TEST(std::abs(*h[0].Ike() - 0.06) < 1e-12);
    // 5..13 are between the last delivery before the loss (4) and the first after (14); 6 came.
    BOOST_TEST(*h[0].lostPackets == 8u);
    BOOST_TEST(!h[1].assoc);
    BOOST_TEST(!h[1].Outage());
    BOOST_TEST(!h[1].lostPackets);
    BOOST_TEST(!h[1].Kerberos());

    std::ostringstream csv;
    IpsecHandoffLog::WriteCsv(h, csv);
    BOOST_TEST(csv.str() ==
               "handoff,t_link_lost,t_assoc,t_address,t_mm_done,t_qm_done,t_first_delivery,"
               "outage_s,l2_s,dhcp_s,ike_s,kerberos_s,lost_packets\n"
               "1,0.5,1.7,1.75,1.8,1.82,1.83,1.33,1.2,0.05,0.06,0.02,8\n"
               "2,3,,,,,,,,,,,\n");
}

BOOST_AUTO_TEST_CASE(same_subnet_roaming_keeps_every_sa)
{
    SimulatorFixture fixture;
    WifiRoamingConfig config;
    config.perApSubnets = false;
    WifiRoamingResult r = RunScenario(config);
    // Two handoffs (AP0 -> AP1 -> AP2), both complete, and not one renegotiation: the one
    // main mode and quick mode are those of the first packet. The Windows DHCP client keeps
    // its one lease (test/ipsec-roaming-media-sense-test.cc has the times).
    BOOST_REQUIRE_EQUAL(r.handoffs.size(), 2u);
    for (const IpsecHandoff& h : r.handoffs)
    {
        BOOST_TEST(h.Outage().has_value());
        BOOST_TEST(!h.address);
        BOOST_TEST(!h.mainModeDone);
        BOOST_TEST(!h.quickModeDone);
        BOOST_TEST(*h.Dhcp() == 0.0);
    }
    BOOST_TEST(r.mainModes == 1u);
    BOOST_TEST(r.quickModes == 1u);
    BOOST_TEST(r.saDeletes == 0u);
    BOOST_TEST(r.mainModeAddressChangeDeletes == 0u);
    BOOST_TEST(r.leases == 1u);
    BOOST_TEST(r.leasesKept.size() == 2u);
    BOOST_TEST(r.addressRemovals.empty());
}

BOOST_AUTO_TEST_CASE(new_subnet_deletes_the_sas_of_the_old_address_and_renegotiates)
{
    SimulatorFixture fixture;
    WifiRoamingConfig config; // per-AP subnets, 3 APs
    WifiRoamingResult r = RunScenario(config);
    BOOST_REQUIRE_EQUAL(r.handoffs.size(), 2u);
    // One lease at the start and one per handoff, each from the AP's subnet: DHCP from
    // 0.0.0.0 and to broadcast passed the station's policy every time.
    BOOST_TEST(r.leases == 3u);
    BOOST_TEST(r.dhcpDropped == 0u);
    BOOST_TEST(r.dhcpPermitted >= 12u); // discover, offer, request, ack per lease
    // Per handoff: the two SAs (in and out) and the main mode SA of the old address go when
    // the link goes down (the DHCP client removes the address), nothing else.
    BOOST_TEST(r.addressChangeDeletes == 4u);
    BOOST_TEST(r.saDeletes == 4u);
    BOOST_TEST(r.mainModeAddressChangeDeletes == 2u);
    std::vector<double> deletedAt;
    for (const WifiRoamingSaEvent& e : r.saEvents)
    {
        if (!e.installed)
        {
            BOOST_TEST(e.reason == "address-change");
            deletedAt.push_back(e.t);
        }
    }
    BOOST_REQUIRE_EQUAL(deletedAt.size(), 4u);
    BOOST_TEST(deletedAt[0] == r.handoffs[0].detected);
    BOOST_TEST(deletedAt[1] == r.handoffs[0].detected);
    BOOST_TEST(deletedAt[2] == r.handoffs[1].detected);
    BOOST_TEST(deletedAt[3] == r.handoffs[1].detected);
    // The next packet renegotiates from the new address: a main mode and a quick mode per
    // handoff, after the lease, and the flow is back after the quick mode.
    BOOST_TEST(r.mainModes == 3u);
    BOOST_TEST(r.quickModes == 3u);
    for (const IpsecHandoff& h : r.handoffs)
    {
        BOOST_REQUIRE(h.address && h.mainModeDone && h.quickModeDone && h.firstDelivery);
        BOOST_TEST(*h.assoc < *h.address);
        BOOST_TEST(*h.address < *h.mainModeDone);
        BOOST_TEST(*h.mainModeDone < *h.quickModeDone);
        BOOST_TEST(*h.quickModeDone <= *h.firstDelivery);
    }
}

BOOST_AUTO_TEST_CASE(dynamic_filter_addresses_follow_each_lease)
{
    SimulatorFixture fixture;
    WifiRoamingConfig config; // per-AP subnets, win2003: dns/wins/dhcp/gateway permit filters
    WifiRoamingResult r = RunScenario(config);
    BOOST_REQUIRE_EQUAL(r.leaseTimes.size(), 3u);
    // Every lease re-resolves the four kinds to the new subnet's servers, in the lease's
    // instant, and nothing else changes them.
    BOOST_REQUIRE_EQUAL(r.dynamicAddressEvents.size(), 12u);
    for (uint32_t lease = 0; lease < 3; ++lease)
    {
        auto at = [lease](uint8_t host) {
            return std::vector<Ipv4Address>{Ipv4Address((10u << 24) | ((lease + 1) << 8) | host)};
        };
        std::vector<std::pair<std::string, std::vector<Ipv4Address>>> expected{
            {"dhcp", at(1)}, {"gateway", at(1)}, {"dns", at(53)}, {"wins", at(54)}};
        for (uint32_t k = 0; k < 4; ++k)
        {
            const WifiRoamingAddressEvent& e = r.dynamicAddressEvents[lease * 4 + k];
            BOOST_TEST(e.t == r.leaseTimes[lease]);
            BOOST_TEST(e.kind == expected[k].first);
            BOOST_TEST(e.addresses == expected[k].second, boost::test_tools::per_element());
        }
    }
    // Windows XP has no dynamic addresses: no such filters, nothing re-resolved.
    config.osProfile = "winxp";
    WifiRoamingResult xp = RunScenario(config);
    BOOST_TEST(xp.dynamicAddressEvents.empty());
    BOOST_TEST(xp.leases == 3u);
}

BOOST_AUTO_TEST_CASE(fallback_allowed_still_renegotiates_after_each_lease)
{
    SimulatorFixture fixture;
    WifiRoamingConfig config;
    config.fallback = true;
    config.osProfile = "win2003sp2";
    WifiRoamingResult r = RunScenario(config);
    BOOST_REQUIRE_EQUAL(r.handoffs.size(), 2u);
    BOOST_TEST(r.mainModesStarted == 3u);
    BOOST_TEST(r.mainModes == 3u);
    BOOST_TEST(r.quickModes == 3u);
    BOOST_TEST(r.ikeFailures.empty());
    for (const IpsecHandoff& h : r.handoffs)
    {
        BOOST_TEST(h.quickModeDone.has_value());
        BOOST_TEST(h.firstDelivery.has_value());
    }
}

BOOST_AUTO_TEST_CASE(no_negotiation_from_the_address_dhcp_uses_before_a_lease)
{
    SimulatorFixture fixture;
    // A holds 0.0.0.0/0 as ns-3's DhcpClient gives it while waiting for a lease; packets from
    // it to B (which would go out through the connected route 0.0.0.0/0) must not start IKE,
    // even with fallback allowed (a soft SA would outlive the lease). Once A has an address the
    // next packet negotiates.
    NodeContainer nodes;
    nodes.Create(2);
    Ptr<Node> a = nodes.Get(0);
    Ptr<Node> b = nodes.Get(1);
    NetDeviceContainer devices = PointToPointHelper().Install(nodes);
    IpsecHelper ipsec;
    ipsec.SetIkeAttribute("PreSharedKey", StringValue("secret"));
    ipsec.Install(nodes);
    IpsecHelper::SetOsProfile(nodes, "win2003sp2"); // the quickest fallback (0.5 s)
    Ptr<Ipv4> ipA = a->GetObject<Ipv4>();
    uint32_t ifA = ipA->AddInterface(devices.Get(0));
    ipA->AddAddress(ifA, Ipv4InterfaceAddress("0.0.0.0", Ipv4Mask("/0")));
    ipA->SetUp(ifA);
    Ptr<Ipv4> ipB = b->GetObject<Ipv4>();
    uint32_t ifB = ipB->AddInterface(devices.Get(1));
    ipB->AddAddress(ifB, Ipv4InterfaceAddress("10.1.1.2", "/24"));
    ipB->SetUp(ifB);
    IpsecHelper::AddFilter(a, "srcaddr=any dstaddr=10.1.1.2 action=negotiate fallback=yes");
    IpsecHelper::AddFilter(b, "srcaddr=me dstaddr=any action=negotiate");
    auto drops = RecordDrops(a);
    uint32_t started = 0;
    IpsecHelper::GetIke(a)->TraceConnectWithoutContext(
        "MainModeStarted",
        Callback<void, Ipv4Address, const std::string&>(
            [&started](Ipv4Address, const std::string&) { ++started; }));
    auto atB = InstallUdpCounter(b, 9);
    ScheduleUdp(a, "10.1.1.2", 9, 5); // 1.0 - 1.4 s from 0.0.0.0
    Simulator::Schedule(Seconds(3), [ipA, ifA]() {
        ipA->RemoveAddress(ifA, Ipv4Address("0.0.0.0"));
        ipA->AddAddress(ifA, Ipv4InterfaceAddress("10.1.1.1", "/24"));
    });
    ScheduleUdp(a, "10.1.1.2", 9, 5, Seconds(4));
    Simulator::Stop(Seconds(8));
    Simulator::Run();

    BOOST_REQUIRE_EQUAL(drops->size(), 5u);
    for (const DropRecord& d : *drops)
    {
        BOOST_TEST(d.selector.source == Ipv4Address::GetAny());
        BOOST_TEST(d.reason == IpsecDropReason::NO_SA);
    }
    BOOST_TEST(started == 1u);
    BOOST_TEST(IpsecHelper::GetIke(a)->GetCounters().mainModeSucceeded == 1u);
    BOOST_TEST(atB->received == 5u); // the five sent from 10.1.1.1, protected
}

BOOST_AUTO_TEST_CASE(outage_split_adds_up_on_a_two_ap_run)
{
    SimulatorFixture fixture;
    WifiRoamingConfig config;
    config.aps = 2;
    config.duration = 10;
    WifiRoamingResult r = RunScenario(config);
    BOOST_REQUIRE_EQUAL(r.handoffs.size(), 1u);
    const IpsecHandoff& h = r.handoffs[0];
    BOOST_REQUIRE(h.Outage().has_value());
    BOOST_TEST(std::abs(*h.Layer2() + *h.Dhcp() + *h.Ike() + *h.Kerberos() - *h.Outage()) < 1e-9);
    BOOST_TEST(*h.Layer2() > 0.0);
    BOOST_TEST(*h.Dhcp() > 0.0);
    BOOST_TEST(*h.Ike() > 0.0);
    // The MAC declares the loss MaxMissedBeacons (10) beacon intervals after the last beacon.
    BOOST_TEST(std::abs(h.detected - h.linkLost - 1.024) < 1e-6);
    // The same seed gives the same handoff.
    WifiRoamingResult again = RunScenario(config);
    BOOST_REQUIRE_EQUAL(again.handoffs.size(), 1u);
    BOOST_TEST(*again.handoffs[0].firstDelivery == *h.firstDelivery);
    BOOST_TEST(*again.handoffs[0].lostPackets == *h.lostPackets);
}

BOOST_AUTO_TEST_SUITE_END()
