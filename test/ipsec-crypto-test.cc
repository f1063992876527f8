/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// Known-answer tests of the IPsec algorithm layer: every cipher and HMAC against published
// vectors (sources cited at each vector), plus the algorithm tables, name parsing and key
// checks.

#include "ipsec-test-bytes.h"

#include "ns3/ipsec-algorithms.h"
#include "ns3/ipsec-config-error.h"

#include <boost/test/unit_test.hpp>

#include <cstdint>
#include <sstream>
#include <string>
#include <vector>

using namespace ns3;
using namespace ns3::test;

namespace
{

/** Bytes of an ASCII string, without a terminating NUL (as the RFCs use them). */
Bytes
Ascii(const std::string& text)
{
    return Bytes(text.begin(), text.end());
}


/** Hex without spaces, to compare with ToHex. */
std::string
Compact(const std::string& hex)
{
    return ToHex(Hex(hex));
}

bool
IsField(const IpsecConfigError& e, const std::string& field)
{
    return e.GetField() == field;
}

/** A CBC or NULL known-answer vector. */
struct CbcVector
{
    const char* name;
    Bytes key;
    Bytes iv;
    Bytes plaintext;
    std::string ciphertext; //!< hex
};

/** Encrypt and decrypt in place with a cipher keyed once, checking both directions. */
void
CheckCbc(IpsecEncryption algorithm, const CbcVector& v)
{
    BOOST_TEST_CONTEXT(v.name)
    {
        auto cipher = IpsecCipher::Create(algorithm, v.key);
        BOOST_TEST(cipher->GetAlgorithm() == algorithm);
        Bytes data = v.plaintext;
        cipher->Encrypt(v.iv.data(), data.data(), data.size());
        BOOST_TEST(ToHex(data) == Compact(v.ciphertext));
        cipher->Decrypt(v.iv.data(), data.data(), data.size());
        BOOST_TEST(ToHex(data) == ToHex(v.plaintext));
        // The chaining state of one call must not leak into the next (one call per packet).
        cipher->Encrypt(v.iv.data(), data.data(), data.size());
        BOOST_TEST(ToHex(data) == Compact(v.ciphertext));
    }
}

/** An AES-GCM vector in RFC 4106 form: key || salt, 8-byte IV. */
struct GcmVector
{
    const char* name;
    IpsecEncryption algorithm;
    Bytes keyAndSalt;
    Bytes iv;
    Bytes aad;
    Bytes plaintext;
    std::string ciphertext; //!< hex
    std::string tag;        //!< hex
};

void
CheckGcm(const GcmVector& v)
{
    BOOST_TEST_CONTEXT(v.name)
    {
        auto cipher = IpsecCipher::Create(v.algorithm, v.keyAndSalt);
        Bytes data = v.plaintext;
        Bytes tag(16);
        cipher->Seal(v.iv.data(), v.aad.data(), v.aad.size(), data.data(), data.size(), tag.data());
        BOOST_TEST(ToHex(data) == Compact(v.ciphertext));
        BOOST_TEST(ToHex(tag) == Compact(v.tag));
        BOOST_TEST(cipher->Open(v.iv.data(),
                                v.aad.data(),
                                v.aad.size(),
                                data.data(),
                                data.size(),
                                tag.data()));
        BOOST_TEST(ToHex(data) == ToHex(v.plaintext));
    }
}

/** A whole ESP packet from draft-mcgrew-gcm-test-01 section 4 (32-bit sequence numbers). */
struct EspGcmPacket
{
    const char* name;
    IpsecEncryption algorithm;
    Bytes keyAndSalt;
    Bytes spiAndSeq;
    Bytes iv;
    Bytes plaintext; //!< payload, padding, pad length and next header
    std::string packet; //!< hex: SPI | sequence number | IV | ciphertext | ICV
};

void
CheckEspPacket(const EspGcmPacket& v)
{
    BOOST_TEST_CONTEXT(v.name)
    {
        auto cipher = IpsecCipher::Create(v.algorithm, v.keyAndSalt);
        // Build the packet the way ESP lays it out, sealing in place.
        Bytes packet = v.spiAndSeq;
        packet.insert(packet.end(), v.iv.begin(), v.iv.end());
        size_t payload = packet.size();
        packet.insert(packet.end(), v.plaintext.begin(), v.plaintext.end());
        packet.resize(packet.size() + 16);
        uint8_t* b = packet.data();
        size_t length = v.plaintext.size();
        cipher->Seal(b + 8, b, 8, b + payload, length, b + payload + length);
        BOOST_TEST(ToHex(packet) == Compact(v.packet));

        // And take the published packet apart the way the receiver does.
        Bytes received = Hex(v.packet);
        uint8_t* r = received.data();
        size_t sealed = received.size() - 16 - 16;
        BOOST_TEST(cipher->Open(r + 8, r, 8, r + 16, sealed, r + 16 + sealed));
        BOOST_TEST(ToHex(r + 16, sealed) == ToHex(v.plaintext));
    }
}

/** The ICV of \p data under a fresh authenticator, as hex. */
std::string
Icv(IpsecAuthenticator& auth, const Bytes& data)
{
    Bytes icv(auth.GetIcvLength());
    auth.Update(data.data(), data.size());
    auth.Final(icv.data());
    return ToHex(icv);
}

/** An HMAC vector; the published MAC is given in full, the IPsec ICV is its first bytes. */
struct HmacVector
{
    const char* name;
    Bytes key;
    Bytes data;
    std::string mac; //!< hex, untruncated as published
};

void
CheckHmac(IpsecIntegrity algorithm, const HmacVector& v)
{
    BOOST_TEST_CONTEXT(v.name)
    {
        const IpsecIntegrityInfo& info = IpsecGetIntegrityInfo(algorithm);
        // Keys of the IPsec length go through the checked factory, others through the open one.
        auto auth = v.key.size() == info.keyLength
                        ? IpsecAuthenticator::Create(algorithm, v.key)
                        : IpsecAuthenticator::CreateWithAnyKeyLength(algorithm, v.key);
        BOOST_REQUIRE(auth);
        BOOST_TEST(auth->GetIcvLength() == info.icvLength);
        std::string truncated = Compact(v.mac).substr(0, 2 * info.icvLength);
        BOOST_TEST(Icv(*auth, v.data) == truncated);
        // Final starts the next message with the same key.
        BOOST_TEST(Icv(*auth, v.data) == truncated);
        Bytes icv = Hex(truncated);
        BOOST_TEST(auth->Verify(v.data.data(), v.data.size(), icv.data()));
    }
}

} // namespace

BOOST_AUTO_TEST_SUITE(ipsec_crypto)

// RFC 3602 section 4, cases #1 to #4 (AES-128-CBC).
BOOST_AUTO_TEST_CASE(aes_cbc_128_rfc3602)
{
    const CbcVector vectors[] = {
        {"RFC 3602 case #1",
         Hex("06a9214036b8a15b512e03d534120006"),
         Hex("3dafba429d9eb430b422da802c9fac41"),
         Ascii("Single block msg"),
         "e353779c1079aeb82708942dbe77181a"},
        {"RFC 3602 case #2",
         Hex("c286696d887c9aa0611bbb3e2025a45a"),
         Hex("562e17996d093d28ddb3ba695a2e6f58"),
         Hex("000102030405060708090a0b0c0d0e0f 101112131415161718191a1b1c1d1e1f"),
         "d296cd94c2cccf8a3a863028b5e1dc0a 7586602d253cfff91b8266bea6d61ab1"},
        {"RFC 3602 case #3",
         Hex("6c3ea0477630ce21a2ce334aa746c2cd"),
         Hex("c782dc4c098c66cbd9cd27d825682c81"),
         Ascii("This is a 48-byte message (exactly 3 AES blocks)"),
         "d0a02b3836451753d493665d33f0e886 2dea54cdb293abc7506939276772f8d5"
         "021c19216bad525c8579695d83ba2684"},
        {"RFC 3602 case #4",
         Hex("56e47a38c5598974bc46903dba290349"),
         Hex("8ce82eefbea0da3c44699ed7db51b7d9"),
         Hex("a0a1a2a3a4a5a6a7a8a9aaabacadaeaf b0b1b2b3b4b5b6b7b8b9babbbcbdbebf"
             "c0c1c2c3c4c5c6c7c8c9cacbcccdcecf d0d1d2d3d4d5d6d7d8d9dadbdcdddedf"),
         "c30e32ffedc0774e6aff6af0869f71aa 0f3af07a9a31a9c684db207eb0ef8e4e"
         "35907aa632c3ffdf868bb7b29d3d46ad 83ce9f9a102ee99d49a53e87f4c3da55"},
    };
    for (const auto& v : vectors)
    {
        CheckCbc(IpsecEncryption::AES_CBC_128, v);
    }
}

// NIST SP 800-38A appendix F.2.5 (CBC-AES256.Encrypt) and F.2.6 (the same, decrypting).
BOOST_AUTO_TEST_CASE(aes_cbc_256_sp800_38a)
{
    CheckCbc(IpsecEncryption::AES_CBC_256,
             {"SP 800-38A F.2.5",
              Hex("603deb1015ca71be2b73aef0857d7781 1f352c073b6108d72d9810a30914dff4"),
              Hex("000102030405060708090a0b0c0d0e0f"),
              Hex("6bc1bee22e409f96e93d7e117393172a ae2d8a571e03ac9c9eb76fac45af8e51"
                  "30c81c46a35ce411e5fbc1191a0a52ef f69f2445df4f9b17ad2b417be66c3710"),
              "f58c4c04d6e5f1ba779eabfb5f7bfbd6 9cfc4e967edb808d679f777bc6702c7d"
              "39f23369a9d9bacfa530e26304231461 b2eb05e2c39be9fcda6c19078c6a9d1b"});
}

// FIPS 81 appendix C, table C1 (CBC): "Now is the time for all " under key 0123456789abcdef.
BOOST_AUTO_TEST_CASE(des_cbc_fips81)
{
    CheckCbc(IpsecEncryption::DES_CBC,
             {"FIPS 81 CBC example",
              Hex("0123456789abcdef"),
              Hex("1234567890abcdef"),
              Ascii("Now is the time for all "),
              "e5c7cdde872bf27c 43e934008c389c0f 683788499a7c05f6"});
}

// NIST CSRC "Examples with intermediate values", TDES_CBC.pdf (TDEA of SP 800-67 in the CBC
// mode of SP 800-38A, three distinct keys, the SP 800-38A plaintext).
BOOST_AUTO_TEST_CASE(triple_des_cbc_nist_example)
{
    CheckCbc(IpsecEncryption::TRIPLE_DES_CBC,
             {"NIST TDES_CBC example",
              Hex("0123456789abcdef 23456789abcdef01 456789abcdef0123"),
              Hex("f69f2445df4f9b17"),
              Hex("6bc1bee22e409f96 e93d7e117393172a ae2d8a571e03ac9c 9eb76fac45af8e51"),
              "2079c3d53aa763e1 93b79e2569ab5262 516570481f25b50f 73c0bda85c8e0da7"});
}

BOOST_AUTO_TEST_CASE(null_cipher_leaves_data_alone)
{
    auto cipher = IpsecCipher::Create(IpsecEncryption::NULL_ENC, {});
    BOOST_REQUIRE(cipher);
    BOOST_TEST(cipher->GetAlgorithm() == IpsecEncryption::NULL_ENC);
    Bytes data = Ascii("any length at all");
    cipher->Encrypt(nullptr, data.data(), data.size());
    BOOST_TEST(ToHex(data) == ToHex(Ascii("any length at all")));
    cipher->Decrypt(nullptr, data.data(), data.size());
    BOOST_TEST(ToHex(data) == ToHex(Ascii("any length at all")));
}

// The GCM specification (McGrew and Viega, revised, also NIST SP 800-38D), test cases 4
// (AES-128) and 16 (AES-256): their 12-byte IV cafebabe facedbaddecaf888 is RFC 4106's salt
// (the first 4 bytes, carried at the end of the keying material) and 8-byte IV.
BOOST_AUTO_TEST_CASE(aes_gcm_spec_test_cases)
{
    const Bytes plaintext = Hex("d9313225f88406e5a55909c5aff5269a 86a7a9531534f7da2e4c303d8a318a72"
                                "1c3c0c95956809532fcf0e2449a6b525 b16aedf5aa0de657ba637b39");
    const Bytes aad = Hex("feedfacedeadbeeffeedfacedeadbeef abaddad2");
    const GcmVector vectors[] = {
        {"GCM test case 4",
         IpsecEncryption::AES_GCM_128,
         Hex("feffe9928665731c6d6a8f9467308308 cafebabe"),
         Hex("facedbaddecaf888"),
         aad,
         plaintext,
         "42831ec2217774244b7221b784d0d49c e3aa212f2c02a4e035c17e2329aca12e"
         "21d514b25466931c7d8f6a5aac84aa05 1ba30b396a0aac973d58e091",
         "5bc94fbc3221a5db94fae95ae7121a47"},
        {"GCM test case 16",
         IpsecEncryption::AES_GCM_256,
         Hex("feffe9928665731c6d6a8f9467308308 feffe9928665731c6d6a8f9467308308 cafebabe"),
         Hex("facedbaddecaf888"),
         aad,
         plaintext,
         "522dc1f099567d07f47f37a32a84427d 643a8cdcbfe5c0c97598a2bd2555d1aa"
         "8cb08e48590dbb3da7b08b1056828838 c5f61e6393ba7a0abcc9f662",
         "76fc6ece0f4e1768cddf8853bb2d551b"},
    };
    for (const auto& v : vectors)
    {
        CheckGcm(v);
    }
}

// draft-mcgrew-gcm-test-01 section 4: the AES-GCM ESP packets with 32-bit sequence numbers
// (AAD = SPI | sequence number), built and opened byte for byte.
BOOST_AUTO_TEST_CASE(aes_gcm_esp_packets_draft_mcgrew_gcm_test)
{
    const EspGcmPacket packets[] = {
        {"AES-128, SPI 0000a5f8, seq 0000000a",
         IpsecEncryption::AES_GCM_128,
         Hex("feffe9928665731c6d6a8f9467308308 cafebabe"),
         Hex("0000a5f8 0000000a"),
         Hex("facedbaddecaf888"),
         Hex("4500003e698f000080114dccc0a80102 c0a801010a980035002a2343b2d00100"
             "00010000000000000373697009637962 65726369747902646b00000100010001"),
         "0000a5f80000000afacedbaddecaf888 deb22cd9b07c72c16e3a65beeb8df304"
         "a5a5897d33ae530f1ba76d5d114d2a5c 3de81827c10e9a4f51330d0eec416642"
         "cfbb85a5b47e48a4ec3b9ba95d918bd1 83b70d3aa8bc6ee4c309e9d85a41ad4a"},
        {"AES-256, SPI 4a2cbfe3, seq 00000002",
         IpsecEncryption::AES_GCM_256,
         Hex("abbccddef00112233445566778899aab abbccddef00112233445566778899aab 11223344"),
         Hex("4a2cbfe3 00000002"),
         Hex("0102030405060708"),
         Hex("4500003069a6400080062690c0a80102 9389155e0a9e008b2dc57ee000000000"
             "7002400020bf0000020405b401010402 01020201"),
         "4a2cbfe3000000020102030405060708 ff425c9b724599df7a3bcd510194e00d"
         "6a78107f1b0b1cbf06efae9d65a5d763 748a637985771d347f0545659f14e99d"
         "ef842d8eb335f4eecfdbf831824b4c49 15956c96"},
        {"AES-128, SPI 335467ae, seq ffffffff (4-byte payload)",
         IpsecEncryption::AES_GCM_128,
         Hex("7d773d00c144c525ac619d18c84a3f47 d9664267"),
         Hex("335467ae ffffffff"),
         Hex("43457e9182443bc6"),
         Hex("01020201"),
         "335467aeffffffff43457e9182443bc6 437f866bcb3f699fe9b0822bac961c45 04bef270"},
    };
    for (const auto& p : packets)
    {
        CheckEspPacket(p);
    }
}

BOOST_AUTO_TEST_CASE(aes_gcm_rejects_tampering)
{
    // GCM test case 4 again (see above), then one bit flipped in each authenticated part.
    const Bytes key = Hex("feffe9928665731c6d6a8f9467308308 cafebabe");
    const Bytes iv = Hex("facedbaddecaf888");
    Bytes aad = Hex("feedfacedeadbeeffeedfacedeadbeef abaddad2");
    const Bytes sealed = Hex("42831ec2217774244b7221b784d0d49c e3aa212f2c02a4e035c17e2329aca12e"
                             "21d514b25466931c7d8f6a5aac84aa05 1ba30b396a0aac973d58e091");
    Bytes tag = Hex("5bc94fbc3221a5db94fae95ae7121a47");
    auto cipher = IpsecCipher::Create(IpsecEncryption::AES_GCM_128, key);
    auto open = [&](Bytes data) {
        return cipher->Open(iv.data(),
                            aad.data(),
                            aad.size(),
                            data.data(),
                            data.size(),
                            tag.data());
    };
    BOOST_TEST(open(sealed));

    tag[15] ^= 0x01;
    BOOST_TEST(!open(sealed));
    tag[15] ^= 0x01;

    Bytes data = sealed;
    data[7] ^= 0x80;
    BOOST_TEST(!open(data));

    aad[0] ^= 0x01;
    BOOST_TEST(!open(sealed));
    aad[0] ^= 0x01;

    Bytes otherIv = iv;
    otherIv[7] ^= 0x01;
    data = sealed;
    BOOST_TEST(!cipher->Open(otherIv.data(),
                             aad.data(),
                             aad.size(),
                             data.data(),
                             data.size(),
                             tag.data()));

    // A failed check leaves the keyed cipher usable for the next packet.
    BOOST_TEST(open(sealed));
}

// RFC 2202 section 2 (HMAC-MD5), test cases 1 to 3; HMAC-MD5-96 is the first 12 bytes.
BOOST_AUTO_TEST_CASE(hmac_md5_96_rfc2202)
{
    const HmacVector vectors[] = {
        {"RFC 2202 HMAC-MD5 case 1",
         Bytes(16, 0x0b),
         Ascii("Hi There"),
         "9294727a3638bb1c13f48ef8158bfc9d"},
        {"RFC 2202 HMAC-MD5 case 2",
         Ascii("Jefe"),
         Ascii("what do ya want for nothing?"),
         "750c783e6ab0b503eaa86e310a5db738"},
        {"RFC 2202 HMAC-MD5 case 3",
         Bytes(16, 0xaa),
         Bytes(50, 0xdd),
         "56be34521d144c88dbb8c733f0e8b3f6"},
    };
    for (const auto& v : vectors)
    {
        CheckHmac(IpsecIntegrity::HMAC_MD5_96, v);
    }
}

// RFC 2202 section 3 (HMAC-SHA-1), test cases 1 to 3; HMAC-SHA-1-96 is the first 12 bytes.
BOOST_AUTO_TEST_CASE(hmac_sha1_96_rfc2202)
{
    const HmacVector vectors[] = {
        {"RFC 2202 HMAC-SHA-1 case 1",
         Bytes(20, 0x0b),
         Ascii("Hi There"),
         "b617318655057264e28bc0b6fb378c8ef146be00"},
        {"RFC 2202 HMAC-SHA-1 case 2",
         Ascii("Jefe"),
         Ascii("what do ya want for nothing?"),
         "effcdf6ae5eb2fa2d27416d5f184df9c259a7c79"},
        {"RFC 2202 HMAC-SHA-1 case 3",
         Bytes(20, 0xaa),
         Bytes(50, 0xdd),
         "125d7342b9ac11cd91a39af48aa17b4f63f175d3"},
    };
    for (const auto& v : vectors)
    {
        CheckHmac(IpsecIntegrity::HMAC_SHA1_96, v);
    }
}

// RFC 4231 section 4 (HMAC-SHA-256), test cases 1, 2 and 4, whose keys are not 32 bytes, and
// RFC 4868 section 2.7.2.1, test cases AUTH256-1 and AUTH256-2, with the 32-byte keys IPsec
// uses. HMAC-SHA-256-128 is the first 16 bytes.
BOOST_AUTO_TEST_CASE(hmac_sha256_128_rfc4231_rfc4868)
{
    const HmacVector vectors[] = {
        {"RFC 4231 case 1",
         Bytes(20, 0x0b),
         Ascii("Hi There"),
         "b0344c61d8db38535ca8afceaf0bf12b 881dc200c9833da726e9376c2e32cff7"},
        {"RFC 4231 case 2",
         Ascii("Jefe"),
         Ascii("what do ya want for nothing?"),
         "5bdcc146bf60754e6a042426089575c7 5a003f089d2739839dec58b964ec3843"},
        {"RFC 4231 case 4",
         Hex("0102030405060708090a0b0c0d0e0f10 111213141516171819"),
         Bytes(50, 0xcd),
         "82558a389a443c0ea4cc819899f2083a 85f0faa3e578f8077a2e3ff46729665b"},
        {"RFC 4868 AUTH256-1",
         Bytes(32, 0x0b),
         Ascii("Hi There"),
         "198a607eb44bfbc69903a0f1cf2bbdc5 ba0aa3f3d9ae3c1c7a3b1696a0b68cf7"},
        {"RFC 4868 AUTH256-2",
         Ascii("JefeJefeJefeJefeJefeJefeJefeJefe"),
         Ascii("what do ya want for nothing?"),
         "167f928588c5cc2eef8e3093caa0e87c 9ff566a14794aa61648d81621a2a40c6"},
    };
    for (const auto& v : vectors)
    {
        CheckHmac(IpsecIntegrity::HMAC_SHA256_128, v);
    }
}

BOOST_AUTO_TEST_CASE(hmac_incremental_equals_one_shot)
{
    // AH feeds the ICV in pieces: the IPv4 header, the AH header, the payload.
    const Bytes message = Ascii("what do ya want for nothing? and a little more, past one block "
                                "of sixty-four bytes so the pieces straddle a block boundary");
    for (auto algorithm : {IpsecIntegrity::HMAC_MD5_96,
                           IpsecIntegrity::HMAC_SHA1_96,
                           IpsecIntegrity::HMAC_SHA256_128})
    {
        BOOST_TEST_CONTEXT(algorithm)
        {
            Bytes key(IpsecGetIntegrityInfo(algorithm).keyLength);
            for (size_t i = 0; i < key.size(); ++i)
            {
                key[i] = static_cast<uint8_t>(i * 7 + 1);
            }
            auto auth = IpsecAuthenticator::Create(algorithm, key);
            std::string oneShot = Icv(*auth, message);

            const size_t cuts[] = {0, 1, 20, 20, 63, 64, 65, 100};
            size_t start = 0;
            for (size_t cut : cuts)
            {
                auth->Update(message.data() + start, cut - start);
                start = cut;
            }
            auth->Update(message.data() + start, message.size() - start);
            Bytes icv(auth->GetIcvLength());
            auth->Final(icv.data());
            BOOST_TEST(ToHex(icv) == oneShot);
        }
    }
}

BOOST_AUTO_TEST_CASE(hmac_verify)
{
    // RFC 2202 HMAC-SHA-1 case 1, truncated to 96 bits.
    auto auth = IpsecAuthenticator::Create(IpsecIntegrity::HMAC_SHA1_96, Bytes(20, 0x0b));
    Bytes data = Ascii("Hi There");
    Bytes icv = Hex("b617318655057264e28bc0b6");
    BOOST_TEST(auth->Verify(data.data(), data.size(), icv.data()));

    icv[11] ^= 0x01;
    BOOST_TEST(!auth->Verify(data.data(), data.size(), icv.data()));
    icv[11] ^= 0x01;

    data[0] ^= 0x20;
    BOOST_TEST(!auth->Verify(data.data(), data.size(), icv.data()));
    data[0] ^= 0x20;

    // A failed check must not leave a partial message behind.
    BOOST_TEST(auth->Verify(data.data(), data.size(), icv.data()));
}

BOOST_AUTO_TEST_CASE(algorithm_tables)
{
    struct Enc
    {
        IpsecEncryption e;
        const char* name;
        uint32_t key, block, iv, icv;
        bool aead;
        const char* wireshark;
        uint16_t transform, bits;
    };

    const Enc encryption[] = {
        {IpsecEncryption::NULL_ENC, "null", 0, 4, 0, 0, false, "NULL", 11, 0},
        {IpsecEncryption::DES_CBC, "des", 8, 8, 8, 0, false, "DES-CBC [RFC2405]", 2, 0},
        {IpsecEncryption::TRIPLE_DES_CBC,
         "3des",
         24,
         8,
         8,
         0,
         false,
         "TripleDES-CBC [RFC2451]",
         3,
         0},
        {IpsecEncryption::AES_CBC_128, "aes128", 16, 16, 16, 0, false, "AES-CBC [RFC3602]", 12,
         128},
        {IpsecEncryption::AES_CBC_256, "aes256", 32, 16, 16, 0, false, "AES-CBC [RFC3602]", 12,
         256},
        {IpsecEncryption::AES_GCM_128,
         "aes128gcm",
         20,
         4,
         8,
         16,
         true,
         "AES-GCM with 16 octet ICV [RFC4106]",
         20,
         128},
        {IpsecEncryption::AES_GCM_256,
         "aes256gcm",
         36,
         4,
         8,
         16,
         true,
         "AES-GCM with 16 octet ICV [RFC4106]",
         20,
         256},
    };
    for (const auto& x : encryption)
    {
        BOOST_TEST_CONTEXT(x.name)
        {
            const IpsecEncryptionInfo& info = IpsecGetEncryptionInfo(x.e);
            BOOST_TEST(std::string(info.name) == x.name);
            BOOST_TEST(info.keyLength == x.key);
            BOOST_TEST(info.blockSize == x.block);
            BOOST_TEST(info.ivLength == x.iv);
            BOOST_TEST(info.icvLength == x.icv);
            BOOST_TEST(info.aead == x.aead);
            BOOST_TEST(std::string(info.wiresharkName) == x.wireshark);
            BOOST_TEST(info.espTransformId == x.transform);
            BOOST_TEST(info.keyBits == x.bits);
        }
    }

    struct Auth
    {
        IpsecIntegrity i;
        const char* name;
        uint32_t key, icv;
        const char* wireshark;
        uint16_t ike;
    };

    const Auth integrity[] = {
        {IpsecIntegrity::NONE, "none", 0, 0, "NULL", 0},
        {IpsecIntegrity::HMAC_MD5_96, "md5", 16, 12, "HMAC-MD5-96 [RFC2403]", 1},
        {IpsecIntegrity::HMAC_SHA1_96, "sha1", 20, 12, "HMAC-SHA-1-96 [RFC2404]", 2},
        {IpsecIntegrity::HMAC_SHA256_128, "sha256", 32, 16, "HMAC-SHA-256-128 [RFC4868]", 5},
    };
    for (const auto& x : integrity)
    {
        BOOST_TEST_CONTEXT(x.name)
        {
            const IpsecIntegrityInfo& info = IpsecGetIntegrityInfo(x.i);
            BOOST_TEST(std::string(info.name) == x.name);
            BOOST_TEST(info.keyLength == x.key);
            BOOST_TEST(info.icvLength == x.icv);
            BOOST_TEST(std::string(info.wiresharkName) == x.wireshark);
            BOOST_TEST(info.ikeAuthAlgorithm == x.ike);
            if (x.i != IpsecIntegrity::NONE)
            {
                auto auth = IpsecAuthenticator::Create(x.i, Bytes(x.key, 0x5a));
                BOOST_REQUIRE(auth);
                BOOST_TEST(auth->GetIcvLength() == x.icv);
            }
        }
    }
}

BOOST_AUTO_TEST_CASE(parse_names)
{
    for (auto e : {IpsecEncryption::NULL_ENC,
                   IpsecEncryption::DES_CBC,
                   IpsecEncryption::TRIPLE_DES_CBC,
                   IpsecEncryption::AES_CBC_128,
                   IpsecEncryption::AES_CBC_256,
                   IpsecEncryption::AES_GCM_128,
                   IpsecEncryption::AES_GCM_256})
    {
        std::string name = IpsecGetEncryptionInfo(e).name;
        BOOST_TEST(IpsecParseEncryption(name) == e);
        std::ostringstream printed;
        printed << e;
        BOOST_TEST(printed.str() == name);
    }
    for (auto i : {IpsecIntegrity::NONE,
                   IpsecIntegrity::HMAC_MD5_96,
                   IpsecIntegrity::HMAC_SHA1_96,
                   IpsecIntegrity::HMAC_SHA256_128})
    {
        std::string name = IpsecGetIntegrityInfo(i).name;
        BOOST_TEST(IpsecParseIntegrity(name) == i);
        std::ostringstream printed;
        printed << i;
        BOOST_TEST(printed.str() == name);
    }
    BOOST_TEST(IpsecParseEncryption("AES128GCM") == IpsecEncryption::AES_GCM_128);
    BOOST_TEST(IpsecParseIntegrity("SHA256") == IpsecIntegrity::HMAC_SHA256_128);

    auto isCipher = [](const IpsecConfigError& e) { return IsField(e, "cipher"); };
    auto isAuth = [](const IpsecConfigError& e) { return IsField(e, "auth"); };
    BOOST_CHECK_EXCEPTION(IpsecParseEncryption("aes"), IpsecConfigError, isCipher);
    BOOST_CHECK_EXCEPTION(IpsecParseEncryption(""), IpsecConfigError, isCipher);
    BOOST_CHECK_EXCEPTION(IpsecParseIntegrity("sha384"), IpsecConfigError, isAuth);
    BOOST_CHECK_EXCEPTION(IpsecParseIntegrity("hmac-sha1"), IpsecConfigError, isAuth);
    // The message tells the user what would have worked.
    try
    {
        IpsecParseEncryption("rot13");
        BOOST_FAIL("rot13 was accepted");
    }
    catch (const IpsecConfigError& e)
    {
        std::string what = e.what();
        BOOST_TEST(what.find("rot13") != std::string::npos);
        for (const char* name :
             {"null", "des", "3des", "aes128", "aes256", "aes128gcm", "aes256gcm"})
        {
            BOOST_TEST(what.find(name) != std::string::npos, name);
        }
    }
    try
    {
        IpsecParseIntegrity("crc32");
        BOOST_FAIL("crc32 was accepted");
    }
    catch (const IpsecConfigError& e)
    {
        std::string what = e.what();
        for (const char* name : {"none", "md5", "sha1", "sha256"})
        {
            BOOST_TEST(what.find(name) != std::string::npos, name);
        }
    }
}

BOOST_AUTO_TEST_CASE(wrong_key_length)
{
    auto isKey = [](const IpsecConfigError& e) { return IsField(e, "key"); };
    BOOST_CHECK_EXCEPTION(IpsecCipher::Create(IpsecEncryption::AES_CBC_128, Bytes(15)),
                          IpsecConfigError,
                          isKey);
    BOOST_CHECK_EXCEPTION(IpsecCipher::Create(IpsecEncryption::AES_CBC_256, Bytes(16)),
                          IpsecConfigError,
                          isKey);
    // GCM keying material without its salt.
    BOOST_CHECK_EXCEPTION(IpsecCipher::Create(IpsecEncryption::AES_GCM_128, Bytes(16)),
                          IpsecConfigError,
                          isKey);
    BOOST_CHECK_EXCEPTION(IpsecCipher::Create(IpsecEncryption::AES_GCM_256, Bytes(32)),
                          IpsecConfigError,
                          isKey);
    BOOST_CHECK_EXCEPTION(IpsecCipher::Create(IpsecEncryption::TRIPLE_DES_CBC, Bytes(16)),
                          IpsecConfigError,
                          isKey);
    BOOST_CHECK_EXCEPTION(IpsecCipher::Create(IpsecEncryption::DES_CBC, Bytes(7)),
                          IpsecConfigError,
                          isKey);
    BOOST_CHECK_EXCEPTION(IpsecCipher::Create(IpsecEncryption::NULL_ENC, Bytes(1)),
                          IpsecConfigError,
                          isKey);
    BOOST_CHECK_EXCEPTION(IpsecAuthenticator::Create(IpsecIntegrity::HMAC_SHA1_96, Bytes(16)),
                          IpsecConfigError,
                          isKey);
    BOOST_CHECK_EXCEPTION(IpsecAuthenticator::Create(IpsecIntegrity::HMAC_MD5_96, Bytes(20)),
                          IpsecConfigError,
                          isKey);
    BOOST_CHECK_EXCEPTION(IpsecAuthenticator::Create(IpsecIntegrity::HMAC_SHA256_128, Bytes(20)),
                          IpsecConfigError,
                          isKey);
    BOOST_CHECK_EXCEPTION(IpsecAuthenticator::Create(IpsecIntegrity::NONE, Bytes(4)),
                          IpsecConfigError,
                          isKey);

    // Right sizes are accepted, whatever the bytes (DES parity is not checked).
    BOOST_TEST(!IpsecAuthenticator::Create(IpsecIntegrity::NONE, {}));
    BOOST_TEST(!IpsecAuthenticator::CreateWithAnyKeyLength(IpsecIntegrity::NONE, Bytes(3)));
    BOOST_CHECK(IpsecCipher::Create(IpsecEncryption::DES_CBC, Bytes(8, 0x00)) != nullptr);
    BOOST_CHECK(IpsecCipher::Create(IpsecEncryption::TRIPLE_DES_CBC, Bytes(24, 0xff)) != nullptr);
    BOOST_CHECK(IpsecCipher::Create(IpsecEncryption::AES_GCM_256, Bytes(36)) != nullptr);
    BOOST_CHECK(IpsecAuthenticator::CreateWithAnyKeyLength(IpsecIntegrity::HMAC_SHA1_96, {}) !=
                nullptr);
    try
    {
        IpsecCipher::Create(IpsecEncryption::AES_GCM_128, Bytes(16));
        BOOST_FAIL("a GCM key without salt was accepted");
    }
    catch (const IpsecConfigError& e)
    {
        BOOST_TEST(std::string(e.what()) == "key: aes128gcm needs 20 bytes of key, got 16");
    }
}

BOOST_AUTO_TEST_SUITE_END()
