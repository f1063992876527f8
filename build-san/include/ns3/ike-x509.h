/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef IKE_X509_H
#define IKE_X509_H

#include <cryptopp/asn.h>

#include <cstdint>

namespace ns3
{

/**
 * \ingroup ipsec
 * \brief The X.509 (RFC 5280) vocabulary the certificate parser and the CA share: object
 * identifiers and the context-specific tags of a TBSCertificate.
 */
struct IkeX509
{
    /** [0] EXPLICIT Version */
    static constexpr uint8_t TAG_VERSION = 0xa0;
    /** [1] IMPLICIT issuerUniqueID */
    static constexpr uint8_t TAG_ISSUER_UNIQUE_ID = 0x81;
    /** [2] IMPLICIT subjectUniqueID */
    static constexpr uint8_t TAG_SUBJECT_UNIQUE_ID = 0x82;
    /** [3] EXPLICIT Extensions */
    static constexpr uint8_t TAG_EXTENSIONS = 0xa3;

    /** \return sha1WithRSAEncryption, 1.2.840.113549.1.1.5 */
    static CryptoPP::OID Sha1WithRsaOid();
    /** \return id-at-commonName, 2.5.4.3 */
    static CryptoPP::OID CommonNameOid();
    /** \return id-ce-basicConstraints, 2.5.29.19 */
    static CryptoPP::OID BasicConstraintsOid();
    /** \return id-ce-keyUsage, 2.5.29.15 */
    static CryptoPP::OID KeyUsageOid();
    /** \return id-ce-subjectKeyIdentifier, 2.5.29.14 */
    static CryptoPP::OID SubjectKeyIdentifierOid();
    /** \return id-ce-authorityKeyIdentifier, 2.5.29.35 */
    static CryptoPP::OID AuthorityKeyIdentifierOid();
};

} // namespace ns3

#endif /* IKE_X509_H */
