/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// `netsh ipsec dynamic show all` (IpsecHelper::ShowDynamic, doc/netsh.md): after an IKE
// negotiation on a simulated link the view shows the node's policy, filters, SAs, statistics
// and configuration to the letter; a node without IKE shows its filters and says it has no
// IKE; a node without IPsec is refused.

#include "ipsec-test-network.h"
#include "ipsec-test-topology.h"

#include <boost/test/unit_test.hpp>

#include <sstream>
#include <string>

using namespace ns3;
using namespace ns3::test;

namespace
{

/** An application server: UDP 9000 within the subnet negotiated, inbound RDP blocked. */
const std::string APP_SERVER_SCRIPT = R"(pushd ipsec static
add policy name="App Server" activatedefaultrule=no assign=yes
a filter filterl=App srca=10.1.1.0 srcm=24 dsta=10.1.1.0 dstm=24 proto=udp dstp=9000 desc="app on 9000"
a filter filterl=Admin srca=any dsta=me proto=tcp dstp=3389 mirr=no desc="no RDP"
add filteraction name=Require qmpfs=yes qmsec="ESP[3DES,SHA1]:100000k/3600s"
add filteraction name=Block action=block
add rule name=App policy="App Server" filterlist=App filteraction=Require psk=secret
add rule name=Admin policy="App Server" filterlist=Admin filteraction=Block
popd
netsh ipsec dynamic set config property=ipsecexempt value=3
)";

} // namespace

BOOST_FIXTURE_TEST_SUITE(ipsec_netsh_dynamic, SimulatorFixture)

// A (10.1.1.1) and B (10.1.1.2) load the script; B sends 3 datagrams to A's UDP 9000 at 1 s,
// which IKE protects (one main mode, one quick mode with session PFS). A's view at 4 s.
BOOST_AUTO_TEST_CASE(show_dynamic_after_negotiation)
{
    NodeContainer nodes;
    InstallIkePskLink(nodes);
    IpsecHelper().AssignStreams(nodes, 100);
    IpsecHelper::LoadNetshScriptText(nodes, APP_SERVER_SCRIPT);
    auto counter = InstallUdpCounter(nodes.Get(0), 9000);
    ScheduleUdp(nodes.Get(1), Ipv4Address("10.1.1.1"), 9000, 3, Seconds(1));
    Simulator::Stop(Seconds(4));
    Simulator::Run();
    BOOST_TEST(counter->received == 3u);
    BOOST_TEST(IpsecHelper::GetIke(nodes.Get(0))->GetNMainModeSas() == 1u);
    BOOST_TEST(IpsecHelper::GetIke(nodes.Get(0))->GetNQuickModeSas() == 1u);
    std::ostringstream os;
    IpsecHelper::ShowDynamic(nodes.Get(0), os);
    const std::string expected = R"EXPECTED(Main Mode Policy
----------------
Policy Name             : IKE (node 0)
Soft SA Expiration Time : 300 secs
Security Method Count   : 4
  3DES/SHA1/2  Lifetime 28800 secs  QMLimit 0
  3DES/MD5/2  Lifetime 28800 secs  QMLimit 0
  DES/SHA1/1  Lifetime 28800 secs  QMLimit 0
  DES/MD5/1  Lifetime 28800 secs  QMLimit 0

Main Mode Filters
-----------------
Filter Name             : app on 9000
Connection Type         : ALL
Source Address          : 10.1.1.0 (255.255.255.0)
Destination Address     : 10.1.1.0 (255.255.255.0)
Authentication Methods  : Preshared key
Main Mode Policy        : IKE (node 0)

1 Generic Main Mode Filter(s)

Quick Mode Policy
-----------------
Policy Name             : Negotiate (node 0)
PFS                     : SESSION
Security Method Count   : 1
  ESP[3DES,SHA1]  Lifetime 3600 secs / 100000 kbytes

Quick Mode Filters (Transport and Tunnel)
-----------------------------------------
Filter Name             : app on 9000
Filter Type             : Transport
Connection Type         : ALL
Source Address          : 10.1.1.0 (255.255.255.0)
Destination Address     : 10.1.1.0 (255.255.255.0)
Protocol                : UDP      Src Port: 0      Dest Port: 9000
Mirrored                : YES
Quick Mode Policy       : Negotiate (node 0)
Inbound Action          : Negotiate
Outbound Action         : Negotiate
Inbound Pass-thru       : NO
AllowUnsecured(Fallback): NO

Filter Name             : no RDP
Filter Type             : Transport
Connection Type         : ALL
Source Address          : <Any IP Address> (0.0.0.0)
Destination Address     : <My IP Address> (255.255.255.255)
Protocol                : TCP      Src Port: 0      Dest Port: 3389
Mirrored                : NO
Quick Mode Policy       : NONE
Inbound Action          : Block
Outbound Action         : Block

2 Generic Quick Mode Filter(s)

Specific Filters (by weight)
----------------------------
Filter Name             : app on 9000
Weight                  : 877
Direction               : Outbound
Source Address          : 10.1.1.0 (255.255.255.0)
Destination Address     : 10.1.1.0 (255.255.255.0)
Protocol                : UDP      Src Port: 0      Dest Port: 9000
Action                  : Negotiate

Filter Name             : app on 9000
Weight                  : 877
Direction               : Inbound
Source Address          : 10.1.1.0 (255.255.255.0)
Destination Address     : 10.1.1.0 (255.255.255.0)
Protocol                : UDP      Src Port: 9000   Dest Port: 0
Action                  : Negotiate

Filter Name             : no RDP
Weight                  : 590
Direction               : Inbound
Source Address          : 0.0.0.0 (0.0.0.0)
Destination Address     : 10.1.1.1 (255.255.255.255)
Protocol                : TCP      Src Port: 0      Dest Port: 3389
Action                  : Block

3 Specific Filter(s)

Main Mode SAs at 4.000 s
------------------------
Cookie Pair             : f960d1e2191415bc:22d72361e3ed8fae
Sec Methods             : 3DES/SHA1/2/28800
Auth Mode               : Preshared key
Source                  : 10.1.1.1
Destination             : 10.1.1.2
Role                    : Responder
Established             : 1.026 s
Quick Modes             : 1

1 Main Mode SA(s)

Quick Mode SAs
--------------
Transport Filter
Filter Name             : app on 9000
Source Address          : 10.1.1.1
Destination Address     : 10.1.1.2
Protocol                : UDP      Src Port: 0      Dest Port: 9000
Policy Name             : Negotiate (node 0)
Offer Used              : ESP[3DES,SHA1]
Lifetime                : 3600 secs / 100000 kbytes
PFS DH Group            : DH2
Inbound SPI             : 0xb14624fd, 324 bytes
Outbound SPI            : 0x1a92dffc, 0 bytes
Established             : 1.046 s

1 Quick Mode SA pair(s)

IKE Main Mode Statistics
------------------------
Active Acquire                : not modelled
Active Receive                : not modelled
Acquire Failures              : not modelled
Receive Failures              : not modelled
Send Failures                 : not modelled
Acquire Heap Size             : not modelled
Receive Heap Size             : not modelled
Authentication Failures       : 0
Negotiation Failures          : 0
Invalid Cookies Received      : not modelled
Oakley Main Mode              : 1
Oakley Quick Mode             : 1
Soft Associations             : 0
Invalid Packets Received      : 0

IPsec Quick Mode Statistics
---------------------------
Active Associations           : 2
Offload Associations          : not modelled
Pending Key Operations        : not modelled
Key Additions                 : 2
Key Deletions                 : not modelled
ReKeys                        : 0
Active Tunnels                : 0
Bad SPI Packets               : 0
Packets Not Decrypted         : 0
Packets Not Authenticated     : 0
Packets With Replay Detection : 0
Confidential Bytes Sent       : 0
Confidential Bytes Received   : 324
Authenticated Bytes Sent      : 0
Authenticated Bytes Received  : 324
Transport Bytes Sent          : 0
Transport Bytes Received      : 324
Bytes Sent In Tunnels         : 0
Bytes Received In Tunnels     : 0
Offloaded Bytes Sent          : not modelled
Offloaded Bytes Received      : not modelled

IPsec Configuration
-------------------
ipsecdiagnostics        : not modelled
ikelogging              : not modelled
strongcrlcheck          : not modelled
ipsecloginterval        : not modelled
ipsecexempt             : 3
bootmode                : stateful
bootexemptions          : none
)EXPECTED";
    BOOST_TEST(os.str() == expected);
}

// Without IKE the filters and the driver's values remain; every IKE part says there is none.
BOOST_AUTO_TEST_CASE(show_dynamic_without_ike)
{
    NodeContainer nodes;
    NetDeviceContainer devices = CreateTestLink(nodes);
    InstallWithoutIke(nodes);
    Ipv4AddressHelper("10.1.1.0", "255.255.255.0").Assign(devices);
    IpsecHelper::AddFilter(nodes.Get(0),
                           "srcaddr=me dstaddr=any protocol=icmp action=permit description=ping");
    std::ostringstream os;
    IpsecHelper::ShowDynamic(nodes.Get(0), os);
    const std::string expected = R"EXPECTED(Main Mode Policy
----------------
  (no IKE service on this node)

Main Mode Filters
-----------------
  (no IKE service on this node)

Quick Mode Policy
-----------------
  (no IKE service on this node)

Quick Mode Filters (Transport and Tunnel)
-----------------------------------------
Filter Name             : ping
Filter Type             : Transport
Connection Type         : ALL
Source Address          : <My IP Address> (255.255.255.255)
Destination Address     : <Any IP Address> (0.0.0.0)
Protocol                : ICMP     Src Port: 0      Dest Port: 0
Mirrored                : YES
Quick Mode Policy       : NONE
Inbound Action          : Permit
Outbound Action         : Permit

1 Generic Quick Mode Filter(s)

Specific Filters (by weight)
----------------------------
Filter Name             : ping
Weight                  : 585
Direction               : Outbound
Source Address          : 10.1.1.1 (255.255.255.255)
Destination Address     : 0.0.0.0 (0.0.0.0)
Protocol                : ICMP     Src Port: 0      Dest Port: 0
Action                  : Permit

Filter Name             : ping
Weight                  : 585
Direction               : Inbound
Source Address          : 0.0.0.0 (0.0.0.0)
Destination Address     : 10.1.1.1 (255.255.255.255)
Protocol                : ICMP     Src Port: 0      Dest Port: 0
Action                  : Permit

2 Specific Filter(s)

Main Mode SAs at 0.000 s
------------------------
  (no IKE service on this node)

Quick Mode SAs
--------------
  (no IKE service on this node)

IKE Main Mode Statistics
------------------------
  (no IKE service on this node)

IPsec Quick Mode Statistics
---------------------------
Active Associations           : 0
Offload Associations          : not modelled
Pending Key Operations        : not modelled
Key Additions                 : not modelled
Key Deletions                 : not modelled
ReKeys                        : not modelled
Active Tunnels                : 0
Bad SPI Packets               : 0
Packets Not Decrypted         : 0
Packets Not Authenticated     : 0
Packets With Replay Detection : 0
Confidential Bytes Sent       : 0
Confidential Bytes Received   : 0
Authenticated Bytes Sent      : 0
Authenticated Bytes Received  : 0
Transport Bytes Sent          : 0
Transport Bytes Received      : 0
Bytes Sent In Tunnels         : 0
Bytes Received In Tunnels     : 0
Offloaded Bytes Sent          : not modelled
Offloaded Bytes Received      : not modelled

IPsec Configuration
-------------------
ipsecdiagnostics        : not modelled
ikelogging              : not modelled
strongcrlcheck          : not modelled
ipsecloginterval        : not modelled
ipsecexempt             : 3
bootmode                : stateful
bootexemptions          : none
)EXPECTED";
    BOOST_TEST(os.str() == expected);
}

// A node without the IPsec layer has nothing to show: an error naming the node.
BOOST_AUTO_TEST_CASE(show_dynamic_without_ipsec)
{
    Ptr<Node> node = CreateObject<Node>();
    InternetStackHelper().Install(node);
    std::ostringstream os;
    BOOST_CHECK_THROW(IpsecHelper::ShowDynamic(node, os), IpsecConfigError);
    BOOST_TEST(os.str().empty());
}

BOOST_AUTO_TEST_SUITE_END()
