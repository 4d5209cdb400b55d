// Native side of the core benchmark: one million SGD steps of the worked
// example, timed. Prints the seconds and the final loss (to check that the
// WASM run computed the same thing).
#include <chrono>
#include <cstdio>

#include "backprop/examples.hpp"
#include "backprop/train.hpp"

int main() {
  const backprop::Example example = backprop::worked_example();
  const auto start = std::chrono::steady_clock::now();
  const backprop::TrainResult r = backprop::train(example, backprop::kMaxTrainSteps);
  const std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - start;
  if (!r.ok()) {
    std::fprintf(stderr, "%s\n", r.error.c_str());
    return 1;
  }
  std::printf("{\"seconds\": %.6f, \"steps\": %zu, \"loss\": %.17g}\n", elapsed.count(), r.steps,
              r.losses.back());
  return 0;
}
