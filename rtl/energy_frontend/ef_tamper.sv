// ef_tamper: dual-current-channel tamper comparator (phase vs neutral current).
// Each channel's mean absolute value is tracked by a first-order filter (time constant
// 2**K samples). TAMPER is raised when the larger mean exceeds i_min and the mismatch
// |A1 - A2| exceeds i_thr/128 of the larger one. With i_use_larger set, o_use_i2 selects
// the neutral channel for energy while it carries the larger current (anti-theft).
// Clock `clk`, reset on `rst_n` low; updates on `i_valid`. Latency: 1 sample.
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

    generate
        if (K < 2 || K > 14) begin : g_bad_k
            $error("ef_tamper: K must be in [2, 14]");
        end
    endgenerate

    logic [W-1:0] acc1_q, acc2_q, acc1_n, acc2_n;
    logic [23:0]  abs1, abs2, a1, a2, mx, mism;
    logic         tamper_n;

    assign abs1 = i_i1[23] ? 24'(-i_i1) : 24'(i_i1);
    assign abs2 = i_i2[23] ? 24'(-i_i2) : 24'(i_i2);
    assign acc1_n = acc1_q + W'(abs1) - (acc1_q >> K);
    assign acc2_n = acc2_q + W'(abs2) - (acc2_q >> K);
    assign a1 = 24'(acc1_n >> K);
    assign a2 = 24'(acc2_n >> K);
    assign mx = (a1 > a2) ? a1 : a2;
    assign mism = (a1 > a2) ? a1 - a2 : a2 - a1;
    assign tamper_n = (mx >= i_min) && ({1'b0, mism, 7'b0} > (32'(mx) * 32'(i_thr)));

    always_ff @(posedge clk) begin
        if (!rst_n) begin
            acc1_q <= '0; acc2_q <= '0;
            o_avg1 <= '0; o_avg2 <= '0;
            o_tamper <= 1'b0; o_use_i2 <= 1'b0;
        end else if (i_valid) begin
            acc1_q <= acc1_n; acc2_q <= acc2_n;
            o_avg1 <= a1; o_avg2 <= a2;
            o_tamper <= tamper_n;
            o_use_i2 <= i_use_larger && tamper_n && (a2 > a1);
        end
    end
endmodule
`default_nettype wire
