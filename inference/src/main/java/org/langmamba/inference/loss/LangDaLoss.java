package org.langmamba.inference.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.ParameterStore;
import org.langmamba.inference.langae.LangAe;
import org.langmamba.inference.langae.LangAeConfig;
import org.langmamba.inference.nn.Scalars;

/**
 * The LangDA loss (paper Eqs. 12-13): the denoised slice and the NDCT are compared in LangAE's
 * space, continuously (encoder latents E) and discretely (their quantized token embeddings Q(E));
 * the total is MSE + lambda * LangDA. LangAE is frozen (its parameters get no gradient), but the
 * gradient flows through it to the denoised slice, which is the point; Q passes it straight through.
 * LangDA-C and LangDA-D keep one term (Table IV).
 */
public final class LangDaLoss {
    /** Which alignment terms count. */
    public enum Terms {
        BOTH,
        CONTINUOUS_ONLY,
        DISCRETE_ONLY
    }

    private final LangAe langAe;
    private final ParameterStore store;
    private final Terms terms;
    private final float lambda;

    public LangDaLoss(LangAe langAe, ParameterStore store, Terms terms, float lambda) {
        this.langAe = langAe;
        this.store = store;
        this.terms = terms;
        this.lambda = lambda;
        langAe.freezeParameters(true);
    }

    /** ||E(x) - E(y)||^2 + ||Q(E(x)) - Q(E(y))||^2 (means over elements), per the chosen terms. */
    public NDArray langDa(NDArray denoised, NDArray normalDose) {
        NDArray latentX = latent(denoised);
        NDArray latentY = latent(normalDose).stopGradient();
        NDArray loss = null;
        if (terms != Terms.DISCRETE_ONLY) {
            loss = latentX.sub(latentY).square().mean();
        }
        if (terms != Terms.CONTINUOUS_ONLY) {
            NDArray qx = langAe.quantize(latentX).straightThrough();
            NDArray qy = langAe.quantize(latentY).quantized();
            NDArray discrete = qx.sub(qy).square().mean();
            loss = loss == null ? discrete : loss.add(discrete);
        }
        return loss;
    }

    /** Eq. 13: MSE(x, y) + lambda * LangDA(x, y). */
    public NDArray total(NDArray denoised, NDArray normalDose) {
        NDArray mse = denoised.sub(normalDose).square().mean();
        return lambda == 0f ? mse : mse.add(Scalars.mul(langDa(denoised, normalDose), lambda));
    }

    private NDArray latent(NDArray slices) {
        NDList encoded = langAe.encode(store, slices, false);
        return encoded.get(LangAeConfig.SCALES);
    }
}
