// pulser_encoder_top: the authenticating encoder in the pulser head (ROLE 0 of pf_auth). It
// answers the controller's challenges, challenges the controller in turn (i_verify, at power-up
// and when the controller asks for pulses), and gates its pulse outputs: after a failed
// authentication of the controller (a swapped mainboard) o_pulse_enable stays low until reset.
// A passing authentication enables the pulses.
// Registers (32 bit, 3-bit address, write only): 0..3 KEY0..3 (key bits 31:0 .. 127:96,
// ignored once locked), 4 KEYCTL bit0 = 1: lock the key until reset. o_status: bit0 pulses
// enabled, bit1 failed, bit2 busy, bit3 key locked.
// Clock `clk` (32.768 kHz), reset rst_n low (synchronous).
// SPDX-License-Identifier: Apache-2.0
`default_nettype none
module pulser_encoder_top #(
    parameter int MAC_BITS = 32
) (
    input  wire logic                clk,
    input  wire logic                rst_n,
    input  wire logic [31:0]         i_chip_seed,
    input  wire logic                i_cfg_we,
    input  wire logic [2:0]          i_cfg_addr,
    input  wire logic [31:0]         i_cfg_wdata,
    input  wire logic                i_verify,
    input  wire logic                i_chal_valid,
    input  wire logic [31:0]         i_chal_nonce,
    output logic                     o_resp_valid,
    output logic [30:0]              o_resp_counter,
    output logic [MAC_BITS-1:0]      o_resp_tag,
    output logic                     o_chal_valid,
    output logic [31:0]              o_chal_nonce,
    input  wire logic                i_peer_valid,
    input  wire logic [30:0]         i_peer_counter,
    input  wire logic [MAC_BITS-1:0] i_peer_tag,
    output logic                     o_pulse_enable,
    output logic [3:0]               o_status
);
    logic [127:0] key_q;
    logic key_locked_q, failed_q, busy, ok, fail;

    pf_auth #(.ROLE(1'b0), .MAC_BITS(MAC_BITS)) u_auth (
        .clk, .rst_n, .i_key(key_q), .i_seed(i_chip_seed), .i_chal_valid, .i_chal_nonce, .o_resp_valid,
        .o_resp_counter, .o_resp_tag, .i_verify, .o_chal_valid, .o_chal_nonce, .i_peer_valid, .i_peer_counter,
        .i_peer_tag, .o_busy(busy), .o_ok(ok), .o_fail(fail));

    always_ff @(posedge clk) begin
        if (!rst_n) begin
            key_q <= '0;
            key_locked_q <= 1'b0;
            failed_q <= 1'b0;
            o_pulse_enable <= 1'b0;
        end else begin
            if (i_cfg_we && !key_locked_q) begin
                case (i_cfg_addr)
                    3'd0: key_q[31:0] <= i_cfg_wdata;
                    3'd1: key_q[63:32] <= i_cfg_wdata;
                    3'd2: key_q[95:64] <= i_cfg_wdata;
                    3'd3: key_q[127:96] <= i_cfg_wdata;
                    default: ;
                endcase
            end
            if (i_cfg_we && i_cfg_addr == 3'd4 && i_cfg_wdata[0]) key_locked_q <= 1'b1;
            if (fail) begin
                failed_q <= 1'b1;
                o_pulse_enable <= 1'b0;
            end else if (ok && !failed_q) begin
                o_pulse_enable <= 1'b1;
            end
        end
    end

    assign o_status = {key_locked_q, busy, failed_q, o_pulse_enable};
endmodule
`default_nettype wire
