// Posting digests through the platforms' own clients: Slack chat.postMessage with Block Kit and
// the external upload flow for files; Discord channel messages with embeds and attachments.
import type { webApi } from '@slack/bolt';
import { Routes, type REST } from 'discord.js';
import { renderDiscord } from '../render/discord.js';
import { renderSlack } from '../render/slack.js';
import type { Poster } from './runner.js';

export function slackPoster(client: webApi.WebClient): Poster {
  return {
    async post(channel, answer, files) {
      const ids: string[] = [];
      for (const m of renderSlack(answer)) {
        const res = await client.chat.postMessage({ channel, ...m });
        if (res.ts) ids.push(res.ts);
      }
      for (const f of files) await client.files.uploadV2({ channel_id: channel, file: Buffer.from(f.data), filename: f.name, title: answer.title });
      return ids;
    },
  };
}

export function discordPoster(rest: REST): Poster {
  return {
    async post(channel, answer, files) {
      const ids: string[] = [];
      for (const [i, m] of renderDiscord(answer).entries()) {
        const withFiles = i === 0 && files.length > 0;
        const embeds = withFiles && files.some((f) => f.name === 'chart.png') ? m.embeds.map((e, k) => (k === 0 ? { ...e, image: { url: 'attachment://chart.png' } } : e)) : m.embeds;
        const res = (await rest.post(Routes.channelMessages(channel), {
          body: { embeds },
          ...(withFiles ? { files: files.map((f) => ({ name: f.name, data: Buffer.from(f.data), contentType: f.contentType })) } : {}),
        })) as { id: string };
        ids.push(res.id);
      }
      return ids;
    },
  };
}
