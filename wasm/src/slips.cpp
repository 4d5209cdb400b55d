#include "backprop/slips.hpp"

#include <algorithm>
#include <cmath>

#include "backprop/trace.hpp"

namespace backprop {

namespace {

Matrix transpose(const Matrix& m) {
  Matrix t(m.cols, m.rows);
  for (std::size_t i = 0; i < m.rows; ++i) {
    for (std::size_t j = 0; j < m.cols; ++j) t.at(j, i) = m.at(i, j);
  }
  return t;
}

// Relative error of each slipped gradient entry against the numeric one.
std::vector<double> check(const Matrix& slipped, const GradientCheck& numeric, std::size_t layer) {
  std::vector<double> errors;
  for (const GradientCheckEntry& e : numeric.entries) {
    if (e.layer != layer || e.is_bias) continue;
    errors.push_back(relative_error(slipped.at(e.row, e.col), e.numeric));
  }
  return errors;
}

}  // namespace

OriginalSlips original_slips(const Example& example) {
  const Trace trace = train_step(example);
  return original_slips(example, trace, gradient_check(example, trace));
}

OriginalSlips original_slips(const Example& example, const Trace& trace,
                             const GradientCheck& numeric) {
  OriginalSlips s;
  if (!trace.ok()) {
    s.error = trace.error;
    s.error_where = trace.error_where;
    return s;
  }
  const auto& layers = example.network.layers;
  const std::size_t L = layers.size();
  const double lr = example.lr;

  // The step factor α δ⁽¹⁾ of each output. With one output the source
  // worked it out by hand and rounded it to four decimals (0.0373 in the
  // worked example) before multiplying; the replay does the same, so that
  // its numbers are the printed ones to the last digit.
  const Layer& out = layers[L - 1];
  const std::vector<double>& delta1 = trace.layers[L - 1].delta;
  s.step_factor.resize(out.neurons());
  for (std::size_t o = 0; o < out.neurons(); ++o) {
    s.step_factor[o] = lr * delta1[o];
    if (out.neurons() == 1) s.step_factor[o] = std::round(s.step_factor[o] * 1e4) / 1e4;
  }
  s.step_factor_rounded = out.neurons() == 1;

  // (a) ∂L/∂W⁽¹⁾ₒᵢ = δ⁽¹⁾ₒ · W⁽¹⁾ₒᵢ h⁽¹⁾ᵢ, the weight multiplied in once too often.
  const std::vector<double>& h1 = L >= 2 ? trace.layers[L - 2].forward.h : example.x;
  s.a.applies = true;
  s.a_dy_dW = Matrix(out.neurons(), out.inputs());
  s.a_dW = s.a_dy_dW;
  s.a_W_next = out.W;
  for (std::size_t o = 0; o < out.neurons(); ++o) {
    for (std::size_t i = 0; i < out.inputs(); ++i) {
      s.a_dy_dW.at(o, i) = out.W.at(o, i) * h1[i];
      s.a_dW.at(o, i) = delta1[o] * s.a_dy_dW.at(o, i);
      s.a_W_next.at(o, i) = out.W.at(o, i) - s.step_factor[o] * s.a_dy_dW.at(o, i);
    }
  }
  s.a_relative_error = check(s.a_dW, numeric, L - 1);
  for (double e : s.a_relative_error) s.a_max_relative_error = std::max(s.a_max_relative_error, e);

  // (b) W⁽²⁾ − α (∂L/∂W⁽²⁾)ᵀ: the gradient added in the other orientation.
  if (L < 2) {
    s.b.reason = "The network has one layer: there is no W⁽²⁾.";
  } else if (layers[L - 2].neurons() != layers[L - 2].inputs()) {
    s.b.reason = "W⁽²⁾ is not square, so its gradient cannot be added transposed.";
  } else {
    s.b.applies = true;
    const Layer& hidden = layers[L - 2];
    const LayerStep& step2 = trace.layers[L - 2];
    const std::vector<double>& h2 = L >= 3 ? trace.layers[L - 3].forward.h : example.x;
    s.b_dW_applied = transpose(step2.dW);
    // α ∂L/∂W⁽²⁾ᵢⱼ = α δ⁽¹⁾ W⁽¹⁾ᵢ f'(z⁽²⁾ᵢ) h⁽²⁾ⱼ, with the source's factor for α δ⁽¹⁾
    // when there is one output.
    Matrix step = step2.dW;
    for (std::size_t i = 0; i < hidden.neurons(); ++i) {
      for (std::size_t j = 0; j < hidden.inputs(); ++j) {
        step.at(i, j) = out.neurons() == 1
                            ? s.step_factor[0] * out.W.at(0, i) * step2.fprime[i] * h2[j]
                            : lr * step2.dW.at(i, j);
      }
    }
    s.b_W_next = hidden.W;
    for (std::size_t i = 0; i < hidden.neurons(); ++i) {
      for (std::size_t j = 0; j < hidden.inputs(); ++j) s.b_W_next.at(i, j) -= step.at(j, i);
    }
    s.b_W_next_source = transpose(s.b_W_next);
    s.b_relative_error = check(s.b_dW_applied, numeric, L - 2);
    for (double e : s.b_relative_error)
      s.b_max_relative_error = std::max(s.b_max_relative_error, e);
  }

  // (c) h⁽¹⁾ = W′⁽²⁾ᵀ x, then ŷ = f(W′⁽¹⁾ h⁽¹⁾ + b): the source's last pass.
  if (!s.b.applies) {
    s.c.reason = s.b.reason;
  } else if (L != 2) {
    s.c.reason = "The source's network has two layers; this one has " + std::to_string(L) + ".";
  } else {
    s.c.applies = true;
    const Layer& hidden = layers[0];
    const Matrix read = transpose(s.b_W_next);
    s.c_h.assign(hidden.neurons(), 0.0);
    for (std::size_t i = 0; i < hidden.neurons(); ++i) {
      double z = hidden.has_bias() ? trace.layers[0].b_next[i] : 0.0;
      for (std::size_t j = 0; j < hidden.inputs(); ++j) z += read.at(i, j) * example.x[j];
      s.c_h[i] = activate(hidden.f, z);
    }
    s.c_y_hat.assign(out.neurons(), 0.0);
    for (std::size_t o = 0; o < out.neurons(); ++o) {
      double z = out.has_bias() ? trace.layers[1].b_next[o] : 0.0;
      for (std::size_t i = 0; i < out.inputs(); ++i) z += s.a_W_next.at(o, i) * s.c_h[i];
      s.c_y_hat[o] = activate(out.f, z);
    }
    s.c_loss = squared_error(s.c_y_hat, example.y);
    if (s.c_y_hat.size() == 1 && trace.y_hat[0] != 0) {
      s.c_y_hat_change_relative = (s.c_y_hat[0] - trace.y_hat[0]) / trace.y_hat[0];
    }
  }
  return s;
}

}  // namespace backprop
