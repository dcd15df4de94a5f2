// Documents shared in a Slack channel the bot is in (file_shared), or attached to a mention: an
// admin's PDF, .docx or .txt is downloaded with the bot token (url_private_download, files:read) and
// added; anyone else is told who may add documents. The replies go in the file's thread.
import type { App } from '@slack/bolt';
import type { App as BudgetApp } from '../app.js';
import type { AddOutcome, DocumentAdder } from '../added/add-document.js';
import { fetchCapped } from '../added/download.js';
import { notAllowedAnswer, outcomeAnswer, overviewQuestions } from '../added/reply.js';
import type { Answer } from '../core/answer.js';
import { createTtlSet } from '../core/rate-limit.js';
import type { Logger } from '../log.js';
import { renderSlack } from '../render/slack.js';
import { documentAdder, slackWhoMayAdd } from './slack-permissions.js';

type Client = InstanceType<typeof App>['client'];

/** A file worth an answer: a document format, or anything attached to a mention (told why not). */
const DOCUMENT_NAME = /\.(pdf|docx?|txt)$/i;

interface SharedFile {
  id: string;
  name: string;
  size?: number;
  url_private_download?: string;
  user?: string;
  shares?: { public?: Record<string, { ts: string }[]>; private?: Record<string, { ts: string }[]> };
}

export interface SlackUploadOptions {
  botToken: string;
  adminGroup?: string;
  adder: DocumentAdder;
}

export interface SlackUploads {
  /** A mention carrying files: each is handled (a wrong type told why); its text is left to the question handler. */
  mentioned(client: Client, event: { files?: { id: string }[]; channel: string; user?: string }, botUserId?: string): Promise<void>;
}

export function registerSlackUploads(b: App, app: BudgetApp, { botToken, adminGroup, adder }: SlackUploadOptions, log: Logger): SlackUploads {
  // A file attached to a mention arrives twice (file_shared and app_mention): it is handled once.
  const handled = createTtlSet(60 * 60 * 1000);

  const post = async (client: Client, channel: string, thread_ts: string | undefined, answer: Answer) => {
    for (const m of renderSlack(answer)) await client.chat.postMessage({ channel, ...(thread_ts ? { thread_ts } : {}), ...m });
  };

  async function onFile(client: Client, fileId: string, channel: string, user: string, { mentioned = false, botUserId }: { mentioned?: boolean; botUserId?: string }) {
    if (!handled.add(fileId) || user === botUserId) return;
    const { file } = (await client.files.info({ file: fileId })) as unknown as { file: SharedFile };
    // A screenshot shared in a channel is not for the bot; one attached to a mention is told why not.
    if (!file || (!mentioned && !DOCUMENT_NAME.test(file.name))) return;
    const thread_ts = (file.shares?.public?.[channel] ?? file.shares?.private?.[channel])?.[0]?.ts;
    const who = await documentAdder(client, user, adminGroup);
    if (!who.allowed) return post(client, channel, thread_ts, notAllowedAnswer(file.name, slackWhoMayAdd(adminGroup)));
    await client.chat.postMessage({ channel, ...(thread_ts ? { thread_ts } : {}), text: `收到“${file.name}”，正在读取和载入…` });
    const outcome: AddOutcome = await adder.add({
      name: file.name,
      size: file.size,
      by: `slack:${user}`,
      byName: who.name,
      download: (max) => {
        if (!file.url_private_download) throw new Error('Slack 没有给出文件的下载地址');
        return fetchCapped(file.url_private_download, { Authorization: `Bearer ${botToken}` }, max);
      },
    });
    await post(client, channel, thread_ts, outcomeAnswer(outcome));
    // The headline figures, answered as any question is (unverified figures marked in place).
    for (const text of overviewQuestions(outcome)) {
      const { answer } = await app.ask({ text, platform: 'slack', user: `slack:${user}`, channel: `slack:${channel}` });
      if (answer.kind === 'answer') await post(client, channel, thread_ts, answer);
    }
  }

  const guarded = async (work: () => Promise<void>, fileId: string) => {
    try {
      await work();
    } catch (err) {
      // Nothing a user uploads may take the bot down: logged, and the event is done.
      log({ level: 'error', source: 'slack', message: 'failed to handle a shared file', fileId, error: (err as Error).message });
    }
  };

  b.event('file_shared', async ({ event, client, context }) => {
    const e = event as unknown as { file_id: string; user_id: string; channel_id: string };
    await guarded(() => onFile(client, e.file_id, e.channel_id, e.user_id, { botUserId: context.botUserId }), e.file_id);
  });

  return {
    async mentioned(client, event, botUserId) {
      for (const f of event.files ?? []) if (event.user) await guarded(() => onFile(client, f.id, event.channel, event.user!, { mentioned: true, botUserId }), f.id);
    },
  };
}
