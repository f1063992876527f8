/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef IPSEC_PLOT_FILES_H
#define IPSEC_PLOT_FILES_H

#include "ns3/gnuplot.h"

#include <functional>
#include <ostream>
#include <string>

namespace ns3
{

/**
 * \brief The files of a program's `--plot=PREFIX`: the gnuplot script PREFIX.plt, its data
 * PREFIX.dat and the picture PREFIX.png that gnuplot draws from them.
 *
 * The data file is written by the program itself rather than as ns-3 datasets, so that a test
 * can read the plotted values back (and ns-3's 3D datasets are always written inline).
 */
class IpsecPlotFiles
{
  public:
    /** \param prefix the start of the three file names */
    explicit IpsecPlotFiles(const std::string& prefix);

    /** \return PREFIX.plt */
    const std::string& GetScript() const;
    /** \return PREFIX.dat, the file the script's plot command reads */
    const std::string& GetData() const;

    /**
     * \brief Write the script of \p plot and, through \p writeData, the data file; say where they
     * are on standard output and draw PREFIX.png with gnuplot. A missing or failing gnuplot is
     * said in that line and is not an error (the script and data stay for later).
     * \param plot the plot (its output file is PREFIX.png)
     * \param writeData writes the data file's content
     * \return false if the script or the data file could not be written
     */
    bool Write(Gnuplot& plot, const std::function<void(std::ostream&)>& writeData) const;

  private:
    std::string m_prefix; //!< PREFIX
    std::string m_script; //!< PREFIX.plt
    std::string m_data;   //!< PREFIX.dat
};

} // namespace ns3

#endif
