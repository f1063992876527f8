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

namespace ns3
{

/**
 * \ingroup ipsec
 * \brief The service side of Kerberos: what the IKE responder does with a ticket it received.
 * It decrypts the ticket with its own long-term key and checks the MAC, that it is for this
 * service, that the client's realm is trusted, and the time.
 *
 * Bad input of any kind gives false with a reason, never a crash. Reasons: "malformed" (not a
 * ticket, or its plaintext is not well-formed), "wrong-service" (the ticket names another
 * service or realm), "unknown-service" (\p serviceName has no account in \p realm),
 * "bad-integrity" (the MAC does not match: tampered, or not under this key),
 * "untrusted-realm" (the client's realm is neither this one nor trusted), "not-yet-valid"
 * (now before the start time), "expired" (now at or after the end time).
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
     * \brief Check a ticket.
     * \param ticket the ticket bytes
     * \param nowSeconds the current simulated time in seconds
     * \param[out] sessionKey receives the session key (cleared on failure)
     * \param[out] clientName receives the client's name, "name" or "name@REALM" if the client
     *             is of another realm (cleared on failure)
     * \param[out] reason receives the failure reason ("" on success)
     * \return true if the ticket is accepted
     */
    bool Accept(const std::vector<uint8_t>& ticket,
                double nowSeconds,
                std::vector<uint8_t>& sessionKey,
                std::string& clientName,
                std::string& reason) const;

  private:
    Ptr<KerberosRealm> m_realm; //!< the responder's realm
    std::string m_serviceName;  //!< the responder's computer name
};

} // namespace ns3

#endif /* KERBEROS_ACCEPTOR_H */
