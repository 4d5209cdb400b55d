// Invalid input never aborts: train_step() and gradient_check() return an error naming the
// offending field and validate() agrees with them. A forward pass that overflows is an error
// too; a step whose update overflows or overshoots is reported as divergence instead.
#include <cmath>
#include <cstddef>
#include <limits>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "backprop/examples.hpp"
#include "backprop/gradient_check.hpp"
#include "backprop/network.hpp"
#include "backprop/trace.hpp"
#include "backprop/train.hpp"

namespace {

using backprop::Activation;
using backprop::Example;
using backprop::GradientCheck;
using backprop::Layer;
using backprop::Matrix;
using backprop::Trace;

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kInf = std::numeric_limits<double>::infinity();

// A valid 2-3-1 example with biases: the base every invalid case breaks in one place.
Example ValidExample() {
  Example example;
  Layer hidden;
  hidden.W = Matrix::from_rows({{0.1, -0.2}, {0.3, 0.4}, {-0.5, 0.6}});
  hidden.b = {0.01, 0.02, 0.03};
  hidden.f = Activation::tanh;
  Layer output;
  output.W = Matrix::from_rows({{0.7, -0.8, 0.9}});
  output.b = {0.05};
  output.f = Activation::identity;
  example.network.layers = {hidden, output};
  example.x = {1.0, -2.0};
  example.y = {0.5};
  example.lr = 0.1;
  return example;
}

// A message a person can read: non-empty, no control characters, not just whitespace.
bool IsReadable(const std::string& message) {
  bool has_letter = false;
  for (char c : message) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u == 0x7f) return false;
    if ((u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z')) has_letter = true;
  }
  return has_letter;
}

// train_step, gradient_check and validate all refuse the example, at `where`; `what` says
// what was broken, for the failure message.
void ExpectRejected(const std::string& what, const Example& example, const std::string& where) {
  SCOPED_TRACE(what);
  std::string validate_where;
  const std::string message = backprop::validate(example, &validate_where);
  EXPECT_FALSE(message.empty()) << "validate accepted the example";
  EXPECT_TRUE(IsReadable(message)) << "validate: \"" << message << "\"";
  EXPECT_EQ(validate_where, where) << "validate: \"" << message << "\"";

  const Trace trace = backprop::train_step(example);
  EXPECT_FALSE(trace.ok()) << "train_step accepted the example";
  EXPECT_TRUE(IsReadable(trace.error)) << "train_step: \"" << trace.error << "\"";
  EXPECT_EQ(trace.error_where, where) << "train_step: \"" << trace.error << "\"";
  EXPECT_EQ(trace.error, message);

  const GradientCheck check = backprop::gradient_check(example);
  EXPECT_FALSE(check.ok()) << "gradient_check accepted the example";
  EXPECT_TRUE(IsReadable(check.error)) << "gradient_check: \"" << check.error << "\"";
  EXPECT_EQ(check.error_where, where) << "gradient_check: \"" << check.error << "\"";
  EXPECT_TRUE(check.entries.empty());
}

TEST(InvalidInputTest, EmptyNetworkIsRejectedAtLayers) {
  Example example = ValidExample();
  example.network.layers.clear();
  ExpectRejected("layers.clear()", example, "layers");
}

TEST(InvalidInputTest, InputOfTheWrongSizeIsRejectedAtX) {
  Example example = ValidExample();
  example.x = {1.0, 2.0, 3.0};
  ExpectRejected("x = {1.0, 2.0, 3.0}", example, "x");
  example.x = {};
  ExpectRejected("x = {}", example, "x");
}

TEST(InvalidInputTest, TargetOfTheWrongSizeIsRejectedAtY) {
  Example example = ValidExample();
  example.y = {0.5, 0.5};
  ExpectRejected("y = {0.5, 0.5}", example, "y");
  example.y = {};
  ExpectRejected("y = {}", example, "y");
}

TEST(InvalidInputTest, LayerWithNoNeuronsIsRejectedAtItsW) {
  // A single layer W 0×2 reading x = (1, −2), with y empty to match its zero outputs: the
  // only problem is the empty layer.
  Example example;
  Layer layer;
  layer.W = Matrix(0, 2);
  example.network.layers = {layer};
  example.x = {1.0, -2.0};
  example.lr = 0.1;
  ExpectRejected("W is 0×2", example, "layers.0.W");
}

TEST(InvalidInputTest, LayerWithNoInputsIsRejectedAtItsW) {
  // A single layer W 1×0 reading an empty x: the only problem is the empty layer.
  Example example;
  Layer layer;
  layer.W = Matrix(1, 0);
  example.network.layers = {layer};
  example.y = {0.5};
  example.lr = 0.1;
  ExpectRejected("W is 1×0", example, "layers.0.W");
}

TEST(InvalidInputTest, LayerReadingTheWrongNumberOfValuesIsRejectedAtItsW) {
  // layers[0] has 3 neurons; layers[1] reads 2.
  Example example = ValidExample();
  example.network.layers[1].W = Matrix::from_rows({{0.7, -0.8}});
  ExpectRejected("layers[1].W = Matrix::from_rows({{0.7, -0.8}})", example, "layers.1.W");
}

TEST(InvalidInputTest, MatrixWhoseDataDoesNotMatchItsShapeIsRejected) {
  Example example = ValidExample();
  example.network.layers[1].W.data.push_back(1.0);
  ExpectRejected("layers[1].W.data.push_back(1.0)", example, "layers.1.W");
  example = ValidExample();
  example.network.layers[0].W.data.pop_back();
  ExpectRejected("layers[0].W.data.pop_back()", example, "layers.0.W");
}

TEST(InvalidInputTest, BiasOfTheWrongSizeIsRejectedAtItsB) {
  Example example = ValidExample();
  example.network.layers[0].b = {0.01, 0.02};
  ExpectRejected("layers[0].b = {0.01, 0.02}", example, "layers.0.b");
  example = ValidExample();
  example.network.layers[1].b = {0.05, 0.05};
  ExpectRejected("layers[1].b = {0.05, 0.05}", example, "layers.1.b");
}

TEST(InvalidInputTest, NonFiniteNumbersAreRejectedWhereTheyAre) {
  for (double bad : {kNaN, kInf, -kInf}) {
    SCOPED_TRACE("value " + std::to_string(bad));
    Example example = ValidExample();
    example.x[1] = bad;
    ExpectRejected("x[1] = bad", example, "x");

    example = ValidExample();
    example.y[0] = bad;
    ExpectRejected("y[0] = bad", example, "y");

    example = ValidExample();
    example.network.layers[0].W.at(2, 1) = bad;
    ExpectRejected("layers[0].W.at(2, 1) = bad", example, "layers.0.W");

    example = ValidExample();
    example.network.layers[1].W.at(0, 0) = bad;
    ExpectRejected("layers[1].W.at(0, 0) = bad", example, "layers.1.W");

    example = ValidExample();
    example.network.layers[0].b[1] = bad;
    ExpectRejected("layers[0].b[1] = bad", example, "layers.0.b");

    example = ValidExample();
    example.network.layers[1].b[0] = bad;
    ExpectRejected("layers[1].b[0] = bad", example, "layers.1.b");

    example = ValidExample();
    example.lr = bad;
    ExpectRejected("lr = bad", example, "lr");
  }
}

TEST(InvalidInputTest, ZeroLearningRateIsAcceptedAndChangesNothing) {
  Example example = ValidExample();
  example.lr = 0.0;
  EXPECT_EQ(backprop::validate(example), "");
  const Trace trace = backprop::train_step(example);
  ASSERT_TRUE(trace.ok()) << trace.error;
  EXPECT_FALSE(trace.diverged);
  ASSERT_EQ(trace.layers.size(), 2u);
  for (std::size_t l = 0; l < 2; ++l) {
    EXPECT_EQ(trace.layers[l].W_next.data, example.network.layers[l].W.data) << "layer " << l;
    EXPECT_EQ(trace.layers[l].b_next, example.network.layers[l].b) << "layer " << l;
  }
  EXPECT_EQ(trace.loss_after, trace.loss);
  EXPECT_EQ(trace.loss_decrease, 0.0);
  EXPECT_TRUE(backprop::gradient_check(example).ok());
}

TEST(InvalidInputTest, NegativeLearningRateIsAcceptedAndClimbsTheLoss) {
  Example example = ValidExample();
  example.lr = -0.1;
  EXPECT_EQ(backprop::validate(example), "");
  const Trace trace = backprop::train_step(example);
  ASSERT_TRUE(trace.ok()) << trace.error;
  // A small step up the gradient increases the loss, which the trace reports as divergence.
  EXPECT_LT(trace.loss_decrease, 0.0);
  EXPECT_TRUE(std::isfinite(trace.loss_after));
  EXPECT_TRUE(trace.diverged);
  EXPECT_TRUE(IsReadable(trace.diverged_reason)) << "\"" << trace.diverged_reason << "\"";
  EXPECT_TRUE(backprop::gradient_check(example).ok());
}

TEST(DivergenceTest, HugeLearningRateDivergesWithoutError) {
  // α = 1e300: W_next ≈ 1e300·0.69 is still finite, but the forward pass after the step
  // reaches ≈ 1e599 and the new loss overflows.
  Example example = backprop::worked_example();
  example.lr = 1e300;
  EXPECT_EQ(backprop::validate(example), "");
  const Trace trace = backprop::train_step(example);
  EXPECT_TRUE(trace.ok()) << trace.error;
  EXPECT_EQ(trace.error_where, "");
  EXPECT_TRUE(trace.diverged);
  EXPECT_TRUE(IsReadable(trace.diverged_reason)) << "\"" << trace.diverged_reason << "\"";
  // The step itself is still recorded.
  ASSERT_EQ(trace.layers.size(), 2u);
  EXPECT_NEAR(trace.loss, 0.278780445, 1e-12);
}

TEST(DivergenceTest, UpdateThatOverflowsDivergesWithoutError) {
  // The worked example with x = (20, 30) and α = 1e308: h = (9.3, 5.6), ŷ = 2.533,
  // ŷ − y = 1.533, ∂L/∂W⁽¹⁾(0, 0) = 1.533·9.3 = 14.2569, and α·14.2569 ≈ 1.4e309 overflows,
  // so W⁽¹⁾ after the step is −∞ in that place.
  Example example = backprop::worked_example();
  example.x = {20.0, 30.0};
  example.lr = 1e308;
  EXPECT_EQ(backprop::validate(example), "");
  const Trace trace = backprop::train_step(example);
  EXPECT_TRUE(trace.ok()) << trace.error;
  EXPECT_TRUE(trace.diverged);
  EXPECT_TRUE(IsReadable(trace.diverged_reason)) << "\"" << trace.diverged_reason << "\"";
  ASSERT_EQ(trace.layers.size(), 2u);
  ASSERT_EQ(trace.layers[1].W_next.data.size(), 2u);
  EXPECT_FALSE(std::isfinite(trace.layers[1].W_next.at(0, 0)));
}

TEST(DivergenceTest, StepThatOvershootsDivergesWithoutError) {
  // The worked example with α = 1: W⁽¹⁾ → (0.17 + 0.694431, 0.17 + 0.418152)
  // = (0.864431, 0.588152), W⁽²⁾ → [[0.373878, 0.610817], [0.383878, 0.480817]],
  // h⁽¹⁾ → (2.580207, 2.210207), ŷ → 0.864431·2.580207 + 0.588152·2.210207 ≈ 3.5303, so
  // L → ½·2.5303² ≈ 3.2013 > 0.278780445: finite, but larger than before.
  Example example = backprop::worked_example();
  example.lr = 1.0;
  EXPECT_EQ(backprop::validate(example), "");
  const Trace trace = backprop::train_step(example);
  EXPECT_TRUE(trace.ok()) << trace.error;
  EXPECT_TRUE(trace.diverged);
  EXPECT_TRUE(IsReadable(trace.diverged_reason)) << "\"" << trace.diverged_reason << "\"";
  EXPECT_TRUE(std::isfinite(trace.loss_after));
  EXPECT_GT(trace.loss_after, trace.loss);
  EXPECT_LT(trace.loss_decrease, 0.0);
}

TEST(DivergenceTest, OrdinaryStepDoesNotDiverge) {
  const Trace trace = backprop::train_step(backprop::worked_example());
  EXPECT_TRUE(trace.ok()) << trace.error;
  EXPECT_FALSE(trace.diverged);
  EXPECT_EQ(trace.diverged_reason, "");
}

TEST(OverflowTest, ForwardPassThatOverflowsIsAnError) {
  // Three identity layers 2-2-2-1, every weight 1e200, x = (1, 1): layer 0 gives z = 2e200,
  // layer 1 gives 2·1e200·2e200 = 4e400, which overflows to ∞. Every input is finite, so
  // validate() accepts it, but the step cannot run.
  Example example;
  for (std::size_t rows : {2u, 2u, 1u}) {
    Layer layer;
    layer.W = Matrix(rows, 2);
    for (double& w : layer.W.data) w = 1e200;
    example.network.layers.push_back(layer);
  }
  example.x = {1.0, 1.0};
  example.y = {1.0};
  example.lr = 0.05;
  const Trace trace = backprop::train_step(example);
  EXPECT_FALSE(trace.ok()) << "train_step ran a forward pass that overflows";
  EXPECT_TRUE(IsReadable(trace.error)) << "\"" << trace.error << "\"";
  EXPECT_FALSE(trace.error_where.empty());
  const GradientCheck check = backprop::gradient_check(example);
  EXPECT_FALSE(check.ok()) << "gradient_check ran a forward pass that overflows";
  EXPECT_TRUE(IsReadable(check.error)) << "\"" << check.error << "\"";
}

TEST(InvalidInputTest, GradientCheckRejectsAStepThatIsNotPositiveAndFinite) {
  for (double epsilon : {0.0, -1e-6, kNaN, kInf}) {
    SCOPED_TRACE("epsilon " + std::to_string(epsilon));
    const GradientCheck check = backprop::gradient_check(ValidExample(), epsilon);
    EXPECT_FALSE(check.ok()) << "gradient_check accepted the step";
    EXPECT_TRUE(IsReadable(check.error)) << "\"" << check.error << "\"";
    EXPECT_EQ(check.error_where, "epsilon");
    EXPECT_TRUE(check.entries.empty());
  }
}

}  // namespace

namespace backprop {
namespace {

// Finite inputs whose loss overflows: ½ (1e200)² is not a double.
TEST(OverflowTest, LossThatOverflowsIsAnError) {
  Example e;
  Layer l;
  l.W = Matrix::from_rows({{1}});
  e.network.layers = {l};
  e.x = {1e200};
  e.y = {0};
  e.lr = 0.1;
  const Trace t = train_step(e);
  EXPECT_FALSE(t.ok());
  EXPECT_NE(t.error.find("loss overflows"), std::string::npos);
  EXPECT_FALSE(gradient_check(e).ok());
  EXPECT_FALSE(train(e, 3).ok());
}

// A sigmoid hides an infinite pre-activation behind a finite output: train()
// refuses it as train_step() does.
TEST(OverflowTest, TrainRefusesAnInfinitePreActivation) {
  Example e;
  Layer l;
  l.W = Matrix::from_rows({{0, 0, 1e300}, {0, 1e300, 1e300}});
  l.f = Activation::sigmoid;
  e.network.layers = {l};
  e.x = {1e300, 0, 1e300};
  e.y = {0, 0};
  e.lr = 0;
  EXPECT_FALSE(train_step(e).ok());
  EXPECT_FALSE(train(e, 3).ok());
}

}  // namespace
}  // namespace backprop
