// An Answer as Discord messages: embeds within Discord's limits (25 fields, 1024 characters per
// field value, 4096 per description, 6000 per message, 10 embeds per message), split into as many
// messages as needed. Red for errors, blue for answers.
import { citationText } from './cite.js';
import type { Answer, AnswerAction } from '../core/answer.js';
import { capMessages, chunkLines, clip, DISCORD } from './limits.js';
import { renderTable } from './text.js';

export interface DiscordEmbed {
  title?: string;
  description?: string;
  color?: number;
  fields?: { name: string; value: string; inline?: boolean }[];
  footer?: { text: string };
  image?: { url: string };
}

/** A button (component type 2) in an action row (type 1); style 1 primary, 2 secondary. */
export interface DiscordButton { type: 2; style: 1 | 2; label: string; custom_id: string }
export interface DiscordActionRow { type: 1; components: DiscordButton[] }

export interface DiscordMessage {
  embeds: DiscordEmbed[];
  components?: DiscordActionRow[];
}

/** Buttons carry their request in the custom id; the adapter reads it back. */
export const CUSTOM_ID_PREFIX = 'bb:';
const jsonId = (a: AnswerAction) => {
  const id = `${CUSTOM_ID_PREFIX}${JSON.stringify(a.request)}`;
  return id.length <= DISCORD.customId ? id : null;
};

/** The answer's actions as rows of buttons; an action whose id cannot be made is left out. */
export function discordComponents(actions: AnswerAction[] | undefined, customId: (a: AnswerAction) => string | null = jsonId): DiscordActionRow[] {
  const buttons = (actions ?? []).flatMap((a): DiscordButton[] => {
    const id = customId(a);
    return id ? [{ type: 2, style: a.kind === 'all' ? 1 : 2, label: clip(a.label, DISCORD.buttonLabel), custom_id: id }] : [];
  });
  const rows: DiscordActionRow[] = [];
  for (let i = 0; i < buttons.length && rows.length < DISCORD.rowsPerMessage; i += DISCORD.buttonsPerRow) rows.push({ type: 1, components: buttons.slice(i, i + DISCORD.buttonsPerRow) });
  return rows;
}

const COLOR = { answer: 0x2b6cb0, help: 0x4a5568, error: 0xc53030 } as const;
/** Characters one embed may take, leaving room within a message's 6000. */
const EMBED_BUDGET = 4000;

function size(e: DiscordEmbed): number {
  return (e.title?.length ?? 0) + (e.description?.length ?? 0) + (e.footer?.text.length ?? 0) + (e.fields ?? []).reduce((n, f) => n + f.name.length + f.value.length, 0);
}

export interface DiscordRenderOptions {
  /** The custom id for a button (the adapter may keep long requests server-side). */
  customId?: (a: AnswerAction) => string | null;
  /** Escapes text that may echo the asker's words (discord.js escapeMarkdown, passed by the adapter). */
  escape?: (text: string) => string;
}

export function renderDiscord(a: Answer, { customId, escape = (t) => t }: DiscordRenderOptions = {}): DiscordMessage[] {
  const color = COLOR[a.kind];
  const embeds: DiscordEmbed[] = [];
  const head: DiscordEmbed = { title: clip(escape(a.title), DISCORD.title), color };
  const description = [a.understood, a.summary].filter(Boolean).map((t) => escape(t!)).join('\n');
  if (description) head.description = clip(description, DISCORD.description);
  const fields = a.fields.map((f) => ({ name: clip(escape(f.label), DISCORD.fieldName), value: clip(`${escape(f.value)}${f.cite ? ` [${f.cite}]` : ''}`, DISCORD.fieldValue), inline: true }));
  // Fields fill embeds up to 25 each and a character budget, so no embed alone breaks 6000 per message.
  let current = head;
  current.fields = [];
  embeds.push(current);
  for (const f of fields) {
    if (current.fields!.length === DISCORD.fieldsPerEmbed || size(current) + f.name.length + f.value.length > EMBED_BUDGET) {
      current = { color, fields: [] };
      embeds.push(current);
    }
    current.fields!.push(f);
  }
  for (const t of a.tables) {
    // Fences take 8 characters; keep each description well under the 6000-per-message budget.
    for (const [k, chunk] of chunkLines(renderTable({ ...t, title: undefined }), 1800).entries()) {
      // Inside a code block nothing can be escaped: a backtick from the asker's words is neutralised (ˋ).
      embeds.push({ color, title: k === 0 && t.title ? clip(escape(t.title), DISCORD.title) : undefined, description: `\`\`\`\n${chunk.replace(/`/g, 'ˋ')}\n\`\`\`` });
    }
  }
  const extras = [...a.warnings.map((w) => `⚠️ ${w}`), ...a.notes].map(escape);
  for (const chunk of chunkLines(extras, 1800)) embeds.push({ color, description: chunk });
  const cites = a.citations.map((c, i) => `[${i + 1}] ${citationText(c, false)}`);
  for (const [k, chunk] of chunkLines(cites, 1800).entries()) embeds.push({ color, title: k === 0 ? '出处' : undefined, description: chunk });

  // Pack embeds into messages without breaking the per-message limits.
  const messages: DiscordMessage[] = [];
  let cur: DiscordEmbed[] = [];
  let chars = 0;
  for (const e of embeds) {
    const n = size(e);
    if (cur.length && (cur.length === DISCORD.embedsPerMessage || chars + n > DISCORD.charsPerMessage)) {
      messages.push({ embeds: cur });
      cur = [];
      chars = 0;
    }
    cur.push(e);
    chars += n;
  }
  if (cur.length) messages.push({ embeds: cur });
  const capped = capMessages(messages, (note) => ({ embeds: [{ color, description: note }] }));
  const components = discordComponents(a.actions, customId);
  if (components.length) capped[capped.length - 1].components = components;
  return capped;
}
