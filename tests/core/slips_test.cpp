// The source's slips, evaluated by the core, reproduce what it printed:
//   W⁽¹⁾ → (0.1759, 0.1736), W⁽²⁾ → [[0.1327, 0.1490], [0.2427, 0.1190]]
//   (rows = inputs, as printed), and a new output of 0.2715, "about 7 %
//   better" than 0.2533.
#include <gtest/gtest.h>

#include "backprop/examples.hpp"
#include "backprop/slips.hpp"

#include <cmath>

namespace backprop {
namespace {

// The source printed 4 decimals.
constexpr double kPrinted = 5e-5;

TEST(SlipsTest, SlipAReproducesThePrintedOutputWeights) {
  const OriginalSlips s = original_slips(worked_example());
  ASSERT_TRUE(s.error.empty()) << s.error;
  ASSERT_TRUE(s.a.applies);
  // ∂ŷ/∂W⁽¹⁾ as the source took it: W⁽¹⁾ᵢ h⁽¹⁾ᵢ = 0.17·0.93, 0.17·0.56 = 0.1581, 0.0952
  EXPECT_NEAR(s.a_dy_dW.at(0, 0), 0.1581, 1e-15);
  EXPECT_NEAR(s.a_dy_dW.at(0, 1), 0.0952, 1e-15);
  // The source rounded α(ŷ − y) = 0.05 · −0.7467 = −0.037335 to −0.0373:
  EXPECT_EQ(s.step_factor[0], -0.0373);
  // 0.17 + 0.0373 · 0.1581 = 0.17589713, 0.17 + 0.0373 · 0.0952 = 0.17355096
  EXPECT_NEAR(s.a_W_next.at(0, 0), 0.1759, kPrinted);
  EXPECT_NEAR(s.a_W_next.at(0, 1), 0.1736, kPrinted);
  // The slipped gradient fails the check: −0.118 against −0.694.
  ASSERT_EQ(s.a_relative_error.size(), 2u);
  EXPECT_GT(s.a_relative_error[0], 0.5);
}

TEST(SlipsTest, SlipBReproducesThePrintedHiddenWeights) {
  const OriginalSlips s = original_slips(worked_example());
  ASSERT_TRUE(s.b.applies);
  // As printed (rows = inputs): [[0.12 + 0.0373·0.34, 0.13 + 0.0373·0.51],
  //                              [0.23 + 0.0373·0.34, 0.10 + 0.0373·0.51]]
  EXPECT_NEAR(s.b_W_next_source.at(0, 0), 0.1327, kPrinted);
  EXPECT_NEAR(s.b_W_next_source.at(0, 1), 0.1490, kPrinted);
  EXPECT_NEAR(s.b_W_next_source.at(1, 0), 0.2427, kPrinted);
  EXPECT_NEAR(s.b_W_next_source.at(1, 1), 0.1190, kPrinted);
  // The diagonal agrees with the correct gradient; the other two entries fail.
  ASSERT_EQ(s.b_relative_error.size(), 4u);
  EXPECT_LT(s.b_relative_error[0], 1e-9);
  EXPECT_GT(s.b_relative_error[1], 0.3);
  EXPECT_GT(s.b_relative_error[2], 0.3);
}

TEST(SlipsTest, SlipCReproducesThePrintedOutput) {
  const OriginalSlips s = original_slips(worked_example());
  ASSERT_TRUE(s.c.applies);
  // h = [[0.132682, 0.149023], [0.242682, 0.119023]] · (2, 3) = (0.712433, 0.842433)
  // ŷ = 0.17589713 · 0.712433 + 0.17355096 · 0.842433 = 0.271521
  ASSERT_EQ(s.c_y_hat.size(), 1u);
  EXPECT_NEAR(s.c_h[0], 0.7124, kPrinted);
  EXPECT_NEAR(s.c_h[1], 0.8424, kPrinted);
  EXPECT_NEAR(s.c_y_hat[0], 0.2715, kPrinted);
  // (0.2715 − 0.2533) / 0.2533 ≈ 7 %
  EXPECT_NEAR(s.c_y_hat_change_relative, 0.072, 0.002);
}

TEST(SlipsTest, SlipsThatDoNotApplySaySo) {
  Example one = worked_example();
  one.network.layers = {one.network.layers[1]};
  one.x = {0.93, 0.56};
  const OriginalSlips s1 = original_slips(one);
  EXPECT_TRUE(s1.a.applies);
  EXPECT_FALSE(s1.b.applies);
  EXPECT_FALSE(s1.b.reason.empty());
  EXPECT_FALSE(s1.c.applies);

  Example wide = worked_example();
  wide.network.layers[0].W = Matrix::from_rows({{0.1, 0.2}, {0.3, 0.4}, {0.5, 0.6}});
  wide.network.layers[1].W = Matrix::from_rows({{0.1, 0.2, 0.3}});
  const OriginalSlips s2 = original_slips(wide);
  EXPECT_FALSE(s2.b.applies);
  EXPECT_NE(s2.b.reason.find("square"), std::string::npos);
}

TEST(SlipsTest, InvalidExampleIsAnError) {
  Example e = worked_example();
  e.lr = std::nan("");
  EXPECT_EQ(original_slips(e).error_where, "lr");
}

}  // namespace
}  // namespace backprop
