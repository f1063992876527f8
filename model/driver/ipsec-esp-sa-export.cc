/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ipsec-esp-sa-export.h"

#include "ns3/log.h"

#include "ns3/ipsec-sad.h"

#include <iomanip>
#include <sstream>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("IpsecEspSaExport");

void
IpsecEspSaExport::SetKeepDeletedKeys(bool keep)
{
    NS_LOG_FUNCTION(this << keep);
    m_keepDeletedKeys = keep;
}

bool
IpsecEspSaExport::GetKeepDeletedKeys() const
{
    return m_keepDeletedKeys;
}

void
IpsecEspSaExport::SetDeletedKeysLimit(uint32_t limit)
{
    NS_LOG_FUNCTION(this << limit);
    m_deletedKeysLimit = limit;
    Trim();
}

uint32_t
IpsecEspSaExport::GetDeletedKeysLimit() const
{
    return m_deletedKeysLimit;
}

void
IpsecEspSaExport::SaDeleted(const IpsecSa& sa)
{
    if (m_keepDeletedKeys && m_deletedKeysLimit != 0 &&
        sa.GetConfig().protocol == IpsecProtocol::ESP)
    {
        m_deletedKeyLog.emplace_back(sa.IsInbound(), EspSaLine(sa.GetConfig()));
        Trim();
    }
}

void
IpsecEspSaExport::Trim()
{
    while (m_deletedKeyLog.size() > m_deletedKeysLimit)
    {
        NS_LOG_LOGIC("key log full (" << m_deletedKeysLimit << "): oldest deleted SA forgotten");
        m_deletedKeyLog.pop_front();
    }
}

std::string
IpsecEspSaExport::EspSaLine(const IpsecSaConfig& c)
{
    auto hex = [](const std::vector<uint8_t>& key) {
        std::ostringstream h;
        if (!key.empty())
        {
            h << "0x" << std::hex << std::setfill('0');
            for (uint8_t b : key)
            {
                h << std::setw(2) << unsigned(b);
            }
        }
        return h.str();
    };
    std::ostringstream spi;
    spi << "0x" << std::hex << std::setw(8) << std::setfill('0') << c.spi;
    std::ostringstream os;
    os << "\"IPv4\",\"" << c.source << "\",\"" << c.destination << "\",\"" << spi.str()
       << "\",\"" << IpsecGetEncryptionInfo(c.encryption).wiresharkName << "\",\""
       << hex(c.encryptionKey) << "\",\"" << IpsecGetIntegrityInfo(c.integrity).wiresharkName
       << "\",\"" << hex(c.integrityKey) << "\"";
    return os.str();
}

void
IpsecEspSaExport::Write(std::ostream& os, const IpsecSad& sad, bool outboundOnly) const
{
    for (const auto& [inbound, line] : m_deletedKeyLog)
    {
        if (!(outboundOnly && inbound))
        {
            os << line << "\n";
        }
    }
    for (const auto& sa : sad.GetAll())
    {
        const IpsecSaConfig& c = sa->GetConfig();
        if (c.protocol != IpsecProtocol::ESP || (outboundOnly && sa->IsInbound()))
        {
            continue;
        }
        os << EspSaLine(c) << "\n";
    }
}

} // namespace ns3
