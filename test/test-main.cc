/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// The Boost.Test entry point shared by every test program of the module.
#define BOOST_TEST_MODULE ns3_ipsec
#include <boost/test/unit_test.hpp>
