/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef IKE_TASK_H
#define IKE_TASK_H

#include "ns3/ipv4-address.h"
#include "ns3/isakmp-payloads.h"

#include <cstdint>
#include <vector>

namespace ns3
{

/**
 * \ingroup ipsec
 * \brief The exchanges an IkeService runs, each a task (in the manner of strongSwan's IKEv1
 *        task manager). IkeService::HandleMessage hands a received message to the task of its
 *        exchange; a new exchange type is a new task class plus a case there.
 */
enum class IkeTaskType : uint8_t
{
    MAIN_MODE,     //!< IkeMainModeTask: main mode, initiator or responder
    QUICK_MODE,    //!< IkeQuickModeTask: quick mode, initiator or responder
    INFORMATIONAL, //!< IkeInformationalTask: notifications and deletes
};

/**
 * \ingroup ipsec
 * \brief One exchange with its own state and its build and process steps per role.
 */
class IkeTask
{
  public:
    virtual ~IkeTask();

    /** \return which exchange it runs */
    virtual IkeTaskType GetType() const = 0;

    /**
     * \brief A message of this task's exchange arrived.
     * \param message the parsed message
     * \param bytes the message as received
     * \param from the sender
     */
    virtual void Process(const IsakmpMessage& message,
                         const std::vector<uint8_t>& bytes,
                         Ipv4Address from) = 0;
};

/**
 * \ingroup ipsec
 * \brief A task that rides on the messages of a main mode exchange: it adds payloads to the
 *        messages sent and reads the peer's. This is the shape of NAT detection (NAT-D in
 *        messages 3 and 4) and vendor IDs (messages 1 and 2), not modelled yet: such a task is
 *        a new class plus a line in IkeMainModeTask's constructor adding it.
 */
class IkePayloadTask
{
  public:
    virtual ~IkePayloadTask();

    /**
     * \param number the main mode message (1 to 6) about to be sent
     * \param message the message (clear messages 1 to 4 only)
     */
    virtual void Build(uint8_t number, IsakmpMessage& message) = 0;

    /**
     * \param number the main mode message (1 to 6) received
     * \param message the message (clear messages 1 to 4 only)
     */
    virtual void Process(uint8_t number, const IsakmpMessage& message) = 0;
};

} // namespace ns3

#endif /* IKE_TASK_H */
