// The MCU side of the HX711-class two-wire read-out, one call per ADC clock: waits for DOUT
// low, clocks 24 data bits MSB first (sampling DOUT at the end of each low phase), then 1..3
// more pulses to select channel and gain for the next conversion. PD_SCK high and low each
// last `phase_cycles` clocks (>= 2 for the ADC's synchroniser; 3 = 18.3 us at 163.84 kHz,
// inside the 50 us the chip allows). Holding PD_SCK high powers the ADC down.
#pragma once
#include <cstdint>

namespace hilbench::lc {

class hx_host {
public:
    explicit hx_host(uint32_t phase_cycles = 3) : m_phase(phase_cycles) {}

    // pulses after the 24 data bits: 1 = A x128, 2 = B x32, 3 = A x64
    void set_extra_pulses(uint32_t n) { m_extra = n < 1 ? 1 : (n > 3 ? 3 : n); }
    void set_power_down(bool pd) { m_pd = pd; }

    // Called once per clock with the DOUT the ADC shows now; returns PD_SCK for the next clock.
    bool clock(bool dout) {
        if (m_pd) {
            m_state = idle;
            return true;
        }
        switch (m_state) {
        case idle:
            if (!dout) {
                m_state = high;
                m_count = 0;
                m_bits = 0;
                m_word = 0;
                return true;
            }
            return false;
        case high:
            if (++m_count < m_phase) return true;
            m_state = low;
            m_count = 0;
            return false;
        case low:
            if (++m_count < m_phase) return false;
            // end of the low phase: the bit shifted out by the last rising edge is on DOUT
            if (m_bits < 24) m_word = (m_word << 1) | (dout ? 1u : 0u);
            ++m_bits;
            if (m_bits == 24 + m_extra) {
                m_state = idle;
                m_code = static_cast<int32_t>(m_word << 8) >> 8;
                m_ready = true;
                ++m_reads;
                return false;
            }
            m_state = high;
            m_count = 0;
            return true;
        }
        return false;
    }

    // A completed read since the last call, or false.
    bool take(int32_t& code) {
        if (!m_ready) return false;
        m_ready = false;
        code = m_code;
        return true;
    }
    uint64_t reads() const { return m_reads; }
    bool busy() const { return m_state != idle; }

private:
    enum state { idle, high, low };
    uint32_t m_phase;
    uint32_t m_extra = 1;
    bool m_pd = false;
    state m_state = idle;
    uint32_t m_count = 0, m_bits = 0, m_word = 0;
    int32_t m_code = 0;
    bool m_ready = false;
    uint64_t m_reads = 0;
};

}  // namespace hilbench::lc
