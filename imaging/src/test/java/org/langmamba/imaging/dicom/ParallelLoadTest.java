package org.langmamba.imaging.dicom;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Decoding on several threads loads exactly what one thread loads, in the same order. */
class ParallelLoadTest {
    /** The real GE head, and a licence text among the files (a file that is not DICOM). */
    private static final List<Path> HEAD = List.of(
            Path.of("../src-resources/sample-study/head-ge-hispeed-tilted"),
            Path.of("../src-resources/real-ct/philips-phantom-two-doses/LICENSE"));

    @Test
    void twoThreadsLoadTheSameSlicesInTheSameOrderAndTheSameProblemsAsOne() {
        StudyLoad one = new PixelMedStudyStore(1).read(HEAD, LoadMonitor.NONE);
        StudyLoad two = new PixelMedStudyStore(2).read(HEAD, LoadMonitor.NONE);

        CtSeries a = one.allSeries().get(0);
        CtSeries b = two.allSeries().get(0);
        assertThat(b.size()).isEqualTo(a.size()).isEqualTo(28);
        for (int i = 0; i < a.size(); i++) {
            assertThat(b.slice(i).source().file()).isEqualTo(a.slice(i).source().file());
            assertThat(b.slice(i).image()).isEqualTo(a.slice(i).image());
        }
        assertThat(two.problems()).hasSize(1).isEqualTo(one.problems());
        assertThat(two.problems().get(0).reason()).contains("not a DICOM file");
    }

    @Test
    void aCancelledLoadStopsAndSaysSo() {
        AtomicInteger seen = new AtomicInteger();
        LoadMonitor cancelAfterFive = new LoadMonitor() {
            @Override
            public void progress(long done, long total, String message) {
                seen.incrementAndGet();
            }

            @Override
            public boolean isCancelled() {
                return seen.get() > 5;
            }
        };
        StudyLoad load = new PixelMedStudyStore(2).read(HEAD, cancelAfterFive);

        assertThat(load.cancelled()).isTrue();
        assertThat(load.allSeries().stream().mapToInt(CtSeries::size).sum()).isLessThan(28);
    }

    /** Progressive loading: the first slice is handed over once, while later files are still unread. */
    @Test
    void theFirstSliceIsOfferedOnceBeforeTheRestIsRead() {
        List<CtSeries> previews = new ArrayList<>();
        AtomicInteger readWhenOffered = new AtomicInteger(-1);
        AtomicInteger read = new AtomicInteger();
        StudyLoad load = new PixelMedStudyStore(2).read(HEAD, new LoadMonitor() {
            @Override
            public void progress(long done, long total, String message) {
                read.set((int) done);
            }

            @Override
            public void firstSlice(CtSeries preview) {
                previews.add(preview);
                readWhenOffered.set(read.get());
            }

            @Override
            public boolean isCancelled() {
                return false;
            }
        });

        assertThat(previews).hasSize(1);
        assertThat(previews.get(0).size()).isEqualTo(1);
        assertThat(previews.get(0).slice(0).source().file().getFileName().toString())
                .isEqualTo("01.dcm");
        assertThat(readWhenOffered.get())
                .as("files read when the first slice was shown")
                .isLessThan(2);
        assertThat(load.allSeries().get(0).size()).isEqualTo(28);
    }
}
