package org.langmamba.app;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import java.io.DataInputStream;
import java.io.InputStream;

/** Breaks ADR 0008's rule on purpose, once in each way, for {@link GraphSafetyTest}. Never run. */
final class UnsafeGraphFixture {
    private UnsafeGraphFixture() {}

    static NDArray breaches(NDManager manager, NDArray x, Block block, InputStream in) throws Exception {
        NDArray javaBacked = manager.create(new float[] {1f});
        NDArray scaled = x.mul(2f).maximum(0f);
        NDArray swish = Activation.swish(scaled, 1f);
        NDList decoded = NDList.decode(manager, in);
        block.loadParameters(manager, new DataInputStream(in));
        // Safe: add/sub(Number) keep nothing for backward; in-place operations are outside graphs.
        return swish.add(1f).sub(javaBacked).muli(3f).add(decoded.head());
    }
}
