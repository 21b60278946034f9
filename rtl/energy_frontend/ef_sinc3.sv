// ef_sinc3: third-order CIC (sinc^3) decimator for a 1-bit sigma-delta stream.
// Clock: modulator clock `clk`; reset: synchronous-style clear on `rst_n` low.
// Input bit 1 = +1, 0 = -1. While `i_enable` is high the integrators run every cycle and
// the comb on `i_dec`; low holds the whole decimator (clock enable).
// (one cycle in 2**OSR_LOG2, supplied by the caller). `o_sample` is registered and
// `o_valid` pulses for one cycle, one cycle after `i_dec`. Latency: 1 cycle after the strobe.
// Gain: full scale (all ones) = 2**(3*OSR_LOG2) >> (3*OSR_LOG2-23), saturated to 24 bits.
// Parameters: OSR_LOG2 in [8, 10]. Limitations: no droop compensation.
// SPDX-License-Identifier: Apache-2.0
`default_nettype none
module ef_sinc3 #(
    parameter int OSR_LOG2 = 8
) (
    input  wire logic              clk,
    input  wire logic              rst_n,
    input  wire logic              i_enable,
    input  wire logic              i_bit,
    input  wire logic              i_dec,
    output logic signed [23:0]     o_sample,
    output logic                   o_valid
);
    localparam int W = 3 * OSR_LOG2 + 2;
    localparam int SHIFT = 3 * OSR_LOG2 - 23;

`ifndef __ICARUS__  // Icarus 11 lacks elaboration-time $error
    generate
        if (OSR_LOG2 < 8 || OSR_LOG2 > 10) begin : g_bad_osr
            $error("ef_sinc3: OSR_LOG2 must be in [8, 10]");
        end
    endgenerate
`endif

    logic signed [W-1:0] int1_q, int2_q, int3_q;
    logic signed [W-1:0] dly1_q, dly2_q, dly3_q;
    logic signed [W-1:0] x;

    assign x = i_bit ? W'(1) : {W{1'b1}};

    // Output of the comb section, scaled and saturated to 24 bits. Evaluated only on the
    // decimation strobe (the comb runs at the output rate).
    function automatic logic signed [23:0] comb_out(input logic signed [W-1:0] comb3);
        logic signed [W-1:0] shifted;
        shifted = comb3 >>> SHIFT;
        if (shifted > W'(24'sh7fffff)) return 24'sh7fffff;
        if (shifted < -W'(24'sh7fffff) - W'(1)) return -24'sh7fffff - 24'sh1;
        return shifted[23:0];
    endfunction

    always_ff @(posedge clk) begin
        if (!rst_n) begin
            int1_q <= '0; int2_q <= '0; int3_q <= '0;
            dly1_q <= '0; dly2_q <= '0; dly3_q <= '0;
            o_sample <= '0; o_valid <= 1'b0;
        end else if (i_enable) begin
            int1_q <= int1_q + x;
            int2_q <= int2_q + int1_q;
            int3_q <= int3_q + int2_q;
            o_valid <= i_dec;
            if (i_dec) begin
                dly1_q <= int3_q;
                dly2_q <= int3_q - dly1_q;
                dly3_q <= int3_q - dly1_q - dly2_q;
                o_sample <= comb_out(int3_q - dly1_q - dly2_q - dly3_q);
            end
        end
    end
endmodule
`default_nettype wire
