package playground.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import playground.nn.Trace;

class SampleLogTest {
    @Test
    void theLogKeepsTheLastKSamplesOldestFirst() {
        Training t = new Training(Config.parse(Map.of("epochs", "1", "testRatio", "0.95")));
        SampleLog log = new SampleLog(new int[] {2, 3, 2});
        assertEquals(SampleLog.MAX_ENTRIES, log.capacity());
        for (int i = 1; i <= 520; i++) log.add(1, i, t.traceStep());
        assertEquals(500, log.size());
        assertEquals(21, log.get(0).sample(), "the 20 oldest were dropped");
        assertEquals(520, log.get(499).sample());
        assertThrows(ConfigException.class, () -> log.get(500));
        log.clear();
        assertEquals(0, log.size());
    }

    /** The bytes the double arrays of a trace really hold (8 per value plus a 16-byte header per array). */
    static long measured(Trace tr) {
        long bytes = 0;
        for (double[] v : new double[][] {tr.x(), tr.t(), tr.y(), tr.dEdy()}) bytes += 16 + 8L * v.length;
        for (double[][] perLayer : new double[][][] {tr.z(), tr.a(), tr.delta(), tr.db(), tr.bBefore(), tr.bAfter()}) {
            for (double[] v : perLayer) if (v != null) bytes += 16 + 8L * v.length;
        }
        for (double[][][] mats : new double[][][][] {tr.dW(), tr.wBefore(), tr.wAfter()}) {
            for (double[][] m : mats) {
                if (m == null) continue;
                for (double[] row : m) bytes += 16 + 8L * row.length;
            }
        }
        return bytes;
    }

    @Test
    void theLogsMemoryIsBoundedWhateverTheNetwork() {
        for (String layers :
                new String[] {"2,3,2", "2,64,64,2", "2,256,256,2", "2,256,256,256,256,256,256,256,256,2"}) {
            Config c = Config.parse(Map.of("layers", layers, "epochs", "1"));
            Trace tr = new Training(c).traceStep();
            long real = measured(tr);
            long estimate = SampleLog.traceBytes(c.layers());
            assertTrue(real <= estimate, layers + ": measured " + real + " > estimate " + estimate);
            int k = SampleLog.capacity(c.layers());
            assertTrue(k >= SampleLog.MIN_ENTRIES && k <= SampleLog.MAX_ENTRIES);
            assertTrue(
                    k == SampleLog.MIN_ENTRIES || (long) k * estimate <= SampleLog.BUDGET_BYTES,
                    layers + ": " + k + " x " + estimate);
            System.out.printf(
                    "LOG %s: K = %d, one trace %d B measured, %d B estimated, log <= %.2f MB%n",
                    layers, k, real, estimate, k * estimate / 1e6);
        }
    }
}
