// Buttons on Slack answers (显示全部, 下一页, 上一年/下一年, CSV, 详细出处, 查看原文): the button's value is the
// request to re-run; it is dispatched as the person who pressed it (their rate limit, their
// permissions). Another page, every row or another year replaces the message the button sits on
// (respond with replace_original, through the action's response_url; what does not fit one
// message follows in the thread); CSV, 详细出处 and 查看原文 (the page images) follow up in the same thread — privately where
// the original was private. An error (a rate limit) goes to the presser alone and replaces nothing.
import type { App, BlockAction, ButtonAction, types } from '@slack/bolt';
import type { App as BudgetApp } from '../app.js';
import type { ActionRequest } from '../core/answer.js';
import type { Logger } from '../log.js';
import { REPLACES_MESSAGE } from '../core/actions.js';
import { ACTION_PREFIX, renderSlack } from '../render/slack.js';
import { sendSourceView, uploadAttachments } from './slack-files.js';

/** A button value back into a request; anything else (a forged payload) is refused. */
export function parseActionValue(value: string | undefined): ActionRequest | null {
  try {
    const v = JSON.parse(value ?? '') as ActionRequest;
    if (typeof v.command !== 'string' || typeof v.text !== 'string') return null;
    const options = Object.fromEntries(Object.entries(v.options ?? {}).filter(([, x]) => typeof x === 'string' || typeof x === 'number'));
    return { command: v.command, text: v.text, options };
  } catch {
    return null;
  }
}

export function registerSlackActions(b: InstanceType<typeof App>, app: BudgetApp, log: Logger): void {
  b.action<BlockAction<ButtonAction>>(new RegExp(`^${ACTION_PREFIX}`), async ({ ack, body, action, client, respond }) => {
    await ack();
    const request = parseActionValue(action.value);
    const user = body.user.id;
    const channel = body.channel?.id ?? (body.container as { channel_id?: string }).channel_id;
    if (!request || !channel) {
      await respond({ response_type: 'ephemeral', replace_original: false, text: '这个按钮无法识别，请重新提问。' });
      return;
    }
    const result = await app.ask({ command: request.command, options: request.options, text: request.text, platform: 'slack', user: `slack:${user}`, channel: `slack:${channel}` });
    const kind = action.action_id.slice(ACTION_PREFIX.length);
    const message = body.message as { ts?: string; thread_ts?: string } | undefined;
    const thread_ts = message?.thread_ts ?? message?.ts;
    const messages = renderSlack(result.answer).map((m) => ({ ...m, blocks: m.blocks satisfies types.KnownBlock[] }));
    const privateOriginal = !thread_ts || !!(body.container as { is_ephemeral?: boolean }).is_ephemeral;
    if (!result.answer.ephemeral && REPLACES_MESSAGE.has(kind as never)) {
      const [first, ...rest] = messages;
      await respond({ replace_original: true, ...first });
      for (const m of rest) {
        if (privateOriginal) await respond({ response_type: 'ephemeral', replace_original: false, ...m });
        else await client.chat.postMessage({ channel, thread_ts, ...m });
      }
      return;
    }
    // A private original (an ephemeral answer has no thread), or a private answer: reply privately.
    if (result.answer.ephemeral || privateOriginal) {
      for (const m of messages) await respond({ response_type: 'ephemeral', replace_original: false, ...m });
      return;
    }
    if (kind === 'csv') {
      await uploadAttachments(client, result, { channel, thread_ts, user }, log, { only: 'text/csv' });
      return;
    }
    if (kind === 'source-image' && result.outcome === 'ok') {
      await sendSourceView(app, client, result, { channel, thread_ts, user }, log);
      return;
    }
    for (const m of messages) await client.chat.postMessage({ channel, thread_ts, ...m });
  });
}
