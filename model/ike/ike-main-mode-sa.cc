/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ike-main-mode-sa.h"

#include "ike-main-mode-task.h"

#include "ns3/abort.h"
#include "ns3/ike-keys.h"

namespace ns3
{

IkeMainModeSa::IkeMainModeSa() = default;

IkeMainModeSa::~IkeMainModeSa()
{
    NS_ASSERT_MSG(timerSlots[0] == UINT32_MAX, "a main mode SA freed with its lifetime queued");
}

IkeMainModeSa::Key
IkeMainModeSa::GetKey() const
{
    return {cookieI, peer.Get()};
}

bool
IkeMainModeSa::IsEstablished() const
{
    return m_established;
}

void
IkeMainModeSa::SetEstablished()
{
    m_established = true;
}

void
IkeMainModeSa::SetQuickModeLimit(uint32_t limit)
{
    m_quickModeLimit = limit;
}

bool
IkeMainModeSa::CanStartQuickMode() const
{
    // Quick modes under way count as if they will succeed: with master key PFS, two requests
    // waiting for the same main mode get a main mode each.
    return m_established && (m_quickModeLimit == 0 || m_quickModes + m_underWay < m_quickModeLimit);
}

void
IkeMainModeSa::QuickModeStarted()
{
    ++m_underWay;
}

void
IkeMainModeSa::QuickModeEnded(bool succeeded)
{
    NS_ASSERT(m_underWay > 0);
    --m_underWay;
    m_quickModes += succeeded ? 1 : 0;
}

bool
IkeMainModeSa::IsUsedUp() const
{
    return m_quickModeLimit != 0 && m_quickModes >= m_quickModeLimit;
}

uint32_t
IkeMainModeSa::GetQuickModesUnderWay() const
{
    return m_underWay;
}

uint32_t
IkeMainModeSa::GetQuickModeCount() const
{
    return m_quickModes;
}

IsakmpHeader
IkeMainModeSa::MakeHeader(IsakmpExchangeType type, uint32_t messageId) const
{
    IsakmpHeader header;
    header.SetInitiatorCookie(cookieI);
    header.SetResponderCookie(cookieR);
    header.SetExchangeType(type);
    header.SetMessageId(messageId);
    return header;
}

IpsecCipher&
IkeMainModeSa::GetCipher() const
{
    if (!m_cipher)
    {
        m_cipher = IpsecCipher::Create(terms.method.encryption, encryptionKey);
    }
    return *m_cipher;
}

void
IkeMainModeSa::ReleaseCipher()
{
    m_cipher.reset();
}

std::vector<uint8_t>
IkeMainModeSa::Encrypt(const std::vector<IsakmpPayload>& payloads, std::vector<uint8_t>& iv) const
{
    std::vector<uint8_t> plaintext;
    IsakmpStatus status = IsakmpMessage::SerializePayloadChain(payloads, plaintext);
    NS_ABORT_MSG_UNLESS(status, "cannot serialize payloads: " << status);
    std::vector<uint8_t> next;
    std::vector<uint8_t> ciphertext = IkeEncryptBody(GetCipher(), iv, plaintext, next);
    iv = next;
    return ciphertext;
}

IsakmpStatus
IkeMainModeSa::Decrypt(const IsakmpMessage& message,
                       std::vector<uint8_t>& iv,
                       std::vector<IsakmpPayload>& payloads) const
{
    if (!message.GetHeader().IsEncrypted())
    {
        return IsakmpStatus::Error(IsakmpNotifyType::INVALID_FLAGS, "not encrypted");
    }
    std::vector<uint8_t> plaintext;
    std::vector<uint8_t> next;
    IsakmpStatus status =
        IkeDecryptBody(GetCipher(), iv, message.GetEncryptedBody(), plaintext, next);
    if (!status)
    {
        return status;
    }
    status = IsakmpMessage::ParsePayloadChain(message.GetHeader().GetNextPayload(),
                                              plaintext,
                                              payloads);
    if (status)
    {
        iv = next;
    }
    return status;
}

bool
IkeMainModeSa::OpenHashed(const IsakmpMessage& message,
                          std::vector<uint8_t>& iv,
                          std::vector<uint8_t>& hash,
                          IsakmpMessage& rest,
                          std::vector<uint8_t>& restBytes) const
{
    std::vector<IsakmpPayload> payloads;
    if (!Decrypt(message, iv, payloads) || payloads.empty() ||
        !std::holds_alternative<IsakmpHashPayload>(payloads.front()))
    {
        return false;
    }
    hash = std::get<IsakmpHashPayload>(payloads.front()).data;
    for (auto it = payloads.begin() + 1; it != payloads.end(); ++it)
    {
        rest.AddPayload(*it);
    }
    // What the hash covers: the payloads after it, as received (parsing is exact, so
    // serializing them again gives the same bytes).
    restBytes.clear();
    return static_cast<bool>(IsakmpMessage::SerializePayloadChain(rest.GetPayloads(), restBytes));
}

std::vector<uint8_t>
IkeSerializeMessage(const IsakmpMessage& message)
{
    std::vector<uint8_t> bytes;
    IsakmpStatus status = message.Serialize(bytes);
    NS_ABORT_MSG_UNLESS(status, "cannot serialize an ISAKMP message: " << status);
    return bytes;
}

} // namespace ns3
