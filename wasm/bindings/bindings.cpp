// The JavaScript API of the core (embind). Nothing but conversion lives here:
// plain JS objects and arrays in, plain JS objects and arrays out, so that
// JavaScript never holds a C++ handle it would have to free. The shapes are
// described in web/src/backprop.d.ts.
#include <emscripten/bind.h>
#include <emscripten/val.h>

#include <cmath>
#include <string>
#include <vector>

#include "backprop/examples.hpp"
#include "backprop/gradient_check.hpp"
#include "backprop/slips.hpp"
#include "backprop/trace.hpp"
#include "backprop/train.hpp"

using emscripten::val;
using namespace backprop;

namespace {

// ---------------------------------------------------------------- JS → C++

bool is_array(const val& v) {
  return val::global("Array").call<bool>("isArray", v);
}
bool is_number(const val& v) {
  return v.typeOf().as<std::string>() == "number";
}

// Reads a JS array of numbers. Entries that are not numbers become NaN, which
// validate() reports as not finite. False when `v` is not an array.
bool read_numbers(const val& v, std::vector<double>* out) {
  if (!is_array(v)) return false;
  const unsigned n = v["length"].as<unsigned>();
  out->resize(n);
  for (unsigned i = 0; i < n; ++i) {
    const val e = v[i];
    (*out)[i] = is_number(e) ? e.as<double>() : std::nan("");
  }
  return true;
}

// Reads a config (see ExampleConfig in the .d.ts) into an Example; returns an
// error message and sets `where` when the object is not of that shape.
std::string read_example(const val& config, Example* e, std::string* where) {
  auto fail = [where](std::string at, std::string message) {
    *where = std::move(at);
    return message;
  };
  if (config.typeOf().as<std::string>() != "object" || config.isNull()) {
    return fail("", "The configuration is not an object.");
  }
  if (!read_numbers(config["x"], &e->x)) return fail("x", "The input x is not a list of numbers.");
  if (!read_numbers(config["y"], &e->y)) return fail("y", "The target y is not a list of numbers.");
  const val lr = config["lr"];
  e->lr = is_number(lr) ? lr.as<double>() : std::nan("");

  const val layers = config["layers"];
  if (!is_array(layers)) return fail("layers", "The layers are not a list.");
  const unsigned L = layers["length"].as<unsigned>();
  e->network.layers.resize(L);
  for (unsigned l = 0; l < L; ++l) {
    const std::string at = "layers." + std::to_string(l);
    const std::string name = "Layer " + std::to_string(l + 1);
    const val layer = layers[l];
    if (layer.typeOf().as<std::string>() != "object" || layer.isNull()) {
      return fail(at, name + " is not an object.");
    }
    Layer& out = e->network.layers[l];

    const val W = layer["W"];
    if (!is_array(W)) return fail(at + ".W", name + ": W is not a list of rows.");
    const unsigned rows = W["length"].as<unsigned>();
    std::vector<double> row;
    for (unsigned i = 0; i < rows; ++i) {
      if (!read_numbers(W[i], &row)) {
        return fail(at + ".W", name + ": row " + std::to_string(i + 1) + " of W is not a list.");
      }
      if (i == 0) out.W = Matrix(rows, row.size());
      if (row.size() != out.W.cols) {
        return fail(at + ".W", name + ": row " + std::to_string(i + 1) + " of W has " +
                                   std::to_string(row.size()) + " entries, row 1 has " +
                                   std::to_string(out.W.cols) + ".");
      }
      std::copy(row.begin(), row.end(), out.W.data.begin() + i * out.W.cols);
    }

    const val b = layer["b"];
    if (!b.isUndefined() && !b.isNull() && !read_numbers(b, &out.b)) {
      return fail(at + ".b", name + ": b is not a list of numbers.");
    }

    const val f = layer["f"];
    if (!f.isUndefined() && (f.typeOf().as<std::string>() != "string" ||
                             !parse_activation(f.as<std::string>(), &out.f))) {
      return fail(at + ".f",
                  name + ": the activation is not one of identity, sigmoid, tanh, relu.");
    }
  }
  return {};
}

// ---------------------------------------------------------------- C++ → JS

val numbers(const std::vector<double>& v) {
  val a = val::array();
  for (std::size_t i = 0; i < v.size(); ++i) a.set(i, v[i]);
  return a;
}

val rows(const Matrix& m) {
  val a = val::array();
  for (std::size_t i = 0; i < m.rows; ++i) {
    val r = val::array();
    for (std::size_t j = 0; j < m.cols; ++j) r.set(j, m.at(i, j));
    a.set(i, r);
  }
  return a;
}

// The JS-facing records. Each is a value_object: JavaScript receives a plain
// object, arrays inside it are plain arrays (copied by numbers() and rows()).

struct JsLayer {
  val W = val::array(), b = val::array();
  std::string f;
};

struct JsExample {
  val x = val::array(), y = val::array();
  double lr = 0;
  val layers = val::array();  // JsLayer[]
};

struct JsLayerStep {
  val z = val::array(), h = val::array(), fprime = val::array(), delta = val::array(),
      dW = val::array(), db = val::array(), WNext = val::array(), bNext = val::array();
};

struct JsForward {
  val z = val::array(), h = val::array();
};

struct JsAfter {
  val layers = val::array();  // JsForward[]
  val yHat = val::array();
  double loss = 0;
};

struct JsSlip {
  bool applies = false;
  std::string reason;
};

struct JsSlips {
  val stepFactor = val::array();
  bool stepFactorRounded = false;
  JsSlip a;
  val aDyDW = val::array(), aDW = val::array(), aWNext = val::array(),
      aRelativeError = val::array();
  double aMaxRelativeError = 0;
  JsSlip b;
  val bDWApplied = val::array(), bWNext = val::array(), bWNextSource = val::array(),
      bRelativeError = val::array();
  double bMaxRelativeError = 0;
  JsSlip c;
  val cH = val::array(), cYHat = val::array();
  double cLoss = 0, cYHatChangeRelative = 0;
};

struct JsPreset {
  std::string id, name, description;
  JsExample example;
};

struct JsRandom {
  bool ok = false;
  std::string error;
  JsExample example;
};

struct JsGradientEntry {
  unsigned layer = 0;
  bool isBias = false;
  unsigned row = 0, col = 0;
  double analytic = 0, numeric = 0, relativeError = 0;
};

struct JsGradientCheck {
  bool ok = false;
  std::string error, errorWhere;
  double epsilon = 0;
  val entries = val::array();  // JsGradientEntry[]
  double maxRelativeError = 0;
};

struct JsTrace {
  bool ok = false;
  std::string error, errorWhere;
  JsExample example;
  val layers = val::array();  // JsLayerStep[]
  val yHat = val::array();
  double loss = 0;
  val dLdyHat = val::array();
  JsAfter after;
  double lossDecrease = 0, lossDecreaseRelative = 0;
  bool diverged = false;
  std::string divergedReason;
  JsGradientCheck check;  // the gradient check of this example (ε = 1e-6)
  JsSlips original;       // the source's slips, replayed on this example
};

struct JsTrain {
  bool ok = false;
  std::string error, errorWhere;
  val losses = val::array();  // Float64Array
  unsigned steps = 0;
  bool diverged = false;
  std::string divergedReason;
  JsExample example;  // the example with the trained weights
};

template <class T, class F>
val list(std::size_t n, F item) {
  val a = val::array();
  for (std::size_t i = 0; i < n; ++i) a.set(i, val(T(item(i))));
  return a;
}

JsExample example_to_js(const Example& e) {
  const auto& layers = e.network.layers;
  return {numbers(e.x), numbers(e.y), e.lr, list<JsLayer>(layers.size(), [&](std::size_t l) {
            const Layer& layer = layers[l];
            return JsLayer{rows(layer.W), numbers(layer.b), activation_name(layer.f)};
          })};
}

JsForward forward_to_js(const LayerForward& f) {
  return {numbers(f.z), numbers(f.h)};
}

// ---------------------------------------------------------------- the API

JsExample worked_example_js() {
  return example_to_js(worked_example());
}

JsGradientCheck check_to_js(const GradientCheck& c);
JsSlips slips_to_js(const OriginalSlips& s);

JsTrace train_step_js(const val& config) {
  JsTrace o;

  Example e;
  o.error = read_example(config, &e, &o.errorWhere);
  if (!o.error.empty()) return o;
  const Trace t = train_step(e);
  if (!t.ok()) {
    o.error = t.error;
    o.errorWhere = t.error_where;
    return o;
  }

  o.ok = true;
  o.example = example_to_js(e);
  o.layers = list<JsLayerStep>(t.layers.size(), [&](std::size_t l) {
    const LayerStep& s = t.layers[l];
    return JsLayerStep{numbers(s.forward.z), numbers(s.forward.h), numbers(s.fprime),
                       numbers(s.delta),     rows(s.dW),           numbers(s.db),
                       rows(s.W_next),       numbers(s.b_next)};
  });
  o.yHat = numbers(t.y_hat);
  o.loss = t.loss;
  o.dLdyHat = numbers(t.dL_dy_hat);
  o.after = {
      list<JsForward>(t.after.size(), [&](std::size_t l) { return forward_to_js(t.after[l]); }),
      numbers(t.y_hat_after), t.loss_after};
  o.lossDecrease = t.loss_decrease;
  o.lossDecreaseRelative = t.loss_decrease_relative;
  o.diverged = t.diverged;
  o.divergedReason = t.diverged_reason;
  const GradientCheck check = gradient_check(e, t);
  o.check = check_to_js(check);
  o.original = slips_to_js(original_slips(e, t, check));
  return o;
}

JsTrain train_js(const val& config, double steps) {
  JsTrain o;
  Example e;
  o.error = read_example(config, &e, &o.errorWhere);
  if (!o.error.empty()) return o;
  if (!(steps >= 0) || steps != std::floor(steps) || steps > double(kMaxTrainSteps)) {
    o.error = "The number of steps must be a whole number from 0 to " +
              std::to_string(kMaxTrainSteps) + ".";
    o.errorWhere = "steps";
    return o;
  }
  const TrainResult r = train(e, static_cast<std::size_t>(steps));
  if (!r.ok()) {
    o.error = r.error;
    o.errorWhere = r.error_where;
    return o;
  }
  o.ok = true;
  // A copy: the Float64Array constructor copies the view of the heap.
  o.losses = val::global("Float64Array")
                 .new_(emscripten::typed_memory_view(r.losses.size(), r.losses.data()));
  o.steps = static_cast<unsigned>(r.steps);
  o.diverged = r.diverged;
  o.divergedReason = r.diverged_reason;
  Example trained = e;
  trained.network = r.network;
  o.example = example_to_js(trained);
  return o;
}

val presets_js() {
  const std::vector<Preset> all = presets();
  return list<JsPreset>(all.size(), [&](std::size_t i) {
    return JsPreset{all[i].id, all[i].name, all[i].description, example_to_js(all[i].example)};
  });
}

// spec: {inputs, layers: [{neurons, f, bias}]} in computation order.
JsRandom random_example_js(const val& spec, double seed, double lr) {
  JsRandom o;
  constexpr double kMaxSize = 64;  // far above what the page draws; bounds the allocation
  auto size = [&](const val& v) {
    return is_number(v) && v.as<double>() >= 1 && v.as<double>() <= kMaxSize &&
           v.as<double>() == std::floor(v.as<double>());
  };
  if (spec.typeOf().as<std::string>() != "object" || spec.isNull() || !size(spec["inputs"]) ||
      !is_array(spec["layers"])) {
    o.error = "The shape must give a whole number of inputs (1 to 64) and a list of layers.";
    return o;
  }
  if (!(seed >= 0 && seed <= 4294967295.0 && seed == std::floor(seed))) {
    o.error = "The seed must be a whole number from 0 to 4294967295.";
    return o;
  }
  NetworkSpec s;
  s.inputs = spec["inputs"].as<std::size_t>();
  const val layers = spec["layers"];
  const unsigned L = layers["length"].as<unsigned>();
  if (L == 0 || L > kMaxSize) {
    o.error = "A network needs from 1 to 64 layers.";
    return o;
  }
  for (unsigned l = 0; l < L; ++l) {
    const val layer = layers[l];
    LayerSpec ls;
    if (layer.typeOf().as<std::string>() != "object" || layer.isNull() || !size(layer["neurons"])) {
      o.error = "Layer " + std::to_string(l + 1) + " needs a whole number of neurons (1 to 64).";
      return o;
    }
    ls.neurons = layer["neurons"].as<std::size_t>();
    const val f = layer["f"];
    if (!f.isUndefined() && (f.typeOf().as<std::string>() != "string" ||
                             !parse_activation(f.as<std::string>(), &ls.f))) {
      o.error = "Layer " + std::to_string(l + 1) +
                ": the activation is not one of identity, sigmoid, tanh, relu.";
      return o;
    }
    ls.bias = layer["bias"].isTrue();
    s.layers.push_back(ls);
  }
  std::string error;
  const Example e = random_example(s, static_cast<std::uint32_t>(seed), lr, &error);
  if (!error.empty()) {
    o.error = error;
    return o;
  }
  o.ok = true;
  o.example = example_to_js(e);
  return o;
}

JsGradientCheck check_to_js(const GradientCheck& c) {
  JsGradientCheck o;
  if (!c.ok()) {
    o.error = c.error;
    o.errorWhere = c.error_where;
    return o;
  }
  o.ok = true;
  o.epsilon = c.epsilon;
  o.entries = list<JsGradientEntry>(c.entries.size(), [&](std::size_t k) {
    const GradientCheckEntry& g = c.entries[k];
    return JsGradientEntry{static_cast<unsigned>(g.layer),
                           g.is_bias,
                           static_cast<unsigned>(g.row),
                           static_cast<unsigned>(g.col),
                           g.analytic,
                           g.numeric,
                           g.relative_error};
  });
  o.maxRelativeError = c.max_relative_error;
  return o;
}

JsSlips slips_to_js(const OriginalSlips& s) {
  JsSlips o;
  o.stepFactor = numbers(s.step_factor);
  o.stepFactorRounded = s.step_factor_rounded;
  o.a = {s.a.applies, s.a.reason};
  o.aDyDW = rows(s.a_dy_dW);
  o.aDW = rows(s.a_dW);
  o.aWNext = rows(s.a_W_next);
  o.aRelativeError = numbers(s.a_relative_error);
  o.aMaxRelativeError = s.a_max_relative_error;
  o.b = {s.b.applies, s.b.reason};
  o.bDWApplied = rows(s.b_dW_applied);
  o.bWNext = rows(s.b_W_next);
  o.bWNextSource = rows(s.b_W_next_source);
  o.bRelativeError = numbers(s.b_relative_error);
  o.bMaxRelativeError = s.b_max_relative_error;
  o.c = {s.c.applies, s.c.reason};
  o.cH = numbers(s.c_h);
  o.cYHat = numbers(s.c_y_hat);
  o.cLoss = s.c_loss;
  o.cYHatChangeRelative = s.c_y_hat_change_relative;
  return o;
}

JsGradientCheck gradient_check_js(const val& config, double epsilon) {
  Example e;
  std::string where;
  if (std::string error = read_example(config, &e, &where); !error.empty()) {
    JsGradientCheck o;
    o.error = error;
    o.errorWhere = where;
    return o;
  }
  return check_to_js(gradient_check(e, epsilon));
}

}  // namespace

EMSCRIPTEN_BINDINGS(backprop) {
  using emscripten::value_object;

  value_object<JsLayer>("Layer")
      .field("W", &JsLayer::W)
      .field("b", &JsLayer::b)
      .field("f", &JsLayer::f);
  value_object<JsExample>("Example")
      .field("x", &JsExample::x)
      .field("y", &JsExample::y)
      .field("lr", &JsExample::lr)
      .field("layers", &JsExample::layers);
  value_object<JsLayerStep>("LayerStep")
      .field("z", &JsLayerStep::z)
      .field("h", &JsLayerStep::h)
      .field("fprime", &JsLayerStep::fprime)
      .field("delta", &JsLayerStep::delta)
      .field("dW", &JsLayerStep::dW)
      .field("db", &JsLayerStep::db)
      .field("WNext", &JsLayerStep::WNext)
      .field("bNext", &JsLayerStep::bNext);
  value_object<JsForward>("Forward").field("z", &JsForward::z).field("h", &JsForward::h);
  value_object<JsAfter>("After")
      .field("layers", &JsAfter::layers)
      .field("yHat", &JsAfter::yHat)
      .field("loss", &JsAfter::loss);
  value_object<JsTrace>("Trace")
      .field("ok", &JsTrace::ok)
      .field("error", &JsTrace::error)
      .field("errorWhere", &JsTrace::errorWhere)
      .field("example", &JsTrace::example)
      .field("layers", &JsTrace::layers)
      .field("yHat", &JsTrace::yHat)
      .field("loss", &JsTrace::loss)
      .field("dLdyHat", &JsTrace::dLdyHat)
      .field("after", &JsTrace::after)
      .field("lossDecrease", &JsTrace::lossDecrease)
      .field("lossDecreaseRelative", &JsTrace::lossDecreaseRelative)
      .field("diverged", &JsTrace::diverged)
      .field("divergedReason", &JsTrace::divergedReason)
      .field("check", &JsTrace::check)
      .field("original", &JsTrace::original);
  value_object<JsSlip>("Slip").field("applies", &JsSlip::applies).field("reason", &JsSlip::reason);
  value_object<JsSlips>("Slips")
      .field("stepFactor", &JsSlips::stepFactor)
      .field("stepFactorRounded", &JsSlips::stepFactorRounded)
      .field("a", &JsSlips::a)
      .field("aDyDW", &JsSlips::aDyDW)
      .field("aDW", &JsSlips::aDW)
      .field("aWNext", &JsSlips::aWNext)
      .field("aRelativeError", &JsSlips::aRelativeError)
      .field("aMaxRelativeError", &JsSlips::aMaxRelativeError)
      .field("b", &JsSlips::b)
      .field("bDWApplied", &JsSlips::bDWApplied)
      .field("bWNext", &JsSlips::bWNext)
      .field("bWNextSource", &JsSlips::bWNextSource)
      .field("bRelativeError", &JsSlips::bRelativeError)
      .field("bMaxRelativeError", &JsSlips::bMaxRelativeError)
      .field("c", &JsSlips::c)
      .field("cH", &JsSlips::cH)
      .field("cYHat", &JsSlips::cYHat)
      .field("cLoss", &JsSlips::cLoss)
      .field("cYHatChangeRelative", &JsSlips::cYHatChangeRelative);
  value_object<JsTrain>("Train")
      .field("ok", &JsTrain::ok)
      .field("error", &JsTrain::error)
      .field("errorWhere", &JsTrain::errorWhere)
      .field("losses", &JsTrain::losses)
      .field("steps", &JsTrain::steps)
      .field("diverged", &JsTrain::diverged)
      .field("divergedReason", &JsTrain::divergedReason)
      .field("example", &JsTrain::example);
  value_object<JsPreset>("Preset")
      .field("id", &JsPreset::id)
      .field("name", &JsPreset::name)
      .field("description", &JsPreset::description)
      .field("example", &JsPreset::example);
  value_object<JsRandom>("RandomExample")
      .field("ok", &JsRandom::ok)
      .field("error", &JsRandom::error)
      .field("example", &JsRandom::example);
  value_object<JsGradientEntry>("GradientEntry")
      .field("layer", &JsGradientEntry::layer)
      .field("isBias", &JsGradientEntry::isBias)
      .field("row", &JsGradientEntry::row)
      .field("col", &JsGradientEntry::col)
      .field("analytic", &JsGradientEntry::analytic)
      .field("numeric", &JsGradientEntry::numeric)
      .field("relativeError", &JsGradientEntry::relativeError);
  value_object<JsGradientCheck>("GradientCheck")
      .field("ok", &JsGradientCheck::ok)
      .field("error", &JsGradientCheck::error)
      .field("errorWhere", &JsGradientCheck::errorWhere)
      .field("epsilon", &JsGradientCheck::epsilon)
      .field("entries", &JsGradientCheck::entries)
      .field("maxRelativeError", &JsGradientCheck::maxRelativeError);

  emscripten::function("workedExample", &worked_example_js);
  emscripten::function("trainStep", &train_step_js);
  emscripten::function("gradientCheck", &gradient_check_js);
  emscripten::function("train", &train_js);
  emscripten::function("presets", &presets_js);
  emscripten::function("randomExample", &random_example_js);
}
