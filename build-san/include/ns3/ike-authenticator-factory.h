/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef IKE_AUTHENTICATOR_FACTORY_H
#define IKE_AUTHENTICATOR_FACTORY_H

#include "ns3/ike-authenticator.h"

#include <memory>

namespace ns3
{

/**
 * \ingroup ipsec
 * \brief Makes the authenticator of an agreed method. Each method registers one line in the
 *        table of ike-authenticator-factory.cc: the only place that tells methods apart.
 */
class IkeAuthenticatorFactory
{
  public:
    /** Makes an authenticator for one exchange. */
    using Creator = std::shared_ptr<IkeAuthenticator> (*)(const IkeAuthSettings& settings);

    /**
     * \param kind the agreed method
     * \param settings the node's credentials (outlive the authenticator)
     * \return the authenticator (aborts for a method nobody registered: a bug)
     */
    static std::shared_ptr<IkeAuthenticator> Create(IkeAuthKind kind,
                                                    const IkeAuthSettings& settings);
};

} // namespace ns3

#endif /* IKE_AUTHENTICATOR_FACTORY_H */
