// Presets are valid and step cleanly; random networks are reproducible from
// their seed and shaped as asked.
#include <gtest/gtest.h>

#include <cmath>

#include "backprop/examples.hpp"
#include "backprop/trace.hpp"

namespace backprop {
namespace {

TEST(PresetsTest, EveryPresetIsValidAndSteps) {
  const std::vector<Preset> all = presets();
  ASSERT_GE(all.size(), 4u);
  EXPECT_EQ(all[0].id, "worked");
  bool sigmoid = false, tanh = false, relu = false, biases = false, outputs = false;
  for (const Preset& p : all) {
    SCOPED_TRACE(p.id);
    EXPECT_EQ(validate(p.example), "");
    const Trace t = train_step(p.example);
    ASSERT_TRUE(t.ok());
    EXPECT_FALSE(t.diverged);
    EXPECT_LT(t.loss_after, t.loss);
    for (const Layer& l : p.example.network.layers) {
      sigmoid |= l.f == Activation::sigmoid;
      tanh |= l.f == Activation::tanh;
      relu |= l.f == Activation::relu;
      biases |= l.has_bias();
    }
    outputs |= p.example.y.size() > 1;
  }
  EXPECT_TRUE(sigmoid && tanh && relu && biases && outputs);
}

TEST(RandomExampleTest, SameSeedSameNetworkOtherSeedOther) {
  NetworkSpec spec{3, {{4, Activation::tanh, true}, {2, Activation::sigmoid, false}}};
  std::string error;
  const Example a = random_example(spec, 42, 0.1, &error);
  const Example b = random_example(spec, 42, 0.1, &error);
  const Example c = random_example(spec, 43, 0.1, &error);
  ASSERT_EQ(error, "");
  EXPECT_EQ(a.network.layers[0].W.data, b.network.layers[0].W.data);
  EXPECT_EQ(a.x, b.x);
  EXPECT_NE(a.network.layers[0].W.data, c.network.layers[0].W.data);
  EXPECT_EQ(validate(a), "");
  EXPECT_EQ(a.network.layers[0].W.rows, 4u);
  EXPECT_EQ(a.network.layers[0].W.cols, 3u);
  EXPECT_EQ(a.network.layers[0].b.size(), 4u);
  EXPECT_TRUE(a.network.layers[1].b.empty());
  EXPECT_EQ(a.y.size(), 2u);
  // Glorot bounds, two decimals
  const double limit = std::sqrt(6.0 / 7.0);
  for (double w : a.network.layers[0].W.data) {
    EXPECT_LE(std::fabs(w), limit);
    EXPECT_NEAR(w * 100, std::round(w * 100), 1e-9);
  }
}

TEST(RandomExampleTest, SeedZeroIsPinned) {
  // The generator is defined in the core, so these numbers hold on every
  // platform and in WASM; a change here breaks every shared link with a seed.
  std::string error;
  const Example e = random_example({2, {{2, Activation::identity, true}}}, 0, 0.1, &error);
  ASSERT_EQ(error, "");
  EXPECT_EQ(e.network.layers[0].W.data, (std::vector<double>{0.94, -0.17, -1.16, 1.15}));
  EXPECT_EQ(e.network.layers[0].b, (std::vector<double>{-0.39, -0.17}));
  EXPECT_EQ(e.x, (std::vector<double>{-0.65, 0.54}));
  EXPECT_EQ(e.y, (std::vector<double>{0.25, 0.95}));
}

TEST(RandomExampleTest, EmptyShapesAreErrors) {
  std::string error;
  random_example({0, {{1}}}, 1, 0.1, &error);
  EXPECT_NE(error, "");
  error.clear();
  random_example({2, {}}, 1, 0.1, &error);
  EXPECT_NE(error, "");
  error.clear();
  random_example({2, {{0}}}, 1, 0.1, &error);
  EXPECT_NE(error, "");
}

}  // namespace
}  // namespace backprop
