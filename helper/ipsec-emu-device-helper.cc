/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ipsec-emu-device-helper.h"

#include "ns3/fatal-error.h"
#include "ns3/log.h"

#include <arpa/inet.h>
#include <cerrno>
#include <cstring>
#include <linux/if_ether.h>
#include <net/if.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("IpsecEmuDeviceHelper");

namespace
{

/**
 * \param deviceName an interface
 * \param error errno of the failed socket() call
 * \return why the packet socket could not be opened
 */
std::string
SocketError(const std::string& deviceName, int error)
{
    std::string text =
        "cannot open a packet socket for '" + deviceName + "': " + std::strerror(error);
    if (error == EPERM || error == EACCES)
    {
        text += " (emulation needs root or CAP_NET_RAW)";
    }
    return text;
}

} // namespace

IpsecEmuDeviceHelper::IpsecEmuDeviceHelper()
{
    NS_LOG_FUNCTION(this);
}

IpsecEmuDeviceHelper::~IpsecEmuDeviceHelper()
{
    NS_LOG_FUNCTION(this);
}

std::string
IpsecEmuDeviceHelper::CheckDevice(const std::string& deviceName)
{
    NS_LOG_FUNCTION(deviceName);
    if (deviceName.empty() || deviceName.size() >= IFNAMSIZ)
    {
        return "'" + deviceName + "' is not an interface name (1 to " +
               std::to_string(IFNAMSIZ - 1) + " characters)";
    }
    if (if_nametoindex(deviceName.c_str()) == 0)
    {
        return "there is no interface '" + deviceName + "' (see `ip link`)";
    }
    int fd = socket(PF_PACKET, SOCK_RAW, htons(ETH_P_ALL));
    if (fd < 0)
    {
        return SocketError(deviceName, errno);
    }
    ifreq request{};
    std::strncpy(request.ifr_name, deviceName.c_str(), IFNAMSIZ - 1);
    int status = ioctl(fd, SIOCGIFFLAGS, &request);
    int error = errno;
    close(fd);
    if (status < 0)
    {
        return "cannot read the flags of '" + deviceName + "': " + std::strerror(error);
    }
    if ((request.ifr_flags & IFF_UP) == 0 || (request.ifr_flags & IFF_PROMISC) == 0)
    {
        return "interface '" + deviceName + "' must be up and promiscuous (`ip link set " +
               deviceName + " up promisc on`)";
    }
    return "";
}

int
IpsecEmuDeviceHelper::CreateFileDescriptor() const
{
    NS_LOG_FUNCTION(this);
    // The base class binds this socket to m_deviceName and checks the interface's flags.
    int fd = socket(PF_PACKET, SOCK_RAW, htons(ETH_P_ALL));
    if (fd < 0)
    {
        NS_FATAL_ERROR(SocketError(m_deviceName, errno));
    }
    return fd;
}

} // namespace ns3
