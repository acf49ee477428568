package org.langmamba.imaging.dicom;

/**
 * Turns a raw stored word into the stored value DICOM means: the low BitsStored bits
 * (PS3.5 8.1.1 puts them at the bottom when HighBit = BitsStored - 1, as CT always does),
 * sign-extended when PixelRepresentation is 1 (two's complement).
 */
record StoredValueDecoder(int bitsStored, boolean signed) {
    int decode(int raw) {
        int mask = bitsStored >= 32 ? -1 : (1 << bitsStored) - 1;
        int value = raw & mask;
        if (signed && bitsStored < 32 && (value & (1 << (bitsStored - 1))) != 0) {
            value -= 1 << bitsStored;
        }
        return value;
    }
}
