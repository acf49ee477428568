package org.langmamba.training.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.langmamba.inference.nn.NativeArrays;

/**
 * AdamW (Loshchilov and Hutter 2019), the paper's optimiser, with its state in plain sight: DJL's
 * own optimisers keep their moments private, and an exact {@code --resume} needs them. Per trainable
 * parameter w with gradient g, at step t:
 * <pre>
 *   m = b1 m + (1 - b1) g,   v = b2 v + (1 - b2) g^2
 *   w = w - lr (m / (1 - b1^t) / (sqrt(v / (1 - b2^t)) + eps) + wd w)
 * </pre>
 * Gradients are zeroed after each step (PyTorch adds them up across backward passes).
 */
public final class AdamW {
    /** The paper's settings: betas 0.9 / 0.999, weight decay 1e-4. */
    public record Settings(float beta1, float beta2, float epsilon, float weightDecay) {
        public static final Settings PAPER = new Settings(0.9f, 0.999f, 1e-8f, 1e-4f);
    }

    private final List<Parameter> parameters;
    private final Settings settings;
    private final NDList firstMoments = new NDList();
    private final NDList secondMoments = new NDList();
    private long step;

    /** {@code parameters}: the trainable ones (frozen ones are left out by the caller). */
    public AdamW(List<Parameter> parameters, Settings settings, NDManager manager) {
        this.parameters = List.copyOf(parameters);
        this.settings = settings;
        for (Parameter p : parameters) {
            NDArray w = p.getArray();
            firstMoments.add(manager.zeros(w.getShape(), w.getDataType(), w.getDevice()));
            secondMoments.add(manager.zeros(w.getShape(), w.getDataType(), w.getDevice()));
        }
    }

    /** Trainable parameters of a block: those that require a gradient. */
    public static List<Parameter> trainable(Block block) {
        List<Parameter> out = new ArrayList<>();
        for (var pair : block.getParameters()) {
            if (pair.getValue().requiresGradient()) {
                out.add(pair.getValue());
            }
        }
        return out;
    }

    /** One update with learning rate {@code lr}; call after the backward pass, outside the gradient collector. */
    public void step(float lr) {
        step++;
        float correction1 = (float) (1 - Math.pow(settings.beta1(), step));
        float correction2 = (float) (1 - Math.pow(settings.beta2(), step));
        for (int i = 0; i < parameters.size(); i++) {
            NDArray w = parameters.get(i).getArray();
            NDArray g = w.getGradient();
            NDArray m = firstMoments.get(i);
            NDArray v = secondMoments.get(i);
            try (NDManager scope = w.getManager().newSubManager()) {
                NDArray gradient = g.duplicate();
                gradient.attach(scope);
                // In-place operations only: they are outside any graph (DJL's non-in-place number
                // operations are banned, NativeArrays); results of gradient's live on the scope.
                v.muli(settings.beta2()).addi(gradient.square().muli(1 - settings.beta2()));
                m.muli(settings.beta1()).addi(scoped(gradient, scope).muli(1 - settings.beta1()));
                // A result lands on its first operand's manager: work on copies owned by the scope, in
                // place, so nothing is left on the model's long-lived manager (18 MB a step otherwise).
                NDArray denominator = scoped(v, scope).divi(correction2).sqrt().addi(settings.epsilon());
                NDArray update = scoped(m, scope)
                        .divi(correction1)
                        .divi(denominator)
                        .addi(scoped(w, scope).muli(settings.weightDecay()));
                w.subi(update.muli(lr));
                g.subi(gradient); // zero it for the next backward pass
            }
            g.close(); // each getGradient() is a new handle on the parameter's long-lived manager
        }
    }

    private static NDArray scoped(NDArray array, NDManager scope) {
        NDArray copy = array.duplicate();
        copy.attach(scope);
        return copy;
    }

    /**
     * Scales all gradients together so that their global L2 norm is at most {@code maxNorm}, and
     * returns the norm before scaling (NaN or infinite when a gradient is; the caller stops then).
     * Why: SEED with LangDA through a frozen LangAE showed rare gradient spikes (1e11 in one step,
     * then NaN weights) that clipping keeps to one bounded step.
     */
    public double clipGradientNorm(double maxNorm) {
        double squares = 0;
        for (Parameter p : parameters) {
            NDArray g = p.getArray().getGradient();
            // Both the squares and their sum are closed: left on the gradient's (the model's) manager,
            // the squares alone were a whole parameter set per step (7 MB for RED-CNN).
            try (NDArray squared = g.square();
                    NDArray s = squared.sum()) {
                squares += s.getFloat();
            }
            g.close();
        }
        double norm = Math.sqrt(squares);
        if (Double.isFinite(norm) && norm > maxNorm) {
            float scale = (float) (maxNorm / norm);
            for (Parameter p : parameters) {
                NDArray g = p.getArray().getGradient();
                g.muli(scale);
                g.close();
            }
        }
        return norm;
    }

    /**
     * The parameters whose gradient holds NaN or Inf, as "name shape" (at most {@code limit}), so a
     * diverged run says where it broke.
     */
    public List<String> nonFiniteGradients(int limit) {
        List<String> out = new ArrayList<>();
        for (Parameter p : parameters) {
            NDArray g = p.getArray().getGradient();
            try (NDArray magnitude = g.abs();
                    NDArray s = magnitude.sum()) {
                if (!Float.isFinite(s.getFloat()) && out.size() < limit) {
                    out.add(p.getName() + " " + p.getArray().getShape());
                }
            }
            g.close();
        }
        return out;
    }

    /** Drops gradients that reached these parameters from another network's backward pass. */
    public void zeroGradients() {
        for (Parameter p : parameters) {
            NDArray g = p.getArray().getGradient();
            if (g != null) {
                g.subi(g);
                g.close();
            }
        }
    }

    public long steps() {
        return step;
    }

    /** Moments and step count, for a checkpoint. */
    public byte[] state() {
        NDList all = new NDList();
        all.add(NativeArrays.of(firstMoments.get(0).getManager(), new long[] {step}, new Shape(1)));
        all.addAll(firstMoments);
        all.addAll(secondMoments);
        byte[] encoded = all.encode();
        all.get(0).close();
        return encoded;
    }

    /** Restores what {@link #state} wrote; fails if it was written for other parameters. */
    public void restore(byte[] state, NDManager manager) throws IOException {
        NDList all = NativeArrays.decode(manager, state);
        if (all.size() != 1 + 2 * parameters.size()) {
            throw new IOException("optimizer state holds " + (all.size() - 1) / 2 + " parameters, the model has "
                    + parameters.size());
        }
        step = all.get(0).toLongArray()[0];
        for (int i = 0; i < parameters.size(); i++) {
            NDArray m = all.get(1 + i);
            NDArray v = all.get(1 + parameters.size() + i);
            if (!m.getShape().equals(firstMoments.get(i).getShape())) {
                throw new IOException("optimizer state of parameter " + i + " has shape " + m.getShape() + ", expected "
                        + firstMoments.get(i).getShape());
            }
            firstMoments.get(i).set(m.toByteBuffer());
            secondMoments.get(i).set(v.toByteBuffer());
        }
        all.close();
    }
}
