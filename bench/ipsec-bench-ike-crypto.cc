/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// Benchmark: what do the IKE key exchange and the simulated PKI cost beyond the raw Crypto++
// work they are made of?
//
// For each Diffie-Hellman group, one party's whole work (key pair + agreement, IkeDhRunOnce)
// is timed against the two modular exponentiations it consists of, done with Crypto++ alone
// on the same prime with an exponent of the same size, in the same run. For RSA (1024 bits,
// the certificate services default), a CA issuing a root certificate is timed against
// Crypto++ making a key of the same size, and an IKEv1 signature made and checked
// (IkeCredentials::SignHash + IkeCertificate::VerifyHash) against the raw private and public
// key operations. Each figure is the best of several rounds; the ratios (module / raw) are what
// to compare between runs, the absolute times depend on the machine.
// These figures were timed inside the unit tests before (ipsec-ike-crypto-test, ipsec-pki-test).

#include "ns3/core-module.h"
#include "ns3/ipsec-module.h"

#include "ipsec-program-options.h"

#include <cryptopp/integer.h>
#include <cryptopp/nbtheory.h>
#include <cryptopp/osrng.h>
#include <cryptopp/rsa.h>

#include <chrono>
#include <functional>
#include <iomanip>
#include <iostream>

using namespace ns3;

namespace
{

/** Best of \p rounds, in microseconds per call, of \p calls calls of \p work. */
double
BestMicroseconds(int rounds, int calls, const std::function<void()>& work)
{
    double best = 1e30;
    for (int r = 0; r < rounds; ++r)
    {
        auto t0 = std::chrono::steady_clock::now();
        for (int i = 0; i < calls; ++i)
        {
            work();
        }
        std::chrono::duration<double, std::micro> elapsed = std::chrono::steady_clock::now() - t0;
        best = std::min(best, elapsed.count() / calls);
    }
    return best;
}

} // namespace

int
main(int argc, char* argv[])
{
    int rounds = 3;
    int scale = 1;
    IpsecProgramOptions cmd(__FILE__,
                            "Benchmark of IKE Diffie-Hellman and PKI operations against raw "
                            "Crypto++.");
    cmd.AddInteger("rounds", "Runs per figure (the best is kept)", rounds, 1, 1000);
    // 200 signatures per round times the scale must fit an int.
    cmd.AddInteger("scale", "Multiplies the number of operations per run", scale, 1, 10000);
    cmd.Parse(argc, argv);

    CryptoPP::AutoSeededRandomPool rng;
    std::cout << std::fixed << std::setprecision(1);

    struct
    {
        IkeDhGroup group;
        int calls;
    } const groups[] = {
        {IkeDhGroup::MODP_768, 200},
        {IkeDhGroup::MODP_1024, 200},
        {IkeDhGroup::MODP_2048, 50},
    };
    std::vector<double> dhRatios;
    for (const auto& g : groups)
    {
        const std::vector<uint8_t>& primeBytes = IkeGetDhPrime(g.group);
        CryptoPP::Integer p(primeBytes.data(), primeBytes.size());
        uint32_t bits = IkeGetDhExponentBits(g.group);
        size_t sink = IkeDhRunOnce(g.group, rng).size(); // warm up: the group's tables
        double module = BestMicroseconds(rounds, g.calls * scale, [&]() {
            sink += IkeDhRunOnce(g.group, rng).size();
        });
        double raw = BestMicroseconds(rounds, g.calls * scale, [&]() {
            CryptoPP::Integer x(rng, bits);
            x.SetBit(bits - 1);
            CryptoPP::Integer y = a_exp_b_mod_c(CryptoPP::Integer::Two(), x, p);
            sink += a_exp_b_mod_c(y, x, p).ByteCount();
        });
        dhRatios.push_back(module / raw);
        std::cout << "DH " << g.group << " (" << bits
                  << "-bit exponent), key pair + agreement: " << module << " us, raw Crypto++ "
                  << raw << " us, ratio " << std::setprecision(3) << module / raw
                  << std::setprecision(1) << (sink == 0 ? " (no output)" : "") << "\n";
    }

    const int keys = 10 * scale;
    int counter = 0;
    double caMicros = BestMicroseconds(rounds, keys, [&]() {
        IkeCertificateAuthority::CreateRoot("Timing CA " + std::to_string(counter++), rng);
    });
    double keyMicros = BestMicroseconds(rounds, keys, [&]() {
        CryptoPP::InvertibleRSAFunction key;
        key.Initialize(rng, IKE_RSA_DEFAULT_KEY_BITS, CryptoPP::Integer(65537));
    });
    std::cout << "RSA " << IKE_RSA_DEFAULT_KEY_BITS << ": root CA (key + certificate) "
              << caMicros / 1000 << " ms, raw key generation " << keyMicros / 1000 << " ms, ratio "
              << std::setprecision(3) << caMicros / keyMicros << std::setprecision(1) << "\n";

    Ptr<IkeCertificateAuthority> ca = IkeCertificateAuthority::CreateRoot("Bench CA", rng);
    Ptr<IkeCredentials> host = ca->Issue("host1", rng);
    Ptr<IkeCertificate> cert = host->GetCertificate();
    std::vector<uint8_t> hash(20, 0x5a);
    int good = 0;
    double signMicros = BestMicroseconds(rounds, 200 * scale, [&]() {
        ++hash[0];
        good += cert->VerifyHash(hash, host->SignHash(hash)) ? 1 : 0;
    });
    CryptoPP::InvertibleRSAFunction key;
    key.Initialize(rng, IKE_RSA_DEFAULT_KEY_BITS, CryptoPP::Integer(65537));
    CryptoPP::Integer m(rng, IKE_RSA_DEFAULT_KEY_BITS - 8);
    double rawSignMicros = BestMicroseconds(rounds, 200 * scale, [&]() {
        CryptoPP::Integer s = key.CalculateInverse(rng, m);
        good += key.ApplyFunction(s) == m ? 1 : 0;
    });
    std::cout << "RSA " << IKE_RSA_DEFAULT_KEY_BITS << ": SignHash + VerifyHash " << signMicros
              << " us, raw private + public operation " << rawSignMicros << " us, ratio "
              << std::setprecision(3) << signMicros / rawSignMicros << " (" << good << " good)\n";

    std::cout << std::setprecision(3);
    std::cout << "bench: ike-crypto dh modp1024 ratio_vs_raw=" << dhRatios[1] << "\n";
    std::cout << "bench: ike-crypto dh modp2048 ratio_vs_raw=" << dhRatios[2] << "\n";
    std::cout << "bench: ike-crypto rsa ca ratio_vs_raw=" << caMicros / keyMicros << "\n";
    std::cout << "bench: ike-crypto rsa sign+verify ratio_vs_raw=" << signMicros / rawSignMicros
              << "\n";
    return 0;
}
