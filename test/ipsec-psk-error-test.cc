/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// An empty preshared key is a configuration error, raised as IpsecConfigError out of
// Simulator::Run when main mode chooses preshared key authentication. These cases are a test
// program of their own: ns-3's event loop does not release the event an exception leaves
// (DefaultSimulatorImpl invokes it, then unrefs it), so LeakSanitizer reports that event and
// what it holds; CMakeLists.txt turns leak detection off for this program only.

#include "ipsec-test-network.h"

#include "ns3/point-to-point-module.h"

#include <boost/test/unit_test.hpp>

#include <string>

using namespace ns3;
using namespace ns3::test;

BOOST_AUTO_TEST_SUITE(ipsec_psk_error)

namespace
{

/**
 * Two nodes 10.1.1.1 and 10.1.1.2 on a link, both with IKE and psk authentication, node 0
 * negotiating UDP to node 1 port 9 (filter "to B"), node 1 the mirror: node \p keyed gets
 * the key "k", the other none (the attribute never set). Runs until the error.
 * \param keyed the node with a key
 * \param peerAnswers false: node 1 is a plain ns-3 node (no IKE)
 * \param[out] sentByNode0 ISAKMP messages node 0 sent
 * \return the error's message, or "" if none came
 */
std::string
RunWithOneKey(uint32_t keyed, bool peerAnswers, uint64_t* sentByNode0)
{
    NodeContainer nodes;
    nodes.Create(2);
    PointToPointHelper p2p;
    NetDeviceContainer devices = p2p.Install(nodes);
    IpsecHelper unkeyed;
    IpsecHelper withKey;
    withKey.SetIkeAttribute("PreSharedKey", StringValue("k"));
    (keyed == 0 ? withKey : unkeyed).Install(nodes.Get(0));
    if (peerAnswers)
    {
        (keyed == 1 ? withKey : unkeyed).Install(nodes.Get(1));
    }
    else
    {
        InternetStackHelper().Install(nodes.Get(1));
    }
    Ipv4AddressHelper("10.1.1.0", "255.255.255.0").Assign(devices);
    IpsecHelper::AddFilter(nodes.Get(0),
                           "srcaddr=me dstaddr=10.1.1.2 protocol=udp dstport=9 action=negotiate "
                           "description=\"to B\"");
    if (peerAnswers)
    {
        IpsecHelper::AddFilter(nodes.Get(1),
                               "srcaddr=me dstaddr=10.1.1.1 protocol=udp srcport=9 "
                               "action=negotiate");
    }
    ScheduleUdp(nodes.Get(0), Ipv4Address("10.1.1.2"), 9, 3);
    Simulator::Stop(Seconds(4));
    std::string error;
    try
    {
        Simulator::Run();
    }
    catch (const IpsecConfigError& e)
    {
        BOOST_CHECK_EQUAL(e.GetField(), "PreSharedKey");
        error = e.what();
    }
    *sentByNode0 = IpsecHelper::GetIke(nodes.Get(0))->GetCounters().messagesSent;
    Simulator::Destroy();
    return error;
}

} // namespace

BOOST_FIXTURE_TEST_CASE(empty_preshared_key_is_refused_when_the_peer_answers, SimulatorFixture)
{
    // Node 0 has no key: its main mode message 1 goes out, node 1 answers, and before
    // anything is authenticated node 0 stops with the rule named.
    uint64_t sent = 0;
    std::string error = RunWithOneKey(1, true, &sent);
    BOOST_TEST_MESSAGE(error);
    BOOST_CHECK_EQUAL(error,
                      "PreSharedKey: empty, but node 0 authenticates with it (AuthMethods psk) "
                      "to negotiate filter 1 (\"to B\") with 10.1.1.2: set PreSharedKey");
    BOOST_CHECK_EQUAL(sent, 1u);
}

BOOST_FIXTURE_TEST_CASE(empty_preshared_key_is_refused_by_the_responder, SimulatorFixture)
{
    uint64_t sent = 0;
    std::string error = RunWithOneKey(0, true, &sent);
    BOOST_CHECK_EQUAL(error,
                      "PreSharedKey: empty, but node 1 authenticates with it (AuthMethods psk) "
                      "to answer 10.1.1.1: set PreSharedKey");
    BOOST_CHECK_EQUAL(sent, 1u);
}

BOOST_FIXTURE_TEST_CASE(no_key_needed_when_the_peer_never_answers, SimulatorFixture)
{
    // A peer without IKE never gets to authentication (soft SAs, doc/ike.md): no error;
    // main mode message 1 goes out at 1 s and again at 2 s (the next would be at 4 s).
    uint64_t sent = 0;
    std::string error = RunWithOneKey(1, false, &sent);
    BOOST_CHECK_EQUAL(error, "");
    BOOST_CHECK_EQUAL(sent, 2u);
}

BOOST_AUTO_TEST_SUITE_END()
