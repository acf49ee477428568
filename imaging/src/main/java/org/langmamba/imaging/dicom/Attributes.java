package org.langmamba.imaging.dicom;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.SequenceAttribute;
import com.pixelmed.dicom.TagFromName;

/**
 * Null-safe reads of PixelMed attributes, and the functional-group lookup of enhanced
 * (multi-frame) objects: a per-frame value wins over a shared one, which wins over the top level.
 */
final class Attributes {
    private Attributes() {}

    static String string(AttributeList list, AttributeTag tag) {
        return Attribute.getSingleStringValueOrEmptyString(list, tag).trim();
    }

    static int integer(AttributeList list, AttributeTag tag, int fallback) {
        Attribute a = list.get(tag);
        return a == null || a.getVM() == 0 ? fallback : Attribute.getSingleIntegerValueOrDefault(a, fallback);
    }

    static double decimal(AttributeList list, AttributeTag tag, double fallback) {
        Attribute a = list.get(tag);
        return a == null || a.getVM() == 0 ? fallback : Attribute.getSingleDoubleValueOrDefault(a, fallback);
    }

    /** All values, or null when absent or shorter than {@code minCount}. */
    static double[] decimals(AttributeList list, AttributeTag tag, int minCount) {
        Attribute a = list.get(tag);
        if (a == null || a.getVM() < minCount) {
            return null;
        }
        double[] values = Attribute.getDoubleValues(a);
        return values != null && values.length >= minCount ? values : null;
    }

    /**
     * The list that holds {@code tag} for {@code frame}: inside {@code groupTag} of the per-frame or
     * shared functional groups (enhanced CT), else the top-level list itself.
     */
    static AttributeList frameScope(AttributeList list, int frame, AttributeTag groupTag, AttributeTag tag) {
        AttributeList perFrame = itemOf(list.get(TagFromName.PerFrameFunctionalGroupsSequence), frame);
        AttributeList inPerFrame = groupItem(perFrame, groupTag);
        if (inPerFrame != null && inPerFrame.get(tag) != null) {
            return inPerFrame;
        }
        AttributeList shared = itemOf(list.get(TagFromName.SharedFunctionalGroupsSequence), 0);
        AttributeList inShared = groupItem(shared, groupTag);
        if (inShared != null && inShared.get(tag) != null) {
            return inShared;
        }
        return list;
    }

    private static AttributeList groupItem(AttributeList container, AttributeTag groupTag) {
        return container == null ? null : itemOf(container.get(groupTag), 0);
    }

    private static AttributeList itemOf(Attribute sequence, int index) {
        if (sequence instanceof SequenceAttribute seq && index < seq.getNumberOfItems()) {
            return seq.getItem(index).getAttributeList();
        }
        return null;
    }
}
