/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// Kerberos in the roaming study (--auth=kerberos, seed 1, per-AP subnets): the station's
// policy requires security to its domain controller, so the profile's default exemptions
// decide whether the ticket request reaches it. Windows XP exempts Kerberos: one exchange at
// the first negotiation, and the cached ticket serves every handoff (kerberos part 0). Server
// 2003 does not: no ticket, no main mode, no handoff completes. Server 2003 with the permit
// filter for the DC behaves like XP.

#include "ipsec-test-network.h"
#include "ipsec-wifi-roaming-scenario.h"

#include <boost/test/unit_test.hpp>

#include <vector>
#include <cmath>

using namespace ns3;
using namespace ns3::test;

namespace
{

/**
 * The measured figures in one place. The Kerberos message sizes (and so these times) change
 * when the Kerberos messages change (the RFC 4120 DER encoding): update them here.
 */
struct KerberosFigures
{
    std::vector<int64_t> requestsUs; //!< the station's requests leave: AS-REQ, TGS-REQ (us)
    std::vector<int64_t> repliesUs;  //!< the DC's replies arrive: AS-REP, TGS-REP
    int64_t handoff1IkeUs;           //!< IKE part of handoff 1 (duration)
    int64_t handoff2IkeUs;           //!< IKE part of handoff 2 (duration)
};

// The TGS-REQ leaves the moment the AS-REP (the TGT) arrives.
const KerberosFigures kExpected{{1010371, 1017112}, {1017112, 1025536}, 38994, 40324};

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

/** The checks of a run in which the DC is reachable. */
void
CheckReachable(const WifiRoamingResult& r)
{
    // The computer's logon (AS exchange) and its ticket for the server (TGS exchange), once.
    std::vector<int64_t> requests;
    std::vector<int64_t> replies;
    for (double t : r.kerberosRequests)
    {
        requests.push_back(Us(t));
    }
    for (double t : r.kerberosReplies)
    {
        replies.push_back(Us(t));
    }
    BOOST_TEST(requests == kExpected.requestsUs, boost::test_tools::per_element());
    BOOST_TEST(replies == kExpected.repliesUs, boost::test_tools::per_element());
    BOOST_TEST(r.ikeFailures.empty());
    BOOST_TEST(r.mainModes == 3u);
    BOOST_TEST(r.quickModes == 3u);
    BOOST_TEST(r.addressChangeDeletes == 4u);
    BOOST_REQUIRE_EQUAL(r.handoffs.size(), 2u);
    for (const IpsecHandoff& h : r.handoffs)
    {
        BOOST_REQUIRE(h.Outage().has_value());
        // The ticket carries no addresses (Windows' default): the cached one serves the main
        // mode from the new address, no exchange with the DC in the outage.
        BOOST_TEST(*h.Kerberos() == 0.0);
        BOOST_TEST(std::abs(*h.Layer2() + *h.Dhcp() + *h.Ike() + *h.Kerberos() - *h.Outage()) <
                   1e-9);
    }
    BOOST_TEST(Us(*r.handoffs[0].Ike()) == kExpected.handoff1IkeUs);
    BOOST_TEST(Us(*r.handoffs[1].Ike()) == kExpected.handoff2IkeUs);
}

} // namespace

BOOST_AUTO_TEST_SUITE(ipsec_roaming_kerberos)

BOOST_AUTO_TEST_CASE(winxp_exempts_kerberos_the_dc_is_reachable)
{
    SimulatorFixture fixture;
    WifiRoamingConfig config;
    config.auth = "kerberos";
    config.osProfile = "winxp";
    CheckReachable(RunScenario(config));
}

BOOST_AUTO_TEST_CASE(win2003_with_the_dc_permit_filter_reaches_it)
{
    SimulatorFixture fixture;
    WifiRoamingConfig config;
    config.auth = "kerberos";
    config.osProfile = "win2003";
    config.dcPermit = true;
    CheckReachable(RunScenario(config));
}

BOOST_AUTO_TEST_CASE(win2003_without_exemption_cannot_reach_the_dc)
{
    SimulatorFixture fixture;
    WifiRoamingConfig config;
    config.auth = "kerberos";
    config.osProfile = "win2003";
    WifiRoamingResult r = RunScenario(config);
    // The ticket request itself needs IPsec with the DC (which needs a ticket): it never
    // leaves, the main mode to the server fails for want of the KDC, and no handoff ends.
    BOOST_TEST(r.kerberosRequests.empty());
    BOOST_TEST(r.kerberosReplies.empty());
    BOOST_TEST(r.mainModes == 0u);
    BOOST_TEST(r.quickModes == 0u);
    BOOST_TEST(r.delivered == 0u);
    uint32_t kdcUnreachable = 0;
    for (const std::string& f : r.ikeFailures)
    {
        kdcUnreachable += f == "MainModeFailed: kerberos: kdc-unreachable" ? 1 : 0;
    }
    BOOST_TEST(kdcUnreachable >= 1u);
    BOOST_REQUIRE_EQUAL(r.handoffs.size(), 2u);
    for (const IpsecHandoff& h : r.handoffs)
    {
        BOOST_TEST(!h.Outage());
        BOOST_TEST(!h.Kerberos());
    }
}

BOOST_AUTO_TEST_CASE(psk_and_cert_runs_have_no_dc)
{
    SimulatorFixture fixture;
    WifiRoamingConfig config;
    config.aps = 2;
    config.duration = 8;
    WifiRoamingResult r = RunScenario(config);
    BOOST_TEST(r.kerberosRequests.empty());
    BOOST_REQUIRE_EQUAL(r.handoffs.size(), 1u);
    BOOST_TEST(*r.handoffs[0].Kerberos() == 0.0);
    config.dcPermit = true; // a DC option without a DC
    BOOST_CHECK_THROW(WifiRoamingScenario{config}, IpsecConfigError);
}

BOOST_AUTO_TEST_SUITE_END()
