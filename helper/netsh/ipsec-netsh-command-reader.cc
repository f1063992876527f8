/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ipsec-netsh-command-reader.h"

#include "ns3/log.h"

#include <algorithm>
#include <cctype>
#include <sstream>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("IpsecNetshCommandReader");

std::string
IpsecNetshLower(const std::string& text)
{
    std::string lower = text;
    std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) {
        return static_cast<char>(std::tolower(c));
    });
    return lower;
}

std::vector<std::string>
IpsecNetshSplitBlanks(const std::string& text)
{
    std::istringstream in(text);
    std::vector<std::string> parts;
    for (std::string part; in >> part;)
    {
        parts.push_back(part);
    }
    return parts;
}

bool
IpsecNetshAllDigits(const std::string& text)
{
    return !text.empty() && text.size() <= 10 &&
           std::all_of(text.begin(), text.end(), [](unsigned char c) { return std::isdigit(c); });
}

namespace
{

/** The verbs of each context and the objects of each verb, as Windows Server 2003 has them. */
struct ContextVerbs
{
    std::vector<std::string> verbs;                           //!< every verb of the context
    std::map<std::string, std::vector<std::string>> objects; //!< objects per verb
};

const ContextVerbs&
VerbsOf(IpsecNetshCommand::Context context)
{
    static const ContextVerbs staticVerbs{
        {"add", "delete", "dump", "exportpolicy", "importpolicy", "set", "show"},
        {{"add", {"filter", "filteraction", "filterlist", "policy", "rule"}},
         {"delete", {"all", "filter", "filteraction", "filterlist", "policy", "rule"}},
         {"set",
          {"batch", "defaultrule", "filteraction", "filterlist", "policy", "rule", "store"}},
         {"show",
          {"all", "filteraction", "filterlist", "gpoassignedpolicy", "policy", "rule",
           "store"}}}};
    static const ContextVerbs dynamicVerbs{
        {"add", "delete", "set", "show"},
        {{"add", {"mmpolicy", "qmpolicy", "rule"}},
         {"delete", {"all", "mmpolicy", "qmpolicy", "rule"}},
         {"set", {"config", "mmpolicy", "qmpolicy", "rule"}},
         {"show", {"all", "config", "mmfilter", "mmpolicy", "mmsas", "qmfilter", "qmpolicy",
                   "qmsas", "rule", "stats"}}}};
    return context == IpsecNetshCommand::STATIC ? staticVerbs : dynamicVerbs;
}

std::string
Join(const std::vector<std::string>& words)
{
    std::string text;
    for (const auto& w : words)
    {
        text += (text.empty() ? "" : ", ") + w;
    }
    return text;
}

/** Where a line runs: nothing chosen (root), ipsec, or one of its two contexts. */
enum class Level
{
    ROOT,
    IPSEC,
    STATIC,
    DYNAMIC,
};

std::string
LevelName(Level level)
{
    switch (level)
    {
    case Level::ROOT:
        return "netsh";
    case Level::IPSEC:
        return "netsh ipsec";
    case Level::STATIC:
        return "netsh ipsec static";
    case Level::DYNAMIC:
        return "netsh ipsec dynamic";
    }
    return "?";
}

/**
 * Follow context words from \p level. Returns the number of words used; \p level moves.
 */
size_t
FollowPath(const std::vector<IpsecNetshCommandReader::Word>& words,
           size_t start,
           Level& level,
           uint32_t line)
{
    size_t i = start;
    while (i < words.size() && !words[i].tagged && !words[i].quoted)
    {
        std::string lower = IpsecNetshLower(words[i].value);
        if (lower == "netsh" && i == start)
        {
            level = Level::ROOT; // a path from the root, wherever the script is
            ++i;
            continue;
        }
        if (level == Level::ROOT)
        {
            // Only the ipsec context is modelled; other netsh contexts (interface, firewall, ...)
            // would share its prefixes, so the name is wanted in full here.
            if (lower != "ipsec")
            {
                throw IpsecNetshError(line,
                                      words[i].value,
                                      "not modelled: only the 'ipsec' context of netsh is read "
                                      "(from " + LevelName(level) + ")");
            }
            level = Level::IPSEC;
            ++i;
            continue;
        }
        if (level == Level::IPSEC)
        {
            std::string full = IpsecNetshCommandReader::Match(lower, {"dynamic", "static"});
            if (full.empty() || full == "?")
            {
                throw IpsecNetshError(line,
                                      words[i].value,
                                      "not modelled: 'netsh ipsec' is followed by static or "
                                      "dynamic here");
            }
            level = full == "static" ? Level::STATIC : Level::DYNAMIC;
            ++i;
            continue;
        }
        break;
    }
    return i - start;
}

} // namespace

std::string
IpsecNetshCommand::GetName() const
{
    return verb + " " + object;
}

std::string
IpsecNetshCommandReader::Match(const std::string& word, const std::vector<std::string>& candidates)
{
    std::string lower = IpsecNetshLower(word);
    if (lower.empty())
    {
        return "";
    }
    std::string found;
    for (const auto& candidate : candidates)
    {
        if (candidate == lower)
        {
            return candidate;
        }
        if (candidate.compare(0, lower.size(), lower) == 0)
        {
            found = found.empty() ? candidate : "?";
        }
    }
    return found;
}

std::vector<IpsecNetshCommandReader::Word>
IpsecNetshCommandReader::Split(const std::string& line, uint32_t lineNumber)
{
    std::vector<Word> words;
    size_t i = 0;
    auto blank = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
    while (i < line.size())
    {
        if (blank(line[i]))
        {
            ++i;
            continue;
        }
        Word word;
        // A tag: letters up to '=' (before any quote or blank).
        size_t j = i;
        while (j < line.size() && !blank(line[j]) && line[j] != '"' && line[j] != '=')
        {
            ++j;
        }
        if (j < line.size() && line[j] == '=')
        {
            word.tagged = true;
            word.tag = line.substr(i, j - i);
            if (word.tag.empty())
            {
                throw IpsecNetshError(lineNumber, "", "'=' without a tag before it");
            }
            i = j + 1;
        }
        if (i < line.size() && line[i] == '"')
        {
            size_t close = line.find('"', i + 1);
            if (close == std::string::npos)
            {
                throw IpsecNetshError(lineNumber,
                                      "",
                                      "unterminated quote in '" + line.substr(i) + "'");
            }
            word.value = line.substr(i + 1, close - i - 1);
            word.quoted = true;
            i = close + 1;
            if (i < line.size() && !blank(line[i]))
            {
                throw IpsecNetshError(lineNumber,
                                      "",
                                      "text right after a closing quote: '" + line.substr(i) +
                                          "'");
            }
        }
        else
        {
            size_t end = i;
            while (end < line.size() && !blank(line[end]))
            {
                if (line[end] == '"')
                {
                    throw IpsecNetshError(lineNumber,
                                          "",
                                          "a quote inside a word: '" + line.substr(i) + "'");
                }
                ++end;
            }
            word.value = line.substr(i, end - i);
            i = end;
        }
        words.push_back(word);
    }
    return words;
}

std::vector<IpsecNetshCommand>
IpsecNetshCommandReader::Read(const std::string& text)
{
    std::vector<IpsecNetshCommand> commands;
    std::vector<Level> stack;
    Level current = Level::ROOT;
    // Notepad saves UTF-8 with a byte order mark; the mark is not part of the first command.
    const std::string bom = "\xEF\xBB\xBF";
    std::istringstream in(text.compare(0, bom.size(), bom) == 0 ? text.substr(bom.size()) : text);
    std::string line;
    uint32_t number = 0;
    while (std::getline(in, line))
    {
        ++number;
        size_t first = line.find_first_not_of(" \t\r");
        if (first == std::string::npos || line[first] == '#')
        {
            continue; // blank line or comment: read no further (it may hold anything)
        }
        auto words = Split(line, number);
        std::string word = IpsecNetshLower(words[0].value);
        if (!words[0].tagged && !words[0].quoted && (word == "pushd" || word == "popd"))
        {
            if (word == "popd")
            {
                if (words.size() > 1)
                {
                    throw IpsecNetshError(number, "popd", "takes no argument");
                }
                if (stack.empty())
                {
                    throw IpsecNetshError(number, "popd", "no context was pushed");
                }
                current = stack.back();
                stack.pop_back();
                continue;
            }
            Level target = current;
            // pushd names a path from the root when it starts with netsh, else from here.
            size_t used = FollowPath(words, 1, target, number);
            if (1 + used != words.size())
            {
                throw IpsecNetshError(number,
                                      "pushd",
                                      "'" + words[1 + used].value +
                                          "' is not a context under " + LevelName(target));
            }
            stack.push_back(current);
            current = target;
            continue;
        }
        Level level = current;
        size_t used = FollowPath(words, 0, level, number);
        if (used == words.size())
        {
            // Only a path: netsh enters that context.
            current = level;
            continue;
        }
        if (level != Level::STATIC && level != Level::DYNAMIC)
        {
            throw IpsecNetshError(number,
                                  words[used].value,
                                  "not modelled: commands run in 'ipsec static' or 'ipsec "
                                  "dynamic' (this line runs in " + LevelName(level) + ")");
        }
        IpsecNetshCommand command;
        command.line = number;
        command.context =
            level == Level::STATIC ? IpsecNetshCommand::STATIC : IpsecNetshCommand::DYNAMIC;
        const ContextVerbs& verbs = VerbsOf(command.context);
        const Word& verbWord = words[used];
        std::string verb = verbWord.tagged ? "" : Match(verbWord.value, verbs.verbs);
        if (verb == "?")
        {
            throw IpsecNetshError(number,
                                  verbWord.value,
                                  "ambiguous command in " + LevelName(level) + " (could be " +
                                      Join(verbs.verbs) + ")");
        }
        if (verb.empty())
        {
            throw IpsecNetshError(number,
                                  verbWord.tagged ? verbWord.tag + "=" : verbWord.value,
                                  "unknown command in " + LevelName(level) + " (expected " +
                                      Join(verbs.verbs) + ")");
        }
        auto objects = verbs.objects.find(verb);
        if (objects == verbs.objects.end())
        {
            throw IpsecNetshError(number,
                                  verb,
                                  "not modelled: the reader runs add, delete and set commands");
        }
        if (used + 1 >= words.size() || words[used + 1].tagged)
        {
            throw IpsecNetshError(number,
                                  verb,
                                  "missing what to " + verb + " (" + Join(objects->second) + ")");
        }
        const Word& objectWord = words[used + 1];
        std::string object = Match(objectWord.value, objects->second);
        if (object == "?")
        {
            throw IpsecNetshError(number,
                                  verb + " " + objectWord.value,
                                  "ambiguous abbreviation '" + objectWord.value + "' (could be " +
                                      Join(objects->second) + ")");
        }
        if (object.empty())
        {
            throw IpsecNetshError(number,
                                  verb + " " + objectWord.value,
                                  "unknown command (expected " + verb + " followed by " +
                                      Join(objects->second) + ")");
        }
        command.verb = verb;
        command.object = object;
        for (size_t i = used + 2; i < words.size(); ++i)
        {
            command.arguments.emplace_back(words[i].tagged ? words[i].tag : "", words[i].value);
            if (words[i].tagged && words[i].tag.empty())
            {
                throw IpsecNetshError(number, command.GetName(), "'=' without a tag");
            }
        }
        NS_LOG_LOGIC("line " << number << ": " << command.GetName() << " ("
                             << command.arguments.size() << " arguments)");
        commands.push_back(command);
    }
    return commands;
}

IpsecNetshArguments
IpsecNetshArguments::Bind(const IpsecNetshCommand& command,
                          const std::vector<IpsecNetshTag>& usage)
{
    IpsecNetshArguments bound;
    bound.m_command = &command;
    std::vector<std::string> names;
    for (const auto& tag : usage)
    {
        names.push_back(tag.name);
    }
    std::map<std::string, std::string> seen;
    for (size_t i = 0; i < command.arguments.size(); ++i)
    {
        const auto& [written, value] = command.arguments[i];
        std::string tag;
        if (written.empty())
        {
            // netsh's untagged arguments take the tags in usage order, by position.
            if (i >= usage.size())
            {
                throw bound.Error("'" + value + "' has no tag and there is no tag number " +
                                  std::to_string(i + 1) + " (tags: " + Join(names) + ")");
            }
            tag = usage[i].name;
        }
        else
        {
            tag = IpsecNetshCommandReader::Match(written, names);
            if (tag == "?")
            {
                std::vector<std::string> fits;
                for (const auto& n : names)
                {
                    if (n.compare(0, written.size(), IpsecNetshLower(written)) == 0)
                    {
                        fits.push_back(n);
                    }
                }
                throw bound.Error("ambiguous tag '" + written + "' (could be " + Join(fits) +
                                  ")");
            }
            if (tag.empty())
            {
                throw bound.Error("unknown tag '" + written + "' (expected " + Join(names) + ")");
            }
        }
        auto spec = std::find_if(usage.begin(), usage.end(), [&tag](const IpsecNetshTag& t) {
            return t.name == tag;
        });
        auto [earlier, first] = seen.emplace(tag, value);
        if (!first && !spec->repeatable)
        {
            throw bound.Error(tag + ": given twice ('" + earlier->second + "', then '" + value +
                              "')");
        }
        bound.m_ordered.emplace_back(tag, value);
    }
    for (const auto& tag : usage)
    {
        if (tag.required && !bound.Has(tag.name))
        {
            throw bound.Error(tag.name + ": missing (required)");
        }
    }
    return bound;
}

bool
IpsecNetshArguments::Has(const std::string& tag) const
{
    return std::any_of(m_ordered.begin(), m_ordered.end(), [&tag](const auto& a) {
        return a.first == tag;
    });
}

std::string
IpsecNetshArguments::Get(const std::string& tag) const
{
    for (const auto& [t, v] : m_ordered)
    {
        if (t == tag)
        {
            return v;
        }
    }
    return "";
}

const std::vector<std::pair<std::string, std::string>>&
IpsecNetshArguments::GetOrdered() const
{
    return m_ordered;
}

bool
IpsecNetshArguments::GetYesNo(const std::string& tag) const
{
    return GetKeyword(tag, {"yes", "no"}) == "yes";
}

uint32_t
IpsecNetshArguments::GetNumber(const std::string& tag, uint32_t low, uint32_t high) const
{
    std::string value = Get(tag);
    bool digits = !value.empty() && value.size() <= 10 &&
                  std::all_of(value.begin(), value.end(), [](unsigned char c) {
                      return std::isdigit(c);
                  });
    uint64_t number = digits ? std::stoull(value) : 0;
    if (!digits || number < low || number > high)
    {
        throw Error(tag + ": '" + value + "' is not a number from " + std::to_string(low) +
                    " to " + std::to_string(high));
    }
    return static_cast<uint32_t>(number);
}

std::string
IpsecNetshArguments::GetKeyword(const std::string& tag,
                                const std::vector<std::string>& values) const
{
    std::string value = Get(tag);
    std::string full = IpsecNetshCommandReader::Match(value, values);
    if (full.empty() || full == "?")
    {
        throw Error(tag + ": '" + value + "' is not " + Join(values));
    }
    return full;
}

IpsecNetshError
IpsecNetshArguments::Error(const std::string& message) const
{
    return IpsecNetshError(m_command->line, m_command->GetName(), message);
}

} // namespace ns3
