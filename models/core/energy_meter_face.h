// The legal outputs and nameplate of an electricity meter: all that a test procedure may
// see of it (harness/procedures never get taps or internals).
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>

namespace sc_core {
class sc_event;
}

namespace hilbench {

struct energy_meter_nameplate {
    std::string accuracy_class;
    double voltage_v = 0;
    double basic_current_a = 0;   // Ib, or Iref for EN 50470
    double max_current_a = 0;
    double freq_hz = 0;
    double meter_constant_imp_per_kwh = 0;
    double display_resolution_kwh = 0;
    int measuring_elements = 1;
    double tariff_peak_start_h = 8, tariff_peak_end_h = 22;  // two-rate tariff, device clock
};

// What clamp-on ammeters on the live and the neutral conductor at the meter's terminals read:
// true RMS (fundamental and harmonics) of the currents the installation brings there, after any
// tampering of the installation and before anything inside the meter.
struct terminal_currents {
    double live_a = 0;
    double neutral_a = 0;
};

class energy_meter_face {
public:
    virtual ~energy_meter_face() = default;
    virtual const energy_meter_nameplate& nameplate() const = 0;
    // CF/LED test output: rising edges seen so far and their times (simulated seconds).
    virtual std::size_t cf_pulse_count() const = 0;
    virtual double cf_edge_time_s(std::size_t k) const = 0;
    virtual const sc_core::sc_event& cf_event() const = 0;
    // The legal display register (in units of the display resolution).
    virtual int64_t display_digits() const = 0;
    virtual const sc_core::sc_event& display_event() const = 0;
    virtual std::string software_id() const = 0;
    // Tariff registers (1 = peak, 2 = off-peak) and the device clock, as the display shows them.
    virtual double tariff_energy_kwh(int tariff) const = 0;
    virtual double clock_h() const = 0;
    // An inspector's clamp meters on the conductors at the terminals, read now.
    virtual terminal_currents clamp_currents() const = 0;
};

}  // namespace hilbench
