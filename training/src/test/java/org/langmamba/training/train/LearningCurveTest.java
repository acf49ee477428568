package org.langmamba.training.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LearningCurveTest {
    @TempDir
    Path folder;

    @Test
    void validationLinesReadBackAsTheStepsAndPsnrThatWereLogged() {
        var scores = new SeriesEvaluation.Summary(5, 29.97, 1.3, 0.8465, 0.01, 0.9574, 0.003, 2.1);
        String line = LearningCurve.validationLine(200, scores);
        assertThat(LearningCurve.validations(List.of("resumed at step 100", line)))
                .containsExactly(new LearningCurve.Validation(200, 29.97));
    }

    @Test
    void theCsvHasEveryStepItsMovingAverageAndTheValidationsAndThePictureIsDrawn() throws Exception {
        List<Double> losses = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            losses.add(i < 60 ? 2e-4 : 1e-4);
        }
        var at = new SeriesEvaluation.Summary(5, 27.5, 1, 0.8, 0.01, 0.95, 0.01, 1);
        LearningCurve.write(
                folder,
                "test run",
                losses,
                List.of(LearningCurve.validationLine(50, at), LearningCurve.validationLine(100, at)),
                25.28);
        List<String> csv = Files.readAllLines(folder.resolve(LearningCurve.CSV));
        assertThat(csv).hasSize(121);
        assertThat(csv.get(50)).startsWith("50,").endsWith(",27.5000");
        assertThat(csv.get(100)).endsWith(",27.5000");
        assertThat(csv.get(51)).endsWith(",");
        double meanAt110 = Double.parseDouble(csv.get(110).split(",")[2]);
        assertThat(meanAt110).as("steps 61-110 all 1e-4").isCloseTo(1e-4, org.assertj.core.data.Offset.offset(1e-9));
        BufferedImage png = ImageIO.read(folder.resolve(LearningCurve.PNG).toFile());
        assertThat(png.getWidth()).isGreaterThan(800);
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < png.getHeight(); y++) {
            for (int x = 0; x < png.getWidth(); x++) {
                colours.add(png.getRGB(x, y) & 0xffffff);
            }
        }
        assertThat(colours).as("the loss (blue) and validation (red) are drawn").contains(0x1f77b4, 0xd62728);
    }
}
