// The worked example the page opens with, the presets it offers, and random
// networks from a seed.
//
// The worked example: a 2-2-1 network, identity activations, no biases. In
// the page's notation (superscripts count layers from the output):
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

#include <cstdint>
#include <string>
#include <vector>

#include "backprop/network.hpp"

namespace backprop {

Example worked_example();

struct Preset {
  std::string id;    // stable, for links and tests
  std::string name;  // shown in the menu
  std::string description;
  Example example;
};

// The worked example first, then networks with sigmoid, tanh and ReLU
// layers, biases and more than one output.
std::vector<Preset> presets();

// The shape of a network to initialise: input size, then per layer (in
// computation order) its neurons, activation and whether it has biases.
struct LayerSpec {
  std::size_t neurons = 1;
  Activation f = Activation::identity;
  bool bias = false;
};
struct NetworkSpec {
  std::size_t inputs = 1;
  std::vector<LayerSpec> layers;
};

// A network of that shape with weights drawn uniformly from ±√(6 / (in +
// out)) (Glorot), biases from ±0.5, inputs from ±1 and targets from [0, 1],
// all rounded to two decimals so that they read well. The same seed gives
// the same numbers on every platform (the generator is defined here, not
// taken from the standard library, whose distributions vary). `lr` is
// copied. An empty spec or a layer without neurons is an error (`error`).
Example random_example(const NetworkSpec& spec, std::uint32_t seed, double lr, std::string* error);

}  // namespace backprop
