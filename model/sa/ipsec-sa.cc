/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ipsec-sa.h"

#include "ns3/assert.h"
#include "ns3/ipsec-config-error.h"

#include <algorithm>
#include <cctype>
#include <iomanip>
#include <sstream>

namespace ns3
{

std::string
IpsecProtocolToString(IpsecProtocol p)
{
    return p == IpsecProtocol::ESP ? "esp" : "ah";
}

std::string
IpsecModeToString(IpsecMode m)
{
    return m == IpsecMode::TRANSPORT ? "transport" : "tunnel";
}

namespace
{

/** Keywords are read in any case, as everywhere in the module's text (doc/filters.md). */
std::string
Lower(std::string text)
{
    std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) {
        return static_cast<char>(std::tolower(c));
    });
    return text;
}

} // namespace

IpsecProtocol
IpsecParseSecurityProtocol(const std::string& text)
{
    std::string lower = Lower(text);
    if (lower == "esp" || lower == "ah")
    {
        return lower == "esp" ? IpsecProtocol::ESP : IpsecProtocol::AH;
    }
    throw IpsecConfigError("proto", "'" + text + "' is not esp or ah");
}

IpsecMode
IpsecParseMode(const std::string& text)
{
    std::string lower = Lower(text);
    if (lower == "transport" || lower == "tunnel")
    {
        return lower == "transport" ? IpsecMode::TRANSPORT : IpsecMode::TUNNEL;
    }
    throw IpsecConfigError("mode", "'" + text + "' is not transport or tunnel");
}

std::string
IpsecSaConfig::Validate() const
{
    std::ostringstream os;
    if (spi == 0 || spi <= 255)
    {
        return "spi: " + std::to_string(spi) + " is reserved (use 256 or more)";
    }
    const IpsecEncryptionInfo& enc = IpsecGetEncryptionInfo(encryption);
    const IpsecIntegrityInfo& auth = IpsecGetIntegrityInfo(integrity);
    if (protocol == IpsecProtocol::AH)
    {
        if (integrity == IpsecIntegrity::NONE)
        {
            return "auth: AH needs an integrity algorithm";
        }
        if (encryption != IpsecEncryption::NULL_ENC)
        {
            return "cipher: AH does not encrypt (use cipher null)";
        }
    }
    else
    {
        if (encryption == IpsecEncryption::NULL_ENC && integrity == IpsecIntegrity::NONE)
        {
            return "auth: ESP needs encryption, integrity or both";
        }
        if (enc.aead && integrity != IpsecIntegrity::NONE)
        {
            return std::string("auth: ") + enc.name + " includes integrity (use auth none)";
        }
    }
    if (encryptionKey.size() != enc.keyLength)
    {
        os << "cipherkey: " << enc.name << " needs " << enc.keyLength << " bytes of key, got "
           << encryptionKey.size();
        return os.str();
    }
    if (integrityKey.size() != auth.keyLength)
    {
        os << "authkey: " << auth.name << " needs " << auth.keyLength << " bytes of key, got "
           << integrityKey.size();
        return os.str();
    }
    if (replayWindow != 0 && (replayWindow < 32 || replayWindow > 4096))
    {
        return "replaywindow: " + std::to_string(replayWindow) +
               " is outside 32-4096 (0 turns the check off)";
    }
    if (!lifetime.softTime.IsZero() && !lifetime.hardTime.IsZero() &&
        lifetime.softTime > lifetime.hardTime)
    {
        return "lifetime: the soft time limit is after the hard one";
    }
    if (lifetime.softBytes != 0 && lifetime.hardBytes != 0 &&
        lifetime.softBytes > lifetime.hardBytes)
    {
        return "lifetime: the soft byte limit is above the hard one";
    }
    if (lifetime.softTime.IsStrictlyNegative() || lifetime.hardTime.IsStrictlyNegative())
    {
        return "lifetime: negative time";
    }
    if (IsUdpEncapsulated())
    {
        if (protocol != IpsecProtocol::ESP)
        {
            return "encapport: UDP encapsulation carries ESP only (RFC 3948)";
        }
        if (encapSourcePort == 0 || encapDestinationPort == 0)
        {
            return "encapport: a UDP-encapsulated SA needs both ports (source " +
                   std::to_string(encapSourcePort) + ", destination " +
                   std::to_string(encapDestinationPort) + ")";
        }
    }
    if (!source.IsInitialized() || !destination.IsInitialized() ||
        source == Ipv4Address::GetAny() || destination == Ipv4Address::GetAny())
    {
        return "endpoints: an SA needs its source and destination addresses";
    }
    return "";
}

IpsecSa::IpsecSa(const IpsecSaConfig& config, bool inbound, Time now)
    : m_config(config),
      m_cipherInfo(&IpsecGetEncryptionInfo(config.encryption)),
      m_created(now),
      m_lastUse(now),
      m_icvLength(static_cast<uint8_t>(m_cipherInfo->icvLength +
                                       IpsecGetIntegrityInfo(config.integrity).icvLength)),
      m_inbound(inbound)
{
    std::string error = config.Validate();
    if (!error.empty())
    {
        throw IpsecConfigError::FromMessage(error);
    }
    m_cipher = IpsecCipher::Create(config.encryption, config.encryptionKey);
    m_auth = IpsecAuthenticator::Create(config.integrity, config.integrityKey);
    // Only a receiver keeps a window (ReplayCheck and ReplayAccept are for inbound SAs); up to
    // 64 packets it is the inline word, already zero.
    if (HasHeapWindow())
    {
        m_window.words = new uint64_t[(config.replayWindow + 63) / 64]();
    }
}

IpsecSa::~IpsecSa()
{
    NS_ASSERT_MSG(timerSlots[0] == UINT32_MAX && timerSlots[1] == UINT32_MAX,
                  "an SA is freed while its lifetime deadlines are still queued");
    if (HasHeapWindow())
    {
        delete[] m_window.words;
    }
}

bool
IpsecSa::HasHeapWindow() const
{
    return m_inbound && m_config.replayWindow > 64;
}

const IpsecSaConfig&
IpsecSa::GetConfig() const
{
    return m_config;
}

uint32_t
IpsecSa::GetSpi() const
{
    return m_config.spi;
}

bool
IpsecSa::IsInbound() const
{
    return m_inbound;
}

IpsecSaState
IpsecSa::GetState() const
{
    return m_state;
}

void
IpsecSa::SetState(IpsecSaState state)
{
    m_state = state;
}

IpsecCipher&
IpsecSa::GetCipher() const
{
    return *m_cipher;
}

IpsecAuthenticator*
IpsecSa::GetAuthenticator() const
{
    return m_auth.get();
}

uint32_t
IpsecSa::GetIcvLength() const
{
    return m_icvLength;
}

const IpsecEncryptionInfo&
IpsecSa::GetCipherInfo() const
{
    return *m_cipherInfo;
}

bool
IpsecSa::ModeMatches(uint8_t nextHeader) const
{
    return (nextHeader == 4) == (m_config.mode == IpsecMode::TUNNEL);
}

bool
IpsecSa::NextSequence(uint32_t& seq)
{
    // RFC 4303 3.3.3: without extended sequence numbers the counter must not cycle.
    if (m_seq == UINT32_MAX)
    {
        return false;
    }
    seq = ++m_seq;
    return true;
}

uint32_t
IpsecSa::GetLastSequence() const
{
    return m_seq;
}

bool
IpsecSa::ReplayCheck(uint32_t seq) const
{
    NS_ASSERT_MSG(m_inbound, "replay checks are for inbound SAs");
    if (m_config.replayWindow == 0)
    {
        return true;
    }
    if (seq == 0)
    {
        return false; // the first packet is 1: 0 is never sent
    }
    if (seq > m_seq)
    {
        return true;
    }
    uint32_t age = m_seq - seq;
    if (age >= m_config.replayWindow)
    {
        return false;
    }
    return (WindowWords()[age / 64] & (1ULL << (age % 64))) == 0;
}

void
IpsecSa::ReplayAccept(uint32_t seq)
{
    NS_ASSERT_MSG(m_inbound, "replay checks are for inbound SAs");
    if (m_config.replayWindow == 0)
    {
        m_seq = std::max(m_seq, seq);
        return;
    }
    uint64_t* window = WindowWords();
    if (seq > m_seq)
    {
        // Slide: bit i (age i) moves to age i + shift.
        uint64_t shift = seq - m_seq;
        size_t words = (m_config.replayWindow + 63) / 64;
        if (shift >= m_config.replayWindow)
        {
            std::fill(window, window + words, 0);
        }
        else
        {
            size_t wordShift = shift / 64;
            unsigned bitShift = shift % 64;
            for (size_t w = words; w-- > 0;)
            {
                uint64_t value = 0;
                if (w >= wordShift)
                {
                    value = window[w - wordShift] << bitShift;
                    if (bitShift != 0 && w > wordShift)
                    {
                        value |= window[w - wordShift - 1] >> (64 - bitShift);
                    }
                }
                window[w] = value;
            }
        }
        m_seq = seq;
        window[0] |= 1;
        return;
    }
    uint32_t age = m_seq - seq;
    if (age < m_config.replayWindow)
    {
        window[age / 64] |= 1ULL << (age % 64);
    }
}

IpsecLimitCrossed
IpsecSa::Account(uint64_t bytes, Time now)
{
    const IpsecLifetime& life = m_config.lifetime;
    if (life.hardBytes != 0 && m_bytes + bytes > life.hardBytes)
    {
        return IpsecLimitCrossed::HARD;
    }
    m_bytes += bytes;
    ++m_packets;
    m_lastUse = now;
    if (life.softBytes != 0 && !m_softBytesSignalled && m_bytes >= life.softBytes)
    {
        m_softBytesSignalled = true;
        return IpsecLimitCrossed::SOFT;
    }
    return IpsecLimitCrossed::NONE;
}

uint64_t
IpsecSa::GetBytes() const
{
    return m_bytes;
}

uint64_t
IpsecSa::GetPackets() const
{
    return m_packets;
}

Time
IpsecSa::GetCreationTime() const
{
    return m_created;
}

Time
IpsecSa::GetLastUseTime() const
{
    return m_lastUse;
}

uint32_t
IpsecSa::GetFilterId() const
{
    return m_filterId;
}

void
IpsecSa::SetFilterId(uint32_t id)
{
    m_filterId = id;
}

void
IpsecSa::Print(std::ostream& os) const
{
    const char* states[] = {"mature", "dying", "dead"};
    os << (m_inbound ? "in  " : "out ") << m_config.source << " -> " << m_config.destination
       << " " << IpsecProtocolToString(m_config.protocol) << " spi 0x" << std::hex
       << std::setw(8) << std::setfill('0') << m_config.spi << std::dec << std::setfill(' ')
       << " " << IpsecModeToString(m_config.mode) << " " << m_config.encryption << "/"
       << m_config.integrity << " seq " << m_seq << " " << m_packets << " pkts " << m_bytes
       << " bytes " << states[static_cast<int>(m_state)];
    if (m_config.IsUdpEncapsulated())
    {
        os << " udp-encap " << m_config.encapSourcePort << "->" << m_config.encapDestinationPort;
    }
    if (m_filterId != 0)
    {
        os << " filter " << m_filterId;
    }
}

uint16_t
IpsecEncapsulationModeToValue(IpsecMode mode, bool udpEncap, bool draft)
{
    using V = IpsecEncapsulationModeValue;
    bool tunnel = mode == IpsecMode::TUNNEL;
    V value;
    if (!udpEncap)
    {
        value = tunnel ? V::TUNNEL : V::TRANSPORT;
    }
    else if (draft)
    {
        value = tunnel ? V::UDP_TUNNEL_DRAFT : V::UDP_TRANSPORT_DRAFT;
    }
    else
    {
        value = tunnel ? V::UDP_TUNNEL : V::UDP_TRANSPORT;
    }
    return static_cast<uint16_t>(value);
}

bool
IpsecParseEncapsulationModeValue(uint16_t value, IpsecMode& mode, bool& udpEncap)
{
    using V = IpsecEncapsulationModeValue;
    switch (static_cast<V>(value))
    {
    case V::TUNNEL:
    case V::TRANSPORT:
        mode = static_cast<V>(value) == V::TUNNEL ? IpsecMode::TUNNEL : IpsecMode::TRANSPORT;
        udpEncap = false;
        return true;
    case V::UDP_TUNNEL:
    case V::UDP_TUNNEL_DRAFT:
        mode = IpsecMode::TUNNEL;
        udpEncap = true;
        return true;
    case V::UDP_TRANSPORT:
    case V::UDP_TRANSPORT_DRAFT:
        mode = IpsecMode::TRANSPORT;
        udpEncap = true;
        return true;
    }
    return false;
}

} // namespace ns3
