/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef IPSEC_WIFI_ROAMING_SCENARIO_H
#define IPSEC_WIFI_ROAMING_SCENARIO_H

// The wireless roaming study as a reusable piece: a station moves along a line of access
// points while a flow runs to a server behind them that requires IPsec. Used by
// examples/ipsec-wifi-roaming.cc and test/ipsec-roaming-test.cc; see doc/roaming.md.

#include "ipsec-handoff-log.h"

#include "ns3/ike-service.h"
#include "ns3/ipsec-kerberos-domain-helper.h"
#include "ns3/ipsec-driver.h"
#include "ns3/net-device-container.h"
#include "ns3/node-container.h"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace ns3
{

/** \brief What to simulate. Defaults: the study's default run (a few wall seconds). */
struct WifiRoamingConfig
{
    uint32_t aps{3};         //!< access points on the line
    double spacing{50};      //!< metres between neighbouring access points
    double speed{10};        //!< station speed, m/s
    bool perApSubnets{true}; //!< one subnet (router + DHCP) per AP, else one bridged subnet
    std::string osProfile{"win2003"}; //!< profile of the station and the server
    std::string auth{"psk"};          //!< psk | cert | kerberos (a DC on the wired side)
    std::string dh{"2"};              //!< main mode DH group: 1 | 2 | 2048
    bool fallback{false};             //!< the station's filter allows fallback to clear
    /// Kerberos: the station permits all traffic to its DC (the Server 2003 guidance), else
    /// its policy requires security to the DC as to the server
    bool dcPermit{false};
    /// Per-AP subnets: Windows' DHCP client (MediaSenseDhcpClient) instead of ns-3's; the
    /// shared subnet always uses it
    bool windowsDhcp{false};
    /// Per-AP subnets, Server 2003 profiles: the station's policy also permits DNS, WINS, DHCP
    /// and the gateway by dynamic address, re-resolved from every lease (each AP's DHCP server
    /// hands out DNS 10.0.<i+1>.53 and WINS 10.0.<i+1>.54)
    bool dynamicFilters{true};
    bool ipsec{true};         //!< false: plain stacks, the baseline
    std::string flow{"udp"};  //!< udp (constant rate, sequence numbers) | tcp (bulk)
    double udpInterval{0.01}; //!< seconds between UDP datagrams
    uint32_t udpSize{500};    //!< UDP payload bytes
    uint32_t rngSeed{1};      //!< ns-3 seed (RngSeedManager::SetSeed)
    uint64_t seed{1};         //!< ns-3 run number (RngSeedManager::SetRun)
    double duration{20};      //!< simulated seconds
    double appStart{1};       //!< the flow starts (after the first association and lease)
    double binSeconds{0.1};   //!< width of a throughput sample
};

/** \brief An SA event on the station, for the plot. */
struct WifiRoamingSaEvent
{
    double t;           //!< when
    bool installed;     //!< installed (true) or deleted (false)
    std::string reason; //!< the driver's reason
};

/** \brief A dynamic filter address of the station re-resolved. */
struct WifiRoamingAddressEvent
{
    double t;                           //!< when
    std::string kind;                   //!< dns, wins, dhcp, gateway
    std::vector<Ipv4Address> addresses; //!< what it stands for now
};

/** \brief Everything a run measured. */
struct WifiRoamingResult
{
    std::vector<IpsecHandoff> handoffs;                //!< per handoff
    std::vector<std::pair<double, double>> throughput; //!< (bin start s, kbit/s at the server)
    std::vector<WifiRoamingSaEvent> saEvents;          //!< on the station
    uint64_t sent{0};                                  //!< UDP datagrams sent (0 for TCP)
    uint64_t delivered{0};                    //!< packets received by the server application
    uint64_t bytesDelivered{0};               //!< bytes received by the server application
    uint32_t mainModesStarted{0};             //!< main modes the station started
    std::vector<std::string> ikeFailures;     //!< station's main/quick mode failure reasons
    uint32_t mainModes{0};                    //!< main modes the station completed
    uint32_t quickModes{0};                   //!< quick modes the station completed
    uint32_t addressChangeDeletes{0};         //!< station SAs deleted as address-change
    uint32_t mainModeAddressChangeDeletes{0}; //!< station main mode SAs deleted so
    uint32_t saDeletes{0};                    //!< station SAs deleted, any reason
    uint32_t leases{0};                       //!< DHCP leases the station got
    std::vector<double> leaseTimes;           //!< when
    uint64_t dhcpPermitted{0};                //!< DHCP packets the station's driver passed
    uint64_t dhcpDropped{0};                  //!< DHCP packets the station's driver dropped
    std::vector<WifiRoamingAddressEvent> dynamicAddressEvents; //!< station's re-resolutions
    std::vector<double> kerberosRequests; //!< station's Kerberos requests leaving (s)
    std::vector<double> kerberosReplies;  //!< Kerberos replies reaching the station (s)
    std::vector<double> leaseVerifications; //!< Windows DHCP: REQUEST for the held address
    std::vector<double> leasesKept;         //!< Windows DHCP: held address acknowledged
    std::vector<std::pair<double, std::string>> addressRemovals; //!< Windows DHCP: why
    std::vector<Ipv4Address> leaseAddresses; //!< the address of each new lease
};

/**
 * \brief Builds the topology for a WifiRoamingConfig, runs it and measures.
 *
 * One instance per run; Run() calls Simulator::Run and leaves Simulator::Destroy to the caller
 * (so tests can look at the nodes afterwards).
 */
class WifiRoamingScenario
{
  public:
    /** \param config what to simulate; throws IpsecConfigError on bad values */
    explicit WifiRoamingScenario(const WifiRoamingConfig& config);

    /** \brief Build, run, measure. \return the measurements */
    WifiRoamingResult Run();

    /// \return the station (valid until Simulator::Destroy)
    Ptr<Node> GetStation() const;
    /// \return the server
    Ptr<Node> GetServer() const;

    /// \return the x position where the station stops: half a spacing past the last AP
    double GetEndOfPath() const;

  private:
    void Build();
    void BuildWifi();
    void BuildPerApSubnets();
    void BuildSharedSubnet();
    void BuildDomainController();
    void InstallWindowsDhcpClient(const std::vector<Ipv4Address>& servers);
    void JoinStation();
    void InstallPolicy();
    void InstallFlow();
    void ConnectTraces();
    void AssignStreams();
    void SendUdp();
    bool HasAddress() const;
    void OnServerRx(Ptr<const Packet> packet);
    void OnLease(const Ipv4Address& address);
    void StartTcp();
    void OnKerberosPacket(const IpsecPacketSelector& s, IpsecDirection direction);

    WifiRoamingConfig m_config;     //!< parameters
    WifiRoamingResult m_result;     //!< measurements
    IpsecHandoffLog m_log;          //!< handoff bookkeeping
    Ptr<Node> m_station;            //!< the mobile node
    Ptr<Node> m_server;             //!< behind the APs
    Ptr<Node> m_router;             //!< between the APs and the server
    NodeContainer m_aps;            //!< access points
    Ptr<NetDevice> m_staDevice;     //!< station's Wi-Fi device
    NetDeviceContainer m_apDevices; //!< APs' Wi-Fi devices
    Ipv4Address m_serverAddress;    //!< where the flow goes
    Ptr<Socket> m_udpSocket;        //!< UDP sender
    uint64_t m_udpSeq{0};           //!< next sequence number
    double m_lastBeacon{0};         //!< last beacon of the station's AP (s)
    std::vector<uint64_t> m_bins;   //!< bytes per throughput bin
    Ptr<Node> m_dc;                 //!< domain controller (Kerberos runs)
    std::unique_ptr<IpsecKerberosDomainHelper> m_domain; //!< the domain (Kerberos runs)
    int64_t m_stationIkeStream{-1}; //!< the station's IKE streams (re-fixed at its join)
    bool m_stationJoined{false};    //!< the station joined the domain (at its first lease)
};

} // namespace ns3

#endif /* IPSEC_WIFI_ROAMING_SCENARIO_H */
