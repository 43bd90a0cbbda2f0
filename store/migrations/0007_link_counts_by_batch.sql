-- Author and tag counts were raised by a trigger on every link row. An
-- import writes tens of thousands of links, and each raise rewrote a count
-- row and moved its entry in the by-count index: a fifth of the writer's
-- time. The writer now links a feed's articles and raises each count once,
-- by how many links it added (store/batchwriter.go). Counts still fall by
-- trigger, since links leave with their article on every delete path.
DROP TRIGGER article_authors_count_up;
DROP TRIGGER article_tags_count_up;
