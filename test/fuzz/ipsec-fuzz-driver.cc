/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// The fuzz driver used without libFuzzer: runs every file of the seed corpus, then random
// mutations of them (bit flips, byte changes, inserted and erased ranges, splices of two
// inputs, boundary values, dictionary words) for a bounded time, from a fixed seed so that a
// run can be repeated. Blind (no coverage feedback): it is the bounded CI run; long
// coverage-guided runs use libFuzzer (doc/robustness.md).
//
// A crash, sanitizer report or failed property aborts the process; the input that did it is
// written to fuzz-<target>-crash.bin in the working directory first.

#include "ipsec-fuzz.h"

#include <algorithm>
#include <chrono>
#include <csignal>
#include <cstring>
#include <dirent.h>
#include <fcntl.h>
#include <fstream>
#include <iostream>
#include <random>
#include <sstream>
#include <sys/stat.h>
#include <unistd.h>

#if defined(__SANITIZE_ADDRESS__)
#include <sanitizer/common_interface_defs.h>
#define IPSEC_FUZZ_SANITIZED 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#include <sanitizer/common_interface_defs.h>
#define IPSEC_FUZZ_SANITIZED 1
#endif
#endif

namespace
{

using Bytes = std::vector<uint8_t>;

// What the crash handler writes: set before every run (no allocation in the handler).
const uint8_t* g_current = nullptr;
size_t g_currentSize = 0;
char g_crashPath[512] = "fuzz-crash.bin";

void
SaveCurrentInput()
{
    int fd = open(g_crashPath, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd >= 0)
    {
        size_t done = 0;
        while (g_current && done < g_currentSize)
        {
            ssize_t n = write(fd, g_current + done, g_currentSize - done);
            if (n <= 0)
            {
                break;
            }
            done += static_cast<size_t>(n);
        }
        close(fd);
    }
    const char message[] = "fuzz: the failing input was saved as ";
    ssize_t ignored = write(STDERR_FILENO, message, sizeof(message) - 1);
    ignored = write(STDERR_FILENO, g_crashPath, strlen(g_crashPath));
    ignored = write(STDERR_FILENO, "\n", 1);
    (void)ignored;
}

void
OnFatalSignal(int signal)
{
    SaveCurrentInput();
    std::signal(signal, SIG_DFL);
    std::raise(signal);
}

/** The options; every one is checked before anything runs. */
struct Options
{
    std::string target;
    std::vector<std::string> corpora;
    double seconds{10};
    uint64_t runs{0}; //!< 0: until the time is up
    uint64_t seed{1};
    size_t maxLength{4096};
    std::string makeSeeds;
};

[[noreturn]] void
Usage(const std::string& program, const std::string& error)
{
    std::cerr << "error: " << error << "\n"
              << "usage: " << program
              << " [--corpus=DIR]... [--seconds=S] [--runs=N] [--seed=N] [--maxLength=BYTES]"
                 " [--makeSeeds=DIR] [FILE]...\n";
    std::exit(2);
}

uint64_t
ParseCount(const std::string& program, const std::string& option, const std::string& value)
{
    if (value.empty() || value.size() > 18 ||
        !std::all_of(value.begin(), value.end(), [](char c) { return c >= '0' && c <= '9'; }))
    {
        Usage(program, "--" + option + "=" + value + ": expected a whole number (0 to 10^18)");
    }
    return std::stoull(value);
}

Options
ParseOptions(int argc, char** argv, std::vector<std::string>& files)
{
    Options o;
    std::string program = argv[0];
    o.target = program.substr(program.find_last_of('/') + 1);
    for (int i = 1; i < argc; ++i)
    {
        std::string arg = argv[i];
        if (arg.rfind("--", 0) != 0)
        {
            files.push_back(arg);
            continue;
        }
        size_t eq = arg.find('=');
        if (eq == std::string::npos)
        {
            Usage(program, arg + ": expected --option=value");
        }
        std::string name = arg.substr(2, eq - 2);
        std::string value = arg.substr(eq + 1);
        if (name == "corpus")
        {
            o.corpora.push_back(value);
        }
        else if (name == "seconds")
        {
            std::istringstream in(value);
            double s = -1;
            if (!(in >> s) || !in.eof() || !(s >= 0 && s <= 86400))
            {
                Usage(program, "--seconds=" + value + ": expected seconds from 0 to 86400");
            }
            o.seconds = s;
        }
        else if (name == "runs")
        {
            o.runs = ParseCount(program, name, value);
        }
        else if (name == "seed")
        {
            o.seed = ParseCount(program, name, value);
        }
        else if (name == "maxLength")
        {
            o.maxLength = ParseCount(program, name, value);
            if (o.maxLength == 0 || o.maxLength > (1u << 20))
            {
                Usage(program, "--maxLength=" + value + ": expected 1 to 1048576 bytes");
            }
        }
        else if (name == "makeSeeds")
        {
            o.makeSeeds = value;
        }
        else
        {
            Usage(program, "--" + name + ": unknown option");
        }
    }
    return o;
}

bool
ReadFile(const std::string& path, Bytes& out)
{
    std::ifstream in(path, std::ios::binary);
    if (!in)
    {
        return false;
    }
    out.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    return true;
}

/** \return the regular files of a directory, sorted by name (the same order every run) */
std::vector<std::string>
ListDirectory(const std::string& directory, bool& ok)
{
    std::vector<std::string> files;
    DIR* dir = opendir(directory.c_str());
    ok = dir != nullptr;
    if (!dir)
    {
        return files;
    }
    while (dirent* entry = readdir(dir))
    {
        std::string path = directory + "/" + entry->d_name;
        struct stat st;
        if (entry->d_name[0] != '.' && stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode))
        {
            files.push_back(path);
        }
    }
    closedir(dir);
    std::sort(files.begin(), files.end());
    return files;
}

void
RunOne(const Bytes& input)
{
    g_current = input.data();
    g_currentSize = input.size();
    LLVMFuzzerTestOneInput(input.data(), input.size());
}

/** Random edits of inputs; every choice comes from one seeded generator. */
class Mutator
{
  public:
    Mutator(uint64_t seed, size_t maxLength, std::vector<std::string> dictionary)
        : m_rng(seed),
          m_maxLength(maxLength),
          m_dictionary(std::move(dictionary))
    {
    }

    Bytes Mutate(const Bytes& base, const std::vector<Bytes>& corpus)
    {
        Bytes b = base;
        size_t edits = 1 + Below(4);
        for (size_t i = 0; i < edits; ++i)
        {
            Edit(b, corpus);
        }
        if (b.size() > m_maxLength)
        {
            b.resize(m_maxLength);
        }
        return b;
    }

  private:
    size_t Below(size_t n)
    {
        return n == 0 ? 0 : static_cast<size_t>(m_rng() % n);
    }

    void Edit(Bytes& b, const std::vector<Bytes>& corpus)
    {
        static const uint32_t boundaries[] = {0, 1, 0x7f, 0x80, 0xff, 0x100, 0x7fff, 0x8000,
                                              0xffff, 0x10000, 0x7fffffff, 0x80000000,
                                              0xffffffff};
        switch (Below(b.empty() ? 3 : 9))
        {
        case 0: // insert random bytes
        {
            size_t at = Below(b.size() + 1);
            size_t n = 1 + Below(8);
            for (size_t i = 0; i < n; ++i)
            {
                b.insert(b.begin() + at, static_cast<uint8_t>(m_rng()));
            }
            break;
        }
        case 1: // insert a dictionary word, or a piece of another input
        {
            size_t at = Below(b.size() + 1);
            if (!m_dictionary.empty() && Below(2) == 0)
            {
                const std::string& w = m_dictionary[Below(m_dictionary.size())];
                b.insert(b.begin() + at, w.begin(), w.end());
            }
            else if (!corpus.empty())
            {
                const Bytes& other = corpus[Below(corpus.size())];
                size_t from = Below(other.size() + 1);
                size_t n = Below(other.size() - from + 1);
                b.insert(b.begin() + at, other.begin() + from, other.begin() + from + n);
            }
            break;
        }
        case 2: // splice: this input's head, another's tail
        {
            if (!corpus.empty())
            {
                const Bytes& other = corpus[Below(corpus.size())];
                size_t cut = Below(b.size() + 1);
                size_t from = Below(other.size() + 1);
                b.resize(cut);
                b.insert(b.end(), other.begin() + from, other.end());
            }
            break;
        }
        case 3: // flip a bit
            b[Below(b.size())] ^= static_cast<uint8_t>(1u << Below(8));
            break;
        case 4: // set a byte
            b[Below(b.size())] = static_cast<uint8_t>(m_rng());
            break;
        case 5: // erase a range
        {
            size_t at = Below(b.size());
            size_t n = 1 + Below(std::min<size_t>(16, b.size() - at));
            b.erase(b.begin() + at, b.begin() + at + n);
            break;
        }
        case 6: // duplicate a range
        {
            size_t at = Below(b.size());
            size_t n = 1 + Below(std::min<size_t>(32, b.size() - at));
            Bytes piece(b.begin() + at, b.begin() + at + n);
            b.insert(b.begin() + at, piece.begin(), piece.end());
            break;
        }
        case 7: // a boundary value, big-endian, 1, 2 or 4 bytes wide (length fields)
        {
            uint32_t v = boundaries[Below(sizeof(boundaries) / sizeof(boundaries[0]))];
            size_t width = size_t(1) << Below(3);
            size_t at = Below(b.size());
            for (size_t i = 0; i < width && at + i < b.size(); ++i)
            {
                b[at + i] = static_cast<uint8_t>(v >> (8 * (width - 1 - i)));
            }
            break;
        }
        default: // truncate
            b.resize(Below(b.size()));
            break;
        }
    }

    std::mt19937_64 m_rng;
    size_t m_maxLength;
    std::vector<std::string> m_dictionary;
};

int
MakeSeeds(const Options& o)
{
    mkdir(o.makeSeeds.c_str(), 0755);
    std::vector<Bytes> seeds = IpsecFuzzSeeds();
    for (size_t i = 0; i < seeds.size(); ++i)
    {
        char name[32];
        std::snprintf(name, sizeof(name), "/seed-%03zu", i + 1);
        std::ofstream out(o.makeSeeds + name, std::ios::binary);
        out.write(reinterpret_cast<const char*>(seeds[i].data()),
                  static_cast<std::streamsize>(seeds[i].size()));
        if (!out)
        {
            std::cerr << "error: --makeSeeds=" << o.makeSeeds << ": cannot write " << name
                      << "\n";
            return 2;
        }
    }
    std::cout << o.target << ": wrote " << seeds.size() << " seeds to " << o.makeSeeds << "\n";
    return 0;
}

} // namespace

int
main(int argc, char** argv)
{
    std::vector<std::string> files;
    Options o = ParseOptions(argc, argv, files);
    if (!o.makeSeeds.empty())
    {
        return MakeSeeds(o);
    }
    std::snprintf(g_crashPath, sizeof(g_crashPath), "fuzz-%s-crash.bin", o.target.c_str());
    for (int s : {SIGSEGV, SIGABRT, SIGFPE, SIGBUS, SIGILL})
    {
        std::signal(s, OnFatalSignal);
    }
#ifdef IPSEC_FUZZ_SANITIZED
    __sanitizer_set_death_callback(SaveCurrentInput);
#endif

    std::vector<Bytes> corpus;
    for (const std::string& directory : o.corpora)
    {
        bool ok = false;
        std::vector<std::string> listed = ListDirectory(directory, ok);
        if (!ok)
        {
            Usage(argv[0], "--corpus=" + directory + ": not a readable directory");
        }
        files.insert(files.end(), listed.begin(), listed.end());
    }
    for (const std::string& path : files)
    {
        Bytes b;
        if (!ReadFile(path, b))
        {
            Usage(argv[0], path + ": cannot read");
        }
        corpus.push_back(std::move(b));
    }
    // The corpus itself first: each input as it is.
    for (const Bytes& b : corpus)
    {
        RunOne(b);
    }
    uint64_t corpusAccepted = g_ipsecFuzzAccepted;
    g_ipsecFuzzAccepted = 0;
    if (corpus.empty())
    {
        corpus.push_back(Bytes{});
    }

    Mutator mutator(o.seed, o.maxLength, IpsecFuzzDictionary());
    auto start = std::chrono::steady_clock::now();
    uint64_t runs = 0;
    std::mt19937_64 pick(o.seed ^ 0x9e3779b97f4a7c15ULL);
    while (o.runs == 0 || runs < o.runs)
    {
        // The clock is read every 64 runs: cheap enough, and bounded below a millisecond late.
        if (o.runs == 0 && runs % 64 == 0 &&
            std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count() >=
                o.seconds)
        {
            break;
        }
        const Bytes& base = corpus[pick() % corpus.size()];
        RunOne(mutator.Mutate(base, corpus));
        ++runs;
    }
    double elapsed =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::cout << "fuzz " << o.target << ": " << files.size() << " corpus inputs ("
              << corpusAccepted << " accepted), " << runs << " mutated inputs ("
              << g_ipsecFuzzAccepted << " accepted) in " << elapsed << " s, seed " << o.seed
              << ": no crash, no failed property\n";
    return 0;
}
