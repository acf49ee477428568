package org.langmamba.training.data;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;

/**
 * Assigns whole patients to train, validation and test, never slices: slices of one patient are
 * alike, and splitting them would let a model be scored on what it trained on. Patients are
 * shuffled with a seed (reproducible) and cut by the fractions; validation and test get at least
 * one patient each when their fraction is above zero, as long as one patient is left to train on
 * (test gives way first).
 */
public record PatientSplitter(double validationFraction, double testFraction, long seed) {
    public PatientSplitter {
        if (validationFraction < 0 || testFraction < 0 || validationFraction + testFraction >= 1) {
            throw new IllegalArgumentException("validation and test fractions must be >= 0 and sum below 1");
        }
    }

    public Map<String, Split> split(Collection<String> patientIds) {
        List<String> patients = new ArrayList<>(new TreeSet<>(patientIds)); // sorted: input order must not matter
        java.util.Collections.shuffle(patients, new Random(seed));
        int n = patients.size();
        int validation = count(validationFraction, n);
        int test = count(testFraction, n);
        while (validation + test >= n && (validation > 0 || test > 0)) { // keep at least one patient to train on
            if (test >= validation && test > 0) {
                test--;
            } else {
                validation--;
            }
        }
        Map<String, Split> result = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            result.put(patients.get(i), i < validation ? Split.VALIDATION : i < validation + test ? Split.TEST : Split.TRAIN);
        }
        return result;
    }

    private static int count(double fraction, int n) {
        if (fraction <= 0) {
            return 0;
        }
        return Math.max(1, (int) Math.round(fraction * n));
    }
}
