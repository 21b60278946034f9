// ef_tamper: dual-current-channel tamper comparator (phase vs neutral current).
// Each channel's mean absolute value is tracked by a first-order filter (time constant
// 2**K samples). TAMPER is raised when the larger mean exceeds i_min and the mismatch
// |A1 - A2| exceeds i_thr/128 of the larger one. With i_use_larger set, o_use_i2 selects
// the neutral channel for energy while it carries the larger current (anti-theft).
// Clock `clk`, reset on `rst_n` low; updates on `i_valid`. Latency: 2 samples.
// SPDX-License-Identifier: Apache-2.0
`default_nettype none
module ef_tamper #(
    parameter int K = 8
) (
    input  wire logic               clk,
    input  wire logic               rst_n,
    input  wire logic               i_valid,
    input  wire logic signed [23:0] i_i1,
    input  wire logic signed [23:0] i_i2,
    input  wire logic [6:0]         i_thr,
    input  wire logic [23:0]        i_min,
    input  wire logic               i_use_larger,
    output logic [23:0]             o_avg1,
    output logic [23:0]             o_avg2,
    output logic                    o_tamper,
    output logic                    o_use_i2
);
    localparam int W = 24 + K;

`ifndef __ICARUS__  // Icarus 11 lacks elaboration-time $error
    generate
        if (K < 2 || K > 14) begin : g_bad_k
            $error("ef_tamper: K must be in [2, 14]");
        end
    endgenerate
`endif

    logic [W-1:0] acc1_q, acc2_q;

    // next state of a mean-|x| filter
    function automatic logic [W-1:0] acc_next(input logic [W-1:0] acc, input logic signed [23:0] x);
        logic [23:0] ax;
        ax = x[23] ? 24'(-x) : 24'(x);
        return acc + W'(ax) - (acc >> K);
    endfunction

    function automatic logic [23:0] mean_of(input logic [W-1:0] acc);
        return 24'(acc >> K);
    endfunction

    function automatic logic mismatch(input logic [23:0] a1, input logic [23:0] a2, input logic [23:0] min,
                                      input logic [6:0] thr);
        logic [23:0] mx, mism;
        mx = (a1 > a2) ? a1 : a2;
        mism = (a1 > a2) ? a1 - a2 : a2 - a1;
        return (mx >= min) && ({1'b0, mism, 7'b0} > (32'(mx) * 32'(thr)));
    endfunction

    always_ff @(posedge clk) begin
        if (!rst_n) begin
            acc1_q <= '0; acc2_q <= '0;
            o_avg1 <= '0; o_avg2 <= '0;
            o_tamper <= 1'b0; o_use_i2 <= 1'b0;
        end else if (i_valid) begin
            acc1_q <= acc_next(acc1_q, i_i1);
            acc2_q <= acc_next(acc2_q, i_i2);
            o_avg1 <= mean_of(acc1_q);
            o_avg2 <= mean_of(acc2_q);
            o_tamper <= mismatch(mean_of(acc1_q), mean_of(acc2_q), i_min, i_thr);
            o_use_i2 <= i_use_larger && mismatch(mean_of(acc1_q), mean_of(acc2_q), i_min, i_thr)
                        && (mean_of(acc2_q) > mean_of(acc1_q));
        end
    end
endmodule
`default_nettype wire
