// The legal outputs, nameplate and controls of a fuel dispenser: all that a test procedure or
// an inspector may see of it or do to it (procedures never get taps or internals).
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "models/core/audit_log.h"
#include "models/dispenser/dispenser_firmware.h"

namespace sc_core {
class sc_event;
}

namespace hilbench::dispenser {

struct dispenser_nameplate {
    std::string accuracy_class;
    double qmax_l_per_min = 0, qmin_l_per_min = 0, mmq_l = 0;
    double volume_interval_l = 0.01, amount_interval_cny = 0.01;
    std::string device_id;
    double k_factor_pulses_per_l = 0;  // as the verification record states it
};

// A pulse counter clamped on the pulser's cable at the controller's input, as an overt
// inspection fits one: the rising edges on each line since the dispenser was powered (what the
// controller receives, after a pin in the pulser or a generator on the line).
struct pulser_counts {
    uint64_t a_edges = 0, b_edges = 0;
};

class dispenser_face {
public:
    virtual ~dispenser_face() = default;
    virtual const dispenser_nameplate& nameplate() const = 0;
    virtual const fuel_display& display() const = 0;
    virtual const sc_core::sc_event& display_event() const = 0;
    // The nozzle is lifted and the delivery authorised (false: refused, e.g. locked).
    virtual bool authorise(preset_kind kind, double value) = 0;
    // The hand on the nozzle lever: the flow it asks for (L/min; 0 closes the nozzle). The pump
    // and the valves give at most that.
    virtual void set_nozzle_flow(double q_l_per_min) = 0;
    virtual void hang_up() = 0;
    virtual void set_power(bool on) = 0;
    virtual void press(const std::string& key) = 0;
    // A legitimate command from the station's POS (the unit price).
    virtual void pos_command(const std::string& reg, double value) = 0;
    virtual const std::vector<fuel_sale>& sales() const = 0;
    virtual double mechanical_totaliser_l() const = 0;
    virtual double electronic_totaliser_l() const = 0;
    virtual std::string software_id() const = 0;
    virtual const std::vector<audit_entry>& audit_trail() const = 0;
    // The service technician's unlock after a self-lock (logged).
    virtual void service_unlock() = 0;
    // The lab's tools. A pulse generator clamped on the pulser's A line (extra pulses per
    // second; 0 removes it), as the self-lock test uses it.
    virtual void attach_pulse_generator(double extra_per_s) = 0;
    // An unpaired part fitted ("encoder" or "mainboard"; fitted = false puts the original
    // back), effective at the next power-on, as the authentication test swaps them.
    virtual void fit_unpaired(const std::string& part, bool fitted) = 0;
    // The inspector's pulse counter on the pulser cable (a reading; it does not load the lines).
    virtual pulser_counts pulser_monitor() const = 0;
};

}  // namespace hilbench::dispenser
