// Documents attached to a Discord message for the bot: a mention with a PDF, .docx or .txt file
// (without the privileged Message Content intent, Discord gives a bot the attachments only of
// messages that mention it). A member with Manage Channels has it downloaded and added; anyone else
// is told who may add documents. The replies answer the message.
import { escapeMarkdown, PermissionFlagsBits, type Client, type Message } from 'discord.js';
import type { App } from '../app.js';
import type { DocumentAdder } from '../added/add-document.js';
import { fetchCapped } from '../added/download.js';
import { notAllowedAnswer, outcomeAnswer, overviewQuestions } from '../added/reply.js';
import type { Answer } from '../core/answer.js';
import type { Logger } from '../log.js';
import { renderDiscord } from '../render/discord.js';
import type { ActionIds } from './discord-actions.js';

export const DISCORD_WHO_MAY_ADD = '有“管理频道”权限的成员';

/** Files worth an answer: a document format, or anything attached to a mention (told why not). */
const DOCUMENT_NAME = /\.(pdf|docx?|txt)$/i;

/** Whether a message carries files for the bot: none from bots, and only documents unless the bot was mentioned. */
export function filesFor(message: Message, botId: string) {
  if (message.author.bot || !message.attachments.size) return [];
  const mentioned = message.mentions.users.has(botId);
  return [...message.attachments.values()].filter((a) => mentioned || DOCUMENT_NAME.test(a.name));
}

export function addUploadedDocuments(client: Client, app: App, adder: DocumentAdder, ids: ActionIds, log: Logger): void {
  const render = (answer: Answer) => renderDiscord(answer, { customId: (a) => ids.encode(a), escape: (t) => escapeMarkdown(t) });
  client.on('messageCreate', async (message) => {
    const files = client.user ? filesFor(message, client.user.id) : [];
    if (!files.length) return;
    const reply = async (answer: Answer) => {
      const [first, ...rest] = render(answer);
      await message.reply({ ...first, allowedMentions: { repliedUser: false } });
      if (message.channel.isSendable()) for (const m of rest) await message.channel.send(m);
    };
    try {
      // Manage Channels in this channel, as /digest asks (a guild owner and an Administrator have it).
      const allowed = !!message.inGuild() && !!message.member?.permissionsIn(message.channelId).has(PermissionFlagsBits.ManageChannels);
      for (const file of files) {
        if (!allowed) {
          await reply(notAllowedAnswer(file.name, DISCORD_WHO_MAY_ADD));
          continue;
        }
        const outcome = await adder.add({
          name: file.name,
          size: file.size,
          by: `discord:${message.author.id}`,
          byName: message.member?.displayName ?? message.author.username,
          // Attachment URLs are signed by Discord: no token goes with the request.
          download: (max) => fetchCapped(file.url, {}, max),
        });
        await reply(outcomeAnswer(outcome));
        for (const text of overviewQuestions(outcome)) {
          const result = await app.ask({ text, platform: 'discord', user: `discord:${message.author.id}`, channel: `discord:${message.channelId}` });
          if (result.answer.kind === 'answer') await reply(result.answer);
        }
      }
    } catch (err) {
      // Nothing a user uploads may take the bot down.
      log({ level: 'error', source: 'discord', message: 'failed to handle an uploaded file', error: (err as Error).message });
    }
  });
}
