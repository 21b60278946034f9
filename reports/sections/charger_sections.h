// The EV-charger family's parts of report.html (see section.h).
#pragma once
#include "reports/sections/section.h"

namespace hilbench::reports::sections {

// The charger: its rating, the reference meter, words and decimals of its quantities, the
// delivered-against-billed timeline of labelled points, tariff and key changes as evidence.
const report_section& charger_device();
// JJG 1148 / 1149 and the field methods: the working error of every load point with the MPE
// band, the payment table, the signed records with each check's verdict.
const report_section& charger_evaluation();

}  // namespace hilbench::reports::sections
