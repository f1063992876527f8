/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ike-quick-mode-sa.h"

#include "ike-quick-mode-task.h"

#include "ns3/assert.h"

namespace ns3
{

IkeQuickModeSa::IkeQuickModeSa() = default;

IkeQuickModeSa::~IkeQuickModeSa()
{
    NS_ASSERT_MSG(timerSlots[0] == UINT32_MAX && timerSlots[1] == UINT32_MAX,
                  "a quick mode SA pair freed with deadlines queued");
}

bool
IkeQuickModeSa::IsEstablished() const
{
    return m_established;
}

void
IkeQuickModeSa::SetEstablished()
{
    m_established = true;
}

} // namespace ns3
