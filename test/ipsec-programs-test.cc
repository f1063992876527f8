/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// The example and benchmark programs as a user runs them: built programs started as
// subprocesses (the build folder is the argument after "--"). Every bad value must end the
// program within seconds with exit status 2, nothing on stdout and one line on stderr naming the
// option and its value; every example must run with its defaults and with a non-default option.

#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <csignal>
#include <cstdlib>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <map>
#include <set>
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
    {"ipsec-nat-traversal", "keepaliveS", {}},
    {"ipsec-nat-traversal", "natTimeoutS", {}},
    {"ipsec-nat-traversal", "durationS", {}},
    {"ipsec-nat-traversal", "probeS", {}},
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
    {"ipsec-campus-day", "clients", {}},
    {"ipsec-campus-day", "servers", {}},
    {"ipsec-campus-day", "hours", {}},
    {"ipsec-campus-day", "fileGap", {}},
    {"ipsec-campus-day", "webGap", {}},
    {"ipsec-campus-day", "sample", {}},
    {"ipsec-campus-day", "seed", {}},
    {"ipsec-bench-ike-crypto", "rounds", {}},
    {"ipsec-bench-ike-crypto", "scale", {}},
    {"ipsec-emulation", "natRule", {}},
    {"ipsec-emulation", "pingCount", {}},
    {"ipsec-emulation", "pingInterval", {}},
    {"ipsec-emulation", "duration", {}},
    {"ipsec-emulation", "lifetime", {}},
    {"ipsec-emulation", "mmLifetime", {}},
    {"ipsec-emulation", "deleteAt", {}},
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
    {"ipsec-bench-ike", "topology"},     {"ipsec-campus-day", "crypto"},
    {"ipsec-emulation", "cipher"},       {"ipsec-emulation", "group"},
    {"ipsec-nat-traversal", "profile"},
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
    {"ipsec-wifi-roaming", "dcPermit"},
    {"ipsec-wifi-roaming", "windowsDhcp"},
    {"ipsec-branch-office", "block"},
    {"ipsec-esp-transport", "udpEncap"},
    {"ipsec-emulation", "initiate"},
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
    {"ipsec-nat-traversal", "csv", false},
    {"ipsec-nat-traversal", "pcap", true},
    {"ipsec-nat-traversal", "keylog", false},
    {"ipsec-nat-traversal", "ikelog", false},
    {"ipsec-exemption-compare", "csv", false},
    {"ipsec-exemption-compare", "plot", true},
    {"ipsec-boot-mode", "plot", true},
    {"ipsec-soft-sa", "plot", true},
    {"ipsec-wifi-roaming", "csv", true},
    {"ipsec-wifi-roaming", "summary", false},
    {"ipsec-sweep-merge", "out", false},
    {"ipsec-sweep-merge", "plot", false},
    {"ipsec-campus-day", "csv", false},
};

/** Every program. */
const std::vector<std::string> PROGRAMS = {
    "ipsec-packet-filter",     "ipsec-esp-transport",    "ipsec-tunnel-gateways",
    "ipsec-ike-negotiation",   "ipsec-soft-sa",          "ipsec-l2tp-vpn",
    "ipsec-kerberos-dc",       "ipsec-exemption-compare", "ipsec-boot-mode",
    "ipsec-wifi-roaming",      "ipsec-bench-esp",        "ipsec-bench-ike",
    "ipsec-bench-spd",         "ipsec-bench-ike-crypto", "ipsec-branch-office",
    "ipsec-sweep-merge",       "ipsec-campus-day",       "ipsec-emulation",
    "ipsec-nat-traversal",
};

/** The failures reported in issues 14 and 15, and options that do not go together. */
const std::vector<BadRow> KNOWN = {
    {"ipsec-bench-ike", {"--clients=0"}, "--clients=0"},
    {"ipsec-bench-ike", {"--clients=abc"}, "--clients=abc"},
    {"ipsec-bench-ike", {"--clients=-1"}, "--clients=-1"},
    {"ipsec-bench-ike", {"--clients=100,,1000"}, "--clients=100,,1000"},
    {"ipsec-bench-ike", {"--dh=9"}, "--dh=9"},
    {"ipsec-campus-day", {"--servers=257"}, "--servers=257"},
    {"ipsec-campus-day", {"--hours=0"}, "--hours=0"},
    {"ipsec-wifi-roaming", {"--sweep=speed", "--values=abc"}, "--values=abc"},
    {"ipsec-wifi-roaming", {"--interval=0"}, "--interval=0"},
    {"ipsec-wifi-roaming", {"--dcPermit=true"}, "--dcPermit=true"},
    {"ipsec-wifi-roaming", {"--subnets=shared", "--windowsDhcp=true"}, "--windowsDhcp=true"},
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
    {"ipsec-packet-filter", {"--SchedulerType=ns3::HeapScheduler"},
     "--SchedulerType=ns3::HeapScheduler"},
    {"ipsec-packet-filter", {"--ns3::IkeService::IdleTimeout=abc"},
     "--ns3::IkeService::IdleTimeout=abc"},
    {"ipsec-packet-filter", {"--ns3::IkeService::Pfs=bogus"}, "--ns3::IkeService::Pfs=bogus"},
    {"ipsec-packet-filter", {"--PrintAttributes=ns3::Bogus"}, "--PrintAttributes=ns3::Bogus"},
    {"ipsec-packet-filter", {"stray"}, "'stray'"},
    {"ipsec-packet-filter", {"--filters=srcaddr=me", "dstaddr=any"}, "'dstaddr=any'"},
    // Emulation needs root and a real interface (test ipsec-strongswan-interop runs it): here
    // only what it refuses before touching the interface, and an interface that is not there.
    {"ipsec-emulation", {"--psk=k"}, "--device"},
    {"ipsec-emulation", {"--device=eth9"}, "--psk"},
    {"ipsec-emulation", {"--device=eth9", "--psk="}, "--psk="},
    {"ipsec-emulation", {"--psk=k", "--device=ipsec-none0"}, "--device=ipsec-none0"},
    {"ipsec-emulation", {"--psk=k", "--device=x", "--peer=10.0.0.1"}, "--peer=10.0.0.1"},
    {"ipsec-emulation", {"--psk=k", "--device=x", "--peer=192.0.2.256"}, "--peer=192.0.2.256"},
    {"ipsec-emulation", {"--localAddress=192.0.2.2"}, "--localAddress=192.0.2.2"},
    {"ipsec-emulation", {"--localAddress=192.0.2.2/31"}, "--localAddress=192.0.2.2/31"},
    {"ipsec-emulation", {"--psk=k", "--device=x", "--remoteSubnet=10.1.0.1/24"},
     "--remoteSubnet=10.1.0.1/24"},
    {"ipsec-emulation", {"--psk=k", "--device=x", "--remoteSubnet=10.2.0.0/16"},
     "--remoteSubnet=10.2.0.0/16"},
    {"ipsec-emulation", {"--psk=k", "--device=x", "--ping=10.3.0.1"}, "--ping=10.3.0.1"},
    {"ipsec-emulation", {"--psk=k", "--device=x", "--deleteAt=30"}, "--deleteAt=30"},
    {"ipsec-emulation", {"--mac=02:00:00:00:00"}, "--mac=02:00:00:00:00"},
    {"ipsec-emulation", {"--lifetime=5"}, "--lifetime=5"},
    {"ipsec-emulation", {"--group=5"}, "--group=5"},
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
        {"ipsec-nat-traversal",
         {},
         {"natt: profile=win2000 keepalive_s=20 nat_t=no nat=unknown request_answered=no "
          "probes=4 delivered=0",
          "natt: profile=winxp keepalive_s=20 nat_t=yes nat=client request_answered=yes probes=4 "
          "delivered=4 first_lost_s=none keepalives=5 nat_drops=0",
          "natt: profile=win2003 keepalive_s=0 nat_t=yes nat=client request_answered=yes "
          "probes=4 delivered=1 first_lost_s=51.000 keepalives=0 nat_drops=3"}},
        {"ipsec-nat-traversal",
         {"--profile=winxp", "--keepaliveS=10", "--natTimeoutS=15", "--csv=out.csv"},
         {"natt: profile=winxp keepalive_s=10 nat_t=yes nat=client request_answered=yes"}},
        {"ipsec-l2tp-vpn", {}, {"L2TP messages delivered 50 of 50", "delivered 0 of 50"}},
        {"ipsec-l2tp-vpn", {"--packets=5"}, {"L2TP messages delivered 5 of 5"}},
        {"ipsec-kerberos-dc",
         {},
         {"win2003 (only IKE exempt)             no    0/50        -               kerberos: "
          "kdc-unreachable"}},
        {"ipsec-kerberos-dc", {"--RngRun=2"}, {"  ... server in an untrusted domain"}},
        {"ipsec-exemption-compare",
         {},
         {"Each value gives the same counts under every profile that knows it: yes",
          "Each unknown value gives the counts of the value it acts as: yes",
          "  win2000     real          real          knob (as 1)   knob (as 1)\n",
          "  win2003sp2  real          real          real          real\n"}},
        {"ipsec-exemption-compare",
         {"--packets=3", "--csv=out.csv"},
         {"Each profile's default equals its value's column: yes",
          "  win2000 0 -> 1:\n    rsvp 3->0, kerberos 3->0, kerberos-srcport88 3->0\n",
          "CSV: out.csv (288 rows)"}},
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
        {"ipsec-campus-day",
         {"--clients=64", "--hours=1", "--sample=30", "--csv=campus.csv"},
         {"requests 1344, served 1344, answered 1344; IPsec drops 0",
          "after the drain (600.00 s): quick mode pairs 0, SAD entries 0",
          "leaked_sas=0"}},
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

// The flagship study runs an administrator's own netsh policy: the shipped "require IPsec for
// all" script, abbreviated as an administrator types it, gives the built-in policy's runs
// byte for byte; a permit rule for the domain controller changes exactly its flows; a bad
// script is refused naming the option and the line.
BOOST_AUTO_TEST_CASE(exemption_compare_runs_a_netsh_policy)
{
    Scratch scratch;
    const fs::path dir = scratch.Get();
    const std::string requireAll =
        "pushd ipsec static\n"
        "add filterl name=\"All IP Traffic\"\n"
        "add filter filterlist=\"All IP Traffic\" srcaddr=me dstaddr=any "
        "description=\"require security\"\n"
        "add filtera name=\"Require Security\" action=negotiate inpass=no soft=no\n"
        "add pol name=\"Require IPsec for all\" activatedefaultrule=no\n"
        "add rule name=\"Secure all\" policy=\"Require IPsec for all\" "
        "filterlist=\"All IP Traffic\" filteraction=\"Require Security\"\n";
    const std::string assign = "set policy name=\"Require IPsec for all\" assign=yes\n";
    const std::string dcPermit =
        "add filterlist name=DC\n"
        "add filter filterlist=DC srcaddr=me dstaddr=10.1.1.3 description=dc\n"
        "add filteraction name=Permit action=permit\n"
        "add rule name=\"DC in clear\" policy=\"Require IPsec for all\" filterlist=DC "
        "filteraction=Permit\n";
    auto write = [&dir](const std::string& name, const std::string& text) {
        std::ofstream(dir / name) << text;
    };
    write("require.netsh", requireAll + assign + "popd\n");
    write("dc.netsh", requireAll + dcPermit + assign);
    write("bad.netsh", "pushd ipsec static\nadd filterlists name=x\n");
    write("unassigned.netsh", requireAll);
    const auto timeout = std::chrono::seconds(120);

    Outcome builtIn = Run("ipsec-exemption-compare", {"--packets=3", "--csv=builtin.csv"}, dir,
                          timeout);
    Outcome script = Run("ipsec-exemption-compare",
                         {"--packets=3", "--policy=require.netsh", "--csv=script.csv"},
                         dir,
                         timeout);
    BOOST_TEST(builtIn.status == 0);
    BOOST_TEST(script.status == 0);
    BOOST_TEST(script.out.find("H (10.1.1.1) runs the policy \"Require IPsec for all\" assigned "
                               "in require.netsh") != std::string::npos);
    const std::string builtInCsv = ReadFile(dir / "builtin.csv");
    BOOST_TEST(!builtInCsv.empty());
    BOOST_TEST(ReadFile(dir / "script.csv") == builtInCsv);
    // Past the header line, the tables are the same too (but for the CSV's name).
    auto afterHeader = [](const std::string& out) {
        std::string body = out.substr(out.find("Cells:"));
        return body.substr(0, body.find("CSV: "));
    };
    BOOST_TEST(afterHeader(script.out) == afterHeader(builtIn.out));

    Outcome dc = Run("ipsec-exemption-compare",
                     {"--packets=3", "--policy=dc.netsh", "--csv=dc.csv"},
                     dir,
                     timeout);
    BOOST_TEST(dc.status == 0);
    // profile,exempt_mode,traffic,direction,sent,delivered,real,acts_as
    std::istringstream builtInRows(builtInCsv);
    std::istringstream dcRows(ReadFile(dir / "dc.csv"));
    uint32_t rows = 0;
    uint32_t changed = 0;
    for (std::string a, b; std::getline(builtInRows, a) && std::getline(dcRows, b);)
    {
        ++rows;
        std::vector<std::string> fields;
        std::istringstream split(b);
        for (std::string f; std::getline(split, f, ',');)
        {
            fields.push_back(f);
        }
        BOOST_REQUIRE(fields.size() == 8u);
        if (fields[2] == "kerberos")
        {
            // H's Kerberos with the DC, both ways: the (mirrored) permit rule passes all of it.
            BOOST_TEST(fields[4] == fields[5], b);
        }
        else
        {
            BOOST_TEST(a == b);
        }
        changed += a != b;
    }
    BOOST_TEST(rows == 289u);
    // Kerberos to the DC was blocked where Kerberos is not exempt (values 1 and 3, and the
    // runs acting as 1): now delivered.
    BOOST_TEST(changed > 0u);

    Outcome bad = Run("ipsec-exemption-compare", {"--policy=bad.netsh"}, dir, timeout);
    BOOST_TEST(bad.status == 2);
    BOOST_TEST(bad.err.find("--policy=bad.netsh") != std::string::npos, bad.err);
    BOOST_TEST(bad.err.find("line 2") != std::string::npos, bad.err);
    Outcome unassigned = Run("ipsec-exemption-compare", {"--policy=unassigned.netsh"}, dir,
                             timeout);
    BOOST_TEST(unassigned.status == 2);
    BOOST_TEST(unassigned.err.find("no policy is assigned") != std::string::npos, unassigned.err);
    Outcome missing = Run("ipsec-exemption-compare", {"--policy=none.netsh"}, dir, timeout);
    BOOST_TEST(missing.status == 2);
    BOOST_TEST(missing.err.find("--policy=none.netsh") != std::string::npos, missing.err);
}

/** Runs the test case it decorates only when gnuplot is installed (else reported skipped). */
struct GnuplotInstalled
{
    boost::test_tools::assertion_result operator()(boost::unit_test::test_unit_id)
    {
        boost::test_tools::assertion_result installed(
            std::system("command -v gnuplot >/dev/null 2>&1") == 0);
        installed.message() << "gnuplot is not installed (Debian package gnuplot-nox)";
        return installed;
    }
};

// The exemption study's heat map: the data file holds delivered/sent of every run of the CSV,
// one cell per (profile x value, traffic x direction) in the documented order, and the script
// boxes exactly the columns that are the versions' real behaviour.
BOOST_AUTO_TEST_CASE(exemption_compare_heat_map)
{
    Scratch scratch;
    Outcome o = Run("ipsec-exemption-compare",
                    {"--packets=3", "--csv=runs.csv", "--plot=heat"},
                    scratch.Get(),
                    std::chrono::seconds(60));
    BOOST_TEST_REQUIRE(o.status == 0, o.err);
    BOOST_TEST(o.out.find("Plot: heat.plt, heat.dat") != std::string::npos);

    // CSV rows: profile,exempt_mode,traffic,direction,sent,delivered,real,acts_as
    std::istringstream csv(ReadFile(scratch.Get() / "runs.csv"));
    std::string line;
    std::getline(csv, line);
    BOOST_TEST(line == "profile,exempt_mode,traffic,direction,sent,delivered,real,acts_as");
    std::vector<double> shares;
    std::set<int> realColumns;
    while (std::getline(csv, line))
    {
        std::vector<std::string> f;
        std::istringstream fields(line);
        std::string field;
        while (std::getline(fields, field, ','))
        {
            f.push_back(field);
        }
        BOOST_TEST_REQUIRE(f.size() == 8u, line);
        double sent = std::stod(f[4]);
        shares.push_back(sent == 0 ? 0.0 : std::stod(f[5]) / sent);
        if (f[6] == "yes")
        {
            realColumns.insert(static_cast<int>(shares.size() - 1) / 18);
        }
    }
    BOOST_TEST_REQUIRE(shares.size() == 288u);
    // Windows 2000 and XP knew 0 and 1, Server 2003 all four: 12 real columns.
    BOOST_TEST((realColumns == std::set<int>{0, 1, 4, 5, 8, 9, 10, 11, 12, 13, 14, 15}));

    // Data: "column row share" per cell, column = profile x 4 + value, row = traffic x 2 + dir.
    std::istringstream data(ReadFile(scratch.Get() / "heat.dat"));
    std::map<std::pair<int, int>, double> cells;
    while (std::getline(data, line))
    {
        std::istringstream values(line);
        double x;
        double y;
        double z;
        if (values >> x >> y >> z)
        {
            cells[{static_cast<int>(x), static_cast<int>(y)}] = z;
        }
    }
    BOOST_TEST_REQUIRE(cells.size() == 288u);
    for (size_t i = 0; i < shares.size(); ++i)
    {
        auto cell = cells.find({static_cast<int>(i / 18), static_cast<int>(i % 18)});
        BOOST_TEST_REQUIRE((cell != cells.end()), "cell " << i);
        BOOST_TEST(cell->second == shares[i], boost::test_tools::tolerance(1e-5));
    }
    // Not all one colour: some cells delivered everything, some nothing, some a part.
    BOOST_TEST(std::count(shares.begin(), shares.end(), 1.0) > 0);
    BOOST_TEST(std::count(shares.begin(), shares.end(), 0.0) > 0);

    std::string script = ReadFile(scratch.Get() / "heat.plt");
    BOOST_TEST(script.find("set terminal pngcairo") != std::string::npos);
    BOOST_TEST(script.find("heat.png") != std::string::npos);
    BOOST_TEST(script.find("'heat.dat'") != std::string::npos);
    size_t boxes = 0;
    for (size_t at = script.find("set object rect"); at != std::string::npos;
         at = script.find("set object rect", at + 1))
    {
        ++boxes;
    }
    BOOST_TEST(boxes == realColumns.size());
}

// With gnuplot, the program draws the PNG itself.
BOOST_AUTO_TEST_CASE(exemption_compare_heat_map_png,
                     *boost::unit_test::precondition(GnuplotInstalled()))
{
    Scratch scratch;
    Outcome o = Run("ipsec-exemption-compare",
                    {"--packets=3", "--plot=heat"},
                    scratch.Get(),
                    std::chrono::seconds(60));
    BOOST_TEST_REQUIRE(o.status == 0, o.err);
    BOOST_TEST(o.out.find("Plot: heat.plt, heat.dat, heat.png\n") != std::string::npos);
    std::string png = ReadFile(scratch.Get() / "heat.png");
    BOOST_TEST_REQUIRE(png.size() > 1000u);
    BOOST_TEST(png.substr(0, 8) == std::string("\x89PNG\r\n\x1a\n", 8));
}

/** The data lines of a plot's data file, each split into its fields ('#' lines skipped). */
std::vector<std::vector<std::string>>
DataRows(const std::string& text)
{
    std::vector<std::vector<std::string>> rows;
    std::istringstream lines(text);
    std::string line;
    while (std::getline(lines, line))
    {
        if (line.empty() || line[0] == '#')
        {
            continue;
        }
        std::istringstream words(line);
        std::vector<std::string> row;
        std::string word;
        while (words >> word)
        {
            row.push_back(word);
        }
        rows.push_back(row);
    }
    return rows;
}

// The start-up study's timeline: one point per (configuration, flow) in table order, at the
// time the table prints (NaN where it says never), and the policy-apply time as a line.
BOOST_AUTO_TEST_CASE(boot_mode_timeline)
{
    Scratch scratch;
    Outcome o = Run("ipsec-boot-mode", {"--plot=boot"}, scratch.Get(), std::chrono::seconds(60));
    BOOST_TEST_REQUIRE(o.status == 0, o.err);
    BOOST_TEST(o.out.find("Plot: boot.plt, boot.dat") != std::string::npos);
    const std::vector<std::string> flows = {"rdp admin -> S:3389",
                                            "web admin -> S:80",
                                            "ping admin -> S",
                                            "backup S -> backup:445",
                                            "icmp error -> S"};
    // Table: 26 columns of flow name, then one cell per configuration.
    std::map<std::string, std::vector<std::string>> table;
    std::istringstream out(o.out);
    std::string line;
    while (std::getline(out, line))
    {
        for (const auto& flow : flows)
        {
            if (line.rfind(flow, 0) == 0 && line.size() > 26)
            {
                std::istringstream cells(line.substr(26));
                std::string cell;
                while (cells >> cell)
                {
                    table[flow].push_back(cell);
                }
            }
        }
    }
    BOOST_TEST_REQUIRE(table.size() == flows.size());
    auto rows = DataRows(ReadFile(scratch.Get() / "boot.dat"));
    BOOST_TEST_REQUIRE(rows.size() == 25u);
    size_t never = 0;
    for (size_t r = 0; r < rows.size(); ++r)
    {
        BOOST_TEST_REQUIRE(rows[r].size() == 2u);
        BOOST_TEST(std::stoul(rows[r][0]) == r);
        const std::vector<std::string>& cells = table[flows[r % flows.size()]];
        BOOST_TEST_REQUIRE(cells.size() == 5u);
        const std::string& cell = cells[r / flows.size()];
        if (cell == "never")
        {
            BOOST_TEST(rows[r][1] == "NaN");
            ++never;
        }
        else
        {
            // The table rounds to 10 ms.
            BOOST_TEST(std::abs(std::stod(rows[r][1]) - std::stod(cell)) <= 0.005 + 1e-9,
                       "row " << r << ": " << rows[r][1] << " vs " << cell);
        }
    }
    BOOST_TEST(never > 0u); // Safe Mode never applies the policy: the web admin stays out
    std::string script = ReadFile(scratch.Get() / "boot.plt");
    BOOST_TEST(script.find("set terminal pngcairo") != std::string::npos);
    BOOST_TEST(script.find("boot.png") != std::string::npos);
    BOOST_TEST(script.find("'boot.dat'") != std::string::npos);
    BOOST_TEST(script.find("set arrow from 5, graph 0 to 5, graph 1") != std::string::npos);
}

// The soft-SA timeline: per profile the first request, each IKE message (retransmissions
// apart), the fallback and the soft SA's end, at the times the program prints.
BOOST_AUTO_TEST_CASE(soft_sa_timeline)
{
    Scratch scratch;
    Outcome o = Run("ipsec-soft-sa", {"--plot=soft"}, scratch.Get(), std::chrono::seconds(60));
    BOOST_TEST_REQUIRE(o.status == 0, o.err);
    BOOST_TEST(o.out.find("Plot: soft.plt, soft.dat") != std::string::npos);
    const std::vector<std::string> profiles = {"win2000", "winxp", "win2003", "win2003sp2"};
    // Expected points per profile from the printed lines: (time, event).
    std::vector<std::multiset<std::pair<std::string, int>>> expected(profiles.size());
    std::vector<size_t> retransmitted(profiles.size(), 0);
    auto field = [](const std::string& line, const std::string& key) {
        size_t at = line.find(" " + key + "=");
        BOOST_TEST_REQUIRE(at != std::string::npos, key << " in " << line);
        at += key.size() + 2;
        return line.substr(at, line.find(' ', at) - at);
    };
    std::istringstream out(o.out);
    std::string line;
    size_t ikeLines = 0;
    while (std::getline(out, line))
    {
        for (size_t i = 0; i < profiles.size(); ++i)
        {
            if (line.rfind("softsa: profile=" + profiles[i] + " ", 0) == 0)
            {
                expected[i].insert({field(line, "first_packet_s"), 0});
                expected[i].insert({field(line, "clear_traffic_s"), 3});
                expected[i].insert({field(line, "softsa_expired_s"), 4});
            }
            if (line.rfind("softsa-ike: profile=" + profiles[i] + " ", 0) == 0)
            {
                ++ikeLines;
                std::istringstream sent(field(line, "sent_s"));
                std::string t;
                while (std::getline(sent, t, ','))
                {
                    expected[i].insert({t, -1}); // message: sent or retransmitted
                }
                retransmitted[i] = std::stoul(field(line, "retransmitted"));
            }
        }
    }
    BOOST_TEST_REQUIRE(ikeLines == profiles.size());
    std::vector<std::multiset<std::pair<std::string, int>>> plotted(profiles.size());
    std::vector<size_t> plottedRetransmitted(profiles.size(), 0);
    for (const auto& row : DataRows(ReadFile(scratch.Get() / "soft.dat")))
    {
        BOOST_TEST_REQUIRE(row.size() == 3u);
        size_t i = std::stoul(row[0]);
        BOOST_TEST_REQUIRE(i < profiles.size());
        int event = std::stoi(row[2]);
        std::ostringstream t;
        t << std::fixed << std::setprecision(3) << std::stod(row[1]);
        plotted[i].insert({t.str(), event == 1 || event == 2 ? -1 : event});
        plottedRetransmitted[i] += event == 2 ? 1 : 0;
    }
    for (size_t i = 0; i < profiles.size(); ++i)
    {
        BOOST_TEST(plotted[i] == expected[i], profiles[i]);
        BOOST_TEST(plottedRetransmitted[i] == retransmitted[i], profiles[i]);
    }
    // Windows 2000 tries four times (1 + 3 retransmissions) before falling back.
    BOOST_TEST(retransmitted[0] == 3u);
    std::string script = ReadFile(scratch.Get() / "soft.plt");
    BOOST_TEST(script.find("set logscale x") != std::string::npos);
    BOOST_TEST(script.find("'soft.dat' using ($3 == 4 ? $2 : 1/0):1") != std::string::npos);
}

// With gnuplot, both timelines are drawn as PNG files.
BOOST_AUTO_TEST_CASE(timelines_png, *boost::unit_test::precondition(GnuplotInstalled()))
{
    for (const std::string program : {"ipsec-boot-mode", "ipsec-soft-sa"})
    {
        Scratch scratch;
        Outcome o = Run(program, {"--plot=t"}, scratch.Get(), std::chrono::seconds(60));
        BOOST_TEST_REQUIRE(o.status == 0, o.err);
        BOOST_TEST(o.out.find("Plot: t.plt, t.dat, t.png\n") != std::string::npos, program);
        std::string png = ReadFile(scratch.Get() / "t.png");
        BOOST_TEST_REQUIRE(png.size() > 1000u, program);
        BOOST_TEST(png.substr(0, 8) == std::string("\x89PNG\r\n\x1a\n", 8));
    }
}

BOOST_AUTO_TEST_SUITE_END()
