/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef IPSEC_BYTE_TAGS_H
#define IPSEC_BYTE_TAGS_H

#include "ns3/packet.h"

namespace ns3
{

/**
 * \ingroup ipsec
 * \brief Carries byte tags across protection and decryption.
 *
 * Real encryption rebuilds a packet's bytes, and observers find their packets again by byte
 * tags (FlowMonitor's Ipv4FlowProbe tags each packet it classifies): the tags of the clear
 * packet go onto the protected one, and back onto the decrypted one, covering it whole.
 */
class IpsecByteTags
{
  public:
    /**
     * \brief Add to \p to every byte tag of \p from whose type \p to does not carry yet.
     *
     * Tags are rebuilt through their TypeId's constructor; a tag type without one cannot be
     * rebuilt and is left behind.
     * \param from the packet the tags are taken from
     * \param to the packet they are added to (over all its bytes)
     */
    static void Copy(const Ptr<const Packet>& from, const Ptr<const Packet>& to);
};

} // namespace ns3

#endif /* IPSEC_BYTE_TAGS_H */
