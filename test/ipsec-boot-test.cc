/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// Start-up (boot-time) filtering: the stateful, block and permit modes, DHCP, boot exemptions
// (and their netsh syntax), the policy taking over at PolicyApplyTime, Safe Mode, per profile.

#include "ipsec-test-topology.h"
#include "ipsec-test-traffic.h"

#include "ns3/applications-module.h"
#include "ns3/csma-module.h"
#include "ns3/internet-apps-module.h"
#include "ns3/point-to-point-module.h"

#include <boost/test/unit_test.hpp>

using namespace ns3;
using namespace ns3::test;

namespace
{

/** A CSMA LAN 10.1.1.0/24: H (10.1.1.1) runs IPsec, P (.2) is a plain ns-3 node. */
struct Lan : IpsecTestLan
{
    Ptr<Node> h{nodes.Get(0)};
    Ptr<Node> p{nodes.Get(1)};
    const Ipv4Address hAddr{"10.1.1.1"};
    const Ipv4Address pAddr{"10.1.1.2"};

    Lan()
        : IpsecTestLan(2, Seconds(0))
    {
    }

    uint64_t BootDrops(IpsecDirection d, const std::vector<DropRecord>& drops) const
    {
        uint64_t n = 0;
        for (const auto& r : drops)
        {
            n += r.direction == d && r.reason == IpsecDropReason::BOOT_BLOCK;
        }
        return n;
    }
};

/** A UDP endpoint that answers every datagram to its sender. */
std::shared_ptr<UdpEndpoint>
InstallUdpEcho(Ptr<Node> node, uint16_t port)
{
    auto endpoint = InstallUdpEndpoint(node, port);
    UdpEndpoint* raw = endpoint.get();
    endpoint->socket->SetRecvCallback(Callback<void, Ptr<Socket>>([raw](Ptr<Socket> s) {
        Address from;
        while (Ptr<Packet> packet = s->RecvFrom(from))
        {
            ++raw->received;
            s->SendTo(packet, 0, from);
        }
    }));
    return endpoint;
}

/** A TCP transfer of \p bytes from \p from to \p to:port starting at \p start; the sink. */
Ptr<PacketSink>
InstallTransfer(Ptr<Node> from, Ptr<Node> to, Ipv4Address toAddr, uint16_t port, uint32_t bytes,
                Time start)
{
    PacketSinkHelper sink("ns3::TcpSocketFactory", InetSocketAddress(Ipv4Address::GetAny(), port));
    Ptr<PacketSink> app = DynamicCast<PacketSink>(sink.Install(to).Get(0));
    BulkSendHelper bulk("ns3::TcpSocketFactory", InetSocketAddress(toAddr, port));
    bulk.SetAttribute("MaxBytes", UintegerValue(bytes));
    bulk.Install(from).Start(start);
    return app;
}

} // namespace

BOOST_FIXTURE_TEST_SUITE(ipsec_boot, SimulatorFixture)

// Stateful (Server 2003's default): outbound passes, its replies come back, DHCP comes in,
// everything else arriving is dropped.
BOOST_AUTO_TEST_CASE(stateful_replies_dhcp_and_unsolicited)
{
    Lan lan;
    IpsecHelper::SetPolicyApplyTime(lan.h, Seconds(100));
    BOOST_TEST((lan.Driver()->GetBootMode() == IpsecBootMode::STATEFUL));
    BOOST_TEST(lan.Driver()->IsBootFilterActive());
    auto drops = RecordDrops(lan.h);
    auto echo = InstallUdpEcho(lan.p, 7);
    auto client = InstallUdpEndpoint(lan.h, 4000);
    ScheduleFrom(client, lan.pAddr, 7, 4, Seconds(1));
    auto unsolicited = InstallUdpCounter(lan.h, 9);
    ScheduleUdp(lan.p, lan.hAddr, 9, 3, Seconds(1.02));
    // From the echo port but to another port of H: not a reply.
    auto otherPort = InstallUdpCounter(lan.h, 4001);
    ScheduleFrom(echo, lan.hAddr, 4001, 2, Seconds(1.04));
    auto pings = InstallPing(lan.h, lan.pAddr, 2);
    auto dhcpServer = InstallUdpEndpoint(lan.p, 67);
    auto dhcpClient = InstallUdpCounter(lan.h, 68);
    ScheduleFrom(dhcpServer, lan.hAddr, 68, 2, Seconds(1.06));
    ScheduleFrom(dhcpServer, "255.255.255.255", 68, 1, Seconds(1.5));
    Simulator::Stop(Seconds(3));
    Simulator::Run();
    BOOST_TEST(echo->received == 4u);
    BOOST_TEST(client->received == 4u);
    BOOST_TEST(unsolicited->received == 0u);
    BOOST_TEST(otherPort->received == 0u);
    BOOST_TEST(*pings == 2u);
    BOOST_TEST(dhcpClient->received == 3u);
    const IpsecDriverCounters& c = lan.Counters();
    BOOST_TEST(c.BootPassed(IpsecDirection::OUTBOUND) == 4u + 2u);
    BOOST_TEST(c.BootPassed(IpsecDirection::INBOUND) == 4u + 2u + 3u);
    BOOST_TEST(c.Dropped(IpsecDropReason::BOOT_BLOCK) == 5u);
    BOOST_TEST(lan.BootDrops(IpsecDirection::INBOUND, *drops) == 5u);
    BOOST_TEST(c.Permitted(IpsecDirection::INBOUND) == 0u); // the policy never decided
}

// Boot exemptions open inbound services during start-up: Remote Desktop (TCP 3389), ICMP
// (PMTU discovery, ping), a UDP port; other inbound stays closed.
BOOST_AUTO_TEST_CASE(stateful_boot_exemptions)
{
    Lan lan;
    IpsecHelper::SetPolicyApplyTime(lan.h, Seconds(100));
    IpsecHelper::SetBootExemptions(lan.h, "UDP:any:9:inbound ICMP:inbound TCP:any:3389:inbound");
    auto drops = RecordDrops(lan.h);
    auto allowed = InstallUdpCounter(lan.h, 9);
    auto refused = InstallUdpCounter(lan.h, 10);
    ScheduleUdp(lan.p, lan.hAddr, 9, 3, Seconds(1));
    ScheduleUdp(lan.p, lan.hAddr, 10, 2, Seconds(1.02));
    auto pings = InstallPing(lan.p, lan.hAddr, 2);
    Ptr<PacketSink> rdp = InstallTransfer(lan.p, lan.h, lan.hAddr, 3389, 10000, Seconds(1.1));
    Ptr<PacketSink> web = InstallTransfer(lan.p, lan.h, lan.hAddr, 80, 10000, Seconds(1.1));
    Simulator::Stop(Seconds(3));
    Simulator::Run();
    BOOST_TEST(allowed->received == 3u);
    BOOST_TEST(refused->received == 0u);
    BOOST_TEST(*pings == 2u);
    BOOST_TEST(rdp->GetTotalRx() == 10000u);
    BOOST_TEST(web->GetTotalRx() == 0u);
    // Two datagrams to port 10 and the SYN to port 80 (its retransmission is due at 4.1 s).
    BOOST_TEST(lan.Counters().Dropped(IpsecDropReason::BOOT_BLOCK) == 3u);
    BOOST_TEST(lan.BootDrops(IpsecDirection::INBOUND, *drops) == 3u);
}

// Block: nothing but DHCP and boot exemptions (with their replies), in either direction.
BOOST_AUTO_TEST_CASE(block_mode)
{
    Lan lan;
    IpsecHelper::SetPolicyApplyTime(lan.h, Seconds(100));
    IpsecHelper::SetBootMode(lan.h, "block");
    IpsecHelper::SetBootExemptions(lan.h, "TCP:any:3389:inbound");
    auto drops = RecordDrops(lan.h);
    auto echo = InstallUdpEcho(lan.p, 7);
    auto client = InstallUdpEndpoint(lan.h, 4000);
    ScheduleFrom(client, lan.pAddr, 7, 3, Seconds(1));
    auto hDhcp = InstallUdpEndpoint(lan.h, 68);
    auto pDhcp = InstallUdpEndpoint(lan.p, 67);
    ScheduleFrom(hDhcp, "255.255.255.255", 67, 2, Seconds(1.02));
    ScheduleFrom(pDhcp, lan.hAddr, 68, 2, Seconds(1.04));
    auto outPings = InstallPing(lan.h, lan.pAddr, 2);
    auto inPings = InstallPing(lan.p, lan.hAddr, 2);
    Ptr<PacketSink> rdp = InstallTransfer(lan.p, lan.h, lan.hAddr, 3389, 10000, Seconds(1.1));
    Simulator::Stop(Seconds(3));
    Simulator::Run();
    BOOST_TEST(echo->received == 0u);
    BOOST_TEST(pDhcp->received == 2u);
    BOOST_TEST(hDhcp->received == 2u);
    BOOST_TEST(*outPings == 0u);
    BOOST_TEST(*inPings == 0u);
    BOOST_TEST(rdp->GetTotalRx() == 10000u); // SYN-ACK and ACKs leave as replies
    BOOST_TEST(lan.BootDrops(IpsecDirection::OUTBOUND, *drops) == 3u + 2u);
    BOOST_TEST(lan.BootDrops(IpsecDirection::INBOUND, *drops) == 2u);
    BOOST_TEST(lan.Counters().Dropped(IpsecDropReason::BOOT_BLOCK) == 7u);
}

// Permit (explicit, and Windows 2000/XP, which have no start-up filtering): everything flows
// until the policy applies, then the policy decides.
BOOST_AUTO_TEST_CASE(permit_mode_and_older_profiles)
{
    for (const char* setting : {"permit", "win2000", "winxp"})
    {
        BOOST_TEST_CONTEXT(setting)
        {
            Lan lan;
            if (std::string(setting) == "permit")
            {
                IpsecHelper::SetBootMode(lan.h, setting);
            }
            else
            {
                IpsecHelper::SetOsProfile(lan.h, setting);
            }
            BOOST_TEST((lan.Driver()->GetBootMode() == IpsecBootMode::PERMIT));
            IpsecHelper::SetPolicyApplyTime(lan.h, Seconds(2));
            uint32_t id = lan.Driver()->AddFilter("srcaddr=any dstaddr=me action=block");
            auto atH = InstallUdpCounter(lan.h, 9);
            ScheduleUdp(lan.p, lan.hAddr, 9, 20, Seconds(1)); // 1.0 ... 2.9 s
            Simulator::Stop(Seconds(3.5));
            Simulator::Run();
            BOOST_TEST(atH->received == 10u);
            BOOST_TEST(lan.Counters().BootPassed(IpsecDirection::INBOUND) == 10u);
            BOOST_TEST(lan.Counters().Dropped(IpsecDropReason::FILTER_BLOCK) == 10u);
            BOOST_TEST(lan.Driver()->GetSpd().Find(id)->matches == 10u);
            Simulator::Destroy();
        }
    }
}

// At PolicyApplyTime the policy (and the default exemptions) take over from the start-up mode.
BOOST_AUTO_TEST_CASE(policy_takes_over_at_apply_time)
{
    Lan lan;
    lan.h->GetObject<IpsecDriver>()->SetAttribute("PolicyApplyTime", TimeValue(Seconds(2)));
    lan.Driver()->AddFilter("srcaddr=any dstaddr=me protocol=udp dstport=9 action=block");
    auto drops = RecordDrops(lan.h);
    auto blocked = InstallUdpCounter(lan.h, 9);
    auto open = InstallUdpCounter(lan.h, 10);
    auto hIke = InstallUdpEndpoint(lan.h, 500);
    auto pIke = InstallUdpEndpoint(lan.p, 500);
    ScheduleUdp(lan.p, lan.hAddr, 9, 20, Seconds(1)); // ten before 2 s, ten after
    ScheduleUdp(lan.p, lan.hAddr, 10, 20, Seconds(1.01));
    ScheduleFrom(pIke, lan.hAddr, 500, 20, Seconds(1.02));
    bool activeBefore = false;
    bool activeAfter = true;
    Simulator::Schedule(Seconds(1.99),
                        [&]() { activeBefore = lan.Driver()->IsBootFilterActive(); });
    Simulator::Schedule(Seconds(2), [&]() { activeAfter = lan.Driver()->IsBootFilterActive(); });
    Simulator::Stop(Seconds(3.5));
    Simulator::Run();
    BOOST_TEST(activeBefore);
    BOOST_TEST(!activeAfter);
    BOOST_TEST(blocked->received == 0u);
    BOOST_TEST(open->received == 10u);
    // IKE is exempt only once the policy applies: the start-up mode knows no default exemptions.
    BOOST_TEST(hIke->received == 10u);
    const IpsecDriverCounters& c = lan.Counters();
    BOOST_TEST(c.Dropped(IpsecDropReason::BOOT_BLOCK) == 30u);
    BOOST_TEST(c.Dropped(IpsecDropReason::FILTER_BLOCK) == 10u);
    BOOST_TEST(c.Exempt(IpsecExemptionKind::IKE) == 10u);
    BOOST_TEST(c.Permitted(IpsecDirection::INBOUND) == 10u);
    for (const auto& d : *drops)
    {
        bool early = d.reason == IpsecDropReason::BOOT_BLOCK;
        BOOST_TEST((early || d.reason == IpsecDropReason::FILTER_BLOCK));
    }
}

// Safe Mode with Networking: the service never starts, the start-up mode acts for ever.
BOOST_AUTO_TEST_CASE(safe_mode_keeps_start_up_mode)
{
    Lan lan;
    IpsecHelper::SetPolicyApplyTime(lan.h, Seconds(2), true);
    lan.Driver()->AddFilter("srcaddr=any dstaddr=me protocol=udp dstport=9 action=block");
    auto atH = InstallUdpCounter(lan.h, 10);
    ScheduleUdp(lan.p, lan.hAddr, 10, 20, Seconds(1));
    auto echo = InstallUdpEcho(lan.p, 7);
    auto client = InstallUdpEndpoint(lan.h, 4000);
    ScheduleFrom(client, lan.pAddr, 7, 20, Seconds(1.01));
    bool activeLate = false;
    Simulator::Schedule(Seconds(3), [&]() { activeLate = lan.Driver()->IsBootFilterActive(); });
    Simulator::Stop(Seconds(3.5));
    Simulator::Run();
    BOOST_TEST(activeLate);
    BOOST_TEST(atH->received == 0u);
    BOOST_TEST(echo->received == 20u);
    BOOST_TEST(client->received == 20u);
    BOOST_TEST(lan.Counters().Dropped(IpsecDropReason::BOOT_BLOCK) == 20u);
    BOOST_TEST(lan.Counters().Dropped(IpsecDropReason::FILTER_BLOCK) == 0u);
    BOOST_TEST(lan.Counters().Permitted(IpsecDirection::INBOUND) == 0u);
}

// A router during start-up: forwarded packets count as arriving traffic.
BOOST_AUTO_TEST_CASE(forwarded_packets_during_start_up)
{
    IpsecTestRouterLine line;
    NodeContainer& nodes = line.nodes;
    IpsecHelper::SetPolicyApplyTime(nodes.Get(1), Seconds(0), true);
    IpsecHelper::SetBootExemptions(nodes.Get(1), "UDP:any:5000:inbound");
    auto plain = InstallUdpCounter(nodes.Get(2), 9);
    auto exempt = InstallUdpCounter(nodes.Get(2), 5000);
    auto relay = InstallUdpEndpoint(nodes.Get(2), 67);
    ScheduleUdp(nodes.Get(0), "10.1.2.2", 9, 3, Seconds(1));
    ScheduleUdp(nodes.Get(0), "10.1.2.2", 5000, 4, Seconds(1.02));
    ScheduleUdp(nodes.Get(0), "10.1.2.2", 67, 2, Seconds(1.04), 100, nullptr, 68);
    Simulator::Stop(Seconds(2));
    Simulator::Run();
    const IpsecDriverCounters& c = IpsecHelper::GetDriver(nodes.Get(1))->GetCounters();
    BOOST_TEST(plain->received == 0u);
    BOOST_TEST(exempt->received == 4u);
    BOOST_TEST(relay->received == 2u);
    BOOST_TEST(c.BootPassed(IpsecDirection::FORWARD) == 6u);
    BOOST_TEST(c.dropped[size_t(IpsecDirection::FORWARD)] == 3u);
    BOOST_TEST(c.Dropped(IpsecDropReason::BOOT_BLOCK) == 3u);
}

// The netsh syntax: good forms, and their text back.
BOOST_AUTO_TEST_CASE(boot_exemption_syntax_good)
{
    auto text = [](const std::string& in) {
        return IpsecBootExemptionsToString(IpsecParseBootExemptions(in));
    };
    BOOST_TEST(text("TCP:any:3389:inbound") == "TCP:any:3389:inbound");
    BOOST_TEST(text("ICMP:inbound") == "ICMP:inbound");
    BOOST_TEST(text("  TCP:any:3389:inbound   ICMP:inbound ") ==
               "TCP:any:3389:inbound ICMP:inbound");
    BOOST_TEST(text("udp:67:0:Outbound") == "UDP:67:any:outbound");
    BOOST_TEST(text("tcp:0:0:INBOUND") == "TCP:any:any:inbound");
    BOOST_TEST(text("47:inbound") == "GRE:inbound");
    BOOST_TEST(text("200:outbound") == "200:outbound");
    BOOST_TEST(text("any:inbound") == "ANY:inbound");
    BOOST_TEST(text("none") == "none");
    BOOST_TEST(text("NONE") == "none");
    BOOST_TEST(text("") == "none");
    auto parsed = IpsecParseBootExemptions("TCP:1024:3389:inbound");
    BOOST_TEST_REQUIRE(parsed.size() == 1u);
    BOOST_TEST(parsed[0].protocol.value() == 6);
    BOOST_TEST(parsed[0].sourcePort.value() == 1024);
    BOOST_TEST(parsed[0].destinationPort.value() == 3389);
    BOOST_TEST(parsed[0].inbound);
    IpsecPacketSelector s;
    s.protocol = 6;
    s.sourcePort = 1024;
    s.destinationPort = 3389;
    BOOST_TEST(parsed[0].Matches(s, true));
    BOOST_TEST(!parsed[0].Matches(s, false));
    s.sourcePort = 1025;
    BOOST_TEST(!parsed[0].Matches(s, true));

    // Each setting replaces all earlier exemptions.
    Ptr<Node> node = CreateObject<Node>();
    InstallWithoutIke(node);
    Ptr<IpsecDriver> driver = IpsecHelper::GetDriver(node);
    BOOST_TEST(driver->GetBootExemptions() == "none");
    driver->SetBootExemptions("TCP:any:3389:inbound ICMP:inbound");
    driver->SetBootExemptions("UDP:any:53:outbound");
    BOOST_TEST(driver->GetBootExemptions() == "UDP:any:53:outbound");
    driver->SetAttribute("BootExemptions", StringValue("ICMP:inbound"));
    StringValue back;
    driver->GetAttribute("BootExemptions", back);
    BOOST_TEST(back.Get() == "ICMP:inbound");
    driver->SetAttribute("BootMode", StringValue("block"));
    BOOST_TEST((driver->GetBootMode() == IpsecBootMode::BLOCK));
    driver->SetAttribute("BootMode", StringValue("profile"));
    BOOST_TEST((driver->GetBootMode() == IpsecBootMode::STATEFUL));
}

// Malformed input: IpsecConfigError for field "bootexemptions", naming the entry and its
// field; nothing changes.
BOOST_AUTO_TEST_CASE(boot_exemption_syntax_bad)
{
    struct Bad
    {
        std::string text;
        std::string message;
    };
    const std::string forms = "expected PROTOCOL:SRCPORT:DSTPORT:DIRECTION or PROTOCOL:DIRECTION";
    const std::vector<Bad> cases = {
        {"TCP:any:3389", "entry \"TCP:any:3389\": format: " + forms},
        {"TCP", "entry \"TCP\": format: " + forms},
        {"TCP:any:3389:inbound:x", "entry \"TCP:any:3389:inbound:x\": format: " + forms},
        {"TCP:inbound",
         "entry \"TCP:inbound\": format: TCP needs PROTOCOL:SRCPORT:DSTPORT:DIRECTION"},
        {"ICMP:any:any:inbound",
         "entry \"ICMP:any:any:inbound\": srcport: ports need TCP or UDP; use ICMP:DIRECTION"},
        {"FOO:inbound", "entry \"FOO:inbound\": protocol: 'FOO' is not a protocol name or a "
                        "number 0-255"},
        {"256:inbound", "entry \"256:inbound\": protocol: '256' is not a protocol name or a "
                        "number 0-255"},
        {"TCP:any:70000:inbound",
         "entry \"TCP:any:70000:inbound\": dstport: '70000' is not a port (0-65535 or any)"},
        {"UDP:x:53:outbound",
         "entry \"UDP:x:53:outbound\": srcport: 'x' is not a port (0-65535 or any)"},
        {"UDP::53:outbound",
         "entry \"UDP::53:outbound\": srcport: '' is not a port (0-65535 or any)"},
        {"UDP:-1:53:outbound",
         "entry \"UDP:-1:53:outbound\": srcport: '-1' is not a port (0-65535 or any)"},
        {"TCP:any:3389:sideways",
         "entry \"TCP:any:3389:sideways\": direction: 'sideways' is not inbound or outbound"},
        {"ICMP:", "entry \"ICMP:\": direction: '' is not inbound or outbound"},
        {"TCP:any:3389:inbound BAD", "entry \"BAD\": format: " + forms},
        {"ICMP:inbound none", "entry \"none\": format: none cannot be combined with other entries"},
    };
    Ptr<Node> node = CreateObject<Node>();
    InstallWithoutIke(node);
    Ptr<IpsecDriver> driver = IpsecHelper::GetDriver(node);
    driver->SetBootExemptions("ICMP:inbound");
    for (const auto& c : cases)
    {
        BOOST_TEST_CONTEXT(c.text)
        {
            for (int path = 0; path < 3; ++path)
            {
                try
                {
                    switch (path)
                    {
                    case 0:
                        IpsecParseBootExemptions(c.text);
                        break;
                    case 1:
                        IpsecHelper::SetBootExemptions(node, c.text);
                        break;
                    default:
                        driver->SetAttribute("BootExemptions", StringValue(c.text));
                    }
                    BOOST_ERROR("accepted, path " << path);
                }
                catch (const IpsecConfigError& e)
                {
                    BOOST_TEST(e.GetField() == "bootexemptions");
                    BOOST_TEST(std::string(e.what()) == "bootexemptions: " + c.message);
                }
            }
        }
    }
    BOOST_TEST(driver->GetBootExemptions() == "ICMP:inbound");
    for (const char* bad : {"none", "Stateful ", "blocked", ""})
    {
        try
        {
            IpsecHelper::SetBootMode(node, bad);
            BOOST_ERROR("accepted '" << bad << "'");
        }
        catch (const IpsecConfigError& e)
        {
            BOOST_TEST(e.GetField() == "bootmode");
            BOOST_TEST(std::string(e.what()) ==
                       std::string("bootmode: '") + bad + "' is not stateful, block or permit");
        }
    }
    BOOST_TEST((IpsecParseBootMode("Stateful") == IpsecBootMode::STATEFUL));
    BOOST_CHECK_THROW(IpsecHelper::SetPolicyApplyTime(node, Seconds(-1)), IpsecConfigError);
}

BOOST_AUTO_TEST_SUITE_END()
