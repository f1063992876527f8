/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef IKE_RETRANSMITTER_H
#define IKE_RETRANSMITTER_H

#include "ns3/event-id.h"
#include "ns3/ipv4-address.h"
#include "ns3/nstime.h"

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace ns3
{

class IkeService;

/**
 * \ingroup ipsec
 * \brief Retransmissions and repeated messages of one exchange, the same for every exchange:
 *        an unanswered message goes again after 1, 2, 4 s (RetransmitInterval doubling,
 *        MaxRetransmissions) and the exchange gives up one interval later; a repeated copy of
 *        the last message received is answered with the last message sent (or ignored); once
 *        the exchange is over, its state is freed after the settle time (the longest a peer
 *        can go on retransmitting). Its timers die with it.
 */
class IkeRetransmitter
{
  public:
    /**
     * \param service the service that sends, counts and traces
     * \param peer the peer
     * \param exchange the exchange's name in traces ("main", "quick")
     * \param rateLimited a repeat is not answered within half an interval of the last sending
     *        (quick mode, whose responder also repeats its answer on its own timer)
     */
    IkeRetransmitter(IkeService& service,
                     Ipv4Address peer,
                     const std::string& exchange,
                     bool rateLimited);
    ~IkeRetransmitter();

    IkeRetransmitter(const IkeRetransmitter&) = delete;
    IkeRetransmitter& operator=(const IkeRetransmitter&) = delete;

    /**
     * \param bytes a message received
     * \return true if it repeats the last message taken
     */
    bool IsRepeat(const std::vector<uint8_t>& bytes) const;

    /**
     * \brief Take a message as the exchange's last one received (to spot its repeats).
     * \param bytes the message
     */
    void Received(const std::vector<uint8_t>& bytes);

    /**
     * \brief The peer repeated its last message (it did not hear the answer): send the last
     *        message again if \p mayAnswer and there is one, else count it as ignored.
     * \param mayAnswer this side answers repeats at this point of the exchange
     */
    void AnswerRepeat(bool mayAnswer);

    /**
     * \brief Send a message that needs no answer (kept to answer repeats).
     * \param bytes the message
     */
    void Send(std::vector<uint8_t> bytes);

    /**
     * \brief Send a message and send it again until Stop, or call \p giveUp.
     * \param bytes the message
     * \param giveUp called when the retransmissions are used up
     */
    void SendReliably(std::vector<uint8_t> bytes, std::function<void()> giveUp);

    /** \brief The message was answered: no more retransmissions (nor give-up). */
    void Stop();

    /**
     * \brief Without retransmitting, give up if the exchange is not over after \p delay.
     * \param delay the delay
     * \param giveUp what to do then
     */
    void GiveUpAfter(Time delay, std::function<void()> giveUp);

    /**
     * \brief The exchange is over: call \p freed once no repeat of its messages can come.
     * \param freed frees the exchange's state (and this)
     */
    void Settle(std::function<void()> freed);

  private:
    /** The retransmission timer fired. */
    void Retransmit();

    IkeService& m_service;              //!< sends, counts, traces
    Ipv4Address m_peer;                 //!< the peer
    std::string m_exchange;             //!< "main" or "quick"
    bool m_rateLimited;                 //!< repeats not answered twice within half an interval
    std::vector<uint8_t> m_lastReceived; //!< to spot repeats
    std::vector<uint8_t> m_lastSent;    //!< to answer repeats, and to retransmit
    std::function<void()> m_giveUp;     //!< when the retransmissions are used up
    EventId m_timer;                    //!< next retransmission or give-up
    EventId m_settle;                   //!< frees the exchange's state
    uint32_t m_sent{0};                 //!< retransmissions so far
    Time m_lastSentTime;                //!< when the last message last went out
};

} // namespace ns3

#endif /* IKE_RETRANSMITTER_H */
