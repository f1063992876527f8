/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef IPSEC_SWEEP_PLOT_H
#define IPSEC_SWEEP_PLOT_H

#include "ipsec-csv-table.h"

#include "ns3/gnuplot.h"

#include <string>

namespace ns3
{

/**
 * \brief The plot of a merged sweep table (IpsecSweepMerger::Merge): x = a parameter, y = the
 * mean of a numeric column with its 95% confidence interval as error bars; one line per
 * combination of the other parameters and keys. A point whose interval is unknown (one run)
 * gets no bar; a point without values is left out.
 *
 * Throws IpsecSweepError when \p x is not a parameter or key column of \p merged, its values are
 * not numbers, or \p y has no NAME_mean column.
 * \param merged the merged table
 * \param x the parameter on the x axis
 * \param y the column of the runs' CSVs on the y axis
 * \param png the image gnuplot is to write
 * \return the plot, ready for GenerateOutput
 */
Gnuplot IpsecSweepPlot(const IpsecCsvTable& merged,
                       const std::string& x,
                       const std::string& y,
                       const std::string& png);

} // namespace ns3

#endif /* IPSEC_SWEEP_PLOT_H */
