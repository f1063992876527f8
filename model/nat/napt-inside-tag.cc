/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "napt-inside-tag.h"

namespace ns3
{

NS_OBJECT_ENSURE_REGISTERED(NaptInsideTag);

TypeId
NaptInsideTag::GetTypeId()
{
    static TypeId tid = TypeId("ns3::NaptInsideTag")
                            .SetParent<Tag>()
                            .SetGroupName("Ipsec")
                            .AddConstructor<NaptInsideTag>();
    return tid;
}

TypeId
NaptInsideTag::GetInstanceTypeId() const
{
    return GetTypeId();
}

NaptInsideTag::NaptInsideTag(uint32_t nodeId) : m_nodeId(nodeId)
{
}

uint32_t
NaptInsideTag::GetNodeId() const
{
    return m_nodeId;
}

uint32_t
NaptInsideTag::GetSerializedSize() const
{
    return 4;
}

void
NaptInsideTag::Serialize(TagBuffer i) const
{
    i.WriteU32(m_nodeId);
}

void
NaptInsideTag::Deserialize(TagBuffer i)
{
    m_nodeId = i.ReadU32();
}

void
NaptInsideTag::Print(std::ostream& os) const
{
    os << "napt-inside=" << m_nodeId;
}

} // namespace ns3
