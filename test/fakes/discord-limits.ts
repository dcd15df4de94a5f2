// What Discord refuses in a message (API reference: embed and component limits): the fake answers
// these with 400 "Invalid Form Body", and tests assert rendered answers pass them.

const embedChars = (e: any) => (e.title?.length ?? 0) + (e.description?.length ?? 0) + (e.footer?.text?.length ?? 0) + (e.author?.name?.length ?? 0)
  + (e.fields ?? []).reduce((n: number, f: any) => n + f.name.length + f.value.length, 0);

/** Discord's complaint about a message body, or null when Discord would accept it. */
export function discordRejects(body: { content?: string; embeds?: any[]; components?: any[] } | null | undefined): string | null {
  if (!body || typeof body !== 'object') return null;
  if ((body.content?.length ?? 0) > 2000) return 'content over 2000';
  const embeds = body.embeds ?? [];
  if (embeds.length > 10) return 'more than 10 embeds';
  if (embeds.reduce((n, e) => n + embedChars(e), 0) > 6000) return 'embeds over 6000 characters';
  for (const e of embeds) {
    if ((e.title?.length ?? 0) > 256) return 'embed title over 256';
    if ((e.description?.length ?? 0) > 4096) return 'embed description over 4096';
    if ((e.fields ?? []).length > 25) return 'more than 25 fields';
    for (const f of e.fields ?? []) if (f.name.length > 256 || f.value.length > 1024 || !f.name.length || !f.value.length) return 'field name/value length';
  }
  const rows = body.components ?? [];
  if (rows.length > 5) return 'more than 5 action rows';
  const ids = new Set<string>();
  for (const r of rows) {
    if (r.type !== 1 || r.components.length > 5 || !r.components.length) return 'bad action row';
    for (const c of r.components) {
      if ((c.label?.length ?? 0) > 80) return 'button label over 80';
      if (c.style !== 5 && (!c.custom_id || c.custom_id.length > 100)) return 'custom_id missing or over 100';
      if (ids.has(c.custom_id)) return 'duplicate custom_id';
      ids.add(c.custom_id);
    }
  }
  return null;
}
