#include "backprop/examples.hpp"

namespace backprop {

Example worked_example() {
  Example e;

  // W⁽²⁾: input → hidden. Row i is hidden neuron i: input 1 → hidden 1 is
  // 0.12, input 2 → hidden 1 is 0.23, input 1 → hidden 2 is 0.13, input 2 →
  // hidden 2 is 0.10.
  Layer hidden;
  hidden.W = Matrix::from_rows({{0.12, 0.23}, {0.13, 0.10}});

  // W⁽¹⁾: hidden → output.
  Layer output;
  output.W = Matrix::from_rows({{0.17, 0.17}});

  e.network.layers = {hidden, output};
  e.x = {2, 3};
  e.y = {1};
  e.lr = 0.05;
  return e;
}

}  // namespace backprop
