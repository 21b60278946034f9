// lc_offset_gain: digital offset and gain trim of the load-cell ADC.
// y = sat24(((x - OFFSET) * GAIN) >>> 22), OFFSET 24-bit signed in ADC codes, GAIN
// unsigned Q2.22 (0x400000 = 1.0, range 0 .. 4 - 2**-22).
// Clock `clk`, reset rst_n low (synchronous). Latency: 1 cycle; `o_valid` follows `i_valid`.
// SPDX-License-Identifier: Apache-2.0
`default_nettype none
module lc_offset_gain (
    input  wire logic              clk,
    input  wire logic              rst_n,
    input  wire logic              i_valid,
    input  wire logic signed [23:0] i_sample,
    input  wire logic signed [23:0] i_offset,
    input  wire logic [23:0]       i_gain,
    output logic signed [23:0]     o_code,
    output logic                   o_valid
);
    logic signed [24:0] diff;
    logic signed [49:0] prod;
    logic signed [49:0] shifted;
    logic signed [23:0] sat;

    assign diff = 25'(i_sample) - 25'(i_offset);
    assign prod = 50'(diff) * 50'($signed({1'b0, i_gain}));
    assign shifted = prod >>> 22;
    assign sat = (shifted > 50'sh7fffff) ? 24'sh7fffff
               : (shifted < -50'sh800000) ? -24'sh7fffff - 24'sh1
               : shifted[23:0];

    always_ff @(posedge clk) begin
        if (!rst_n) begin
            o_code <= '0;
            o_valid <= 1'b0;
        end else begin
            o_valid <= i_valid;
            if (i_valid) o_code <= sat;
        end
    end
endmodule
`default_nettype wire
