/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef ISAKMP_CODEC_H
#define ISAKMP_CODEC_H

#include "ns3/isakmp-numbers.h"
#include "ns3/isakmp-status.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace ns3
{

/**
 * \ingroup ipsec
 * \brief What the ISAKMP payload codecs share: big-endian fields, generic payload headers
 * and the error statuses most checks return.
 */
struct IsakmpCodec
{
    /** Size of the generic payload header (RFC 2408 3.2). */
    static constexpr size_t GENERIC_HEADER = 4;
    /** Largest payload, generic header included: the length field has 16 bits. */
    static constexpr size_t MAX_PAYLOAD = 0xffff;

    /**
     * \param message what is wrong
     * \return a PAYLOAD-MALFORMED error
     */
    static IsakmpStatus Malformed(const std::string& message);
    /**
     * \param message what is wrong
     * \return a BAD-PROPOSAL-SYNTAX error
     */
    static IsakmpStatus BadProposal(const std::string& message);
    /**
     * \param doi a Domain of Interpretation
     * \return success for ISAKMP and IPsec, else DOI-NOT-SUPPORTED
     */
    static IsakmpStatus CheckDoi(uint32_t doi);

    /**
     * \param out where to append
     * \param value the value, big-endian
     */
    static void PutU16(std::vector<uint8_t>& out, uint16_t value);
    /**
     * \param out where to append
     * \param value the value, big-endian
     */
    static void PutU32(std::vector<uint8_t>& out, uint32_t value);
    /**
     * \param out where to append
     * \param bytes the bytes
     */
    static void PutBytes(std::vector<uint8_t>& out, const std::vector<uint8_t>& bytes);
    /**
     * \param in two bytes
     * \return their big-endian value
     */
    static uint16_t GetU16(const uint8_t* in);
    /**
     * \param in four bytes
     * \return their big-endian value
     */
    static uint32_t GetU32(const uint8_t* in);
    /**
     * \param n a number
     * \return it in decimal, for messages
     */
    static std::string Str(size_t n);

    /**
     * \brief Open a payload with a generic header (the length is written by ClosePayload).
     * \param out where to append
     * \param nextPayload the next payload type
     * \return where the payload starts
     */
    static size_t OpenPayload(std::vector<uint8_t>& out, uint8_t nextPayload);
    /**
     * \brief Write the length of the payload started at \p start, or undo it if it is too long.
     * \param out the buffer
     * \param start what OpenPayload returned
     * \param what the payload, for the message
     * \return the status
     */
    static IsakmpStatus ClosePayload(std::vector<uint8_t>& out,
                                     size_t start,
                                     const std::string& what);
    /**
     * \brief Check the generic header of a sub-payload (proposal or transform) at
     * data[offset]: next payload one of {own type, NONE}, reserved zero, length within
     * [minimum, size - offset].
     * \param data the enclosing body
     * \param size its length
     * \param offset where the sub-payload starts
     * \param ownType PROPOSAL or TRANSFORM
     * \param minimum the smallest valid length
     * \param[out] next its next payload field
     * \param[out] length its length field
     * \return the status
     */
    static IsakmpStatus ReadSubHeader(const uint8_t* data,
                                      size_t size,
                                      size_t offset,
                                      IsakmpPayloadType ownType,
                                      size_t minimum,
                                      uint8_t& next,
                                      size_t& length);
};

} // namespace ns3

#endif /* ISAKMP_CODEC_H */
