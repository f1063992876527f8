/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef IKE_CONFIG_H
#define IKE_CONFIG_H

#include "ns3/ike-dh.h"
#include "ns3/ipsec-algorithms.h"
#include "ns3/ipsec-sa.h"
#include "ns3/isakmp-payloads.h"

#include <ostream>
#include <string>
#include <vector>

namespace ns3
{

/**
 * \ingroup ipsec
 * \brief A main mode security method: how the IKE SA itself is protected.
 *
 * Text form `<cipher>-<hash>-<group>`, e.g. `3des-sha1-2`: cipher des|3des|aes128|aes256,
 * hash md5|sha1|sha256, group 1|2|2048 (14 is accepted for 2048).
 */
struct IkeMainModeMethod
{
    IpsecEncryption encryption{IpsecEncryption::TRIPLE_DES_CBC}; //!< main mode cipher
    IkeHashAlgorithm hash{IKE_HASH_SHA};                         //!< hash and PRF
    IkeDhGroup group{IkeDhGroup::MODP_1024};                     //!< Diffie-Hellman group

    /** \return the text form */
    std::string ToString() const;

    /**
     * \param other another method
     * \return true if both are the same
     */
    bool operator==(const IkeMainModeMethod& other) const;
};

/**
 * \ingroup ipsec
 * \brief A quick mode security method (a Windows filter action's "security method").
 *
 * Text form `esp-<cipher>-<integrity>` or `ah-<integrity>`, e.g. `esp-3des-sha1`,
 * `esp-aes128gcm` (no integrity with GCM), `esp-null-md5`, `ah-sha1`.
 */
struct IkeQuickModeOffer
{
    IpsecProtocol protocol{IpsecProtocol::ESP};                  //!< ESP or AH
    IpsecEncryption encryption{IpsecEncryption::TRIPLE_DES_CBC}; //!< ESP cipher
    IpsecIntegrity integrity{IpsecIntegrity::HMAC_SHA1_96};      //!< integrity algorithm

    /** \return the text form */
    std::string ToString() const;

    /**
     * \param other another offer
     * \return true if both are the same
     */
    bool operator==(const IkeQuickModeOffer& other) const;
};

/** \ingroup ipsec \brief IKE authentication methods (one is used per computer pair). */
enum class IkeAuthKind : uint8_t
{
    PRESHARED_KEY, //!< "psk": a shared secret string
    CERTIFICATE,   //!< "cert": computer certificates from a (simulated) PKI
    KERBEROS,      //!< "kerberos": Kerberos V5 tickets from a domain controller
};

/** \ingroup ipsec \brief Perfect forward secrecy for quick mode keys. */
enum class IkePfs : uint8_t
{
    NONE,    //!< quick mode keys derive from the main mode secret
    SESSION, //!< session key PFS: a new Diffie-Hellman exchange in every quick mode
    MASTER,  //!< master key PFS: a new main mode (and authentication) for every quick mode
};

/**
 * \param text comma-separated methods, most preferred first
 * \return the methods
 * \throws IpsecConfigError naming the offending entry
 */
std::vector<IkeMainModeMethod> IkeParseMainModeMethods(const std::string& text);

/**
 * \param text comma-separated offers, most preferred first
 * \return the offers
 * \throws IpsecConfigError naming the offending entry
 */
std::vector<IkeQuickModeOffer> IkeParseQuickModeOffers(const std::string& text);

/**
 * \param text comma-separated methods psk|cert|kerberos, most preferred first
 * \return the methods
 * \throws IpsecConfigError naming the offending entry
 */
std::vector<IkeAuthKind> IkeParseAuthMethods(const std::string& text);

/**
 * \param text none|session|master
 * \return the PFS setting
 * \throws IpsecConfigError with field "pfs"
 */
IkePfs IkeParsePfs(const std::string& text);

/**
 * \param group a DH group
 * \return its Windows/netsh name: 1, 2 or 2048
 */
std::string IkeDhGroupName(IkeDhGroup group);

/**
 * \param text 1, 2, 2048 or 14
 * \return the group
 * \throws IpsecConfigError with field "dh"
 */
IkeDhGroup IkeParseDhGroup(const std::string& text);

/** \param kind an authentication method \return its name (psk, cert, kerberos) */
std::string IkeAuthKindToString(IkeAuthKind kind);

/** \param kind an authentication method \return the IKE attribute value sent for it */
uint16_t IkeAuthKindToAttribute(IkeAuthKind kind);

/** \param pfs a PFS setting \return its name */
std::string IkePfsToString(IkePfs pfs);

/** \param hash a main mode hash \return its name (md5, sha1, sha256) */
std::string IkeHashName(IkeHashAlgorithm hash);

/**
 * \param os the stream
 * \param method a main mode method
 * \return the stream
 */
std::ostream& operator<<(std::ostream& os, const IkeMainModeMethod& method);

/**
 * \param os the stream
 * \param offer a quick mode offer
 * \return the stream
 */
std::ostream& operator<<(std::ostream& os, const IkeQuickModeOffer& offer);

} // namespace ns3

#endif /* IKE_CONFIG_H */
