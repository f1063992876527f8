/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// Unit tests for IpsecSpd: lookup semantics of every address kind, protocol, ports and
// mirroring; weight ordering and its tie breaks; "My IP address" tracking; removal and
// listing; multicast destinations; and a randomized cross-check of the indexed lookup against
// a plain linear scan written here from the documented rules. Also the hash map under the
// index (and the SAD), against std::map.

#include "ns3/ipsec-config-error.h"
#include "ns3/ipsec-filter.h"
#include "ns3/ipsec-flat-map.h"
#include "ns3/ipsec-packet-selector.h"
#include "ns3/ipsec-spd.h"

#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <functional>
#include <map>
#include <random>
#include <sstream>
#include <string>
#include <vector>

using namespace ns3;

namespace
{

const uint8_t ICMP = 1;
const uint8_t TCP = 6;
const uint8_t UDP = 17;
const uint8_t GRE = 47;

IpsecPacketSelector
Sel(const char* source,
    const char* destination,
    uint8_t protocol = UDP,
    uint16_t sourcePort = 0,
    uint16_t destinationPort = 0)
{
    IpsecPacketSelector s;
    s.source = Ipv4Address(source);
    s.destination = Ipv4Address(destination);
    s.protocol = protocol;
    s.sourcePort = sourcePort;
    s.destinationPort = destinationPort;
    return s;
}

/** The id of the deciding filter, 0 when none matches (ids start at 1). */
uint32_t
Match(const IpsecSpd& spd, const IpsecPacketSelector& selector)
{
    const IpsecSpdEntry* entry = spd.Lookup(selector);
    return entry ? entry->id : 0;
}

uint32_t
Add(IpsecSpd& spd, const std::string& text)
{
    return spd.Add(IpsecFilter::Parse(text));
}

std::vector<Ipv4Address>
Addresses(std::initializer_list<const char*> texts)
{
    std::vector<Ipv4Address> out;
    for (const char* text : texts)
    {
        out.emplace_back(text);
    }
    return out;
}

std::string
Dotted(uint32_t a)
{
    return std::to_string(a >> 24) + "." + std::to_string((a >> 16) & 0xff) + "." +
           std::to_string((a >> 8) & 0xff) + "." + std::to_string(a & 0xff);
}

uint32_t
PrefixMask(unsigned length)
{
    return length == 0 ? 0u : ~0u << (32 - length);
}

} // namespace

BOOST_AUTO_TEST_SUITE(ipsec_spd)

BOOST_AUTO_TEST_CASE(empty_spd)
{
    IpsecSpd spd;
    BOOST_TEST(spd.GetNFilters() == 0u);
    BOOST_TEST(Match(spd, Sel("10.0.0.1", "10.0.0.2")) == 0u);
    BOOST_TEST(spd.GetOrderedEntries().size() == 0u);
    std::ostringstream os;
    spd.Print(os);
    BOOST_TEST(os.str().find("(no filters") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(any_address)
{
    IpsecSpd spd;
    uint32_t id = Add(spd, "srcaddr=any dstaddr=any mirrored=no action=block");
    BOOST_TEST(id == 1u);
    BOOST_TEST(Match(spd, Sel("10.0.0.1", "10.0.0.2")) == id);
    BOOST_TEST(Match(spd, Sel("192.168.1.1", "8.8.8.8", TCP, 1234, 80)) == id);
    BOOST_TEST(Match(spd, Sel("1.2.3.4", "224.0.0.1", ICMP)) == id);
    BOOST_TEST(Match(spd, Sel("0.0.0.0", "255.255.255.255", UDP, 68, 67)) == id);
}

BOOST_AUTO_TEST_CASE(me_address)
{
    IpsecSpd spd;
    spd.SetLocalAddresses(Addresses({"10.1.1.1", "10.2.2.2"}));
    BOOST_TEST(spd.GetLocalAddresses().size() == 2u);
    BOOST_TEST(spd.GetLocalAddresses()[1] == Ipv4Address("10.2.2.2"));
    uint32_t out = Add(spd, "srcaddr=me dstaddr=10.9.0.0/16 mirrored=no action=block");
    uint32_t in = Add(spd, "srcaddr=any dstaddr=me mirrored=no action=negotiate");

    BOOST_TEST(Match(spd, Sel("10.1.1.1", "10.9.1.1")) == out);
    BOOST_TEST(Match(spd, Sel("10.2.2.2", "10.9.255.255")) == out);
    BOOST_TEST(Match(spd, Sel("10.1.1.2", "10.9.1.1")) == 0u);  // not one of my addresses
    BOOST_TEST(Match(spd, Sel("10.2.2.2", "10.10.0.1")) == 0u); // outside the subnet
    BOOST_TEST(Match(spd, Sel("10.9.1.1", "10.1.1.1")) == in);  // not mirrored: "in" decides
    BOOST_TEST(Match(spd, Sel("10.9.1.1", "10.2.2.2")) == in);
    BOOST_TEST(Match(spd, Sel("10.9.1.1", "10.3.3.3")) == 0u);

    // "me" on both ends: any pair of my addresses.
    IpsecSpd self;
    self.SetLocalAddresses(Addresses({"10.1.1.1", "10.2.2.2"}));
    uint32_t both = Add(self, "srcaddr=me dstaddr=me mirrored=no action=permit");
    BOOST_TEST(Match(self, Sel("10.1.1.1", "10.2.2.2")) == both);
    BOOST_TEST(Match(self, Sel("10.2.2.2", "10.1.1.1")) == both);
    BOOST_TEST(Match(self, Sel("10.1.1.1", "10.1.1.1")) == both);
    BOOST_TEST(Match(self, Sel("10.1.1.1", "10.3.3.3")) == 0u);
}

BOOST_AUTO_TEST_CASE(host_address)
{
    IpsecSpd spd;
    uint32_t id = Add(spd, "srcaddr=10.1.1.1 dstaddr=10.2.2.2 mirrored=no action=block");
    BOOST_TEST(Match(spd, Sel("10.1.1.1", "10.2.2.2")) == id);
    BOOST_TEST(Match(spd, Sel("10.1.1.1", "10.2.2.2", TCP, 1, 2)) == id);
    BOOST_TEST(Match(spd, Sel("10.1.1.0", "10.2.2.2")) == 0u);
    BOOST_TEST(Match(spd, Sel("10.1.1.2", "10.2.2.2")) == 0u);
    BOOST_TEST(Match(spd, Sel("10.1.1.1", "10.2.2.3")) == 0u);
    BOOST_TEST(Match(spd, Sel("10.1.1.1", "10.2.2.1")) == 0u);
    BOOST_TEST(Match(spd, Sel("10.2.2.2", "10.1.1.1")) == 0u);
}

BOOST_AUTO_TEST_CASE(subnet_every_prefix_length)
{
    // Check the first and last address of the subnet and both neighbours outside, for every
    // prefix length, on the destination and on the source end.
    const uint32_t base = 0xAC10F0E8; // 172.16.240.232
    const char* other = "10.0.0.1";
    for (unsigned length = 0; length <= 31; ++length)
    {
        uint32_t mask = PrefixMask(length);
        uint32_t network = base & mask;
        uint32_t last = network | ~mask;
        std::string subnet = Dotted(network) + "/" + std::to_string(length);
        BOOST_TEST_CONTEXT("subnet " << subnet)
        {
            IpsecSpd toSubnet;
            uint32_t d = Add(toSubnet, "dstaddr=" + subnet + " mirrored=no action=block");
            IpsecSpd fromSubnet;
            uint32_t s = Add(fromSubnet, "srcaddr=" + subnet + " mirrored=no action=block");
            for (uint32_t inside : {network, last, base})
            {
                std::string a = Dotted(inside);
                BOOST_TEST(Match(toSubnet, Sel(other, a.c_str())) == d);
                BOOST_TEST(Match(fromSubnet, Sel(a.c_str(), other)) == s);
                if (length > 0)
                {
                    // Not mirrored: the reverse direction is not covered.
                    BOOST_TEST(Match(toSubnet, Sel(a.c_str(), other)) == 0u);
                }
            }
            if (length > 0)
            {
                // The base is far from 0.0.0.0 and 255.255.255.255 below /1, so the
                // neighbours do not wrap around except above the last address of /1.
                std::string below = Dotted(network - 1);
                BOOST_TEST(Match(toSubnet, Sel(other, below.c_str())) == 0u);
                BOOST_TEST(Match(fromSubnet, Sel(below.c_str(), other)) == 0u);
                if (last != 0xffffffffu)
                {
                    std::string above = Dotted(last + 1);
                    BOOST_TEST(Match(toSubnet, Sel(other, above.c_str())) == 0u);
                    BOOST_TEST(Match(fromSubnet, Sel(above.c_str(), other)) == 0u);
                }
            }
        }
    }

    // The /13 of the brief, by name.
    IpsecSpd spd;
    uint32_t id = Add(spd, "srcaddr=any dstaddr=10.8.0.0/13 mirrored=no action=block");
    BOOST_TEST(Match(spd, Sel(other, "10.8.0.0")) == id);
    BOOST_TEST(Match(spd, Sel(other, "10.12.34.56")) == id);
    BOOST_TEST(Match(spd, Sel(other, "10.15.255.255")) == id);
    BOOST_TEST(Match(spd, Sel(other, "10.7.255.255")) == 0u);
    BOOST_TEST(Match(spd, Sel(other, "10.16.0.0")) == 0u);
}

BOOST_AUTO_TEST_CASE(protocol)
{
    IpsecSpd spd;
    uint32_t udp = Add(spd, "protocol=udp mirrored=no action=block");
    BOOST_TEST(Match(spd, Sel("10.0.0.1", "10.0.0.2", UDP, 5, 6)) == udp);
    BOOST_TEST(Match(spd, Sel("10.0.0.1", "10.0.0.2", TCP, 5, 6)) == 0u);
    BOOST_TEST(Match(spd, Sel("10.0.0.1", "10.0.0.2", ICMP)) == 0u);

    // Protocol 0 is a protocol like any other, not "any".
    IpsecSpd zero;
    uint32_t hopopt = Add(zero, "protocol=0 action=block");
    BOOST_TEST(Match(zero, Sel("10.0.0.1", "10.0.0.2", 0)) == hopopt);
    BOOST_TEST(Match(zero, Sel("10.0.0.1", "10.0.0.2", ICMP)) == 0u);

    IpsecSpd gre;
    uint32_t id = Add(gre, "srcaddr=10.0.0.1 dstaddr=10.0.0.2 protocol=gre action=permit");
    BOOST_TEST(Match(gre, Sel("10.0.0.1", "10.0.0.2", GRE)) == id);
    BOOST_TEST(Match(gre, Sel("10.0.0.2", "10.0.0.1", GRE)) == id); // mirrored by default
    BOOST_TEST(Match(gre, Sel("10.0.0.1", "10.0.0.2", 50)) == 0u);
}

BOOST_AUTO_TEST_CASE(ports)
{
    IpsecSpd spd;
    uint32_t both = Add(spd,
                        "srcaddr=any dstaddr=10.2.2.2 protocol=tcp srcport=1024 dstport=80 "
                        "mirrored=no action=block");
    uint32_t dns = Add(spd, "protocol=udp dstport=53 mirrored=no action=negotiate");
    BOOST_TEST(Match(spd, Sel("10.1.1.1", "10.2.2.2", TCP, 1024, 80)) == both);
    BOOST_TEST(Match(spd, Sel("10.1.1.1", "10.2.2.2", TCP, 1025, 80)) == 0u);
    BOOST_TEST(Match(spd, Sel("10.1.1.1", "10.2.2.2", TCP, 1024, 81)) == 0u);
    BOOST_TEST(Match(spd, Sel("10.1.1.1", "10.2.2.2", UDP, 1024, 80)) == 0u);
    BOOST_TEST(Match(spd, Sel("10.1.1.1", "10.2.2.2", TCP, 80, 1024)) == 0u);
    BOOST_TEST(Match(spd, Sel("10.1.1.1", "10.9.9.9", UDP, 40000, 53)) == dns);
    BOOST_TEST(Match(spd, Sel("10.1.1.1", "10.9.9.9", UDP, 53, 40000)) == 0u);
    BOOST_TEST(Match(spd, Sel("10.1.1.1", "10.9.9.9", TCP, 40000, 53)) == 0u);

    // An ICMP selector never matches a port filter, whatever its (meaningless) port fields hold.
    BOOST_TEST(Match(spd, Sel("10.1.1.1", "10.2.2.2", ICMP, 1024, 80)) == 0u);
    BOOST_TEST(Match(spd, Sel("10.1.1.1", "10.9.9.9", ICMP, 0, 53)) == 0u);
    IpsecPacketSelector icmp = Sel("10.1.1.1", "10.2.2.2", ICMP);
    const uint8_t header[] = {0x04, 0x00, 0x00, 0x50}; // would read as 1024 > 80
    icmp.SetPortsFromTransportHeader(header);
    BOOST_TEST(Match(spd, icmp) == 0u);
    uint32_t ping = Add(spd, "protocol=icmp mirrored=no action=permit");
    BOOST_TEST(Match(spd, icmp) == ping);
    BOOST_TEST(Match(spd, Sel("10.1.1.1", "10.2.2.2", ICMP, 1024, 80)) == ping);
}

BOOST_AUTO_TEST_CASE(mirrored)
{
    const std::string text = "srcaddr=10.1.1.1 dstaddr=10.2.0.0/16 protocol=tcp srcport=1024 "
                             "dstport=80 action=block mirrored=";
    IpsecSpd yes;
    uint32_t y = Add(yes, text + "yes");
    IpsecSpd no;
    uint32_t n = Add(no, text + "no");

    IpsecPacketSelector forward = Sel("10.1.1.1", "10.2.3.4", TCP, 1024, 80);
    IpsecPacketSelector reverse = Sel("10.2.3.4", "10.1.1.1", TCP, 80, 1024);
    IpsecPacketSelector reverseSamePorts = Sel("10.2.3.4", "10.1.1.1", TCP, 1024, 80);
    IpsecPacketSelector reverseOtherHost = Sel("10.2.3.4", "10.1.1.2", TCP, 80, 1024);
    IpsecPacketSelector reverseOutside = Sel("10.3.3.4", "10.1.1.1", TCP, 80, 1024);

    BOOST_TEST(Match(yes, forward) == y);
    BOOST_TEST(Match(yes, reverse) == y);
    BOOST_TEST(Match(yes, reverseSamePorts) == 0u); // the mirror swaps the ports too
    BOOST_TEST(Match(yes, reverseOtherHost) == 0u);
    BOOST_TEST(Match(yes, reverseOutside) == 0u);

    BOOST_TEST(Match(no, forward) == n);
    BOOST_TEST(Match(no, reverse) == 0u);
    BOOST_TEST(Match(no, reverseSamePorts) == 0u);

    // One port given: the mirror constrains the other end's port.
    IpsecSpd dns;
    dns.SetLocalAddresses(Addresses({"10.1.1.1"}));
    uint32_t d = Add(dns, "srcaddr=me dstaddr=any protocol=udp dstport=53 action=permit");
    BOOST_TEST(Match(dns, Sel("10.1.1.1", "8.8.8.8", UDP, 40000, 53)) == d);
    BOOST_TEST(Match(dns, Sel("8.8.8.8", "10.1.1.1", UDP, 53, 40000)) == d);
    BOOST_TEST(Match(dns, Sel("8.8.8.8", "10.1.1.1", UDP, 40000, 53)) == 0u);
    BOOST_TEST(Match(dns, Sel("8.8.8.8", "10.1.1.2", UDP, 53, 40000)) == 0u);
}

BOOST_AUTO_TEST_CASE(most_specific_wins_in_either_order)
{
    for (bool generalFirst : {true, false})
    {
        BOOST_TEST_CONTEXT("general filter added first: " << generalFirst)
        {
            IpsecSpd spd;
            const std::string general = "action=permit";
            const std::string specific = "srcaddr=10.1.1.1 dstaddr=10.2.2.2 action=block";
            uint32_t g = 0;
            uint32_t s = 0;
            if (generalFirst)
            {
                g = Add(spd, general);
                s = Add(spd, specific);
            }
            else
            {
                s = Add(spd, specific);
                g = Add(spd, general);
            }
            BOOST_TEST(Match(spd, Sel("10.1.1.1", "10.2.2.2")) == s);
            BOOST_TEST(Match(spd, Sel("10.2.2.2", "10.1.1.1")) == s);
            BOOST_TEST(Match(spd, Sel("10.1.1.1", "10.2.2.3")) == g);
        }
    }

    // A ladder of ever more specific filters, added in every possible order: each packet is
    // decided by the most specific filter it matches, whatever the insertion order.
    const std::vector<std::string> ladder = {
        "action=block",
        "dstaddr=10.0.0.0/8 mirrored=no action=permit",
        "dstaddr=10.2.0.0/16 mirrored=no action=block",
        "dstaddr=10.2.2.2 mirrored=no action=permit",
        "dstaddr=10.2.2.2 protocol=tcp mirrored=no action=permit",
        "dstaddr=10.2.2.2 protocol=tcp dstport=80 mirrored=no action=block",
        "srcaddr=10.1.1.0/24 dstaddr=10.2.2.2 protocol=tcp dstport=80 mirrored=no action=permit",
    };
    // packets[i] is decided by ladder[i].
    const std::vector<IpsecPacketSelector> packets = {
        Sel("10.1.2.5", "11.0.0.1"),
        Sel("10.1.2.5", "10.3.0.1"),
        Sel("10.1.2.5", "10.2.3.3"),
        Sel("10.1.2.5", "10.2.2.2", UDP, 999, 80),
        Sel("10.1.2.5", "10.2.2.2", TCP, 999, 81),
        Sel("10.1.2.5", "10.2.2.2", TCP, 999, 80),
        Sel("10.1.1.5", "10.2.2.2", TCP, 999, 80),
    };
    std::vector<size_t> order(ladder.size());
    for (size_t i = 0; i < order.size(); ++i)
    {
        order[i] = i;
    }
    uint32_t permutations = 0;
    uint32_t failures = 0;
    do
    {
        IpsecSpd spd;
        std::vector<uint32_t> idOf(ladder.size());
        for (size_t i : order)
        {
            idOf[i] = Add(spd, ladder[i]);
        }
        for (size_t i = 0; i < packets.size(); ++i)
        {
            uint32_t got = Match(spd, packets[i]);
            if (got != idOf[i] && ++failures <= 5)
            {
                // Report only the first few, the rest would repeat them.
                BOOST_TEST_CONTEXT("packet " << packets[i] << ", permutation " << permutations)
                {
                    BOOST_TEST(got == idOf[i]);
                }
            }
        }
        ++permutations;
    } while (std::next_permutation(order.begin(), order.end()));
    BOOST_TEST(permutations == 5040u);
    BOOST_TEST(failures == 0u);
}

BOOST_AUTO_TEST_CASE(equal_weights_lower_id_wins)
{
    // Two different filters of the same weight (288) both match 10.1.x.x -> 10.2.x.x.
    for (bool xFirst : {true, false})
    {
        BOOST_TEST_CONTEXT("x first: " << xFirst)
        {
            IpsecSpd spd;
            const std::string x = "srcaddr=10.1.0.0/16 mirrored=no action=permit";
            const std::string y = "dstaddr=10.2.0.0/16 mirrored=no action=permit";
            uint32_t first = Add(spd, xFirst ? x : y);
            uint32_t second = Add(spd, xFirst ? y : x);
            BOOST_TEST(spd.Find(first)->weight == spd.Find(second)->weight);
            BOOST_TEST(Match(spd, Sel("10.1.1.1", "10.2.2.2")) == first);
            BOOST_TEST(Match(spd, Sel("10.1.1.1", "10.3.2.2")) == (xFirst ? first : second));
            BOOST_TEST(Match(spd, Sel("10.3.1.1", "10.2.2.2")) == (xFirst ? second : first));
        }
    }

    // The same tie when one of them matches through its mirror, and with different shapes
    // (/32 + any against /16 + /16).
    for (bool mirrorFirst : {true, false})
    {
        BOOST_TEST_CONTEXT("mirror first: " << mirrorFirst)
        {
            IpsecSpd spd;
            const std::string m = "srcaddr=10.1.1.1 dstaddr=any mirrored=yes action=negotiate";
            const std::string f = "srcaddr=10.2.0.0/16 dstaddr=10.1.0.0/16 mirrored=no "
                                  "action=negotiate";
            uint32_t first = Add(spd, mirrorFirst ? m : f);
            uint32_t second = Add(spd, mirrorFirst ? f : m);
            BOOST_TEST(spd.Find(first)->weight == 577u);
            BOOST_TEST(spd.Find(second)->weight == 577u);
            BOOST_TEST(Match(spd, Sel("10.2.2.2", "10.1.1.1")) == first);
        }
    }
}

BOOST_AUTO_TEST_CASE(action_breaks_ties)
{
    struct
    {
        std::string firstAction;
        std::string secondAction;
        bool firstWins;
    } cases[] = {
        {"permit", "block", false},
        {"block", "permit", true},
        {"permit", "negotiate", false},
        {"negotiate", "permit", true},
        {"negotiate", "block", false},
        {"block", "negotiate", true},
        {"permit", "permit", true},
        {"block", "block", true},
    };
    for (const auto& c : cases)
    {
        BOOST_TEST_CONTEXT(c.firstAction << " then " << c.secondAction)
        {
            IpsecSpd spd;
            const std::string selectors = "srcaddr=10.1.1.1 dstaddr=10.2.0.0/16 protocol=tcp ";
            uint32_t first = Add(spd, selectors + "action=" + c.firstAction);
            uint32_t second = Add(spd, selectors + "action=" + c.secondAction);
            uint32_t winner = c.firstWins ? first : second;
            BOOST_TEST(Match(spd, Sel("10.1.1.1", "10.2.3.4", TCP, 1, 2)) == winner);
            BOOST_TEST(Match(spd, Sel("10.2.3.4", "10.1.1.1", TCP, 2, 1)) == winner);
        }
    }
}

BOOST_AUTO_TEST_CASE(my_ip_tracking)
{
    IpsecSpd spd;
    // Added before the node has addresses: "me" stands for nothing yet.
    uint32_t out = Add(spd, "srcaddr=me dstaddr=any mirrored=no action=block");
    IpsecPacketSelector fromA = Sel("10.1.1.1", "10.9.9.9");
    IpsecPacketSelector fromB = Sel("10.2.2.2", "10.9.9.9");
    BOOST_TEST(Match(spd, fromA) == 0u);
    BOOST_TEST(Match(spd, fromB) == 0u);

    spd.SetLocalAddresses(Addresses({"10.1.1.1"}));
    BOOST_TEST(Match(spd, fromA) == out);
    BOOST_TEST(Match(spd, fromB) == 0u);

    spd.SetLocalAddresses(Addresses({"10.1.1.1", "10.2.2.2"}));
    BOOST_TEST(Match(spd, fromA) == out);
    BOOST_TEST(Match(spd, fromB) == out);

    // A filter added now picks up the current addresses, mirror included.
    uint32_t peer = Add(spd, "srcaddr=me dstaddr=10.9.9.9 mirrored=yes action=negotiate");
    BOOST_TEST(Match(spd, fromB) == peer);
    BOOST_TEST(Match(spd, Sel("10.9.9.9", "10.2.2.2")) == peer);
    BOOST_TEST(Match(spd, Sel("10.9.9.9", "10.1.1.1")) == peer);

    // Removing an address stops matching it, in both directions.
    spd.SetLocalAddresses(Addresses({"10.2.2.2"}));
    BOOST_TEST(Match(spd, fromA) == 0u);
    BOOST_TEST(Match(spd, Sel("10.9.9.9", "10.1.1.1")) == 0u);
    BOOST_TEST(Match(spd, fromB) == peer);
    BOOST_TEST(Match(spd, Sel("10.9.9.9", "10.2.2.2")) == peer);
    BOOST_TEST(Match(spd, Sel("10.2.2.2", "10.9.9.8")) == out);

    spd.SetLocalAddresses({});
    BOOST_TEST(spd.GetLocalAddresses().size() == 0u);
    BOOST_TEST(Match(spd, fromA) == 0u);
    BOOST_TEST(Match(spd, fromB) == 0u);
    BOOST_TEST(Match(spd, Sel("10.9.9.9", "10.2.2.2")) == 0u);
}

BOOST_AUTO_TEST_CASE(remove_and_clear)
{
    IpsecSpd spd;
    uint32_t a = Add(spd, "action=permit");
    uint32_t b = Add(spd, "srcaddr=10.1.1.1 action=block");
    uint32_t c = Add(spd, "srcaddr=10.1.1.1 protocol=tcp action=negotiate");
    BOOST_TEST(a == 1u);
    BOOST_TEST(b == 2u);
    BOOST_TEST(c == 3u);
    BOOST_TEST(spd.GetNFilters() == 3u);
    IpsecPacketSelector tcp = Sel("10.1.1.1", "10.2.2.2", TCP, 1, 2);
    BOOST_TEST(Match(spd, tcp) == c);

    BOOST_TEST(spd.Remove(c) == true);
    BOOST_TEST(spd.GetNFilters() == 2u);
    BOOST_TEST((spd.Find(c) == nullptr));
    BOOST_TEST(Match(spd, tcp) == b);
    BOOST_TEST(spd.Remove(c) == false);
    BOOST_TEST(spd.Remove(999) == false);
    BOOST_TEST(spd.GetNFilters() == 2u);

    BOOST_TEST(spd.Remove(b) == true);
    BOOST_TEST(Match(spd, tcp) == a);
    BOOST_TEST(Match(spd, Sel("10.2.2.2", "10.1.1.1")) == a);

    // Ids are never reused, even after a removal.
    uint32_t d = Add(spd, "srcaddr=10.1.1.1 action=block");
    BOOST_TEST(d == 4u);
    BOOST_TEST(Match(spd, tcp) == d);
    BOOST_TEST(spd.Find(d)->filter.ToString() ==
               IpsecFilter::Parse("srcaddr=10.1.1.1 action=block").ToString());

    spd.Clear();
    BOOST_TEST(spd.GetNFilters() == 0u);
    BOOST_TEST(spd.GetOrderedEntries().size() == 0u);
    BOOST_TEST(Match(spd, tcp) == 0u);
    BOOST_TEST((spd.Find(a) == nullptr));
    uint32_t e = Add(spd, "action=block");
    BOOST_TEST(e > d); // unique per SPD and increasing, even across Clear
    BOOST_TEST(Match(spd, tcp) == e);
    BOOST_TEST(spd.GetNFilters() == 1u);
}

BOOST_AUTO_TEST_CASE(ordered_entries_and_print)
{
    IpsecSpd spd;
    const std::vector<std::string> texts = {
        "action=permit",                                            // id 1, weight 0
        "srcaddr=me action=block",                                  // id 2, weight 578
        "dstaddr=10.0.0.0/8 action=negotiate",                      // id 3, weight 145
        "srcaddr=10.1.1.1 action=permit",                           // id 4, weight 576
        "dstaddr=10.2.0.0/16 protocol=udp dstport=53 action=block", // id 5, weight 302
        "srcaddr=10.0.0.0/8 action=negotiate",                      // id 6, weight 145
    };
    for (const std::string& text : texts)
    {
        Add(spd, text);
    }
    const std::vector<uint32_t> expectedIds = {2, 4, 5, 3, 6, 1};
    const std::vector<uint32_t> expectedWeights = {578, 576, 302, 145, 145, 0};

    std::vector<const IpsecSpdEntry*> ordered = spd.GetOrderedEntries();
    BOOST_TEST_REQUIRE(ordered.size() == expectedIds.size());
    BOOST_TEST(spd.GetNFilters() == expectedIds.size());
    for (size_t i = 0; i < ordered.size(); ++i)
    {
        BOOST_TEST_CONTEXT("position " << i)
        {
            BOOST_TEST(ordered[i]->id == expectedIds[i]);
            BOOST_TEST(ordered[i]->weight == expectedWeights[i]);
            BOOST_TEST(ordered[i]->weight == IpsecSpd::ComputeWeight(ordered[i]->filter));
        }
    }

    // Print: a header, then one line per filter in the same order: weight, id, matches, text.
    std::ostringstream os;
    spd.Print(os);
    std::istringstream in(os.str());
    std::vector<std::string> lines;
    for (std::string line; std::getline(in, line);)
    {
        lines.push_back(line);
    }
    BOOST_TEST_REQUIRE(lines.size() == expectedIds.size() + 1);
    BOOST_TEST(lines[0].find("weight") != std::string::npos);
    BOOST_TEST(lines[0].find("filter") != std::string::npos);
    for (size_t i = 0; i < expectedIds.size(); ++i)
    {
        BOOST_TEST_CONTEXT("line " << i + 1 << ": " << lines[i + 1])
        {
            std::istringstream fields(lines[i + 1]);
            uint32_t weight = 0;
            uint32_t id = 0;
            uint64_t matches = 1;
            fields >> weight >> id >> matches;
            BOOST_TEST(weight == expectedWeights[i]);
            BOOST_TEST(id == expectedIds[i]);
            BOOST_TEST(matches == 0u);
            std::string text = IpsecFilter::Parse(texts[id - 1]).ToString();
            std::string line = lines[i + 1];
            BOOST_TEST(line.size() >= text.size());
            BOOST_TEST(line.substr(line.size() - std::min(line.size(), text.size())) == text);
        }
    }
}

BOOST_AUTO_TEST_CASE(multicast_destination)
{
    for (const char* group : {"224.1.2.3", "255.255.255.255"})
    {
        for (const char* mirrored : {"yes", "no"})
        {
            BOOST_TEST_CONTEXT(group << " mirrored=" << mirrored)
            {
                IpsecSpd spd;
                spd.SetLocalAddresses(Addresses({"10.1.1.1"}));
                uint32_t id = Add(spd,
                                  std::string("srcaddr=any dstaddr=") + group +
                                      " mirrored=" + mirrored + " action=block");
                BOOST_TEST(Match(spd, Sel("10.1.1.1", group)) == id);
                BOOST_TEST(Match(spd, Sel("10.7.7.7", group, TCP, 1, 2)) == id);
                BOOST_TEST(Match(spd, Sel("192.168.0.9", group, ICMP)) == id);
                // The mirror would have the group address as source: it matches nothing.
                BOOST_TEST(Match(spd, Sel(group, "10.1.1.1")) == 0u);
                BOOST_TEST(Match(spd, Sel(group, "10.7.7.7")) == 0u);
                BOOST_TEST(Match(spd, Sel("10.1.1.1", "224.1.2.4")) == 0u);
                BOOST_TEST(Match(spd, Sel("10.1.1.1", "10.1.1.255")) == 0u);
            }
        }
    }

    // A one-way filter for a group address is refused by Add, with the source as the culprit.
    IpsecSpd spd;
    IpsecFilter oneWay = IpsecFilter::Parse("dstaddr=224.1.2.3 action=block");
    oneWay.source = IpsecFilterAddress::Me();
    try
    {
        spd.Add(oneWay);
        BOOST_TEST(false, "Add accepted srcaddr=me dstaddr=224.1.2.3");
    }
    catch (const IpsecConfigError& e)
    {
        BOOST_TEST(e.GetField() == "srcaddr");
    }
    BOOST_TEST(spd.GetNFilters() == 0u);
}

/*
 * Randomized cross-check against a reference written from the documented rules only: a linear
 * scan over plain records that never looks at the SPD's index, shapes or weights.
 */

namespace
{

/** One end of a reference filter. */
struct RefEnd
{
    IpsecFilterAddress::Kind kind{IpsecFilterAddress::ANY}; //!< kind
    uint32_t address{0};                                    //!< host or network address
    unsigned length{0};                                     //!< subnet prefix length
};

/** A reference filter; -1 stands for "any" protocol or port. */
struct RefFilter
{
    uint32_t id{0};          //!< id the SPD gave it
    RefEnd source;           //!< source end
    RefEnd destination;      //!< destination end
    int protocol{-1};        //!< protocol
    int sourcePort{-1};      //!< source port
    int destinationPort{-1}; //!< destination port
    bool mirrored{false};    //!< mirrored
    unsigned actionRank{0};  //!< block 2, negotiate 1, permit 0
    uint32_t weight{0};      //!< documented weight
    std::string text;        //!< the text given to the parser
    bool removed{false};     //!< removed from the SPD
};

bool
RefIsGroup(uint32_t a)
{
    return (a >> 28) == 0xE || a == 0xffffffffu;
}

unsigned
RefBits(const RefEnd& end)
{
    switch (end.kind)
    {
    case IpsecFilterAddress::ANY:
        return 0;
    case IpsecFilterAddress::SUBNET:
        return end.length;
    default:
        return 32;
    }
}

bool
RefEndMatches(const RefEnd& end, uint32_t a, const std::vector<uint32_t>& locals)
{
    switch (end.kind)
    {
    case IpsecFilterAddress::ANY:
        return true;
    case IpsecFilterAddress::ME:
        return std::find(locals.begin(), locals.end(), a) != locals.end();
    case IpsecFilterAddress::HOST:
        return a == end.address;
    case IpsecFilterAddress::SUBNET:
        return (a & PrefixMask(end.length)) == end.address;
    case IpsecFilterAddress::DNS:
    case IpsecFilterAddress::WINS:
    case IpsecFilterAddress::DHCP:
    case IpsecFilterAddress::GATEWAY:
        break; // never generated here: see ipsec-dynamic-address-test.cc
    }
    return false;
}

bool
RefPortMatches(int port, uint16_t actual, uint8_t protocol)
{
    return port < 0 || ((protocol == TCP || protocol == UDP) && port == actual);
}

bool
RefOneWay(const RefFilter& f,
          const RefEnd& src,
          const RefEnd& dst,
          int sport,
          int dport,
          const IpsecPacketSelector& s,
          const std::vector<uint32_t>& locals)
{
    return RefEndMatches(src, s.source.Get(), locals) &&
           RefEndMatches(dst, s.destination.Get(), locals) &&
           (f.protocol < 0 || f.protocol == s.protocol) &&
           RefPortMatches(sport, s.sourcePort, s.protocol) &&
           RefPortMatches(dport, s.destinationPort, s.protocol);
}

bool
RefMatches(const RefFilter& f, const IpsecPacketSelector& s, const std::vector<uint32_t>& locals)
{
    if (RefOneWay(f, f.source, f.destination, f.sourcePort, f.destinationPort, s, locals))
    {
        return true;
    }
    bool groupDestination =
        f.destination.kind == IpsecFilterAddress::HOST && RefIsGroup(f.destination.address);
    return f.mirrored && !groupDestination &&
           RefOneWay(f, f.destination, f.source, f.destinationPort, f.sourcePort, s, locals);
}

/** Heaviest matching filter, lowest id among equals; 0 when none. */
uint32_t
RefLookup(const std::vector<RefFilter>& filters,
          const IpsecPacketSelector& s,
          const std::vector<uint32_t>& locals)
{
    const RefFilter* best = nullptr;
    for (const RefFilter& f : filters) // by increasing id
    {
        if (!f.removed && RefMatches(f, s, locals) && (!best || f.weight > best->weight))
        {
            best = &f;
        }
    }
    return best ? best->id : 0;
}

/** Random choices from small pools, so that filters overlap and packets match often. */
class Randomizer
{
  public:
    explicit Randomizer(uint32_t seed)
        : m_rng(seed)
    {
    }

    /** \return a number in [0, n) (modulo bias does not matter here) */
    uint32_t Pick(uint32_t n)
    {
        return m_rng() % n;
    }

    bool Percent(uint32_t p)
    {
        return Pick(100) < p;
    }

    /** \return an address of the pool 10.0.{0-3}.{1-8} */
    uint32_t PoolAddress()
    {
        return 0x0A000000u | (Pick(4) << 8) | (1 + Pick(8));
    }

    uint16_t PoolPort()
    {
        static const uint16_t ports[] = {53, 80, 443, 1024, 5000};
        return ports[Pick(5)];
    }

    RefEnd End()
    {
        RefEnd end;
        uint32_t k = Pick(100);
        if (k < 25)
        {
            end.kind = IpsecFilterAddress::ANY;
        }
        else if (k < 45)
        {
            end.kind = IpsecFilterAddress::ME;
        }
        else if (k < 75)
        {
            end.kind = IpsecFilterAddress::HOST;
            end.address = PoolAddress();
        }
        else
        {
            end.kind = IpsecFilterAddress::SUBNET;
            // Mostly lengths that split the pool, sometimes any length at all.
            end.length = Percent(25) ? Pick(32) : 22 + Pick(10);
            end.address = PoolAddress() & PrefixMask(end.length);
        }
        return end;
    }

    /** \return the text of one end in one of the accepted notations ("" = left out = any) */
    std::string EndText(const RefEnd& end, const std::string& addrKey, const std::string& maskKey)
    {
        switch (end.kind)
        {
        case IpsecFilterAddress::ANY:
            return Percent(50) ? "" : addrKey + "=any ";
        case IpsecFilterAddress::ME:
            return addrKey + "=me ";
        case IpsecFilterAddress::DNS:
        case IpsecFilterAddress::WINS:
        case IpsecFilterAddress::DHCP:
        case IpsecFilterAddress::GATEWAY:
            return addrKey + "=" + IpsecFilterAddress::Dynamic(end.kind).ToString() + " ";
        case IpsecFilterAddress::HOST:
            return addrKey + "=" + Dotted(end.address) + " ";
        case IpsecFilterAddress::SUBNET:
            switch (Pick(3))
            {
            case 0:
                return addrKey + "=" + Dotted(end.address) + "/" + std::to_string(end.length) + " ";
            case 1:
                return addrKey + "=" + Dotted(end.address) + "/" + Dotted(PrefixMask(end.length)) +
                       " ";
            default:
                return addrKey + "=" + Dotted(end.address) + " " + maskKey + "=" +
                       Dotted(PrefixMask(end.length)) + " ";
            }
        }
        return "";
    }

    RefFilter Filter()
    {
        RefFilter f;
        if (Percent(4))
        {
            // Multicast/broadcast destinations are only valid with source any.
            static const uint32_t groups[] = {0xE0010203u, 0xEF010101u, 0xffffffffu};
            f.destination.kind = IpsecFilterAddress::HOST;
            f.destination.address = groups[Pick(3)];
        }
        else
        {
            f.source = End();
            f.destination = End();
        }
        uint32_t p = Pick(100);
        f.protocol = p < 25 ? -1 : p < 55 ? TCP : p < 85 ? UDP : ICMP;
        auto everything = [](const RefEnd& end) {
            return end.kind == IpsecFilterAddress::ANY ||
                   (end.kind == IpsecFilterAddress::SUBNET && end.length == 0);
        };
        if (f.protocol < 0 && everything(f.source) && everything(f.destination))
        {
            // No catch-all filter (packets never carry ESP): some packets must match nothing.
            f.protocol = 50;
        }
        if (f.protocol == TCP || f.protocol == UDP)
        {
            f.sourcePort = Percent(50) ? -1 : PoolPort();
            f.destinationPort = Percent(50) ? -1 : PoolPort();
        }
        f.mirrored = Percent(50);
        f.actionRank = Pick(3);

        static const char* actions[] = {"permit", "negotiate", "block"};
        std::string text =
            EndText(f.source, "srcaddr", "srcmask") + EndText(f.destination, "dstaddr", "dstmask");
        if (f.protocol >= 0)
        {
            bool byName = Percent(50);
            text += "protocol=" +
                    (byName ? IpsecProtocolName(uint8_t(f.protocol)) : std::to_string(f.protocol)) +
                    " ";
        }
        else if (Percent(50))
        {
            text += "protocol=any ";
        }
        if (f.sourcePort >= 0)
        {
            text += "srcport=" + std::to_string(f.sourcePort) + " ";
        }
        if (f.destinationPort >= 0)
        {
            text += "dstport=" + std::to_string(f.destinationPort) + " ";
        }
        text += std::string("mirrored=") + (f.mirrored ? "yes" : "no") +
                " action=" + actions[f.actionRank];
        f.text = text;

        unsigned bits = RefBits(f.source) + RefBits(f.destination);
        unsigned ports = (f.sourcePort >= 0 ? 1 : 0) + (f.destinationPort >= 0 ? 1 : 0);
        f.weight = ((bits * 2 + (f.protocol >= 0 ? 1 : 0)) * 3 + ports) * 3 + f.actionRank;
        return f;
    }

    IpsecPacketSelector Selector()
    {
        IpsecPacketSelector s;
        if (Percent(3))
        {
            // Strangers: only filters with two "any" ends can match, and none has GRE.
            s.source = Ipv4Address(0xAC1F0000u | Pick(65536));      // 172.31.x.x
            s.destination = Ipv4Address(0xC0A80000u | Pick(65536)); // 192.168.x.x
            s.protocol = Percent(50) ? GRE : TCP;
            s.sourcePort = PoolPort();
            s.destinationPort = PoolPort();
            return s;
        }
        uint32_t k = Pick(100);
        // Sources: the pool, anywhere in 10.0.0-3.x, sometimes a (bogus) group source, and
        // strangers that only filters with an "any" end can match.
        uint32_t src = k < 80 ? PoolAddress()
                     : k < 90 ? 0x0A000000u | Pick(1024)
                     : k < 95 ? 0xE0010203u
                              : 0xAC1F0000u | Pick(65536); // 172.31.x.x
        k = Pick(100);
        static const uint32_t groups[] = {0xE0010203u, 0xEF010101u, 0xffffffffu};
        uint32_t dst = k < 75 ? PoolAddress()
                     : k < 85 ? 0x0A000000u | Pick(1024)
                     : k < 95 ? groups[Pick(3)]
                              : 0xC0A80000u | Pick(65536); // 192.168.x.x
        s.source = Ipv4Address(src);
        s.destination = Ipv4Address(dst);
        k = Pick(100);
        s.protocol = k < 35 ? TCP : k < 70 ? UDP : k < 90 ? ICMP : GRE;
        if (s.protocol == TCP || s.protocol == UDP)
        {
            s.sourcePort = Percent(90) ? PoolPort() : uint16_t(1 + Pick(65535));
            s.destinationPort = Percent(90) ? PoolPort() : uint16_t(1 + Pick(65535));
        }
        else if (Percent(20))
        {
            // Garbage in the port fields of a protocol without ports must not matter.
            s.sourcePort = PoolPort();
            s.destinationPort = PoolPort();
        }
        return s;
    }

  private:
    std::mt19937 m_rng; //!< the generator
};

/** Compares every selector's decision; reports only the first few differences in detail. */
struct CrossCheck
{
    uint32_t selectors{0};     //!< selectors checked
    uint32_t matched{0};       //!< selectors some filter matched
    uint32_t failures{0};      //!< selectors where SPD and reference differ
    std::vector<bool> winners; //!< filters (by id) that decided at least one selector

    void Run(const IpsecSpd& spd,
             const std::vector<RefFilter>& filters,
             const std::vector<uint32_t>& locals,
             Randomizer& random,
             uint32_t count)
    {
        winners.assign(filters.size() + 1, false);
        for (uint32_t i = 0; i < count; ++i)
        {
            IpsecPacketSelector s = random.Selector();
            uint32_t expected = RefLookup(filters, s, locals);
            uint32_t got = Match(spd, s);
            ++selectors;
            matched += expected != 0 ? 1 : 0;
            winners[expected] = true;
            if (got != expected && ++failures <= 10)
            {
                BOOST_TEST_CONTEXT("selector " << s << "\n  expected id " << expected << " "
                                               << (expected ? filters[expected - 1].text : "-")
                                               << "\n  got id " << got << " "
                                               << (got ? filters[got - 1].text : "-"))
                {
                    BOOST_TEST(got == expected);
                }
            }
        }
    }

    uint32_t DistinctWinners() const
    {
        return uint32_t(std::count(winners.begin() + 1, winners.end(), true));
    }
};

/** The reference's evaluation order: weight descending, then id ascending. */
std::vector<uint32_t>
RefOrder(const std::vector<RefFilter>& filters)
{
    std::vector<const RefFilter*> live;
    for (const RefFilter& f : filters)
    {
        if (!f.removed)
        {
            live.push_back(&f);
        }
    }
    std::sort(live.begin(), live.end(), [](const RefFilter* a, const RefFilter* b) {
        return a->weight != b->weight ? a->weight > b->weight : a->id < b->id;
    });
    std::vector<uint32_t> ids;
    for (const RefFilter* f : live)
    {
        ids.push_back(f->id);
    }
    return ids;
}

std::vector<uint32_t>
SpdOrder(const IpsecSpd& spd)
{
    std::vector<uint32_t> ids;
    for (const IpsecSpdEntry* e : spd.GetOrderedEntries())
    {
        ids.push_back(e->id);
    }
    return ids;
}

void
SetLocals(IpsecSpd& spd, std::vector<uint32_t>& refLocals, const std::vector<uint32_t>& locals)
{
    refLocals = locals;
    std::vector<Ipv4Address> addresses;
    for (uint32_t a : locals)
    {
        addresses.emplace_back(a);
    }
    spd.SetLocalAddresses(addresses);
}

} // namespace

BOOST_AUTO_TEST_CASE(randomized_cross_check)
{
    Randomizer random(12345);
    IpsecSpd spd;
    std::vector<RefFilter> filters;
    std::vector<uint32_t> locals;
    SetLocals(spd, locals, {0x0A000101u, 0x0A000202u}); // 10.0.1.1, 10.0.2.2 (in the pool)

    uint32_t weightErrors = 0;
    auto addFilters = [&](uint32_t count) {
        for (uint32_t i = 0; i < count; ++i)
        {
            RefFilter f = random.Filter();
            f.id = Add(spd, f.text);
            BOOST_TEST_REQUIRE(f.id == filters.size() + 1); // ids are 1, 2, 3, ...
            if (spd.Find(f.id)->weight != f.weight && ++weightErrors <= 5)
            {
                BOOST_TEST_CONTEXT(f.text)
                {
                    BOOST_TEST(spd.Find(f.id)->weight == f.weight);
                }
            }
            filters.push_back(f);
        }
    };

    // Phase 1: 2000 filters, 20000 packets.
    addFilters(2000);
    BOOST_TEST(spd.GetNFilters() == 2000u);
    BOOST_TEST(SpdOrder(spd) == RefOrder(filters), boost::test_tools::per_element());
    CrossCheck first;
    first.Run(spd, filters, locals, random, 20000);
    BOOST_TEST(first.failures == 0u);
    BOOST_TEST_MESSAGE("phase 1: " << first.matched << " of " << first.selectors
                                   << " packets matched, " << first.DistinctWinners()
                                   << " distinct deciding filters");
    // The pools must make the comparison meaningful: many different deciders, some misses.
    BOOST_TEST(first.matched > 10000u);
    BOOST_TEST(first.matched < first.selectors);
    BOOST_TEST(first.DistinctWinners() > 200u);

    // Phase 2: remove a third of the filters, change my addresses, add more, check again.
    uint32_t removed = 0;
    for (RefFilter& f : filters)
    {
        if (random.Percent(33))
        {
            f.removed = true;
            BOOST_TEST_REQUIRE(spd.Remove(f.id));
            ++removed;
        }
    }
    BOOST_TEST(spd.GetNFilters() == 2000u - removed);
    // A removal updates the index in place (no rebuild): it must decide as the reference does
    // before anything rebuilds it.
    CrossCheck afterRemoval;
    afterRemoval.Run(spd, filters, locals, random, 10000);
    BOOST_TEST(afterRemoval.failures == 0u);
    BOOST_TEST(afterRemoval.matched > 5000u);
    SetLocals(spd, locals, {0x0A000003u, 0x0A000308u, 0x0A000101u});
    addFilters(500);
    BOOST_TEST(spd.GetNFilters() == 2500u - removed);
    BOOST_TEST(SpdOrder(spd) == RefOrder(filters), boost::test_tools::per_element());
    CrossCheck second;
    second.Run(spd, filters, locals, random, 10000);
    BOOST_TEST(second.failures == 0u);
    BOOST_TEST_MESSAGE("phase 2: " << removed << " filters removed, " << second.matched << " of "
                                   << second.selectors << " packets matched, "
                                   << second.DistinctWinners() << " distinct deciding filters");
    BOOST_TEST(second.matched > 5000u);
    BOOST_TEST(weightErrors == 0u);
}

// Random inserts, erases and finds, with keys crowded into few home slots (so probe sequences
// wrap around the table and deletions shift entries back), checked against std::map.
BOOST_AUTO_TEST_CASE(flat_map_matches_std_map)
{
    // A hash with few distinct values makes long, overlapping probe sequences.
    struct CrowdingHash
    {
        size_t operator()(uint64_t key) const
        {
            return key % 5;
        }
    };

    std::mt19937 random(7);
    for (int round = 0; round < 2; ++round)
    {
        IpsecFlatMap<uint64_t, int, std::hash<uint64_t>> spread;
        IpsecFlatMap<uint64_t, int, CrowdingHash> crowded;
        std::map<uint64_t, int> reference;
        uint64_t keys = round == 0 ? 40 : 3000;
        for (int step = 0; step < 20000; ++step)
        {
            uint64_t key = random() % keys;
            switch (random() % 3)
            {
            case 0: {
                auto a = spread.Insert(key);
                auto b = crowded.Insert(key);
                bool fresh = reference.find(key) == reference.end();
                BOOST_REQUIRE(a.second == fresh);
                BOOST_REQUIRE(b.second == fresh);
                if (fresh)
                {
                    *a.first = step;
                    *b.first = step;
                    reference[key] = step;
                }
                break;
            }
            case 1: {
                bool present = reference.erase(key) == 1;
                BOOST_REQUIRE(spread.Erase(key) == present);
                BOOST_REQUIRE(crowded.Erase(key) == present);
                break;
            }
            default: {
                auto it = reference.find(key);
                const int* a = spread.Find(key);
                const int* b = crowded.Find(key);
                BOOST_REQUIRE((a != nullptr) == (it != reference.end()));
                BOOST_REQUIRE((b != nullptr) == (it != reference.end()));
                if (a && b)
                {
                    BOOST_REQUIRE(*a == it->second);
                    BOOST_REQUIRE(*b == it->second);
                }
            }
            }
            BOOST_REQUIRE(spread.Size() == reference.size());
            BOOST_REQUIRE(crowded.Size() == reference.size());
        }
        for (const auto& [key, value] : reference)
        {
            BOOST_REQUIRE(spread.Find(key) && *spread.Find(key) == value);
            BOOST_REQUIRE(crowded.Find(key) && *crowded.Find(key) == value);
        }
        spread.Clear();
        BOOST_TEST(spread.Size() == 0u);
        BOOST_TEST(!spread.Find(1));
    }
}

BOOST_AUTO_TEST_SUITE_END()
