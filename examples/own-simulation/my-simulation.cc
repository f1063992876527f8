// Two hosts on a point-to-point link require ESP for all traffic between them; IKE (main mode
// and quick mode, preshared key) sets up the SAs when the first packet needs them. A UDP echo
// flow runs from A to B; the program prints what got through and the SAs each host holds.
#include "ns3/applications-module.h"
#include "ns3/core-module.h"
#include "ns3/internet-module.h"
#include "ns3/ipsec-module.h"
#include "ns3/network-module.h"
#include "ns3/point-to-point-module.h"

#include <iostream>

using namespace ns3;

int
main()
{
    NodeContainer hosts;
    hosts.Create(2);
    PointToPointHelper link;
    link.SetDeviceAttribute("DataRate", StringValue("10Mbps"));
    link.SetChannelAttribute("Delay", StringValue("5ms"));
    NetDeviceContainer devices = link.Install(hosts);

    // The IPsec stack instead of InternetStackHelper; IKE authenticates with a preshared key
    // and offers ESP only.
    IpsecHelper ipsec;
    ipsec.SetIkeAttribute("AuthMethods", StringValue("psk"));
    ipsec.SetIkeAttribute("PreSharedKey", StringValue("my secret"));
    ipsec.SetIkeAttribute("QuickModeOffers", StringValue("esp-aes128-sha1"));
    ipsec.Install(hosts);
    Ipv4AddressHelper("10.1.1.0", "255.255.255.0").Assign(devices);
    // Negotiate security, no fallback to clear: nothing passes between A and B without ESP.
    IpsecHelper::AddFilter(hosts.Get(0), "srcaddr=me dstaddr=10.1.1.2 action=negotiate");
    IpsecHelper::AddFilter(hosts.Get(1), "srcaddr=me dstaddr=10.1.1.1 action=negotiate");

    UdpEchoServerHelper server(9);
    server.Install(hosts.Get(1));
    const uint32_t requests = 10;
    UdpEchoClientHelper client(Ipv4Address("10.1.1.2"), 9);
    client.SetAttribute("MaxPackets", UintegerValue(requests));
    client.SetAttribute("Interval", TimeValue(Seconds(1)));
    client.SetAttribute("PacketSize", UintegerValue(512));
    ApplicationContainer clientApp = client.Install(hosts.Get(0));
    uint32_t replies = 0;
    clientApp.Get(0)->TraceConnectWithoutContext(
        "Rx", Callback<void, Ptr<const Packet>>([&replies](Ptr<const Packet>) { ++replies; }));
    clientApp.Start(Seconds(1));

    // IKE keeps timers running (idle checks, rekeys): the simulation needs an end.
    Simulator::Stop(Seconds(15));
    Simulator::Run();

    std::cout << "UDP echo 10.1.1.1 -> 10.1.1.2: " << requests << " requests sent, " << replies
              << " replies received\n";
    for (uint32_t i = 0; i < hosts.GetN(); ++i)
    {
        const IpsecDriverCounters& c = IpsecHelper::GetDriver(hosts.Get(i))->GetCounters();
        Ptr<IkeService> ike = IpsecHelper::GetIke(hosts.Get(i));
        std::cout << "host" << char('A' + i) << ": ESP out "
                  << c.Protected(IpsecDirection::OUTBOUND) << ", ESP in "
                  << c.Protected(IpsecDirection::INBOUND) << ", clear "
                  << c.Permitted(IpsecDirection::OUTBOUND) + c.Permitted(IpsecDirection::INBOUND)
                  << "; main mode SAs " << ike->GetNMainModeSas() << ", quick mode SA pairs "
                  << ike->GetNQuickModeSas() << "\n";
    }
    Simulator::Destroy();
    return replies == requests ? 0 : 1;
}
