// Where the bundled data lives, resolved from this file so the CLI works from any directory.
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const DEFAULT_DATA_DIR = join(PROJECT_ROOT, 'data', 'disclosures');
export const DEFAULT_DB_FILE = join(PROJECT_ROOT, 'data', 'budget.sqlite');
export const DEFAULT_DIGESTS_FILE = join(PROJECT_ROOT, 'data', 'digests.json');
export const DEFAULT_STATE_FILE = join(PROJECT_ROOT, 'data', 'digests.sqlite');
/** The console's own files (history, log), per user: a conversation is not project data. */
export const CONSOLE_DIR = join(homedir(), '.budget-bot');
