-- Feeds: subscriptions (kind 'http') and the sources of imported files
-- (kind 'file'). A feed's URL is its identity.
CREATE TABLE feeds (
    id            INTEGER PRIMARY KEY,
    url           TEXT NOT NULL UNIQUE,
    kind          TEXT NOT NULL DEFAULT 'http',
    title         TEXT NOT NULL DEFAULT '',
    site_url      TEXT NOT NULL DEFAULT '',
    etag          TEXT NOT NULL DEFAULT '',
    last_modified TEXT NOT NULL DEFAULT '',
    last_error    TEXT NOT NULL DEFAULT '',
    last_fetched  INTEGER NOT NULL DEFAULT 0, -- unix seconds, 0 = never
    last_success  INTEGER NOT NULL DEFAULT 0,
    retry_after   INTEGER NOT NULL DEFAULT 0,
    added         INTEGER NOT NULL
);

-- Articles. ident is the stable identity within a feed: 'g:'+guid, else
-- 'l:'+link, else 'h:'+hash of title, date and content.
-- published is unix seconds and never NULL: ordering depends on it.
-- text is the plain-text rendering used by full-text search and `cat`.
-- markdown is NULL until converted (conversion is lazy; see package feed).
-- indexed: 0 = not in the full-text index, 1 = indexed and current,
-- 2 = indexed but stale (the article changed since).
CREATE TABLE articles (
    id        INTEGER PRIMARY KEY,
    feed_id   INTEGER NOT NULL REFERENCES feeds(id) ON DELETE CASCADE,
    ident     TEXT NOT NULL,
    guid      TEXT NOT NULL DEFAULT '',
    link      TEXT NOT NULL DEFAULT '',
    title     TEXT NOT NULL DEFAULT '',
    published INTEGER NOT NULL,
    updated   INTEGER NOT NULL DEFAULT 0,
    added     INTEGER NOT NULL,
    summary   TEXT NOT NULL DEFAULT '',
    content   TEXT NOT NULL DEFAULT '',
    markdown  TEXT,
    text      TEXT NOT NULL DEFAULT '',
    hash      TEXT NOT NULL DEFAULT '',
    read      INTEGER NOT NULL DEFAULT 0,
    starred   INTEGER NOT NULL DEFAULT 0,
    indexed   INTEGER NOT NULL DEFAULT 0,
    UNIQUE (feed_id, ident)
);
CREATE INDEX articles_by_date ON articles (published DESC, id DESC);
CREATE INDEX articles_by_feed ON articles (feed_id, published DESC, id DESC);
CREATE INDEX articles_unread ON articles (published DESC, id DESC) WHERE read = 0;
CREATE INDEX articles_starred ON articles (published DESC, id DESC) WHERE starred = 1;
CREATE INDEX articles_unindexed ON articles (id) WHERE indexed != 1;

-- Authors and tags. key is the case-folded identity; name is how it was
-- first written. count is kept by triggers so facet lists never scan articles.
CREATE TABLE authors (
    id    INTEGER PRIMARY KEY,
    key   TEXT NOT NULL UNIQUE,
    name  TEXT NOT NULL,
    count INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE tags (
    id    INTEGER PRIMARY KEY,
    key   TEXT NOT NULL UNIQUE,
    name  TEXT NOT NULL,
    count INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX authors_by_count ON authors (count DESC, key);
CREATE INDEX tags_by_count ON tags (count DESC, key);

-- Links carry a copy of the article's published date so a filtered page is
-- a keyset walk over one index.
CREATE TABLE article_authors (
    author_id  INTEGER NOT NULL REFERENCES authors(id) ON DELETE CASCADE,
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    published  INTEGER NOT NULL,
    pos        INTEGER NOT NULL DEFAULT 0, -- order within the article, as published
    PRIMARY KEY (author_id, published DESC, article_id DESC)
) WITHOUT ROWID;
CREATE INDEX article_authors_by_article ON article_authors (article_id);
CREATE TABLE article_tags (
    tag_id     INTEGER NOT NULL REFERENCES tags(id) ON DELETE CASCADE,
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    published  INTEGER NOT NULL,
    pos        INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (tag_id, published DESC, article_id DESC)
) WITHOUT ROWID;
CREATE INDEX article_tags_by_article ON article_tags (article_id);

CREATE TRIGGER article_authors_count_up AFTER INSERT ON article_authors BEGIN
    UPDATE authors SET count = count + 1 WHERE id = NEW.author_id;
END;
CREATE TRIGGER article_authors_count_down AFTER DELETE ON article_authors BEGIN
    UPDATE authors SET count = count - 1 WHERE id = OLD.author_id;
END;
CREATE TRIGGER article_tags_count_up AFTER INSERT ON article_tags BEGIN
    UPDATE tags SET count = count + 1 WHERE id = NEW.tag_id;
END;
CREATE TRIGGER article_tags_count_down AFTER DELETE ON article_tags BEGIN
    UPDATE tags SET count = count - 1 WHERE id = OLD.tag_id;
END;

-- Full-text index. Contentless (the text lives in articles) but deletable.
-- rowid = articles.id. Rows are written by the indexer (store/index.go), not
-- on insert, so ingest stays fast; queries first bring the index up to date.
CREATE VIRTUAL TABLE articles_fts USING fts5(
    title, text, authors, tags,
    content = '', contentless_delete = 1,
    tokenize = 'unicode61 remove_diacritics 2'
);

-- An article leaving the store leaves the index with it.
CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles WHEN OLD.indexed != 0 BEGIN
    DELETE FROM articles_fts WHERE rowid = OLD.id;
END;
