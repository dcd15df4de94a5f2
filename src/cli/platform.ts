// What the long-running commands (start, digest) share: the platforms' configuration and, in the
// console, a log that does not write between the answers.
import { appendFileSync, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { loadCommandNames, loadConfig } from '../config.js';
import { createLogger } from '../log.js';
import { CONSOLE_DIR, PROJECT_ROOT } from '../paths.js';

/** Platform configuration from the environment (and a .env file beside the project, if any). */
export function platformConfig() {
  const envFile = join(PROJECT_ROOT, '.env');
  if (existsSync(envFile)) process.loadEnvFile(envFile);
  return loadConfig();
}

/** The command names (BUDGET_BOT_COMMAND_PREFIX, from the environment or .env) for the manifest and registration. */
export function commandNames() {
  const envFile = join(PROJECT_ROOT, '.env');
  if (existsSync(envFile)) process.loadEnvFile(envFile);
  return loadCommandNames();
}

/** Appends log lines to ~/.budget-bot/console.log; if that cannot be written, only errors reach stderr. */
function consoleLogWriter(): (line: string) => void {
  const file = join(CONSOLE_DIR, 'console.log');
  return (line) => {
    try {
      mkdirSync(CONSOLE_DIR, { recursive: true });
      appendFileSync(file, line);
    } catch {
      if (line.includes('"level":"error"')) process.stderr.write(line);
    }
  };
}

/** The configuration and its logger: in the console, log lines would land between the answers, so they go to a file. */
export function platformSetup() {
  const cfg = platformConfig();
  const consoleOnly = !cfg.slack && !cfg.discord;
  const log = createLogger({ secrets: cfg.secrets, level: cfg.logLevel, ...(consoleOnly ? { write: consoleLogWriter() } : {}) });
  return { cfg, consoleOnly, log };
}
