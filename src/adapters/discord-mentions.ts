// Questions asked by mentioning the bot in a channel ("@budget-bot 竹山县医保局三公经费是多少"),
// answered as a reply to the message. Discord delivers the text of a message that mentions the bot
// without the privileged Message Content intent, so only the ordinary Guild Messages intent is asked for.
import type { Client, Message } from 'discord.js';
import type { App } from '../app.js';
import type { Logger } from '../log.js';
import { attachmentsFor } from '../render/attachments.js';
import type { ActionIds } from './discord-actions.js';
import { renderForDiscord } from './discord-reply.js';

/** The question in a message that mentions `botId`, or null when the message is not for the bot. */
export function questionIn(message: Pick<Message, 'content' | 'author'> & { mentions: { users: { has(id: string): boolean } } }, botId: string): string | null {
  if (message.author.bot || !message.mentions.users.has(botId)) return null;
  return message.content.replace(/<@!?\d+>/g, ' ').replace(/\s+/g, ' ').trim();
}

export function answerMentions(client: Client, app: App, ids: ActionIds, log: Logger): void {
  client.on('messageCreate', async (message) => {
    const question = client.user ? questionIn(message, client.user.id) : null;
    // A mention that is only a file asks nothing: the file is a document to add (discord-uploads.ts).
    if (question === null || (question === '' && message.attachments.size)) return;
    try {
      const result = await app.ask({ text: question, platform: 'discord', user: `discord:${message.author.id}`, channel: `discord:${message.channelId}` });
      const [first, ...rest] = renderForDiscord(result, ids);
      // A mention cannot be answered privately: an error is still a reply, just short.
      const reply = await message.reply({ ...first, allowedMentions: { repliedUser: false } });
      if (message.channel.isSendable()) for (const m of rest) await message.channel.send(m);
      const files = result.answer.ephemeral ? [] : await attachmentsFor(result.answer, { csv: result.csv });
      if (files.length) await reply.edit({ files: files.map((f) => ({ attachment: Buffer.from(f.data), name: f.name, description: f.altText?.slice(0, 1024) })) });
    } catch (err) {
      log({ level: 'error', source: 'discord', message: 'failed to answer a mention', error: (err as Error).message });
    }
  });
}
