/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// The processing delay model: zero by default (no effect at all), fixed + per-byte cost per
// algorithm when set, and one packet at a time on a node's crypto engine.

#include "ipsec-test-network.h"

#include "ns3/internet-apps-module.h"
#include "ns3/point-to-point-module.h"

#include <boost/test/unit_test.hpp>

using namespace ns3;
using namespace ns3::test;

namespace
{

/** Two hosts with an ESP transport SA pair (AES-CBC-128 + HMAC-SHA1); returns ping RTTs. */
std::vector<Time>
PingRtts(bool withCostModel)
{
    NodeContainer hosts;
    hosts.Create(2);
    PointToPointHelper link;
    link.SetDeviceAttribute("DataRate", StringValue("100Mbps"));
    link.SetChannelAttribute("Delay", StringValue("1ms"));
    NetDeviceContainer devices = link.Install(hosts);
    IpsecHelper().Install(hosts);
    Ipv4InterfaceContainer ifs = Ipv4AddressHelper("10.1.1.0", "255.255.255.0").Assign(devices);
    if (withCostModel)
    {
        for (uint32_t i = 0; i < 2; ++i)
        {
            Ptr<IpsecDriver> driver = hosts.Get(i)->GetObject<IpsecDriver>();
            driver->SetAttribute("ProcessingFixedDelay", TimeValue(MicroSeconds(100)));
            driver->SetAttribute("AesCbcNsPerByte", DoubleValue(10));
            driver->SetAttribute("Sha1NsPerByte", DoubleValue(5));
            driver->SetAttribute("TripleDesNsPerByte", DoubleValue(1000)); // not this SA's cipher
        }
    }
    IpsecManualSaPair pair;
    pair.addressA = ifs.GetAddress(0);
    pair.addressB = ifs.GetAddress(1);
    IpsecHelper::InstallManualSaPair(hosts.Get(0), hosts.Get(1), pair);
    std::vector<Time> rtts;
    Ptr<V4Ping> ping = CreateObject<V4Ping>();
    ping->SetAttribute("Remote", Ipv4AddressValue(ifs.GetAddress(1)));
    hosts.Get(0)->AddApplication(ping);
    ping->SetStartTime(Seconds(1));
    ping->SetStopTime(Seconds(3.5));
    ping->TraceConnectWithoutContext("Rtt", Callback<void, Time>([&rtts](Time rtt) {
                                         rtts.push_back(rtt);
                                     }));
    Simulator::Stop(Seconds(4));
    Simulator::Run();
    Simulator::Destroy();
    return rtts;
}

} // namespace

BOOST_FIXTURE_TEST_SUITE(ipsec_delay, SimulatorFixture)

BOOST_AUTO_TEST_CASE(ping_rtt_grows_by_exactly_the_modelled_cost)
{
    std::vector<Time> plain = PingRtts(false);
    std::vector<Time> costed = PingRtts(true);
    BOOST_TEST_REQUIRE(plain.size() == 3u);
    BOOST_TEST_REQUIRE(costed.size() == 3u);
    // The echo request and reply each cost once when protected (64 bytes of ICMP) and once when
    // checked and decrypted (the 116-byte ESP packet: 8 + 16 IV + 80 + 12 ICV), at
    // 10 + 5 ns/byte: 2 x (100 us + 960 ns) + 2 x (100 us + 1740 ns).
    Time expected = MicroSeconds(400) + NanoSeconds(2 * 960 + 2 * 1740);
    for (size_t i = 0; i < plain.size(); ++i)
    {
        BOOST_TEST(costed[i] - plain[i] == expected);
    }
}

BOOST_AUTO_TEST_CASE(engine_handles_one_packet_at_a_time)
{
    Ptr<IpsecDriver> driver = CreateObject<IpsecDriver>();
    driver->SetAttribute("ProcessingFixedDelay", TimeValue(MicroSeconds(10)));
    driver->SetAttribute("AesGcmNsPerByte", DoubleValue(2));
    Ptr<Node> node = CreateObject<Node>();
    node->AggregateObject(driver);
    uint32_t filter = driver->AddFilter("srcaddr=any dstaddr=10.0.0.2 action=negotiate");
    IpsecSaConfig config;
    config.spi = 0x1234;
    config.encryption = IpsecEncryption::AES_GCM_128;
    config.encryptionKey.assign(20, 7);
    config.source = "10.0.0.1";
    config.destination = "10.0.0.2";
    Ptr<IpsecSa> sa = driver->AddSa(config, false, filter);
    std::vector<Time> done;
    Simulator::Schedule(Seconds(1), [&]() {
        done.push_back(driver->BookCrypto(*sa, 1000)); // 10 us + 2 us
        done.push_back(driver->BookCrypto(*sa, 500));  // waits for the first: 12 + 11 us
    });
    Simulator::Schedule(Seconds(1) + MicroSeconds(30), [&]() {
        done.push_back(driver->BookCrypto(*sa, 0)); // engine idle again: 10 us
    });
    Simulator::Run();
    BOOST_TEST_REQUIRE(done.size() == 3u);
    BOOST_TEST(done[0] == MicroSeconds(12));
    BOOST_TEST(done[1] == MicroSeconds(23));
    BOOST_TEST(done[2] == MicroSeconds(10));
}

BOOST_AUTO_TEST_CASE(no_cost_model_means_no_delay)
{
    Ptr<IpsecDriver> driver = CreateObject<IpsecDriver>();
    Ptr<Node> node = CreateObject<Node>();
    node->AggregateObject(driver);
    uint32_t filter = driver->AddFilter("srcaddr=any dstaddr=10.0.0.2 action=negotiate");
    IpsecSaConfig config;
    config.spi = 0x1234;
    config.encryption = IpsecEncryption::TRIPLE_DES_CBC;
    config.encryptionKey.assign(24, 7);
    config.integrity = IpsecIntegrity::HMAC_SHA1_96;
    config.integrityKey.assign(20, 9);
    config.source = "10.0.0.1";
    config.destination = "10.0.0.2";
    Ptr<IpsecSa> sa = driver->AddSa(config, false, filter);
    BOOST_TEST(driver->BookCrypto(*sa, 1500) == Time(0));
}

BOOST_AUTO_TEST_SUITE_END()
