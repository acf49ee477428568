package org.langmamba.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.langmamba.inference.cli.BuildCodebookCommand;
import org.langmamba.inference.cli.NetworkBenchmarkCommand;
import org.langmamba.training.cli.LangAeReportCommand;
import org.langmamba.training.cli.LearningCurveCommand;
import org.langmamba.training.cli.PhysicsBenchmarkCommand;
import org.langmamba.training.cli.ResultsTableCommand;
import org.langmamba.training.cli.TrainDenoiserCommand;
import org.langmamba.training.cli.TrainLangAeCommand;
import org.langmamba.training.train.TrainingDiverged;
import org.slf4j.bridge.SLF4JBridgeHandler;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Entry point of the workstation and its command-line twin. {@code view} (the default) opens the
 * window; the other subcommands do the same work without a screen.
 */
@Command(
        name = "langmamba",
        mixinStandardHelpOptions = true,
        version = "LangMamba Workstation " + Versions.APPLICATION,
        description =
                "Low-dose CT workstation: view CT studies in HU, denoise them, compare side by side, read their tokens.",
        subcommands = {
            ViewCommand.class,
            LoadReportCommand.class,
            RenderBenchmarkCommand.class,
            LoadBenchmarkCommand.class,
            SimulateLowDoseCommand.class,
            MakeDatasetCommand.class,
            ScoreCommand.class,
            NoiseCommand.class,
            PhysicsBenchmarkCommand.class,
            BuildCodebookCommand.class,
            NetworkBenchmarkCommand.class,
            TrainLangAeCommand.class,
            TrainDenoiserCommand.class,
            LangAeReportCommand.class,
            ResultsTableCommand.class,
            DenoiseCommand.class,
            TokensCommand.class,
            DenoiseBenchmarkCommand.class,
            GpuCheckCommand.class,
            LearningCurveCommand.class
        })
public final class Main implements Callable<Integer> {
    @CommandLine.Option(
            names = "--self-test",
            description =
                    "load the sample study, denoise one slice, read its tokens, print versions and figures; exit 0 if all worked")
    boolean selfTest;

    public static void main(String[] args) {
        List<String> arguments = new ArrayList<>(List.of(args));
        boolean debug = arguments.remove("--debug");
        LogFiles.start();
        routeJavaUtilLoggingToSlf4j();
        // No subcommand: start the workstation on the sample study.
        String[] effective = arguments.isEmpty() ? new String[] {"view"} : arguments.toArray(String[]::new);
        System.exit(commandLine(debug).execute(effective));
    }

    /** Exit codes, as the README lists them. */
    static final int DONE = 0;

    static final int SOME_FAILED = 1;
    static final int USAGE = 2;

    static CommandLine commandLine() {
        return commandLine(false);
    }

    /**
     * The command line. Every failure of a command becomes one line on stderr, "langmamba COMMAND:
     * reason" (files are named in the reasons), and exit code 1; usage errors exit 2 (picocli's
     * default). A stack trace only with {@code --debug}.
     */
    static CommandLine commandLine(boolean debug) {
        CommandLine cli = new CommandLine(new Main());
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            System.err.println("langmamba " + commandLine.getCommandName() + ": " + oneLine(e));
            if (debug) {
                e.printStackTrace();
            } else if (!expected(e)) {
                System.err.println(
                        "  (an unexpected failure: run again with --debug for the details, and report them)");
            }
            return e instanceof FileAlreadyExistsException ? USAGE : SOME_FAILED;
        });
        return cli;
    }

    /** Failures a user can act on from the message alone. */
    private static boolean expected(Throwable e) {
        return e instanceof IllegalArgumentException
                || e instanceof IOException
                || e instanceof UncheckedIOException
                || e instanceof SeriesPairing.GeometryMismatch
                || e instanceof TrainingDiverged;
    }

    /** The reason as one line: never "null", the cause's words when the failure itself has none. */
    static String oneLine(Throwable e) {
        Throwable t = e;
        while (t.getMessage() == null && t.getCause() != null) {
            t = t.getCause();
        }
        String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        if (t instanceof FileSystemException f && f.getReason() == null) {
            // These name only the file: add what happened to it.
            message += t instanceof NoSuchFileException
                    ? ": no such file or folder"
                    : t instanceof AccessDeniedException
                            ? ": permission denied"
                            : t instanceof FileAlreadyExistsException
                                    ? ": exists already"
                                    : t instanceof NotDirectoryException
                                            ? ": not a folder"
                                            : ": " + t.getClass().getSimpleName();
        }
        return message.replaceAll("\\s*\\R\\s*", "; ");
    }

    /** PixelMed logs through java.util.logging; send it where our logs go. */
    static void routeJavaUtilLoggingToSlf4j() {
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();
        Logger.getLogger("").setLevel(Level.INFO);
    }

    @Override
    public Integer call() {
        if (selfTest) {
            return new SelfTest(System.out).run();
        }
        new CommandLine(this).usage(System.out);
        return 0;
    }
}
