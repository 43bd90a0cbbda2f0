-- Subscriptions over HTTP (herald add / refresh / prune) and full articles.
--
-- full_articles: 1 = fetch each new article's page and keep the readable
-- article extracted from it (herald add --full).
-- pruned_before: unix seconds; `herald prune` removed this feed's articles
-- published before it, and a refresh does not bring them back.
ALTER TABLE feeds ADD COLUMN full_articles INTEGER NOT NULL DEFAULT 0;
ALTER TABLE feeds ADD COLUMN pruned_before INTEGER NOT NULL DEFAULT 0;

-- The readable article extracted from an article's page, kept beside the
-- feed's own summary (article_bodies, which a feed update rewrites whole)
-- and shown instead of it. html is sanitised; markdown and text are made
-- from it.
CREATE TABLE article_full (
    article_id INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
    url        TEXT NOT NULL DEFAULT '',
    html       TEXT NOT NULL DEFAULT '',
    markdown   TEXT NOT NULL DEFAULT '',
    text       TEXT NOT NULL DEFAULT '',
    fetched    INTEGER NOT NULL
);
