/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef IPSEC_KERBEROS_DOMAIN_HELPER_H
#define IPSEC_KERBEROS_DOMAIN_HELPER_H

#include "ns3/ipv4-address.h"
#include "ns3/kerberos-kdc.h"
#include "ns3/kerberos-realm.h"
#include "ns3/node-container.h"

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace ns3
{

/**
 * \ingroup ipsec
 * \brief Sets up a Windows domain for Kerberos-authenticated IKE: the realm, its domain
 *        controller (a KerberosKdc application) and its members, joined with the addresses
 *        they already have.
 *
 * \code
 *   IpsecKerberosDomainHelper domain("CORP.EXAMPLE");
 *   domain.Install(dc, NodeContainer(client, server)); // after the addresses are assigned
 * \endcode
 *
 * A member joins the realm under its computer name (SetComputerName, else the node's ns-3
 * name (Names), else "NODE<id>") with the first address of its first interface that is not
 * the loopback; if it runs IKE (IpsecHelper), its IkeService is pointed at the realm and the
 * domain controller (IkeService::SetKerberos). Members of a domain whose controller is
 * elsewhere (another helper's node, or a trusting domain's) name it with SetDomainController.
 *
 * Random draws: the KDC draws session keys and IVs (AssignStreams here, or
 * IpsecHelper::AssignStreams on the controller's node); each member's Kerberos client is
 * covered by IpsecHelper::AssignStreams on the member.
 */
class IpsecKerberosDomainHelper
{
  public:
    /**
     * \param realmName the realm, e.g. "CORP.EXAMPLE" (its keys derive from the name)
     * \throws IpsecConfigError with field "realm" for an invalid name
     */
    explicit IpsecKerberosDomainHelper(const std::string& realmName);

    /** \param realm an existing realm (its joined computers stay) */
    explicit IpsecKerberosDomainHelper(Ptr<KerberosRealm> realm);

    /**
     * \brief Name a computer (before it joins).
     * \param node the node
     * \param name its account name (1 to 255 bytes, no '@')
     */
    void SetComputerName(Ptr<Node> node, const std::string& name);

    /**
     * \param node a node
     * \return the name it joins (or joined) under
     */
    std::string GetComputerName(Ptr<Node> node) const;

    /**
     * \brief The whole domain in one call: InstallDomainController then Join.
     * \param domainController the node that runs the KDC (joins the realm too)
     * \param members the computers
     * \return the KDC
     * \throws IpsecConfigError as InstallDomainController and Join; nothing is joined if the
     *         controller cannot be installed
     */
    Ptr<KerberosKdc> Install(Ptr<Node> domainController, NodeContainer members);

    /**
     * \brief Join the node to the realm and run the realm's KDC on it (Kerberos, UDP 88).
     * \param node the domain controller; it needs an IPv4 address
     * \return the KDC (an application of the node, started at 0 s)
     * \throws IpsecConfigError with field "domainController" if this domain has one already,
     *         or "computer" if the node has no address or its name is taken
     */
    Ptr<KerberosKdc> InstallDomainController(Ptr<Node> node);

    /**
     * \brief Use a domain controller this helper did not install (for a domain served by
     *        another domain's controller, or one outside the simulated nodes' helpers).
     * \param address its address
     */
    void SetDomainController(Ipv4Address address);

    /** \return the domain controller's address (0.0.0.0 before there is one) */
    Ipv4Address GetDomainController() const;

    /**
     * \brief Join computers to the realm with their current addresses; those running IKE
     *        authenticate with Kerberos tickets from the domain controller.
     * \param members the computers
     * \throws IpsecConfigError with field "domainController" if there is none yet, or
     *         "computer" naming the node without an address or the name already joined; every
     *         member is checked before any joins
     */
    void Join(NodeContainer members);

    /**
     * \brief A two-way trust with another domain (KerberosRealm::Trust).
     * \param other the other domain
     */
    void Trust(const IpsecKerberosDomainHelper& other);

    /** \return the realm */
    Ptr<KerberosRealm> GetRealm() const;

    /** \return the KDC installed by this helper, or null */
    Ptr<KerberosKdc> GetKdc() const;

    /**
     * \brief Fix the random stream of the KDC installed by this helper.
     * \param stream first stream index to use
     * \return the number of streams used: 1 with a KDC, else 0
     */
    int64_t AssignStreams(int64_t stream);

  private:
    /**
     * \param node a node
     * \return its first address that is not the loopback
     * \throws IpsecConfigError with field "computer" if it has none
     */
    Ipv4Address AddressOf(Ptr<Node> node) const;

    Ptr<KerberosRealm> m_realm;                 //!< the domain
    Ptr<KerberosKdc> m_kdc;                     //!< its KDC, if installed here
    Ipv4Address m_domainController;             //!< where members ask for tickets
    bool m_hasDomainController{false};          //!< m_domainController is set
    std::map<uint32_t, std::string> m_names;    //!< computer names by node id
};

} // namespace ns3

#endif /* IPSEC_KERBEROS_DOMAIN_HELPER_H */
