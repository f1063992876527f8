/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// Default exemptions (NoDefaultExempt 0-3), OS profiles, and Windows Server 2003's rules for
// multicast and broadcast, on simulated LANs through the public API, with exact counts.

#include "ipsec-test-topology.h"
#include "ipsec-test-traffic.h"

#include "ns3/applications-module.h"
#include "ns3/csma-module.h"
#include "ns3/point-to-point-module.h"

#include <boost/test/unit_test.hpp>

#include <map>
#include <set>

using namespace ns3;
using namespace ns3::test;

namespace
{

/**
 * A CSMA LAN 10.1.1.0/24: H (10.1.1.1) runs IPsec, P (.2) and the domain controller DC (.3)
 * are plain ns-3 nodes.
 */
struct Lan : IpsecTestLan
{
    Ptr<Node> h{nodes.Get(0)};
    Ptr<Node> p{nodes.Get(1)};
    Ptr<Node> dc{nodes.Get(2)};
    const Ipv4Address hAddr{"10.1.1.1"};
    const Ipv4Address pAddr{"10.1.1.2"};
    const Ipv4Address dcAddr{"10.1.1.3"};

    Lan()
        : IpsecTestLan(3, MicroSeconds(10))
    {
    }
};

/** The traffic kinds of the exemption table, as the test sees them. */
enum class Traffic
{
    UNICAST,
    RSVP,
    KERBEROS,
    IKE,
    MULTICAST,
    SUBNET_BROADCAST,
    LIMITED_BROADCAST,
};

const std::vector<Traffic> ALL_TRAFFIC = {Traffic::UNICAST,
                                          Traffic::RSVP,
                                          Traffic::KERBEROS,
                                          Traffic::IKE,
                                          Traffic::MULTICAST,
                                          Traffic::SUBNET_BROADCAST,
                                          Traffic::LIMITED_BROADCAST};

bool
IsGroup(Traffic t)
{
    return t == Traffic::MULTICAST || t == Traffic::SUBNET_BROADCAST ||
           t == Traffic::LIMITED_BROADCAST;
}

/**
 * The table of cc756041, written out here (not taken from the library): which traffic each
 * NoDefaultExempt value exempts.
 */
bool
ExpectExempt(int mode, Traffic t)
{
    static const std::map<int, std::set<Traffic>> table = {
        {0,
         {Traffic::RSVP,
          Traffic::KERBEROS,
          Traffic::IKE,
          Traffic::MULTICAST,
          Traffic::SUBNET_BROADCAST,
          Traffic::LIMITED_BROADCAST}},
        {1,
         {Traffic::IKE,
          Traffic::MULTICAST,
          Traffic::SUBNET_BROADCAST,
          Traffic::LIMITED_BROADCAST}},
        {2, {Traffic::RSVP, Traffic::KERBEROS, Traffic::IKE}},
        {3, {Traffic::IKE}},
    };
    return table.at(mode).count(t) != 0;
}

IpsecExemptionKind
KindOf(Traffic t)
{
    switch (t)
    {
    case Traffic::RSVP:
        return IpsecExemptionKind::RSVP;
    case Traffic::KERBEROS:
        return IpsecExemptionKind::KERBEROS;
    case Traffic::IKE:
        return IpsecExemptionKind::IKE;
    case Traffic::MULTICAST:
        return IpsecExemptionKind::MULTICAST;
    default:
        return IpsecExemptionKind::BROADCAST;
    }
}

/** Received counts of one run of the mix, per traffic kind and direction (relative to H). */
struct MixResult
{
    std::map<Traffic, uint32_t> out; //!< received by the peer
    std::map<Traffic, uint32_t> in;  //!< received by H
};

constexpr uint32_t N = 3; // packets per flow and direction

/**
 * Run every traffic kind of the table both ways between H (policy: My IP <-> Any, negotiate)
 * and its peers. Flows start 20 ms apart (ARP holds three packets while it resolves).
 */
MixResult
RunMix(Lan& lan)
{
    Ptr<NetDevice> hDev = lan.devices.Get(0);
    Ptr<NetDevice> pDev = lan.devices.Get(1);
    auto hUnicast = InstallUdpCounter(lan.h, 9);
    auto pUnicast = InstallUdpCounter(lan.p, 9);
    auto hRsvp = InstallRawCounter(lan.h, 46);
    auto pRsvp = InstallRawCounter(lan.p, 46);
    auto dcKerberos = InstallUdpEndpoint(lan.dc, 88);
    auto hKerberosClient = InstallUdpEndpoint(lan.h, 5088);
    auto hIke = InstallUdpEndpoint(lan.h, 500);
    auto pIke = InstallUdpEndpoint(lan.p, 500);
    auto hMulticast = InstallUdpEndpoint(lan.h, 7001, hDev);
    auto pMulticast = InstallUdpEndpoint(lan.p, 7000, pDev);
    auto hSubnet = InstallUdpCounter(lan.h, 7101);
    auto pSubnet = InstallUdpCounter(lan.p, 7100);
    auto hLimited = InstallUdpCounter(lan.h, 7201);
    auto pLimited = InstallUdpCounter(lan.p, 7200);

    Time t = Seconds(1);
    auto next = [&t]() {
        t += MilliSeconds(20);
        return t;
    };
    ScheduleUdp(lan.h, lan.pAddr, 9, N, next());
    ScheduleUdp(lan.p, lan.hAddr, 9, N, next());
    ScheduleRaw(lan.h, lan.pAddr, 46, N, next());
    ScheduleRaw(lan.p, lan.hAddr, 46, N, next());
    ScheduleUdp(lan.h, lan.dcAddr, 88, N, next());
    ScheduleFrom(dcKerberos, lan.hAddr, 5088, N, next());
    ScheduleFrom(hIke, lan.pAddr, 500, N, next());
    ScheduleFrom(pIke, lan.hAddr, 500, N, next());
    ScheduleFrom(hMulticast, "224.0.0.100", 7000, N, next());
    ScheduleFrom(pMulticast, "224.0.0.101", 7001, N, next());
    ScheduleUdp(lan.h, "10.1.1.255", 7100, N, next());
    ScheduleUdp(lan.p, "10.1.1.255", 7101, N, next());
    ScheduleUdp(lan.h, "255.255.255.255", 7200, N, next());
    ScheduleUdp(lan.p, "255.255.255.255", 7201, N, next());
    Simulator::Stop(Seconds(2));
    Simulator::Run();

    MixResult r;
    r.out = {{Traffic::UNICAST, pUnicast->received},
             {Traffic::RSVP, pRsvp->received},
             {Traffic::KERBEROS, dcKerberos->received},
             {Traffic::IKE, pIke->received},
             {Traffic::MULTICAST, pMulticast->received},
             {Traffic::SUBNET_BROADCAST, pSubnet->received},
             {Traffic::LIMITED_BROADCAST, pLimited->received}};
    r.in = {{Traffic::UNICAST, hUnicast->received},
            {Traffic::RSVP, hRsvp->received},
            {Traffic::KERBEROS, hKerberosClient->received},
            {Traffic::IKE, hIke->received},
            {Traffic::MULTICAST, hMulticast->received},
            {Traffic::SUBNET_BROADCAST, hSubnet->received},
            {Traffic::LIMITED_BROADCAST, hLimited->received}};
    return r;
}

const char* REQUIRE_SECURITY = "srcaddr=me dstaddr=any action=negotiate description=require";

} // namespace

BOOST_FIXTURE_TEST_SUITE(ipsec_exemption, SimulatorFixture)

// Every row of the table under every value: what is delivered, what each counter and drop
// reason says, and what the Exempt trace reports.
BOOST_AUTO_TEST_CASE(exemption_table_every_value)
{
    for (int mode = 0; mode <= 3; ++mode)
    {
        BOOST_TEST_CONTEXT("NoDefaultExempt " << mode)
        {
            Lan lan;
            uint32_t filter = lan.Driver()->AddFilter(REQUIRE_SECURITY);
            IpsecHelper::SetDefaultExemptions(lan.h, mode);
            auto drops = RecordDrops(lan.h);
            auto exempts = RecordExempts(lan.h);
            MixResult r = RunMix(lan);

            std::map<IpsecDropReason, uint64_t> reasons;
            std::map<IpsecExemptionKind, uint64_t> kinds;
            uint64_t exemptOut = 0;
            uint64_t exemptIn = 0;
            for (Traffic t : ALL_TRAFFIC)
            {
                bool exempt = ExpectExempt(mode, t);
                BOOST_TEST_CONTEXT("traffic " << int(t))
                {
                    BOOST_TEST(r.out.at(t) == (exempt ? N : 0u));
                    BOOST_TEST(r.in.at(t) == (exempt ? N : 0u));
                }
                if (exempt)
                {
                    kinds[KindOf(t)] += 2 * N;
                    exemptOut += N;
                    exemptIn += N;
                    continue;
                }
                // Groups never reach key management; unicast outbound waits for an SA that
                // does not exist; unicast inbound arrived in the clear.
                reasons[IsGroup(t) ? IpsecDropReason::MULTICAST_NEGOTIATE
                                   : IpsecDropReason::NO_SA] += N;
                reasons[IsGroup(t) ? IpsecDropReason::MULTICAST_NEGOTIATE
                                   : IpsecDropReason::UNPROTECTED] += N;
            }
            const IpsecDriverCounters& c = lan.Counters();
            BOOST_TEST(c.Exempt(IpsecDirection::OUTBOUND) == exemptOut);
            BOOST_TEST(c.Exempt(IpsecDirection::INBOUND) == exemptIn);
            BOOST_TEST(c.Exempt(IpsecDirection::FORWARD) == 0u);
            for (size_t k = 0; k < IPSEC_EXEMPTION_KIND_COUNT; ++k)
            {
                auto kind = static_cast<IpsecExemptionKind>(k);
                BOOST_TEST(c.Exempt(kind) == kinds[kind], "kind " << kind);
            }
            for (size_t d = 0; d < IPSEC_DROP_REASON_COUNT; ++d)
            {
                auto reason = static_cast<IpsecDropReason>(d);
                BOOST_TEST(c.Dropped(reason) == reasons[reason], "reason " << reason);
            }
            BOOST_TEST(c.Permitted(IpsecDirection::OUTBOUND) == 0u);
            BOOST_TEST(c.Permitted(IpsecDirection::INBOUND) == 0u);
            BOOST_TEST(drops->size() == c.dropped[0] + c.dropped[1]);
            for (const auto& d : *drops)
            {
                BOOST_TEST(d.filterId == filter);
            }
            BOOST_TEST(exempts->size() == exemptOut + exemptIn);
            for (const auto& e : *exempts)
            {
                BOOST_TEST(IpsecExemptionModeCovers(mode, e.kind));
            }
            Simulator::Destroy();
        }
    }
}

// The classifier alone: port 88 at either end over UDP or TCP, port 500 over UDP only, RSVP by
// protocol; the first covered kind wins.
BOOST_AUTO_TEST_CASE(classifier_kinds_and_order)
{
    auto sel = [](uint8_t proto, uint16_t sport, uint16_t dport, const char* dst = "10.0.0.2") {
        IpsecPacketSelector s;
        s.source = "10.0.0.1";
        s.destination = dst;
        s.protocol = proto;
        s.sourcePort = sport;
        s.destinationPort = dport;
        return s;
    };
    auto kind = [](int mode, const IpsecPacketSelector& s, IpsecDestinationKind d) {
        auto k = IpsecClassifyExemption(mode, s, d);
        return k ? IpsecExemptionKindToString(*k) : std::string("none");
    };
    const auto U = IpsecDestinationKind::UNICAST;
    const auto M = IpsecDestinationKind::MULTICAST;
    const auto B = IpsecDestinationKind::BROADCAST;
    BOOST_TEST(kind(3, sel(17, 500, 500), U) == "ike");
    BOOST_TEST(kind(3, sel(17, 500, 4500), U) == "ike");
    BOOST_TEST(kind(3, sel(17, 1234, 500), U) == "ike");
    BOOST_TEST(kind(3, sel(6, 500, 500), U) == "none"); // IKE is UDP
    BOOST_TEST(kind(0, sel(6, 40000, 88), U) == "kerberos");
    BOOST_TEST(kind(0, sel(6, 88, 40000), U) == "kerberos");
    BOOST_TEST(kind(2, sel(17, 88, 9), U) == "kerberos");
    BOOST_TEST(kind(1, sel(17, 88, 9), U) == "none");
    BOOST_TEST(kind(3, sel(17, 88, 9), U) == "none");
    BOOST_TEST(kind(0, sel(1, 0, 0), U) == "none"); // ICMP is never exempt
    BOOST_TEST(kind(2, sel(46, 0, 0), U) == "rsvp");
    BOOST_TEST(kind(1, sel(46, 0, 0), U) == "none");
    BOOST_TEST(kind(0, sel(17, 88, 9, "224.0.0.5"), M) == "kerberos");
    BOOST_TEST(kind(1, sel(17, 88, 9, "224.0.0.5"), M) == "multicast");
    BOOST_TEST(kind(1, sel(1, 0, 0, "255.255.255.255"), B) == "broadcast");
    BOOST_TEST(kind(2, sel(1, 0, 0, "255.255.255.255"), B) == "none");
    BOOST_TEST(kind(3, sel(17, 500, 500, "224.0.0.5"), M) == "ike");
    BOOST_TEST(IpsecIsMulticast("224.0.0.0"));
    BOOST_TEST(IpsecIsMulticast("239.255.255.255"));
    BOOST_TEST(!IpsecIsMulticast("240.0.0.1"));
    BOOST_TEST(!IpsecIsMulticast("223.255.255.255"));
}

// KB 811832: under values 0 and 2 anyone who sends from source port 88 passes every filter,
// TCP included (the answers go to port 88, exempt too).
BOOST_AUTO_TEST_CASE(kerberos_source_port_88_hole)
{
    for (int mode : {0, 1, 2, 3})
    {
        BOOST_TEST_CONTEXT("NoDefaultExempt " << mode)
        {
            Lan lan;
            lan.Driver()->AddFilter("srcaddr=any dstaddr=me action=block description=firewall");
            IpsecHelper::SetDefaultExemptions(lan.h, mode);
            auto rdp = InstallUdpCounter(lan.h, 3389);
            auto fromPort88 = InstallUdpEndpoint(lan.p, 88);
            ScheduleFrom(fromPort88, lan.hAddr, 3389, 4, Seconds(1));
            ScheduleUdp(lan.p, lan.hAddr, 3389, 2, Seconds(1.02), 100, nullptr, 1088);
            PacketSinkHelper sink("ns3::TcpSocketFactory",
                                  InetSocketAddress(Ipv4Address::GetAny(), 80));
            Ptr<PacketSink> web = DynamicCast<PacketSink>(sink.Install(lan.h).Get(0));
            BulkSendHelper bulk("ns3::TcpSocketFactory", InetSocketAddress(lan.hAddr, 80));
            bulk.SetAttribute("MaxBytes", UintegerValue(20000));
            bulk.SetAttribute("Local", AddressValue(InetSocketAddress(Ipv4Address::GetAny(), 88)));
            bulk.Install(lan.p).Start(Seconds(1.5));
            Simulator::Stop(Seconds(3));
            Simulator::Run();
            bool hole = mode == 0 || mode == 2;
            BOOST_TEST(rdp->received == (hole ? 4u : 0u));
            BOOST_TEST(web->GetTotalRx() == (hole ? 20000u : 0u));
            const IpsecDriverCounters& c = lan.Counters();
            if (hole)
            {
                // Only the two datagrams from port 1088 meet the firewall.
                BOOST_TEST(c.Dropped(IpsecDropReason::FILTER_BLOCK) == 2u);
                BOOST_TEST(c.Exempt(IpsecExemptionKind::KERBEROS) ==
                           c.Exempt(IpsecDirection::INBOUND) +
                               c.Exempt(IpsecDirection::OUTBOUND));
                BOOST_TEST(c.Exempt(IpsecDirection::INBOUND) > 4u + 10u);
            }
            else
            {
                // 4 + 2 datagrams, and the SYN (retransmitted at 4.5 s: after the stop).
                BOOST_TEST(c.Dropped(IpsecDropReason::FILTER_BLOCK) == 7u);
                BOOST_TEST(c.Exempt(IpsecExemptionKind::KERBEROS) == 0u);
            }
            Simulator::Destroy();
        }
    }
}

// Kerberos to the domain controller, UDP and TCP: exempt under 0 and 2 only.
BOOST_AUTO_TEST_CASE(kerberos_to_domain_controller)
{
    for (int mode : {0, 1, 2, 3})
    {
        BOOST_TEST_CONTEXT("NoDefaultExempt " << mode)
        {
            Lan lan;
            lan.Driver()->AddFilter(REQUIRE_SECURITY);
            IpsecHelper::SetDefaultExemptions(lan.h, mode);
            PacketSinkHelper kdc("ns3::TcpSocketFactory",
                                 InetSocketAddress(Ipv4Address::GetAny(), 88));
            Ptr<PacketSink> sink = DynamicCast<PacketSink>(kdc.Install(lan.dc).Get(0));
            BulkSendHelper client("ns3::TcpSocketFactory", InetSocketAddress(lan.dcAddr, 88));
            client.SetAttribute("MaxBytes", UintegerValue(5000));
            client.Install(lan.h).Start(Seconds(1));
            Simulator::Stop(Seconds(3));
            Simulator::Run();
            bool exempt = mode == 0 || mode == 2;
            BOOST_TEST(sink->GetTotalRx() == (exempt ? 5000u : 0u));
            BOOST_TEST(lan.Counters().Dropped(IpsecDropReason::NO_SA) == (exempt ? 0u : 1u));
            Simulator::Destroy();
        }
    }
}

// Exemptions act on forwarded packets too, before the router's policy.
BOOST_AUTO_TEST_CASE(forwarded_ike_is_exempt)
{
    IpsecTestRouterLine line;
    NodeContainer& nodes = line.nodes;
    Ptr<IpsecDriver> router = IpsecHelper::GetDriver(nodes.Get(1));
    router->AddFilter("srcaddr=any dstaddr=any action=block");
    auto ike = InstallUdpEndpoint(nodes.Get(2), 500);
    auto other = InstallUdpCounter(nodes.Get(2), 9);
    auto sender = InstallUdpEndpoint(nodes.Get(0), 500);
    ScheduleFrom(sender, "10.1.2.2", 500, 5, Seconds(1));
    ScheduleUdp(nodes.Get(0), "10.1.2.2", 9, 3, Seconds(1.05));
    Simulator::Stop(Seconds(2));
    Simulator::Run();
    BOOST_TEST(ike->received == 5u);
    BOOST_TEST(other->received == 0u);
    const IpsecDriverCounters& c = router->GetCounters();
    BOOST_TEST(c.Exempt(IpsecDirection::FORWARD) == 5u);
    BOOST_TEST(c.Exempt(IpsecExemptionKind::IKE) == 5u);
    BOOST_TEST(c.Dropped(IpsecDropReason::FILTER_BLOCK) == 3u);
}

// The profile gives the default, an override replaces it, -1 returns to the profile; the
// other per-profile settings.
BOOST_AUTO_TEST_CASE(profile_defaults_and_override)
{
    struct Expect
    {
        IpsecOsProfile profile;
        const char* name;
        int exemptions;
        int64_t fallbackMs;
        bool mismatch, dh2048, aes, dynamic, boot;
        IpsecBootMode bootMode;
    };
    const std::vector<Expect> expected = {
        {IpsecOsProfile::WIN2000, "win2000", 0, 3000, false, false, false, false, false,
         IpsecBootMode::PERMIT},
        {IpsecOsProfile::WINXP, "winxp", 0, 3000, false, false, false, false, false,
         IpsecBootMode::PERMIT},
        {IpsecOsProfile::WIN2003, "win2003", 3, 3000, false, true, true, true, true,
         IpsecBootMode::STATEFUL},
        {IpsecOsProfile::WIN2003_SP2, "win2003sp2", 3, 500, true, true, true, true, true,
         IpsecBootMode::STATEFUL},
    };
    Ptr<Node> node = CreateObject<Node>();
    InstallWithoutIke(node);
    Ptr<IpsecDriver> driver = IpsecHelper::GetDriver(node);
    BOOST_TEST((driver->GetOsProfile() == IpsecOsProfile::WIN2003)); // the module's default
    for (const auto& e : expected)
    {
        BOOST_TEST_CONTEXT(e.name)
        {
            BOOST_TEST(IpsecOsProfileToString(e.profile) == e.name);
            BOOST_TEST((IpsecParseOsProfile(e.name) == e.profile));
            IpsecOsProfileDefaults d = IpsecGetOsProfileDefaults(e.profile);
            BOOST_TEST(d.defaultExemptions == e.exemptions);
            BOOST_TEST(d.fallbackDelay.GetMilliSeconds() == e.fallbackMs);
            BOOST_TEST(d.fallbackAfterMismatch == e.mismatch);
            BOOST_TEST(d.dh2048Allowed == e.dh2048);
            BOOST_TEST(d.aesAllowedInIke == e.aes);
            BOOST_TEST(d.dynamicAddressesAllowed == e.dynamic);
            BOOST_TEST(d.bootFiltering == e.boot);
            BOOST_TEST((d.bootMode == e.bootMode));

            // Through the attribute, by name, as a script would.
            driver->SetAttribute("OsProfile", StringValue(e.name));
            BOOST_TEST((driver->GetOsProfile() == e.profile));
            BOOST_TEST(driver->GetDefaultExemptions() == e.exemptions);
            BOOST_TEST(driver->GetFallbackDelay().GetMilliSeconds() == e.fallbackMs);
            BOOST_TEST(driver->IsFallbackAfterMismatchAllowed() == e.mismatch);
            BOOST_TEST(driver->IsDh2048Allowed() == e.dh2048);
            BOOST_TEST(driver->IsAesAllowedInIke() == e.aes);
            BOOST_TEST(driver->AreDynamicAddressesAllowed() == e.dynamic);
            BOOST_TEST((driver->GetBootMode() == e.bootMode));
            for (int mode = 0; mode <= 3; ++mode)
            {
                driver->SetDefaultExemptions(mode);
                BOOST_TEST(driver->GetDefaultExemptions() == mode);
            }
            driver->SetAttribute("DefaultExemptions", IntegerValue(1));
            BOOST_TEST(driver->GetDefaultExemptions() == 1);
            driver->SetDefaultExemptions(-1);
            BOOST_TEST(driver->GetDefaultExemptions() == e.exemptions);
            driver->SetAttribute("FallbackDelay", TimeValue(Seconds(7)));
            BOOST_TEST(driver->GetFallbackDelay() == Seconds(7));
            driver->SetAttribute("FallbackDelay", TimeValue(Seconds(-1)));
            BOOST_TEST(driver->GetFallbackDelay().GetMilliSeconds() == e.fallbackMs);
            driver->SetBootMode(IpsecBootMode::BLOCK);
            BOOST_TEST((driver->GetBootMode() == IpsecBootMode::BLOCK));
            driver->ClearBootModeOverride();
            BOOST_TEST((driver->GetBootMode() == e.bootMode));
        }
    }
    // Bad input: errors name the field, and leave the node as it was.
    driver->SetDefaultExemptions(2);
    for (int bad : {-2, 4, 100})
    {
        try
        {
            driver->SetDefaultExemptions(bad);
            BOOST_ERROR("accepted " << bad);
        }
        catch (const IpsecConfigError& e)
        {
            BOOST_TEST(e.GetField() == "DefaultExemptions");
            BOOST_TEST(std::string(e.what()) ==
                       "DefaultExemptions: " + std::to_string(bad) +
                           " is not a NoDefaultExempt value (0, 1, 2 or 3)");
        }
        BOOST_CHECK_THROW(IpsecHelper::SetDefaultExemptions(node, bad), IpsecConfigError);
    }
    BOOST_TEST(driver->GetDefaultExemptions() == 2);
    // Names are read in any case ("Win2000" is win2000, see ipsec-text-test.cc); blanks and
    // unknown names are refused.
    for (const char* bad : {"", "Win2003sp1", "win2003sp1", "xp", "win2003 "})
    {
        try
        {
            IpsecHelper::SetOsProfile(node, bad);
            BOOST_ERROR("accepted '" << bad << "'");
        }
        catch (const IpsecConfigError& e)
        {
            BOOST_TEST(e.GetField() == "profile");
            BOOST_TEST(std::string(e.what()) ==
                       std::string("profile: '") + bad +
                           "' is not an OS profile (win2000, winxp, win2003, win2003sp2)");
        }
    }
    BOOST_TEST((driver->GetOsProfile() == IpsecOsProfile::WIN2003_SP2)); // unchanged
}

// The same traffic under each profile's own default: Windows 2000/XP exempt multicast and
// broadcast, Server 2003 drops them under a negotiate policy.
BOOST_AUTO_TEST_CASE(profile_default_decides_the_traffic)
{
    for (IpsecOsProfile profile : {IpsecOsProfile::WIN2000,
                                   IpsecOsProfile::WINXP,
                                   IpsecOsProfile::WIN2003,
                                   IpsecOsProfile::WIN2003_SP2})
    {
        BOOST_TEST_CONTEXT(profile)
        {
            Lan lan;
            lan.Driver()->AddFilter(REQUIRE_SECURITY);
            IpsecHelper::SetOsProfile(lan.h, profile);
            MixResult r = RunMix(lan);
            int mode = IpsecGetOsProfileDefaults(profile).defaultExemptions;
            for (Traffic t : ALL_TRAFFIC)
            {
                BOOST_TEST(r.out.at(t) == (ExpectExempt(mode, t) ? N : 0u), "out " << int(t));
                BOOST_TEST(r.in.at(t) == (ExpectExempt(mode, t) ? N : 0u), "in " << int(t));
            }
            Simulator::Destroy();
        }
    }
}

// A changed value applies to the very next packet (Windows would need a service restart).
BOOST_AUTO_TEST_CASE(changed_value_applies_at_once)
{
    Lan lan;
    lan.Driver()->AddFilter(REQUIRE_SECURITY);
    auto atP = InstallUdpEndpoint(lan.p, 7000, lan.devices.Get(1));
    auto fromH = InstallUdpEndpoint(lan.h, 7001, lan.devices.Get(0));
    ScheduleFrom(fromH, "224.0.0.100", 7000, 10, Seconds(1)); // 1.0 ... 1.9 s
    Simulator::Schedule(Seconds(1.45), [&lan]() { lan.Driver()->SetDefaultExemptions(1); });
    Simulator::Schedule(Seconds(1.75), [&lan]() {
        lan.Driver()->SetAttribute("DefaultExemptions", IntegerValue(-1));
    });
    Simulator::Stop(Seconds(2.5));
    Simulator::Run();
    BOOST_TEST(atP->received == 3u); // 1.5, 1.6, 1.7 s
    BOOST_TEST(lan.Counters().Exempt(IpsecExemptionKind::MULTICAST) == 3u);
    BOOST_TEST(lan.Counters().Dropped(IpsecDropReason::MULTICAST_NEGOTIATE) == 7u);
}

// Server 2003 rules for multicast and broadcast that no exemption covers.
BOOST_AUTO_TEST_CASE(source_any_matches_group_traffic)
{
    Lan lan;
    // Inbound only: a filter from Any to me blocks broadcast and multicast arriving, and a more
    // specific permit from P (source not Any) does not match them.
    uint32_t block =
        lan.Driver()->AddFilter("srcaddr=any dstaddr=me protocol=udp mirrored=no action=block");
    lan.Driver()->AddFilter("srcaddr=10.1.1.2 dstaddr=me protocol=udp mirrored=no action=permit");
    auto drops = RecordDrops(lan.h);
    auto unicast = InstallUdpCounter(lan.h, 9);
    auto subnet = InstallUdpCounter(lan.h, 7101);
    auto limited = InstallUdpCounter(lan.h, 7201);
    auto multicast = InstallUdpEndpoint(lan.h, 7001, lan.devices.Get(0));
    auto pMulticast = InstallUdpEndpoint(lan.p, 7000, lan.devices.Get(1));
    ScheduleUdp(lan.p, lan.hAddr, 9, 2, Seconds(1));
    ScheduleUdp(lan.p, "10.1.1.255", 7101, 3, Seconds(1.02));
    ScheduleUdp(lan.p, "255.255.255.255", 7201, 4, Seconds(1.04));
    ScheduleFrom(pMulticast, "224.0.0.101", 7001, 5, Seconds(1.06));
    // Outbound group traffic does not match a filter towards me.
    auto pSubnet = InstallUdpCounter(lan.p, 7100);
    ScheduleUdp(lan.h, "10.1.1.255", 7100, 2, Seconds(1.08));
    Simulator::Stop(Seconds(2));
    Simulator::Run();
    BOOST_TEST(unicast->received == 2u); // the permit from P wins for unicast
    BOOST_TEST(subnet->received == 0u);
    BOOST_TEST(limited->received == 0u);
    BOOST_TEST(multicast->received == 0u);
    BOOST_TEST(pSubnet->received == 2u);
    BOOST_TEST(drops->size() == 12u);
    for (const auto& d : *drops)
    {
        BOOST_TEST(d.filterId == block);
        BOOST_TEST((d.reason == IpsecDropReason::FILTER_BLOCK));
    }
    BOOST_TEST(lan.Driver()->GetSpd().Find(block)->matches == 12u);
}

BOOST_AUTO_TEST_CASE(source_not_any_does_not_match_group_traffic)
{
    Lan lan;
    lan.Driver()->AddFilter("srcaddr=10.1.1.2 dstaddr=me action=block");
    lan.Driver()->AddFilter("srcaddr=10.1.1.0/24 dstaddr=me action=block");
    auto unicast = InstallUdpCounter(lan.h, 9);
    auto subnet = InstallUdpCounter(lan.h, 7101);
    auto multicast = InstallUdpEndpoint(lan.h, 7001, lan.devices.Get(0));
    auto pMulticast = InstallUdpEndpoint(lan.p, 7000, lan.devices.Get(1));
    ScheduleUdp(lan.p, lan.hAddr, 9, 2, Seconds(1));
    ScheduleUdp(lan.p, "10.1.1.255", 7101, 3, Seconds(1.02));
    ScheduleFrom(pMulticast, "224.0.0.101", 7001, 4, Seconds(1.04));
    Simulator::Stop(Seconds(2));
    Simulator::Run();
    BOOST_TEST(unicast->received == 0u);
    BOOST_TEST(subnet->received == 3u);
    BOOST_TEST(multicast->received == 4u);
    BOOST_TEST(lan.Counters().Permitted(IpsecDirection::INBOUND) == 7u);
}

BOOST_AUTO_TEST_CASE(any_any_matches_multicast_both_ways)
{
    Lan lan;
    uint32_t id = lan.Driver()->AddFilter("srcaddr=any dstaddr=any protocol=udp action=block");
    auto hMulticast = InstallUdpEndpoint(lan.h, 7001, lan.devices.Get(0));
    auto pMulticast = InstallUdpEndpoint(lan.p, 7000, lan.devices.Get(1));
    ScheduleFrom(hMulticast, "224.0.0.100", 7000, 3, Seconds(1));
    ScheduleFrom(pMulticast, "224.0.0.101", 7001, 4, Seconds(1.02));
    Simulator::Stop(Seconds(2));
    Simulator::Run();
    BOOST_TEST(hMulticast->received == 0u);
    BOOST_TEST(pMulticast->received == 0u);
    BOOST_TEST(lan.Counters().dropped[size_t(IpsecDirection::OUTBOUND)] == 3u);
    BOOST_TEST(lan.Counters().dropped[size_t(IpsecDirection::INBOUND)] == 4u);
    BOOST_TEST(lan.Driver()->GetSpd().Find(id)->matches == 7u);
}

// A negotiate filter never sends a group to key management: the drop reason says so, also for
// a filter naming the group itself.
BOOST_AUTO_TEST_CASE(negotiate_drops_group_traffic_without_negotiating)
{
    Lan lan;
    uint32_t id = lan.Driver()->AddFilter("srcaddr=any dstaddr=224.0.0.100 action=negotiate");
    auto drops = RecordDrops(lan.h);
    auto pMulticast = InstallUdpEndpoint(lan.p, 7000, lan.devices.Get(1));
    auto hMulticast = InstallUdpEndpoint(lan.h, 7001, lan.devices.Get(0));
    ScheduleFrom(hMulticast, "224.0.0.100", 7000, 3, Seconds(1));
    ScheduleFrom(hMulticast, "224.0.0.102", 7000, 2, Seconds(1.02)); // no filter: passes
    ScheduleFrom(pMulticast, "224.0.0.100", 7001, 4, Seconds(1.04));
    Simulator::Stop(Seconds(2));
    Simulator::Run();
    BOOST_TEST(pMulticast->received == 2u);
    BOOST_TEST(hMulticast->received == 0u);
    BOOST_TEST(lan.Counters().Dropped(IpsecDropReason::MULTICAST_NEGOTIATE) == 7u);
    BOOST_TEST(lan.Counters().Dropped(IpsecDropReason::NO_SA) == 0u);
    BOOST_TEST(lan.Counters().Dropped(IpsecDropReason::UNPROTECTED) == 0u);
    for (const auto& d : *drops)
    {
        BOOST_TEST(d.filterId == id);
    }
}

// One-way filters for specific multicast or broadcast traffic are refused by the driver, for
// every action, mirrored or not; the Any-source form is accepted.
BOOST_AUTO_TEST_CASE(one_way_group_filters_rejected)
{
    Lan lan;
    for (const char* source : {"me", "10.1.1.2", "10.1.1.0/24"})
    {
        for (const char* group : {"224.0.0.100", "239.1.2.3", "255.255.255.255"})
        {
            for (const char* rest : {"action=block", "action=permit mirrored=no",
                                     "action=negotiate", "protocol=udp dstport=5 action=block"})
            {
                std::string text = std::string("srcaddr=") + source + " dstaddr=" + group + " " +
                                   rest;
                BOOST_TEST_CONTEXT(text)
                {
                    try
                    {
                        lan.Driver()->AddFilter(text);
                        BOOST_ERROR("accepted");
                    }
                    catch (const IpsecConfigError& e)
                    {
                        BOOST_TEST(e.GetField() == "srcaddr");
                        BOOST_TEST(std::string(e.what()).find("one-way multicast/broadcast") !=
                                   std::string::npos);
                    }
                }
            }
        }
    }
    BOOST_CHECK_THROW(lan.Driver()->AddFilter("srcaddr=224.0.0.100 dstaddr=any action=block"),
                      IpsecConfigError);
    BOOST_TEST(lan.Driver()->GetSpd().GetNFilters() == 0u);
    lan.Driver()->AddFilter("srcaddr=any dstaddr=224.0.0.100 action=block");
    lan.Driver()->AddFilter("srcaddr=any dstaddr=255.255.255.255 action=permit");
    BOOST_TEST(lan.Driver()->GetSpd().GetNFilters() == 2u);
}

// The SPD alone: which filters an arriving group packet matches, and in which order.
BOOST_AUTO_TEST_CASE(spd_lookup_group_order)
{
    IpsecSpd spd;
    spd.SetLocalAddresses({"10.1.1.1", "10.2.2.1"});
    uint32_t fromHost = spd.Add(IpsecFilter::Parse("srcaddr=10.1.1.2 dstaddr=me action=block"));
    uint32_t anyToMe = spd.Add(
        IpsecFilter::Parse("srcaddr=any dstaddr=me protocol=udp mirrored=no action=negotiate"));
    uint32_t anyToSubnet =
        spd.Add(IpsecFilter::Parse("srcaddr=any dstaddr=10.2.2.0/24 action=block"));
    uint32_t group = spd.Add(IpsecFilter::Parse("srcaddr=any dstaddr=224.0.0.100 action=permit"));
    IpsecPacketSelector s;
    s.source = "10.1.1.2";
    s.destination = "224.0.0.100";
    s.protocol = 17;
    auto id = [](const IpsecSpdEntry* e) { return e ? e->id : 0u; };
    BOOST_TEST(id(spd.Lookup(s)) == group);
    // Any -> me (UDP) is heavier than the group filter; the host filter is heavier still but
    // its source is not Any.
    BOOST_TEST(id(spd.LookupGroup(s, {"10.1.1.1"})) == anyToMe);
    BOOST_TEST(id(spd.LookupGroup(s, {})) == group);
    s.protocol = 6;
    BOOST_TEST(id(spd.LookupGroup(s, {"10.1.1.1"})) == group);
    BOOST_TEST(id(spd.LookupGroup(s, {"10.2.2.1"})) == group); // /24 is lighter than /32
    s.destination = "224.0.0.99";
    BOOST_TEST(id(spd.LookupGroup(s, {"10.1.1.1"})) == 0u);
    BOOST_TEST(id(spd.LookupGroup(s, {"10.1.1.1", "10.2.2.1"})) == anyToSubnet);
    s.destination = "10.1.1.1";
    BOOST_TEST(id(spd.Lookup(s)) == fromHost); // unicast: the ordinary lookup

    // My IP <-> Any: the mirror (Any -> me) matches arriving group traffic; not mirrored, no.
    IpsecSpd mirrored;
    mirrored.SetLocalAddresses({"10.1.1.1"});
    uint32_t both = mirrored.Add(IpsecFilter::Parse("srcaddr=me dstaddr=any action=negotiate"));
    IpsecSpd oneWay;
    oneWay.SetLocalAddresses({"10.1.1.1"});
    oneWay.Add(IpsecFilter::Parse("srcaddr=me dstaddr=any mirrored=no action=negotiate"));
    s.destination = "10.1.1.255";
    BOOST_TEST(id(mirrored.LookupGroup(s, {"10.1.1.1"})) == both);
    BOOST_TEST(id(oneWay.LookupGroup(s, {"10.1.1.1"})) == 0u);
}

// The name table covers every reason, with distinct names.
BOOST_AUTO_TEST_CASE(drop_reason_names)
{
    std::set<std::string> names;
    for (size_t r = 0; r < IPSEC_DROP_REASON_COUNT; ++r)
    {
        std::string name = IpsecDropReasonToString(static_cast<IpsecDropReason>(r));
        BOOST_TEST(name != "?");
        names.insert(name);
    }
    BOOST_TEST(names.size() == IPSEC_DROP_REASON_COUNT);
    BOOST_TEST(IpsecDropReasonToString(IpsecDropReason::MULTICAST_NEGOTIATE) ==
               "multicast-negotiate");
    BOOST_TEST(IpsecDropReasonToString(IpsecDropReason::BOOT_BLOCK) == "boot-block");
    std::set<std::string> kinds;
    for (size_t k = 0; k < IPSEC_EXEMPTION_KIND_COUNT; ++k)
    {
        kinds.insert(IpsecExemptionKindToString(static_cast<IpsecExemptionKind>(k)));
    }
    BOOST_TEST(kinds == (std::set<std::string>{"ike", "kerberos", "rsvp", "multicast",
                                               "broadcast"}));
}

BOOST_AUTO_TEST_SUITE_END()
