/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ike-chain-check.h"

namespace ns3
{

bool
IkeVerifyChain(const IkeCertificate& leaf,
               const std::vector<Ptr<IkeCertificate>>& intermediates,
               const std::vector<Ptr<IkeCertificate>>& trustedRoots,
               std::string& reason)
{
    reason.clear();
    auto quoted = [](const std::string& cn) {
        return "\"" + cn + "\"";
    };
    auto trustedList = [&]() {
        std::string names;
        for (const auto& root : trustedRoots)
        {
            if (root)
            {
                names += (names.empty() ? "" : ", ") + quoted(root->GetSubject());
            }
        }
        return names.empty() ? std::string("none") : names;
    };

    std::vector<bool> used(intermediates.size(), false);
    const IkeCertificate* current = &leaf;
    while (true)
    {
        for (const auto& root : trustedRoots)
        {
            if (root && root->GetDer() == current->GetDer())
            {
                return true;
            }
        }
        bool badSignature = false;
        for (const auto& root : trustedRoots)
        {
            if (root && root->GetSubjectName() == current->GetIssuerName())
            {
                if (current->IsSignedBy(*root))
                {
                    return true;
                }
                badSignature = true;
            }
        }
        const IkeCertificate* next = nullptr;
        for (size_t i = 0; i < intermediates.size() && next == nullptr; ++i)
        {
            const Ptr<IkeCertificate>& candidate = intermediates[i];
            if (used[i] || !candidate || candidate->GetSubjectName() != current->GetIssuerName())
            {
                continue;
            }
            if (!current->IsSignedBy(*candidate))
            {
                badSignature = true;
                continue;
            }
            if (!candidate->IsCa())
            {
                reason = quoted(candidate->GetSubject()) + " signed " +
                         quoted(current->GetSubject()) + " but is not a CA";
                return false;
            }
            used[i] = true;
            next = PeekPointer(candidate);
        }
        if (next == nullptr)
        {
            if (badSignature)
            {
                reason = "bad signature on " + quoted(current->GetSubject()) + " (issuer " +
                         quoted(current->GetIssuer()) + ")";
            }
            else if (current->IsSelfSigned())
            {
                reason = "no trusted root: the chain ends at the root " +
                         quoted(current->GetSubject()) +
                         ", which is not trusted (trusted: " + trustedList() + ")";
            }
            else
            {
                reason =
                    "no trusted root: the issuer " + quoted(current->GetIssuer()) + " of " +
                    quoted(current->GetSubject()) +
                    " is neither trusted nor among the intermediates (trusted: " + trustedList() +
                    ")";
            }
            return false;
        }
        current = next;
    }
}

} // namespace ns3
