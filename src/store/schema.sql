-- budget-bot store. Amounts are INTEGER 分 (0.01 元 = 0.000001 万元): exact, and summable in SQL.
-- Every figure row carries its provenance: table title and 1-based source line.

CREATE TABLE meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
);

CREATE TABLE documents (
  id          INTEGER PRIMARY KEY,
  source      TEXT NOT NULL,               -- file name under the data directory
  sha256      TEXT NOT NULL,
  department  TEXT NOT NULL,
  unit_name   TEXT,                        -- the unit's own name for a 单位 budget ("…本级")
  region      TEXT,
  year        INTEGER NOT NULL,
  kind        TEXT NOT NULL CHECK (kind IN ('预算', '决算')),
  scope       TEXT NOT NULL CHECK (scope IN ('部门', '单位')),
  source_unit TEXT NOT NULL CHECK (source_unit IN ('万元', '元')),
  format      TEXT NOT NULL DEFAULT 'txt' CHECK (format IN ('txt', 'pdf')),
  -- 1 for each department's latest disclosure (its 部门 budget where a year has both): set at ingest.
  latest      INTEGER NOT NULL DEFAULT 0,
  first_line  INTEGER NOT NULL,
  last_line   INTEGER NOT NULL,
  UNIQUE (source, first_line)
);
CREATE INDEX documents_by_department ON documents (department, year);
CREATE INDEX documents_by_region ON documents (region, year);
CREATE INDEX documents_by_year ON documents (year);
CREATE INDEX documents_latest ON documents (latest);

CREATE TABLE totals (
  doc_id      INTEGER NOT NULL REFERENCES documents (id),
  key         TEXT NOT NULL,
  amount      INTEGER NOT NULL,
  table_title TEXT NOT NULL,
  line        INTEGER NOT NULL,
  verified    INTEGER NOT NULL DEFAULT 1,   -- 0: no identity in the document confirms it (shown as unverified)
  PRIMARY KEY (doc_id, key)
) WITHOUT ROWID;
CREATE INDEX totals_by_key ON totals (key, amount);

CREATE TABLE function_items (
  doc_id      INTEGER NOT NULL REFERENCES documents (id),
  code        TEXT NOT NULL,
  level       INTEGER NOT NULL,              -- 1 类, 2 款, 3 项
  name        TEXT NOT NULL,
  total       INTEGER,
  basic       INTEGER,
  project     INTEGER,
  table_title TEXT NOT NULL,
  line        INTEGER NOT NULL,
  verified    INTEGER NOT NULL DEFAULT 1,   -- 0: no identity in the document confirms the row
  lines       TEXT,                         -- "340,341": the lines a row printed twice was added up from
  PRIMARY KEY (doc_id, code)
) WITHOUT ROWID;
CREATE INDEX function_by_code ON function_items (code, total);
CREATE INDEX function_by_name ON function_items (name);

CREATE TABLE economic_items (
  doc_id       INTEGER NOT NULL REFERENCES documents (id),
  code         TEXT NOT NULL,
  level        INTEGER NOT NULL,
  name         TEXT NOT NULL,
  total        INTEGER,
  personnel    INTEGER,
  public_funds INTEGER,
  table_title  TEXT NOT NULL,
  line         INTEGER NOT NULL,
  verified     INTEGER NOT NULL DEFAULT 1,
  lines        TEXT,
  PRIMARY KEY (doc_id, code)
) WITHOUT ROWID;
CREATE INDEX economic_by_code ON economic_items (code, total);
CREATE INDEX economic_by_name ON economic_items (name);

-- A code a table prints on several lines (seed 002's 基本支出表 lists 30113 once per 政府经济分类 code):
-- the item row above holds their sum, which the arithmetic and every answer use; each printed line is
-- kept here with its own figures. part1/part2: basic/project for 'function', personnel/public_funds
-- for 'economic'.
CREATE TABLE item_lines (
  doc_id INTEGER NOT NULL REFERENCES documents (id),
  family TEXT NOT NULL CHECK (family IN ('function', 'economic')),
  code   TEXT NOT NULL,
  line   INTEGER NOT NULL,
  name   TEXT NOT NULL,
  total  INTEGER,
  part1  INTEGER,
  part2  INTEGER,
  PRIMARY KEY (doc_id, family, code, line)
) WITHOUT ROWID;

CREATE TABLE three_public (
  doc_id            INTEGER PRIMARY KEY REFERENCES documents (id),
  total             INTEGER,
  outbound          INTEGER,
  vehicle           INTEGER,
  vehicle_purchase  INTEGER,
  vehicle_operation INTEGER,
  reception         INTEGER,
  meeting           INTEGER,
  training          INTEGER,
  -- A 决算's 预算数 columns (NULL throughout where the table prints none; a blank cell stays NULL).
  budget_printed    INTEGER NOT NULL DEFAULT 0,
  budget_total      INTEGER,
  budget_outbound   INTEGER,
  budget_vehicle    INTEGER,
  budget_vehicle_purchase  INTEGER,
  budget_vehicle_operation INTEGER,
  budget_reception  INTEGER,
  table_title       TEXT NOT NULL,
  line              INTEGER NOT NULL
);

CREATE TABLE projects (
  id          INTEGER PRIMARY KEY,
  doc_id      INTEGER NOT NULL REFERENCES documents (id),
  name        TEXT NOT NULL,
  amount      INTEGER,
  table_title TEXT NOT NULL,
  line        INTEGER NOT NULL,
  verified    INTEGER NOT NULL DEFAULT 1    -- 0: the project list does not add up to 项目支出
);
CREATE INDEX projects_by_doc ON projects (doc_id);

CREATE TABLE targets (
  id          INTEGER PRIMARY KEY,
  doc_id      INTEGER NOT NULL REFERENCES documents (id),
  project     TEXT,
  text        TEXT NOT NULL,
  table_title TEXT NOT NULL,
  line        INTEGER NOT NULL
);
CREATE INDEX targets_by_doc ON targets (doc_id);

-- A 决算's own statement of its execution (预算数, 决算数, 完成率), as the narrative words it.
CREATE TABLE executions (
  doc_id      INTEGER NOT NULL REFERENCES documents (id),
  scope       TEXT NOT NULL,                 -- fiscal | general_budget | gov_fund
  budget      INTEGER NOT NULL,
  full_year   INTEGER,                       -- 全年预算, where stated
  final       INTEGER NOT NULL,
  rate        TEXT,                          -- exact decimal text, as printed
  verified    INTEGER NOT NULL,
  table_title TEXT NOT NULL,
  line        INTEGER NOT NULL,
  PRIMARY KEY (doc_id, scope)
) WITHOUT ROWID;

CREATE TABLE changes (
  doc_id      INTEGER NOT NULL REFERENCES documents (id),
  metric      TEXT NOT NULL,
  prior_year  INTEGER NOT NULL,
  change      INTEGER NOT NULL,
  percent     TEXT,                          -- exact decimal text, as printed
  table_title TEXT NOT NULL,
  line        INTEGER NOT NULL,
  PRIMARY KEY (doc_id, metric)
) WITHOUT ROWID;

CREATE TABLE findings (
  id          INTEGER PRIMARY KEY,
  doc_id      INTEGER NOT NULL REFERENCES documents (id),
  rule        TEXT NOT NULL,
  severity    TEXT NOT NULL CHECK (severity IN ('error', 'warning', 'info')),
  message     TEXT NOT NULL,
  table_title TEXT NOT NULL,
  line        INTEGER NOT NULL
);
CREATE INDEX findings_by_doc ON findings (doc_id);

CREATE TABLE passages (
  id     INTEGER PRIMARY KEY,
  doc_id INTEGER NOT NULL REFERENCES documents (id),
  line   INTEGER NOT NULL,
  text   TEXT NOT NULL
);
CREATE INDEX passages_by_doc ON passages (doc_id);

CREATE TABLE doc_tables (
  doc_id INTEGER NOT NULL REFERENCES documents (id),
  title  TEXT NOT NULL,
  kind   TEXT NOT NULL,
  line   INTEGER NOT NULL,
  empty  INTEGER NOT NULL
);
CREATE INDEX doc_tables_by_doc ON doc_tables (doc_id);

-- For documents read from PDFs: where each page starts, so a citation can name file and page.
CREATE TABLE pages (
  doc_id     INTEGER NOT NULL REFERENCES documents (id),
  first_line INTEGER NOT NULL,
  file       TEXT NOT NULL,
  page       INTEGER NOT NULL,
  PRIMARY KEY (doc_id, first_line)
) WITHOUT ROWID;

-- Where each file a disclosure was read from lay at ingest (a document's own name and, for a PDF,
-- each part's name as pages.file gives it): what 查看原文 renders or quotes. The database is
-- derived from these files; a file moved or changed since is said so, never guessed at.
CREATE TABLE source_files (
  name TEXT PRIMARY KEY,
  path TEXT NOT NULL
) WITHOUT ROWID;

-- Files holding a disclosure already loaded from another file (a PDF and its text layer, say);
-- checked against it figure by figure.
CREATE TABLE duplicates (
  source      TEXT PRIMARY KEY,
  kept_source TEXT NOT NULL,
  differences INTEGER NOT NULL
);

-- Documents that could not be read, with the reason shown to users.
CREATE TABLE rejected (
  source TEXT PRIMARY KEY,
  reason TEXT NOT NULL
);

-- Full-text search over project names, performance targets and narrative. `tokens` holds the text's
-- index words (src/query/index-tokens.ts: Han text as overlapping character pairs, other words
-- whole, space-separated); the other columns are payload.
CREATE VIRTUAL TABLE search_index USING fts5(
  tokens,
  doc_id UNINDEXED,
  kind UNINDEXED,
  line UNINDEXED,
  text UNINDEXED,
  tokenize = 'unicode61'
);

-- Every (code, name) printed and in how many disclosures: the subject dictionary, built at ingest
-- so that start-up does not group millions of rows.
CREATE TABLE subjects (
  kind  TEXT NOT NULL,
  code  TEXT NOT NULL,
  name  TEXT NOT NULL,
  count INTEGER NOT NULL,
  PRIMARY KEY (kind, code, name)
) WITHOUT ROWID;
