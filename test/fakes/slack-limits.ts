// What Slack refuses in a message, checked the way Slack checks it (Block Kit reference and
// chat.postMessage errors): the fake rejects these, and tests assert rendered answers pass them.

const textLength = (value: unknown): number => {
  if (Array.isArray(value)) return value.reduce((n: number, v) => n + textLength(v), 0);
  if (!value || typeof value !== 'object') return 0;
  let n = 0;
  for (const [k, v] of Object.entries(value)) n += k === 'text' && typeof v === 'string' ? v.length : textLength(v);
  return n;
};

/** Slack's error for a message, or null when Slack would accept it. */
export function slackRejects(message: { text?: string; blocks?: any[] }): string | null {
  const blocks = message.blocks ?? [];
  if (blocks.length > 50) return 'invalid_blocks: more than 50 blocks';
  if (textLength(blocks) > 12000) return 'msg_blocks_too_long';
  if (blocks.filter((b) => b.type === 'table').length > 1) return 'only_one_table_allowed';
  const ids = new Set<string>();
  for (const b of blocks) {
    if (b.type === 'header' && (b.text?.text?.length ?? 0) > 150) return 'invalid_blocks: header text over 150';
    if (b.type === 'section') {
      if ((b.text?.text?.length ?? 0) > 3000) return 'invalid_blocks: section text over 3000';
      if ((b.fields ?? []).length > 10 || (b.fields ?? []).some((f: any) => f.text.length > 2000)) return 'invalid_blocks: section fields';
    }
    if (b.type === 'context' && (b.elements.length > 10 || b.elements.some((e: any) => (e.text?.length ?? 0) > 3000))) return 'invalid_blocks: context';
    if (b.type === 'table') {
      if (b.rows.length > 100 || b.rows.some((r: any[]) => r.length > 20 || r.length !== b.rows[0].length)) return 'invalid_blocks: table rows or cells';
      if (b.rows.some((r: any[]) => r.some((c: any) => c.type === 'raw_text' && !c.text))) return 'invalid_blocks: empty table cell';
    }
    if (b.type === 'actions') {
      if (b.elements.length > 25) return 'invalid_blocks: more than 25 elements';
      for (const e of b.elements) {
        if (e.text.text.length > 75 || (e.value?.length ?? 0) > 2000 || e.action_id.length > 255) return 'invalid_blocks: button';
        if (ids.has(e.action_id)) return 'invalid_blocks: duplicate action_id';
        ids.add(e.action_id);
      }
    }
    // An open code fence renders the rest of the message as code.
    if (b.type === 'section' && ((b.text?.text ?? '').match(/```/g) ?? []).length % 2) return 'unclosed code fence';
  }
  if ((message.text?.length ?? 0) > 40000) return 'msg_too_long';
  return null;
}
