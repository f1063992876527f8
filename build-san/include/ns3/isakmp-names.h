/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef ISAKMP_NAMES_H
#define ISAKMP_NAMES_H

#include "ns3/isakmp-numbers.h"

#include <string>

// The name tables of ISAKMP numbers, for messages and traces.

namespace ns3
{

/**
 * \param type a payload type
 * \return its RFC name ("SA", "KE", ...) or "unknown(N)"
 */
std::string IsakmpPayloadTypeToString(IsakmpPayloadType type);

/**
 * \param type an exchange type
 * \return its name ("IDENTITY_PROTECTION", ...) or "unknown(N)"
 */
std::string IsakmpExchangeTypeToString(IsakmpExchangeType type);

/**
 * \param type a notify message type
 * \return its RFC name with underscores ("NO_PROPOSAL_CHOSEN") or the number
 */
std::string IsakmpNotifyTypeToString(IsakmpNotifyType type);

} // namespace ns3

#endif /* ISAKMP_NAMES_H */
