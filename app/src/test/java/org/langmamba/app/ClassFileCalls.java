package org.langmamba.app;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The methods a compiled class calls, read from its constant pool (JVMS 4.4): every method and
 * interface-method reference, as owner, name and descriptor. Lambdas and method references compile
 * to references in the same pool, so nothing a class calls is missed.
 */
final class ClassFileCalls {
    /** One referenced method: {@code owner} in internal form ({@code ai/djl/ndarray/NDArray}). */
    record Call(String owner, String name, String descriptor) {
        @Override
        public String toString() {
            return owner.replace('/', '.') + "." + name + descriptor;
        }
    }

    private ClassFileCalls() {}

    static List<Call> of(InputStream classFile) throws IOException {
        DataInputStream in = new DataInputStream(classFile);
        if (in.readInt() != 0xCAFEBABE) {
            throw new IOException("not a class file");
        }
        in.readUnsignedShort(); // minor
        in.readUnsignedShort(); // major
        int count = in.readUnsignedShort();
        String[] utf8 = new String[count];
        int[] classNames = new int[count];
        int[][] references = new int[count][]; // class index, name-and-type index
        int[][] namesAndTypes = new int[count][]; // name index, descriptor index
        for (int i = 1; i < count; i++) {
            int tag = in.readUnsignedByte();
            switch (tag) {
                case 1 -> utf8[i] = in.readUTF();
                case 3, 4 -> in.readInt();
                case 5, 6 -> {
                    in.readLong();
                    i++; // eight-byte constants take two slots
                }
                case 7 -> classNames[i] = in.readUnsignedShort();
                case 8, 16, 19, 20 -> in.readUnsignedShort();
                case 9 -> {
                    in.readUnsignedShort();
                    in.readUnsignedShort();
                }
                case 10, 11 -> references[i] = new int[] {in.readUnsignedShort(), in.readUnsignedShort()};
                case 12 -> namesAndTypes[i] = new int[] {in.readUnsignedShort(), in.readUnsignedShort()};
                case 15 -> {
                    in.readUnsignedByte();
                    in.readUnsignedShort();
                }
                case 17, 18 -> {
                    in.readUnsignedShort();
                    in.readUnsignedShort();
                }
                default -> throw new IOException("unknown constant pool tag " + tag + " at entry " + i);
            }
        }
        List<Call> calls = new ArrayList<>();
        for (int[] reference : references) {
            if (reference != null) {
                int[] nameAndType = namesAndTypes[reference[1]];
                calls.add(new Call(utf8[classNames[reference[0]]], utf8[nameAndType[0]], utf8[nameAndType[1]]));
            }
        }
        return calls;
    }
}
