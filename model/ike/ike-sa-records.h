/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef IKE_SA_RECORDS_H
#define IKE_SA_RECORDS_H

#include "ns3/assert.h"
#include "ns3/event-id.h"
#include "ns3/ike-dh.h"
#include "ns3/ike-keys.h"
#include "ns3/ike-proposals.h"
#include "ns3/ipsec-packet-selector.h"
#include "ns3/ipsec-sa.h"
#include "ns3/ipsec-timer-queue.h"
#include "ns3/ipv4-address.h"
#include "ns3/nstime.h"
#include "ns3/ptr.h"

#include <cstdint>
#include <memory>
#include <vector>

namespace ns3
{

/**
 * \ingroup ipsec
 * \brief An unanswered message and its retransmission timer.
 */
struct IkeRetransmission
{
    std::vector<uint8_t> bytes; //!< the message as sent
    EventId timer;              //!< next retransmission or give-up
    uint32_t sent{0};           //!< retransmissions so far
    Time lastSent;              //!< when the message last went out, first sending included
};

/** \ingroup ipsec \brief A quick mode waiting for its main mode. */
struct IkeQuickModeRequest
{
    uint32_t filterId{0};          //!< the Negotiate filter
    Ipv4Address peer;              //!< the peer
    IpsecPacketSelector selector;  //!< the packet that asked
    uint64_t rekeyOf{0};           //!< the quick mode SA this one replaces (0: none)
};

/**
 * \ingroup ipsec
 * \brief What only a main mode exchange needs. Freed once the exchange has settled (no
 *        retransmission of its last messages can come any more): an established main mode SA
 *        keeps only what quick modes, deletes and its lifetime use.
 */
struct IkePhase1Exchange
{
    /** Its timers die with it. */
    ~IkePhase1Exchange()
    {
        retransmission.timer.Cancel();
        fallback.Cancel();
        settle.Cancel();
    }

    std::vector<uint8_t> saiB;   //!< body of the initiator's SA payload
    std::unique_ptr<IkeDhKeyPair> dh; //!< this node's DH key pair (dropped once keys exist)
    std::vector<uint8_t> gxi;    //!< initiator's public value
    std::vector<uint8_t> gxr;    //!< responder's public value
    std::vector<uint8_t> ni;     //!< initiator nonce
    std::vector<uint8_t> nr;     //!< responder nonce
    std::vector<uint8_t> skeyid; //!< SKEYID: keys HASH_I and HASH_R
    std::vector<uint8_t> authSecret; //!< PSK or Kerberos session key for SKEYID
    std::vector<uint8_t> ticket; //!< initiator's Kerberos ticket for the peer
    std::vector<std::vector<uint8_t>> peerCas; //!< root CA names the peer asked for
    bool peerAcceptsAnyCa{false}; //!< the peer sent an empty certificate request
    bool answered{false};        //!< the peer sent anything for this exchange
    std::vector<uint8_t> iv;     //!< IV for the next main mode message
    std::vector<uint8_t> lastReceived; //!< last message received (to spot retransmissions)
    std::vector<uint8_t> lastSent; //!< last message sent (to answer retransmissions)
    IkeRetransmission retransmission; //!< initiator's unanswered message
    EventId fallback;            //!< fall back to clear if the peer stays silent
    EventId settle;              //!< frees this state once no retransmission can come
    std::vector<IkeQuickModeRequest> waiting; //!< quick modes to start once established
};

/**
 * \ingroup ipsec
 * \brief A main mode exchange and, once it succeeds, the main mode (ISAKMP) SA. Its lifetime
 *        is a deadline in its service's main mode timer queue.
 */
struct IkePhase1 : IpsecTimed
{
    ~IkePhase1()
    {
        NS_ASSERT_MSG(timerSlots[0] == UINT32_MAX, "a main mode SA freed with its lifetime queued");
    }

    /** Where the exchange stands. */
    enum State
    {
        I_SENT_1,    //!< initiator: SA proposal sent
        I_WAIT_TICKET, //!< initiator: waiting for a Kerberos ticket before message 3
        I_SENT_3,    //!< initiator: key exchange sent
        I_SENT_5,    //!< initiator: authentication sent
        R_SENT_2,    //!< responder: SA choice sent
        R_SENT_4,    //!< responder: key exchange sent
        ESTABLISHED, //!< the main mode SA exists
    };

    uint64_t cookieI{0};         //!< initiator cookie
    uint64_t cookieR{0};         //!< responder cookie
    Ipv4Address local;           //!< this node's address
    Ipv4Address peer;            //!< the peer's address
    State state{I_SENT_1};       //!< progress
    bool initiator{false};       //!< this node started it
    bool exhausted{false};       //!< no more quick modes (QMperMM, master key PFS)
    uint32_t quickModes{0};      //!< quick modes done under this SA
    IkePhase1Terms terms;        //!< what was agreed
    std::vector<uint8_t> skeyidD; //!< SKEYID_d: derives quick mode KEYMAT
    std::vector<uint8_t> skeyidA; //!< SKEYID_a: keys quick mode and informational hashes
    std::vector<uint8_t> encryptionKey; //!< phase 1 cipher key
    /** Keyed once: keying 3DES costs more than encrypting a message. */
    mutable std::unique_ptr<IpsecCipher> cipher;
    std::vector<uint8_t> lastBlock; //!< last CBC block of phase 1 (phase 2 IVs derive from it)
    Time established;            //!< when the SA came to exist
    /** The exchange's own state; null once it has settled. */
    std::unique_ptr<IkePhase1Exchange> exchange{std::make_unique<IkePhase1Exchange>()};
};

/**
 * \ingroup ipsec
 * \brief What only a quick mode exchange needs; freed once it has settled.
 */
struct IkePhase2Exchange
{
    /** Its timers die with it. */
    ~IkePhase2Exchange()
    {
        retransmission.timer.Cancel();
        settle.Cancel();
    }

    IsakmpSaPayload offered;     //!< the initiator's SA payload
    std::vector<uint8_t> ni;     //!< initiator nonce
    std::vector<uint8_t> nr;     //!< responder nonce
    std::unique_ptr<IkeDhKeyPair> dh; //!< PFS key pair
    std::vector<uint8_t> gqmxy;  //!< PFS shared secret
    IsakmpIdPayload idci;        //!< initiator's client identity
    IsakmpIdPayload idcr;        //!< responder's client identity
    std::vector<uint8_t> iv;     //!< IV for the next message of this exchange
    std::vector<uint8_t> lastReceived; //!< to spot retransmissions
    std::vector<uint8_t> lastSent; //!< to answer retransmissions
    IkeRetransmission retransmission; //!< unanswered message
    EventId settle;              //!< frees this state once no retransmission can come
};

/**
 * \ingroup ipsec
 * \brief A quick mode exchange and, once it succeeds, the pair of SAs it made. Its idle check
 *        and, once replaced, its end are deadlines in its service's quick mode timer queue.
 */
struct IkePhase2 : IpsecTimed
{
    ~IkePhase2()
    {
        NS_ASSERT_MSG(timerSlots[0] == UINT32_MAX && timerSlots[1] == UINT32_MAX,
                      "a quick mode SA pair freed with deadlines queued");
    }

    /** Where the exchange stands. */
    enum State
    {
        I_SENT_1,    //!< initiator: proposal sent
        R_SENT_2,    //!< responder: answer sent, waiting for HASH(3)
        ESTABLISHED, //!< SAs installed
    };

    uint64_t id{0};              //!< local serial number (orders rekeys)
    uint64_t cookieI{0};         //!< the main mode SA it ran under
    uint64_t cookieR{0};         //!< the main mode SA it ran under
    uint64_t rekeyOf{0};         //!< the pair this one replaces (0: none)
    uint32_t messageId{0};       //!< ISAKMP message ID
    uint32_t filterId{0};        //!< this node's Negotiate filter
    uint32_t spiIn{0};           //!< SPI of this node's inbound SA
    uint32_t spiOut{0};          //!< SPI of this node's outbound SA
    Ipv4Address local;           //!< this node's SA endpoint
    Ipv4Address peer;            //!< the peer's SA endpoint
    Ipv4Address trafficPeer;     //!< the key of the driver's outbound SA lookup
    State state{I_SENT_1};       //!< progress
    bool initiator{false};       //!< this node started it
    bool rekeying{false};        //!< a replacement is being negotiated
    bool replaced{false};        //!< a replacement exists
    IpsecPacketSelector selector; //!< traffic it protects (this node as source), for rekeys
    IkePhase2Terms terms;        //!< what was agreed
    Ptr<IpsecSa> inbound;        //!< installed inbound SA
    Ptr<IpsecSa> outbound;       //!< installed outbound SA
    Time established;            //!< when the SAs were installed
    /** The exchange's own state; null once it has settled. */
    std::unique_ptr<IkePhase2Exchange> exchange{std::make_unique<IkePhase2Exchange>()};
};

} // namespace ns3

#endif /* IKE_SA_RECORDS_H */
