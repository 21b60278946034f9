// pf_rate: the period between forward counts, for the flow rate, and the over-rate check.
// o_period holds the clocks between the last two forward counts (saturating at 2**24 - 1,
// which also stands for "no flow"); a count that comes sooner than i_min_period clocks after
// the previous one is faster than the meter can physically turn: o_overrate strobes.
// Clock `clk`, reset rst_n low (synchronous). Latency: 1 clock.
// SPDX-License-Identifier: Apache-2.0
`default_nettype none
module pf_rate (
    input  wire logic        clk,
    input  wire logic        rst_n,
    input  wire logic        i_fwd,
    input  wire logic [23:0] i_min_period,
    output logic [23:0]      o_period,
    output logic             o_overrate
);
    logic [23:0] since_q;
    logic seen_q;  // a first count was seen: there is a period to measure
    logic [23:0] gap;  // clocks from the previous count to this one, saturating

    assign gap = since_q == 24'hffffff ? since_q : since_q + 24'd1;

    always_ff @(posedge clk) begin
        if (!rst_n) begin
            since_q <= '0;
            seen_q <= 1'b0;
            o_period <= 24'hffffff;
            o_overrate <= 1'b0;
        end else begin
            o_overrate <= 1'b0;
            if (i_fwd) begin
                if (seen_q) begin
                    o_period <= gap;
                    o_overrate <= gap < i_min_period;
                end
                seen_q <= 1'b1;
                since_q <= '0;
            end else if (since_q != 24'hffffff) begin
                since_q <= since_q + 24'd1;
            end else begin
                o_period <= 24'hffffff;  // no count for 2**24 clocks (512 s): no flow
            end
        end
    end
endmodule
`default_nettype wire
