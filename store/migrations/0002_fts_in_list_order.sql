-- Full-text rows are keyed in list order, so a search page is a walk down
-- the index that stops after one page instead of sorting every match.
-- An article's full-text rowid is (published << 29) | id (see ftsRowID in
-- store/index.go); fts_rowid remembers it (0: not in the index) so a change
-- of date can remove the old row.
ALTER TABLE articles ADD COLUMN fts_rowid INTEGER NOT NULL DEFAULT 0;

DROP TRIGGER articles_fts_delete;
DROP TABLE articles_fts;
CREATE VIRTUAL TABLE articles_fts USING fts5(
    title, text, authors, tags,
    content = '', contentless_delete = 1,
    tokenize = 'unicode61 remove_diacritics 2'
);
-- The index is rebuilt lazily (store.IndexPending), not here: a migration
-- must not hold the store for minutes.
UPDATE articles SET indexed = 0 WHERE indexed != 0;

CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles WHEN OLD.fts_rowid != 0 BEGIN
    DELETE FROM articles_fts WHERE rowid = OLD.fts_rowid;
END;
