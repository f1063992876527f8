/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef IPSEC_SWEEP_MERGER_H
#define IPSEC_SWEEP_MERGER_H

// Merges the CSVs of the runs of a sweep into one table: one row per grid point (every
// parameter but the seed) and key (the values of the runs' text columns), with the number of
// runs and, for every numeric column, the mean, the 95% confidence half-width and the number of
// values. See doc/sweeps.md.

#include "ipsec-csv-table.h"

#include <map>
#include <string>
#include <vector>

namespace ns3
{

/**
 * \brief Collects the runs of a sweep and merges them per grid point.
 *
 * A column of the runs' CSVs is numeric when every non-empty cell of it, in every run, is a
 * number (IpsecParseNumber); empty cells are missing values. Other columns are keys: rows are
 * grouped by grid point and key, so a run gives at most one row per key. Rows come out in the
 * order their grid point and key first appear.
 */
class IpsecSweepMerger
{
  public:
    /**
     * \param parameters the grid's parameter names, in grid order
     * \param seed the parameter the runs of a grid point differ in (one of \p parameters)
     */
    IpsecSweepMerger(const std::vector<std::string>& parameters, const std::string& seed);

    /**
     * \brief Add one run; throws IpsecSweepError naming \p source when its columns differ from
     * the first run's, it has no rows, two rows share a key, or the same parameters came before.
     * \param values the run's parameter values, in the order of the parameters
     * \param table the CSV the run wrote
     * \param source the file, for messages
     */
    void AddRun(const std::vector<std::string>& values,
                const IpsecCsvTable& table,
                const std::string& source);

    /**
     * \brief The merged table: the parameters but the seed, the key columns, "runs", then
     * NAME_mean, NAME_ci95, NAME_n per numeric column. Throws IpsecSweepError without runs.
     * \return the table
     */
    IpsecCsvTable Merge() const;

  private:
    /** One row of one run. */
    struct Row
    {
        std::vector<std::string> point; //!< the parameter values but the seed
        std::vector<std::string> cells; //!< the run's row
        std::size_t run;                //!< index of the run, in the order added
    };

    std::vector<std::string> m_parameters; //!< grid order
    std::size_t m_seed;                    //!< index of the seed in m_parameters
    std::vector<std::string> m_columns;    //!< the runs' header (from the first run)
    std::vector<std::string> m_sources;    //!< each run's file, for messages
    std::vector<Row> m_rows;               //!< every run's rows, in the order added
    std::map<std::vector<std::string>, std::string> m_seen; //!< parameter values -> file
    std::map<std::vector<std::string>, uint32_t> m_runs;    //!< grid point -> runs
};

} // namespace ns3

#endif /* IPSEC_SWEEP_MERGER_H */
