package playground.nn;

import org.ejml.data.DMatrixRMaj;

/** Small conversions between EJML matrices and plain arrays of rows. */
public final class Matrices {
    private Matrices() {}

    public static double[][] rows(DMatrixRMaj m) {
        double[][] r = new double[m.numRows][m.numCols];
        for (int i = 0; i < m.numRows; i++) {
            System.arraycopy(m.data, i * m.numCols, r[i], 0, m.numCols);
        }
        return r;
    }

    public static void setRows(DMatrixRMaj m, double[][] rows, String name) {
        if (rows.length != m.numRows) {
            throw new IllegalArgumentException(name + " needs " + m.numRows + " rows, got " + rows.length);
        }
        for (int i = 0; i < m.numRows; i++) {
            if (rows[i] == null || rows[i].length != m.numCols) {
                throw new IllegalArgumentException(name + " row " + i + " needs " + m.numCols + " values, got "
                        + (rows[i] == null ? 0 : rows[i].length));
            }
            System.arraycopy(rows[i], 0, m.data, i * m.numCols, m.numCols);
        }
    }

    public static double[][] deepCopy(double[][] a) {
        double[][] c = new double[a.length][];
        for (int i = 0; i < a.length; i++) c[i] = a[i] == null ? null : a[i].clone();
        return c;
    }
}
