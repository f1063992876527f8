/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef IPSEC_EMU_DEVICE_HELPER_H
#define IPSEC_EMU_DEVICE_HELPER_H

#include "ns3/emu-fd-net-device-helper.h"

#include <string>

namespace ns3
{

/**
 * \ingroup ipsec
 * \brief Puts an ns-3 node on a real Ethernet interface (an FdNetDevice on a packet socket),
 *        working on an installed ns-3 such as Debian 12's.
 *
 * ns-3's EmuFdNetDeviceHelper has the packet socket opened by a separate setuid program that
 * it runs from the path where ns-3 was built; Debian's packages do not ship it there, so the
 * stock helper fails with ENOENT. This helper opens the socket in the program itself
 * (`socket(PF_PACKET, SOCK_RAW, htons(ETH_P_ALL))`, which needs root or CAP_NET_RAW) and
 * leaves the rest to EmuFdNetDeviceHelper: binding the socket to the interface, the check that
 * the interface is promiscuous, the MTU and the optional qdisc bypass.
 *
 * The interface must exist, be up and promiscuous (`ip link set DEV up promisc on`), and
 * carry no address of the host's own: the node owns its address through the device (ARP
 * included). Run the simulator in real time with checksums on (doc/interop.md).
 *
 * \code
 *   std::string why = IpsecEmuDeviceHelper::CheckDevice("veth1");
 *   if (!why.empty()) { ... }  // before Install: a clear error instead of a fatal one
 *   IpsecEmuDeviceHelper emu;
 *   emu.SetDeviceName("veth1");
 *   NetDeviceContainer devices = emu.Install(node);
 * \endcode
 */
class IpsecEmuDeviceHelper : public EmuFdNetDeviceHelper
{
  public:
    IpsecEmuDeviceHelper();
    ~IpsecEmuDeviceHelper() override;

    /**
     * \brief What stands in the way of emulation on an interface, checked in the order a user
     *        fixes it: the interface exists, a packet socket can be opened (root), the
     *        interface is up and promiscuous.
     * \param deviceName the interface, e.g. "eth1"
     * \return empty if Install can use it, else one sentence naming the interface and saying
     *         what to do
     */
    static std::string CheckDevice(const std::string& deviceName);

  protected:
    /**
     * \brief Open the packet socket here instead of through ns-3's creator program.
     * \return the socket's file descriptor (a fatal error naming the device if it cannot be
     *         opened)
     */
    int CreateFileDescriptor() const override;
};

} // namespace ns3

#endif /* IPSEC_EMU_DEVICE_HELPER_H */
