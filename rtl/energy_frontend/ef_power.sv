// ef_power: instantaneous power p = (v * i) >>> 16, active power P by a first-order
// low-pass filter (pacc += p - pacc/2**K), then the power offset: o_p = sat32(P + WATTOS).
// Clock `clk`, reset on `rst_n` low; updates on `i_valid`. Latency: 1 sample for o_p
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

    generate
        if (K < 2 || K > 14) begin : g_bad_k
            $error("ef_power: K must be in [2, 14]");
        end
    endgenerate

    logic signed [47:0] prod;
    logic signed [W-1:0] pacc_q, p_inst, p_avg, p_next;
    logic signed [33:0] p_off;
    logic signed [31:0] sat;

    assign prod   = 48'(i_v) * 48'(i_i);
    assign p_inst = W'(prod >>> 16);
    assign p_avg  = pacc_q >>> K;
    assign p_next = pacc_q + p_inst - p_avg;
    assign p_off  = 34'(p_next >>> K) + 34'(i_wattos);

    always_comb begin
        if (p_off > 34'sh07fffffff) sat = 32'sh7fffffff;
        else if (p_off < -34'sh080000000) sat = -32'sh7fffffff - 32'sh1;
        else sat = p_off[31:0];
    end

    always_ff @(posedge clk) begin
        if (!rst_n) begin
            pacc_q <= '0;
            o_p <= '0;
        end else if (i_valid) begin
            pacc_q <= p_next;
            o_p <= sat;
        end
    end
endmodule
`default_nettype wire
