// The source of the worked example slipped three times. Each slip is
// evaluated here as the source computed it, so the page can show the printed
// numbers next to the correct ones, and follow them when the example changes.
//
// Page notation (layers counted from the output): W⁽¹⁾ the output layer,
// W⁽²⁾ the layer before it. The source wrote W⁽²⁾ with rows = inputs
// ("display orientation"), the transpose of the core's rows = neurons.
//
// (a) It took ∂ŷ/∂W⁽¹⁾ᵢ = W⁽¹⁾ᵢ h⁽¹⁾ᵢ instead of h⁽¹⁾ᵢ, multiplying by the
//     weight once too often: ∂L/∂W⁽¹⁾ₒᵢ = δ⁽¹⁾ₒ W⁽¹⁾ₒᵢ h⁽¹⁾ᵢ.
// (b) Its gradient of W⁽²⁾ has rows = neurons, the matrix it updated rows =
//     inputs: the update subtracts the gradient transposed. Needs a square W⁽²⁾.
// (c) Its last forward pass reads the updated W⁽²⁾ in the other orientation
//     than its first: h⁽¹⁾ = W′⁽²⁾ᵀ x. Needs a square W⁽²⁾.
// Together, on a network of two layers, they give the source's new output.
#pragma once

#include <string>
#include <vector>

#include "backprop/gradient_check.hpp"
#include "backprop/network.hpp"

namespace backprop {

struct Slip {
  bool applies = false;
  std::string reason;  // why not, when it does not apply
};

struct OriginalSlips {
  std::string error;  // as Trace::error
  std::string error_where;

  // α δ⁽¹⁾ₒ per output, as the replay multiplies by it: with one output
  // rounded to four decimals, as the source did by hand.
  std::vector<double> step_factor;
  bool step_factor_rounded = false;

  // (a), on the output layer (computation index L − 1).
  Slip a;
  Matrix a_dy_dW;   // W⁽¹⁾ₒᵢ h⁽¹⁾ᵢ, what the source used for ∂ŷ/∂W⁽¹⁾
  Matrix a_dW;      // δ⁽¹⁾ₒ W⁽¹⁾ₒᵢ h⁽¹⁾ᵢ
  Matrix a_W_next;  // W⁽¹⁾ − α a_dW
  std::vector<double> a_relative_error;  // per weight, against the numeric gradient
  double a_max_relative_error = 0.0;

  // (b), on W⁽²⁾ (computation index L − 2).
  Slip b;
  Matrix b_dW_applied;  // ∂L/∂W⁽²⁾ transposed, as the update used it
  Matrix b_W_next;  // W⁽²⁾ − α (∂L/∂W⁽²⁾)ᵀ (with step_factor), rows = neurons
  Matrix b_W_next_source;  // the same, rows = inputs, as the source printed it
  std::vector<double> b_relative_error;
  double b_max_relative_error = 0.0;

  // (c) and the source's result: (a) and (b) applied, then h⁽¹⁾ = W′⁽²⁾ᵀ x.
  Slip c;
  std::vector<double> c_h;      // the hidden values of the source's last forward pass
  std::vector<double> c_y_hat;  // the source's new output
  double c_loss = 0.0;
  double c_y_hat_change_relative = 0.0;  // (ŷ_source − ŷ) / ŷ for one output, else 0
};

OriginalSlips original_slips(const Example& example);
// The same from the example's step and gradient check, already computed.
struct Trace;
OriginalSlips original_slips(const Example& example, const Trace& trace,
                             const GradientCheck& numeric);

}  // namespace backprop
