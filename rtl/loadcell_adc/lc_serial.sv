// lc_serial: the two-wire DOUT / PD_SCK read-out of an HX711-class load-cell ADC.
// DOUT low = a conversion is ready. Each PD_SCK rising edge shifts out one bit, MSB first
// (24 bits, two's complement); pulses 25..27 select channel and gain of the next conversion
// (25: A x128, 26: B x32, 27 or more: A x64). The selection takes effect at the next
// conversion; a change restarts the filter. After a restart (reset, wake-up, new selection,
// new rate) 3 conversions are discarded, so DOUT first falls after 4 periods (settling).
// A conversion that completes during a read (1..24 pulses) is dropped. PD_SCK high for
// PD_CYCLES clocks powers down; PD_SCK low again wakes up at A x128.
// Clock `clk` (modulator clock); PD_SCK is asynchronous and synchronised by two flops, so
// each phase must last >= 2 clocks. Reset: rst_n low, synchronous.
// SPDX-License-Identifier: Apache-2.0
`default_nettype none
module lc_serial #(
    parameter int PD_CYCLES = 10
) (
    input  wire logic              clk,
    input  wire logic              rst_n,
    input  wire logic              i_pd_sck,
    input  wire logic              i_rate,
    input  wire logic signed [23:0] i_code,
    input  wire logic              i_code_valid,
    output logic                   o_dout,
    output logic [1:0]             o_gain_sel,
    output logic                   o_power_down,
    output logic                   o_restart
);
`ifndef __ICARUS__  // Icarus 11 lacks elaboration-time $error
    generate
        if (PD_CYCLES < 4 || PD_CYCLES > 15) begin : g_bad_pd
            $error("lc_serial: PD_CYCLES must be in [4, 15]");
        end
    endgenerate
`endif

    localparam logic [1:0] SEL_A128 = 2'd0;
    localparam logic [1:0] SEL_B32  = 2'd1;
    localparam logic [1:0] SEL_A64  = 2'd2;
    localparam logic [1:0] SETTLE   = 2'd3;

    logic sck_meta_q, sck_q, sck_prev_q, rise;
    logic [3:0] hi_cnt_q, hi_cnt_d;
    logic pd_q, pd_d, ready_q, ready_d, restart_d, rate_q;
    logic [1:0] settle_q, settle_d, sel_q, sel_d, new_sel;
    logic [4:0] pulses_q, pulses_d, bit_idx;
    logic signed [23:0] data_q, data_d;

    assign rise = sck_q && !sck_prev_q;
    assign new_sel = (pulses_q >= 5'd27) ? SEL_A64 : (pulses_q == 5'd26) ? SEL_B32 : SEL_A128;
    assign bit_idx = 5'd24 - pulses_q;

    always_comb begin
        hi_cnt_d = sck_q ? ((hi_cnt_q == 4'hf) ? 4'hf : hi_cnt_q + 4'd1) : 4'd0;
        pd_d = pd_q; ready_d = ready_q; restart_d = 1'b0;
        settle_d = settle_q; sel_d = sel_q; pulses_d = pulses_q; data_d = data_q;
        if (pd_q) begin
            if (!sck_q) begin  // wake up at the power-on defaults
                pd_d = 1'b0; sel_d = SEL_A128; settle_d = SETTLE; ready_d = 1'b0; pulses_d = '0;
                restart_d = 1'b1;
            end
        end else if (sck_q && hi_cnt_q == 4'(PD_CYCLES - 1)) begin
            pd_d = 1'b1; ready_d = 1'b0; pulses_d = '0;
        end else if (i_rate != rate_q) begin
            settle_d = SETTLE; ready_d = 1'b0; pulses_d = '0; restart_d = 1'b1;
        end else begin
            if (i_code_valid && !(pulses_q >= 5'd1 && pulses_q <= 5'd24)) begin
                pulses_d = '0;
                if (pulses_q >= 5'd25 && new_sel != sel_q) begin
                    sel_d = new_sel; settle_d = SETTLE; ready_d = 1'b0; restart_d = 1'b1;
                end else if (settle_q != 2'd0) begin
                    settle_d = settle_q - 2'd1;
                end else begin
                    data_d = i_code; ready_d = 1'b1;
                end
            end
            if (rise) begin
                if (pulses_d != 5'h1f) pulses_d = pulses_d + 5'd1;
                ready_d = 1'b0;
            end
        end
    end

    always_ff @(posedge clk) begin
        if (!rst_n) begin
            sck_meta_q <= 1'b0; sck_q <= 1'b0; sck_prev_q <= 1'b0;
            hi_cnt_q <= '0; pd_q <= 1'b0; ready_q <= 1'b0; o_restart <= 1'b0; rate_q <= 1'b0;
            settle_q <= SETTLE; sel_q <= SEL_A128; pulses_q <= '0; data_q <= '0;
        end else begin
            sck_meta_q <= i_pd_sck; sck_q <= sck_meta_q; sck_prev_q <= sck_q;
            hi_cnt_q <= hi_cnt_d; pd_q <= pd_d; ready_q <= ready_d; o_restart <= restart_d;
            rate_q <= i_rate;
            settle_q <= settle_d; sel_q <= sel_d; pulses_q <= pulses_d; data_q <= data_d;
        end
    end

    always_comb begin
        if (pd_q) o_dout = 1'b1;
        else if (pulses_q == 5'd0) o_dout = !ready_q;
        else if (pulses_q <= 5'd24) o_dout = data_q[bit_idx];
        else o_dout = 1'b1;
    end
    assign o_gain_sel = sel_q;
    assign o_power_down = pd_q;
endmodule
`default_nettype wire
