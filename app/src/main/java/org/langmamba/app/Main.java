package org.langmamba.app;

import java.util.logging.Level;
import org.slf4j.bridge.SLF4JBridgeHandler;
import org.langmamba.inference.cli.BuildCodebookCommand;
import org.langmamba.inference.cli.NetworkBenchmarkCommand;
import org.langmamba.training.cli.PhysicsBenchmarkCommand;
import org.langmamba.training.cli.TrainDenoiserCommand;
import org.langmamba.training.cli.LangAeReportCommand;
import org.langmamba.training.cli.ResultsTableCommand;
import org.langmamba.training.cli.TrainLangAeCommand;
import org.langmamba.training.train.TrainingDiverged;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Entry point of the workstation and its command-line twin. {@code view} (the default) opens the
 * window; the other subcommands do the same work without a screen.
 */
@Command(name = "langmamba", mixinStandardHelpOptions = true, version = "LangMamba Workstation " + Versions.APPLICATION,
        description = "Low-dose CT workstation: view CT studies in HU, denoise them, compare side by side, read their tokens.",
        subcommands = {ViewCommand.class, LoadReportCommand.class, RenderBenchmarkCommand.class,
                SimulateLowDoseCommand.class, MakeDatasetCommand.class, ScoreCommand.class, PhysicsBenchmarkCommand.class,
                BuildCodebookCommand.class, NetworkBenchmarkCommand.class, TrainLangAeCommand.class, TrainDenoiserCommand.class,
                LangAeReportCommand.class, ResultsTableCommand.class, DenoiseCommand.class, TokensCommand.class,
                DenoiseBenchmarkCommand.class, GpuCheckCommand.class})
public final class Main implements java.util.concurrent.Callable<Integer> {
    @CommandLine.Option(names = "--self-test",
            description = "load the sample study, denoise one slice, read its tokens, print versions and figures; exit 0 if all worked")
    boolean selfTest;


    public static void main(String[] args) {
        routeJavaUtilLoggingToSlf4j();
        // No subcommand: start the workstation on the sample study.
        String[] effective = args.length == 0 ? new String[] {"view"} : args;
        System.exit(commandLine().execute(effective));
    }

    /** The command line, with errors a user can act on printed as one line, not a stack trace. */
    static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new Main());
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (e instanceof IllegalArgumentException || e instanceof java.io.IOException
                    || e instanceof SeriesPairing.GeometryMismatch || e instanceof TrainingDiverged) {
                System.err.println("langmamba " + commandLine.getCommandName() + ": " + e.getMessage());
                return 1;
            }
            throw e;
        });
        return cli;
    }

    /** PixelMed logs through java.util.logging; send it where our logs go. */
    static void routeJavaUtilLoggingToSlf4j() {
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();
        java.util.logging.Logger.getLogger("").setLevel(Level.INFO);
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
