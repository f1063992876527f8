/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "kerberos-realm.h"

#include "ns3/abort.h"
#include "ns3/ike-keys.h"
#include "ns3/ipsec-algorithms.h"
#include "ns3/ipsec-config-error.h"
#include "ns3/log.h"

#include <cryptopp/cryptlib.h>

#include <algorithm>

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

/**
 * The keys of one key usage.
 * \param key the base key
 * \param usage the usage
 * \param[out] ke encryption key (16 bytes)
 * \param[out] ki integrity key (20 bytes)
 */
void
DeriveUsageKeys(const std::vector<uint8_t>& key,
                KerberosKeyUsage usage,
                std::vector<uint8_t>& ke,
                std::vector<uint8_t>& ki)
{
    IkePrf prf(IKE_HASH_SHA, key);
    ke = prf.Update(Bytes("encryption")).UpdateUint32(static_cast<uint32_t>(usage)).Final();
    ke.resize(16);
    ki = prf.Update(Bytes("integrity")).UpdateUint32(static_cast<uint32_t>(usage)).Final();
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
    Register();
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
    account.key = IkePrf(IKE_HASH_SHA, m_secret)
                      .Update(Bytes("ns3-ipsec kerberos computer key"))
                      .UpdateByte(0)
                      .Update(Bytes(m_name))
                      .UpdateByte(0)
                      .Update(Bytes(computerName))
                      .Final();
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
KerberosRealm::GetKey(const std::string& computerName) const
{
    auto it = m_accounts.find(computerName);
    return it == m_accounts.end() ? std::vector<uint8_t>() : it->second.key;
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

uint32_t
KerberosEncryptedLength(uint32_t plaintextLength)
{
    return KERBEROS_IV_LENGTH + (plaintextLength / 16 + 1) * 16 + KERBEROS_MAC_LENGTH;
}

std::vector<uint8_t>
KerberosEncrypt(const std::vector<uint8_t>& key,
                KerberosKeyUsage usage,
                const std::vector<uint8_t>& plaintext,
                CryptoPP::RandomNumberGenerator& rng)
{
    std::vector<uint8_t> ke;
    std::vector<uint8_t> ki;
    DeriveUsageKeys(key, usage, ke, ki);
    uint32_t padding = 16 - plaintext.size() % 16;
    std::vector<uint8_t> blob(KERBEROS_IV_LENGTH);
    rng.GenerateBlock(blob.data(), blob.size());
    blob.insert(blob.end(), plaintext.begin(), plaintext.end());
    blob.insert(blob.end(), padding, static_cast<uint8_t>(padding));
    size_t cipherLength = blob.size() - KERBEROS_IV_LENGTH;
    IpsecCipher::Create(IpsecEncryption::AES_CBC_128, ke)
        ->Encrypt(blob.data(), blob.data() + KERBEROS_IV_LENGTH, cipherLength);
    auto mac = IpsecAuthenticator::Create(IpsecIntegrity::HMAC_SHA1_96, ki);
    blob.resize(blob.size() + KERBEROS_MAC_LENGTH);
    mac->Update(blob.data(), KERBEROS_IV_LENGTH + cipherLength);
    mac->Final(blob.data() + KERBEROS_IV_LENGTH + cipherLength);
    return blob;
}

bool
KerberosDecrypt(const std::vector<uint8_t>& key,
                KerberosKeyUsage usage,
                const std::vector<uint8_t>& blob,
                std::vector<uint8_t>& plaintext)
{
    plaintext.clear();
    if (key.empty() || blob.size() < KERBEROS_IV_LENGTH + 16 + KERBEROS_MAC_LENGTH ||
        (blob.size() - KERBEROS_IV_LENGTH - KERBEROS_MAC_LENGTH) % 16 != 0)
    {
        return false;
    }
    std::vector<uint8_t> ke;
    std::vector<uint8_t> ki;
    DeriveUsageKeys(key, usage, ke, ki);
    size_t macOffset = blob.size() - KERBEROS_MAC_LENGTH;
    auto mac = IpsecAuthenticator::Create(IpsecIntegrity::HMAC_SHA1_96, ki);
    if (!mac->Verify(blob.data(), macOffset, blob.data() + macOffset))
    {
        return false;
    }
    std::vector<uint8_t> data(blob.begin() + KERBEROS_IV_LENGTH, blob.begin() + macOffset);
    IpsecCipher::Create(IpsecEncryption::AES_CBC_128, ke)
        ->Decrypt(blob.data(), data.data(), data.size());
    uint8_t padding = data.back();
    if (padding == 0 || padding > 16)
    {
        return false;
    }
    for (size_t i = data.size() - padding; i < data.size(); ++i)
    {
        if (data[i] != padding)
        {
            return false;
        }
    }
    data.resize(data.size() - padding);
    plaintext = std::move(data);
    return true;
}

} // namespace ns3
