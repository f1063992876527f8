/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef IPSEC_ESP_SA_EXPORT_H
#define IPSEC_ESP_SA_EXPORT_H

#include <cstdint>
#include <deque>
#include <ostream>
#include <string>
#include <utility>

namespace ns3
{

class IpsecSa;
class IpsecSad;
struct IpsecSaConfig;

/**
 * \ingroup ipsec
 * \brief A node's ESP keys in Wireshark's esp_sa format: the SAs in the SAD, and (unless told
 * not to) those of the SAs deleted since, which Wireshark needs for the traffic they carried:
 * the most recent ones only (a bounded number, the oldest dropped first), so that a long run
 * keeps what is alive plus a bounded history.
 */
class IpsecEspSaExport
{
  public:
    /** \param keep remember the keys of deleted ESP SAs (the default) */
    void SetKeepDeletedKeys(bool keep);

    /** \return true if the keys of deleted ESP SAs are remembered */
    bool GetKeepDeletedKeys() const;

    /** \param limit deleted ESP SAs whose lines are kept at most (the oldest go first) */
    void SetDeletedKeysLimit(uint32_t limit);

    /** \return the limit on kept lines of deleted ESP SAs */
    uint32_t GetDeletedKeysLimit() const;

    /**
     * \brief An SA was deleted: remember its line if it is an ESP SA and keys are kept.
     * \param sa the SA
     */
    void SaDeleted(const IpsecSa& sa);

    /**
     * \brief Write one line per ESP SA: the deleted ones first, then those of the SAD.
     * \param os output stream
     * \param sad the node's SAD
     * \param outboundOnly only the SAs the node sends on
     */
    void Write(std::ostream& os, const IpsecSad& sad, bool outboundOnly) const;

    /**
     * \param config an ESP SA
     * \return its line in Wireshark's esp_sa table
     */
    static std::string EspSaLine(const IpsecSaConfig& config);

  private:
    /** Drop the oldest kept lines beyond the limit. */
    void Trim();

    bool m_keepDeletedKeys{true};                             //!< keep deleted SAs' lines
    uint32_t m_deletedKeysLimit{1024};                        //!< lines kept at most
    std::deque<std::pair<bool, std::string>> m_deletedKeyLog; //!< (inbound, line), oldest first
};

} // namespace ns3

#endif /* IPSEC_ESP_SA_EXPORT_H */
