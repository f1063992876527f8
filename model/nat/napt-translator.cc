/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "napt-translator.h"

#include "ns3/boolean.h"
#include "ns3/icmpv4.h"
#include "ns3/log.h"
#include "ns3/node.h"
#include "ns3/tcp-header.h"
#include "ns3/udp-header.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("NaptTranslator");

NS_OBJECT_ENSURE_REGISTERED(NaptTranslator);

namespace
{

constexpr uint8_t PROTO_ICMP = 1;          //!< IP protocol number of ICMP
constexpr uint8_t PROTO_TCP = 6;           //!< IP protocol number of TCP
constexpr uint8_t PROTO_UDP = 17;          //!< IP protocol number of UDP
constexpr uint8_t ICMP_ECHO_REPLY = 0;     //!< ICMP type
constexpr uint8_t ICMP_UNREACHABLE = 3;    //!< ICMP type
constexpr uint8_t ICMP_ECHO = 8;           //!< ICMP type
constexpr uint8_t ICMP_TIME_EXCEEDED = 11; //!< ICMP type

/**
 * \param udp a UDP segment of at least 8 bytes
 * \return false if its checksum field is zero (no checksum, RFC 768)
 */
bool
UdpChecksumInUse(const Ptr<const Packet>& udp)
{
    uint8_t bytes[8];
    udp->CopyData(bytes, 8);
    return bytes[6] != 0 || bytes[7] != 0;
}

/**
 * \brief Update a ones'-complement checksum for one 16-bit word that changed (RFC 1624, eqn. 3).
 * \param sum the checksum as carried
 * \param before the old word
 * \param after the new word
 * \return the new checksum
 */
uint16_t
AdjustChecksum(uint16_t sum, uint16_t before, uint16_t after)
{
    uint32_t s = static_cast<uint16_t>(~sum) + static_cast<uint16_t>(~before) + after;
    s = (s & 0xffff) + (s >> 16);
    s = (s & 0xffff) + (s >> 16);
    return static_cast<uint16_t>(~s);
}

/**
 * \param data bytes
 * \param offset where
 * \return the 16-bit big-endian word there
 */
uint16_t
ReadWord(const uint8_t* data, size_t offset)
{
    return static_cast<uint16_t>((data[offset] << 8) | data[offset + 1]);
}

/**
 * \param data bytes
 * \param offset where
 * \param word the 16-bit word to write big-endian
 */
void
WriteWord(uint8_t* data, size_t offset, uint16_t word)
{
    data[offset] = static_cast<uint8_t>(word >> 8);
    data[offset + 1] = static_cast<uint8_t>(word & 0xff);
}

/**
 * \param flags TCP flags of a segment
 * \param outbound its direction
 * \return the NaptBinding::TcpSeen bits it sets
 */
uint8_t
TcpSeenBits(uint8_t flags, bool outbound)
{
    uint8_t seen = 0;
    if (flags & TcpHeader::SYN)
    {
        seen |= outbound ? NaptBinding::SYN_OUT : NaptBinding::SYN_IN;
    }
    if (flags & TcpHeader::FIN)
    {
        seen |= outbound ? NaptBinding::FIN_OUT : NaptBinding::FIN_IN;
    }
    if (flags & TcpHeader::RST)
    {
        seen |= NaptBinding::RST;
    }
    return seen;
}

/**
 * Takes the UDP or TCP header \p l4 off \p payload; with \p verify, checks its checksum
 * against the addresses of \p ip.
 * \return false if the checksum is bad (the header is off all the same)
 */
template <typename L4Header>
bool
PopChecked(const Ipv4Header& ip, Ptr<Packet> payload, L4Header& l4, bool verify)
{
    if (verify)
    {
        l4.EnableChecksums();
        l4.InitializeChecksum(ip.GetSource(), ip.GetDestination(), ip.GetProtocol());
    }
    payload->RemoveHeader(l4);
    return !verify || l4.IsChecksumOk();
}

/**
 * Puts a rewritten UDP header back, with a new checksum over the (rewritten) addresses of
 * \p ip when \p verify.
 */
void
PushRewritten(const Ipv4Header& ip, Ptr<Packet> payload, UdpHeader& udp, bool verify)
{
    // Deserialize kept the old checksum and payload size, which Serialize would write back as
    // forced values (the length 8 bytes short): zero makes it write the real ones (or no
    // checksum, with checksums off).
    udp.ForceChecksum(0);
    udp.ForcePayloadSize(0);
    if (verify)
    {
        udp.InitializeChecksum(ip.GetSource(), ip.GetDestination(), ip.GetProtocol());
    }
    payload->AddHeader(udp);
}

/** The same for a rewritten TCP header. */
void
PushRewritten(const Ipv4Header& ip, Ptr<Packet> payload, TcpHeader& tcp, bool verify)
{
    if (verify)
    {
        tcp.InitializeChecksum(ip.GetSource(), ip.GetDestination(), ip.GetProtocol());
    }
    payload->AddHeader(tcp);
}

} // namespace

TypeId
NaptTranslator::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::NaptTranslator")
            .SetParent<Object>()
            .SetGroupName("Ipsec")
            .AddConstructor<NaptTranslator>()
            .AddAttribute("UdpTimeout",
                          "Idle time after which a UDP binding expires: the least RFC 4787 "
                          "REQ-5 allows (2 minutes), also Linux conntrack's timeout for UDP "
                          "flows that saw replies.",
                          TimeValue(Seconds(120)),
                          MakeTimeAccessor(&NaptTranslator::m_udpTimeout),
                          MakeTimeChecker(TimeStep(1)))
            .AddAttribute("TcpEstablishedTimeout",
                          "Idle time after which a binding of an established TCP connection "
                          "expires: the least RFC 5382 REQ-5 allows (2 h 4 min).",
                          TimeValue(Seconds(7440)),
                          MakeTimeAccessor(&NaptTranslator::m_tcpEstablishedTimeout),
                          MakeTimeChecker(TimeStep(1)))
            .AddAttribute("TcpTransitoryTimeout",
                          "Idle time after which a binding of a TCP connection that is opening "
                          "or closing (or was reset) expires: RFC 5382 REQ-5's least, 4 min.",
                          TimeValue(Seconds(240)),
                          MakeTimeAccessor(&NaptTranslator::m_tcpTransitoryTimeout),
                          MakeTimeChecker(TimeStep(1)))
            .AddAttribute("IcmpTimeout",
                          "Idle time after which an ICMP echo binding expires: RFC 5508 "
                          "REQ-1's least, 60 s.",
                          TimeValue(Seconds(60)),
                          MakeTimeAccessor(&NaptTranslator::m_icmpTimeout),
                          MakeTimeChecker(TimeStep(1)))
            .AddAttribute("UdpInboundRefresh",
                          "Inbound UDP refreshes a binding too (RFC 4787 REQ-6 requires "
                          "outbound refresh and allows inbound). Off: a keepalive must go out.",
                          BooleanValue(false),
                          MakeBooleanAccessor(&NaptTranslator::m_udpInboundRefresh),
                          MakeBooleanChecker())
            .AddTraceSource("BindingCreated",
                            "A binding was made.",
                            MakeTraceSourceAccessor(&NaptTranslator::m_bindingCreatedTrace),
                            "ns3::NaptTranslator::BindingTracedCallback")
            .AddTraceSource("BindingExpired",
                            "A binding timed out; it is freed after the trace.",
                            MakeTraceSourceAccessor(&NaptTranslator::m_bindingExpiredTrace),
                            "ns3::NaptTranslator::BindingTracedCallback")
            .AddTraceSource("Drop",
                            "A packet was dropped, with the reason.",
                            MakeTraceSourceAccessor(&NaptTranslator::m_dropTrace),
                            "ns3::NaptTranslator::DropTracedCallback");
    return tid;
}

NaptTranslator::NaptTranslator()
{
    m_table.SetTimeoutCallback(MakeCallback(&NaptTranslator::GetTimeout, this));
    m_table.SetExpiredCallback(MakeCallback(&NaptTranslator::BindingExpired, this));
}

NaptTranslator::~NaptTranslator() = default;

void
NaptTranslator::DoDispose()
{
    m_table.Clear();
    Object::DoDispose();
}

Time
NaptTranslator::GetTimeout(const NaptBinding& binding) const
{
    switch (binding.protocol)
    {
    case PROTO_TCP:
        return binding.IsTcpEstablished() ? m_tcpEstablishedTimeout : m_tcpTransitoryTimeout;
    case PROTO_ICMP:
        return m_icmpTimeout;
    default:
        return m_udpTimeout;
    }
}

const NaptCounters&
NaptTranslator::GetCounters() const
{
    return m_counters;
}

uint32_t
NaptTranslator::GetNBindings() const
{
    return static_cast<uint32_t>(m_table.GetN());
}

std::vector<NaptBinding>
NaptTranslator::GetBindings() const
{
    return m_table.GetBindings();
}

const NaptBindingTable&
NaptTranslator::GetTable() const
{
    return m_table;
}

void
NaptTranslator::BindingExpired(const NaptBinding& binding)
{
    NS_LOG_LOGIC("binding expired " << +binding.protocol << " " << binding.insideAddress << ":"
                                    << binding.insidePort << " -> " << binding.externalPort);
    ++m_counters.bindingsExpired;
    m_bindingExpiredTrace(binding);
}

void
NaptTranslator::Drop(const Ipv4Header& header,
                     Ptr<const Packet> payload,
                     NaptDirection direction,
                     NaptDropReason reason)
{
    NS_LOG_LOGIC("drop " << NaptDirectionToString(direction) << " "
                         << NaptDropReasonToString(reason) << " " << header);
    ++m_counters.dropsByReason[static_cast<size_t>(reason)];
    Ptr<Packet> datagram = payload->Copy();
    datagram->AddHeader(header);
    m_dropTrace(datagram, direction, reason);
}

NaptBinding*
NaptTranslator::BindOutbound(uint8_t protocol, Ipv4Address address, uint16_t port, uint8_t tcpSeen)
{
    NaptBinding* binding = m_table.FindInside(protocol, address, port);
    if (binding)
    {
        // A SYN without ACK opens a new connection on the same inside port: forget the old
        // one's FIN / RST.
        if (tcpSeen == NaptBinding::SYN_OUT &&
            (binding->tcpSeen & (NaptBinding::FIN_OUT | NaptBinding::FIN_IN | NaptBinding::RST)))
        {
            binding->tcpSeen = 0;
        }
        binding->tcpSeen |= tcpSeen;
        m_table.Refresh(*binding);
        return binding;
    }
    binding = m_table.Create(protocol, address, port, tcpSeen);
    if (binding)
    {
        ++m_counters.bindingsCreated;
        m_bindingCreatedTrace(*binding);
    }
    return binding;
}

NaptTranslator::Verdict
NaptTranslator::TranslateOutbound(Ipv4Header& header,
                                  Ptr<Packet> payload,
                                  Ipv4Address publicAddress)
{
    if (header.GetFragmentOffset() != 0 || !header.IsLastFragment())
    {
        Drop(header, payload, NaptDirection::OUTBOUND, NaptDropReason::FRAGMENT);
        return DROP;
    }
    Verdict verdict = DROP;
    switch (header.GetProtocol())
    {
    case PROTO_UDP:
    case PROTO_TCP:
        verdict = OutboundPorts(header, payload, publicAddress);
        break;
    case PROTO_ICMP:
        verdict = OutboundIcmp(header, payload, publicAddress);
        break;
    default:
        Drop(header, payload, NaptDirection::OUTBOUND, NaptDropReason::UNSUPPORTED_PROTOCOL);
        return DROP;
    }
    if (verdict == TRANSLATED)
    {
        ++m_counters.translatedOut;
        if (Node::ChecksumEnabled())
        {
            header.EnableChecksum();
        }
    }
    return verdict;
}

NaptTranslator::Verdict
NaptTranslator::TranslateInbound(Ipv4Header& header, Ptr<Packet> payload)
{
    if (header.GetFragmentOffset() != 0 || !header.IsLastFragment())
    {
        Drop(header, payload, NaptDirection::INBOUND, NaptDropReason::FRAGMENT);
        return DROP;
    }
    Verdict verdict = DROP;
    switch (header.GetProtocol())
    {
    case PROTO_UDP:
    case PROTO_TCP:
        verdict = InboundPorts(header, payload);
        break;
    case PROTO_ICMP:
        verdict = InboundIcmp(header, payload);
        break;
    default:
        Drop(header, payload, NaptDirection::INBOUND, NaptDropReason::UNSUPPORTED_PROTOCOL);
        return DROP;
    }
    if (verdict == TRANSLATED)
    {
        ++m_counters.translatedIn;
        if (Node::ChecksumEnabled())
        {
            header.EnableChecksum();
        }
    }
    return verdict;
}

NaptTranslator::Verdict
NaptTranslator::OutboundPorts(Ipv4Header& header, Ptr<Packet> payload, Ipv4Address publicAddress)
{
    bool checksum = Node::ChecksumEnabled();
    uint8_t protocol = header.GetProtocol();
    if (protocol == PROTO_UDP)
    {
        if (payload->GetSize() < 8)
        {
            Drop(header, payload, NaptDirection::OUTBOUND, NaptDropReason::MALFORMED);
            return DROP;
        }
        // A zero UDP checksum means none (RFC 768; RFC 3948 sends ESP in UDP so): it is
        // neither checked nor computed, and stays zero.
        bool verify = checksum && UdpChecksumInUse(payload);
        UdpHeader udp;
        if (!PopChecked(header, payload, udp, verify))
        {
            payload->AddHeader(udp);
            Drop(header, payload, NaptDirection::OUTBOUND, NaptDropReason::MALFORMED);
            return DROP;
        }
        NaptBinding* binding = BindOutbound(protocol, header.GetSource(), udp.GetSourcePort(), 0);
        if (!binding)
        {
            payload->AddHeader(udp);
            Drop(header, payload, NaptDirection::OUTBOUND, NaptDropReason::PORTS_EXHAUSTED);
            return DROP;
        }
        udp.SetSourcePort(binding->externalPort);
        header.SetSource(publicAddress);
        PushRewritten(header, payload, udp, verify);
        return TRANSLATED;
    }
    if (payload->GetSize() < 20)
    {
        Drop(header, payload, NaptDirection::OUTBOUND, NaptDropReason::MALFORMED);
        return DROP;
    }
    TcpHeader tcp;
    if (!PopChecked(header, payload, tcp, checksum))
    {
        payload->AddHeader(tcp);
        Drop(header, payload, NaptDirection::OUTBOUND, NaptDropReason::MALFORMED);
        return DROP;
    }
    uint8_t flags = tcp.GetFlags();
    uint8_t seen = TcpSeenBits(flags, true);
    if ((flags & TcpHeader::SYN) && (flags & TcpHeader::ACK))
    {
        seen = 0; // a SYN-ACK from inside answers a SYN that came in: not an opening
    }
    NaptBinding* binding = BindOutbound(protocol, header.GetSource(), tcp.GetSourcePort(), seen);
    if (!binding)
    {
        payload->AddHeader(tcp);
        Drop(header, payload, NaptDirection::OUTBOUND, NaptDropReason::PORTS_EXHAUSTED);
        return DROP;
    }
    tcp.SetSourcePort(binding->externalPort);
    header.SetSource(publicAddress);
    PushRewritten(header, payload, tcp, checksum);
    return TRANSLATED;
}

NaptTranslator::Verdict
NaptTranslator::InboundPorts(Ipv4Header& header, Ptr<Packet> payload)
{
    bool checksum = Node::ChecksumEnabled();
    uint8_t protocol = header.GetProtocol();
    if (payload->GetSize() < (protocol == PROTO_UDP ? 8u : 20u))
    {
        Drop(header, payload, NaptDirection::INBOUND, NaptDropReason::MALFORMED);
        return DROP;
    }
    if (protocol == PROTO_UDP)
    {
        bool verify = checksum && UdpChecksumInUse(payload); // zero: none, as outbound
        UdpHeader udp;
        bool intact = PopChecked(header, payload, udp, verify);
        NaptBinding* binding = m_table.FindExternal(protocol, udp.GetDestinationPort());
        NaptDropReason reason = NaptDropReason::NO_BINDING;
        if (binding && intact)
        {
            if (m_udpInboundRefresh)
            {
                m_table.Refresh(*binding);
            }
            udp.SetDestinationPort(binding->insidePort);
            header.SetDestination(binding->insideAddress);
            PushRewritten(header, payload, udp, verify);
            return TRANSLATED;
        }
        if (binding)
        {
            reason = NaptDropReason::MALFORMED;
        }
        payload->AddHeader(udp);
        Drop(header, payload, NaptDirection::INBOUND, reason);
        return DROP;
    }
    TcpHeader tcp;
    bool intact = PopChecked(header, payload, tcp, checksum);
    NaptBinding* binding = m_table.FindExternal(protocol, tcp.GetDestinationPort());
    if (!binding || !intact)
    {
        payload->AddHeader(tcp);
        Drop(header,
             payload,
             NaptDirection::INBOUND,
             binding ? NaptDropReason::MALFORMED : NaptDropReason::NO_BINDING);
        return DROP;
    }
    // TCP bindings are refreshed both ways (RFC 5382 leaves it open; a long download with
    // delayed ACKs must not lose its binding).
    binding->tcpSeen |= TcpSeenBits(tcp.GetFlags(), false);
    m_table.Refresh(*binding);
    tcp.SetDestinationPort(binding->insidePort);
    header.SetDestination(binding->insideAddress);
    PushRewritten(header, payload, tcp, checksum);
    return TRANSLATED;
}

NaptTranslator::Verdict
NaptTranslator::OutboundIcmp(Ipv4Header& header, Ptr<Packet> payload, Ipv4Address publicAddress)
{
    if (payload->GetSize() < 8)
    {
        Drop(header, payload, NaptDirection::OUTBOUND, NaptDropReason::MALFORMED);
        return DROP;
    }
    Icmpv4Header icmp;
    payload->RemoveHeader(icmp);
    uint8_t type = icmp.GetType();
    Verdict verdict = DROP;
    if (type == ICMP_ECHO)
    {
        Icmpv4Echo echo;
        payload->RemoveHeader(echo);
        NaptBinding* binding =
            BindOutbound(PROTO_ICMP, header.GetSource(), echo.GetIdentifier(), 0);
        if (binding)
        {
            echo.SetIdentifier(binding->externalPort);
            header.SetSource(publicAddress);
            verdict = TRANSLATED;
        }
        payload->AddHeader(echo);
        if (!binding)
        {
            payload->AddHeader(icmp);
            Drop(header, payload, NaptDirection::OUTBOUND, NaptDropReason::PORTS_EXHAUSTED);
            return DROP;
        }
    }
    else if (type == ICMP_UNREACHABLE || type == ICMP_TIME_EXCEEDED)
    {
        if (header.GetSource() == publicAddress)
        {
            // The router's own error about a packet sent to it: nothing was translated.
            payload->AddHeader(icmp);
            return PASS;
        }
        verdict = IcmpError(header, payload, type, false, publicAddress);
        if (verdict == DROP)
        {
            payload->AddHeader(icmp);
            Drop(header, payload, NaptDirection::OUTBOUND, NaptDropReason::NO_BINDING);
            return DROP;
        }
        header.SetSource(publicAddress);
    }
    else
    {
        payload->AddHeader(icmp);
        Drop(header, payload, NaptDirection::OUTBOUND, NaptDropReason::UNSUPPORTED_PROTOCOL);
        return DROP;
    }
    if (Node::ChecksumEnabled())
    {
        icmp.EnableChecksum();
    }
    payload->AddHeader(icmp);
    return verdict;
}

NaptTranslator::Verdict
NaptTranslator::InboundIcmp(Ipv4Header& header, Ptr<Packet> payload)
{
    if (payload->GetSize() < 8)
    {
        Drop(header, payload, NaptDirection::INBOUND, NaptDropReason::MALFORMED);
        return DROP;
    }
    Icmpv4Header icmp;
    payload->RemoveHeader(icmp);
    uint8_t type = icmp.GetType();
    if (type == ICMP_ECHO_REPLY)
    {
        Icmpv4Echo echo;
        payload->RemoveHeader(echo);
        NaptBinding* binding = m_table.FindExternal(PROTO_ICMP, echo.GetIdentifier());
        if (binding)
        {
            // ICMP query bindings are refreshed by outbound requests only (RFC 5508 REQ-1).
            echo.SetIdentifier(binding->insidePort);
            header.SetDestination(binding->insideAddress);
        }
        payload->AddHeader(echo);
        if (!binding)
        {
            payload->AddHeader(icmp);
            Drop(header, payload, NaptDirection::INBOUND, NaptDropReason::NO_BINDING);
            return DROP;
        }
    }
    else if (type == ICMP_UNREACHABLE || type == ICMP_TIME_EXCEEDED)
    {
        if (IcmpError(header, payload, type, true, Ipv4Address()) == DROP)
        {
            payload->AddHeader(icmp);
            Drop(header, payload, NaptDirection::INBOUND, NaptDropReason::NO_BINDING);
            return DROP;
        }
    }
    else
    {
        // Echo requests and everything else to the public address are unsolicited.
        payload->AddHeader(icmp);
        Drop(header, payload, NaptDirection::INBOUND, NaptDropReason::NO_BINDING);
        return DROP;
    }
    if (Node::ChecksumEnabled())
    {
        icmp.EnableChecksum();
    }
    payload->AddHeader(icmp);
    return TRANSLATED;
}

NaptTranslator::Verdict
NaptTranslator::IcmpError(
    Ipv4Header& header, Ptr<Packet> payload, uint8_t type, bool inbound, Ipv4Address publicAddress)
{
    // The body: 4 bytes (unused / next-hop MTU), the quoted IPv4 header, its first 8 bytes.
    uint8_t head[4 + 20];
    if (payload->GetSize() < sizeof(head) + 8 ||
        payload->CopyData(head, sizeof(head)) != sizeof(head) || (head[4] & 0x0f) != 5)
    {
        return DROP;
    }
    Icmpv4DestinationUnreachable unreachable;
    Icmpv4TimeExceeded exceeded;
    Ipv4Header quoted;
    uint8_t data[8];
    if (type == ICMP_UNREACHABLE)
    {
        payload->RemoveHeader(unreachable);
        quoted = unreachable.GetHeader();
        unreachable.GetData(data);
    }
    else
    {
        payload->RemoveHeader(exceeded);
        quoted = exceeded.GetHeader();
        exceeded.GetData(data);
    }
    uint8_t protocol = quoted.GetProtocol();
    // Where the quoted packet's port (identifier) and checksum are in its first 8 bytes: the
    // source port went out translated; inside hosts quote our translation as destination.
    size_t portOffset = 0;
    int checksumOffset = -1;
    if (protocol == PROTO_UDP)
    {
        portOffset = inbound ? 0 : 2;
        checksumOffset = 6;
    }
    else if (protocol == PROTO_TCP)
    {
        portOffset = inbound ? 0 : 2; // its checksum lies beyond the 8 bytes
    }
    else if (protocol == PROTO_ICMP)
    {
        portOffset = 4;
        checksumOffset = 2;
    }
    NaptBinding* binding = nullptr;
    if (protocol == PROTO_UDP || protocol == PROTO_TCP || protocol == PROTO_ICMP)
    {
        uint16_t port = ReadWord(data, portOffset);
        binding = inbound ? m_table.FindExternal(protocol, port)
                          : m_table.FindInside(protocol, quoted.GetDestination(), port);
    }
    if (!binding)
    {
        if (type == ICMP_UNREACHABLE)
        {
            payload->AddHeader(unreachable);
        }
        else
        {
            payload->AddHeader(exceeded);
        }
        return DROP;
    }
    Ipv4Address before = inbound ? quoted.GetSource() : quoted.GetDestination();
    Ipv4Address after = inbound ? binding->insideAddress : publicAddress;
    uint16_t oldPort = ReadWord(data, portOffset);
    uint16_t newPort = inbound ? binding->insidePort : binding->externalPort;
    WriteWord(data, portOffset, newPort);
    // The quoted transport checksum, where it is quoted and in use: UDP's covers the addresses
    // (pseudo header) and the port, ICMP's only the identifier.
    if (checksumOffset >= 0 && ReadWord(data, checksumOffset) != 0)
    {
        uint16_t sum = ReadWord(data, checksumOffset);
        sum = AdjustChecksum(sum, oldPort, newPort);
        if (protocol == PROTO_UDP)
        {
            sum = AdjustChecksum(sum, before.Get() >> 16, after.Get() >> 16);
            sum = AdjustChecksum(sum, before.Get() & 0xffff, after.Get() & 0xffff);
        }
        WriteWord(data, checksumOffset, sum);
    }
    if (inbound)
    {
        quoted.SetSource(after);
        header.SetDestination(binding->insideAddress);
    }
    else
    {
        quoted.SetDestination(after);
    }
    if (Node::ChecksumEnabled())
    {
        quoted.EnableChecksum();
    }
    Ptr<Packet> quotedData = Create<Packet>(data, sizeof(data));
    if (type == ICMP_UNREACHABLE)
    {
        unreachable.SetHeader(quoted);
        unreachable.SetData(quotedData);
        payload->AddHeader(unreachable);
    }
    else
    {
        exceeded.SetHeader(quoted);
        exceeded.SetData(quotedData);
        payload->AddHeader(exceeded);
    }
    return TRANSLATED;
}

} // namespace ns3
