/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef NAPT_INSIDE_TAG_H
#define NAPT_INSIDE_TAG_H

#include "ns3/tag.h"

namespace ns3
{

/**
 * \ingroup ipsec
 * \brief Marks a packet that arrived on an inside interface of a NAPT router, so that the
 * router translates it when it leaves by the outside interface.
 *
 * The outside interface sees a packet only after routing, when the interface it came in by is
 * no longer known. Packet tags travel with a packet from node to node in ns-3, so the tag
 * names the router that set it: another NAPT further on (double NAT) ignores it.
 */
class NaptInsideTag : public Tag
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();
    TypeId GetInstanceTypeId() const override;

    NaptInsideTag() = default;

    /** \param nodeId the router that set the tag */
    explicit NaptInsideTag(uint32_t nodeId);

    /** \return the router that set the tag */
    uint32_t GetNodeId() const;

    uint32_t GetSerializedSize() const override;
    void Serialize(TagBuffer i) const override;
    void Deserialize(TagBuffer i) override;
    void Print(std::ostream& os) const override;

  private:
    uint32_t m_nodeId{0}; //!< the router that set the tag
};

} // namespace ns3

#endif /* NAPT_INSIDE_TAG_H */
