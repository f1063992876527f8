/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
/**
 * \defgroup ipsec IPsec
 * \brief An IPsec node stack for ns-3 modelled on Windows 2000 / XP / Server 2003.
 */
#ifndef IPSEC_MODULE_H
#define IPSEC_MODULE_H

#include "ns3/ike-authenticator-factory.h"
#include "ns3/ike-config.h"
#include "ns3/ike-decryption-table.h"
#include "ns3/ike-failure-reason.h"
#include "ns3/ike-pki.h"
#include "ns3/ike-service.h"
#include "ns3/ipsec-ah.h"
#include "ns3/ipsec-algorithms.h"
#include "ns3/ipsec-boot-config.h"
#include "ns3/ipsec-boot-filter.h"
#include "ns3/ipsec-config-error.h"
#include "ns3/ipsec-crypto-delay-model.h"
#include "ns3/ipsec-dhcp-tracker.h"
#include "ns3/ipsec-driver-counters.h"
#include "ns3/ipsec-driver.h"
#include "ns3/ipsec-drop-reason.h"
#include "ns3/ipsec-esp-header.h"
#include "ns3/ipsec-esp-sa-export.h"
#include "ns3/ipsec-esp-trailer.h"
#include "ns3/ipsec-esp.h"
#include "ns3/ipsec-exemptions.h"
#include "ns3/ipsec-filter.h"
#include "ns3/ipsec-helper.h"
#include "ns3/ipsec-netsh-command-reader.h"
#include "ns3/ipsec-netsh-error.h"
#include "ns3/ipsec-netsh-node-store.h"
#include "ns3/ipsec-netsh-policy-mapper.h"
#include "ns3/ipsec-netsh-policy-store.h"
#include "ns3/ipsec-netsh-script-printer.h"
#include "ns3/ipsec-netsh-security-methods.h"
#include "ns3/ipsec-netsh-static-show.h"
#include "ns3/ipsec-kerberos-domain-helper.h"
#include "ns3/ipsec-pki-helper.h"
#include "ns3/ipsec-host-config.h"
#include "ns3/ipsec-key-manager.h"
#include "ns3/ipsec-os-profile-config.h"
#include "ns3/ipsec-os-profile.h"
#include "ns3/ipsec-packet-bytes.h"
#include "ns3/ipsec-packet-selector.h"
#include "ns3/ipsec-policy-decider.h"
#include "ns3/ipsec-sa-manager.h"
#include "ns3/ipsec-sa-reasons.h"
#include "ns3/ipsec-sa.h"
#include "ns3/ipsec-sad.h"
#include "ns3/ipsec-spd.h"
#include "ns3/ipsec-state-printer.h"
#include "ns3/isakmp-payloads.h"
#include "ns3/kerberos-acceptor.h"
#include "ns3/kerberos-client.h"
#include "ns3/kerberos-kdc.h"
#include "ns3/kerberos-messages.h"
#include "ns3/kerberos-realm.h"

#endif /* IPSEC_MODULE_H */
