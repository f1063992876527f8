/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef IPSEC_PKI_HELPER_H
#define IPSEC_PKI_HELPER_H

#include "ns3/ike-certificate-authority.h"
#include "ns3/ike-credentials.h"
#include "ns3/ike-rsa.h"
#include "ns3/node-container.h"
#include "ns3/random-variable-stream.h"

#include <cstdint>
#include <map>
#include <memory>
#include <string>

namespace ns3
{

class IkeRandom;

/**
 * \ingroup ipsec
 * \brief Sets up certificate authentication for IKE: certificate authorities, a computer
 *        certificate for each node (with its key and chain), and the root CAs each node
 *        accepts.
 *
 * \code
 *   IpsecPkiHelper pki;
 *   pki.Install("Contoso Root CA", nodes); // a root CA; every node enrolled, trusting it
 * \endcode
 *
 * Richer PKIs are built from the same pieces: CreateRoot, CreateSubordinate, Enrol (a
 * certificate from any CA; the node then accepts the root of its own chain) and Trust (accept
 * more roots). Each node's accepted roots are kept in the order they were added, without
 * repeats; they are the CAs its certificate requests name.
 *
 * Keys are drawn from one ns-3 random stream of the helper, at once (a CA's key when it is
 * made, a computer's key when it is enrolled), so the same stream and the same calls give the
 * same certificates. Fix the stream with AssignStreams before the first CA is made.
 */
class IpsecPkiHelper
{
  public:
    IpsecPkiHelper();
    ~IpsecPkiHelper();

    /**
     * \brief Set the RSA modulus size of the CAs and certificates made from now on.
     * \param bits IKE_RSA_MIN_KEY_BITS to IKE_RSA_MAX_KEY_BITS
     * \throws IpsecConfigError with field "keyBits" outside that range
     */
    void SetKeyBits(uint32_t bits);

    /**
     * \brief Name a computer in its certificate (before it is enrolled).
     * \param node the node
     * \param name the subject's common name
     */
    void SetComputerName(Ptr<Node> node, const std::string& name);

    /**
     * \param node a node
     * \return the common name of its certificate: SetComputerName's, else the node's ns-3
     *         name (Names), else "node<id>"
     */
    std::string GetComputerName(Ptr<Node> node) const;

    /**
     * \brief The whole PKI in one call: a root CA that issues every node a certificate, and
     *        that every node accepts.
     * \param rootName the root CA's common name
     * \param nodes nodes with IKE (IpsecHelper)
     * \return the root CA
     * \throws IpsecConfigError with field "node" naming a node without IKE (checked first)
     */
    Ptr<IkeCertificateAuthority> Install(const std::string& rootName, NodeContainer nodes);

    /**
     * \param name the CA's common name
     * \return a new root CA (self-signed)
     * \throws IpsecConfigError with field "name" for an empty name
     */
    Ptr<IkeCertificateAuthority> CreateRoot(const std::string& name);

    /**
     * \param parent the issuing CA
     * \param name the subordinate CA's common name
     * \return a new CA whose certificate \p parent signs
     * \throws IpsecConfigError with field "name" for an empty name
     */
    Ptr<IkeCertificateAuthority> CreateSubordinate(Ptr<IkeCertificateAuthority> parent,
                                                   const std::string& name);

    /**
     * \brief Give nodes a computer certificate from \p issuer (IkeService::SetCertificate);
     *        each then accepts the root of that certificate's chain.
     * \param nodes nodes with IKE
     * \param issuer the CA that signs
     * \throws IpsecConfigError with field "node" naming a node without IKE (checked first)
     */
    void Enrol(NodeContainer nodes, Ptr<IkeCertificateAuthority> issuer);

    /**
     * \brief Make the nodes accept certificates chaining to the root of \p ca
     *        (IkeService::AddTrustedRoot; a root already accepted is not added again).
     * \param nodes nodes with IKE
     * \param ca a CA: its root is accepted
     * \throws IpsecConfigError with field "node" naming a node without IKE (checked first)
     */
    void Trust(NodeContainer nodes, Ptr<IkeCertificateAuthority> ca);

    /**
     * \brief Fix the stream keys are drawn from.
     * \param stream the stream index
     * \return the number of streams used: 1
     * \throws IpsecConfigError with field "AssignStreams" once keys have been drawn (they
     *         would not follow)
     */
    int64_t AssignStreams(int64_t stream);

  private:
    /**
     * \param nodes nodes
     * \throws IpsecConfigError if one has no IKE service
     */
    static void CheckIke(NodeContainer nodes);

    Ptr<UniformRandomVariable> m_random;     //!< source of every key
    std::shared_ptr<IkeRandom> m_rng;        //!< the same stream for Crypto++
    uint32_t m_keyBits{IKE_RSA_DEFAULT_KEY_BITS}; //!< modulus size of new keys
    bool m_drawn{false};                     //!< keys have been drawn
    std::map<uint32_t, std::string> m_names; //!< common names by node id
};

} // namespace ns3

#endif /* IPSEC_PKI_HELPER_H */
