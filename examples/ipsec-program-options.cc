/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ipsec-program-options.h"

#include "ns3/boolean.h"
#include "ns3/double.h"
#include "ns3/global-value.h"
#include "ns3/integer.h"
#include "ns3/ipsec-config-error.h"
#include "ns3/ipsec-timer-queue.h"
#include "ns3/nstime.h"
#include "ns3/type-id.h"
#include "ns3/uinteger.h"

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <iostream>
#include <sstream>
#include <sys/stat.h>
#include <unistd.h>

namespace ns3
{

namespace
{

/// The attribute defaults given on the command line (--ns3::Class::Attribute=value): the
/// objects check some of them only when they are built.
std::vector<std::string> g_attributeArguments;

/** \return \p text with control characters as \xNN, so that an error stays one line */
std::string
Printable(const std::string& text)
{
    std::string out;
    for (unsigned char c : text)
    {
        if (c < 0x20 || c == 0x7f)
        {
            char escaped[5];
            std::snprintf(escaped, sizeof(escaped), "\\x%02x", c);
            out += escaped;
        }
        else
        {
            out += static_cast<char>(c);
        }
    }
    return out;
}

/** \return \p x as the help and the messages show it */
std::string
Show(double x)
{
    std::ostringstream os;
    os << x;
    return os.str();
}

/**
 * \param text a value
 * \param[out] value the number
 * \return true if \p text is a finite decimal number (no hexadecimal, no spaces, no "inf")
 */
bool
ParseDouble(const std::string& text, double& value)
{
    if (text.empty() || text.find_first_not_of("0123456789+-.eE") != std::string::npos)
    {
        return false;
    }
    errno = 0;
    char* end = nullptr;
    value = std::strtod(text.c_str(), &end);
    return errno == 0 && end == text.c_str() + text.size() && std::isfinite(value);
}

/** \return true if \p a and \p b are the same keyword, letter case aside (ASCII only) */
bool
SameKeyword(const std::string& a, const std::string& b)
{
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return std::tolower(static_cast<unsigned char>(x)) ==
                      std::tolower(static_cast<unsigned char>(y));
           });
}

/** \return the entries of a comma-separated list (an empty text gives one empty entry) */
std::vector<std::string>
SplitList(const std::string& text)
{
    std::vector<std::string> items;
    size_t start = 0;
    while (true)
    {
        size_t comma = text.find(',', start);
        items.push_back(text.substr(start, comma - start));
        if (comma == std::string::npos)
        {
            return items;
        }
        start = comma + 1;
    }
}

/** \return the choices as "a|b|c" */
std::string
JoinChoices(const std::vector<std::string>& choices)
{
    std::string out;
    for (const auto& c : choices)
    {
        out += (out.empty() ? "" : "|") + c;
    }
    return out;
}

/** \return "> min" or ">= min", then "and <= max" */
std::string
DescribeRange(double min, bool minIncluded, double max)
{
    return (minIncluded ? ">= " : "> ") + Show(min) + " and <= " + Show(max);
}

/**
 * \brief Check the text of an ns-3 global value or attribute default before CommandLine hands it
 * to ns-3, whose parsers abort on some badly formed values.
 * \param checker the value's checker
 * \param text the text
 * \return empty if ns-3 will accept it, else what is allowed
 */
std::string
CheckAttributeText(Ptr<const AttributeChecker> checker, const std::string& text)
{
    // Some checkers name their type with the namespace, some without.
    std::string type = checker->GetValueTypeName();
    type = type.rfind("ns3::", 0) == 0 ? type.substr(5) : type;
    std::string allowed;
    bool good = false;
    if (type == "UintegerValue")
    {
        uint64_t v = 0;
        good = IpsecProgramOptions::ParseUnsigned(text, v) && checker->Check(UintegerValue(v));
        allowed = "expected an integer >= 0 within the range of this ns-3 value";
    }
    else if (type == "IntegerValue")
    {
        bool negative = !text.empty() && text[0] == '-';
        uint64_t v = 0;
        good = IpsecProgramOptions::ParseUnsigned(text.substr(negative ? 1 : 0), v) &&
               v <= static_cast<uint64_t>(std::numeric_limits<int64_t>::max()) &&
               checker->Check(IntegerValue(negative ? -static_cast<int64_t>(v)
                                                    : static_cast<int64_t>(v)));
        allowed = "expected an integer within the range of this ns-3 value";
    }
    else if (type == "DoubleValue")
    {
        double v = 0;
        good = ParseDouble(text, v) && checker->Check(DoubleValue(v));
        allowed = "expected a number within the range of this ns-3 value";
    }
    else if (type == "BooleanValue")
    {
        good = text == "true" || text == "false" || text == "1" || text == "0" || text == "t" ||
               text == "f";
        allowed = "expected true or false";
    }
    else if (type == "TypeIdValue")
    {
        TypeId tid;
        good = TypeId::LookupByNameFailSafe(text, &tid);
        allowed = "expected the name of a TypeId, e.g. ns3::MapScheduler";
    }
    else if (type == "TimeValue")
    {
        // A number and a unit (Time's own parser aborts on anything else).
        size_t unit = text.find_first_not_of("0123456789+-.eE");
        std::string number = text.substr(0, unit);
        std::string suffix = unit == std::string::npos ? "" : text.substr(unit);
        double v = 0;
        good = ParseDouble(number, v) &&
               (suffix.empty() || suffix == "s" || suffix == "ms" || suffix == "us" ||
                suffix == "ns" || suffix == "ps" || suffix == "fs" || suffix == "min" ||
                suffix == "h" || suffix == "d" || suffix == "y") &&
               checker->Check(TimeValue(Time(text)));
        allowed = "expected a time such as 5s or 200ms within the range of this ns-3 value";
    }
    else if (type == "StringValue")
    {
        good = true;
    }
    else
    {
        // Other types parse without aborting (enums, addresses...): ask the value itself.
        Ptr<AttributeValue> value = checker->Create();
        good = value->DeserializeFromString(text, checker) && checker->Check(*value);
        allowed = "expected a value of type " + type + " that ns-3 accepts here";
    }
    return good ? "" : allowed;
}

} // namespace

IpsecProgramOptions::IpsecProgramOptions(const std::string& file, const std::string& usage)
    : m_cmd(file)
{
    m_cmd.Usage(usage);
}

void
IpsecProgramOptions::Add(const std::string& name,
                         const std::string& help,
                         const std::string& defaultText,
                         const Reader& read)
{
    NS_ABORT_MSG_IF(Find(name), "--" << name << " registered twice");
    // One flag style in every program: ns-3's camelCase.
    NS_ABORT_MSG_UNLESS(!name.empty() && std::islower(static_cast<unsigned char>(name[0])) &&
                            std::all_of(name.begin(),
                                        name.end(),
                                        [](unsigned char c) { return std::isalnum(c); }),
                        "--" << name << " is not camelCase");
    Option option;
    option.name = name;
    option.read = read;
    m_options.push_back(option);
    size_t index = m_options.size() - 1;
    m_cmd.AddValue(name,
                   help,
                   Callback<bool, std::string>([this, index](std::string text) {
                       Option& given = m_options[index];
                       given.given = true;
                       given.text = text;
                       std::string error = given.read(text);
                       if (!error.empty() && m_error.empty())
                       {
                           m_error = "--" + given.name + "=" + Printable(text) + ": " + error;
                       }
                       // Always accepted: the first error is reported after CommandLine is done,
                       // in our format, instead of CommandLine's help page.
                       return true;
                   }),
                   defaultText);
}

void
IpsecProgramOptions::AddBool(const std::string& name, const std::string& help, bool& value)
{
    Add(name, help, value ? "true" : "false", [&value](const std::string& text) {
        // CommandLine passes an empty text for the option alone (--verbose).
        if (text.empty() || text == "true" || text == "1")
        {
            value = true;
        }
        else if (text == "false" || text == "0")
        {
            value = false;
        }
        else
        {
            return std::string("expected true or false");
        }
        return std::string();
    });
}

void
IpsecProgramOptions::AddNumber(const std::string& name,
                               const std::string& help,
                               double& value,
                               double min,
                               bool minIncluded,
                               double max)
{
    Add(name, help, Show(value), [&value, min, minIncluded, max](const std::string& text) {
        double v = 0;
        if (!ParseDouble(text, v) || v < min || (!minIncluded && v == min) || v > max)
        {
            return "expected a number " + DescribeRange(min, minIncluded, max);
        }
        value = v;
        return std::string();
    });
}

void
IpsecProgramOptions::AddChoice(const std::string& name,
                               const std::string& help,
                               std::string& value,
                               const std::vector<std::string>& choices)
{
    // Keywords are read in any case, as the library's text parsers read them (doc/filters.md);
    // the program sees the spelling of its choice list.
    Add(name, help, value, [&value, choices](const std::string& text) {
        for (const auto& c : choices)
        {
            if (SameKeyword(text, c))
            {
                value = c;
                return std::string();
            }
        }
        return "expected one of " + JoinChoices(choices);
    });
}

void
IpsecProgramOptions::AddChoiceList(const std::string& name,
                                   const std::string& help,
                                   std::string& value,
                                   const std::vector<std::string>& choices)
{
    Add(name, help, value, [&value, choices](const std::string& text) {
        std::string canonical;
        for (const auto& item : SplitList(text))
        {
            const std::string* known = nullptr;
            for (const auto& c : choices)
            {
                if (SameKeyword(item, c))
                {
                    known = &c;
                }
            }
            if (!known)
            {
                return "expected a comma-separated list of " + JoinChoices(choices);
            }
            canonical += (canonical.empty() ? "" : ",") + *known;
        }
        value = canonical;
        return std::string();
    });
}

void
IpsecProgramOptions::AddIntegerList(const std::string& name,
                                    const std::string& help,
                                    std::vector<uint32_t>& values,
                                    uint32_t min,
                                    uint32_t max)
{
    std::string defaultText;
    for (uint32_t v : values)
    {
        defaultText += (defaultText.empty() ? "" : ",") + std::to_string(v);
    }
    Add(name, help, defaultText, [&values, min, max](const std::string& text) {
        std::vector<uint32_t> parsed;
        for (const auto& item : SplitList(text))
        {
            uint64_t v = 0;
            if (!ParseUnsigned(item, v) || v < min || v > max)
            {
                return "expected a comma-separated list of integers from " +
                       std::to_string(min) + " to " + std::to_string(max);
            }
            parsed.push_back(static_cast<uint32_t>(v));
        }
        values = parsed;
        return std::string();
    });
}

void
IpsecProgramOptions::AddNumberList(const std::string& name,
                                   const std::string& help,
                                   std::vector<double>& values,
                                   double min,
                                   double max)
{
    std::string defaultText;
    for (double v : values)
    {
        defaultText += (defaultText.empty() ? "" : ",") + Show(v);
    }
    Add(name, help, defaultText, [&values, min, max](const std::string& text) {
        std::vector<double> parsed;
        for (const auto& item : SplitList(text))
        {
            double v = 0;
            if (!ParseDouble(item, v) || v <= min || v > max)
            {
                return "expected a comma-separated list of numbers " +
                       DescribeRange(min, false, max);
            }
            parsed.push_back(v);
        }
        values = parsed;
        return std::string();
    });
}

void
IpsecProgramOptions::AddText(const std::string& name,
                             const std::string& help,
                             std::string& value,
                             const Reader& check)
{
    Add(name, help, value, [&value, check](const std::string& text) {
        std::string error = check(text);
        if (error.empty())
        {
            value = text;
        }
        return error;
    });
}

void
IpsecProgramOptions::AddOutput(const std::string& name,
                               const std::string& help,
                               std::string& value,
                               bool prefix)
{
    Add(name, help, value, [&value, prefix](const std::string& text) {
        if (!text.empty())
        {
            // Checked now: ns-3's pcap writer ends the program with a fatal error, and a file
            // written at the end would cost the whole run.
            size_t slash = text.rfind('/');
            std::string dir = slash == std::string::npos ? "." : text.substr(0, slash + 1);
            std::string what = prefix ? "a file name prefix" : "a file name";
            struct stat info
            {
            };
            if (!prefix && slash == text.size() - 1)
            {
                return "expected " + what + ", not a folder";
            }
            if (stat(dir.c_str(), &info) != 0 || !S_ISDIR(info.st_mode))
            {
                return "expected " + what + " in an existing folder (no folder " + dir + ")";
            }
            if (access(dir.c_str(), W_OK | X_OK) != 0)
            {
                return "expected " + what + " in a writable folder (" + dir + " is not)";
            }
            if (!prefix && stat(text.c_str(), &info) == 0 &&
                (S_ISDIR(info.st_mode) || access(text.c_str(), W_OK) != 0))
            {
                return "expected " + what + " that can be written (" + text + " cannot)";
            }
        }
        value = text;
        return std::string();
    });
}

std::string
IpsecProgramOptions::Catch(const std::function<void()>& parse)
{
    try
    {
        parse();
    }
    catch (const IpsecConfigError& e)
    {
        return e.what();
    }
    return "";
}

const IpsecProgramOptions::Option*
IpsecProgramOptions::Find(const std::string& name) const
{
    for (const auto& option : m_options)
    {
        if (option.name == name)
        {
            return &option;
        }
    }
    return nullptr;
}

bool
IpsecProgramOptions::IsGiven(const std::string& name) const
{
    const Option* option = Find(name);
    NS_ABORT_MSG_UNLESS(option, "--" << name << " is not an option");
    return option->given;
}

void
IpsecProgramOptions::Fail(const std::string& name, const std::string& message) const
{
    const Option* option = Find(name);
    NS_ABORT_MSG_UNLESS(option, "--" << name << " is not an option");
    Exit("--" + name + (option->given ? "=" + Printable(option->text) : ""), message);
}

void
IpsecProgramOptions::Exit(const std::string& what, const std::string& message)
{
    std::cerr << "error: " << what << ": " << message << std::endl;
    std::exit(2);
}

bool
IpsecProgramOptions::ParseUnsigned(const std::string& text, uint64_t& value)
{
    if (text.empty() || text.find_first_not_of("0123456789") != std::string::npos)
    {
        return false;
    }
    value = 0;
    for (char c : text)
    {
        uint64_t digit = static_cast<uint64_t>(c - '0');
        if (value > (std::numeric_limits<uint64_t>::max() - digit) / 10)
        {
            return false;
        }
        value = value * 10 + digit;
    }
    return true;
}

void
IpsecProgramOptions::CheckArguments(int argc, char* argv[])
{
    for (int i = 1; i < argc; ++i)
    {
        const std::string arg = argv[i];
        // CommandLine takes "--name=value" and "-name=value".
        size_t dashes = arg.rfind("--", 0) == 0 ? 2 : (arg.rfind('-', 0) == 0 ? 1 : 0);
        if (dashes == 0 || arg.size() == dashes)
        {
            Exit("'" + Printable(arg) + "'",
                 "unexpected argument: options are --name=value (quote values with spaces), "
                 "see --help");
        }
        size_t equals = arg.find('=');
        std::string name = arg.substr(dashes, equals - dashes);
        std::string value = equals == std::string::npos ? "" : arg.substr(equals + 1);
        std::string shown = "--" + Printable(arg.substr(dashes));
        if (Find(name))
        {
            continue;
        }
        // CommandLine's own options.
        if (name == "help" || name == "PrintHelp" || name == "PrintGlobals" ||
            name == "PrintGroups" || name == "PrintGroup" || name == "PrintTypeIds" ||
            name == "PrintVersion" || name == "version")
        {
            continue;
        }
        if (name == "PrintAttributes")
        {
            TypeId tid;
            if (!TypeId::LookupByNameFailSafe(value, &tid))
            {
                Exit(shown, "expected the name of a TypeId, e.g. ns3::IpsecDriver");
            }
            continue;
        }
        // ns-3 global values (RngRun, RngSeed, ChecksumEnabled...) and attribute defaults
        // (--ns3::Class::Attribute=value), which CommandLine sets.
        Ptr<const AttributeChecker> checker;
        for (auto it = GlobalValue::Begin(); it != GlobalValue::End(); ++it)
        {
            if ((*it)->GetName() == name)
            {
                checker = (*it)->GetChecker();
            }
        }
        size_t colons = name.rfind("::");
        TypeId tid;
        TypeId::AttributeInformation info;
        if (!checker && colons != std::string::npos &&
            TypeId::LookupByNameFailSafe(name.substr(0, colons), &tid) &&
            tid.LookupAttributeByName(name.substr(colons + 2), &info))
        {
            checker = info.checker;
            g_attributeArguments.push_back(shown);
        }
        if (!checker)
        {
            Exit(shown, "unknown option, see --help");
        }
        std::string error = CheckAttributeText(checker, value);
        if (name == "SchedulerType" && error.empty())
        {
            error = IpsecTimerQueue::SchedulerProblem(value);
        }
        uint64_t seed = 0;
        if (name == "RngSeed" && ParseUnsigned(value, seed) && seed == 0)
        {
            // The checker allows it, the generator aborts on it.
            error = "expected an integer from 1 to 4294967295";
        }
        if (!error.empty())
        {
            Exit(shown, error);
        }
    }
}

void
IpsecProgramOptions::Parse(int argc, char* argv[])
{
    // A configuration error that only an object's attribute setter finds (a default given as
    // --ns3::Class::Attribute=value) escapes while the program builds its nodes: report it as
    // an option error instead of aborting.
    std::set_terminate([]() {
        if (std::exception_ptr escaped = std::current_exception())
        {
            try
            {
                std::rethrow_exception(escaped);
            }
            catch (const IpsecConfigError& e)
            {
                std::string given;
                for (const auto& argument : g_attributeArguments)
                {
                    given += (given.empty() ? "" : " or ") + argument;
                }
                std::cout.flush();
                std::cerr << "error: " << (given.empty() ? "" : given + ": ") << e.what()
                          << std::endl;
                std::_Exit(2);
            }
            catch (...)
            {
            }
        }
        std::abort();
    });
    CheckArguments(argc, argv);
    m_cmd.Parse(argc, argv);
    if (!m_error.empty())
    {
        std::cerr << "error: " << m_error << std::endl;
        std::exit(2);
    }
}

void
IpsecCheckSaOptions(const IpsecProgramOptions& cmd,
                    IpsecProtocol protocol,
                    IpsecEncryption encryption,
                    IpsecIntegrity integrity)
{
    if (protocol == IpsecProtocol::AH && cmd.IsGiven("cipher"))
    {
        cmd.Fail("cipher", "AH has no cipher (leave --cipher out with --proto=ah)");
    }
    IpsecSaConfig c;
    c.spi = 256;
    c.protocol = protocol;
    c.encryption = protocol == IpsecProtocol::AH ? IpsecEncryption::NULL_ENC : encryption;
    c.integrity = integrity;
    c.encryptionKey.assign(IpsecGetEncryptionInfo(c.encryption).keyLength, 1);
    c.integrityKey.assign(IpsecGetIntegrityInfo(c.integrity).keyLength, 1);
    c.source = Ipv4Address("10.0.0.1");
    c.destination = Ipv4Address("10.0.0.2");
    std::string error = c.Validate();
    if (!error.empty())
    {
        // "field: message", the field being cipher or auth; an error about the default of
        // one option comes from the other one.
        size_t colon = error.find(": ");
        NS_ABORT_MSG_UNLESS(error.rfind("cipher: ", 0) == 0 || error.rfind("auth: ", 0) == 0,
                            "unexpected SA check: " << error);
        std::string field = error.substr(0, colon);
        std::string other = field == "cipher" ? "auth" : "cipher";
        if (!cmd.IsGiven(field) && cmd.IsGiven(other))
        {
            field = other;
        }
        cmd.Fail(field, error.substr(colon + 2));
    }
}

} // namespace ns3
