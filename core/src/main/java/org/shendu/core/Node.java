package org.shendu.core;

/**
 * One recorded op in the autograd graph: its inputs, its outputs and the rule that turns the
 * outputs' gradients into the inputs' gradients (defined beside the op in {@link Ops}).
 */
final class Node {
    /** Output gradients (a zero tensor where an output got none) to input gradients (null: none). */
    interface Rule {
        Tensor[] apply(Tensor[] gradOutputs);
    }

    final String op;
    final Tensor[] inputs;
    final Rule rule;
    Tensor[] outputs;

    Node(String op, Tensor[] inputs, Rule rule) {
        this.op = op;
        this.inputs = inputs;
        this.rule = rule;
    }
}
