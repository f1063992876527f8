/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ipsec-sweep-merger.h"

#include "ipsec-sample-stats.h"
#include "ipsec-sweep-error.h"

#include <algorithm>
#include <set>

namespace ns3
{

IpsecSweepMerger::IpsecSweepMerger(const std::vector<std::string>& parameters,
                                   const std::string& seed)
    : m_parameters(parameters)
{
    auto it = std::find(parameters.begin(), parameters.end(), seed);
    if (it == parameters.end())
    {
        throw IpsecSweepError("the seed parameter " + seed + " is not a parameter of the grid");
    }
    m_seed = static_cast<std::size_t>(it - parameters.begin());
    if (std::set<std::string>(parameters.begin(), parameters.end()).size() != parameters.size())
    {
        throw IpsecSweepError("a parameter is named twice");
    }
}

void
IpsecSweepMerger::AddRun(const std::vector<std::string>& values,
                         const IpsecCsvTable& table,
                         const std::string& source)
{
    if (values.size() != m_parameters.size())
    {
        throw IpsecSweepError(source + ": expected " + std::to_string(m_parameters.size()) +
                              " parameter values, got " + std::to_string(values.size()));
    }
    for (const std::string& name : m_parameters)
    {
        if (table.Find(name) >= 0)
        {
            throw IpsecSweepError(source + ": column " + name +
                                  " has the name of a parameter of the grid");
        }
    }
    if (m_seen.empty())
    {
        m_columns = table.columns;
    }
    else if (table.columns != m_columns)
    {
        throw IpsecSweepError(source + ": its columns differ from those of " + m_sources.front());
    }
    if (table.rows.empty())
    {
        throw IpsecSweepError(source + ": no rows after the header");
    }
    auto [previous, added] = m_seen.emplace(values, source);
    if (!added)
    {
        throw IpsecSweepError(source + ": the same parameters as " + previous->second);
    }
    std::vector<std::string> point = values;
    point.erase(point.begin() + m_seed);
    ++m_runs[point];
    for (const auto& cells : table.rows)
    {
        m_rows.push_back({point, cells, m_sources.size()});
    }
    m_sources.push_back(source);
}

IpsecCsvTable
IpsecSweepMerger::Merge() const
{
    if (m_rows.empty())
    {
        throw IpsecSweepError("no runs to merge");
    }
    std::vector<bool> numeric(m_columns.size(), true);
    for (const Row& row : m_rows)
    {
        for (std::size_t c = 0; c < m_columns.size(); ++c)
        {
            double v;
            if (!row.cells[c].empty() && !IpsecParseNumber(row.cells[c], v))
            {
                numeric[c] = false;
            }
        }
    }
    // Group rows by grid point and key, in order of first appearance.
    using Key = std::vector<std::string>;
    std::vector<Key> order;
    std::map<Key, std::vector<const Row*>> groups;
    for (const Row& row : m_rows)
    {
        Key key = row.point;
        for (std::size_t c = 0; c < m_columns.size(); ++c)
        {
            if (!numeric[c])
            {
                key.push_back(row.cells[c]);
            }
        }
        auto& group = groups[key];
        if (group.empty())
        {
            order.push_back(key);
        }
        // A run giving two rows of one key would count twice, as if it were two seeds.
        if (!group.empty() && group.back()->run == row.run)
        {
            throw IpsecSweepError(m_sources[row.run] +
                                  ": two rows with the same text (key) columns; a run gives "
                                  "one row per key, since the statistics are over runs");
        }
        group.push_back(&row);
    }

    IpsecCsvTable merged;
    for (std::size_t p = 0; p < m_parameters.size(); ++p)
    {
        if (p != m_seed)
        {
            merged.columns.push_back(m_parameters[p]);
        }
    }
    for (std::size_t c = 0; c < m_columns.size(); ++c)
    {
        if (!numeric[c])
        {
            merged.columns.push_back(m_columns[c]);
        }
    }
    merged.columns.push_back("runs");
    for (std::size_t c = 0; c < m_columns.size(); ++c)
    {
        if (numeric[c])
        {
            for (const char* suffix : {"_mean", "_ci95", "_n"})
            {
                merged.columns.push_back(m_columns[c] + suffix);
            }
        }
    }
    for (const Key& key : order)
    {
        const auto& group = groups.at(key);
        Key point(key.begin(), key.begin() + m_parameters.size() - 1);
        uint32_t runs = m_runs.at(point);
        std::vector<std::string> out = key;
        out.push_back(std::to_string(runs));
        for (std::size_t c = 0; c < m_columns.size(); ++c)
        {
            if (!numeric[c])
            {
                continue;
            }
            std::vector<double> values;
            for (const Row* row : group)
            {
                double v;
                if (IpsecParseNumber(row->cells[c], v))
                {
                    values.push_back(v);
                }
            }
            IpsecSampleStats stats = IpsecComputeSampleStats(values);
            out.push_back(IpsecFormatNumber(stats.mean));
            out.push_back(IpsecFormatNumber(stats.ci95));
            out.push_back(std::to_string(stats.n));
        }
        merged.rows.push_back(out);
    }
    return merged;
}

} // namespace ns3
