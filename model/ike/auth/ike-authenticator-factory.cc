/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ike-authenticator-factory.h"

#include "ike-certificate-authenticator.h"
#include "ike-kerberos-authenticator.h"
#include "ike-psk-authenticator.h"

#include "ns3/abort.h"

#include <map>

namespace ns3
{

namespace
{

/** \return a Creator for authenticator class T */
template <typename T>
IkeAuthenticatorFactory::Creator
IkeAuthenticatorCreator()
{
    return [](const IkeAuthSettings& settings) -> std::shared_ptr<IkeAuthenticator> {
        return std::make_shared<T>(settings);
    };
}

/** \return every registered method: one line each */
const std::map<IkeAuthKind, IkeAuthenticatorFactory::Creator>&
IkeAuthenticatorRegistry()
{
    static const std::map<IkeAuthKind, IkeAuthenticatorFactory::Creator> registry{
        {IkeAuthKind::PRESHARED_KEY, IkeAuthenticatorCreator<IkePskAuthenticator>()},
        {IkeAuthKind::CERTIFICATE, IkeAuthenticatorCreator<IkeCertificateAuthenticator>()},
        {IkeAuthKind::KERBEROS, IkeAuthenticatorCreator<IkeKerberosAuthenticator>()},
    };
    return registry;
}

} // namespace

std::shared_ptr<IkeAuthenticator>
IkeAuthenticatorFactory::Create(IkeAuthKind kind, const IkeAuthSettings& settings)
{
    auto it = IkeAuthenticatorRegistry().find(kind);
    NS_ABORT_MSG_IF(it == IkeAuthenticatorRegistry().end(),
                    "no authenticator for " << IkeAuthKindToString(kind));
    return it->second(settings);
}

} // namespace ns3
