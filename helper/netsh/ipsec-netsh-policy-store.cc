/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ipsec-netsh-policy-store.h"

#include "ipsec-netsh-script-printer.h"

#include "ns3/ike-config.h"
#include "ns3/ipsec-boot-config.h"
#include "ns3/ipsec-exemptions.h"
#include "ns3/log.h"

#include <algorithm>
#include <cctype>
#include <fstream>
#include <sstream>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("IpsecNetshPolicyStore");

bool
IpsecNetshSameName(const std::string& a, const std::string& b)
{
    return IpsecNetshLower(a) == IpsecNetshLower(b);
}

namespace
{

using Tags = std::vector<IpsecNetshTag>;

} // namespace

void
IpsecNetshPolicyStore::Run(const std::string& text)
{
    for (const auto& command : IpsecNetshCommandReader::Read(text))
    {
        Execute(command);
    }
}

void
IpsecNetshPolicyStore::RunFile(const std::string& path)
{
    std::ifstream in(path);
    if (!in)
    {
        throw IpsecConfigError("file", "cannot read the netsh script '" + path + "'");
    }
    std::ostringstream text;
    text << in.rdbuf();
    Run(text.str());
}

void
IpsecNetshPolicyStore::Execute(const IpsecNetshCommand& c)
{
    NS_LOG_FUNCTION(this << c.line << c.GetName());
    if (c.context == IpsecNetshCommand::DYNAMIC)
    {
        if (c.verb == "set" && c.object == "config")
        {
            SetConfig(c);
            return;
        }
        throw IpsecNetshError(c.line,
                              c.GetName(),
                              "not modelled: of the dynamic context only 'set config' is read "
                              "(write the policy in the static context)");
    }
    std::string name = c.GetName();
    if (name == "add policy")
    {
        AddPolicy(c);
    }
    else if (name == "set policy")
    {
        SetPolicy(c);
    }
    else if (name == "add filterlist")
    {
        AddFilterList(c);
    }
    else if (name == "set filterlist")
    {
        SetFilterList(c);
    }
    else if (name == "add filter")
    {
        AddFilter(c);
    }
    else if (name == "delete filter")
    {
        DeleteFilter(c);
    }
    else if (c.object == "filteraction" && (c.verb == "add" || c.verb == "set"))
    {
        AddOrSetFilterAction(c);
    }
    else if (c.object == "rule" && (c.verb == "add" || c.verb == "set"))
    {
        AddOrSetRule(c);
    }
    else if (name == "set defaultrule")
    {
        SetDefaultRule(c);
    }
    else if (c.verb == "delete")
    {
        Delete(c);
    }
    else if (name == "set store")
    {
        SetStore(c);
    }
    else
    {
        throw IpsecNetshError(c.line,
                              name,
                              "not modelled by the netsh reader (doc/netsh.md lists the "
                              "commands read)");
    }
}

namespace
{

/** \return the object of \p objects named \p name (any case), or nullptr (const or not) */
template <typename Objects>
auto
FindNamed(Objects& objects, const std::string& name) -> decltype(&objects.front())
{
    auto it = std::find_if(objects.begin(), objects.end(), [&name](const auto& o) {
        return IpsecNetshSameName(o.name, name);
    });
    return it == objects.end() ? nullptr : &*it;
}

} // namespace

IpsecNetshPolicy*
IpsecNetshPolicyStore::FindPolicy(const std::string& name)
{
    return FindNamed(m_policies, name);
}

IpsecNetshFilterList*
IpsecNetshPolicyStore::FindList(const std::string& name)
{
    return FindNamed(m_filterLists, name);
}

IpsecNetshFilterAction*
IpsecNetshPolicyStore::FindAction(const std::string& name)
{
    return FindNamed(m_filterActions, name);
}

const IpsecNetshFilterList*
IpsecNetshPolicyStore::FindFilterList(const std::string& name) const
{
    return FindNamed(m_filterLists, name);
}

const IpsecNetshFilterAction*
IpsecNetshPolicyStore::FindFilterAction(const std::string& name) const
{
    return FindNamed(m_filterActions, name);
}

const IpsecNetshRule*
IpsecNetshPolicyStore::RuleUsingList(const std::string& list) const
{
    for (const auto& p : m_policies)
    {
        for (const auto& r : p.rules)
        {
            if (IpsecNetshSameName(r.filterList, list))
            {
                return &r;
            }
        }
    }
    return nullptr;
}

const IpsecNetshRule*
IpsecNetshPolicyStore::RuleUsingAction(const std::string& action) const
{
    for (const auto& p : m_policies)
    {
        for (const auto& r : p.rules)
        {
            if (IpsecNetshSameName(r.filterAction, action))
            {
                return &r;
            }
        }
    }
    return nullptr;
}

const std::vector<IpsecNetshPolicy>&
IpsecNetshPolicyStore::GetPolicies() const
{
    return m_policies;
}

const std::vector<IpsecNetshFilterList>&
IpsecNetshPolicyStore::GetFilterLists() const
{
    return m_filterLists;
}

const std::vector<IpsecNetshFilterAction>&
IpsecNetshPolicyStore::GetFilterActions() const
{
    return m_filterActions;
}

const IpsecNetshDynamicConfig&
IpsecNetshPolicyStore::GetDynamicConfig() const
{
    return m_config;
}

const IpsecNetshPolicy*
IpsecNetshPolicyStore::GetAssignedPolicy() const
{
    for (const auto& p : m_policies)
    {
        if (p.assigned)
        {
            return &p;
        }
    }
    return nullptr;
}

void
IpsecNetshPolicyStore::ApplyPolicyTags(const IpsecNetshArguments& a, IpsecNetshPolicy& policy)
{
    if (a.Has("gponame") || a.Has("guid"))
    {
        throw a.Error(std::string(a.Has("gponame") ? "gponame" : "guid") +
                      ": not modelled (policies are named; there is no directory)");
    }
    if (a.Has("description"))
    {
        policy.description = a.Get("description");
    }
    if (a.Has("mmpfs"))
    {
        policy.mmpfs = a.GetYesNo("mmpfs");
    }
    if (a.Has("qmpermm"))
    {
        policy.qmpermm = a.GetNumber("qmpermm", 0, 1000000);
    }
    if (a.Has("mmlifetime"))
    {
        policy.mmlifetime = a.GetNumber("mmlifetime", 1, 71582788);
    }
    if (a.Has("activatedefaultrule"))
    {
        policy.activateDefaultRule = a.GetYesNo("activatedefaultrule");
    }
    if (a.Has("pollinginterval"))
    {
        policy.pollingInterval = a.GetNumber("pollinginterval", 0, 43200);
    }
    if (a.Has("mmsecmethods"))
    {
        try
        {
            policy.mmsecmethods = IpsecNetshReadMainModeMethods(a.Get("mmsecmethods"));
        }
        catch (const IpsecConfigError& e)
        {
            throw a.Error(e.what());
        }
    }
    if (a.Has("assign"))
    {
        policy.assigned = a.GetYesNo("assign");
    }
}

void
IpsecNetshPolicyStore::AddPolicy(const IpsecNetshCommand& c)
{
    static const Tags usage{{"name", true},
                            {"description"},
                            {"mmpfs"},
                            {"qmpermm"},
                            {"mmlifetime"},
                            {"activatedefaultrule"},
                            {"pollinginterval"},
                            {"assign"},
                            {"mmsecmethods"}};
    auto a = IpsecNetshArguments::Bind(c, usage);
    std::string name = a.Get("name");
    if (name.empty() || IpsecNetshSameName(name, "all"))
    {
        throw a.Error("name: '" + name + "' cannot name a policy");
    }
    if (FindPolicy(name))
    {
        throw a.Error("name: a policy named '" + name + "' already exists");
    }
    IpsecNetshPolicy policy;
    policy.name = name;
    policy.line = c.line;
    ApplyPolicyTags(a, policy);
    if (policy.assigned)
    {
        // One policy is assigned at a time: assigning one unassigns the other.
        for (auto& p : m_policies)
        {
            p.assigned = false;
        }
    }
    m_policies.push_back(policy);
}

void
IpsecNetshPolicyStore::SetPolicy(const IpsecNetshCommand& c)
{
    static const Tags usage{{"name", true},
                            {"newname"},
                            {"description"},
                            {"mmpfs"},
                            {"qmpermm"},
                            {"mmlifetime"},
                            {"activatedefaultrule"},
                            {"pollinginterval"},
                            {"assign"},
                            {"gponame"},
                            {"mmsecmethods"},
                            {"guid"}};
    auto a = IpsecNetshArguments::Bind(c, usage);
    IpsecNetshPolicy* policy = FindPolicy(a.Get("name"));
    if (!policy)
    {
        throw a.Error("name: no policy named '" + a.Get("name") + "'");
    }
    IpsecNetshPolicy changed = *policy;
    if (a.Has("newname"))
    {
        std::string newName = a.Get("newname");
        IpsecNetshPolicy* other = FindPolicy(newName);
        if (newName.empty() || IpsecNetshSameName(newName, "all") || (other && other != policy))
        {
            throw a.Error("newname: '" + newName + "' cannot name this policy");
        }
        changed.name = newName;
    }
    ApplyPolicyTags(a, changed);
    if (changed.assigned && !policy->assigned)
    {
        for (auto& p : m_policies)
        {
            p.assigned = false;
        }
    }
    *policy = changed;
}

void
IpsecNetshPolicyStore::AddFilterList(const IpsecNetshCommand& c)
{
    static const Tags usage{{"name", true}, {"description"}};
    auto a = IpsecNetshArguments::Bind(c, usage);
    std::string name = a.Get("name");
    if (name.empty() || IpsecNetshSameName(name, "all"))
    {
        throw a.Error("name: '" + name + "' cannot name a filter list");
    }
    if (FindList(name))
    {
        throw a.Error("name: a filter list named '" + name + "' already exists");
    }
    m_filterLists.push_back({name, a.Get("description"), {}, c.line});
}

void
IpsecNetshPolicyStore::SetFilterList(const IpsecNetshCommand& c)
{
    static const Tags usage{{"name", true}, {"newname"}, {"description"}, {"guid"}};
    auto a = IpsecNetshArguments::Bind(c, usage);
    if (a.Has("guid"))
    {
        throw a.Error("guid: not modelled (filter lists are named)");
    }
    IpsecNetshFilterList* list = FindList(a.Get("name"));
    if (!list)
    {
        throw a.Error("name: no filter list named '" + a.Get("name") + "'");
    }
    if (a.Has("newname"))
    {
        std::string newName = a.Get("newname");
        IpsecNetshFilterList* other = FindList(newName);
        if (newName.empty() || IpsecNetshSameName(newName, "all") || (other && other != list))
        {
            throw a.Error("newname: '" + newName + "' cannot name this filter list");
        }
        // Rules refer to lists by name: they follow the rename.
        for (auto& p : m_policies)
        {
            for (auto& r : p.rules)
            {
                if (IpsecNetshSameName(r.filterList, list->name))
                {
                    r.filterList = newName;
                }
            }
        }
        list->name = newName;
    }
    if (a.Has("description"))
    {
        list->description = a.Get("description");
    }
}

IpsecFilter
IpsecNetshPolicyStore::ReadFilter(const IpsecNetshArguments& a)
{
    IpsecFilter filter;
    try
    {
        for (const auto& [addrTag, maskTag, end] :
             {std::make_tuple("srcaddr", "srcmask", &filter.source),
              std::make_tuple("dstaddr", "dstmask", &filter.destination)})
        {
            std::string address = a.Get(addrTag);
            std::string lower = IpsecNetshLower(address);
            bool named = lower == "me" || lower == "any" || lower == "dns" || lower == "wins" ||
                         lower == "dhcp" || lower == "gateway";
            if (named)
            {
                if (a.Has(maskTag))
                {
                    throw IpsecConfigError(maskTag, "no mask with " + lower);
                }
                *end = IpsecFilterAddress::Parse(lower, addrTag);
                continue;
            }
            if (address.find('-') != std::string::npos)
            {
                throw IpsecConfigError(addrTag,
                                       "'" + address +
                                           "': not modelled: address ranges (use a subnet)");
            }
            bool dotted = !address.empty() &&
                          std::all_of(address.begin(), address.end(), [](unsigned char ch) {
                              return std::isdigit(ch) || ch == '.';
                          });
            if (!dotted)
            {
                throw IpsecConfigError(addrTag,
                                       "'" + address +
                                           "' is not me, any, dns, wins, dhcp, gateway or an "
                                           "IPv4 address (DNS names are not read from scripts)");
            }
            std::string mask = a.Has(maskTag) ? a.Get(maskTag) : "255.255.255.255";
            if (IpsecNetshAllDigits(mask))
            {
                uint32_t prefix = std::stoul(mask);
                if (prefix > 32)
                {
                    throw IpsecConfigError(maskTag, "'" + mask + "' is not a mask or prefix");
                }
            }
            if ((mask == "0" || mask == "0.0.0.0") && address == "0.0.0.0")
            {
                *end = IpsecFilterAddress::Any(); // netsh dumps Any as 0.0.0.0 / 0.0.0.0
                continue;
            }
            try
            {
                *end = IpsecFilterAddress::Parse(address + "/" + mask, addrTag);
            }
            catch (const IpsecConfigError& e)
            {
                throw IpsecConfigError(addrTag,
                                       "'" + address + "' with mask '" + mask + "': " +
                                           std::string(e.what()).substr(e.GetField().size() + 2));
            }
        }
        if (a.Has("protocol"))
        {
            filter.protocol = IpsecParseProtocol(a.Get("protocol"), "protocol");
        }
        for (const auto& [tag, port] : {std::make_pair("srcport", &filter.sourcePort),
                                        std::make_pair("dstport", &filter.destinationPort)})
        {
            if (!a.Has(tag))
            {
                continue;
            }
            std::string value = a.Get(tag);
            if (!IpsecNetshAllDigits(value) || std::stoull(value) > 65535)
            {
                throw IpsecConfigError(tag, "'" + value + "' is not a port (0 = any, 1-65535)");
            }
            uint16_t number = static_cast<uint16_t>(std::stoul(value));
            if (number != 0)
            {
                *port = number;
            }
        }
    }
    catch (const IpsecNetshError&)
    {
        throw;
    }
    catch (const IpsecConfigError& e)
    {
        throw a.Error(e.what());
    }
    if (a.Has("mirrored"))
    {
        filter.mirrored = a.GetYesNo("mirrored");
    }
    if (a.Has("description"))
    {
        filter.description = a.Get("description");
    }
    std::string error = filter.Validate();
    if (!error.empty())
    {
        throw a.Error(error);
    }
    return filter;
}

void
IpsecNetshPolicyStore::AddFilter(const IpsecNetshCommand& c)
{
    static const Tags usage{{"filterlist", true},
                            {"srcaddr", true},
                            {"dstaddr", true},
                            {"description"},
                            {"protocol"},
                            {"mirrored"},
                            {"srcmask"},
                            {"dstmask"},
                            {"srcport"},
                            {"dstport"}};
    auto a = IpsecNetshArguments::Bind(c, usage);
    IpsecFilter filter = ReadFilter(a);
    IpsecNetshFilterList* list = FindList(a.Get("filterlist"));
    if (!list)
    {
        // netsh: "If the filter list does not exist it will be created."
        std::string name = a.Get("filterlist");
        if (name.empty() || IpsecNetshSameName(name, "all"))
        {
            throw a.Error("filterlist: '" + name + "' cannot name a filter list");
        }
        m_filterLists.push_back({name, "", {}, c.line});
        list = &m_filterLists.back();
    }
    list->filters.push_back({filter, c.line});
}

void
IpsecNetshPolicyStore::DeleteFilter(const IpsecNetshCommand& c)
{
    static const Tags usage{{"filterlist", true},
                            {"srcaddr", true},
                            {"dstaddr", true},
                            {"protocol"},
                            {"srcmask"},
                            {"dstmask"},
                            {"srcport"},
                            {"dstport"},
                            {"mirrored"}};
    auto a = IpsecNetshArguments::Bind(c, usage);
    IpsecNetshFilterList* list = FindList(a.Get("filterlist"));
    if (!list)
    {
        throw a.Error("filterlist: no filter list named '" + a.Get("filterlist") + "'");
    }
    IpsecFilter wanted = ReadFilter(a);
    auto same = [&wanted, &a](const IpsecNetshFilter& f) {
        return f.filter.source == wanted.source && f.filter.destination == wanted.destination &&
               f.filter.protocol == wanted.protocol && f.filter.sourcePort == wanted.sourcePort &&
               f.filter.destinationPort == wanted.destinationPort &&
               (!a.Has("mirrored") || f.filter.mirrored == wanted.mirrored);
    };
    size_t before = list->filters.size();
    list->filters.erase(std::remove_if(list->filters.begin(), list->filters.end(), same),
                        list->filters.end());
    if (list->filters.size() == before)
    {
        throw a.Error("no such filter in filter list '" + list->name + "'");
    }
}

void
IpsecNetshPolicyStore::AddOrSetFilterAction(const IpsecNetshCommand& c)
{
    bool add = c.verb == "add";
    static const Tags addUsage{{"name", true},
                               {"description"},
                               {"qmpfs"},
                               {"inpass"},
                               {"soft"},
                               {"action"},
                               {"qmsecmethods"}};
    static const Tags setUsage{{"name", true},
                               {"newname"},
                               {"description"},
                               {"qmpfs"},
                               {"inpass"},
                               {"soft"},
                               {"action"},
                               {"qmsecmethods"},
                               {"guid"}};
    auto a = IpsecNetshArguments::Bind(c, add ? addUsage : setUsage);
    if (a.Has("guid"))
    {
        throw a.Error("guid: not modelled (filter actions are named)");
    }
    std::string name = a.Get("name");
    IpsecNetshFilterAction action;
    IpsecNetshFilterAction* existing = FindAction(name);
    if (add)
    {
        if (name.empty() || IpsecNetshSameName(name, "all"))
        {
            throw a.Error("name: '" + name + "' cannot name a filter action");
        }
        if (existing)
        {
            throw a.Error("name: a filter action named '" + name + "' already exists");
        }
        action.name = name;
    }
    else
    {
        if (!existing)
        {
            throw a.Error("name: no filter action named '" + name + "'");
        }
        action = *existing;
        if (a.Has("newname"))
        {
            std::string newName = a.Get("newname");
            IpsecNetshFilterAction* other = FindAction(newName);
            if (newName.empty() || IpsecNetshSameName(newName, "all") ||
                (other && other != existing))
            {
                throw a.Error("newname: '" + newName + "' cannot name this filter action");
            }
            for (auto& p : m_policies)
            {
                for (auto& r : p.rules)
                {
                    if (IpsecNetshSameName(r.filterAction, existing->name))
                    {
                        r.filterAction = newName;
                    }
                }
            }
            action.name = newName;
        }
    }
    action.line = c.line;
    if (a.Has("description"))
    {
        action.description = a.Get("description");
    }
    for (const auto& [tag, flag] : {std::make_pair("qmpfs", &action.qmpfs),
                                    std::make_pair("inpass", &action.inpass),
                                    std::make_pair("soft", &action.soft)})
    {
        if (a.Has(tag))
        {
            *flag = a.GetYesNo(tag);
        }
    }
    if (a.Has("action"))
    {
        std::string value = a.GetKeyword("action", {"permit", "block", "negotiate"});
        action.action = value == "permit"  ? IpsecFilterAction::PERMIT
                        : value == "block" ? IpsecFilterAction::BLOCK
                                           : IpsecFilterAction::NEGOTIATE;
    }
    if (a.Has("qmsecmethods"))
    {
        try
        {
            action.qmsecmethods = IpsecNetshQuickModeMethods::Parse(a.Get("qmsecmethods"));
        }
        catch (const IpsecConfigError& e)
        {
            throw a.Error(e.what());
        }
    }
    if (add)
    {
        m_filterActions.push_back(action);
    }
    else
    {
        *existing = action;
    }
}

std::vector<IpsecNetshAuthMethod>
IpsecNetshPolicyStore::ReadAuth(const IpsecNetshArguments& a)
{
    std::vector<IpsecNetshAuthMethod> methods;
    for (const auto& [tag, value] : a.GetOrdered())
    {
        IpsecNetshAuthMethod method;
        if (tag == "kerberos")
        {
            if (!a.GetYesNo("kerberos"))
            {
                continue;
            }
            method.kind = IpsecNetshAuthMethod::KERBEROS;
        }
        else if (tag == "psk")
        {
            if (value.empty())
            {
                throw a.Error("psk: empty (Windows does not accept an empty preshared key)");
            }
            method.kind = IpsecNetshAuthMethod::PSK;
            method.value = value;
        }
        else if (tag == "rootca")
        {
            // "<CA name> certmap:(yes|no) excludecaname:(yes|no)", options at the end.
            method.kind = IpsecNetshAuthMethod::ROOTCA;
            std::vector<std::string> words = IpsecNetshSplitBlanks(value);
            std::string name;
            for (const auto& word : words)
            {
                std::string lower = IpsecNetshLower(word);
                for (const std::string option : {"certmap:", "excludecaname:"})
                {
                    if (lower.compare(0, option.size(), option) != 0)
                    {
                        continue;
                    }
                    std::string v =
                        IpsecNetshCommandReader::Match(lower.substr(option.size()), {"yes", "no"});
                    if (v.empty() || v == "?")
                    {
                        throw a.Error("rootca: '" + word + "' is not " + option + "yes or no");
                    }
                    if (option == "certmap:" && v == "yes")
                    {
                        throw a.Error("rootca: not modelled: certmap:yes (certificate to "
                                      "account mapping)");
                    }
                    method.excludeCaName = option == "excludecaname:" && v == "yes";
                    lower.clear();
                    break;
                }
                if (!lower.empty())
                {
                    name += (name.empty() ? "" : " ") + word;
                }
            }
            if (name.empty())
            {
                throw a.Error("rootca: no certification authority named");
            }
            method.value = name;
        }
        else
        {
            continue;
        }
        for (const auto& earlier : methods)
        {
            if (earlier.kind == method.kind && earlier.value == method.value)
            {
                throw a.Error(tag + ": the same method given twice");
            }
        }
        methods.push_back(method);
    }
    bool psk = false;
    for (const auto& m : methods)
    {
        if (m.kind == IpsecNetshAuthMethod::PSK && psk)
        {
            throw a.Error("psk: not modelled: two preshared keys in one rule");
        }
        psk = psk || m.kind == IpsecNetshAuthMethod::PSK;
    }
    return methods;
}

void
IpsecNetshPolicyStore::AddOrSetRule(const IpsecNetshCommand& c)
{
    bool add = c.verb == "add";
    static const Tags addUsage{{"name", true},
                               {"policy", true},
                               {"filterlist", true},
                               {"filteraction", true},
                               {"tunnel"},
                               {"conntype"},
                               {"activate"},
                               {"description"},
                               {"kerberos"},
                               {"psk"},
                               {"rootca", false, true}};
    static const Tags setUsage{{"name", true},
                               {"policy", true},
                               {"newname"},
                               {"description"},
                               {"filterlist"},
                               {"filteraction"},
                               {"tunnel"},
                               {"conntype"},
                               {"activate"},
                               {"kerberos"},
                               {"psk"},
                               {"rootca", false, true},
                               {"id"}};
    auto a = IpsecNetshArguments::Bind(c, add ? addUsage : setUsage);
    if (a.Has("id"))
    {
        throw a.Error("id: not modelled (rules are named)");
    }
    IpsecNetshPolicy* policy = FindPolicy(a.Get("policy"));
    if (!policy)
    {
        throw a.Error("policy: no policy named '" + a.Get("policy") + "'");
    }
    std::string name = a.Get("name");
    auto found = std::find_if(policy->rules.begin(), policy->rules.end(), [&name](const auto& r) {
        return IpsecNetshSameName(r.name, name);
    });
    IpsecNetshRule rule;
    if (add)
    {
        if (name.empty() || IpsecNetshSameName(name, "all"))
        {
            throw a.Error("name: '" + name + "' cannot name a rule");
        }
        if (found != policy->rules.end())
        {
            throw a.Error("name: policy '" + policy->name + "' already has a rule named '" +
                          name + "'");
        }
        rule.name = name;
    }
    else
    {
        if (found == policy->rules.end())
        {
            throw a.Error("name: policy '" + policy->name + "' has no rule named '" + name + "'");
        }
        rule = *found;
        if (a.Has("newname"))
        {
            std::string newName = a.Get("newname");
            auto other =
                std::find_if(policy->rules.begin(), policy->rules.end(), [&newName](auto& r) {
                    return IpsecNetshSameName(r.name, newName);
                });
            if (newName.empty() || IpsecNetshSameName(newName, "all") ||
                (other != policy->rules.end() && other != found))
            {
                throw a.Error("newname: '" + newName + "' cannot name this rule");
            }
            rule.name = newName;
        }
    }
    rule.line = c.line;
    if (a.Has("filterlist"))
    {
        const IpsecNetshFilterList* list = FindList(a.Get("filterlist"));
        if (!list)
        {
            throw a.Error("filterlist: no filter list named '" + a.Get("filterlist") + "'");
        }
        rule.filterList = list->name;
    }
    if (a.Has("filteraction"))
    {
        const IpsecNetshFilterAction* action = FindAction(a.Get("filteraction"));
        if (!action)
        {
            throw a.Error("filteraction: no filter action named '" + a.Get("filteraction") +
                          "'");
        }
        rule.filterAction = action->name;
    }
    if (a.Has("tunnel"))
    {
        std::string value = a.Get("tunnel");
        bool dotted =
            !value.empty() && std::all_of(value.begin(), value.end(), [](unsigned char ch) {
                return std::isdigit(ch) || ch == '.';
            });
        IpsecFilterAddress address = IpsecFilterAddress::Any();
        if (dotted)
        {
            try
            {
                address = IpsecFilterAddress::Parse(value, "tunnel");
            }
            catch (const IpsecConfigError&)
            {
                // reported below as not a unicast address
            }
        }
        if (address.GetKind() != IpsecFilterAddress::HOST || address.IsMulticastOrBroadcast())
        {
            throw a.Error("tunnel: '" + value +
                          "' is not a unicast IPv4 address (DNS names are not read from "
                          "scripts)");
        }
        rule.tunnel = address.GetAddress();
    }
    if (a.Has("conntype"))
    {
        std::string type = a.GetKeyword("conntype", {"lan", "dialup", "all"});
        if (type == "dialup")
        {
            throw a.Error("conntype: not modelled: dialup (simulated interfaces are all LAN "
                          "connections)");
        }
        rule.connType = type;
    }
    if (a.Has("activate"))
    {
        rule.activate = a.GetYesNo("activate");
    }
    if (a.Has("description"))
    {
        rule.description = a.Get("description");
    }
    auto auth = ReadAuth(a);
    if (a.Has("kerberos") || a.Has("psk") || a.Has("rootca"))
    {
        rule.auth = auth; // netsh: the stated list replaces the rule's methods
    }
    if (add)
    {
        policy->rules.push_back(rule);
    }
    else
    {
        *found = rule;
    }
}

void
IpsecNetshPolicyStore::SetDefaultRule(const IpsecNetshCommand& c)
{
    static const Tags usage{{"policy", true},
                            {"qmpfs"},
                            {"activate"},
                            {"qmsecmethods"},
                            {"kerberos"},
                            {"psk"},
                            {"rootca", false, true}};
    auto a = IpsecNetshArguments::Bind(c, usage);
    IpsecNetshPolicy* policy = FindPolicy(a.Get("policy"));
    if (!policy)
    {
        throw a.Error("policy: no policy named '" + a.Get("policy") + "'");
    }
    for (const char* tag : {"qmpfs", "qmsecmethods", "kerberos", "psk", "rootca"})
    {
        if (a.Has(tag))
        {
            throw a.Error(std::string(tag) +
                          ": not modelled: the default response rule answers with the node's "
                          "IKE settings (those of the policy's negotiate rules)");
        }
    }
    if (a.Has("activate"))
    {
        policy->activateDefaultRule = a.GetYesNo("activate");
    }
}

void
IpsecNetshPolicyStore::Delete(const IpsecNetshCommand& c)
{
    if (c.object == "all")
    {
        IpsecNetshArguments::Bind(c, {});
        m_policies.clear();
        m_filterLists.clear();
        m_filterActions.clear();
        return;
    }
    if (c.object == "rule")
    {
        static const Tags usage{{"name", true}, {"policy", true}, {"id"}};
        auto a = IpsecNetshArguments::Bind(c, usage);
        if (a.Has("id"))
        {
            throw a.Error("id: not modelled (rules are named)");
        }
        IpsecNetshPolicy* policy = FindPolicy(a.Get("policy"));
        if (!policy)
        {
            throw a.Error("policy: no policy named '" + a.Get("policy") + "'");
        }
        std::string name = a.Get("name");
        if (IpsecNetshSameName(name, "all"))
        {
            policy->rules.clear();
            return;
        }
        auto found =
            std::find_if(policy->rules.begin(), policy->rules.end(), [&name](const auto& r) {
                return IpsecNetshSameName(r.name, name);
            });
        if (found == policy->rules.end())
        {
            throw a.Error("name: policy '" + policy->name + "' has no rule named '" + name + "'");
        }
        policy->rules.erase(found);
        return;
    }
    static const Tags usage{{"name", true}, {"guid"}};
    auto a = IpsecNetshArguments::Bind(c, usage);
    if (a.Has("guid"))
    {
        throw a.Error("guid: not modelled (objects are named)");
    }
    std::string name = a.Get("name");
    bool all = IpsecNetshSameName(name, "all");
    // Every object named (or all), unless a rule still uses one; naming none is an error.
    auto erase = [&](auto& objects, const std::string& what, auto user) {
        for (const auto& o : objects)
        {
            const IpsecNetshRule* rule = user(o.name);
            if ((all || IpsecNetshSameName(o.name, name)) && rule)
            {
                throw a.Error("name: " + what + " '" + o.name + "' is used by rule '" +
                              rule->name + "'");
            }
        }
        auto before = objects.size();
        objects.erase(std::remove_if(objects.begin(),
                                     objects.end(),
                                     [&](const auto& o) {
                                         return all || IpsecNetshSameName(o.name, name);
                                     }),
                      objects.end());
        if (!all && before == objects.size())
        {
            throw a.Error("name: no " + what + " named '" + name + "'");
        }
    };
    if (c.object == "policy")
    {
        erase(m_policies, "policy", [](const std::string&) -> const IpsecNetshRule* {
            return nullptr;
        });
        return;
    }
    if (c.object == "filterlist")
    {
        erase(m_filterLists, "filter list", [this](const std::string& n) {
            return RuleUsingList(n);
        });
        return;
    }
    if (c.object == "filteraction")
    {
        erase(m_filterActions, "filter action", [this](const std::string& n) {
            return RuleUsingAction(n);
        });
        return;
    }
    throw a.Error("not modelled by the netsh reader");
}

void
IpsecNetshPolicyStore::SetStore(const IpsecNetshCommand& c)
{
    static const Tags usage{{"location", true}, {"domain"}};
    auto a = IpsecNetshArguments::Bind(c, usage);
    std::string location = a.GetKeyword("location", {"local", "persistent", "domain"});
    if (location != "local" || a.Has("domain"))
    {
        throw a.Error("location: not modelled: " + location +
                      " store (the simulated computer has its local store only)");
    }
}

void
IpsecNetshPolicyStore::SetConfig(const IpsecNetshCommand& c)
{
    static const Tags usage{{"property", true}, {"value", true}};
    auto a = IpsecNetshArguments::Bind(c, usage);
    std::string property = a.GetKeyword("property",
                                        {"ipsecdiagnostics",
                                         "ikelogging",
                                         "strongcrlcheck",
                                         "ipsecloginterval",
                                         "ipsecexempt",
                                         "bootmode",
                                         "bootexemptions"});
    std::string value = a.Get("value");
    try
    {
        if (property == "ipsecexempt")
        {
            uint32_t mode = a.GetNumber("value", 0, 3);
            IpsecCheckExemptionMode(static_cast<int>(mode), "value");
            m_config.ipsecExempt = static_cast<int>(mode);
        }
        else if (property == "bootmode")
        {
            m_config.bootMode = IpsecBootModeToString(IpsecParseBootMode(value, "value"));
        }
        else if (property == "bootexemptions")
        {
            m_config.bootExemptions = IpsecBootExemptionsToString(IpsecParseBootExemptions(value));
        }
        else
        {
            throw a.Error("property: not modelled: " + property +
                          " (the module models ipsecexempt, bootmode and bootexemptions)");
        }
    }
    catch (const IpsecNetshError&)
    {
        throw;
    }
    catch (const IpsecConfigError& e)
    {
        throw a.Error(e.what());
    }
}

void
IpsecNetshPolicyStore::PrintScript(std::ostream& os) const
{
    IpsecNetshScriptPrinter::Print(*this, os);
}

} // namespace ns3
