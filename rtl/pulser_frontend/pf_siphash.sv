// pf_siphash: SipHash-2-4 (Aumasson and Bernstein) of one 8-byte message, one SipRound per
// clock. Key and message are little-endian words as in the reference: k0 = key bytes 0..7,
// k1 = bytes 8..15 (i_key = {k1, k0}), m = message bytes 0..7. The 64-bit tag is
// v0 ^ v1 ^ v2 ^ v3 after 2 compression rounds on m, 2 on the length block (8 << 56) and 4
// finalisation rounds. A start while busy is ignored.
// Clock `clk`, reset rst_n low (synchronous). Latency: o_done strobes 9 clocks after i_start,
// with o_tag valid from then until the next start.
// SPDX-License-Identifier: Apache-2.0
`default_nettype none
module pf_siphash (
    input  wire logic         clk,
    input  wire logic         rst_n,
    input  wire logic         i_start,
    input  wire logic [127:0] i_key,
    input  wire logic [63:0]  i_msg,
    output logic              o_busy,
    output logic              o_done,
    output logic [63:0]       o_tag
);
    localparam logic [63:0] LEN_BLOCK = 64'h0800000000000000;  // 8 bytes, no tail
    logic [63:0] v0_q, v1_q, v2_q, v3_q, m_q;
    logic [3:0] step_q;  // 1..8: the SipRound of this clock
    logic [63:0] r0, r1, r2, r3;

    // one SipRound of the state in the registers
    always_comb begin
        logic [63:0] a0, a1, a2, a3;
        a0 = v0_q + v1_q;
        a1 = {v1_q[50:0], v1_q[63:51]} ^ a0;     // rotl 13
        a0 = {a0[31:0], a0[63:32]};               // rotl 32
        a2 = v2_q + v3_q;
        a3 = {v3_q[47:0], v3_q[63:48]} ^ a2;      // rotl 16
        a0 = a0 + a3;
        a3 = {a3[42:0], a3[63:43]} ^ a0;          // rotl 21
        a2 = a2 + a1;
        a1 = {a1[46:0], a1[63:47]} ^ a2;          // rotl 17
        a2 = {a2[31:0], a2[63:32]};               // rotl 32
        r0 = a0;
        r1 = a1;
        r2 = a2;
        r3 = a3;
    end

    assign o_busy = step_q != 4'd0;

    always_ff @(posedge clk) begin
        if (!rst_n) begin
            v0_q <= '0;
            v1_q <= '0;
            v2_q <= '0;
            v3_q <= '0;
            m_q <= '0;
            step_q <= '0;
            o_done <= 1'b0;
            o_tag <= '0;
        end else begin
            o_done <= 1'b0;
            if (step_q == 4'd0) begin
                if (i_start) begin
                    v0_q <= i_key[63:0] ^ 64'h736f6d6570736575;
                    v1_q <= i_key[127:64] ^ 64'h646f72616e646f6d;
                    v2_q <= i_key[63:0] ^ 64'h6c7967656e657261;
                    v3_q <= i_key[127:64] ^ 64'h7465646279746573 ^ i_msg;
                    m_q <= i_msg;
                    step_q <= 4'd1;
                end
            end else begin
                // rounds 1, 2 compress m; 3, 4 the length block; 5..8 finalise
                v0_q <= r0 ^ (step_q == 4'd2 ? m_q : step_q == 4'd4 ? LEN_BLOCK : 64'd0);
                v1_q <= r1;
                v2_q <= r2 ^ (step_q == 4'd4 ? 64'hff : 64'd0);
                v3_q <= r3 ^ (step_q == 4'd2 ? LEN_BLOCK : 64'd0);
                if (step_q == 4'd8) begin
                    o_tag <= r0 ^ r1 ^ r2 ^ r3;
                    o_done <= 1'b1;
                    step_q <= 4'd0;
                end else begin
                    step_q <= step_q + 4'd1;
                end
            end
        end
    end
endmodule
`default_nettype wire
