// lc_sinc3: third-order CIC (sinc^3) decimator with two output rates, for a 1-bit
// sigma-delta stream at the modulator clock `clk` (163.84 kHz in the load-cell ADC).
// Input bit 1 = +1, 0 = -1. i_rate = 0 decimates by 2**14 (10 SPS), 1 by 2**11 (80 SPS).
// i_enable low holds the whole filter; i_restart clears it and the decimation counter (the
// first two outputs after a restart are partial). `o_valid` pulses for one cycle with the
// registered `o_sample`, one cycle after the decimation strobe (the comb samples the third
// integrator, which lags the input by two cycles; the lag is fixed).
// Gain: full scale (all ones) = 2**23, saturated to 24 bits signed.
// Reset: rst_n low, synchronous. Limitations: no droop compensation.
// SPDX-License-Identifier: Apache-2.0
`default_nettype none
module lc_sinc3 (
    input  wire logic              clk,
    input  wire logic              rst_n,
    input  wire logic              i_enable,
    input  wire logic              i_restart,
    input  wire logic              i_rate,
    input  wire logic              i_bit,
    output logic signed [23:0]     o_sample,
    output logic                   o_valid
);
    localparam int W = 44;  // 3 * 14 + 2

    logic signed [W-1:0] int1_q, int2_q, int3_q;
    logic signed [W-1:0] dly1_q, dly2_q, dly3_q;
    logic signed [W-1:0] x;
    logic [13:0] cnt_q;
    logic dec;

    assign x = i_bit ? W'(1) : {W{1'b1}};
    assign dec = i_rate ? (cnt_q[10:0] == 11'h7ff) : (cnt_q == 14'h3fff);

    function automatic logic signed [23:0] comb_out(input logic signed [W-1:0] comb3, input logic rate);
        logic signed [W-1:0] shifted;
        shifted = rate ? (comb3 >>> 10) : (comb3 >>> 19);
        if (shifted > W'(24'sh7fffff)) return 24'sh7fffff;
        if (shifted < -W'(24'sh7fffff) - W'(1)) return -24'sh7fffff - 24'sh1;
        return shifted[23:0];
    endfunction

    always_ff @(posedge clk) begin
        if (!rst_n || i_restart) begin
            int1_q <= '0; int2_q <= '0; int3_q <= '0;
            dly1_q <= '0; dly2_q <= '0; dly3_q <= '0;
            cnt_q <= '0;
            o_sample <= '0; o_valid <= 1'b0;
        end else if (i_enable) begin
            int1_q <= int1_q + x;
            int2_q <= int2_q + int1_q;
            int3_q <= int3_q + int2_q;
            cnt_q <= dec ? '0 : cnt_q + 1'b1;
            o_valid <= dec;
            if (dec) begin
                dly1_q <= int3_q;
                dly2_q <= int3_q - dly1_q;
                dly3_q <= int3_q - dly1_q - dly2_q;
                o_sample <= comb_out(int3_q - dly1_q - dly2_q - dly3_q, i_rate);
            end
        end else begin
            o_valid <= 1'b0;
        end
    end
endmodule
`default_nettype wire
