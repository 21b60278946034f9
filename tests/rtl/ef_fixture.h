// Drives the Verilated front end and its C++ twin with identical inputs, one clock at a
// time, and counts every difference in the latched read data, the sample strobe and CF.
#pragma once
#include "Venergy_frontend_top.h"
#include "verilated.h"

#include <cstdint>
#include <memory>
#include <sstream>
#include <string>

#include "models/meter/ef_twin.h"

namespace hilbench::test {

struct dual_frontend {
    VerilatedContext ctx;
    std::unique_ptr<Venergy_frontend_top> rtl;
    ef::twin twin;
    uint64_t cycle = 0, mismatches = 0, compared = 0;
    std::string first_mismatch;

    dual_frontend() : rtl(std::make_unique<Venergy_frontend_top>(&ctx, "ef")) {
        ef::twin_inputs in;
        in.rst_n = false;
        for (int k = 0; k < 3; ++k) step(in);
    }
    ~dual_frontend() { rtl->final(); }

    void apply(const ef::twin_inputs& in) {
        rtl->rst_n = in.rst_n;
        rtl->i_v_bit = in.v_bit;
        rtl->i_i_bit = in.i_bit;
        rtl->i_i2_bit = in.i2_bit;
        rtl->i_sample_mode = in.sample_mode;
        rtl->i_sample_valid = in.sample_valid;
        rtl->i_v_sample = static_cast<uint32_t>(in.v_sample) & 0xffffffu;
        rtl->i_i_sample = static_cast<uint32_t>(in.i_sample) & 0xffffffu;
        rtl->i_i2_sample = static_cast<uint32_t>(in.i2_sample) & 0xffffffu;
        rtl->i_bus_addr = in.bus_addr;
        rtl->i_bus_wdata = in.bus_wdata;
        rtl->i_bus_we = in.bus_we;
        rtl->i_bus_re = in.bus_re;
    }

    void note(const char* what, uint64_t rtl_v, uint64_t twin_v, uint8_t addr) {
        ++mismatches;
        if (first_mismatch.empty()) {
            std::ostringstream os;
            os << "cycle " << cycle << ": " << what << " addr 0x" << std::hex << int(addr) << " rtl 0x" << rtl_v
               << " twin 0x" << twin_v;
            first_mismatch = os.str();
        }
    }

    // One clock: compare the combinational strobe before the edge, registered outputs after.
    void step(const ef::twin_inputs& in) {
        apply(in);
        rtl->clk = 0;
        rtl->eval();
        if (in.rst_n && bool(rtl->o_sample_strobe) != twin.sample_strobe(in))
            note("sample_strobe", rtl->o_sample_strobe, twin.sample_strobe(in), in.bus_addr);
        rtl->clk = 1;
        rtl->eval();
        twin.tick(in);
        ++compared;
        if (rtl->o_bus_rdata != twin.rdata()) note("rdata", rtl->o_bus_rdata, twin.rdata(), in.bus_addr);
        if (bool(rtl->o_cf) != twin.cf()) note("cf", rtl->o_cf, twin.cf(), in.bus_addr);
        ++cycle;
    }

    // A register read through the bus: one clock with i_bus_re (inputs otherwise idle).
    uint32_t read(uint8_t addr, ef::twin_inputs in = {}) {
        in.bus_addr = addr;
        in.bus_re = true;
        in.bus_we = false;
        step(in);
        return rtl->o_bus_rdata;
    }
};

}  // namespace hilbench::test
