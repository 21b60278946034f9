// The FST waveform file of a Verilated front end: the one place a trace is opened (with the
// model's whole hierarchy), dumped at the simulated time of each clock edge and closed. A template over
// the Verilated writer so that headers can hold one without the Verilated headers; its member
// functions are used, hence compiled, only in the adapters, which include "verilated_fst_c.h".
#pragma once
#include <cstdint>
#include <memory>
#include <string>

#include "models/core/errors.h"

class VerilatedFstC;

namespace hilbench {

template <class Fst>
class basic_fst_trace {
public:
    // Opens path for the model's signals, and those of more models of the same Verilated
    // context (each under its own scope); config_error naming the file when it cannot be written.
    template <class Model, class... More>
    void open(const std::string& path, Model& top, More&... more) {
        close();
        m_fst = std::make_unique<Fst>();
        top.trace(m_fst.get(), 99);
        (more.trace(m_fst.get(), 99), ...);
        m_fst->open(path.c_str());
        if (!m_fst->isOpen()) {
            m_fst.reset();
            throw config_error(path, "", "expected a writable waveform file, got one that cannot be opened");
        }
    }
    bool is_open() const { return m_fst != nullptr; }
    // Dumps the signals at a simulated time (s). Times only grow: an edge the adapter places at
    // or before the last dumped one goes 1 ps after it.
    void dump(double time_s) {
        uint64_t ps = time_s > 0 ? static_cast<uint64_t>(time_s * 1e12 + 0.5) : 0;
        if (m_dumped && ps <= m_last_ps) ps = m_last_ps + 1;
        m_fst->dump(ps);
        m_last_ps = ps;
        m_dumped = true;
    }
    void close() {
        if (m_fst) {
            m_fst->close();
            m_fst.reset();
        }
    }

private:
    std::unique_ptr<Fst> m_fst;
    uint64_t m_last_ps = 0;
    bool m_dumped = false;
};

using fst_trace = basic_fst_trace<VerilatedFstC>;

}  // namespace hilbench
