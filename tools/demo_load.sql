-- The demo's tables, loaded from data/ (see data/README.md for sources).
CREATE EXTENSION adoption;

-- the article's figures: metric, framework, period, value, unit
CREATE TABLE observations (metric text, framework text, period date, value float8, unit text);
\copy observations FROM 'data/seed_article_observations.csv' WITH (FORMAT csv, HEADER true)
