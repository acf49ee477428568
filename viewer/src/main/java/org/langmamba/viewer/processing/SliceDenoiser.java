package org.langmamba.viewer.processing;

import org.langmamba.imaging.image.HuImage;

/**
 * One loaded denoising network: HU slice in, denoised HU slice out, same size. Holds native memory
 * until closed. Not thread-safe: the workstation calls it from one worker thread.
 */
public interface SliceDenoiser extends AutoCloseable {
    HuImage denoise(HuImage slice);

    /** Where it runs, in words ("CPU", "GPU 0"), for the status bar. */
    String deviceName();

    @Override
    void close();
}
