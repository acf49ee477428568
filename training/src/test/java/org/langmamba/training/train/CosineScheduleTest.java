package org.langmamba.training.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class CosineScheduleTest {
    @Test
    void warmsUpLinearlyThenFollowsTheCosineFromStartToEnd() {
        CosineSchedule schedule = new CosineSchedule(1e-3, 1e-6, 1000, 50);
        assertThat(schedule.at(0))
                .as("first step: a fiftieth of the rate, not all of it")
                .isCloseTo(1e-3f / 51, within(1e-9f));
        assertThat(schedule.at(24)).isCloseTo(1e-3f * 25 / 51, within(1e-9f));
        for (long step = 1; step < 50; step++) {
            assertThat(schedule.at(step)).isGreaterThan(schedule.at(step - 1));
        }
        assertThat(schedule.at(50))
                .as("the cosine starts after the warm-up")
                .isLessThanOrEqualTo(1e-3f)
                .isGreaterThan(0.99e-3f);
        for (long step = 51; step < 1000; step++) {
            assertThat(schedule.at(step)).isLessThanOrEqualTo(schedule.at(step - 1));
        }
        assertThat(schedule.at(999)).isCloseTo(1e-6f, within(1e-9f));
    }

    @Test
    void withoutWarmUpTheFirstStepTakesTheFullRate() {
        assertThat(new CosineSchedule(2e-4, 1e-6, 10).at(0)).isEqualTo(2e-4f);
    }

    @Test
    void denoisersWarmUpForFivePercentOfTheRunAndAtMostAHundredSteps() {
        assertThat(CosineSchedule.denoiserWarmup(400)).isEqualTo(20);
        assertThat(CosineSchedule.denoiserWarmup(10_000)).isEqualTo(100);
        assertThat(CosineSchedule.denoiserWarmup(10)).isZero();
    }

    @Test
    void aWarmUpAsLongAsTheRunIsRefused() {
        assertThatThrownBy(() -> new CosineSchedule(1e-3, 0, 10, 10)).hasMessageContaining("warm-up must be shorter");
    }
}
