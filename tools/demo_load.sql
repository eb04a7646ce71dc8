-- The demo's tables, loaded from data/ (see data/README.md for sources).
CREATE EXTENSION adoption;

-- the article's figures: metric, framework, period, value, unit
CREATE TABLE observations (metric text, framework text, period date, value float8, unit text);
\copy observations FROM 'data/seed_article_observations.csv' WITH (FORMAT csv, HEADER true)

-- Stack Overflow posts per month for 14 language tags, 2008-07 to 2020-07
CREATE TABLE so_posts (month date, tag text, posts float8);
\copy so_posts FROM 'data/stackoverflow_tag_posts_monthly.csv' WITH (FORMAT csv, HEADER true)

-- Stack Overflow questions per year tagged tensorflow, keras, pytorch
CREATE TABLE so_questions (year int, framework text, questions float8);
\copy so_questions FROM 'data/stackoverflow_framework_questions_yearly.csv' WITH (FORMAT csv, HEADER true)
