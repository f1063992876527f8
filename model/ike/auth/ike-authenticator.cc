/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ike-authenticator.h"

namespace ns3
{

IkeAuthenticator::~IkeAuthenticator() = default;

IkeAuthenticator::Preparation
IkeAuthenticator::Prepare(Ipv4Address /* peer */,
                          PreparedCallback /* done */,
                          IkeFailure& /* failure */)
{
    return Preparation::READY;
}

void
IkeAuthenticator::AddKeyExchangePayloads(IsakmpMessage& /* message */, bool /* initiator */) const
{
}

void
IkeAuthenticator::ReadKeyExchangePayloads(const IsakmpMessage& /* message */)
{
}

bool
IkeAuthenticator::AcceptKeyExchange(const IsakmpMessage& /* message */, IkeFailure& /* failure */)
{
    return true;
}

} // namespace ns3
