package playground.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class LossChartTest {

    static final double NAN = Double.NaN;
    static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?");

    static LossChart linear(double initialTrain, double initialTest, List<Double> train, List<Double> test, int n) {
        return LossChart.of(initialTrain, initialTest, train, test, n, false, 600, 240);
    }

    static LossChart log(double initialTrain, double initialTest, List<Double> train, List<Double> test, int n) {
        return LossChart.of(initialTrain, initialTest, train, test, n, true, 600, 240);
    }

    /** The path's points as (x, y) pairs, one list per "M" segment. */
    static List<List<double[]>> segments(String d) {
        List<List<double[]>> out = new ArrayList<>();
        String[] parts = d.trim().split(" ");
        for (int i = 0; i < parts.length; i += 3) {
            if (parts[i].equals("M")) out.add(new ArrayList<>());
            else assertEquals("L", parts[i], d);
            out.get(out.size() - 1)
                    .add(new double[] {Double.parseDouble(parts[i + 1]), Double.parseDouble(parts[i + 2])});
        }
        return out;
    }

    @Test
    void thePlotAreaLeavesMarginsForTheAxes() {
        LossChart c = linear(1, 1, List.of(), List.of(), 10);
        assertEquals(600, c.width());
        assertEquals(240, c.height());
        assertEquals(56, c.left());
        assertEquals(12, c.top());
        assertEquals(588, c.right());
        assertEquals(208, c.bottom());
        assertFalse(c.log());
        assertThrows(
                IllegalArgumentException.class, () -> LossChart.of(1, 1, List.of(), List.of(), 10, false, 60, 240));
    }

    @Test
    void theDomainEndsMapToThePlotEdges() {
        LossChart c = linear(2.0, 3.0, List.of(1.0, 0.5), List.of(1.5, 1.0), 4);
        assertEquals(0.0, c.yMin());
        assertEquals(3.0 * 1.05, c.yMax(), 1e-12);
        assertEquals(c.left(), c.xOf(0), 1e-9);
        assertEquals(c.right(), c.xOf(4), 1e-9);
        assertEquals(c.bottom(), c.yOf(0), 1e-9);
        assertEquals(c.top(), c.yOf(c.yMax()), 1e-9);
        assertEquals((c.right() - c.left()) / 4, c.step(), 1e-9);

        LossChart l = log(2.0, 3.0, List.of(0.5, 0.02), List.of(1.5, 0.05), 4);
        assertEquals(0.01, l.yMin(), 1e-15);
        assertEquals(10, l.yMax(), 1e-12);
        assertEquals(l.bottom(), l.yOf(0.01), 1e-9);
        assertEquals(l.top(), l.yOf(10), 1e-9);
        assertTrue(Double.isNaN(l.yOf(0)));
        assertTrue(Double.isNaN(l.yOf(-1)));
    }

    @Test
    void thePathsFollowTheValues() {
        LossChart c = linear(2.0, 3.0, List.of(1.0, 0.5), List.of(1.5, 1.0), 4);
        List<List<double[]>> train = segments(c.trainPath());
        assertEquals(1, train.size());
        assertEquals(3, train.get(0).size());
        for (int e = 0; e < 3; e++) {
            double[] p = train.get(0).get(e);
            assertEquals(c.xOf(e), p[0], 0.005);
            assertEquals(c.yOf(new double[] {2.0, 1.0, 0.5}[e]), p[1], 0.005);
        }
        assertTrue(c.testPath().startsWith("M 56 "), c.testPath());
        assertEquals(3, segments(c.testPath()).get(0).size());
    }

    @Test
    void pathNumbersHaveAtMostTwoDecimals() {
        LossChart c =
                LossChart.of(1 / 3.0, 2 / 3.0, List.of(0.123456, 0.1), List.of(0.7, 0.654321), 7, false, 601, 239);
        for (String d : List.of(c.trainPath(), c.testPath())) {
            Matcher m = NUMBER.matcher(d);
            int numbers = 0;
            while (m.find()) {
                numbers++;
                assertTrue(m.group(1) == null || m.group(1).length() <= 3, d);
            }
            assertEquals(6, numbers, d);
            assertTrue(d.matches("[ML0-9. ]+"), d);
        }
    }

    @Test
    void nonFiniteValuesBreakThePath() {
        LossChart c = linear(1.0, NAN, List.of(0.8, NAN, 0.6, 0.5, Double.POSITIVE_INFINITY, 0.3), List.of(), 6);
        List<List<double[]>> s = segments(c.trainPath());
        assertEquals(3, s.size(), c.trainPath());
        assertEquals(2, s.get(0).size());
        assertEquals(2, s.get(1).size());
        assertEquals(1, s.get(2).size());
        assertEquals(c.xOf(2 + 1), s.get(1).get(0)[0], 0.005, "the line restarts at epoch 3");
        assertEquals(c.xOf(6), s.get(2).get(0)[0], 0.005);
    }

    @Test
    void nonPositiveValuesBreakTheLogPath() {
        LossChart c = log(1.0, NAN, List.of(0.1, 0.0, 0.01, -1.0, 0.001), List.of(), 5);
        assertEquals(3, segments(c.trainPath()).size(), c.trainPath());
        assertEquals(0.001, c.yMin(), 1e-15);
        assertEquals(1, c.yMax(), 1e-12);
        LossChart lin = linear(1.0, NAN, List.of(0.1, 0.0, 0.01), List.of(), 5);
        assertEquals(1, segments(lin.trainPath()).size(), "zero is drawable on a linear scale");
    }

    @Test
    void thePathsAreEmptyWithNoData() {
        LossChart c = linear(NAN, NAN, List.of(), List.of(), 10);
        assertEquals("", c.trainPath());
        assertEquals("", c.testPath());
        assertTrue(c.empty());
        assertEquals("", c.lastTrainLabel());
        assertEquals("", c.lastTestLabel());
        assertEquals(0.0, c.yMin());
        assertEquals(1.0, c.yMax());
        assertFalse(c.yTicks().isEmpty());

        LossChart l = log(NAN, NAN, List.of(), List.of(), 10);
        assertEquals("", l.trainPath());
        assertEquals(
                List.of("1", "10"),
                l.yTicks().stream().map(LossChart.Tick::label).toList());
    }

    @Test
    void beforeTheFirstEpochOnlyTheInitialPointIsThere() {
        LossChart c = linear(2.5, 2.7, List.of(), List.of(), 10);
        assertTrue(c.empty());
        assertEquals(1, segments(c.trainPath()).size());
        assertEquals(1, segments(c.trainPath()).get(0).size());
        assertEquals("2.5", c.lastTrainLabel());
        assertEquals("2.7", c.lastTestLabel());
        assertEquals(1, c.points().size());

        LossChart after = linear(2.5, 2.7, List.of(1.0), List.of(1.2), 10);
        assertFalse(after.empty());
        assertEquals("1", after.lastTrainLabel());
        assertEquals("1.2", after.lastTestLabel());
    }

    @Test
    void xTicksIncludeZeroAndTheLastEpoch() {
        for (int n : new int[] {0, 1, 2, 3, 5, 7, 8, 10, 13, 33, 37, 50, 99, 100, 101, 250, 1000, 9999, 10_000}) {
            LossChart c = linear(1, 1, List.of(), List.of(), n);
            List<LossChart.Tick> ticks = c.xTicks();
            int last = Math.max(n, 1);
            assertEquals("0", ticks.get(0).label(), "n = " + n);
            assertEquals(Integer.toString(last), ticks.get(ticks.size() - 1).label(), "n = " + n);
            assertEquals(c.left(), ticks.get(0).pos(), 0.005);
            assertEquals(c.right(), ticks.get(ticks.size() - 1).pos(), 0.005);
            assertTrue(ticks.size() <= 9, n + ": " + ticks);
            if (last >= 7) assertTrue(ticks.size() >= 4, n + ": " + ticks);
            for (int i = 1; i < ticks.size(); i++) {
                assertTrue(ticks.get(i).pos() > ticks.get(i - 1).pos(), n + ": " + ticks);
                Integer.parseInt(ticks.get(i).label());
            }
        }
    }

    @Test
    void xTicksUseNiceSteps() {
        List<String> ten = linear(1, 1, List.of(), List.of(), 10).xTicks().stream()
                .map(LossChart.Tick::label)
                .toList();
        assertEquals(List.of("0", "2", "4", "6", "8", "10"), ten);
        List<String> hundred = linear(1, 1, List.of(), List.of(), 100).xTicks().stream()
                .map(LossChart.Tick::label)
                .toList();
        assertEquals(List.of("0", "20", "40", "60", "80", "100"), hundred);
        List<String> odd = linear(1, 1, List.of(), List.of(), 37).xTicks().stream()
                .map(LossChart.Tick::label)
                .toList();
        assertEquals(List.of("0", "10", "20", "30", "37"), odd);
        List<String> crowded = linear(1, 1, List.of(), List.of(), 42).xTicks().stream()
                .map(LossChart.Tick::label)
                .toList();
        assertEquals(List.of("0", "10", "20", "30", "42"), crowded, "40 would crowd 42");
    }

    @Test
    void moreLossesThanEpochsWidenTheXAxis() {
        LossChart c = linear(1, 1, List.of(0.5, 0.4, 0.3), List.of(), 2);
        assertEquals(3, c.epochs());
        assertEquals("3", c.xTicks().get(c.xTicks().size() - 1).label());
    }

    @Test
    void linearYTicksUseOneTwoFiveSteps() {
        for (double max : new double[] {0.0123, 0.5, 1, 2.7, 3, 7.5, 13.9, 42, 300, 12_345, 1e30}) {
            LossChart c = linear(max, NAN, List.of(max / 2), List.of(), 5);
            List<LossChart.Tick> ticks = c.yTicks();
            assertTrue(ticks.size() >= 4 && ticks.size() <= 8, max + ": " + ticks);
            assertEquals("0", ticks.get(0).label());
            assertEquals(c.bottom(), ticks.get(0).pos(), 0.005);
            double gap = ticks.get(0).pos() - ticks.get(1).pos();
            assertTrue(gap > 0);
            for (int i = 1; i < ticks.size(); i++) {
                assertEquals(gap, ticks.get(i - 1).pos() - ticks.get(i).pos(), 0.011, max + ": " + ticks);
                assertTrue(ticks.get(i).pos() >= c.top() - 0.005, max + ": " + ticks);
            }
            // the step between labels is 1, 2 or 5 times a power of ten
            double step = Double.parseDouble(ticks.get(1).label().replace("\u2212", "-"));
            double mantissa = step / Math.pow(10, Math.floor(Math.log10(step) + 1e-9));
            assertTrue(
                    Math.abs(mantissa - 1) < 1e-6 || Math.abs(mantissa - 2) < 1e-6 || Math.abs(mantissa - 5) < 1e-6,
                    max + ": step " + step);
        }
        List<String> labels = linear(2.0, NAN, List.of(1.0), List.of(), 5).yTicks().stream()
                .map(LossChart.Tick::label)
                .toList();
        assertEquals(List.of("0", "0.5", "1", "1.5", "2"), labels);
    }

    @Test
    void logTicksArePowersOfTenEvenlySpaced() {
        LossChart c = log(3.0, 4.0, List.of(0.2, 0.004), List.of(0.3, 0.006), 2);
        List<LossChart.Tick> ticks = c.yTicks();
        assertEquals(
                List.of("0.001", "0.01", "0.1", "1", "10"),
                ticks.stream().map(LossChart.Tick::label).toList());
        assertEquals(c.bottom(), ticks.get(0).pos(), 0.005);
        assertEquals(c.top(), ticks.get(ticks.size() - 1).pos(), 0.005);
        double gap = (c.bottom() - c.top()) / 4;
        for (int i = 1; i < ticks.size(); i++) {
            assertEquals(gap, ticks.get(i - 1).pos() - ticks.get(i).pos(), 0.011);
            assertEquals(c.yOf(Math.pow(10, i - 3)), ticks.get(i).pos(), 0.005);
        }
    }

    @Test
    void manyDecadesThinTheLogTicks() {
        LossChart c = log(1e6, NAN, List.of(1e-7), List.of(), 1);
        List<LossChart.Tick> ticks = c.yTicks();
        assertTrue(ticks.size() <= 7, ticks.toString());
        assertEquals("1e\u22127", ticks.get(0).label());
        assertEquals(c.top(), ticks.get(ticks.size() - 1).pos(), 0.005);
        double gap = ticks.get(0).pos() - ticks.get(1).pos();
        for (int i = 1; i < ticks.size(); i++) {
            assertEquals(gap, ticks.get(i - 1).pos() - ticks.get(i).pos(), 0.011);
        }
    }

    @Test
    void aSingleDecadeStillHasTwoTicks() {
        LossChart c = log(1.0, NAN, List.of(1.0), List.of(), 1);
        assertEquals(
                List.of("1", "10"),
                c.yTicks().stream().map(LossChart.Tick::label).toList());
    }

    @Test
    void pointsCarryPositionsValuesAndTitles() {
        LossChart c = linear(2.0, 3.0, List.of(1.0, 0.0123), List.of(1.5, 0.0131), 4);
        List<LossChart.Point> p = c.points();
        assertEquals(3, p.size());
        LossChart.Point two = p.get(2);
        assertEquals(2, two.epoch());
        assertEquals(0.0123, two.train());
        assertEquals(0.0131, two.test());
        assertEquals(c.xOf(2), two.x(), 0.005);
        assertEquals(c.yOf(0.0123), two.y(), 0.005);
        assertEquals("epoch 2: train 0.0123, test 0.0131", two.title());
        assertEquals("epoch 0: train 2, test 3", p.get(0).title());
    }

    @Test
    void pointsOfADivergedRunStayInsideThePlot() {
        LossChart c = linear(1.0, NAN, List.of(1e3, Double.POSITIVE_INFINITY, NAN), List.of(), 10);
        List<LossChart.Point> p = c.points();
        assertEquals(c.top(), p.get(2).y());
        assertEquals(c.top(), p.get(3).y());
        assertEquals("epoch 2: train \u221e", p.get(2).title(), "no test set: no test in the title");
        assertEquals("NaN", c.lastTrainLabel());
        assertEquals("", c.lastTestLabel());
    }

    @org.junit.jupiter.api.Test
    void aLongRunDrawsAtMostMaxPointsEndingAtItsLastEpoch() {
        java.util.List<Double> losses = new java.util.ArrayList<>();
        for (int e = 1; e <= 10_000; e++) losses.add(1.0 / e);
        LossChart c = LossChart.of(2.0, 2.0, losses, losses, 10_000, false, 1000, 250);
        org.junit.jupiter.api.Assertions.assertTrue(c.points().size() <= LossChart.MAX_POINTS + 1);
        org.junit.jupiter.api.Assertions.assertEquals(0, c.points().get(0).epoch());
        org.junit.jupiter.api.Assertions.assertEquals(
                10_000, c.points().get(c.points().size() - 1).epoch());
        org.junit.jupiter.api.Assertions.assertTrue(c.trainPath().split("L").length <= LossChart.MAX_POINTS + 1);
        LossChart small = LossChart.of(2.0, 2.0, losses.subList(0, 7), losses.subList(0, 7), 50, false, 1000, 250);
        org.junit.jupiter.api.Assertions.assertEquals(8, small.points().size(), "short runs draw every epoch");
    }
}
