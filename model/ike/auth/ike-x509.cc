/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ike-x509.h"

namespace ns3
{

CryptoPP::OID
IkeX509::Sha1WithRsaOid()
{
    return CryptoPP::OID(1) + 2 + 840 + 113549 + 1 + 1 + 5;
}

CryptoPP::OID
IkeX509::CommonNameOid()
{
    return CryptoPP::OID(2) + 5 + 4 + 3;
}

CryptoPP::OID
IkeX509::BasicConstraintsOid()
{
    return CryptoPP::OID(2) + 5 + 29 + 19;
}

CryptoPP::OID
IkeX509::KeyUsageOid()
{
    return CryptoPP::OID(2) + 5 + 29 + 15;
}

CryptoPP::OID
IkeX509::SubjectKeyIdentifierOid()
{
    return CryptoPP::OID(2) + 5 + 29 + 14;
}

CryptoPP::OID
IkeX509::AuthorityKeyIdentifierOid()
{
    return CryptoPP::OID(2) + 5 + 29 + 35;
}

} // namespace ns3
