/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ipsec-byte-tags.h"

#include "ns3/tag.h"

#include <memory>

namespace ns3
{

namespace
{

/**
 * \param packet a packet
 * \param tid a tag type
 * \return true if \p packet carries a byte tag of type \p tid
 */
bool
HasByteTag(const Ptr<const Packet>& packet, TypeId tid)
{
    ByteTagIterator it = packet->GetByteTagIterator();
    while (it.HasNext())
    {
        if (it.Next().GetTypeId() == tid)
        {
            return true;
        }
    }
    return false;
}

} // namespace

void
IpsecByteTags::Copy(const Ptr<const Packet>& from, const Ptr<const Packet>& to)
{
    ByteTagIterator it = from->GetByteTagIterator();
    while (it.HasNext())
    {
        ByteTagIterator::Item item = it.Next();
        TypeId tid = item.GetTypeId();
        if (!tid.HasConstructor() || HasByteTag(to, tid))
        {
            continue;
        }
        std::unique_ptr<ObjectBase> object(tid.GetConstructor()());
        auto tag = dynamic_cast<Tag*>(object.get());
        if (tag)
        {
            item.GetTag(*tag);
            to->AddByteTag(*tag);
        }
    }
}

} // namespace ns3
