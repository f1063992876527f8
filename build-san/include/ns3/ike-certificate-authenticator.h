/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef IKE_CERTIFICATE_AUTHENTICATOR_H
#define IKE_CERTIFICATE_AUTHENTICATOR_H

#include "ns3/ike-authenticator.h"

namespace ns3
{

/**
 * \ingroup ipsec
 * \brief Certificate authentication (RSA signatures): messages 3 and 4 carry a certificate
 *        request per accepted root CA (one empty request with "exclude CA name"); messages 5
 *        and 6 a DN identity, the certificate and its issuing CAs, and the signed HASH_I/R.
 *        SKEYID = prf(Ni | Nr, g^xy).
 */
class IkeCertificateAuthenticator : public IkeAuthenticator
{
  public:
    /** \param settings the node's credentials (outlive this) */
    explicit IkeCertificateAuthenticator(const IkeAuthSettings& settings);

    IkeAuthKind GetKind() const override;
    void AddKeyExchangePayloads(IsakmpMessage& message, bool initiator) const override;
    void ReadKeyExchangePayloads(const IsakmpMessage& message) override;
    std::vector<uint8_t> MakeSkeyid(IkeHashAlgorithm hash,
                                    const std::vector<uint8_t>& ni,
                                    const std::vector<uint8_t>& nr,
                                    const std::vector<uint8_t>& gxy) const override;
    std::vector<IsakmpPayload> MakeIdentityAndProof(const IkeProofContext& context,
                                                    IkeFailure& failure) const override;
    bool CheckIdentityAndProof(const IkeProofContext& context,
                               const std::vector<IsakmpPayload>& payloads,
                               IkeFailure& failure) const override;

  private:
    const IkeAuthSettings& m_settings;         //!< the node's credentials
    std::vector<std::vector<uint8_t>> m_peerCas; //!< root CA names the peer asked for
    bool m_peerAcceptsAnyCa{false};            //!< the peer sent an empty certificate request
};

} // namespace ns3

#endif /* IKE_CERTIFICATE_AUTHENTICATOR_H */
