/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef IKE_NAT_TRAVERSAL_H
#define IKE_NAT_TRAVERSAL_H

#include "ns3/ike-keys.h"
#include "ns3/ike-task.h"
#include "ns3/ipv4-address.h"
#include "ns3/isakmp-payloads.h"

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace ns3
{

class IkeMainModeSa;

/**
 * \ingroup ipsec
 * \brief The NAT traversal dialect two IKE peers agreed on in main mode messages 1 and 2 (by
 *        vendor ID): none, draft-ietf-ipsec-nat-t-ike-02 (NAT-D 130, NAT-OA 131, modes
 *        61443/61444) or RFC 3947 (NAT-D 20, NAT-OA 21, modes 3/4).
 */
enum class IkeNatTVersion : uint8_t
{
    NONE,     //!< no NAT traversal: plain port 500 and plain ESP
    DRAFT_02, //!< draft-ietf-ipsec-nat-t-ike-02 (its vendor ID with or without the newline)
    RFC_3947, //!< RFC 3947
};

/**
 * \param version a dialect
 * \return "none", "draft-02" or "rfc3947"
 */
std::string IkeNatTVersionToString(IkeNatTVersion version);

/** \ingroup ipsec \brief The NAT traversal vendor IDs this model knows (MD5 of their text). */
enum class IkeNatTVendorId : uint8_t
{
    RFC_3947,         //!< MD5("RFC 3947"): 4a131c81070358455c5728f20e95452f
    DRAFT_02,         //!< MD5("draft-ietf-ipsec-nat-t-ike-02"): cd60464335df21f8...
    DRAFT_02_NEWLINE, //!< MD5("draft-ietf-ipsec-nat-t-ike-02\n"): 90cb80913ebb696e...
};

/**
 * \param id a vendor ID
 * \return its 16 bytes
 */
std::vector<uint8_t> IkeNatTVendorIdBytes(IkeNatTVendorId id);

/**
 * \brief RFC 3947 3.2: HASH(CKY-I | CKY-R | IP | Port) with the main mode's hash.
 * \param hash the negotiated hash algorithm
 * \param cookieI initiator cookie
 * \param cookieR responder cookie
 * \param address the IPv4 address
 * \param port the UDP port
 * \return the NAT-D payload data
 */
std::vector<uint8_t> IkeNatDHash(IkeHashAlgorithm hash,
                                 uint64_t cookieI,
                                 uint64_t cookieR,
                                 Ipv4Address address,
                                 uint16_t port);

/**
 * \ingroup ipsec
 * \brief What NAT traversal found for one main mode SA.
 */
struct IkeNatTState
{
    IkeNatTVersion version{IkeNatTVersion::NONE}; //!< agreed dialect (NONE: no NAT-T)
    bool natDExchanged{false};  //!< the peer's NAT-D payloads were read
    bool localBehindNat{false}; //!< this node's address or port is translated
    bool peerBehindNat{false};  //!< the peer's address or port is translated (or faked)

    /** \return true if a NAT is between the peers (so ESP goes in UDP) */
    bool IsNatBetween() const
    {
        return version != IkeNatTVersion::NONE && (localBehindNat || peerBehindNat);
    }

    /** \return e.g. "rfc3947 local-behind-nat", "rfc3947 no-nat" or "none" */
    std::string ToString() const;
};

/**
 * \ingroup ipsec
 * \brief The UDP ports of one main mode message: how the sender sees them (to build NAT-D) or
 *        how the receiver saw them (to check NAT-D).
 */
struct IkeNatTEndpoints
{
    Ipv4Address local;     //!< this node's address
    uint16_t localPort{0}; //!< this node's port
    Ipv4Address peer;      //!< the peer's address
    uint16_t peerPort{0};  //!< the peer's port
};

/**
 * \ingroup ipsec
 * \brief NAT traversal riding on main mode (RFC 3947 3): the vendor IDs in messages 1 and 2,
 *        and NAT-D in messages 3 and 4. The result goes to the main mode SA's IkeNatTState.
 */
class IkeNatTraversalTask : public IkePayloadTask
{
  public:
    /**
     * \param sa the main mode SA (its cookies, terms and NAT-T state)
     * \param enabled this node does NAT traversal (sends and honours the vendor IDs)
     * \param sending the endpoints of the message being sent
     * \param received the endpoints of the message just received
     */
    IkeNatTraversalTask(IkeMainModeSa& sa,
                        bool enabled,
                        std::function<IkeNatTEndpoints()> sending,
                        std::function<IkeNatTEndpoints()> received);

    void Build(uint8_t number, IsakmpMessage& message) override;
    void Process(uint8_t number, const IsakmpMessage& message) override;

  private:
    /** \param message gets the two NAT-D payloads (destination first, then source) */
    void AddNatD(IsakmpMessage& message) const;

    IkeMainModeSa& m_sa;                             //!< the SA
    bool m_enabled;                                  //!< NAT-T on at this node
    IkeNatTVersion m_peerBest{IkeNatTVersion::NONE}; //!< the best dialect the peer announced
    bool m_peerNewline{false};                    //!< the peer spelled draft-02 with the newline
    std::function<IkeNatTEndpoints()> m_sending;  //!< ports of the message sent
    std::function<IkeNatTEndpoints()> m_received; //!< ports of the message received
};

} // namespace ns3

#endif /* IKE_NAT_TRAVERSAL_H */
