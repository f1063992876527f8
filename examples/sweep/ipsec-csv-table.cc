/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ipsec-csv-table.h"

#include "ipsec-sweep-error.h"

#include <fstream>
#include <set>

namespace ns3
{

namespace
{

std::vector<std::string>
SplitCells(const std::string& line)
{
    std::vector<std::string> cells;
    std::string::size_type start = 0;
    while (true)
    {
        std::string::size_type comma = line.find(',', start);
        cells.push_back(line.substr(start, comma - start));
        if (comma == std::string::npos)
        {
            return cells;
        }
        start = comma + 1;
    }
}

} // namespace

int
IpsecCsvTable::Find(const std::string& name) const
{
    for (std::size_t i = 0; i < columns.size(); ++i)
    {
        if (columns[i] == name)
        {
            return static_cast<int>(i);
        }
    }
    return -1;
}

IpsecCsvTable
IpsecReadCsv(std::istream& in, const std::string& source)
{
    IpsecCsvTable table;
    std::string line;
    uint64_t number = 0;
    bool header = true;
    while (std::getline(in, line))
    {
        ++number;
        if (!line.empty() && line.back() == '\r')
        {
            line.pop_back();
        }
        std::string where = source + " line " + std::to_string(number) + ": ";
        if (line.find('"') != std::string::npos)
        {
            throw IpsecSweepError(where + "quoted cells are not supported");
        }
        std::vector<std::string> cells = SplitCells(line);
        if (header)
        {
            std::set<std::string> seen;
            for (const std::string& name : cells)
            {
                if (name.empty())
                {
                    throw IpsecSweepError(where + "empty column name in the header");
                }
                if (!seen.insert(name).second)
                {
                    throw IpsecSweepError(where + "column " + name + " appears twice");
                }
            }
            table.columns = cells;
            header = false;
            continue;
        }
        if (cells.size() != table.columns.size())
        {
            throw IpsecSweepError(where + "expected " + std::to_string(table.columns.size()) +
                                  " cells (as the header), got " + std::to_string(cells.size()));
        }
        table.rows.push_back(cells);
    }
    if (header)
    {
        throw IpsecSweepError(source + ": empty file (expected a header line)");
    }
    return table;
}

IpsecCsvTable
IpsecReadCsvFile(const std::string& path)
{
    std::ifstream in(path);
    if (!in)
    {
        throw IpsecSweepError(path + ": cannot be read (no such file?)");
    }
    return IpsecReadCsv(in, path);
}

void
IpsecWriteCsv(const IpsecCsvTable& table, std::ostream& out)
{
    auto line = [&out](const std::vector<std::string>& cells) {
        for (std::size_t i = 0; i < cells.size(); ++i)
        {
            out << (i ? "," : "") << cells[i];
        }
        out << "\n";
    };
    line(table.columns);
    for (const auto& row : table.rows)
    {
        line(row);
    }
}

} // namespace ns3
