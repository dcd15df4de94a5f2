// Who may change what a whole channel receives: on Slack, a workspace admin or owner (users.info),
// asked only when a command needs it (/digest remove, run-now), so other commands cost no extra call.
import type { App } from '@slack/bolt';

type Client = InstanceType<typeof App>['client'];

/** Commands whose outcome depends on the asker being an admin. */
export function needsAdminCheck(command: string, text: string): boolean {
  return command === 'digest' && /^\s*(remove|删除|run-now)(\s|$)/i.test(text);
}

export async function isWorkspaceAdmin(client: Client, user: string): Promise<boolean> {
  try {
    const info = await client.users.info({ user });
    return !!(info.user?.is_admin || info.user?.is_owner || info.user?.is_primary_owner);
  } catch {
    // Unknown means no: the creator can still remove their own subscription.
    return false;
  }
}
