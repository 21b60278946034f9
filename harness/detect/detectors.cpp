#include "harness/detect/detectors.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <set>

#include "harness/detect/charts.h"
#include "harness/families/family.h"
#include "harness/scenario/json_reader.h"
#include "harness/scenario/scenario.h"
#include "harness/scenario/schema.h"
#include "models/core/errors.h"

namespace hilbench::detect {
namespace {

using json = nlohmann::json;

const std::vector<std::string> kinds = {"threshold", "bias", "sprt", "cusum", "ewma", "consistency", "integrity", "check", "contrast", "fusion"};
const std::vector<std::string> labels = {"", "CHEAT", "THEFT", "TAMPER", "FAULT", "DRIFT"};

std::string fmt(double v, int prec = 3) {
    char b[64];
    std::snprintf(b, sizeof b, "%.*g", prec, v);
    return b;
}

// The default threshold of each kind, on its own score.
double default_threshold(const detector_spec& s) {
    if (s.kind == "threshold") return 1.0;                                  // |error| at the limit
    if (s.kind == "bias") return 3.0;                                       // 3 sigma
    if (s.kind == "sprt") return std::log((1 - s.beta) / s.alpha);          // Wald's upper bound
    if (s.kind == "cusum") return s.h;                                      // in sigma
    if (s.kind == "ewma") return s.L;                                       // in sigma of the EWMA
    if (s.kind == "consistency") return 1.0;                                // at the tolerance
    if (s.kind == "integrity") return 1.0;                                  // one violation
    if (s.kind == "check") return 1.0;                                      // one failed check
    if (s.kind == "contrast") return 3.0;                                   // 3 sigma
    return 1.0;                                                             // fusion: an input at its threshold
}

// The inspected points that measured the error (in inspection order).
struct measured {
    const inspection* p;
    double e;
};
std::vector<measured> errors_of(const detector_spec& s, const evidence& ev) {
    std::vector<measured> out;
    for (const inspection& p : ev.inspections)
        if (const double* e = value_of(p, s.error)) out.push_back({&p, *e});
    return out;
}

finding blank(const detector_spec& s, const evidence& ev) {
    finding f;
    f.run = ev.run;
    f.detector = s.id;
    f.kind = s.kind;
    f.threshold = s.alarm_at > 0 ? s.alarm_at : default_threshold(s);
    return f;
}

void decide(finding& f, const detector_spec& s, const std::string& rule_guess) {
    f.label = s.guess.empty() ? rule_guess : s.guess;
    f.alarm = std::isfinite(f.score) && f.score >= f.threshold;
    if (f.alarm) f.guess = f.label;
}

bool malicious_label(const std::string& l) { return l == "CHEAT" || l == "THEFT" || l == "TAMPER"; }

// A point the inspection failed without measuring the error (no reading completed) is as bad as
// an error of this many times its limit.
constexpr double unmeasured_fail = 10;

finding threshold(const detector_spec& s, const evidence& ev) {
    finding f = blank(s, ev);
    f.score = std::nan("");
    const auto limit_at = [&](const inspection& p) -> const double* { return s.limit_value > 0 ? &s.limit_value : value_of(p, s.limit); };
    const std::string limit_name = s.limit_value > 0 ? std::string("limit") : s.limit;
    for (const inspection& p : ev.inspections)
        if (!value_of(p, s.error) && limit_at(p) && p.verdict == "fail" && !(unmeasured_fail <= f.score)) {
            f.score = unmeasured_fail;
            f.magnitude = std::nan("");
            f.evidence = "point " + p.point + " failed without a measured " + s.error;
        }
    for (const measured& m : errors_of(s, ev)) {
        const double* lim = limit_at(*m.p);
        if (!lim || *lim <= 0) continue;
        const double r = std::fabs(m.e) / *lim;
        if (!(r <= f.score)) {  // also the first
            f.score = r;
            f.magnitude = m.e;
            f.evidence = "point " + m.p->point + ": " + s.error + " " + fmt(m.e) + " against " + limit_name + " " + fmt(*lim);
        }
    }
    f.magnitude_unit = unit_of(s.error);
    decide(f, s, "CHEAT");
    return f;
}

finding bias(const detector_spec& s, const evidence& ev) {
    finding f = blank(s, ev);
    const std::vector<measured> m = errors_of(s, ev);
    if (m.empty()) {
        f.score = std::nan("");
        return f;
    }
    double sum = 0;
    for (const measured& x : m) sum += x.e;
    const double mean = sum / double(m.size());
    f.score = std::fabs(mean) / s.sigma;
    f.magnitude = mean;
    f.magnitude_unit = unit_of(s.error);
    f.evidence = "mean " + s.error + " over " + std::to_string(m.size()) + " points " + fmt(mean) + " (" + fmt(f.score) +
                 " sigma of " + fmt(s.sigma) + ")";
    decide(f, s, "DRIFT");
    return f;
}

finding sprt_test(const detector_spec& s, const evidence& ev) {
    finding f = blank(s, ev);
    const std::vector<measured> m = errors_of(s, ev);
    if (m.empty()) {
        f.score = std::nan("");
        return f;
    }
    // Wald's test of mean 0 against +delta and against -delta, over the points in inspection order
    double up = 0, lo = 0;
    f.score = 0;
    for (const measured& x : m) {
        const double z = x.e / s.sigma;
        up += s.delta * z - s.delta * s.delta / 2;
        lo += -s.delta * z - s.delta * s.delta / 2;
        f.score = std::max({f.score, up, lo});
    }
    f.magnitude = (up >= lo ? 1 : -1) * s.delta * s.sigma;
    f.magnitude_unit = unit_of(s.error);
    f.evidence = "log-likelihood ratio of a shift of " + fmt(f.magnitude) + " " + f.magnitude_unit + ": " + fmt(std::max(up, lo)) +
                 " after " + std::to_string(m.size()) + " points (max " + fmt(f.score) + ")";
    decide(f, s, "DRIFT");
    return f;
}

// The charts along a condition: one run per group, the points sorted by the condition; the
// residual is the error less the group's median (or its first `baseline` points'), in sigma (a uniform shift is the bias
// detector's; a chart sees where the error changes along the load).
struct chart_point {
    double x, z, e;
};
// The sums over bins of the condition, (x - bin, x] each, charted at its upper edge x: a day's
// consumption from hourly readings, ready when the day is. A bin with fewer observations than the
// fullest one (a recording cut short, a missing reading) would be a false change: it is left out.
std::vector<chart_point> binned(const std::vector<chart_point>& pts, double bin) {
    std::map<double, std::pair<double, std::size_t>> sums;
    for (const chart_point& p : pts) {
        auto& b = sums[std::ceil(p.x / bin - 1e-9) * bin];
        b.first += p.e;
        ++b.second;
    }
    std::size_t full = 0;
    for (const auto& [x, b] : sums) full = std::max(full, b.second);
    std::vector<chart_point> out;
    for (const auto& [x, b] : sums)
        if (b.second == full) out.push_back({x, 0, b.first});
    return out;
}

std::map<double, std::vector<chart_point>> chart_groups(const detector_spec& s, const evidence& ev) {
    std::map<double, std::vector<chart_point>> g;
    for (const measured& m : errors_of(s, ev)) {
        const double* x = condition_of(*m.p, s.order_by);
        if (!x) continue;
        double key = 0;
        if (!s.group_by.empty()) {
            const double* gv = condition_of(*m.p, s.group_by);
            if (!gv) continue;
            key = *gv;
        }
        g[key].push_back({*x, 0, m.e});
    }
    for (auto it = g.begin(); it != g.end();) {
        auto& pts = it->second;
        std::stable_sort(pts.begin(), pts.end(), [](const chart_point& a, const chart_point& b) { return a.x < b.x; });
        if (s.bin > 0) pts = binned(pts, s.bin);
        std::vector<double> es;  // the centre: the median of the group, or of its first `baseline` points
        for (const chart_point& p : pts)
            if (s.baseline <= 0 || es.size() < std::size_t(s.baseline)) es.push_back(p.e);
        std::sort(es.begin(), es.end());
        const double med = es.empty() ? std::nan("")
                           : es.size() % 2 ? es[es.size() / 2]
                                           : 0.5 * (es[es.size() / 2 - 1] + es[es.size() / 2]);
        // a relative chart has no scale without a positive centre: nothing to chart
        if (!std::isfinite(med) || (s.relative && !(med > 0))) {
            it = g.erase(it);
            continue;
        }
        for (chart_point& p : pts) p.z = (s.relative ? (p.e - med) / med * 100 : p.e - med) / s.sigma;
        ++it;
    }
    return g;
}

finding chart(const detector_spec& s, const evidence& ev) {
    finding f = blank(s, ev);
    const auto groups = chart_groups(s, ev);
    if (groups.empty()) {
        f.score = std::nan("");
        return f;
    }
    f.score = 0;
    // the earliest point along the condition at which a group's chart alarms
    const auto first_alarm = [&](double x) {
        if (f.alarm_quantity.empty() || x < f.alarm_at) {
            f.alarm_quantity = s.order_by;
            f.alarm_at = x;
        }
    };
    for (const auto& [key, pts] : groups) {
        if (s.kind == "cusum") {
            // the tabular CUSUM statistic, in sigma; the change point is where the side that peaks last left zero
            double up = 0, lo = 0;
            std::size_t up_start = 0, lo_start = 0;
            for (std::size_t i = 0; i < pts.size(); ++i) {
                if (up == 0) up_start = i;
                if (lo == 0) lo_start = i;
                up = std::max(0.0, up + pts[i].z - s.k);
                lo = std::max(0.0, lo - pts[i].z - s.k);
                const double peak = std::max(up, lo);
                if (peak >= f.threshold) first_alarm(pts[i].x);
                if (peak > f.score) {
                    f.score = peak;
                    const std::size_t from = up >= lo ? up_start : lo_start;
                    double sum = 0;
                    for (std::size_t j = from; j <= i; ++j) sum += pts[j].z;
                    f.onset_quantity = s.order_by;
                    f.onset = pts[from].x;
                    f.magnitude = sum / double(i - from + 1) * s.sigma;
                    f.evidence = "CUSUM " + fmt(peak) + " sigma along " + s.order_by + " from " + fmt(pts[from].x) +
                                 (s.group_by.empty() ? "" : " at " + s.group_by + " " + fmt(key)) + ": the error moves by " +
                                 fmt(f.magnitude) + " " + (s.relative ? "%" : unit_of(s.error)) + " there";
                }
            }
        } else {  // ewma, in units of its own asymptotic sigma
            const double sd = std::sqrt(s.lambda / (2 - s.lambda));
            double w = 0;
            for (const chart_point& p : pts) {
                w = (1 - s.lambda) * w + s.lambda * p.z;
                if (std::fabs(w) / sd >= f.threshold) first_alarm(p.x);
                if (std::fabs(w) / sd > f.score) {
                    f.score = std::fabs(w) / sd;
                    f.onset_quantity = s.order_by;
                    f.onset = p.x;
                    f.magnitude = w * s.sigma;
                    f.evidence = "EWMA " + fmt(f.score) + " sigma at " + s.order_by + " " + fmt(p.x) +
                                 (s.group_by.empty() ? "" : ", " + s.group_by + " " + fmt(key));
                }
            }
        }
    }
    f.magnitude_unit = s.relative ? "%" : unit_of(s.error);
    decide(f, s, "CHEAT");
    return f;
}

finding consistency(const detector_spec& s, const evidence& ev) {
    finding f = blank(s, ev);
    f.score = std::nan("");
    for (const inspection& p : ev.inspections) {
        const double* q = value_of(p, s.quantity);
        if (!q) continue;
        // a fixed bound, or the point's own (a reading's resolution over what it read), or their sum
        double tol = s.tolerance_value;
        if (!s.tolerance.empty()) {
            const double* t = value_of(p, s.tolerance);
            if (!t) continue;
            tol += *t;
        }
        if (!(tol > 0)) continue;
        const double r = std::fabs(*q) / tol;
        if (!(r <= f.score)) {
            f.score = r;
            f.magnitude = *q;
            const std::string bound = s.tolerance.empty() ? std::string("tolerance")
                                      : s.tolerance_value > 0 ? s.tolerance + " + " + fmt(s.tolerance_value)
                                                              : s.tolerance;
            f.evidence = "point " + p.point + ": " + s.quantity + " " + fmt(*q) + " against " + bound + " " + fmt(tol);
        }
    }
    f.magnitude_unit = unit_of(s.quantity);
    decide(f, s, "CHEAT");
    if (f.alarm && !s.guess_if_positive.empty() && f.magnitude > 0) f.guess = s.guess_if_positive;
    return f;
}

finding integrity(const detector_spec& s, const evidence& ev) {
    finding f = blank(s, ev);
    std::vector<std::string> found;
    double first = std::nan("");
    auto note = [&](const std::string& what, double t) {
        found.push_back(what);
        if (std::isfinite(t) && !(first <= t)) first = t;
    };
    std::set<std::string> shown{ev.software_id};
    for (const inspection& p : ev.inspections)
        if (p.software_id != ev.software_id && shown.insert(p.software_id).second)
            note("software id changed from \"" + ev.software_id + "\" to \"" + p.software_id + "\" during point " + p.point,
                 std::nan(""));
    if (!s.approved_software_ids.empty())
        for (const std::string& id : shown) {
            bool ok = false;  // an approved identification, or its leading part (the firmware's, before a per-device checksum)
            for (const std::string& a : s.approved_software_ids) ok = ok || id.compare(0, a.size(), a) == 0;
            if (!ok) note("software id \"" + id + "\" is not an approved one", std::nan(""));
        }
    // each point's trail is the device's whole trail: continuous, counters never falling, no
    // parameter written once sealed
    std::set<std::string> seen;
    auto once = [&](const std::string& what, double t) {
        if (seen.insert(what).second) note(what, t);
    };
    std::vector<const std::vector<reports::audit_row>*> trails;
    for (const inspection& p : ev.inspections) trails.push_back(&p.audit_trail);
    if (trails.empty()) trails.push_back(&ev.audit_trail);
    for (const auto* trail : trails) {
        bool sealed = s.sealed_after.empty();
        for (std::size_t i = 0; i < trail->size(); ++i) {
            const reports::audit_row& r = (*trail)[i];
            if (i > 0) {
                const reports::audit_row& prev = (*trail)[i - 1];
                if (r.sequence != prev.sequence + 1)
                    once("audit trail jumps from record " + std::to_string(prev.sequence) + " to " + std::to_string(r.sequence), r.time_s);
                // each log has its own counter: a source "meter firmware" writes the meter's log
                const auto log_of = [](const std::string& src) {
                    const auto sp = src.find(' ');
                    return sp == std::string::npos ? std::string() : src.substr(0, sp);
                };
                for (std::size_t j = i; j-- > 0;)
                    if (log_of((*trail)[j].source) == log_of(r.source)) {
                        if (r.event_counter < (*trail)[j].event_counter)
                            once("event counter of " + (log_of(r.source).empty() ? std::string("the device") : log_of(r.source)) +
                                     " falls from " + std::to_string((*trail)[j].event_counter) + " to " +
                                     std::to_string(r.event_counter),
                                 r.time_s);
                        break;
                    }
            }
            if (std::find(s.alarm_events.begin(), s.alarm_events.end(), r.parameter) != s.alarm_events.end())
                once(r.parameter + " at " + fmt(r.time_s) + " s", r.time_s);
            if (sealed && r.kind == "parameter_change")
                once(r.parameter + " written " + r.old_value + " -> " + r.new_value + " by " + r.source + " at " + fmt(r.time_s) + " s",
                     r.time_s);
            if (std::find(s.sealed_after.begin(), s.sealed_after.end(), r.parameter) != s.sealed_after.end()) sealed = true;
        }
    }
    f.score = double(found.size());
    f.magnitude = f.score;
    f.magnitude_unit = "violations";
    if (std::isfinite(first)) {
        f.onset_quantity = "time_s";
        f.onset = first;
    }
    for (std::size_t i = 0; i < found.size() && i < 3; ++i) f.evidence += (i ? "; " : "") + found[i];
    if (found.size() > 3) f.evidence += "; and " + std::to_string(found.size() - 3) + " more";
    decide(f, s, "CHEAT");
    return f;
}

// The inspection's own checks of legal records (a transparency software's signature, pagination
// and meter checks of OCMF records): each failed one counts.
finding failed_checks(const detector_spec& s, const evidence& ev) {
    finding f = blank(s, ev);
    std::size_t judged = 0, failed = 0;
    for (const inspection& p : ev.inspections)
        for (const reports::check_row& c : p.checks) {
            if (std::find(s.checks.begin(), s.checks.end(), c.quantity) == s.checks.end()) continue;
            ++judged;
            if (c.pass) continue;
            ++failed;
            if (f.evidence.size() < 200) f.evidence += (f.evidence.empty() ? "" : "; ") + std::string("point ") + p.point + ": " + c.requirement;
        }
    f.score = judged ? double(failed) : std::nan("");
    f.magnitude = double(failed);
    f.magnitude_unit = "failed checks";
    decide(f, s, "CHEAT");
    return f;
}

// The error where the device may know it is tested (the lab's standard points) against the
// error where it cannot (randomised customer-like drafts): a trigger that hides from the
// inspection shows as a difference; a drift, which has no trigger, shows in both alike.
finding contrast(const detector_spec& s, const evidence& ev) {
    finding f = blank(s, ev);
    double sa = 0, sb = 0;
    std::size_t na = 0, nb = 0;
    for (const measured& m : errors_of(s, ev)) {
        if (m.p->test == s.test_a || m.p->point == s.test_a) sa += m.e, ++na;
        if (m.p->test == s.test_b || m.p->point == s.test_b) sb += m.e, ++nb;
    }
    if (!na || !nb) {
        f.score = std::nan("");
        return f;
    }
    const double a = sa / double(na), b = sb / double(nb);
    f.score = std::fabs(b - a) / s.sigma;
    f.magnitude = b - a;
    f.magnitude_unit = unit_of(s.error);
    f.evidence = s.test_b + " " + s.error + " " + fmt(b) + " against " + s.test_a + " " + fmt(a) + " (" + fmt(f.score) + " sigma)";
    decide(f, s, "CHEAT");
    return f;
}

// The score is the largest of the inputs that would name a malicious label, each over its
// threshold: how strongly the evidence points at a cheat. The call is the first input, in
// precedence, that alarms: a drift or a fault explained first is not an accusation, and the
// inputs after that explanation do not count towards the score.
finding fusion(const detector_spec& s, const evidence& ev, const std::vector<finding>& before) {
    finding f = blank(s, ev);
    f.score = std::nan("");
    const finding* lead = nullptr;
    for (const std::string& id : s.inputs) {
        const auto it = std::find_if(before.begin(), before.end(), [&](const finding& x) { return x.detector == id; });
        if (it == before.end() || !std::isfinite(it->score)) continue;
        // a benign explanation that alarms first ends the count: what follows it is explained
        if (lead && !malicious_label(lead->guess)) break;
        if (malicious_label(it->label)) {
            const double r = it->score / it->threshold;
            if (!(r <= f.score)) f.score = r;
        }
        if (!lead && it->alarm) lead = &*it;
    }
    if (!std::isfinite(f.score) && lead) f.score = 0;
    if (lead) {
        f.onset_quantity = lead->onset_quantity;
        f.onset = lead->onset;
        f.magnitude = lead->magnitude;
        f.magnitude_unit = lead->magnitude_unit;
        f.evidence = lead->detector + ": " + lead->evidence;
    }
    f.alarm = lead != nullptr;
    f.label = lead ? lead->label : "CHEAT";
    if (f.alarm) f.guess = s.guess.empty() ? lead->guess : s.guess;
    return f;
}

}  // namespace

const params_of<detector_spec>& detector_table() {
    static const params_of<detector_spec> t = [] {
        params_of<detector_spec> p;
        p.text("id", &detector_spec::id, "the detector's name in findings and the leaderboard").required();
        p.choice("kind", &detector_spec::kind, kinds, "its statistic (harness/detect/README.md)").required();
        p.choice("guess", &detector_spec::guess, labels, "the label its alarms name (empty: the kind's rule)");
        p.text("error", &detector_spec::error,
               "the observation: the measured error of an inspected point (a point value), or a column of `tables` (the "
               "register's hourly consumption, for a chart of it)");
        p.text("limit", &detector_spec::limit, "threshold: the limit of that error at the point (a point value)");
        p.number("limit_value", &detector_spec::limit_value, "", 0, 1e12, "threshold: a fixed limit instead (0: `limit`)");
        p.strings("tables", &detector_spec::tables, 0,
                  "the tables of the inspected points whose rows the detector reads as its observations, each row's columns "
                  "as values and conditions (the weighing readings, the market audit's loads, the customer drafts; empty: "
                  "the points themselves)");
        p.text("only_where_zero", &detector_spec::only_where_zero,
               "reads only the inspected points where this point value is 0 (and their tables' rows): an explanation "
               "that holds where another channel saw nothing (empty: every point)");
        p.strings("points", &detector_spec::points, 0,
                  "reads only these inspected points, each named by its id or its test (the re-verification "
                  "`customer_audit_d182`; empty: every point)");
        p.text("order_by", &detector_spec::order_by, "cusum, ewma: the test condition the chart runs along");
        p.text("group_by", &detector_spec::group_by, "cusum, ewma: one chart per value of this condition (empty: one chart)");
        p.integer("baseline", &detector_spec::baseline, 0, 1000000,
                  "cusum, ewma: the chart's centre is the median of its first this many points, an in-control period "
                  "(0: of all its points, which finds a change anywhere but alarms before it when most points follow it)");
        p.number("bin", &detector_spec::bin, "", 0, 1e12,
                 "cusum, ewma: the chart's points are the sums of the observations over bins of `order_by` this wide, "
                 "(x - bin, x] each at its upper edge x (a day's consumption from hourly readings: 24); a bin with fewer "
                 "observations than the fullest is left out (0: no bins)");
        p.boolean("relative", &detector_spec::relative,
                  "cusum, ewma: the residual is the change from the centre in % of it, and sigma is in % (a consumption "
                  "that scales with the customer); a group whose centre is not positive is not charted");
        p.text("quantity", &detector_spec::quantity, "consistency: a point value that is 0 on an honest device");
        p.text("tolerance", &detector_spec::tolerance, "consistency: the point value that bounds it");
        p.number("tolerance_value", &detector_spec::tolerance_value, "", 0, 1e12,
                 "consistency: a fixed bound instead, or added to `tolerance` when both are given (an allowance beside a "
                 "reading's resolution)");
        p.choice("guess_if_positive", &detector_spec::guess_if_positive, labels,
                 "consistency: the label its alarm names when the worst point's quantity is positive, a direction "
                 "that tells who loses (empty: `guess` either way)");
        p.number("sigma", &detector_spec::sigma, "", 1e-9, 1e12, "bias, sprt, cusum, ewma: the honest spread of the error, in its unit");
        p.number("alarm_at", &detector_spec::alarm_at, "", 0, 1e12,
                 "the score at which it alarms (0: the kind's own: 1 limit, 3 sigma, Wald's bound, h, L, 1 violation)");
        p.number("k", &detector_spec::k, "", 0, 10, "cusum: reference value, in sigma (half the shift to catch)");
        p.number("h", &detector_spec::h, "", 0.01, 100, "cusum: decision interval, in sigma (`hilbench arl cusum`)");
        p.number("lambda", &detector_spec::lambda, "", 0.001, 1, "ewma: smoothing constant");
        p.number("L", &detector_spec::L, "", 0.01, 100, "ewma: limit, in sigma of the EWMA (`hilbench arl ewma`)");
        p.number("delta", &detector_spec::delta, "", 0.01, 100, "sprt: the shift of the alternative, in sigma");
        p.number("alpha", &detector_spec::alpha, "", 1e-9, 0.5, "sprt: false-alarm probability");
        p.number("beta", &detector_spec::beta, "", 1e-9, 0.5, "sprt: miss probability");
        p.strings("approved_software_ids", &detector_spec::approved_software_ids, 0,
                  "integrity: the software identifications of the approved type, or their leading part (the firmware's, when "
                  "a per-device parameter checksum follows)");
        p.strings("sealed_after", &detector_spec::sealed_after, 0,
                  "integrity: audit events after which a parameter write is a violation (empty: every write is)");
        p.strings("alarm_events", &detector_spec::alarm_events, 0, "integrity: audit events that are violations in themselves");
        p.strings("inputs", &detector_spec::inputs, 0, "fusion: detector ids (listed before it), in order of precedence");
        p.text("test_a", &detector_spec::test_a,
               "contrast: the test the device may recognise (the lab's standard points), or a point by its id (the first "
               "audit)");
        p.text("test_b", &detector_spec::test_b,
               "contrast: the test it cannot (randomised drafts or loads), or a point by its id (the same audit later in "
               "service, `after_days`)");
        p.strings("checks", &detector_spec::checks, 0,
                  "check: the inspection's checks it counts, by their quantity (`hilbench run` lists them in result.json)");
        p.check("a detector has the fields its kind reads", [](const detector_spec& d) {
            if (d.kind == "consistency" && d.quantity.empty()) throw param_error("/quantity", "a consistency detector needs a quantity");
            if (d.kind == "consistency" && d.tolerance.empty() && !(d.tolerance_value > 0))
                throw param_error("/tolerance", "a consistency detector needs a tolerance or a tolerance_value > 0");
            if (d.kind == "fusion" && d.inputs.empty()) throw param_error("/inputs", "a fusion detector needs inputs");
            if (d.kind == "check" && d.checks.empty()) throw param_error("/checks", "a check detector needs the checks it counts");
            if (d.kind == "contrast" && (d.test_a.empty() || d.test_b.empty()))
                throw param_error(d.test_a.empty() ? "/test_a" : "/test_b", "a contrast detector needs test_a and test_b");
            if (d.kind != "fusion" && !d.inputs.empty()) throw param_error("/inputs", "only a fusion detector has inputs");
            if (!d.tables.empty() && (d.kind == "integrity" || d.kind == "check" || d.kind == "fusion"))
                throw param_error("/tables", "a " + d.kind + " detector reads no tables");
            if (!d.guess_if_positive.empty() && d.kind != "consistency")
                throw param_error("/guess_if_positive", "only a consistency detector has a guess_if_positive");
            if ((d.bin > 0 || d.relative) && d.kind != "cusum" && d.kind != "ewma")
                throw param_error(d.bin > 0 ? "/bin" : "/relative", "only a cusum or ewma chart has bins or a relative residual");
            if (!d.only_where_zero.empty() && d.kind == "fusion")
                throw param_error("/only_where_zero", "a fusion detector reads no points");
            if (!d.points.empty() && d.kind == "fusion") throw param_error("/points", "a fusion detector reads no points");
        });
        return p;
    }();
    return t;
}

const params_of<detector_config>& detector_config_table() {
    static const params_of<detector_config> t = [] {
        params_of<detector_config> p;
        p.integer("schema_version", &detector_config::schema_version, 1, 1, "detector file format version");
        p.text("name", &detector_config::name, "the detector set's name").required();
        p.text("description", &detector_config::description, "what it is for");
        p.table_list("detectors", &detector_config::detectors, detector_table(), 1, "the detectors, run in this order").required();
        p.check("ids are unique, and a fusion's inputs are detectors listed before it", [](const detector_config& c) {
            for (std::size_t i = 0; i < c.detectors.size(); ++i) {
                for (std::size_t j = 0; j < i; ++j)
                    if (c.detectors[j].id == c.detectors[i].id)
                        throw param_error("/detectors/" + std::to_string(i) + "/id", "expected a unique id, got \"" + c.detectors[i].id +
                                                                                         "\" again");
                for (std::size_t k = 0; k < c.detectors[i].inputs.size(); ++k) {
                    const std::string& in = c.detectors[i].inputs[k];
                    bool before = false;
                    for (std::size_t j = 0; j < i; ++j) before = before || c.detectors[j].id == in;
                    if (!before)
                        throw param_error("/detectors/" + std::to_string(i) + "/inputs/" + std::to_string(k),
                                          "expected the id of a detector listed before it, got \"" + in + "\"");
                }
            }
        });
        return p;
    }();
    return t;
}

json detector_config_schema() {
    json s = scenario::table_schema(detector_config_table());
    json out = {{"$schema", "https://json-schema.org/draft/2020-12/schema"},
                {"$id", "https://hilbench.dev/schema/detectors.schema.json"},
                {"title", "hilbench detectors"},
                {"description", "The detectors `hilbench detect` runs (harness/detect/README.md). Generated from the declarations; do not edit."}};
    for (auto it = s.begin(); it != s.end(); ++it) out[it.key()] = it.value();
    out["properties"]["$schema"] = {{"type", "string"}};
    return out;
}

detector_config load_detectors(const std::string& path) {
    const std::string text = scenario::read_file(path, "detector");
    json j;
    try {
        j = json::parse(text);
    } catch (const json::exception& e) {
        throw scenario_error(path, "", std::string("expected valid JSON, got ") + e.what());
    }
    if (!j.is_object()) throw scenario_error(path, "", "expected a JSON object, got " + scenario::describe_json(j));
    scenario::json_source src(path, "", j, std::filesystem::path(path).parent_path().string());
    if (src.reader().has("$schema")) src.reader().string("$schema");
    detector_config c = detector_config_table().read(src, false);
    std::vector<std::string> known = detector_config_table().names();
    known.push_back("$schema");
    src.finish(known);
    // an integrity detector names events some device logs: any other name would never alarm
    std::set<std::string> events;
    for (const scenario::device_decl* d : families::builtin_catalogue().devices())
        if (d->audit_events)
            for (const audit_event_decl& e : *d->audit_events) events.insert(e.name);
    for (std::size_t i = 0; i < c.detectors.size(); ++i)
        for (const auto& [key, names] : {std::make_pair("alarm_events", &c.detectors[i].alarm_events),
                                         std::make_pair("sealed_after", &c.detectors[i].sealed_after)})
            for (std::size_t k = 0; k < names->size(); ++k)
                if (!events.count((*names)[k])) {
                    const std::string& name = (*names)[k];
                    std::string all, near;
                    std::size_t best = 4;
                    for (const std::string& e : events) {
                        all += (all.empty() ? "" : ", ") + e;
                        const std::size_t d = e.rfind(name, 0) == 0 && name.size() >= 3 ? 1 : edit_distance(name, e);
                        if (d < best) best = d, near = e;
                    }
                    throw scenario_error(path, "/detectors/" + std::to_string(i) + "/" + key + "/" + std::to_string(k),
                                         "expected an event that a device's audit trail can hold, got \"" + name + "\"" +
                                             (near.empty() ? "" : " (did you mean \"" + near + "\"?)") + "; the events: " + all);
                }
    return c;
}

namespace {

// The rows of the named tables as observations: each row an inspected "point" whose values and
// conditions are the row's columns (then its point's conditions), its id "<point>/<table>/<row>".
// The row's verdict is its point's, unless the table has a pass column.
evidence rows_of(const evidence& e, const std::vector<std::string>& tables) {
    evidence out;
    out.run = e.run;
    out.device_type = e.device_type;
    out.software_id = e.software_id;
    for (const inspection& p : e.inspections)
        for (const std::string& name : tables) {
            const reports::series_table* t = table_of(p, name);
            if (!t) continue;
            for (std::size_t r = 0; r < t->rows.size(); ++r) {
                inspection row;
                row.point = p.point + "/" + name + "/" + std::to_string(r + 1);
                row.test = p.test;
                row.software_id = p.software_id;
                row.verdict = p.verdict;
                for (std::size_t c = 0; c < t->columns.size(); ++c) {
                    row.values.emplace_back(t->columns[c], t->rows[r][c]);
                    row.conditions.emplace_back(t->columns[c], t->rows[r][c]);
                    if (t->columns[c] == "pass" && std::isfinite(t->rows[r][c])) row.verdict = t->rows[r][c] > 0 ? "pass" : "fail";
                }
                row.conditions.insert(row.conditions.end(), p.conditions.begin(), p.conditions.end());  // the row's own first
                out.inspections.push_back(std::move(row));
            }
        }
    return out;
}

}  // namespace

std::vector<finding> run_detectors(const detector_config& cfg, const evidence& all) {
    std::vector<finding> out;
    for (const detector_spec& s : cfg.detectors) {
        evidence kept;
        const bool filtered = !s.only_where_zero.empty() || !s.points.empty();
        if (filtered) {
            kept = all;
            kept.inspections.clear();
            for (const inspection& p : all.inspections) {
                const double* v = s.only_where_zero.empty() ? nullptr : value_of(p, s.only_where_zero);
                const bool named = s.points.empty() || std::find(s.points.begin(), s.points.end(), p.point) != s.points.end() ||
                                   std::find(s.points.begin(), s.points.end(), p.test) != s.points.end();
                if (named && (s.only_where_zero.empty() || (v && *v == 0))) kept.inspections.push_back(p);
            }
        }
        const evidence& points = filtered ? kept : all;
        const evidence rows = s.tables.empty() ? evidence() : rows_of(points, s.tables);
        const evidence& e = s.tables.empty() ? points : rows;
        if (s.kind == "threshold") out.push_back(threshold(s, e));
        else if (s.kind == "bias") out.push_back(bias(s, e));
        else if (s.kind == "sprt") out.push_back(sprt_test(s, e));
        else if (s.kind == "cusum" || s.kind == "ewma") out.push_back(chart(s, e));
        else if (s.kind == "consistency") out.push_back(consistency(s, e));
        else if (s.kind == "integrity") out.push_back(integrity(s, e));
        else if (s.kind == "check") out.push_back(failed_checks(s, e));
        else if (s.kind == "contrast") out.push_back(contrast(s, e));
        else out.push_back(fusion(s, e, out));
    }
    return out;
}

json to_json(const finding& f) {
    auto num = [](double v) { return std::isfinite(v) ? json(v) : json(nullptr); };
    json j = {{"run", f.run},           {"detector", f.detector}, {"kind", f.kind},   {"score", num(f.score)},
              {"threshold", f.threshold}, {"alarm", f.alarm},     {"label", f.label}, {"guess", f.guess},
              {"evidence", f.evidence}};
    j["onset"] = f.onset_quantity.empty() ? json(nullptr) : json{{"quantity", f.onset_quantity}, {"value", num(f.onset)}};
    j["magnitude"] = f.alarm || std::isfinite(f.score) ? num(f.magnitude) : json(nullptr);
    j["magnitude_unit"] = f.magnitude_unit;
    j["alarm_point"] = f.alarm_quantity.empty() ? json(nullptr) : json{{"quantity", f.alarm_quantity}, {"value", num(f.alarm_at)}};
    return j;
}

}  // namespace hilbench::detect
