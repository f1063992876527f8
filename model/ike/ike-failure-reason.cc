/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ike-failure-reason.h"

namespace ns3
{

std::string
IkeFailureReasonToString(IkeFailureReason reason)
{
    switch (reason)
    {
    case IkeFailureReason::NO_ROUTE:
        return "no-route";
    case IkeFailureReason::NO_USABLE_METHOD:
        return "no-usable-method";
    case IkeFailureReason::NO_RESPONSE:
        return "no-response";
    case IkeFailureReason::NO_RESPONSE_FELL_BACK:
        return "no-response (fell back to clear)";
    case IkeFailureReason::TIMEOUT:
        return "timeout";
    case IkeFailureReason::NO_PROPOSAL_CHOSEN:
        return "no-proposal-chosen";
    case IkeFailureReason::DH_GROUP_MISMATCH:
        return "dh-group-mismatch";
    case IkeFailureReason::AUTH_METHOD_MISMATCH:
        return "auth-method-mismatch";
    case IkeFailureReason::MODE_MISMATCH:
        return "mode-mismatch";
    case IkeFailureReason::PFS_MISMATCH:
        return "pfs-mismatch";
    case IkeFailureReason::BAD_PROPOSAL:
        return "bad-proposal";
    case IkeFailureReason::MALFORMED:
        return "malformed";
    case IkeFailureReason::INVALID_KEY_EXCHANGE:
        return "invalid-key-exchange";
    case IkeFailureReason::AUTHENTICATION_FAILED:
        return "authentication-failed";
    case IkeFailureReason::IDENTITY_MISMATCH:
        return "identity-mismatch";
    case IkeFailureReason::CERTIFICATE:
        return "certificate";
    case IkeFailureReason::NO_ACCEPTABLE_CERTIFICATE:
        return "no-acceptable-certificate";
    case IkeFailureReason::KERBEROS:
        return "kerberos";
    case IkeFailureReason::PEER_NOTIFICATION:
        return "peer";
    case IkeFailureReason::ADDRESS_CHANGE:
        return "address-change";
    case IkeFailureReason::FILTER_REMOVED:
        return "filter-removed";
    case IkeFailureReason::NO_MATCHING_FILTER:
        return "no-matching-filter";
    case IkeFailureReason::TUNNEL_ENDPOINT_MISMATCH:
        return "tunnel-endpoint-mismatch";
    case IkeFailureReason::SA_INSTALL_FAILED:
        return "sa-install-failed";
    case IkeFailureReason::MAIN_MODE_DELETED:
        return "main-mode-deleted";
    case IkeFailureReason::NAT_NOT_ALLOWED:
        return "nat-not-allowed";
    case IkeFailureReason::UNKNOWN_ENCAPSULATION:
        return "unknown-encapsulation-mode";
    }
    return "unknown";
}

std::string
IkeFailure::ToString() const
{
    switch (reason)
    {
    case IkeFailureReason::CERTIFICATE:
    case IkeFailureReason::KERBEROS:
    case IkeFailureReason::PEER_NOTIFICATION:
        return IkeFailureReasonToString(reason) + ": " + detail;
    default:
        return IkeFailureReasonToString(reason);
    }
}

IsakmpNotifyType
IkeFailure::GetAuthenticationNotify() const
{
    switch (reason)
    {
    case IkeFailureReason::IDENTITY_MISMATCH:
        return IsakmpNotifyType::INVALID_ID_INFORMATION;
    case IkeFailureReason::CERTIFICATE:
        return IsakmpNotifyType::INVALID_CERTIFICATE;
    default:
        return IsakmpNotifyType::AUTHENTICATION_FAILED;
    }
}

bool
IkeFailure::IsAuthenticationFailure() const
{
    switch (reason)
    {
    case IkeFailureReason::AUTHENTICATION_FAILED:
    case IkeFailureReason::IDENTITY_MISMATCH:
    case IkeFailureReason::CERTIFICATE:
    case IkeFailureReason::NO_ACCEPTABLE_CERTIFICATE:
    case IkeFailureReason::KERBEROS:
        return true;
    case IkeFailureReason::PEER_NOTIFICATION:
        // The detail is the notification's name as IsakmpNotifyTypeToString gives it.
        for (IsakmpNotifyType type : {IsakmpNotifyType::AUTHENTICATION_FAILED,
                                      IsakmpNotifyType::INVALID_SIGNATURE,
                                      IsakmpNotifyType::INVALID_HASH_INFORMATION,
                                      IsakmpNotifyType::INVALID_ID_INFORMATION,
                                      IsakmpNotifyType::INVALID_CERTIFICATE,
                                      IsakmpNotifyType::INVALID_CERT_AUTHORITY,
                                      IsakmpNotifyType::CERT_TYPE_UNSUPPORTED,
                                      IsakmpNotifyType::CERTIFICATE_UNAVAILABLE})
        {
            if (detail == IsakmpNotifyTypeToString(type))
            {
                return true;
            }
        }
        return false;
    default:
        return false;
    }
}

} // namespace ns3
