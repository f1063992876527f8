/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ipsec-netsh-static-show.h"

#include "ipsec-netsh-policy-store.h"

#include "ns3/ike-config.h"

#include <algorithm>
#include <iomanip>
#include <sstream>

namespace ns3
{

namespace
{

/** One "Label : value" line, labels padded to 24 columns as netsh pads them. */
void
Line(std::ostream& os, const std::string& label, const std::string& value)
{
    os << std::left << std::setw(24) << label << ": " << value << "\n";
}

std::string
YesNo(bool value)
{
    return value ? "YES" : "NO";
}

std::string
OrNone(const std::string& text)
{
    return text.empty() ? "NONE" : text;
}

std::string
Upper(std::string text)
{
    std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) {
        return static_cast<char>(std::toupper(c));
    });
    return text;
}

/** An end of a filter: its address line and its mask line. */
std::pair<std::string, std::string>
End(const IpsecFilterAddress& end)
{
    std::ostringstream address;
    std::ostringstream mask;
    end.GetMask().Print(mask);
    switch (end.GetKind())
    {
    case IpsecFilterAddress::ANY:
        return {"<Any IP Address>", "0.0.0.0"};
    case IpsecFilterAddress::ME:
        return {"<My IP Address>", "255.255.255.255"};
    case IpsecFilterAddress::DNS:
        return {"<DNS Servers>", "255.255.255.255"};
    case IpsecFilterAddress::WINS:
        return {"<WINS Servers>", "255.255.255.255"};
    case IpsecFilterAddress::DHCP:
        return {"<DHCP Server>", "255.255.255.255"};
    case IpsecFilterAddress::GATEWAY:
        return {"<Default Gateway>", "255.255.255.255"};
    case IpsecFilterAddress::HOST:
    case IpsecFilterAddress::SUBNET:
        address << end.GetAddress();
        return {address.str(), mask.str()};
    }
    return {"?", "?"};
}

std::string
Port(const std::optional<uint16_t>& port)
{
    return port ? std::to_string(*port) : "ANY";
}

/** The main mode methods shown: the policy's, or Windows' defaults (the module's too). */
std::vector<IkeMainModeMethod>
MainModeMethods(const IpsecNetshPolicy& policy)
{
    return IkeParseMainModeMethods(
        policy.mmsecmethods ? *policy.mmsecmethods : "3des-sha1-2,3des-md5-2,des-sha1-1,des-md5-1");
}

void
PrintFilterList(std::ostream& os, const IpsecNetshFilterList& list)
{
    Line(os, "Filter List Name", list.name);
    Line(os, "Description", OrNone(list.description));
    Line(os, "Filter Count", std::to_string(list.filters.size()));
    os << "Filters\n-------\n";
    for (const auto& entry : list.filters)
    {
        const IpsecFilter& f = entry.filter;
        auto [src, srcMask] = End(f.source);
        auto [dst, dstMask] = End(f.destination);
        Line(os, "Description", OrNone(f.description));
        Line(os, "Mirrored", YesNo(f.mirrored));
        Line(os, "Source IP Address", src);
        Line(os, "Source Mask", srcMask);
        Line(os, "Destination IP Address", dst);
        Line(os, "Destination Mask", dstMask);
        Line(os, "Protocol", f.protocol ? Upper(IpsecProtocolName(*f.protocol)) : "ANY");
        Line(os, "Source Port", Port(f.sourcePort));
        Line(os, "Destination Port", Port(f.destinationPort));
        os << "\n";
    }
}

void
PrintFilterAction(std::ostream& os, const IpsecNetshFilterAction& action)
{
    Line(os, "Filter Action Name", action.name);
    Line(os, "Description", OrNone(action.description));
    std::string what = action.action == IpsecFilterAction::PERMIT  ? "PERMIT"
                       : action.action == IpsecFilterAction::BLOCK ? "BLOCK"
                                                                   : "NEGOTIATE SECURITY";
    Line(os, "Action", what);
    if (action.action != IpsecFilterAction::NEGOTIATE)
    {
        return;
    }
    Line(os, "Inbound Pass-thru", YesNo(action.inpass));
    Line(os, "AllowUnsecured(Fallback)", YesNo(action.soft));
    Line(os, "QMPFS", YesNo(action.qmpfs));
    // Unset: Windows' default methods, which are also the module's.
    std::string methods = action.qmsecmethods
                              ? action.qmsecmethods->netsh
                              : "ESP[3DES,SHA1] ESP[3DES,MD5] ESP[DES,SHA1] ESP[DES,MD5]";
    os << "Security Methods\n";
    std::istringstream in(methods);
    std::string method;
    while (in >> method)
    {
        std::string life;
        size_t colon = method.find(':');
        if (colon != std::string::npos)
        {
            life = method.substr(colon + 1);
            method = method.substr(0, colon);
        }
        os << "  " << method;
        if (!life.empty())
        {
            os << "  Lifetime " << life;
        }
        os << "\n";
    }
}

} // namespace

void
IpsecNetshStaticShow::Print(const IpsecNetshPolicyStore& store, std::ostream& os)
{
    if (store.GetPolicies().empty())
    {
        os << "ERR IPsec : No policies in the local store\n";
        return;
    }
    for (const auto& policy : store.GetPolicies())
    {
        Line(os, "Policy Name", policy.name);
        Line(os, "Description", OrNone(policy.description));
        Line(os, "Store", "Local Store");
        Line(os, "Assigned", YesNo(policy.assigned));
        Line(os, "Master PFS", YesNo(policy.mmpfs));
        Line(os, "Polling Interval", std::to_string(policy.pollingInterval) + " minutes");
        Line(os,
             "Main Mode Life Time",
             std::to_string(policy.mmlifetime.value_or(480)) + " minutes / " +
                 std::to_string(policy.qmpermm.value_or(0)) + " Quick Mode sessions");
        os << "Main Mode Security Methods (in order of preference)\n";
        for (const auto& method : MainModeMethods(policy))
        {
            std::string group = method.group == IkeDhGroup::MODP_2048
                                    ? "DH2048"
                                    : (method.group == IkeDhGroup::MODP_1024 ? "Medium(2)"
                                                                             : "Low(1)");
            os << "  " << Upper(IpsecGetEncryptionInfo(method.encryption).name) << "-"
               << Upper(IkeHashName(method.hash)) << "-" << group << "\n";
        }
        size_t rules = policy.rules.size() + (policy.activateDefaultRule ? 1 : 0);
        Line(os, "Rule Count", std::to_string(rules));
        os << "Rules Details\n-------------\n\n";
        uint32_t id = 0;
        for (const auto& rule : policy.rules)
        {
            Line(os, "Rule ID", std::to_string(++id));
            Line(os, "Rule Name", rule.name);
            Line(os, "Description", OrNone(rule.description));
            Line(os, "Activated", YesNo(rule.activate));
            Line(os, "Connection Type", Upper(rule.connType));
            std::ostringstream tunnel;
            if (rule.tunnel)
            {
                tunnel << *rule.tunnel;
            }
            Line(os, "Tunnel Endpoint", OrNone(tunnel.str()));
            os << "Authentication Methods(" << rule.auth.size() << ")\n";
            os << "-------------------------\n";
            if (rule.auth.empty())
            {
                os << "  (the node's IKE default)\n";
            }
            for (const auto& auth : rule.auth)
            {
                switch (auth.kind)
                {
                case IpsecNetshAuthMethod::KERBEROS:
                    os << "  Kerberos\n";
                    break;
                case IpsecNetshAuthMethod::PSK:
                    os << "  Preshared key   : " << auth.value << "\n";
                    break;
                case IpsecNetshAuthMethod::ROOTCA:
                    os << "  Root CA         : " << auth.value
                       << (auth.excludeCaName ? " (CA name excluded)" : "") << "\n";
                    break;
                }
            }
            os << "\n";
            if (const IpsecNetshFilterList* list = store.FindFilterList(rule.filterList))
            {
                PrintFilterList(os, *list);
            }
            if (const IpsecNetshFilterAction* action = store.FindFilterAction(rule.filterAction))
            {
                PrintFilterAction(os, *action);
            }
            os << "\n";
        }
        if (policy.activateDefaultRule)
        {
            Line(os, "Rule ID", std::to_string(++id));
            Line(os, "Rule Name", "<Default Response Rule>");
            Line(os, "Activated", "YES");
            Line(os, "Filter List Name", "<Dynamic>");
            Line(os, "Filter Action Name", "Default Response");
            Line(os, "Action", "NEGOTIATE SECURITY");
            os << "\n";
        }
    }
}

} // namespace ns3
