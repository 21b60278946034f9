// ef_phase_cal: phase calibration by a fractional sample delay (linear interpolation).
// PHCAL is signed, in 1/1024 sample, range [-1024, 1024]. PHCAL >= 0 delays both current
// channels by PHCAL/1024 sample (compensates a current-sensor phase lead); PHCAL < 0
// delays the voltage channel by -PHCAL/1024 sample. y = x + (d * (x[n-1] - x)) >>> 10.
// Clock `clk`, reset on `rst_n` low; updates on `i_valid`. Latency: 1 sample.
// SPDX-License-Identifier: Apache-2.0
`default_nettype none
module ef_phase_cal (
    input  wire logic               clk,
    input  wire logic               rst_n,
    input  wire logic               i_valid,
    input  wire logic signed [11:0] i_phcal,
    input  wire logic signed [23:0] i_v,
    input  wire logic signed [23:0] i_i,
    input  wire logic signed [23:0] i_i2,
    output logic signed [23:0]      o_v,
    output logic signed [23:0]      o_i,
    output logic signed [23:0]      o_i2
);
    logic signed [23:0] v_prev_q, i_prev_q, i2_prev_q;

    function automatic logic signed [23:0] interp(input logic signed [23:0] x,
                                                  input logic signed [23:0] xp,
                                                  input logic [10:0] d);
        logic signed [24:0] diff;
        logic signed [36:0] prod;
        logic signed [25:0] sum;
        diff = 25'(xp) - 25'(x);
        prod = 37'(diff) * $signed({26'b0, d});
        sum  = 26'(x) + 26'(prod >>> 10);
        if (sum > 26'sh07fffff) return 24'sh7fffff;
        if (sum < -26'sh0800000) return -24'sh7fffff - 24'sh1;
        return sum[23:0];
    endfunction

    // fractional delay of the current channels (PHCAL >= 0) in 1/1024 sample
    function automatic logic [10:0] d_current(input logic signed [11:0] ph);
        if (ph < 0) return 11'd0;
        return (ph > 12'sd1024) ? 11'd1024 : ph[10:0];
    endfunction

    // fractional delay of the voltage channel (PHCAL < 0)
    function automatic logic [10:0] d_voltage(input logic signed [11:0] ph);
        if (ph >= 0) return 11'd0;
        return (ph < -12'sd1024) ? 11'd1024 : 11'((-ph));
    endfunction

    always_ff @(posedge clk) begin
        if (!rst_n) begin
            v_prev_q <= '0; i_prev_q <= '0; i2_prev_q <= '0;
            o_v <= '0; o_i <= '0; o_i2 <= '0;
        end else if (i_valid) begin
            v_prev_q <= i_v; i_prev_q <= i_i; i2_prev_q <= i_i2;
            o_v  <= interp(i_v, v_prev_q, d_voltage(i_phcal));
            o_i  <= interp(i_i, i_prev_q, d_current(i_phcal));
            o_i2 <= interp(i_i2, i2_prev_q, d_current(i_phcal));
        end
    end
endmodule
`default_nettype wire
