/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef IPSEC_DHCP_TRACKER_H
#define IPSEC_DHCP_TRACKER_H

#include "ns3/dhcp-client.h"
#include "ns3/ipsec-driver.h"
#include "ns3/media-sense-dhcp-client.h"
#include "ns3/object.h"

#include <functional>
#include <map>
#include <vector>

namespace ns3
{

/** \brief The options a DHCP server hands out besides the address (ns-3's DHCP carries none). */
struct IpsecLeaseOptions
{
    std::vector<Ipv4Address> dns;  //!< option 6, DNS servers
    std::vector<Ipv4Address> wins; //!< option 44, WINS servers
};

/**
 * \ingroup ipsec
 * \brief Feeds a node's DHCP leases to its IPsec driver, so that Server 2003's dynamic filter
 * addresses (dhcp, gateway, dns, wins) follow them.
 *
 * On every new lease of the tracked DhcpClient: the DHCP server is the one that gave the lease,
 * the gateway the default route the client installs, DNS and WINS what SetServerOptions says
 * that server hands out (ns-3 3.37's DHCP messages carry neither option, so the scenario states
 * them per server). Manual settings on the driver (IpsecDriver::SetHostServers) still win.
 * Between losing a link and the next lease the previous lease's values stay (the filters match
 * nothing useful meanwhile: the node has no address).
 */
class IpsecDhcpTracker : public Object
{
  public:
    /** \return the type id */
    static TypeId GetTypeId();

    /**
     * \brief Follow \p client's leases (its node must have an IpsecDriver).
     * \param client the node's DHCP client
     */
    void Track(Ptr<DhcpClient> client);

    /**
     * \brief Follow the leases of Windows' DHCP client model (its node must have an
     *        IpsecDriver); a verified (kept) lease changes nothing.
     * \param client the node's DHCP client
     */
    void Track(Ptr<MediaSenseDhcpClient> client);

    /**
     * \param server a DHCP server's address (the server identifier of its leases)
     * \param options what it hands out
     */
    void SetServerOptions(Ipv4Address server, const IpsecLeaseOptions& options);

    /** \return leases seen */
    uint32_t GetLeases() const;

  protected:
    void DoDispose() override;

  private:
    /** \param address the new lease's address */
    void OnNewLease(const Ipv4Address& address);
    /** Read the lease's server and gateway and hand everything to the driver. */
    void Update();

    /** \param node the client's node \param server reads the lease's server */
    void Follow(Ptr<Node> node, std::function<Ipv4Address()> server);

    Ptr<Node> m_node;                                   //!< the client's node
    std::function<Ipv4Address()> m_server;              //!< the current lease's server
    Ptr<IpsecDriver> m_driver;                          //!< its node's driver
    std::map<Ipv4Address, IpsecLeaseOptions> m_options; //!< per DHCP server
    uint32_t m_leases{0};                               //!< leases seen
};

} // namespace ns3

#endif /* IPSEC_DHCP_TRACKER_H */
