/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ike-credentials.h"

#include "ike-rsa.h"

#include "ns3/abort.h"

#include <cryptopp/integer.h>

namespace ns3
{

IkeCredentials::IkeCredentials(Ptr<IkeCertificate> certificate,
                               const CryptoPP::InvertibleRSAFunction& privateKey,
                               const std::vector<Ptr<IkeCertificate>>& chain)
    : m_certificate(certificate),
      m_key(privateKey),
      m_chain(chain)
{
    NS_ABORT_MSG_IF(!m_certificate, "credentials need a certificate");
    NS_ABORT_MSG_IF(
        m_key.GetModulus() != m_certificate->GetPublicKey().GetModulus() ||
            m_key.GetPublicExponent() != m_certificate->GetPublicKey().GetPublicExponent(),
        "the private key does not match the certificate of " << m_certificate->GetSubject());
}

Ptr<IkeCertificate>
IkeCredentials::GetCertificate() const
{
    return m_certificate;
}

const std::vector<Ptr<IkeCertificate>>&
IkeCredentials::GetChain() const
{
    return m_chain;
}

Ptr<IkeCertificate>
IkeCredentials::GetRoot() const
{
    return m_chain.empty() ? m_certificate : m_chain.back();
}

std::vector<uint8_t>
IkeCredentials::SignHash(const std::vector<uint8_t>& hash) const
{
    size_t k = m_key.GetModulus().ByteCount();
    NS_ABORT_MSG_IF(hash.empty() || hash.size() + 11 > k,
                    "cannot sign a hash of " << hash.size() << " bytes with a " << k
                                             << "-byte RSA key");
    std::vector<uint8_t> block = IkeRsaSignatureBlock(hash, k);
    CryptoPP::Integer m(block.data(), block.size());
    CryptoPP::Integer s = m_key.CalculateInverse(IkeRsaBlinding(), m);
    std::vector<uint8_t> signature(k);
    s.Encode(signature.data(), signature.size());
    return signature;
}

} // namespace ns3
