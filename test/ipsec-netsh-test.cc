/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// netsh scripts as policy input (doc/netsh.md): scripts written as an administrator writes them
// load and behave exactly like the same policy built through the C++ API (printed SPD, IKE and
// driver settings, and packets delivered per port on a simulated link); bad scripts fail with
// the line; a loaded store prints back as a script that loads to the same; garbage never
// crashes the reader.

#include "ipsec-test-network.h"
#include "ipsec-test-topology.h"

#include "ns3/ipsec-netsh-error.h"
#include "ns3/ipsec-netsh-policy-mapper.h"
#include "ns3/ipsec-netsh-policy-store.h"

#include <boost/test/unit_test.hpp>

#include <map>
#include <random>
#include <sstream>
#include <string>
#include <vector>

using namespace ns3;
using namespace ns3::test;

namespace
{

/** The file server policy as an administrator writes it: abbreviations, quotes, two policies. */
const std::string FILE_SERVER_SCRIPT = R"(# File server IPsec policy (run with netsh -f)
pushd ipsec static

add policy name="Block Everything" description="kept for emergencies"
add filterlist "All Traffic"
add filter filterlist="All Traffic" srcaddr=me dstaddr=any
add filteraction name="Block" action=block
add rule name="Block all" policy="Block Everything" filterlist="All Traffic" filteraction="Block"

a pol "File Server" desc="as deployed" assign=no
a filterl name="Telnet"
a filter filterl="Telnet" srca=any dsta=me proto=UDP dstp=7000 mirr=no
a filter filterl=Monitoring srca=10.1.1.0 srcm=24 dsta=me proto=udp dstport=8000 desc="monitoring"
a filterl name="Secure app"
a filter "Secure app" 10.1.1.0 10.1.1.0 "app on 9000" UDP yes 24 255.255.255.0 0 9000
a filtera name=Permit act=perm
A FILTERA NAME="Require" qmpfs=y inpass=n soft=n act=neg qmsec="ESP[3DES,SHA1]:100000k/3600s ESP[DES,MD5]:100000k/3600s"
a rule name="No telnet" pol="File Server" filterl=telnet filtera=block
a rule name="Monitoring" pol="file server" filterl=Monitoring filtera=Permit
a rule name="App" pol="File Server" filterl="Secure app" filtera=Require psk="s3cret key" conn=all act=yes
set pol name="File Server" assign=y
popd
netsh ipsec dynamic set config property=ipsecexempt value=3
)";

/** The same policy through the C++ API: attributes before Install, filters after. */
void
ConfigureFileServerByApi(IpsecHelper& ipsec)
{
    ipsec.SetIkeAttribute("QuickModeOffers", StringValue("esp-3des-sha1,esp-des-md5"));
    ipsec.SetIkeAttribute("QuickModeLifetime", TimeValue(Seconds(3600)));
    ipsec.SetIkeAttribute("QuickModeLifetimeKb", UintegerValue(100000));
    ipsec.SetIkeAttribute("Pfs", StringValue("session"));
    ipsec.SetIkeAttribute("AuthMethods", StringValue("psk"));
    ipsec.SetIkeAttribute("PreSharedKey", StringValue("s3cret key"));
    ipsec.SetIkeAttribute("DefaultResponseRule", BooleanValue(true));
}

void
AddFileServerFiltersByApi(NodeContainer nodes)
{
    IpsecHelper::AddFilter(nodes,
                           "srcaddr=any dstaddr=me protocol=udp dstport=7000 mirrored=no "
                           "action=block description=\"No telnet\"");
    IpsecHelper::AddFilter(nodes,
                           "srcaddr=10.1.1.0/24 dstaddr=me protocol=udp dstport=8000 "
                           "action=permit description=monitoring");
    IpsecHelper::AddFilter(nodes,
                           "srcaddr=10.1.1.0/24 dstaddr=10.1.1.0/24 protocol=udp dstport=9000 "
                           "action=negotiate description=\"app on 9000\"");
    IpsecHelper::SetDefaultExemptions(nodes, 3);
}

/** Every attribute of an object, as text. */
std::string
Attributes(Ptr<Object> object)
{
    std::ostringstream os;
    TypeId tid = object->GetInstanceTypeId();
    for (uint32_t i = 0; i < tid.GetAttributeN(); ++i)
    {
        std::string name = tid.GetAttribute(i).name;
        StringValue value;
        object->GetAttribute(name, value);
        os << name << "=" << value.Get() << "\n";
    }
    return os.str();
}

/** What one run shows: per node the printed policy and settings; per port the deliveries. */
struct Outcome
{
    std::vector<std::string> policy;     //!< PrintPolicy per node, after the run
    std::vector<std::string> settings;   //!< IkeService and IpsecDriver attributes per node
    std::map<uint16_t, uint32_t> delivered; //!< datagrams delivered to A per port
    uint64_t espSas{0};                  //!< SAs on A at the end
};

/**
 * Two nodes A 10.1.1.1 and B 10.1.1.2; \p configure sets their policy; B sends 5 datagrams to
 * each of A's ports 7000, 8000, 9000, 9100.
 */
Outcome
RunFileServer(const std::function<void(IpsecHelper&, NodeContainer)>& configure,
              const std::function<void(NodeContainer)>& afterAddresses)
{
    NodeContainer nodes;
    NetDeviceContainer devices = CreateTestLink(nodes);
    IpsecHelper ipsec;
    configure(ipsec, nodes);
    ipsec.Install(nodes);
    Ipv4AddressHelper("10.1.1.0", "255.255.255.0").Assign(devices);
    ipsec.AssignStreams(nodes, 100); // same SPIs and cookies in every run of the process
    afterAddresses(nodes);
    std::map<uint16_t, std::shared_ptr<UdpCounter>> counters;
    Time start = Seconds(1);
    for (uint16_t port : {7000, 8000, 9000, 9100})
    {
        counters[port] = InstallUdpCounter(nodes.Get(0), port);
        ScheduleUdp(nodes.Get(1), Ipv4Address("10.1.1.1"), port, 5, start);
        start += MilliSeconds(20);
    }
    Simulator::Stop(Seconds(10));
    Simulator::Run();
    Outcome outcome;
    for (uint32_t i = 0; i < nodes.GetN(); ++i)
    {
        std::ostringstream os;
        IpsecHelper::PrintPolicy(nodes.Get(i), os);
        outcome.policy.push_back(os.str());
        outcome.settings.push_back(Attributes(IpsecHelper::GetIke(nodes.Get(i))) +
                                   Attributes(IpsecHelper::GetDriver(nodes.Get(i))));
    }
    for (const auto& [port, counter] : counters)
    {
        outcome.delivered[port] = counter->received;
    }
    outcome.espSas = IpsecHelper::GetDriver(nodes.Get(0))->GetSad().GetN();
    Simulator::Destroy();
    return outcome;
}

void
CheckSame(const Outcome& script, const Outcome& api)
{
    BOOST_REQUIRE_EQUAL(script.policy.size(), api.policy.size());
    for (size_t i = 0; i < script.policy.size(); ++i)
    {
        BOOST_TEST(script.policy[i] == api.policy[i]);
        BOOST_TEST(script.settings[i] == api.settings[i]);
    }
    BOOST_TEST(script.delivered == api.delivered);
    BOOST_TEST(script.espSas == api.espSas);
}

/** Run a script into a store; return the error it raises. */
IpsecNetshError
ErrorOf(const std::string& script)
{
    try
    {
        IpsecNetshPolicyStore store;
        store.Run(script);
        IpsecNetshPolicyMapper::Map(store);
    }
    catch (const IpsecNetshError& e)
    {
        return e;
    }
    BOOST_FAIL("no error for: " + script);
    return IpsecNetshError(0, "", "");
}

std::string
PrintedScript(const IpsecNetshPolicyStore& store)
{
    std::ostringstream os;
    store.PrintScript(os);
    return os.str();
}

} // namespace

BOOST_FIXTURE_TEST_SUITE(ipsec_netsh, SimulatorFixture)

// The administrator's script and the same policy through the C++ API build the same SPD, the
// same IKE and driver settings, and deliver the same packets: the blocked port gets nothing,
// the permitted and unfiltered ports everything, the negotiated port everything through ESP.
BOOST_AUTO_TEST_CASE(script_behaves_like_the_api)
{
    Outcome script = RunFileServer([](IpsecHelper&, NodeContainer) {},
                                   [](NodeContainer nodes) {
                                       IpsecHelper::LoadNetshScriptText(nodes, FILE_SERVER_SCRIPT);
                                   });
    Outcome api = RunFileServer([](IpsecHelper& ipsec, NodeContainer) {
        ConfigureFileServerByApi(ipsec);
    },
                                AddFileServerFiltersByApi);
    CheckSame(script, api);
    std::map<uint16_t, uint32_t> expected{{7000, 0}, {8000, 5}, {9000, 5}, {9100, 5}};
    BOOST_TEST(script.delivered == expected);
    BOOST_TEST(script.espSas == 2u); // one SA pair for the port 9000 traffic
    // Only the assigned policy applies: three filters, not the emergency block.
    BOOST_TEST(script.policy[0].find("Block all") == std::string::npos);
    BOOST_TEST(script.policy[0].find("No telnet") != std::string::npos);
    BOOST_TEST(script.settings[0].find("PreSharedKey=s3cret key\n") != std::string::npos);
    BOOST_TEST(script.settings[0].find("DefaultExemptions=3\n") != std::string::npos);
}

// The filters the store maps to, to the letter.
BOOST_AUTO_TEST_CASE(mapped_filters_and_ike_values)
{
    IpsecNetshPolicyStore store;
    store.Run(FILE_SERVER_SCRIPT);
    BOOST_TEST(store.GetPolicies().size() == 2u);
    BOOST_TEST(store.GetFilterLists().size() == 4u); // Monitoring created by its first filter
    IpsecNetshMappedPolicy mapped = IpsecNetshPolicyMapper::Map(store);
    BOOST_TEST(mapped.policyName == "File Server");
    std::vector<std::string> filters;
    for (const auto& f : mapped.filters)
    {
        filters.push_back(f.ToString());
    }
    std::vector<std::string> expected{
        "srcaddr=any dstaddr=me protocol=udp dstport=7000 mirrored=no action=block "
        "description=\"No telnet\"",
        "srcaddr=10.1.1.0/24 dstaddr=me protocol=udp dstport=8000 mirrored=yes action=permit "
        "description=\"monitoring\"",
        "srcaddr=10.1.1.0/24 dstaddr=10.1.1.0/24 protocol=udp dstport=9000 mirrored=yes "
        "action=negotiate description=\"app on 9000\""};
    BOOST_TEST(filters == expected, boost::test_tools::per_element());
    BOOST_TEST(*mapped.quickModeOffers == "esp-3des-sha1,esp-des-md5");
    BOOST_TEST(*mapped.pfs == "session");
    BOOST_TEST(*mapped.authMethods == "psk");
    BOOST_TEST(*mapped.preSharedKey == "s3cret key");
    BOOST_TEST(*mapped.quickModeLifetimeKb == 100000u);
    BOOST_TEST(mapped.quickModeLifetime->GetSeconds() == 3600.0);
    BOOST_TEST(*mapped.defaultResponseRule);
    BOOST_TEST(*mapped.config.ipsecExempt == 3);
}

// Every way of naming the context gives the same store: full commands, pushd, a bare context
// line, `ipsec static` from the root.
BOOST_AUTO_TEST_CASE(contexts_and_full_commands)
{
    const std::string body = "add filterlist name=L\n"
                             "add filter filterlist=L srcaddr=me dstaddr=any protocol=tcp "
                             "dstport=80\n"
                             "add filteraction name=A action=permit\n"
                             "add policy name=P assign=yes\n"
                             "add rule name=R policy=P filterlist=L filteraction=A\n";
    std::vector<std::string> scripts;
    std::string full;
    std::string fromRoot;
    std::istringstream in(body);
    std::string line;
    while (std::getline(in, line))
    {
        full += "netsh ipsec static " + line + "\n";
        fromRoot += "ipsec static " + line + "\n";
    }
    scripts.push_back(full);
    scripts.push_back(fromRoot);
    scripts.push_back("pushd ipsec static\n" + body + "popd\n");
    scripts.push_back("ipsec\nstatic\n" + body);
    scripts.push_back("pushd ipsec\npushd s\n" + body + "popd\npopd\n");
    scripts.push_back("pushd netsh ipsec dynamic\npushd netsh ipsec st\n" + body + "popd\n");
    // A file saved on Windows: UTF-8 byte order mark, CRLF line ends.
    std::string windows = "\xEF\xBB\xBFpushd ipsec static\r\n";
    for (char ch : body)
    {
        windows += ch == '\n' ? std::string("\r\n") : std::string(1, ch);
    }
    scripts.push_back(windows);
    std::string reference;
    for (const auto& script : scripts)
    {
        IpsecNetshPolicyStore store;
        store.Run(script);
        std::string printed = PrintedScript(store);
        if (reference.empty())
        {
            reference = printed;
        }
        BOOST_TEST(printed == reference);
        BOOST_TEST(IpsecNetshPolicyMapper::Map(store).filters.size() == 1u);
    }
}

// The script prints back as a script that builds the same store (printed again to the letter)
// and the same SPD and settings on a node.
BOOST_AUTO_TEST_CASE(round_trip)
{
    IpsecNetshPolicyStore first;
    first.Run(FILE_SERVER_SCRIPT);
    std::string printed = PrintedScript(first);
    IpsecNetshPolicyStore second;
    second.Run(printed);
    BOOST_TEST(PrintedScript(second) == printed);
    BOOST_TEST(printed.find("add filter filterlist=\"Secure app\" srcaddr=10.1.1.0 "
                            "dstaddr=10.1.1.0 description=\"app on 9000\" protocol=udp "
                            "mirrored=yes srcmask=255.255.255.0 dstmask=255.255.255.0 srcport=0 "
                            "dstport=9000") != std::string::npos);
    BOOST_TEST(printed.find("qmsecmethods=\"ESP[3DES,SHA1]:100000k/3600s "
                            "ESP[DES,MD5]:100000k/3600s\"") != std::string::npos);
    Outcome original = RunFileServer([](IpsecHelper&, NodeContainer) {},
                                     [](NodeContainer nodes) {
                                         IpsecHelper::LoadNetshScriptText(nodes,
                                                                          FILE_SERVER_SCRIPT);
                                     });
    Outcome reloaded = RunFileServer([](IpsecHelper&, NodeContainer) {},
                                     [&printed](NodeContainer nodes) {
                                         IpsecHelper::LoadNetshScriptText(nodes, printed);
                                     });
    CheckSame(reloaded, original);
}

// Later commands change earlier ones as in netsh: set, delete, rename, reassign.
BOOST_AUTO_TEST_CASE(set_and_delete)
{
    IpsecNetshPolicyStore store;
    store.Run(R"(pushd ipsec static
add policy name=One assign=yes
add policy name=Two
add filterlist name=L
add filter filterlist=L srcaddr=me dstaddr=10.1.2.0 dstmask=255.255.255.0
add filter filterlist=L srcaddr=me dstaddr=10.1.3.7
add filteraction name=A action=block
add rule name=R policy=Two filterlist=L filteraction=A
delete filter filterlist=L srcaddr=me dstaddr=10.1.3.7
set filteraction name=A action=permit newname=Pass
set filterlist name=L newname=Lan
set policy name=Two assign=yes newname=Second
set rule name=R policy=Second activate=yes description="renamed"
set defaultrule policy=Second activate=no
popd
)");
    BOOST_TEST(store.GetAssignedPolicy()->name == "Second");
    BOOST_TEST(!store.GetPolicies()[0].assigned); // One was unassigned by assigning Two
    IpsecNetshMappedPolicy mapped = IpsecNetshPolicyMapper::Map(store);
    BOOST_REQUIRE(mapped.filters.size() == 1u);
    BOOST_TEST(mapped.filters[0].ToString() ==
               "srcaddr=me dstaddr=10.1.2.0/24 protocol=any mirrored=yes action=permit "
               "description=\"R\"");
    BOOST_TEST(*mapped.defaultResponseRule == false);
    BOOST_TEST(store.GetAssignedPolicy()->rules[0].filterList == "Lan");
    BOOST_TEST(store.GetAssignedPolicy()->rules[0].filterAction == "Pass");
    // A list in use cannot go; once its rule is gone it can.
    BOOST_CHECK_THROW(store.Run("netsh ipsec static delete filterlist name=Lan"),
                      IpsecNetshError);
    store.Run("netsh ipsec static delete rule name=R policy=Second\n"
              "netsh ipsec static delete filterlist name=Lan");
    BOOST_TEST(store.GetFilterLists().empty());
    BOOST_TEST(IpsecNetshPolicyMapper::Map(store).filters.empty());
}

// `dynamic set config`: the three settings the module models, as the C++ setters set them.
BOOST_AUTO_TEST_CASE(dynamic_config)
{
    NodeContainer nodes;
    CreateTestLink(nodes);
    InstallWithoutIke(nodes);
    IpsecHelper::LoadNetshScriptText(nodes.Get(0),
                                     "pushd ipsec dynamic\n"
                                     "set config ipsecexempt 1\n"
                                     "set conf property=bootm value=block\n"
                                     "set config bootexemptions "
                                     "\"TCP:any:3389:inbound ICMP:inbound\"\n"
                                     "popd\n");
    IpsecHelper::SetDefaultExemptions(nodes.Get(1), 1);
    IpsecHelper::SetBootMode(nodes.Get(1), "block");
    IpsecHelper::SetBootExemptions(nodes.Get(1), "TCP:any:3389:inbound ICMP:inbound");
    BOOST_TEST(Attributes(IpsecHelper::GetDriver(nodes.Get(0))) ==
               Attributes(IpsecHelper::GetDriver(nodes.Get(1))));
    BOOST_TEST(IpsecHelper::GetDriver(nodes.Get(0))->GetDefaultExemptions() == 1);
    BOOST_TEST(IpsecHelper::GetDriver(nodes.Get(0))->GetBootExemptions() ==
               "TCP:any:3389:inbound ICMP:inbound");
}

// Bad scripts: each error names the line, the command and why.
BOOST_AUTO_TEST_CASE(errors_name_the_line)
{
    const std::string head = "pushd ipsec static\n"
                             "add filterlist name=L\n"
                             "add filteraction name=A\n"
                             "add policy name=P\n";
    struct Case
    {
        std::string script;
        uint32_t line;
        std::string message;
    };
    std::vector<Case> cases{
        {head + "frobnicate policy name=x",
         5,
         "line 5: frobnicate: unknown command in netsh ipsec static"},
        {head + "add policy name=Q colour=blue", 5, "line 5: add policy: unknown tag 'colour'"},
        {head + "add filter filterlist=L srcaddr=me dst=any", 5,
         "line 5: add filter: ambiguous tag 'dst' (could be dstaddr, dstmask, dstport)"},
        {head + "add f name=x",
         5,
         "ambiguous abbreviation 'f' (could be filter, filteraction, filterlist"},
        {head + "d policy name=P", 5, "line 5: d: ambiguous command"},
        {head + "add rule name=R policy=P filterlist=L", 5,
         "line 5: add rule: filteraction: missing (required)"},
        {head + "add rule name=R policy=P filterlist=Nope filteraction=A", 5,
         "line 5: add rule: filterlist: no filter list named 'Nope'"},
        {head + "add rule name=R policy=Nope filterlist=L filteraction=A", 5,
         "line 5: add rule: policy: no policy named 'Nope'"},
        {head + "add filter filterlist=L srcaddr=10.1.1.300 dstaddr=any", 5,
         "line 5: add filter: srcaddr: '10.1.1.300' with mask"},
        {head + "add filter filterlist=L srcaddr=10.1.1.1 srcmask=255.0.255.0 dstaddr=any", 5,
         "not contiguous"},
        {head + "add filter filterlist=L srcaddr=10.1.1.1-10.1.1.9 dstaddr=any", 5,
         "not modelled: address ranges"},
        {head + "add filter filterlist=L srcaddr=me dstaddr=any protocol=icmp dstport=80", 5,
         "dstport: ports need protocol tcp or udp"},
        {head + "add rule name=R policy=P filterlist=L filteraction=A conntype=dialup", 5,
         "not modelled: dialup"},
        {head + "add filteraction name=B qmsec=\"AH[MD5]+ESP[DES,SHA1]\"", 5,
         "not modelled: AH and ESP together"},
        {head + "set store location=domain", 5, "not modelled: domain store"},
        {head + "add filteraction name=B qmsec=\"ESP[3DES,SHA1]:0s\"", 5,
         "the lifetime in seconds must be 1 to 4294967295"},
        {head + "add filteraction name=B qmsec=\"ESP[3DES,SHA1]:1k ESP[DES,MD5]:2k\"", 5,
         "not modelled: methods with different lifetimes"},
        {head + "add rule name=R policy=P filterlist=L filteraction=A rootca=\"CA certmap:yes\"",
         5, "not modelled: certmap:yes"},
        {"netsh ipsec dynamic add rule srcaddr=me dstaddr=any", 1,
         "line 1: add rule: not modelled: of the dynamic context only 'set config'"},
        {"netsh ipsec dynamic set config property=ikelogging value=1", 1,
         "property: not modelled: ikelogging"},
        {"netsh ipsec dynamic set config property=ipsecexempt value=4", 1,
         "value: '4' is not a number from 0 to 3"},
        {"netsh firewall set opmode enable", 1, "not modelled: only the 'ipsec' context"},
        {"netsh ipsec static show all", 1, "not modelled by the netsh reader"},
        {head + "add policy name=\"Unclosed", 5, "line 5: unterminated quote"},
        {head + "popd\npopd", 6, "line 6: popd: no context was pushed"},
        {head + "add policy name=P", 5, "a policy named 'P' already exists"},
        {head + "add policy name=Q mmpfs=maybe", 5, "mmpfs: 'maybe' is not yes, no"},
        {head + "add policy name=Q name=R", 5, "name: given twice ('Q', then 'R')"},
        {head + "add filteraction name=B soft=yes action=permit\n"
                "add filter filterlist=L srcaddr=me dstaddr=any\n"
                "add rule name=R policy=P filterlist=L filteraction=B\n"
                "set policy name=P assign=yes",
         7, "line 7: add rule: rule 'R': filter action 'B' has soft=yes with action permit"},
        // One IKE configuration per node: two negotiate rules with different methods.
        {head + "add filter filterlist=L srcaddr=me dstaddr=10.1.1.2\n"
                "add filter filterlist=M srcaddr=me dstaddr=10.1.1.3\n"
                "add filteraction name=B qmsec=\"ESP[DES,MD5]\"\n"
                "add rule name=R1 policy=P filterlist=L filteraction=A psk=one\n"
                "add rule name=R2 policy=P filterlist=M filteraction=B psk=one\n"
                "set policy name=P assign=yes",
         9, "line 9: add rule: rule 'R2': not modelled: its quick mode methods"},
    };
    for (const auto& c : cases)
    {
        IpsecNetshError error = ErrorOf(c.script);
        BOOST_TEST_MESSAGE(error.what());
        BOOST_TEST_CONTEXT(c.script)
        {
            BOOST_TEST(error.GetLine() == c.line);
            BOOST_TEST(std::string(error.what()).find(c.message) != std::string::npos,
                       "'" << error.what() << "' lacks '" << c.message << "'");
        }
    }
}

// An error while applying leaves every node as it was; an unreadable file names the file.
BOOST_AUTO_TEST_CASE(nodes_unchanged_on_error)
{
    NodeContainer nodes;
    CreateTestLink(nodes);
    IpsecHelper ipsec;
    ipsec.Install(nodes.Get(0));
    InstallWithoutIke(nodes.Get(1));
    // The policy names IKE values: node 1 has no IKE service, so no node changes.
    const std::string script = "netsh ipsec static add filteraction name=A\n"
                               "netsh ipsec static add filter filterlist=L srcaddr=me "
                               "dstaddr=any\n"
                               "netsh ipsec static add policy name=P assign=yes\n"
                               "netsh ipsec static add rule name=R policy=P filterlist=L "
                               "filteraction=A psk=x\n";
    BOOST_CHECK_THROW(IpsecHelper::LoadNetshScriptText(nodes, script), IpsecConfigError);
    BOOST_TEST(IpsecHelper::GetDriver(nodes.Get(0))->GetSpd().GetNFilters() == 0u);
    StringValue key;
    IpsecHelper::GetIke(nodes.Get(0))->GetAttribute("PreSharedKey", key);
    BOOST_TEST(key.Get().empty());
    // rootca must be a CA the node trusts.
    BOOST_CHECK_THROW(IpsecHelper::LoadNetshScriptText(
                          nodes.Get(0),
                          "netsh ipsec static add filteraction name=A\n"
                          "netsh ipsec static add filter filterlist=L srcaddr=me dstaddr=any\n"
                          "netsh ipsec static add policy name=P assign=yes\n"
                          "netsh ipsec static add rule name=R policy=P filterlist=L "
                          "filteraction=A rootca=\"Contoso Root CA certmap:no "
                          "excludecaname:no\"\n"),
                      IpsecConfigError);
    BOOST_TEST(IpsecHelper::GetDriver(nodes.Get(0))->GetSpd().GetNFilters() == 0u);
    try
    {
        IpsecHelper::LoadNetshScript(nodes.Get(0), "/nonexistent/policy.netsh");
        BOOST_FAIL("no error for a missing file");
    }
    catch (const IpsecConfigError& e)
    {
        BOOST_TEST(e.GetField() == "file");
    }
}

// The shipped policies load; "require IPsec for all" is exactly the flagship study's built-in
// policy, and the DC/DNS script holds its four filters in rule order.
BOOST_AUTO_TEST_CASE(shipped_example_policies)
{
    const std::string dir = std::string(IPSEC_SOURCE_DIR) + "/examples/policies/";
    NodeContainer nodes;
    CreateTestLink(nodes);
    IpsecHelper().Install(nodes);
    IpsecHelper::LoadNetshScript(nodes.Get(0), dir + "require-ipsec-all.netsh");
    IpsecHelper::AddFilter(nodes.Get(1),
                           "srcaddr=me dstaddr=any action=negotiate "
                           "description=\"require security\"");
    std::ostringstream a;
    std::ostringstream b;
    IpsecHelper::GetDriver(nodes.Get(0))->GetSpd().Print(a);
    IpsecHelper::GetDriver(nodes.Get(1))->GetSpd().Print(b);
    BOOST_TEST(a.str() == b.str());
    BOOST_TEST(Attributes(IpsecHelper::GetIke(nodes.Get(0))) ==
               Attributes(IpsecHelper::GetIke(nodes.Get(1))));

    IpsecNetshPolicyStore store;
    store.RunFile(dir + "dc-and-dns-permit.netsh");
    std::vector<std::string> filters;
    for (const auto& f : IpsecNetshPolicyMapper::Map(store).filters)
    {
        filters.push_back(f.ToString());
    }
    std::vector<std::string> expected{
        "srcaddr=me dstaddr=10.1.1.3 protocol=any mirrored=yes action=permit "
        "description=\"domain controller\"",
        "srcaddr=me dstaddr=10.1.1.3 protocol=udp dstport=53 mirrored=yes action=permit "
        "description=\"DNS over UDP\"",
        "srcaddr=me dstaddr=10.1.1.3 protocol=tcp dstport=53 mirrored=yes action=permit "
        "description=\"DNS over TCP\"",
        "srcaddr=me dstaddr=any protocol=any mirrored=yes action=negotiate "
        "description=\"require security\""};
    BOOST_TEST(filters == expected, boost::test_tools::per_element());
}

// Garbage never crashes the reader: random lines of netsh words and characters, and random
// edits of a valid script, either load or fail with IpsecConfigError.
BOOST_AUTO_TEST_CASE(garbage_is_refused_not_crashed)
{
    std::mt19937 random(17);
    const std::vector<std::string> words{
        "netsh", "ipsec", "static", "dynamic", "pushd", "popd", "add", "a", "set", "delete",
        "policy", "filterlist", "filter", "filteraction", "rule", "defaultrule", "config",
        "name=", "srcaddr=", "dstaddr=", "srcmask=", "filterl=", "filtera=", "pol=", "psk=",
        "rootca=", "qmsec=", "action=", "assign=", "\"", "=", "me", "any", "10.1.1.0", "24",
        "yes", "no", "P", "L", "A", "ESP[3DES,SHA1]:1k/1s", "AH[", "#", "\t", "all", "ipsecexempt"};
    uint32_t loaded = 0;
    uint32_t refused = 0;
    auto attempt = [&](const std::string& script) {
        try
        {
            IpsecNetshPolicyStore store;
            store.Run(script);
            IpsecNetshPolicyMapper::Map(store);
            std::ostringstream os;
            store.PrintScript(os);
            ++loaded;
        }
        catch (const IpsecConfigError&)
        {
            ++refused;
        }
    };
    for (int i = 0; i < 3000; ++i)
    {
        std::string line;
        int n = random() % 9;
        for (int w = 0; w < n; ++w)
        {
            if (random() % 5 == 0)
            {
                line += static_cast<char>(random() % 256);
            }
            line += words[random() % words.size()];
            if (random() % 3)
            {
                line += " ";
            }
        }
        attempt("pushd ipsec static\n" + line);
    }
    for (int i = 0; i < 1000; ++i)
    {
        std::string script = FILE_SERVER_SCRIPT;
        for (int edit = 0; edit < 3; ++edit)
        {
            size_t at = random() % script.size();
            switch (random() % 3)
            {
            case 0:
                script.erase(at, 1 + random() % 4);
                break;
            case 1:
                script.insert(at, 1, static_cast<char>(random() % 256));
                break;
            default:
                script[at] = "\"= \n#abc"[random() % 8];
                break;
            }
        }
        attempt(script);
    }
    BOOST_TEST(loaded + refused == 4000u);
    BOOST_TEST(refused > 0u);
    BOOST_TEST(loaded > 0u);
}

// rootca names a CA the node trusts: certificates become its IKE authentication, with the
// CA-name option; kerberos and psk keep their place in the order written.
BOOST_AUTO_TEST_CASE(root_ca_authentication)
{
    NodeContainer nodes;
    CreateTestLink(nodes);
    IpsecHelper().Install(nodes);
    IpsecPkiHelper().Install("Contoso Root CA", nodes);
    IpsecHelper::LoadNetshScriptText(
        nodes,
        "pushd ipsec static\n"
        "add filter filterlist=L srcaddr=me dstaddr=any\n"
        "add filteraction name=A\n"
        "add policy name=P assign=yes\n"
        "add rule name=R policy=P filterlist=L filteraction=A kerberos=yes "
        "rootca=\"Contoso Root CA certmap:no excludecaname:yes\" psk=\"last resort\"\n"
        "popd\n");
    StringValue methods;
    BooleanValue exclude;
    StringValue key;
    Ptr<IkeService> ike = IpsecHelper::GetIke(nodes.Get(1));
    ike->GetAttribute("AuthMethods", methods);
    ike->GetAttribute("ExcludeCaNameFromRequest", exclude);
    ike->GetAttribute("PreSharedKey", key);
    BOOST_TEST(methods.Get() == "kerberos,cert,psk");
    BOOST_TEST(exclude.Get());
    BOOST_TEST(key.Get() == "last resort");
}

// Without an assigned policy no filter is added; the dynamic settings still apply.
BOOST_AUTO_TEST_CASE(no_assigned_policy_adds_nothing)
{
    NodeContainer nodes;
    CreateTestLink(nodes);
    InstallWithoutIke(nodes);
    IpsecHelper::LoadNetshScriptText(nodes,
                                     "pushd ipsec static\n"
                                     "add filter filterlist=L srcaddr=me dstaddr=any\n"
                                     "add filteraction name=A action=block\n"
                                     "add policy name=P\n"
                                     "add rule name=R policy=P filterlist=L filteraction=A\n"
                                     "popd\n"
                                     "netsh ipsec dynamic set config bootmode permit\n");
    for (uint32_t i = 0; i < 2; ++i)
    {
        BOOST_TEST(IpsecHelper::GetDriver(nodes.Get(i))->GetSpd().GetNFilters() == 0u);
        BOOST_TEST(IpsecBootModeToString(IpsecHelper::GetDriver(nodes.Get(i))->GetBootMode()) ==
                   "permit");
    }
}

// `netsh ipsec static show all` for the loaded store, to the letter.
BOOST_AUTO_TEST_CASE(show_static)
{
    NodeContainer nodes;
    CreateTestLink(nodes);
    IpsecHelper().Install(nodes);
    BOOST_CHECK_THROW(IpsecHelper::ShowStatic(nodes.Get(0), std::cout), IpsecConfigError);
    IpsecHelper::LoadNetshScriptText(
        nodes.Get(0),
        "pushd ipsec static\n"
        "add policy name=\"Web Server\" mmlifetime=240 mmsec=\"3DES-SHA1-3\" assign=yes\n"
        "add filter filterlist=Web srcaddr=me dstaddr=10.1.2.0 dstmask=24 protocol=tcp "
        "srcport=80 description=\"web clients\"\n"
        "add filteraction name=Secure soft=yes qmsec=\"ESP[3DES,SHA1]:50000k/1800s\"\n"
        "add rule name=Web policy=\"Web Server\" filterlist=Web filteraction=Secure "
        "psk=\"pass phrase\" kerberos=yes\n"
        "popd\n");
    std::ostringstream os;
    IpsecHelper::ShowStatic(nodes.Get(0), os);
    const std::string expected = R"(Policy Name             : Web Server
Description             : NONE
Store                   : Local Store
Assigned                : YES
Master PFS              : NO
Polling Interval        : 180 minutes
Main Mode Life Time     : 240 minutes / 0 Quick Mode sessions
Main Mode Security Methods (in order of preference)
  3DES-SHA1-DH2048
Rule Count              : 2
Rules Details
-------------

Rule ID                 : 1
Rule Name               : Web
Description             : NONE
Activated               : YES
Connection Type         : ALL
Tunnel Endpoint         : NONE
Authentication Methods(2)
-------------------------
  Preshared key   : pass phrase
  Kerberos

Filter List Name        : Web
Description             : NONE
Filter Count            : 1
Filters
-------
Description             : web clients
Mirrored                : YES
Source IP Address       : <My IP Address>
Source Mask             : 255.255.255.255
Destination IP Address  : 10.1.2.0
Destination Mask        : 255.255.255.0
Protocol                : TCP
Source Port             : 80
Destination Port        : ANY

Filter Action Name      : Secure
Description             : NONE
Action                  : NEGOTIATE SECURITY
Inbound Pass-thru       : NO
AllowUnsecured(Fallback): YES
QMPFS                   : NO
Security Methods
  ESP[3DES,SHA1]  Lifetime 50000k/1800s

Rule ID                 : 2
Rule Name               : <Default Response Rule>
Activated               : YES
Filter List Name        : <Dynamic>
Filter Action Name      : Default Response
Action                  : NEGOTIATE SECURITY

)";
    BOOST_TEST(os.str() == expected);
}

BOOST_AUTO_TEST_SUITE_END()
