-- A search for a short prefix (fin*) read the doclist of every word that
-- starts with it and merged them before the first row came out: 0.8 s at
-- 100k articles, while a longer one (clim*) matches few enough words to
-- be quick. FTS5 keeps indexes of 2- and 3-letter prefixes on request,
-- which such a search walks in list order like a word, stopping after a
-- page. They cost some 9% of the store's size each.
DROP TRIGGER articles_fts_delete;
DROP TABLE articles_fts;
CREATE VIRTUAL TABLE articles_fts USING fts5(
    title, text, authors, tags,
    content = '', contentless_delete = 1,
    tokenize = 'unicode61 remove_diacritics 2',
    prefix = '2 3'
);
-- Rebuilt lazily (store.IndexPending), as in 0002: every article is to be
-- indexed again, and none has a row in the new index to remove.
UPDATE articles SET indexed = 0, fts_rowid = 0 WHERE indexed != 0 OR fts_rowid != 0;

CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles WHEN OLD.fts_rowid != 0 BEGIN
    DELETE FROM articles_fts WHERE rowid = OLD.fts_rowid;
END;
