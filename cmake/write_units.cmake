# SPDX-License-Identifier: GPL-3.0-or-later
# Writes intaked's two systemd units from systemd/intaked.service.in:
# intaked.service (one organisation) and intaked@.service (one instance per
# organisation). Run at install time (CMakeLists.txt), so ExecStart follows the
# prefix given then, and by tests/verify_unit.sh with its own values.
#   UNIT_TEMPLATE  the .in file
#   UNIT_OUT_DIR   where to write the two units
#   SBINDIR        the absolute directory the intaked binary is in
# Run by -P or from cmake_install.cmake, where no policies are set: without
# CMP0053, "@SBINDIR@" in this file would be read as a variable reference.
cmake_policy(VERSION 3.25)
foreach(var UNIT_TEMPLATE UNIT_OUT_DIR SBINDIR)
  if(NOT DEFINED ${var})
    message(FATAL_ERROR "write_units.cmake: ${var} is not set")
  endif()
endforeach()
file(READ "${UNIT_TEMPLATE}" template)
string(REPLACE "@SBINDIR@" "${SBINDIR}" template "${template}")

function(write_unit name description config state)
  string(REPLACE "@DESCRIPTION@" "${description}" unit "${template}")
  string(REPLACE "@CONFIG@" "${config}" unit "${unit}")
  string(REPLACE "@STATE@" "${state}" unit "${unit}")
  if(unit MATCHES "@[A-Z]+@")
    message(FATAL_ERROR "write_units.cmake: ${UNIT_TEMPLATE} has a placeholder nobody fills: ${CMAKE_MATCH_0}")
  endif()
  file(WRITE "${UNIT_OUT_DIR}/${name}" "${unit}")
endfunction()

write_unit(intaked.service "intaked - complaints and compliments procedure by email"
           intaked intaked)
write_unit(intaked@.service "intaked for %i - complaints and compliments procedure by email"
           %i intaked/%i)
