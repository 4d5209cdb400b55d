// Step 1: the network, its numbers and the notation.
import { formula, m, p, section } from '../render/dom.js';
import { constant, idx } from '../render/math.js';
import { drawNetwork } from '../render/diagram.js';

const ACTIVATION_TEX = {
  identity: '\\text{identity}',
  sigmoid: '\\sigma \\text{ (sigmoid)}',
  tanh: '\\tanh',
  relu: '\\operatorname{ReLU}',
};

export function networkStep(ctx) {
  const { t, n, trace } = ctx;
  const L = n.L;
  const P = n.paths;
  const layers = n.forwardOrder;
  const anyBias = layers.some((k) => n.hasBias(k));
  const allLinear = layers.every((k) => n.isLinear(k));

  const given = [
    `${n.h(L)} = x = ${t.col(P.h(L))}`,
    `y = ${trace.yHat.length > 1 ? t.col('example.y') : t.num('example.y.0')}`,
    `\\alpha = ${t.num('example.lr')}`,
  ].join(',\\qquad ');
  const weights = layers
    .map((k) => {
      const W = `${n.W(k)} = ${t.mat(P.W(k))}`;
      return n.hasBias(k) ? `${W},\\quad ${n.b(k)} = ${t.col(P.b(k))}` : W;
    })
    .join(',\\qquad ');
  const activations = layers.map((k) => `${n.fn(k)} = ${ACTIVATION_TEX[n.f(k)]}`).join(',\\qquad ');

  return section(
    'step-network',
    'The network',
    drawNetwork(ctx),
    p`A network computes its prediction ${m('\\hat y')} from an input ${m('x')} one layer at a time: each neuron takes a weighted sum of the values feeding it${anyBias ? ', adds its bias' : ''} and passes the result through its activation. Training asks how the loss changes when each weight changes, and moves every weight a small step against that change.`,
    p`The notation follows the source of this example: superscripts count layers from the output. So ${m(n.W(1))} is the output layer's weights and ${m(n.W(L))} the ${L > 1 ? 'input' : 'only'} layer's; ${m(n.h(L))} is the input${L > 1 ? [', ', m(n.h(1)), ' the hidden values next to the output'] : ''}, and the prediction is ${m(`\\hat y = h^{(${idx(0)})}`)}. In general ${m('W^{(k)}')} reads ${m('h^{(k)}')} and writes ${m(`h^{(k-${constant('1')})}`)}.`,
    p`Each layer computes ${m('z = W h + b')}, then ${m('f(z)')}. Row ${m('i')} of a weight matrix holds the weights into neuron ${m('i')} of the layer it computes, so ${m(n.W(L, 0, 1))} is the weight from ${m(n.h(L, 1))} to neuron ${m(idx(1))} of the next layer.`,
    formula(given, 'Input, target and learning rate'),
    formula(weights, 'Weights'),
    allLinear
      ? p`Every layer is linear (identity activation, no bias), as in the source, so ${m('f(z) = z')} throughout.`
      : formula(activations, 'Activations'),
  );
}
