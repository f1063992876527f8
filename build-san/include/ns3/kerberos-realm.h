/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef KERBEROS_REALM_H
#define KERBEROS_REALM_H

#include "ns3/ipv4-address.h"
#include "ns3/ptr.h"
#include "ns3/simple-ref-count.h"

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <vector>

// A Windows domain as Kerberos sees it (the realm, its directory of computer accounts and its
// trusts), and the one encryption type of this simplified Kerberos. See doc/ike.md, "Kerberos".

namespace CryptoPP
{
class RandomNumberGenerator;
} // namespace CryptoPP

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
 * Kerberos keys from it; the domain controllers hold the same keys. Here the long-term key of
 * a computer is HMAC-SHA1(realm secret, "ns3-ipsec kerberos computer key" | 0 | realm | 0 |
 * name): deterministic, different for every computer and realm, and known only through the
 * realm object. The KDC on the domain controller and the computer itself both read it with
 * GetKey; nothing else in a simulation should.
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
     * \return its long-term key (20 bytes), or an empty vector if it has not joined
     */
    std::vector<uint8_t> GetKey(const std::string& computerName) const;

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
        std::vector<uint8_t> key; //!< long-term key
        Ipv4Address address;      //!< current address (0.0.0.0: none)
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
};

/**
 * \ingroup ipsec
 * \brief Key usage numbers: each use of a long-term or session key gets its own derived keys
 * (the idea of RFC 3961 key usages; the numbers are RFC 4120's for the matching messages).
 */
enum class KerberosKeyUsage : uint32_t
{
    TICKET = 2,        //!< a ticket's encrypted part, under the service's key
    REPLY = 3,         //!< the client's part of a reply, under the client's key
    AUTHENTICATOR = 7, //!< the authenticator of a request, under the client's key
};

/** Bytes of a long-term key. */
constexpr uint32_t KERBEROS_KEY_LENGTH = 20;
/** Bytes of a session key (AES-128). */
constexpr uint32_t KERBEROS_SESSION_KEY_LENGTH = 16;
/** Bytes of the random IV in front of every encrypted blob. */
constexpr uint32_t KERBEROS_IV_LENGTH = 16;
/** Bytes of the HMAC-SHA1-96 tag behind every encrypted blob. */
constexpr uint32_t KERBEROS_MAC_LENGTH = 12;

/**
 * \brief Bytes an encrypted blob of a plaintext takes: IV, the plaintext padded to the AES
 * block with 1 to 16 bytes (PKCS #7), and the MAC.
 * \param plaintextLength bytes of plaintext
 * \return bytes of the blob
 */
uint32_t KerberosEncryptedLength(uint32_t plaintextLength);

/**
 * \brief Encrypt then MAC, with keys derived from \p key for one key usage:
 * Ke = first 16 bytes of HMAC-SHA1(key, "encryption" | usage), Ki = HMAC-SHA1(key,
 * "integrity" | usage) (usage as 4 bytes, big-endian); blob = IV | AES-128-CBC(Ke, IV,
 * plaintext | PKCS #7 padding) | HMAC-SHA1-96(Ki, IV | ciphertext).
 * \param key a long-term key (or any key)
 * \param usage the key usage
 * \param plaintext the plaintext
 * \param rng source of the IV
 * \return the blob
 */
std::vector<uint8_t> KerberosEncrypt(const std::vector<uint8_t>& key,
                                     KerberosKeyUsage usage,
                                     const std::vector<uint8_t>& plaintext,
                                     CryptoPP::RandomNumberGenerator& rng);

/**
 * \brief Check the MAC of a blob, then decrypt it and remove the padding.
 * \param key the key it was encrypted under
 * \param usage the key usage
 * \param blob the blob, of any length (bad input is refused, never trusted)
 * \param[out] plaintext receives the plaintext; cleared on failure
 * \return false if the blob is too short or misaligned, the MAC does not match or the
 *         padding is wrong
 */
bool KerberosDecrypt(const std::vector<uint8_t>& key,
                     KerberosKeyUsage usage,
                     const std::vector<uint8_t>& blob,
                     std::vector<uint8_t>& plaintext);

} // namespace ns3

#endif /* KERBEROS_REALM_H */
