// The fuel-dispenser family's parts of report.html (see section.h).
#pragma once
#include "reports/sections/section.h"

namespace hilbench::reports::sections {

// The dispenser: its rating, the standard measures, words and decimals of its quantities,
// volume timelines of labelled points, lock and authentication evidence.
const report_section& dispenser_device();
// JJG 443 / R 117: the error of every run against the flow with the MPE band.
const report_section& jjg443_evaluation();

}  // namespace hilbench::reports::sections
