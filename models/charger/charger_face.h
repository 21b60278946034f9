// The legal outputs, nameplate and controls of an EV charger (AC post or DC charger): all a
// test procedure or an inspector may see of it or do to it. Procedures never get taps.
// The outlets are what the charger's socket sees of whatever is plugged in: a vehicle, or the
// lab's virtual or real load (the world implements them).
#pragma once
#include <string>
#include <vector>

#include "models/charger/control_pilot.h"
#include "models/charger/session_controller.h"
#include "models/core/audit_log.h"

namespace sc_core {
class sc_event;
}

namespace hilbench::charger {

struct charger_nameplate {
    std::string accuracy_class;
    std::string current_type;  // "AC" or "DC"
    double rated_voltage_v = 0;                     // AC
    double min_voltage_v = 0, max_voltage_v = 0;    // DC
    double min_current_a = 0, max_current_a = 0;
    double meter_constant_imp_per_kwh = 0;
    double display_resolution_kwh = 0.001;
    double min_pay_cny = 0.01;
    std::string device_id;
    // the public key registered for the charger (hex DER SubjectPublicKeyInfo): what a
    // transparency check verifies against, whatever key the charger signs with now
    std::string registered_public_key;
    // the cable registered for the charger (DC): its resistance in mOhm, 0 when none
    double registered_cable_mohm = 0;
};

class charger_face {
public:
    virtual ~charger_face() = default;
    virtual const charger_nameplate& nameplate() const = 0;
    // the test (pulse) output
    virtual std::size_t pulse_count() const = 0;
    virtual double pulse_time_s(std::size_t k) const = 0;
    virtual const sc_core::sc_event& pulse_event() const = 0;
    // the display: the session's energy and amount, the clock
    virtual session_display display() const = 0;
    virtual const sc_core::sc_event& display_event() const = 0;
    // The user presents a card: a session opens and energy flows once the vehicle is ready.
    virtual void start_session(const std::string& id_tag) = 0;
    virtual void stop_session() = 0;
    virtual bool charging() const = 0;
    virtual const std::vector<receipt>& receipts() const = 0;
    // the signed records as the backend forwards them to the customer
    virtual const std::vector<std::string>& ocmf_records() const = 0;
    virtual std::string software_id() const = 0;
    virtual const std::vector<audit_entry>& audit_trail() const = 0;
};

// What an AC post's socket sees of what is plugged in.
class ac_outlet {
public:
    virtual ~ac_outlet() = default;
    // the CP state the vehicle's (or load's) resistors make at t (the world brings what is
    // plugged in up to t: a vehicle's charge, its on-board charger's taper)
    virtual cp_state vehicle_state(double t_s) = 0;
    // The post's pilot offers this current and its contactor is (not) closed, from t on.
    virtual void supply(double t_s, double offered_a, bool contactor_closed) = 0;
};

// What a DC charger's connector sees of what is plugged in (GB/T 27930 at message level).
class dc_outlet {
public:
    virtual ~dc_outlet() = default;
    virtual bool vehicle_ready(double t_s) const = 0;
    virtual double demand_current_a(double t_s) const = 0;   // BCL
    virtual double demand_voltage_v(double t_s) const = 0;
    // The charger delivers this current from t on; the voltage at the vehicle inlet (V).
    virtual double deliver(double t_s, double current_a) = 0;
    // The charger's part of the handshake (its limits) and its stop.
    virtual void handshake(double t_s, double max_voltage_v, double max_current_a) = 0;
    virtual void stopped(double t_s, const std::string& reason, double energy_kwh) = 0;
    // the air around the charger (its meter's temperature)
    virtual double temperature_c(double /*t_s*/) const { return 23; }
};

}  // namespace hilbench::charger
