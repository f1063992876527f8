/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef NAPT_BINDING_TABLE_H
#define NAPT_BINDING_TABLE_H

#include "ns3/callback.h"
#include "ns3/ipsec-timer-queue.h"
#include "ns3/ipv4-address.h"
#include "ns3/nstime.h"

#include <cstdint>
#include <memory>
#include <unordered_map>
#include <vector>

namespace ns3
{

/**
 * \ingroup ipsec
 * \brief One NAPT binding: an inside endpoint (address, port or ICMP identifier) of one
 * protocol and the external port (or identifier) it goes out with. The mapping is endpoint
 * independent (RFC 4787 REQ-1): it does not depend on the destination.
 */
struct NaptBinding : public IpsecTimed
{
    /** TCP flags seen on a binding (NaptBinding::tcpSeen). */
    enum TcpSeen : uint8_t
    {
        SYN_OUT = 1, //!< a SYN went out
        SYN_IN = 2,  //!< a SYN (SYN-ACK) came in
        FIN_OUT = 4, //!< a FIN went out
        FIN_IN = 8,  //!< a FIN came in
        RST = 16,    //!< a RST either way
    };

    uint8_t protocol{0};       //!< 17 (UDP), 6 (TCP) or 1 (ICMP)
    Ipv4Address insideAddress; //!< the inside host (or the router's own public address)
    uint16_t insidePort{0};    //!< its port, or ICMP echo identifier
    uint16_t externalPort{0};  //!< the port (identifier) on the public address
    Time created;              //!< when it was made
    Time lastUsed;             //!< when traffic last refreshed it
    Time deadline;             //!< the deadline queued for it (absolute; see the table)
    uint8_t tcpSeen{0};        //!< TcpSeen bits (TCP bindings)

    /** \return true for a TCP binding whose connection is established and not closing */
    bool IsTcpEstablished() const;
};

/**
 * \ingroup ipsec
 * \brief The bindings of a NAPT: lookup by inside endpoint and by external port, port
 * allocation, and expiry.
 *
 * Ports are preserved when free (the external port is the inside one); otherwise the next
 * free port above it in the same range is taken (1-1023 or 1024-65535, RFC 4787 REQ-3;
 * 0-65535 for ICMP identifiers), wrapping around. Allocation uses no random numbers: the same
 * traffic gives the same ports whatever the seed.
 *
 * Expiry: all bindings share one IpsecTimerQueue (one ns-3 event for the earliest deadline).
 * Refreshing a binding only notes the time; when its queued deadline comes, a binding used
 * since is queued again for lastUsed + timeout, so a packet costs no heap operation. Only a
 * timeout that became shorter (a TCP connection closing) moves the queued deadline earlier.
 * A binding is freed when it expires: memory follows the live bindings.
 */
class NaptBindingTable
{
  public:
    /** Gives the idle timeout of a binding in its current state. */
    using TimeoutOf = Callback<Time, const NaptBinding&>;
    /** Told of a binding that expired, just before it is freed. */
    using Expired = Callback<void, const NaptBinding&>;

    NaptBindingTable();
    ~NaptBindingTable();
    NaptBindingTable(const NaptBindingTable&) = delete;
    NaptBindingTable& operator=(const NaptBindingTable&) = delete;

    /** \param timeoutOf gives a binding's idle timeout (required before Create) */
    void SetTimeoutCallback(TimeoutOf timeoutOf);

    /** \param expired told of every binding that expires */
    void SetExpiredCallback(Expired expired);

    /**
     * \param protocol IP protocol
     * \param address inside address
     * \param port inside port or ICMP identifier
     * \return the binding, or null
     */
    NaptBinding* FindInside(uint8_t protocol, Ipv4Address address, uint16_t port);

    /**
     * \param protocol IP protocol
     * \param port external port or ICMP identifier
     * \return the binding, or null
     */
    NaptBinding* FindExternal(uint8_t protocol, uint16_t port);

    /**
     * \brief Make a binding for an inside endpoint that has none, and queue its deadline.
     * \param protocol IP protocol
     * \param address inside address
     * \param port inside port or ICMP identifier
     * \param tcpSeen TCP flags of the packet that makes it (0 otherwise)
     * \return the binding, or null when every external port of the range is taken
     */
    NaptBinding* Create(uint8_t protocol, Ipv4Address address, uint16_t port, uint8_t tcpSeen);

    /**
     * \brief Note traffic on a binding now (after any change of its TCP state).
     * \param binding the binding
     */
    void Refresh(NaptBinding& binding);

    /**
     * \brief Note a change of state that may shorten a binding's timeout, without refreshing.
     * \param binding the binding
     */
    void Reconsider(NaptBinding& binding);

    /** \return the live bindings */
    size_t GetN() const;

    /** \return entries in the external-port index (equal to GetN) */
    size_t GetNExternal() const;

    /** \return deadlines queued (one per live binding) */
    size_t GetNDeadlines() const;

    /** \return copies of the live bindings, by protocol and external port */
    std::vector<NaptBinding> GetBindings() const;

    /** Free every binding and its deadline, without telling anyone. */
    void Clear();

  private:
    /**
     * \brief A deadline came.
     * \param item the binding
     * \param kind always 0
     */
    void Deadline(IpsecTimed& item, uint8_t kind);

    /**
     * \brief Queue a binding's deadline at an absolute time.
     * \param binding the binding
     * \param when not before now
     */
    void Queue(NaptBinding& binding, Time when);

    /**
     * \brief Find a free external port.
     * \param protocol IP protocol
     * \param wanted the inside port (kept if free)
     * \param[out] port the port found
     * \return false when the range is full
     */
    bool Allocate(uint8_t protocol, uint16_t wanted, uint16_t& port) const;

    /**
     * \param protocol IP protocol
     * \param address inside address
     * \param port inside port
     * \return the key of the inside index
     */
    static uint64_t InsideKey(uint8_t protocol, Ipv4Address address, uint16_t port);

    /**
     * \param protocol IP protocol
     * \param port external port
     * \return the key of the external index
     */
    static uint32_t ExternalKey(uint8_t protocol, uint16_t port);

    std::unordered_map<uint64_t, std::unique_ptr<NaptBinding>> m_byInside; //!< owns bindings
    std::unordered_map<uint32_t, NaptBinding*> m_byExternal; //!< the same, by external port
    IpsecTimerQueue m_timers;                                //!< one deadline per binding
    TimeoutOf m_timeoutOf;                                   //!< a binding's timeout
    Expired m_expired;                                       //!< told of expiries
};

} // namespace ns3

#endif /* NAPT_BINDING_TABLE_H */
