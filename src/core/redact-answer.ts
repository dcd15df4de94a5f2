// Answers pass through the same redactor as log lines before they leave: a secret a user typed
// ("/search <the signing secret>", "/budget xoxb-…") is echoed back in titles, "understood as"
// lines and suggestions, and would otherwise be posted to a channel.

/** A copy of the value with every string redacted (bytes, numbers and booleans as they are). */
export function redactDeep<T>(value: T, redact: (text: string) => string): T {
  if (typeof value === 'string') return redact(value) as T;
  if (Array.isArray(value)) return value.map((v) => redactDeep(v, redact)) as T;
  if (value && typeof value === 'object' && !ArrayBuffer.isView(value)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redactDeep(v, redact)])) as T;
  }
  return value;
}

/** The answer as it is when nothing in it needs redacting (one pass over its text), else a redacted copy. */
export function redactAnswer<T>(value: T, redact: (text: string) => string): T {
  const json = JSON.stringify(value);
  return redact(json) === json ? value : redactDeep(value, redact);
}
