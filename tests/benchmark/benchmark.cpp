// Prints the speed figures of hilbench measured in one run on this machine:
//  - the bare Verilator --cc loop of the energy front end (cycles/s);
//  - the same RTL with the same stimulus in Icarus Verilog, with the CF counts compared;
//  - the RTL inside the SystemC meter in `bit` mode, and without SystemC (adapter only);
//  - `sample` mode speed in simulated seconds per wall second;
//  - the wall time of the full class-1 campaign in each mode (hilbench run, 2 jobs);
//  - the scale: the bare Verilated load-cell ADC, the SystemC scale in each mode, and the
//    wall time of the full OIML R 76 campaign in each mode.
// Not a test: the figures go to stdout; nothing is asserted but the CF agreement.
#include "Venergy_frontend_top.h"
#include "Vloadcell_adc_top.h"
#include "verilated.h"

#include <nlohmann/json.hpp>
#include <systemc>

#include <sched.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "harness/stimulus/ac_source.h"
#include "harness/stimulus/weight_world.h"
#include "models/scale/hx_host.h"
#include "harness/stimulus/charging_world.h"
#include "models/charger/ac_post.h"
#include "models/charger/dc_charger.h"
#include "models/charger/ocmf.h"
#include "models/dispenser/fuel_dispenser.h"
#include "models/dispenser/pulser_link.h"
#include "models/scale/price_scale.h"
#include "models/meter/ef_regs.h"
#include "models/meter/rtl_adapter.h"
#include "models/meter/single_phase_meter.h"


namespace {
using namespace hilbench;
using clk = std::chrono::steady_clock;
namespace fs = std::filesystem;

double seconds_since(clk::time_point t0) { return std::chrono::duration<double>(clk::now() - t0).count(); }

// energy quantum: about one CF pulse per 100 decimated samples of the stimulus below
constexpr uint32_t thr = 600000000u;

std::vector<uint8_t> make_stimulus(std::size_t n) {
    std::vector<uint8_t> s(n);
    meter::sigma_delta2 mv, mi, mi2;
    const double w = 2 * meter::pi * 50.0 / meter::modulator_clock_hz;
    for (std::size_t k = 0; k < n; ++k) {
        const double t = double(k);
        const bool v = mv.step(0.39 * std::sin(w * t));
        const bool i = mi.step(0.30 * std::sin(w * t - 0.2));
        const bool i2 = mi2.step(0.30 * std::sin(w * t - 0.2));
        s[k] = uint8_t((v ? 4 : 0) | (i ? 2 : 0) | (i2 ? 1 : 0));
    }
    return s;
}

struct bare_result {
    double rate;
    uint64_t cf_first_n;
};

bare_result run_bare(const std::vector<uint8_t>& stim, std::size_t check_n, int repeats) {
    VerilatedContext ctx;
    Venergy_frontend_top top(&ctx, "ef");
    auto tick = [&] {
        top.clk = 1;
        top.eval();
        top.clk = 0;
        top.eval();
    };
    top.i_bus_re = 0;
    top.i_bus_we = 0;
    top.rst_n = 0;
    for (int k = 0; k < 4; ++k) tick();
    top.rst_n = 1;
    auto write = [&](uint8_t a, uint32_t d) {
        top.i_bus_addr = a;
        top.i_bus_wdata = d;
        top.i_bus_we = 1;
        tick();
        top.i_bus_we = 0;
    };
    write(ef::CFTHR_HI, 0);
    write(ef::CFTHR_LO, thr);
    write(ef::CFDIV, 1);
    write(ef::CFWIDTH, 8);
    uint64_t cf = 0, cf_check = 0;
    bool prev = false;
    const auto t0 = clk::now();
    uint64_t cycles = 0;
    for (int r = 0; r < repeats; ++r)
        for (std::size_t k = 0; k < stim.size(); ++k) {
            const uint8_t b = stim[k];
            top.i_v_bit = (b >> 2) & 1;
            top.i_i_bit = (b >> 1) & 1;
            top.i_i2_bit = b & 1;
            tick();
            ++cycles;
            const bool c = top.o_cf;
            if (c && !prev) ++cf;
            prev = c;
            if (cycles == check_n) cf_check = cf;
        }
    const double wall = seconds_since(t0);
    top.final();
    return {double(cycles) / wall, cf_check};
}

// Runs f in a child process (one SystemC elaboration per process) and returns its doubles.
// The child runs on the lowest core the benchmark may use: on a shared machine the cores can
// differ in speed, and a ratio of two figures measured on different cores would measure them.
std::vector<double> in_child(const std::function<std::vector<double>()>& f) {
    int fds[2];
    if (pipe(fds) != 0) return {};
    std::fflush(nullptr);
    const pid_t pid = fork();
    if (pid == 0) {
        close(fds[0]);
        cpu_set_t allowed;
        if (sched_getaffinity(0, sizeof allowed, &allowed) == 0)
            for (int c = 0; c < CPU_SETSIZE; ++c)
                if (CPU_ISSET(c, &allowed)) {
                    cpu_set_t one;
                    CPU_ZERO(&one);
                    CPU_SET(c, &one);
                    sched_setaffinity(0, sizeof one, &one);
                    break;
                }
        const std::vector<double> v = f();
        ssize_t unused = write(fds[1], v.data(), v.size() * sizeof(double));
        (void)unused;
        close(fds[1]);
        _exit(0);
    }
    close(fds[1]);
    std::vector<double> out;
    double x;
    while (read(fds[0], &x, sizeof x) == sizeof x) out.push_back(x);
    close(fds[0]);
    int st = 0;
    waitpid(pid, &st, 0);
    return out;
}

meter::meter_params default_meter() { return meter::meter_param_table().make(); }

// n active effects on the meter's taps (always on; values that leave the reading unchanged
// so that the work, not the result, differs)
std::vector<engine::cheat_spec> effects(int n) {
    using ek = engine::effect_spec::kind;
    auto c = [](const char* tap, ek k, double v) {
        engine::cheat_spec s;
        s.id = tap;
        s.label = "CHEAT";
        s.tap = tap;
        s.effect.k = k;
        s.effect.value = v;
        return s;
    };
    std::vector<engine::cheat_spec> all = {c("sensor.current_gain", ek::scale, 1.0), c("installation.phase_shift_deg", ek::offset, 0.0),
                                           c("fw.energy_increment", ek::scale, 1.0), c("installation.neutral_current_ratio", ek::stuck_at, 1.0),
                                           c("cf.out", ek::drop_pulses, 0.0)};
    if (n == 6) {  // the five above plus a per-sample effect in the modulator loop
        all.push_back(c("adc.current_input", ek::scale, 1.0));
        return all;
    }
    all.resize(std::size_t(n));
    return all;
}

std::vector<double> meter_rate(meter::fidelity f, double sim_s, int n_effects = -1) {
    sc_core::sc_report_handler::set_actions("/IEEE_Std_1666/deprecated", sc_core::SC_DO_NOTHING);
    static meter::meter_params p = default_meter();
    ac_line_state s;
    s.voltage_v = 230;
    s.current_a = 5;
    s.freq_hz = 50;
    stimulus::ac_source src(s, {});
    std::unique_ptr<engine::cheat_engine> eng;
    if (n_effects >= 0) eng = std::make_unique<engine::cheat_engine>(effects(n_effects), std::vector<engine::drift_spec>{}, 1.0, 9);
    meter::single_phase_meter m("meter", p, f, src, 7, 0.01, eng.get());
    sc_core::sc_start(sc_core::sc_time(0.1, sc_core::SC_SEC));
    const auto st0 = m.stats();
    const auto t0 = clk::now();
    sc_core::sc_start(sc_core::sc_time(sim_s, sc_core::SC_SEC));
    const double wall = seconds_since(t0);
    const auto st1 = m.stats();
    return {(st1[0].value - st0[0].value) / wall, sim_s / wall};
}

std::vector<double> adapter_rate(double sim_s) {
    meter::meter_params p = default_meter();
    meter::analog_front_end afe(p);
    ac_line_state s;
    s.voltage_v = 230;
    s.current_a = 5;
    s.freq_hz = 50;
    const auto ch = afe.convert(s, 23);
    meter::rtl_adapter a(meter::fidelity::bit, 7);
    a.set_signals(ch.v, ch.i, ch.i2);
    const auto n = uint64_t(sim_s * meter::modulator_clock_hz);
    const auto t0 = clk::now();
    a.run_until(n);
    return {double(n) / seconds_since(t0)};
}

// The bare Verilated load-cell ADC at 80 SPS with precomputed modulator bits and the host
// reading every conversion: cycles per second.
std::vector<double> bare_adc_rate(std::size_t n) {
    std::vector<uint8_t> bits(n);
    sigma_delta2 mod;
    for (std::size_t k = 0; k < n; ++k) bits[k] = mod.step(0.3) ? 1 : 0;
    VerilatedContext ctx;
    Vloadcell_adc_top top(&ctx, "adc");
    top.i_rate = 1;
    top.rst_n = 0;
    for (int k = 0; k < 3; ++k) {
        top.clk = 0;
        top.eval();
        top.clk = 1;
        top.eval();
    }
    top.rst_n = 1;
    lc::hx_host host;
    bool sck = false;
    const auto t0 = clk::now();
    for (std::size_t k = 0; k < n; ++k) {
        top.i_mod_bit = bits[k];
        top.i_pd_sck = sck;
        top.clk = 0;
        top.eval();
        top.clk = 1;
        top.eval();
        sck = host.clock(top.o_dout);
    }
    const double wall = seconds_since(t0);
    top.final();
    return {double(n) / wall, double(host.reads())};
}

// The SystemC scale with 5 kg on the receptor: RTL cycles per wall second and real-time factor.
std::vector<double> scale_rate(fidelity f, double sim_s) {
    sc_core::sc_report_handler::set_actions("/IEEE_Std_1666/deprecated", sc_core::SC_DO_NOTHING);
    static scale::scale_params p = scale::scale_param_table().make();
    stimulus::weight_world world({{0.0, 20.0}}, 6.0);
    scale::price_scale sc("scale", p, f, world, 7);
    receptor_load l;
    l.id = "w";
    l.mass_g = 5000;
    world.place(l, 0.0);
    sc_core::sc_start(sc_core::sc_time(1.0, sc_core::SC_SEC));
    const double c0 = sc.stats()[0].value;
    const auto t0 = clk::now();
    sc_core::sc_start(sc_core::sc_time(sim_s, sc_core::SC_SEC));
    const double wall = seconds_since(t0);
    return {(sc.stats()[0].value - c0) / wall, sim_s / wall};
}

// The bare Verilated pulser chips (controller front end and encoder), pins toggled as a pulser
// at 100 Hz: clock cycles per second, and the counts they made.
std::vector<double> bare_pulser_rate(std::size_t n) {
    dispenser::pulser_link link(fidelity::bit, 3, 4);
    dispenser::key128 k;
    link.power_on(0, k, k, false);
    double phase = 0;
    const double step = 100.0 / dispenser::pulser_link::clock_hz;
    const double end = double(n) / dispenser::pulser_link::clock_hz;
    const auto t0 = clk::now();
    link.run_pins(end, [&](double) {
        phase += step;
        const double f = phase - std::floor(phase);
        return std::make_pair(f >= 0.25 && f < 0.75, f >= 0.5);
    });
    const double wall = seconds_since(t0);
    return {double(link.cycles()) / wall, double(link.fwd_count())};
}

// The SystemC dispenser delivering at 40 L/min: RTL cycles per wall second and real-time factor.
std::vector<double> dispenser_rate(fidelity f, double sim_s) {
    sc_core::sc_report_handler::set_actions("/IEEE_Std_1666/deprecated", sc_core::SC_DO_NOTHING);
    static dispenser::dispenser_params p = dispenser::dispenser_param_table().make();
    struct tank : dispenser::fuel_source {
        double fuel_temperature_c(double) const override { return 15; }
        double viscosity_mm2_s(double) const override { return 0.7; }
        void deliver(double, double, double) override {}
    } world;
    dispenser::fuel_dispenser d("dispenser", p, f, world, 7);
    sc_core::sc_start(sc_core::sc_time(0.1, sc_core::SC_SEC));
    d.authorise(dispenser::preset_kind::none, 0);
    d.set_nozzle_flow(40);
    const double c0 = d.stats()[0].value;
    const auto t0 = clk::now();
    sc_core::sc_start(sc_core::sc_time(sim_s, sc_core::SC_SEC));
    const double wall = seconds_since(t0);
    return {(d.stats()[0].value - c0) / wall, sim_s / wall};
}

// A charger delivering at Imax into the lab's virtual load: simulated seconds per wall second.
std::vector<double> charger_rate(bool ac, fidelity f, double sim_s) {
    sc_core::sc_report_handler::set_actions("/IEEE_Std_1666/deprecated", sc_core::SC_DO_NOTHING);
    static charger::ac_post_params pa = charger::ac_post_param_table().make();
    static charger::dc_charger_params pd = charger::dc_charger_param_table().make();
    static stimulus::charging_world world(220, 50, {}, {}, {});
    std::unique_ptr<charger::ac_post> post;
    std::unique_ptr<charger::dc_charger> dc;
    if (ac) post = std::make_unique<charger::ac_post>("post", pa, f, std::vector<ac_line*>{&world.line()}, world, 7);
    else dc = std::make_unique<charger::dc_charger>("dc", pd, f, world, 7);
    charger::charger_face& c = ac ? static_cast<charger::charger_face&>(*post) : *dc;
    world.plug_load(0, ac ? 32 : 200, ac ? 1.0 : 475);
    sc_core::sc_start(sc_core::sc_time(1, sc_core::SC_SEC));
    c.start_session("BENCH");
    const auto t0 = clk::now();
    sc_core::sc_start(sc_core::sc_time(sim_s, sc_core::SC_SEC));
    return {sim_s / seconds_since(t0), double(c.pulse_count())};
}

// OCMF records signed and verified per wall second (P-256, RFC 6979 nonces).
std::vector<double> ocmf_rate(int n) {
    const charger::ocmf::signing_key key("C9AFA9D845BA75166B5C215767B1D6934E50C3DB36E89B127B8A622B120F6721");
    charger::ocmf::payload p;
    p.gi = "BENCH";
    p.pg = "T1";
    p.ms = "BENCH-M";
    charger::ocmf::reading r;
    r.tm = "2026-11-30T10:00:00,000+0000 S";
    r.tx = "C";
    p.rd.push_back(r);
    std::vector<std::string> recs;
    auto t0 = clk::now();
    for (int k = 0; k < n; ++k) {
        p.rd[0].rv = 0.001 * k;
        recs.push_back(charger::ocmf::sign_record(charger::ocmf::payload_text(p), key));
    }
    const double sign_rate = n / seconds_since(t0);
    t0 = clk::now();
    int valid = 0;
    for (const auto& rec : recs) valid += charger::ocmf::verify_record(charger::ocmf::parse_record(rec), key.public_key_hex());
    return {sign_rate, double(n) / seconds_since(t0), double(valid)};
}

double run_command(const std::string& cmd) {
    const auto t0 = clk::now();
    const int rc = std::system(cmd.c_str());
    const double wall = seconds_since(t0);
    return (rc == 0 || (WIFEXITED(rc) && WEXITSTATUS(rc) <= 1)) ? wall : -1.0;
}

}  // namespace

int main(int argc, char** argv) {
    const bool quick = argc > 1 && std::string(argv[1]) == "--quick";
    const std::string hilbench = HILBENCH_BIN;
    const std::string src = HILBENCH_SOURCE_DIR;
    const fs::path work = fs::temp_directory_path() / ("hilbench-benchmark-" + std::to_string(getpid()));
    fs::create_directories(work);
    const std::size_t n_iv = quick ? 200000 : 1000000;
    const int repeats = quick ? 2 : 20;
    std::printf("hilbench benchmark (%s)\n", quick ? "quick" : "full");

    const std::vector<uint8_t> stim = make_stimulus(n_iv);
    const bare_result bare = run_bare(stim, n_iv, repeats);
    std::printf("%-58s %12.3f Mcycles/s\n", "bare Verilator --cc loop, energy front end", bare.rate / 1e6);

    // Icarus Verilog, same RTL and stimulus
    double iv_rate = -1;
    long iv_cf = -1;
    {
        std::ofstream hex(work / "stimulus.hex");
        for (uint8_t b : stim) hex << std::hex << int(b) << "\n";
        hex.close();
        std::string sources;
        for (const char* f : {"ef_sinc3", "ef_hpf", "ef_gain_offset", "ef_phase_cal", "ef_power", "ef_tamper",
                              "ef_energy", "ef_regs", "energy_frontend_top"})
            sources += " " + src + "/rtl/energy_frontend/" + f + ".sv";
        const std::string vvp = (work / "tb.vvp").string();
        const std::string compile = "iverilog -g2012 -o " + vvp + " -s ef_iverilog_tb -P ef_iverilog_tb.N=" +
                                    std::to_string(n_iv) + " -P ef_iverilog_tb.THR=" + std::to_string(thr) + sources +
                                    " " + src + "/tests/benchmark/ef_iverilog_tb.sv > " + (work / "iv.log").string() +
                                    " 2>&1";
        if (std::system(compile.c_str()) == 0) {
            // two lengths with the same binary and stimulus file: the difference excludes
            // start-up and $readmemh, which the Verilator figure does not include either
            auto timed = [&](std::size_t cycles, long* cf) {
                const std::string out = (work / "iv.out").string();
                const double wall = run_command("vvp -n " + vvp + " +stim=" + (work / "stimulus.hex").string() +
                                                " +cycles=" + std::to_string(cycles) + " > " + out);
                std::ifstream in(out);
                std::string word;
                while (in >> word)
                    if (word == "CF") in >> *cf;
                return wall;
            };
            long cf_short = -1;
            const double t_short = timed(n_iv / 5, &cf_short);
            const double t_long = timed(n_iv, &iv_cf);
            if (t_short > 0 && t_long > t_short) iv_rate = double(n_iv - n_iv / 5) / (t_long - t_short);
        }
    }
    if (iv_rate > 0) {
        std::printf("%-58s %12.3f Mcycles/s\n", "Icarus Verilog 11 (vvp), same RTL and stimulus, incremental", iv_rate / 1e6);
        std::printf("%-58s %12.1f x   (target >= 100)\n", "  Verilator / Icarus", bare.rate / iv_rate);
        std::printf("%-58s %12s    (Verilator %llu, Icarus %ld over %zu cycles)\n", "  CF pulses agree",
                    (long(bare.cf_first_n) == iv_cf) ? "yes" : "NO", (unsigned long long)bare.cf_first_n, iv_cf, n_iv);
    } else {
        std::printf("%-58s %12s\n", "Icarus Verilog", "not available (apt-get install iverilog)");
    }

    const double sim_bit = quick ? 1.0 : 10.0;
    const auto m_bit = in_child([&] { return meter_rate(meter::fidelity::bit, sim_bit); });
    const auto a_bit = in_child([&] { return adapter_rate(sim_bit); });
    if (m_bit.size() == 2 && a_bit.size() == 1) {
        std::printf("%-58s %12.3f Mcycles/s\n", "RTL in the SystemC meter, bit mode (with modulators)", m_bit[0] / 1e6);
        std::printf("%-58s %12.3f     (target >= 0.6)\n", "  ratio to bare", m_bit[0] / bare.rate);
        std::printf("%-58s %12.3f Mcycles/s\n", "RTL adapter without SystemC, bit mode (with modulators)", a_bit[0] / 1e6);
        std::printf("%-58s %12.3f\n", "  SystemC meter / adapter alone", m_bit[0] / a_bit[0]);
        std::printf("%-58s %12.1f x real time\n", "bit mode speed", m_bit[1]);
    }
    // the cheat/drift engine's cost in bit mode: no engine, and an engine with 0, 1 and 5 active effects
    const double sim_eng = quick ? 1.0 : 5.0;
    const auto none = in_child([&] { return meter_rate(meter::fidelity::bit, sim_eng); });
    if (none.size() == 2) {
        std::printf("%-58s %12.3f Mcycles/s\n", "bit mode, no engine (an honest meter)", none[0] / 1e6);
        for (int n : {0, 1, 5, 6}) {
            const auto r = in_child([&] { return meter_rate(meter::fidelity::bit, sim_eng, n); });
            if (r.size() == 2)
                std::printf("%-58s %12.3f Mcycles/s (%.3f of no engine)\n",
                            (n == 6 ? std::string("bit mode, 5 effects + 1 on the sample stream (per cycle)")
                                    : "bit mode, engine with " + std::to_string(n) + " active effect" + (n == 1 ? "" : "s")).c_str(),
                            r[0] / 1e6, r[0] / none[0]);
        }
    }
    // twin against sample: three interleaved pairs on the same core, the best of each
    const auto best_of_pairs = [](const std::function<std::vector<double>()>& a,
                                  const std::function<std::vector<double>()>& b) {
        std::vector<double> ba, bb;
        for (int k = 0; k < 3; ++k) {
            const auto ra = in_child(a), rb = in_child(b);
            if (ra.size() == 2 && (ba.empty() || ra[1] > ba[1])) ba = ra;
            if (rb.size() == 2 && (bb.empty() || rb[1] > bb[1])) bb = rb;
        }
        return std::make_pair(ba, bb);
    };
    const auto [m_sample, m_twin] =
        best_of_pairs([&] { return meter_rate(meter::fidelity::sample, quick ? 30.0 : 300.0); },
                      [&] { return meter_rate(meter::fidelity::twin, quick ? 60.0 : 600.0); });
    if (m_sample.size() == 2)
        std::printf("%-58s %12.0f x real time (target >= 5000)\n", "sample mode speed (simulated s per wall s)",
                    m_sample[1]);
    if (m_twin.size() == 2 && m_sample.size() == 2)
        std::printf("%-58s %12.0f x real time (twin / sample %.2f, target >= 3)\n",
                    "twin mode speed (C++ twin in place of the RTL)", m_twin[1], m_twin[1] / m_sample[1]);

    const std::string scen = src + "/scenarios/meter/class1_type_approval.json";
    for (const char* mode : {"twin", "sample", "bit"}) {
        if (quick && std::string(mode) == "bit") continue;
        const std::string out = (work / (std::string("campaign_") + mode)).string();
        const double wall = run_command(hilbench + " run " + scen + " --fidelity " + mode + " --jobs 2 --quiet --out " +
                                        out + " > /dev/null");
        std::printf("%-58s %12.2f s wall (target <= %s)\n",
                    (std::string("full class-1 campaign, ") + mode + " mode, 2 jobs").c_str(), wall,
                    std::string(mode) == "bit" ? "120 s" : "5 s");
    }

    // the price-computing scale
    const auto adc = in_child([&] { return bare_adc_rate(quick ? 2000000 : 20000000); });
    if (adc.size() == 2)
        std::printf("%-58s %12.3f Mcycles/s (%.0f conversions read)\n", "bare Verilator loop, load-cell ADC with its host",
                    adc[0] / 1e6, adc[1]);
    const auto s_bit = in_child([&] { return scale_rate(fidelity::bit, quick ? 10.0 : 60.0); });
    if (s_bit.size() == 2) {
        std::printf("%-58s %12.3f Mcycles/s\n", "RTL in the SystemC scale, bit mode (with modulator)", s_bit[0] / 1e6);
        if (adc.size() == 2) std::printf("%-58s %12.3f\n", "  ratio to bare", s_bit[0] / adc[0]);
        std::printf("%-58s %12.1f x real time\n", "scale bit mode speed", s_bit[1]);
    }
    const auto [s_sample, s_twin] = best_of_pairs([&] { return scale_rate(fidelity::sample, quick ? 600.0 : 3600.0); },
                                                  [&] { return scale_rate(fidelity::twin, quick ? 600.0 : 3600.0); });
    if (s_sample.size() == 2)
        std::printf("%-58s %12.0f x real time\n", "scale sample mode speed (simulated s per wall s)", s_sample[1]);
    if (s_twin.size() == 2 && s_sample.size() == 2)
        std::printf("%-58s %12.0f x real time (twin / sample %.2f, target >= 3)\n", "scale twin mode speed",
                    s_twin[1], s_twin[1] / s_sample[1]);
    const std::string r76 = src + "/scenarios/scale/class3_type_approval.json";
    for (const char* mode : {"twin", "sample", "bit"}) {
        if (quick && std::string(mode) == "bit") continue;
        const std::string out = (work / (std::string("r76_") + mode)).string();
        const double wall = run_command(hilbench + " run " + r76 + " --fidelity " + mode + " --jobs 2 --quiet --out " +
                                        out + " > /dev/null");
        std::size_t points = 0;
        std::ifstream result(fs::path(out) / "result.json");
        if (result) points = nlohmann::json::parse(result, nullptr, false).value("points", nlohmann::json::array()).size();
        std::printf("%-58s %12.2f s wall\n",
                    ("full OIML R 76 campaign (" + std::to_string(points) + " points), " + mode + " mode, 2 jobs").c_str(),
                    wall);
    }

    // the fuel dispenser
    const auto pf = in_child([&] { return bare_pulser_rate(quick ? 2000000 : 20000000); });
    if (pf.size() == 2)
        std::printf("%-58s %12.3f Mcycles/s (%.0f counts)\n", "bare Verilator loop, pulser front end and encoder",
                    pf[0] / 1e6, pf[1]);
    const auto d_bit = in_child([&] { return dispenser_rate(fidelity::bit, quick ? 20.0 : 120.0); });
    if (d_bit.size() == 2) {
        std::printf("%-58s %12.3f Mcycles/s\n", "pulser RTL in the SystemC dispenser, bit mode", d_bit[0] / 1e6);
        if (pf.size() == 2) std::printf("%-58s %12.3f (target >= 0.6)\n", "  ratio to bare", d_bit[0] / pf[0]);
        std::printf("%-58s %12.1f x real time\n", "dispenser bit mode speed (simulated s per wall s)", d_bit[1]);
    }
    const auto d_sample = in_child([&] { return dispenser_rate(fidelity::sample, quick ? 600.0 : 3600.0); });
    if (d_sample.size() == 2)
        std::printf("%-58s %12.0f x real time\n", "dispenser sample mode speed (simulated s per wall s)", d_sample[1]);
    const std::string jjg = src + "/scenarios/dispenser/conforming_type_approval.json";
    for (const char* mode : {"sample", "bit"}) {
        const std::string out = (work / (std::string("jjg443_") + mode)).string();
        const double wall = run_command(hilbench + " run " + jjg + " --fidelity " + mode + " --jobs 2 --quiet --out " +
                                        out + " > /dev/null");
        std::printf("%-58s %12.2f s wall%s\n", (std::string("full JJG 443 campaign (9 points), ") + mode + " mode, 2 jobs").c_str(),
                    wall, std::string(mode) == "sample" ? " (target <= 10 s)" : "");
    }

    // the EV chargers
    for (const bool ac : {true, false}) {
        const char* name = ac ? "AC post" : "DC charger";
        const auto b = in_child([&] { return charger_rate(ac, fidelity::bit, quick ? 5.0 : 30.0); });
        const auto s = in_child([&] { return charger_rate(ac, fidelity::sample, quick ? 600.0 : 3600.0); });
        if (b.size() == 2)
            std::printf("%-58s %12.1f x real time\n", (std::string(name) + " bit mode speed, at Imax").c_str(), b[0]);
        if (s.size() == 2)
            std::printf("%-58s %12.0f x real time\n", (std::string(name) + " sample mode speed, at Imax").c_str(), s[0]);
        if (b.size() == 2 && s.size() == 2)
            std::printf("%-58s %12.0f\n", "  sample / bit", s[0] / b[0]);
    }
    const auto sig = in_child([&] { return ocmf_rate(quick ? 500 : 5000); });
    if (sig.size() == 3)
        std::printf("%-58s %12.0f records/s signed, %.0f verified (%.0f valid)\n", "OCMF ECDSA P-256 (RFC 6979 nonces)",
                    sig[0], sig[1], sig[2]);
    for (const char* sc : {"conforming_ac_post", "conforming_dc_charger"}) {
        for (const char* mode : {"sample", "bit"}) {
            const std::string out = (work / (std::string(sc) + "_" + mode)).string();
            const double wall = run_command(hilbench + " run " + src + "/scenarios/charger/" + sc + ".json --fidelity " +
                                            mode + " --jobs 2 --quiet --out " + out + " > /dev/null");
            std::printf("%-58s %12.2f s wall%s\n",
                        (std::string("full ") + (sc[11] == 'a' ? "JJG 1148 (7 points)" : "JJG 1149 (6 points)") + ", " +
                         mode + " mode, 2 jobs").c_str(),
                        wall, std::string(mode) == "sample" ? " (target <= 10 s)" : "");
        }
    }
    // campaigns: throughput on 1 and 2 jobs, the fixed cost of a run, peak memory, and the
    // 1000-run Monte-Carlo yield of the class-1 meter (accuracy points only, twin fidelity)
    {
        const std::string yield = src + "/scenarios/campaigns/meter_class1_yield.json";
        const int draws = quick ? 24 : 100;
        nlohmann::json c = nlohmann::json::parse(std::ifstream(yield));
        c["monte_carlo"]["draws"] = draws;
        c["reports"] = "none";
        c["scenarios"] = {src + "/scenarios/meter/class1_type_approval.json"};
        const fs::path cfile = work / "yield_small.json";
        std::ofstream(cfile) << c.dump(1);
        double rate[3] = {0, 0, 0};
        for (int j : {1, 2}) {
            const fs::path out = work / ("campaign_j" + std::to_string(j));
            const double wall = run_command(hilbench + " campaign " + cfile.string() + " -q -j " + std::to_string(j) +
                                            " --out " + out.string() + " > /dev/null");
            rate[j] = wall > 0 ? draws / wall : 0;
            std::printf("%-58s %12.2f runs/s (%d runs, %.1f s wall)\n",
                        ("campaign throughput, class-1 accuracy runs (twin), " + std::to_string(j) + " job" + (j > 1 ? "s" : "")).c_str(),
                        rate[j], draws, wall);
        }
        if (rate[1] > 0) std::printf("%-58s %12.2f\n", "  2 jobs / 1 job", rate[2] / rate[1]);
        // the fixed cost: a run's process wall time against the wall time of its points' own
        // processes (elaboration and simulation), from the records of the 1-job campaign
        double run_wall = 0, point_wall = 0, run_rss = 0, point_rss = 0;
        std::size_t n = 0;
        for (const auto& e : fs::directory_iterator(work / "campaign_j1" / "runs")) {
            if (e.path().extension() != ".json") continue;
            const auto r = nlohmann::json::parse(std::ifstream(e.path()));
            const auto& m = r.at("meta");
            run_wall += m.value("process_wall_s", 0.0);
            for (const auto& [k, v] : m.at("point_wall_s").items()) point_wall += v.get<double>();
            run_rss = std::max(run_rss, m.value("max_rss_mb", 0.0));
            for (const auto& [k, v] : m.at("point_max_rss_mb").items()) point_rss = std::max(point_rss, v.get<double>());
            ++n;
        }
        if (n) {
            std::printf("%-58s %12.3f s per run (of which its points %.3f s, the rest %.3f s)\n",
                        "campaign run process, 1 job", run_wall / double(n), point_wall / double(n), (run_wall - point_wall) / double(n));
            std::printf("%-58s %12.1f MB (its point processes: %.1f MB)\n", "peak memory of a run process", run_rss, point_rss);
        }
        const std::string one = (work / "one.json").string();
        {
            nlohmann::json sc = nlohmann::json::parse(std::ifstream(src + "/scenarios/meter/class1_type_approval.json"));
            sc["procedure"]["tests"] = {"accuracy"};
            sc["device"]["fidelity"] = "twin";
            sc["outputs"]["series"] = false;
            std::ofstream(one) << sc.dump(1);
        }
        // the same run alone with `hilbench run` (process start, plan, points, and all its reports)
        const int reps = quick ? 3 : 10;
        double alone = 0;
        for (int k = 0; k < reps; ++k)
            alone += run_command(hilbench + " run " + one + " -j 1 -q --out " + (work / "one_out").string() + " > /dev/null");
        std::printf("%-58s %12.3f s per run (with reports; a campaign run writes none)\n",
                    "the same run with `hilbench run`, 1 job", alone / reps);
        if (!quick) {
            const fs::path out = work / "yield_1000";
            const double wall = run_command(hilbench + " campaign " + yield + " -q -j 2 --out " + out.string() + " > /dev/null");
            std::printf("%-58s %12.1f s wall (target <= 600 s)\n", "1000-run Monte-Carlo yield, class-1 meter, 2 jobs", wall);
            std::ifstream in(out / "summary.json");
            if (in) {
                const auto s = nlohmann::json::parse(in);
                const auto& y = s.at("groups").at(0).at("yield");
                std::printf("%-58s %12.1f %% (95 %% interval %.1f to %.1f %%)\n", "  its yield", 100 * y.at("yield").get<double>(),
                            100 * y.at("ci95")[0].get<double>(), 100 * y.at("ci95")[1].get<double>());
            }
        }
    }
    fs::remove_all(work);
    return 0;
}
