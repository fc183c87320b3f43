package org.imdbsentiment.glove;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class GloveReaderTest {
    private static final String GOOD = "the 0.1 0.2 -0.3\n, 1 2 3\nmovie -1.5e-1 0 4.25\n";

    private static Path write(Path dir, String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
    }

    @Test
    void readsAGoodFileKeepingOnlyTheWantedWordsInFileOrder(@TempDir Path dir) throws IOException {
        GloveVectors v = GloveReader.read(write(dir, "g.txt", GOOD), 3, Set.of("movie", "the", "absent")::contains);
        assertEquals(3, v.dimension());
        assertEquals(3, v.linesRead());
        assertEquals(List.of("the", "movie"), List.copyOf(v.vectors().keySet()));
        assertArrayEquals(new float[] {-0.15f, 0f, 4.25f}, v.vector("movie"));
        assertFalse(v.contains(","));
    }

    @Test
    void aWrongDimensionNamesFileAndLine(@TempDir Path dir) throws IOException {
        Path f = write(dir, "g.txt", GOOD);
        GloveException e = assertThrows(GloveException.class, () -> GloveReader.read(f, 100, w -> true));
        assertEquals("malformed GloVe file " + f + " line 1: 3 numbers, expected 100", e.getMessage());
    }

    @Test
    void aLineOfAnotherLengthIsRefusedEvenForAnUnwantedWord(@TempDir Path dir) throws IOException {
        Path f = write(dir, "g.txt", GOOD + "short 1 2\n");
        GloveException e = assertThrows(GloveException.class, () -> GloveReader.read(f, 3, "the"::equals));
        assertTrue(e.getMessage().endsWith("line 4: 2 numbers, expected 3"), e.getMessage());
    }

    @Test
    void aNonNumberNamesFileLineAndValue(@TempDir Path dir) throws IOException {
        Path f = write(dir, "g.txt", "the 0.1 0.2 0.3\nbad 0.1 x 0.3\n");
        GloveException e = assertThrows(GloveException.class, () -> GloveReader.read(f, 3, w -> true));
        assertEquals("malformed GloVe file " + f + " line 2: value 2 'x' is not a number", e.getMessage());
    }

    @Test
    void anEmptyFileIsRefused(@TempDir Path dir) throws IOException {
        Path f = write(dir, "g.txt", "");
        GloveException e = assertThrows(GloveException.class, () -> GloveReader.read(f, 3, w -> true));
        assertTrue(e.getMessage().contains("is empty"), e.getMessage());
    }

    @Test
    void aMissingFileIsRefused(@TempDir Path dir) {
        GloveException e = assertThrows(GloveException.class, () -> GloveReader.read(dir.resolve("no.txt"), 3, w -> true));
        assertTrue(e.getMessage().startsWith("GloVe file not found"), e.getMessage());
    }

    @Test
    void readsOneMemberOfAZipArchive(@TempDir Path dir) throws IOException {
        Path zip = dir.resolve("glove.6B.zip");
        try (OutputStream out = Files.newOutputStream(zip); ZipOutputStream z = new ZipOutputStream(out)) {
            z.putNextEntry(new ZipEntry("glove.6B.50d.txt"));
            z.write("the 1 2\n".getBytes(StandardCharsets.UTF_8));
            z.closeEntry();
            z.putNextEntry(new ZipEntry("glove.6B.3d.txt"));
            z.write(GOOD.getBytes(StandardCharsets.UTF_8));
            z.closeEntry();
        }
        GloveVectors v = GloveReader.read(zip, "glove.6B.3d.txt", 3, w -> true);
        assertEquals(3, v.size());
        assertArrayEquals(new float[] {1, 2, 3}, v.vector(","));
        GloveException e = assertThrows(GloveException.class, () -> GloveReader.read(zip, "glove.6B.300d.txt", 300, w -> true));
        assertTrue(e.getMessage().contains("has no member glove.6B.300d.txt"), e.getMessage());
    }

    @Test
    void aLeadingByteOrderMarkIsIgnoredInATextFileAndAZipMember(@TempDir Path dir) throws IOException {
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        byte[] good = GOOD.getBytes(StandardCharsets.UTF_8);
        byte[] withBom = new byte[bom.length + good.length];
        System.arraycopy(bom, 0, withBom, 0, bom.length);
        System.arraycopy(good, 0, withBom, bom.length, good.length);
        GloveVectors plain = GloveReader.read(write(dir, "plain.txt", GOOD), 3, w -> true);
        GloveVectors txt = GloveReader.read(Files.write(dir.resolve("bom.txt"), withBom), 3, w -> true);
        Path zip = dir.resolve("bom.zip");
        try (OutputStream out = Files.newOutputStream(zip); ZipOutputStream z = new ZipOutputStream(out)) {
            z.putNextEntry(new ZipEntry("g.txt"));
            z.write(withBom);
            z.closeEntry();
        }
        GloveVectors member = GloveReader.read(zip, "g.txt", 3, w -> true);
        assertEquals(List.of("the", ",", "movie"), List.copyOf(plain.vectors().keySet()));
        for (GloveVectors v : List.of(txt, member)) {
            assertEquals(List.copyOf(plain.vectors().keySet()), List.copyOf(v.vectors().keySet()));
            assertEquals(plain.linesRead(), v.linesRead());
            for (String w : plain.vectors().keySet()) {
                assertArrayEquals(plain.vector(w), v.vector(w), w);
            }
        }
    }

    @Test
    void theSharedPrefixOfTheRealFileLoads() {
        Path prefix = sharedPrefix();
        GloveVectors v = GloveReader.read(prefix, 100, w -> true);
        assertEquals(2716, v.size());
        assertEquals(2716, v.linesRead());
        float[] the = v.vector("the");
        assertEquals(-0.038194f, the[0], 1e-7);
        assertEquals(-0.24487f, the[1], 1e-7);
        assertEquals(0.72812f, the[2], 1e-7);
        assertEquals(List.of("the", ",", "."), List.copyOf(v.vectors().keySet()).subList(0, 3));
    }

    @Test
    void knownResourceDescribesGlove6B100d() {
        GloveResource r = GloveResource.forDimension(100).orElseThrow();
        assertEquals("glove.6B.100d.txt", r.member());
        assertEquals(862_182_613L, r.size());
        assertTrue(GloveResource.forDimension(7).isEmpty());
    }

    /** ../shared/data/glove.6B.100d.top2716.txt; required under CI=true, else skipped when absent. */
    static Path sharedPrefix() {
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            Path p = d.resolve("shared/data/glove.6B.100d.top2716.txt");
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new AssertionError("shared/data/glove.6B.100d.top2716.txt not found (required under CI=true)");
        }
        assumeTrue(false, "shared/data/glove.6B.100d.top2716.txt not found");
        return null;
    }
}
