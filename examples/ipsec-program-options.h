/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef IPSEC_PROGRAM_OPTIONS_H
#define IPSEC_PROGRAM_OPTIONS_H

// The command line of the example and benchmark programs: every option is checked while it is
// parsed, before the program builds anything. A bad value ends the program with one line on
// stderr naming the option, the value and what is allowed, and exit status 2. Values are read
// whole (spaces included). See README.md "Programs".

#include "ns3/abort.h"
#include "ns3/command-line.h"
#include "ns3/ipsec-algorithms.h"
#include "ns3/ipsec-sa.h"

#include <cstdint>
#include <functional>
#include <limits>
#include <string>
#include <type_traits>
#include <vector>

namespace ns3
{

/**
 * \brief The options of one program, on top of ns-3's CommandLine.
 *
 * Every option is registered with CommandLine as a callback, so `--help` lists it and the
 * callback receives the whole value text. Parse() also rejects what CommandLine would turn into
 * a help page with exit status 1 (unknown options), or into an abort (badly formed values of
 * ns-3 global values and attributes, e.g. `--RngRun=abc`), and arguments that are not options.
 *
 * The variables given to the Add methods must outlive Parse(); they keep their value unless the
 * option is given.
 */
class IpsecProgramOptions
{
  public:
    /**
     * Checks the text of an option and stores the value.
     * \return empty on success, else what is allowed (e.g. "expected an integer from 1 to 10")
     */
    using Reader = std::function<std::string(const std::string& text)>;

    /**
     * \param file the program's source file (__FILE__): its name heads the help text
     * \param usage what the program does, for --help
     */
    IpsecProgramOptions(const std::string& file, const std::string& usage);

    /**
     * \brief true or false (also 1 or 0); the option alone (`--verbose`) means true.
     * \param name the option's name, without dashes
     * \param help the help text
     * \param value the variable (its value is the default)
     */
    void AddBool(const std::string& name, const std::string& help, bool& value);

    /**
     * \brief A decimal integer in [min, max].
     * \param name the option's name
     * \param help the help text
     * \param value the variable
     * \param min the smallest allowed value
     * \param max the largest allowed value (at most the largest value of T)
     */
    template <typename T>
    void AddInteger(const std::string& name,
                    const std::string& help,
                    T& value,
                    uint64_t min,
                    uint64_t max);

    /**
     * \brief A decimal number in (min, max] (\p minIncluded false) or [min, max].
     * \param name the option's name
     * \param help the help text
     * \param value the variable
     * \param min the lower bound
     * \param minIncluded whether \p min itself is allowed
     * \param max the largest allowed value
     */
    void AddNumber(const std::string& name,
                   const std::string& help,
                   double& value,
                   double min,
                   bool minIncluded,
                   double max);

    /**
     * \brief One of \p choices (in any letter case; the variable gets the spelling of \p choices).
     * \param name the option's name
     * \param help the help text
     * \param value the variable
     * \param choices the allowed values
     */
    void AddChoice(const std::string& name,
                   const std::string& help,
                   std::string& value,
                   const std::vector<std::string>& choices);

    /**
     * \brief A comma-separated, non-empty list of \p choices (kept as the text).
     * \param name the option's name
     * \param help the help text
     * \param value the variable
     * \param choices the allowed entries
     */
    void AddChoiceList(const std::string& name,
                       const std::string& help,
                       std::string& value,
                       const std::vector<std::string>& choices);

    /**
     * \brief A comma-separated, non-empty list of integers in [min, max].
     * \param name the option's name
     * \param help the help text
     * \param values the variable
     * \param min the smallest allowed entry
     * \param max the largest allowed entry
     */
    void AddIntegerList(const std::string& name,
                        const std::string& help,
                        std::vector<uint32_t>& values,
                        uint32_t min,
                        uint32_t max);

    /**
     * \brief A comma-separated, non-empty list of numbers in (min, max].
     * \param name the option's name
     * \param help the help text
     * \param values the variable
     * \param min the lower bound (excluded)
     * \param max the largest allowed entry
     */
    void AddNumberList(const std::string& name,
                       const std::string& help,
                       std::vector<double>& values,
                       double min,
                       double max);

    /**
     * \brief Free text, checked by \p check (e.g. one of the library's parsers).
     * \param name the option's name
     * \param help the help text
     * \param value the variable
     * \param check returns empty if the text is good, else what is wrong or allowed
     */
    void AddText(const std::string& name,
                 const std::string& help,
                 std::string& value,
                 const Reader& check);

    /**
     * \brief The path of a file to write, or with \p prefix the start of the paths of files to
     * write; empty means none. Its folder must exist and be writable.
     * \param name the option's name
     * \param help the help text
     * \param value the variable
     * \param prefix whether the program appends to the text to make file names
     */
    void AddOutput(const std::string& name,
                   const std::string& help,
                   std::string& value,
                   bool prefix);

    /**
     * \brief Parse the command line; on any error print one line and exit with status 2.
     * \param argc from main
     * \param argv from main
     */
    void Parse(int argc, char* argv[]);

    /**
     * \param name an option's name
     * \return true if the command line gave it
     */
    bool IsGiven(const std::string& name) const;

    /**
     * \brief Report an error found after Parse() (e.g. two options that do not go together):
     * one line "error: --name=value: message" on stderr, exit status 2.
     * \param name the option's name (its text is taken from the command line)
     * \param message what is wrong or allowed
     */
    [[noreturn]] void Fail(const std::string& name, const std::string& message) const;

    /**
     * \brief Turn a library configuration error into an option error.
     * \param parse calls a parser that throws IpsecConfigError
     * \return empty if it did not throw, else the error's message
     */
    static std::string Catch(const std::function<void()>& parse);

    /**
     * \param text a value
     * \param[out] value the integer
     * \return true if \p text is a decimal integer (digits only) that fits 64 bits
     */
    static bool ParseUnsigned(const std::string& text, uint64_t& value);

  private:
    /** One option. */
    struct Option
    {
        std::string name; //!< without dashes
        Reader read;      //!< checks and stores
        bool given{false}; //!< on the command line
        std::string text; //!< the text given
    };

    /**
     * \param name the option's name
     * \param help the help text
     * \param defaultText the default, shown by --help
     * \param read checks and stores
     */
    void Add(const std::string& name,
             const std::string& help,
             const std::string& defaultText,
             const Reader& read);

    /**
     * \brief Reject what ns-3's CommandLine would not handle with a clear message.
     * \param argc from main
     * \param argv from main
     */
    void CheckArguments(int argc, char* argv[]);

    /**
     * \param name an option's name
     * \return the option, or nullptr
     */
    const Option* Find(const std::string& name) const;

    /**
     * \brief Print "error: <what>: <message>" and exit with status 2.
     * \param what the option as given
     * \param message what is wrong or allowed
     */
    [[noreturn]] static void Exit(const std::string& what, const std::string& message);

    CommandLine m_cmd;           //!< ns-3's parser (help text, general arguments)
    std::vector<Option> m_options; //!< in registration order
    std::string m_error;         //!< the first error found while parsing
};

template <typename T>
void
IpsecProgramOptions::AddInteger(const std::string& name,
                                const std::string& help,
                                T& value,
                                uint64_t min,
                                uint64_t max)
{
    static_assert(std::is_integral_v<T>, "an integer variable");
    NS_ABORT_MSG_IF(max > static_cast<uint64_t>(std::numeric_limits<T>::max()),
                    "--" << name << ": the maximum does not fit the variable");
    Add(name, help, std::to_string(value), [&value, min, max](const std::string& text) {
        uint64_t v = 0;
        if (!ParseUnsigned(text, v) || v < min || v > max)
        {
            return "expected an integer from " + std::to_string(min) + " to " +
                   std::to_string(max);
        }
        value = static_cast<T>(v);
        return std::string();
    });
}

/**
 * \brief Check the --proto, --cipher and --auth of a manually keyed SA pair as the SAs will
 * check them (e.g. AH needs an integrity algorithm, GCM takes no --auth), and that --cipher is
 * not given with AH; exit with status 2 naming the option otherwise.
 * \param cmd the parsed options (with "cipher" and "auth")
 * \param protocol the parsed --proto
 * \param encryption the parsed --cipher
 * \param integrity the parsed --auth
 */
void IpsecCheckSaOptions(const IpsecProgramOptions& cmd,
                         IpsecProtocol protocol,
                         IpsecEncryption encryption,
                         IpsecIntegrity integrity);

} // namespace ns3

#endif /* IPSEC_PROGRAM_OPTIONS_H */
