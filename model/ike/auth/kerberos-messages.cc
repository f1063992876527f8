/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "kerberos-messages.h"

#include "ike-der.h"

#include <climits>
#include <cstdint>
#include <cstdio>
#include <sstream>

namespace ns3
{

namespace
{

using Bytes = std::vector<uint8_t>;

// ---- writing -------------------------------------------------------------------------------

/** \return [n] EXPLICIT around \p element */
Bytes
Ctx(uint8_t n, const Bytes& element)
{
    return IkeDerTlv(IkeDerContextTag(n), element);
}

/** \return a SEQUENCE of \p content */
Bytes
Seq(const Bytes& content)
{
    return IkeDerTlv(IKE_DER_SEQUENCE, content);
}

/** \return a KerberosString */
Bytes
Str(const std::string& text)
{
    return IkeDerTlv(IKE_DER_GENERAL_STRING, Bytes(text.begin(), text.end()));
}

/** \return an OCTET STRING */
Bytes
Octets(const Bytes& data)
{
    return IkeDerTlv(IKE_DER_OCTET_STRING, data);
}

/** \return days since 1970-01-01 of a civil date (proleptic Gregorian) */
int64_t
DaysFromCivil(int64_t y, int64_t m, int64_t d)
{
    y -= m <= 2 ? 1 : 0;
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    int64_t yoe = y - era * 400;
    int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

/** Civil date of a day count since 1970-01-01. */
void
CivilFromDays(int64_t z, int64_t& y, int64_t& m, int64_t& d)
{
    z += 719468;
    int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    int64_t doe = z - era * 146097;
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int64_t mp = (5 * doy + 2) / 153;
    d = doy - (153 * mp + 2) / 5 + 1;
    m = mp < 10 ? mp + 3 : mp - 9;
    y = yoe + era * 400 + (m <= 2 ? 1 : 0);
}

/** \return a KerberosTime element */
Bytes
Time(int64_t seconds)
{
    std::string text = KerberosTimeText(seconds);
    return IkeDerTlv(IKE_DER_GENERALIZED_TIME, Bytes(text.begin(), text.end()));
}

/** \return a 32-bit KerberosFlags BIT STRING (no unused bits) */
Bytes
Flags(uint32_t flags)
{
    return IkeDerTlv(IKE_DER_BIT_STRING,
                     {0,
                      static_cast<uint8_t>(flags >> 24),
                      static_cast<uint8_t>(flags >> 16),
                      static_cast<uint8_t>(flags >> 8),
                      static_cast<uint8_t>(flags)});
}

/** \return a PrincipalName */
Bytes
Principal(const KerberosPrincipal& name)
{
    Bytes strings;
    for (const std::string& c : name.components)
    {
        Bytes s = Str(c);
        strings.insert(strings.end(), s.begin(), s.end());
    }
    return Seq(IkeDerConcat({Ctx(0, IkeDerInteger(name.type)), Ctx(1, Seq(strings))}));
}

/** \return an EncryptionKey */
Bytes
Key(int32_t type, const Bytes& value)
{
    return Seq(IkeDerConcat({Ctx(0, IkeDerInteger(type)), Ctx(1, Octets(value))}));
}

// ---- reading -------------------------------------------------------------------------------

/** Reads the fields of one SEQUENCE; every failure throws IkeDerError. */
class Fields
{
  public:
    /**
     * \param buffer the input
     * \param sequence the SEQUENCE element
     * \param where its name
     */
    Fields(const Bytes& buffer, const IkeDerElement& sequence, const std::string& where)
        : m_buffer(buffer),
          m_reader(buffer, sequence, where),
          m_where(where)
    {
    }

    /** \return true if field [n] comes next */
    bool Has(uint8_t n) const
    {
        return !m_reader.AtEnd() && m_reader.PeekTag() == IkeDerContextTag(n);
    }

    /** \return the element inside field [n], which must have tag \p tag */
    IkeDerElement Field(uint8_t n, uint8_t tag)
    {
        std::string what = m_where + "[" + std::to_string(n) + "]";
        IkeDerElement outer = m_reader.Next(IkeDerContextTag(n), "[" + std::to_string(n) + "]");
        IkeDerReader inner(m_buffer, outer, what);
        IkeDerElement e = inner.Next(tag, "value");
        inner.ExpectEnd();
        return e;
    }

    /** \return field [n] as an integer in [low, high] */
    int64_t Integer(uint8_t n, int64_t low, int64_t high)
    {
        IkeDerElement e = Field(n, IKE_DER_INTEGER);
        int64_t v = IkeDerReadInteger(m_buffer, e, m_where);
        if (v < low || v > high)
        {
            throw IkeDerError(m_where + "[" + std::to_string(n) + "]: " + std::to_string(v) +
                              " out of range");
        }
        return v;
    }

    /** \return field [n] as an Int32 */
    int32_t Int32(uint8_t n)
    {
        return static_cast<int32_t>(Integer(n, INT32_MIN, INT32_MAX));
    }

    /** \return field [n] as a UInt32 */
    uint32_t UInt32(uint8_t n)
    {
        return static_cast<uint32_t>(Integer(n, 0, UINT32_MAX));
    }

    /** \param n field \param value the only value allowed */
    void Expect(uint8_t n, int64_t value)
    {
        Integer(n, value, value);
    }

    /** \return field [n] as a KerberosString */
    std::string String(uint8_t n)
    {
        IkeDerElement e = Field(n, IKE_DER_GENERAL_STRING);
        return std::string(m_buffer.begin() + e.contentBegin, m_buffer.begin() + e.end);
    }

    /** \return field [n] as an OCTET STRING */
    Bytes Octets(uint8_t n)
    {
        return IkeDerContent(m_buffer, Field(n, IKE_DER_OCTET_STRING));
    }

    /** \return field [n] as a KerberosTime */
    int64_t Time(uint8_t n)
    {
        IkeDerElement e = Field(n, IKE_DER_GENERALIZED_TIME);
        std::string text(m_buffer.begin() + e.contentBegin, m_buffer.begin() + e.end);
        bool digits = text.size() == 15 && text[14] == 'Z';
        for (size_t i = 0; digits && i < 14; ++i)
        {
            digits = text[i] >= '0' && text[i] <= '9';
        }
        if (!digits)
        {
            throw IkeDerError(m_where + ": KerberosTime is not YYYYMMDDHHMMSSZ");
        }
        auto num = [&text](size_t at, size_t len) { return std::stoll(text.substr(at, len)); };
        int64_t seconds = DaysFromCivil(num(0, 4), num(4, 2), num(6, 2)) * 86400 +
                          num(8, 2) * 3600 + num(10, 2) * 60 + num(12, 2) - KERBEROS_EPOCH;
        // Month 13 or 30 February would come out as another date: not the one written.
        if (KerberosTimeText(seconds) != text)
        {
            throw IkeDerError(m_where + ": KerberosTime " + text + " is not a valid time");
        }
        return seconds;
    }

    /** \return field [n] as 32-bit KerberosFlags */
    uint32_t Flags(uint8_t n)
    {
        IkeDerElement e = Field(n, IKE_DER_BIT_STRING);
        if (e.end - e.contentBegin != 5 || m_buffer[e.contentBegin] != 0)
        {
            throw IkeDerError(m_where + ": flags are not 32 bits");
        }
        uint32_t v = 0;
        for (size_t i = 1; i < 5; ++i)
        {
            v = (v << 8) | m_buffer[e.contentBegin + i];
        }
        return v;
    }

    /** \return field [n] as a PrincipalName */
    KerberosPrincipal Principal(uint8_t n)
    {
        Fields p(m_buffer, Field(n, IKE_DER_SEQUENCE), m_where + ".name");
        KerberosPrincipal name;
        name.type = p.Int32(0);
        IkeDerReader strings(m_buffer, p.Field(1, IKE_DER_SEQUENCE), m_where + ".name-string");
        while (!strings.AtEnd())
        {
            IkeDerElement s = strings.Next(IKE_DER_GENERAL_STRING, "component");
            name.components.emplace_back(m_buffer.begin() + s.contentBegin,
                                         m_buffer.begin() + s.end);
        }
        p.End();
        return name;
    }

    /** \return field [n] as an EncryptedData */
    KerberosEncryptedData Encrypted(uint8_t n)
    {
        Fields f(m_buffer, Field(n, IKE_DER_SEQUENCE), m_where + ".enc");
        KerberosEncryptedData data;
        data.etype = f.Int32(0);
        data.hasKvno = f.Has(1);
        if (data.hasKvno)
        {
            data.kvno = f.UInt32(1);
        }
        data.cipher = f.Octets(2);
        f.End();
        return data;
    }

    /** Field [n] as an EncryptionKey. */
    void Key(uint8_t n, int32_t& type, Bytes& value)
    {
        Fields f(m_buffer, Field(n, IKE_DER_SEQUENCE), m_where + ".key");
        type = f.Int32(0);
        value = f.Octets(1);
        f.End();
    }

    /** \return the whole element of field [n] (tag \p tag), for nested parsers */
    Bytes Whole(uint8_t n, uint8_t tag)
    {
        return IkeDerWhole(m_buffer, Field(n, tag));
    }

    /** Nothing may follow. */
    void End() const
    {
        m_reader.ExpectEnd();
    }

  private:
    const Bytes& m_buffer; //!< the input
    IkeDerReader m_reader; //!< over the SEQUENCE
    std::string m_where;   //!< name, for messages
};

/**
 * \brief Parse the one [APPLICATION n] SEQUENCE that \p bytes must be.
 * \param bytes the input
 * \param app the application tag number
 * \param where name for messages
 * \param read reads the fields
 * \return false on any error
 */
template <class F>
bool
ParseApplication(const Bytes& bytes, uint8_t app, const char* where, F read)
{
    try
    {
        IkeDerReader top(bytes, 0, bytes.size(), where);
        IkeDerElement outer = top.Next(IkeDerApplicationTag(app), "application");
        top.ExpectEnd();
        IkeDerReader inner(bytes, outer, where);
        IkeDerElement sequence = inner.Next(IKE_DER_SEQUENCE, "sequence");
        inner.ExpectEnd();
        Fields fields(bytes, sequence, where);
        read(fields);
        fields.End();
        return true;
    }
    catch (const IkeDerError&)
    {
        return false;
    }
    catch (const std::exception&)
    {
        return false; // std::stoll on a digit string cannot throw; kept for safety
    }
}

/** \return [APPLICATION n] SEQUENCE of \p content */
Bytes
Application(uint8_t app, const Bytes& content)
{
    return IkeDerTlv(IkeDerApplicationTag(app), Seq(content));
}

} // namespace

std::string
KerberosTimeText(int64_t seconds)
{
    int64_t unix = seconds + KERBEROS_EPOCH;
    int64_t days = unix >= 0 ? unix / 86400 : (unix - 86399) / 86400;
    int64_t rest = unix - days * 86400;
    int64_t y = 0;
    int64_t m = 0;
    int64_t d = 0;
    CivilFromDays(days, y, m, d);
    char text[96];
    std::snprintf(text,
                  sizeof(text),
                  "%04lld%02lld%02lld%02lld%02lld%02lldZ",
                  static_cast<long long>(y % 10000 < 0 ? 0 : y % 10000),
                  static_cast<long long>(m),
                  static_cast<long long>(d),
                  static_cast<long long>(rest / 3600),
                  static_cast<long long>(rest / 60 % 60),
                  static_cast<long long>(rest % 60));
    return text;
}

std::string
KerberosErrorReason(int64_t code)
{
    switch (code)
    {
    case 6:
        return "unknown-client";
    case 7:
        return "unknown-target";
    case 14:
        return "etype-not-supported";
    case 24:
    case 31:
        return "bad-authenticator";
    case 25:
        return "preauth-required";
    case 28:
        return "untrusted-realm";
    case 32:
        return "ticket-expired";
    case 37:
        return "clock-skew";
    case 60:
        return "kdc-error";
    case 68:
        return "wrong-realm";
    default:
        break;
    }
    std::ostringstream os;
    os << "kdc-error-" << code;
    return os.str();
}

std::string
KerberosPrincipal::ToString() const
{
    std::string out;
    for (size_t i = 0; i < components.size(); ++i)
    {
        out += (i == 0 ? "" : "/") + components[i];
    }
    return out;
}

std::ostream&
operator<<(std::ostream& os, const KerberosPrincipal& name)
{
    return os << name.ToString();
}

bool
KerberosPrincipal::operator==(const KerberosPrincipal& other) const
{
    return type == other.type && components == other.components;
}

std::vector<uint8_t>
KerberosEncryptedData::Serialize() const
{
    return Seq(IkeDerConcat({Ctx(0, IkeDerInteger(etype)),
                             hasKvno ? Ctx(1, IkeDerInteger(kvno)) : Bytes(),
                             Ctx(2, Octets(cipher))}));
}

bool
KerberosEncryptedData::Parse(const std::vector<uint8_t>& bytes)
{
    try
    {
        // Wrapped in a field so that Fields::Encrypted reads it.
        Bytes wrapped = Seq(Ctx(0, bytes));
        IkeDerReader top(wrapped, 0, wrapped.size(), "EncryptedData");
        Fields f(wrapped, top.Next(IKE_DER_SEQUENCE, "sequence"), "EncryptedData");
        *this = f.Encrypted(0);
        f.End();
        return true;
    }
    catch (const IkeDerError&)
    {
        return false;
    }
}

std::vector<uint8_t>
KerberosTicket::Serialize() const
{
    return IkeDerTlv(IkeDerApplicationTag(1),
                     Seq(IkeDerConcat({Ctx(0, IkeDerInteger(KERBEROS_PVNO)),
                                       Ctx(1, Str(realm)),
                                       Ctx(2, Principal(sname)),
                                       Ctx(3, encPart.Serialize())})));
}

bool
KerberosTicket::Parse(const std::vector<uint8_t>& bytes)
{
    return ParseApplication(bytes, 1, "Ticket", [this](Fields& f) {
        f.Expect(0, KERBEROS_PVNO);
        realm = f.String(1);
        sname = f.Principal(2);
        encPart = f.Encrypted(3);
    });
}

std::vector<uint8_t>
KerberosEncTicketPart::Serialize() const
{
    Bytes ad;
    if (!pac.empty())
    {
        Bytes inner = Seq(Seq(IkeDerConcat(
            {Ctx(0, IkeDerInteger(static_cast<int32_t>(KerberosAdType::WIN2K_PAC))),
             Ctx(1, Octets(pac))})));
        ad = Ctx(10,
                 Seq(Seq(IkeDerConcat(
                     {Ctx(0, IkeDerInteger(static_cast<int32_t>(KerberosAdType::IF_RELEVANT))),
                      Ctx(1, Octets(inner))}))));
    }
    // transited: DOMAIN-X500-COMPRESS (1), empty (no realm crossed).
    Bytes transited = Seq(IkeDerConcat({Ctx(0, IkeDerInteger(1)), Ctx(1, Octets({}))}));
    return Application(3,
                       IkeDerConcat({Ctx(0, Flags(flags)),
                                     Ctx(1, Key(keyType, key)),
                                     Ctx(2, Str(crealm)),
                                     Ctx(3, Principal(cname)),
                                     Ctx(4, transited),
                                     Ctx(5, Time(authTime)),
                                     Ctx(6, Time(startTime)),
                                     Ctx(7, Time(endTime)),
                                     ad}));
}

bool
KerberosEncTicketPart::Parse(const std::vector<uint8_t>& bytes)
{
    return ParseApplication(bytes, 3, "EncTicketPart", [this](Fields& f) {
        flags = f.Flags(0);
        f.Key(1, keyType, key);
        crealm = f.String(2);
        cname = f.Principal(3);
        f.Field(4, IKE_DER_SEQUENCE); // transited: checked by the comparison at the end
        authTime = f.Time(5);
        startTime = f.Time(6);
        endTime = f.Time(7);
        pac.clear();
        if (f.Has(10))
        {
            // Only what Serialize writes: one AD-IF-RELEVANT holding one AD-WIN2K-PAC.
            Bytes list = f.Whole(10, IKE_DER_SEQUENCE);
            IkeDerReader top(list, 0, list.size(), "authorization-data");
            IkeDerReader entries(list, top.Next(IKE_DER_SEQUENCE, "list"), "authorization-data");
            Fields entry(list, entries.Next(IKE_DER_SEQUENCE, "entry"), "ad-entry");
            entries.ExpectEnd();
            entry.Expect(0, static_cast<int32_t>(KerberosAdType::IF_RELEVANT));
            Bytes relevant = entry.Octets(1);
            entry.End();
            IkeDerReader r(relevant, 0, relevant.size(), "if-relevant");
            IkeDerElement listElement = r.Next(IKE_DER_SEQUENCE, "list");
            r.ExpectEnd();
            IkeDerReader inner(relevant, listElement, "if-relevant");
            Fields pacEntry(relevant, inner.Next(IKE_DER_SEQUENCE, "entry"), "pac-entry");
            inner.ExpectEnd();
            pacEntry.Expect(0, static_cast<int32_t>(KerberosAdType::WIN2K_PAC));
            pac = pacEntry.Octets(1);
            pacEntry.End();
            if (pac.empty())
            {
                throw IkeDerError("EncTicketPart: empty PAC");
            }
        }
    }) && Serialize() == bytes;
}

const KerberosPaData*
KerberosKdcRequest::FindPadata(KerberosPaType type) const
{
    for (const KerberosPaData& p : padata)
    {
        if (p.type == static_cast<int32_t>(type))
        {
            return &p;
        }
    }
    return nullptr;
}

std::vector<uint8_t>
KerberosKdcRequest::SerializeBody() const
{
    Bytes etypeList;
    for (int32_t e : etypes)
    {
        Bytes i = IkeDerInteger(e);
        etypeList.insert(etypeList.end(), i.begin(), i.end());
    }
    return Seq(IkeDerConcat({Ctx(0, Flags(kdcOptions)),
                             hasCname ? Ctx(1, Principal(cname)) : Bytes(),
                             Ctx(2, Str(realm)),
                             Ctx(3, Principal(sname)),
                             Ctx(5, Time(till)),
                             Ctx(6, Time(till)),
                             Ctx(7, IkeDerInteger(nonce)),
                             Ctx(8, Seq(etypeList))}));
}

std::vector<uint8_t>
KerberosKdcRequest::Serialize() const
{
    Bytes pa;
    for (const KerberosPaData& p : padata)
    {
        Bytes one = Seq(IkeDerConcat({Ctx(1, IkeDerInteger(p.type)), Ctx(2, Octets(p.value))}));
        pa.insert(pa.end(), one.begin(), one.end());
    }
    return Application(static_cast<uint8_t>(msgType),
                       IkeDerConcat({Ctx(1, IkeDerInteger(KERBEROS_PVNO)),
                                     Ctx(2, IkeDerInteger(static_cast<uint8_t>(msgType))),
                                     padata.empty() ? Bytes() : Ctx(3, Seq(pa)),
                                     Ctx(4, SerializeBody())}));
}

bool
KerberosKdcRequest::Parse(const std::vector<uint8_t>& bytes)
{
    uint8_t type = 0;
    if (!KerberosPeekType(bytes, type) ||
        (type != static_cast<uint8_t>(KerberosMessageType::AS_REQ) &&
         type != static_cast<uint8_t>(KerberosMessageType::TGS_REQ)))
    {
        return false;
    }
    msgType = static_cast<KerberosMessageType>(type);
    return ParseApplication(bytes, type, "KDC-REQ", [this, type, &bytes](Fields& f) {
        f.Expect(1, KERBEROS_PVNO);
        f.Expect(2, type);
        padata.clear();
        if (f.Has(3))
        {
            IkeDerElement list = f.Field(3, IKE_DER_SEQUENCE);
            IkeDerReader r(bytes, list, "padata");
            if (r.AtEnd())
            {
                throw IkeDerError("KDC-REQ: empty padata");
            }
            while (!r.AtEnd())
            {
                Fields p(bytes, r.Next(IKE_DER_SEQUENCE, "PA-DATA"), "PA-DATA");
                KerberosPaData pa;
                pa.type = p.Int32(1);
                pa.value = p.Octets(2);
                p.End();
                padata.push_back(pa);
            }
        }
        Fields body(bytes, f.Field(4, IKE_DER_SEQUENCE), "KDC-REQ-BODY");
        kdcOptions = body.Flags(0);
        hasCname = body.Has(1);
        cname = hasCname ? body.Principal(1) : KerberosPrincipal();
        realm = body.String(2);
        sname = body.Principal(3);
        till = body.Time(5);
        if (body.Time(6) != till)
        {
            throw IkeDerError("KDC-REQ-BODY: rtime is not till");
        }
        nonce = body.UInt32(7);
        IkeDerReader list(bytes, body.Field(8, IKE_DER_SEQUENCE), "etype");
        etypes.clear();
        while (!list.AtEnd())
        {
            IkeDerElement e = list.Next(IKE_DER_INTEGER, "etype");
            int64_t v = IkeDerReadInteger(bytes, e, "etype");
            if (v < INT32_MIN || v > INT32_MAX)
            {
                throw IkeDerError("etype out of range");
            }
            etypes.push_back(static_cast<int32_t>(v));
        }
        body.End();
    });
}

std::vector<uint8_t>
KerberosKdcReply::Serialize() const
{
    return Application(static_cast<uint8_t>(msgType),
                       IkeDerConcat({Ctx(0, IkeDerInteger(KERBEROS_PVNO)),
                                     Ctx(1, IkeDerInteger(static_cast<uint8_t>(msgType))),
                                     Ctx(3, Str(crealm)),
                                     Ctx(4, Principal(cname)),
                                     Ctx(5, ticket.Serialize()),
                                     Ctx(6, encPart.Serialize())}));
}

bool
KerberosKdcReply::Parse(const std::vector<uint8_t>& bytes)
{
    uint8_t type = 0;
    if (!KerberosPeekType(bytes, type) ||
        (type != static_cast<uint8_t>(KerberosMessageType::AS_REP) &&
         type != static_cast<uint8_t>(KerberosMessageType::TGS_REP)))
    {
        return false;
    }
    msgType = static_cast<KerberosMessageType>(type);
    return ParseApplication(bytes, type, "KDC-REP", [this, type](Fields& f) {
        f.Expect(0, KERBEROS_PVNO);
        f.Expect(1, type);
        crealm = f.String(3);
        cname = f.Principal(4);
        if (!ticket.Parse(f.Whole(5, IkeDerApplicationTag(1))))
        {
            throw IkeDerError("KDC-REP: bad ticket");
        }
        encPart = f.Encrypted(6);
    });
}

std::vector<uint8_t>
KerberosEncKdcRepPart::Serialize() const
{
    Bytes lastReqs =
        Seq(Seq(IkeDerConcat({Ctx(0, IkeDerInteger(0)), Ctx(1, Time(lastReq))})));
    return Application(tgs ? 26 : 25,
                       IkeDerConcat({Ctx(0, Key(keyType, key)),
                                     Ctx(1, lastReqs),
                                     Ctx(2, IkeDerInteger(nonce)),
                                     Ctx(4, Flags(flags)),
                                     Ctx(5, Time(authTime)),
                                     Ctx(6, Time(startTime)),
                                     Ctx(7, Time(endTime)),
                                     Ctx(9, Str(srealm)),
                                     Ctx(10, Principal(sname))}));
}

bool
KerberosEncKdcRepPart::Parse(const std::vector<uint8_t>& bytes)
{
    uint8_t type = 0;
    if (!KerberosPeekType(bytes, type) || (type != 25 && type != 26))
    {
        return false;
    }
    tgs = type == 26;
    return ParseApplication(bytes, type, "EncKDCRepPart", [this, &bytes](Fields& f) {
        f.Key(0, keyType, key);
        IkeDerReader list(bytes, f.Field(1, IKE_DER_SEQUENCE), "last-req");
        Fields entry(bytes, list.Next(IKE_DER_SEQUENCE, "LastReq"), "LastReq");
        list.ExpectEnd();
        entry.Expect(0, 0);
        lastReq = entry.Time(1);
        entry.End();
        nonce = f.UInt32(2);
        flags = f.Flags(4);
        authTime = f.Time(5);
        startTime = f.Time(6);
        endTime = f.Time(7);
        srealm = f.String(9);
        sname = f.Principal(10);
    });
}

std::vector<uint8_t>
KerberosAuthenticator::Serialize() const
{
    return Application(2,
                       IkeDerConcat({Ctx(0, IkeDerInteger(KERBEROS_PVNO)),
                                     Ctx(1, Str(crealm)),
                                     Ctx(2, Principal(cname)),
                                     Ctx(4, IkeDerInteger(cusec)),
                                     Ctx(5, Time(ctime))}));
}

bool
KerberosAuthenticator::Parse(const std::vector<uint8_t>& bytes)
{
    return ParseApplication(bytes, 2, "Authenticator", [this](Fields& f) {
        f.Expect(0, KERBEROS_PVNO);
        crealm = f.String(1);
        cname = f.Principal(2);
        cusec = static_cast<uint32_t>(f.Integer(4, 0, 999999));
        ctime = f.Time(5);
    });
}

std::vector<uint8_t>
KerberosApRequest::Serialize() const
{
    return Application(14,
                       IkeDerConcat({Ctx(0, IkeDerInteger(KERBEROS_PVNO)),
                                     Ctx(1, IkeDerInteger(14)),
                                     Ctx(2, Flags(apOptions)),
                                     Ctx(3, ticket.Serialize()),
                                     Ctx(4, authenticator.Serialize())}));
}

bool
KerberosApRequest::Parse(const std::vector<uint8_t>& bytes)
{
    return ParseApplication(bytes, 14, "AP-REQ", [this](Fields& f) {
        f.Expect(0, KERBEROS_PVNO);
        f.Expect(1, 14);
        apOptions = f.Flags(2);
        if (!ticket.Parse(f.Whole(3, IkeDerApplicationTag(1))))
        {
            throw IkeDerError("AP-REQ: bad ticket");
        }
        authenticator = f.Encrypted(4);
    });
}

std::vector<uint8_t>
KerberosApReply::Serialize() const
{
    return Application(15,
                       IkeDerConcat({Ctx(0, IkeDerInteger(KERBEROS_PVNO)),
                                     Ctx(1, IkeDerInteger(15)),
                                     Ctx(2, encPart.Serialize())}));
}

bool
KerberosApReply::Parse(const std::vector<uint8_t>& bytes)
{
    return ParseApplication(bytes, 15, "AP-REP", [this](Fields& f) {
        f.Expect(0, KERBEROS_PVNO);
        f.Expect(1, 15);
        encPart = f.Encrypted(2);
    });
}

std::vector<uint8_t>
KerberosEncApRepPart::Serialize() const
{
    return Application(27, IkeDerConcat({Ctx(0, Time(ctime)), Ctx(1, IkeDerInteger(cusec))}));
}

bool
KerberosEncApRepPart::Parse(const std::vector<uint8_t>& bytes)
{
    return ParseApplication(bytes, 27, "EncAPRepPart", [this](Fields& f) {
        ctime = f.Time(0);
        cusec = static_cast<uint32_t>(f.Integer(1, 0, 999999));
    });
}

std::vector<uint8_t>
KerberosError::Serialize() const
{
    return Application(30,
                       IkeDerConcat({Ctx(0, IkeDerInteger(KERBEROS_PVNO)),
                                     Ctx(1, IkeDerInteger(30)),
                                     Ctx(4, Time(stime)),
                                     Ctx(5, IkeDerInteger(susec)),
                                     Ctx(6, IkeDerInteger(code)),
                                     hasClient ? Ctx(7, Str(crealm)) : Bytes(),
                                     hasClient ? Ctx(8, Principal(cname)) : Bytes(),
                                     Ctx(9, Str(realm)),
                                     Ctx(10, Principal(sname)),
                                     text.empty() ? Bytes() : Ctx(11, Str(text))}));
}

bool
KerberosError::Parse(const std::vector<uint8_t>& bytes)
{
    return ParseApplication(bytes, 30, "KRB-ERROR", [this](Fields& f) {
        f.Expect(0, KERBEROS_PVNO);
        f.Expect(1, 30);
        stime = f.Time(4);
        susec = static_cast<uint32_t>(f.Integer(5, 0, 999999));
        code = f.Int32(6);
        hasClient = f.Has(7);
        crealm.clear();
        cname = KerberosPrincipal();
        if (hasClient)
        {
            crealm = f.String(7);
            cname = f.Principal(8);
        }
        realm = f.String(9);
        sname = f.Principal(10);
        text.clear();
        if (f.Has(11))
        {
            text = f.String(11);
            if (text.empty())
            {
                throw IkeDerError("KRB-ERROR: empty e-text");
            }
        }
    });
}

std::vector<uint8_t>
KerberosPaEncTimestamp::Serialize() const
{
    return Seq(IkeDerConcat({Ctx(0, Time(timestamp)), Ctx(1, IkeDerInteger(usec))}));
}

bool
KerberosPaEncTimestamp::Parse(const std::vector<uint8_t>& bytes)
{
    try
    {
        IkeDerReader top(bytes, 0, bytes.size(), "PA-ENC-TS-ENC");
        Fields f(bytes, top.Next(IKE_DER_SEQUENCE, "sequence"), "PA-ENC-TS-ENC");
        top.ExpectEnd();
        timestamp = f.Time(0);
        usec = static_cast<uint32_t>(f.Integer(1, 0, 999999));
        f.End();
        return true;
    }
    catch (const IkeDerError&)
    {
        return false;
    }
}

KerberosPrincipal
KerberosMachinePrincipal(const std::string& computerName)
{
    return KerberosPrincipal{static_cast<int32_t>(KerberosNameType::PRINCIPAL),
                             {computerName + "$"}};
}

KerberosPrincipal
KerberosHostPrincipal(const std::string& computerName)
{
    return KerberosPrincipal{static_cast<int32_t>(KerberosNameType::SRV_HST),
                             {"host", computerName}};
}

KerberosPrincipal
KerberosTgsPrincipal(const std::string& realm)
{
    return KerberosPrincipal{static_cast<int32_t>(KerberosNameType::SRV_INST), {"krbtgt", realm}};
}

bool
KerberosComputerOf(const KerberosPrincipal& name, std::string& computerName)
{
    computerName.clear();
    if (name.type == static_cast<int32_t>(KerberosNameType::PRINCIPAL) &&
        name.components.size() == 1 && name.components[0].size() > 1 &&
        name.components[0].back() == '$')
    {
        computerName = name.components[0].substr(0, name.components[0].size() - 1);
    }
    else if (name.type == static_cast<int32_t>(KerberosNameType::SRV_HST) &&
             name.components.size() == 2 && name.components[0] == "host" &&
             !name.components[1].empty())
    {
        computerName = name.components[1];
    }
    return !computerName.empty();
}

bool
KerberosPeekType(const std::vector<uint8_t>& bytes, uint8_t& type)
{
    if (bytes.empty() || (bytes[0] & 0xe0) != 0x60 || (bytes[0] & 0x1f) == 0x1f)
    {
        return false;
    }
    type = bytes[0] & 0x1f;
    return true;
}

std::vector<uint8_t>
KerberosTrimPadding(const std::vector<uint8_t>& plaintext)
{
    try
    {
        IkeDerReader r(plaintext, 0, plaintext.size(), "plaintext");
        if (r.AtEnd())
        {
            return plaintext;
        }
        IkeDerElement e = r.Next(r.PeekTag(), "element");
        return IkeDerWhole(plaintext, e);
    }
    catch (const IkeDerError&)
    {
        return plaintext;
    }
}

} // namespace ns3
