// Who may do what to a subscription from chat. Checked in the digest service — the one place every
// path reaches (/digest, /ask "/digest …", a mention, a button, a form) — never only in a platform's
// own gate (Discord's default_member_permissions hides /digest, not /ask or a mention).
// `admin` is what the platform vouched for: Slack a workspace admin or owner, Discord Manage Channels;
// a path that did not ask the platform carries no admin, and is refused what needs one.
import type { Origin } from '../core/command.js';
import { UserError } from '../errors.js';
import type { StoredSubscription } from './state.js';

export type DigestAction = 'add' | 'remove' | 'run-now';

const VERB: Record<DigestAction, string> = { add: '添加', remove: '删除', 'run-now': '立即发送' };

/** Chat platforms are checked; the operator's CLI and console (no origin, or another platform) are trusted. */
const fromChat = (by: Origin | undefined): by is Origin => !!by && ['slack', 'discord'].includes(by.platform);

/** Throws a UserError (Chinese, shown to the asker alone) when `by` may not do `action` to `s`. */
export function checkDigestPermission(action: DigestAction, by: Origin | undefined, s?: StoredSubscription): void {
  if (!fromChat(by)) return;
  // Discord: /digest is for members who may manage the channel, on every path.
  if (by.platform === 'discord' && action === 'add' && !by.admin) {
    throw new UserError('只有有“管理频道”权限的成员可以添加定时通报。', [], 'digest-forbidden');
  }
  if (!s || action === 'add') return;
  if (s.source === 'file' && action === 'remove') {
    throw new UserError(`“${s.name}”在 data/digests.json 中声明，不能在聊天中删除或修改，请修改该文件。`, [], 'digest-forbidden');
  }
  const creator = !!s.creator && s.creator === by.user && s.platform === by.platform;
  // A Slack admin is the (one, see slack-guard) workspace's; Discord's Manage Channels is a channel's
  // (or a server's): on Discord an admin acts in the subscription's own channel.
  const adminHere = !!by.admin && s.platform === by.platform && (s.platform === 'slack' || s.channel === by.channel);
  if (creator || adminHere) return;
  const who = s.creator ? `它由用户 ${s.creator} 添加。` : s.source === 'file' ? '它在 data/digests.json 中声明。' : '';
  const where = by.admin && !adminHere ? '管理员请在它所在的频道里操作。' : '';
  throw new UserError(`只有管理员或订阅的创建者可以${VERB[action]}“${s.name}”。${who}${where}`, [], 'digest-forbidden');
}
