// Step 1: the network and the notation. Its numbers are the editor's
// fields (edit/editor.js), which sit below this content.
import { formula, m, p } from '../render/dom.js';
import { constant, idx } from '../render/math.js';
import { drawNetwork } from '../render/diagram.js';

const ACTIVATION_TEX = {
  identity: '\\text{identity}',
  sigmoid: '\\sigma \\text{ (sigmoid)}',
  tanh: '\\tanh',
  relu: '\\operatorname{ReLU}',
};

export function networkStep(ctx) {
  const { n } = ctx;
  const L = n.L;
  const layers = n.forwardOrder;
  const anyBias = layers.some((k) => n.hasBias(k));
  const allLinear = layers.every((k) => n.isLinear(k));
  const activations = layers.map((k) => `${n.fn(k)} = ${ACTIVATION_TEX[n.f(k)]}`).join(',\\qquad ');

  return [
    drawNetwork(ctx),
    p`A network computes its prediction ${m('\\hat y')} from an input ${m('x')} one layer at a time: each neuron takes a weighted sum of the values feeding it${anyBias ? ', adds its bias' : ''} and passes the result through its activation. Training asks how the loss changes when each weight changes, and moves every weight a small step against that change.`,
    p`The notation follows the source of this example: superscripts count layers from the output. So ${m(n.W(1))} is the output layer's weights and ${m(n.W(L))} the ${L > 1 ? 'input' : 'only'} layer's; ${m(n.h(L))} is the input${L > 1 ? [', ', m(n.h(1)), ' the hidden values next to the output'] : ''}, and the prediction is ${m(`\\hat y = h^{(${idx(0)})}`)}. In general ${m('W^{(k)}')} reads ${m('h^{(k)}')} and writes ${m(`h^{(k-${constant('1')})}`)}.`,
    p`Each layer computes ${m('z = W h + b')}, then ${m('f(z)')}. Row ${m('i')} of a weight matrix holds the weights into neuron ${m('i')} of the layer it computes, so ${m(n.W(L, 0, 1))} is the weight from ${m(n.h(L, 1))} to neuron ${m(idx(1))} of the next layer.`,
    allLinear
      ? p`Every layer is linear (identity activation, no bias), as in the source, so ${m('f(z) = z')} throughout.`
      : formula(activations, 'Activations'),
    p`These are the numbers of the step. Change any of them, here or wherever it appears below (drag it sideways, or click and type), and every step follows.`,
  ];
}
