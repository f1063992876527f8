/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ipsec-netsh-script-printer.h"

#include "ipsec-netsh-policy-store.h"

#include "ns3/ike-config.h"

#include <sstream>

namespace ns3
{

namespace
{

std::string
YesNo(bool value)
{
    return value ? "yes" : "no";
}

/** One end of a filter: the address tag's value and the mask tag's value (empty: none). */
std::pair<std::string, std::string>
AddressTags(const IpsecFilterAddress& end)
{
    std::ostringstream address;
    std::ostringstream mask;
    switch (end.GetKind())
    {
    case IpsecFilterAddress::ANY:
        return {"any", ""};
    case IpsecFilterAddress::ME:
        return {"me", ""};
    case IpsecFilterAddress::DNS:
        return {"DNS", ""};
    case IpsecFilterAddress::WINS:
        return {"WINS", ""};
    case IpsecFilterAddress::DHCP:
        return {"DHCP", ""};
    case IpsecFilterAddress::GATEWAY:
        return {"GATEWAY", ""};
    case IpsecFilterAddress::HOST:
    case IpsecFilterAddress::SUBNET:
        address << end.GetAddress();
        end.GetMask().Print(mask);
        return {address.str(), mask.str()};
    }
    return {"?", ""};
}

} // namespace

std::string
IpsecNetshScriptPrinter::Quote(const std::string& text)
{
    return "\"" + text + "\"";
}

std::string
IpsecNetshScriptPrinter::FilterTags(const IpsecFilter& filter)
{
    auto [src, srcMask] = AddressTags(filter.source);
    auto [dst, dstMask] = AddressTags(filter.destination);
    std::ostringstream os;
    os << "srcaddr=" << src << " dstaddr=" << dst
       << " description=" << Quote(filter.description)
       << " protocol=" << (filter.protocol ? IpsecProtocolName(*filter.protocol) : "any")
       << " mirrored=" << YesNo(filter.mirrored);
    if (!srcMask.empty())
    {
        os << " srcmask=" << srcMask;
    }
    if (!dstMask.empty())
    {
        os << " dstmask=" << dstMask;
    }
    os << " srcport=" << (filter.sourcePort ? *filter.sourcePort : 0)
       << " dstport=" << (filter.destinationPort ? *filter.destinationPort : 0);
    return os.str();
}

void
IpsecNetshScriptPrinter::Print(const IpsecNetshPolicyStore& store, std::ostream& os)
{
    os << "# netsh ipsec script written by ns3-ipsec (IpsecNetshPolicyStore::PrintScript)\n";
    os << "pushd ipsec static\n";
    for (const auto& list : store.GetFilterLists())
    {
        os << "add filterlist name=" << Quote(list.name)
           << " description=" << Quote(list.description) << "\n";
        for (const auto& filter : list.filters)
        {
            os << "add filter filterlist=" << Quote(list.name) << " "
               << FilterTags(filter.filter) << "\n";
        }
    }
    for (const auto& action : store.GetFilterActions())
    {
        os << "add filteraction name=" << Quote(action.name)
           << " description=" << Quote(action.description) << " qmpfs=" << YesNo(action.qmpfs)
           << " inpass=" << YesNo(action.inpass) << " soft=" << YesNo(action.soft)
           << " action=" << IpsecFilterActionToString(action.action);
        if (action.qmsecmethods)
        {
            os << " qmsecmethods=" << Quote(action.qmsecmethods->netsh);
        }
        os << "\n";
    }
    for (const auto& policy : store.GetPolicies())
    {
        os << "add policy name=" << Quote(policy.name)
           << " description=" << Quote(policy.description) << " mmpfs=" << YesNo(policy.mmpfs);
        if (policy.qmpermm)
        {
            os << " qmpermm=" << *policy.qmpermm;
        }
        if (policy.mmlifetime)
        {
            os << " mmlifetime=" << *policy.mmlifetime;
        }
        os << " activatedefaultrule=" << YesNo(policy.activateDefaultRule)
           << " pollinginterval=" << policy.pollingInterval << " assign=no";
        if (policy.mmsecmethods)
        {
            os << " mmsecmethods=" << Quote(IpsecNetshMainModeText(*policy.mmsecmethods));
        }
        os << "\n";
        for (const auto& rule : policy.rules)
        {
            os << "add rule name=" << Quote(rule.name) << " policy=" << Quote(policy.name)
               << " filterlist=" << Quote(rule.filterList)
               << " filteraction=" << Quote(rule.filterAction);
            if (rule.tunnel)
            {
                os << " tunnel=" << *rule.tunnel;
            }
            os << " conntype=" << rule.connType << " activate=" << YesNo(rule.activate)
               << " description=" << Quote(rule.description);
            for (const auto& auth : rule.auth)
            {
                switch (auth.kind)
                {
                case IpsecNetshAuthMethod::KERBEROS:
                    os << " kerberos=yes";
                    break;
                case IpsecNetshAuthMethod::PSK:
                    os << " psk=" << Quote(auth.value);
                    break;
                case IpsecNetshAuthMethod::ROOTCA:
                    os << " rootca="
                       << Quote(auth.value + " certmap:no excludecaname:" +
                                YesNo(auth.excludeCaName));
                    break;
                }
            }
            os << "\n";
        }
    }
    // Assigned last, once its rules exist, as an administrator would.
    if (const IpsecNetshPolicy* assigned = store.GetAssignedPolicy())
    {
        os << "set policy name=" << Quote(assigned->name) << " assign=yes\n";
    }
    os << "popd\n";
    const IpsecNetshDynamicConfig& config = store.GetDynamicConfig();
    if (config.ipsecExempt || config.bootMode || config.bootExemptions)
    {
        os << "pushd ipsec dynamic\n";
        if (config.ipsecExempt)
        {
            os << "set config property=ipsecexempt value=" << *config.ipsecExempt << "\n";
        }
        if (config.bootMode)
        {
            os << "set config property=bootmode value=" << *config.bootMode << "\n";
        }
        if (config.bootExemptions)
        {
            os << "set config property=bootexemptions value=" << Quote(*config.bootExemptions)
               << "\n";
        }
        os << "popd\n";
    }
}

} // namespace ns3
