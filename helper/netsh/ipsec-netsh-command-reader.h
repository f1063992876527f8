/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef IPSEC_NETSH_COMMAND_READER_H
#define IPSEC_NETSH_COMMAND_READER_H

#include "ipsec-netsh-error.h"

#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace ns3
{

/**
 * \ingroup ipsec
 * \brief One command of a netsh script, its context and words resolved (doc/netsh.md).
 */
struct IpsecNetshCommand
{
    /** The two netsh ipsec contexts. */
    enum Context
    {
        STATIC,  //!< netsh ipsec static
        DYNAMIC, //!< netsh ipsec dynamic
    };

    uint32_t line{0};          //!< script line (1 = first)
    Context context{STATIC};   //!< the context it runs in
    std::string verb;          //!< full verb: add, delete, set
    std::string object;        //!< full object: policy, filterlist, filter, ...
    /** Arguments in order: tag as written (empty for a positional value), value unquoted. */
    std::vector<std::pair<std::string, std::string>> arguments;

    /** \return "add filter" and so on */
    std::string GetName() const;
};

/** \ingroup ipsec \brief One tag of a command's usage, in netsh's usage order. */
struct IpsecNetshTag
{
    std::string name;        //!< the full tag
    bool required{false};    //!< the command fails without it
    bool repeatable{false};  //!< may be given more than once (rootca)
};

/**
 * \ingroup ipsec
 * \brief A command's arguments bound to its tags: full tag to values, in the order given.
 */
class IpsecNetshArguments
{
  public:
    /**
     * \brief Bind a command's arguments to its usage: abbreviated tags (unique prefixes, an
     *        exact name always wins), positional values (the n-th argument takes the n-th tag).
     * \param command the command
     * \param usage the tags in netsh's usage order
     * \return the bound arguments
     * \throw IpsecNetshError for an unknown or ambiguous tag, a tag given twice, a positional
     *        value beyond the usage, or a missing required tag
     */
    static IpsecNetshArguments Bind(const IpsecNetshCommand& command,
                                    const std::vector<IpsecNetshTag>& usage);

    /** \param tag full tag \return true if given */
    bool Has(const std::string& tag) const;
    /** \param tag full tag \return its (first) value; empty if not given */
    std::string Get(const std::string& tag) const;
    /**
     * \return the arguments in the order given, tags resolved (repeatable ones once each time)
     */
    const std::vector<std::pair<std::string, std::string>>& GetOrdered() const;

    /**
     * \param tag full tag
     * \return yes or no (and their unique prefixes y, n, ye), in any case
     * \throw IpsecNetshError naming the tag otherwise
     */
    bool GetYesNo(const std::string& tag) const;

    /**
     * \param tag full tag
     * \param low smallest value
     * \param high largest value
     * \return the decimal value
     * \throw IpsecNetshError naming the tag otherwise
     */
    uint32_t GetNumber(const std::string& tag, uint32_t low, uint32_t high) const;

    /**
     * \param tag full tag
     * \param values the allowed keywords, in lower case
     * \return the keyword the value names (any case, unique prefixes accepted)
     * \throw IpsecNetshError naming the tag otherwise
     */
    std::string GetKeyword(const std::string& tag, const std::vector<std::string>& values) const;

    /**
     * \param message what is wrong
     * \return an error for this command's line
     */
    IpsecNetshError Error(const std::string& message) const;

  private:
    const IpsecNetshCommand* m_command{nullptr};                  //!< the command
    std::vector<std::pair<std::string, std::string>> m_ordered;   //!< tag, value
};

/**
 * \ingroup ipsec
 * \brief Reads the lines of a netsh script (as run by `netsh -f`) into commands.
 *
 * One command per line; blank lines and lines starting with '#' are skipped. A line runs in the
 * current context (the root "netsh" at the start) or names its own path: `netsh ipsec static
 * add ...`, `ipsec static add ...` from the root, `static add ...` from `ipsec`. `pushd <path>`
 * enters a context and remembers the one left, `popd` returns to it; a line holding only a path
 * enters it. Context names, verbs and objects may be abbreviated to any unique prefix. Values
 * are words or "double-quoted text".
 */
class IpsecNetshCommandReader
{
  public:
    /**
     * \param text the script
     * \return its commands, in order
     * \throw IpsecNetshError naming the line for anything it cannot read or does not model
     */
    static std::vector<IpsecNetshCommand> Read(const std::string& text);

    /** One word of a line. */
    struct Word
    {
        bool tagged{false}; //!< written tag=value
        std::string tag;    //!< the tag as written (tagged words)
        std::string value;  //!< the value, quotes removed
        bool quoted{false}; //!< the value was quoted
    };

    /**
     * \brief Split a line into words: blanks separate, "double quotes" group (the quotes are
     *        removed; tag="a b" stays one word); a '=' before any quote makes a tagged word.
     * \param line the line
     * \param lineNumber for errors
     * \return the words
     * \throw IpsecNetshError for an unterminated quote, text glued after a closing quote or
     *        an empty tag
     */
    static std::vector<Word> Split(const std::string& line, uint32_t lineNumber);

    /**
     * \brief Resolve an abbreviation as netsh does: an exact match, else the one candidate it
     *        is a prefix of (any case).
     * \param word the word
     * \param candidates full names, lower case
     * \return the full name, or empty when none matches; "?" when several match
     */
    static std::string Match(const std::string& word, const std::vector<std::string>& candidates);
};

/**
 * \param text any text
 * \return it in lower case (ASCII)
 */
std::string IpsecNetshLower(const std::string& text);

/**
 * \param text any text
 * \return its words (split at blanks)
 */
std::vector<std::string> IpsecNetshSplitBlanks(const std::string& text);

/**
 * \param text any text
 * \return true if it is 1 to 10 decimal digits (a number netsh reads)
 */
bool IpsecNetshAllDigits(const std::string& text);

} // namespace ns3

#endif /* IPSEC_NETSH_COMMAND_READER_H */
