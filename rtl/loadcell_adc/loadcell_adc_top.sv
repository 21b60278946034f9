// loadcell_adc_top: digital back end of a 24-bit load-cell ADC (HX711 class).
// A 1-bit sigma-delta stream of the selected channel enters at the modulator clock `clk`
// (163.84 kHz): lc_sinc3 decimates to 10 SPS (RATE pin low) or 80 SPS (high), lc_offset_gain
// trims, lc_serial serves the DOUT / PD_SCK read-out and drives the analog selection
// (o_gain_sel: 0 = A x128, 1 = B x32, 2 = A x64; o_power_down).
// In sample mode (i_sample_mode = 1) the decimator is held and decimated samples enter on
// i_sample with i_sample_strobe (the `sample` fidelity entry point).
// Registers (24 bit, write at the clock edge, combinational read): 0 OFFSET, 1 GAIN,
// 2 CFGWR_CNT (writes accepted, saturating at 255; read only), 3 STATUS {rate, pd, sel}.
// Latency: conversion -> DOUT low 2 cycles. Reset: rst_n low, synchronous.
// SPDX-License-Identifier: Apache-2.0
`default_nettype none
module loadcell_adc_top (
    input  wire logic              clk,
    input  wire logic              rst_n,
    input  wire logic              i_mod_bit,
    input  wire logic              i_rate,
    input  wire logic              i_pd_sck,
    input  wire logic              i_sample_mode,
    input  wire logic              i_sample_strobe,
    input  wire logic signed [23:0] i_sample,
    input  wire logic              i_cfg_we,
    input  wire logic [1:0]        i_cfg_addr,
    input  wire logic [23:0]       i_cfg_wdata,
    output logic [23:0]            o_cfg_rdata,
    output logic                   o_dout,
    output logic [1:0]             o_gain_sel,
    output logic                   o_power_down,
    output logic                   o_conv_valid
);
    logic signed [23:0] offset_q, sinc_sample, og_in, code;
    logic [23:0] gain_q;
    logic [7:0] cfgwr_cnt_q;
    logic sinc_valid, og_valid, code_valid, restart, pd;

    always_ff @(posedge clk) begin
        if (!rst_n) begin
            offset_q <= '0;
            gain_q <= 24'h400000;
            cfgwr_cnt_q <= '0;
        end else if (i_cfg_we && !i_cfg_addr[1]) begin
            if (i_cfg_addr[0]) gain_q <= i_cfg_wdata;
            else offset_q <= i_cfg_wdata;
            if (cfgwr_cnt_q != 8'hff) cfgwr_cnt_q <= cfgwr_cnt_q + 8'd1;
        end
    end

    always_comb begin
        case (i_cfg_addr)
            2'd0: o_cfg_rdata = offset_q;
            2'd1: o_cfg_rdata = gain_q;
            2'd2: o_cfg_rdata = {16'd0, cfgwr_cnt_q};
            default: o_cfg_rdata = {20'd0, i_rate, pd, o_gain_sel};
        endcase
    end

    lc_sinc3 u_sinc (.clk, .rst_n, .i_enable(!i_sample_mode && !pd), .i_restart(restart), .i_rate,
                     .i_bit(i_mod_bit), .o_sample(sinc_sample), .o_valid(sinc_valid));

    assign og_in = i_sample_mode ? i_sample : sinc_sample;
    assign og_valid = i_sample_mode ? (i_sample_strobe && !pd) : sinc_valid;

    lc_offset_gain u_trim (.clk, .rst_n, .i_valid(og_valid), .i_sample(og_in), .i_offset(offset_q),
                           .i_gain(gain_q), .o_code(code), .o_valid(code_valid));

    lc_serial u_serial (.clk, .rst_n, .i_pd_sck, .i_rate, .i_code(code), .i_code_valid(code_valid),
                        .o_dout, .o_gain_sel, .o_power_down(pd), .o_restart(restart));

    assign o_power_down = pd;
    assign o_conv_valid = code_valid;
endmodule
`default_nettype wire
