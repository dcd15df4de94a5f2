// Sending an answer on Discord, the same way for a slash command, /ask and a pressed button: the
// first message as the reply (or the edit of a deferred one), the rest as follow-ups, private where
// the answer is private, and the chart and CSV attached to the reply once rendered. A button showing
// the same answer another way (page, every row, year) updates the message it sits on instead.
import { escapeMarkdown, MessageFlags, type ButtonInteraction, type ChatInputCommandInteraction } from 'discord.js';
import type { DispatchResult } from '../core/dispatch.js';
import type { SourceView } from '../source-view/index.js';
import { attachmentsFor } from '../render/attachments.js';
import { renderDiscord } from '../render/discord.js';
import type { ActionIds } from './discord-actions.js';

type Repliable = ChatInputCommandInteraction | ButtonInteraction;

export function renderForDiscord(result: DispatchResult, ids: ActionIds) {
  // Text that may echo the asker's words is escaped, so "*" or "__" in a question stays literal.
  return renderDiscord(result.answer, { customId: (a) => ids.encode(a), escape: (t) => escapeMarkdown(t) });
}

/** Attaches the chart and CSV to the message just sent (the reply, or the updated message). */
async function attachFiles(interaction: Repliable, result: DispatchResult, first: ReturnType<typeof renderForDiscord>[number]) {
  const files = await attachmentsFor(result.answer, { csv: result.csv });
  if (!files.length) return;
  const embeds = first.embeds.map((e, i) => (i === 0 && files.some((f) => f.name === 'chart.png') ? { ...e, image: { url: 'attachment://chart.png' } } : e));
  await interaction.editReply({ embeds, files: files.map((f) => ({ attachment: Buffer.from(f.data), name: f.name, description: f.altText?.slice(0, 1024) })) });
}

/**
 * The answer in place of the message whose button was pressed (interaction.update, or the edit of
 * it after deferUpdate), the rest following. A private answer after deferUpdate leaves the message
 * as it was and follows it, for the presser alone.
 */
export async function updateWithAnswer(interaction: ButtonInteraction, result: DispatchResult, ids: ActionIds, { deferred = false } = {}) {
  const [first, ...rest] = renderForDiscord(result, ids);
  if (result.answer.ephemeral) {
    for (const m of [first, ...rest]) await interaction.followUp({ ...m, flags: MessageFlags.Ephemeral });
    return;
  }
  // The old chart showed the old page or year: the message keeps no attachment of its own.
  if (deferred) await interaction.editReply({ ...first, attachments: [] });
  else await interaction.update({ ...first, attachments: [] });
  for (const m of rest) await interaction.followUp(m);
  await attachFiles(interaction, result, first);
}

export async function replyWithAnswer(interaction: Repliable, result: DispatchResult, ids: ActionIds, { deferred = false, filesOnly = false } = {}) {
  const [first, ...rest] = renderForDiscord(result, ids);
  const ephemeral = result.answer.ephemeral ? MessageFlags.Ephemeral : undefined;
  if (filesOnly && !ephemeral) {
    const files = await attachmentsFor(result.answer, { csv: result.csv });
    const csv = files.filter((f) => f.contentType === 'text/csv').map((f) => ({ attachment: Buffer.from(f.data), name: f.name }));
    const body = { content: csv.length ? `${escapeMarkdown(result.answer.title)} · CSV` : '这个回答没有表格可以导出。', files: csv };
    if (deferred) await interaction.editReply(body);
    else await interaction.reply(body);
    return;
  }
  if (deferred && ephemeral) {
    // A deferred reply is public; an error for the asker alone goes as an ephemeral follow-up.
    await interaction.deleteReply();
    await interaction.followUp({ ...first, flags: ephemeral });
  } else if (deferred) await interaction.editReply(first);
  else await interaction.reply({ ...first, flags: ephemeral });
  for (const m of rest) await interaction.followUp({ ...m, flags: ephemeral });
  // The chart and CSV are attached to the reply once rendered, so the reply itself is never late.
  if (ephemeral) return;
  await attachFiles(interaction, result, first);
}

/**
 * 查看原文 on Discord, its press deferred (drawing a page can take seconds, past Discord's 3 s): the
 * words that say what the images show, and the page images themselves, each with its alt text.
 */
export async function replyWithSourceView(interaction: ButtonInteraction, result: DispatchResult, view: () => Promise<SourceView>, ids: ActionIds) {
  if (!interaction.deferred) await interaction.deferReply();
  const shown = await view();
  const [first, ...rest] = renderForDiscord({ ...result, answer: shown.answer, csv: false }, ids);
  await interaction.editReply({ ...first, files: shown.images.map((f) => ({ attachment: Buffer.from(f.data), name: f.name, description: f.altText?.slice(0, 1024) })) });
  for (const m of rest) await interaction.followUp(m);
}
