// Slack mrkdwn text that respects the limits: escaped after cutting (so a cut never lands inside
// "&amp;"), code fences closed when a cut leaves one open, and a block's text counted the way
// Slack counts a message's total.
// A backtick is neutralised too (ˋ, U+02CB): mrkdwn cannot escape one, and an unclosed ``` echoed
// from a question turned the rest of the message into code. No answer uses one on purpose; the
// code blocks' own fences are added after escaping.
export const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/`/g, 'ˋ');

/** Escapes `raw` and cuts it to at most `max` characters of escaped text, marking a cut with "…". */
export function clipEscaped(raw: string, max: number): string {
  const full = esc(raw);
  if (full.length <= max) return full;
  let out = '';
  for (const ch of raw) {
    const e = esc(ch);
    if (out.length + e.length > max - 1) break;
    out += e;
  }
  return closeFences(`${out}…`, max);
}

/** An odd number of ``` leaves a code block open: close it (within `max`, cutting a little more if needed). */
export function closeFences(text: string, max: number): string {
  if ((text.match(/```/g) ?? []).length % 2 === 0) return text;
  const room = text.length + 3 > max ? text.slice(0, max - 4) + '…' : text;
  return `${room}\`\`\``;
}

/** Every piece of text in a block (header, section, fields, context, buttons): what Slack sums. */
export function blockTextLength(value: unknown): number {
  if (Array.isArray(value)) return value.reduce((n: number, v) => n + blockTextLength(v), 0);
  if (!value || typeof value !== 'object') return 0;
  let n = 0;
  for (const [k, v] of Object.entries(value)) n += k === 'text' && typeof v === 'string' ? v.length : blockTextLength(v);
  return n;
}
