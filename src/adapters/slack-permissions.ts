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

/**
 * Who may add documents from a channel: a workspace admin or owner, or a member of the configured
 * user group (SLACK_ADMIN_GROUP). Also the member's display name, for the record of who added what.
 */
export async function documentAdder(client: Client, user: string, adminGroup?: string): Promise<{ allowed: boolean; name?: string }> {
  let name: string | undefined;
  let admin = false;
  try {
    const info = await client.users.info({ user });
    name = info.user?.profile?.display_name || info.user?.real_name || info.user?.name || undefined;
    admin = !!(info.user?.is_admin || info.user?.is_owner || info.user?.is_primary_owner);
  } catch {
    /* unknown means no, as for /digest */
  }
  if (admin || !adminGroup) return { allowed: admin, name };
  try {
    const members = await client.usergroups.users.list({ usergroup: adminGroup });
    return { allowed: !!members.users?.includes(user), name };
  } catch {
    return { allowed: false, name };
  }
}

/** Said to a member who may not add documents (the group by its id: answers escape Slack's mention syntax). */
export const slackWhoMayAdd = (adminGroup?: string) => (adminGroup ? `工作区管理员或用户组 ${adminGroup} 的成员` : '工作区管理员');
