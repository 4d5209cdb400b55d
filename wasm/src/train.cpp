#include "backprop/train.hpp"

#include <cmath>

namespace backprop {

namespace {

// Buffers for one step, allocated once per call to train().
struct Workspace {
  std::vector<std::vector<double>> z, h;  // per layer
  std::vector<double> dL_dh, dL_dh_in;

  explicit Workspace(const Network& network) {
    for (const Layer& layer : network.layers) {
      z.emplace_back(layer.neurons());
      h.emplace_back(layer.neurons());
    }
  }
};

// z = W h + b, h' = f(z), layer by layer. Returns L = ½ Σ (ŷ − y)².
double forward_in_place(const Network& network, const std::vector<double>& x,
                        const std::vector<double>& y, Workspace& ws) {
  const std::vector<double>* in = &x;
  for (std::size_t l = 0; l < network.layers.size(); ++l) {
    const Layer& layer = network.layers[l];
    for (std::size_t i = 0; i < layer.neurons(); ++i) {
      double sum = layer.has_bias() ? layer.b[i] : 0.0;
      for (std::size_t j = 0; j < layer.inputs(); ++j) sum += layer.W.at(i, j) * (*in)[j];
      ws.z[l][i] = sum;
      ws.h[l][i] = activate(layer.f, sum);
    }
    in = &ws.h[l];
  }
  return squared_error(ws.h.back(), y);
}

// Backward pass and update in place. ∂L/∂h is carried back with the weights
// as they were before this step, as in train_step().
void backward_update(Network& network, const std::vector<double>& x, const std::vector<double>& y,
                     double lr, Workspace& ws) {
  const std::vector<double>& y_hat = ws.h.back();
  ws.dL_dh.assign(y_hat.size(), 0.0);
  for (std::size_t i = 0; i < y_hat.size(); ++i) ws.dL_dh[i] = y_hat[i] - y[i];

  for (std::size_t l = network.layers.size(); l-- > 0;) {
    Layer& layer = network.layers[l];
    const std::vector<double>& h_in = l == 0 ? x : ws.h[l - 1];

    // δ = ∂L/∂h' ⊙ f'(z), kept in dL_dh.
    for (std::size_t i = 0; i < layer.neurons(); ++i) {
      ws.dL_dh[i] *= activate_derivative(layer.f, ws.z[l][i]);
    }
    const std::vector<double>& delta = ws.dL_dh;

    // ∂L/∂h = Wᵀ δ, before W changes.
    ws.dL_dh_in.assign(layer.inputs(), 0.0);
    for (std::size_t j = 0; j < layer.inputs(); ++j) {
      for (std::size_t i = 0; i < layer.neurons(); ++i) {
        ws.dL_dh_in[j] += layer.W.at(i, j) * delta[i];
      }
    }

    // W ← W − α δ hᵀ, b ← b − α δ.
    for (std::size_t i = 0; i < layer.neurons(); ++i) {
      for (std::size_t j = 0; j < layer.inputs(); ++j)
        layer.W.at(i, j) -= lr * (delta[i] * h_in[j]);
      if (layer.has_bias()) layer.b[i] -= lr * delta[i];
    }
    ws.dL_dh.swap(ws.dL_dh_in);
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
  double loss = forward_in_place(network, example.x, example.y, ws);
  // The same refusals as train_step(): any pre-activation, value or the loss
  // not finite (a sigmoid can hide an infinite z behind a finite output).
  bool forward_finite = std::isfinite(loss);
  for (std::size_t l = 0; l < network.layers.size(); ++l) {
    forward_finite = forward_finite && all_finite(ws.z[l]) && all_finite(ws.h[l]);
  }
  if (!forward_finite) {
    result.error = "The forward pass overflows: use smaller weights or inputs.";
    result.error_where = "layers";
    return result;
  }
  result.losses.push_back(loss);

  for (std::size_t k = 0; k < steps; ++k) {
    backward_update(network, example.x, example.y, example.lr, ws);
    result.steps = k + 1;
    loss = forward_in_place(network, example.x, example.y, ws);
    bool weights_finite = true;
    for (const Layer& layer : network.layers) {
      weights_finite = weights_finite && all_finite(layer.W.data) && all_finite(layer.b);
    }
    if (!weights_finite || !std::isfinite(loss)) {
      result.diverged = true;
      result.diverged_reason = "Training diverged at step " + std::to_string(k + 1) +
                               ": the weights or the loss grew too large to represent. "
                               "The learning rate is too large.";
      break;
    }
    result.losses.push_back(loss);
  }
  return result;
}

}  // namespace backprop
