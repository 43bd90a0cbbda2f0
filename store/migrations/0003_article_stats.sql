-- One row of store-wide figures, kept by triggers so reading them costs one
-- row at any store size (the way authors.count and tags.count are kept):
--   articles:   how many articles the store holds (the N of idf = log N/count,
--               which count(*) would find by reading a million index entries);
--   generation: moves whenever an article is added or removed, or its title,
--               text or date change, by any process. Related stories are
--               cached per article under it (store/related.go). Authors and
--               tags change only along with those columns (SaveArticles
--               rewrites them together). Read, starred, markdown and the
--               indexer's columns do not move it: they change no ranking.
CREATE TABLE article_stats (
    generation INTEGER NOT NULL,
    articles   INTEGER NOT NULL
);
INSERT INTO article_stats (generation, articles) SELECT 0, count(*) FROM articles;

CREATE TRIGGER article_stats_insert AFTER INSERT ON articles BEGIN
    UPDATE article_stats SET generation = generation + 1, articles = articles + 1;
END;
CREATE TRIGGER article_stats_delete AFTER DELETE ON articles BEGIN
    UPDATE article_stats SET generation = generation + 1, articles = articles - 1;
END;
CREATE TRIGGER article_stats_update AFTER UPDATE OF title, text, published ON articles BEGIN
    UPDATE article_stats SET generation = generation + 1;
END;
