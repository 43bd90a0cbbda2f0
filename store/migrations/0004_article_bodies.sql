-- Article bodies move to their own table. A list page reads fifty rows of
-- the articles table; with bodies inline each row was tens of kilobytes, so
-- every row sat on its own pages and a page of the list cost fifty page
-- reads. Now articles rows are small and dense, and a body is read only
-- when an article is opened, exported or indexed.
CREATE TABLE article_bodies (
    article_id INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
    summary    TEXT NOT NULL DEFAULT '',
    content    TEXT NOT NULL DEFAULT '',
    markdown   TEXT,
    text       TEXT NOT NULL DEFAULT ''
);
INSERT INTO article_bodies (article_id, summary, content, markdown, text)
    SELECT id, summary, content, markdown, text FROM articles;

-- The generation trigger named articles.text; a body change always changes
-- articles.hash, so it watches that instead.
DROP TRIGGER article_stats_update;
ALTER TABLE articles DROP COLUMN summary;
ALTER TABLE articles DROP COLUMN content;
ALTER TABLE articles DROP COLUMN markdown;
ALTER TABLE articles DROP COLUMN text;
CREATE TRIGGER article_stats_update AFTER UPDATE OF title, published, hash ON articles BEGIN
    UPDATE article_stats SET generation = generation + 1;
END;
