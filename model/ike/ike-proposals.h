/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef IKE_PROPOSALS_H
#define IKE_PROPOSALS_H

#include "ns3/ike-config.h"
#include "ns3/ike-failure-reason.h"
#include "ns3/isakmp-payloads.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace ns3
{

/** \ingroup ipsec \brief What main mode agreed on. */
struct IkeMainModeTerms
{
    IkeMainModeMethod method;                  //!< cipher, hash, DH group
    IkeAuthKind auth{IkeAuthKind::PRESHARED_KEY}; //!< authentication method
    uint64_t lifetimeSeconds{0};               //!< main mode SA lifetime (0: none sent)
};

/** \ingroup ipsec \brief What quick mode agreed on. */
struct IkeQuickModeTerms
{
    IkeQuickModeOffer offer;                  //!< protocol and algorithms
    IpsecMode mode{IpsecMode::TRANSPORT};     //!< encapsulation
    bool udpEncap{false};                     //!< UDP-Tunnel / UDP-Transport (NAT-T)
    uint64_t lifetimeSeconds{0};              //!< SA lifetime in seconds (0: none)
    uint64_t lifetimeKilobytes{0};            //!< SA lifetime in kilobytes (0: none)
    std::optional<IkeDhGroup> pfsGroup;       //!< session key PFS group, if any
};

/**
 * \brief The initiator's main mode SA payload: one ISAKMP proposal whose transforms are every
 *        (authentication method, security method) pair in preference order.
 * \param methods security methods, most preferred first
 * \param auths authentication methods, most preferred first
 * \param lifetimeSeconds main mode lifetime sent in each transform
 * \return the payload
 */
IsakmpSaPayload IkeMakeMainModeSa(const std::vector<IkeMainModeMethod>& methods,
                                  const std::vector<IkeAuthKind>& auths,
                                  uint64_t lifetimeSeconds);

/**
 * \brief The responder's choice: the first offered transform it accepts.
 * \param offered the initiator's SA payload
 * \param methods the responder's acceptable security methods
 * \param auths the responder's acceptable authentication methods
 * \param terms out: what was chosen
 * \param reply out: the SA payload to answer with (the chosen transform only)
 * \param reason out, on failure: dh-group-mismatch, auth-method-mismatch or no-proposal-chosen
 * \return ok, or NO_PROPOSAL_CHOSEN (or a syntax error)
 */
IsakmpStatus IkeChooseMainMode(const IsakmpSaPayload& offered,
                               const std::vector<IkeMainModeMethod>& methods,
                               const std::vector<IkeAuthKind>& auths,
                               IkeMainModeTerms& terms,
                               IsakmpSaPayload& reply,
                               IkeFailureReason& reason);

/**
 * \brief Check that the responder chose one of the transforms offered.
 * \param offered what the initiator sent
 * \param reply the responder's SA payload
 * \param terms out: what was chosen
 * \return ok, or an error naming what is wrong
 */
IsakmpStatus IkeAcceptMainModeReply(const IsakmpSaPayload& offered,
                                    const IsakmpSaPayload& reply,
                                    IkeMainModeTerms& terms);

/**
 * \brief The initiator's quick mode SA payload: a proposal per offer (numbered 1, 2, ...),
 *        each with one transform, all with the same SPI.
 * \param offers quick mode security methods, most preferred first
 * \param mode transport or tunnel
 * \param spi the initiator's inbound SPI
 * \param lifetimeSeconds lifetime in seconds (0: not sent)
 * \param lifetimeKilobytes lifetime in kilobytes (0: not sent)
 * \param pfsGroup the session key PFS group, if any
 * \param udpEncap UDP-encapsulated modes (NAT-T: RFC 3947 3 and 4)
 * \param draft with \p udpEncap, draft-02's values (61443, 61444)
 * \return the payload
 */
IsakmpSaPayload IkeMakeQuickModeSa(const std::vector<IkeQuickModeOffer>& offers,
                                   IpsecMode mode,
                                   uint32_t spi,
                                   uint64_t lifetimeSeconds,
                                   uint64_t lifetimeKilobytes,
                                   std::optional<IkeDhGroup> pfsGroup,
                                   bool udpEncap = false,
                                   bool draft = false);

/**
 * \brief The responder's quick mode choice: the first offered proposal it accepts. The
 *        responder takes the initiator's lifetimes (see doc/ike.md).
 * \param offered the initiator's SA payload
 * \param offers the responder's acceptable methods
 * \param mode the encapsulation the responder's filter needs
 * \param pfsGroup the responder's session key PFS group, if it wants PFS
 * \param spi the responder's inbound SPI
 * \param terms out: what was chosen
 * \param peerSpi out: the initiator's SPI in the chosen proposal
 * \param reply out: the SA payload to answer with
 * \param reason out, on failure: mode-mismatch, pfs-mismatch, unknown-encapsulation-mode
 *        (only proposals whose encapsulation mode is unknown, or UDP-encapsulated while
 *        \p udpEncap is false, matched otherwise) or no-proposal-chosen
 * \param udpEncap the main mode found a NAT: the UDP-encapsulated modes are needed (and the
 *        plain ones refused, as mode-mismatch)
 * \return ok or NO_PROPOSAL_CHOSEN (or a syntax error)
 */
IsakmpStatus IkeChooseQuickMode(const IsakmpSaPayload& offered,
                                const std::vector<IkeQuickModeOffer>& offers,
                                IpsecMode mode,
                                std::optional<IkeDhGroup> pfsGroup,
                                uint32_t spi,
                                IkeQuickModeTerms& terms,
                                uint32_t& peerSpi,
                                IsakmpSaPayload& reply,
                                IkeFailureReason& reason,
                                bool udpEncap = false);

/**
 * \brief Check the responder's quick mode answer against what was offered.
 * \param offered what the initiator sent
 * \param reply the responder's SA payload
 * \param terms out: what was chosen
 * \param peerSpi out: the responder's SPI
 * \return ok, or an error naming what is wrong
 */
IsakmpStatus IkeAcceptQuickModeReply(const IsakmpSaPayload& offered,
                                     const IsakmpSaPayload& reply,
                                     IkeQuickModeTerms& terms,
                                     uint32_t& peerSpi);

} // namespace ns3

#endif /* IKE_PROPOSALS_H */
