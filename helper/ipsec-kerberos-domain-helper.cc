/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ipsec-kerberos-domain-helper.h"

#include "ns3/ike-service.h"
#include "ns3/ipsec-config-error.h"
#include "ns3/ipv4.h"
#include "ns3/log.h"
#include "ns3/names.h"
#include "ns3/node.h"

#include <set>
#include <sstream>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("IpsecKerberosDomainHelper");

namespace
{
/** The longest computer name KerberosRealm::Join takes. */
constexpr size_t MAX_COMPUTER_NAME = 255;
} // namespace

IpsecKerberosDomainHelper::IpsecKerberosDomainHelper(const std::string& realmName)
    : m_realm(Create<KerberosRealm>(realmName))
{
}

IpsecKerberosDomainHelper::IpsecKerberosDomainHelper(Ptr<KerberosRealm> realm)
    : m_realm(realm)
{
    if (!m_realm)
    {
        throw IpsecConfigError("realm", "no realm given");
    }
}

void
IpsecKerberosDomainHelper::SetComputerName(Ptr<Node> node, const std::string& name)
{
    m_names[node->GetId()] = name;
}

std::string
IpsecKerberosDomainHelper::GetComputerName(Ptr<Node> node) const
{
    auto it = m_names.find(node->GetId());
    if (it != m_names.end())
    {
        return it->second;
    }
    std::string name = Names::FindName(node);
    return name.empty() ? "NODE" + std::to_string(node->GetId()) : name;
}

Ipv4Address
IpsecKerberosDomainHelper::AddressOf(Ptr<Node> node) const
{
    // The address the computer already has is what DNS would register for it.
    if (Ptr<Ipv4> ipv4 = node->GetObject<Ipv4>())
    {
        for (uint32_t i = 0; i < ipv4->GetNInterfaces(); ++i)
        {
            for (uint32_t j = 0; j < ipv4->GetNAddresses(i); ++j)
            {
                Ipv4Address a = ipv4->GetAddress(i, j).GetLocal();
                if (!a.IsLocalhost() && a != Ipv4Address::GetAny())
                {
                    return a;
                }
            }
        }
    }
    throw IpsecConfigError("computer",
                           "node " + std::to_string(node->GetId()) + " (" +
                               GetComputerName(node) + ") has no IPv4 address to join " +
                               m_realm->GetName() + " with: assign addresses first");
}

Ptr<KerberosKdc>
IpsecKerberosDomainHelper::Install(Ptr<Node> domainController, NodeContainer members)
{
    Ptr<KerberosKdc> kdc = InstallDomainController(domainController);
    Join(members);
    return kdc;
}

Ptr<KerberosKdc>
IpsecKerberosDomainHelper::InstallDomainController(Ptr<Node> node)
{
    if (m_kdc || m_hasDomainController)
    {
        std::ostringstream os;
        os << m_realm->GetName() << " has a domain controller already (" << m_domainController
           << ")";
        throw IpsecConfigError("domainController", os.str());
    }
    Ipv4Address address = AddressOf(node);
    m_realm->Join(GetComputerName(node), address);
    m_kdc = CreateObject<KerberosKdc>();
    m_kdc->SetRealm(m_realm);
    node->AddApplication(m_kdc);
    m_domainController = address;
    m_hasDomainController = true;
    NS_LOG_INFO("node " << node->GetId() << " is the domain controller of "
                        << m_realm->GetName() << " at " << address);
    return m_kdc;
}

void
IpsecKerberosDomainHelper::SetDomainController(Ipv4Address address)
{
    m_domainController = address;
    m_hasDomainController = true;
}

Ipv4Address
IpsecKerberosDomainHelper::GetDomainController() const
{
    return m_hasDomainController ? m_domainController : Ipv4Address::GetAny();
}

void
IpsecKerberosDomainHelper::Join(NodeContainer members)
{
    if (!m_hasDomainController)
    {
        throw IpsecConfigError("domainController",
                               m_realm->GetName() +
                                   " has no domain controller yet: InstallDomainController or "
                                   "SetDomainController first");
    }
    // Check every member first, so that a mistake leaves the realm as it was.
    std::vector<std::pair<std::string, Ipv4Address>> accounts;
    std::set<std::string> names;
    for (auto it = members.Begin(); it != members.End(); ++it)
    {
        std::string name = GetComputerName(*it);
        if (name.empty() || name.size() > MAX_COMPUTER_NAME || name.find('@') != std::string::npos)
        {
            throw IpsecConfigError("computer",
                                   "a computer name has 1 to 255 bytes and no '@': '" + name +
                                       "' (node " + std::to_string((*it)->GetId()) + ")");
        }
        if (m_realm->HasComputer(name) || !names.insert(name).second)
        {
            throw IpsecConfigError("computer",
                                   name + " (node " + std::to_string((*it)->GetId()) +
                                       ") has already joined " + m_realm->GetName());
        }
        accounts.emplace_back(name, AddressOf(*it));
    }
    for (const auto& [name, address] : accounts)
    {
        m_realm->Join(name, address);
    }
    // Kerberos clients are made here, in the members' order (their random streams are
    // numbered in creation order unless AssignStreams fixes them).
    size_t i = 0;
    for (auto it = members.Begin(); it != members.End(); ++it, ++i)
    {
        if (Ptr<IkeService> ike = (*it)->GetObject<IkeService>())
        {
            ike->SetKerberos(m_realm, accounts[i].first, m_domainController);
        }
        NS_LOG_INFO("node " << (*it)->GetId() << " joined " << m_realm->GetName() << " as "
                            << accounts[i].first << " at " << accounts[i].second);
    }
}

void
IpsecKerberosDomainHelper::Trust(const IpsecKerberosDomainHelper& other)
{
    m_realm->Trust(other.m_realm);
}

Ptr<KerberosRealm>
IpsecKerberosDomainHelper::GetRealm() const
{
    return m_realm;
}

Ptr<KerberosKdc>
IpsecKerberosDomainHelper::GetKdc() const
{
    return m_kdc;
}

int64_t
IpsecKerberosDomainHelper::AssignStreams(int64_t stream)
{
    return m_kdc ? m_kdc->AssignStreams(stream) : 0;
}

} // namespace ns3
