#include "backprop/train.hpp"

#include <algorithm>
#include <cmath>
#include <utility>

namespace backprop {

namespace {

// Buffers for one step, allocated once per call to train(). The loop below
// runs up to a million times on networks of a few neurons, so it works on
// flat arrays through raw pointers: no allocation, no nested vectors.
struct Workspace {
  std::vector<double> z, h;         // every layer's z and h, layer after layer
  std::vector<std::size_t> offset;  // where layer l starts in z and h
  std::vector<double> g, g_in;      // ∂L/∂h of a layer's output and of its input

  explicit Workspace(const Network& network) {
    std::size_t total = 0, widest = network.inputs();
    for (const Layer& layer : network.layers) {
      offset.push_back(total);
      total += layer.neurons();
      widest = std::max(widest, layer.neurons());
    }
    z.resize(total);
    h.resize(total);
    g.resize(widest);
    g_in.resize(widest);
  }
};

struct Forward {
  double loss;
  // Every z and the loss are finite. Non-finite weights always show here:
  // the inputs of each layer are finite (checked one layer down), so an
  // infinite or NaN weight or bias makes its neuron's z infinite or NaN
  // (∞ · 0 is NaN too). A sigmoid or tanh cannot hide an infinite z either.
  bool finite;
};

// z = W h + b, h' = f(z), layer by layer; the sums run in the same order as
// train_step()'s, so both give the same numbers to the last bit. The loss is
// L = ½ Σ (ŷ − y)².
Forward forward_in_place(const Network& network, const std::vector<double>& x,
                         const std::vector<double>& y, Workspace& ws) {
  // Σ z · 0 is 0 while every z is finite and NaN from the first one that is
  // not: one multiply-add per neuron instead of a branch.
  double guard = 0.0;
  const double* in = x.data();
  for (std::size_t l = 0; l < network.layers.size(); ++l) {
    const Layer& layer = network.layers[l];
    const std::size_t n = layer.neurons(), m = layer.inputs();
    const double* W = layer.W.data.data();
    const double* b = layer.has_bias() ? layer.b.data() : nullptr;
    double* z = ws.z.data() + ws.offset[l];
    double* h = ws.h.data() + ws.offset[l];
    for (std::size_t i = 0; i < n; ++i) {
      double sum = b ? b[i] : 0.0;
      for (std::size_t j = 0; j < m; ++j) sum += W[i * m + j] * in[j];
      z[i] = sum;
      h[i] = activate(layer.f, sum);
      guard += sum * 0.0;
    }
    in = h;
  }
  const double loss = squared_error(ws.h.data() + ws.offset.back(), y);
  return {loss, std::isfinite(guard) && std::isfinite(loss)};
}

// Backward pass and update in place. ∂L/∂h is carried back with the weights
// as they were before this step, as in train_step().
void backward_update(Network& network, const std::vector<double>& x, const std::vector<double>& y,
                     double lr, Workspace& ws) {
  const double* y_hat = ws.h.data() + ws.offset.back();
  double* g = ws.g.data();
  double* g_in = ws.g_in.data();
  for (std::size_t i = 0; i < y.size(); ++i) g[i] = y_hat[i] - y[i];

  for (std::size_t l = network.layers.size(); l-- > 0;) {
    Layer& layer = network.layers[l];
    const std::size_t n = layer.neurons(), m = layer.inputs();
    double* W = layer.W.data.data();
    double* b = layer.has_bias() ? layer.b.data() : nullptr;
    const double* z = ws.z.data() + ws.offset[l];
    const double* h = ws.h.data() + ws.offset[l];
    const double* h_in = l == 0 ? x.data() : ws.h.data() + ws.offset[l - 1];

    // δ = ∂L/∂h' ⊙ f'(z), kept in g.
    for (std::size_t i = 0; i < n; ++i) g[i] *= activate_derivative_at(layer.f, z[i], h[i]);

    // ∂L/∂h = Wᵀ δ, before W changes.
    for (std::size_t j = 0; j < m; ++j) {
      double sum = 0.0;
      for (std::size_t i = 0; i < n; ++i) sum += W[i * m + j] * g[i];
      g_in[j] = sum;
    }

    // W ← W − α δ hᵀ, b ← b − α δ.
    for (std::size_t i = 0; i < n; ++i) {
      for (std::size_t j = 0; j < m; ++j) W[i * m + j] -= lr * (g[i] * h_in[j]);
      if (b) b[i] -= lr * g[i];
    }
    std::swap(g, g_in);
  }
}

}  // namespace

TrainResult train(const Example& example, std::size_t steps) {
  TrainResult result;
  result.error = validate(example, &result.error_where);
  if (!result.ok()) return result;
  if (steps > kMaxTrainSteps) {
    result.error = "At most " + std::to_string(kMaxTrainSteps) + " steps can be run at once.";
    result.error_where = "steps";
    return result;
  }

  result.network = example.network;
  Network& network = result.network;
  Workspace ws(network);
  result.losses.reserve(steps + 1);
  Forward forward = forward_in_place(network, example.x, example.y, ws);
  // The same refusals as train_step(): any pre-activation or the loss not
  // finite (a sigmoid can hide an infinite z behind a finite output).
  if (!forward.finite) {
    result.error = "The forward pass overflows: use smaller weights or inputs.";
    result.error_where = "layers";
    return result;
  }
  result.losses.push_back(forward.loss);

  for (std::size_t k = 0; k < steps; ++k) {
    backward_update(network, example.x, example.y, example.lr, ws);
    result.steps = k + 1;
    forward = forward_in_place(network, example.x, example.y, ws);
    if (!forward.finite) {
      result.diverged = true;
      result.diverged_reason = "Training diverged at step " + std::to_string(k + 1) +
                               ": the weights or the loss grew too large to represent. "
                               "The learning rate is too large.";
      break;
    }
    result.losses.push_back(forward.loss);
  }
  return result;
}

}  // namespace backprop
