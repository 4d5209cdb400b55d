#include <algorithm>
#include <cmath>

#include "backprop/gradient_check.hpp"
#include "backprop/trace.hpp"

namespace backprop {

double relative_error(double analytic, double numeric, double floor) {
  const double diff = std::fabs(analytic - numeric);
  if (diff <= floor) return 0.0;
  return diff / std::max(std::fabs(analytic), std::fabs(numeric));
}

namespace {

double loss_of(const Network& network, const Example& example) {
  return squared_error(forward(network, example.x).back().h, example.y);
}

// (L(θ + ε) − L(θ − ε)) / 2ε for the parameter `theta` points at inside
// `network`, which is restored afterwards.
double central_difference(Network& network, double* theta, const Example& example, double eps) {
  const double saved = *theta;
  *theta = saved + eps;
  const double up = loss_of(network, example);
  *theta = saved - eps;
  const double down = loss_of(network, example);
  *theta = saved;
  return (up - down) / (2 * eps);
}

}  // namespace

GradientCheck gradient_check(const Example& example, double epsilon) {
  return gradient_check(example, train_step(example), epsilon);
}

GradientCheck gradient_check(const Example& example, const Trace& trace, double epsilon) {
  GradientCheck check;
  check.epsilon = epsilon;
  if (!trace.ok()) {
    check.error = trace.error;
    check.error_where = trace.error_where;
    return check;
  }
  if (!(epsilon > 0) || !std::isfinite(epsilon)) {
    check.error = "The step ε of the gradient check must be a positive finite number.";
    check.error_where = "epsilon";
    return check;
  }

  Network network = example.network;
  auto add = [&](std::size_t l, bool is_bias, std::size_t i, std::size_t j, double analytic,
                 double* theta) {
    GradientCheckEntry e;
    e.layer = l;
    e.is_bias = is_bias;
    e.row = i;
    e.col = j;
    e.analytic = analytic;
    e.numeric = central_difference(network, theta, example, epsilon);
    e.relative_error = relative_error(e.analytic, e.numeric);
    // A NaN error must not vanish in the maximum (std::max would drop it).
    if (!(e.relative_error <= check.max_relative_error))
      check.max_relative_error = e.relative_error;
    check.entries.push_back(e);
  };
  for (std::size_t l = 0; l < network.layers.size(); ++l) {
    Layer& layer = network.layers[l];
    const LayerStep& step = trace.layers[l];
    for (std::size_t i = 0; i < layer.neurons(); ++i) {
      for (std::size_t j = 0; j < layer.inputs(); ++j) {
        add(l, false, i, j, step.dW.at(i, j), &layer.W.at(i, j));
      }
    }
    for (std::size_t i = 0; i < layer.b.size(); ++i) add(l, true, i, 0, step.db[i], &layer.b[i]);
  }
  return check;
}

}  // namespace backprop
