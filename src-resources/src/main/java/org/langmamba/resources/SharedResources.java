package org.langmamba.resources;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The one way modules reach what lies in {@code src-resources/} (ADR 0001): the sample study, CSS,
 * configuration and, later, model weights and the codebook. They are classpath resources under
 * {@code org/langmamba/resources/}, so the same code works from the build tree, from a jar and
 * from the packaged app; {@link #path} gives a {@link Path} (a zip file system inside a jar) so
 * readers that walk folders need no special case.
 */
public final class SharedResources {
    private static final String ROOT = "org/langmamba/resources/";

    private SharedResources() {}

    /** The sample study's two real volumes (295 and 28 slices), as folders of {@link #sampleStudy}. */
    public static final List<String> SAMPLE_VOLUMES = List.of("head-neck-siemens", "head-ge-hispeed-tilted");

    /** The bundled sample study folder: two real volumes and four series of a few slices (DATA.md). */
    public static Path sampleStudy() {
        return path("sample-study");
    }

    /**
     * The sample study's series folders but its two volumes: ten slices that load in a moment, for a
     * self-test or a check that needs a few real slices rather than a volume.
     */
    public static List<Path> sampleStudyWithoutVolumes() {
        try (Stream<Path> folders = Files.list(sampleStudy())) {
            return folders.filter(f ->
                            !SAMPLE_VOLUMES.contains(f.getFileName().toString().replace("/", "")))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the sample study", e);
        }
    }

    /** URL of a shared resource, e.g. {@code css/workstation.css}. */
    public static URL url(String relative) {
        URL url = SharedResources.class.getClassLoader().getResource(ROOT + relative);
        if (url == null) {
            throw new IllegalStateException("shared resource missing from the classpath: " + ROOT + relative
                    + " (is the langmamba-resources jar on the classpath?)");
        }
        return url;
    }

    public static InputStream open(String relative) throws IOException {
        return url(relative).openStream();
    }

    /** A Path to a shared resource, opening the jar as a file system when it is packed in one. */
    public static Path path(String relative) {
        URI uri;
        try {
            uri = url(relative).toURI();
        } catch (URISyntaxException e) {
            throw new IllegalStateException("bad resource URL for " + relative, e);
        }
        if (!"jar".equals(uri.getScheme())) {
            return Path.of(uri);
        }
        try {
            return jarFileSystem(uri).provider().getPath(uri);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the resources jar for " + relative, e);
        }
    }

    /**
     * The jar's file system, opened once and shared. A thread interrupted while it reads from it (a
     * load or a denoising cancelled by the user) closes the jar's channel for every reader after it:
     * the next read throws ClosedChannelException, and the sample study would stay unreadable until
     * a restart. So the shared one is checked with a one-byte read and, if its channel is closed,
     * replaced by a new one; paths handed out earlier stay broken, later ones work.
     */
    private static synchronized FileSystem jarFileSystem(URI uri) throws IOException {
        FileSystem fs;
        try {
            return FileSystems.newFileSystem(uri, Map.of());
        } catch (FileSystemAlreadyExistsException alreadyOpen) {
            fs = FileSystems.getFileSystem(uri);
        }
        if (readable(fs)) {
            return fs;
        }
        fs.close(); // unregisters it, so that the jar can be opened again
        return FileSystems.newFileSystem(uri, Map.of());
    }

    /** Whether a byte of the jar can still be read through {@code fs}. */
    private static boolean readable(FileSystem fs) throws IOException {
        try (SeekableByteChannel probe = Files.newByteChannel(fs.getPath("/META-INF/MANIFEST.MF"))) {
            probe.read(ByteBuffer.allocate(1));
            return true;
        } catch (ClosedChannelException closed) {
            return false;
        } catch (NoSuchFileException noManifest) {
            return true; // nothing to probe with: assume it reads
        }
    }
}
