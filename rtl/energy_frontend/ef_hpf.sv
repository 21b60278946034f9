// ef_hpf: first-order DC-removal high-pass filter, y = x - dc, dc += (x - dc) / 2**K.
// Clock `clk`, reset on `rst_n` low; state advances on `i_valid` (the sample strobe).
// Latency: 1 sample (registered output). Corner: fs / (2*pi*2**K), 0.5 Hz at 3.2 kHz, K = 10.
// When `i_enable` is low the input passes unchanged (the DC estimate keeps tracking).
// Parameters: K in [4, 16]. Output saturates to 24 bits.
// SPDX-License-Identifier: Apache-2.0
`default_nettype none
module ef_hpf #(
    parameter int K = 10
) (
    input  wire logic              clk,
    input  wire logic              rst_n,
    input  wire logic              i_valid,
    input  wire logic              i_enable,
    input  wire logic signed [23:0] i_x,
    output logic signed [23:0]     o_y
);
    localparam int W = 26 + K;

`ifndef __ICARUS__  // Icarus 11 lacks elaboration-time $error
    generate
        if (K < 4 || K > 16) begin : g_bad_k
            $error("ef_hpf: K must be in [4, 16]");
        end
    endgenerate
`endif

    logic signed [W-1:0] acc_q;

    function automatic logic signed [W-1:0] diff_of(input logic signed [23:0] x, input logic signed [W-1:0] acc);
        return W'(x) - (acc >>> K);
    endfunction

    function automatic logic signed [23:0] sat24(input logic signed [W-1:0] y);
        if (y > W'(24'sh7fffff)) return 24'sh7fffff;
        if (y < -W'(24'sh7fffff) - W'(1)) return -24'sh7fffff - 24'sh1;
        return y[23:0];
    endfunction

    always_ff @(posedge clk) begin
        if (!rst_n) begin
            acc_q <= '0;
            o_y <= '0;
        end else if (i_valid) begin
            acc_q <= acc_q + diff_of(i_x, acc_q);
            o_y <= sat24(i_enable ? diff_of(i_x, acc_q) : W'(i_x));
        end
    end
endmodule
`default_nettype wire
