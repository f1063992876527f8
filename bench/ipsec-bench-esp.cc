/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// Benchmark: what does ESP cost a simulation?
//
// The same UDP workload (1000-byte datagrams over one point-to-point link) runs without IPsec
// and with ESP transport mode between the two nodes, in one run, best of several rounds each.
// For 3DES-CBC + HMAC-SHA1-96 the "limit" is plain ns-3's time plus the time Crypto++ itself
// needs for the same cipher work (encrypt + HMAC on the sender, HMAC + decrypt on the
// receiver, same sizes, same packet count), measured here too: ratio_vs_limit tells how much
// the module adds beyond the unavoidable cryptography. The same for AES-128-GCM (seal on the
// sender, open on the receiver).
// It also reports the memory an SA pair takes.

#include "ns3/core-module.h"
#include "ns3/internet-module.h"
#include "ns3/ipsec-module.h"
#include "ns3/network-module.h"
#include "ns3/point-to-point-module.h"

#include "ipsec-program-options.h"

#define CRYPTOPP_ENABLE_NAMESPACE_WEAK 1
#include <cryptopp/aes.h>
#include <cryptopp/des.h>
#include <cryptopp/gcm.h>
#include <cryptopp/hmac.h>
#include <cryptopp/modes.h>
#include <cryptopp/sha.h>

#include <chrono>
#include <iomanip>
#include <iostream>
#include <malloc.h>

using namespace ns3;

namespace
{

struct Setup
{
    bool ipsec{false};
    IpsecEncryption encryption{IpsecEncryption::NULL_ENC};
    IpsecIntegrity integrity{IpsecIntegrity::NONE};
    bool modeled{false};
};

/** Wall seconds to simulate \p packets datagrams; \p received counts deliveries. */
double
RunOnce(const Setup& setup, uint32_t packets, uint32_t* received)
{
    NodeContainer nodes;
    nodes.Create(2);
    PointToPointHelper p2p;
    p2p.SetDeviceAttribute("DataRate", StringValue("10Gbps"));
    p2p.SetChannelAttribute("Delay", StringValue("1us"));
    NetDeviceContainer devices = p2p.Install(nodes);
    if (setup.ipsec)
    {
        IpsecHelper().Install(nodes);
        IpsecHelper::SetModeledCrypto(nodes, setup.modeled);
    }
    else
    {
        InternetStackHelper().Install(nodes);
    }
    Ipv4InterfaceContainer ifs = Ipv4AddressHelper("10.0.0.0", "255.255.255.0").Assign(devices);
    if (setup.ipsec)
    {
        IpsecManualSaPair pair;
        pair.encryption = setup.encryption;
        pair.integrity = setup.integrity;
        pair.addressA = ifs.GetAddress(0);
        pair.addressB = ifs.GetAddress(1);
        IpsecHelper::InstallManualSaPair(nodes.Get(0), nodes.Get(1), pair);
    }
    Ptr<Socket> rx = Socket::CreateSocket(nodes.Get(1), UdpSocketFactory::GetTypeId());
    rx->Bind(InetSocketAddress(Ipv4Address::GetAny(), 9));
    *received = 0;
    rx->SetRecvCallback(Callback<void, Ptr<Socket>>([received](Ptr<Socket> s) {
        while (s->Recv())
        {
            ++*received;
        }
    }));
    Ptr<Socket> tx = Socket::CreateSocket(nodes.Get(0), UdpSocketFactory::GetTypeId());
    tx->Connect(InetSocketAddress(ifs.GetAddress(1), 9));
    for (uint32_t i = 0; i < packets; ++i)
    {
        Simulator::Schedule(MicroSeconds(10 * i), [tx]() { tx->Send(Create<Packet>(1000)); });
    }
    auto t0 = std::chrono::steady_clock::now();
    Simulator::Run();
    auto t1 = std::chrono::steady_clock::now();
    Simulator::Destroy();
    return std::chrono::duration<double>(t1 - t0).count();
}

double
Best(const Setup& setup, uint32_t packets, int rounds, uint32_t* received)
{
    double best = 1e30;
    for (int i = 0; i < rounds; ++i)
    {
        best = std::min(best, RunOnce(setup, packets, received));
    }
    return best;
}

/**
 * Crypto++ alone doing the cipher work of \p packets ESP packets with 3DES-CBC + HMAC-SHA1:
 * per packet, encrypt and MAC the 1016 bytes of ciphertext on one side, MAC and decrypt on the
 * other. Best of \p rounds.
 */
double
RawTripleDesSha1(uint32_t packets, int rounds)
{
    using namespace CryptoPP;
    const size_t plain = 1016; // 1008 bytes (UDP header + payload) + padding + 2, 8-aligned
    std::vector<uint8_t> key(24, 0x42);
    std::vector<uint8_t> macKey(20, 0x17);
    std::vector<uint8_t> iv(8, 0x01);
    std::vector<uint8_t> buffer(8 + 8 + plain + 12, 0x5a);
    CBC_Mode<DES_EDE3>::Encryption enc(key.data(), key.size(), iv.data());
    CBC_Mode<DES_EDE3>::Decryption dec(key.data(), key.size(), iv.data());
    HMAC<SHA1> mac(macKey.data(), macKey.size());
    uint8_t icv[20];
    double best = 1e30;
    for (int r = 0; r < rounds; ++r)
    {
        auto t0 = std::chrono::steady_clock::now();
        for (uint32_t i = 0; i < packets; ++i)
        {
            enc.Resynchronize(iv.data());
            enc.ProcessData(buffer.data() + 16, buffer.data() + 16, plain);
            mac.Update(buffer.data(), 16 + plain);
            mac.TruncatedFinal(icv, 12);
            mac.Update(buffer.data(), 16 + plain);
            mac.TruncatedFinal(icv, 12);
            dec.Resynchronize(iv.data());
            dec.ProcessData(buffer.data() + 16, buffer.data() + 16, plain);
        }
        auto t1 = std::chrono::steady_clock::now();
        best = std::min(best, std::chrono::duration<double>(t1 - t0).count());
    }
    return best;
}

/**
 * Crypto++ alone doing the AES-128-GCM work of \p packets ESP packets: seal 1012 bytes with an
 * 8-byte AAD on one side, open them on the other. Best of \p rounds.
 */
double
RawAesGcm(uint32_t packets, int rounds)
{
    using namespace CryptoPP;
    const size_t plain = 1012; // 1008 + padding + 2, 4-aligned
    std::vector<uint8_t> key(16, 0x42);
    std::vector<uint8_t> nonce(12, 0x01);
    std::vector<uint8_t> aad(8, 0x07);
    std::vector<uint8_t> buffer(plain, 0x5a);
    uint8_t tag[16];
    GCM<AES>::Encryption enc;
    enc.SetKeyWithIV(key.data(), key.size(), nonce.data(), nonce.size());
    GCM<AES>::Decryption dec;
    dec.SetKeyWithIV(key.data(), key.size(), nonce.data(), nonce.size());
    double best = 1e30;
    for (int r = 0; r < rounds; ++r)
    {
        auto t0 = std::chrono::steady_clock::now();
        for (uint32_t i = 0; i < packets; ++i)
        {
            enc.EncryptAndAuthenticate(buffer.data(), tag, sizeof(tag), nonce.data(), 12,
                                       aad.data(), aad.size(), buffer.data(), plain);
            dec.DecryptAndVerify(buffer.data(), tag, sizeof(tag), nonce.data(), 12, aad.data(),
                                 aad.size(), buffer.data(), plain);
        }
        auto t1 = std::chrono::steady_clock::now();
        best = std::min(best, std::chrono::duration<double>(t1 - t0).count());
    }
    return best;
}

/** Heap bytes per installed SA pair (both nodes' SAs), measured over \p pairs pairs. */
double
MemoryPerSaPair(uint32_t pairs, IpsecEncryption encryption, IpsecIntegrity integrity)
{
    Ptr<Node> a = CreateObject<Node>();
    Ptr<Node> b = CreateObject<Node>();
    PointToPointHelper p2p;
    NetDeviceContainer devices = p2p.Install(a, b);
    IpsecHelper().Install(NodeContainer(a, b));
    Ipv4AddressHelper("10.0.0.0", "255.255.255.0").Assign(devices);
    uint32_t filterA = a->GetObject<IpsecDriver>()->AddFilter("srcaddr=me action=negotiate");
    uint32_t filterB = b->GetObject<IpsecDriver>()->AddFilter("srcaddr=me action=negotiate");
    IpsecSaConfig c;
    c.encryption = encryption;
    c.integrity = integrity;
    c.encryptionKey.assign(IpsecGetEncryptionInfo(encryption).keyLength, 1);
    c.integrityKey.assign(IpsecGetIntegrityInfo(integrity).keyLength, 2);
    size_t before = mallinfo2().uordblks;
    for (uint32_t i = 0; i < pairs; ++i)
    {
        c.spi = 0x10000 + i;
        c.source = Ipv4Address("10.0.0.1");
        c.destination = Ipv4Address(0x0b000000 + i); // distinct peers
        Ptr<IpsecSa> out = a->GetObject<IpsecDriver>()->AddSa(c, false, filterA, c.destination);
        Ptr<IpsecSa> in = b->GetObject<IpsecDriver>()->AddSa(c, true, filterB);
        // Use each SA once, as traffic would: Crypto++ objects are keyed on first use.
        uint8_t block[32] = {};
        uint8_t tag[16];
        if (IpsecGetEncryptionInfo(encryption).aead)
        {
            out->GetCipher().Seal(block, block, 8, block + 8, 16, tag);
            in->GetCipher().Open(block, block, 8, block + 8, 16, tag);
        }
        else
        {
            out->GetCipher().Encrypt(block, block, 16);
            in->GetCipher().Decrypt(block, block, 16);
        }
        for (Ptr<IpsecSa> sa : {out, in})
        {
            if (IpsecAuthenticator* auth = sa->GetAuthenticator())
            {
                auth->Update(block, sizeof(block));
                auth->Final(tag);
            }
        }
    }
    size_t after = mallinfo2().uordblks;
    Simulator::Destroy();
    return double(after - before) / pairs;
}

} // namespace

int
main(int argc, char* argv[])
{
    uint32_t packets = 100000;
    int rounds = 3;
    std::string only;
    IpsecProgramOptions cmd(__FILE__,
                            "Benchmark of ESP against plain ns-3: 1000-byte UDP datagrams over "
                            "point-to-point, simulated packets per wall second and ratios.");
    cmd.AddInteger("packets", "Datagrams per run", packets, 1, 100000000);
    cmd.AddInteger("rounds", "Runs per configuration (the best is kept)", rounds, 1, 1000);
    cmd.AddChoice("only",
                  "Run only plain ns-3 and this configuration (none: plain ns-3 only), for "
                  "profiling",
                  only,
                  {"none", "aes128gcm-real", "aes128gcm-modeled", "aes128-sha1-real",
                   "3des-sha1-real"});
    cmd.Parse(argc, argv);

    uint32_t received = 0;
    double plain = Best(Setup{}, packets, rounds, &received);
    std::cout << std::fixed << std::setprecision(0);
    std::cout << "workload: " << packets << " UDP datagrams of 1000 bytes, best of " << rounds
              << " runs\n";
    std::cout << "plain ns-3:              " << std::setw(9) << packets / plain
              << " packets/s (" << received << " delivered)\n";
    struct Row
    {
        std::string name;
        Setup setup;
        double seconds{0};
    };
    std::vector<Row> rows = {
        {"aes128gcm-real", {true, IpsecEncryption::AES_GCM_128, IpsecIntegrity::NONE, false}},
        {"aes128gcm-modeled", {true, IpsecEncryption::AES_GCM_128, IpsecIntegrity::NONE, true}},
        {"aes128-sha1-real",
         {true, IpsecEncryption::AES_CBC_128, IpsecIntegrity::HMAC_SHA1_96, false}},
        {"3des-sha1-real",
         {true, IpsecEncryption::TRIPLE_DES_CBC, IpsecIntegrity::HMAC_SHA1_96, false}},
    };
    if (!only.empty())
    {
        for (auto& row : rows)
        {
            if (row.name == only)
            {
                row.seconds = Best(row.setup, packets, rounds, &received);
                std::cout << row.name << ": " << packets / row.seconds
                          << " packets/s, ratio vs plain "
                          << std::setprecision(3) << plain / row.seconds << "\n";
            }
        }
        return 0;
    }
    for (auto& row : rows)
    {
        row.seconds = Best(row.setup, packets, rounds, &received);
        std::cout << "esp " << std::left << std::setw(20) << row.name << std::right
                  << std::setw(9) << packets / row.seconds << " packets/s (" << received
                  << " delivered), ratio vs plain " << std::setprecision(3) << plain / row.seconds
                  << std::setprecision(0) << "\n";
    }
    double crypto = RawTripleDesSha1(packets, rounds);
    double limit = plain + crypto;
    std::cout << "Crypto++ alone, 3DES-CBC + HMAC-SHA1 work of the same packets: "
              << std::setprecision(3)
              << crypto << " s; limit = plain + that = " << packets / limit << std::setprecision(0)
              << " packets/s\n";
    double gcm = RawAesGcm(packets, rounds);
    std::cout << "Crypto++ alone, AES-128-GCM work of the same packets: " << std::setprecision(3)
              << gcm << " s; plain + that = " << std::setprecision(0) << packets / (plain + gcm)
              << " packets/s (ratio vs plain " << std::setprecision(3) << plain / (plain + gcm)
              << ", ESP reaches " << (plain + gcm) / rows[0].seconds << " of that)\n"
              << std::setprecision(0);
    double memory =
        MemoryPerSaPair(10000, IpsecEncryption::AES_CBC_128, IpsecIntegrity::HMAC_SHA1_96);
    double memoryGcm = MemoryPerSaPair(10000, IpsecEncryption::AES_GCM_128, IpsecIntegrity::NONE);
    std::cout << "memory per SA pair (heap, both ends): aes128-sha1 " << memory
              << " bytes, aes128gcm "
              << memoryGcm << " bytes\n";
    std::cout << std::setprecision(3);
    // The issue 16 form: real GCM against its limit (plain ns-3 plus Crypto++'s GCM work alone).
    std::cout << "bench: esp aes128gcm-real ratio_vs_limit=" << (plain + gcm) / rows[0].seconds
              << "\n";
    std::cout << "bench: esp aes128gcm-real ratio_vs_plain=" << plain / rows[0].seconds << "\n";
    std::cout << "bench: esp aes128gcm-modeled ratio_vs_plain=" << plain / rows[1].seconds << "\n";
    std::cout << "bench: esp 3des-sha1-real ratio_vs_limit=" << limit / rows[3].seconds << "\n";
    return 0;
}
