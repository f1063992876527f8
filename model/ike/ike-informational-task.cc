/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ike-informational-task.h"

#include "ike-main-mode-task.h"
#include "ike-quick-mode-task.h"
#include "ike-service.h"

#include "ns3/ike-keys.h"
#include "ns3/isakmp-codec.h"
#include "ns3/log.h"
#include "ns3/node.h"

#include <optional>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("IkeInformationalTask");

namespace
{

/** The SPI of an ISAKMP notification or delete: the two cookies. */
std::vector<uint8_t>
IkeCookieSpi(uint64_t cookieI, uint64_t cookieR)
{
    std::vector<uint8_t> spi(16);
    for (int i = 0; i < 8; ++i)
    {
        spi[i] = static_cast<uint8_t>(cookieI >> (56 - 8 * i));
        spi[8 + i] = static_cast<uint8_t>(cookieR >> (56 - 8 * i));
    }
    return spi;
}

/** The initiator cookie of an ISAKMP SPI (the first 8 of its 16 bytes). */
uint64_t
IkeSpiCookie(const std::vector<uint8_t>& spi, size_t offset)
{
    uint64_t cookie = 0;
    for (size_t i = 0; i < 8; ++i)
    {
        cookie = (cookie << 8) | spi[offset + i];
    }
    return cookie;
}

} // namespace

IkeInformationalTask::IkeInformationalTask(IkeService& service)
    : m_service(service)
{
}

IkeTaskType
IkeInformationalTask::GetType() const
{
    return IkeTaskType::INFORMATIONAL;
}

void
IkeInformationalTask::SendNotify(const IkeMainModeSa& sa, IsakmpNotifyType type, bool encrypted)
{
    IsakmpNotifyPayload notify;
    notify.protocolId = IsakmpProtocolId::ISAKMP;
    notify.type = type;
    notify.spi = IkeCookieSpi(sa.cookieI, sa.cookieR);
    if (!encrypted || !sa.IsEstablished())
    {
        // Before the main mode SA exists there is nothing to protect a notification with.
        IsakmpMessage message(sa.MakeHeader(IsakmpExchangeType::INFORMATIONAL, 0));
        message.AddPayload(notify);
        m_service.SendBytes(IkeSerializeMessage(message), sa.peer, "info");
        return;
    }
    SendProtected(sa, notify);
}

void
IkeInformationalTask::SendNotify(const IkeMainModeSa& mainModeSa,
                                 IsakmpProtocolId protocol,
                                 uint32_t spi,
                                 IsakmpNotifyType type)
{
    IsakmpNotifyPayload notify;
    notify.protocolId = protocol;
    notify.type = type;
    IsakmpCodec::PutU32(notify.spi, spi);
    SendProtected(mainModeSa, notify);
}

void
IkeInformationalTask::SendDelete(const IkeQuickModeSa& sa)
{
    IkeMainModeSa* carrier = m_service.FindMainModeSa(sa.cookieI, sa.cookieR, sa.peer);
    if (!carrier || !carrier->IsEstablished())
    {
        carrier = m_service.FindLastEstablishedMainModeSa(sa.peer);
    }
    if (!carrier)
    {
        NS_LOG_INFO("node " << m_service.m_node->GetId() << ": no main mode SA with " << sa.peer
                            << " to carry a delete");
        return;
    }
    IsakmpDeletePayload del;
    del.protocolId =
        sa.terms.offer.protocol == IpsecProtocol::AH ? IsakmpProtocolId::AH : IsakmpProtocolId::ESP;
    del.AddSpi(sa.spiIn); // the SPI the peer sends to
    ++m_service.m_counters.deletesSent;
    SendProtected(*carrier, del);
}

void
IkeInformationalTask::SendDelete(const IkeMainModeSa& sa)
{
    IsakmpDeletePayload del;
    del.protocolId = IsakmpProtocolId::ISAKMP;
    del.spiSize = 16;
    del.spis.push_back(IkeCookieSpi(sa.cookieI, sa.cookieR));
    ++m_service.m_counters.deletesSent;
    SendProtected(sa, del);
}

void
IkeInformationalTask::SendProtected(const IkeMainModeSa& sa, const IsakmpPayload& payload)
{
    // RFC 2409 5.7: HDR*, HASH(1), N/D with HASH(1) = prf(SKEYID_a, M-ID | N/D).
    uint32_t messageId = m_service.m_random->GetInteger(1, 0xffffffffU);
    IkeHashAlgorithm hash = sa.terms.method.hash;
    std::vector<uint8_t> body;
    IsakmpStatus status = IsakmpMessage::SerializePayloadChain({payload}, body);
    NS_ABORT_MSG_UNLESS(status, "informational payload: " << status);
    std::vector<IsakmpPayload> payloads{
        IsakmpHashPayload{{IkeQuickModeHash1(hash, sa.skeyidA, messageId, body)}},
        payload};
    std::vector<uint8_t> iv =
        IkePhase2Iv(hash, sa.lastBlock, messageId, IkeGetBlockSize(sa.terms.method.encryption));
    IsakmpMessage message(sa.MakeHeader(IsakmpExchangeType::INFORMATIONAL, messageId));
    message.SetEncryptedBody(IsakmpPayloadType::HASH, sa.Encrypt(payloads, iv));
    m_service.SendBytes(IkeSerializeMessage(message), sa.peer, "info");
}

namespace
{

/**
 * \param type a notify message type
 * \return true for an error type (1-16383, RFC 2408 3.14.1); status types (from 16384:
 *         CONNECTED, the IPsec DOI's RESPONDER-LIFETIME, REPLAY-STATUS, INITIAL-CONTACT)
 *         report, they refuse nothing
 */
bool
IsErrorNotify(IsakmpNotifyType type)
{
    uint16_t value = static_cast<uint16_t>(type);
    return value != 0 && value < 16384;
}

} // namespace

void
IkeInformationalTask::Process(const IsakmpMessage& message,
                              const std::vector<uint8_t>& /* bytes */,
                              Ipv4Address from)
{
    const IsakmpHeader& header = message.GetHeader();
    IkeMainModeSa* sa =
        m_service.FindMainModeSa(header.GetInitiatorCookie(), header.GetResponderCookie(), from);
    if (!sa)
    {
        ++m_service.m_counters.ignored;
        return;
    }
    if (!header.IsEncrypted())
    {
        // A clear notification can only end a main mode still under way.
        const IsakmpNotifyPayload* notify = message.Find<IsakmpNotifyPayload>();
        if (!notify || sa->IsEstablished())
        {
            ++m_service.m_counters.ignored;
            return;
        }
        sa->task->SetAnswered();
        sa->task->Fail(IkeFailure{IkeFailureReason::PEER_NOTIFICATION,
                                  IsakmpNotifyTypeToString(notify->type)},
                       IsakmpNotifyType::NONE);
        return;
    }
    if (!sa->IsEstablished())
    {
        ++m_service.m_counters.ignored;
        return;
    }
    IkeHashAlgorithm hash = sa->terms.method.hash;
    std::vector<uint8_t> iv = IkePhase2Iv(hash,
                                          sa->lastBlock,
                                          header.GetMessageId(),
                                          IkeGetBlockSize(sa->terms.method.encryption));
    IsakmpMessage clear;
    std::vector<uint8_t> received;
    std::vector<uint8_t> restBytes;
    if (!sa->OpenHashed(message, iv, received, clear, restBytes) || clear.GetPayloads().empty() ||
        received != IkeQuickModeHash1(hash, sa->skeyidA, header.GetMessageId(), restBytes))
    {
        ++m_service.m_counters.ignored;
        return;
    }
    std::vector<IkeMainModeSa::Key> mainModesDeleted; // after the loop: one may be sa itself
    for (const IsakmpPayload& payload : clear.GetPayloads())
    {
        if (const auto* del = std::get_if<IsakmpDeletePayload>(&payload);
            del && del->protocolId == IsakmpProtocolId::ISAKMP)
        {
            for (const std::vector<uint8_t>& spi : del->spis)
            {
                IkeMainModeSa* gone = spi.size() == 16
                                          ? m_service.FindMainModeSa(IkeSpiCookie(spi, 0),
                                                                     IkeSpiCookie(spi, 8),
                                                                     from)
                                          : nullptr;
                if (gone && gone->IsEstablished())
                {
                    ++m_service.m_counters.deletesReceived;
                    mainModesDeleted.push_back(gone->GetKey());
                }
            }
        }
        else if (del)
        {
            for (uint32_t spi : del->GetSpis())
            {
                if (IkeQuickModeSa* pair = m_service.FindQuickModeSaBySpi(spi, from))
                {
                    ++m_service.m_counters.deletesReceived;
                    m_service.DeleteQuickModeSa(pair->id, IpsecSaDeleteReason::PEER_DELETE, false);
                    continue;
                }
                // A quick mode still under way that the peer gave up (strongSwan, failing to
                // install its SAs before message 3, deletes the SPI it was given: our inbound).
                for (uint64_t id : m_service.FindQuickModesUnderWay(from, sa->cookieI, sa->cookieR))
                {
                    const IkeQuickModeSa* pair = m_service.FindQuickModeSaById(id);
                    if (pair && (pair->spiIn == spi || pair->spiOut == spi))
                    {
                        ++m_service.m_counters.deletesReceived;
                        IkeQuickModeTask::Fail(
                            m_service,
                            id,
                            IkeFailure{IkeFailureReason::PEER_NOTIFICATION, "DELETE"});
                    }
                }
            }
        }
        else if (const auto* notify = std::get_if<IsakmpNotifyPayload>(&payload);
                 notify && IsErrorNotify(notify->type))
        {
            // A refused quick mode, in either role: the one whose SPI the notification names,
            // or (cookies or no SPI) every one under way under this main mode SA.
            IkeFailure failure{IkeFailureReason::PEER_NOTIFICATION,
                               IsakmpNotifyTypeToString(notify->type)};
            std::optional<uint32_t> spi;
            if (notify->spi.size() == 4)
            {
                spi = IsakmpCodec::GetU32(notify->spi.data());
            }
            for (uint64_t id : m_service.FindQuickModesUnderWay(from, sa->cookieI, sa->cookieR))
            {
                // Failing one may end another (a filter it shared): look each up again.
                const IkeQuickModeSa* pair = m_service.FindQuickModeSaById(id);
                if (pair && (!spi || pair->spiIn == *spi || pair->spiOut == *spi))
                {
                    IkeQuickModeTask::Fail(m_service, id, failure);
                }
            }
        }
        // Status notifications (RESPONDER-LIFETIME, INITIAL-CONTACT...) end nothing.
    }
    for (const IkeMainModeSa::Key& key : mainModesDeleted)
    {
        m_service.MainModeSaDeletedByPeer(key);
    }
}

} // namespace ns3
