package org.langmamba.training.phantom;

import java.util.List;

/** The analytic phantoms the physics is tested on. */
public final class Phantoms {
    private Phantoms() {}

    /**
     * Shepp and Logan's head phantom (IEEE TNS 21, 1974) with its original intensities, one unit
     * = 1000 HU: skull +1000 HU, brain +20 HU, ventricles 0 HU, small lesions +30 HU.
     */
    public static EllipsePhantom sheppLogan() {
        return new EllipsePhantom(
                "Shepp-Logan",
                List.of(
                        new Ellipse(0, 0, 0.69, 0.92, 0, 2000),
                        new Ellipse(0, -0.0184, 0.6624, 0.874, 0, -980),
                        new Ellipse(0.22, 0, 0.11, 0.31, -18, -20),
                        new Ellipse(-0.22, 0, 0.16, 0.41, 18, -20),
                        new Ellipse(0, 0.35, 0.21, 0.25, 0, 10),
                        new Ellipse(0, 0.1, 0.046, 0.046, 0, 10),
                        new Ellipse(0, -0.1, 0.046, 0.046, 0, 10),
                        new Ellipse(-0.08, -0.605, 0.046, 0.023, 0, 10),
                        new Ellipse(0, -0.605, 0.023, 0.023, 0, 10),
                        new Ellipse(0.06, -0.605, 0.023, 0.046, 0, 10)));
    }

    /**
     * An abdomen-like phantom: subcutaneous fat (-100 HU) around soft tissue (40 HU) holding
     * liver (60 HU), spleen (50 HU), kidneys with contrast (150 HU), an enhanced aorta (200 HU),
     * a vertebra (700 HU) around its canal (20 HU), bowel gas (-1000 HU) and a low-contrast liver
     * lesion (40 HU, -20 against liver). Values are sums of the nested ellipses' deltas.
     */
    public static EllipsePhantom abdomen() {
        return new EllipsePhantom(
                "Abdomen",
                List.of(
                        new Ellipse(0, 0, 0.92, 0.66, 0, 900), // body: fat -100
                        new Ellipse(0, -0.02, 0.82, 0.56, 0, 140), // abdominal wall and cavity: 40
                        new Ellipse(-0.38, 0.12, 0.34, 0.26, 15, 20), // liver: 60
                        new Ellipse(-0.30, 0.18, 0.06, 0.06, 0, -20), // lesion in liver: 40
                        new Ellipse(0.45, 0.18, 0.14, 0.1, -20, 10), // spleen: 50
                        new Ellipse(-0.22, -0.28, 0.08, 0.12, 20, 110), // right kidney: 150
                        new Ellipse(0.26, -0.28, 0.08, 0.12, -20, 110), // left kidney: 150
                        new Ellipse(0.04, -0.18, 0.05, 0.05, 0, 160), // aorta: 200
                        new Ellipse(0, -0.42, 0.11, 0.09, 0, 660), // vertebral body: 700
                        new Ellipse(0, -0.42, 0.04, 0.035, 0, -680), // canal: 20
                        new Ellipse(0.18, 0.25, 0.07, 0.05, 0, -1040), // bowel gas: -1000
                        new Ellipse(-0.1, 0.35, 0.05, 0.04, 30, -140))); // mesenteric fat: -100
    }
}
