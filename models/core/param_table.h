// Declared parameters: one mechanism for device parameters, procedure options and the other
// declared inputs of a scenario (gem5's Param declarations are the model). Each entry is
// declared once, bound to the member it fills: name, unit, range, one-line doc; its default is
// that member's initialiser, so defaults live in one place. The scenario loader reads values
// through a param_source and checks them against the declarations; `hilbench describe`, the
// README tables and the JSON Schema are generated from the same declarations.
#pragma once
#include <algorithm>
#include <any>
#include <cstddef>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "models/core/errors.h"

namespace hilbench {

using param_value = std::variant<double, std::string, bool>;
using param_values = std::map<std::string, param_value>;
// (t_s, value) points with increasing t_s: a profile over simulated time.
using time_series = std::vector<std::pair<double, double>>;

class param_table;

struct param_info {
    // number: a real in [min, max]; integer: a whole number in [min, max] (and one of `values`
    // when there are any); choice: one of `choices`; text: any string; path: a file name relative to the scenario; strings: a
    // list of non-empty strings; series: [[t_s, value], ...] with values in [min, max];
    // table: an object read by `nested`; table_list: an array of such objects; value: any JSON
    // value, kept as its compact JSON text (a campaign's settings of scenario keys).
    enum class kind { number, integer, choice, boolean, text, path, strings, series, table, table_list, value };
    std::string name, unit, doc;
    kind k = kind::number;
    std::optional<param_value> def;  // scalars: the member's initialiser; none when optional
    bool required = false;           // must be given
    bool optional = false;           // may be absent, and then has no value at all
    double min = 0, max = 0;         // number, integer, series values
    std::size_t min_items = 0;       // strings, series, table_list
    std::vector<std::string> choices;
    std::vector<double> values;           // integer: the admissible values (empty: any in range)
    const param_table* nested = nullptr;  // table, table_list
    bool scalar() const { return k == kind::number || k == kind::integer || k == kind::choice || k == kind::boolean; }
};

// A bad value found by a table's own rules (a cross-field check). pointer() is relative to
// the table ("/max_current_a"); whoever read the table prefixes its own location.
class param_error : public config_error {
public:
    param_error(std::string relative_pointer, std::string message)
        : config_error("", std::move(relative_pointer), std::move(message)) {}
};

// Where declared values are read from: the scenario loader implements it over JSON. Every
// call names the declaration, and the source checks type and range against it and reports
// bad input at its own location.
class param_source {
public:
    virtual ~param_source() = default;
    virtual bool has(const std::string& key) const = 0;
    virtual double number(const param_info& p) = 0;     // number, integer
    virtual std::string text(const param_info& p) = 0;  // choice, text, path (resolved)
    virtual bool boolean(const param_info& p) = 0;
    virtual std::vector<std::string> strings(const param_info& p) = 0;
    virtual time_series series(const param_info& p) = 0;
    virtual std::unique_ptr<param_source> table(const param_info& p) = 0;
    virtual std::vector<std::unique_ptr<param_source>> table_list(const param_info& p) = 0;
    // Reports every key no declaration asked for (known: every declared name, for hints).
    virtual void finish(const std::vector<std::string>& known) = 0;
    // Bad input at a pointer relative to this source ("" = the source itself).
    [[noreturn]] virtual void fail(const std::string& relative_pointer, const std::string& message) = 0;
};

// The declarations of one table, untyped: what the loader, describe and the schema need.
class param_table {
public:
    virtual ~param_table() = default;
    const std::vector<param_info>& entries() const { return m_entries; }
    const param_info* find(const std::string& name) const;
    std::vector<std::string> names() const;
    // Nearest declared name for "did you mean" hints ("" when nothing is close).
    std::string nearest(const std::string& name) const;
    // The table's whole-table rules: a sentence each (for describe), and where JSON Schema can
    // state the rule, its schema text (a fragment the schema generator adds with allOf).
    struct rule {
        std::string sentence, schema;
    };
    const std::vector<rule>& rules() const { return m_rules; }

    // Reads the table from a source into its typed struct (held in the any), checks it, and
    // reports unknown keys when `finish` (false when another table reads the same object).
    virtual std::any read_any(param_source& src, bool finish = true) const = 0;
    // The typed struct with every default.
    virtual std::any defaults_any() const = 0;
    // The scalar entries of a typed struct, by name (for run records).
    virtual param_values values_any(const std::any& v) const = 0;

protected:
    std::vector<param_info> m_entries;
    std::vector<rule> m_rules;
};

// The declarations of a table bound to the members of T. T's member initialisers are the
// defaults. Checks are whole-table rules that throw param_error.
template <class T>
class params_of : public param_table {
public:
    params_of& number(std::string name, double T::*m, std::string unit, double lo, double hi, std::string doc) {
        param_info p = info(std::move(name), param_info::kind::number, std::move(unit), std::move(doc));
        p.min = lo;
        p.max = hi;
        p.def = T{}.*m;
        add(
            std::move(p), [m](T& t, param_source& s, const param_info& i) { t.*m = s.number(i); },
            [m](const T& t) { return std::optional<param_value>(t.*m); },
            [m](T& t, const param_value& v) { t.*m = std::get<double>(v); });
        return *this;
    }
    // A number that may be left out: then it has no value (the procedure or model decides).
    params_of& number(std::string name, std::optional<double> T::*m, std::string unit, double lo, double hi,
                      std::string doc) {
        param_info p = info(std::move(name), param_info::kind::number, std::move(unit), std::move(doc));
        p.min = lo;
        p.max = hi;
        p.optional = true;
        add(
            std::move(p), [m](T& t, param_source& s, const param_info& i) { t.*m = s.number(i); },
            [m](const T& t) { return (t.*m) ? std::optional<param_value>(*(t.*m)) : std::nullopt; },
            [m](T& t, const param_value& v) { t.*m = std::get<double>(v); });
        return *this;
    }
    params_of& integer(std::string name, int T::*m, double lo, double hi, std::string doc) {
        param_info p = info(std::move(name), param_info::kind::integer, "", std::move(doc));
        p.min = lo;
        p.max = hi;
        p.def = double(T{}.*m);
        add(
            std::move(p), [m](T& t, param_source& s, const param_info& i) { t.*m = static_cast<int>(s.number(i)); },
            [m](const T& t) { return std::optional<param_value>(double(t.*m)); },
            [m](T& t, const param_value& v) { t.*m = static_cast<int>(std::get<double>(v)); });
        return *this;
    }
    params_of& choice(std::string name, std::string T::*m, std::vector<std::string> choices, std::string doc) {
        param_info p = info(std::move(name), param_info::kind::choice, "", std::move(doc));
        p.choices = std::move(choices);
        p.def = T{}.*m;
        add(
            std::move(p), [m](T& t, param_source& s, const param_info& i) { t.*m = s.text(i); },
            [m](const T& t) { return std::optional<param_value>(t.*m); },
            [m](T& t, const param_value& v) { t.*m = std::get<std::string>(v); });
        return *this;
    }
    // An integer that takes one of a few values (a rate pin: 10 or 80).
    params_of& integer(std::string name, int T::*m, std::vector<int> values, std::string doc) {
        integer(std::move(name), m, *std::min_element(values.begin(), values.end()),
                *std::max_element(values.begin(), values.end()), std::move(doc));
        m_entries.back().values.assign(values.begin(), values.end());
        return *this;
    }
    params_of& boolean(std::string name, bool T::*m, std::string doc) {
        param_info p = info(std::move(name), param_info::kind::boolean, "", std::move(doc));
        p.def = T{}.*m;
        add(
            std::move(p), [m](T& t, param_source& s, const param_info& i) { t.*m = s.boolean(i); },
            [m](const T& t) { return std::optional<param_value>(t.*m); },
            [m](T& t, const param_value& v) { t.*m = std::get<bool>(v); });
        return *this;
    }
    params_of& text(std::string name, std::string T::*m, std::string doc) {
        return string_entry(std::move(name), param_info::kind::text, m, std::move(doc));
    }
    // A file named relative to the scenario; the member receives the resolved path.
    // Any JSON value, kept as its compact JSON text (the reader checks only that it is there).
    params_of& value(std::string name, std::string T::*m, std::string doc) {
        return string_entry(std::move(name), param_info::kind::value, m, std::move(doc));
    }
    params_of& path(std::string name, std::string T::*m, std::string doc) {
        return string_entry(std::move(name), param_info::kind::path, m, std::move(doc));
    }
    params_of& strings(std::string name, std::vector<std::string> T::*m, std::size_t min_items, std::string doc) {
        param_info p = info(std::move(name), param_info::kind::strings, "", std::move(doc));
        p.min_items = min_items;
        add(
            std::move(p), [m](T& t, param_source& s, const param_info& i) { t.*m = s.strings(i); }, no_value, nullptr);
        return *this;
    }
    params_of& series(std::string name, time_series T::*m, std::string unit, double lo, double hi, std::string doc) {
        param_info p = info(std::move(name), param_info::kind::series, std::move(unit), std::move(doc));
        p.min = lo;
        p.max = hi;
        p.min_items = 1;
        add(
            std::move(p), [m](T& t, param_source& s, const param_info& i) { t.*m = s.series(i); }, no_value, nullptr);
        return *this;
    }
    template <class U>
    params_of& table(std::string name, U T::*m, const params_of<U>& nested, std::string doc) {
        param_info p = info(std::move(name), param_info::kind::table, "", std::move(doc));
        p.nested = &nested;
        add(
            std::move(p),
            [m, &nested](T& t, param_source& s, const param_info& i) {
                auto sub = s.table(i);
                t.*m = nested.read(*sub);
            },
            no_value, nullptr);
        return *this;
    }
    template <class U>
    params_of& table_list(std::string name, std::vector<U> T::*m, const params_of<U>& nested, std::size_t min_items,
                          std::string doc) {
        return list_entry(std::move(name), nested, min_items, std::move(doc),
                          [m](T& t, std::vector<U> v) { t.*m = std::move(v); });
    }
    // A list that may be left out (absent differs from empty: the previous value is kept).
    template <class U>
    params_of& table_list(std::string name, std::optional<std::vector<U>> T::*m, const params_of<U>& nested,
                          std::size_t min_items, std::string doc) {
        params_of& self = list_entry(std::move(name), nested, min_items, std::move(doc),
                                     [m](T& t, std::vector<U> v) { t.*m = std::move(v); });
        m_entries.back().optional = true;
        return self;
    }
    // The entry declared last must be given.
    params_of& required() {
        m_entries.back().required = true;
        m_entries.back().def.reset();
        return *this;
    }
    // A whole-table rule, described in one sentence; `test` throws param_error when it is broken.
    // schema: the same rule as a JSON Schema fragment over this table's object, when JSON
    // Schema can state it ("" when it cannot: arithmetic between values, order in time).
    params_of& check(std::string sentence, std::function<void(const T&)> test, std::string schema = "") {
        m_rules.push_back({std::move(sentence), std::move(schema)});
        m_checks.push_back(std::move(test));
        return *this;
    }

    // Reads every declared entry present in the source (required ones must be), then checks.
    // Each entry's bad input is kept and the next entry still read, so that all of them are
    // reported; the whole-table rules are checked when every entry was good.
    T read(param_source& src, bool finish = true) const {
        T t{};
        error_collector errors;
        for (std::size_t k = 0; k < m_entries.size(); ++k) {
            const param_info& e = m_entries[k];
            errors.attempt([&] {
                if (src.has(e.name))
                    m_bind[k].read(t, src, e);
                else if (e.required)
                    src.fail("/" + e.name, "expected a value, got nothing (required key missing)");
            });
        }
        if (finish) errors.attempt([&] { src.finish(names()); });
        if (errors.empty())
            errors.attempt([&] {
                try {
                    validate(t);
                } catch (const param_error& err) {
                    src.fail(err.pointer(), err.message());
                }
            });
        errors.raise();
        return t;
    }
    // The defaults with scalar overrides by name, checked (for models and tests).
    T make(const param_values& overrides = {}) const {
        T t{};
        for (const auto& [name, v] : overrides) {
            const param_info* e = find(name);
            if (!e || !e->scalar()) throw param_error("/" + name, "unknown parameter '" + name + "'");
            const std::size_t k = std::size_t(e - m_entries.data());
            if (!admissible(*e, v)) throw param_error("/" + name, "expected an admissible value for " + name);
            m_bind[k].set(t, v);
        }
        validate(t);
        return t;
    }
    void validate(const T& t) const {
        for (const auto& c : m_checks) c(t);
    }
    // The scalar entries of t, by name.
    param_values values(const T& t) const {
        param_values out;
        for (std::size_t k = 0; k < m_entries.size(); ++k)
            if (m_bind[k].get)
                if (auto v = m_bind[k].get(t)) out[m_entries[k].name] = *v;
        return out;
    }

    std::any read_any(param_source& src, bool finish = true) const override { return read(src, finish); }
    std::any defaults_any() const override { return T{}; }
    param_values values_any(const std::any& v) const override { return values(std::any_cast<const T&>(v)); }

private:
    struct binding {
        std::function<void(T&, param_source&, const param_info&)> read;
        std::function<std::optional<param_value>(const T&)> get;  // scalars only
        std::function<void(T&, const param_value&)> set;          // scalars only
    };
    static constexpr std::nullptr_t no_value = nullptr;
    static param_info info(std::string name, param_info::kind k, std::string unit, std::string doc) {
        param_info p;
        p.name = std::move(name);
        p.k = k;
        p.unit = std::move(unit);
        p.doc = std::move(doc);
        return p;
    }
    void add(param_info p, std::function<void(T&, param_source&, const param_info&)> read,
             std::function<std::optional<param_value>(const T&)> get, std::function<void(T&, const param_value&)> set) {
        m_entries.push_back(std::move(p));
        m_bind.push_back({std::move(read), std::move(get), std::move(set)});
    }
    // A text is a scalar value (in values()); a path is not, as it is resolved on this machine.
    params_of& string_entry(std::string name, param_info::kind k, std::string T::*m, std::string doc) {
        param_info p = info(std::move(name), k, "", std::move(doc));
        if (k != param_info::kind::value) p.def = T{}.*m;
        if (k == param_info::kind::text)
            add(
                std::move(p), [m](T& t, param_source& s, const param_info& i) { t.*m = s.text(i); },
                [m](const T& t) { return std::optional<param_value>(t.*m); },
                [m](T& t, const param_value& v) { t.*m = std::get<std::string>(v); });
        else
            add(
                std::move(p), [m](T& t, param_source& s, const param_info& i) { t.*m = s.text(i); }, no_value, nullptr);
        return *this;
    }
    template <class U, class Store>
    params_of& list_entry(std::string name, const params_of<U>& nested, std::size_t min_items, std::string doc,
                          Store store) {
        param_info p = info(std::move(name), param_info::kind::table_list, "", std::move(doc));
        p.nested = &nested;
        p.min_items = min_items;
        add(
            std::move(p),
            [store, &nested](T& t, param_source& s, const param_info& i) {
                std::vector<U> out;
                for (auto& sub : s.table_list(i)) out.push_back(nested.read(*sub));
                store(t, std::move(out));
            },
            no_value, nullptr);
        return *this;
    }
    static bool admissible(const param_info& e, const param_value& v);

    std::vector<binding> m_bind;
    std::vector<std::function<void(const T&)>> m_checks;
};

template <class T>
bool params_of<T>::admissible(const param_info& e, const param_value& v) {
    switch (e.k) {
        case param_info::kind::number:
        case param_info::kind::integer: {
            if (!std::holds_alternative<double>(v)) return false;
            const double x = std::get<double>(v);
            return x >= e.min && x <= e.max &&
                   (e.k == param_info::kind::number || x == double(static_cast<long long>(x)));
        }
        case param_info::kind::choice:
            if (!std::holds_alternative<std::string>(v)) return false;
            for (const auto& c : e.choices)
                if (c == std::get<std::string>(v)) return true;
            return false;
        case param_info::kind::boolean:
            return std::holds_alternative<bool>(v);
        default:
            return false;
    }
}

// Typed access to scalar values by name; throws std::logic_error on a programming mistake.
double get_number(const param_values& v, const std::string& name);
std::string get_choice(const param_values& v, const std::string& name);
bool get_bool(const param_values& v, const std::string& name);

// Levenshtein distance, used for "did you mean" hints.
std::size_t edit_distance(const std::string& a, const std::string& b);

}  // namespace hilbench
