/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef IPSEC_HANDOFF_LOG_H
#define IPSEC_HANDOFF_LOG_H

// Bookkeeping of a roaming station's handoffs: which step of getting back on the air happened
// when, and how the outage splits into layer 2, DHCP, IKE and the Kerberos exchanges IKE waited
// for. No ns-3 objects: the scenario
// feeds it events with their times, so the arithmetic is testable on its own.

#include <cstdint>
#include <optional>
#include <ostream>
#include <set>
#include <vector>

namespace ns3
{

/**
 * \brief One handoff: from the station's loss of its access point to the first packet of the
 * flow delivered to the server afterwards. Times in simulated seconds; unset when the step did
 * not happen (no new address when the subnet is kept, no IKE without IPsec or when the SAs
 * survived, nothing at all after the last loss when the run ends out of coverage).
 */
struct IpsecHandoff
{
    double linkLost{0};                  //!< the last beacon heard from the old AP
    double detected{0};                  //!< the station's MAC declares the AP lost
    std::optional<double> assoc;         //!< associated with the next AP
    std::optional<double> address;       //!< new DHCP lease (per-AP subnets)
    std::optional<double> mainModeDone;  //!< station's main mode succeeded
    std::optional<double> quickModeDone; //!< station's quick mode succeeded
    std::optional<double> firstDelivery; //!< first flow packet at the server when ready
    std::optional<uint64_t> lostPackets; //!< sequence numbers never delivered (UDP flows)
    /// Seconds of Kerberos exchanges with the DC between the address (or association) and the
    /// first delivery (filled in by IpsecHandoffLog::GetHandoffs)
    double kerberosSeconds{0};

    /// \return first delivery - link lost, if the handoff completed
    std::optional<double> Outage() const;
    /// \return association - link lost (scan, probe, associate)
    std::optional<double> Layer2() const;
    /// \return address - association, 0 when no new address was needed
    std::optional<double> Dhcp() const;
    /// \return first delivery - (address, or association) - Kerberos: IKE plus the first
    ///         packet's trip, without the Kerberos exchanges IKE waited for
    std::optional<double> Ike() const;
    /// \return the Kerberos exchanges within the IKE part, 0 without any (ticket cached)
    std::optional<double> Kerberos() const;
    /// \return the time from which a delivery counts as the flow being back
    double ReadyTime() const;
};

/**
 * \brief Collects the events of one station and turns them into IpsecHandoff rows.
 *
 * A handoff opens at each link loss after the first association. Its steps are the first
 * association, lease, main mode and quick mode after the loss; its first delivery is the first
 * packet the server receives at or after the last of those steps that happened (quick mode,
 * else address, else association). Packets that were already in flight or queued under the old
 * SAs and arrive earlier do not end the outage: the station is not reachable again until its
 * new path is ready.
 */
class IpsecHandoffLog
{
  public:
    /**
     * \brief The station's MAC declared its AP lost (MaxMissedBeacons beacons missed).
     * \param lastBeacon when the last beacon of that AP arrived: the link was lost then
     * \param detected now
     */
    void LinkLost(double lastBeacon, double detected);
    void Associated(double t);    //!< the station's MAC associated
    void NewAddress(double t);    //!< DHCP gave the station an address
    void MainModeDone(double t);  //!< the station's IKE finished a main mode
    void QuickModeDone(double t); //!< the station's IKE finished a quick mode
    /// The station sent a Kerberos request (opens an exchange unless one is open)
    void KerberosRequest(double t);
    /// A Kerberos reply arrived at the station (closes the open exchange)
    void KerberosReply(double t);
    /**
     * \param t reception time at the server
     * \param seq sequence number of the packet (UDP flows), or nullopt
     */
    void Delivered(double t, std::optional<uint64_t> seq);

    /// \return the handoffs, lost packets filled in for UDP flows
    std::vector<IpsecHandoff> GetHandoffs() const;

    /// CSV header of WriteCsv, exactly as documented in doc/roaming.md
    static const char* CsvHeader();
    /// Write \p handoffs as CSV (header line first; empty fields for unset values).
    static void WriteCsv(const std::vector<IpsecHandoff>& handoffs, std::ostream& os);

  private:
    /** A delivery with its sequence number. */
    struct Delivery
    {
        double t;                    //!< reception time
        std::optional<uint64_t> seq; //!< sequence number
    };

    /** A Kerberos exchange: first request to reply. */
    struct Exchange
    {
        double start;               //!< first request
        std::optional<double> end;  //!< reply
    };

    bool m_everAssociated{false};         //!< the first association is set-up, not a handoff
    std::vector<Exchange> m_kerberos;     //!< Kerberos exchanges, in time order
    std::vector<IpsecHandoff> m_handoffs; //!< in order
    std::vector<Delivery> m_deliveries;   //!< every delivery, in time order
};

} // namespace ns3

#endif /* IPSEC_HANDOFF_LOG_H */
