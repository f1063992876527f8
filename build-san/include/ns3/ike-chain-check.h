/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef IKE_CHAIN_CHECK_H
#define IKE_CHAIN_CHECK_H

#include "ns3/ike-certificate.h"
#include "ns3/ptr.h"

#include <string>
#include <vector>

namespace ns3
{

/**
 * \ingroup ipsec
 * \brief Verify a certificate chain.
 *
 * Starting at the leaf, each certificate's issuer is looked up by name, first among the
 * trusted roots, then among the intermediates (given in any order, each used once). Every
 * intermediate must be a CA (basicConstraints cA TRUE) and every signature must verify. The
 * walk ends well at a trusted root (compared by DER, or found as the issuer). Validity dates are
 * not checked: they are fixed and span any simulation.
 * \param leaf the certificate to verify
 * \param intermediates certificates that may link it to a root
 * \param trustedRoots the trust anchors
 * \param[out] reason why verification failed, for example "no trusted root: ..." or
 *             "bad signature on \"<CN>\""; cleared on success
 * \return true if the leaf chains to a trusted root with every signature valid
 */
bool IkeVerifyChain(const IkeCertificate& leaf,
                    const std::vector<Ptr<IkeCertificate>>& intermediates,
                    const std::vector<Ptr<IkeCertificate>>& trustedRoots,
                    std::string& reason);

} // namespace ns3

#endif /* IKE_CHAIN_CHECK_H */
