// An answer's chart and CSV as one files.uploadV2 call (one message, both files, the chart described
// in alt_text), in the answer's thread. When Slack refuses (the bot is not in the channel, a scope is
// missing) the asker is told privately what to do, instead of the failure only reaching the log.
import type { App, types } from '@slack/bolt';
import type { App as BudgetApp } from '../app.js';
import type { Answer, Attachment } from '../core/answer.js';
import type { DispatchResult } from '../core/dispatch.js';
import type { Logger } from '../log.js';
import { attachmentsFor } from '../render/attachments.js';
import { renderSlack } from '../render/slack.js';

type Client = InstanceType<typeof App>['client'];

/** An answer for the asker's eyes only on Slack: ephemeral ones and help. */
export const isPrivate = (a: Answer) => !!a.ephemeral || a.kind === 'help';

export interface UploadTarget {
  channel: string;
  thread_ts?: string;
  /** Who to tell when the upload fails. */
  user?: string;
}

/** What to do about an upload error, in the asker's words. */
export function uploadAdvice(error: string): string {
  if (/not_in_channel|channel_not_found/.test(error)) return '机器人不在这个频道，图表和 CSV 没能发出。请先 /invite @budget-bot，再问一次。';
  if (/missing_scope|not_allowed_token_type|no_permission/.test(error)) return '机器人没有上传文件的权限（files:write），图表和 CSV 没能发出。请工作区管理员重新安装应用并授予该权限。';
  return `图表和 CSV 没能上传（${error.slice(0, 60)}）。文字回答不受影响；可以稍后再试，或在问题后加 --csv 重新提问。`;
}

export async function uploadAttachments(client: Client, result: DispatchResult, to: UploadTarget, log: Logger, { only }: { only?: 'text/csv' } = {}): Promise<void> {
  if (result.answer.ephemeral) return;
  const files = (await attachmentsFor(result.answer, { csv: result.csv })).filter((f) => !only || f.contentType === only);
  await uploadFiles(client, files, result.answer.title, to, log, result.requestId);
}

const KIND_LABEL: Record<string, string> = { 'image/png': '图表', 'text/csv': 'CSV' };

/** Files as one files.uploadV2 call in the target's thread; a refusal is told to the asker privately. */
export async function uploadFiles(client: Client, files: Attachment[], title: string, to: UploadTarget, log: Logger, requestId?: string, kind?: string): Promise<void> {
  if (!files.length) return;
  try {
    await client.files.uploadV2({
      channel_id: to.channel,
      ...(to.thread_ts ? { thread_ts: to.thread_ts } : {}),
      file_uploads: files.map((f) => ({ file: Buffer.from(f.data), filename: f.name, title: `${title} · ${kind ?? KIND_LABEL[f.contentType] ?? f.name}`, ...(f.altText ? { alt_text: f.altText } : {}) })),
    });
  } catch (err) {
    await refused(client, to, err, log, 'attachment upload failed', requestId);
  }
}

/** Slack refused a post or an upload (the bot is not in the channel, a scope is missing): logged, and the asker told privately what to do. */
async function refused(client: Client, to: UploadTarget, err: unknown, log: Logger, message: string, requestId?: string): Promise<void> {
  const error = (err as { data?: { error?: string } }).data?.error ?? (err as Error).message;
  log({ level: 'warn', source: 'slack', message, requestId, error });
  if (!to.user) return;
  await client.chat.postEphemeral({ channel: to.channel, user: to.user, text: uploadAdvice(error), ...(to.thread_ts ? { thread_ts: to.thread_ts } : {}) }).catch(() => {});
}

/**
 * 查看原文: the words that say what the page images show (and what could not be drawn), then the
 * images, in the target's thread — for the button and for a question typed with --source-image.
 */
export async function sendSourceView(app: BudgetApp, client: Client, result: DispatchResult, to: UploadTarget, log: Logger): Promise<void> {
  // Only an answer posted for all to see, that cites something, has a printed page to show.
  if (result.outcome !== 'ok' || isPrivate(result.answer) || !result.answer.citations.length) return;
  const view = await app.sourceView(result);
  const thread = to.thread_ts ? { thread_ts: to.thread_ts } : {};
  try {
    for (const m of renderSlack(view.answer)) await client.chat.postMessage({ channel: to.channel, ...thread, ...m, blocks: m.blocks satisfies types.KnownBlock[] });
  } catch (err) {
    await refused(client, to, err, log, '查看原文 post failed', result.requestId);
    return;
  }
  await uploadFiles(client, view.images, result.answer.title, to, log, result.requestId, '原文');
}

/** What follows a slash command's answer: its chart and CSV, and the printed page when --source-image was typed. */
export async function followSlashAnswer(app: BudgetApp, client: Client, result: DispatchResult, to: UploadTarget, log: Logger): Promise<void> {
  await uploadAttachments(client, result, to, log);
  if (result.sourceImage) await sendSourceView(app, client, result, to, log);
}
