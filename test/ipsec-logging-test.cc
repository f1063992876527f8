/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// Logging as ns-3 does it: each part of the module has an NS_LOG component that says what it
// does when enabled, configuration warnings go through NS_LOG_WARN (and a ConfigWarning trace,
// and PrintPolicy), and nothing is written to the console when logging is off.

#include "ipsec-test-network.h"
#include "ipsec-test-topology.h"

#include "ns3/log.h"

#include <boost/test/unit_test.hpp>

#include <iostream>
#include <sstream>

using namespace ns3;
using namespace ns3::test;

namespace
{

/** The module's components, one per class that does something worth following. */
const std::vector<std::string> COMPONENTS = {
    // policy
    "IpsecSpd",
    "IpsecPolicyDecider",
    "IpsecFilter",
    "IpsecBootConfig",
    "IpsecBootFilter",
    "IpsecHostConfig",
    "IpsecOsProfileConfig",
    // SAs
    "IpsecSaManager",
    "IpsecSad",
    "IpsecSoftSaTable",
    "IpsecNegotiationQueue",
    "IpsecTimerQueue",
    // transforms and cryptography
    "IpsecEsp",
    "IpsecAh",
    "IpsecAlgorithms",
    // driver and hooks
    "IpsecDriver",
    "IpsecCryptoDelayModel",
    "IpsecEspSaExport",
    "IpsecIpv4L3Protocol",
    "IpsecInboundProtocol",
    "IpsecL4Guard",
    "IpsecForwardingGuard",
    "IpsecTrafficControlLayer",
    // IKE and helpers
    "IkeService",
    "IpsecHelper",
};

/** Captures std::clog (where NS_LOG writes) for its lifetime. */
struct ClogCapture
{
    std::ostringstream text;
    std::streambuf* saved;

    ClogCapture()
        : saved(std::clog.rdbuf(text.rdbuf()))
    {
    }

    ~ClogCapture()
    {
        std::clog.rdbuf(saved);
    }
};

/** Enables components for its lifetime. */
struct LogScope
{
    std::vector<std::string> names;

    LogScope(std::vector<std::string> components, LogLevel level)
        : names(std::move(components))
    {
        for (const auto& name : names)
        {
            LogComponentEnable(name.c_str(), LogLevel(level | LOG_PREFIX_FUNC));
        }
    }

    ~LogScope()
    {
        for (const auto& name : names)
        {
            LogComponentDisable(name.c_str(), LOG_LEVEL_ALL);
        }
    }
};

/**
 * Two IKE nodes (preshared key), 3 datagrams protected by ESP after main and quick mode.
 * \return what the datagrams' receiver counted
 */
uint32_t
RunProtectedExchange()
{
    NodeContainer nodes;
    InstallIkePskLink(nodes);
    IpsecHelper::AddFilter(nodes.Get(0),
                           "srcaddr=me dstaddr=10.1.1.2 protocol=udp dstport=9 action=negotiate");
    IpsecHelper::AddFilter(nodes.Get(1),
                           "srcaddr=me dstaddr=10.1.1.1 protocol=udp srcport=9 action=negotiate");
    auto at9 = InstallUdpCounter(nodes.Get(1), 9);
    ScheduleUdp(nodes.Get(0), "10.1.1.2", 9, 3, Seconds(1));
    Simulator::Stop(Seconds(5));
    Simulator::Run();
    uint32_t received = at9->received;
    Simulator::Destroy();
    return received;
}

} // namespace

BOOST_FIXTURE_TEST_SUITE(ipsec_logging, SimulatorFixture)

BOOST_AUTO_TEST_CASE(every_component_is_registered)
{
    const LogComponent::ComponentList* registered = LogComponent::GetComponentList();
    for (const auto& name : COMPONENTS)
    {
        BOOST_TEST_CONTEXT(name)
        {
            BOOST_TEST(registered->count(name) == 1u);
        }
    }
}

BOOST_AUTO_TEST_CASE(components_say_what_they_do)
{
    // The parts a protected exchange goes through, each with something to say.
    const std::vector<std::string> used = {"IpsecSpd",
                                           "IpsecPolicyDecider",
                                           "IpsecFilter",
                                           "IpsecSaManager",
                                           "IpsecSad",
                                           "IpsecNegotiationQueue",
                                           "IpsecEsp",
                                           "IpsecAlgorithms",
                                           "IpsecDriver",
                                           "IpsecIpv4L3Protocol",
                                           "IpsecInboundProtocol",
                                           "IkeService",
                                           "IpsecHelper"};
    std::string text;
    uint32_t received = 0;
    {
        ClogCapture capture;
        LogScope scope(used, LOG_LEVEL_ALL);
        received = RunProtectedExchange();
        text = capture.text.str();
    }
    BOOST_TEST(received == 3u);
    for (const auto& name : used)
    {
        BOOST_TEST_CONTEXT(name)
        {
            // LOG_PREFIX_FUNC writes "Component:Function(": each logged at least once.
            BOOST_TEST(text.find(name + ":") != std::string::npos);
        }
    }
    // The decider names its verdicts, the driver the SAs it installs.
    BOOST_TEST(text.find(": negotiate (filter") != std::string::npos);
    BOOST_TEST(text.find(": protect (filter") != std::string::npos);
    BOOST_TEST(text.find("SA installed") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(nothing_on_the_console_with_logging_off)
{
    std::string text;
    uint32_t received = 0;
    {
        ClogCapture capture;
        received = RunProtectedExchange();
        // Warnings too: a filter Windows XP does not support, a group it does not know.
        Ptr<Node> node = CreateObject<Node>();
        IpsecHelper().Install(node);
        IpsecHelper::SetOsProfile(node, "winxp");
        IpsecHelper::GetDriver(node)->AddFilter("srcaddr=me dstaddr=dns action=permit");
        text = capture.text.str();
    }
    BOOST_TEST(received == 3u);
    BOOST_TEST(text.empty(), "console: " << text);
}

BOOST_AUTO_TEST_CASE(a_filter_the_profile_lacks_is_a_warning_trace_and_policy_line)
{
    Ptr<Node> node = CreateObject<Node>();
    IpsecHelper().Install(node);
    IpsecHelper::SetOsProfile(node, "winxp");
    Ptr<IpsecDriver> driver = IpsecHelper::GetDriver(node);
    std::vector<std::string> traced;
    driver->TraceConnectWithoutContext(
        "ConfigWarning",
        Callback<void, const std::string&>([&traced](const std::string& w) {
            traced.push_back(w);
        }));
    std::string text;
    {
        ClogCapture capture;
        LogScope scope({"IpsecDriver"}, LOG_LEVEL_WARN);
        BOOST_TEST(driver->AddFilter("srcaddr=me dstaddr=dns action=permit") == 0u);
        text = capture.text.str();
    }
    const std::string expected = "dstaddr=dns: dynamic addresses need Windows Server 2003 "
                                 "(profile win2003 or win2003sp2), not winxp: filter dropped";
    BOOST_REQUIRE(traced.size() == 1u);
    BOOST_TEST(traced[0] == expected);
    BOOST_TEST(text.find("node 0: " + expected) != std::string::npos);
    std::ostringstream policy;
    IpsecHelper::PrintPolicy(node, policy);
    BOOST_TEST(policy.str().find("node 0 filters dropped (the OS profile does not support "
                                 "them): 1\n") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(an_ike_method_the_profile_lacks_is_a_warning_trace_and_policy_line)
{
    NodeContainer nodes;
    InstallIkePskLink(nodes);
    IpsecHelper::SetOsProfile(nodes.Get(0), "winxp");
    for (uint32_t i = 0; i < 2; ++i)
    {
        IpsecHelper::GetIke(nodes.Get(i))
            ->SetAttribute("MainModeMethods", StringValue("3des-sha1-2048,3des-sha1-2"));
    }
    IpsecHelper::AddFilter(nodes.Get(0),
                           "srcaddr=me dstaddr=10.1.1.2 protocol=udp dstport=9 action=negotiate");
    IpsecHelper::AddFilter(nodes.Get(1),
                           "srcaddr=me dstaddr=10.1.1.1 protocol=udp srcport=9 action=negotiate");
    std::vector<std::string> traced;
    IpsecHelper::GetIke(nodes.Get(0))
        ->TraceConnectWithoutContext("ConfigWarning",
                                     Callback<void, const std::string&>(
                                         [&traced](const std::string& w) { traced.push_back(w); }));
    auto at9 = InstallUdpCounter(nodes.Get(1), 9);
    ScheduleUdp(nodes.Get(0), "10.1.1.2", 9, 3, Seconds(1));
    std::string text;
    {
        ClogCapture capture;
        LogScope scope({"IkeProfileLimits"}, LOG_LEVEL_WARN);
        Simulator::Stop(Seconds(5));
        Simulator::Run();
        text = capture.text.str();
    }
    BOOST_TEST(at9->received == 3u);
    // Given once, however often the methods are looked at.
    BOOST_REQUIRE(traced.size() == 1u);
    BOOST_TEST(traced[0].find("Diffie-Hellman group 2048 needs Windows Server 2003") == 0u);
    BOOST_TEST(text.find("node 0: " + traced[0]) != std::string::npos);
    std::ostringstream policy;
    IpsecHelper::PrintPolicy(nodes.Get(0), policy);
    BOOST_TEST(policy.str().find("node 0 IKE configuration warning: " + traced[0] + "\n") !=
               std::string::npos);
    std::ostringstream other;
    IpsecHelper::PrintPolicy(nodes.Get(1), other);
    BOOST_TEST(other.str().find("IKE configuration warning") == std::string::npos);
    Simulator::Destroy();
}

BOOST_AUTO_TEST_SUITE_END()
