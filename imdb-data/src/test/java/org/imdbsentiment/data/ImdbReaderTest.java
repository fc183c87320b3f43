package org.imdbsentiment.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ImdbReaderTest {

    @Test
    void readsADirectoryTreeSkippingUnlabelledAndFeatureFiles(@TempDir Path tmp) throws IOException {
        ImdbCorpus c = ImdbReader.read(MiniImdb.writeDirectory(tmp, 3));
        assertEquals(6, c.train().size());
        assertEquals(6, c.test().size());
        assertTrue(c.train().stream().noneMatch(r -> r.id().contains("unsup")));
    }

    @Test
    void theParentOfAclImdbWorksToo(@TempDir Path tmp) throws IOException {
        MiniImdb.writeDirectory(tmp, 2);
        assertEquals(4, ImdbReader.read(tmp).train().size());
    }

    @Test
    void archiveAndDirectoryGiveTheSameReviewsInTheSameOrder(@TempDir Path tmp) throws IOException {
        ImdbCorpus fromDir = ImdbReader.read(MiniImdb.writeDirectory(tmp.resolve("d"), 12));
        ImdbCorpus fromTar = ImdbReader.read(MiniImdb.writeArchive(tmp.resolve("a.tar.gz"), 12));
        assertEquals(fromDir, fromTar);
    }

    @Test
    void reviewsAreSortedByLabelThenNumberWithRatingAndText(@TempDir Path tmp) throws IOException {
        ImdbCorpus c = ImdbReader.read(MiniImdb.writeArchive(tmp.resolve("a.tar.gz"), 12));
        List<String> ids = c.train().stream().map(Review::id).toList();
        assertEquals("train/neg/0_1", ids.get(0));
        assertEquals("train/neg/1_2", ids.get(1));
        assertEquals("train/neg/2_3", ids.get(2));
        assertEquals("train/neg/10_3", ids.get(10));
        assertEquals("train/pos/0_7", ids.get(12));
        Review r = c.train().get(12);
        assertEquals(Sentiment.POSITIVE, r.label());
        assertEquals(7, r.rating());
        assertEquals("A wonderful, great film number 0! Loved it.<br /><br />Superb.", r.text());
    }

    @Test
    void aDirectoryWithoutTheLabelFoldersIsRefusedNamingTheMissingOne(@TempDir Path tmp) throws IOException {
        Files.createDirectories(tmp.resolve("aclImdb/train/pos"));
        DataException e = assertThrows(DataException.class, () -> ImdbReader.read(tmp));
        assertTrue(e.getMessage().contains("train/neg"), e.getMessage());
    }

    @Test
    void aMissingPathIsRefused(@TempDir Path tmp) {
        DataException e = assertThrows(DataException.class, () -> ImdbReader.read(tmp.resolve("nope.tar.gz")));
        assertTrue(e.getMessage().contains("nope.tar.gz"), e.getMessage());
    }

    @Test
    void aTruncatedArchiveSaysItIsTruncatedAndToDownloadItAgain(@TempDir Path tmp) throws IOException {
        Path archive = MiniImdb.writeArchive(tmp.resolve("a.tar.gz"), 50);
        byte[] bytes = Files.readAllBytes(archive);
        Path truncated = Files.write(tmp.resolve("t.tar.gz"), Arrays.copyOf(bytes, bytes.length / 2));
        DataException e = assertThrows(DataException.class, () -> ImdbReader.read(truncated));
        assertEquals(truncated + " is truncated or corrupt (unexpected end of the gzip stream): download it again",
                e.getMessage());
    }

    @Test
    void aPlainTarArchiveIsReadLikeTheTarGz(@TempDir Path tmp) throws IOException {
        ImdbCorpus fromTarGz = ImdbReader.read(MiniImdb.writeArchive(tmp.resolve("a.tar.gz"), 12));
        ImdbCorpus fromTar = ImdbReader.read(MiniImdb.writePlainTar(tmp.resolve("aclImdb_v1.tar"), 12));
        assertEquals(fromTarGz, fromTar);
    }

    @Test
    void aTruncatedPlainTarIsRefusedNotReadInPart(@TempDir Path tmp) throws IOException {
        byte[] bytes = Files.readAllBytes(MiniImdb.writePlainTar(tmp.resolve("a.tar"), 50));
        for (int cut : new int[] {bytes.length / 2, bytes.length / 2 / 512 * 512}) { // mid-record and on a record boundary
            Path truncated = Files.write(tmp.resolve("t" + cut + ".tar"), Arrays.copyOf(bytes, cut));
            DataException e = assertThrows(DataException.class, () -> ImdbReader.read(truncated));
            assertTrue(e.getMessage().startsWith(truncated + " is truncated or corrupt ("), e.getMessage());
            assertTrue(e.getMessage().endsWith("): download it again"), e.getMessage());
        }
    }

    @Test
    void aFileThatIsNotAnArchiveIsRefused(@TempDir Path tmp) throws IOException {
        Path notArchive = Files.writeString(tmp.resolve("aclImdb_v1.tar.gz"), "<html>Not Found</html>");
        DataException e = assertThrows(DataException.class, () -> ImdbReader.read(notArchive));
        assertEquals("cannot read IMDB archive " + notArchive + ": it is neither gzip-compressed (.tar.gz) nor a .tar"
                + " archive; expected aclImdb_v1.tar.gz or an extracted aclImdb/ directory (if it is a download,"
                + " delete it and download again)", e.getMessage());
    }

    @Test
    void aDanglingSymbolicLinkIsNamedWithItsTarget(@TempDir Path tmp) throws IOException {
        Path link = Files.createSymbolicLink(tmp.resolve("data"), tmp.resolve("gone/aclImdb"));
        DataException e = assertThrows(DataException.class, () -> ImdbReader.read(link));
        assertEquals("IMDB data not found: " + link + " is a symbolic link to " + tmp.resolve("gone/aclImdb")
                + ", which does not exist (give an aclImdb/ directory or an aclImdb_v1.tar.gz archive)", e.getMessage());
    }

    @Test
    void anEmptyTrainPosFolderIsRefusedNamingTheSplitAndTheCounts(@TempDir Path tmp) throws IOException {
        Path root = MiniImdb.writeDirectory(tmp, 20);
        deleteFilesIn(root.resolve("train/pos"));
        DataException e = assertThrows(DataException.class, () -> ImdbReader.read(root));
        assertEquals("the train split in " + root + " has 0 positive and 20 negative reviews: both classes are needed"
                + " (is aclImdb/train/pos empty?)", e.getMessage());
    }

    @Test
    void anArchiveWhoseTestSplitHasNoPositivesIsRefused(@TempDir Path tmp) throws IOException {
        Map<String, String> files = MiniImdb.files(20);
        files.keySet().removeIf(name -> name.startsWith("aclImdb/test/pos/"));
        Path archive = MiniImdb.writeArchive(tmp.resolve("a.tar.gz"), files);
        DataException e = assertThrows(DataException.class, () -> ImdbReader.read(archive));
        assertEquals("the test split in " + archive + " has 0 positive and 20 negative reviews: both classes are needed"
                + " (is aclImdb/test/pos empty?)", e.getMessage());
    }

    @Test
    void anArchiveWithTrainingReviewsButNoTestSetSaysSo(@TempDir Path tmp) throws IOException {
        Map<String, String> files = MiniImdb.files(20);
        files.keySet().removeIf(name -> name.startsWith("aclImdb/test/"));
        Path archive = MiniImdb.writeArchive(tmp.resolve("a.tar.gz"), files);
        DataException e = assertThrows(DataException.class, () -> ImdbReader.read(archive));
        assertEquals(archive + " has 40 training reviews but no test set"
                + " (expected aclImdb/test/pos/ and aclImdb/test/neg/ holding <id>_<rating>.txt files)", e.getMessage());
    }

    @Test
    void aDirectoryWithEmptyTestFoldersSaysItHasNoTestSet(@TempDir Path tmp) throws IOException {
        Path root = MiniImdb.writeDirectory(tmp, 20);
        deleteFilesIn(root.resolve("test/pos"));
        deleteFilesIn(root.resolve("test/neg"));
        DataException e = assertThrows(DataException.class, () -> ImdbReader.read(root));
        assertTrue(e.getMessage().startsWith(root + " has 40 training reviews but no test set"), e.getMessage());
    }

    @Test
    void aStronglyImbalancedSplitIsReadWithAWarningNamingIt(@TempDir Path tmp) throws IOException {
        Path root = MiniImdb.writeDirectory(tmp, 20);
        try (Stream<Path> pos = Files.list(root.resolve("train/pos"))) {
            for (Path p : pos.sorted().skip(3).toList()) {
                Files.delete(p);
            }
        }
        ImdbCorpus c;
        List<String> warnings;
        try (LogCapture log = LogCapture.of(ImdbReader.class)) {
            c = ImdbReader.read(root);
            warnings = log.warnings();
        }
        assertEquals(23, c.train().size());
        assertEquals(1, warnings.stream().filter(w -> w.contains("imbalanced")).count(), warnings.toString());
        String warning = warnings.stream().filter(w -> w.contains("imbalanced")).findFirst().orElseThrow();
        assertTrue(warning.contains("the train split") && warning.contains("3 positive and 20 negative"), warning);
    }

    @Test
    void aBalancedCorpusLogsNoImbalanceWarning(@TempDir Path tmp) throws IOException {
        try (LogCapture log = LogCapture.of(ImdbReader.class)) {
            ImdbReader.read(MiniImdb.writeDirectory(tmp, 5));
            assertTrue(log.warnings().stream().noneMatch(w -> w.contains("imbalanced")), log.warnings().toString());
        }
    }

    @Test
    void reviewFilesWhoseRatingBreaksTheRulesAreSkippedCountedAndWarnedAbout(@TempDir Path tmp) throws IOException {
        Map<String, String> files = MiniImdb.files(10);
        for (String bad : List.of("train/pos/20000_1.txt", "test/neg/14_99.txt", "train/neg/30000_5.txt",
                "train/pos/30001_6.txt", "test/pos/40000_0.txt", "train/neg/50000_8.txt", "test/pos/2_99999999999.txt")) {
            files.put("aclImdb/" + bad, "A review whose file name breaks the rules.");
        }
        ImdbCorpus fromTar = ImdbReader.read(MiniImdb.writeArchive(tmp.resolve("a.tar.gz"), files));
        ImdbCorpus fromDir;
        List<String> warnings;
        try (LogCapture log = LogCapture.of(ImdbReader.class)) {
            fromDir = ImdbReader.read(MiniImdb.writeDirectory(tmp.resolve("d"), files));
            warnings = log.warnings();
        }
        assertEquals(fromDir, fromTar);
        assertEquals(20, fromDir.train().size());
        assertEquals(20, fromDir.test().size());
        assertEquals(List.of("test/neg/14_99.txt", "test/pos/2_99999999999.txt", "test/pos/40000_0.txt",
                "train/neg/30000_5.txt", "train/neg/50000_8.txt", "train/pos/20000_1.txt", "train/pos/30001_6.txt"),
                fromDir.skippedFiles());
        assertEquals(7, fromDir.skippedCount());
        assertEquals(4, fromDir.skippedFiles("train").size());
        String warning = warnings.stream().filter(w -> w.contains("skipped")).findFirst().orElse(warnings.toString());
        assertTrue(warning.startsWith("skipped 7 review files"), warning);
        assertTrue(warning.contains("test/neg/14_99.txt (rating 99 is outside 1..10)"), warning);
    }

    @Test
    void aClassWhoseFilesWereAllSkippedSaysWhyItIsMissing(@TempDir Path tmp) throws IOException {
        Map<String, String> files = new java.util.LinkedHashMap<>();
        MiniImdb.files(4).forEach((name, text) ->
                files.put(name.startsWith("aclImdb/train/pos/") ? name.replaceAll("_\\d+\\.txt$", "_2.txt") : name, text));
        Path root = MiniImdb.writeDirectory(tmp, files);
        DataException e = assertThrows(DataException.class, () -> ImdbReader.read(root));
        assertEquals("the train split in " + root + " has 0 positive and 4 negative reviews: both classes are needed"
                + " (all 4 review files in aclImdb/train/pos/ were skipped for a rating that breaks the dataset's rules,"
                + " e.g. 0_2.txt)", e.getMessage());
    }

    @Test
    void unlabelledReviewsAreIgnoredNotCountedAsSkipped(@TempDir Path tmp) throws IOException {
        ImdbCorpus c = ImdbReader.read(MiniImdb.writeDirectory(tmp, 3));
        assertEquals(List.of(), c.skippedFiles());
    }

    private static void deleteFilesIn(Path folder) throws IOException {
        try (Stream<Path> s = Files.list(folder)) {
            for (Path p : s.toList()) {
                Files.delete(p);
            }
        }
    }

    @Test
    void invalidUtf8IsReadWithReplacementCharactersAndCounted(@TempDir Path tmp) throws IOException {
        Path root = MiniImdb.writeDirectory(tmp, 2);
        Files.write(root.resolve("train/pos/0_7.txt"), new byte[] {'G', 'o', 'o', 'd', ' ', (byte) 0xC3, (byte) 0x28, '!'});
        ImdbCorpus c = ImdbReader.read(root);
        assertEquals(java.util.Set.of("train/pos/0_7"), c.invalidUtf8());
        Review r = c.train().stream().filter(x -> x.id().equals("train/pos/0_7")).findFirst().orElseThrow();
        assertEquals("Good \uFFFD(!", r.text());
    }

    @Test
    void readsTheSharedArchive() throws IOException {
        ImdbCorpus c = ImdbReader.read(SharedData.require(SharedData.IMDB_ARCHIVE));
        Map<String, Long> counts = c.train().stream()
                .collect(Collectors.groupingBy(r -> "train/" + r.label(), Collectors.counting()));
        c.test().forEach(r -> counts.merge("test/" + r.label(), 1L, Long::sum));
        assertEquals(Map.of("train/NEGATIVE", 12_500L, "train/POSITIVE", 12_500L,
                "test/NEGATIVE", 12_500L, "test/POSITIVE", 12_500L), counts);
        assertEquals(25_000, c.train().stream().map(Review::id).collect(Collectors.toSet()).size());
        assertTrue(c.train().stream().allMatch(r -> r.label() == Sentiment.POSITIVE ? r.rating() >= 7 : r.rating() <= 4));
        // Review numbers run 0..12499 in each class, in that order.
        List<Integer> numbers = c.test().subList(0, 12_500).stream()
                .map(r -> Integer.parseInt(r.id().replaceAll(".*/(\\d+)_\\d+", "$1"))).toList();
        assertEquals(IntStream.range(0, 12_500).boxed().toList(), numbers);
    }
}
