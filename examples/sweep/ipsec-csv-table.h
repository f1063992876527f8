/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef IPSEC_CSV_TABLE_H
#define IPSEC_CSV_TABLE_H

// The CSV the programs write: a header line of unique column names, then rows with as many
// comma-separated cells; no quoting (no program writes commas or quotes inside a cell).

#include <istream>
#include <ostream>
#include <string>
#include <vector>

namespace ns3
{

/** \brief A CSV file: column names and rows of text cells. */
struct IpsecCsvTable
{
    std::vector<std::string> columns;           //!< the header
    std::vector<std::vector<std::string>> rows; //!< each with columns.size() cells

    /**
     * \param name a column name
     * \return its index, or -1 if there is no such column
     */
    int Find(const std::string& name) const;
};

/**
 * \brief Read a CSV table; throws IpsecSweepError naming \p source and the line on a missing or
 * empty header, a repeated column name, a row with the wrong number of cells or a quote.
 * \param in the text
 * \param source the file name, for messages
 * \return the table (a final newline is optional; "\r\n" line ends are accepted)
 */
IpsecCsvTable IpsecReadCsv(std::istream& in, const std::string& source);

/**
 * \brief Read a CSV file; throws IpsecSweepError if it cannot be opened or is malformed.
 * \param path the file
 * \return the table
 */
IpsecCsvTable IpsecReadCsvFile(const std::string& path);

/**
 * \brief Write \p table as CSV, "\n" line ends.
 * \param table the table
 * \param out where
 */
void IpsecWriteCsv(const IpsecCsvTable& table, std::ostream& out);

} // namespace ns3

#endif /* IPSEC_CSV_TABLE_H */
