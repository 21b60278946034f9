// pf_input_filter: one pulser channel into the clock domain, with a glitch filter.
// Two flops synchronise the pin; the filtered level takes a new value only after the
// synchronised pin has held it for `i_filter` consecutive clocks (0 or 1: the next clock).
// A spike shorter than i_filter clocks never reaches the decoder.
// Clock `clk` (32.768 kHz in the dispenser), reset rst_n low (synchronous) to level 0.
// Latency: 2 (synchroniser) + max(i_filter, 1) clocks.
// SPDX-License-Identifier: Apache-2.0
`default_nettype none
module pf_input_filter (
    input  wire logic       clk,
    input  wire logic       rst_n,
    input  wire logic       i_pin,
    input  wire logic [3:0] i_filter,
    output logic            o_level
);
    logic sync1_q, sync2_q;
    logic [3:0] run_q;  // clocks the synchronised pin has differed from o_level

    always_ff @(posedge clk) begin
        if (!rst_n) begin
            sync1_q <= 1'b0;
            sync2_q <= 1'b0;
            run_q <= '0;
            o_level <= 1'b0;
        end else begin
            sync1_q <= i_pin;
            sync2_q <= sync1_q;
            if (sync2_q == o_level) begin
                run_q <= '0;
            end else if (run_q + 4'd1 >= i_filter) begin
                o_level <= sync2_q;
                run_q <= '0;
            end else begin
                run_q <= run_q + 4'd1;
            end
        end
    end
endmodule
`default_nettype wire
