// Many SGD steps on one example, without tracing them: the loss curve and
// the final weights. The step is the same as train_step()'s (same order of
// operations, so the same numbers), computed in place in reused buffers.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "backprop/network.hpp"

namespace backprop {

// The largest number of steps one call runs.
constexpr std::size_t kMaxTrainSteps = 1'000'000;

struct TrainResult {
  std::string error;  // as Trace::error
  std::string error_where;

  // losses[k] is the loss before step k, and the last entry the loss after
  // the last step taken: losses.size() == steps + 1. When training diverges,
  // the non-finite loss of the last step is left out (size == steps).
  std::vector<double> losses;
  std::size_t steps = 0;
  Network network;  // the weights after the last step taken

  // Training stops early when a weight or the loss stops being a finite
  // number; `diverged_reason` then says at which step.
  bool diverged = false;
  std::string diverged_reason;

  bool ok() const { return error.empty(); }
};

// Runs `steps` SGD steps (at most kMaxTrainSteps) from example.network.
TrainResult train(const Example& example, std::size_t steps);

}  // namespace backprop
