/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// IkeService: informational exchanges (RFC 2408 4.8, RFC 2409 5.7): notifications and
// deletes.

#include "ike-service.h"

#include "ns3/log.h"
#include "ns3/node.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("IkeInformational");

namespace
{

std::vector<uint8_t>
CookieSpi(uint64_t cookieI, uint64_t cookieR)
{
    std::vector<uint8_t> spi(16);
    for (int i = 0; i < 8; ++i)
    {
        spi[i] = static_cast<uint8_t>(cookieI >> (56 - 8 * i));
        spi[8 + i] = static_cast<uint8_t>(cookieR >> (56 - 8 * i));
    }
    return spi;
}

} // namespace

void
IkeService::SendNotify(const IkePhase1& p1, IsakmpNotifyType type, bool encrypted)
{
    IsakmpNotifyPayload notify;
    notify.protocolId = IsakmpProtocolId::ISAKMP;
    notify.type = type;
    notify.spi = CookieSpi(p1.cookieI, p1.cookieR);
    if (!encrypted || p1.state != IkePhase1::ESTABLISHED)
    {
        // Before the main mode SA exists there is nothing to protect a notification with.
        IsakmpMessage message(MakeHeader(p1, IsakmpExchangeType::INFORMATIONAL, 0));
        message.AddPayload(notify);
        SendBytes(Serialize(message), p1.peer, "info");
        return;
    }
    SendProtectedInformational(p1, notify);
}

void
IkeService::SendDelete(const IkePhase2& p2)
{
    // Any established main mode SA with the peer carries it (the pair may outlive its own).
    IkePhase1* p1 = FindPhase1(p2.cookieI, p2.cookieR, p2.peer);
    if (!p1 || p1->state != IkePhase1::ESTABLISHED)
    {
        p1 = nullptr;
        for (auto& [key, candidate] : m_phase1)
        {
            if (candidate->peer == p2.peer && candidate->state == IkePhase1::ESTABLISHED)
            {
                p1 = candidate.get();
            }
        }
    }
    if (!p1)
    {
        NS_LOG_INFO("node " << m_node->GetId() << ": no main mode SA with " << p2.peer
                            << " to carry a delete");
        return;
    }
    IsakmpDeletePayload del;
    del.protocolId =
        p2.terms.offer.protocol == IpsecProtocol::AH ? IsakmpProtocolId::AH : IsakmpProtocolId::ESP;
    del.AddSpi(p2.spiIn); // the SPI the peer sends to
    ++m_counters.deletesSent;
    SendProtectedInformational(*p1, del);
}

void
IkeService::SendProtectedInformational(const IkePhase1& p1, const IsakmpPayload& payload)
{
    // RFC 2409 5.7: HDR*, HASH(1), N/D with HASH(1) = prf(SKEYID_a, M-ID | N/D).
    uint32_t messageId = m_random->GetInteger(1, 0xffffffffU);
    IkeHashAlgorithm hash = p1.terms.method.hash;
    std::vector<uint8_t> body;
    IsakmpStatus status = IsakmpMessage::SerializePayloadChain({payload}, body);
    NS_ABORT_MSG_UNLESS(status, "informational payload: " << status);
    std::vector<IsakmpPayload> payloads{
        IsakmpHashPayload{{IkeQuickModeHash1(hash, p1.skeyidA, messageId, body)}},
        payload};
    std::vector<uint8_t> iv =
        IkePhase2Iv(hash, p1.lastBlock, messageId, IkeGetBlockSize(p1.terms.method.encryption));
    IsakmpMessage message(MakeHeader(p1, IsakmpExchangeType::INFORMATIONAL, messageId));
    message.SetEncryptedBody(IsakmpPayloadType::HASH, Encrypt(p1, payloads, iv));
    SendBytes(Serialize(message), p1.peer, "info");
}

void
IkeService::HandleInformational(const IsakmpMessage& message, Ipv4Address from)
{
    const IsakmpHeader& header = message.GetHeader();
    IkePhase1* p1 = FindPhase1(header.GetInitiatorCookie(), header.GetResponderCookie(), from);
    if (!p1)
    {
        ++m_counters.ignored;
        return;
    }
    if (!header.IsEncrypted())
    {
        // A clear notification can only end a main mode still under way.
        const IsakmpNotifyPayload* notify = message.Find<IsakmpNotifyPayload>();
        if (!notify || p1->state == IkePhase1::ESTABLISHED)
        {
            ++m_counters.ignored;
            return;
        }
        p1->exchange->answered = true;
        MainModeFailed(*p1,
                       "peer: " + IsakmpNotifyTypeToString(notify->type),
                       false,
                       IsakmpNotifyType::NONE);
        return;
    }
    if (p1->state != IkePhase1::ESTABLISHED)
    {
        ++m_counters.ignored;
        return;
    }
    IkeHashAlgorithm hash = p1->terms.method.hash;
    std::vector<uint8_t> iv = IkePhase2Iv(hash,
                                          p1->lastBlock,
                                          header.GetMessageId(),
                                          IkeGetBlockSize(p1->terms.method.encryption));
    IsakmpMessage clear;
    std::vector<uint8_t> received;
    std::vector<uint8_t> restBytes;
    if (!OpenHashed(*p1, message, iv, received, clear, restBytes) ||
        clear.GetPayloads().empty() ||
        received != IkeQuickModeHash1(hash, p1->skeyidA, header.GetMessageId(), restBytes))
    {
        ++m_counters.ignored;
        return;
    }
    for (const IsakmpPayload& payload : clear.GetPayloads())
    {
        if (const auto* del = std::get_if<IsakmpDeletePayload>(&payload))
        {
            for (uint32_t spi : del->GetSpis())
            {
                if (IkePhase2* p2 = FindPhase2BySpi(spi, from))
                {
                    ++m_counters.deletesReceived;
                    DeletePhase2(p2->id, "peer-delete", false);
                }
            }
        }
        else if (const auto* notify = std::get_if<IsakmpNotifyPayload>(&payload))
        {
            // A refused quick mode: fail the ones this node started with the peer.
            std::vector<uint64_t> failed;
            for (const auto& [id, p2] : m_phase2)
            {
                if (p2->peer == from && p2->initiator && p2->state == IkePhase2::I_SENT_1)
                {
                    failed.push_back(id);
                }
            }
            for (uint64_t id : failed)
            {
                QuickModeFailed(id, "peer: " + IsakmpNotifyTypeToString(notify->type));
            }
        }
    }
}

} // namespace ns3
