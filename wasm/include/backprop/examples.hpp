// The worked example the page opens with.
//
// A 2-2-1 network, identity activations, no biases. In the page's notation
// (superscripts count layers from the output):
//   h⁽²⁾ = x = (2, 3)          input
//   y = 1                      target
//   α = 0.05                   learning rate
//   W⁽²⁾ = [[0.12, 0.23],      input → hidden; row i = hidden neuron i
//           [0.13, 0.10]]
//   W⁽¹⁾ = [[0.17, 0.17]]      hidden → output
//
// It comes from a blog post that printed the same network with W⁽²⁾ laid out
// transposed (rows = inputs) and slipped in its update; the values the core
// computes here are the correct ones.
#pragma once

#include "backprop/network.hpp"

namespace backprop {

Example worked_example();

}  // namespace backprop
