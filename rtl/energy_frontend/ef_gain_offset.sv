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
    function automatic logic signed [23:0] calibrate(input logic signed [23:0] x, input logic [23:0] gain,
                                                     input logic signed [23:0] offset);
        logic signed [48:0] prod;
        logic signed [27:0] sum;
        prod = 49'(x) * $signed({25'b0, gain});
        sum  = 28'(prod >>> 22) + 28'(offset);
        if (sum > 28'sh07fffff) return 24'sh7fffff;
        if (sum < -28'sh0800000) return -24'sh7fffff - 24'sh1;
        return sum[23:0];
    endfunction

    always_ff @(posedge clk) begin
        if (!rst_n) o_y <= '0;
        else if (i_valid) o_y <= calibrate(i_x, i_gain, i_offset);
    end
endmodule
`default_nettype wire
