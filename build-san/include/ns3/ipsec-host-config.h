/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef IPSEC_HOST_CONFIG_H
#define IPSEC_HOST_CONFIG_H

#include "ipsec-exemptions.h"
#include "ipsec-filter.h"

#include "ns3/ipv4-address.h"
#include "ns3/ipv4-interface-address.h"
#include "ns3/ptr.h"

#include <map>
#include <optional>
#include <string>
#include <unordered_set>
#include <vector>

namespace ns3
{

class Ipv4;

/**
 * \ingroup ipsec
 * \brief The host's IP configuration as the policy sees it: its interface addresses and their
 * subnet-directed broadcasts, its name resolution (a hosts file: ns-3 has no DNS), and the
 * servers that Server 2003's dynamic filter addresses (dns, wins, dhcp, gateway) stand for,
 * set by hand or by the DHCP lease.
 */
class IpsecHostConfig
{
  public:
    /**
     * \brief Give a DNS name an address (filters given the name take it when added).
     * \param name a DNS name (case does not matter)
     * \param address its address
     */
    void SetHostAddress(const std::string& name, Ipv4Address address);

    /**
     * \param name a DNS name, lower case
     * \return its address, if known
     */
    std::optional<Ipv4Address> Resolve(const std::string& name) const;

    /**
     * \brief Manual settings; they take precedence over the lease's (empty: cleared).
     * \param kind DNS, WINS, DHCP or GATEWAY
     * \param servers the servers, in order
     * \throw IpsecConfigError naming "kind" for another kind
     */
    void SetHostServers(IpsecFilterAddress::Kind kind, const std::vector<Ipv4Address>& servers);

    /**
     * \brief Settings from the current DHCP lease.
     * \param kind DNS, WINS, DHCP or GATEWAY
     * \param servers the servers, in order
     * \throw IpsecConfigError naming "kind" for another kind
     */
    void SetLeaseServers(IpsecFilterAddress::Kind kind, const std::vector<Ipv4Address>& servers);

    /**
     * \param kind DNS, WINS, DHCP or GATEWAY
     * \return the manual setting, else the lease's
     */
    std::vector<Ipv4Address> GetServers(IpsecFilterAddress::Kind kind) const;

    /**
     * \brief Read the node's interface addresses again (loopback left out).
     * \param ipv4 the node's IPv4
     * \return the local addresses ("My IP address")
     */
    std::vector<Ipv4Address> ReadInterfaces(const Ptr<Ipv4>& ipv4);

    /**
     * \param destination a destination address
     * \return unicast, multicast (224.0.0.0/4) or broadcast (limited, or the subnet-directed
     *         broadcast of one of this node's interfaces)
     */
    IpsecDestinationKind ClassifyDestination(Ipv4Address destination) const
    {
        if (IpsecIsMulticast(destination))
        {
            return IpsecDestinationKind::MULTICAST;
        }
        if (destination.IsBroadcast())
        {
            return IpsecDestinationKind::BROADCAST;
        }
        // Every clear packet asks: a set, since a server may have hundreds of interfaces.
        return m_subnetBroadcasts.count(destination.Get()) ? IpsecDestinationKind::BROADCAST
                                                            : IpsecDestinationKind::UNICAST;
    }

    /**
     * \param destination a multicast or broadcast address
     * \return the local addresses it reaches: those of the interface whose subnet-directed
     *         broadcast it is, or every local address for multicast and limited broadcast
     */
    std::vector<Ipv4Address> GroupReceivers(Ipv4Address destination) const;

  private:
    std::map<std::string, Ipv4Address> m_hosts; //!< name resolution for filters
    /** Manual and lease settings per dynamic kind. */
    std::map<int, std::vector<Ipv4Address>> m_hostServers, m_leaseServers;
    /** The node's interface addresses (for subnet-directed broadcasts). */
    std::vector<Ipv4InterfaceAddress> m_interfaceAddresses;
    std::unordered_set<uint32_t> m_subnetBroadcasts; //!< subnet-directed broadcasts of them
};

} // namespace ns3

#endif /* IPSEC_HOST_CONFIG_H */
