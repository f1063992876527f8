/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// The example and benchmark programs as a user runs them: built programs started as
// subprocesses (the build folder is the argument after "--"). Every bad value must end the
// program within seconds with exit status 2, nothing on stdout and one line on stderr naming the
// option and its value; every example must run with its defaults and with a non-default option.

#include <boost/test/unit_test.hpp>

#include <chrono>
#include <csignal>
#include <cstdlib>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <sys/wait.h>
#include <thread>
#include <tuple>
#include <unistd.h>
#include <vector>

namespace
{

namespace fs = std::filesystem;

/** What a program did. */
struct Outcome
{
    bool timedOut{false}; //!< killed at the deadline
    int status{-1};       //!< exit status, -1 if it did not exit normally (signal)
    std::string out;      //!< its stdout
    std::string err;      //!< its stderr
    double seconds{0};    //!< wall time
};

/** The build folder, from the command line. */
fs::path
BuildDir()
{
    auto& suite = boost::unit_test::framework::master_test_suite();
    BOOST_TEST_REQUIRE(suite.argc >= 2, "usage: ipsec-programs-test -- BUILD_DIR");
    return fs::path(suite.argv[suite.argc - 1]);
}

/** A scratch folder for the runs, removed at the end. */
class Scratch
{
  public:
    Scratch()
    {
        std::string pattern = (fs::temp_directory_path() / "ipsec-programs-XXXXXX").string();
        BOOST_TEST_REQUIRE(mkdtemp(pattern.data()) != nullptr);
        m_dir = pattern;
    }

    ~Scratch()
    {
        std::error_code ignored;
        fs::remove_all(m_dir, ignored);
    }

    const fs::path& Get() const
    {
        return m_dir;
    }

  private:
    fs::path m_dir;
};

std::string
ReadFile(const fs::path& path)
{
    std::ifstream in(path, std::ios::binary);
    std::ostringstream os;
    os << in.rdbuf();
    return os.str();
}

/**
 * Run \p program from the build folder with \p args in \p cwd; kill it at \p timeout.
 */
Outcome
Run(const std::string& program,
    const std::vector<std::string>& args,
    const fs::path& cwd,
    std::chrono::seconds timeout)
{
    fs::path path = BuildDir() / program;
    BOOST_TEST_REQUIRE(fs::exists(path), path.string() << " is not built");
    fs::path outPath = cwd / ".stdout";
    fs::path errPath = cwd / ".stderr";
    std::vector<std::string> argvText = {path.string()};
    argvText.insert(argvText.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (auto& a : argvText)
    {
        argv.push_back(a.data());
    }
    argv.push_back(nullptr);

    auto start = std::chrono::steady_clock::now();
    pid_t pid = fork();
    BOOST_TEST_REQUIRE(pid >= 0);
    if (pid == 0)
    {
        int out = open(outPath.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
        int err = open(errPath.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
        if (out < 0 || err < 0 || chdir(cwd.c_str()) != 0 || dup2(out, 1) < 0 ||
            dup2(err, 2) < 0)
        {
            _exit(127);
        }
        execv(argv[0], argv.data());
        _exit(127);
    }
    Outcome o;
    int status = 0;
    while (true)
    {
        pid_t done = waitpid(pid, &status, WNOHANG);
        if (done == pid)
        {
            break;
        }
        if (std::chrono::steady_clock::now() - start > timeout)
        {
            kill(pid, SIGKILL);
            waitpid(pid, &status, 0);
            o.timedOut = true;
            break;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    o.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    o.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    o.out = ReadFile(outPath);
    o.err = ReadFile(errPath);
    return o;
}

/** A command line that must be refused. */
struct BadRow
{
    std::string program;           //!< which
    std::vector<std::string> args; //!< its arguments
    std::string names;             //!< what the error line must contain ("--option=value")
};

/** A numeric option and the arguments it needs to be looked at. */
struct NumericOption
{
    std::string program;            //!< which
    std::string name;               //!< the option
    std::vector<std::string> extra; //!< other arguments (e.g. --sweep for --values)
};

/** Every numeric option of every program. */
const std::vector<NumericOption> NUMERIC = {
    {"ipsec-esp-transport", "duration", {}},
    {"ipsec-tunnel-gateways", "duration", {}},
    {"ipsec-packet-filter", "duration", {}},
    {"ipsec-ike-negotiation", "qmLifetimeS", {}},
    {"ipsec-ike-negotiation", "qmLifetimeKb", {}},
    {"ipsec-ike-negotiation", "interval", {}},
    {"ipsec-ike-negotiation", "size", {}},
    {"ipsec-ike-negotiation", "duration", {}},
    {"ipsec-soft-sa", "trafficS", {}},
    {"ipsec-soft-sa", "idleS", {}},
    {"ipsec-l2tp-vpn", "packets", {}},
    {"ipsec-exemption-compare", "packets", {}},
    {"ipsec-exemption-compare", "tcpBytes", {}},
    {"ipsec-boot-mode", "policyTime", {}},
    {"ipsec-boot-mode", "duration", {}},
    {"ipsec-branch-office", "clients", {}},
    {"ipsec-branch-office", "rateKbps", {}},
    {"ipsec-branch-office", "size", {}},
    {"ipsec-branch-office", "duration", {}},
    {"ipsec-wifi-roaming", "aps", {}},
    {"ipsec-wifi-roaming", "spacing", {}},
    {"ipsec-wifi-roaming", "speed", {}},
    {"ipsec-wifi-roaming", "interval", {}},
    {"ipsec-wifi-roaming", "size", {}},
    {"ipsec-wifi-roaming", "duration", {}},
    {"ipsec-wifi-roaming", "values", {"--sweep=speed"}},
    {"ipsec-wifi-roaming", "values", {"--sweep=spacing"}},
    {"ipsec-bench-esp", "packets", {}},
    {"ipsec-bench-esp", "rounds", {}},
    {"ipsec-bench-spd", "queries", {}},
    {"ipsec-bench-spd", "rounds", {}},
    {"ipsec-bench-spd", "packets", {}},
    {"ipsec-bench-ike", "clients", {}},
    {"ipsec-bench-ike-crypto", "rounds", {}},
    {"ipsec-bench-ike-crypto", "scale", {}},
};

/**
 * Bad values of every numeric option: empty, huge, negative, not a number, not ASCII ("é"),
 * hexadecimal, a trailing space.
 */
const std::vector<std::string> BAD_NUMBERS =
    {"", "99999999999999999999", "-1", "abc", "\xc3\xa9", "0x10", "5 "};

/** Options with a fixed set of values (unknown and empty values are refused). */
const std::vector<std::pair<std::string, std::string>> CHOICES = {
    {"ipsec-esp-transport", "cipher"},   {"ipsec-esp-transport", "auth"},
    {"ipsec-esp-transport", "proto"},    {"ipsec-esp-transport", "mode"},
    {"ipsec-esp-transport", "crypto"},   {"ipsec-tunnel-gateways", "cipher"},
    {"ipsec-tunnel-gateways", "auth"},   {"ipsec-tunnel-gateways", "proto"},
    {"ipsec-tunnel-gateways", "crypto"}, {"ipsec-ike-negotiation", "auth"},
    {"ipsec-ike-negotiation", "dh"},     {"ipsec-ike-negotiation", "pfs"},
    {"ipsec-ike-negotiation", "qm"},     {"ipsec-soft-sa", "profile"},
    {"ipsec-boot-mode", "exemptions"},   {"ipsec-wifi-roaming", "subnets"},
    {"ipsec-wifi-roaming", "flow"},      {"ipsec-wifi-roaming", "profile"},
    {"ipsec-wifi-roaming", "auth"},      {"ipsec-wifi-roaming", "dh"},
    {"ipsec-wifi-roaming", "sweep"},     {"ipsec-bench-esp", "only"},
    {"ipsec-bench-ike", "dh"},           {"ipsec-packet-filter", "filters"},
};

/** Boolean options. */
const std::vector<std::pair<std::string, std::string>> BOOLS = {
    {"ipsec-packet-filter", "blockBroadcast"},
    {"ipsec-packet-filter", "permitManagerPing"},
    {"ipsec-packet-filter", "verbose"},
    {"ipsec-wifi-roaming", "fallback"},
    {"ipsec-wifi-roaming", "dynamicFilters"},
    {"ipsec-wifi-roaming", "ipsec"},
    {"ipsec-wifi-roaming", "plot"},
    {"ipsec-branch-office", "block"},
    {"ipsec-esp-transport", "udpEncap"},
};

/** Options naming a file to write (false) or the start of the names of files (true). */
const std::vector<std::tuple<std::string, std::string, bool>> OUTPUTS = {
    {"ipsec-esp-transport", "pcap", true},
    {"ipsec-esp-transport", "keylog", false},
    {"ipsec-tunnel-gateways", "pcap", true},
    {"ipsec-tunnel-gateways", "keylog", false},
    {"ipsec-ike-negotiation", "pcap", true},
    {"ipsec-ike-negotiation", "keylog", false},
    {"ipsec-ike-negotiation", "ikelog", false},
    {"ipsec-exemption-compare", "csv", false},
    {"ipsec-wifi-roaming", "csv", true},
    {"ipsec-wifi-roaming", "summary", false},
    {"ipsec-sweep-merge", "out", false},
    {"ipsec-sweep-merge", "plot", false},
};

/** Every program. */
const std::vector<std::string> PROGRAMS = {
    "ipsec-packet-filter",     "ipsec-esp-transport",    "ipsec-tunnel-gateways",
    "ipsec-ike-negotiation",   "ipsec-soft-sa",          "ipsec-l2tp-vpn",
    "ipsec-kerberos-dc",       "ipsec-exemption-compare", "ipsec-boot-mode",
    "ipsec-wifi-roaming",      "ipsec-bench-esp",        "ipsec-bench-ike",
    "ipsec-bench-spd",         "ipsec-bench-ike-crypto", "ipsec-branch-office",
    "ipsec-sweep-merge",
};

/** The failures reported in issues 14 and 15, and options that do not go together. */
const std::vector<BadRow> KNOWN = {
    {"ipsec-bench-ike", {"--clients=0"}, "--clients=0"},
    {"ipsec-bench-ike", {"--clients=abc"}, "--clients=abc"},
    {"ipsec-bench-ike", {"--clients=-1"}, "--clients=-1"},
    {"ipsec-bench-ike", {"--clients=100,,1000"}, "--clients=100,,1000"},
    {"ipsec-bench-ike", {"--dh=9"}, "--dh=9"},
    {"ipsec-wifi-roaming", {"--sweep=speed", "--values=abc"}, "--values=abc"},
    {"ipsec-wifi-roaming", {"--interval=0"}, "--interval=0"},
    {"ipsec-boot-mode", {"--duration=-1"}, "--duration=-1"},
    {"ipsec-l2tp-vpn", {"--packets=-1"}, "--packets=-1"},
    {"ipsec-l2tp-vpn", {"--packets=0"}, "--packets=0"},
    {"ipsec-exemption-compare", {"--packets=-1"}, "--packets=-1"},
    {"ipsec-exemption-compare", {"--packets=0"}, "--packets=0"},
    {"ipsec-ike-negotiation", {"--qmLifetimeS=0"}, "--qmLifetimeS=0"},
    {"ipsec-ike-negotiation", {"--duration=0"}, "--duration=0"},
    {"ipsec-ike-negotiation", {"--size=-1"}, "--size=-1"},
    {"ipsec-ike-negotiation", {"--qmLifetimeKb=-1"}, "--qmLifetimeKb=-1"},
    {"ipsec-soft-sa", {"--idleS=-1"}, "--idleS=-1"},
    {"ipsec-soft-sa", {"--idleS=0"}, "--idleS=0"},
    {"ipsec-soft-sa", {"--profile=winxp,"}, "--profile=winxp,"},
    {"ipsec-esp-transport", {"--pcap=/nonexistent/x"}, "--pcap=/nonexistent/x"},
    {"ipsec-esp-transport", {"--duration=-5"}, "--duration=-5"},
    {"ipsec-esp-transport", {"--proto=ah", "--cipher=aes128"}, "--cipher=aes128"},
    {"ipsec-esp-transport", {"--proto=ah", "--auth=none"}, "--auth=none"},
    {"ipsec-esp-transport", {"--cipher=null", "--auth=none"}, "--auth=none"},
    {"ipsec-esp-transport", {"--cipher=aes128gcm"}, "--cipher=aes128gcm"},
    {"ipsec-esp-transport", {"--proto=ah", "--udpEncap=true"}, "--udpEncap=true"},
    {"ipsec-tunnel-gateways", {"--proto=ah", "--cipher=3des"}, "--cipher=3des"},
    {"ipsec-bench-esp", {"--only=bogus"}, "--only=bogus"},
    {"ipsec-boot-mode", {"--policyTime=15"}, "--policyTime=15"},
    {"ipsec-boot-mode", {"--exemptions=TCP:any:3389:inbound ICMP:sideways"},
     "--exemptions=TCP:any:3389:inbound ICMP:sideways"},
    {"ipsec-packet-filter",
     {"--filters=srcaddr=me dstaddr=any action=permit;srcaddr=nowhere"},
     "--filters=srcaddr=me dstaddr=any action=permit;srcaddr=nowhere"},
    {"ipsec-wifi-roaming", {"--values=5"}, "--values=5"},
    {"ipsec-wifi-roaming", {"--flow=tcp", "--interval=0.5"}, "--interval=0.5"},
    {"ipsec-wifi-roaming", {"--flow=tcp", "--size=100"}, "--size=100"},
    {"ipsec-wifi-roaming", {"--sweep=speed", "--speed=5"}, "--speed=5"},
    {"ipsec-wifi-roaming", {"--sweep=speed", "--csv=out"}, "--csv=out"},
    {"ipsec-wifi-roaming", {"--sweep=spacing", "--values=0.5"}, "--values=0.5"},
    {"ipsec-wifi-roaming", {"--aps=1"}, "--aps=1"},
    // ns-3's own arguments: checked before ns-3 aborts on them.
    {"ipsec-wifi-roaming", {"--RngRun=abc"}, "--RngRun=abc"},
    {"ipsec-wifi-roaming", {"--RngSeed=0"}, "--RngSeed=0"},
    {"ipsec-packet-filter", {"--ChecksumEnabled=maybe"}, "--ChecksumEnabled=maybe"},
    {"ipsec-packet-filter", {"--ns3::IkeService::IdleTimeout=abc"},
     "--ns3::IkeService::IdleTimeout=abc"},
    {"ipsec-packet-filter", {"--ns3::IkeService::Pfs=bogus"}, "--ns3::IkeService::Pfs=bogus"},
    {"ipsec-packet-filter", {"--PrintAttributes=ns3::Bogus"}, "--PrintAttributes=ns3::Bogus"},
    {"ipsec-packet-filter", {"stray"}, "'stray'"},
    {"ipsec-packet-filter", {"--filters=srcaddr=me", "dstaddr=any"}, "'dstaddr=any'"},
};

/** Checks one refused command line; \return a description for the failure messages */
void
CheckRefused(const BadRow& row, const fs::path& cwd)
{
    std::string shown = row.program;
    for (const auto& a : row.args)
    {
        shown += " '" + a + "'";
    }
    BOOST_TEST_CONTEXT(shown)
    {
        Outcome o = Run(row.program, row.args, cwd, std::chrono::seconds(10));
        BOOST_TEST(!o.timedOut);
        BOOST_TEST(o.status == 2);
        BOOST_TEST(o.out.empty(), "stdout: " << o.out.substr(0, 200));
        // One line: "error: ...\n", naming the option and its value.
        BOOST_TEST(o.err.rfind("error: ", 0) == 0, "stderr: " << o.err.substr(0, 300));
        BOOST_TEST(o.err.find('\n') == o.err.size() - 1, "stderr: " << o.err.substr(0, 300));
        BOOST_TEST(o.err.find(row.names) != std::string::npos,
                   "stderr: " << o.err << " lacks " << row.names);
        BOOST_TEST(o.seconds < 5.0);
    }
}

/** One example run that must succeed and print \p lines. */
struct GoodRow
{
    std::string program;            //!< which
    std::vector<std::string> args;  //!< its arguments
    std::vector<std::string> lines; //!< substrings of stdout
};

void
CheckRuns(const GoodRow& row, const fs::path& cwd)
{
    std::string shown = row.program;
    for (const auto& a : row.args)
    {
        shown += " '" + a + "'";
    }
    BOOST_TEST_CONTEXT(shown)
    {
        Outcome o = Run(row.program, row.args, cwd, std::chrono::seconds(30));
        BOOST_TEST(!o.timedOut);
        BOOST_TEST(o.status == 0);
        BOOST_TEST(o.err.empty(), "stderr: " << o.err.substr(0, 300));
        for (const auto& line : row.lines)
        {
            BOOST_TEST(o.out.find(line) != std::string::npos,
                       "stdout lacks \"" << line << "\"");
        }
    }
}

/** \return the lines of \p text that contain \p what */
std::string
LinesWith(const std::string& text, const std::string& what)
{
    std::istringstream in(text);
    std::string found;
    for (std::string line; std::getline(in, line);)
    {
        if (line.find(what) != std::string::npos)
        {
            found += line + "\n";
        }
    }
    return found;
}

} // namespace

BOOST_AUTO_TEST_SUITE(IpsecPrograms)

BOOST_AUTO_TEST_CASE(known_bad_command_lines_are_refused)
{
    Scratch scratch;
    for (const BadRow& row : KNOWN)
    {
        CheckRefused(row, scratch.Get());
    }
}

BOOST_AUTO_TEST_CASE(bad_numbers_are_refused)
{
    Scratch scratch;
    for (const NumericOption& option : NUMERIC)
    {
        for (const std::string& value : BAD_NUMBERS)
        {
            BadRow row{option.program, option.extra, "--" + option.name + "=" + value};
            row.args.push_back("--" + option.name + "=" + value);
            CheckRefused(row, scratch.Get());
        }
    }
}

BOOST_AUTO_TEST_CASE(unknown_choices_are_refused)
{
    Scratch scratch;
    for (const auto& [program, name] : CHOICES)
    {
        for (const std::string value : {"bogus", "", "\xc3\xa9"})
        {
            if ((name == "filters" || name == "exemptions") && value.empty())
            {
                continue; // no extra filters, no boot exemptions: allowed
            }
            CheckRefused({program, {"--" + name + "=" + value}, "--" + name + "=" + value},
                         scratch.Get());
        }
    }
    for (const auto& [program, name] : BOOLS)
    {
        CheckRefused({program, {"--" + name + "=maybe"}, "--" + name + "=maybe"}, scratch.Get());
    }
    for (const auto& [program, name, prefix] : OUTPUTS)
    {
        // (The tests may run as root, for whom every existing folder is writable.)
        std::vector<std::string> values = {"/nonexistent/x", "/etc/hostname/x"};
        if (!prefix)
        {
            values.push_back("/"); // a folder, not a file
        }
        for (const std::string& value : values)
        {
            CheckRefused({program, {"--" + name + "=" + value}, "--" + name + "=" + value},
                         scratch.Get());
        }
    }
}

BOOST_AUTO_TEST_CASE(unknown_options_are_refused)
{
    Scratch scratch;
    for (const std::string& program : PROGRAMS)
    {
        CheckRefused({program, {"--bogus=1"}, "--bogus=1"}, scratch.Get());
        CheckRefused({program, {"--bogus"}, "--bogus"}, scratch.Get());
        // ns-3's own help still works.
        Outcome help = Run(program, {"--help"}, scratch.Get(), std::chrono::seconds(10));
        BOOST_TEST_CONTEXT(program + " --help")
        {
            BOOST_TEST(help.status == 0);
            BOOST_TEST(help.out.find("General Arguments") != std::string::npos);
        }
    }
}

BOOST_AUTO_TEST_CASE(examples_run)
{
    Scratch scratch;
    const std::vector<GoodRow> rows = {
        {"ipsec-packet-filter",
         {},
         {"web (tcp 80)          client1 -> server           500000     500000        0"}},
        {"ipsec-packet-filter",
         {"--permitManagerPing=true"},
         {"action=permit description=\"ping-mgmt\""}},
        {"ipsec-esp-transport",
         {},
         {"IPsec esp transport mode, cipher aes128, auth sha1, real crypto",
          "udp echo (replies)                  10        10"}},
        {"ipsec-esp-transport",
         {"--proto=ah"},
         {"IPsec ah transport mode", "ah spi 0x00001000 transport null/sha1"}},
        {"ipsec-esp-transport",
         {"--udpEncap=true", "--mode=tunnel"},
         {"IPsec esp tunnel mode, cipher aes128, auth sha1, real crypto, in UDP 4500",
          "udp echo (replies)                  10        10",
          "tunnel aes128/sha1 seq", "udp-encap 4500->4500"}},
        {"ipsec-tunnel-gateways", {}, {"udp echo hostA1 -> hostB1: 20 sent, 20 replies"}},
        {"ipsec-tunnel-gateways",
         {"--cipher=aes128gcm", "--auth=none"},
         {"(esp, aes128gcm/none, real crypto)", "20 sent, 20 replies"}},
        {"ipsec-ike-negotiation", {}, {"Echo requests sent 95, echoes received 95"}},
        {"ipsec-ike-negotiation",
         {"--dh=1", "--duration=6"},
         {"dh=1", "3des-sha1-1 psk", "Echo requests sent 25, echoes received 25"}},
        {"ipsec-soft-sa",
         {},
         {"softsa: profile=win2003sp2 first_packet_s=1.000 clear_traffic_s=1.500 delay_s=0.500 "
          "softsa_expired_s=310.000"}},
        {"ipsec-soft-sa",
         {"--profile=winxp", "--idleS=60"},
         {"softsa: profile=winxp first_packet_s=1.000 clear_traffic_s=4.000 delay_s=3.000 "
          "softsa_expired_s=70.000"}},
        {"ipsec-l2tp-vpn", {}, {"L2TP messages delivered 50 of 50", "delivered 0 of 50"}},
        {"ipsec-l2tp-vpn", {"--packets=5"}, {"L2TP messages delivered 5 of 5"}},
        {"ipsec-kerberos-dc",
         {},
         {"win2003 (only IKE exempt)             no    0/50        -               kerberos: "
          "kdc-unreachable"}},
        {"ipsec-kerberos-dc", {"--RngRun=2"}, {"  ... server in an untrusted domain"}},
        {"ipsec-exemption-compare",
         {},
         {"Each value gives the same counts under all four profiles: yes"}},
        {"ipsec-exemption-compare",
         {"--packets=3", "--csv=out.csv"},
         {"Each profile's default equals its value's column: yes", "CSV: out.csv (288 rows)"}},
        {"ipsec-boot-mode", {}, {"ping admin -> S                    1.01         5.01"}},
        {"ipsec-boot-mode",
         {"--policyTime=3"},
         {"its IPsec policy applies at 3 s",
          "ping admin -> S                    1.01         3.01"}},
        {"ipsec-wifi-roaming",
         {},
         {"IPsec     handoffs 2 (completed 2)", "no IPsec  handoffs 2 (completed 2)"}},
        {"ipsec-wifi-roaming",
         {"--subnets=shared", "--flow=tcp", "--duration=8"},
         {"subnets=shared, flow=tcp", "IPsec     handoffs 1 (completed 1)"}},
        {"ipsec-branch-office",
         {},
         {"IPsec off: flows 20, :445 flows 10, tx 2475 (apps sent 2475), rx 2475 (sink 2475), "
          "rx bytes 2544300 = sink 2475000 + 28 x rx, lost 0, dropped 0",
          "IPsec on:  flows 40, :445 flows 10, tx 2475 (apps sent 2475), rx 2475 (sink 2475), "
          "rx bytes 2544300 = sink 2475000 + 28 x rx, lost 0, dropped 0"}},
        {"ipsec-branch-office",
         {"--block", "--clients=3", "--duration=2"},
         {"udp 10.1.1.1:49154 > 10.1.1.100:445     124       0          0   124      0.000      "
          "0.000  route-error=124",
          "server IPsec driver: 124 dropped policy-mismatch=124, 248 protected packets received"}},
    };
    for (const GoodRow& row : rows)
    {
        CheckRuns(row, scratch.Get());
    }
}

// Values are taken whole, spaces included (ns-3.37's CommandLine stops at the first space).
BOOST_AUTO_TEST_CASE(values_keep_their_spaces)
{
    Scratch scratch;
    // The example of --help: permit telnet from client1.
    CheckRuns({"ipsec-packet-filter",
               {"--filters=srcaddr=10.1.1.2 dstaddr=me protocol=tcp dstport=23 action=permit"},
               {"srcaddr=10.1.1.2 dstaddr=me protocol=tcp dstport=23 mirrored=yes action=permit",
                "telnet (tcp 23)       client1 -> server            10000      10000"}},
              scratch.Get());
    // Two boot exemptions: both apply (the ICMP one lets the pings through before 5 s).
    Outcome both = Run("ipsec-boot-mode",
                       {"--exemptions=TCP:any:80:inbound ICMP:inbound"},
                       scratch.Get(),
                       std::chrono::seconds(30));
    Outcome first = Run("ipsec-boot-mode",
                        {"--exemptions=TCP:any:80:inbound"},
                        scratch.Get(),
                        std::chrono::seconds(30));
    BOOST_TEST(both.status == 0);
    BOOST_TEST(first.status == 0);
    BOOST_TEST(both.out.find("bootexemptions TCP:any:80:inbound ICMP:inbound") !=
               std::string::npos);
    BOOST_TEST(LinesWith(both.out, "web admin") == LinesWith(first.out, "web admin"));
    BOOST_TEST(LinesWith(both.out, "ping admin") ==
               "ping admin -> S                    1.01         5.01         1.01         1.01"
               "         1.01\n");
    BOOST_TEST(LinesWith(first.out, "ping admin") ==
               "ping admin -> S                    1.01         5.01         5.00         5.00"
               "        never\n");
}

// Choices are keywords: read in any letter case, as the library's text parsers read them.
BOOST_AUTO_TEST_CASE(choices_are_read_in_any_case)
{
    Scratch scratch;
    CheckRuns({"ipsec-esp-transport",
               {"--cipher=AES128GCM", "--auth=None", "--mode=Tunnel"},
               {"IPsec esp tunnel mode, cipher aes128gcm, auth none, real crypto"}},
              scratch.Get());
}

// ipsec-wifi-roaming draws from ns-3's random streams by --RngRun: same run, same draws.
BOOST_AUTO_TEST_CASE(roaming_follows_rng_run)
{
    Scratch scratch;
    auto handoffs = [&scratch](const std::string& run) {
        Outcome o = Run("ipsec-wifi-roaming",
                        {"--duration=8", "--RngRun=" + run},
                        scratch.Get(),
                        std::chrono::seconds(30));
        BOOST_TEST(o.status == 0);
        BOOST_TEST(o.out.find("seed " + run + ",") != std::string::npos);
        // The handoff rows: times drawn from the radio's and the protocols' random streams.
        return LinesWith(o.out, " |");
    };
    std::string one = handoffs("1");
    BOOST_TEST(!one.empty());
    BOOST_TEST(handoffs("1") == one);
    BOOST_TEST(handoffs("2") != one);
}

BOOST_AUTO_TEST_SUITE_END()
