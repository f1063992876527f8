/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef IKE_QUICK_MODE_TASK_H
#define IKE_QUICK_MODE_TASK_H

#include "ns3/ike-dh.h"
#include "ns3/ike-failure-reason.h"
#include "ns3/ike-main-mode-sa.h"
#include "ns3/ike-quick-mode-sa.h"
#include "ns3/ike-retransmitter.h"
#include "ns3/ike-task.h"
#include "ns3/ipsec-spd.h"

#include <memory>
#include <vector>

namespace ns3
{

class IkeService;

/**
 * \ingroup ipsec
 * \brief A quick mode exchange (RFC 2409 5.5, 3 messages, under a main mode SA), initiator or
 *        responder, with its own state; it hangs off its quick mode SA pair until it has
 *        settled. It uses the main mode SA's keys and tells it when it starts and ends
 *        (IkeMainModeSa::QuickModeStarted, through the service QuickModeEnded), which is
 *        how QMperMM and master key PFS are counted; it changes nothing else of it.
 */
class IkeQuickModeTask : public IkeTask
{
  public:
    /**
     * \param service the service
     * \param sa the quick mode SA pair it negotiates (owns it)
     */
    IkeQuickModeTask(IkeService& service, IkeQuickModeSa& sa);

    /**
     * \brief Start a quick mode under a main mode SA (message 1).
     * \param service the service
     * \param mainModeSa an established main mode SA with the peer that may run one
     * \param request what to negotiate
     */
    static void Initiate(IkeService& service,
                         IkeMainModeSa& mainModeSa,
                         const IkeQuickModeRequest& request);

    /**
     * \brief Answer a message 1 (a new quick mode SA pair and task if its HASH(1) is right).
     * \param service the service
     * \param mainModeSa the established main mode SA it came under
     * \param message the message
     * \param bytes the message as received
     */
    static void Respond(IkeService& service,
                        IkeMainModeSa& mainModeSa,
                        const IsakmpMessage& message,
                        const std::vector<uint8_t>& bytes);

    /**
     * \brief A quick mode under way failed: forget its pair (and task), trace, fail the
     *        request that started it.
     * \param service the service
     * \param id the pair's id
     * \param failure why
     */
    static void Fail(IkeService& service, uint64_t id, const IkeFailure& failure);

    IkeTaskType GetType() const override;
    void Process(const IsakmpMessage& message,
                 const std::vector<uint8_t>& bytes,
                 Ipv4Address from) override;

    /**
     * \brief A message of this exchange arrived under \p mainModeSa.
     * \param mainModeSa the main mode SA named by the message's cookies
     * \param message the message
     * \param bytes the message as received
     */
    void Process(IkeMainModeSa& mainModeSa,
                 const IsakmpMessage& message,
                 const std::vector<uint8_t>& bytes);

  private:
    // Initiator
    void InitiatorProcess2(IkeMainModeSa& mainModeSa, const IsakmpMessage& message);
    void InitiatorBuild3(IkeMainModeSa& mainModeSa);
    // Responder
    void ResponderProcess1(IkeMainModeSa& mainModeSa, const IsakmpMessage& clear);
    const IpsecSpdEntry* ResponderFindFilter(const IpsecPacketSelector& selector) const;
    void ResponderBuild2(IkeMainModeSa& mainModeSa,
                         const IsakmpMessage& clear,
                         const IsakmpSaPayload& reply);
    void ResponderProcess3(IkeMainModeSa& mainModeSa, const IsakmpMessage& message);
    // Both
    bool InstallSas(IkeMainModeSa& mainModeSa);
    void Complete();
    void GiveUpOnTimeout(std::vector<uint8_t> bytes);

    IkeService& m_service;       //!< the service
    IkeQuickModeSa& m_sa;        //!< the pair negotiated
    IkeRetransmitter m_retransmitter; //!< retransmissions and repeats
    IsakmpSaPayload m_offered;   //!< the initiator's SA payload
    std::vector<uint8_t> m_ni;   //!< initiator nonce
    std::vector<uint8_t> m_nr;   //!< responder nonce
    std::unique_ptr<IkeDhKeyPair> m_dh; //!< PFS key pair
    std::vector<uint8_t> m_gqmxy; //!< PFS shared secret
    IsakmpIdPayload m_idci;      //!< initiator's client identity
    IsakmpIdPayload m_idcr;      //!< responder's client identity
    std::vector<uint8_t> m_iv;   //!< IV for the next message of this exchange
};

} // namespace ns3

#endif /* IKE_QUICK_MODE_TASK_H */
