// ef_gain_offset: per-channel calibration y = sat24((x * GAIN) >>> 22) + OFFSET).
// Clock `clk`, reset on `rst_n` low; updates on `i_valid`. Latency: 1 sample.
// GAIN is unsigned Q2.22 (0x400000 = 1.0, range [0, 4)); OFFSET is signed 24-bit LSBs.
// SPDX-License-Identifier: Apache-2.0
`default_nettype none
module ef_gain_offset (
    input  wire logic              clk,
    input  wire logic              rst_n,
    input  wire logic              i_valid,
    input  wire logic signed [23:0] i_x,
    input  wire logic [23:0]       i_gain,
    input  wire logic signed [23:0] i_offset,
    output logic signed [23:0]     o_y
);
    logic signed [48:0] prod;
    logic signed [27:0] sum;
    logic signed [23:0] sat;

    assign prod = 49'(i_x) * $signed({25'b0, i_gain});
    assign sum  = 28'(prod >>> 22) + 28'(i_offset);

    always_comb begin
        if (sum > 28'sh07fffff) sat = 24'sh7fffff;
        else if (sum < -28'sh0800000) sat = -24'sh7fffff - 24'sh1;
        else sat = sum[23:0];
    end

    always_ff @(posedge clk) begin
        if (!rst_n) o_y <= '0;
        else if (i_valid) o_y <= sat;
    end
endmodule
`default_nettype wire
