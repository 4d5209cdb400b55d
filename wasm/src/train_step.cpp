#include <cmath>
#include <string>

#include "backprop/trace.hpp"

namespace backprop {

namespace {

// The first non-finite value among the layers' forward passes, named for a
// message; empty when all are finite.
std::string first_overflow(const std::vector<LayerForward>& pass) {
  for (std::size_t l = 0; l < pass.size(); ++l) {
    if (!all_finite(pass[l].z) || !all_finite(pass[l].h)) {
      return "the values of layer " + std::to_string(l + 1);
    }
  }
  return {};
}

}  // namespace

std::vector<LayerForward> forward(const Network& network, const std::vector<double>& x) {
  std::vector<LayerForward> pass(network.layers.size());
  const std::vector<double>* h = &x;
  for (std::size_t l = 0; l < network.layers.size(); ++l) {
    const Layer& layer = network.layers[l];
    LayerForward& out = pass[l];

    // z = W h + b
    out.z.assign(layer.neurons(), 0.0);
    for (std::size_t i = 0; i < layer.neurons(); ++i) {
      double sum = layer.has_bias() ? layer.b[i] : 0.0;
      for (std::size_t j = 0; j < layer.inputs(); ++j) sum += layer.W.at(i, j) * (*h)[j];
      out.z[i] = sum;
    }

    // h' = f(z)
    out.h.resize(out.z.size());
    for (std::size_t i = 0; i < out.z.size(); ++i) out.h[i] = activate(layer.f, out.z[i]);

    h = &out.h;
  }
  return pass;
}

Trace train_step(const Example& example) {
  Trace trace;
  trace.error = validate(example, &trace.error_where);
  if (!trace.ok()) return trace;

  const auto& layers = example.network.layers;
  const std::size_t L = layers.size();
  trace.layers.resize(L);

  // Forward pass.
  const std::vector<LayerForward> pass = forward(example.network, example.x);
  if (std::string what = first_overflow(pass); !what.empty()) {
    trace.error = "The forward pass overflows: " + what +
                  " are too large to represent. Use smaller weights or inputs.";
    trace.error_where = "layers";
    return trace;
  }
  for (std::size_t l = 0; l < L; ++l) trace.layers[l].forward = pass[l];
  trace.y_hat = pass.back().h;

  // Loss: L = ½ Σ (ŷ − y)².
  trace.loss = squared_error(trace.y_hat, example.y);
  if (!std::isfinite(trace.loss)) {
    trace.error =
        "The loss overflows: the prediction is too far from the target to square. "
        "Use smaller weights or inputs.";
    trace.error_where = "layers";
    return trace;
  }

  // ∂L/∂ŷ = ŷ − y.
  trace.dL_dy_hat.resize(trace.y_hat.size());
  for (std::size_t i = 0; i < trace.y_hat.size(); ++i) {
    trace.dL_dy_hat[i] = trace.y_hat[i] - example.y[i];
  }

  // Backward pass, from the output layer to the input layer. ∂L/∂h of the
  // layer's output starts as ∂L/∂ŷ and is carried one layer back each time.
  std::vector<double> dL_dh = trace.dL_dy_hat;
  for (std::size_t l = L; l-- > 0;) {
    const Layer& layer = layers[l];
    LayerStep& step = trace.layers[l];
    const std::vector<double>& z = step.forward.z;
    const std::vector<double>& h_in = l == 0 ? example.x : trace.layers[l - 1].forward.h;

    // δ = ∂L/∂h' ⊙ f'(z), differentiating h' = f(z).
    step.fprime.resize(z.size());
    step.delta.resize(z.size());
    for (std::size_t i = 0; i < z.size(); ++i) {
      step.fprime[i] = activate_derivative(layer.f, z[i]);
      step.delta[i] = dL_dh[i] * step.fprime[i];
    }

    // ∂L/∂W = δ hᵀ and ∂L/∂b = δ, differentiating z = W h + b.
    step.dW = Matrix(layer.neurons(), layer.inputs());
    for (std::size_t i = 0; i < layer.neurons(); ++i) {
      for (std::size_t j = 0; j < layer.inputs(); ++j) step.dW.at(i, j) = step.delta[i] * h_in[j];
    }
    if (layer.has_bias()) step.db = step.delta;

    // ∂L/∂h = Wᵀ δ, for the layer before.
    std::vector<double> dL_dh_in(layer.inputs(), 0.0);
    for (std::size_t j = 0; j < layer.inputs(); ++j) {
      for (std::size_t i = 0; i < layer.neurons(); ++i) {
        dL_dh_in[j] += layer.W.at(i, j) * step.delta[i];
      }
    }
    dL_dh = std::move(dL_dh_in);
  }

  // Update: W ← W − α ∂L/∂W, b ← b − α ∂L/∂b.
  Network next = example.network;
  for (std::size_t l = 0; l < L; ++l) {
    LayerStep& step = trace.layers[l];
    Layer& layer = next.layers[l];
    for (std::size_t k = 0; k < layer.W.data.size(); ++k) {
      layer.W.data[k] -= example.lr * step.dW.data[k];
    }
    for (std::size_t i = 0; i < layer.b.size(); ++i) layer.b[i] -= example.lr * step.db[i];
    step.W_next = layer.W;
    step.b_next = layer.b;
  }

  // Forward pass again, with the updated weights.
  for (std::size_t l = 0; l < L && !trace.diverged; ++l) {
    if (!all_finite(next.layers[l].W.data) || !all_finite(next.layers[l].b)) {
      trace.diverged = true;
      trace.diverged_reason = "The update overflows: a new weight of layer " +
                              std::to_string(l + 1) +
                              " is too large to represent. The learning rate is too large.";
    }
  }
  trace.after = forward(next, example.x);
  trace.y_hat_after = trace.after.back().h;
  trace.loss_after = squared_error(trace.y_hat_after, example.y);
  if (!trace.diverged && !std::isfinite(trace.loss_after)) {
    trace.diverged = true;
    trace.diverged_reason =
        "The step overshoots: with the updated weights the loss is too large to represent. "
        "The learning rate is too large.";
  }
  if (!trace.diverged && trace.loss_after > trace.loss) {
    trace.diverged = true;
    trace.diverged_reason =
        "The step overshoots: with the updated weights the loss is larger than before. "
        "The learning rate is too large for this example.";
  }

  // What changed.
  trace.loss_decrease = trace.loss - trace.loss_after;
  trace.loss_decrease_relative = trace.loss > 0 ? trace.loss_decrease / trace.loss : 0.0;
  return trace;
}

Network sgd_step(const Example& example) {
  Trace trace = train_step(example);
  Network next = example.network;
  if (!trace.ok()) return next;
  for (std::size_t l = 0; l < next.layers.size(); ++l) {
    next.layers[l].W = trace.layers[l].W_next;
    next.layers[l].b = trace.layers[l].b_next;
  }
  return next;
}

}  // namespace backprop
