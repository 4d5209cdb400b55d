#include <cmath>

#include "backprop/network.hpp"

namespace backprop {

const char* activation_name(Activation f) {
  switch (f) {
    case Activation::identity:
      return "identity";
    case Activation::sigmoid:
      return "sigmoid";
    case Activation::tanh:
      return "tanh";
    case Activation::relu:
      return "relu";
  }
  return "identity";
}

bool parse_activation(const std::string& name, Activation* out) {
  for (Activation f :
       {Activation::identity, Activation::sigmoid, Activation::tanh, Activation::relu}) {
    if (name == activation_name(f)) {
      *out = f;
      return true;
    }
  }
  return false;
}

double activate_derivative(Activation f, double z) {
  switch (f) {
    case Activation::identity:
      return 1.0;
    case Activation::sigmoid: {
      // σ'(z) = σ(z) (1 − σ(z))
      const double s = activate(f, z);
      return s * (1.0 - s);
    }
    case Activation::tanh: {
      // tanh'(z) = 1 − tanh²(z)
      const double t = std::tanh(z);
      return 1.0 - t * t;
    }
    case Activation::relu:
      return z > 0 ? 1.0 : 0.0;
  }
  return 1.0;
}

}  // namespace backprop
