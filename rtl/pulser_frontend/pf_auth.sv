// pf_auth: one side of the encoder-controller mutual authentication. Both sides hold the
// same 128-bit key (written at pairing) and each both answers and asks:
// - responder: a challenge nonce N from the peer (i_chal_valid) is answered with this side's
//   message counter C (31 bits, +1 per answer, never reused) and the tag
//   MAC = SipHash-2-4(key, {ROLE, C, N})[MAC_BITS-1:0] (o_resp_*);
// - verifier: i_verify sends a fresh nonce from a 32-bit LFSR (o_chal_*); the peer's answer
//   (i_peer_*) passes when its tag equals SipHash-2-4(key, {!ROLE, C, N}) truncated alike and
//   its counter is above the last one accepted (no replay). No answer within TIMEOUT clocks,
//   a wrong tag or an old counter fails (o_fail), else o_ok.
// The message is the 64-bit little-endian word {role bit, counter[30:0], nonce[31:0]}, so the
// two directions never share a tag. ROLE 0 is the encoder, 1 the controller.
// Clock `clk`, reset rst_n low (synchronous): counters 0, LFSR at i_seed (non-zero).
// Latency: o_resp_valid 9 clocks after i_chal_valid; o_ok/o_fail 9 clocks after i_peer_valid.
// SPDX-License-Identifier: Apache-2.0
`default_nettype none
module pf_auth #(
    parameter bit ROLE = 1'b1,
    parameter int MAC_BITS = 32,
    parameter int TIMEOUT = 4096
) (
    input  wire logic                clk,
    input  wire logic                rst_n,
    input  wire logic [127:0]        i_key,
    input  wire logic [31:0]         i_seed,
    // responder
    input  wire logic                i_chal_valid,
    input  wire logic [31:0]         i_chal_nonce,
    output logic                     o_resp_valid,
    output logic [30:0]              o_resp_counter,
    output logic [MAC_BITS-1:0]      o_resp_tag,
    // verifier
    input  wire logic                i_verify,
    output logic                     o_chal_valid,
    output logic [31:0]              o_chal_nonce,
    input  wire logic                i_peer_valid,
    input  wire logic [30:0]         i_peer_counter,
    input  wire logic [MAC_BITS-1:0] i_peer_tag,
    output logic                     o_busy,
    output logic                     o_ok,
    output logic                     o_fail
);
    // responder
    logic [30:0] tx_counter_q;
    logic resp_busy, resp_done;
    logic [63:0] resp_tag;

    pf_siphash u_resp (.clk, .rst_n, .i_start(i_chal_valid && !resp_busy), .i_key,
                       .i_msg({ROLE, tx_counter_q + 31'd1, i_chal_nonce}), .o_busy(resp_busy),
                       .o_done(resp_done), .o_tag(resp_tag));

    always_ff @(posedge clk) begin
        if (!rst_n) begin
            tx_counter_q <= '0;
            o_resp_valid <= 1'b0;
            o_resp_counter <= '0;
            o_resp_tag <= '0;
        end else begin
            o_resp_valid <= 1'b0;
            if (i_chal_valid && !resp_busy) tx_counter_q <= tx_counter_q + 31'd1;
            if (resp_done) begin
                o_resp_valid <= 1'b1;
                o_resp_counter <= tx_counter_q;
                o_resp_tag <= resp_tag[MAC_BITS-1:0];
            end
        end
    end

    // verifier
    typedef enum logic [1:0] {IDLE, WAIT_PEER, CHECK} state_t;
    state_t state_q;
    logic [31:0] lfsr_q, nonce_q;
    logic [30:0] last_counter_q, peer_counter_q;
    logic [MAC_BITS-1:0] peer_tag_q;
    logic [$clog2(TIMEOUT+1)-1:0] wait_q;
    logic ver_busy, ver_done, ver_start;
    logic [63:0] ver_tag;

    assign ver_start = state_q == WAIT_PEER && i_peer_valid;
    pf_siphash u_ver (.clk, .rst_n, .i_start(ver_start), .i_key, .i_msg({!ROLE, i_peer_counter, nonce_q}),
                      .o_busy(ver_busy), .o_done(ver_done), .o_tag(ver_tag));

    assign o_busy = state_q != IDLE;

    always_ff @(posedge clk) begin
        if (!rst_n) begin
            state_q <= IDLE;
            lfsr_q <= i_seed == 32'd0 ? 32'h1 : i_seed;
            nonce_q <= '0;
            last_counter_q <= '0;
            peer_counter_q <= '0;
            peer_tag_q <= '0;
            wait_q <= '0;
            o_chal_valid <= 1'b0;
            o_chal_nonce <= '0;
            o_ok <= 1'b0;
            o_fail <= 1'b0;
        end else begin
            // Galois LFSR x^32 + x^22 + x^2 + x + 1, one step per clock
            lfsr_q <= {1'b0, lfsr_q[31:1]} ^ (lfsr_q[0] ? 32'h80200003 : 32'h0);
            o_chal_valid <= 1'b0;
            o_ok <= 1'b0;
            o_fail <= 1'b0;
            case (state_q)
                IDLE: if (i_verify) begin
                    nonce_q <= lfsr_q;
                    o_chal_nonce <= lfsr_q;
                    o_chal_valid <= 1'b1;
                    wait_q <= '0;
                    state_q <= WAIT_PEER;
                end
                WAIT_PEER: if (i_peer_valid) begin
                    peer_counter_q <= i_peer_counter;
                    peer_tag_q <= i_peer_tag;
                    state_q <= CHECK;
                end else if (int'(wait_q) == TIMEOUT) begin
                    o_fail <= 1'b1;
                    state_q <= IDLE;
                end else begin
                    wait_q <= wait_q + 1'b1;
                end
                default: if (ver_done) begin  // CHECK
                    if (ver_tag[MAC_BITS-1:0] == peer_tag_q && peer_counter_q > last_counter_q) begin
                        o_ok <= 1'b1;
                        last_counter_q <= peer_counter_q;
                    end else begin
                        o_fail <= 1'b1;
                    end
                    state_q <= IDLE;
                end
            endcase
        end
    end

    logic unused;
    assign unused = ^{ver_busy, resp_tag, ver_tag};  // the tag bits above MAC_BITS are not sent
endmodule
`default_nettype wire
