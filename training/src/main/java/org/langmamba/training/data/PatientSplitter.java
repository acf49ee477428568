package org.langmamba.training.data;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

/**
 * Assigns whole patients to train, validation and test, never slices: slices of one patient are
 * alike, and splitting them would let a model be scored on what it trained on. Patients are
 * shuffled with a seed (reproducible) and cut by the fractions; validation and test get at least
 * one patient each when their fraction is above zero, as long as one patient is left to train on
 * (test gives way first). Patients named in {@code pinnedTest} always go to test (a site keeps
 * its one real scan of a rare protocol for the score) and count towards the test fraction; those in
 * {@code pinnedValidation} always go to validation (so that a model is chosen on real anatomy, not
 * only on phantoms) and count towards the validation fraction.
 */
public record PatientSplitter(
        double validationFraction,
        double testFraction,
        long seed,
        Set<String> pinnedTest,
        Set<String> pinnedValidation) {
    public PatientSplitter {
        if (validationFraction < 0 || testFraction < 0 || validationFraction + testFraction >= 1) {
            throw new IllegalArgumentException("validation and test fractions must be >= 0 and sum below 1");
        }
        pinnedTest = Set.copyOf(pinnedTest);
        pinnedValidation = Set.copyOf(pinnedValidation);
        Set<String> both = new TreeSet<>(pinnedTest);
        both.retainAll(pinnedValidation);
        if (!both.isEmpty()) {
            throw new IllegalArgumentException("patients " + both + " cannot be both test and validation patients");
        }
    }

    public PatientSplitter(double validationFraction, double testFraction, long seed, Set<String> pinnedTest) {
        this(validationFraction, testFraction, seed, pinnedTest, Set.of());
    }

    public PatientSplitter(double validationFraction, double testFraction, long seed) {
        this(validationFraction, testFraction, seed, Set.of(), Set.of());
    }

    public Map<String, Split> split(Collection<String> patientIds) {
        TreeSet<String> all = new TreeSet<>(patientIds); // sorted: input order must not matter
        requirePresent(pinnedTest, "test", all);
        requirePresent(pinnedValidation, "validation", all);
        Map<String, Split> result = new LinkedHashMap<>();
        pinnedTest.stream().sorted().forEach(p -> result.put(p, Split.TEST));
        pinnedValidation.stream().sorted().forEach(p -> result.put(p, Split.VALIDATION));
        all.removeAll(pinnedTest);
        all.removeAll(pinnedValidation);
        List<String> patients = new ArrayList<>(all);
        Collections.shuffle(patients, new Random(seed));
        int n = patients.size();
        int total = n + pinnedTest.size() + pinnedValidation.size();
        int validation = Math.max(0, count(validationFraction, total) - pinnedValidation.size());
        int test = Math.max(0, count(testFraction, total) - pinnedTest.size());
        while (validation + test >= n && (validation > 0 || test > 0)) { // keep at least one patient to train on
            if (test >= validation && test > 0) {
                test--;
            } else {
                validation--;
            }
        }
        for (int i = 0; i < n; i++) {
            result.put(
                    patients.get(i),
                    i < validation ? Split.VALIDATION : i < validation + test ? Split.TEST : Split.TRAIN);
        }
        return result;
    }

    private static void requirePresent(Set<String> pinned, String split, Set<String> all) {
        for (String patient : pinned) {
            if (!all.contains(patient)) {
                throw new IllegalArgumentException(
                        split + " patient '" + patient + "' is not in the data; patients are " + all);
            }
        }
    }

    private static int count(double fraction, int n) {
        if (fraction <= 0) {
            return 0;
        }
        return Math.max(1, (int) Math.round(fraction * n));
    }
}
