/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef IPSEC_SA_REASONS_H
#define IPSEC_SA_REASONS_H

#include <cstdint>
#include <ostream>
#include <string>

namespace ns3
{

/**
 * \ingroup ipsec
 * \brief Why an SA was deleted. Traced (IpsecDriver's SaDeleted) and printed by its text form.
 *
 * The driver's own reasons come first; the others are those of key management, so that it
 * can name them with this enum too.
 */
enum class IpsecSaDeleteReason : uint8_t
{
    HARD_TIME,      //!< "hard-time": the hard time limit was reached
    HARD_BYTES,     //!< "hard-bytes": a packet would have taken the byte count past its limit
    POLICY_CHANGE,  //!< "policy-change": its filter was removed or changed action
    ADDRESS_CHANGE, //!< "address-change": the node no longer has the SA's address
    REKEYED,        //!< "rekeyed": key management replaced it
    IDLE,           //!< "idle": key management ended it after an idle time
    PEER_DELETE,    //!< "peer-delete": the peer said it deleted its copy
    INSTALL_FAILED, //!< "ike: install failed": its partner SA could not be installed
    MANUAL,         //!< "manual": deleted by the simulation script (IpsecDriver::DeleteSa)
};

/**
 * \param reason a reason
 * \return its text, e.g. "hard-time" (the string traced and printed)
 */
const std::string& IpsecSaDeleteReasonToString(IpsecSaDeleteReason reason);

/**
 * \param os output stream
 * \param reason a reason
 * \return os
 */
std::ostream& operator<<(std::ostream& os, IpsecSaDeleteReason reason);

/**
 * \ingroup ipsec
 * \brief Which soft limit of an SA's lifetime was reached: the SA is "expiring" (dying, still
 * used until a replacement exists). Traced on IpsecDriver's SaExpiring by its text form.
 */
enum class IpsecSaExpiringReason : uint8_t
{
    SOFT_TIME,    //!< "soft-time": the soft time limit
    SOFT_BYTES,   //!< "soft-bytes": the soft byte limit
    SEQ_OVERFLOW, //!< "seq-overflow": the outbound sequence numbers are used up
};

/**
 * \param reason a reason
 * \return its text, e.g. "soft-time"
 */
const std::string& IpsecSaExpiringReasonToString(IpsecSaExpiringReason reason);

/**
 * \param os output stream
 * \param reason a reason
 * \return os
 */
std::ostream& operator<<(std::ostream& os, IpsecSaExpiringReason reason);

/**
 * \ingroup ipsec
 * \brief Why a soft SA (fallback to clear) ended. Traced on IpsecDriver's SoftSa as
 * "deleted: <text>".
 */
enum class IpsecSoftSaEndReason : uint8_t
{
    IDLE,           //!< "idle": no traffic for its idle time
    SECURED,        //!< "secured": key management installed real SAs
    ADDRESS_CHANGE, //!< "address-change": the node no longer has the address it was made from
};

/**
 * \param reason a reason
 * \return its text, e.g. "idle"
 */
const std::string& IpsecSoftSaEndReasonToString(IpsecSoftSaEndReason reason);

/**
 * \param os output stream
 * \param reason a reason
 * \return os
 */
std::ostream& operator<<(std::ostream& os, IpsecSoftSaEndReason reason);

} // namespace ns3

#endif /* IPSEC_SA_REASONS_H */
