// The FST waveform file of a Verilated front end: the one place a trace is opened (with the
// model's whole hierarchy), dumped at the adapter's own timestamps and closed. A template over
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
    // Opens path for the model's signals; config_error naming the file when it cannot be written.
    template <class Model>
    void open(Model& top, const std::string& path) {
        close();
        m_fst = std::make_unique<Fst>();
        top.trace(m_fst.get(), 99);
        m_fst->open(path.c_str());
        if (!m_fst->isOpen()) {
            m_fst.reset();
            throw config_error(path, "", "expected a writable waveform file, got one that cannot be opened");
        }
    }
    bool is_open() const { return m_fst != nullptr; }
    void dump(uint64_t time_ps) { m_fst->dump(time_ps); }
    void close() {
        if (m_fst) {
            m_fst->close();
            m_fst.reset();
        }
    }

private:
    std::unique_ptr<Fst> m_fst;
};

using fst_trace = basic_fst_trace<VerilatedFstC>;

}  // namespace hilbench
