/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef IKE_INFORMATIONAL_TASK_H
#define IKE_INFORMATIONAL_TASK_H

#include "ns3/ike-main-mode-sa.h"
#include "ns3/ike-quick-mode-sa.h"
#include "ns3/ike-task.h"

namespace ns3
{

class IkeService;

/**
 * \ingroup ipsec
 * \brief Informational exchanges (RFC 2408 4.8, RFC 2409 5.7): notifications and deletes, sent
 *        and received. One per service: an informational exchange is a single message.
 */
class IkeInformationalTask : public IkeTask
{
  public:
    /** \param service the service */
    explicit IkeInformationalTask(IkeService& service);

    IkeTaskType GetType() const override;

    /**
     * \brief Act on a received informational message: a clear notification fails a main
     *        mode under way; protected ones delete quick mode SA pairs or main mode SAs, or
     *        fail the quick modes this node started with the peer.
     * \param message the message
     * \param bytes the message as received
     * \param from the sender
     */
    void Process(const IsakmpMessage& message,
                 const std::vector<uint8_t>& bytes,
                 Ipv4Address from) override;

    /**
     * \brief Send a notification about a main mode SA (protected once it exists, if asked).
     * \param sa the main mode SA
     * \param type the notification
     * \param encrypted protect it if the SA is established
     */
    void SendNotify(const IkeMainModeSa& sa, IsakmpNotifyType type, bool encrypted);

    /**
     * \brief Refuse the peer's answer to a quick mode this node started: a protected
     *        notification naming the quick mode by this node's SPI in it (RFC 2408 3.14), so
     *        that the peer ends that exchange instead of repeating its answer.
     * \param mainModeSa the established main mode SA it ran under
     * \param protocol the protocol offered (ESP or AH)
     * \param spi this node's SPI in the offer
     * \param type the notification
     */
    void SendNotify(const IkeMainModeSa& mainModeSa,
                    IsakmpProtocolId protocol,
                    uint32_t spi,
                    IsakmpNotifyType type);

    /**
     * \brief Tell the peer a quick mode SA pair is gone, under any established main mode SA
     *        with it (the pair may outlive its own).
     * \param sa the pair
     */
    void SendDelete(const IkeQuickModeSa& sa);

    /**
     * \brief Tell the peer a main mode SA is gone (an ISAKMP delete, SPI = the two cookies,
     *        protected by the SA itself).
     * \param sa the main mode SA, still established
     */
    void SendDelete(const IkeMainModeSa& sa);

  private:
    /** HDR*, HASH(1), N/D under an established main mode SA. */
    void SendProtected(const IkeMainModeSa& sa, const IsakmpPayload& payload);

    IkeService& m_service; //!< the service
};

} // namespace ns3

#endif /* IKE_INFORMATIONAL_TASK_H */
