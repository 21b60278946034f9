// pulser_frontend_top: the dispenser controller's metering front end. It counts the pulser
// (A/B quadrature), measures the flow period, raises a lock request on abnormal pulses and
// authenticates the encoder (ROLE 1 of pf_auth).
// Bit mode: i_pin_a / i_pin_b pass pf_input_filter and pf_quadrature at `clk` (32.768 kHz).
// Sample mode (i_sample_mode = 1): the filter and decoder are bypassed; the model hands over
// decoded events (i_evt_fwd, i_evt_rev, i_evt_fault strobes) and the period of a forward event
// in clocks (i_evt_period) - the `sample` fidelity entry point.
// Lock: o_lock is set (sticky) when, since the last LOCK_CLR, the single-channel and illegal
// transitions reach LIMITS[7:0], the over-rate counts reach LIMITS[15:8], the reverse counts
// reach LIMITS[23:16], or an authentication fails; LOCK_CAUSE says which.
// Registers (32 bit, 4-bit address, write at the clock edge, combinational read):
//  0 CTRL       rw  bit0 COUNT_EN (reset 1); write bit1 = 1: LOCK_CLR; bit2 = 1: AUTH_START
//  1 STATUS     ro  bit0 LOCK, 1 AUTH_OK, 2 AUTH_FAIL (last result), 3 AUTH_BUSY, 4 KEY_LOCKED,
//                   bits 11:8 LOCK_CAUSE {auth, reverse, rate, channel}
//  2 FWD_COUNT  ro  forward counts (wraps at 2**32)
//  3 REV_COUNT  ro  reverse counts
//  4 PERIOD     ro  clocks between the last two forward counts (0xffffff: no flow)
//  5 CH_FAULTS  ro  A without B, B without A and illegal transitions (saturating 16 bit)
//  6 RATE_FAULTS ro over-rate counts (saturating 16 bit)
//  7 AUTH_FAILS ro  failed authentications (saturating 16 bit)
//  8 FILTER     rw  glitch filter in clocks [3:0] (reset 4)
//  9 MIN_PERIOD rw  [23:0] shortest physical period in clocks (reset MIN_PERIOD_RESET)
// 10 LIMITS     rw  [7:0] channel, [15:8] rate, [23:16] reverse (reset 3, 3, 20)
// 11..14 KEY0..3 wo key bits 31:0 .. 127:96; ignored once KEY_LOCKED; read as 0
// 15 KEYCTL     wo  bit0 = 1: KEY_LOCKED until reset
// Reset: rst_n low, synchronous.
// SPDX-License-Identifier: Apache-2.0
`default_nettype none
module pulser_frontend_top #(
    parameter int MAC_BITS = 32,
    parameter int MIN_PERIOD_RESET = 8
) (
    input  wire logic                clk,
    input  wire logic                rst_n,
    input  wire logic                i_pin_a,
    input  wire logic                i_pin_b,
    input  wire logic                i_sample_mode,
    input  wire logic                i_evt_fwd,
    input  wire logic                i_evt_rev,
    input  wire logic                i_evt_fault,
    input  wire logic [23:0]         i_evt_period,
    input  wire logic [31:0]         i_chip_seed,
    input  wire logic                i_cfg_we,
    input  wire logic [3:0]          i_cfg_addr,
    input  wire logic [31:0]         i_cfg_wdata,
    output logic [31:0]              o_cfg_rdata,
    // authentication link to the encoder
    output logic                     o_chal_valid,
    output logic [31:0]              o_chal_nonce,
    input  wire logic                i_peer_valid,
    input  wire logic [30:0]         i_peer_counter,
    input  wire logic [MAC_BITS-1:0] i_peer_tag,
    input  wire logic                i_chal_valid,
    input  wire logic [31:0]         i_chal_nonce,
    output logic                     o_resp_valid,
    output logic [30:0]              o_resp_counter,
    output logic [MAC_BITS-1:0]      o_resp_tag,
    output logic                     o_lock,
    output logic                     o_fwd
);
    logic a_lvl, b_lvl, q_fwd, q_rev, q_ab, q_ba, q_ill, r_overrate;
    logic [23:0] r_period;
    logic [3:0] filter_q;
    logic [23:0] min_period_q, period_q;
    logic [23:0] limits_q;
    logic [127:0] key_q;
    logic key_locked_q, count_en_q;
    logic [31:0] fwd_cnt_q, rev_cnt_q;
    logic [15:0] ch_faults_q, rate_faults_q, auth_fails_q;
    logic [7:0] ch_since_q, rate_since_q, rev_since_q;
    logic [3:0] cause_q;
    logic auth_ok_q, auth_fail_q, auth_busy, auth_ok, auth_fail;
    logic fwd, rev, ch_fault, overrate, lock_clr, auth_start;

    pf_input_filter u_fa (.clk, .rst_n, .i_pin(i_pin_a), .i_filter(filter_q), .o_level(a_lvl));
    pf_input_filter u_fb (.clk, .rst_n, .i_pin(i_pin_b), .i_filter(filter_q), .o_level(b_lvl));
    pf_quadrature u_quad (.clk, .rst_n, .i_a(a_lvl), .i_b(b_lvl), .o_fwd(q_fwd), .o_rev(q_rev),
                          .o_a_without_b(q_ab), .o_b_without_a(q_ba), .o_illegal(q_ill));
    pf_rate u_rate (.clk, .rst_n, .i_fwd(q_fwd), .i_min_period(min_period_q), .o_period(r_period),
                    .o_overrate(r_overrate));

    assign fwd = count_en_q && (i_sample_mode ? i_evt_fwd : q_fwd);
    assign rev = count_en_q && (i_sample_mode ? i_evt_rev : q_rev);
    assign ch_fault = i_sample_mode ? i_evt_fault : (q_ab || q_ba || q_ill);
    assign overrate = i_sample_mode ? (i_evt_fwd && i_evt_period < min_period_q) : r_overrate;
    assign lock_clr = i_cfg_we && i_cfg_addr == 4'd0 && i_cfg_wdata[1];
    assign auth_start = i_cfg_we && i_cfg_addr == 4'd0 && i_cfg_wdata[2];
    assign o_fwd = fwd;

    pf_auth #(.ROLE(1'b1), .MAC_BITS(MAC_BITS)) u_auth (
        .clk, .rst_n, .i_key(key_q), .i_seed(i_chip_seed), .i_chal_valid, .i_chal_nonce, .o_resp_valid,
        .o_resp_counter, .o_resp_tag, .i_verify(auth_start), .o_chal_valid, .o_chal_nonce, .i_peer_valid,
        .i_peer_counter, .i_peer_tag, .o_busy(auth_busy), .o_ok(auth_ok), .o_fail(auth_fail));

    function automatic logic [15:0] sat_inc16(input logic [15:0] v);
        return v == 16'hffff ? v : v + 16'd1;
    endfunction
    function automatic logic [7:0] sat_inc8(input logic [7:0] v);
        return v == 8'hff ? v : v + 8'd1;
    endfunction

    always_ff @(posedge clk) begin
        if (!rst_n) begin
            filter_q <= 4'd4;
            min_period_q <= 24'(MIN_PERIOD_RESET);
            limits_q <= {8'd20, 8'd3, 8'd3};
            key_q <= '0;
            key_locked_q <= 1'b0;
            count_en_q <= 1'b1;
            fwd_cnt_q <= '0;
            rev_cnt_q <= '0;
            period_q <= 24'hffffff;
            ch_faults_q <= '0;
            rate_faults_q <= '0;
            auth_fails_q <= '0;
            ch_since_q <= '0;
            rate_since_q <= '0;
            rev_since_q <= '0;
            cause_q <= '0;
            auth_ok_q <= 1'b0;
            auth_fail_q <= 1'b0;
            o_lock <= 1'b0;
        end else begin
            if (i_cfg_we) begin
                case (i_cfg_addr)
                    4'd0: count_en_q <= i_cfg_wdata[0];
                    4'd8: filter_q <= i_cfg_wdata[3:0];
                    4'd9: min_period_q <= i_cfg_wdata[23:0];
                    4'd10: limits_q <= i_cfg_wdata[23:0];
                    4'd11: if (!key_locked_q) key_q[31:0] <= i_cfg_wdata;
                    4'd12: if (!key_locked_q) key_q[63:32] <= i_cfg_wdata;
                    4'd13: if (!key_locked_q) key_q[95:64] <= i_cfg_wdata;
                    4'd14: if (!key_locked_q) key_q[127:96] <= i_cfg_wdata;
                    4'd15: if (i_cfg_wdata[0]) key_locked_q <= 1'b1;
                    default: ;
                endcase
            end
            if (fwd) fwd_cnt_q <= fwd_cnt_q + 32'd1;
            if (rev) rev_cnt_q <= rev_cnt_q + 32'd1;
            if (i_sample_mode ? i_evt_fwd : q_fwd)
                period_q <= i_sample_mode ? i_evt_period : r_period;
            else if (!i_sample_mode)
                period_q <= r_period;
            if (ch_fault) ch_faults_q <= sat_inc16(ch_faults_q);
            if (overrate) rate_faults_q <= sat_inc16(rate_faults_q);
            if (auth_fail) auth_fails_q <= sat_inc16(auth_fails_q);
            if (auth_ok || auth_fail) begin
                auth_ok_q <= auth_ok;
                auth_fail_q <= auth_fail;
            end
            if (lock_clr) begin
                o_lock <= 1'b0;
                cause_q <= '0;
                ch_since_q <= '0;
                rate_since_q <= '0;
                rev_since_q <= '0;
            end else begin
                logic [3:0] cause;
                logic [7:0] ch_n, rate_n, rev_n;
                ch_n = ch_fault ? sat_inc8(ch_since_q) : ch_since_q;
                rate_n = overrate ? sat_inc8(rate_since_q) : rate_since_q;
                rev_n = rev ? sat_inc8(rev_since_q) : rev_since_q;
                ch_since_q <= ch_n;
                rate_since_q <= rate_n;
                rev_since_q <= rev_n;
                cause = {auth_fail, rev_n >= limits_q[23:16] && limits_q[23:16] != 8'd0,
                         rate_n >= limits_q[15:8] && limits_q[15:8] != 8'd0,
                         ch_n >= limits_q[7:0] && limits_q[7:0] != 8'd0};
                cause_q <= cause_q | cause;
                if (cause != 4'd0) o_lock <= 1'b1;
            end
        end
    end

    always_comb begin
        case (i_cfg_addr)
            4'd0: o_cfg_rdata = {31'd0, count_en_q};
            4'd1: o_cfg_rdata = {20'd0, cause_q, 3'd0, key_locked_q, auth_busy, auth_fail_q, auth_ok_q, o_lock};
            4'd2: o_cfg_rdata = fwd_cnt_q;
            4'd3: o_cfg_rdata = rev_cnt_q;
            4'd4: o_cfg_rdata = {8'd0, period_q};
            4'd5: o_cfg_rdata = {16'd0, ch_faults_q};
            4'd6: o_cfg_rdata = {16'd0, rate_faults_q};
            4'd7: o_cfg_rdata = {16'd0, auth_fails_q};
            4'd8: o_cfg_rdata = {28'd0, filter_q};
            4'd9: o_cfg_rdata = {8'd0, min_period_q};
            4'd10: o_cfg_rdata = {8'd0, limits_q};
            default: o_cfg_rdata = '0;  // keys are never readable
        endcase
    end
endmodule
`default_nettype wire
