/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ipsec-netsh-policy-mapper.h"

#include "ns3/boolean.h"
#include "ns3/ike-certificate.h"
#include "ns3/ike-service.h"
#include "ns3/ipsec-boot-config.h"
#include "ns3/ipsec-driver.h"
#include "ns3/log.h"
#include "ns3/string.h"
#include "ns3/uinteger.h"

#include <algorithm>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("IpsecNetshPolicyMapper");

namespace
{

bool
SameAuth(const std::vector<IpsecNetshAuthMethod>& a, const std::vector<IpsecNetshAuthMethod>& b)
{
    return a.size() == b.size() &&
           std::equal(a.begin(), a.end(), b.begin(), [](const auto& x, const auto& y) {
               return x.kind == y.kind && x.value == y.value &&
                      x.excludeCaName == y.excludeCaName;
           });
}

std::string
QuickModeText(const IpsecNetshFilterAction& action)
{
    return action.qmsecmethods ? action.qmsecmethods->netsh : "(default)";
}

} // namespace

bool
IpsecNetshMappedPolicy::NeedsIke() const
{
    return mainModeMethods || mainModeLifetime || quickModesPerMainMode || quickModeOffers ||
           quickModeLifetime || quickModeLifetimeKb || (pfs && *pfs != "none") || authMethods ||
           preSharedKey || excludeCaName || !rootCas.empty();
}

IpsecNetshMappedPolicy
IpsecNetshPolicyMapper::Map(const IpsecNetshPolicyStore& store)
{
    IpsecNetshMappedPolicy mapped;
    mapped.config = store.GetDynamicConfig();
    const IpsecNetshPolicy* policy = store.GetAssignedPolicy();
    if (!policy)
    {
        return mapped;
    }
    mapped.policyName = policy->name;
    const IpsecNetshRule* firstNegotiate = nullptr;
    const IpsecNetshFilterAction* firstAction = nullptr;
    for (const auto& rule : policy->rules)
    {
        if (!rule.activate)
        {
            continue;
        }
        auto error = [&rule](const std::string& message) {
            return IpsecNetshError(rule.line, "add rule", "rule '" + rule.name + "': " + message);
        };
        const IpsecNetshFilterList* list = store.FindFilterList(rule.filterList);
        const IpsecNetshFilterAction* action = store.FindFilterAction(rule.filterAction);
        if (!list || !action)
        {
            throw error("its filter list or filter action no longer exists");
        }
        bool negotiate = action->action == IpsecFilterAction::NEGOTIATE;
        if (!negotiate && (action->soft || action->inpass))
        {
            throw error("filter action '" + action->name + "' has " +
                        (action->soft ? "soft" : "inpass") + "=yes with action " +
                        IpsecFilterActionToString(action->action) +
                        " (those options belong to negotiate)");
        }
        for (const auto& entry : list->filters)
        {
            IpsecFilter filter = entry.filter;
            filter.action = action->action;
            filter.tunnelEndpoint = rule.tunnel;
            filter.fallbackToClear = action->soft;
            filter.inboundPassthrough = action->inpass;
            if (filter.description.empty())
            {
                filter.description = rule.name;
            }
            std::string invalid = filter.Validate();
            if (!invalid.empty())
            {
                throw error("filter of line " + std::to_string(entry.line) + ": " + invalid);
            }
            mapped.filters.push_back(filter);
        }
        if (!negotiate)
        {
            continue;
        }
        if (!firstNegotiate)
        {
            firstNegotiate = &rule;
            firstAction = action;
            continue;
        }
        // One IKE configuration per node: a second negotiate rule must ask for the same.
        std::string differs;
        if (QuickModeText(*action) != QuickModeText(*firstAction))
        {
            differs = "quick mode methods (" + QuickModeText(*action) + " vs " +
                      QuickModeText(*firstAction) + ")";
        }
        else if (action->qmpfs != firstAction->qmpfs)
        {
            differs = "quick mode PFS";
        }
        else if (!SameAuth(rule.auth, firstNegotiate->auth))
        {
            differs = "authentication methods";
        }
        if (!differs.empty())
        {
            throw error("not modelled: its " + differs + " differ from those of rule '" +
                        firstNegotiate->name + "' (line " + std::to_string(firstNegotiate->line) +
                        "); the module has one IKE configuration per node");
        }
    }
    if (policy->mmsecmethods)
    {
        mapped.mainModeMethods = *policy->mmsecmethods;
    }
    if (policy->mmlifetime)
    {
        mapped.mainModeLifetime = Minutes(*policy->mmlifetime);
    }
    if (policy->qmpermm)
    {
        mapped.quickModesPerMainMode = *policy->qmpermm;
    }
    mapped.defaultResponseRule = policy->activateDefaultRule;
    if (policy->mmpfs)
    {
        mapped.pfs = "master"; // master key PFS implies a new main mode per quick mode
    }
    else if (firstAction)
    {
        mapped.pfs = firstAction->qmpfs ? "session" : "none";
    }
    if (firstAction && firstAction->qmsecmethods)
    {
        const auto& qm = *firstAction->qmsecmethods;
        mapped.quickModeOffers = qm.offers;
        if (qm.seconds)
        {
            mapped.quickModeLifetime = Seconds(*qm.seconds);
        }
        if (qm.kilobytes)
        {
            mapped.quickModeLifetimeKb = *qm.kilobytes;
        }
    }
    if (firstNegotiate && !firstNegotiate->auth.empty())
    {
        std::string methods;
        auto add = [&methods](const std::string& name) {
            if (("," + methods + ",").find("," + name + ",") == std::string::npos)
            {
                methods += (methods.empty() ? "" : ",") + name;
            }
        };
        std::optional<bool> exclude;
        for (const auto& auth : firstNegotiate->auth)
        {
            switch (auth.kind)
            {
            case IpsecNetshAuthMethod::KERBEROS:
                add("kerberos");
                break;
            case IpsecNetshAuthMethod::PSK:
                add("psk");
                mapped.preSharedKey = auth.value;
                break;
            case IpsecNetshAuthMethod::ROOTCA:
                add("cert");
                mapped.rootCas.push_back(auth.value);
                if (exclude && *exclude != auth.excludeCaName)
                {
                    throw IpsecNetshError(firstNegotiate->line,
                                          "add rule",
                                          "rule '" + firstNegotiate->name +
                                              "': not modelled: excludecaname differing between "
                                              "root CAs (one setting per node)");
                }
                exclude = auth.excludeCaName;
                break;
            }
        }
        mapped.authMethods = methods;
        mapped.excludeCaName = exclude;
    }
    return mapped;
}

void
IpsecNetshPolicyMapper::Apply(const IpsecNetshMappedPolicy& policy, NodeContainer nodes)
{
    NS_LOG_FUNCTION(policy.policyName << nodes.GetN());
    // Check every node first: an error leaves them all as they were.
    for (auto it = nodes.Begin(); it != nodes.End(); ++it)
    {
        Ptr<Node> node = *it;
        std::string which = "node " + std::to_string(node->GetId());
        if (!node->GetObject<IpsecDriver>())
        {
            throw IpsecConfigError("node", which + " has no IPsec layer (IpsecHelper::Install)");
        }
        Ptr<IkeService> ike = node->GetObject<IkeService>();
        if (!ike)
        {
            if (policy.NeedsIke())
            {
                throw IpsecConfigError("node",
                                       which + " has no IKE service, but policy '" +
                                           policy.policyName + "' sets IKE values");
            }
            continue;
        }
        for (const auto& ca : policy.rootCas)
        {
            const auto& roots = ike->GetTrustedRoots();
            bool trusted = std::any_of(roots.begin(), roots.end(), [&ca](const auto& root) {
                return root->GetSubject() == ca;
            });
            if (!trusted)
            {
                throw IpsecConfigError("rootca",
                                       which + " does not trust a root CA named '" + ca +
                                           "' (IpsecPkiHelper::Install or Trust first)");
            }
        }
    }
    std::vector<std::pair<Ptr<IpsecDriver>, uint32_t>> added;
    try
    {
        for (auto it = nodes.Begin(); it != nodes.End(); ++it)
        {
            Ptr<IpsecDriver> driver = (*it)->GetObject<IpsecDriver>();
            for (const auto& filter : policy.filters)
            {
                uint32_t id = driver->AddFilter(filter);
                if (id != 0)
                {
                    added.emplace_back(driver, id);
                }
            }
        }
    }
    catch (const IpsecConfigError&)
    {
        for (auto& [driver, id] : added)
        {
            driver->RemoveFilter(id);
        }
        throw;
    }
    for (auto it = nodes.Begin(); it != nodes.End(); ++it)
    {
        Ptr<IpsecDriver> driver = (*it)->GetObject<IpsecDriver>();
        Ptr<IkeService> ike = (*it)->GetObject<IkeService>();
        if (ike)
        {
            auto set = [&ike](const std::string& name, const AttributeValue& value) {
                ike->SetAttribute(name, value);
            };
            if (policy.mainModeMethods)
            {
                set("MainModeMethods", StringValue(*policy.mainModeMethods));
            }
            if (policy.mainModeLifetime)
            {
                set("MainModeLifetime", TimeValue(*policy.mainModeLifetime));
            }
            if (policy.quickModesPerMainMode)
            {
                set("QuickModesPerMainMode", UintegerValue(*policy.quickModesPerMainMode));
            }
            if (policy.quickModeOffers)
            {
                set("QuickModeOffers", StringValue(*policy.quickModeOffers));
            }
            if (policy.quickModeLifetime)
            {
                set("QuickModeLifetime", TimeValue(*policy.quickModeLifetime));
            }
            if (policy.quickModeLifetimeKb)
            {
                set("QuickModeLifetimeKb", UintegerValue(*policy.quickModeLifetimeKb));
            }
            if (policy.pfs)
            {
                set("Pfs", StringValue(*policy.pfs));
            }
            if (policy.authMethods)
            {
                set("AuthMethods", StringValue(*policy.authMethods));
            }
            if (policy.preSharedKey)
            {
                set("PreSharedKey", StringValue(*policy.preSharedKey));
            }
            if (policy.excludeCaName)
            {
                set("ExcludeCaNameFromRequest", BooleanValue(*policy.excludeCaName));
            }
            if (policy.defaultResponseRule)
            {
                set("DefaultResponseRule", BooleanValue(*policy.defaultResponseRule));
            }
        }
        if (policy.config.ipsecExempt)
        {
            driver->SetDefaultExemptions(*policy.config.ipsecExempt);
        }
        if (policy.config.bootMode)
        {
            driver->SetBootMode(IpsecParseBootMode(*policy.config.bootMode));
        }
        if (policy.config.bootExemptions)
        {
            driver->SetBootExemptions(*policy.config.bootExemptions);
        }
    }
}

} // namespace ns3
