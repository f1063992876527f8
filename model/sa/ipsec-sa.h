/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef IPSEC_SA_H
#define IPSEC_SA_H

#include "ns3/ipsec-algorithms.h"
#include "ns3/ipsec-timer-queue.h"
#include "ns3/ipv4-address.h"
#include "ns3/nstime.h"
#include "ns3/simple-ref-count.h"

#include <cstdint>
#include <memory>
#include <ostream>
#include <string>
#include <vector>

namespace ns3
{

/** IPsec security protocol of an SA. */
enum class IpsecProtocol : uint8_t
{
    ESP = 50, //!< Encapsulating Security Payload (RFC 4303)
    AH = 51,  //!< Authentication Header (RFC 4302)
};

/** Encapsulation mode of an SA. */
enum class IpsecMode : uint8_t
{
    TRANSPORT, //!< protect the payload of the original packet
    TUNNEL,    //!< protect the whole original packet inside a new outer IPv4 header
};

/**
 * \ingroup ipsec
 * \brief Lifetimes of an SA in time and in bytes: soft (warn the key manager, keep working)
 * and hard (delete). Zero means no limit.
 */
struct IpsecLifetime
{
    Time softTime;          //!< soft limit after installation (zero: none)
    Time hardTime;          //!< hard limit after installation (zero: none)
    uint64_t softBytes{0};  //!< soft limit on protected bytes (zero: none)
    uint64_t hardBytes{0};  //!< hard limit on protected bytes (zero: none)
};

/**
 * \ingroup ipsec
 * \brief What defines one SA: as given to manual keying, or as negotiated by IKE.
 */
struct IpsecSaConfig
{
    // Ordered so that the small fields share words: every SA keeps a copy of its config.
    uint32_t spi{0};                                      //!< security parameter index
    IpsecProtocol protocol{IpsecProtocol::ESP};           //!< ESP or AH
    IpsecMode mode{IpsecMode::TRANSPORT};                 //!< transport or tunnel
    IpsecEncryption encryption{IpsecEncryption::NULL_ENC}; //!< ESP cipher
    IpsecIntegrity integrity{IpsecIntegrity::NONE};       //!< integrity algorithm
    Ipv4Address source;                                   //!< outer source (the sending end)
    Ipv4Address destination;                              //!< outer destination (receiving end)
    uint32_t replayWindow{64};                            //!< anti-replay window (packets)
    /**
     * UDP encapsulation (RFC 3948, NAT-T data plane): the UDP source port of the packets sent
     * on this SA, i.e. the sending end's port. Zero together with encapDestinationPort: plain
     * ESP. (Ports rather than a flag: they fill a hole of the structure, so an SA grows by
     * nothing.)
     */
    uint16_t encapSourcePort{0};
    /**
     * UDP destination port of encapsulated packets: the receiving end's port (4500, or the
     * port a NAT mapped the peer's 4500 to). Zero together with encapSourcePort: plain ESP.
     */
    uint16_t encapDestinationPort{0};
    std::vector<uint8_t> encryptionKey;                   //!< cipher key (GCM: key + 4-byte salt)
    std::vector<uint8_t> integrityKey;                    //!< HMAC key
    IpsecLifetime lifetime;                               //!< soft and hard limits

    /** \return true if ESP travels inside UDP on this SA (RFC 3948) */
    bool IsUdpEncapsulated() const
    {
        return encapSourcePort != 0 || encapDestinationPort != 0;
    }

    /**
     * \brief Check the combination; empty when valid.
     * \return an error starting with the offending field
     */
    std::string Validate() const;
};

/** The life stage of an SA. */
enum class IpsecSaState : uint8_t
{
    MATURE, //!< in use
    DYING,  //!< soft limit reached: still usable, a replacement is wanted
    DEAD,   //!< hard limit reached or deleted: unusable
};

/** Result of accounting one packet against an SA's byte limits. */
enum class IpsecLimitCrossed : uint8_t
{
    NONE, //!< within limits
    SOFT, //!< this packet crossed the soft byte limit
    HARD, //!< the hard byte limit is reached: the packet is refused and the SA must go
};

/**
 * \ingroup ipsec
 * \brief One security association: algorithms and keyed crypto, sequence numbers, the
 * anti-replay window, lifetimes and counters.
 */
class IpsecSa
    : public SimpleRefCount<IpsecSa>
    , public IpsecTimed // its soft and hard time limits, in its driver's IpsecTimerQueue
{
  public:
    /**
     * \param config the SA's definition; validated
     * \param inbound true for an SA that receives
     * \param now creation time
     * \throw IpsecConfigError naming the offending field
     */
    IpsecSa(const IpsecSaConfig& config, bool inbound, Time now);
    ~IpsecSa();
    IpsecSa(const IpsecSa&) = delete;
    IpsecSa& operator=(const IpsecSa&) = delete;

    /** \return the definition */
    const IpsecSaConfig& GetConfig() const;
    /** \return the SPI */
    uint32_t GetSpi() const;
    /** \return true for an inbound SA */
    bool IsInbound() const;
    /** \return the state */
    IpsecSaState GetState() const;
    /** \param state the new state */
    void SetState(IpsecSaState state);

    /** \return the cipher (never null; NULL encryption is a no-op cipher) */
    IpsecCipher& GetCipher() const;
    /** \return the authenticator, or nullptr when integrity is NONE */
    IpsecAuthenticator* GetAuthenticator() const;
    /** \return bytes of ICV on the wire (AEAD tag or truncated HMAC) */
    uint32_t GetIcvLength() const;
    /** \return the properties of the SA's cipher (looked up once) */
    const IpsecEncryptionInfo& GetCipherInfo() const;

    /**
     * \param nextHeader the next header of a decapsulated packet
     * \return true if it fits the SA's mode: 4 (IPv4) exactly in tunnel mode
     */
    bool ModeMatches(uint8_t nextHeader) const;

    /**
     * \brief Take the next outbound sequence number.
     * \param[out] seq the number to send
     * \return false when the 32-bit space is used up (the SA must be replaced; never wraps)
     */
    bool NextSequence(uint32_t& seq);
    /** \return the last sequence number sent (outbound) or highest received (inbound) */
    uint32_t GetLastSequence() const;

    /**
     * \brief Anti-replay check before the ICV (RFC 4303 3.4.3): not advancing the window.
     * Inbound SAs only (only they keep a window).
     * \param seq the received sequence number
     * \return true if the number is new and inside or ahead of the window
     */
    bool ReplayCheck(uint32_t seq) const;
    /**
     * \brief Mark a number received, after its ICV checked out; slides the window.
     * Inbound SAs only.
     * \param seq the received sequence number
     */
    void ReplayAccept(uint32_t seq);

    /**
     * \brief Count one packet of \p bytes protected bytes against the byte lifetimes.
     * \param bytes protected payload bytes
     * \param now the current time (for last use)
     * \return whether a limit was crossed (HARD: the packet must not be processed)
     */
    IpsecLimitCrossed Account(uint64_t bytes, Time now);

    /** \return protected bytes counted so far */
    uint64_t GetBytes() const;
    /** \return packets counted so far */
    uint64_t GetPackets() const;
    /** \return creation time */
    Time GetCreationTime() const;
    /** \return last use time (creation time if never used) */
    Time GetLastUseTime() const;
    /** \return the policy filter id this SA serves (0 for none) */
    uint32_t GetFilterId() const;
    /** \param id the policy filter id this SA serves */
    void SetFilterId(uint32_t id);

    /**
     * \brief Print a one-line summary like `ip xfrm state`.
     * \param os output stream
     */
    void Print(std::ostream& os) const;

  private:
    /** \return true if the replay bitmap lives on the heap (inbound, window over 64 packets) */
    bool HasHeapWindow() const;
    // Defined here so that they inline into the per-packet replay checks (a function of the
    // shared library that is not inline could be interposed, and is then always called).
    /** \return the words of the replay bitmap (inbound SAs only) */
    uint64_t* WindowWords()
    {
        return m_config.replayWindow > 64 ? m_window.words : &m_window.word;
    }

    /** \return the words of the replay bitmap (inbound SAs only) */
    const uint64_t* WindowWords() const
    {
        return m_config.replayWindow > 64 ? m_window.words : &m_window.word;
    }

    /**
     * The anti-replay bitmap of an inbound SA; bit 0 is m_seq. The default window (64 packets)
     * and any smaller one fit in one word, so most SAs need no allocation for it.
     */
    union ReplayWindow
    {
        uint64_t word;   //!< the bitmap, for windows of up to 64 packets
        uint64_t* words; //!< (replayWindow + 63) / 64 words on the heap, for larger windows
    };

    // A node keeps two of these per negotiated pair for as long as the pair lives: the members
    // are ordered so that there are no padding holes (after the reference count and the timer
    // slots, m_seq completes their 16 bytes).
    uint32_t m_seq{0};                          //!< last sent / highest received
    IpsecSaConfig m_config;                     //!< definition
    std::unique_ptr<IpsecCipher> m_cipher;      //!< keyed cipher
    std::unique_ptr<IpsecAuthenticator> m_auth; //!< keyed HMAC (null if none)
    const IpsecEncryptionInfo* m_cipherInfo;    //!< properties of the cipher
    ReplayWindow m_window{0};                   //!< replay bitmap (inbound)
    uint64_t m_bytes{0};                        //!< protected bytes
    uint64_t m_packets{0};                      //!< packets
    Time m_created;                             //!< creation time
    Time m_lastUse;                             //!< last use time
    uint32_t m_filterId{0};                     //!< the policy it serves
    uint8_t m_icvLength;                        //!< bytes of ICV on the wire
    bool m_inbound;                             //!< direction
    IpsecSaState m_state{IpsecSaState::MATURE}; //!< life stage
    bool m_softBytesSignalled{false};           //!< soft byte limit already reported

    friend class IpsecSad;
    /**
     * Where the SAD holding this SA filed it, so that it removes the SA by key instead of
     * searching (IpsecSad's own bookkeeping).
     */
    struct SadPosition
    {
        uint64_t installed{0}; //!< installation number in that SAD
        uint32_t filterId{0};  //!< the policy entry it was filed under
        uint32_t peer{0};      //!< the peer it was filed under (outbound)
    };

    SadPosition m_sadPosition; //!< see SadPosition
};

/**
 * \param p a protocol
 * \return "esp" or "ah"
 */
std::string IpsecProtocolToString(IpsecProtocol p);
/**
 * \param m a mode
 * \return "transport" or "tunnel"
 */
std::string IpsecModeToString(IpsecMode m);

/**
 * \param text "esp" or "ah", in any case
 * \return the protocol
 * \throw IpsecConfigError naming field "proto"
 */
IpsecProtocol IpsecParseSecurityProtocol(const std::string& text);

/**
 * \param text "transport" or "tunnel", in any case
 * \return the mode
 * \throw IpsecConfigError naming field "mode"
 */
IpsecMode IpsecParseMode(const std::string& text);

/** The IANA port of UDP-encapsulated ESP and NAT-T IKE (RFC 3948, RFC 3947). */
constexpr uint16_t IPSEC_NAT_T_PORT = 4500;

/**
 * \ingroup ipsec
 * \brief Encapsulation mode values of IPsec DOI SA attribute 4 (RFC 2407 4.5, RFC 3947 3):
 * 1 tunnel, 2 transport, 3 UDP-Tunnel, 4 UDP-Transport; 61443 and 61444 are the values of
 * draft-ietf-ipsec-nat-t-ike-02 (which Windows XP SP2 and Server 2003 also send).
 */
enum class IpsecEncapsulationModeValue : uint16_t
{
    TUNNEL = 1,                     //!< plain tunnel
    TRANSPORT = 2,                  //!< plain transport
    UDP_TUNNEL = 3,                 //!< RFC 3947 UDP-Encapsulated-Tunnel
    UDP_TRANSPORT = 4,              //!< RFC 3947 UDP-Encapsulated-Transport
    UDP_TUNNEL_DRAFT = 61443,       //!< draft-02 UDP-Encapsulated-Tunnel
    UDP_TRANSPORT_DRAFT = 61444,    //!< draft-02 UDP-Encapsulated-Transport
};

/**
 * \param mode tunnel or transport
 * \param udpEncap true for UDP encapsulation
 * \param draft true for the draft-02 numbers (a peer that announced only the draft vendor ID)
 * \return the attribute value
 */
uint16_t IpsecEncapsulationModeToValue(IpsecMode mode, bool udpEncap, bool draft = false);

/**
 * \brief Read an encapsulation mode attribute value (the draft-02 values as aliases).
 * \param value the attribute value
 * \param[out] mode tunnel or transport
 * \param[out] udpEncap true for the UDP-encapsulated modes
 * \return false for an unknown value (outputs unchanged)
 */
bool IpsecParseEncapsulationModeValue(uint16_t value, IpsecMode& mode, bool& udpEncap);

} // namespace ns3

#endif /* IPSEC_SA_H */
