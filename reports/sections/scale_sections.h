// The weighing-instrument family's parts of report.html (see section.h).
#pragma once
#include "reports/sections/section.h"

namespace hilbench::reports::sections {

// The scale: its rating, mass timelines of labelled points, lock and ADC-write evidence.
const report_section& scale_device();
// OIML R 76-1 / JJG 539 type evaluation: error vs load with the MPE staircase (and per chamber
// temperature), eccentricity, repeatability, price computing, zero tracking.
const report_section& r76_type_evaluation();
// The market audit: the error of each commodity load against the in-service limit.
const report_section& market_audit();

}  // namespace hilbench::reports::sections
