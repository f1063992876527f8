/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef KERBEROS_ACCEPTOR_H
#define KERBEROS_ACCEPTOR_H

#include "ns3/kerberos-realm.h"
#include "ns3/ptr.h"

#include <cstdint>
#include <string>
#include <vector>

namespace CryptoPP
{
class RandomNumberGenerator;
} // namespace CryptoPP

namespace ns3
{

/**
 * \ingroup ipsec
 * \brief The service side of Kerberos: what the IKE responder does with the AP-REQ it
 * received (RFC 4120 3.2.3). It decrypts the ticket with its own long-term key of the
 * ticket's etype, checks that it is for this service, that the client's realm is trusted and
 * the time, decrypts the authenticator with the session key and checks that it names the
 * ticket's client; then it can build the AP-REP (mutual authentication).
 *
 * Bad input of any kind gives false with a reason, never a crash. Reasons: "malformed" (not
 * an AP-REQ, or a plaintext that is not well-formed), "wrong-service" (the ticket names
 * another service or realm), "unknown-service" (\p serviceName has no account in \p realm),
 * "bad-integrity" (the ticket or the authenticator does not decrypt: tampered, or not under
 * this key; or the authenticator names another client), "untrusted-realm" (the client's realm
 * is neither this one nor trusted), "not-yet-valid" (now before the start time), "expired"
 * (now at or after the end time).
 */
class KerberosAcceptor
{
  public:
    /**
     * \param realm the responder's realm (null: every ticket is "unknown-service")
     * \param serviceName the responder's computer name
     */
    KerberosAcceptor(Ptr<KerberosRealm> realm, std::string serviceName);

    /**
     * \brief Check an AP-REQ.
     * \param apRequest the AP-REQ bytes
     * \param nowSeconds the current simulated time in seconds
     * \param[out] sessionKey receives the session key (cleared on failure)
     * \param[out] clientName receives the client's computer name, "name" or "name@REALM" if
     *             the client is of another realm (cleared on failure)
     * \param[out] reason receives the failure reason ("" on success)
     * \return true if accepted
     */
    bool Accept(const std::vector<uint8_t>& apRequest,
                double nowSeconds,
                std::vector<uint8_t>& sessionKey,
                std::string& clientName,
                std::string& reason);

    /**
     * \brief The AP-REP for the last accepted AP-REQ: its authenticator's time, under the
     * session key.
     * \param rng source of the confounder
     * \return the AP-REP bytes, or empty if nothing was accepted
     */
    std::vector<uint8_t> MakeApReply(CryptoPP::RandomNumberGenerator& rng) const;

  private:
    Ptr<KerberosRealm> m_realm;    //!< the responder's realm
    std::string m_serviceName;     //!< the responder's computer name
    bool m_accepted{false};        //!< an AP-REQ was accepted
    int32_t m_etype{0};            //!< its session key's etype
    std::vector<uint8_t> m_key;    //!< its session key
    int64_t m_ctime{0};            //!< its authenticator's ctime
    uint32_t m_cusec{0};           //!< and cusec
};

} // namespace ns3

#endif /* KERBEROS_ACCEPTOR_H */
