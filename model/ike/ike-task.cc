/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ike-task.h"

namespace ns3
{

IkeTask::~IkeTask() = default;

IkePayloadTask::~IkePayloadTask() = default;

} // namespace ns3
