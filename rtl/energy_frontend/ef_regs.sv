// ef_regs: register file of the energy front end on a simple synchronous bus.
// Writes take effect at the rising edge of `clk` with i_we high; a read with i_re high
// latches the addressed register (its value before that edge) into o_rdata, as an SPI
// metering chip shifts out a latched word. Calibration registers (CONFIG and
// 0x10..0x1F) are write-protected while LOCK is set: a rejected write increments
// CALWR_REJ, an accepted one CALWR_CNT (both reset only by rst_n, 32-bit wrapping).
// LOCK: write 1 to lock, write UNLOCK_KEY to unlock. Register map: models/meter/ef_regs.h.
// Reset on `rst_n` low. Latency: writes 1 cycle, reads 1 cycle.
// SPDX-License-Identifier: Apache-2.0
`default_nettype none
module ef_regs #(
    parameter logic [31:0] UNLOCK_KEY = 32'h5aa5c33c
) (
    input  wire logic               clk,
    input  wire logic               rst_n,
    input  wire logic [7:0]         i_addr,
    input  wire logic [31:0]        i_wdata,
    input  wire logic               i_we,
    input  wire logic               i_re,
    output logic [31:0]             o_rdata,
    // status in
    input  wire logic               i_running,
    input  wire logic               i_revp,
    input  wire logic               i_tamper,
    input  wire logic               i_use_i2,
    input  wire logic signed [31:0] i_aenergy,
    input  wire logic [31:0]        i_cfcnt,
    input  wire logic signed [31:0] i_apower,
    input  wire logic signed [23:0] i_vwave,
    input  wire logic signed [23:0] i_iwave,
    input  wire logic signed [23:0] i_i2wave,
    input  wire logic [23:0]        i_iavg,
    input  wire logic [23:0]        i_i2avg,
    // calibration out
    output logic [5:0]              o_config,
    output logic [23:0]             o_vgain,
    output logic [23:0]             o_igain,
    output logic [23:0]             o_i2gain,
    output logic signed [23:0]      o_voffset,
    output logic signed [23:0]      o_ioffset,
    output logic signed [23:0]      o_i2offset,
    output logic signed [11:0]      o_phcal,
    output logic signed [31:0]      o_wattos,
    output logic [31:0]             o_noload,
    output logic [31:0]             o_start,
    output logic [47:0]             o_cfthr,
    output logic [15:0]             o_cfdiv,
    output logic [15:0]             o_cfwidth,
    output logic [6:0]              o_tamper_thr,
    output logic [23:0]             o_tamper_min
);
    localparam logic [31:0] ID = 32'h48424546;  // "HBEF"

    logic locked_q;
    logic [31:0] calwr_cnt_q, calwr_rej_q;
    logic is_cal;

    assign is_cal = (i_addr == 8'h02) || (i_addr[7:4] == 4'h1);

    always_ff @(posedge clk) begin
        if (!rst_n) o_rdata <= '0;
        else if (i_re) o_rdata <= read_mux(i_addr);
    end

    function automatic logic [31:0] read_mux(input logic [7:0] a);
        case (a)
            8'h00: return ID;
            8'h01: return {27'd0, locked_q, i_use_i2, i_tamper, i_revp, i_running};
            8'h02: return {26'd0, o_config};
            8'h03: return {31'd0, locked_q};
            8'h04: return calwr_cnt_q;
            8'h05: return calwr_rej_q;
            8'h10: return {8'd0, o_vgain};
            8'h11: return {8'd0, o_igain};
            8'h12: return {8'd0, o_i2gain};
            8'h13: return 32'(o_voffset);
            8'h14: return 32'(o_ioffset);
            8'h15: return 32'(o_i2offset);
            8'h16: return 32'(o_phcal);
            8'h17: return o_wattos;
            8'h18: return o_noload;
            8'h19: return o_start;
            8'h1a: return o_cfthr[31:0];
            8'h1b: return {16'd0, o_cfthr[47:32]};
            8'h1c: return {16'd0, o_cfdiv};
            8'h1d: return {16'd0, o_cfwidth};
            8'h1e: return {25'd0, o_tamper_thr};
            8'h1f: return {8'd0, o_tamper_min};
            8'h20: return i_aenergy;
            8'h21: return i_cfcnt;
            8'h22: return i_apower;
            8'h23: return 32'(i_vwave);
            8'h24: return 32'(i_iwave);
            8'h25: return 32'(i_i2wave);
            8'h26: return {8'd0, i_iavg};
            8'h27: return {8'd0, i_i2avg};
            default: return 32'd0;
        endcase
    endfunction

    always_ff @(posedge clk) begin
        if (!rst_n) begin
            locked_q <= 1'b0;
            calwr_cnt_q <= '0; calwr_rej_q <= '0;
            o_config <= 6'h07;
            o_vgain <= 24'h400000; o_igain <= 24'h400000; o_i2gain <= 24'h400000;
            o_voffset <= '0; o_ioffset <= '0; o_i2offset <= '0;
            o_phcal <= '0; o_wattos <= '0; o_noload <= '0; o_start <= '0;
            o_cfthr <= 48'h000001000000; o_cfdiv <= 16'd1; o_cfwidth <= 16'd1;
            o_tamper_thr <= 7'd16; o_tamper_min <= 24'h001000;
        end else if (i_we) begin
            if (i_addr == 8'h03) begin
                if (i_wdata == 32'd1) locked_q <= 1'b1;
                else if (i_wdata == UNLOCK_KEY) locked_q <= 1'b0;
            end else if (is_cal && locked_q) begin
                calwr_rej_q <= calwr_rej_q + 32'd1;
            end else if (is_cal) begin
                calwr_cnt_q <= calwr_cnt_q + 32'd1;
                case (i_addr)
                    8'h02: o_config <= i_wdata[5:0];
                    8'h10: o_vgain <= i_wdata[23:0];
                    8'h11: o_igain <= i_wdata[23:0];
                    8'h12: o_i2gain <= i_wdata[23:0];
                    8'h13: o_voffset <= i_wdata[23:0];
                    8'h14: o_ioffset <= i_wdata[23:0];
                    8'h15: o_i2offset <= i_wdata[23:0];
                    8'h16: o_phcal <= i_wdata[11:0];
                    8'h17: o_wattos <= i_wdata;
                    8'h18: o_noload <= i_wdata;
                    8'h19: o_start <= i_wdata;
                    8'h1a: o_cfthr[31:0] <= i_wdata;
                    8'h1b: o_cfthr[47:32] <= i_wdata[15:0];
                    8'h1c: o_cfdiv <= i_wdata[15:0];
                    8'h1d: o_cfwidth <= i_wdata[15:0];
                    8'h1e: o_tamper_thr <= i_wdata[6:0];
                    8'h1f: o_tamper_min <= i_wdata[23:0];
                    default: ;
                endcase
            end
        end
    end
endmodule
`default_nettype wire
