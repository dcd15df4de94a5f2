// /digest add-form on Discord: a modal (schedule, content, departments) whose submission is
// dispatched as the typed /digest add of the channel it was opened in — validated exactly as the
// text form. A refusal is shown to the submitter alone with what they typed, so nothing is lost.
import { ActionRowBuilder, MessageFlags, ModalBuilder, TextInputBuilder, TextInputStyle, type ModalSubmitInteraction } from 'discord.js';
import type { App } from '../app.js';
import { DIGEST_FORM, digestAddText } from './digest-form.js';
import { renderForDiscord } from './discord-reply.js';
import type { ActionIds } from './discord-actions.js';

export const DIGEST_MODAL_ID = 'bb-digest-add';

export function digestModal(): ModalBuilder {
  const f = DIGEST_FORM;
  const input = (id: string, label: string, placeholder: string, style: TextInputStyle, required: boolean, max: number) =>
    new ActionRowBuilder<TextInputBuilder>().addComponents(new TextInputBuilder().setCustomId(id).setLabel(label).setPlaceholder(placeholder).setStyle(style).setRequired(required).setMaxLength(max));
  return new ModalBuilder().setCustomId(DIGEST_MODAL_ID).setTitle(f.title).addComponents(
    input(f.schedule.id, f.schedule.label, '每周一 09:00', TextInputStyle.Short, true, 100),
    input(f.content.id, f.content.label, f.content.choices.map(([v]) => v).join(' / '), TextInputStyle.Short, true, 20),
    input(f.about.id, f.about.label, f.about.placeholder, TextInputStyle.Paragraph, false, 500),
  );
}

export async function onDigestModalSubmit(interaction: ModalSubmitInteraction, app: App, ids: ActionIds, who: { platform: string; user: string; channel: string; admin: boolean }) {
  const value = (id: string) => interaction.fields.getTextInputValue(id) ?? '';
  const text = digestAddText({ schedule: value(DIGEST_FORM.schedule.id), content: value(DIGEST_FORM.content.id), about: value(DIGEST_FORM.about.id) });
  const result = await app.ask({ command: 'digest', text, ...who });
  const [first, ...rest] = renderForDiscord(result, ids);
  if (result.outcome !== 'ok') {
    await interaction.reply({ ...first, content: `你填写的是：\`/digest ${text.replace(/`/g, "'")}\``, flags: MessageFlags.Ephemeral });
    return;
  }
  await interaction.reply(first);
  for (const m of rest) await interaction.followUp(m);
}
