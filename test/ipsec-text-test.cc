/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// The strict text rules shared by every text parser of the module (doc/filters.md, "How text
// is read"): a key given twice, text glued to a quoted value, an empty list entry or part and
// a list entry given twice are errors; keywords and names are read in any case, data keeps its
// case. One test per rule, one row per parser, each error checked to the letter. The fuzzing
// seed corpus (test/fuzz/corpus) is checked here too: valid-* parse, invalid-* are refused.

#include "ns3/ike-config.h"
#include "ns3/ipsec-algorithms.h"
#include "ns3/ipsec-boot-config.h"
#include "ns3/ipsec-config-error.h"
#include "ns3/ipsec-filter.h"
#include "ns3/ipsec-os-profile.h"
#include "ns3/ipsec-sa.h"

#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iterator>
#include <map>
#include <sstream>
#include <string>
#include <vector>

using namespace ns3;

namespace
{

/** A text parser under test: parses its input, throws on bad input, returns nothing. */
using Parser = std::function<void(const std::string& text)>;

/** Every text parser of model/, by a short name used in the tables below. */
const std::map<std::string, Parser>&
Parsers()
{
    static const std::map<std::string, Parser> parsers = {
        {"filter", [](const std::string& t) { IpsecFilter::Parse(t); }},
        {"address", [](const std::string& t) { IpsecFilterAddress::Parse(t, "srcaddr"); }},
        {"protocol", [](const std::string& t) { IpsecParseProtocol(t, "protocol"); }},
        {"bootexemptions", [](const std::string& t) { IpsecParseBootExemptions(t); }},
        {"bootmode", [](const std::string& t) { IpsecParseBootMode(t); }},
        {"profile", [](const std::string& t) { IpsecParseOsProfile(t); }},
        {"mmsecmethods", [](const std::string& t) { IkeParseMainModeMethods(t); }},
        {"qmsecmethods", [](const std::string& t) { IkeParseQuickModeOffers(t); }},
        {"authmethods", [](const std::string& t) { IkeParseAuthMethods(t); }},
        {"pfs", [](const std::string& t) { IkeParsePfs(t); }},
        {"dh", [](const std::string& t) { IkeParseDhGroup(t); }},
        {"cipher", [](const std::string& t) { IpsecParseEncryption(t); }},
        {"integrity", [](const std::string& t) { IpsecParseIntegrity(t); }},
        {"proto", [](const std::string& t) { IpsecParseSecurityProtocol(t); }},
        {"mode", [](const std::string& t) { IpsecParseMode(t); }},
    };
    return parsers;
}

/** What a parser did with one input: the error's field and text, or "(accepted)". */
struct Outcome
{
    std::string field;   //!< GetField(), or a marker when nothing or something else was thrown
    std::string message; //!< what()
};

Outcome
Run(const std::string& parser, const std::string& text)
{
    try
    {
        Parsers().at(parser)(text);
        return {"(accepted)", ""};
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

/** One input that a parser must refuse, with the exact error. */
struct Refused
{
    std::string parser;  //!< key of Parsers()
    std::string text;    //!< the input
    std::string field;   //!< expected GetField()
    std::string message; //!< expected what()
};

void
CheckRefused(const std::vector<Refused>& cases)
{
    for (const Refused& c : cases)
    {
        BOOST_TEST_CONTEXT(c.parser << " <" << c.text << ">")
        {
            Outcome outcome = Run(c.parser, c.text);
            BOOST_TEST(outcome.field == c.field);
            BOOST_TEST(outcome.message == c.message);
        }
    }
}

/** One input that a parser must accept. */
struct Accepted
{
    std::string parser; //!< key of Parsers()
    std::string text;   //!< the input
};

void
CheckAccepted(const std::vector<Accepted>& cases)
{
    for (const Accepted& c : cases)
    {
        BOOST_TEST_CONTEXT(c.parser << " <" << c.text << ">")
        {
            Outcome outcome = Run(c.parser, c.text);
            BOOST_TEST(outcome.field == "(accepted)");
            BOOST_TEST(outcome.message == "");
        }
    }
}

const std::string EMPTY_DASH_PART =
    " has an empty part (a '-' at the start, at the end or doubled)";

} // namespace

BOOST_AUTO_TEST_SUITE(ipsec_text)

// Filter text is the only key=value syntax. A second value for a key used to replace the first
// silently ("action=block action=permit" permitted); now it names the key and both values.
BOOST_AUTO_TEST_CASE(repeated_keys_are_errors)
{
    CheckRefused({
        {"filter",
         "action=block action=permit",
         "action",
         "action: given twice ('block', then 'permit')"},
        {"filter",
         "srcaddr=me SrcAddr=10.1.1.1 action=permit",
         "srcaddr",
         "srcaddr: given twice ('me', then '10.1.1.1')"},
        {"filter",
         "description=a action=permit description=\"b c\"",
         "description",
         "description: given twice ('a', then 'b c')"},
        {"filter",
         "dstaddr=10.0.0.0 dstmask=8 dstmask=16 action=permit",
         "dstmask",
         "dstmask: given twice ('8', then '16')"},
        {"filter",
         "mirrored=yes MIRRORED=yes action=permit",
         "mirrored",
         "mirrored: given twice ('yes', then 'yes')"},
        {"filter",
         "action=negotiate fallback=yes fallback=no",
         "fallback",
         "fallback: given twice ('yes', then 'no')"},
    });
    CheckAccepted({{"filter", "srcaddr=me dstaddr=any srcport=any protocol=tcp action=permit"}});
}

// A quoted value ends at its closing quote; whatever follows must be a blank or the end.
BOOST_AUTO_TEST_CASE(quoted_value_needs_a_separator)
{
    const std::string hint = " (separate keys with a space)";
    CheckRefused({
        {"filter",
         "description=\"a\"action=permit",
         "description",
         "description: text after the closing quote: 'action=permit'" + hint},
        {"filter",
         "action=permit description=\"a\"\"b\"",
         "description",
         "description: text after the closing quote: '\"b\"'" + hint},
        {"filter",
         "srcaddr=\"me\"dstaddr=any action=permit",
         "srcaddr",
         "srcaddr: text after the closing quote: 'dstaddr=any'" + hint},
        {"filter",
         "action=permit description=\"x\",",
         "description",
         "description: text after the closing quote: ','" + hint},
        // A key with no name.
        {"filter", "=permit action=permit", "=permit", "=permit: expected key=value"},
    });
    CheckAccepted({
        {"filter", "description=\"a\" action=permit"},
        {"filter", "description=\"a\"\taction=permit"},
        {"filter", "action=permit description=\"a b\""},
        {"filter", "action=\"permit\""},
    });
}

// Punctuation separators (',' between list entries, '-' inside IKE methods, ':' inside boot
// exemptions) stand between two non-empty items: none at the start, at the end or doubled.
BOOST_AUTO_TEST_CASE(empty_list_entries_and_parts_are_errors)
{
    CheckRefused({
        // IKE lists: a comma at the end used to be dropped silently.
        {"mmsecmethods",
         "3des-sha1-2,",
         "mmsecmethods",
         "mmsecmethods: empty entry in '3des-sha1-2,'"},
        {"mmsecmethods",
         ",3des-sha1-2",
         "mmsecmethods",
         "mmsecmethods: empty entry in ',3des-sha1-2'"},
        {"mmsecmethods",
         "3des-sha1-2,,des-md5-1",
         "mmsecmethods",
         "mmsecmethods: empty entry in '3des-sha1-2,,des-md5-1'"},
        {"qmsecmethods",
         "esp-3des-sha1,",
         "qmsecmethods",
         "qmsecmethods: empty entry in 'esp-3des-sha1,'"},
        {"authmethods", "psk,", "authmethods", "authmethods: empty entry in 'psk,'"},
        {"authmethods", ",psk", "authmethods", "authmethods: empty entry in ',psk'"},
        {"authmethods", "psk,,cert", "authmethods", "authmethods: empty entry in 'psk,,cert'"},
        {"authmethods", "psk, ,cert", "authmethods", "authmethods: empty entry in 'psk, ,cert'"},
        {"authmethods", "", "authmethods", "authmethods: no entries"},
        // IKE methods: a dash at the end used to be dropped silently.
        {"mmsecmethods",
         "3des-sha1-2-",
         "mmsecmethods",
         "mmsecmethods: '3des-sha1-2-'" + EMPTY_DASH_PART},
        {"mmsecmethods",
         "-3des-sha1-2",
         "mmsecmethods",
         "mmsecmethods: '-3des-sha1-2'" + EMPTY_DASH_PART},
        {"mmsecmethods",
         "3des--sha1-2",
         "mmsecmethods",
         "mmsecmethods: '3des--sha1-2'" + EMPTY_DASH_PART},
        {"qmsecmethods",
         "esp-3des-sha1-",
         "qmsecmethods",
         "qmsecmethods: 'esp-3des-sha1-'" + EMPTY_DASH_PART},
        {"qmsecmethods",
         "ah-sha1-",
         "qmsecmethods",
         "qmsecmethods: 'ah-sha1-'" + EMPTY_DASH_PART},
        {"qmsecmethods",
         "esp-aes128gcm-",
         "qmsecmethods",
         "qmsecmethods: 'esp-aes128gcm-'" + EMPTY_DASH_PART},
        {"qmsecmethods",
         "esp--3des-sha1",
         "qmsecmethods",
         "qmsecmethods: 'esp--3des-sha1'" + EMPTY_DASH_PART},
        // Boot exemptions: the ':' fields were already checked one by one.
        {"bootexemptions",
         "ICMP:inbound:",
         "bootexemptions",
         "bootexemptions: entry \"ICMP:inbound:\": format: expected "
         "PROTOCOL:SRCPORT:DSTPORT:DIRECTION or PROTOCOL:DIRECTION"},
        {"bootexemptions",
         "TCP::3389:inbound",
         "bootexemptions",
         "bootexemptions: entry \"TCP::3389:inbound\": srcport: '' is not a port (0-65535 or "
         "any)"},
        {"bootexemptions",
         ":ICMP:inbound",
         "bootexemptions",
         "bootexemptions: entry \":ICMP:inbound\": format: expected "
         "PROTOCOL:SRCPORT:DSTPORT:DIRECTION or PROTOCOL:DIRECTION"},
        // Filter addresses: '.' and '/' likewise.
        {"address",
         "10.1.1.1.",
         "srcaddr",
         "srcaddr: '10.1.1.1.' is not any, me, dns, wins, dhcp, gateway, an IPv4 address or a "
         "subnet"},
        {"address", "10.1.0.0/", "srcaddr", "srcaddr: '' is not a mask"},
    });
    // Blanks around list entries are not separators and do not count.
    CheckAccepted({
        {"authmethods", " psk , cert "},
        {"mmsecmethods", "3des-sha1-2, des-md5-1"},
        {"bootexemptions", "  TCP:any:3389:inbound \t ICMP:inbound "},
        {"filter", "  srcaddr=me \t action=permit  "},
    });
}

// A list that names the same thing twice is a mistake, also when the two entries are spelt
// differently (aliases, case, 0 for any).
BOOST_AUTO_TEST_CASE(duplicate_entries_are_errors)
{
    CheckRefused({
        {"mmsecmethods",
         "3des-sha1-2,des-md5-1,3des-sha1-2",
         "mmsecmethods",
         "mmsecmethods: '3des-sha1-2' listed twice"},
        {"mmsecmethods",
         "3des-sha1-2048,3DES-SHA-14",
         "mmsecmethods",
         "mmsecmethods: '3DES-SHA-14' listed twice (same as '3des-sha1-2048')"},
        {"qmsecmethods",
         "esp-3des-sha1,ah-sha1,ESP-3DES-SHA1",
         "qmsecmethods",
         "qmsecmethods: 'ESP-3DES-SHA1' listed twice (same as 'esp-3des-sha1')"},
        {"qmsecmethods",
         "ah-md5,ah-md5",
         "qmsecmethods",
         "qmsecmethods: 'ah-md5' listed twice"},
        {"authmethods", "psk,cert,psk", "authmethods", "authmethods: 'psk' listed twice"},
        {"authmethods",
         "psk,Preshared",
         "authmethods",
         "authmethods: 'Preshared' listed twice (same as 'psk')"},
        {"bootexemptions",
         "ICMP:inbound ICMP:inbound",
         "bootexemptions",
         "bootexemptions: entry \"ICMP:inbound\": listed twice"},
        {"bootexemptions",
         "TCP:0:3389:inbound UDP:any:53:outbound tcp:any:3389:INBOUND",
         "bootexemptions",
         "bootexemptions: entry \"tcp:any:3389:INBOUND\": listed twice (same as "
         "\"TCP:0:3389:inbound\")"},
        {"bootexemptions",
         "47:inbound GRE:inbound",
         "bootexemptions",
         "bootexemptions: entry \"GRE:inbound\": listed twice (same as \"47:inbound\")"},
    });
    // Entries that differ in any field are not duplicates.
    CheckAccepted({
        {"mmsecmethods", "3des-sha1-2,3des-sha1-1,3des-md5-2,des-sha1-2"},
        {"qmsecmethods", "esp-3des-sha1,esp-3des-md5,esp-des-sha1,ah-sha1"},
        {"authmethods", "kerberos,cert,psk"},
        {"bootexemptions", "ICMP:inbound ICMP:outbound TCP:any:80:inbound TCP:80:any:inbound"},
    });
}

// Keywords and names (keys, actions, protocols, directions, profiles, algorithms, PFS, SA
// protocol and mode) are read in any case, as netsh reads them.
BOOST_AUTO_TEST_CASE(keywords_and_names_ignore_case)
{
    CheckAccepted({
        {"profile", "WinXP"},
        {"profile", "WIN2003SP2"},
        {"pfs", "NONE"},
        {"pfs", "Session"},
        {"proto", "ESP"},
        {"proto", "Ah"},
        {"mode", "Tunnel"},
        {"mode", "TRANSPORT"},
        {"filter", "SRCADDR=ME DstAddr=GATEWAY PROTOCOL=TCP DSTPORT=ANY MIRRORED=NO ACTION=BLOCK"},
        {"address", "Any"},
        {"protocol", "ICMP"},
        {"bootexemptions", "Tcp:ANY:3389:InBound Icmp:OUTBOUND"},
        {"bootexemptions", "None"},
        {"bootmode", "BLOCK"},
        {"mmsecmethods", "3DES-SHA1-2,Aes128-Sha256-2048"},
        {"qmsecmethods", "ESP-AES128GCM,Ah-Sha1"},
        {"authmethods", "PSK,Kerberos,Cert"},
        {"cipher", "AES256"},
        {"integrity", "Sha256"},
    });
    BOOST_TEST((IpsecParseOsProfile("WinXP") == IpsecOsProfile::WINXP));
    BOOST_TEST((IpsecParseOsProfile("WIN2003SP2") == IpsecOsProfile::WIN2003_SP2));
    BOOST_TEST((IkeParsePfs("MASTER") == IkePfs::MASTER));
    BOOST_TEST((IpsecParseSecurityProtocol("AH") == IpsecProtocol::AH));
    BOOST_TEST((IpsecParseMode("Tunnel") == IpsecMode::TUNNEL));
    IpsecFilter f = IpsecFilter::Parse("SrcAddr=ME Protocol=UDP DstPort=53 Action=Negotiate");
    BOOST_TEST(f.ToString() ==
               "srcaddr=me dstaddr=any protocol=udp dstport=53 mirrored=yes action=negotiate");
    // Case never turns a wrong word into a right one, and blanks are not trimmed from one word.
    CheckRefused({
        {"profile",
         "win2003 ",
         "profile",
         "profile: 'win2003 ' is not an OS profile (win2000, winxp, win2003, win2003sp2)"},
        {"pfs", "Always", "pfs", "pfs: 'Always' (use none, session or master)"},
        {"proto", "GRE", "proto", "proto: 'GRE' is not esp or ah"},
        {"mode", "Bus", "mode", "mode: 'Bus' is not transport or tunnel"},
    });
}

// Data (descriptions, DNS names, anything quoted back in an error) keeps its case.
BOOST_AUTO_TEST_CASE(data_keeps_its_case)
{
    IpsecFilter f = IpsecFilter::Parse("action=permit description=\"Allow DNS from HQ\"");
    BOOST_TEST(f.description == "Allow DNS from HQ");
    BOOST_TEST(f.ToString() == "srcaddr=any dstaddr=any protocol=any mirrored=yes "
                               "action=permit description=\"Allow DNS from HQ\"");
    BOOST_TEST(IpsecFilter::Parse("description=WebRule action=permit").description == "WebRule");

    // DNS names compare without case (RFC 4343): the resolver is asked in lower case; an
    // error quotes the name as written.
    std::vector<std::string> asked;
    auto resolver = [&asked](const std::string& name) -> std::optional<Ipv4Address> {
        asked.push_back(name);
        if (name == "fileserver.example")
        {
            return Ipv4Address("10.9.9.9");
        }
        return std::nullopt;
    };
    IpsecFilter g =
        IpsecFilter::Parse("srcaddr=me dstaddr=FileServer.Example action=permit", resolver);
    BOOST_TEST(g.destination.GetAddress() == Ipv4Address("10.9.9.9"));
    try
    {
        IpsecFilter::Parse("dstaddr=Printer.Example action=permit", resolver);
        BOOST_ERROR("an unknown name was accepted");
    }
    catch (const IpsecConfigError& e)
    {
        BOOST_TEST(std::string(e.what()) ==
                   "dstaddr: cannot resolve the DNS name 'Printer.Example'");
    }
    BOOST_TEST(asked == (std::vector<std::string>{"fileserver.example", "printer.example"}),
               boost::test_tools::per_element());

    // Errors quote the offending text exactly as given.
    CheckRefused({
        {"profile",
         "WinME",
         "profile",
         "profile: 'WinME' is not an OS profile (win2000, winxp, win2003, win2003sp2)"},
        {"authmethods", "PSK,Radius", "authmethods", "authmethods: 'Radius' (use psk, cert or "
                                                     "kerberos)"},
        {"mmsecmethods",
         "3DES-SHA9-2",
         "mmsecmethods",
         "mmsecmethods: '3DES-SHA9-2': hash: 'SHA9' (use md5, sha1 or sha256)"},
        {"mmsecmethods",
         "3des-sha1-5",
         "mmsecmethods",
         "mmsecmethods: '3des-sha1-5': dh: '5' (use 1, 2 or 2048)"},
        {"filter",
         "action=Allow",
         "action",
         "action: 'Allow' is not permit, block or negotiate"},
    });
}

// The fuzzing seeds: every valid-* input parses, every invalid-* one is refused with an
// IpsecConfigError (nothing else escapes), and each folder holds 20-40 inputs.
BOOST_AUTO_TEST_CASE(fuzz_seed_corpus)
{
    const std::filesystem::path corpus =
        std::filesystem::path(__FILE__).parent_path() / "fuzz" / "corpus";
    for (const auto& [folder, parser] : {std::make_pair("filter-text", "filter"),
                                         std::make_pair("boot-exemptions", "bootexemptions")})
    {
        BOOST_TEST_CONTEXT(folder)
        {
            std::filesystem::path dir = corpus / folder;
            BOOST_TEST_REQUIRE(std::filesystem::is_directory(dir), dir << " is missing");
            size_t valid = 0;
            size_t invalid = 0;
            for (const auto& entry : std::filesystem::directory_iterator(dir))
            {
                std::string name = entry.path().filename().string();
                std::ifstream in(entry.path(), std::ios::binary);
                std::string text((std::istreambuf_iterator<char>(in)),
                                 std::istreambuf_iterator<char>());
                BOOST_TEST_CONTEXT(name << " <" << text << ">")
                {
                    Outcome outcome = Run(parser, text);
                    if (name.rfind("valid-", 0) == 0)
                    {
                        ++valid;
                        BOOST_TEST(outcome.field == "(accepted)");
                        BOOST_TEST(outcome.message == "");
                    }
                    else if (name.rfind("invalid-", 0) == 0)
                    {
                        ++invalid;
                        BOOST_TEST(outcome.field != "(accepted)");
                        BOOST_TEST(outcome.field != "(not an IpsecConfigError)");
                        // The message names the field first.
                        BOOST_TEST(outcome.message.rfind(outcome.field + ": ", 0) == 0u);
                    }
                    else
                    {
                        BOOST_ERROR("seed names start with valid- or invalid-");
                    }
                }
            }
            BOOST_TEST(valid >= 5u);
            BOOST_TEST(invalid >= 5u);
            BOOST_TEST(valid + invalid >= 20u);
            BOOST_TEST(valid + invalid <= 40u);
        }
    }
}

BOOST_AUTO_TEST_SUITE_END()
