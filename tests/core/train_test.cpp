// train(): many SGD steps in one call. Its first step is train_step()'s to
// the last bit, its loss curve on the worked example matches an independent
// computation, and it stops when training diverges.
#include <gtest/gtest.h>

#include <cmath>

#include "backprop/examples.hpp"
#include "backprop/trace.hpp"
#include "backprop/train.hpp"

namespace backprop {
namespace {

TEST(TrainTest, FirstStepIsTrainStepExactly) {
  const Example e = worked_example();
  const Trace t = train_step(e);
  const TrainResult r = train(e, 1);
  ASSERT_TRUE(r.ok()) << r.error;
  ASSERT_EQ(r.losses.size(), 2u);
  EXPECT_EQ(r.losses[0], t.loss);
  EXPECT_EQ(r.losses[1], t.loss_after);
  for (std::size_t l = 0; l < e.network.layers.size(); ++l) {
    EXPECT_EQ(r.network.layers[l].W.data, t.layers[l].W_next.data) << "layer " << l;
  }
}

TEST(TrainTest, BiasedSigmoidStepIsTrainStepExactly) {
  Example e;
  Layer hidden;
  hidden.W = Matrix::from_rows({{0.15, 0.2}, {0.25, 0.3}});
  hidden.b = {0.35, 0.35};
  hidden.f = Activation::sigmoid;
  Layer out;
  out.W = Matrix::from_rows({{0.4, 0.45}, {0.5, 0.55}});
  out.b = {0.6, 0.6};
  out.f = Activation::tanh;
  e.network.layers = {hidden, out};
  e.x = {0.05, 0.1};
  e.y = {0.01, 0.99};
  e.lr = 0.5;
  const Trace t = train_step(e);
  const TrainResult r = train(e, 1);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.losses[1], t.loss_after);
  EXPECT_EQ(r.network.layers[0].b, t.layers[0].b_next);
  EXPECT_EQ(r.network.layers[1].W.data, t.layers[1].W_next.data);
}

// The worked example trained for 1000 steps, against SGD written out by hand
// for a 2-2-1 linear network:
//   h = W2 x,  ŷ = w1 · h,  e = ŷ − y,
//   w1 ← w1 − α e h,  W2[i][j] ← W2[i][j] − α e w1[i] x[j]  (old w1)
TEST(TrainTest, WorkedExampleLossCurveMatchesAnIndependentComputation) {
  const TrainResult r = train(worked_example(), 1000);
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r.losses.size(), 1001u);
  ASSERT_FALSE(r.diverged);

  double W2[2][2] = {{0.12, 0.23}, {0.13, 0.10}};
  double w1[2] = {0.17, 0.17};
  const double x[2] = {2, 3};
  const double y = 1;
  const double lr = 0.05;
  double worst = 0;
  std::size_t worst_at = 0;
  for (std::size_t k = 0; k <= 1000; ++k) {
    const double h[2] = {W2[0][0] * x[0] + W2[0][1] * x[1], W2[1][0] * x[0] + W2[1][1] * x[1]};
    const double y_hat = w1[0] * h[0] + w1[1] * h[1];
    const double e = y_hat - y;
    // Compared through the error |e| = √(2L): near convergence the loss is the
    // square of a difference of nearly equal numbers, whose rounding the two
    // orders of operations share only up to ~1e-13.
    const double e_core = std::sqrt(2 * r.losses[k]);
    const double diff = std::fabs(std::fabs(e) - e_core) / (1e-9 * std::fabs(e) + 1e-13);
    if (diff > worst) {
      worst = diff;
      worst_at = k;
    }
    const double old_w1[2] = {w1[0], w1[1]};
    for (int i = 0; i < 2; ++i) {
      w1[i] -= lr * e * h[i];
      for (int j = 0; j < 2; ++j) W2[i][j] -= lr * e * old_w1[i] * x[j];
    }
  }
  // worst is the difference in units of the tolerance 1e-9 |e| + 1e-13.
  EXPECT_LE(worst, 1.0) << "largest difference at step " << worst_at;
  // Training converges: the loss falls by orders of magnitude.
  EXPECT_LT(r.losses.back(), 1e-20);
}

TEST(TrainTest, ZeroStepsIsTheInitialLossOnly) {
  const TrainResult r = train(worked_example(), 0);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.losses.size(), 1u);
  EXPECT_EQ(r.steps, 0u);
}

TEST(TrainTest, DivergenceStopsEarlyWithAReason) {
  Example e = worked_example();
  e.lr = 10;
  const TrainResult r = train(e, kMaxTrainSteps);
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r.diverged);
  EXPECT_LT(r.steps, 1000u);
  EXPECT_EQ(r.losses.size(), r.steps);
  for (double loss : r.losses) EXPECT_TRUE(std::isfinite(loss));
  EXPECT_NE(r.diverged_reason.find("step " + std::to_string(r.steps)), std::string::npos);
}

// A saturated sigmoid turns an overflowing z into a finite output and a
// finite loss, with every weight still finite; training must stop there all
// the same rather than carry an infinite z on.
//   h = 1 · 1e10 = 1e10, z = 0 · h = 0, ŷ = σ(0) = ½, L = ⅛
//   δ = (½ − 0) · σ'(0) = ⅛, W ← 0 − 1e290 · ⅛ · 1e10 = −1.25e299 (finite)
//   next forward: z = −1.25e299 · 1e10 = −∞, ŷ = σ(−∞) = 0, L = 0
TEST(TrainTest, DivergenceBehindASaturatedSigmoidStopsTraining) {
  Example e;
  Layer hidden;
  hidden.W = Matrix::from_rows({{1.0}});
  Layer out;
  out.W = Matrix::from_rows({{0.0}});
  out.f = Activation::sigmoid;
  e.network.layers = {hidden, out};
  e.x = {1e10};
  e.y = {0.0};
  e.lr = 1e290;
  const TrainResult r = train(e, 100);
  ASSERT_TRUE(r.ok()) << r.error;
  EXPECT_TRUE(r.diverged);
  EXPECT_EQ(r.steps, 1u);
  EXPECT_EQ(r.losses, std::vector<double>{0.125});
  EXPECT_TRUE(std::isfinite(r.network.layers[1].W.at(0, 0)));
}

TEST(TrainTest, TooManyStepsIsAnError) {
  const TrainResult r = train(worked_example(), kMaxTrainSteps + 1);
  EXPECT_FALSE(r.ok());
  EXPECT_EQ(r.error_where, "steps");
}

TEST(TrainTest, InvalidExampleIsAnError) {
  Example e = worked_example();
  e.x = {1};
  const TrainResult r = train(e, 10);
  EXPECT_FALSE(r.ok());
  EXPECT_EQ(r.error_where, "x");
}

}  // namespace
}  // namespace backprop
