/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "isakmp-names.h"

#include <sstream>

namespace ns3
{

std::string
IsakmpPayloadTypeToString(IsakmpPayloadType type)
{
    switch (type)
    {
    case IsakmpPayloadType::NONE:
        return "NONE";
    case IsakmpPayloadType::SA:
        return "SA";
    case IsakmpPayloadType::PROPOSAL:
        return "P";
    case IsakmpPayloadType::TRANSFORM:
        return "T";
    case IsakmpPayloadType::KEY_EXCHANGE:
        return "KE";
    case IsakmpPayloadType::IDENTIFICATION:
        return "ID";
    case IsakmpPayloadType::CERTIFICATE:
        return "CERT";
    case IsakmpPayloadType::CERTIFICATE_REQUEST:
        return "CR";
    case IsakmpPayloadType::HASH:
        return "HASH";
    case IsakmpPayloadType::SIGNATURE:
        return "SIG";
    case IsakmpPayloadType::NONCE:
        return "NONCE";
    case IsakmpPayloadType::NOTIFICATION:
        return "N";
    case IsakmpPayloadType::DELETE:
        return "D";
    case IsakmpPayloadType::VENDOR_ID:
        return "VID";
    case IsakmpPayloadType::GSS:
        return "GSS";
    case IsakmpPayloadType::NAT_D:
        return "NAT-D";
    case IsakmpPayloadType::NAT_OA:
        return "NAT-OA";
    case IsakmpPayloadType::NAT_D_DRAFT:
        return "NAT-D(draft)";
    case IsakmpPayloadType::NAT_OA_DRAFT:
        return "NAT-OA(draft)";
    }
    return "unknown(" + std::to_string(static_cast<unsigned>(type)) + ")";
}

std::string
IsakmpExchangeTypeToString(IsakmpExchangeType type)
{
    switch (type)
    {
    case IsakmpExchangeType::NONE:
        return "NONE";
    case IsakmpExchangeType::BASE:
        return "BASE";
    case IsakmpExchangeType::IDENTITY_PROTECTION:
        return "IDENTITY_PROTECTION";
    case IsakmpExchangeType::AUTHENTICATION_ONLY:
        return "AUTHENTICATION_ONLY";
    case IsakmpExchangeType::AGGRESSIVE:
        return "AGGRESSIVE";
    case IsakmpExchangeType::INFORMATIONAL:
        return "INFORMATIONAL";
    case IsakmpExchangeType::QUICK_MODE:
        return "QUICK_MODE";
    case IsakmpExchangeType::NEW_GROUP_MODE:
        return "NEW_GROUP_MODE";
    }
    return "unknown(" + std::to_string(static_cast<unsigned>(type)) + ")";
}

std::string
IsakmpNotifyTypeToString(IsakmpNotifyType type)
{
    switch (type)
    {
    case IsakmpNotifyType::NONE:
        return "NONE";
    case IsakmpNotifyType::INVALID_PAYLOAD_TYPE:
        return "INVALID_PAYLOAD_TYPE";
    case IsakmpNotifyType::DOI_NOT_SUPPORTED:
        return "DOI_NOT_SUPPORTED";
    case IsakmpNotifyType::SITUATION_NOT_SUPPORTED:
        return "SITUATION_NOT_SUPPORTED";
    case IsakmpNotifyType::INVALID_COOKIE:
        return "INVALID_COOKIE";
    case IsakmpNotifyType::INVALID_MAJOR_VERSION:
        return "INVALID_MAJOR_VERSION";
    case IsakmpNotifyType::INVALID_MINOR_VERSION:
        return "INVALID_MINOR_VERSION";
    case IsakmpNotifyType::INVALID_EXCHANGE_TYPE:
        return "INVALID_EXCHANGE_TYPE";
    case IsakmpNotifyType::INVALID_FLAGS:
        return "INVALID_FLAGS";
    case IsakmpNotifyType::INVALID_MESSAGE_ID:
        return "INVALID_MESSAGE_ID";
    case IsakmpNotifyType::INVALID_PROTOCOL_ID:
        return "INVALID_PROTOCOL_ID";
    case IsakmpNotifyType::INVALID_SPI:
        return "INVALID_SPI";
    case IsakmpNotifyType::INVALID_TRANSFORM_ID:
        return "INVALID_TRANSFORM_ID";
    case IsakmpNotifyType::ATTRIBUTES_NOT_SUPPORTED:
        return "ATTRIBUTES_NOT_SUPPORTED";
    case IsakmpNotifyType::NO_PROPOSAL_CHOSEN:
        return "NO_PROPOSAL_CHOSEN";
    case IsakmpNotifyType::BAD_PROPOSAL_SYNTAX:
        return "BAD_PROPOSAL_SYNTAX";
    case IsakmpNotifyType::PAYLOAD_MALFORMED:
        return "PAYLOAD_MALFORMED";
    case IsakmpNotifyType::INVALID_KEY_INFORMATION:
        return "INVALID_KEY_INFORMATION";
    case IsakmpNotifyType::INVALID_ID_INFORMATION:
        return "INVALID_ID_INFORMATION";
    case IsakmpNotifyType::INVALID_CERT_ENCODING:
        return "INVALID_CERT_ENCODING";
    case IsakmpNotifyType::INVALID_CERTIFICATE:
        return "INVALID_CERTIFICATE";
    case IsakmpNotifyType::CERT_TYPE_UNSUPPORTED:
        return "CERT_TYPE_UNSUPPORTED";
    case IsakmpNotifyType::INVALID_CERT_AUTHORITY:
        return "INVALID_CERT_AUTHORITY";
    case IsakmpNotifyType::INVALID_HASH_INFORMATION:
        return "INVALID_HASH_INFORMATION";
    case IsakmpNotifyType::AUTHENTICATION_FAILED:
        return "AUTHENTICATION_FAILED";
    case IsakmpNotifyType::INVALID_SIGNATURE:
        return "INVALID_SIGNATURE";
    case IsakmpNotifyType::ADDRESS_NOTIFICATION:
        return "ADDRESS_NOTIFICATION";
    case IsakmpNotifyType::NOTIFY_SA_LIFETIME:
        return "NOTIFY_SA_LIFETIME";
    case IsakmpNotifyType::CERTIFICATE_UNAVAILABLE:
        return "CERTIFICATE_UNAVAILABLE";
    case IsakmpNotifyType::UNSUPPORTED_EXCHANGE_TYPE:
        return "UNSUPPORTED_EXCHANGE_TYPE";
    case IsakmpNotifyType::UNEQUAL_PAYLOAD_LENGTHS:
        return "UNEQUAL_PAYLOAD_LENGTHS";
    case IsakmpNotifyType::CONNECTED:
        return "CONNECTED";
    case IsakmpNotifyType::RESPONDER_LIFETIME:
        return "RESPONDER_LIFETIME";
    case IsakmpNotifyType::REPLAY_STATUS:
        return "REPLAY_STATUS";
    case IsakmpNotifyType::INITIAL_CONTACT:
        return "INITIAL_CONTACT";
    }
    return std::to_string(static_cast<unsigned>(type));
}

} // namespace ns3
