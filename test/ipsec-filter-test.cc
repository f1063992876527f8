/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// Unit tests for IpsecFilter: the netsh-like text form (every key, every address kind), the
// round trip through ToString, every configuration error with its field and message, and the
// exact specificity weights that IpsecSpd::ComputeWeight gives.

#include "ns3/ipsec-config-error.h"
#include "ns3/ipsec-filter.h"
#include "ns3/ipsec-packet-selector.h"
#include "ns3/ipsec-spd.h"

#include <boost/test/unit_test.hpp>

#include <sstream>
#include <string>
#include <vector>

using namespace ns3;
using namespace std::string_literals;

namespace
{

/** Readable text of an optional number, so BOOST_TEST can print both sides. */
template <typename T>
std::string
Opt(const std::optional<T>& value)
{
    return value ? std::to_string(unsigned(*value)) : std::string("none");
}

/** Every field of a filter address, so that two addresses compare as one printable string. */
std::string
Describe(const IpsecFilterAddress& a)
{
    std::ostringstream os;
    os << "kind " << int(a.GetKind()) << " address " << a.GetAddress() << " mask " << a.GetMask();
    return os.str();
}

/** Every field of a filter in one printable string (ToString would hide a lossy ToString). */
std::string
Describe(const IpsecFilter& f)
{
    std::ostringstream os;
    os << "src {" << Describe(f.source) << "} dst {" << Describe(f.destination) << "} protocol "
       << Opt(f.protocol) << " sport " << Opt(f.sourcePort) << " dport " << Opt(f.destinationPort)
       << " mirrored " << f.mirrored << " action " << IpsecFilterActionToString(f.action)
       << " description '" << f.description << "' tunnel ";
    if (f.tunnelEndpoint)
    {
        os << *f.tunnelEndpoint;
    }
    else
    {
        os << "none";
    }
    return os.str();
}

/** The field and message of the IpsecConfigError that parsing throws. */
struct ParseFailure
{
    std::string field;   //!< GetField(), or a marker when nothing or something else was thrown
    std::string message; //!< what()
};

ParseFailure
FailParse(const std::string& text)
{
    try
    {
        IpsecFilter f = IpsecFilter::Parse(text);
        return {"(no error)", f.ToString()};
    }
    catch (const IpsecConfigError& e)
    {
        return {e.GetField(), e.what()};
    }
    catch (const std::exception& e)
    {
        return {"(not an IpsecConfigError)", e.what()};
    }
}

/** One rejected input with the error the parser must report. */
struct BadInput
{
    std::string text;       //!< the filter text
    std::string field;      //!< expected GetField()
    std::string message;    //!< expected what(), or its beginning when prefixOnly
    bool prefixOnly{false}; //!< for messages that list something likely to grow
};

void
CheckFailure(const BadInput& bad)
{
    BOOST_TEST_CONTEXT("input: " << bad.text)
    {
        ParseFailure failure = FailParse(bad.text);
        BOOST_TEST(failure.field == bad.field);
        if (bad.prefixOnly)
        {
            BOOST_TEST(failure.message.substr(0, bad.message.size()) == bad.message);
        }
        else
        {
            BOOST_TEST(failure.message == bad.message);
        }
        // what() always names the field first, so a user sees where the mistake is.
        BOOST_TEST(failure.message.rfind(failure.field + ": ", 0) == 0u);
    }
}

IpsecFilter
Make(IpsecFilterAddress source,
     IpsecFilterAddress destination,
     std::optional<uint8_t> protocol,
     std::optional<uint16_t> sourcePort,
     std::optional<uint16_t> destinationPort,
     IpsecFilterAction action)
{
    IpsecFilter f;
    f.source = source;
    f.destination = destination;
    f.protocol = protocol;
    f.sourcePort = sourcePort;
    f.destinationPort = destinationPort;
    f.action = action;
    return f;
}

const IpsecFilterAction PERMIT = IpsecFilterAction::PERMIT;
const IpsecFilterAction BLOCK = IpsecFilterAction::BLOCK;
const IpsecFilterAction NEGOTIATE = IpsecFilterAction::NEGOTIATE;

} // namespace

BOOST_AUTO_TEST_SUITE(ipsec_filter)

BOOST_AUTO_TEST_CASE(parse_defaults)
{
    // Only the action is mandatory; everything else defaults to "any", mirrored.
    IpsecFilter f = IpsecFilter::Parse("action=permit");
    BOOST_TEST(f.source.GetKind() == IpsecFilterAddress::ANY);
    BOOST_TEST(f.destination.GetKind() == IpsecFilterAddress::ANY);
    BOOST_TEST(Opt(f.protocol) == "none");
    BOOST_TEST(Opt(f.sourcePort) == "none");
    BOOST_TEST(Opt(f.destinationPort) == "none");
    BOOST_TEST(f.mirrored == true);
    BOOST_TEST((f.action == PERMIT));
    BOOST_TEST(f.description == "");
    BOOST_TEST(f.Validate() == "");
}

BOOST_AUTO_TEST_CASE(parse_every_key)
{
    IpsecFilter f = IpsecFilter::Parse("srcaddr=10.1.2.3 srcmask=255.255.255.255 "
                                       "dstaddr=10.2.0.0 dstmask=255.255.0.0 protocol=tcp "
                                       "srcport=1024 dstport=80 mirrored=no action=block "
                                       "description=\"web server rule\"");
    BOOST_TEST(f.source.GetKind() == IpsecFilterAddress::HOST);
    BOOST_TEST(f.source.GetAddress() == Ipv4Address("10.1.2.3"));
    BOOST_TEST(f.destination.GetKind() == IpsecFilterAddress::SUBNET);
    BOOST_TEST(f.destination.GetAddress() == Ipv4Address("10.2.0.0"));
    BOOST_TEST(f.destination.GetMask() == Ipv4Mask("255.255.0.0"));
    BOOST_TEST(unsigned(f.destination.GetPrefixLength()) == 16u);
    BOOST_TEST(Opt(f.protocol) == "6");
    BOOST_TEST(Opt(f.sourcePort) == "1024");
    BOOST_TEST(Opt(f.destinationPort) == "80");
    BOOST_TEST(f.mirrored == false);
    BOOST_TEST((f.action == BLOCK));
    BOOST_TEST(f.description == "web server rule");

    // Keys and keyword values are case-insensitive; tabs and repeated blanks separate tokens.
    IpsecFilter g = IpsecFilter::Parse("  SrcAddr=ME\t\tDSTADDR=Any   Protocol=UDP Mirrored=YES "
                                       "ACTION=Negotiate  ");
    BOOST_TEST(g.source.GetKind() == IpsecFilterAddress::ME);
    BOOST_TEST(g.destination.GetKind() == IpsecFilterAddress::ANY);
    BOOST_TEST(Opt(g.protocol) == "17");
    BOOST_TEST(g.mirrored == true);
    BOOST_TEST((g.action == NEGOTIATE));
}

BOOST_AUTO_TEST_CASE(parse_address_kinds)
{
    for (const std::string& text : {"any"s, "ANY"s, "*"s})
    {
        BOOST_TEST_CONTEXT("any: " << text)
        {
            auto a = IpsecFilterAddress::Parse(text, "srcaddr");
            BOOST_TEST(a.GetKind() == IpsecFilterAddress::ANY);
            BOOST_TEST(a.GetMask() == Ipv4Mask(0u));
            BOOST_TEST(unsigned(a.GetPrefixLength()) == 0u);
        }
    }
    for (const std::string& text : {"me"s, "Me"s})
    {
        auto a = IpsecFilterAddress::Parse(text, "srcaddr");
        BOOST_TEST(a.GetKind() == IpsecFilterAddress::ME);
        BOOST_TEST(unsigned(a.GetPrefixLength()) == 32u); // My IP counts as specific addresses
    }

    auto host = IpsecFilterAddress::Parse("192.168.7.9", "dstaddr");
    BOOST_TEST(host.GetKind() == IpsecFilterAddress::HOST);
    BOOST_TEST(host.GetAddress() == Ipv4Address("192.168.7.9"));
    BOOST_TEST(host.GetMask() == Ipv4Mask("255.255.255.255"));
    BOOST_TEST(unsigned(host.GetPrefixLength()) == 32u);

    // A /32 or an all-ones mask is the host itself, in every notation.
    for (const std::string& text : {"192.168.7.9/32"s, "192.168.7.9/255.255.255.255"s})
    {
        BOOST_TEST_CONTEXT("host: " << text)
        {
            BOOST_TEST((IpsecFilterAddress::Parse(text, "dstaddr") == host));
        }
    }

    // Subnets by prefix length and by dotted mask, including odd lengths and /0.
    struct
    {
        std::string text;
        std::string network;
        std::string mask;
        unsigned length;
    } subnets[] = {
        {"10.0.0.0/8", "10.0.0.0", "255.0.0.0", 8},
        {"10.8.0.0/13", "10.8.0.0", "255.248.0.0", 13},
        {"10.8.0.0/255.248.0.0", "10.8.0.0", "255.248.0.0", 13},
        {"172.16.4.0/22", "172.16.4.0", "255.255.252.0", 22},
        {"192.168.1.128/25", "192.168.1.128", "255.255.255.128", 25},
        {"192.168.1.254/31", "192.168.1.254", "255.255.255.254", 31},
        {"128.0.0.0/1", "128.0.0.0", "128.0.0.0", 1},
        {"0.0.0.0/0", "0.0.0.0", "0.0.0.0", 0},
    };
    for (const auto& s : subnets)
    {
        BOOST_TEST_CONTEXT("subnet: " << s.text)
        {
            auto a = IpsecFilterAddress::Parse(s.text, "dstaddr");
            BOOST_TEST(a.GetKind() == IpsecFilterAddress::SUBNET);
            BOOST_TEST(a.GetAddress() == Ipv4Address(s.network.c_str()));
            BOOST_TEST(a.GetMask() == Ipv4Mask(s.mask.c_str()));
            BOOST_TEST(unsigned(a.GetPrefixLength()) == s.length);
            BOOST_TEST(a.Validate("dstaddr") == "");
        }
    }

    // netsh's separate mask field gives the same subnet as the /len notation.
    IpsecFilter separate = IpsecFilter::Parse("srcaddr=10.8.0.0 srcmask=13 dstaddr=172.16.4.0 "
                                              "dstmask=255.255.252.0 action=permit");
    IpsecFilter slash =
        IpsecFilter::Parse("srcaddr=10.8.0.0/13 dstaddr=172.16.4.0/22 action=permit");
    BOOST_TEST(Describe(separate) == Describe(slash));
    BOOST_TEST(separate.source.GetKind() == IpsecFilterAddress::SUBNET);

    // A separate all-ones mask leaves a host address a host.
    IpsecFilter hostMask =
        IpsecFilter::Parse("dstaddr=10.1.1.1 dstmask=255.255.255.255 action=permit");
    BOOST_TEST(hostMask.destination.GetKind() == IpsecFilterAddress::HOST);

    // Multicast and broadcast are specific addresses (allowed as destination with source any).
    IpsecFilter mcast = IpsecFilter::Parse("dstaddr=224.1.2.3 action=permit");
    BOOST_TEST(mcast.destination.GetKind() == IpsecFilterAddress::HOST);
    BOOST_TEST(mcast.destination.IsMulticastOrBroadcast() == true);
    IpsecFilter bcast = IpsecFilter::Parse("srcaddr=any dstaddr=255.255.255.255 action=permit");
    BOOST_TEST(bcast.destination.IsMulticastOrBroadcast() == true);
    BOOST_TEST(host.IsMulticastOrBroadcast() == false);
    // A multicast range is a subnet, not "a multicast address".
    BOOST_TEST(IpsecFilterAddress::Parse("224.0.0.0/4", "d").IsMulticastOrBroadcast() == false);
    BOOST_TEST(IpsecFilterAddress::IsGroupAddress(Ipv4Address("239.255.255.255")) == true);
    BOOST_TEST(IpsecFilterAddress::IsGroupAddress(Ipv4Address("223.255.255.255")) == false);
    BOOST_TEST(IpsecFilterAddress::IsGroupAddress(Ipv4Address("255.255.255.255")) == true);
}

BOOST_AUTO_TEST_CASE(parse_protocols)
{
    struct
    {
        std::string text;
        unsigned number;
    } protocols[] = {
        {"icmp", 1},
        {"igmp", 2},
        {"tcp", 6},
        {"udp", 17},
        {"rsvp", 46},
        {"gre", 47},
        {"esp", 50},
        {"ah", 51},
        {"ospf", 89},
        {"raw", 255},
        {"ICMP", 1},
        {"0", 0},
        {"6", 6},
        {"17", 17},
        {"132", 132},
        {"255", 255},
    };
    for (const auto& p : protocols)
    {
        BOOST_TEST_CONTEXT("protocol=" << p.text)
        {
            IpsecFilter f = IpsecFilter::Parse("protocol=" + p.text + " action=permit");
            BOOST_TEST(Opt(f.protocol) == std::to_string(p.number));
        }
    }
    BOOST_TEST(Opt(IpsecFilter::Parse("protocol=any action=permit").protocol) == "none");
    BOOST_TEST(Opt(IpsecFilter::Parse("protocol=Any action=permit").protocol) == "none");

    BOOST_TEST(IpsecProtocolName(6) == "tcp");
    BOOST_TEST(IpsecProtocolName(89) == "ospf");
    BOOST_TEST(IpsecProtocolName(132) == "132");
    BOOST_TEST(IpsecProtocolName(0) == "0");
}

BOOST_AUTO_TEST_CASE(parse_ports)
{
    IpsecFilter f = IpsecFilter::Parse("protocol=udp srcport=1 dstport=65535 action=permit");
    BOOST_TEST(Opt(f.sourcePort) == "1");
    BOOST_TEST(Opt(f.destinationPort) == "65535");

    // 0 and any both mean "any port", as in netsh.
    for (const std::string& any : {"0"s, "any"s, "ANY"s})
    {
        BOOST_TEST_CONTEXT("port " << any)
        {
            IpsecFilter g = IpsecFilter::Parse("protocol=tcp srcport=" + any + " dstport=" + any +
                                               " action=permit");
            BOOST_TEST(Opt(g.sourcePort) == "none");
            BOOST_TEST(Opt(g.destinationPort) == "none");
        }
    }
    // "Any port" is not a port, so it is allowed without tcp/udp.
    IpsecFilter icmp = IpsecFilter::Parse("protocol=icmp srcport=0 dstport=any action=permit");
    BOOST_TEST(Opt(icmp.sourcePort) == "none");
    BOOST_TEST(Opt(icmp.destinationPort) == "none");
}

BOOST_AUTO_TEST_CASE(parse_mirrored_and_action)
{
    for (const std::string& yes : {"yes"s, "YES"s, "true"s, "1"s})
    {
        BOOST_TEST(IpsecFilter::Parse("mirrored=" + yes + " action=permit").mirrored == true);
    }
    for (const std::string& no : {"no"s, "No"s, "false"s, "0"s})
    {
        BOOST_TEST(IpsecFilter::Parse("mirrored=" + no + " action=permit").mirrored == false);
    }
    BOOST_TEST((IpsecFilter::Parse("action=permit").action == PERMIT));
    BOOST_TEST((IpsecFilter::Parse("action=block").action == BLOCK));
    BOOST_TEST((IpsecFilter::Parse("action=negotiate").action == NEGOTIATE));
    BOOST_TEST((IpsecFilter::Parse("action=BLOCK").action == BLOCK));
    // A key given twice is an error (it used to let the last one win): ipsec-text-test.cc.
    BOOST_CHECK_THROW(IpsecFilter::Parse("action=block action=permit"), IpsecConfigError);
    BOOST_TEST(IpsecFilterActionToString(PERMIT) == "permit");
    BOOST_TEST(IpsecFilterActionToString(BLOCK) == "block");
    BOOST_TEST(IpsecFilterActionToString(NEGOTIATE) == "negotiate");
}

BOOST_AUTO_TEST_CASE(parse_description)
{
    IpsecFilter f = IpsecFilter::Parse("description=\"allow  DNS = to the resolver\" "
                                       "action=permit protocol=udp dstport=53");
    BOOST_TEST(f.description == "allow  DNS = to the resolver");
    BOOST_TEST(Opt(f.destinationPort) == "53");
    BOOST_TEST(IpsecFilter::Parse("description=plain action=permit").description == "plain");
    BOOST_TEST(IpsecFilter::Parse("description=\"\" action=permit").description == "");
    BOOST_TEST(IpsecFilter::Parse("action=permit description=\"at the end\"").description ==
               "at the end");
}

BOOST_AUTO_TEST_CASE(parse_tunnel)
{
    IpsecFilter f = IpsecFilter::Parse(
        "srcaddr=10.1.0.0/16 dstaddr=10.2.0.0/16 action=negotiate tunnel=192.0.2.1");
    BOOST_TEST(f.tunnelEndpoint.has_value());
    BOOST_TEST(f.tunnelEndpoint.value_or(Ipv4Address()) == Ipv4Address("192.0.2.1"));
    BOOST_TEST(f.ToString() == "srcaddr=10.1.0.0/16 dstaddr=10.2.0.0/16 protocol=any "
                               "mirrored=yes action=negotiate tunnel=192.0.2.1");
    BOOST_TEST(Describe(IpsecFilter::Parse(f.ToString())) == Describe(f));
    BOOST_TEST(IpsecFilter::Parse("action=negotiate").tunnelEndpoint.has_value() == false);

    const std::string notUnicast = "' is not a unicast IPv4 address";
    const std::vector<BadInput> cases = {
        {"tunnel=192.0.2.1 action=permit",
         "tunnel",
         "tunnel: a tunnel endpoint needs action negotiate"},
        {"tunnel=192.0.2.1 action=block",
         "tunnel",
         "tunnel: a tunnel endpoint needs action negotiate"},
        {"tunnel=224.1.1.1 action=negotiate", "tunnel", "tunnel: '224.1.1.1" + notUnicast},
        {"tunnel=255.255.255.255 action=negotiate",
         "tunnel",
         "tunnel: '255.255.255.255" + notUnicast},
        {"tunnel=0.0.0.0 action=negotiate", "tunnel", "tunnel: '0.0.0.0" + notUnicast},
        {"tunnel=10.1.1 action=negotiate", "tunnel", "tunnel: '10.1.1" + notUnicast},
        {"tunnel=me action=negotiate", "tunnel", "tunnel: 'me" + notUnicast},
    };
    for (const BadInput& bad : cases)
    {
        CheckFailure(bad);
    }
}

BOOST_AUTO_TEST_CASE(to_string_exact)
{
    IpsecFilter f = IpsecFilter::Parse(
        "srcaddr=me dstaddr=10.1.2.0/255.255.255.0 protocol=6 dstport=80 action=permit");
    BOOST_TEST(f.ToString() ==
               "srcaddr=me dstaddr=10.1.2.0/24 protocol=tcp dstport=80 mirrored=yes "
               "action=permit");
    std::ostringstream os;
    os << f;
    BOOST_TEST(os.str() == f.ToString());

    IpsecFilter g = IpsecFilter::Parse("srcaddr=10.0.0.1 protocol=udp srcport=53 mirrored=no "
                                       "action=negotiate description=\"two words\"");
    BOOST_TEST(g.ToString() == "srcaddr=10.0.0.1 dstaddr=any protocol=udp srcport=53 "
                               "mirrored=no action=negotiate description=\"two words\"");
}

BOOST_AUTO_TEST_CASE(to_string_round_trip)
{
    const std::vector<std::string> texts = {
        "action=permit",
        "srcaddr=me dstaddr=any action=block",
        "srcaddr=any dstaddr=me protocol=icmp mirrored=no action=negotiate",
        "srcaddr=10.1.1.1 dstaddr=10.2.2.2 protocol=tcp srcport=1024 dstport=80 action=block",
        "srcaddr=10.8.0.0/13 dstaddr=192.168.1.128/255.255.255.128 protocol=udp dstport=53 "
        "mirrored=no action=permit",
        "srcaddr=172.16.0.0 srcmask=255.240.0.0 dstaddr=10.0.0.0 dstmask=8 action=permit",
        "srcaddr=0.0.0.0/0 dstaddr=128.0.0.0/1 protocol=0 action=block",
        "srcaddr=10.0.0.0/31 dstaddr=10.0.0.2/32 protocol=255 action=permit",
        "dstaddr=224.1.2.3 protocol=igmp action=permit description=\"IGMP reports\"",
        "dstaddr=255.255.255.255 protocol=udp srcport=68 dstport=67 action=permit "
        "description=\"dhcp  discover, with = signs\"",
        "srcaddr=Me dstaddr=10.3.0.0/16 protocol=gre mirrored=yes action=negotiate",
    };
    for (const std::string& text : texts)
    {
        BOOST_TEST_CONTEXT("text: " << text)
        {
            IpsecFilter original = IpsecFilter::Parse(text);
            std::string printed = original.ToString();
            IpsecFilter reparsed = IpsecFilter::Parse(printed);
            BOOST_TEST(Describe(reparsed) == Describe(original));
            BOOST_TEST((reparsed.source == original.source));
            BOOST_TEST((reparsed.destination == original.destination));
            // The printed form is canonical: printing it again gives the same text.
            BOOST_TEST(reparsed.ToString() == printed);
        }
    }

    // A filter built in code round-trips as well.
    IpsecFilter built =
        Make(IpsecFilterAddress::Subnet(Ipv4Address("10.4.0.0"), Ipv4Mask("255.252.0.0")),
             IpsecFilterAddress::Me(),
             17,
             5000,
             std::nullopt,
             NEGOTIATE);
    built.mirrored = false;
    built.description = "built in code";
    BOOST_TEST(built.Validate() == "");
    BOOST_TEST(Describe(IpsecFilter::Parse(built.ToString())) == Describe(built));
}

BOOST_AUTO_TEST_CASE(description_with_quote_is_rejected)
{
    // The text form quotes descriptions and has no escapes, so a '"' could not be read back:
    // it is rejected, naming the field, whether set in code or parsed.
    IpsecFilter f = IpsecFilter::Parse("action=permit");
    f.description = "the \"web\" rule";
    BOOST_TEST(f.Validate().rfind("description:", 0) == 0);
    try
    {
        IpsecFilter::Parse("action=permit description=a\"b");
        BOOST_FAIL("a quote in a description must be rejected");
    }
    catch (const IpsecConfigError& e)
    {
        BOOST_TEST(e.GetField() == "description");
    }
}

BOOST_AUTO_TEST_CASE(parse_errors)
{
    // The list of known keys grows with the module: check only the start of that message.
    const std::string unknownKey = "unknown key (expected srcaddr, srcmask, dstaddr, dstmask, ";
    const std::string notAddress =
        "' is not any, me, dns, wins, dhcp, gateway, an IPv4 address or a subnet";
    const std::string oneWay = " must have source any (one-way multicast/broadcast filters are "
                               "not supported)";
    const std::vector<BadInput> cases = {
        // Non-contiguous masks: an inline mask is reported on the address key; a separate
        // mask becomes part of the address and is reported there too by Validate.
        {"srcaddr=10.0.0.0/255.0.255.0 action=permit",
         "srcaddr",
         "srcaddr: mask 255.0.255.0 is not contiguous"},
        {"dstaddr=10.0.0.0/0.255.255.255 action=permit",
         "dstaddr",
         "dstaddr: mask 0.255.255.255 is not contiguous"},
        {"srcaddr=10.0.0.0 srcmask=255.0.255.0 action=permit",
         "srcaddr",
         "srcaddr: mask 255.0.255.0 is not contiguous"},
        {"dstaddr=10.0.0.0 dstmask=255.255.0.255 action=permit",
         "dstaddr",
         "dstaddr: mask 255.255.0.255 is not contiguous"},
        // Host bits set in a subnet.
        {"srcaddr=10.1.2.3/24 action=permit",
         "srcaddr",
         "srcaddr: 10.1.2.3 has host bits set for mask 255.255.255.0"},
        {"dstaddr=10.1.2.3 dstmask=255.255.0.0 action=permit",
         "dstaddr",
         "dstaddr: 10.1.2.3 has host bits set for mask 255.255.0.0"},
        {"dstaddr=10.12.0.0/13 action=permit",
         "dstaddr",
         "dstaddr: 10.12.0.0 has host bits set for mask 255.248.0.0"},
        {"srcaddr=10.0.0.0/0 action=permit",
         "srcaddr",
         "srcaddr: 10.0.0.0 has host bits set for mask 0.0.0.0"},
        // 0.0.0.0 is not a host.
        {"srcaddr=0.0.0.0 action=permit",
         "srcaddr",
         "srcaddr: 0.0.0.0 is not a host address (use any)"},
        // Ports need tcp or udp.
        {"protocol=icmp srcport=80 action=permit",
         "srcport",
         "srcport: ports need protocol tcp or udp, not icmp"},
        {"protocol=icmp dstport=7 action=permit",
         "dstport",
         "dstport: ports need protocol tcp or udp, not icmp"},
        {"dstport=80 action=permit", "dstport", "dstport: ports need protocol tcp or udp, not any"},
        {"protocol=any srcport=80 action=permit",
         "srcport",
         "srcport: ports need protocol tcp or udp, not any"},
        {"protocol=132 dstport=80 action=permit",
         "dstport",
         "dstport: ports need protocol tcp or udp, not 132"},
        {"protocol=tcp dstport=65536 action=permit",
         "dstport",
         "dstport: '65536' is not a port (1-65535, 0 or any)"},
        {"protocol=tcp srcport=http action=permit",
         "srcport",
         "srcport: 'http' is not a port (1-65535, 0 or any)"},
        {"protocol=tcp srcport=-1 action=permit",
         "srcport",
         "srcport: '-1' is not a port (1-65535, 0 or any)"},
        // One-way multicast/broadcast filters are rejected (Windows Server 2003 behaviour).
        {"srcaddr=me dstaddr=224.1.2.3 action=permit",
         "srcaddr",
         "srcaddr: a filter for the multicast/broadcast destination 224.1.2.3" + oneWay},
        {"srcaddr=10.1.1.1 dstaddr=255.255.255.255 action=permit",
         "srcaddr",
         "srcaddr: a filter for the multicast/broadcast destination 255.255.255.255" + oneWay},
        {"srcaddr=10.0.0.0/8 dstaddr=239.0.0.1 mirrored=no action=block",
         "srcaddr",
         "srcaddr: a filter for the multicast/broadcast destination 239.0.0.1" + oneWay},
        // Multicast or broadcast as source.
        {"srcaddr=224.1.2.3 action=permit",
         "srcaddr",
         "srcaddr: 224.1.2.3 is a multicast or broadcast address, which is never a source"},
        {"srcaddr=255.255.255.255 dstaddr=me action=permit",
         "srcaddr",
         "srcaddr: 255.255.255.255 is a multicast or broadcast address, which is never a "
         "source"},
        // Keys and key=value syntax.
        {"srcaddr=me color=red action=permit", "color", "color: " + unknownKey, true},
        {"Colour=red action=permit", "colour", "colour: " + unknownKey, true},
        {"srcaddr=me", "action", "action: missing (permit, block or negotiate)"},
        {"", "action", "action: missing (permit, block or negotiate)"},
        {"action=allow", "action", "action: 'allow' is not permit, block or negotiate"},
        {"action=", "action", "action: '' is not permit, block or negotiate"},
        {"srcaddr=me oops action=permit", "oops", "oops: expected key=value"},
        {"action=permit permit", "permit", "permit: expected key=value"},
        {"action=permit description=\"never closed",
         "description",
         "description: missing closing quote"},
        {"mirrored=maybe action=permit", "mirrored", "mirrored: 'maybe' is not yes or no"},
        // Protocols.
        {"protocol=sctp action=permit",
         "protocol",
         "protocol: 'sctp' is not a protocol name or a number 0-255"},
        {"protocol=256 action=permit",
         "protocol",
         "protocol: '256' is not a protocol name or a number 0-255"},
        {"protocol= action=permit",
         "protocol",
         "protocol: '' is not a protocol name or a number 0-255"},
        // Malformed addresses.
        {"srcaddr=10.1.1 action=permit", "srcaddr", "srcaddr: '10.1.1" + notAddress},
        {"dstaddr=10.1.1.1.1 action=permit", "dstaddr", "dstaddr: '10.1.1.1.1" + notAddress},
        {"srcaddr=a.b.c.d action=permit", "srcaddr", "srcaddr: 'a.b.c.d" + notAddress},
        {"dstaddr=256.1.1.1 action=permit", "dstaddr", "dstaddr: '256.1.1.1" + notAddress},
        {"dstaddr=10.1.1.1. action=permit", "dstaddr", "dstaddr: '10.1.1.1." + notAddress},
        {"dstaddr=10..1.1 action=permit", "dstaddr", "dstaddr: '10..1.1" + notAddress},
        {"srcaddr=me/24 action=permit", "srcaddr", "srcaddr: 'me/24" + notAddress},
        {"srcaddr= action=permit", "srcaddr", "srcaddr: '" + notAddress},
        {"srcaddr=10.0.0.0/33 action=permit", "srcaddr", "srcaddr: '33' is not a mask"},
        {"dstaddr=10.0.0.0/ action=permit", "dstaddr", "dstaddr: '' is not a mask"},
        {"srcaddr=10.0.0.0 srcmask=x action=permit", "srcmask", "srcmask: 'x' is not a mask"},
        // A separate mask needs a specific address.
        {"srcaddr=me srcmask=255.255.255.0 action=permit",
         "srcmask",
         "srcmask: a mask needs a specific address, not me"},
        {"dstmask=255.0.0.0 action=permit",
         "dstmask",
         "dstmask: a mask needs a specific address, not any"},
        {"srcaddr=any srcmask=0 action=permit",
         "srcmask",
         "srcmask: a mask needs a specific address, not any"},
        {"dstaddr=10.0.0.0/8 dstmask=255.255.0.0 action=permit",
         "dstmask",
         "dstmask: a mask needs a specific address, not 10.0.0.0/8"},
    };
    for (const BadInput& bad : cases)
    {
        CheckFailure(bad);
    }
}

BOOST_AUTO_TEST_CASE(validate_programmatic)
{
    IpsecFilter ok =
        Make(IpsecFilterAddress::Me(), IpsecFilterAddress::Any(), 6, std::nullopt, 443, PERMIT);
    BOOST_TEST(ok.Validate() == "");

    // Port 0 can only be set in code (the parser reads 0 as any); it is rejected, not "any".
    IpsecFilter zeroDst = ok;
    zeroDst.destinationPort = 0;
    std::string message = zeroDst.Validate();
    BOOST_TEST(message.rfind("dstport:", 0) == 0u);
    BOOST_TEST(message == "dstport: 0 is not a port (leave it empty for any)");
    IpsecFilter zeroSrc = ok;
    zeroSrc.sourcePort = 0;
    BOOST_TEST(zeroSrc.Validate() == "srcport: 0 is not a port (leave it empty for any)");

    IpsecFilter badMask = ok;
    badMask.destination =
        IpsecFilterAddress::Subnet(Ipv4Address("10.0.0.0"), Ipv4Mask("255.0.255.0"));
    BOOST_TEST(badMask.Validate() == "dstaddr: mask 255.0.255.0 is not contiguous");
    BOOST_TEST(badMask.destination.Validate("where") ==
               "where: mask 255.0.255.0 is not contiguous");

    IpsecFilter hostBits = ok;
    hostBits.source = IpsecFilterAddress::Subnet(Ipv4Address("10.0.0.1"), Ipv4Mask("/8"));
    BOOST_TEST(hostBits.Validate() == "srcaddr: 10.0.0.1 has host bits set for mask 255.0.0.0");

    IpsecFilter zeroHost = ok;
    zeroHost.destination = IpsecFilterAddress::Host(Ipv4Address("0.0.0.0"));
    BOOST_TEST(zeroHost.Validate() == "dstaddr: 0.0.0.0 is not a host address (use any)");

    IpsecFilter oneWay = ok;
    oneWay.destination = IpsecFilterAddress::Host(Ipv4Address("224.0.0.251"));
    oneWay.destinationPort = std::nullopt;
    BOOST_TEST(oneWay.Validate().rfind("srcaddr: a filter for the multicast/broadcast", 0) == 0u);
    oneWay.source = IpsecFilterAddress::Any();
    BOOST_TEST(oneWay.Validate() == "");

    // IpsecSpd::Add validates too, with the same field.
    IpsecSpd spd;
    try
    {
        spd.Add(zeroDst);
        BOOST_TEST(false, "Add accepted dstport 0");
    }
    catch (const IpsecConfigError& e)
    {
        BOOST_TEST(e.GetField() == "dstport");
        BOOST_TEST(std::string(e.what()) == "dstport: 0 is not a port (leave it empty for any)");
    }
    BOOST_TEST(spd.GetNFilters() == 0u);

    IpsecConfigError error("protocol", "bad");
    BOOST_TEST(error.GetField() == "protocol");
    BOOST_TEST(std::string(error.what()) == "protocol: bad");
}

BOOST_AUTO_TEST_CASE(compute_weight_values)
{
    auto weight = [](const std::string& text) {
        return IpsecSpd::ComputeWeight(IpsecFilter::Parse(text));
    };
    // weight = ((addressBits * 2 + protocolGiven) * 3 + portsGiven) * 3 + actionRank
    BOOST_TEST(weight("srcaddr=any dstaddr=any action=permit") == 0u);
    BOOST_TEST(weight("action=negotiate") == 1u);
    BOOST_TEST(weight("action=block") == 2u);
    BOOST_TEST(weight("protocol=icmp action=permit") == 9u);
    BOOST_TEST(weight("protocol=tcp dstport=80 action=permit") == 12u);
    BOOST_TEST(weight("protocol=tcp srcport=1 dstport=80 action=block") == 17u);
    BOOST_TEST(weight("srcaddr=128.0.0.0/1 action=permit") == 18u);
    BOOST_TEST(weight("srcaddr=me dstaddr=10.0.0.0/8 protocol=tcp dstport=80 action=block") ==
               734u);
    BOOST_TEST(weight("srcaddr=me action=permit") == 576u);
    BOOST_TEST(weight("dstaddr=10.9.9.9 action=permit") == 576u); // a host counts as me
    BOOST_TEST(weight("srcaddr=me dstaddr=any protocol=icmp action=negotiate") == 586u);
    BOOST_TEST(weight("srcaddr=10.1.0.0/16 action=permit") == 288u);
    BOOST_TEST(weight("srcaddr=10.8.0.0/13 dstaddr=10.16.0.0/13 action=permit") == 468u);
    BOOST_TEST(weight("srcaddr=10.8.0.0/13 dstaddr=10.16.0.0/13 protocol=tcp srcport=9 "
                      "action=permit") == 480u);
    BOOST_TEST(weight("srcaddr=10.8.0.0 srcmask=255.248.0.0 dstaddr=10.16.0.0/255.248.0.0 "
                      "action=permit") == 468u);
    BOOST_TEST(weight("srcaddr=0.0.0.0/0 dstaddr=any action=block") == 2u);
    BOOST_TEST(weight("dstaddr=224.1.2.3 protocol=udp dstport=5353 action=permit") == 588u);
    // The heaviest possible filter: two hosts, protocol, both ports, block.
    BOOST_TEST(weight("srcaddr=me dstaddr=10.1.1.1 protocol=udp srcport=1 dstport=2 "
                      "action=block") == 1169u);
    // Mirroring does not change the weight.
    BOOST_TEST(weight("srcaddr=me dstaddr=10.0.0.0/8 protocol=tcp dstport=80 mirrored=no "
                      "action=block") == 734u);

    // The same numbers for filters built in code.
    IpsecFilter built = Make(IpsecFilterAddress::Me(),
                             IpsecFilterAddress::Subnet(Ipv4Address("10.0.0.0"), Ipv4Mask("/8")),
                             6,
                             std::nullopt,
                             80,
                             BLOCK);
    BOOST_TEST(IpsecSpd::ComputeWeight(built) == 734u);
    built.action = NEGOTIATE;
    BOOST_TEST(IpsecSpd::ComputeWeight(built) == 733u);
    built.action = PERMIT;
    BOOST_TEST(IpsecSpd::ComputeWeight(built) == 732u);
}

BOOST_AUTO_TEST_CASE(compute_weight_ordering)
{
    auto weight = [](const std::string& text) {
        return IpsecSpd::ComputeWeight(IpsecFilter::Parse(text));
    };
    // One more address bit outweighs protocol, both ports and block together.
    uint32_t oneBitMore = weight("srcaddr=10.0.0.0/10 action=permit");
    uint32_t everythingElse =
        weight("srcaddr=10.0.0.0/9 protocol=tcp srcport=1 dstport=2 action=block");
    BOOST_TEST(oneBitMore == 180u);
    BOOST_TEST(everythingElse == 179u);
    BOOST_TEST(oneBitMore > everythingElse);
    // Address bits count the same on either end.
    BOOST_TEST(weight("srcaddr=10.0.0.0/8 dstaddr=10.1.2.0/24 action=permit") ==
               weight("srcaddr=10.1.0.0/16 dstaddr=10.2.0.0/16 action=permit"));
    // A protocol outweighs both ports and block.
    BOOST_TEST(weight("protocol=icmp action=permit") >
               weight("srcaddr=any protocol=any action=block"));
    BOOST_TEST(weight("srcaddr=me protocol=udp action=permit") >
               weight("dstaddr=me protocol=any action=block"));
    // A port outweighs the action.
    BOOST_TEST(weight("protocol=tcp dstport=80 action=permit") >
               weight("protocol=tcp action=block"));
    BOOST_TEST(weight("protocol=tcp srcport=80 dstport=81 action=permit") >
               weight("protocol=tcp dstport=81 action=block"));
    // Between otherwise equal filters: block > negotiate > permit.
    BOOST_TEST(weight("srcaddr=me action=block") > weight("srcaddr=me action=negotiate"));
    BOOST_TEST(weight("srcaddr=me action=negotiate") > weight("srcaddr=me action=permit"));
    BOOST_TEST(weight("srcaddr=me action=block") - weight("srcaddr=me action=permit") == 2u);
}

BOOST_AUTO_TEST_CASE(selector_ports_and_print)
{
    // Ports are read from the transport header only for tcp and udp.
    const uint8_t header[] = {0x04, 0x00, 0x00, 0x50};
    IpsecPacketSelector tcp;
    tcp.protocol = 6;
    tcp.SetPortsFromTransportHeader(header);
    BOOST_TEST(tcp.sourcePort == 1024u);
    BOOST_TEST(tcp.destinationPort == 80u);
    IpsecPacketSelector icmp;
    icmp.protocol = 1;
    icmp.sourcePort = 7;
    icmp.destinationPort = 7;
    icmp.SetPortsFromTransportHeader(header);
    BOOST_TEST(icmp.sourcePort == 0u);
    BOOST_TEST(icmp.destinationPort == 0u);
    BOOST_TEST(IpsecPacketSelector::ProtocolHasPorts(17) == true);
    BOOST_TEST(IpsecPacketSelector::ProtocolHasPorts(1) == false);

    tcp.source = Ipv4Address("10.0.0.1");
    tcp.destination = Ipv4Address("10.0.0.2");
    std::ostringstream os;
    os << tcp;
    BOOST_TEST(os.str() == "10.0.0.1:1024 > 10.0.0.2:80 proto 6");
}

BOOST_AUTO_TEST_SUITE_END()
