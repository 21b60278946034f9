// pf_quadrature: decoder of a two-channel (A/B, 90 degrees apart) pulser.
// One count per cycle of A, at its rising edge: forward when B is low, reverse when B is
// high (o_fwd / o_rev strobes). A healthy quadrature pair alternates its edges (A, B, A, B);
// three edges of one channel with no edge of the other (A up, down, up with B still) is a
// single-channel fault: o_a_without_b (or o_b_without_a) strobes and the count starts again.
// Edges of both channels in the same clock are an illegal transition (o_illegal).
// Clock `clk`, reset rst_n low (synchronous). Latency: 1 clock after the filtered level.
// SPDX-License-Identifier: Apache-2.0
`default_nettype none
module pf_quadrature (
    input  wire logic clk,
    input  wire logic rst_n,
    input  wire logic i_a,
    input  wire logic i_b,
    output logic      o_fwd,
    output logic      o_rev,
    output logic      o_a_without_b,
    output logic      o_b_without_a,
    output logic      o_illegal
);
    logic a_q, b_q;
    logic [1:0] a_run_q, b_run_q;  // edges of one channel since the last edge of the other
    logic a_edge, b_edge;

    assign a_edge = i_a != a_q;
    assign b_edge = i_b != b_q;

    always_ff @(posedge clk) begin
        if (!rst_n) begin
            a_q <= 1'b0;
            b_q <= 1'b0;
            a_run_q <= '0;
            b_run_q <= '0;
            o_fwd <= 1'b0;
            o_rev <= 1'b0;
            o_a_without_b <= 1'b0;
            o_b_without_a <= 1'b0;
            o_illegal <= 1'b0;
        end else begin
            a_q <= i_a;
            b_q <= i_b;
            o_fwd <= a_edge && i_a && !b_edge && !i_b;
            o_rev <= a_edge && i_a && !b_edge && i_b;
            o_illegal <= a_edge && b_edge;
            o_a_without_b <= 1'b0;
            o_b_without_a <= 1'b0;
            if (a_edge && b_edge) begin
                a_run_q <= '0;
                b_run_q <= '0;
            end else if (a_edge) begin
                b_run_q <= '0;
                if (a_run_q == 2'd2) begin
                    o_a_without_b <= 1'b1;
                    a_run_q <= '0;
                end else begin
                    a_run_q <= a_run_q + 2'd1;
                end
            end else if (b_edge) begin
                a_run_q <= '0;
                if (b_run_q == 2'd2) begin
                    o_b_without_a <= 1'b1;
                    b_run_q <= '0;
                end else begin
                    b_run_q <= b_run_q + 2'd1;
                end
            end
        end
    end
endmodule
`default_nettype wire
