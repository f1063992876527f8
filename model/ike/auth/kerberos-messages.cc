/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "kerberos-messages.h"

#include <algorithm>
#include <sstream>

namespace ns3
{

namespace
{

/** Appends fields in network byte order. */
class Writer
{
  public:
    /** \param value one byte */
    void U8(uint8_t value)
    {
        m_bytes.push_back(value);
    }

    /** \param value two bytes, big-endian */
    void U16(uint16_t value)
    {
        U8(static_cast<uint8_t>(value >> 8));
        U8(static_cast<uint8_t>(value));
    }

    /** \param value four bytes, big-endian */
    void U32(uint32_t value)
    {
        U16(static_cast<uint16_t>(value >> 16));
        U16(static_cast<uint16_t>(value));
    }

    /** \param value eight bytes, big-endian */
    void U64(uint64_t value)
    {
        U32(static_cast<uint32_t>(value >> 32));
        U32(static_cast<uint32_t>(value));
    }

    /** \param data 2-byte length, then the bytes (at most 65535 of them are kept) */
    void Blob(const std::vector<uint8_t>& data)
    {
        size_t n = std::min<size_t>(data.size(), 0xffff);
        U16(static_cast<uint16_t>(n));
        m_bytes.insert(m_bytes.end(), data.begin(), data.begin() + n);
    }

    /** \param text 2-byte length, then the bytes */
    void String(const std::string& text)
    {
        Blob(std::vector<uint8_t>(text.begin(), text.end()));
    }

    /** \param count 2-byte length, then that many zero bytes */
    void Padding(uint16_t count)
    {
        U16(count);
        m_bytes.insert(m_bytes.end(), count, 0);
    }

    /** \param data bytes appended as they are */
    void Raw(const std::vector<uint8_t>& data)
    {
        m_bytes.insert(m_bytes.end(), data.begin(), data.end());
    }

    /** \return what was written */
    std::vector<uint8_t> Take()
    {
        return std::move(m_bytes);
    }

  private:
    std::vector<uint8_t> m_bytes; //!< the message so far
};

/** Reads fields in network byte order; every read fails past the end instead of reading. */
class Reader
{
  public:
    /** \param bytes the message (must outlive the reader) */
    explicit Reader(const std::vector<uint8_t>& bytes)
        : m_bytes(bytes)
    {
    }

    /** \param[out] value one byte \return false past the end */
    bool U8(uint8_t& value)
    {
        if (m_offset + 1 > m_bytes.size())
        {
            return false;
        }
        value = m_bytes[m_offset++];
        return true;
    }

    /** \param[out] value two bytes \return false past the end */
    bool U16(uint16_t& value)
    {
        uint8_t hi = 0;
        uint8_t lo = 0;
        if (!U8(hi) || !U8(lo))
        {
            return false;
        }
        value = static_cast<uint16_t>((hi << 8) | lo);
        return true;
    }

    /** \param[out] value four bytes \return false past the end */
    bool U32(uint32_t& value)
    {
        uint16_t hi = 0;
        uint16_t lo = 0;
        if (!U16(hi) || !U16(lo))
        {
            return false;
        }
        value = (static_cast<uint32_t>(hi) << 16) | lo;
        return true;
    }

    /** \param[out] value eight bytes \return false past the end */
    bool U64(uint64_t& value)
    {
        uint32_t hi = 0;
        uint32_t lo = 0;
        if (!U32(hi) || !U32(lo))
        {
            return false;
        }
        value = (static_cast<uint64_t>(hi) << 32) | lo;
        return true;
    }

    /** \param[out] data a 2-byte length and that many bytes \return false past the end */
    bool Blob(std::vector<uint8_t>& data)
    {
        uint16_t n = 0;
        if (!U16(n) || m_offset + n > m_bytes.size())
        {
            return false;
        }
        data.assign(m_bytes.begin() + m_offset, m_bytes.begin() + m_offset + n);
        m_offset += n;
        return true;
    }

    /** \param[out] text a 2-byte length and that many bytes \return false past the end */
    bool String(std::string& text)
    {
        std::vector<uint8_t> data;
        if (!Blob(data))
        {
            return false;
        }
        text.assign(data.begin(), data.end());
        return true;
    }

    /** \param[out] count a 2-byte length and that many bytes, skipped \return false past end */
    bool Padding(uint16_t& count)
    {
        if (!U16(count) || m_offset + count > m_bytes.size())
        {
            return false;
        }
        m_offset += count;
        return true;
    }

    /**
     * \param type the expected message type
     * \return true if the version is 5 and the type is \p type
     */
    bool Header(KerberosMessageType type)
    {
        uint8_t pvno = 0;
        uint8_t t = 0;
        return U8(pvno) && U8(t) && pvno == KERBEROS_PVNO && t == static_cast<uint8_t>(type);
    }

    /** \return true if every byte was read */
    bool AtEnd() const
    {
        return m_offset == m_bytes.size();
    }

  private:
    const std::vector<uint8_t>& m_bytes; //!< the message
    size_t m_offset{0};                  //!< next byte to read
};

/** The version and type bytes of a message. */
void
WriteHeader(Writer& w, KerberosMessageType type)
{
    w.U8(KERBEROS_PVNO);
    w.U8(static_cast<uint8_t>(type));
}

} // namespace

std::string
KerberosErrorReason(uint32_t code)
{
    switch (static_cast<KerberosErrorCode>(code))
    {
    case KerberosErrorCode::C_PRINCIPAL_UNKNOWN:
        return "unknown-client";
    case KerberosErrorCode::S_PRINCIPAL_UNKNOWN:
        return "unknown-target";
    case KerberosErrorCode::PATH_NOT_ACCEPTED:
        return "untrusted-realm";
    case KerberosErrorCode::BAD_INTEGRITY:
        return "bad-authenticator";
    case KerberosErrorCode::SKEW:
        return "clock-skew";
    case KerberosErrorCode::GENERIC:
        return "kdc-error";
    case KerberosErrorCode::WRONG_REALM:
        return "wrong-realm";
    }
    std::ostringstream os;
    os << "kdc-error-" << code;
    return os.str();
}

std::vector<uint8_t>
KerberosTicketPart::Serialize() const
{
    Writer w;
    w.Blob(sessionKey);
    w.String(clientRealm);
    w.String(clientName);
    w.String(serviceRealm);
    w.String(serviceName);
    w.U64(startMs);
    w.U64(endMs);
    w.Blob(authorizationData);
    return w.Take();
}

bool
KerberosTicketPart::Parse(const std::vector<uint8_t>& bytes)
{
    Reader r(bytes);
    return r.Blob(sessionKey) && r.String(clientRealm) && r.String(clientName) &&
           r.String(serviceRealm) && r.String(serviceName) && r.U64(startMs) && r.U64(endMs) &&
           r.Blob(authorizationData) && r.AtEnd();
}

std::vector<uint8_t>
KerberosTicket::Serialize() const
{
    Writer w;
    w.U8(KERBEROS_PVNO);
    w.String(serviceRealm);
    w.String(serviceName);
    w.Blob(encryptedPart);
    return w.Take();
}

bool
KerberosTicket::Parse(const std::vector<uint8_t>& bytes)
{
    Reader r(bytes);
    uint8_t vno = 0;
    return r.U8(vno) && vno == KERBEROS_PVNO && r.String(serviceRealm) &&
           r.String(serviceName) && r.Blob(encryptedPart) && r.AtEnd();
}

std::vector<uint8_t>
KerberosTgsRequest::SerializeBody() const
{
    Writer w;
    w.U32(nonce);
    w.U64(timestampMs);
    w.String(clientRealm);
    w.String(clientName);
    w.U8(static_cast<uint8_t>(targetKind));
    if (targetKind == KerberosTargetKind::ADDRESS)
    {
        w.U32(targetAddress.Get());
    }
    else
    {
        w.String(targetName);
    }
    return w.Take();
}

std::vector<uint8_t>
KerberosTgsRequest::Serialize() const
{
    Writer w;
    WriteHeader(w, KerberosMessageType::TGS_REQ);
    w.Raw(SerializeBody());
    w.Blob(authenticator);
    w.Padding(padding);
    return w.Take();
}

bool
KerberosTgsRequest::Parse(const std::vector<uint8_t>& bytes)
{
    Reader r(bytes);
    uint8_t kind = 0;
    if (!r.Header(KerberosMessageType::TGS_REQ) || !r.U32(nonce) || !r.U64(timestampMs) ||
        !r.String(clientRealm) || !r.String(clientName) || !r.U8(kind))
    {
        return false;
    }
    targetName.clear();
    targetAddress = Ipv4Address::GetAny();
    if (kind == static_cast<uint8_t>(KerberosTargetKind::ADDRESS))
    {
        uint32_t address = 0;
        if (!r.U32(address))
        {
            return false;
        }
        targetAddress = Ipv4Address(address);
    }
    else if (kind == static_cast<uint8_t>(KerberosTargetKind::NAME))
    {
        if (!r.String(targetName))
        {
            return false;
        }
    }
    else
    {
        return false;
    }
    targetKind = static_cast<KerberosTargetKind>(kind);
    return r.Blob(authenticator) && r.Padding(padding) && r.AtEnd();
}

std::string
KerberosTgsRequest::DescribeTarget() const
{
    if (targetKind == KerberosTargetKind::NAME)
    {
        return targetName;
    }
    std::ostringstream os;
    os << targetAddress;
    return os.str();
}

std::vector<uint8_t>
KerberosReplyPart::Serialize() const
{
    Writer w;
    w.Blob(sessionKey);
    w.U32(nonce);
    w.U64(startMs);
    w.U64(endMs);
    w.String(serviceRealm);
    w.String(serviceName);
    return w.Take();
}

bool
KerberosReplyPart::Parse(const std::vector<uint8_t>& bytes)
{
    Reader r(bytes);
    return r.Blob(sessionKey) && r.U32(nonce) && r.U64(startMs) && r.U64(endMs) &&
           r.String(serviceRealm) && r.String(serviceName) && r.AtEnd();
}

std::vector<uint8_t>
KerberosTgsReply::Serialize() const
{
    Writer w;
    WriteHeader(w, KerberosMessageType::TGS_REP);
    w.U32(nonce);
    w.String(clientRealm);
    w.String(clientName);
    w.Blob(ticket);
    w.Blob(encryptedPart);
    w.Padding(padding);
    return w.Take();
}

bool
KerberosTgsReply::Parse(const std::vector<uint8_t>& bytes)
{
    Reader r(bytes);
    return r.Header(KerberosMessageType::TGS_REP) && r.U32(nonce) && r.String(clientRealm) &&
           r.String(clientName) && r.Blob(ticket) && r.Blob(encryptedPart) &&
           r.Padding(padding) && r.AtEnd();
}

std::vector<uint8_t>
KerberosError::Serialize() const
{
    Writer w;
    WriteHeader(w, KerberosMessageType::KRB_ERROR);
    w.U32(nonce);
    w.U32(code);
    w.String(text);
    return w.Take();
}

bool
KerberosError::Parse(const std::vector<uint8_t>& bytes)
{
    Reader r(bytes);
    return r.Header(KerberosMessageType::KRB_ERROR) && r.U32(nonce) && r.U32(code) &&
           r.String(text) && r.AtEnd();
}

bool
KerberosPeekType(const std::vector<uint8_t>& bytes, uint8_t& type)
{
    if (bytes.size() < 2 || bytes[0] != KERBEROS_PVNO)
    {
        return false;
    }
    type = bytes[1];
    return true;
}

} // namespace ns3
