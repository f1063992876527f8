/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// Unit tests of the driver's parts without a node: IpsecPolicyDecider decides without changing
// anything (SA counters, filter matches, start-up flows, soft SAs stay as they were), the
// IpsecSaManager spends sequence numbers and bytes only in its spend steps and reports
// lifetime events, IpsecOsProfileConfig resolves overrides, and the reasons keep their texts.

#include "ns3/ipsec-boot-filter.h"
#include "ns3/ipsec-host-config.h"
#include "ns3/ipsec-os-profile-config.h"
#include "ns3/ipsec-policy-decider.h"
#include "ns3/ipsec-sa-manager.h"
#include "ns3/ipsec-sa-reasons.h"
#include "ns3/ipsec-spd.h"
#include "ns3/simulator.h"

#include <boost/test/unit_test.hpp>

#include <string>
#include <vector>

using namespace ns3;

namespace
{

/** The parts a driver wires together, with one Negotiate filter and one outbound SA. */
struct Parts
{
    IpsecSpd spd;
    IpsecOsProfileConfig os;
    IpsecBootFilter boot;
    IpsecHostConfig host;
    IpsecSaManager sas;
    IpsecPolicyDecider policy{spd, os, boot, host, sas};
    std::vector<std::string> events; //!< "expiring <reason>", "deleted <reason>", soft SA events

    Parts()
    {
        spd.SetLocalAddresses({Ipv4Address("10.0.0.1")});
        sas.SetEventCallbacks(MakeCallback(&Parts::Expiring, this),
                              MakeCallback(&Parts::Deleted, this),
                              MakeCallback(&Parts::SoftSa, this));
    }

    ~Parts()
    {
        sas.Clear();
        Simulator::Destroy();
    }

    void Expiring(Ptr<IpsecSa>, IpsecSaExpiringReason reason)
    {
        events.push_back("expiring " + IpsecSaExpiringReasonToString(reason));
    }

    void Deleted(Ptr<IpsecSa>, IpsecSaDeleteReason reason)
    {
        events.push_back("deleted " + IpsecSaDeleteReasonToString(reason));
    }

    void SoftSa(Ipv4Address, uint32_t, const std::string& event)
    {
        events.push_back("soft " + event);
    }

    /** \return an outbound UDP packet from this node to 10.0.0.2 */
    static IpsecPacketSelector Udp()
    {
        IpsecPacketSelector s;
        s.source = Ipv4Address("10.0.0.1");
        s.destination = Ipv4Address("10.0.0.2");
        s.protocol = 17;
        s.sourcePort = 1000;
        s.destinationPort = 2000;
        return s;
    }

    /**
     * \param lifetime the SA's limits
     * \return an outbound SA to 10.0.0.2 for filter
     */
    Ptr<IpsecSa> Install(uint32_t filter, IpsecLifetime lifetime = {})
    {
        IpsecSaConfig c;
        c.spi = 0x1000;
        c.source = Ipv4Address("10.0.0.1");
        c.destination = Ipv4Address("10.0.0.2");
        c.encryption = IpsecEncryption::AES_GCM_128;
        c.encryptionKey.assign(20, 0x11);
        c.lifetime = lifetime;
        return sas.Install(c, false, filter, Ipv4Address::GetAny());
    }
};

} // namespace

BOOST_AUTO_TEST_SUITE(ipsec_policy_decider)

BOOST_AUTO_TEST_CASE(deciding_changes_nothing)
{
    Parts p;
    uint32_t filter = p.spd.Add(IpsecFilter::Parse("srcaddr=me action=negotiate"));
    Ptr<IpsecSa> sa = p.Install(filter);
    for (int i = 0; i < 3; ++i)
    {
        IpsecPolicyVerdict v = p.policy.DecideOutbound(IpsecDirection::OUTBOUND, Parts::Udp());
        BOOST_CHECK_EQUAL(v.kind, IpsecPolicyVerdict::PROTECT);
        BOOST_CHECK(v.sa == sa);
        BOOST_CHECK_EQUAL(v.FilterId(), filter);
    }
    BOOST_CHECK_EQUAL(sa->GetLastSequence(), 0U);
    BOOST_CHECK_EQUAL(sa->GetBytes(), 0U);
    BOOST_CHECK_EQUAL(p.spd.Find(filter)->matches, 0U);
    BOOST_CHECK(p.events.empty());
}

BOOST_AUTO_TEST_CASE(negotiate_without_sa_soft_sa_then_key_manager)
{
    Parts p;
    uint32_t filter = p.spd.Add(IpsecFilter::Parse("srcaddr=me action=negotiate"));
    auto out = [&p]() {
        return p.policy.DecideOutbound(IpsecDirection::OUTBOUND, Parts::Udp()).kind;
    };
    BOOST_CHECK_EQUAL(out(), IpsecPolicyVerdict::NO_SA); // no key manager
    p.sas.AddSoftSa(filter, Ipv4Address("10.0.0.2"), Seconds(300));
    BOOST_CHECK_EQUAL(out(), IpsecPolicyVerdict::CLEAR_BY_SOFT_SA);
    p.Install(filter);
    BOOST_CHECK_EQUAL(out(), IpsecPolicyVerdict::PROTECT); // real SAs take over
    std::vector<std::string> expected{"soft installed"};
    BOOST_CHECK(p.events == expected);
}

BOOST_AUTO_TEST_CASE(start_up_filtering_decides_first_and_remembers_nothing_itself)
{
    Parts p;
    p.spd.Add(IpsecFilter::Parse("srcaddr=me action=block"));
    p.boot.SetSafeMode(true);
    p.os.SetBootMode(IpsecBootMode::STATEFUL);
    IpsecPolicyVerdict v = p.policy.DecideOutbound(IpsecDirection::OUTBOUND, Parts::Udp());
    BOOST_CHECK_EQUAL(v.kind, IpsecPolicyVerdict::BOOT_PASS);
    BOOST_CHECK(v.rememberFlow);
    BOOST_CHECK_EQUAL(p.boot.GetNFlows(), 0U); // the caller remembers
    p.boot.SetSafeMode(false);
    v = p.policy.DecideOutbound(IpsecDirection::OUTBOUND, Parts::Udp());
    BOOST_CHECK_EQUAL(v.kind, IpsecPolicyVerdict::BLOCK);
}

BOOST_AUTO_TEST_CASE(exemptions_follow_the_profile_and_its_override)
{
    Parts p;
    p.spd.Add(IpsecFilter::Parse("srcaddr=me action=block"));
    IpsecPacketSelector kerberos = Parts::Udp();
    kerberos.destinationPort = 88;
    p.os.SetProfile(IpsecOsProfile::WINXP); // value 0: Kerberos exempt
    IpsecPolicyVerdict v = p.policy.DecideOutbound(IpsecDirection::OUTBOUND, kerberos);
    BOOST_CHECK_EQUAL(v.kind, IpsecPolicyVerdict::EXEMPT);
    BOOST_CHECK_EQUAL(v.exemption, IpsecExemptionKind::KERBEROS);
    p.os.SetDefaultExemptions(3);
    BOOST_CHECK_EQUAL(p.os.GetDefaultExemptions(), 3);
    v = p.policy.DecideOutbound(IpsecDirection::OUTBOUND, kerberos);
    BOOST_CHECK_EQUAL(v.kind, IpsecPolicyVerdict::BLOCK);
    p.os.SetDefaultExemptions(-1);
    BOOST_CHECK_EQUAL(p.os.GetDefaultExemptions(), 0);
}

BOOST_AUTO_TEST_CASE(spending_takes_sequence_numbers_and_reports_limits)
{
    Parts p;
    uint32_t filter = p.spd.Add(IpsecFilter::Parse("srcaddr=me action=negotiate"));
    IpsecLifetime life;
    life.softBytes = 150;
    life.hardBytes = 250;
    Ptr<IpsecSa> sa = p.Install(filter, life);
    uint32_t seq = 0;
    BOOST_CHECK_EQUAL(p.sas.SpendOutbound(sa, 100, seq), IpsecSaManager::SPENT);
    BOOST_CHECK_EQUAL(seq, 1U);
    BOOST_CHECK_EQUAL(p.sas.SpendOutbound(sa, 100, seq), IpsecSaManager::SPENT);
    BOOST_CHECK_EQUAL(seq, 2U);
    BOOST_CHECK(sa->GetState() == IpsecSaState::DYING);
    BOOST_CHECK_EQUAL(p.sas.SpendOutbound(sa, 100, seq), IpsecSaManager::HARD_LIMIT);
    BOOST_CHECK_EQUAL(sa->GetBytes(), 200U); // the refused packet is not counted
    p.sas.DeleteSa(sa, IpsecSaDeleteReason::HARD_BYTES);
    BOOST_CHECK(sa->GetState() == IpsecSaState::DEAD);
    BOOST_CHECK_EQUAL(p.sas.GetSad().GetN(), 0U);
    std::vector<std::string> expected{"expiring soft-bytes", "deleted hard-bytes"};
    BOOST_CHECK(p.events == expected);
}

BOOST_AUTO_TEST_CASE(policy_and_address_changes_delete_their_sas)
{
    Parts p;
    uint32_t filter = p.spd.Add(IpsecFilter::Parse("srcaddr=me action=negotiate"));
    p.Install(filter);
    p.sas.DeleteFilterSas(filter + 1);
    BOOST_CHECK_EQUAL(p.sas.GetSad().GetN(), 1U);
    p.sas.LocalAddressesRemoved({Ipv4Address("10.0.0.1")});
    BOOST_CHECK_EQUAL(p.sas.GetSad().GetN(), 0U);
    p.Install(filter);
    p.sas.DeleteFilterSas(filter);
    std::vector<std::string> expected{"deleted address-change", "deleted policy-change"};
    BOOST_CHECK(p.events == expected);
}

BOOST_AUTO_TEST_CASE(time_limits_expire_then_delete)
{
    Parts p;
    uint32_t filter = p.spd.Add(IpsecFilter::Parse("srcaddr=me action=negotiate"));
    IpsecLifetime life;
    life.softTime = Seconds(1);
    life.hardTime = Seconds(2);
    p.Install(filter, life);
    Simulator::Run();
    std::vector<std::string> expected{"expiring soft-time", "deleted hard-time"};
    BOOST_CHECK(p.events == expected);
}

BOOST_AUTO_TEST_CASE(reasons_keep_their_texts)
{
    BOOST_CHECK_EQUAL(IpsecSaDeleteReasonToString(IpsecSaDeleteReason::HARD_TIME), "hard-time");
    BOOST_CHECK_EQUAL(IpsecSaDeleteReasonToString(IpsecSaDeleteReason::HARD_BYTES), "hard-bytes");
    BOOST_CHECK_EQUAL(IpsecSaDeleteReasonToString(IpsecSaDeleteReason::POLICY_CHANGE),
                      "policy-change");
    BOOST_CHECK_EQUAL(IpsecSaDeleteReasonToString(IpsecSaDeleteReason::ADDRESS_CHANGE),
                      "address-change");
    BOOST_CHECK_EQUAL(IpsecSaDeleteReasonToString(IpsecSaDeleteReason::INSTALL_FAILED),
                      "ike: install failed");
    BOOST_CHECK_EQUAL(IpsecSaExpiringReasonToString(IpsecSaExpiringReason::SEQ_OVERFLOW),
                      "seq-overflow");
    BOOST_CHECK_EQUAL(IpsecSoftSaEndReasonToString(IpsecSoftSaEndReason::SECURED), "secured");
}

BOOST_AUTO_TEST_SUITE_END()
