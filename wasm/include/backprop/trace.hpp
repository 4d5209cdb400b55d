// One SGD step, recorded: every value the derivation on the page shows.
//
// Symbols (layer index l in computation order; the page's superscript is
// L − l for L layers):
//   z      pre-activation W h + b          h      output f(z)
//   fprime f'(z)                           delta  δ = ∂L/∂z
//   dW     ∂L/∂W = δ hᵀ                    db     ∂L/∂b = δ
//   W_next W − α ∂L/∂W                     b_next b − α ∂L/∂b
#pragma once

#include <string>
#include <vector>

#include "backprop/network.hpp"

namespace backprop {

// The forward pass of one layer.
struct LayerForward {
  std::vector<double> z;
  std::vector<double> h;
};

struct LayerStep {
  LayerForward forward;
  std::vector<double> fprime;
  std::vector<double> delta;
  Matrix dW;
  std::vector<double> db;  // empty for a layer without bias
  Matrix W_next;
  std::vector<double> b_next;
};

struct Trace {
  // Empty when the step ran; otherwise why it could not (see validate), and
  // `error_where` names the offending field.
  std::string error;
  std::string error_where;

  std::vector<LayerStep> layers;  // computation order, as Network::layers
  std::vector<double> y_hat;      // the last layer's h
  double loss = 0.0;
  std::vector<double> dL_dy_hat;  // ŷ − y

  // The forward pass again, with W_next and b_next.
  std::vector<LayerForward> after;
  std::vector<double> y_hat_after;
  double loss_after = 0.0;

  double loss_decrease = 0.0;           // loss − loss_after
  double loss_decrease_relative = 0.0;  // loss_decrease / loss; 0 when loss is 0

  // True when the step ran but made things worse: an updated weight or the
  // new loss is not a finite number (a learning rate too large overflows), or
  // the new loss is larger than the old one (the step overshot the minimum
  // along the gradient). `diverged_reason` says which, in a sentence.
  bool diverged = false;
  std::string diverged_reason;

  bool ok() const { return error.empty(); }
};

// Forward pass only. Assumes validate(example) is empty.
std::vector<LayerForward> forward(const Network& network, const std::vector<double>& x);

// Forward, loss, backward and update for one example. Never throws; invalid
// input comes back as Trace::error.
Trace train_step(const Example& example);

// The network after one SGD step, without the trace. Assumes a valid example.
Network sgd_step(const Example& example);

}  // namespace backprop
