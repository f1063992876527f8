/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef KERBEROS_NFOLD_H
#define KERBEROS_NFOLD_H

#include <cstddef>
#include <cstdint>
#include <vector>

namespace ns3
{

/**
 * \ingroup ipsec
 * \brief The n-fold operation of RFC 3961 section 5.1: stretches or shrinks a byte string to
 * \p outputBytes bytes by concatenating copies of it, each rotated right by 13 bits more than
 * the one before, up to the least common multiple of both lengths, and adding the
 * \p outputBytes-byte blocks of that with one's-complement addition.
 *
 * Checked against the vectors of RFC 3961 Appendix A.1 (test/ipsec-kerberos-crypto-test.cc).
 * \param input the bytes to fold (not empty)
 * \param outputBytes the length of the result (not 0)
 * \return the folded bytes; empty if \p input is empty or \p outputBytes is 0
 */
std::vector<uint8_t> KerberosNFold(const std::vector<uint8_t>& input, size_t outputBytes);

} // namespace ns3

#endif /* KERBEROS_NFOLD_H */
