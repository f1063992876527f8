/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef KERBEROS_REALM_H
#define KERBEROS_REALM_H

#include "ns3/ipv4-address.h"
#include "ns3/kerberos-crypto.h"
#include "ns3/ptr.h"
#include "ns3/simple-ref-count.h"

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <vector>

// A Windows domain as Kerberos sees it: the realm, its directory of computer accounts with
// their keys (RC4-HMAC and DES-CBC-MD5, from each account's password), the krbtgt account of
// its KDC, and its trusts. See doc/ike.md, "Kerberos".

namespace ns3
{

/**
 * \ingroup ipsec
 * \brief A Windows domain: a Kerberos realm with its directory of computer accounts.
 *
 * The realm stands for two things a simulation would otherwise need real infrastructure for:
 * - the directory of the domain controllers (Active Directory): every joined computer's
 *   account, its long-term key and its current IPv4 address (the DNS record the KDC uses to
 *   find the IKE peer by its address);
 * - what each joined computer was provisioned with when it joined: its own long-term key.
 *
 * A Windows computer gets a random machine account password when it joins and derives its
 * Kerberos keys from it; the domain controllers hold the same keys. Here the password of a
 * computer is the hex form of HMAC-SHA1(realm secret, "ns3-ipsec kerberos computer key" | 0 |
 * realm | 0 | name) (40 characters): deterministic, different for every computer and realm,
 * and known only through the realm object. Its keys are the encryption types' string-to-key
 * of that password: RC4-HMAC's MD4 of it, DES-CBC-MD5's with the salt Windows gives computer
 * accounts, "REALMhost" + lower-case name + "." + lower-case realm. The KDC's own account,
 * krbtgt, gets its password the same way. The KDC on the domain controller and the computer
 * itself both read the keys with GetKey; nothing else in a simulation should.
 *
 * Realms know each other by name. Every realm that exists is listed in a process-wide table
 * (a stand-in for DNS, which names every computer in every domain whether trusted or not), so
 * trusts hold names and no reference cycles form. Realm names should be unique among the
 * realms alive at one time; if two share a name, the newer one is found.
 *
 * Principal names are compared exactly (no case folding). A computer is "name" in its own
 * realm and "name@REALM" elsewhere.
 */
class KerberosRealm : public SimpleRefCount<KerberosRealm>
{
  public:
    /**
     * \brief A realm whose secret is derived from its name (deterministic: the same name gives
     * the same keys in every run).
     * \param name the realm name, e.g. "CORP.EXAMPLE"
     * \throws IpsecConfigError with field "realm" if the name is empty or longer than 255
     */
    explicit KerberosRealm(const std::string& name);

    /**
     * \param name the realm name
     * \param secret the realm secret every long-term key is derived from (any length, not
     *        empty)
     * \throws IpsecConfigError with field "realm" if the name is empty or longer than 255, or
     *         the secret is empty
     */
    KerberosRealm(const std::string& name, const std::vector<uint8_t>& secret);

    ~KerberosRealm();

    KerberosRealm(const KerberosRealm&) = delete;
    /**
     * Not copyable: the realm is registered by its address.
     * \return this realm
     */
    KerberosRealm& operator=(const KerberosRealm&) = delete;

    /** \return the realm name */
    const std::string& GetName() const;

    /**
     * \brief Join a computer to the domain: create its account and provision its key.
     * \param computerName its name (1 to 255 bytes, no '@')
     * \param address its IPv4 address as DNS registers it; if another computer of this realm
     *        had that address, that computer loses it (the newer registration wins)
     * \throws IpsecConfigError with field "computer" if the name is invalid or already joined
     */
    void Join(const std::string& computerName, Ipv4Address address);

    /**
     * \brief A computer moved (roaming, new DHCP lease): update its DNS record.
     * \param computerName a joined computer
     * \param address its new address; as for Join, a previous holder of it loses it
     * \throws IpsecConfigError with field "computer" if the computer has not joined
     */
    void UpdateAddress(const std::string& computerName, Ipv4Address address);

    /**
     * \param computerName a name
     * \return true if that computer has joined this realm
     */
    bool HasComputer(const std::string& computerName) const;

    /**
     * \param computerName a name
     * \param etype the encryption type
     * \return its long-term key of that type, or an empty vector if it has not joined
     */
    std::vector<uint8_t> GetKey(const std::string& computerName,
                                KerberosEtype etype = KerberosEtype::RC4_HMAC) const;

    /**
     * \param etype the encryption type
     * \return the key of the realm's krbtgt account (what TGTs are encrypted under)
     */
    std::vector<uint8_t> GetTgsKey(KerberosEtype etype) const;

    /**
     * \param computerName a computer name
     * \return the DES salt of its account: "REALMhost" + lower-case name + "." + lower-case
     *         realm
     */
    std::string GetSalt(const std::string& computerName) const;

    /**
     * \param computerName a name
     * \return its current address, or 0.0.0.0 if it has none or has not joined
     */
    Ipv4Address GetAddress(const std::string& computerName) const;

    /**
     * \brief The directory / DNS lookup of a computer by its address (how the KDC finds the
     * IKE peer the client names by address).
     * \param address an address
     * \return the name of the computer of this realm at that address, or "" if none
     */
    std::string FindByAddress(Ipv4Address address) const;

    /** \return the names of the joined computers, sorted */
    std::vector<std::string> GetComputers() const;

    /**
     * \brief Make a two-way trust between this realm and another: the KDC of either realm may
     * then issue tickets for the other realm's computers, and computers of either realm accept
     * tickets for clients of the other. Trusts are not transitive (Windows external trusts).
     * \param other the other realm; trusting oneself does nothing
     */
    void Trust(Ptr<KerberosRealm> other);

    /**
     * \param realmName a realm name
     * \return true if it is this realm or a realm this one trusts
     */
    bool IsTrusted(const std::string& realmName) const;

    /**
     * \param other a realm
     * \return true if it is this realm or a realm this one trusts
     */
    bool IsTrusted(Ptr<const KerberosRealm> other) const;

    /** \return the names of the trusted realms (not this one), sorted */
    std::vector<std::string> GetTrustedRealms() const;

    /**
     * \brief The process-wide table of realms (the DNS stand-in).
     * \param name a realm name
     * \return the newest realm alive with that name, or nullptr
     */
    static Ptr<KerberosRealm> Find(const std::string& name);

    /**
     * \brief Which realm has a computer at an address, among every realm alive (a reverse DNS
     * lookup: it also finds computers of realms nobody trusts).
     * \param address an address
     * \param[out] computerName receives the computer's name, or "" if none
     * \return the realm, or nullptr
     */
    static Ptr<KerberosRealm> FindAnyByAddress(Ipv4Address address, std::string& computerName);

  private:
    /** One computer account. */
    struct Account
    {
        std::vector<uint8_t> rc4Key; //!< RC4-HMAC key
        std::vector<uint8_t> desKey; //!< DES-CBC-MD5 key
        Ipv4Address address;         //!< current address (0.0.0.0: none)
    };

    /** Register in the table after checking the name. */
    void Register();
    /**
     * Give an address to a computer, taking it from any other.
     * \param computerName the computer
     * \param address the address
     */
    void Assign(const std::string& computerName, Ipv4Address address);

    std::string m_name;                          //!< realm name
    std::vector<uint8_t> m_secret;               //!< realm secret
    std::map<std::string, Account> m_accounts;   //!< the directory, by computer name
    std::map<uint32_t, std::string> m_byAddress; //!< the DNS records, address to name
    std::set<std::string> m_trusted;             //!< names of trusted realms
    std::vector<uint8_t> m_tgsRc4Key;            //!< krbtgt's RC4-HMAC key
    std::vector<uint8_t> m_tgsDesKey;            //!< krbtgt's DES-CBC-MD5 key

    /**
     * \param account an account name
     * \return its password (hex of an HMAC of the realm secret)
     */
    std::string Password(const std::string& account) const;
};

} // namespace ns3

#endif /* KERBEROS_REALM_H */
