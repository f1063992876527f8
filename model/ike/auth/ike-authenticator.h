/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef IKE_AUTHENTICATOR_H
#define IKE_AUTHENTICATOR_H

#include "ns3/ike-config.h"
#include "ns3/ike-failure-reason.h"
#include "ns3/ike-keys.h"
#include "ns3/ike-pki.h"
#include "ns3/ipv4-address.h"
#include "ns3/isakmp-payloads.h"
#include "ns3/kerberos-client.h"
#include "ns3/kerberos-realm.h"
#include "ns3/ptr.h"

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace ns3
{

/**
 * \ingroup ipsec
 * \brief A node's credentials for every authentication method (kept by its IkeService).
 */
struct IkeAuthSettings
{
    std::string preSharedKey;              //!< preshared key
    bool excludeCaName{false};             //!< certificate requests name no CA
    Ptr<IkeCredentials> credentials;       //!< this computer's certificate
    std::vector<Ptr<IkeCertificate>> trustedRoots; //!< root CAs accepted from peers
    Ptr<KerberosRealm> realm;              //!< Windows domain (Kerberos)
    std::string computerName;              //!< account name in realm
    Ipv4Address domainController;          //!< where tickets come from
    Ptr<KerberosClient> kerberos;          //!< ticket requests
};

/**
 * \ingroup ipsec
 * \brief What an authenticator needs of the main mode exchange it serves (messages 5 and 6).
 */
struct IkeProofContext
{
    Ipv4Address local; //!< this node's address
    Ipv4Address peer;  //!< the peer's address
    /**
     * NAT-D found the peer behind a NAT (RFC 3947): its IPv4 identity is the address it knows
     * itself by, not the translated one this node sees, so the two are not compared (the
     * proof still is).
     */
    bool peerBehindNat{false};
    /** HASH_I or HASH_R of this node over an identity payload body. */
    std::function<std::vector<uint8_t>(const std::vector<uint8_t>&)> ownProof;
    /** The one expected of the peer over its identity payload body. */
    std::function<std::vector<uint8_t>(const std::vector<uint8_t>&)> peerProof;
};

/**
 * \ingroup ipsec
 * \brief One main mode authentication method (RFC 2409 5.1-5.4), for one exchange: what it
 *        adds to messages 3 and 4, how it keys SKEYID, and the identity and proof of messages
 *        5 and 6. Made by IkeAuthenticatorFactory once the method is agreed; it keeps its own
 *        per-exchange state and dies with the exchange.
 */
class IkeAuthenticator
{
  public:
    /** Whether the initiator may send message 3 at once (Prepare). */
    enum class Preparation : uint8_t
    {
        READY,   //!< nothing to obtain first
        PENDING, //!< obtaining it; the callback follows
        FAILED,  //!< cannot be obtained
    };

    /** Called when what message 3 needs arrives (ok) or cannot (the failure). */
    using PreparedCallback = std::function<void(bool ok, const IkeFailure& failure)>;

    virtual ~IkeAuthenticator();

    /** \return the method */
    virtual IkeAuthKind GetKind() const = 0;

    /**
     * \brief Initiator, after message 2: obtain what message 3 needs (a Kerberos ticket).
     * \param peer the peer
     * \param done called later if PENDING (never from inside this call)
     * \param failure out, if FAILED
     * \return READY, PENDING or FAILED
     */
    virtual Preparation Prepare(Ipv4Address peer, PreparedCallback done, IkeFailure& failure);

    /**
     * \brief Add this method's payloads to message 3 or 4 (certificate requests, the ticket).
     * \param message the message
     * \param initiator this node started the exchange (message 3)
     */
    virtual void AddKeyExchangePayloads(IsakmpMessage& message, bool initiator) const;

    /**
     * \brief Read what the peer's message 3 or 4 says for this method (certificate requests).
     * \param message the message
     */
    virtual void ReadKeyExchangePayloads(const IsakmpMessage& message);

    /**
     * \brief Responder, message 3: check what the initiator sent for this method (a ticket).
     * \param message the message
     * \param failure out, on failure
     * \return false to fail the exchange (AUTHENTICATION-FAILED)
     */
    virtual bool AcceptKeyExchange(const IsakmpMessage& message, IkeFailure& failure);

    /**
     * \param hash the main mode hash
     * \param ni the initiator nonce
     * \param nr the responder nonce
     * \param gxy the Diffie-Hellman shared secret
     * \return SKEYID
     */
    virtual std::vector<uint8_t> MakeSkeyid(IkeHashAlgorithm hash,
                                            const std::vector<uint8_t>& ni,
                                            const std::vector<uint8_t>& nr,
                                            const std::vector<uint8_t>& gxy) const = 0;

    /**
     * \brief The payloads of message 5 or 6: identity and proof.
     * \param context the exchange
     * \param failure out, if none can be made
     * \return the payloads, empty on failure (CERTIFICATE-UNAVAILABLE)
     */
    virtual std::vector<IsakmpPayload> MakeIdentityAndProof(const IkeProofContext& context,
                                                            IkeFailure& failure) const = 0;

    /**
     * \brief Check the peer's message 5 or 6.
     * \param context the exchange
     * \param payloads the decrypted payloads
     * \param failure out, on failure
     * \return true if the peer proved its identity
     */
    virtual bool CheckIdentityAndProof(const IkeProofContext& context,
                                       const std::vector<IsakmpPayload>& payloads,
                                       IkeFailure& failure) const = 0;
};

} // namespace ns3

#endif /* IKE_AUTHENTICATOR_H */
