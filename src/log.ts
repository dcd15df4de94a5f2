// Structured logging: one JSON line per event on stderr. Every line passes through the redactor,
// so a secret never reaches a log, whatever an error message or a library put in it.

export type Level = 'debug' | 'info' | 'warn' | 'error';
const RANK: Record<Level, number> = { debug: 10, info: 20, warn: 30, error: 40 };

/**
 * Token shapes redacted even when not configured here (a token pasted into a question, say). A match
 * starts only where a run of token characters starts: scanning from inside a run is what made the
 * Discord shape quadratic to cubic on a long run (seconds for one 40,000-character message).
 */
const TOKEN_PATTERNS = [/xox[abposr]-[\w-]{8,}/g, /xapp-[\w-]{8,}/g, /(?<![\w-])[\w-]{24,}\.[\w-]{6}\.[\w-]{27,}/g];

export function createRedactor(secrets: string[]): (text: string) => string {
  const known = [...new Set(secrets.filter((s) => s.length >= 6))].sort((a, b) => b.length - a.length);
  return (text) => {
    let out = text;
    for (const s of known) out = out.split(s).join('[REDACTED]');
    for (const re of TOKEN_PATTERNS) out = out.replace(re, '[REDACTED]');
    return out;
  };
}

export interface Logger {
  (entry: Record<string, unknown>): void;
  child(fields: Record<string, unknown>): Logger;
}

export interface LoggerOptions {
  secrets?: string[];
  level?: Level;
  write?: (line: string) => void;
}

export function createLogger({ secrets = [], level = 'info', write = (line) => void process.stderr.write(line) }: LoggerOptions = {}): Logger {
  const redact = createRedactor(secrets);
  const make = (base: Record<string, unknown>): Logger => {
    const log = ((entry: Record<string, unknown>) => {
      const lvl = (entry.level as Level) ?? 'info';
      if (RANK[lvl] < RANK[level]) return;
      write(`${redact(JSON.stringify({ time: new Date().toISOString(), level: lvl, ...base, ...entry }))}\n`);
    }) as Logger;
    log.child = (fields) => make({ ...base, ...fields });
    return log;
  };
  return make({});
}
