// ef_power: instantaneous power p = (v * i) >>> 16, active power P by a first-order
// low-pass filter (pacc += p - pacc/2**K), then the power offset: o_p = sat32(P + WATTOS).
// Clock `clk`, reset on `rst_n` low; updates on `i_valid`. Latency: 2 samples for o_p
// (plus the filter's time constant 2**K samples: 80 ms at 3.2 kHz, K = 8).
// Parameters: K in [2, 14].
// SPDX-License-Identifier: Apache-2.0
`default_nettype none
module ef_power #(
    parameter int K = 8
) (
    input  wire logic               clk,
    input  wire logic               rst_n,
    input  wire logic               i_valid,
    input  wire logic signed [23:0] i_v,
    input  wire logic signed [23:0] i_i,
    input  wire logic signed [31:0] i_wattos,
    output logic signed [31:0]      o_p
);
    localparam int W = 33 + K;

`ifndef __ICARUS__  // Icarus 11 lacks elaboration-time $error
    generate
        if (K < 2 || K > 14) begin : g_bad_k
            $error("ef_power: K must be in [2, 14]");
        end
    endgenerate
`endif

    logic signed [W-1:0] pacc_q;

    // next filter state: pacc + (v * i) >>> 16 - pacc >>> K
    function automatic logic signed [W-1:0] pacc_next(input logic signed [W-1:0] pacc,
                                                      input logic signed [23:0] v, input logic signed [23:0] i);
        logic signed [47:0] prod;
        prod = 48'(v) * 48'(i);
        return pacc + W'(prod >>> 16) - (pacc >>> K);
    endfunction

    function automatic logic signed [31:0] with_offset(input logic signed [W-1:0] pacc, input logic signed [31:0] os);
        logic signed [33:0] p_off;
        p_off = 34'(pacc >>> K) + 34'(os);
        if (p_off > 34'sh07fffffff) return 32'sh7fffffff;
        if (p_off < -34'sh080000000) return -32'sh7fffffff - 32'sh1;
        return p_off[31:0];
    endfunction

    always_ff @(posedge clk) begin
        if (!rst_n) begin
            pacc_q <= '0;
            o_p <= '0;
        end else if (i_valid) begin
            pacc_q <= pacc_next(pacc_q, i_v, i_i);
            o_p <= with_offset(pacc_q, i_wattos);
        end
    end
endmodule
`default_nettype wire
