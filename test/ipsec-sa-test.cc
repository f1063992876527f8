/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// Unit tests of the SA layer: IpsecSaConfig::Validate (errors name the field), the RFC 4303
// anti-replay window, sequence numbers that never wrap, byte lifetimes (Account) and the SAD
// lookups (inbound by SPI and destination, outbound newest usable).

#include "ns3/ipsec-config-error.h"
#include "ns3/ipsec-sa.h"
#include "ns3/ipsec-sad.h"

#include <boost/test/unit_test.hpp>

#include <cstdint>
#include <functional>
#include <set>
#include <string>
#include <vector>

using namespace ns3;

namespace
{

/** A valid ESP config (AES-CBC-128 + HMAC-SHA1-96, transport) that each case bends once. */
IpsecSaConfig
ValidConfig()
{
    IpsecSaConfig c;
    c.spi = 0x1000;
    c.protocol = IpsecProtocol::ESP;
    c.mode = IpsecMode::TRANSPORT;
    c.source = Ipv4Address("10.0.0.1");
    c.destination = Ipv4Address("10.0.0.2");
    c.encryption = IpsecEncryption::AES_CBC_128;
    c.encryptionKey.assign(16, 0x11);
    c.integrity = IpsecIntegrity::HMAC_SHA1_96;
    c.integrityKey.assign(20, 0x22);
    return c;
}

/** The field an error message names (the text before the first colon). */
std::string
FieldOf(const std::string& error)
{
    return error.substr(0, error.find(':'));
}

/** An inbound SA with the given replay window. */
IpsecSa
InboundWithWindow(uint32_t window)
{
    IpsecSaConfig c = ValidConfig();
    c.replayWindow = window;
    return IpsecSa(c, true, Seconds(0));
}

/**
 * The RFC 4303 3.4.3 receive window stated plainly (every number ever accepted kept in a
 * set), to compare the bitmap implementation against.
 */
class ReplayModel
{
  public:
    explicit ReplayModel(uint32_t window)
        : m_window(window)
    {
    }

    bool Check(uint32_t seq) const
    {
        if (m_window == 0)
        {
            return true;
        }
        if (seq == 0)
        {
            return false;
        }
        if (seq > m_top)
        {
            return true;
        }
        if (m_top - seq >= m_window)
        {
            return false;
        }
        return m_seen.count(seq) == 0;
    }

    void Accept(uint32_t seq)
    {
        m_seen.insert(seq);
        m_top = std::max(m_top, seq);
    }

    uint32_t Top() const
    {
        return m_top;
    }

  private:
    uint32_t m_window;
    uint32_t m_top{0};
    std::set<uint32_t> m_seen;
};

/** Compare ReplayCheck with the model for every number around and inside the window. */
void
CompareWindow(const IpsecSa& sa, const ReplayModel& model, uint32_t window)
{
    uint32_t top = model.Top();
    uint32_t low = top > window + 3 ? top - window - 3 : 0;
    uint32_t mismatches = 0;
    for (uint32_t seq = low; seq <= top + 3; ++seq)
    {
        if (sa.ReplayCheck(seq) != model.Check(seq))
        {
            ++mismatches;
            BOOST_TEST_MESSAGE("window " << window << " top " << top << " seq " << seq
                                         << ": sa says " << sa.ReplayCheck(seq));
        }
    }
    BOOST_TEST(mismatches == 0u, "window " << window << ", top " << top);
}

} // namespace

BOOST_AUTO_TEST_SUITE(ipsec_sa)

BOOST_AUTO_TEST_CASE(validate_accepts_valid_configs)
{
    BOOST_TEST(ValidConfig().Validate() == "");

    std::vector<std::pair<const char*, std::function<void(IpsecSaConfig&)>>> valid = {
        {"spi 256 (first unreserved)", [](IpsecSaConfig& c) { c.spi = 256; }},
        {"spi 0xffffffff", [](IpsecSaConfig& c) { c.spi = 0xffffffff; }},
        {"replay window 32", [](IpsecSaConfig& c) { c.replayWindow = 32; }},
        {"replay window 4096", [](IpsecSaConfig& c) { c.replayWindow = 4096; }},
        {"replay window 0 (off)", [](IpsecSaConfig& c) { c.replayWindow = 0; }},
        {"encryption only",
         [](IpsecSaConfig& c) {
             c.integrity = IpsecIntegrity::NONE;
             c.integrityKey.clear();
         }},
        {"integrity only (ESP null)",
         [](IpsecSaConfig& c) {
             c.encryption = IpsecEncryption::NULL_ENC;
             c.encryptionKey.clear();
         }},
        {"AES-GCM-128 with key and salt",
         [](IpsecSaConfig& c) {
             c.encryption = IpsecEncryption::AES_GCM_128;
             c.encryptionKey.assign(20, 1);
             c.integrity = IpsecIntegrity::NONE;
             c.integrityKey.clear();
         }},
        {"AES-GCM-256 with key and salt",
         [](IpsecSaConfig& c) {
             c.encryption = IpsecEncryption::AES_GCM_256;
             c.encryptionKey.assign(36, 1);
             c.integrity = IpsecIntegrity::NONE;
             c.integrityKey.clear();
         }},
        {"AH with HMAC-SHA-256-128",
         [](IpsecSaConfig& c) {
             c.protocol = IpsecProtocol::AH;
             c.encryption = IpsecEncryption::NULL_ENC;
             c.encryptionKey.clear();
             c.integrity = IpsecIntegrity::HMAC_SHA256_128;
             c.integrityKey.assign(32, 3);
         }},
        {"soft equal to hard",
         [](IpsecSaConfig& c) {
             c.lifetime.softTime = Seconds(10);
             c.lifetime.hardTime = Seconds(10);
             c.lifetime.softBytes = 1000;
             c.lifetime.hardBytes = 1000;
         }},
        {"soft limits without hard ones",
         [](IpsecSaConfig& c) {
             c.lifetime.softTime = Seconds(10);
             c.lifetime.softBytes = 1000;
         }},
        {"tunnel mode", [](IpsecSaConfig& c) { c.mode = IpsecMode::TUNNEL; }},
    };
    for (const auto& [name, bend] : valid)
    {
        IpsecSaConfig c = ValidConfig();
        bend(c);
        BOOST_TEST(c.Validate() == "", name);
        BOOST_CHECK_NO_THROW(IpsecSa(c, false, Seconds(0)));
    }
}

BOOST_AUTO_TEST_CASE(validate_names_the_field)
{
    struct Case
    {
        const char* name;
        std::function<void(IpsecSaConfig&)> bend;
        const char* field;
    };

    const Case cases[] = {
        {"spi 0", [](IpsecSaConfig& c) { c.spi = 0; }, "spi"},
        {"spi 1", [](IpsecSaConfig& c) { c.spi = 1; }, "spi"},
        {"spi 255", [](IpsecSaConfig& c) { c.spi = 255; }, "spi"},
        {"AH without integrity",
         [](IpsecSaConfig& c) {
             c.protocol = IpsecProtocol::AH;
             c.encryption = IpsecEncryption::NULL_ENC;
             c.encryptionKey.clear();
             c.integrity = IpsecIntegrity::NONE;
             c.integrityKey.clear();
         },
         "auth"},
        {"AH with a cipher", [](IpsecSaConfig& c) { c.protocol = IpsecProtocol::AH; }, "cipher"},
        {"ESP null + none",
         [](IpsecSaConfig& c) {
             c.encryption = IpsecEncryption::NULL_ENC;
             c.encryptionKey.clear();
             c.integrity = IpsecIntegrity::NONE;
             c.integrityKey.clear();
         },
         "auth"},
        {"GCM with an integrity algorithm",
         [](IpsecSaConfig& c) {
             c.encryption = IpsecEncryption::AES_GCM_128;
             c.encryptionKey.assign(20, 1);
         },
         "auth"},
        {"AES-128 key of 15 bytes",
         [](IpsecSaConfig& c) { c.encryptionKey.assign(15, 1); },
         "cipherkey"},
        {"AES-256 key of 16 bytes",
         [](IpsecSaConfig& c) { c.encryption = IpsecEncryption::AES_CBC_256; },
         "cipherkey"},
        {"GCM key without its salt",
         [](IpsecSaConfig& c) {
             c.encryption = IpsecEncryption::AES_GCM_128;
             c.encryptionKey.assign(16, 1);
             c.integrity = IpsecIntegrity::NONE;
             c.integrityKey.clear();
         },
         "cipherkey"},
        {"3DES key of 16 bytes",
         [](IpsecSaConfig& c) { c.encryption = IpsecEncryption::TRIPLE_DES_CBC; },
         "cipherkey"},
        {"a key for the null cipher",
         [](IpsecSaConfig& c) {
             c.encryption = IpsecEncryption::NULL_ENC;
             c.encryptionKey.assign(1, 1);
         },
         "cipherkey"},
        {"SHA1 key of 16 bytes", [](IpsecSaConfig& c) { c.integrityKey.assign(16, 1); }, "authkey"},
        {"SHA-256 key of 20 bytes",
         [](IpsecSaConfig& c) { c.integrity = IpsecIntegrity::HMAC_SHA256_128; },
         "authkey"},
        {"a key for no integrity",
         [](IpsecSaConfig& c) { c.integrity = IpsecIntegrity::NONE; },
         "authkey"},
        {"replay window 16", [](IpsecSaConfig& c) { c.replayWindow = 16; }, "replaywindow"},
        {"replay window 31", [](IpsecSaConfig& c) { c.replayWindow = 31; }, "replaywindow"},
        {"replay window 4097", [](IpsecSaConfig& c) { c.replayWindow = 4097; }, "replaywindow"},
        {"replay window 5000", [](IpsecSaConfig& c) { c.replayWindow = 5000; }, "replaywindow"},
        {"soft time after hard time",
         [](IpsecSaConfig& c) {
             c.lifetime.softTime = Seconds(5);
             c.lifetime.hardTime = Seconds(4);
         },
         "lifetime"},
        {"soft bytes above hard bytes",
         [](IpsecSaConfig& c) {
             c.lifetime.softBytes = 1001;
             c.lifetime.hardBytes = 1000;
         },
         "lifetime"},
        {"negative hard time",
         [](IpsecSaConfig& c) { c.lifetime.hardTime = Seconds(-1); },
         "lifetime"},
        {"no source", [](IpsecSaConfig& c) { c.source = Ipv4Address::GetAny(); }, "endpoints"},
        {"no destination",
         [](IpsecSaConfig& c) { c.destination = Ipv4Address::GetAny(); },
         "endpoints"},
        // A default-constructed Ipv4Address (102.102.102.102, uninitialized) is no endpoint.
        {"default endpoints (never set)",
         [](IpsecSaConfig& c) {
             c.source = Ipv4Address();
             c.destination = Ipv4Address();
         },
         "endpoints"},
    };
    for (const auto& x : cases)
    {
        BOOST_TEST_CONTEXT(x.name)
        {
            IpsecSaConfig c = ValidConfig();
            x.bend(c);
            std::string error = c.Validate();
            BOOST_TEST(FieldOf(error) == x.field);
            // The SA refuses the same config with a catchable error naming the same field.
            bool thrown = false;
            try
            {
                IpsecSa sa(c, true, Seconds(0));
            }
            catch (const IpsecConfigError& e)
            {
                thrown = true;
                BOOST_TEST(e.GetField() == x.field);
                BOOST_TEST(std::string(e.what()) == error);
            }
            BOOST_TEST(thrown);
        }
    }
}

BOOST_AUTO_TEST_CASE(validate_messages)
{
    IpsecSaConfig c = ValidConfig();
    c.encryptionKey.assign(15, 1);
    BOOST_TEST(c.Validate() == "cipherkey: aes128 needs 16 bytes of key, got 15");
    c = ValidConfig();
    c.integrityKey.assign(16, 1);
    BOOST_TEST(c.Validate() == "authkey: sha1 needs 20 bytes of key, got 16");
    c = ValidConfig();
    c.spi = 255;
    BOOST_TEST(c.Validate() == "spi: 255 is reserved (use 256 or more)");
    c = ValidConfig();
    c.replayWindow = 5000;
    BOOST_TEST(c.Validate() == "replaywindow: 5000 is outside 32-4096 (0 turns the check off)");
}

BOOST_AUTO_TEST_CASE(icv_lengths)
{
    IpsecSaConfig c = ValidConfig();
    BOOST_TEST(IpsecSa(c, false, Seconds(0)).GetIcvLength() == 12u);
    c.integrity = IpsecIntegrity::HMAC_SHA256_128;
    c.integrityKey.assign(32, 1);
    BOOST_TEST(IpsecSa(c, false, Seconds(0)).GetIcvLength() == 16u);
    c.integrity = IpsecIntegrity::NONE;
    c.integrityKey.clear();
    BOOST_TEST(IpsecSa(c, false, Seconds(0)).GetIcvLength() == 0u);
    c.encryption = IpsecEncryption::AES_GCM_256;
    c.encryptionKey.assign(36, 1);
    BOOST_TEST(IpsecSa(c, false, Seconds(0)).GetIcvLength() == 16u);
    BOOST_TEST(IpsecSa(c, false, Seconds(0)).GetAuthenticator() == nullptr);
}

BOOST_AUTO_TEST_CASE(sequence_numbers_start_at_one)
{
    IpsecSa sa(ValidConfig(), false, Seconds(0));
    BOOST_TEST(sa.GetLastSequence() == 0u);
    for (uint32_t expected = 1; expected <= 5; ++expected)
    {
        uint32_t seq = 0;
        BOOST_TEST(sa.NextSequence(seq));
        BOOST_TEST(seq == expected);
    }
    BOOST_TEST(sa.GetLastSequence() == 5u);
}

// There is no way to set the counter, so this takes all 2^32 - 1 numbers (about 3 s).
BOOST_AUTO_TEST_CASE(sequence_numbers_never_wrap)
{
    IpsecSa sa(ValidConfig(), false, Seconds(0));
    uint32_t seq = 0;
    uint64_t taken = 0;
    // Bounded, so that a counter that wraps fails the test instead of hanging it.
    while (taken <= uint64_t(UINT32_MAX) && sa.NextSequence(seq))
    {
        ++taken;
    }
    BOOST_TEST(taken == uint64_t(UINT32_MAX));
    BOOST_TEST(seq == UINT32_MAX);
    BOOST_TEST(sa.GetLastSequence() == UINT32_MAX);
    // Used up: every further call refuses and leaves the output and counter alone.
    seq = 1234;
    BOOST_TEST(!sa.NextSequence(seq));
    BOOST_TEST(seq == 1234u);
    BOOST_TEST(!sa.NextSequence(seq));
    BOOST_TEST(sa.GetLastSequence() == UINT32_MAX);
}

BOOST_AUTO_TEST_CASE(replay_in_order_and_duplicates)
{
    for (uint32_t window : {64u, 1024u})
    {
        BOOST_TEST_CONTEXT("window " << window)
        {
            IpsecSa sa = InboundWithWindow(window);
            BOOST_TEST(!sa.ReplayCheck(0)); // 0 is never sent
            uint32_t bad = 0;
            for (uint32_t seq = 1; seq <= 3000; ++seq)
            {
                bad += !sa.ReplayCheck(seq);
                sa.ReplayAccept(seq);
                bad += sa.ReplayCheck(seq); // a duplicate right after
            }
            BOOST_TEST(bad == 0u);
            BOOST_TEST(sa.GetLastSequence() == 3000u);
            // Every number in the window was seen, everything older is too old.
            uint32_t accepted = 0;
            for (uint32_t seq = 1; seq <= 3000; ++seq)
            {
                accepted += sa.ReplayCheck(seq);
            }
            BOOST_TEST(accepted == 0u);
            BOOST_TEST(sa.ReplayCheck(3001));
            BOOST_TEST(sa.ReplayCheck(UINT32_MAX));
        }
    }
}

BOOST_AUTO_TEST_CASE(replay_reorder_inside_window_and_edge)
{
    for (uint32_t window : {64u, 1024u})
    {
        BOOST_TEST_CONTEXT("window " << window)
        {
            IpsecSa sa = InboundWithWindow(window);
            const uint32_t top = 5000;
            sa.ReplayAccept(top);
            // age == window - 1: the oldest number still inside.
            BOOST_TEST(sa.ReplayCheck(top - (window - 1)));
            // age == window: just outside.
            BOOST_TEST(!sa.ReplayCheck(top - window));
            BOOST_TEST(!sa.ReplayCheck(top - window - 1));
            BOOST_TEST(!sa.ReplayCheck(top));
            // Late arrivals inside the window are taken once, in any order.
            for (uint32_t age : {1u, window - 1, 7u, window / 2 + 1})
            {
                BOOST_TEST(sa.ReplayCheck(top - age), "age " << age);
                sa.ReplayAccept(top - age);
                BOOST_TEST(!sa.ReplayCheck(top - age), "age " << age);
            }
            BOOST_TEST(sa.GetLastSequence() == top); // late ones do not move the window
            BOOST_TEST(sa.ReplayCheck(top - 2));
            BOOST_TEST(sa.ReplayCheck(top - 62));
            BOOST_TEST(sa.ReplayCheck(top + 1));
            // One step ahead: the oldest late arrival (age window - 1) falls out.
            sa.ReplayAccept(top + 1);
            BOOST_TEST(!sa.ReplayCheck(top - (window - 1)));
            BOOST_TEST(!sa.ReplayCheck(top - 1));
            BOOST_TEST(sa.ReplayCheck(top - 2));
        }
    }
}

BOOST_AUTO_TEST_CASE(replay_big_jumps_clear_the_window)
{
    IpsecSa sa = InboundWithWindow(64);
    for (uint32_t seq = 1; seq <= 50; ++seq)
    {
        sa.ReplayAccept(seq);
    }
    // Shift of exactly the window: every old bit leaves, nothing stale may remain.
    sa.ReplayAccept(50 + 64);
    BOOST_TEST(!sa.ReplayCheck(50)); // age 64
    for (uint32_t seq = 51; seq < 114; ++seq)
    {
        BOOST_TEST(sa.ReplayCheck(seq), "seq " << seq);
    }
    BOOST_TEST(!sa.ReplayCheck(114));
    // Shift of window - 1: the previous top stays inside, as the oldest.
    sa.ReplayAccept(114 + 63);
    BOOST_TEST(!sa.ReplayCheck(114));
    BOOST_TEST(sa.ReplayCheck(115));
    BOOST_TEST(!sa.ReplayCheck(113));
    // A jump far beyond the window (and across 2^31).
    sa.ReplayAccept(0x90000000);
    BOOST_TEST(!sa.ReplayCheck(177));
    BOOST_TEST(sa.ReplayCheck(0x90000000 - 1));
    BOOST_TEST(sa.ReplayCheck(0x90000000 - 63));
    BOOST_TEST(!sa.ReplayCheck(0x90000000 - 64));
    BOOST_TEST(!sa.ReplayCheck(0x90000000));
    // Up to the last number there is.
    sa.ReplayAccept(UINT32_MAX);
    BOOST_TEST(!sa.ReplayCheck(UINT32_MAX));
    BOOST_TEST(sa.ReplayCheck(UINT32_MAX - 63));
    BOOST_TEST(!sa.ReplayCheck(UINT32_MAX - 64));
    BOOST_TEST(sa.GetLastSequence() == UINT32_MAX);
}

BOOST_AUTO_TEST_CASE(replay_word_boundaries_window_1024)
{
    // Jumps of 63, 64, 65 and 130 move the bits of a 16-word bitmap across word boundaries;
    // marks at ages around 63/64/65 and 127/128 show any bit lost or duplicated.
    const uint32_t window = 1024;
    for (uint32_t jump : {63u, 64u, 65u, 130u})
    {
        BOOST_TEST_CONTEXT("jump " << jump)
        {
            IpsecSa sa = InboundWithWindow(window);
            ReplayModel model(window);
            const uint32_t top = 10000;
            for (uint32_t age : {0u, 1u, 62u, 63u, 64u, 65u, 127u, 128u, 129u, 500u, 959u, 960u,
                                 961u, 1000u, 1023u})
            {
                sa.ReplayAccept(top - age);
                model.Accept(top - age);
            }
            CompareWindow(sa, model, window);
            for (int step = 0; step < 20; ++step)
            {
                uint32_t next = model.Top() + jump;
                sa.ReplayAccept(next);
                model.Accept(next);
                CompareWindow(sa, model, window);
            }
            // Explicitly: the previous top is at age jump, the numbers between were never seen.
            uint32_t last = model.Top();
            BOOST_TEST(!sa.ReplayCheck(last - jump));
            BOOST_TEST(sa.ReplayCheck(last - jump + 1));
            BOOST_TEST(sa.ReplayCheck(last - 1));
        }
    }
}

BOOST_AUTO_TEST_CASE(replay_matches_model_under_random_traffic)
{
    // Deterministic pseudo-random arrivals: mostly in order, some late, some duplicated, some
    // big jumps; windows that are and are not multiples of 64.
    for (uint32_t window : {32u, 64u, 100u, 1024u, 4096u})
    {
        BOOST_TEST_CONTEXT("window " << window)
        {
            IpsecSa sa = InboundWithWindow(window);
            ReplayModel model(window);
            uint32_t state = 12345;
            auto next = [&state]() {
                state = state * 1103515245u + 12345u;
                return (state >> 8) & 0xffff;
            };
            uint32_t disagreements = 0;
            for (int i = 0; i < 4000; ++i)
            {
                uint32_t r = next();
                uint32_t top = model.Top();
                uint32_t seq;
                if (r % 10 < 6)
                {
                    seq = top + 1 + r % 3;
                }
                else if (r % 10 < 9)
                {
                    uint32_t back = r % (window + 40);
                    seq = top > back ? top - back : 1;
                }
                else
                {
                    seq = top + 1 + r % (2 * window);
                }
                bool expected = model.Check(seq);
                disagreements += sa.ReplayCheck(seq) != expected;
                if (expected)
                {
                    sa.ReplayAccept(seq);
                    model.Accept(seq);
                }
            }
            BOOST_TEST(disagreements == 0u);
            CompareWindow(sa, model, window);
            BOOST_TEST(sa.GetLastSequence() == model.Top());
        }
    }
}

BOOST_AUTO_TEST_CASE(replay_window_zero_is_off)
{
    IpsecSa sa = InboundWithWindow(0);
    sa.ReplayAccept(5);
    BOOST_TEST(sa.ReplayCheck(5)); // duplicates pass
    BOOST_TEST(sa.ReplayCheck(1));
    sa.ReplayAccept(1000000);
    BOOST_TEST(sa.ReplayCheck(1)); // and so does anything old
    BOOST_TEST(sa.ReplayCheck(5));
    sa.ReplayAccept(3); // an old one does not move the highest number back
    BOOST_TEST(sa.GetLastSequence() == 1000000u);
}

BOOST_AUTO_TEST_CASE(account_hard_bytes_exact)
{
    IpsecSaConfig c = ValidConfig();
    c.lifetime.hardBytes = 1000;
    IpsecSa sa(c, false, Seconds(1));
    BOOST_TEST(sa.GetLastUseTime() == Seconds(1));
    BOOST_TEST((sa.Account(600, Seconds(2)) == IpsecLimitCrossed::NONE));
    // Reaching the limit exactly is allowed.
    BOOST_TEST((sa.Account(400, Seconds(3)) == IpsecLimitCrossed::NONE));
    BOOST_TEST(sa.GetBytes() == 1000u);
    BOOST_TEST(sa.GetPackets() == 2u);
    // One byte past it is not, and the refused packet is not counted.
    BOOST_TEST((sa.Account(1, Seconds(4)) == IpsecLimitCrossed::HARD));
    BOOST_TEST(sa.GetBytes() == 1000u);
    BOOST_TEST(sa.GetPackets() == 2u);
    BOOST_TEST(sa.GetLastUseTime() == Seconds(3));
    BOOST_TEST(sa.GetCreationTime() == Seconds(1));

    IpsecSa other(c, true, Seconds(0));
    BOOST_TEST((other.Account(999, Seconds(1)) == IpsecLimitCrossed::NONE));
    BOOST_TEST((other.Account(2, Seconds(1)) == IpsecLimitCrossed::HARD));
    BOOST_TEST((other.Account(1, Seconds(1)) == IpsecLimitCrossed::NONE));
    BOOST_TEST(other.GetBytes() == 1000u);
}

BOOST_AUTO_TEST_CASE(account_soft_bytes_exact_and_once)
{
    IpsecSaConfig c = ValidConfig();
    c.lifetime.softBytes = 500;
    c.lifetime.hardBytes = 800;
    IpsecSa sa(c, false, Seconds(0));
    BOOST_TEST((sa.Account(499, Seconds(1)) == IpsecLimitCrossed::NONE));
    // The packet that brings the count to the soft limit exactly reports it...
    BOOST_TEST((sa.Account(1, Seconds(1)) == IpsecLimitCrossed::SOFT));
    // ...once only.
    BOOST_TEST((sa.Account(100, Seconds(1)) == IpsecLimitCrossed::NONE));
    BOOST_TEST((sa.Account(200, Seconds(1)) == IpsecLimitCrossed::NONE));
    BOOST_TEST(sa.GetBytes() == 800u);
    BOOST_TEST((sa.Account(1, Seconds(1)) == IpsecLimitCrossed::HARD));
    BOOST_TEST(sa.GetPackets() == 4u);

    // A packet that jumps over the soft limit reports it too.
    IpsecSa jump(c, false, Seconds(0));
    BOOST_TEST((jump.Account(499, Seconds(1)) == IpsecLimitCrossed::NONE));
    BOOST_TEST((jump.Account(2, Seconds(1)) == IpsecLimitCrossed::SOFT));

    // Zero limits are no limits.
    IpsecSa unlimited(ValidConfig(), false, Seconds(0));
    BOOST_TEST((unlimited.Account(UINT32_MAX, Seconds(1)) == IpsecLimitCrossed::NONE));
    BOOST_TEST((unlimited.Account(UINT32_MAX, Seconds(1)) == IpsecLimitCrossed::NONE));
    BOOST_TEST(unlimited.GetBytes() == 2 * uint64_t(UINT32_MAX));
}

BOOST_AUTO_TEST_CASE(sad_inbound_by_spi_and_destination)
{
    IpsecSad sad;
    IpsecSaConfig c = ValidConfig();
    Ptr<IpsecSa> first = Create<IpsecSa>(c, true, Seconds(0));
    c.destination = Ipv4Address("10.0.0.3"); // same SPI, another destination: another SA
    Ptr<IpsecSa> second = Create<IpsecSa>(c, true, Seconds(0));
    BOOST_TEST(sad.AddInbound(first));
    BOOST_TEST(sad.AddInbound(second));
    BOOST_TEST(!sad.AddInbound(Create<IpsecSa>(c, true, Seconds(0)))); // duplicate key
    BOOST_TEST(sad.GetN() == 2u);
    BOOST_TEST(sad.FindInbound(0x1000, Ipv4Address("10.0.0.2")) == first);
    BOOST_TEST(sad.FindInbound(0x1000, Ipv4Address("10.0.0.3")) == second);
    BOOST_TEST(!sad.FindInbound(0x1000, Ipv4Address("10.0.0.4")));
    BOOST_TEST(!sad.FindInbound(0x1001, Ipv4Address("10.0.0.2")));
    // The SPI and address do not collide when packed into one key.
    BOOST_TEST(!sad.FindInbound(0x0000, Ipv4Address("10.0.0.2")));

    BOOST_TEST(sad.Remove(first));
    BOOST_TEST(!sad.Remove(first));
    BOOST_TEST(!sad.FindInbound(0x1000, Ipv4Address("10.0.0.2")));
    BOOST_TEST(sad.FindInbound(0x1000, Ipv4Address("10.0.0.3")) == second);
    BOOST_TEST(sad.GetN() == 1u);
    // Once removed, the key is free again.
    BOOST_TEST(sad.AddInbound(first));
    sad.Clear();
    BOOST_TEST(sad.GetN() == 0u);
    BOOST_TEST(!sad.FindInbound(0x1000, Ipv4Address("10.0.0.3")));
}

BOOST_AUTO_TEST_CASE(sad_outbound_prefers_newest_mature)
{
    IpsecSad sad;
    IpsecSaConfig c = ValidConfig();
    const Ipv4Address peer("10.0.0.2");
    Ptr<IpsecSa> oldSa = Create<IpsecSa>(c, false, Seconds(0));
    c.spi = 0x2000;
    Ptr<IpsecSa> newSa = Create<IpsecSa>(c, false, Seconds(10));
    c.spi = 0x3000;
    Ptr<IpsecSa> otherFilter = Create<IpsecSa>(c, false, Seconds(0));
    sad.AddOutbound(oldSa, 7, peer);
    BOOST_TEST(sad.FindOutbound(7, peer) == oldSa);
    sad.AddOutbound(newSa, 7, peer);
    sad.AddOutbound(otherFilter, 8, peer);
    // Newest mature wins (a rekey moves traffic at once).
    BOOST_TEST(sad.FindOutbound(7, peer) == newSa);
    BOOST_TEST(sad.FindOutbound(8, peer) == otherFilter);
    BOOST_TEST(!sad.FindOutbound(7, Ipv4Address("10.0.0.9")));
    BOOST_TEST(!sad.FindOutbound(9, peer));

    // A mature SA is preferred over a newer dying one.
    newSa->SetState(IpsecSaState::DYING);
    BOOST_TEST(sad.FindOutbound(7, peer) == oldSa);
    // Only dying ones left: the newest of them.
    oldSa->SetState(IpsecSaState::DYING);
    BOOST_TEST(sad.FindOutbound(7, peer) == newSa);
    // A dead one is never used.
    newSa->SetState(IpsecSaState::DEAD);
    BOOST_TEST(sad.FindOutbound(7, peer) == oldSa);
    oldSa->SetState(IpsecSaState::DEAD);
    BOOST_TEST(!sad.FindOutbound(7, peer));

    oldSa->SetState(IpsecSaState::MATURE);
    newSa->SetState(IpsecSaState::MATURE);
    BOOST_TEST(sad.Remove(newSa));
    BOOST_TEST(sad.FindOutbound(7, peer) == oldSa);
    BOOST_TEST(sad.Remove(oldSa));
    BOOST_TEST(!sad.FindOutbound(7, peer));
    BOOST_TEST(!sad.Remove(oldSa));
    BOOST_TEST(sad.FindOutbound(8, peer) == otherFilter);
    BOOST_TEST(sad.GetN() == 1u);
}

BOOST_AUTO_TEST_CASE(sad_lists_outbound_first_in_order)
{
    IpsecSad sad;
    IpsecSaConfig c = ValidConfig();
    Ptr<IpsecSa> in1 = Create<IpsecSa>(c, true, Seconds(0));
    c.spi = 0x2000;
    Ptr<IpsecSa> out1 = Create<IpsecSa>(c, false, Seconds(0));
    c.spi = 0x3000;
    Ptr<IpsecSa> in2 = Create<IpsecSa>(c, true, Seconds(0));
    c.spi = 0x4000;
    Ptr<IpsecSa> out2 = Create<IpsecSa>(c, false, Seconds(0));
    sad.AddInbound(in1);
    sad.AddOutbound(out1, 1, Ipv4Address("10.0.0.2"));
    sad.AddInbound(in2);
    sad.AddOutbound(out2, 1, Ipv4Address("10.0.0.2"));
    std::vector<Ptr<IpsecSa>> expected = {out1, out2, in1, in2};
    BOOST_TEST((sad.GetAll() == expected));
    BOOST_TEST(sad.Remove(out1));
    expected = {out2, in1, in2};
    BOOST_TEST((sad.GetAll() == expected));
}

BOOST_AUTO_TEST_CASE(sad_filter_sas_in_listing_order)
{
    IpsecSad sad;
    IpsecSaConfig c = ValidConfig();
    auto make = [&c](uint32_t spi, bool inbound, uint32_t filterId) {
        c.spi = spi;
        Ptr<IpsecSa> sa = Create<IpsecSa>(c, inbound, Seconds(0));
        sa->SetFilterId(filterId);
        return sa;
    };
    Ptr<IpsecSa> in1 = make(0x1000, true, 5);
    Ptr<IpsecSa> outB = make(0x2000, false, 5);
    Ptr<IpsecSa> other = make(0x3000, true, 6);
    Ptr<IpsecSa> outA = make(0x4000, false, 5);
    Ptr<IpsecSa> in2 = make(0x5000, true, 5);
    sad.AddInbound(in1);
    sad.AddOutbound(outB, 5, Ipv4Address("10.0.0.9")); // a higher peer, installed first
    sad.AddInbound(other);
    sad.AddOutbound(outA, 5, Ipv4Address("10.0.0.2"));
    sad.AddInbound(in2);
    // As GetAll lists them, restricted to the filter: outbound first, in installation order.
    std::vector<Ptr<IpsecSa>> expected = {outB, outA, in1, in2};
    BOOST_TEST((sad.GetFilterSas(5) == expected));
    BOOST_TEST((sad.GetFilterSas(6) == std::vector<Ptr<IpsecSa>>{other}));
    BOOST_TEST(sad.GetFilterSas(7).empty());
    // An SA of another SAD, or one already removed, is not removed again.
    IpsecSad another;
    BOOST_TEST(!another.Remove(outA));
    BOOST_TEST(sad.Remove(outA));
    BOOST_TEST(!sad.Remove(outA));
    BOOST_TEST(sad.Remove(in1));
    expected = {outB, in2};
    BOOST_TEST((sad.GetFilterSas(5) == expected));
    expected = {outB, other, in2};
    BOOST_TEST((sad.GetAll() == expected));
    BOOST_TEST(sad.GetN() == 3u);
}

BOOST_AUTO_TEST_CASE(parse_protocol_and_mode)
{
    BOOST_TEST((IpsecParseSecurityProtocol("esp") == IpsecProtocol::ESP));
    BOOST_TEST((IpsecParseSecurityProtocol("ah") == IpsecProtocol::AH));
    BOOST_TEST((IpsecParseMode("transport") == IpsecMode::TRANSPORT));
    BOOST_TEST((IpsecParseMode("tunnel") == IpsecMode::TUNNEL));
    try
    {
        IpsecParseSecurityProtocol("gre");
        BOOST_FAIL("gre is not a security protocol");
    }
    catch (const IpsecConfigError& e)
    {
        BOOST_TEST(e.GetField() == "proto");
    }
    try
    {
        IpsecParseMode("bus");
        BOOST_FAIL("bus is not a mode");
    }
    catch (const IpsecConfigError& e)
    {
        BOOST_TEST(e.GetField() == "mode");
    }
}

BOOST_AUTO_TEST_SUITE_END()
