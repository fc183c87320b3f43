package org.imdbsentiment.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ImdbDataTest {

    @Test
    void aDataPathThatIsADanglingSymbolicLinkSaysWhereItPoints(@TempDir Path tmp) throws IOException {
        Path link = Files.createSymbolicLink(tmp.resolve("aclImdb_v1.tar.gz"), Path.of("old/aclImdb_v1.tar.gz"));
        DataException e = assertThrows(DataException.class,
                () -> ImdbData.load(Optional.of(link), tmp.resolve("cache")));
        assertEquals("IMDB data not found: " + link + " is a symbolic link to old/aclImdb_v1.tar.gz ("
                + tmp.resolve("old/aclImdb_v1.tar.gz") + "), which does not exist"
                + " (give an aclImdb/ directory or an aclImdb_v1.tar.gz archive)", e.getMessage());
    }

    @Test
    void aMissingDataPathSaysItDoesNotExist(@TempDir Path tmp) {
        Path missing = tmp.resolve("nope");
        DataException e = assertThrows(DataException.class,
                () -> ImdbData.load(Optional.of(missing), tmp.resolve("cache")));
        assertEquals("IMDB data not found: " + missing + " does not exist"
                + " (give an aclImdb/ directory or an aclImdb_v1.tar.gz archive)", e.getMessage());
    }
}
