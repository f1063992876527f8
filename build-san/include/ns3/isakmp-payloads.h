/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef ISAKMP_PAYLOADS_H
#define ISAKMP_PAYLOADS_H

// ISAKMP (RFC 2408) payload bodies, IKE (RFC 2409) and IPsec DOI (RFC 2407) numbers, and the
// message that chains them. The pieces: isakmp-numbers (the numbers), isakmp-names (their name
// tables), isakmp-status (the outcome of parsing and serializing), isakmp-sa-payload (SA
// payload, proposals, transforms, attributes), isakmp-data-payloads (KE, hash, signature,
// nonce, vendor ID), isakmp-identity-payloads (ID, CERT, CERT_REQ),
// isakmp-informational-payloads (notify, delete) and isakmp-message. This header includes
// them all.

#include "ns3/isakmp-data-payloads.h"
#include "ns3/isakmp-identity-payloads.h"
#include "ns3/isakmp-informational-payloads.h"
#include "ns3/isakmp-message.h"
#include "ns3/isakmp-names.h"
#include "ns3/isakmp-numbers.h"
#include "ns3/isakmp-sa-payload.h"
#include "ns3/isakmp-status.h"

#endif /* ISAKMP_PAYLOADS_H */
