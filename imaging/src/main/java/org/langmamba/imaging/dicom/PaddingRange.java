package org.langmamba.imaging.dicom;

import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.TagFromName;

/**
 * PixelPaddingValue (0028,0120) and, when present, PixelPaddingRangeLimit (0028,0121): stored
 * values that mark pixels outside the reconstructed field of view (PS3.3 C.7.5.1.1.2).
 */
record PaddingRange(boolean present, int low, int high) {
    static final PaddingRange NONE = new PaddingRange(false, 0, 0);

    static PaddingRange of(AttributeList list, StoredValueDecoder decoder) {
        if (list.get(TagFromName.PixelPaddingValue) == null
                || list.get(TagFromName.PixelPaddingValue).getVM() == 0) {
            return NONE;
        }
        // The value is encoded with the pixels' signedness (US or SS); bring it to the same bits.
        int padding = decoder.decode(Attributes.integer(list, TagFromName.PixelPaddingValue, 0));
        if (list.get(TagFromName.PixelPaddingRangeLimit) == null) {
            return new PaddingRange(true, padding, padding);
        }
        int limit = decoder.decode(Attributes.integer(list, TagFromName.PixelPaddingRangeLimit, padding));
        return new PaddingRange(true, Math.min(padding, limit), Math.max(padding, limit));
    }

    boolean contains(int storedValue) {
        return present && storedValue >= low && storedValue <= high;
    }
}
