// Which workspace a Slack request comes from, wherever its payload kind keeps it: slash commands
// and events carry team_id, interactive payloads a team object, Enterprise Grid events a list.

export function teamOf(body: unknown): string | undefined {
  const b = body as { team_id?: unknown; team?: { id?: unknown } | null; authorizations?: { team_id?: unknown }[]; event?: { team?: unknown } };
  const candidates = [b?.team_id, b?.team?.id, b?.authorizations?.[0]?.team_id, b?.event?.team];
  return candidates.find((t): t is string => typeof t === 'string' && t.length > 0);
}
