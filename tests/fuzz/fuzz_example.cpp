// libFuzzer target: arbitrary bytes become an Example (a network of 0–4
// layers, x, y, lr) with any doubles, NaN and ±Infinity included, and
// sometimes a shape that does not fit; then validate(), train_step(),
// gradient_check() and train() run on it. Built with ASan and UBSan, so a
// read out of bounds or undefined behaviour stops the run; the invariants
// below stop it too:
//
//   - train_step() fails exactly when validate() does, with the same message
//     and field, or when the forward pass overflows ("layers");
//   - a trace that ran has every vector and matrix shaped by the network, and
//     a finite forward pass;
//   - gradient_check() fails exactly when train_step() does (for a valid ε)
//     and has one entry per weight and bias;
//   - train() fails on what validate() refuses, and otherwise takes all its
//     steps or stops at divergence, with one loss per step plus one, and
//     weights of the network's shapes.
//
// Byte format, read front to back (missing bytes read as 0):
//   u8 flags      bit 0: x has one value too many; bit 1: y has one too many
//   u8 layers     % 5 → 0 to 4 layers
//   u8 inputs     % 4 + 1
//   per layer     u8 neurons % 4 + 1; u8 bits: 0–1 activation, 2 bias,
//                 3 break the shape, 4–5 how (cols + 1, a bias short, W's
//                 data short, an empty W); then W row-major, then b
//   x, y, lr      numbers; then u8 ε choice, u8 steps % 16
// A number is a u8 tag, then: tag % 8 == 0 → a special value (u8 index);
// 1 → 8 raw bytes (any double, NaN payloads included); else a moderate value
// int16 / 4096, within ±8.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <string>
#include <vector>

#include "backprop/gradient_check.hpp"
#include "backprop/network.hpp"
#include "backprop/trace.hpp"
#include "backprop/train.hpp"

namespace {

using namespace backprop;

class Bytes {
 public:
  Bytes(const std::uint8_t* data, std::size_t size) : data_(data), size_(size) {}

  std::uint8_t u8() { return pos_ < size_ ? data_[pos_++] : 0; }

  double number() {
    static const double kSpecial[] = {
        std::numeric_limits<double>::quiet_NaN(),
        std::numeric_limits<double>::infinity(),
        -std::numeric_limits<double>::infinity(),
        0.0,
        -0.0,
        1e300,
        -1e300,
        1e-300,
        std::numeric_limits<double>::max(),
        -std::numeric_limits<double>::max(),
        std::numeric_limits<double>::denorm_min(),
        1e154,
        -1e154,
        1.0,
    };
    const std::uint8_t tag = u8();
    if (tag % 8 == 0) return kSpecial[u8() % (sizeof kSpecial / sizeof kSpecial[0])];
    if (tag % 8 == 1) {
      std::uint64_t bits = 0;
      for (int k = 0; k < 8; ++k) bits = bits << 8 | u8();
      double d;
      std::memcpy(&d, &bits, sizeof d);
      return d;
    }
    const auto raw = static_cast<std::int16_t>(std::uint16_t(u8()) << 8 | u8());
    return raw / 4096.0;
  }

 private:
  const std::uint8_t* data_;
  std::size_t size_;
  std::size_t pos_ = 0;
};

[[noreturn]] void fail(const char* what, const std::string& detail = {}) {
  std::fprintf(stderr, "invariant broken: %s %s\n", what, detail.c_str());
  std::abort();
}

void check(bool ok, const char* what, const std::string& detail = {}) {
  if (!ok) fail(what, detail);
}

// Written out here rather than taken from the core: the fuzzer checks the core.
bool finite_everywhere(const std::vector<double>& v) {
  for (double e : v) {
    if (!std::isfinite(e)) return false;
  }
  return true;
}

void check_shape(const Matrix& m, std::size_t rows, std::size_t cols, const char* what) {
  check(m.rows == rows && m.cols == cols && m.data.size() == rows * cols, what);
}

Example decode(Bytes& in, std::uint8_t* eps_choice, std::size_t* steps) {
  Example e;
  const std::uint8_t flags = in.u8();
  const std::size_t L = in.u8() % 5;
  std::size_t width = in.u8() % 4 + 1;  // what the next layer reads
  const std::size_t inputs = width;
  for (std::size_t l = 0; l < L; ++l) {
    const std::size_t n = in.u8() % 4 + 1;
    const std::uint8_t bits = in.u8();
    Layer layer;
    layer.f = static_cast<Activation>(bits & 3);
    const bool broken = bits & 8;
    const int how = (bits >> 4) & 3;
    layer.W = Matrix(n, width + (broken && how == 0 ? 1 : 0));
    for (double& w : layer.W.data) w = in.number();
    if (bits & 4) {
      layer.b.resize(n - (broken && how == 1 ? 1 : 0));
      for (double& b : layer.b) b = in.number();
    }
    if (broken && how == 2) layer.W.data.pop_back();
    if (broken && how == 3) layer.W = Matrix();
    e.network.layers.push_back(layer);
    width = n;
  }
  e.x.resize(inputs + (flags & 1));
  for (double& v : e.x) v = in.number();
  e.y.resize(width + (flags >> 1 & 1));
  for (double& v : e.y) v = in.number();
  e.lr = in.number();
  *eps_choice = in.u8();
  *steps = in.u8() % 16;
  return e;
}

void check_trace(const Example& e, const Trace& t) {
  const auto& layers = e.network.layers;
  check(t.layers.size() == layers.size(), "trace: one step per layer");
  check(t.after.size() == layers.size(), "trace: one forward pass again per layer");
  for (std::size_t l = 0; l < layers.size(); ++l) {
    const Layer& layer = layers[l];
    const LayerStep& s = t.layers[l];
    const std::size_t n = layer.neurons();
    check(s.forward.z.size() == n && s.forward.h.size() == n, "trace: z, h sizes");
    check(s.fprime.size() == n && s.delta.size() == n, "trace: f', δ sizes");
    check(finite_everywhere(s.forward.z) && finite_everywhere(s.forward.h), "trace: forward pass finite");
    check_shape(s.dW, n, layer.inputs(), "trace: ∂L/∂W shape");
    check_shape(s.W_next, n, layer.inputs(), "trace: W_next shape");
    check(s.db.size() == layer.b.size() && s.b_next.size() == layer.b.size(), "trace: b sizes");
    check(t.after[l].z.size() == n && t.after[l].h.size() == n, "trace: after sizes");
  }
  const std::size_t out = layers.back().neurons();
  check(t.y_hat.size() == out && t.dL_dy_hat.size() == out, "trace: ŷ size");
  check(t.y_hat_after.size() == out, "trace: ŷ after size");
  check(t.diverged == !t.diverged_reason.empty(), "trace: a reason exactly when diverged");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  Bytes in(data, size);
  std::uint8_t eps_choice = 0;
  std::size_t steps = 0;
  const Example e = decode(in, &eps_choice, &steps);

  // validate() and train_step() agree.
  std::string where;
  const std::string problem = validate(e, &where);
  const Trace t = train_step(e);
  if (!problem.empty()) {
    check(t.error == problem && t.error_where == where, "train_step: not validate()'s error",
          t.error + " / " + problem);
  } else if (!t.ok()) {
    check(t.error_where == "layers", "train_step: an error validate() did not give", t.error);
  } else {
    check_trace(e, t);
  }
  if (!t.ok()) check(!t.error_where.empty(), "train_step: an error naming no field", t.error);

  // gradient_check() accepts what train_step() accepts.
  const double eps = eps_choice % 4 == 0   ? 1e-6
                     : eps_choice % 4 == 1 ? 1e-3
                     : eps_choice % 4 == 2 ? 0.0
                                           : std::numeric_limits<double>::quiet_NaN();
  const GradientCheck c = gradient_check(e, eps);
  if (!t.ok()) {
    check(!c.ok() && c.error_where == t.error_where, "gradient_check: not train_step()'s error");
  } else if (!(eps > 0)) {
    check(!c.ok() && c.error_where == "epsilon", "gradient_check: accepted a bad ε");
  } else {
    check(c.ok(), "gradient_check: refused a valid example", c.error);
    std::size_t params = 0;
    for (const Layer& layer : e.network.layers) params += layer.W.data.size() + layer.b.size();
    check(c.entries.size() == params, "gradient_check: one entry per weight and bias");
  }

  // train() refuses what validate() refuses; otherwise runs or diverges.
  const TrainResult r = train(e, steps);
  if (!problem.empty()) {
    check(!r.ok() && r.error == problem, "train: not validate()'s error", r.error);
  } else if (r.ok()) {
    check(r.steps == steps || r.diverged, "train: stopped early without diverging");
    check(r.losses.size() == (r.diverged ? r.steps : r.steps + 1), "train: loss count");
    check(finite_everywhere(r.losses), "train: a non-finite loss kept");
    check(r.network.layers.size() == e.network.layers.size(), "train: layer count");
    for (std::size_t l = 0; l < e.network.layers.size(); ++l) {
      const Layer& layer = e.network.layers[l];
      check_shape(r.network.layers[l].W, layer.neurons(), layer.inputs(), "train: W shape");
      check(r.network.layers[l].b.size() == layer.b.size(), "train: b size");
    }
    // The same operations in the same order: train()'s first loss is the trace's.
    if (t.ok()) check(r.losses.front() == t.loss, "train: first loss is not train_step()'s");
  } else {
    check(r.error_where == "layers", "train: an error validate() did not give", r.error);
  }
  return 0;
}
