// Activation functions: known values, derivatives against a central difference
// of activate(), and the names the page and the bindings use.
#include <cmath>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "backprop/network.hpp"

namespace {

using backprop::activate;
using backprop::activate_derivative;
using backprop::Activation;
using backprop::activation_name;
using backprop::parse_activation;

const Activation kAll[] = {Activation::identity, Activation::sigmoid, Activation::tanh,
                           Activation::relu};

// Known values are exact or one rounding away; compared within 1e-15.
constexpr double kExactTolerance = 1e-15;

// (f(z + h) − f(z − h)) / 2h with h = 1e-6 has truncation error ~h²·|f'''|/6 ≈ 1e-13 and
// rounding error ~2.2e-16/h ≈ 1e-10, so 1e-8 leaves a wide margin.
constexpr double kStep = 1e-6;
constexpr double kCentralDifferenceTolerance = 1e-8;

double CentralDifference(Activation f, double z) {
  return (activate(f, z + kStep) - activate(f, z - kStep)) / (2.0 * kStep);
}

TEST(ActivationTest, IdentityReturnsItsArgument) {
  for (double z : {-3.5, -1.0, 0.0, 0.25, 7.0}) {
    EXPECT_EQ(activate(Activation::identity, z), z) << "z = " << z;
  }
}

TEST(ActivationTest, SigmoidHasKnownValues) {
  // σ(0) = 1 / (1 + e⁰) = 1/2.
  EXPECT_NEAR(activate(Activation::sigmoid, 0.0), 0.5, kExactTolerance);
  // σ(ln 3) = 1 / (1 + 1/3) = 3/4.
  EXPECT_NEAR(activate(Activation::sigmoid, std::log(3.0)), 0.75, kExactTolerance);
  // σ(−ln 3) = 1 / (1 + 3) = 1/4.
  EXPECT_NEAR(activate(Activation::sigmoid, -std::log(3.0)), 0.25, kExactTolerance);
  // σ(z) + σ(−z) = 1.
  EXPECT_NEAR(activate(Activation::sigmoid, 1.7) + activate(Activation::sigmoid, -1.7), 1.0,
              kExactTolerance);
}

TEST(ActivationTest, SigmoidSaturatesWithoutNaN) {
  // Far from 0 the sigmoid is 0 or 1 to double precision, never NaN.
  EXPECT_NEAR(activate(Activation::sigmoid, 800.0), 1.0, kExactTolerance);
  EXPECT_NEAR(activate(Activation::sigmoid, -800.0), 0.0, kExactTolerance);
  EXPECT_FALSE(std::isnan(activate_derivative(Activation::sigmoid, 800.0)));
  EXPECT_FALSE(std::isnan(activate_derivative(Activation::sigmoid, -800.0)));
}

TEST(ActivationTest, TanhHasKnownValues) {
  // tanh(0) = 0.
  EXPECT_NEAR(activate(Activation::tanh, 0.0), 0.0, kExactTolerance);
  // tanh(ln 2) = (2 − 1/2) / (2 + 1/2) = 3/5.
  EXPECT_NEAR(activate(Activation::tanh, std::log(2.0)), 0.6, kExactTolerance);
  // tanh is odd: tanh(−ln 2) = −3/5.
  EXPECT_NEAR(activate(Activation::tanh, -std::log(2.0)), -0.6, kExactTolerance);
}

TEST(ActivationTest, ReluHasKnownValues) {
  EXPECT_EQ(activate(Activation::relu, -1.0), 0.0);
  EXPECT_EQ(activate(Activation::relu, -1e-300), 0.0);
  EXPECT_EQ(activate(Activation::relu, 0.0), 0.0);
  EXPECT_EQ(activate(Activation::relu, 2.5), 2.5);
}

TEST(ActivationTest, DerivativesHaveKnownValues) {
  // identity' = 1 everywhere.
  EXPECT_EQ(activate_derivative(Activation::identity, -4.0), 1.0);
  EXPECT_EQ(activate_derivative(Activation::identity, 0.0), 1.0);
  // σ'(0) = σ(0)(1 − σ(0)) = 1/2 · 1/2 = 1/4.
  EXPECT_NEAR(activate_derivative(Activation::sigmoid, 0.0), 0.25, kExactTolerance);
  // tanh'(0) = 1 − tanh²(0) = 1.
  EXPECT_NEAR(activate_derivative(Activation::tanh, 0.0), 1.0, kExactTolerance);
  // tanh'(ln 2) = 1 − (3/5)² = 16/25.
  EXPECT_NEAR(activate_derivative(Activation::tanh, std::log(2.0)), 0.64, kExactTolerance);
  // relu' is 0 left of 0, 1 right of 0.
  EXPECT_EQ(activate_derivative(Activation::relu, -0.5), 0.0);
  EXPECT_EQ(activate_derivative(Activation::relu, 0.5), 1.0);
}

TEST(ActivationTest, ReluDerivativeAtZeroIsZero) {
  EXPECT_EQ(activate_derivative(Activation::relu, 0.0), 0.0);
  EXPECT_EQ(activate_derivative(Activation::relu, -0.0), 0.0);
}

TEST(ActivationTest, DerivativeMatchesCentralDifferenceOfActivate) {
  const std::vector<double> smooth_points = {-4.0, -2.0, -0.7, -0.1, 0.0, 0.1, 0.3, 1.0, 2.5, 5.0};
  const std::vector<double> relu_points = {-4.0, -2.0, -0.7, -0.1, 0.1, 0.3, 1.0, 2.5, 5.0};
  for (Activation f : kAll) {
    const std::vector<double>& points = f == Activation::relu ? relu_points : smooth_points;
    for (double z : points) {
      SCOPED_TRACE(std::string(activation_name(f)) + " at z = " + std::to_string(z));
      EXPECT_NEAR(activate_derivative(f, z), CentralDifference(f, z), kCentralDifferenceTolerance);
    }
  }
}

// The training loop takes f'(z) from the h it already has; that must be
// the same number as activate_derivative(f, z), to the last bit.
TEST(ActivationTest, DerivativeFromOutputIsTheSameNumber) {
  const std::vector<double> points = {-800.0, -37.5,  -4.0, -0.7, -1e-300, -0.0,
                                      0.0,    1e-300, 0.3,  2.5,  19.0,    800.0};
  for (Activation f : kAll) {
    for (double z : points) {
      SCOPED_TRACE(std::string(activation_name(f)) + " at z = " + std::to_string(z));
      EXPECT_EQ(activate_derivative_at(f, z, activate(f, z)), activate_derivative(f, z));
    }
  }
}

TEST(ActivationTest, NamesAreTheDocumentedSpellings) {
  EXPECT_STREQ(activation_name(Activation::identity), "identity");
  EXPECT_STREQ(activation_name(Activation::sigmoid), "sigmoid");
  EXPECT_STREQ(activation_name(Activation::tanh), "tanh");
  EXPECT_STREQ(activation_name(Activation::relu), "relu");
}

TEST(ActivationTest, ParseActivationRoundTripsEveryName) {
  for (Activation f : kAll) {
    SCOPED_TRACE(activation_name(f));
    // Start from a different value so that a parse that does not write is caught.
    Activation parsed = f == Activation::identity ? Activation::relu : Activation::identity;
    ASSERT_TRUE(parse_activation(activation_name(f), &parsed));
    EXPECT_EQ(parsed, f);
  }
}

TEST(ActivationTest, ParseActivationRejectsAnythingButAnExactName) {
  for (const std::string name :
       {"Sigmoid ", "", "softmax", "Sigmoid", "sigmoid ", " relu", "RELU", "tanh\n", "identity2"}) {
    SCOPED_TRACE("name = \"" + name + "\"");
    Activation parsed = Activation::identity;
    EXPECT_FALSE(parse_activation(name, &parsed));
  }
}

}  // namespace
