/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef IKE_PKI_H
#define IKE_PKI_H

// A simulated public key infrastructure for IKE certificate authentication (RFC 2409 5.1,
// RFC 4945): certificate authorities that issue computer certificates, as an Active Directory
// enterprise CA does for Windows IPsec.
//
// The cryptography is real. Keys are RSA keys made with Crypto++, certificates are DER X.509 v3
// certificates (RFC 5280) signed with sha1WithRSAEncryption, and openssl or Wireshark read them
// like any other certificate. What is fixed: validity runs from 2006-01-01 to 2036-01-01 on every
// certificate (a simulation has no wall clock to check it against), names are a single common
// name, and there is no revocation. Keys come from the caller's random source, so with an
// IkeRandom the same ns-3 seed and run give byte-identical certificates.
//
// Its pieces: ike-der (DER writing and strict reading), ike-x509 (object identifiers and tags),
// ike-rsa (keys, the IKEv1 signature block), ike-certificate (IkeCertificate),
// ike-credentials (IkeCredentials), ike-certificate-authority (IkeCertificateAuthority) and
// ike-chain-check (IkeVerifyChain). This header includes them all.

#include "ns3/ike-certificate-authority.h"
#include "ns3/ike-certificate.h"
#include "ns3/ike-chain-check.h"
#include "ns3/ike-credentials.h"
#include "ns3/ike-rsa.h"

#endif /* IKE_PKI_H */
