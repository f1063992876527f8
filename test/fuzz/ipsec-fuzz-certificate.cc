/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// Fuzz target: X.509 certificates in DER, as IKE reads them from CERT payloads (strict DER
// reader, names, RSA key, signature). Properties: a certificate that parses keeps exactly the
// bytes it was given and parses again from them; its checks (self-signature, a signature over
// a hash) answer without crashing.

#include "ipsec-fuzz.h"

#include "ns3/ike-certificate-authority.h"
#include "ns3/ike-certificate.h"
#include "ns3/ike-credentials.h"

#include <cryptopp/osrng.h>

using namespace ns3;

extern "C" int
LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    std::vector<uint8_t> der(data, data + size);
    std::string error;
    Ptr<IkeCertificate> certificate = IkeCertificate::Parse(der, error);
    if (!certificate)
    {
        IPSEC_FUZZ_CHECK(!error.empty());
        return 0;
    }
    ++g_ipsecFuzzAccepted;
    IPSEC_FUZZ_CHECK(certificate->GetDer() == der);
    std::string againError;
    IPSEC_FUZZ_CHECK(IkeCertificate::Parse(certificate->GetDer(), againError));
    certificate->GetSubject();
    certificate->GetIssuer();
    certificate->IsSelfSigned();
    std::vector<uint8_t> hash(20, 0x42);
    std::vector<uint8_t> signature(certificate->GetKeyBits() / 8, 0x17);
    certificate->VerifyHash(hash, signature);
    return 0;
}

std::vector<std::vector<uint8_t>>
IpsecFuzzSeeds()
{
    // A root, a subordinate and a computer certificate, at the smallest and the default key
    // size.
    CryptoPP::AutoSeededRandomPool rng;
    std::vector<std::vector<uint8_t>> seeds;
    for (uint32_t bits : {IKE_RSA_MIN_KEY_BITS, IKE_RSA_DEFAULT_KEY_BITS})
    {
        Ptr<IkeCertificateAuthority> root =
            IkeCertificateAuthority::CreateRoot("Contoso Root CA", rng, bits);
        Ptr<IkeCertificateAuthority> sub = root->CreateSubordinate("Contoso Issuing CA", rng);
        Ptr<IkeCredentials> host = sub->Issue("server1", rng);
        seeds.push_back(root->GetCertificate()->GetDer());
        seeds.push_back(sub->GetCertificate()->GetDer());
        seeds.push_back(host->GetCertificate()->GetDer());
    }
    return seeds;
}

std::vector<std::string>
IpsecFuzzDictionary()
{
    return {};
}
