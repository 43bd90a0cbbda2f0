-- Links inside an article that point to another article of the store open
-- in the reader: finding that article is a lookup by its link
-- (Store.ArticlesByLink), which without an index reads every row.
CREATE INDEX articles_by_link ON articles (link);
