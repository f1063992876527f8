/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// What IKE keeps follows what is alive, not history: main mode SAs that are used up are
// deleted (with a delete to the peer), default response filters go with their SAs, a failed
// quick mode does not use up its main mode SA, the keys kept for Wireshark are bounded, and
// after thousands of rekeys every table holds exactly what the live SAs explain.

#include "ipsec-test-network.h"
#include "ipsec-test-random.h"
#include "ipsec-test-topology.h"

#include "ns3/point-to-point-module.h"

#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <array>
#include <functional>
#include <sstream>
#include <string>
#include <vector>

using namespace ns3;
using namespace ns3::test;

namespace
{

/** One traced IKE event. */
struct Traced
{
    double time;        //!< seconds
    uint32_t node;      //!< 0 = A, 1 = B
    std::string name;   //!< trace source
    std::string detail; //!< its detail
};

/** What a node holds at one moment. */
struct LiveCounts
{
    uint32_t mainModeSas{0};     //!< established main mode SAs
    uint32_t quickModeSas{0};    //!< installed quick mode SA pairs
    uint32_t sadEntries{0};      //!< SAs in the SAD
    size_t spdEntries{0};        //!< filters in the SPD
    size_t keyLines{0};          //!< lines of the esp_sa export (kept and live)
    size_t decryptionLines{0};   //!< lines of the IKE decryption table
};

std::vector<std::string>
Lines(const std::string& text)
{
    std::vector<std::string> lines;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);)
    {
        lines.push_back(line);
    }
    return lines;
}

/**
 * A 10.1.1.1 and B 10.1.1.2 on a 10 Mb/s, 5 ms link (preshared key); A negotiates for UDP to B
 * port 9, B (unless told otherwise) for UDP from its port 9.
 */
struct IkePair : SimulatorFixture
{
    NodeContainer nodes;
    std::vector<Traced> traced;

    explicit IkePair(bool bHasFilter = true)
    {
        InstallIkePskLink(nodes);
        IpsecHelper::AddFilter(nodes.Get(0),
                               "srcaddr=me dstaddr=10.1.1.2 protocol=udp dstport=9 "
                               "action=negotiate");
        if (bHasFilter)
        {
            IpsecHelper::AddFilter(nodes.Get(1),
                                   "srcaddr=me dstaddr=10.1.1.1 protocol=udp srcport=9 "
                                   "action=negotiate");
        }
        for (uint32_t i = 0; i < 2; ++i)
        {
            for (const char* name :
                 {"MainModeSucceeded", "MainModeDeleted", "QuickModeSucceeded", "QuickModeFailed"})
            {
                std::string source = name;
                Ike(i)->TraceConnectWithoutContext(
                    name,
                    Callback<void, Ipv4Address, const std::string&>(
                        [this, i, source](Ipv4Address, const std::string& detail) {
                            traced.push_back({Simulator::Now().GetSeconds(), i, source, detail});
                        }));
            }
        }
    }

    Ptr<IkeService> Ike(uint32_t i) const
    {
        return IpsecHelper::GetIke(nodes.Get(i));
    }

    /** Fixed random streams: runs within one test draw the same cookies, nonces and keys. */
    void FixStreams()
    {
        Ike(0)->AssignStreams(100);
        Ike(1)->AssignStreams(101);
    }

    Ptr<IpsecDriver> Driver(uint32_t i) const
    {
        return IpsecHelper::GetDriver(nodes.Get(i));
    }

    void SetBoth(const std::string& name, const AttributeValue& value)
    {
        Ike(0)->SetAttribute(name, value);
        Ike(1)->SetAttribute(name, value);
    }

    std::vector<Traced> Events(uint32_t node, const std::string& name) const
    {
        std::vector<Traced> found;
        std::copy_if(traced.begin(),
                     traced.end(),
                     std::back_inserter(found),
                     [&](const Traced& t) { return t.node == node && t.name == name; });
        return found;
    }

    std::string EspSaExport(uint32_t i) const
    {
        std::ostringstream os;
        Driver(i)->ExportEspSa(os, false);
        return os.str();
    }

    std::string DecryptionTable(uint32_t i) const
    {
        std::ostringstream os;
        Ike(i)->ExportDecryptionTable(os);
        return os.str();
    }

    LiveCounts Count(uint32_t i) const
    {
        LiveCounts c;
        c.mainModeSas = Ike(i)->GetNMainModeSas();
        c.quickModeSas = Ike(i)->GetNQuickModeSas();
        c.sadEntries = Driver(i)->GetSad().GetN();
        c.spdEntries = Driver(i)->GetSpd().GetOrderedEntries().size();
        c.keyLines = Lines(EspSaExport(i)).size();
        c.decryptionLines = Lines(DecryptionTable(i)).size();
        return c;
    }

    void RunUntil(double seconds)
    {
        Simulator::Stop(Seconds(seconds) - Simulator::Now());
        Simulator::Run();
    }
};

/** Send a UDP datagram from A to B port 9 every \p period until the simulation stops. */
void
SendEvery(Ptr<Node> from, Time period, uint64_t* sent)
{
    Ptr<Socket> socket = Socket::CreateSocket(from, UdpSocketFactory::GetTypeId());
    socket->Bind();
    auto tick = std::make_shared<std::function<void()>>();
    *tick = [socket, period, sent, weak = std::weak_ptr<std::function<void()>>(tick)]() {
        socket->SendTo(Create<Packet>(100), 0, InetSocketAddress(Ipv4Address("10.1.1.2"), 9));
        ++*sent;
        if (auto next = weak.lock())
        {
            Simulator::Schedule(period, [next]() { (*next)(); });
        }
    };
    Simulator::Schedule(Seconds(1), [tick]() { (*tick)(); });
}

} // namespace

BOOST_AUTO_TEST_SUITE(ipsec_ike_lifetime)

BOOST_AUTO_TEST_CASE(a_failed_quick_mode_does_not_use_up_the_main_mode)
{
    // B first refuses A's quick mode (no common method), then accepts after a policy change:
    // the second quick mode runs under the same main mode SA, which only a quick mode that
    // installed SAs uses up (QMperMM 1, or master key PFS).
    for (const std::string variant : {"QuickModesPerMainMode", "Pfs"})
    {
        IkePair link;
        if (variant == "Pfs")
        {
            link.SetBoth("Pfs", StringValue("master"));
        }
        else
        {
            link.SetBoth("QuickModesPerMainMode", UintegerValue(1));
        }
        link.Ike(1)->SetAttribute("QuickModeOffers", StringValue("ah-sha1"));
        auto atB = InstallUdpCounter(link.nodes.Get(1), 9);
        ScheduleUdp(link.nodes.Get(0), "10.1.1.2", 9, 1, Seconds(1));
        Simulator::Schedule(Seconds(5), [&link]() {
            link.Ike(1)->SetAttribute("QuickModeOffers", StringValue("esp-3des-sha1"));
        });
        ScheduleUdp(link.nodes.Get(0), "10.1.1.2", 9, 1, Seconds(10));
        link.RunUntil(12);
        BOOST_TEST(atB->received == 1u, variant);
        for (uint32_t i = 0; i < 2; ++i)
        {
            const IkeCounters& c = link.Ike(i)->GetCounters();
            BOOST_TEST(c.quickModeFailed == 1u, variant << " node " << i);
            BOOST_TEST(c.quickModeSucceeded == 1u, variant << " node " << i);
            BOOST_TEST(c.mainModeSucceeded == 1u, variant << " node " << i);
        }
        Simulator::Destroy();
    }
}

BOOST_AUTO_TEST_CASE(used_up_main_mode_sas_are_deleted_with_a_delete_to_the_peer)
{
    // Four quick modes in 30 s (lifetime 10 s): with master key PFS each under its own main
    // mode SA, with QMperMM 2 two under each. The quick mode responder (B: A rekeys first)
    // deletes the used-up main mode SA once the quick mode that used it up has installed its
    // SAs, and tells A, which deletes its copy; the next quick mode needs a new main mode.
    for (const std::string variant : {"Pfs", "QuickModesPerMainMode"})
    {
        IkePair link;
        link.SetBoth("QuickModeLifetime", TimeValue(Seconds(10)));
        uint32_t perMainMode = 1;
        if (variant == "Pfs")
        {
            link.SetBoth("Pfs", StringValue("master"));
        }
        else
        {
            perMainMode = 2;
            link.SetBoth("QuickModesPerMainMode", UintegerValue(perMainMode));
        }
        auto atB = InstallUdpCounter(link.nodes.Get(1), 9);
        ScheduleUdp(link.nodes.Get(0), "10.1.1.2", 9, 280); // 1.0 to 28.9 s
        link.RunUntil(30);
        BOOST_TEST(atB->received == 280u, variant);
        const IkeCounters& ca = link.Ike(0)->GetCounters();
        const IkeCounters& cb = link.Ike(1)->GetCounters();
        uint32_t mainModes = 4 / perMainMode;
        BOOST_TEST(ca.quickModeSucceeded == 4u, variant);
        BOOST_TEST(ca.mainModeSucceeded == mainModes, variant);
        auto doneB = link.Events(1, "QuickModeSucceeded");
        auto deletedB = link.Events(1, "MainModeDeleted");
        auto deletedA = link.Events(0, "MainModeDeleted");
        BOOST_REQUIRE_MESSAGE(doneB.size() == 4u, variant);
        BOOST_REQUIRE_MESSAGE(deletedB.size() == mainModes, variant);
        BOOST_REQUIRE_MESSAGE(deletedA.size() == mainModes, variant);
        for (uint32_t m = 0; m < mainModes; ++m)
        {
            // B: at once when the last quick mode the main mode SA allows is installed there.
            BOOST_TEST(deletedB[m].detail == "used-up", variant);
            BOOST_TEST(deletedB[m].time == doneB[(m + 1) * perMainMode - 1].time, variant);
            // A: when B's delete arrives (a 5 ms link).
            BOOST_TEST(deletedA[m].detail == "peer-delete", variant);
            BOOST_TEST(deletedA[m].time > deletedB[m].time + 0.005, variant);
            BOOST_TEST(deletedA[m].time < deletedB[m].time + 0.006, variant);
        }
        BOOST_TEST(cb.deletesSent == mainModes, variant);
        BOOST_TEST(ca.deletesReceived == mainModes, variant);
        BOOST_TEST(ca.deletesSent == 0u, variant);
        BOOST_TEST(ca.ignored + cb.ignored == 0u, variant);
        // Nothing left but the pair in use (and the one it replaced, lingering).
        BOOST_TEST(link.Ike(0)->GetNMainModeSas() == 0u, variant);
        BOOST_TEST(link.Ike(1)->GetNMainModeSas() == 0u, variant);
        BOOST_TEST(link.Ike(0)->GetNQuickModeSas() == link.Ike(1)->GetNQuickModeSas(), variant);
        Simulator::Destroy();
    }
}

BOOST_AUTO_TEST_CASE(a_lost_main_mode_delete_is_made_up_for_when_the_quick_mode_settles)
{
    // Master key PFS; A loses B's delete (the fifth message it receives: main mode 2, 4, 6,
    // quick mode 2, delete). A keeps its copy while its quick mode may still have to answer a
    // repeated quick mode 2 (15 s, the settle time), then deletes it and tells B, which has
    // none any more and ignores the delete.
    IkePair link;
    link.SetBoth("Pfs", StringValue("master"));
    auto loss = CreateObject<ReceiveListErrorModel>();
    loss->SetList({4});
    for (uint32_t d = 0; d < link.nodes.Get(0)->GetNDevices(); ++d)
    {
        if (Ptr<PointToPointNetDevice> device =
                DynamicCast<PointToPointNetDevice>(link.nodes.Get(0)->GetDevice(d)))
        {
            device->SetReceiveErrorModel(loss);
        }
    }
    auto atB = InstallUdpCounter(link.nodes.Get(1), 9);
    ScheduleUdp(link.nodes.Get(0), "10.1.1.2", 9, 1);
    link.RunUntil(10);
    BOOST_TEST(link.Ike(0)->GetNMainModeSas() == 1u);
    BOOST_TEST(link.Ike(1)->GetNMainModeSas() == 0u);
    link.RunUntil(20);
    BOOST_TEST(atB->received == 1u);
    auto doneA = link.Events(0, "QuickModeSucceeded");
    auto deletedA = link.Events(0, "MainModeDeleted");
    auto deletedB = link.Events(1, "MainModeDeleted");
    BOOST_REQUIRE(doneA.size() == 1u);
    BOOST_REQUIRE(deletedA.size() == 1u);
    BOOST_REQUIRE(deletedB.size() == 1u);
    BOOST_TEST(deletedB[0].detail == "used-up");
    BOOST_TEST(deletedA[0].detail == "used-up");
    BOOST_TEST(deletedA[0].time == doneA[0].time + 15);
    const IkeCounters& ca = link.Ike(0)->GetCounters();
    const IkeCounters& cb = link.Ike(1)->GetCounters();
    BOOST_TEST(ca.deletesSent == 1u);
    BOOST_TEST(cb.deletesSent == 1u);
    BOOST_TEST(ca.deletesReceived == 0u);
    BOOST_TEST(cb.deletesReceived == 0u);
    BOOST_TEST(cb.ignored == 1u); // A's delete, for a main mode SA B no longer has
    BOOST_TEST(link.Ike(0)->GetNMainModeSas() == 0u);
    BOOST_TEST(link.Ike(0)->GetNQuickModeSas() == 1u);
    BOOST_TEST(link.Ike(1)->GetNQuickModeSas() == 1u);
}

BOOST_AUTO_TEST_CASE(default_response_filters_go_with_their_sas)
{
    // B has no policy of its own, only the default response rule: answering A's quick mode
    // adds a filter for that traffic. It serves the rekeyed pair too (one filter, not one per
    // negotiation), and goes when the last pair under it does (A deletes the idle pair and
    // tells B), as Windows' dynamic filters time out with their quick mode SAs.
    IkePair link(false);
    link.Ike(1)->SetAttribute("DefaultResponseRule", BooleanValue(true));
    link.Ike(0)->SetAttribute("IdleTimeout", TimeValue(Seconds(20))); // B keeps 300 s
    link.SetBoth("QuickModeLifetime", TimeValue(Seconds(30)));
    auto atB = InstallUdpCounter(link.nodes.Get(1), 9);
    ScheduleUdp(link.nodes.Get(0), "10.1.1.2", 9, 300); // 1.0 to 30.9 s
    link.RunUntil(35);
    // Rekeyed at 27.9 s; the old pair met its hard limit at 31 s.
    BOOST_TEST(link.Ike(0)->GetCounters().rekeys == 1u);
    BOOST_TEST(link.Ike(1)->GetNQuickModeSas() == 1u);
    BOOST_TEST(link.Driver(1)->GetSpd().GetOrderedEntries().size() == 1u);
    link.RunUntil(70);
    BOOST_TEST(atB->received == 300u);
    // Idle from 30.9 s: deleted at 50.9 s on A (before its next rekey), and at once on B by
    // A's delete.
    BOOST_TEST(link.Ike(0)->GetCounters().rekeys == 1u);
    BOOST_TEST(link.Ike(1)->GetCounters().deletesReceived == 1u);
    BOOST_TEST(link.Driver(0)->GetSad().GetN() == 0u);
    BOOST_TEST(link.Driver(1)->GetSad().GetN() == 0u);
    BOOST_TEST(link.Driver(1)->GetSpd().GetOrderedEntries().size() == 0u);
    BOOST_TEST(link.Driver(0)->GetSpd().GetOrderedEntries().size() == 1u);
    // B's next answer makes the filter again.
    ScheduleUdp(link.nodes.Get(0), "10.1.1.2", 9, 1, Seconds(10)); // at 80 s
    link.RunUntil(85);
    BOOST_TEST(atB->received == 301u);
    BOOST_TEST(link.Driver(1)->GetSpd().GetOrderedEntries().size() == 1u);
}

BOOST_AUTO_TEST_CASE(kept_keys_are_bounded_and_the_oldest_go_first)
{
    // The same run (master key PFS, seven quick modes, each under its own main mode) with the
    // default bounds, with small ones, and without kept keys: the small bounds keep the last
    // lines of the full export, in the same order.
    auto run = [](int bounds, std::string& esp, std::string& ike) {
        IkePair link;
        link.FixStreams();
        link.SetBoth("Pfs", StringValue("master"));
        link.SetBoth("QuickModeLifetime", TimeValue(Seconds(10)));
        if (bounds == 1)
        {
            link.SetBoth("MaxDeletedDecryptionKeys", UintegerValue(2));
            link.Driver(0)->SetAttribute("MaxDeletedKeys", UintegerValue(4));
        }
        else if (bounds == 2)
        {
            link.SetBoth("MaxDeletedDecryptionKeys", UintegerValue(0));
            link.Driver(0)->SetAttribute("KeepDeletedKeys", BooleanValue(false));
        }
        ScheduleUdp(link.nodes.Get(0), "10.1.1.2", 9, 600); // 1.0 to 60.9 s
        link.RunUntil(62);
        esp = link.EspSaExport(0);
        ike = link.DecryptionTable(0);
        BOOST_TEST(link.Ike(0)->GetCounters().mainModeSucceeded == 7u);
        Simulator::Destroy();
    };
    std::string espAll;
    std::string ikeAll;
    std::string espFew;
    std::string ikeFew;
    std::string espNone;
    std::string ikeNone;
    run(0, espAll, ikeAll);
    run(1, espFew, ikeFew);
    run(2, espNone, ikeNone);
    // Six replaced pairs (12 SAs) and the live pair (2 SAs) on A.
    std::vector<std::string> all = Lines(espAll);
    BOOST_REQUIRE(all.size() == 14u);
    std::vector<std::string> few(all.begin() + 8, all.end()); // the last 4 deleted, the live 2
    BOOST_TEST(Lines(espFew) == few, boost::test_tools::per_element());
    std::vector<std::string> none(all.begin() + 12, all.end());
    BOOST_TEST(Lines(espNone) == none, boost::test_tools::per_element());
    // Seven main mode SAs, all gone (each used up by its quick mode).
    std::vector<std::string> keys = Lines(ikeAll);
    BOOST_REQUIRE(keys.size() == 7u);
    BOOST_TEST(Lines(ikeFew) == std::vector<std::string>(keys.begin() + 5, keys.end()),
               boost::test_tools::per_element());
    BOOST_TEST(ikeNone.empty());
}

BOOST_AUTO_TEST_CASE(decryption_table_keeps_live_entries_and_the_latest_gone_ones_in_order)
{
    // Five main mode SAs' keys; three go (2, 4, 1) with room for two gone ones: 2 is dropped
    // (the first to go), the rest stay in the order the keys were made.
    IkeDecryptionTable table;
    table.SetRetiredLimit(2);
    std::vector<uint32_t> handles;
    for (uint64_t cookie = 1; cookie <= 5; ++cookie)
    {
        handles.push_back(table.Add(cookie, std::vector<uint8_t>(24, uint8_t(cookie))));
    }
    table.Retire(handles[1]);
    table.Retire(handles[3]);
    table.Retire(handles[0]);
    table.Retire(handles[0]); // twice: nothing more happens
    std::ostringstream os;
    table.Write(os);
    std::vector<std::string> lines = Lines(os.str());
    BOOST_REQUIRE(lines.size() == 4u);
    for (size_t i = 0; i < lines.size(); ++i)
    {
        BOOST_TEST(lines[i].substr(0, 17) ==
                   std::string("000000000000000") + "1345"[i] + ",");
    }
    BOOST_TEST(table.GetSize() == 4u);
    // Churn: 10,000 more come and go around the two live ones; the table holds 2 + 2.
    for (uint64_t cookie = 6; cookie < 10006; ++cookie)
    {
        table.Retire(table.Add(cookie, std::vector<uint8_t>(8, 1)));
    }
    std::ostringstream after;
    table.Write(after);
    lines = Lines(after.str());
    BOOST_REQUIRE(lines.size() == 4u);
    BOOST_TEST(lines[0].substr(0, 17) == "0000000000000003,");
    BOOST_TEST(lines[1].substr(0, 17) == "0000000000000005,");
    BOOST_TEST(lines[2].substr(0, 17) == "0000000000002714,"); // 10004
    BOOST_TEST(lines[3].substr(0, 17) == "0000000000002715,"); // 10005
    BOOST_TEST(table.GetSize() == 4u);
}

namespace
{

/** A long run: the counts of both nodes half a second after chosen rekeys of A. */
std::vector<std::array<LiveCounts, 2>>
CountAfterRekeys(IkePair& link, const std::vector<uint64_t>& checkpoints, uint64_t* sent)
{
    // A 2 s lifetime: A rekeys 1.7-1.8 s after each pair exists; half a second after, the pair
    // it replaced has met its hard limit on both sides and the next rekey is over a second
    // away, so exactly one pair is alive.
    link.SetBoth("QuickModeLifetime", TimeValue(Seconds(2)));
    SendEvery(link.nodes.Get(0), Seconds(1), sent);
    std::vector<std::array<LiveCounts, 2>> counts;
    auto rekeys = std::make_shared<uint64_t>(0);
    link.Ike(0)->TraceConnectWithoutContext(
        "Rekeyed",
        Callback<void, Ipv4Address, const std::string&>(
            [&link, &counts, &checkpoints, rekeys](Ipv4Address, const std::string&) {
                ++*rekeys;
                if (std::find(checkpoints.begin(), checkpoints.end(), *rekeys) ==
                    checkpoints.end())
                {
                    return;
                }
                Simulator::Schedule(MilliSeconds(500), [&link, &counts, &checkpoints]() {
                    counts.push_back({link.Count(0), link.Count(1)});
                    if (counts.size() == checkpoints.size())
                    {
                        Simulator::Stop();
                    }
                });
            }));
    // A bound in case the rekeys stall (about 1.8 s each): the counts then fall short.
    Simulator::Stop(Seconds(3.0 * static_cast<double>(checkpoints.back())));
    Simulator::Run();
    return counts;
}

} // namespace

BOOST_AUTO_TEST_CASE(live_state_explains_every_count_after_thousands_of_rekeys)
{
    // After N and 10 N rekeys every count is what the live state explains: the pair in use (2
    // SAs), the configured filter, the main mode SA it runs under (none with master key PFS:
    // each is deleted once used), the deleted SAs' key lines up to MaxDeletedKeys (1,024) and
    // the decryption keys of main mode SAs gone up to MaxDeletedDecryptionKeys (1,024).
    struct Variant
    {
        const char* name;
        bool masterPfs;
        bool certificates;
        uint64_t rekeys; //!< N
    };
    for (const Variant& v : {Variant{"psk", false, false, 1000},
                             Variant{"psk, master key PFS", true, false, 1000},
                             Variant{"certificates", false, true, 1000},
                             Variant{"certificates, master key PFS", true, true, 100}})
    {
        IkePair link;
        if (v.masterPfs)
        {
            link.SetBoth("Pfs", StringValue("master"));
            link.SetBoth("MainModeMethods", StringValue("3des-sha1-1"));
        }
        if (v.certificates)
        {
            IkeRandom rng(Stream(7));
            auto root = IkeCertificateAuthority::CreateRoot("Contoso Root CA", rng);
            for (uint32_t i = 0; i < 2; ++i)
            {
                link.Ike(i)->SetCertificate(root->Issue(std::string("host") + char('a' + i), rng));
                link.Ike(i)->AddTrustedRoot(root->GetCertificate());
                link.Ike(i)->SetAttribute("AuthMethods", StringValue("cert"));
            }
        }
        link.FixStreams();
        auto atB = InstallUdpCounter(link.nodes.Get(1), 9);
        uint64_t sent = 0;
        auto counts = CountAfterRekeys(link, {v.rekeys, 10 * v.rekeys}, &sent);
        BOOST_REQUIRE_MESSAGE(counts.size() == 2u, v.name);
        for (size_t k = 0; k < 2; ++k)
        {
            uint64_t rekeys = k == 0 ? v.rekeys : 10 * v.rekeys;
            // Each replaced pair's 2 SAs went on each node.
            size_t keptKeys = std::min<uint64_t>(2 * rekeys, 1024);
            // A main mode SA per pair with master key PFS, all gone; else one, alive.
            size_t decryptionKeys = v.masterPfs ? std::min<uint64_t>(rekeys + 1, 1024) : 1;
            for (uint32_t i = 0; i < 2; ++i)
            {
                const LiveCounts& c = counts[k][i];
                std::string where = std::string(v.name) + ", " + std::to_string(rekeys) +
                                    " rekeys, node " + std::to_string(i);
                BOOST_TEST(c.mainModeSas == (v.masterPfs ? 0u : 1u), where);
                BOOST_TEST(c.quickModeSas == 1u, where);
                BOOST_TEST(c.sadEntries == 2u, where);
                BOOST_TEST(c.spdEntries == 1u, where);
                BOOST_TEST(c.keyLines == keptKeys + 2, where);
                BOOST_TEST(c.decryptionLines == decryptionKeys, where);
            }
        }
        // Nothing was lost on the way (the last datagram may still be on the link).
        BOOST_TEST(atB->received + 1 >= sent, v.name);
        BOOST_TEST(link.Driver(1)->GetCounters().dropped[1] == 0u, v.name);
        BOOST_TEST(link.Ike(0)->GetCounters().retransmissions == 0u, v.name);
        Simulator::Destroy();
    }
}

BOOST_AUTO_TEST_SUITE_END()
