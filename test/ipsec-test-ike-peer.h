/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef IPSEC_TEST_IKE_PEER_H
#define IPSEC_TEST_IKE_PEER_H

// Scripted IKE peers for tests, built from the module's public wire and key functions and run
// on plain ns-3 nodes. The initiator runs a preshared-key main mode against a node's
// IkeService and then sends whatever quick mode message a test composes, authenticated with
// the keys it agreed; the responder answers a node's main mode and quick mode the way another
// implementation might. They let a test put on the wire what no IkeService would send, and see
// exactly what comes back.

#include "ns3/abort.h"
#include "ns3/inet-socket-address.h"
#include "ns3/ipsec-module.h"
#include "ns3/simulator.h"
#include "ns3/socket.h"
#include "ns3/udp-socket-factory.h"

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace ns3
{
namespace test
{

/**
 * What both scripted peers share: UDP 500 on a plain node, one main mode SA (3des-sha1-2,
 * preshared key) and the key computations of RFC 2409 on it.
 */
class ScriptedIkePeer
{
  public:
    virtual ~ScriptedIkePeer()
    {
        m_socket->Close();
    }

    /** \return messages that did not check out (should stay 0) */
    uint32_t GetErrors() const
    {
        return m_errors;
    }

  protected:
    /**
     * \param node a node with a plain internet stack (nothing else on UDP 500)
     * \param local its address
     * \param peer the other IKE peer's address
     * \param preSharedKey the key both sides use
     * \param stream the random stream of nonces and the DH exponent
     * \param initiator this peer starts main mode
     */
    ScriptedIkePeer(Ptr<Node> node,
                    Ipv4Address local,
                    Ipv4Address peer,
                    const std::string& preSharedKey,
                    int64_t stream,
                    bool initiator)
        : m_psk(preSharedKey.begin(), preSharedKey.end())
    {
        m_stream = CreateObject<UniformRandomVariable>();
        m_stream->SetStream(stream);
        m_rng = std::make_unique<IkeRandom>(m_stream);
        m_sa.local = local;
        m_sa.peer = peer;
        m_sa.initiator = initiator;
        m_sa.terms.method = IkeMainModeMethod{}; // 3DES, SHA-1, group 2
        m_socket = Socket::CreateSocket(node, UdpSocketFactory::GetTypeId());
        m_socket->Bind(InetSocketAddress(local, 500));
        m_socket->SetRecvCallback(MakeCallback(&ScriptedIkePeer::Receive, this));
    }

    /** \param message a parsed message from the peer */
    virtual void Handle(const IsakmpMessage& message) = 0;

    /** \param message a message to send to the peer's port 500 */
    void Send(const IsakmpMessage& message)
    {
        m_socket->SendTo(message.ToPacket(), 0, InetSocketAddress(m_sa.peer, 500));
    }

    /** \return the negotiated hash */
    IkeHashAlgorithm Hash() const
    {
        return m_sa.terms.method.hash;
    }

    /**
     * \param messageId a phase 2 message ID
     * \return its first IV (RFC 2409 appendix B)
     */
    std::vector<uint8_t> PhaseTwoIv(uint32_t messageId) const
    {
        return IkePhase2Iv(Hash(),
                           m_sa.lastBlock,
                           messageId,
                           IkeGetBlockSize(m_sa.terms.method.encryption));
    }

    /**
     * \brief SKEYID and what derives from it, the main mode cipher key and first IV, from the
     *        nonces and the DH exchange (m_gxi, m_gxr set).
     * \param ni the initiator's nonce
     * \param nr the responder's nonce
     * \param gxy the shared secret
     */
    void DeriveKeys(const std::vector<uint8_t>& ni,
                    const std::vector<uint8_t>& nr,
                    const std::vector<uint8_t>& gxy)
    {
        IkePhase1Keys keys = IkeDerivePhase1Keys(Hash(),
                                                 IkeSkeyidPreSharedKey(Hash(), m_psk, ni, nr),
                                                 gxy,
                                                 m_sa.cookieI,
                                                 m_sa.cookieR);
        m_skeyid = keys.skeyid;
        m_sa.skeyidD = keys.skeyidD;
        m_sa.skeyidA = keys.skeyidA;
        m_sa.encryptionKey =
            IkePhase1EncryptionKey(Hash(), keys.skeyidE, m_sa.terms.method.encryption);
        m_iv = IkePhase1Iv(Hash(), m_gxi, m_gxr, IkeGetBlockSize(m_sa.terms.method.encryption));
    }

    /**
     * \param ofInitiator HASH_I, else HASH_R
     * \param idB the body of the prover's identity payload
     * \return the proof
     */
    std::vector<uint8_t> Proof(bool ofInitiator, const std::vector<uint8_t>& idB) const
    {
        auto proof = ofInitiator ? &IkeHashI : &IkeHashR;
        return proof(Hash(), m_skeyid, m_gxi, m_gxr, m_sa.cookieI, m_sa.cookieR, m_saiB, idB);
    }

    /**
     * \brief Encrypt this peer's main mode message 5 or 6: its identity and proof.
     * \return the message
     */
    IsakmpMessage IdentityAndProof()
    {
        IsakmpIdPayload id = IsakmpIdPayload::Ipv4(m_sa.local);
        std::vector<uint8_t> idB;
        NS_ABORT_UNLESS(id.Serialize(idB));
        std::vector<IsakmpPayload> payloads{id,
                                            IsakmpHashPayload{{Proof(m_sa.initiator, idB)}}};
        IsakmpMessage m(m_sa.MakeHeader(IsakmpExchangeType::IDENTITY_PROTECTION, 0));
        m.SetEncryptedBody(IsakmpPayloadType::IDENTIFICATION, m_sa.Encrypt(payloads, m_iv));
        return m;
    }

    /**
     * \param message the peer's main mode message 5 or 6
     * \return true if it decrypts to an identity and the peer's proof for it
     */
    bool CheckIdentityAndProof(const IsakmpMessage& message)
    {
        std::vector<IsakmpPayload> payloads;
        if (!m_sa.Decrypt(message, m_iv, payloads) || payloads.size() < 2)
        {
            return false;
        }
        const auto* id = std::get_if<IsakmpIdPayload>(&payloads[0]);
        const auto* proof = std::get_if<IsakmpHashPayload>(&payloads[1]);
        std::vector<uint8_t> idB;
        return id && proof && id->Serialize(idB) && proof->data == Proof(!m_sa.initiator, idB);
    }

    /**
     * \brief HDR*, HASH, payloads: a protected phase 2 message.
     * \param type quick mode or informational
     * \param messageId its message ID
     * \param hash the HASH payload's data
     * \param rest the payloads after it
     * \param iv in: the IV; out: the last ciphertext block
     * \return the message
     */
    IsakmpMessage Protected(IsakmpExchangeType type,
                            uint32_t messageId,
                            std::vector<uint8_t> hash,
                            const std::vector<IsakmpPayload>& rest,
                            std::vector<uint8_t>& iv)
    {
        std::vector<IsakmpPayload> all{IsakmpHashPayload{std::move(hash)}};
        all.insert(all.end(), rest.begin(), rest.end());
        IsakmpMessage m(m_sa.MakeHeader(type, messageId));
        m.SetEncryptedBody(IsakmpPayloadType::HASH, m_sa.Encrypt(all, iv));
        return m;
    }

    /**
     * \param payloads payloads
     * \return their chain's bytes, as HASH(1) and HASH(2) cover them
     */
    static std::vector<uint8_t> ChainBytes(const std::vector<IsakmpPayload>& payloads)
    {
        std::vector<uint8_t> bytes;
        NS_ABORT_UNLESS(IsakmpMessage::SerializePayloadChain(payloads, bytes));
        return bytes;
    }

    std::vector<uint8_t> m_psk;          //!< the preshared key
    Ptr<UniformRandomVariable> m_stream; //!< source of nonces and the DH exponent
    std::unique_ptr<IkeRandom> m_rng;    //!< the same, for Crypto++
    IkeMainModeSa m_sa;                  //!< cookies, terms, keys
    std::vector<uint8_t> m_saiB;         //!< the initiator's SA payload body
    std::vector<uint8_t> m_gxi;          //!< the initiator's public value
    std::vector<uint8_t> m_gxr;          //!< the responder's public value
    std::vector<uint8_t> m_skeyid;       //!< SKEYID
    std::vector<uint8_t> m_iv;           //!< main mode CBC state
    uint32_t m_errors{0};                //!< messages that did not check out

  private:
    /** \param socket the socket with a datagram waiting */
    void Receive(Ptr<Socket> socket)
    {
        Address from;
        while (Ptr<Packet> packet = socket->RecvFrom(from))
        {
            IsakmpMessage message;
            if (!message.FromPacket(packet))
            {
                ++m_errors;
                continue;
            }
            Handle(message);
        }
    }

    Ptr<Socket> m_socket; //!< UDP 500
};

/** A preshared-key IKE initiator on a node without IPsec, driven by the test. */
class ScriptedIkeInitiator : public ScriptedIkePeer
{
  public:
    /** One message received after main mode, opened with the keys. */
    struct Received
    {
        IsakmpExchangeType exchange; //!< quick mode or informational
        uint32_t messageId;          //!< its message ID
        bool hashOk;                 //!< its HASH(2) (quick mode) or HASH(1) checked out
        IsakmpMessage payloads;      //!< the payloads after the HASH
    };

    /**
     * \param node a node with a plain internet stack (nothing else on UDP 500)
     * \param local its address
     * \param peer the IKE responder's address
     * \param preSharedKey the key both sides use
     */
    ScriptedIkeInitiator(Ptr<Node> node,
                         Ipv4Address local,
                         Ipv4Address peer,
                         const std::string& preSharedKey)
        : ScriptedIkePeer(node, local, peer, preSharedKey, 4242, true)
    {
    }

    /** \brief Send main mode message 1; the rest follows as the answers come. */
    void StartMainMode()
    {
        m_sa.cookieI = 0x5c5c000000000001ULL;
        IsakmpSaPayload offer = IkeMakeMainModeSa({m_sa.terms.method},
                                                  {IkeAuthKind::PRESHARED_KEY},
                                                  28800);
        NS_ABORT_UNLESS(offer.Serialize(m_saiB));
        IsakmpMessage m1(m_sa.MakeHeader(IsakmpExchangeType::IDENTITY_PROTECTION, 0));
        m1.AddPayload(offer);
        Send(m1);
        m_step = 2;
    }

    /** \return true once main mode message 6 checked out */
    bool IsEstablished() const
    {
        return m_step == 7;
    }

    /**
     * \brief Send quick mode message 1 with these payloads after HASH(1), in this order.
     * \param rest the payloads (SA, nonce, identities...), as the test wants them
     * \param messageId its message ID
     */
    void SendQuickMode1(const std::vector<IsakmpPayload>& rest, uint32_t messageId)
    {
        std::vector<uint8_t> iv = PhaseTwoIv(messageId);
        IsakmpMessage m =
            Protected(IsakmpExchangeType::QUICK_MODE,
                      messageId,
                      IkeQuickModeHash1(Hash(), m_sa.skeyidA, messageId, ChainBytes(rest)),
                      rest,
                      iv);
        m_quickModeIvs[messageId] = iv;
        for (const IsakmpPayload& payload : rest)
        {
            if (const auto* nonce = std::get_if<IsakmpNoncePayload>(&payload))
            {
                m_quickModeNonces[messageId] = nonce->data;
            }
        }
        Send(m);
    }

    /**
     * \brief Send quick mode message 3 (HDR*, HASH(3)) of the quick mode \p messageId, whose
     * message 2 came (the first copy received is the one answered).
     * \param messageId the quick mode's message ID
     */
    void SendQuickMode3(uint32_t messageId)
    {
        auto answered = m_quickModeAnswers.find(messageId);
        NS_ABORT_MSG_IF(answered == m_quickModeAnswers.end(), "no message 2 for " << messageId);
        std::vector<uint8_t> iv = answered->second.second;
        Send(Protected(IsakmpExchangeType::QUICK_MODE,
                       messageId,
                       IkeQuickModeHash3(Hash(),
                                         m_sa.skeyidA,
                                         messageId,
                                         m_quickModeNonces[messageId],
                                         answered->second.first),
                       {},
                       iv));
    }

    /**
     * \brief Send a protected informational message: HDR*, HASH(1), these payloads.
     * \param rest the notification or delete payloads
     * \param messageId its message ID
     */
    void SendInformational(const std::vector<IsakmpPayload>& rest, uint32_t messageId)
    {
        std::vector<uint8_t> iv = PhaseTwoIv(messageId);
        Send(Protected(IsakmpExchangeType::INFORMATIONAL,
                       messageId,
                       IkeQuickModeHash1(Hash(), m_sa.skeyidA, messageId, ChainBytes(rest)),
                       rest,
                       iv));
    }

    /**
     * \param spi the SPI to offer
     * \return an ESP 3DES / HMAC-SHA1 transport-mode SA payload, 3600 s
     */
    static IsakmpSaPayload EspOffer(uint32_t spi)
    {
        return IkeMakeQuickModeSa({IkeQuickModeOffer{}}, IpsecMode::TRANSPORT, spi, 3600, 0, {});
    }

    /** \return the messages received after main mode, in order */
    const std::vector<Received>& GetReceived() const
    {
        return m_received;
    }

  private:
    void Handle(const IsakmpMessage& message) override
    {
        const IsakmpHeader& header = message.GetHeader();
        if (header.GetExchangeType() != IsakmpExchangeType::IDENTITY_PROTECTION)
        {
            HandlePhaseTwo(message);
        }
        else if (m_step == 2 && message.Find<IsakmpSaPayload>())
        {
            m_sa.cookieR = header.GetResponderCookie();
            m_dh = std::make_unique<IkeDhKeyPair>(m_sa.terms.method.group, *m_rng);
            m_gxi = m_dh->GetPublicValue();
            m_ni = m_rng->GenerateBytes(16);
            IsakmpMessage m3(m_sa.MakeHeader(IsakmpExchangeType::IDENTITY_PROTECTION, 0));
            m3.AddPayload(IsakmpKePayload{{m_gxi}});
            m3.AddPayload(IsakmpNoncePayload{{m_ni}});
            m_step = 4;
            Send(m3);
        }
        else if (m_step == 4 && message.Find<IsakmpKePayload>() &&
                 message.Find<IsakmpNoncePayload>())
        {
            m_gxr = message.Find<IsakmpKePayload>()->data;
            std::vector<uint8_t> gxy;
            if (!m_dh->ComputeSharedSecret(m_gxr, gxy))
            {
                ++m_errors;
                return;
            }
            DeriveKeys(m_ni, message.Find<IsakmpNoncePayload>()->data, gxy);
            m_step = 6;
            Send(IdentityAndProof());
        }
        else if (m_step == 6 && header.IsEncrypted() && CheckIdentityAndProof(message))
        {
            m_sa.lastBlock = m_iv;
            m_step = 7;
        }
        else
        {
            ++m_errors;
        }
    }

    /** \param message a quick mode or informational message under the main mode SA */
    void HandlePhaseTwo(const IsakmpMessage& message)
    {
        uint32_t messageId = message.GetHeader().GetMessageId();
        bool quickMode = message.GetHeader().GetExchangeType() == IsakmpExchangeType::QUICK_MODE;
        auto known = m_quickModeIvs.find(messageId);
        std::vector<uint8_t> iv =
            quickMode && known != m_quickModeIvs.end() ? known->second : PhaseTwoIv(messageId);
        Received received{message.GetHeader().GetExchangeType(), messageId, false, {}};
        std::vector<uint8_t> hashData;
        std::vector<uint8_t> restBytes;
        if (!m_sa.OpenHashed(message, iv, hashData, received.payloads, restBytes))
        {
            ++m_errors;
            return;
        }
        if (quickMode && received.payloads.Find<IsakmpNoncePayload>())
        {
            // Nr_b and the CBC state after message 2: what message 3 needs.
            m_quickModeAnswers.emplace(
                messageId,
                std::make_pair(received.payloads.Find<IsakmpNoncePayload>()->data, iv));
        }
        if (quickMode)
        {
            received.hashOk =
                known != m_quickModeIvs.end() &&
                hashData == IkeQuickModeHash2(Hash(),
                                              m_sa.skeyidA,
                                              messageId,
                                              m_quickModeNonces[messageId],
                                              restBytes);
        }
        else
        {
            // Informational HASH(1) = prf(SKEYID_a, M-ID | N/D), as quick mode's HASH(1).
            received.hashOk =
                hashData == IkeQuickModeHash1(Hash(), m_sa.skeyidA, messageId, restBytes);
        }
        m_received.push_back(std::move(received));
    }

    std::unique_ptr<IkeDhKeyPair> m_dh; //!< our DH pair
    std::vector<uint8_t> m_ni;          //!< our main mode nonce
    uint8_t m_step{0};                  //!< next main mode message expected (7: done)
    std::map<uint32_t, std::vector<uint8_t>> m_quickModeIvs;    //!< CBC state per quick mode
    std::map<uint32_t, std::vector<uint8_t>> m_quickModeNonces; //!< Ni_b per quick mode
    /** Per quick mode answered: Nr_b and the CBC state after message 2. */
    std::map<uint32_t, std::pair<std::vector<uint8_t>, std::vector<uint8_t>>> m_quickModeAnswers;
    std::vector<Received> m_received;                           //!< phase 2 messages, in order
};

/**
 * A preshared-key IKE responder on a node without IPsec, driven by the test: it answers a
 * node's main mode (3des-sha1-2) and quick mode with the attributes of the chosen transforms in
 * another order, as strongSwan's charon does, or with a quick mode transform that was never
 * offered, and records the informational messages it receives.
 */
class ScriptedIkeResponder : public ScriptedIkePeer
{
  public:
    /** How to answer quick mode message 1. */
    enum class QuickModeAnswer
    {
        REORDERED, //!< the first proposal, its attributes in another order
        FOREIGN,   //!< a proposal whose transform (ESP DES) was not offered
    };

    /**
     * \param node a node with a plain internet stack (nothing else on UDP 500)
     * \param local its address
     * \param peer the IKE initiator's address
     * \param preSharedKey the key both sides use
     * \param answer how to answer quick mode
     */
    ScriptedIkeResponder(Ptr<Node> node,
                         Ipv4Address local,
                         Ipv4Address peer,
                         const std::string& preSharedKey,
                         QuickModeAnswer answer)
        : ScriptedIkePeer(node, local, peer, preSharedKey, 4243, false),
          m_answer(answer)
    {
    }

    /** \return true once main mode message 5 checked out and message 6 went out */
    bool IsEstablished() const
    {
        return m_step == 7;
    }

    /** \return quick mode messages 3 whose HASH(3) checked out */
    uint32_t GetQuickModesCompleted() const
    {
        return m_completed;
    }

    /** \return notifications received in protected informational messages, in order */
    const std::vector<IsakmpNotifyPayload>& GetNotifications() const
    {
        return m_notifications;
    }

    /**
     * \brief Charon's order for a transform: the attributes reversed, each life type still
     *        followed by its duration.
     * \param attributes the attributes as offered
     * \return the same attributes in the other order
     */
    static std::vector<IsakmpAttribute> Rearranged(const std::vector<IsakmpAttribute>& attributes)
    {
        std::vector<std::vector<IsakmpAttribute>> units;
        for (size_t i = 0; i < attributes.size(); ++i)
        {
            std::vector<IsakmpAttribute> unit{attributes[i]};
            bool lifeType = attributes[i].type == IKE_ATTR_LIFE_TYPE ||
                            attributes[i].type == IPSEC_ATTR_SA_LIFE_TYPE;
            if (lifeType && i + 1 < attributes.size())
            {
                unit.push_back(attributes[++i]);
            }
            units.push_back(unit);
        }
        std::vector<IsakmpAttribute> out;
        for (auto unit = units.rbegin(); unit != units.rend(); ++unit)
        {
            out.insert(out.end(), unit->begin(), unit->end());
        }
        return out;
    }

  private:
    void Handle(const IsakmpMessage& message) override
    {
        if (message.GetHeader().GetExchangeType() == IsakmpExchangeType::IDENTITY_PROTECTION)
        {
            HandleMainMode(message);
        }
        else if (IsEstablished())
        {
            HandlePhaseTwo(message);
        }
        else
        {
            ++m_errors;
        }
    }

    /** \param message a main mode message from the initiator */
    void HandleMainMode(const IsakmpMessage& message)
    {
        const IsakmpSaPayload* offered = message.Find<IsakmpSaPayload>();
        if (m_step == 1 && offered && !offered->proposals.empty() &&
            !offered->proposals.front().transforms.empty())
        {
            m_sa.cookieI = message.GetHeader().GetInitiatorCookie();
            m_sa.cookieR = 0x7e7e000000000002ULL;
            NS_ABORT_UNLESS(offered->Serialize(m_saiB));
            IsakmpSaPayload reply = *offered;
            IsakmpTransform chosen = offered->proposals.front().transforms.front();
            chosen.attributes = Rearranged(chosen.attributes);
            reply.proposals.front().transforms = {chosen};
            IsakmpMessage m2(m_sa.MakeHeader(IsakmpExchangeType::IDENTITY_PROTECTION, 0));
            m2.AddPayload(reply);
            m_step = 3;
            Send(m2);
        }
        else if (m_step == 3 && message.Find<IsakmpKePayload>() &&
                 message.Find<IsakmpNoncePayload>())
        {
            m_gxi = message.Find<IsakmpKePayload>()->data;
            std::vector<uint8_t> ni = message.Find<IsakmpNoncePayload>()->data;
            IkeDhKeyPair dh(m_sa.terms.method.group, *m_rng);
            m_gxr = dh.GetPublicValue();
            std::vector<uint8_t> nr = m_rng->GenerateBytes(16);
            std::vector<uint8_t> gxy;
            if (!dh.ComputeSharedSecret(m_gxi, gxy))
            {
                ++m_errors;
                return;
            }
            DeriveKeys(ni, nr, gxy);
            IsakmpMessage m4(m_sa.MakeHeader(IsakmpExchangeType::IDENTITY_PROTECTION, 0));
            m4.AddPayload(IsakmpKePayload{{m_gxr}});
            m4.AddPayload(IsakmpNoncePayload{{nr}});
            m_step = 5;
            Send(m4);
        }
        else if (m_step == 5 && message.GetHeader().IsEncrypted() &&
                 CheckIdentityAndProof(message))
        {
            IsakmpMessage m6 = IdentityAndProof();
            m_sa.lastBlock = m_iv;
            m_step = 7;
            Send(m6);
        }
        else
        {
            ++m_errors;
        }
    }

    /** \param message a quick mode or informational message under the main mode SA */
    void HandlePhaseTwo(const IsakmpMessage& message)
    {
        uint32_t messageId = message.GetHeader().GetMessageId();
        bool quickMode = message.GetHeader().GetExchangeType() == IsakmpExchangeType::QUICK_MODE;
        auto known = m_ivs.find(messageId);
        std::vector<uint8_t> iv =
            quickMode && known != m_ivs.end() ? known->second : PhaseTwoIv(messageId);
        std::vector<uint8_t> hashData;
        std::vector<uint8_t> restBytes;
        IsakmpMessage rest;
        if (!m_sa.OpenHashed(message, iv, hashData, rest, restBytes))
        {
            ++m_errors;
        }
        else if (!quickMode)
        {
            ReadInformational(messageId, hashData, rest, restBytes);
        }
        else if (known != m_ivs.end())
        {
            // Message 3: HASH(3) alone.
            const auto& [ni, nr] = m_nonces[messageId];
            bool ok = hashData == IkeQuickModeHash3(Hash(), m_sa.skeyidA, messageId, ni, nr);
            ++(ok ? m_completed : m_errors);
        }
        else
        {
            Answer(messageId, hashData, rest, restBytes, iv);
        }
    }

    /** \brief Keep the notifications of an informational message whose HASH(1) checks out. */
    void ReadInformational(uint32_t messageId,
                           const std::vector<uint8_t>& hashData,
                           const IsakmpMessage& rest,
                           const std::vector<uint8_t>& restBytes)
    {
        if (hashData != IkeQuickModeHash1(Hash(), m_sa.skeyidA, messageId, restBytes))
        {
            ++m_errors;
            return;
        }
        for (const IsakmpPayload& payload : rest.GetPayloads())
        {
            if (const auto* notify = std::get_if<IsakmpNotifyPayload>(&payload))
            {
                m_notifications.push_back(*notify);
            }
        }
    }

    /** \brief Answer quick mode message 1 as the test asked (iv: the CBC state after it). */
    void Answer(uint32_t messageId,
                const std::vector<uint8_t>& hashData,
                const IsakmpMessage& rest,
                const std::vector<uint8_t>& restBytes,
                std::vector<uint8_t>& iv)
    {
        const auto* offered = rest.Find<IsakmpSaPayload>();
        const auto* ni = rest.Find<IsakmpNoncePayload>();
        if (hashData != IkeQuickModeHash1(Hash(), m_sa.skeyidA, messageId, restBytes) ||
            !offered || !ni || offered->proposals.empty())
        {
            ++m_errors;
            return;
        }
        IsakmpSaPayload reply = *offered;
        IsakmpProposal answer = offered->proposals.front();
        answer.SetSpi(0x7e000001);
        if (m_answer == QuickModeAnswer::REORDERED)
        {
            answer.transforms.front().attributes =
                Rearranged(answer.transforms.front().attributes);
        }
        else
        {
            answer.transforms.front().transformId = ESP_DES;
        }
        reply.proposals = {answer};
        std::vector<uint8_t> nr = m_rng->GenerateBytes(16);
        std::vector<IsakmpPayload> out{reply, IsakmpNoncePayload{{nr}}};
        for (size_t i = 0; rest.Find<IsakmpIdPayload>(i); ++i)
        {
            out.push_back(*rest.Find<IsakmpIdPayload>(i));
        }
        IsakmpMessage m2 =
            Protected(IsakmpExchangeType::QUICK_MODE,
                      messageId,
                      IkeQuickModeHash2(Hash(), m_sa.skeyidA, messageId, ni->data, ChainBytes(out)),
                      out,
                      iv);
        m_ivs[messageId] = iv;
        m_nonces[messageId] = {ni->data, nr};
        Send(m2);
    }

    QuickModeAnswer m_answer; //!< how to answer quick mode
    uint8_t m_step{1};        //!< next main mode message expected (7: done)
    uint32_t m_completed{0};  //!< quick modes whose message 3 checked out
    std::map<uint32_t, std::vector<uint8_t>> m_ivs; //!< CBC state per quick mode
    std::map<uint32_t, std::pair<std::vector<uint8_t>, std::vector<uint8_t>>>
        m_nonces;                                     //!< (Ni_b, Nr_b) per quick mode
    std::vector<IsakmpNotifyPayload> m_notifications; //!< received notifications
};

} // namespace test
} // namespace ns3

#endif /* IPSEC_TEST_IKE_PEER_H */
