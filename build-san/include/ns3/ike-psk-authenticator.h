/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef IKE_PSK_AUTHENTICATOR_H
#define IKE_PSK_AUTHENTICATOR_H

#include "ns3/ike-authenticator.h"

namespace ns3
{

/**
 * \ingroup ipsec
 * \brief Preshared key authentication: SKEYID = prf(key, Ni | Nr); HASH_I / HASH_R over an
 *        IPv4 identity prove it.
 */
class IkePskAuthenticator : public IkeAuthenticator
{
  public:
    /** \param settings the node's credentials (outlive this) */
    explicit IkePskAuthenticator(const IkeAuthSettings& settings);

    IkeAuthKind GetKind() const override;
    std::vector<uint8_t> MakeSkeyid(IkeHashAlgorithm hash,
                                    const std::vector<uint8_t>& ni,
                                    const std::vector<uint8_t>& nr,
                                    const std::vector<uint8_t>& gxy) const override;
    std::vector<IsakmpPayload> MakeIdentityAndProof(const IkeProofContext& context,
                                                    IkeFailure& failure) const override;
    bool CheckIdentityAndProof(const IkeProofContext& context,
                               const std::vector<IsakmpPayload>& payloads,
                               IkeFailure& failure) const override;

  protected:
    /** \return the secret that keys SKEYID (here the preshared key) */
    virtual std::vector<uint8_t> GetSecret() const;

    const IkeAuthSettings& m_settings; //!< the node's credentials
};

} // namespace ns3

#endif /* IKE_PSK_AUTHENTICATOR_H */
