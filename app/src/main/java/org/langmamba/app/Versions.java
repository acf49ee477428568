package org.langmamba.app;

/** Versions of the application and its runtime, for the About dialog, the self-test and bug reports. */
final class Versions {
    /** What {@code --version} prints, and the installers' version. */
    static final String APPLICATION = "0.1.0";

    private Versions() {}

    static String application() {
        return APPLICATION;
    }

    static String java() {
        return System.getProperty("java.runtime.version") + " (" + System.getProperty("java.vm.name") + ", "
                + System.getProperty("os.name") + " " + System.getProperty("os.arch") + ")";
    }

    /** Read from the JavaFX jar itself, so it is known without starting the toolkit (self-test, no display). */
    static String javaFx() {
        try {
            return com.sun.javafx.runtime.VersionInfo.getRuntimeVersion();
        } catch (LinkageError e) {
            return "not on the class path";
        }
    }
}
