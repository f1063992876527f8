/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef IKE_MAIN_MODE_TASK_H
#define IKE_MAIN_MODE_TASK_H

#include "ns3/event-id.h"
#include "ns3/ike-authenticator.h"
#include "ns3/ike-dh.h"
#include "ns3/ike-failure-reason.h"
#include "ns3/ike-main-mode-sa.h"
#include "ns3/ike-quick-mode-sa.h"
#include "ns3/ike-retransmitter.h"
#include "ns3/ike-task.h"

#include <memory>
#include <vector>

namespace ns3
{

class IkeService;

/**
 * \ingroup ipsec
 * \brief A main mode exchange (RFC 2409 5, identity protection, 6 messages), initiator or
 *        responder, with its own state; it hangs off its main mode SA until it has settled.
 *        The agreed method's IkeAuthenticator does the authentication.
 */
class IkeMainModeTask : public IkeTask
{
  public:
    /** Where the exchange stands. */
    enum class Step : uint8_t
    {
        INITIATOR_SENT_1,       //!< SA proposal sent
        INITIATOR_PREPARING,    //!< the authenticator obtains what message 3 needs
        INITIATOR_SENT_3,       //!< key exchange sent
        INITIATOR_SENT_5,       //!< identity and proof sent
        RESPONDER_SENT_2,       //!< SA choice sent
        RESPONDER_SENT_4,       //!< key exchange sent
        DONE,                   //!< the main mode SA exists; settling
    };

    /**
     * \param service the service
     * \param sa the main mode SA it negotiates (owns it)
     * \param step the first step
     */
    IkeMainModeTask(IkeService& service, IkeMainModeSa& sa, Step step);
    ~IkeMainModeTask() override;

    /**
     * \brief Start a main mode for a quick mode request (message 1).
     * \param service the service
     * \param request the quick mode to run once the main mode SA exists
     */
    static void Initiate(IkeService& service, const IkeQuickModeRequest& request);

    /**
     * \brief Answer a message 1 (a new main mode SA and task if there is policy to answer).
     * \param service the service
     * \param message the message
     * \param bytes the message as received
     * \param from the initiator
     * \param to the address it was sent to (any: unknown)
     */
    static void Respond(IkeService& service,
                        const IsakmpMessage& message,
                        const std::vector<uint8_t>& bytes,
                        Ipv4Address from,
                        Ipv4Address to);

    IkeTaskType GetType() const override;
    void Process(const IsakmpMessage& message,
                 const std::vector<uint8_t>& bytes,
                 Ipv4Address from) override;

    /**
     * \brief Queue a quick mode to start once the SA exists (once per filter and peer).
     * \param request the quick mode
     */
    void AddWaiting(const IkeQuickModeRequest& request);

    /** \brief The peer answered (a notification counts). */
    void SetAnswered();

    /**
     * \brief An ICMP destination unreachable came from the peer (not an IKE answer: it counts
     *        only for the icmp-unreachable fallback rule).
     */
    void NoteIcmpUnreachable();

    /**
     * \brief The exchange failed: trace, tell the peer, forget the SA (and this task), fail
     *        the waiting quick modes.
     * \param failure why
     * \param notify the notification sent in the clear to the peer (NONE: none)
     */
    void Fail(const IkeFailure& failure, IsakmpNotifyType notify);

  private:
    /** \brief Let the payload tasks (none modelled yet: NAT-D, vendor IDs) add to a message. */
    void BuildPayloadTasks(uint8_t number, IsakmpMessage& message);
    /** \brief Let the payload tasks read a received message. */
    void ProcessPayloadTasks(uint8_t number, const IsakmpMessage& message);

    // Initiator
    void SendRequest(std::vector<uint8_t> bytes);
    void InitiatorProcess2(const IsakmpMessage& message);
    void InitiatorBuild3();
    void InitiatorProcess4(const IsakmpMessage& message);
    void InitiatorBuild5();
    void InitiatorProcess6(const IsakmpMessage& message);
    // Responder
    void ResponderProcess1(const IsakmpSaPayload& offered);
    void ResponderProcess3(const IsakmpMessage& message);
    void ResponderBuild4();
    void ResponderProcess5(const IsakmpMessage& message);
    void ResponderBuild6();
    // Both
    bool ReadKeyExchange(const IsakmpMessage& message,
                         std::vector<uint8_t>& publicValue,
                         std::vector<uint8_t>& nonce);
    bool DeriveKeys(const std::vector<uint8_t>& peerPublic);
    std::vector<uint8_t> Proof(bool ofInitiator, const std::vector<uint8_t>& idB) const;
    IkeProofContext MakeProofContext() const;
    void Established();
    void ReleaseExchangeState();
    void FallbackCheck();

    IkeService& m_service;       //!< the service
    IkeMainModeSa& m_sa;         //!< the SA negotiated
    Step m_step;                 //!< progress
    IkeRetransmitter m_retransmitter; //!< retransmissions and repeats
    std::shared_ptr<IkeAuthenticator> m_auth; //!< the agreed method's authenticator
    std::vector<std::unique_ptr<IkePayloadTask>> m_payloadTasks; //!< none yet
    std::vector<uint8_t> m_saiB;  //!< body of the initiator's SA payload
    std::unique_ptr<IkeDhKeyPair> m_dh; //!< this node's DH key pair (dropped once keys exist)
    std::vector<uint8_t> m_gxi;  //!< initiator's public value
    std::vector<uint8_t> m_gxr;  //!< responder's public value
    std::vector<uint8_t> m_ni;   //!< initiator nonce
    std::vector<uint8_t> m_nr;   //!< responder nonce
    std::vector<uint8_t> m_skeyid; //!< SKEYID: keys HASH_I and HASH_R
    std::vector<uint8_t> m_iv;   //!< IV for the next message
    bool m_answered{false};      //!< the peer sent anything for this exchange
    uint32_t m_icmpUnreachable{0}; //!< ICMP destination unreachable from the peer meanwhile
    EventId m_fallback;          //!< fall back to clear if the peer stays silent
    std::vector<IkeQuickModeRequest> m_waiting; //!< quick modes to start once established
};

} // namespace ns3

#endif /* IKE_MAIN_MODE_TASK_H */
