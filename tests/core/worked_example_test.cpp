// The worked example the page opens with, through train_step(), and a biased sigmoid
// network small enough to check by hand.
//
// Core layer order is computation order: layers[0] is input → hidden (the page's W⁽²⁾),
// layers[1] is hidden → output (the page's W⁽¹⁾). The page's h⁽²⁾ is the input x.
//
// Tolerances:
//   kExact = 1e-12   values that are exact decimals or exact rationals, off only by a few
//                    roundings of double arithmetic.
//   kPrinted = 5e-9  values published rounded to 8 decimals.
#include <cmath>
#include <cstddef>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "backprop/examples.hpp"
#include "backprop/network.hpp"
#include "backprop/trace.hpp"

namespace {

using backprop::Activation;
using backprop::Example;
using backprop::Layer;
using backprop::Matrix;
using backprop::Network;
using backprop::Trace;

constexpr double kExact = 1e-12;
constexpr double kPrinted = 5e-9;

void ExpectVectorNear(const std::vector<double>& actual, const std::vector<double>& expected,
                      double tolerance, const std::string& what) {
  ASSERT_EQ(actual.size(), expected.size()) << what;
  for (std::size_t i = 0; i < expected.size(); ++i) {
    EXPECT_NEAR(actual[i], expected[i], tolerance) << what << "[" << i << "]";
  }
}

void ExpectMatrixNear(const Matrix& actual, const std::vector<std::vector<double>>& expected,
                      double tolerance, const std::string& what) {
  ASSERT_EQ(actual.rows, expected.size()) << what << " rows";
  ASSERT_FALSE(expected.empty());
  ASSERT_EQ(actual.cols, expected[0].size()) << what << " cols";
  ASSERT_EQ(actual.data.size(), actual.rows * actual.cols) << what << " data size";
  for (std::size_t i = 0; i < actual.rows; ++i) {
    for (std::size_t j = 0; j < actual.cols; ++j) {
      EXPECT_NEAR(actual.at(i, j), expected[i][j], tolerance)
          << what << "(" << i << ", " << j << ")";
    }
  }
}

TEST(WorkedExampleTest, ExampleIsTheDocumentedNetwork) {
  const Example example = backprop::worked_example();
  EXPECT_EQ(backprop::validate(example), "");
  EXPECT_EQ(example.x, (std::vector<double>{2.0, 3.0}));
  EXPECT_EQ(example.y, (std::vector<double>{1.0}));
  EXPECT_EQ(example.lr, 0.05);
  ASSERT_EQ(example.network.layers.size(), 2u);
  const Layer& hidden = example.network.layers[0];
  const Layer& output = example.network.layers[1];
  ExpectMatrixNear(hidden.W, {{0.12, 0.23}, {0.13, 0.10}}, 0.0, "W(2)");
  ExpectMatrixNear(output.W, {{0.17, 0.17}}, 0.0, "W(1)");
  EXPECT_FALSE(hidden.has_bias());
  EXPECT_FALSE(output.has_bias());
  EXPECT_EQ(hidden.f, Activation::identity);
  EXPECT_EQ(output.f, Activation::identity);
}

TEST(WorkedExampleTest, StepRunsWithoutErrorOrDivergence) {
  const Trace trace = backprop::train_step(backprop::worked_example());
  EXPECT_TRUE(trace.ok());
  EXPECT_EQ(trace.error, "");
  EXPECT_EQ(trace.error_where, "");
  EXPECT_FALSE(trace.diverged);
  EXPECT_EQ(trace.diverged_reason, "");
  EXPECT_EQ(trace.layers.size(), 2u);
  EXPECT_EQ(trace.after.size(), 2u);
}

TEST(WorkedExampleTest, ForwardPassMatchesHandArithmetic) {
  const Trace trace = backprop::train_step(backprop::worked_example());
  ASSERT_TRUE(trace.ok()) << trace.error;
  ASSERT_EQ(trace.layers.size(), 2u);
  // h⁽¹⁾ = W⁽²⁾ x = (0.12·2 + 0.23·3, 0.13·2 + 0.10·3) = (0.24 + 0.69, 0.26 + 0.30)
  //      = (0.93, 0.56); identity, so z = h.
  ExpectVectorNear(trace.layers[0].forward.z, {0.93, 0.56}, kExact, "layers[0].z");
  ExpectVectorNear(trace.layers[0].forward.h, {0.93, 0.56}, kExact, "layers[0].h");
  // ŷ = W⁽¹⁾ h⁽¹⁾ = 0.17·0.93 + 0.17·0.56 = 0.1581 + 0.0952 = 0.2533.
  ExpectVectorNear(trace.layers[1].forward.z, {0.2533}, kExact, "layers[1].z");
  ExpectVectorNear(trace.layers[1].forward.h, {0.2533}, kExact, "layers[1].h");
  ExpectVectorNear(trace.y_hat, {0.2533}, kExact, "y_hat");
}

TEST(WorkedExampleTest, LossAndItsGradientMatchHandArithmetic) {
  const Trace trace = backprop::train_step(backprop::worked_example());
  ASSERT_TRUE(trace.ok()) << trace.error;
  // L = ½ (0.2533 − 1)² = ½ · 0.7467² = ½ · 0.55756089 = 0.278780445 exactly.
  EXPECT_NEAR(trace.loss, 0.278780445, kExact);
  // The published value is 0.27878045; the exact value sits on the rounding boundary, so compare
  // to the printed figure with a hair more than its half-unit.
  EXPECT_NEAR(trace.loss, 0.27878045, kPrinted + kExact);
  // ∂L/∂ŷ = ŷ − y = 0.2533 − 1 = −0.7467.
  ExpectVectorNear(trace.dL_dy_hat, {-0.7467}, kExact, "dL_dy_hat");
}

TEST(WorkedExampleTest, IdentityDerivativesAreAllOne) {
  const Trace trace = backprop::train_step(backprop::worked_example());
  ASSERT_TRUE(trace.ok()) << trace.error;
  ASSERT_EQ(trace.layers.size(), 2u);
  // f = identity, f'(z) = 1 for every neuron, exactly.
  EXPECT_EQ(trace.layers[0].fprime, (std::vector<double>{1.0, 1.0}));
  EXPECT_EQ(trace.layers[1].fprime, (std::vector<double>{1.0}));
}

TEST(WorkedExampleTest, OutputLayerGradientMatchesHandArithmetic) {
  const Trace trace = backprop::train_step(backprop::worked_example());
  ASSERT_TRUE(trace.ok()) << trace.error;
  ASSERT_EQ(trace.layers.size(), 2u);
  // δ⁽¹⁾ = (ŷ − y) · f'(z) = −0.7467 · 1 = −0.7467.
  ExpectVectorNear(trace.layers[1].delta, {-0.7467}, kExact, "layers[1].delta");
  // ∂L/∂W⁽¹⁾ = δ⁽¹⁾ h⁽¹⁾ᵀ = −0.7467 · (0.93, 0.56) = (−0.694431, −0.418152).
  ExpectMatrixNear(trace.layers[1].dW, {{-0.694431, -0.418152}}, kExact, "layers[1].dW");
  EXPECT_TRUE(trace.layers[1].db.empty());
}

TEST(WorkedExampleTest, HiddenLayerGradientMatchesHandArithmetic) {
  const Trace trace = backprop::train_step(backprop::worked_example());
  ASSERT_TRUE(trace.ok()) << trace.error;
  ASSERT_EQ(trace.layers.size(), 2u);
  // δ⁽²⁾ = (W⁽¹⁾ᵀ δ⁽¹⁾) ⊙ f'(z) = (0.17 · −0.7467, 0.17 · −0.7467) = (−0.126939, −0.126939).
  ExpectVectorNear(trace.layers[0].delta, {-0.126939, -0.126939}, kExact, "layers[0].delta");
  // ∂L/∂W⁽²⁾ = δ⁽²⁾ xᵀ, x = (2, 3):
  //   row 0: (−0.126939·2, −0.126939·3) = (−0.253878, −0.380817), row 1 the same.
  ExpectMatrixNear(trace.layers[0].dW, {{-0.253878, -0.380817}, {-0.253878, -0.380817}}, kExact,
                   "layers[0].dW");
  EXPECT_TRUE(trace.layers[0].db.empty());
}

TEST(WorkedExampleTest, UpdatedWeightsMatchHandArithmetic) {
  const Trace trace = backprop::train_step(backprop::worked_example());
  ASSERT_TRUE(trace.ok()) << trace.error;
  ASSERT_EQ(trace.layers.size(), 2u);
  // W⁽¹⁾ − α ∂L/∂W⁽¹⁾ = (0.17 + 0.05·0.694431, 0.17 + 0.05·0.418152)
  //                   = (0.17 + 0.03472155, 0.17 + 0.0209076) = (0.20472155, 0.1909076).
  ExpectMatrixNear(trace.layers[1].W_next, {{0.20472155, 0.19090760}}, kExact, "layers[1].W_next");
  // W⁽²⁾ − α ∂L/∂W⁽²⁾:
  //   row 0: (0.12 + 0.05·0.253878, 0.23 + 0.05·0.380817) = (0.1326939, 0.24904085)
  //   row 1: (0.13 + 0.05·0.253878, 0.10 + 0.05·0.380817) = (0.1426939, 0.11904085)
  ExpectMatrixNear(trace.layers[0].W_next, {{0.13269390, 0.24904085}, {0.14269390, 0.11904085}},
                   kExact, "layers[0].W_next");
  EXPECT_TRUE(trace.layers[0].b_next.empty());
  EXPECT_TRUE(trace.layers[1].b_next.empty());
}

TEST(WorkedExampleTest, ForwardPassAfterTheStepMatchesHandArithmetic) {
  const Trace trace = backprop::train_step(backprop::worked_example());
  ASSERT_TRUE(trace.ok()) << trace.error;
  ASSERT_EQ(trace.after.size(), 2u);
  // h⁽¹⁾ after = (0.1326939·2 + 0.24904085·3, 0.1426939·2 + 0.11904085·3)
  //            = (0.2653878 + 0.74712255, 0.2853878 + 0.35712255) = (1.01251035, 0.64251035).
  ExpectVectorNear(trace.after[0].z, {1.01251035, 0.64251035}, kExact, "after[0].z");
  ExpectVectorNear(trace.after[0].h, {1.01251035, 0.64251035}, kExact, "after[0].h");
  // ŷ after = 0.20472155·1.01251035 + 0.1909076·0.64251035
  //         = 0.2072827... + 0.1226600... = 131977118854681 / 4·10¹⁴ = 0.3299427971367025
  //         (published: 0.32994280).
  constexpr double kYHatAfter = 131977118854681.0 / 4e14;
  ExpectVectorNear(trace.after[1].h, {kYHatAfter}, kExact, "after[1].h");
  ExpectVectorNear(trace.y_hat_after, {kYHatAfter}, kExact, "y_hat_after");
  ExpectVectorNear(trace.y_hat_after, {0.32994280}, kPrinted, "y_hat_after (printed)");
}

TEST(WorkedExampleTest, LossAfterTheStepDecreasesByNineteenPercent) {
  const Trace trace = backprop::train_step(backprop::worked_example());
  ASSERT_TRUE(trace.ok()) << trace.error;
  // L after = ½ (0.3299427971367025 − 1)² = ½ · 0.6700572028632975² = 0.2244883275544931
  //           (published: 0.22448833).
  constexpr double kYHatAfter = 131977118854681.0 / 4e14;
  const double loss_after = 0.5 * (kYHatAfter - 1.0) * (kYHatAfter - 1.0);
  EXPECT_NEAR(trace.loss_after, loss_after, kExact);
  EXPECT_NEAR(trace.loss_after, 0.22448833, kPrinted);
  // Decrease = 0.278780445 − 0.2244883275544931 = 0.0542921174455069.
  EXPECT_NEAR(trace.loss_decrease, 0.278780445 - loss_after, kExact);
  EXPECT_NEAR(trace.loss_decrease, 0.0542921174455069, kExact);
  // Relative = 0.0542921174455069 / 0.278780445 = 0.19474865765963925 ≈ 19.5 %.
  EXPECT_NEAR(trace.loss_decrease_relative, 0.19474865765963925, kExact);
  EXPECT_NEAR(trace.loss_decrease_relative, 0.1947, 5e-5);
  // The trace's own fields agree with each other.
  EXPECT_NEAR(trace.loss_decrease, trace.loss - trace.loss_after, kExact);
  EXPECT_NEAR(trace.loss_decrease_relative, trace.loss_decrease / trace.loss, kExact);
}

TEST(WorkedExampleTest, SgdStepEqualsTheTracesUpdatedWeights) {
  const Example example = backprop::worked_example();
  const Trace trace = backprop::train_step(example);
  ASSERT_TRUE(trace.ok()) << trace.error;
  const Network next = backprop::sgd_step(example);
  ASSERT_EQ(next.layers.size(), trace.layers.size());
  for (std::size_t l = 0; l < next.layers.size(); ++l) {
    SCOPED_TRACE("layer " + std::to_string(l));
    EXPECT_EQ(next.layers[l].W.rows, trace.layers[l].W_next.rows);
    EXPECT_EQ(next.layers[l].W.cols, trace.layers[l].W_next.cols);
    EXPECT_EQ(next.layers[l].W.data, trace.layers[l].W_next.data);
    EXPECT_EQ(next.layers[l].b, trace.layers[l].b_next);
    EXPECT_EQ(next.layers[l].f, example.network.layers[l].f);
  }
}

// A 1-1 network with a bias and a sigmoid: W = [[0.5]], b = [0.25], x = (2), y = (1), α = 0.1.
Example BiasedSigmoidExample() {
  Example example;
  Layer layer;
  layer.W = Matrix::from_rows({{0.5}});
  layer.b = {0.25};
  layer.f = Activation::sigmoid;
  example.network.layers.push_back(layer);
  example.x = {2.0};
  example.y = {1.0};
  example.lr = 0.1;
  return example;
}

double Sigmoid(double z) {
  return 1.0 / (1.0 + std::exp(-z));
}

TEST(BiasedSigmoidTest, StepMatchesHandArithmetic) {
  const Example example = BiasedSigmoidExample();
  const Trace trace = backprop::train_step(example);
  ASSERT_TRUE(trace.ok()) << trace.error;
  EXPECT_FALSE(trace.diverged);
  ASSERT_EQ(trace.layers.size(), 1u);
  const backprop::LayerStep& step = trace.layers[0];

  // z = W x + b = 0.5·2 + 0.25 = 1.25.
  const double z = 1.25;
  ExpectVectorNear(step.forward.z, {z}, kExact, "z");
  // h = σ(1.25) = 1 / (1 + e^−1.25) ≈ 0.7772998611746911.
  const double h = Sigmoid(z);
  ExpectVectorNear(step.forward.h, {h}, kExact, "h");
  ExpectVectorNear(trace.y_hat, {h}, kExact, "y_hat");
  // L = ½ (h − 1)² ≈ ½ · 0.2227001388² ≈ 0.0247976759.
  const double loss = 0.5 * (h - 1.0) * (h - 1.0);
  EXPECT_NEAR(trace.loss, loss, kExact);
  // ∂L/∂ŷ = h − 1 ≈ −0.2227001388.
  ExpectVectorNear(trace.dL_dy_hat, {h - 1.0}, kExact, "dL_dy_hat");
  // f'(z) = σ(z)(1 − σ(z)) ≈ 0.7772998612 · 0.2227001388 ≈ 0.1731047870.
  const double fprime = h * (1.0 - h);
  ExpectVectorNear(step.fprime, {fprime}, kExact, "fprime");
  // δ = (h − 1) f'(z) ≈ −0.2227001388 · 0.1731047870 ≈ −0.0385504601.
  const double delta = (h - 1.0) * fprime;
  ExpectVectorNear(step.delta, {delta}, kExact, "delta");
  // ∂L/∂W = δ x = 2δ ≈ −0.0771009202; ∂L/∂b = δ.
  ExpectMatrixNear(step.dW, {{2.0 * delta}}, kExact, "dW");
  ExpectVectorNear(step.db, {delta}, kExact, "db");
  // W_next = 0.5 − 0.1·2δ ≈ 0.5077100920; b_next = 0.25 − 0.1·δ ≈ 0.2538550460.
  const double w_next = 0.5 - 0.1 * 2.0 * delta;
  const double b_next = 0.25 - 0.1 * delta;
  ExpectMatrixNear(step.W_next, {{w_next}}, kExact, "W_next");
  ExpectVectorNear(step.b_next, {b_next}, kExact, "b_next");
  // After: z' = 2·W_next + b_next ≈ 1.2692752300, h' = σ(z') ≈ 0.7806186540,
  // L' = ½ (h' − 1)² ≈ 0.0240640875.
  const double z_after = 2.0 * w_next + b_next;
  const double h_after = Sigmoid(z_after);
  const double loss_after = 0.5 * (h_after - 1.0) * (h_after - 1.0);
  ASSERT_EQ(trace.after.size(), 1u);
  ExpectVectorNear(trace.after[0].z, {z_after}, kExact, "after[0].z");
  ExpectVectorNear(trace.after[0].h, {h_after}, kExact, "after[0].h");
  ExpectVectorNear(trace.y_hat_after, {h_after}, kExact, "y_hat_after");
  EXPECT_NEAR(trace.loss_after, loss_after, kExact);
  // Decrease ≈ 0.0247976759 − 0.0240640875 ≈ 0.0007335884, relative ≈ 0.0295829510.
  EXPECT_NEAR(trace.loss_decrease, loss - loss_after, kExact);
  EXPECT_NEAR(trace.loss_decrease_relative, (loss - loss_after) / loss, kExact);
  EXPECT_GT(trace.loss_decrease, 0.0);
}

TEST(BiasedSigmoidTest, SgdStepEqualsTheTracesUpdatedWeights) {
  const Example example = BiasedSigmoidExample();
  const Trace trace = backprop::train_step(example);
  ASSERT_TRUE(trace.ok()) << trace.error;
  const Network next = backprop::sgd_step(example);
  ASSERT_EQ(next.layers.size(), 1u);
  ASSERT_EQ(trace.layers.size(), 1u);
  EXPECT_EQ(next.layers[0].W.rows, 1u);
  EXPECT_EQ(next.layers[0].W.cols, 1u);
  EXPECT_EQ(next.layers[0].W.data, trace.layers[0].W_next.data);
  EXPECT_EQ(next.layers[0].b, trace.layers[0].b_next);
  EXPECT_EQ(next.layers[0].f, Activation::sigmoid);
}

TEST(BiasedSigmoidTest, ZeroLossGivesZeroRelativeDecrease) {
  // y = ŷ exactly: L = 0, so every gradient is 0, nothing moves and the relative decrease is
  // documented as 0 rather than 0/0.
  Example example = BiasedSigmoidExample();
  example.network.layers[0].f = Activation::identity;
  example.y = {1.25};  // 0.5·2 + 0.25
  const Trace trace = backprop::train_step(example);
  ASSERT_TRUE(trace.ok()) << trace.error;
  EXPECT_EQ(trace.loss, 0.0);
  EXPECT_EQ(trace.loss_after, 0.0);
  EXPECT_EQ(trace.loss_decrease, 0.0);
  EXPECT_EQ(trace.loss_decrease_relative, 0.0);
  EXPECT_FALSE(trace.diverged);
}

}  // namespace
