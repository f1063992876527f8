/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "kerberos-realm.h"

#include "ns3/abort.h"
#include "ns3/ike-keys.h"
#include "ns3/ipsec-config-error.h"
#include "ns3/log.h"

#include <algorithm>
#include <cctype>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("KerberosRealm");

namespace
{

/** Longest realm or computer name, in bytes (names travel with a 2-byte length). */
constexpr size_t MAX_NAME_LENGTH = 255;

/** \return the table of every realm alive, oldest first (the DNS stand-in) */
std::vector<KerberosRealm*>&
Registry()
{
    static std::vector<KerberosRealm*> realms;
    return realms;
}

/** \return the bytes of a string */
std::vector<uint8_t>
Bytes(const std::string& text)
{
    return std::vector<uint8_t>(text.begin(), text.end());
}

/** The realm secret of a realm built from its name alone. */
std::vector<uint8_t>
SecretFromName(const std::string& name)
{
    return IkePrf(IKE_HASH_SHA, Bytes("ns3-ipsec kerberos realm secret"))
        .Update(Bytes(name))
        .Final();
}

} // namespace

KerberosRealm::KerberosRealm(const std::string& name)
    : KerberosRealm(name, SecretFromName(name))
{
}

KerberosRealm::KerberosRealm(const std::string& name, const std::vector<uint8_t>& secret)
    : m_name(name),
      m_secret(secret)
{
    if (m_name.empty() || m_name.size() > MAX_NAME_LENGTH)
    {
        throw IpsecConfigError("realm", "a realm name has 1 to 255 bytes: '" + name + "'");
    }
    if (m_secret.empty())
    {
        throw IpsecConfigError("realm", "the secret of realm " + name + " is empty");
    }
    std::string tgsPassword = Password("krbtgt");
    m_tgsRc4Key = KerberosCrypto::StringToKey(KerberosEtype::RC4_HMAC, tgsPassword, "");
    m_tgsDesKey =
        KerberosCrypto::StringToKey(KerberosEtype::DES_CBC_MD5, tgsPassword, m_name + "krbtgt");
    Register();
}

std::string
KerberosRealm::Password(const std::string& account) const
{
    std::vector<uint8_t> digest = IkePrf(IKE_HASH_SHA, m_secret)
                                      .Update(Bytes("ns3-ipsec kerberos computer key"))
                                      .UpdateByte(0)
                                      .Update(Bytes(m_name))
                                      .UpdateByte(0)
                                      .Update(Bytes(account))
                                      .Final();
    static const char digits[] = "0123456789abcdef";
    std::string text;
    for (uint8_t b : digest)
    {
        text += digits[b >> 4];
        text += digits[b & 0x0f];
    }
    return text;
}

std::string
KerberosRealm::GetSalt(const std::string& computerName) const
{
    auto lower = [](std::string text) {
        std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) {
            return static_cast<char>(std::tolower(c));
        });
        return text;
    };
    return m_name + "host" + lower(computerName) + "." + lower(m_name);
}

std::vector<uint8_t>
KerberosRealm::GetTgsKey(KerberosEtype etype) const
{
    return etype == KerberosEtype::RC4_HMAC ? m_tgsRc4Key : m_tgsDesKey;
}

KerberosRealm::~KerberosRealm()
{
    auto& realms = Registry();
    realms.erase(std::remove(realms.begin(), realms.end(), this), realms.end());
}

void
KerberosRealm::Register()
{
    if (Find(m_name))
    {
        NS_LOG_WARN("a realm named " << m_name << " exists already; the new one hides it");
    }
    Registry().push_back(this);
}

const std::string&
KerberosRealm::GetName() const
{
    return m_name;
}

void
KerberosRealm::Join(const std::string& computerName, Ipv4Address address)
{
    if (computerName.empty() || computerName.size() > MAX_NAME_LENGTH ||
        computerName.find('@') != std::string::npos)
    {
        throw IpsecConfigError("computer",
                               "a computer name has 1 to 255 bytes and no '@': '" +
                                   computerName + "'");
    }
    if (HasComputer(computerName))
    {
        throw IpsecConfigError("computer", computerName + " has already joined " + m_name);
    }
    Account account;
    std::string password = Password(computerName);
    account.rc4Key = KerberosCrypto::StringToKey(KerberosEtype::RC4_HMAC, password, "");
    account.desKey =
        KerberosCrypto::StringToKey(KerberosEtype::DES_CBC_MD5, password, GetSalt(computerName));
    m_accounts[computerName] = account;
    Assign(computerName, address);
    NS_LOG_INFO(computerName << " joined " << m_name << " at " << address);
}

void
KerberosRealm::UpdateAddress(const std::string& computerName, Ipv4Address address)
{
    if (!HasComputer(computerName))
    {
        throw IpsecConfigError("computer", computerName + " has not joined " + m_name);
    }
    Assign(computerName, address);
    NS_LOG_INFO(computerName << "." << m_name << " now at " << address);
}

void
KerberosRealm::Assign(const std::string& computerName, Ipv4Address address)
{
    Account& account = m_accounts.at(computerName);
    m_byAddress.erase(account.address.Get());
    account.address = Ipv4Address::GetAny();
    if (address == Ipv4Address::GetAny())
    {
        return;
    }
    auto previous = m_byAddress.find(address.Get());
    if (previous != m_byAddress.end() && previous->second != computerName)
    {
        NS_LOG_INFO(address << " moves from " << previous->second << " to " << computerName);
        m_accounts.at(previous->second).address = Ipv4Address::GetAny();
    }
    m_byAddress[address.Get()] = computerName;
    account.address = address;
}

bool
KerberosRealm::HasComputer(const std::string& computerName) const
{
    return m_accounts.count(computerName) != 0;
}

std::vector<uint8_t>
KerberosRealm::GetKey(const std::string& computerName, KerberosEtype etype) const
{
    auto it = m_accounts.find(computerName);
    if (it == m_accounts.end())
    {
        return {};
    }
    return etype == KerberosEtype::RC4_HMAC ? it->second.rc4Key : it->second.desKey;
}

Ipv4Address
KerberosRealm::GetAddress(const std::string& computerName) const
{
    auto it = m_accounts.find(computerName);
    return it == m_accounts.end() ? Ipv4Address::GetAny() : it->second.address;
}

std::string
KerberosRealm::FindByAddress(Ipv4Address address) const
{
    auto it = m_byAddress.find(address.Get());
    return it == m_byAddress.end() ? std::string() : it->second;
}

std::vector<std::string>
KerberosRealm::GetComputers() const
{
    std::vector<std::string> names;
    for (const auto& [name, account] : m_accounts)
    {
        names.push_back(name);
    }
    return names;
}

void
KerberosRealm::Trust(Ptr<KerberosRealm> other)
{
    NS_ABORT_MSG_IF(!other, "KerberosRealm::Trust needs a realm");
    if (other->m_name == m_name)
    {
        return;
    }
    m_trusted.insert(other->m_name);
    other->m_trusted.insert(m_name);
    NS_LOG_INFO("two-way trust between " << m_name << " and " << other->m_name);
}

bool
KerberosRealm::IsTrusted(const std::string& realmName) const
{
    return realmName == m_name || m_trusted.count(realmName) != 0;
}

bool
KerberosRealm::IsTrusted(Ptr<const KerberosRealm> other) const
{
    return other && IsTrusted(other->m_name);
}

std::vector<std::string>
KerberosRealm::GetTrustedRealms() const
{
    return std::vector<std::string>(m_trusted.begin(), m_trusted.end());
}

Ptr<KerberosRealm>
KerberosRealm::Find(const std::string& name)
{
    const auto& realms = Registry();
    for (auto it = realms.rbegin(); it != realms.rend(); ++it)
    {
        if ((*it)->m_name == name)
        {
            return Ptr<KerberosRealm>(*it);
        }
    }
    return nullptr;
}

Ptr<KerberosRealm>
KerberosRealm::FindAnyByAddress(Ipv4Address address, std::string& computerName)
{
    const auto& realms = Registry();
    for (auto it = realms.rbegin(); it != realms.rend(); ++it)
    {
        computerName = (*it)->FindByAddress(address);
        if (!computerName.empty())
        {
            return Ptr<KerberosRealm>(*it);
        }
    }
    computerName.clear();
    return nullptr;
}

} // namespace ns3
