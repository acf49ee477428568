package org.langmamba.app;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.langmamba.imaging.dicom.CtSeries;
import org.langmamba.imaging.dicom.CtStudy;
import org.langmamba.imaging.dicom.FileProblem;
import org.langmamba.imaging.dicom.PixelMedStudyStore;
import org.langmamba.imaging.dicom.StudyLoad;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** Reads studies as the viewer does and prints what loaded and, per file, what did not and why. */
@Command(
        name = "load-report",
        mixinStandardHelpOptions = true,
        description = "Read DICOM folders, files or DICOMDIRs and print the studies, series and per-file problems.")
final class LoadReportCommand implements Callable<Integer> {
    @Mixin
    StudyInputOptions study = new StudyInputOptions();

    @Override
    public Integer call() {
        List<Path> all = study.paths();
        if (all.isEmpty()) {
            System.err.println("load-report: give at least one INPUT, or --sample");
            return 2;
        }
        StudyLoad load = new PixelMedStudyStore().read(all, new ConsoleProgress("Reading"));
        for (CtStudy study : load.studies()) {
            System.out.printf(
                    Locale.ROOT,
                    "Study %s  %s  %s  [%s]%n",
                    study.patient().displayName(),
                    study.displayDate(),
                    study.description(),
                    study.studyInstanceUid());
            for (CtSeries s : study.series()) {
                System.out.printf(
                        Locale.ROOT,
                        "  Series %-40s %4d slices  %dx%d  %.3fx%.3f mm  thk %s  ordered %s%n",
                        s.title(),
                        s.size(),
                        s.width(),
                        s.height(),
                        s.spacing().rowMm(),
                        s.spacing().columnMm(),
                        Double.isFinite(s.thicknessMm()) ? String.format(Locale.ROOT, "%.2f mm", s.thicknessMm()) : "?",
                        s.ordering().description());
            }
        }
        for (FileProblem p : load.problems()) {
            System.out.println("  not loaded: " + p.file() + " — " + p.reason());
        }
        load.notes().forEach(n -> System.out.println("  note: " + n));
        System.out.println(load.summary());
        return load.isEmpty() || !load.problems().isEmpty() ? Main.SOME_FAILED : Main.DONE;
    }
}
