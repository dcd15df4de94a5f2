// /digest add as a Slack modal (views.open on the slash command's trigger): schedule, content and
// departments. The submission is dispatched as the typed /digest add of the channel the command
// came from, so it is validated exactly as the text form; a refusal keeps the modal open with the
// reason under the field (response_action "errors"), and a saved one is confirmed in the channel.
import type { App, types } from '@slack/bolt';
import type { App as BudgetApp } from '../app.js';
import type { Logger } from '../log.js';
import { renderText } from '../render/text.js';
import { DIGEST_FORM, digestAddText } from './digest-form.js';

export const DIGEST_MODAL_ID = 'budget_digest_add';

type Client = InstanceType<typeof App>['client'];

const plain = (text: string) => ({ type: 'plain_text' as const, text });

export function digestModalView(channel: string): types.ModalView {
  const f = DIGEST_FORM;
  return {
    type: 'modal',
    callback_id: DIGEST_MODAL_ID,
    private_metadata: JSON.stringify({ channel }),
    title: plain(f.title),
    submit: plain(f.submit),
    close: plain('取消'),
    blocks: [
      { type: 'input', block_id: f.schedule.id, label: plain(f.schedule.label), element: { type: 'plain_text_input', action_id: 'value', placeholder: plain(f.schedule.placeholder), max_length: 100 } },
      {
        type: 'input', block_id: f.content.id, label: plain(f.content.label),
        element: { type: 'static_select', action_id: 'value', initial_option: { text: plain(f.content.choices[0][1]), value: f.content.choices[0][0] }, options: f.content.choices.map(([value, text]) => ({ text: plain(text), value })) },
      },
      { type: 'input', block_id: f.about.id, optional: true, label: plain(f.about.label), element: { type: 'plain_text_input', action_id: 'value', placeholder: plain(f.about.placeholder), max_length: 500 } },
    ],
  };
}

export async function openDigestModal(client: Client, triggerId: string, channel: string): Promise<void> {
  await client.views.open({ trigger_id: triggerId, view: digestModalView(channel) });
}

type StateValues = Record<string, Record<string, { value?: string | null; selected_option?: { value: string } | null }>>;

/** Which field a refusal belongs under: the schedule's words, else the departments, else the content. */
function fieldOf(message: string): string {
  if (/时间|cron|时区|schedule/i.test(message)) return DIGEST_FORM.schedule.id;
  if (/部门|科目|filters|department|subject/i.test(message)) return DIGEST_FORM.about.id;
  return DIGEST_FORM.content.id;
}

export function registerDigestModal(b: InstanceType<typeof App>, app: BudgetApp, log: Logger): void {
  b.view(DIGEST_MODAL_ID, async ({ ack, body, view, client }) => {
    const values = view.state.values as StateValues;
    const field = (id: string) => values[id]?.value;
    const { channel } = JSON.parse(view.private_metadata || '{}') as { channel?: string };
    const text = digestAddText({ schedule: field(DIGEST_FORM.schedule.id)?.value ?? '', content: field(DIGEST_FORM.content.id)?.selected_option?.value ?? '', about: field(DIGEST_FORM.about.id)?.value ?? '' });
    const user = body.user.id;
    const result = await app.ask({ command: 'digest', text, platform: 'slack', user: `slack:${user}`, channel: channel && `slack:${channel}` });
    if (result.outcome !== 'ok') {
      const reason = [result.answer.summary, ...result.answer.notes].filter(Boolean).join(' ').slice(0, 300) || result.answer.title;
      await ack({ response_action: 'errors', errors: { [fieldOf(reason)]: reason } });
      return;
    }
    await ack();
    if (!channel) return;
    try {
      await client.chat.postEphemeral({ channel, user, text: renderText(result.answer) });
    } catch (err) {
      log({ level: 'warn', source: 'slack', message: 'digest added from the form; the confirmation could not be posted', error: (err as Error).message });
    }
  });
}
