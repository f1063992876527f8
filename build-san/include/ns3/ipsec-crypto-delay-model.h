/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef IPSEC_CRYPTO_DELAY_MODEL_H
#define IPSEC_CRYPTO_DELAY_MODEL_H

#include "ns3/ipsec-algorithms.h"
#include "ns3/nstime.h"

#include <array>

namespace ns3
{

class IpsecSa;

/**
 * \ingroup ipsec
 * \brief The processing delay model: a node's crypto engine, booked for every protected and
 * unprotected packet for a fixed cost plus a per-byte cost of the SA's cipher and integrity
 * algorithm. It handles one packet at a time, so bursts queue.
 *
 * Every cost is zero by default: then no delay is added at all (timing is plain ns-3's).
 */
class IpsecCryptoDelayModel
{
  public:
    /** \param delay the fixed cost per packet */
    void SetFixedDelay(Time delay);

    /** \return the fixed cost per packet */
    Time GetFixedDelay() const;

    /**
     * \brief Set a cipher's per-byte cost; 128- and 256-bit AES of one mode share it.
     * \param cipher the cipher
     * \param ns nanoseconds per byte
     */
    void SetCipherCost(IpsecEncryption cipher, double ns);

    /**
     * \param cipher a cipher
     * \return its per-byte cost (ns)
     */
    double GetCipherCost(IpsecEncryption cipher) const;

    /**
     * \param integrity an integrity algorithm
     * \param ns nanoseconds per byte
     */
    void SetAuthCost(IpsecIntegrity integrity, double ns);

    /**
     * \param integrity an integrity algorithm
     * \return its per-byte cost (ns)
     */
    double GetAuthCost(IpsecIntegrity integrity) const;

    /**
     * \brief Book the engine for one packet.
     * \param sa the SA the packet is processed with
     * \param bytes bytes processed
     * \return how long from now until the packet is done (zero without a cost model)
     */
    Time Book(const IpsecSa& sa, uint32_t bytes);

  private:
    Time m_fixedDelay;                        //!< per-packet processing cost
    std::array<double, 7> m_cipherNsPerByte{}; //!< per-byte cost of each cipher
    std::array<double, 4> m_authNsPerByte{};   //!< per-byte cost of each integrity algorithm
    Time m_busyUntil;                         //!< when the engine is free again
};

} // namespace ns3

#endif /* IPSEC_CRYPTO_DELAY_MODEL_H */
