#include "backprop/examples.hpp"

#include <cmath>

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

namespace {

Layer layer(std::vector<std::vector<double>> W, std::vector<double> b, Activation f) {
  Layer l;
  l.W = Matrix::from_rows(W);
  l.b = std::move(b);
  l.f = f;
  return l;
}

Example example(std::vector<Layer> layers, std::vector<double> x, std::vector<double> y,
                double lr) {
  Example e;
  e.network.layers = std::move(layers);
  e.x = std::move(x);
  e.y = std::move(y);
  e.lr = lr;
  return e;
}

// splitmix64: a small generator with a fixed definition, so seeds reproduce
// the same network everywhere.
struct Random {
  std::uint64_t state;
  std::uint64_t next() {
    std::uint64_t z = (state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
  // Uniform in [lo, hi), rounded to two decimals.
  double uniform(double lo, double hi) {
    const double u = static_cast<double>(next() >> 11) * 0x1.0p-53;
    const double v = std::round((lo + (hi - lo) * u) * 100) / 100;
    return v == 0 ? 0.0 : v;  // no −0
  }
};

}  // namespace

std::vector<Preset> presets() {
  using A = Activation;
  return {
      {"worked", "The worked example",
       "Two inputs, two hidden neurons, one output; linear, no biases.", worked_example()},
      {"sigmoid", "Sigmoid, two outputs, biases",
       "Two inputs, two sigmoid neurons and two sigmoid outputs, all with biases: a classic of "
       "backpropagation tutorials.",
       example({layer({{0.15, 0.20}, {0.25, 0.30}}, {0.35, 0.35}, A::sigmoid),
                layer({{0.40, 0.45}, {0.50, 0.55}}, {0.60, 0.60}, A::sigmoid)},
               {0.05, 0.10}, {0.01, 0.99}, 0.5)},
      {"tanh", "Tanh hidden layer",
       "Three inputs, four tanh neurons with biases, one linear output.",
       example({layer({{0.20, -0.30, 0.10},
                       {-0.40, 0.25, 0.35},
                       {0.15, 0.10, -0.20},
                       {0.30, -0.15, 0.05}},
                      {0.10, -0.10, 0.05, 0.00}, A::tanh),
                layer({{0.50, -0.40, 0.30, 0.20}}, {0.10}, A::identity)},
               {1.0, 0.5, -1.0}, {0.8}, 0.1)},
      {"relu", "ReLU, two outputs",
       "Two inputs, three ReLU neurons with biases, two linear outputs.",
       example({layer({{0.50, -0.20}, {-0.30, 0.80}, {0.40, 0.40}}, {0.10, 0.00, -0.20}, A::relu),
                layer({{0.30, -0.50, 0.20}, {-0.10, 0.40, 0.60}}, {0.00, 0.10}, A::identity)},
               {1.0, 2.0}, {0.5, 1.0}, 0.05)},
      {"deep", "Three layers, mixed",
       "Sigmoid, then tanh, then a linear output: the error signal crosses two activations.",
       example(
           {layer({{0.30, -0.20}, {0.10, 0.40}, {-0.30, 0.20}}, {0.00, 0.10, -0.10}, A::sigmoid),
            layer({{0.20, -0.40, 0.30}, {0.50, 0.10, -0.20}}, {0.05, -0.05}, A::tanh),
            layer({{0.60, -0.30}}, {}, A::identity)},
           {0.5, -1.0}, {0.25}, 0.5)},
  };
}

Example random_example(const NetworkSpec& spec, std::uint32_t seed, double lr, std::string* error) {
  Example e;
  e.lr = lr;
  if (spec.inputs == 0 || spec.layers.empty()) {
    *error = "A network needs at least one input and one layer.";
    return e;
  }
  Random rng{seed};
  std::size_t in = spec.inputs;
  for (const LayerSpec& s : spec.layers) {
    if (s.neurons == 0) {
      *error = "Every layer needs at least one neuron.";
      return e;
    }
    Layer l;
    l.f = s.f;
    l.W = Matrix(s.neurons, in);
    const double limit = std::sqrt(6.0 / static_cast<double>(in + s.neurons));
    for (double& w : l.W.data) w = rng.uniform(-limit, limit);
    if (s.bias) {
      l.b.resize(s.neurons);
      for (double& b : l.b) b = rng.uniform(-0.5, 0.5);
    }
    e.network.layers.push_back(l);
    in = s.neurons;
  }
  e.x.resize(spec.inputs);
  for (double& v : e.x) v = rng.uniform(-1, 1);
  e.y.resize(spec.layers.back().neurons);
  for (double& v : e.y) v = rng.uniform(0, 1);
  return e;
}

}  // namespace backprop
