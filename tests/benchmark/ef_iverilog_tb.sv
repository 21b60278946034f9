// Benchmark testbench for Icarus Verilog: the same reset, register writes and 1-bit
// stimulus as the bare Verilator loop in benchmark.cpp; prints the CF pulse count.
// Not synthesisable (testbench). Stimulus file: one hex digit per cycle, bits {v, i, i2}.
`timescale 1ns / 1ps
`default_nettype none
module ef_iverilog_tb;
    parameter int N = 1000000;
    parameter logic [31:0] THR = 32'd1000000;
    logic clk = 1'b0, rst_n = 1'b0;
    logic v_bit = 1'b0, i_bit = 1'b0, i2_bit = 1'b0;
    logic [7:0] addr = 8'd0;
    logic [31:0] wdata = 32'd0;
    logic we = 1'b0, re = 1'b0;
    wire logic [31:0] rdata;
    wire logic cf, strobe;
    logic [3:0] mem [0:N-1];
    logic cf_prev = 1'b0;
    integer k, cycles, cf_count = 0;
    reg [1023:0] stim_file;

    energy_frontend_top dut (
        .clk(clk), .rst_n(rst_n), .i_v_bit(v_bit), .i_i_bit(i_bit), .i_i2_bit(i2_bit),
        .i_sample_mode(1'b0), .i_sample_valid(1'b0), .i_v_sample(24'd0), .i_i_sample(24'd0),
        .i_i2_sample(24'd0), .i_bus_addr(addr), .i_bus_wdata(wdata), .i_bus_we(we), .i_bus_re(re),
        .o_bus_rdata(rdata), .o_cf(cf), .o_sample_strobe(strobe));

    task automatic tick;
        #1 clk = 1'b1;
        #1 clk = 1'b0;
    endtask

    task automatic write(input logic [7:0] a, input logic [31:0] d);
        addr = a; wdata = d; we = 1'b1;
        tick();
        we = 1'b0;
    endtask

    initial begin
        if (!$value$plusargs("stim=%s", stim_file)) stim_file = "stimulus.hex";
        if (!$value$plusargs("cycles=%d", cycles)) cycles = N;
        $readmemh(stim_file, mem);
        repeat (4) tick();
        rst_n = 1'b1;
        write(8'h1b, 32'd0);
        write(8'h1a, THR);
        write(8'h1c, 32'd1);
        write(8'h1d, 32'd8);
        for (k = 0; k < cycles; k = k + 1) begin
            {v_bit, i_bit, i2_bit} = mem[k][2:0];
            #1 clk = 1'b1;
            #1 clk = 1'b0;
            if (cf && !cf_prev) cf_count = cf_count + 1;
            cf_prev = cf;
        end
        $display("CF %0d", cf_count);
        $finish;
    end
endmodule
`default_nettype wire
