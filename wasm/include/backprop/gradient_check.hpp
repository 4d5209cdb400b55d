// Central-difference gradient check: for every weight and bias θ,
//
//   numeric = (L(θ + ε) − L(θ − ε)) / 2ε
//
// against the analytic gradient from backpropagation.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "backprop/network.hpp"

namespace backprop {

struct GradientCheckEntry {
  std::size_t layer = 0;  // computation order
  bool is_bias = false;   // false: W(row, col); true: b(row)
  std::size_t row = 0;
  std::size_t col = 0;
  double analytic = 0.0;
  double numeric = 0.0;
  double relative_error = 0.0;
};

struct GradientCheck {
  std::string error;  // as Trace::error
  std::string error_where;
  double epsilon = 0.0;
  std::vector<GradientCheckEntry> entries;
  double max_relative_error = 0.0;

  bool ok() const { return error.empty(); }
};

// |a − n| / max(|a|, |n|), and 0 when both are 0. Below `floor` of absolute
// difference the error is taken as 0, so that gradients that are both
// essentially zero do not report a large ratio of rounding noise.
double relative_error(double analytic, double numeric, double floor = 1e-12);

GradientCheck gradient_check(const Example& example, double epsilon = 1e-6);
// The same, with the example's step already computed (its analytic gradients).
struct Trace;
GradientCheck gradient_check(const Example& example, const Trace& trace, double epsilon = 1e-6);

}  // namespace backprop
