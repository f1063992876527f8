/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef IKE_FAILURE_REASON_H
#define IKE_FAILURE_REASON_H

#include "ns3/isakmp-payloads.h"

#include <cstddef>
#include <cstdint>
#include <string>

namespace ns3
{

/**
 * \ingroup ipsec
 * \brief Why a main mode or quick mode failed. The text (IkeFailureReasonToString) is what the
 *        trace sources and the printed output carry.
 */
enum class IkeFailureReason : uint8_t
{
    NO_ROUTE,                 //!< "no-route": no local address towards the peer
    NO_USABLE_METHOD,         //!< "no-usable-method": the OS profile left no security method
    NO_RESPONSE,              //!< "no-response": the peer never answered
    NO_RESPONSE_FELL_BACK,    //!< "no-response (fell back to clear)"
    TIMEOUT,                  //!< "timeout": the peer stopped answering
    NO_PROPOSAL_CHOSEN,       //!< "no-proposal-chosen"
    DH_GROUP_MISMATCH,        //!< "dh-group-mismatch": only the group differs
    AUTH_METHOD_MISMATCH,     //!< "auth-method-mismatch": no authentication method in common
    MODE_MISMATCH,            //!< "mode-mismatch": transport against tunnel
    PFS_MISMATCH,             //!< "pfs-mismatch": this node wants PFS, the offer has none
    BAD_PROPOSAL,             //!< "bad-proposal": the responder's choice was not offered
    MALFORMED,                //!< "malformed": payloads missing or out of bounds
    INVALID_KEY_EXCHANGE,     //!< "invalid-key-exchange": a bad Diffie-Hellman value
    AUTHENTICATION_FAILED,    //!< "authentication-failed"
    IDENTITY_MISMATCH,        //!< "identity-mismatch": the proof is right, the identity not
    CERTIFICATE,              //!< "certificate: <detail>": the peer's chain does not verify
    NO_ACCEPTABLE_CERTIFICATE, //!< "no-acceptable-certificate": none chains to a root asked for
    KERBEROS,                 //!< "kerberos: <detail>": no ticket, or the ticket is refused
    PEER_NOTIFICATION,        //!< "peer: <NOTIFY-TYPE>": the peer refused
    ADDRESS_CHANGE,           //!< "address-change": this node lost the address
    FILTER_REMOVED,           //!< "filter-removed": the Negotiate filter went meanwhile
    NO_MATCHING_FILTER,       //!< "no-matching-filter": no Negotiate filter for the identities
    TUNNEL_ENDPOINT_MISMATCH, //!< "tunnel-endpoint-mismatch"
    SA_INSTALL_FAILED,        //!< "sa-install-failed": the driver refused the SAs
    MAIN_MODE_DELETED,        //!< "main-mode-deleted": the peer deleted the main mode SA
    NAT_NOT_ALLOWED,          //!< "nat-not-allowed": NAT-D found the responder behind a NAT
                              //!< and AssumeUDPEncapsulationContextOnSendRule forbids it
    UNKNOWN_ENCAPSULATION,    //!< "unknown-encapsulation-mode": a quick mode transform's
                              //!< encapsulation mode is none of 1-4, 61443, 61444, or a
                              //!< UDP mode without NAT traversal
};

/** The number of IkeFailureReason values (keep UNKNOWN_ENCAPSULATION the last one). */
constexpr size_t IKE_FAILURE_REASON_COUNT =
    static_cast<size_t>(IkeFailureReason::UNKNOWN_ENCAPSULATION) + 1;

/**
 * \param reason a failure reason
 * \return its text without detail (e.g. "certificate" for CERTIFICATE)
 */
std::string IkeFailureReasonToString(IkeFailureReason reason);

/**
 * \ingroup ipsec
 * \brief A failure reason with, for the kinds that have one, its detail.
 */
struct IkeFailure
{
    IkeFailureReason reason{IkeFailureReason::AUTHENTICATION_FAILED}; //!< the kind
    std::string detail; //!< the certificate or Kerberos error, or the peer's notification

    /** \return the text traced and printed: "<reason>" or "<reason>: <detail>" */
    std::string ToString() const;

    /** \return the notification that tells the peer about a failed authentication */
    IsakmpNotifyType GetAuthenticationNotify() const;

    /**
     * \return true if the main mode failed authenticating: this node refused the peer's
     *         proof, identity, certificate or ticket, or could not get its own proof
     *         (authentication-failed, identity-mismatch, certificate, no-acceptable-
     *         certificate, kerberos), or the peer said it refused this node's (a notification
     *         AUTHENTICATION-FAILED, INVALID-SIGNATURE, INVALID-HASH-INFORMATION,
     *         INVALID-ID-INFORMATION, INVALID-CERTIFICATE, INVALID-CERT-AUTHORITY,
     *         CERT-TYPE-UNSUPPORTED or CERTIFICATE-UNAVAILABLE)
     */
    bool IsAuthenticationFailure() const;
};

} // namespace ns3

#endif /* IKE_FAILURE_REASON_H */
