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

    generate
        if (K < 4 || K > 16) begin : g_bad_k
            $error("ef_hpf: K must be in [4, 16]");
        end
    endgenerate

    logic signed [W-1:0] acc_q, x_ext, dc, diff, y_full;
    logic signed [23:0]  sat;

    assign x_ext  = W'(i_x);
    assign dc     = acc_q >>> K;
    assign diff   = x_ext - dc;
    assign y_full = i_enable ? diff : x_ext;

    always_comb begin
        if (y_full > W'(24'sh7fffff)) sat = 24'sh7fffff;
        else if (y_full < -W'(24'sh7fffff) - W'(1)) sat = -24'sh7fffff - 24'sh1;
        else sat = y_full[23:0];
    end

    always_ff @(posedge clk) begin
        if (!rst_n) begin
            acc_q <= '0;
            o_y <= '0;
        end else if (i_valid) begin
            acc_q <= acc_q + diff;
            o_y <= sat;
        end
    end
endmodule
`default_nettype wire
