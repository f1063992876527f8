/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// Which NoDefaultExempt values each Windows version knew, and what it does with the others:
// Windows 2000 and XP know 0 and 1 (an unknown value acts as 1, our documented choice), Server
// 2003 knows 0-3. Scenario tests on a simulated LAN with exact packet counts.

#include "ipsec-test-topology.h"
#include "ipsec-test-traffic.h"

#include "ns3/csma-module.h"

#include <boost/test/unit_test.hpp>

#include <array>
#include <map>

using namespace ns3;
using namespace ns3::test;

namespace
{

/** A CSMA LAN 10.1.1.0/24: H (.1) runs IPsec, P (.2) and the domain controller DC (.3) not. */
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

constexpr uint32_t N = 3; // packets per flow

const char* REQUIRE_SECURITY = "srcaddr=me dstaddr=any action=negotiate description=require";

const std::vector<IpsecOsProfile> PROFILES = {IpsecOsProfile::WIN2000,
                                              IpsecOsProfile::WINXP,
                                              IpsecOsProfile::WIN2003,
                                              IpsecOsProfile::WIN2003_SP2};

/**
 * The value each version acts on for each value set, written out here (not taken from the
 * library): Windows 2000 and XP know 0 and 1 and treat 2 and 3 as 1; Server 2003 knows all.
 */
const std::map<IpsecOsProfile, std::array<int, 4>> ACTS_AS = {
    {IpsecOsProfile::WIN2000, {0, 1, 1, 1}},
    {IpsecOsProfile::WINXP, {0, 1, 1, 1}},
    {IpsecOsProfile::WIN2003, {0, 1, 2, 3}},
    {IpsecOsProfile::WIN2003_SP2, {0, 1, 2, 3}},
};

/** Delivered counts of the four flows of one run. */
struct Delivered
{
    uint32_t kerberosOut{0}; //!< H -> DC UDP 88
    uint32_t rsvpOut{0};     //!< H -> P IP protocol 46
    uint32_t multicastOut{0}; //!< H -> 224.0.0.100
    uint32_t broadcastIn{0};  //!< P -> 10.1.1.255
};

/** What value \p acting exempts of the four flows (the cc756041 table). */
Delivered
Expected(int acting)
{
    bool kerberosRsvp = acting == 0 || acting == 2;
    bool groups = acting == 0 || acting == 1;
    return {kerberosRsvp ? N : 0, kerberosRsvp ? N : 0, groups ? N : 0, groups ? N : 0};
}

/** Run the four flows, 20 ms apart from 1 s, until 2 s. */
Delivered
RunFlows(Lan& lan)
{
    auto dcKerberos = InstallUdpEndpoint(lan.dc, 88);
    auto pRsvp = InstallRawCounter(lan.p, 46);
    auto hGroup = InstallUdpEndpoint(lan.h, 7001, lan.devices.Get(0));
    auto pGroup = InstallUdpEndpoint(lan.p, 7000, lan.devices.Get(1));
    auto hBroadcast = InstallUdpCounter(lan.h, 7101);
    ScheduleUdp(lan.h, lan.dcAddr, 88, N, Seconds(1.02));
    ScheduleRaw(lan.h, lan.pAddr, 46, N, Seconds(1.04));
    ScheduleFrom(hGroup, "224.0.0.100", 7000, N, Seconds(1.06));
    ScheduleUdp(lan.p, "10.1.1.255", 7101, N, Seconds(1.08));
    Simulator::Stop(Seconds(2));
    Simulator::Run();
    return {dcKerberos->received, pRsvp->received, pGroup->received, hBroadcast->received};
}

} // namespace

BOOST_FIXTURE_TEST_SUITE(ipsec_exemption_versions, SimulatorFixture)

// The profiles' knowledge, as the sources give it (see windows-behaviour.md).
BOOST_AUTO_TEST_CASE(known_values_per_profile)
{
    for (IpsecOsProfile profile : PROFILES)
    {
        IpsecOsProfileDefaults d = IpsecGetOsProfileDefaults(profile);
        for (int mode = 0; mode <= 3; ++mode)
        {
            BOOST_TEST_CONTEXT(profile << " value " << mode)
            {
                int acts = ACTS_AS.at(profile)[mode];
                BOOST_TEST(d.KnowsExemptions(mode) == (acts == mode));
                BOOST_TEST(d.EffectiveExemptions(mode) == acts);
            }
        }
        // Every version knows its own default.
        BOOST_TEST(d.KnowsExemptions(d.defaultExemptions));
        BOOST_TEST(!d.KnowsExemptions(-1));
        BOOST_TEST(!d.KnowsExemptions(4));
    }
}

// Every profile under every value: exact deliveries and exemption counters; the value set is
// kept as set (what netsh or the registry would show), the behaviour is the acting value's.
BOOST_AUTO_TEST_CASE(each_profile_under_each_value)
{
    for (IpsecOsProfile profile : PROFILES)
    {
        for (int mode = 0; mode <= 3; ++mode)
        {
            BOOST_TEST_CONTEXT(profile << " value " << mode)
            {
                Lan lan;
                lan.Driver()->AddFilter(REQUIRE_SECURITY);
                IpsecHelper::SetOsProfile(lan.h, profile);
                IpsecHelper::SetDefaultExemptions(lan.h, mode);
                BOOST_TEST(lan.Driver()->GetDefaultExemptions() == mode);
                Delivered got = RunFlows(lan);
                Delivered want = Expected(ACTS_AS.at(profile)[mode]);
                BOOST_TEST(got.kerberosOut == want.kerberosOut);
                BOOST_TEST(got.rsvpOut == want.rsvpOut);
                BOOST_TEST(got.multicastOut == want.multicastOut);
                BOOST_TEST(got.broadcastIn == want.broadcastIn);
                const IpsecDriverCounters& c = lan.Counters();
                BOOST_TEST(c.Exempt(IpsecExemptionKind::KERBEROS) == want.kerberosOut);
                BOOST_TEST(c.Exempt(IpsecExemptionKind::RSVP) == want.rsvpOut);
                BOOST_TEST(c.Exempt(IpsecExemptionKind::MULTICAST) == want.multicastOut);
                BOOST_TEST(c.Exempt(IpsecExemptionKind::BROADCAST) == want.broadcastIn);
                // Groups that are not exempt meet the negotiate filter and are dropped.
                BOOST_TEST(c.Dropped(IpsecDropReason::MULTICAST_NEGOTIATE) ==
                           2 * N - want.multicastOut - want.broadcastIn);
                Simulator::Destroy();
            }
        }
    }
}

// The profile decides what a value means when the packet is filtered: value 2 set under
// Server 2003 (multicast filtered), then the profile becomes Windows 2000 at 1.45 s, where 2 is
// unknown and acts as 1 (multicast exempt): the packets from 1.5 s on get through.
BOOST_AUTO_TEST_CASE(profile_change_reinterprets_the_value_set)
{
    Lan lan;
    lan.Driver()->AddFilter(REQUIRE_SECURITY);
    IpsecHelper::SetOsProfile(lan.h, IpsecOsProfile::WIN2003);
    IpsecHelper::SetDefaultExemptions(lan.h, 2);
    auto atP = InstallUdpEndpoint(lan.p, 7000, lan.devices.Get(1));
    auto fromH = InstallUdpEndpoint(lan.h, 7001, lan.devices.Get(0));
    ScheduleFrom(fromH, "224.0.0.100", 7000, 10, Seconds(1)); // 1.0 ... 1.9 s
    Simulator::Schedule(Seconds(1.45), [&lan]() {
        lan.Driver()->SetOsProfile(IpsecOsProfile::WIN2000);
    });
    Simulator::Stop(Seconds(2.5));
    Simulator::Run();
    BOOST_TEST(atP->received == 5u); // 1.5 ... 1.9 s
    BOOST_TEST(lan.Counters().Exempt(IpsecExemptionKind::MULTICAST) == 5u);
    BOOST_TEST(lan.Counters().Dropped(IpsecDropReason::MULTICAST_NEGOTIATE) == 5u);
    BOOST_TEST(lan.Driver()->GetDefaultExemptions() == 2);
}

BOOST_AUTO_TEST_SUITE_END()
