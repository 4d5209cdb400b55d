// A dense feed-forward network, the squared-error loss and the checks on both.
//
// Convention, used everywhere in the core, the bindings and the page:
//
//   z = W h + b        h' = f(z)
//
// `h` is the vector a layer reads, `z` its pre-activation and `h'` its output.
// Row i of `W` holds the weights of neuron i of the layer being computed, so
// W has one row per neuron of this layer and one column per value it reads.
//
// Layers are stored in the order the network computes them: layers[0] reads
// the input x, the last layer produces the prediction ŷ. The page names them
// from the output (W⁽¹⁾ is the last layer); the core does not.
//
// Loss: L = ½ Σ (ŷ − y)².
#pragma once

#include <cmath>
#include <cstddef>
#include <string>
#include <vector>

namespace backprop {

enum class Activation { identity, sigmoid, tanh, relu };

// "identity", "sigmoid", "tanh", "relu".
const char* activation_name(Activation f);
// Parses a name as written by activation_name; false when it is not one.
bool parse_activation(const std::string& name, Activation* out);

// f(z) and f'(z). ReLU's derivative at exactly 0 is taken as 0.
inline double activate(Activation f, double z);
double activate_derivative(Activation f, double z);
// f'(z) when h = f(z) is already known: the same value as
// activate_derivative(f, z), bit for bit, without evaluating f again (the
// training loop's hot path: it saves an exp or a tanh per neuron and step).
inline double activate_derivative_at(Activation f, double z, double h);

// A row-major matrix; rows × cols entries in `data`.
struct Matrix {
  std::size_t rows = 0;
  std::size_t cols = 0;
  std::vector<double> data;

  Matrix() = default;
  Matrix(std::size_t r, std::size_t c) : rows(r), cols(c), data(r * c, 0.0) {}
  // Builds a matrix from its rows; all rows must have the same length.
  static Matrix from_rows(const std::vector<std::vector<double>>& rows);

  double& at(std::size_t i, std::size_t j) { return data[i * cols + j]; }
  double at(std::size_t i, std::size_t j) const { return data[i * cols + j]; }
};

struct Layer {
  Matrix W;               // neurons × inputs
  std::vector<double> b;  // one per neuron, or empty for a layer without bias
  Activation f = Activation::identity;

  bool has_bias() const { return !b.empty(); }
  std::size_t neurons() const { return W.rows; }
  std::size_t inputs() const { return W.cols; }
};

struct Network {
  std::vector<Layer> layers;

  std::size_t inputs() const { return layers.empty() ? 0 : layers.front().inputs(); }
  std::size_t outputs() const { return layers.empty() ? 0 : layers.back().neurons(); }
};

// One training example and the step size: everything one SGD step needs.
struct Example {
  Network network;
  std::vector<double> x;  // input
  std::vector<double> y;  // target
  double lr = 0.0;        // learning rate α
};

// Empty when the example can be stepped; otherwise a sentence naming the
// first problem found (shapes, non-finite numbers, a missing layer, the
// learning rate). `where` receives a path such as "layers.1.W" or "x", the
// place the problem was found, for a caller that shows messages next to
// fields.
std::string validate(const Example& example, std::string* where = nullptr);

// True when every entry is a finite number (no NaN, no ±∞).
bool all_finite(const std::vector<double>& v);

// L = ½ Σ (ŷ − y)².
double squared_error(const std::vector<double>& y_hat, const std::vector<double>& y);
// The same, with ŷ given as y.size() values from `y_hat` (the training loop
// keeps its values in one flat buffer).
inline double squared_error(const double* y_hat, const std::vector<double>& y) {
  double sum = 0.0;
  for (std::size_t i = 0; i < y.size(); ++i) {
    const double e = y_hat[i] - y[i];
    sum += e * e;
  }
  return 0.5 * sum;
}

// Defined here so that the training loop, which calls them once per neuron
// and step, can inline them.
inline double activate(Activation f, double z) {
  switch (f) {
    case Activation::identity:
      return z;
    case Activation::sigmoid:
      // Written so that neither branch overflows exp for large |z|.
      if (z >= 0) return 1.0 / (1.0 + std::exp(-z));
      {
        const double e = std::exp(z);
        return e / (1.0 + e);
      }
    case Activation::tanh:
      return std::tanh(z);
    case Activation::relu:
      return z > 0 ? z : 0.0;
  }
  return z;
}

inline double activate_derivative_at(Activation f, double z, double h) {
  switch (f) {
    case Activation::identity:
      return 1.0;
    case Activation::sigmoid:
      return h * (1.0 - h);
    case Activation::tanh:
      return 1.0 - h * h;
    case Activation::relu:
      return z > 0 ? 1.0 : 0.0;
  }
  return 1.0;
}

}  // namespace backprop
