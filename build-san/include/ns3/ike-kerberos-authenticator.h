/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef IKE_KERBEROS_AUTHENTICATOR_H
#define IKE_KERBEROS_AUTHENTICATOR_H

#include "ns3/ike-psk-authenticator.h"

#include <memory>

namespace ns3
{

/**
 * \ingroup ipsec
 * \brief Kerberos authentication (Windows' GSS-API method 65001): after message 2 the initiator
 *        gets a service ticket for the peer from its domain controller and sends it in message
 *        3; the responder opens it with its own key. The ticket's session key then plays the
 *        preshared key's part (SKEYID, HASH_I / HASH_R).
 */
class IkeKerberosAuthenticator : public IkePskAuthenticator,
                                 public std::enable_shared_from_this<IkeKerberosAuthenticator>
{
  public:
    /** \param settings the node's credentials (outlive this) */
    explicit IkeKerberosAuthenticator(const IkeAuthSettings& settings);

    IkeAuthKind GetKind() const override;
    Preparation Prepare(Ipv4Address peer, PreparedCallback done, IkeFailure& failure) override;
    void AddKeyExchangePayloads(IsakmpMessage& message, bool initiator) const override;
    bool AcceptKeyExchange(const IsakmpMessage& message, IkeFailure& failure) override;

  protected:
    std::vector<uint8_t> GetSecret() const override;

  private:
    std::vector<uint8_t> m_ticket;     //!< initiator: the ticket for the peer
    std::vector<uint8_t> m_sessionKey; //!< the ticket's session key
};

} // namespace ns3

#endif /* IKE_KERBEROS_AUTHENTICATOR_H */
