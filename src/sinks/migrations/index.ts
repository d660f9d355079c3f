/**
 * The PostgreSQL sink's versioned migrations, in order. Each is a TypeScript module that
 * exports `version` (1, 2, ...; never reused or edited once released), `name` and `sql`, so
 * that they ship with the compiled code (tsc does not copy .sql files to dist/).
 * A new migration is a new file here, added to the list.
 */
import * as m0001 from './0001-articles.js';
import * as m0002 from './0002-record-version.js';
import * as m0015 from './0015-stories.js';
import * as m0016 from './0016-search-places.js';
import * as m0017 from './0017-search-signals.js';
import * as m0018 from './0018-search-one-gin.js';
import * as m0019 from './0019-story-aliases.js';

/** One migration: applied once per table, in version order, inside one transaction. */
export interface Migration {
  version: number;
  name: string;
  /** SQL with `{{table}}` (quoted table name) and `{{prefix}}` (bare name, for index names). */
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [m0001, m0002, m0015, m0016, m0017, m0018, m0019];
