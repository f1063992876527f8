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
 *        gets a service ticket for the peer from its domain controller (AS and TGS exchanges
 *        on UDP 88, RFC 4120) and sends an AP-REQ over it in message 3; the responder checks
 *        it with its own key and answers with an AP-REP in message 4 (mutual authentication),
 *        which the initiator checks. Both travel as RFC 4120 DER in a GSS payload (private type
 *        129, draft-ietf-ipsec-isakmp-gss-auth-07; doc/ike.md, "Kerberos"). The ticket's session key then plays the
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
    void ReadKeyExchangePayloads(const IsakmpMessage& message) override;

    /** \return initiator: true once the responder's AP-REP checked (mutual authentication) */
    bool IsMutuallyAuthenticated() const;

  protected:
    std::vector<uint8_t> GetSecret() const override;

  private:
    KerberosCachedTicket m_ticket;     //!< initiator: the ticket for the peer
    std::vector<uint8_t> m_apRequest;  //!< initiator: the AP-REQ of message 3
    int64_t m_ctime{0};                //!< initiator: its authenticator's time
    uint32_t m_cusec{0};               //!< and microseconds
    bool m_mutual{false};              //!< initiator: the AP-REP checked
    std::vector<uint8_t> m_apReply;    //!< responder: the AP-REP of message 4
    std::vector<uint8_t> m_sessionKey; //!< the ticket's session key
};

} // namespace ns3

#endif /* IKE_KERBEROS_AUTHENTICATOR_H */
