/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ipsec-plot-files.h"

#include <cstdlib>
#include <fstream>
#include <iostream>

namespace ns3
{

IpsecPlotFiles::IpsecPlotFiles(const std::string& prefix)
    : m_prefix(prefix),
      m_script(prefix + ".plt"),
      m_data(prefix + ".dat")
{
}

const std::string&
IpsecPlotFiles::GetScript() const
{
    return m_script;
}

const std::string&
IpsecPlotFiles::GetData() const
{
    return m_data;
}

bool
IpsecPlotFiles::Write(Gnuplot& plot, const std::function<void(std::ostream&)>& writeData) const
{
    std::ofstream control(m_script);
    plot.GenerateOutput(control);
    control.close();
    std::ofstream data(m_data);
    writeData(data);
    data.close();
    if (!control || !data)
    {
        return false;
    }
    std::cout << "\nPlot: " << m_script << ", " << m_data;
    // Both files are closed: gnuplot reads them complete.
    if (std::system(("gnuplot " + m_script + " 2>/dev/null").c_str()) == 0)
    {
        std::cout << ", " << m_prefix << ".png\n";
    }
    else
    {
        std::cout << " (gnuplot failed or is not installed: no " << m_prefix << ".png)\n";
    }
    return true;
}

} // namespace ns3
