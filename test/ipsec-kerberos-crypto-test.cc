/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// The Kerberos encryption types against published vectors: n-fold and mit_des_string_to_key
// from RFC 3961 Appendix A, MD4 from RFC 1320 Appendix A.5, the RC4-HMAC key (the NT hash) of
// "password", and encryption known answers computed independently with the OpenSSL 3 command
// line (legacy provider: md4, rc4, des-cbc; commands in the comments).

#include "ns3/kerberos-crypto.h"
#include "ns3/kerberos-des-cbc-md5.h"
#include "ns3/kerberos-nfold.h"
#include "ns3/kerberos-rc4-hmac.h"

#include <boost/test/unit_test.hpp>

#include <cryptopp/osrng.h>

#include <string>
#include <vector>

using namespace ns3;

namespace
{

std::vector<uint8_t>
Hex(const std::string& hex)
{
    std::vector<uint8_t> out;
    for (size_t i = 0; i + 1 < hex.size(); i += 2)
    {
        out.push_back(static_cast<uint8_t>(std::stoi(hex.substr(i, 2), nullptr, 16)));
    }
    return out;
}

std::vector<uint8_t>
Bytes(const std::string& text)
{
    return std::vector<uint8_t>(text.begin(), text.end());
}

/** The plaintext of the encryption known answers. */
const std::string KNOWN_PLAINTEXT = "Kerberos RC4-HMAC known answer";
/** The confounder of the encryption known answers. */
const std::string KNOWN_CONFOUNDER = "0001020304050607";

} // namespace

BOOST_AUTO_TEST_SUITE(KerberosCryptoTests)

// RFC 3961 Appendix A.1.
BOOST_AUTO_TEST_CASE(NFoldMatchesRfc3961Vectors)
{
    struct Vector
    {
        size_t bits;
        std::string input;
        std::string output;
    };
    const std::vector<Vector> vectors = {
        {64, "012345", "be072631276b1955"},
        {56, "password", "78a07b6caf85fa"},
        {64, "Rough Consensus, and Running Code", "bb6ed30870b7f0e0"},
        {168, "password", "59e4a8ca7c0385c3c37b3f6d2000247cb6e6bd5b3e"},
        {192,
         "MASSACHVSETTS INSTITVTE OF TECHNOLOGY",
         "db3b0d8f0b061e603282b308a50841229ad798fab9540c1b"},
        {168, "Q", "518a54a215a8452a518a54a215a8452a518a54a215"},
        {168, "ba", "fb25d531ae8974499f52fd92ea9857c4ba24cf297e"},
        {64, "kerberos", "6b65726265726f73"},
        {128, "kerberos", "6b65726265726f737b9b5b2b93132b93"},
        {168, "kerberos", "8372c236344e5f1550cd0747e15d62ca7a5a3bcea4"},
        {256,
         "kerberos",
         "6b65726265726f737b9b5b2b93132b935c9bdcdad95c9899c4cae4dee6d6cae4"},
    };
    for (const Vector& v : vectors)
    {
        BOOST_TEST_CONTEXT(v.bits << "-fold(\"" << v.input << "\")")
        {
            BOOST_TEST(KerberosNFold(Bytes(v.input), v.bits / 8) == Hex(v.output));
        }
    }
    BOOST_TEST(KerberosNFold({}, 8).empty());
    BOOST_TEST(KerberosNFold(Bytes("x"), 0).empty());
}

// RFC 3961 Appendix A.2 (mit_des_string_to_key); the non-ASCII passwords and salts are UTF-8.
BOOST_AUTO_TEST_CASE(DesStringToKeyMatchesRfc3961Vectors)
{
    struct Vector
    {
        std::string salt;
        std::string password;
        std::string key;
    };
    const std::vector<Vector> vectors = {
        {"ATHENA.MIT.EDUraeburn", "password", "cbc22fae235298e3"},
        {"WHITEHOUSE.GOVdanny", "potatoe", "df3d32a74fd92a01"},
        {"EXAMPLE.COMpianist", "\xf0\x9d\x84\x9e", "4ffb26bab0cd9413"},
        {"ATHENA.MIT.EDUJuri\xc5\xa1i\xc4\x87", "\xc3\x9f", "62c81a5232b5e69d"},
        {"AAAAAAAA", "11119999", "984054d0f1a73e31"},
        {"FFFFAAAA", "NNNN6666", "c4bf6b25adf7a4f8"},
    };
    for (const Vector& v : vectors)
    {
        BOOST_TEST_CONTEXT("salt " << v.salt)
        {
            BOOST_TEST(KerberosDesCbcMd5::StringToKey(v.password, v.salt) == Hex(v.key));
            BOOST_TEST(KerberosCrypto::StringToKey(KerberosEtype::DES_CBC_MD5,
                                                   v.password,
                                                   v.salt) == Hex(v.key));
        }
    }
}

BOOST_AUTO_TEST_CASE(DesWeakKeysAndParity)
{
    BOOST_TEST(KerberosDesCbcMd5::IsWeak(Hex("0101010101010101")));
    BOOST_TEST(KerberosDesCbcMd5::IsWeak(Hex("fee0fee0fef1fef1")));
    BOOST_TEST(!KerberosDesCbcMd5::IsWeak(Hex("cbc22fae235298e3")));
    BOOST_TEST(KerberosDesCbcMd5::FixParity(Hex("0000000000000000")) == Hex("0101010101010101"));
    BOOST_TEST(KerberosDesCbcMd5::FixParity(Hex("cbc22fae235298e3")) == Hex("cbc22fae235298e3"));
}

// RC4-HMAC keys are MD4 (RFC 1320) of the UTF-16LE password. RFC 1320 A.5 vectors go through
// a password whose UTF-16LE bytes are not the vector's input, so MD4 itself is checked via the
// NT hash: MD4(UTF-16LE("password")) = 8846f7ea..., the value
// `printf password | iconv -t UTF-16LE | openssl dgst -md4 -provider legacy` prints, and the
// one Windows stores for that password.
BOOST_AUTO_TEST_CASE(Rc4HmacKeyIsTheNtHash)
{
    BOOST_TEST(KerberosRc4Hmac::StringToKey("password") == Hex("8846f7eaee8fb117ad06bdd830b7586c"));
    // The empty password: MD4 of nothing, RFC 1320 A.5.
    BOOST_TEST(KerberosRc4Hmac::StringToKey("") == Hex("31d6cfe0d16ae931b73c59d7e0c089c0"));
    // Non-ASCII: U+00DF and U+1D11E (a surrogate pair in UTF-16) must give the bytes
    // df 00 34 d8 1e dd: printf '\xdf\x00\x34\xd8\x1e\xdd' | openssl dgst -md4.
    BOOST_TEST(KerberosRc4Hmac::StringToKey("\xc3\x9f\xf0\x9d\x84\x9e") ==
               Hex("a26fc7c0b18aa492506f3bfa868904da"));
    BOOST_TEST(KerberosCrypto::StringToKey(KerberosEtype::RC4_HMAC, "password", "ignored") ==
               Hex("8846f7eaee8fb117ad06bdd830b7586c"));
}

BOOST_AUTO_TEST_CASE(Rc4HmacUsageTranslation)
{
    BOOST_TEST(KerberosRc4Hmac::TranslateUsage(3) == 8u);
    BOOST_TEST(KerberosRc4Hmac::TranslateUsage(9) == 8u);
    BOOST_TEST(KerberosRc4Hmac::TranslateUsage(23) == 13u);
    BOOST_TEST(KerberosRc4Hmac::TranslateUsage(7) == 7u);
    BOOST_TEST(KerberosRc4Hmac::TranslateUsage(11) == 11u);
}

// Known answer: key = NT hash of "password", usage 3 (translated to 8), confounder 00..07.
// Computed with OpenSSL (hm K D = HMAC-MD5 of hex D under hex K):
//   K1 = hm key 08000000; C = hm K1 (confounder|plaintext); K3 = hm K1 C;
//   out = C | `openssl enc -rc4 -K K3` of (confounder|plaintext).
BOOST_AUTO_TEST_CASE(Rc4HmacEncryptKnownAnswer)
{
    std::vector<uint8_t> key = KerberosRc4Hmac::StringToKey("password");
    std::vector<uint8_t> out =
        KerberosRc4Hmac::Encrypt(key, 3, Bytes(KNOWN_PLAINTEXT), Hex(KNOWN_CONFOUNDER));
    BOOST_TEST(out == Hex("e8347c4c067f764f42acd1103c6d1aefa9713767a4f574fb669830f595fdd293aa24"
                          "4f761b0bb35cf78ddd72fc0e10125f0782e4ca6b"));
    std::vector<uint8_t> back;
    BOOST_TEST(KerberosRc4Hmac::Decrypt(key, 3, out, back));
    BOOST_TEST(back == Bytes(KNOWN_PLAINTEXT));
    // Usage 9 translates to 8 too: the same bytes decrypt.
    BOOST_TEST(KerberosRc4Hmac::Decrypt(key, 9, out, back));
    // Another usage, another key, a flipped bit, a short input: refused, nothing returned.
    BOOST_TEST(!KerberosRc4Hmac::Decrypt(key, 7, out, back));
    BOOST_TEST(back.empty());
    BOOST_TEST(!KerberosRc4Hmac::Decrypt(KerberosRc4Hmac::StringToKey("Password"), 3, out, back));
    std::vector<uint8_t> tampered = out;
    tampered[30] ^= 0x01;
    BOOST_TEST(!KerberosRc4Hmac::Decrypt(key, 3, tampered, back));
    BOOST_TEST(!KerberosRc4Hmac::Decrypt(key, 3, std::vector<uint8_t>(23, 0), back));
}

// Checksum known answer (usage 17, KRB-SAFE, not translated): Ksign = hm key
// hex("signaturekey")00; out = hm Ksign `openssl dgst -md5` of (11000000|plaintext).
BOOST_AUTO_TEST_CASE(Rc4HmacChecksumKnownAnswer)
{
    std::vector<uint8_t> key = KerberosRc4Hmac::StringToKey("password");
    BOOST_TEST(KerberosRc4Hmac::Checksum(key, 17, Bytes(KNOWN_PLAINTEXT)) ==
               Hex("163e5a5798575ffeed22952449a4ddf7"));
}

// Known answer: key = the first RFC 3961 A.2 key, confounder 00..07. Computed with OpenSSL:
// D = confounder | 16 zero bytes | plaintext | zeros to a multiple of 8; M = `openssl dgst -md5`
// of D; out = `openssl enc -des-cbc -K key -iv 0 -nopad` of D with M in place of the zeros.
BOOST_AUTO_TEST_CASE(DesCbcMd5EncryptKnownAnswer)
{
    std::vector<uint8_t> key = Hex("cbc22fae235298e3");
    std::vector<uint8_t> out =
        KerberosDesCbcMd5::Encrypt(key, Bytes(KNOWN_PLAINTEXT), Hex(KNOWN_CONFOUNDER));
    BOOST_TEST(out == Hex("de494b0addb0a8e4673c3cd48aa978d3fabcf40daee0c99fe8a52bfe32f726b0da88"
                          "906555ddba4e3464a15d11f832d07907005e6737b16b"));
    std::vector<uint8_t> back;
    BOOST_TEST(KerberosDesCbcMd5::Decrypt(key, out, back));
    // 30 bytes of plaintext come back with the 2 zero bytes that padded them to 8.
    std::vector<uint8_t> padded = Bytes(KNOWN_PLAINTEXT);
    padded.resize(32, 0);
    BOOST_TEST(back == padded);
    std::vector<uint8_t> tampered = out;
    tampered[40] ^= 0x80;
    BOOST_TEST(!KerberosDesCbcMd5::Decrypt(key, tampered, back));
    BOOST_TEST(back.empty());
    BOOST_TEST(!KerberosDesCbcMd5::Decrypt(key, std::vector<uint8_t>(31, 0), back));
    BOOST_TEST(!KerberosDesCbcMd5::Decrypt(Hex("df3d32a74fd92a01"), out, back));
}

// Through the dispatcher, every length from 0 to 40 bytes, both types: what is encrypted
// decrypts (DES with its padding), under the right usage only for RC4-HMAC.
BOOST_AUTO_TEST_CASE(RoundTripsThroughTheDispatcher)
{
    CryptoPP::AutoSeededRandomPool rng;
    for (KerberosEtype etype : {KerberosEtype::RC4_HMAC, KerberosEtype::DES_CBC_MD5})
    {
        std::vector<uint8_t> key = KerberosCrypto::RandomKey(etype, rng);
        BOOST_TEST(key.size() == KerberosCrypto::KeyLength(etype));
        for (size_t n = 0; n <= 40; ++n)
        {
            std::vector<uint8_t> plaintext(n, static_cast<uint8_t>(n));
            std::vector<uint8_t> cipher = KerberosCrypto::Encrypt(
                etype, key, KerberosKeyUsage::AP_REQ_AUTHENTICATOR, plaintext, rng);
            std::vector<uint8_t> back;
            BOOST_TEST(KerberosCrypto::Decrypt(
                etype, key, KerberosKeyUsage::AP_REQ_AUTHENTICATOR, cipher, back));
            back.resize(n);
            BOOST_TEST(back == plaintext);
            if (etype == KerberosEtype::RC4_HMAC)
            {
                BOOST_TEST(cipher.size() == n + 24);
                BOOST_TEST(!KerberosCrypto::Decrypt(
                    etype, key, KerberosKeyUsage::AP_REP_ENC_PART, cipher, back));
            }
            else
            {
                BOOST_TEST(cipher.size() == (n + 24 + 7) / 8 * 8);
            }
        }
        std::vector<uint8_t> wrongLength(key.size() + 1, 0);
        std::vector<uint8_t> back;
        BOOST_TEST(!KerberosCrypto::Decrypt(etype,
                                            wrongLength,
                                            KerberosKeyUsage::TICKET,
                                            std::vector<uint8_t>(32, 0),
                                            back));
    }
    BOOST_TEST(KerberosCrypto::IsSupported(23));
    BOOST_TEST(KerberosCrypto::IsSupported(3));
    BOOST_TEST(!KerberosCrypto::IsSupported(18));
}

BOOST_AUTO_TEST_SUITE_END()
