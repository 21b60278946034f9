// Drives the Verilated load-cell ADC and its C++ twin with identical inputs, one clock at a
// time, and counts every difference in DOUT, the gain selection, power-down, the
// conversion strobe and the register read data.
#pragma once
#include "Vloadcell_adc_top.h"
#include "verilated.h"

#include <cstdint>
#include <memory>
#include <sstream>
#include <string>

#include "models/scale/lc_twin.h"

namespace hilbench::test {

struct dual_adc {
    VerilatedContext ctx;
    std::unique_ptr<Vloadcell_adc_top> rtl;
    lc::twin twin;
    uint64_t cycle = 0, mismatches = 0, compared = 0;
    std::string first_mismatch;

    dual_adc() : rtl(std::make_unique<Vloadcell_adc_top>(&ctx, "lc")) {
        lc::twin_inputs in;
        in.rst_n = false;
        for (int k = 0; k < 3; ++k) step(in);
    }
    ~dual_adc() { rtl->final(); }

    void note(const char* what, uint64_t rtl_v, uint64_t twin_v) {
        ++mismatches;
        if (first_mismatch.empty()) {
            std::ostringstream os;
            os << "cycle " << cycle << ": " << what << " rtl 0x" << std::hex << rtl_v << " twin 0x" << twin_v;
            first_mismatch = os.str();
        }
    }

    void step(const lc::twin_inputs& in) {
        rtl->rst_n = in.rst_n;
        rtl->i_mod_bit = in.mod_bit;
        rtl->i_rate = in.rate;
        rtl->i_pd_sck = in.pd_sck;
        rtl->i_sample_mode = in.sample_mode;
        rtl->i_sample_strobe = in.sample_strobe;
        rtl->i_sample = static_cast<uint32_t>(in.sample) & 0xffffffu;
        rtl->i_cfg_we = in.cfg_we;
        rtl->i_cfg_addr = in.cfg_addr & 3u;
        rtl->i_cfg_wdata = in.cfg_wdata & 0xffffffu;
        rtl->clk = 0;
        rtl->eval();
        rtl->clk = 1;
        rtl->eval();
        twin.tick(in);
        ++cycle;
        if (!in.rst_n) return;
        ++compared;
        if (bool(rtl->o_dout) != twin.dout()) note("dout", rtl->o_dout, twin.dout());
        if (rtl->o_gain_sel != twin.gain_sel()) note("gain_sel", rtl->o_gain_sel, twin.gain_sel());
        if (bool(rtl->o_power_down) != twin.power_down()) note("power_down", rtl->o_power_down, twin.power_down());
        if (bool(rtl->o_conv_valid) != twin.conv_valid()) note("conv_valid", rtl->o_conv_valid, twin.conv_valid());
        const uint32_t tw = twin.cfg_rdata(in.cfg_addr, in.rate);
        if (rtl->o_cfg_rdata != tw) note("cfg_rdata", rtl->o_cfg_rdata, tw);
    }
};

}  // namespace hilbench::test
