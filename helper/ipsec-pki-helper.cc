/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ipsec-pki-helper.h"

#include "ns3/ike-dh.h"
#include "ns3/ike-service.h"
#include "ns3/ipsec-config-error.h"
#include "ns3/log.h"
#include "ns3/names.h"
#include "ns3/node.h"

#include <algorithm>
#include <sstream>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("IpsecPkiHelper");

IpsecPkiHelper::IpsecPkiHelper()
    : m_random(CreateObject<UniformRandomVariable>()),
      m_rng(std::make_shared<IkeRandom>(m_random))
{
}

IpsecPkiHelper::~IpsecPkiHelper() = default;

void
IpsecPkiHelper::SetKeyBits(uint32_t bits)
{
    if (bits < IKE_RSA_MIN_KEY_BITS || bits > IKE_RSA_MAX_KEY_BITS)
    {
        std::ostringstream os;
        os << "RSA keys have " << IKE_RSA_MIN_KEY_BITS << " to " << IKE_RSA_MAX_KEY_BITS
           << " bits, not " << bits;
        throw IpsecConfigError("keyBits", os.str());
    }
    m_keyBits = bits;
}

void
IpsecPkiHelper::SetComputerName(Ptr<Node> node, const std::string& name)
{
    m_names[node->GetId()] = name;
}

std::string
IpsecPkiHelper::GetComputerName(Ptr<Node> node) const
{
    auto it = m_names.find(node->GetId());
    if (it != m_names.end())
    {
        return it->second;
    }
    std::string name = Names::FindName(node);
    return name.empty() ? "node" + std::to_string(node->GetId()) : name;
}

void
IpsecPkiHelper::CheckIke(NodeContainer nodes)
{
    for (auto it = nodes.Begin(); it != nodes.End(); ++it)
    {
        if (!(*it)->GetObject<IkeService>())
        {
            throw IpsecConfigError("node",
                                   "node " + std::to_string((*it)->GetId()) +
                                       " runs no IKE service (install it with IpsecHelper)");
        }
    }
}

Ptr<IkeCertificateAuthority>
IpsecPkiHelper::Install(const std::string& rootName, NodeContainer nodes)
{
    CheckIke(nodes);
    Ptr<IkeCertificateAuthority> root = CreateRoot(rootName);
    Enrol(nodes, root);
    return root;
}

Ptr<IkeCertificateAuthority>
IpsecPkiHelper::CreateRoot(const std::string& name)
{
    m_drawn = true;
    return IkeCertificateAuthority::CreateRoot(name, *m_rng, m_keyBits);
}

Ptr<IkeCertificateAuthority>
IpsecPkiHelper::CreateSubordinate(Ptr<IkeCertificateAuthority> parent, const std::string& name)
{
    if (!parent)
    {
        throw IpsecConfigError("parent", "no issuing CA given for '" + name + "'");
    }
    m_drawn = true;
    return parent->CreateSubordinate(name, *m_rng, m_keyBits);
}

void
IpsecPkiHelper::Enrol(NodeContainer nodes, Ptr<IkeCertificateAuthority> issuer)
{
    if (!issuer)
    {
        throw IpsecConfigError("issuer", "no CA given");
    }
    CheckIke(nodes);
    for (auto it = nodes.Begin(); it != nodes.End(); ++it)
    {
        m_drawn = true;
        Ptr<IkeCredentials> credentials = issuer->Issue(GetComputerName(*it), *m_rng, m_keyBits);
        (*it)->GetObject<IkeService>()->SetCertificate(credentials);
        NS_LOG_INFO("node " << (*it)->GetId() << " enrolled with " << issuer->GetName() << " as "
                            << GetComputerName(*it));
    }
    Trust(nodes, issuer);
}

void
IpsecPkiHelper::Trust(NodeContainer nodes, Ptr<IkeCertificateAuthority> ca)
{
    if (!ca)
    {
        throw IpsecConfigError("ca", "no CA given");
    }
    CheckIke(nodes);
    Ptr<IkeCertificate> root = ca->GetChain().back();
    for (auto it = nodes.Begin(); it != nodes.End(); ++it)
    {
        Ptr<IkeService> ike = (*it)->GetObject<IkeService>();
        const auto& roots = ike->GetTrustedRoots();
        bool known = std::any_of(roots.begin(), roots.end(), [&root](Ptr<IkeCertificate> r) {
            return r->GetDer() == root->GetDer();
        });
        if (!known)
        {
            ike->AddTrustedRoot(root);
        }
    }
}

int64_t
IpsecPkiHelper::AssignStreams(int64_t stream)
{
    if (m_drawn)
    {
        throw IpsecConfigError("AssignStreams",
                               "keys have been drawn already: fix the stream before the first "
                               "CA is made");
    }
    m_random->SetStream(stream);
    return 1;
}

} // namespace ns3
