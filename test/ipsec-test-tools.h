/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef IPSEC_TEST_TOOLS_H
#define IPSEC_TEST_TOOLS_H

// Test cases that hand data to outside tools (tshark, text2pcap, openssl) as independent
// implementations: without the tool they are skipped, and Boost.Test reports them as skipped
// with the reason, rather than passing without having checked anything.

#include <boost/test/unit_test.hpp>
#include <cstdlib>
#include <iostream>
#include <string>
#include <vector>

namespace ns3
{
namespace test
{

/**
 * A Boost.Test precondition: every named command is on PATH. Use as
 * `BOOST_AUTO_TEST_CASE(name, *boost::unit_test::precondition(ToolsOnPath{{"tshark"}}))`.
 */
struct ToolsOnPath
{
    std::vector<std::string> tools; //!< the commands needed

    /**
     * \return true if they are all there, else false with "X is not on PATH"
     */
    boost::test_tools::assertion_result
    operator()(boost::unit_test::test_unit_id id) const
    {
        for (const std::string& tool : tools)
        {
            if (std::system(("command -v '" + tool + "' >/dev/null 2>&1").c_str()) != 0)
            {
                // Boost.Test logs skips only above its default log level: say it here too.
                std::cout
                    << "SKIPPED "
                    << boost::unit_test::framework::get(id, boost::unit_test::TUT_ANY).full_name()
                    << ": " << tool << " is not on PATH" << std::endl;
                boost::test_tools::assertion_result missing(false);
                missing.message() << tool << " is not on PATH";
                return missing;
            }
        }
        return true;
    }
};

} // namespace test
} // namespace ns3

#endif /* IPSEC_TEST_TOOLS_H */
