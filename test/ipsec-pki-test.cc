/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// Tests of the simulated PKI: certificates that parse back to what was issued, serial numbers,
// self-signed roots, chain verification (good chains, untrusted roots, flipped bytes), the
// IKEv1 RSA signature of a hash, byte-identical certificates for the same seed, strict parsing
// of malformed input and random mutations, openssl reading and verifying the certificates as an
// independent X.509 implementation, and tshark dissecting them inside ISAKMP CERT payloads.
// Also prints the cost of key generation and of a signature.
//
// Key generation costs tens of milliseconds, so one PKI is built once and shared.

#include "ipsec-test-bytes.h"
#include "ipsec-test-random.h"
#include "ipsec-test-tools.h"

#include "ns3/ike-dh.h"
#include "ns3/ike-pki.h"
#include "ns3/ipsec-config-error.h"
#include "ns3/isakmp-header.h"
#include "ns3/isakmp-payloads.h"
#include "ns3/rng-seed-manager.h"

#include <boost/test/unit_test.hpp>

#include <cryptopp/integer.h>
#include <cryptopp/nbtheory.h>
#include <cryptopp/sha.h>

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <random>
#include <string>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

using namespace ns3;
using namespace ns3::test;

namespace
{

const std::string ROOT_NAME = "Contoso Root CA";
const std::string SUB_NAME = "Contoso Issuing CA";
const std::string OTHER_ROOT_NAME = "Fabrikam Root CA";
const std::string HOST1_NAME = "host1.contoso.test";
const std::string HOST2_NAME = "host2.contoso.test";

/** Root -> issuing CA -> two computers, and an unrelated root: built once for all tests. */
struct Pki
{
    Ptr<IkeCertificateAuthority> root;      //!< Contoso Root CA
    Ptr<IkeCertificateAuthority> sub;       //!< Contoso Issuing CA, signed by root
    Ptr<IkeCertificateAuthority> otherRoot; //!< Fabrikam Root CA
    Ptr<IkeCredentials> host1;              //!< issued by sub
    Ptr<IkeCredentials> host2;              //!< issued by sub
};

const Pki&
SharedPki()
{
    static const Pki pki = [] {
        SeedGuard seed(1, 1);
        IkeRandom rng(Stream(41));
        Pki p;
        p.root = IkeCertificateAuthority::CreateRoot(ROOT_NAME, rng);
        p.sub = p.root->CreateSubordinate(SUB_NAME, rng);
        p.host1 = p.sub->Issue(HOST1_NAME, rng);
        p.host2 = p.sub->Issue(HOST2_NAME, rng);
        p.otherRoot = IkeCertificateAuthority::CreateRoot(OTHER_ROOT_NAME, rng);
        return p;
    }();
    return pki;
}

/** Parse, requiring success. */
Ptr<IkeCertificate>
MustParse(const Bytes& der)
{
    std::string error;
    Ptr<IkeCertificate> cert = IkeCertificate::Parse(der, error);
    BOOST_REQUIRE_MESSAGE(cert, "parse failed: " << error);
    BOOST_TEST(error.empty());
    return cert;
}

/** Parse, requiring failure with a message; returns the message. */
std::string
MustFail(const Bytes& der)
{
    std::string error;
    Ptr<IkeCertificate> cert = IkeCertificate::Parse(der, error);
    BOOST_TEST(!cert);
    BOOST_TEST(!error.empty());
    return error;
}

/** Offset of \p text in \p der; the test fails if it is not there. */
size_t
Find(const Bytes& der, const std::string& text)
{
    auto it = std::search(der.begin(), der.end(), text.begin(), text.end());
    BOOST_REQUIRE_MESSAGE(it != der.end(), "\"" << text << "\" not in the certificate");
    return static_cast<size_t>(it - der.begin());
}

/** SHA-1 of \p text: a stand-in for HASH_I. */
Bytes
Sha1(const std::string& text)
{
    Bytes digest(CryptoPP::SHA1::DIGESTSIZE);
    CryptoPP::SHA1().CalculateDigest(digest.data(),
                                     reinterpret_cast<const CryptoPP::byte*>(text.data()),
                                     text.size());
    return digest;
}

bool
Contains(const std::string& text, const std::string& part)
{
    return text.find(part) != std::string::npos;
}

/** A temporary directory for files handed to openssl, removed at the end of the test. */
class TempDir
{
  public:
    TempDir()
        : m_path(std::filesystem::temp_directory_path() /
                 ("ipsec-pki-test-" + std::to_string(getpid())))
    {
        std::filesystem::create_directories(m_path);
    }

    ~TempDir()
    {
        std::error_code ignored;
        std::filesystem::remove_all(m_path, ignored);
    }

    std::string File(const std::string& name) const
    {
        return (m_path / name).string();
    }

  private:
    std::filesystem::path m_path;
};

void
WriteFile(const std::string& name, const Bytes& data)
{
    std::ofstream out(name, std::ios::binary);
    out.write(reinterpret_cast<const char*>(data.data()),
              static_cast<std::streamsize>(data.size()));
    BOOST_REQUIRE(out.good());
}

std::string
ReadFile(const std::string& name)
{
    std::ifstream in(name);
    return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

/** Run \p command with std::system, its output (stdout and stderr) into \p output. */
int
Run(const std::string& command, const std::string& outputFile, std::string& output)
{
    int status = std::system((command + " >'" + outputFile + "' 2>&1").c_str());
    output = ReadFile(outputFile);
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

} // namespace

BOOST_AUTO_TEST_SUITE(ipsec_pki)

// ---------------------------------------------------------------------------------------------
// Issuing and parsing

BOOST_AUTO_TEST_CASE(issued_certificates_parse_back)
{
    const Pki& pki = SharedPki();
    Ptr<IkeCertificate> issued = pki.host1->GetCertificate();
    Ptr<IkeCertificate> parsed = MustParse(issued->GetDer());
    BOOST_TEST(parsed->GetDer() == issued->GetDer());
    BOOST_TEST(parsed->GetSubject() == HOST1_NAME);
    BOOST_TEST(parsed->GetIssuer() == SUB_NAME);
    BOOST_TEST(ToHex(parsed->GetSubjectName()) == ToHex(issued->GetSubjectName()));
    BOOST_TEST(ToHex(parsed->GetIssuerName()) == ToHex(issued->GetIssuerName()));
    BOOST_TEST(ToHex(parsed->GetIssuerName()) ==
               ToHex(pki.sub->GetCertificate()->GetSubjectName()));
    BOOST_TEST(!parsed->IsCa());
    BOOST_TEST(parsed->GetKeyBits() == IKE_RSA_DEFAULT_KEY_BITS);

    // The Name: SEQUENCE { SET { SEQUENCE { OID 2.5.4.3, PrintableString "host1..." } } },
    // what an ID_DER_ASN1_DN payload carries.
    Bytes cn(HOST1_NAME.begin(), HOST1_NAME.end());
    Bytes expected = Hex("30 1d 31 1b 30 19 06 03 55 04 03 13 12");
    expected.insert(expected.end(), cn.begin(), cn.end());
    BOOST_TEST(ToHex(parsed->GetSubjectName()) == ToHex(expected));

    for (const Ptr<IkeCertificateAuthority>& ca : {pki.root, pki.sub, pki.otherRoot})
    {
        Ptr<IkeCertificate> caCert = MustParse(ca->GetCertificate()->GetDer());
        BOOST_TEST(caCert->GetSubject() == ca->GetName());
        BOOST_TEST(caCert->IsCa());
        BOOST_TEST(ca->GetKeyBits() == IKE_RSA_DEFAULT_KEY_BITS);
    }
    BOOST_TEST(pki.sub->GetCertificate()->GetIssuer() == ROOT_NAME);

    // Credentials carry the chain nearest first, root last.
    const auto& chain = pki.host1->GetChain();
    BOOST_REQUIRE(chain.size() == 2u);
    BOOST_TEST(chain[0]->GetDer() == pki.sub->GetCertificate()->GetDer());
    BOOST_TEST(chain[1]->GetDer() == pki.root->GetCertificate()->GetDer());
    BOOST_TEST(pki.host1->GetRoot()->GetDer() == pki.root->GetCertificate()->GetDer());
    BOOST_TEST(pki.sub->GetChain().size() == 2u);
    BOOST_TEST(pki.root->GetChain().size() == 1u);
}

BOOST_AUTO_TEST_CASE(serial_numbers_increase_per_ca)
{
    const Pki& pki = SharedPki();
    // The root signs itself (1) then the issuing CA (2); the issuing CA numbers its own.
    BOOST_TEST(ToHex(pki.root->GetCertificate()->GetSerialNumber()) == "01");
    BOOST_TEST(ToHex(pki.sub->GetCertificate()->GetSerialNumber()) == "02");
    BOOST_TEST(ToHex(pki.host1->GetCertificate()->GetSerialNumber()) == "01");
    BOOST_TEST(ToHex(pki.host2->GetCertificate()->GetSerialNumber()) == "02");
    BOOST_TEST(ToHex(pki.otherRoot->GetCertificate()->GetSerialNumber()) == "01");
}

BOOST_AUTO_TEST_CASE(roots_are_self_signed)
{
    const Pki& pki = SharedPki();
    Ptr<IkeCertificate> root = pki.root->GetCertificate();
    Ptr<IkeCertificate> sub = pki.sub->GetCertificate();
    Ptr<IkeCertificate> host = pki.host1->GetCertificate();
    BOOST_TEST(root->IsSelfSigned());
    BOOST_TEST(pki.otherRoot->GetCertificate()->IsSelfSigned());
    BOOST_TEST(!sub->IsSelfSigned());
    BOOST_TEST(!host->IsSelfSigned());
    BOOST_TEST(sub->IsSignedBy(*root));
    BOOST_TEST(host->IsSignedBy(*sub));
    BOOST_TEST(!host->IsSignedBy(*root));
    BOOST_TEST(!sub->IsSignedBy(*pki.otherRoot->GetCertificate()));
    BOOST_TEST(!host->IsSignedBy(*pki.host2->GetCertificate()));
}

BOOST_AUTO_TEST_CASE(other_key_sizes_and_utf8_names)
{
    SeedGuard seed(1, 1);
    IkeRandom rng(Stream(43));
    const Pki& pki = SharedPki();
    // A 512-bit computer key under the 1024-bit issuing CA, with a name PrintableString lacks.
    const std::string name = "h\xc3\xb4te-\xc3\xa9t\xc3\xa9";
    Ptr<IkeCredentials> small = pki.sub->Issue(name, rng, 512);
    Ptr<IkeCertificate> cert = MustParse(small->GetCertificate()->GetDer());
    BOOST_TEST(cert->GetKeyBits() == 512u);
    BOOST_TEST(cert->GetSubject() == name);
    BOOST_TEST(cert->GetSubjectName().at(11) == 0x0c); // UTF8String
    std::string reason;
    BOOST_TEST(IkeVerifyChain(*cert, small->GetChain(), {pki.root->GetCertificate()}, reason),
               reason);
    Bytes hash = Sha1("HASH_I");
    Bytes signature = small->SignHash(hash);
    BOOST_TEST(signature.size() == 64u);
    BOOST_TEST(cert->VerifyHash(hash, signature));
}

BOOST_AUTO_TEST_CASE(bad_configuration_is_refused)
{
    SeedGuard seed(1, 1);
    IkeRandom rng(Stream(44));
    const Pki& pki = SharedPki();
    auto field = [](const std::string& expected) {
        return [expected](const IpsecConfigError& e) { return e.GetField() == expected; };
    };
    BOOST_CHECK_EXCEPTION(IkeCertificateAuthority::CreateRoot("", rng),
                          IpsecConfigError,
                          field("name"));
    BOOST_CHECK_EXCEPTION(IkeCertificateAuthority::CreateRoot("Root", rng, 256),
                          IpsecConfigError,
                          field("keyBits"));
    BOOST_CHECK_EXCEPTION(pki.sub->Issue(std::string(65, 'x'), rng),
                          IpsecConfigError,
                          field("name"));
    BOOST_CHECK_EXCEPTION(pki.sub->Issue("host", rng, 8192), IpsecConfigError, field("keyBits"));
}

// ---------------------------------------------------------------------------------------------
// Chains

BOOST_AUTO_TEST_CASE(chain_verifies_with_its_root_trusted)
{
    const Pki& pki = SharedPki();
    Ptr<IkeCertificate> root = pki.root->GetCertificate();
    Ptr<IkeCertificate> sub = pki.sub->GetCertificate();
    const IkeCertificate& host = *pki.host1->GetCertificate();
    std::string reason = "stale";
    BOOST_TEST(IkeVerifyChain(host, pki.host1->GetChain(), {root}, reason), reason);
    BOOST_TEST(reason.empty());
    // Intermediates in any order, the root among them or not, other roots trusted as well.
    BOOST_TEST(IkeVerifyChain(host, {root, sub}, {root}, reason), reason);
    BOOST_TEST(IkeVerifyChain(host, {sub}, {root}, reason), reason);
    BOOST_TEST(IkeVerifyChain(host, {pki.host2->GetCertificate(), sub},
                              {pki.otherRoot->GetCertificate(), root}, reason),
               reason);
    // The CAs themselves, and a trusted root alone.
    BOOST_TEST(IkeVerifyChain(*sub, {}, {root}, reason), reason);
    BOOST_TEST(IkeVerifyChain(*root, {}, {root}, reason), reason);
}

BOOST_AUTO_TEST_CASE(chain_fails_without_its_root)
{
    const Pki& pki = SharedPki();
    Ptr<IkeCertificate> other = pki.otherRoot->GetCertificate();
    const IkeCertificate& host = *pki.host1->GetCertificate();
    std::string reason;

    BOOST_TEST(!IkeVerifyChain(host, pki.host1->GetChain(), {other}, reason));
    BOOST_TEST_MESSAGE("another root trusted, chain with its root: " << reason);
    BOOST_TEST(Contains(reason, "no trusted root"), reason);
    BOOST_TEST(Contains(reason, "\"" + ROOT_NAME + "\""), reason);
    BOOST_TEST(Contains(reason, OTHER_ROOT_NAME), reason);

    BOOST_TEST(!IkeVerifyChain(host, {pki.sub->GetCertificate()}, {other}, reason));
    BOOST_TEST_MESSAGE("another root trusted, chain without its root: " << reason);
    BOOST_TEST(Contains(reason, "no trusted root"), reason);
    BOOST_TEST(Contains(reason, "\"" + ROOT_NAME + "\""), reason);

    BOOST_TEST(!IkeVerifyChain(host, {}, {pki.root->GetCertificate()}, reason));
    BOOST_TEST_MESSAGE("issuing CA missing: " << reason);
    BOOST_TEST(Contains(reason, "\"" + SUB_NAME + "\""), reason);

    BOOST_TEST(!IkeVerifyChain(host, pki.host1->GetChain(), {}, reason));
    BOOST_TEST(Contains(reason, "no trusted root"), reason);
}

BOOST_AUTO_TEST_CASE(chain_fails_when_a_byte_is_flipped)
{
    const Pki& pki = SharedPki();
    Ptr<IkeCertificate> root = pki.root->GetCertificate();
    Ptr<IkeCertificate> sub = pki.sub->GetCertificate();
    const Bytes& hostDer = pki.host1->GetCertificate()->GetDer();
    std::string reason;

    // Last byte of the signature.
    Bytes badSignature = hostDer;
    badSignature.back() ^= 0x01;
    Ptr<IkeCertificate> host = MustParse(badSignature);
    BOOST_TEST(!IkeVerifyChain(*host, {sub}, {root}, reason));
    BOOST_TEST_MESSAGE("signature flipped: " << reason);
    BOOST_TEST(Contains(reason, "bad signature on \"" + HOST1_NAME + "\""), reason);

    // One letter of the subject, inside tbsCertificate.
    Bytes badTbs = hostDer;
    badTbs[Find(badTbs, HOST1_NAME)] = 'j';
    host = MustParse(badTbs);
    BOOST_TEST(host->GetSubject() == "jost1.contoso.test");
    BOOST_TEST(!IkeVerifyChain(*host, {sub}, {root}, reason));
    BOOST_TEST(Contains(reason, "bad signature on \"jost1.contoso.test\""), reason);

    // The issuing CA's certificate tampered with: the leaf is fine, the link above is not.
    Bytes badSub = sub->GetDer();
    badSub[badSub.size() - 40] ^= 0x80;
    BOOST_TEST(!IkeVerifyChain(*pki.host1->GetCertificate(), {MustParse(badSub)}, {root}, reason));
    BOOST_TEST(Contains(reason, "bad signature on \"" + SUB_NAME + "\""), reason);

    // A trust anchor is trusted for its name and key (RFC 5280 6.1): its own signature is not
    // checked, so the damaged issuing CA certificate still anchors the leaf if trusted itself.
    BOOST_TEST(IkeVerifyChain(*pki.host1->GetCertificate(), {}, {MustParse(badSub)}, reason),
               reason);
}

// ---------------------------------------------------------------------------------------------
// IKEv1 signatures (RFC 2409 5.1)

BOOST_AUTO_TEST_CASE(sign_hash_and_verify_hash)
{
    const Pki& pki = SharedPki();
    Ptr<IkeCertificate> cert1 = pki.host1->GetCertificate();
    Ptr<IkeCertificate> cert2 = pki.host2->GetCertificate();
    for (size_t size : {size_t(16), size_t(20), size_t(32)}) // MD5, SHA-1, SHA-256 HASH_I
    {
        Bytes hash = Sha1("HASH_I " + std::to_string(size));
        hash.resize(size, 0x5a);
        Bytes signature = pki.host1->SignHash(hash);
        BOOST_TEST(signature.size() == 128u);
        BOOST_TEST(cert1->VerifyHash(hash, signature));
        BOOST_TEST(ToHex(signature) == ToHex(pki.host1->SignHash(hash))); // deterministic
        BOOST_TEST(!cert2->VerifyHash(hash, signature));                  // another key

        Bytes alteredHash = hash;
        alteredHash[0] ^= 0x01;
        BOOST_TEST(!cert1->VerifyHash(alteredHash, signature));
        Bytes alteredSignature = signature;
        alteredSignature[64] ^= 0x01;
        BOOST_TEST(!cert1->VerifyHash(hash, alteredSignature));
        Bytes shorter(signature.begin() + 1, signature.end());
        BOOST_TEST(!cert1->VerifyHash(hash, shorter));
        BOOST_TEST(!cert1->VerifyHash(Bytes(), signature));

        // Independently: s^e mod n is 00 01 FF..FF 00 || hash, with no DigestInfo.
        const auto& key = cert1->GetPublicKey();
        CryptoPP::Integer s(signature.data(), signature.size());
        Bytes block(128);
        CryptoPP::ModularExponentiation(s, key.GetPublicExponent(), key.GetModulus())
            .Encode(block.data(), block.size());
        Bytes expected = {0x00, 0x01};
        expected.resize(128 - size - 1, 0xff);
        expected.push_back(0x00);
        expected.insert(expected.end(), hash.begin(), hash.end());
        BOOST_TEST(ToHex(block) == ToHex(expected));
    }
}

// ---------------------------------------------------------------------------------------------
// Reproducibility

BOOST_AUTO_TEST_CASE(same_seed_same_certificates)
{
    struct Issued
    {
        Bytes root;
        Bytes host;
    };

    auto issue = [](uint32_t seed, uint64_t run) {
        SeedGuard guard(seed, run);
        IkeRandom rng(Stream(42));
        Ptr<IkeCertificateAuthority> root = IkeCertificateAuthority::CreateRoot("Seed CA", rng);
        Ptr<IkeCredentials> host = root->Issue("seed-host", rng);
        return Issued{root->GetCertificate()->GetDer(), host->GetCertificate()->GetDer()};
    };
    Issued first = issue(1, 1);
    Issued again = issue(1, 1);
    Issued otherRun = issue(1, 2);
    BOOST_TEST(ToHex(first.root) == ToHex(again.root));
    BOOST_TEST(ToHex(first.host) == ToHex(again.host));
    BOOST_TEST(ToHex(first.root) != ToHex(otherRun.root));
    BOOST_TEST(ToHex(first.host) != ToHex(otherRun.host));
}

// ---------------------------------------------------------------------------------------------
// Malformed input

BOOST_AUTO_TEST_CASE(malformed_certificates_are_rejected)
{
    const Pki& pki = SharedPki();
    const Bytes good = pki.host1->GetCertificate()->GetDer();
    std::string error;

    BOOST_TEST_MESSAGE("empty: " << MustFail(Bytes()));

    // Every truncation.
    for (size_t length = 0; length < good.size(); ++length)
    {
        MustFail(Bytes(good.begin(), good.begin() + length));
    }
    error = MustFail(Bytes(good.begin(), good.end() - 1));
    BOOST_TEST_MESSAGE("one byte short: " << error);
    BOOST_TEST(Contains(error, "truncated"), error);

    // Trailing data.
    Bytes trailing = good;
    trailing.push_back(0x00);
    error = MustFail(trailing);
    BOOST_TEST_MESSAGE("trailing byte: " << error);
    BOOST_TEST(Contains(error, "trailing"), error);

    // Wrong outer tag (SET instead of SEQUENCE).
    Bytes wrongTag = good;
    wrongTag[0] = 0x31;
    error = MustFail(wrongTag);
    BOOST_TEST_MESSAGE("outer SET: " << error);
    BOOST_TEST(Contains(error, "tag 0x31"), error);

    // The certificate's layout: 30 82 LL LL | tbs 30 82 LL LL | a0 03 02 01 02 | 02 01 01 ...
    BOOST_REQUIRE(ToHex(Bytes(good.begin() + 8, good.begin() + 16)) == "a003020102020101");

    Bytes wrongVersion = good;
    wrongVersion[12] = 0x05;
    error = MustFail(wrongVersion);
    BOOST_TEST_MESSAGE("version 6: " << error);
    BOOST_TEST(Contains(error, "version"), error);

    Bytes negativeSerial = good;
    negativeSerial[15] = 0x81;
    error = MustFail(negativeSerial);
    BOOST_TEST_MESSAGE("negative serial: " << error);
    BOOST_TEST(Contains(error, "serialNumber"), error);

    // Indefinite length on the outer SEQUENCE (BER, not DER).
    Bytes indefinite = good;
    indefinite[1] = 0x80;
    error = MustFail(indefinite);
    BOOST_TEST_MESSAGE("indefinite length: " << error);
    BOOST_TEST(Contains(error, "indefinite"), error);

    // A non-minimal length: the version's 03 written as 81 03.
    Bytes longForm(good.begin(), good.begin() + 9);
    longForm.push_back(0x81);
    longForm.insert(longForm.end(), good.begin() + 9, good.end());
    for (size_t at : {size_t(2), size_t(6)}) // outer and tbs lengths, 16 bits each
    {
        uint16_t length = static_cast<uint16_t>((longForm[at] << 8 | longForm[at + 1]) + 1);
        longForm[at] = static_cast<uint8_t>(length >> 8);
        longForm[at + 1] = static_cast<uint8_t>(length);
    }
    error = MustFail(longForm);
    BOOST_TEST_MESSAGE("long form length: " << error);
    BOOST_TEST(Contains(error, "not DER"), error);

    // sha256WithRSAEncryption (1.2.840.113549.1.1.11) instead of SHA-1, in both places.
    Bytes sha256 = good;
    const Bytes sha1Oid = Hex("2a 86 48 86 f7 0d 01 01 05");
    for (size_t i = 0; i + sha1Oid.size() <= sha256.size(); ++i)
    {
        if (std::equal(sha1Oid.begin(), sha1Oid.end(), sha256.begin() + i))
        {
            sha256[i + sha1Oid.size() - 1] = 0x0b;
        }
    }
    error = MustFail(sha256);
    BOOST_TEST_MESSAGE("sha256WithRSA: " << error);
    BOOST_TEST(Contains(error, "1.2.840.113549.1.1.11"), error);

    // The common name as an IA5String.
    Bytes ia5 = good;
    ia5[Find(ia5, HOST1_NAME) - 2] = 0x16;
    error = MustFail(ia5);
    BOOST_TEST_MESSAGE("IA5String common name: " << error);
    BOOST_TEST(Contains(error, "subject"), error);

    // An unknown critical extension: keyUsage's OID 2.5.29.15 changed to 2.5.29.99.
    Bytes unknown = good;
    const Bytes keyUsageOid = Hex("06 03 55 1d 0f");
    auto at = std::search(unknown.begin(), unknown.end(), keyUsageOid.begin(), keyUsageOid.end());
    BOOST_REQUIRE(at != unknown.end());
    at[4] = 99;
    error = MustFail(unknown);
    BOOST_TEST_MESSAGE("unknown critical extension: " << error);
    BOOST_TEST(Contains(error, "2.5.29.99"), error);
}

BOOST_AUTO_TEST_CASE(random_mutations_never_crash)
{
    const Pki& pki = SharedPki();
    const Bytes good = pki.host1->GetCertificate()->GetDer();
    Ptr<IkeCertificate> sub = pki.sub->GetCertificate();
    Ptr<IkeCertificate> root = pki.root->GetCertificate();
    const Bytes hash = Sha1("HASH_R");
    const Bytes signature = pki.host1->SignHash(hash);

    std::mt19937 gen(20240601);
    auto pick = [&gen](size_t n) { return std::uniform_int_distribution<size_t>(0, n - 1)(gen); };
    int accepted = 0;
    int rejected = 0;
    int verified = 0;
    // Independent expectations: an input whose outer SEQUENCE does not span it exactly must be
    // rejected; the certificate unchanged must be accepted; what is accepted keeps its bytes.
    auto spansExactly = [](const Bytes& der) {
        if (der.size() < 2 || der[0] != 0x30)
        {
            return false;
        }
        size_t header = 2;
        size_t length = der[1];
        if (der[1] == 0x81 && der.size() >= 3)
        {
            header = 3;
            length = der[2];
        }
        else if (der[1] == 0x82 && der.size() >= 4)
        {
            header = 4;
            length = (size_t{der[2]} << 8) | der[3];
        }
        else if (der[1] >= 0x80)
        {
            return false; // other long forms: none a certificate of this size uses in DER
        }
        return header + length == der.size();
    };
    int misframed = 0;
    int misframedAccepted = 0;
    int unchanged = 0;
    int unchangedRejected = 0;
    int changedBytes = 0;
    for (int round = 0; round < 600; ++round)
    {
        Bytes mutated = good;
        int edits = 1 + static_cast<int>(pick(3));
        for (int e = 0; e < edits && !mutated.empty(); ++e)
        {
            size_t pos = pick(mutated.size());
            switch (pick(6))
            {
            case 0: // flip one bit
                mutated[pos] ^= static_cast<uint8_t>(1u << pick(8));
                break;
            case 1: // random byte
                mutated[pos] = static_cast<uint8_t>(pick(256));
                break;
            case 2: // length-like bytes
                mutated[pos] = std::vector<uint8_t>{0x00, 0x7f, 0x80, 0x81, 0x82, 0x84, 0xff}
                    [pick(7)];
                break;
            case 3: // insert
                mutated.insert(mutated.begin() + pos, static_cast<uint8_t>(pick(256)));
                break;
            case 4: // delete
                mutated.erase(mutated.begin() + pos);
                break;
            default: // truncate
                mutated.resize(pos);
                break;
            }
        }
        try
        {
            std::string error;
            bool badFrame = !spansExactly(mutated);
            misframed += badFrame ? 1 : 0;
            unchanged += mutated == good ? 1 : 0;
            Ptr<IkeCertificate> cert = IkeCertificate::Parse(mutated, error);
            if (cert)
            {
                ++accepted;
                misframedAccepted += badFrame ? 1 : 0;
                changedBytes += cert->GetDer() != mutated ? 1 : 0;
                BOOST_TEST(error.empty());
                // Whatever parsed must survive every use.
                bool self = cert->IsSelfSigned();
                bool bySub = cert->IsSignedBy(*sub);
                bool hashOk = cert->VerifyHash(hash, signature);
                std::string reason;
                bool chain = IkeVerifyChain(*cert, {sub}, {root}, reason);
                BOOST_TEST(!self);
                verified += (bySub ? 1 : 0) + (hashOk ? 1 : 0) + (chain ? 1 : 0);
                BOOST_TEST((chain || !reason.empty()));
            }
            else
            {
                ++rejected;
                unchangedRejected += mutated == good ? 1 : 0;
                BOOST_TEST(!error.empty());
            }
        }
        catch (const std::exception& e)
        {
            BOOST_ERROR("exception escaped on round " << round << ": " << e.what());
        }
    }
    BOOST_TEST_MESSAGE("random mutations: " << accepted << " accepted (" << verified
                                            << " checks still passed), " << rejected
                                            << " rejected");
    BOOST_TEST(rejected > 300);
    BOOST_TEST(misframed > 0);
    BOOST_TEST(misframedAccepted == 0);
    BOOST_TEST(rejected >= misframed);
    BOOST_TEST(unchangedRejected == 0);
    BOOST_TEST(changedBytes == 0);
}

// ---------------------------------------------------------------------------------------------
// An independent X.509 implementation

BOOST_AUTO_TEST_CASE(openssl_reads_and_verifies_the_certificates,
                     *boost::unit_test::precondition(ns3::test::ToolsOnPath{{"openssl"}}))
{
    const Pki& pki = SharedPki();
    TempDir dir;
    std::string out = dir.File("out.txt");
    std::string output;

    struct
    {
        std::string file;
        Ptr<IkeCertificate> cert;
        std::vector<std::string> expected;
    } const cases[] = {
        {"root",
         pki.root->GetCertificate(),
         {"Subject: CN = " + ROOT_NAME, "Issuer: CN = " + ROOT_NAME, "CA:TRUE",
          "Certificate Sign, CRL Sign"}},
        {"sub",
         pki.sub->GetCertificate(),
         {"Subject: CN = " + SUB_NAME, "Issuer: CN = " + ROOT_NAME, "CA:TRUE"}},
        {"host1",
         pki.host1->GetCertificate(),
         {"Subject: CN = " + HOST1_NAME, "Issuer: CN = " + SUB_NAME, "Digital Signature"}},
        {"other", pki.otherRoot->GetCertificate(), {"Subject: CN = " + OTHER_ROOT_NAME}},
    };
    for (const auto& c : cases)
    {
        std::string der = dir.File(c.file + ".der");
        WriteFile(der, c.cert->GetDer());
        int status = Run("openssl x509 -inform DER -in '" + der + "' -noout -text", out, output);
        BOOST_TEST_CONTEXT(c.file << ":\n" << output)
        {
            BOOST_TEST(status == 0);
            for (const std::string& e : {std::string("Version: 3 (0x2)"),
                                         std::string("Signature Algorithm: sha1WithRSAEncryption"),
                                         std::string("Public-Key: (1024 bit)"),
                                         std::string("Exponent: 65537"),
                                         std::string("Not Before: Jan  1 00:00:00 2006 GMT"),
                                         std::string("Not After : Jan  1 00:00:00 2036 GMT")})
            {
                BOOST_TEST(Contains(output, e), "missing " << e);
            }
            for (const std::string& e : c.expected)
            {
                BOOST_TEST(Contains(output, e), "missing " << e);
            }
        }
        // PEM copies for openssl verify.
        status = Run("openssl x509 -inform DER -in '" + der + "' -out '" +
                         dir.File(c.file + ".pem") + "'",
                     out,
                     output);
        BOOST_TEST(status == 0, output);
    }

    // openssl checks the signatures and the CA flags of the chain. SHA-1 signatures need
    // security level 0 in OpenSSL 3.
    auto verify = [&](const std::string& trusted) {
        return Run("openssl verify -auth_level 0 -x509_strict -CAfile '" +
                       dir.File(trusted + ".pem") + "' -untrusted '" + dir.File("sub.pem") +
                       "' '" + dir.File("host1.pem") + "'",
                   out,
                   output);
    };
    BOOST_TEST(verify("root") == 0, output);
    BOOST_TEST(Contains(output, "OK"), output);
    BOOST_TEST(verify("other") != 0, output);
    BOOST_TEST_MESSAGE("openssl verify with another root: " << output);
}

BOOST_AUTO_TEST_CASE(tshark_dissects_certificates_in_isakmp_payloads,
                     *boost::unit_test::precondition(ns3::test::ToolsOnPath{{"tshark",
                                                                            "text2pcap"}}))
{
    const Pki& pki = SharedPki();
    // What main mode message 5 carries with signatures, left unencrypted so tshark sees it:
    // ID_DER_ASN1_DN, the computer and issuing CA certificates, a CERT_REQ naming the root,
    // and the signature of a hash.
    IsakmpHeader header;
    header.SetInitiatorCookie(0x1122334455667788ULL);
    header.SetResponderCookie(0x99aabbccddeeff00ULL);
    header.SetExchangeType(IsakmpExchangeType::IDENTITY_PROTECTION);
    IsakmpMessage message(header);
    IsakmpIdPayload id;
    id.idType = IsakmpIdType::DER_ASN1_DN;
    id.data = pki.host1->GetCertificate()->GetSubjectName();
    message.AddPayload(id);
    for (const Ptr<IkeCertificate>& cert :
         {pki.host1->GetCertificate(), pki.sub->GetCertificate()})
    {
        IsakmpCertPayload payload;
        payload.encoding = IsakmpCertEncoding::X509_SIGNATURE;
        payload.data = cert->GetDer();
        message.AddPayload(payload);
    }
    IsakmpCertRequestPayload request;
    request.authority = pki.root->GetCertificate()->GetSubjectName();
    message.AddPayload(request);
    IsakmpSignaturePayload signature;
    signature.data = pki.host1->SignHash(Sha1("HASH_I"));
    message.AddPayload(signature);
    Bytes bytes;
    IsakmpStatus status = message.Serialize(bytes);
    BOOST_REQUIRE_MESSAGE(status.IsOk(), status);

    // text2pcap wraps the hex dump in Ethernet, IPv4 and UDP 500 -> 500.
    TempDir dir;
    std::string hex = dir.File("message.txt");
    {
        std::ofstream out(hex);
        for (size_t i = 0; i < bytes.size(); i += 16)
        {
            Bytes offset = {static_cast<uint8_t>(i >> 16),
                            static_cast<uint8_t>(i >> 8),
                            static_cast<uint8_t>(i)};
            out << ToHex(offset) << ' ';
            for (size_t j = i; j < std::min(i + 16, bytes.size()); ++j)
            {
                out << ToHex(&bytes[j], 1) << ' ';
            }
            out << '\n';
        }
    }
    std::string pcap = dir.File("message.pcap");
    std::string output;
    int result =
        Run("text2pcap -q -u 500,500 '" + hex + "' '" + pcap + "'", dir.File("t2p"), output);
    BOOST_REQUIRE_MESSAGE(result == 0, output);
    result = Run("tshark -n -r '" + pcap + "' -V", dir.File("tshark"), output);
    BOOST_TEST_CONTEXT(output)
    {
        BOOST_TEST(result == 0);
        for (const std::string& e :
             {std::string("ID type: DER_ASN1_DN (9)"),
              std::string("Certificate Encoding: X.509 Certificate - Signature (4)"),
              std::string("Certificate Data (id-at-commonName=" + HOST1_NAME + ")"),
              std::string("Certificate Data (id-at-commonName=" + SUB_NAME + ")"),
              std::string("signedCertificate"),
              std::string("Algorithm Id: 1.2.840.113549.1.1.5 (sha1WithRSAEncryption)"),
              std::string("publicExponent: 65537"),
              std::string("cA: True"),
              std::string("digitalSignature: True"),
              std::string("Payload: Certificate Request (7)"),
              std::string("Payload: Signature (9)")})
        {
            BOOST_TEST(Contains(output, e), "missing " << e);
        }
        BOOST_TEST(!Contains(output, "Malformed"));
        BOOST_TEST(!Contains(output, "Expert Info"));
    }
}

BOOST_AUTO_TEST_SUITE_END()
