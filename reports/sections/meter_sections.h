// The electricity-meter family's parts of report.html (see section.h).
#pragma once
#include "reports/sections/section.h"

namespace hilbench::reports::sections {

// The meter: rating and constants, the test-point table with errors, pulses and the
// reference energy, energy timelines of labelled points, tamper evidence in the audit trail.
const report_section& meter_device();
// IEC 62053-21 / EN 50470-3: error against current per power factor with the MPE envelope.
const report_section& iec62053_accuracy_curves();
// Field audit: the error per load band and per hour of the day.
const report_section& field_audit_detail();
// Load-profile recording: true and indicated energy over the run.
const report_section& profile_recording_detail();

}  // namespace hilbench::reports::sections
