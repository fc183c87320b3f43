package org.imdbsentiment.model.lstm;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class CpuGemmTest {

    @ParameterizedTest
    @EnumSource(value = DataType.class, names = {"FLOAT", "DOUBLE"})
    void productsEqualNd4jsWithAndWithoutTransposingB(DataType type) {
        Nd4j.getRandom().setSeed(3);
        INDArray a = Nd4j.rand(type, 5, 7);
        INDArray b = Nd4j.rand(type, 7, 4);
        INDArray c = Nd4j.create(type, 5, 4);
        CpuGemm.multiply(a, b, c, false);
        assertEquals(0, a.mmul(b).sub(c).amaxNumber().doubleValue(), 1e-5);

        INDArray bt = Nd4j.rand(type, 4, 7);
        CpuGemm.multiply(a, bt, c, true);
        assertEquals(0, a.mmul(bt.transpose()).sub(c).amaxNumber().doubleValue(), 1e-5);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 2, 5})
    void onlyTheFirstRowsAreMultipliedAndWritten(int rows) {
        INDArray a = Nd4j.rand(DataType.FLOAT, 5, 3);
        INDArray b = Nd4j.rand(DataType.FLOAT, 3, 6);
        INDArray c = Nd4j.valueArrayOf(new long[] {5, 6}, -1f);
        CpuGemm.multiplyRows(a, b, c, false, rows);
        INDArray expected = a.mmul(b);
        for (int r = 0; r < 5; r++) {
            INDArray row = c.getRow(r);
            if (r < rows) {
                assertEquals(0, expected.getRow(r).sub(row).amaxNumber().doubleValue(), 1e-5);
            } else {
                assertEquals(-1.0, row.maxNumber().doubleValue(), 0.0, "row " + r + " untouched");
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 3, 5})
    void theTransposedProductOfTheFirstRowsIsWrittenCompact(int rows) {
        Nd4j.getRandom().setSeed(5);
        INDArray weightsT = Nd4j.rand(DataType.FLOAT, 8, 3);   // [4H, H]
        INDArray states = Nd4j.rand(DataType.FLOAT, 5, 3);     // [B, H], only the first rows count
        INDArray c = Nd4j.valueArrayOf(new long[] {5, 8}, -1f); // room for B·4H values
        CpuGemm.multiplyTransposedRows(weightsT, states, c, rows);
        float[] got = c.data().asFloat();
        INDArray expected = rows == 0 ? null
                : weightsT.mmul(states.get(NDArrayIndex.interval(0, rows), NDArrayIndex.all()).transpose());
        for (int k = 0; k < 8; k++) {
            for (int r = 0; r < rows; r++) {
                assertEquals(expected.getFloat(k, r), got[k * rows + r], 1e-5, "gate " + k + ", row " + r);
            }
        }
        for (int i = 8 * rows; i < got.length; i++) {
            assertEquals(-1f, got[i], 0f, "value " + i + " past the product untouched");
        }
        assertThrows(IllegalArgumentException.class,
                () -> CpuGemm.multiplyTransposedRows(weightsT, states, c, 6), "more rows than the states hold");
    }

    @ParameterizedTest
    @ValueSource(strings = {"view", "f-order", "shape", "type"})
    void refusesWhatItCannotPassToBlasAsIs(String what) {
        INDArray a = Nd4j.rand(DataType.FLOAT, 4, 3);
        INDArray b = Nd4j.rand(DataType.FLOAT, 3, 2);
        INDArray c = Nd4j.create(DataType.FLOAT, 4, 2);
        switch (what) {
            case "view" -> a = Nd4j.rand(DataType.FLOAT, 6, 3).get(NDArrayIndex.interval(2, 6), NDArrayIndex.all());
            case "f-order" -> b = b.dup('f');
            case "shape" -> b = Nd4j.rand(DataType.FLOAT, 2, 2);
            default -> c = Nd4j.create(DataType.DOUBLE, 4, 2);
        }
        INDArray x = a;
        INDArray y = b;
        INDArray z = c;
        assertThrows(IllegalArgumentException.class, () -> CpuGemm.multiply(x, y, z, false));
    }
}
