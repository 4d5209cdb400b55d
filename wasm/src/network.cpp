#include <cmath>
#include <string>

#include "backprop/network.hpp"

namespace backprop {

Matrix Matrix::from_rows(const std::vector<std::vector<double>>& rows) {
  Matrix m(rows.size(), rows.empty() ? 0 : rows.front().size());
  for (std::size_t i = 0; i < m.rows; ++i) {
    for (std::size_t j = 0; j < m.cols && j < rows[i].size(); ++j) m.at(i, j) = rows[i][j];
  }
  return m;
}

bool all_finite(const std::vector<double>& v) {
  for (double e : v) {
    if (!std::isfinite(e)) return false;
  }
  return true;
}

namespace {

std::string count(std::size_t n, const char* noun) {
  return std::to_string(n) + " " + noun + (n == 1 ? "" : "s");
}

}  // namespace

std::string validate(const Example& example, std::string* where) {
  auto fail = [where](std::string at, std::string message) {
    if (where) *where = std::move(at);
    return message;
  };
  const auto& layers = example.network.layers;
  if (layers.empty()) return fail("layers", "The network has no layers.");

  for (std::size_t l = 0; l < layers.size(); ++l) {
    const Layer& layer = layers[l];
    const std::string at = "layers." + std::to_string(l);
    const std::string name = "Layer " + std::to_string(l + 1);
    if (layer.W.rows == 0 || layer.W.cols == 0) {
      return fail(at + ".W", name + " has an empty weight matrix.");
    }
    if (layer.W.data.size() != layer.W.rows * layer.W.cols) {
      return fail(at + ".W", name + ": the weight matrix holds " +
                                 count(layer.W.data.size(), "entry") + " instead of " +
                                 std::to_string(layer.W.rows) + " × " +
                                 std::to_string(layer.W.cols) + ".");
    }
    if (l > 0 && layer.W.cols != layers[l - 1].W.rows) {
      return fail(at + ".W", name + " reads " + count(layer.W.cols, "value") +
                                 " per neuron, but the layer before it has " +
                                 count(layers[l - 1].W.rows, "neuron") + ".");
    }
    if (!all_finite(layer.W.data)) {
      return fail(at + ".W", name + " has a weight that is not a finite number.");
    }
    if (layer.has_bias() && layer.b.size() != layer.W.rows) {
      return fail(at + ".b", name + " has " + count(layer.b.size(), "bias") + " for " +
                                 count(layer.W.rows, "neuron") + ".");
    }
    if (!all_finite(layer.b)) {
      return fail(at + ".b", name + " has a bias that is not a finite number.");
    }
  }
  if (example.x.size() != layers.front().W.cols) {
    return fail("x", "The input has " + count(example.x.size(), "value") +
                         ", but the first layer reads " + std::to_string(layers.front().W.cols) +
                         ".");
  }
  if (!all_finite(example.x))
    return fail("x", "The input has a value that is not a finite number.");
  if (example.y.size() != layers.back().W.rows) {
    return fail("y", "The target has " + count(example.y.size(), "value") +
                         ", but the network has " + count(layers.back().W.rows, "output") + ".");
  }
  if (!all_finite(example.y)) {
    return fail("y", "The target has a value that is not a finite number.");
  }
  if (!std::isfinite(example.lr)) {
    return fail("lr", "The learning rate is not a finite number.");
  }
  return {};
}

double squared_error(const std::vector<double>& y_hat, const std::vector<double>& y) {
  return squared_error(y_hat.data(), y);
}

}  // namespace backprop
