// ef_energy: anti-creep gate, active-energy accumulator and CF pulse output.
// Start/no-load hysteresis: accumulation starts when |P| >= START and stops when
// |P| < NOLOAD. While running, P (or |P| when i_abs) is added each sample; every
// THR the accumulator yields one energy quantum (AENERGY +/-1). Every CFDIV quanta a
// CF pulse is requested; CF is high for CFWIDTH samples, requests arriving while it is
// high are queued (up to 255). REVP is set while registering with negative P.
// Clock `clk`, reset on `rst_n` low; updates on `i_valid`.
// Latency: 1 sample from quantum to CF rising edge. THR = 0 disables accumulation.
// SPDX-License-Identifier: Apache-2.0
`default_nettype none
module ef_energy (
    input  wire logic               clk,
    input  wire logic               rst_n,
    input  wire logic               i_valid,
    input  wire logic signed [31:0] i_p,
    input  wire logic [31:0]        i_noload,
    input  wire logic [31:0]        i_start,
    input  wire logic               i_abs,
    input  wire logic [47:0]        i_thr,
    input  wire logic [15:0]        i_cfdiv,
    input  wire logic [15:0]        i_cfwidth,
    output logic                    o_cf,
    output logic                    o_running,
    output logic                    o_revp,
    output logic signed [31:0]      o_aenergy,
    output logic [31:0]             o_cfcnt
);
    logic signed [49:0] eacc_q, eacc_sum, thr_s;
    logic signed [33:0] p_abs, e_in;
    logic [15:0] cfdiv_cnt_q, width_q;
    logic [7:0]  pend_q, pend_n;
    logic        run_n, q_pos, q_neg, quantum, cf_req;

    assign p_abs = i_p[31] ? -34'(i_p) : 34'(i_p);
    assign e_in  = i_abs ? p_abs : 34'(i_p);
    assign thr_s = $signed({2'b00, i_thr});
    assign eacc_sum = eacc_q + 50'(e_in);

    always_comb begin
        run_n = o_running;
        if (!o_running && p_abs >= $signed({2'b00, i_start})) run_n = 1'b1;
        else if (o_running && p_abs < $signed({2'b00, i_noload})) run_n = 1'b0;
        q_pos = o_running && (i_thr != 48'd0) && (eacc_sum >= thr_s);
        q_neg = o_running && (i_thr != 48'd0) && (eacc_sum <= -thr_s);
        quantum = q_pos || q_neg;
        cf_req = quantum && ({16'd0, cfdiv_cnt_q} + 32'd1 >= {16'd0, i_cfdiv});
        pend_n = pend_q + ((cf_req && pend_q != 8'hff) ? 8'd1 : 8'd0);
    end

    always_ff @(posedge clk) begin
        if (!rst_n) begin
            eacc_q <= '0; cfdiv_cnt_q <= '0; width_q <= '0; pend_q <= '0;
            o_cf <= 1'b0; o_running <= 1'b0; o_revp <= 1'b0;
            o_aenergy <= '0; o_cfcnt <= '0;
        end else if (i_valid) begin
            o_running <= run_n;
            if (o_running) begin
                if (q_pos) eacc_q <= eacc_sum - thr_s;
                else if (q_neg) eacc_q <= eacc_sum + thr_s;
                else eacc_q <= eacc_sum;
            end
            if (q_pos) o_aenergy <= o_aenergy + 32'sd1;
            else if (q_neg) o_aenergy <= o_aenergy - 32'sd1;
            // reverse power: the sign of P while registering, whatever ABS does to the energy
            o_revp <= o_running && i_p[31];
            if (quantum) cfdiv_cnt_q <= cf_req ? 16'd0 : cfdiv_cnt_q + 16'd1;
            if (o_cf) begin
                if (width_q <= 16'd1) o_cf <= 1'b0;
                width_q <= width_q - 16'd1;
                pend_q <= pend_n;
            end else if (pend_n != 8'd0) begin
                o_cf <= 1'b1;
                width_q <= (i_cfwidth == 16'd0) ? 16'd1 : i_cfwidth;
                pend_q <= pend_n - 8'd1;
                o_cfcnt <= o_cfcnt + 32'd1;
            end else begin
                pend_q <= pend_n;
            end
        end
    end
endmodule
`default_nettype wire
