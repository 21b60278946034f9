// energy_frontend_top: single-phase metering ASIC front end (ADE7953/HT7017 class).
// Three 1-bit sigma-delta inputs (V, I phase, I2 neutral) at the modulator clock `clk`,
// sinc3 decimation by 2**OSR_LOG2, DC-removal HPF, gain/offset, phase calibration,
// active power, anti-creep, energy quanta and the CF output; tamper comparator; registers.
// DC mode (CONFIG[5]) bypasses the high-pass filters and the phase calibration, for a DC
// meter behind a shunt or Hall sensor and a voltage divider.
// In sample mode (i_sample_mode = 1) the decimators are bypassed: decimated samples enter
// on i_*_sample with i_sample_valid (the `sample` fidelity entry point). Reset: rst_n low,
// synchronous. Latency from a decimated sample to CF: 7 samples. Bus: see ef_regs.
// SPDX-License-Identifier: Apache-2.0
`default_nettype none
module energy_frontend_top #(
    parameter int OSR_LOG2 = 8,
    parameter int HPF_K    = 10,
    parameter int LPF_K    = 8,
    parameter int TAMPER_K = 8
) (
    input  wire logic               clk,
    input  wire logic               rst_n,
    input  wire logic               i_v_bit,
    input  wire logic               i_i_bit,
    input  wire logic               i_i2_bit,
    input  wire logic               i_sample_mode,
    input  wire logic               i_sample_valid,
    input  wire logic signed [23:0] i_v_sample,
    input  wire logic signed [23:0] i_i_sample,
    input  wire logic signed [23:0] i_i2_sample,
    input  wire logic [7:0]         i_bus_addr,
    input  wire logic [31:0]        i_bus_wdata,
    input  wire logic               i_bus_we,
    input  wire logic               i_bus_re,
    output logic [31:0]             o_bus_rdata,
    output logic                    o_cf,
    output logic                    o_sample_strobe
);
    logic [OSR_LOG2-1:0] dec_cnt_q;
    logic dec;
    logic signed [23:0] sv, si, si2;
    logic vv, vi, vi2, valid;
    logic signed [23:0] v_src, i_src, i2_src;
    logic signed [23:0] v_hpf, i_hpf, i2_hpf, v_cal, i_cal, i2_cal, v_ph, i_ph, i2_ph;
    logic signed [31:0] p_act;
    logic [5:0] config_r;
    logic dc_mode;
    logic signed [11:0] phcal_eff;
    logic [23:0] vgain, igain, i2gain, tmin, iavg, i2avg;
    logic signed [23:0] voffset, ioffset, i2offset;
    logic signed [11:0] phcal;
    logic signed [31:0] wattos, aenergy;
    logic [31:0] noload, startthr, cfcnt;
    logic [47:0] cfthr;
    logic [15:0] cfdiv, cfwidth;
    logic [6:0] tthr;
    logic running, revp, tamper, use_i2;

    assign dec = (dec_cnt_q == '1);
    always_ff @(posedge clk) begin
        if (!rst_n) dec_cnt_q <= '0;
        else dec_cnt_q <= dec_cnt_q + 1'b1;
    end

    // the decimators are held while decimated samples come from outside (sample mode)
    ef_sinc3 #(.OSR_LOG2(OSR_LOG2)) u_sinc_v  (.clk, .rst_n, .i_enable(!i_sample_mode), .i_bit(i_v_bit),  .i_dec(dec), .o_sample(sv),  .o_valid(vv));
    ef_sinc3 #(.OSR_LOG2(OSR_LOG2)) u_sinc_i  (.clk, .rst_n, .i_enable(!i_sample_mode), .i_bit(i_i_bit),  .i_dec(dec), .o_sample(si),  .o_valid(vi));
    ef_sinc3 #(.OSR_LOG2(OSR_LOG2)) u_sinc_i2 (.clk, .rst_n, .i_enable(!i_sample_mode), .i_bit(i_i2_bit), .i_dec(dec), .o_sample(si2), .o_valid(vi2));

    assign valid  = i_sample_mode ? i_sample_valid : (vv & vi & vi2);
    assign v_src  = i_sample_mode ? i_v_sample  : sv;
    assign i_src  = i_sample_mode ? i_i_sample  : si;
    assign i2_src = i_sample_mode ? i_i2_sample : si2;
    assign o_sample_strobe = valid;

    // DC mode (CONFIG[5]): a DC meter keeps the DC, so the high-pass filters are bypassed
    // whatever HPF_* say, and a phase has no meaning, so PHCAL is ignored
    assign dc_mode   = config_r[5];
    assign phcal_eff = dc_mode ? 12'sd0 : phcal;

    ef_hpf #(.K(HPF_K)) u_hpf_v  (.clk, .rst_n, .i_valid(valid), .i_enable(config_r[0] & ~dc_mode), .i_x(v_src),  .o_y(v_hpf));
    ef_hpf #(.K(HPF_K)) u_hpf_i  (.clk, .rst_n, .i_valid(valid), .i_enable(config_r[1] & ~dc_mode), .i_x(i_src),  .o_y(i_hpf));
    ef_hpf #(.K(HPF_K)) u_hpf_i2 (.clk, .rst_n, .i_valid(valid), .i_enable(config_r[2] & ~dc_mode), .i_x(i2_src), .o_y(i2_hpf));

    ef_gain_offset u_go_v  (.clk, .rst_n, .i_valid(valid), .i_x(v_hpf),  .i_gain(vgain),  .i_offset(voffset),  .o_y(v_cal));
    ef_gain_offset u_go_i  (.clk, .rst_n, .i_valid(valid), .i_x(i_hpf),  .i_gain(igain),  .i_offset(ioffset),  .o_y(i_cal));
    ef_gain_offset u_go_i2 (.clk, .rst_n, .i_valid(valid), .i_x(i2_hpf), .i_gain(i2gain), .i_offset(i2offset), .o_y(i2_cal));

    ef_phase_cal u_phase (.clk, .rst_n, .i_valid(valid), .i_phcal(phcal_eff),
                          .i_v(v_cal), .i_i(i_cal), .i_i2(i2_cal),
                          .o_v(v_ph), .o_i(i_ph), .o_i2(i2_ph));

    ef_tamper #(.K(TAMPER_K)) u_tamper (.clk, .rst_n, .i_valid(valid), .i_i1(i_ph), .i_i2(i2_ph),
                          .i_thr(tthr), .i_min(tmin), .i_use_larger(config_r[4]),
                          .o_avg1(iavg), .o_avg2(i2avg), .o_tamper(tamper), .o_use_i2(use_i2));

    ef_power #(.K(LPF_K)) u_power (.clk, .rst_n, .i_valid(valid), .i_v(v_ph),
                          .i_i(use_i2 ? i2_ph : i_ph), .i_wattos(wattos), .o_p(p_act));

    ef_energy u_energy (.clk, .rst_n, .i_valid(valid), .i_p(p_act), .i_noload(noload),
                        .i_start(startthr), .i_abs(config_r[3]), .i_thr(cfthr),
                        .i_cfdiv(cfdiv), .i_cfwidth(cfwidth), .o_cf(o_cf),
                        .o_running(running), .o_revp(revp), .o_aenergy(aenergy), .o_cfcnt(cfcnt));

    ef_regs u_regs (.clk, .rst_n, .i_addr(i_bus_addr), .i_wdata(i_bus_wdata), .i_we(i_bus_we),
                    .i_re(i_bus_re), .o_rdata(o_bus_rdata),
                    .i_running(running), .i_revp(revp), .i_tamper(tamper), .i_use_i2(use_i2),
                    .i_aenergy(aenergy), .i_cfcnt(cfcnt), .i_apower(p_act),
                    .i_vwave(v_ph), .i_iwave(i_ph), .i_i2wave(i2_ph), .i_iavg(iavg), .i_i2avg(i2avg),
                    .o_config(config_r), .o_vgain(vgain), .o_igain(igain), .o_i2gain(i2gain),
                    .o_voffset(voffset), .o_ioffset(ioffset), .o_i2offset(i2offset),
                    .o_phcal(phcal), .o_wattos(wattos), .o_noload(noload), .o_start(startthr),
                    .o_cfthr(cfthr), .o_cfdiv(cfdiv), .o_cfwidth(cfwidth),
                    .o_tamper_thr(tthr), .o_tamper_min(tmin));
endmodule
`default_nettype wire
