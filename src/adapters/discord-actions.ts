// Buttons on Discord answers: the button's custom id carries the request to re-run (or, when the
// request is longer than Discord's 100 characters, a key to it kept here for a day). Pressing one
// dispatches as the presser and replies to their press; CSV replies with the file alone.
import { randomUUID } from 'node:crypto';
import type { ButtonInteraction } from 'discord.js';
import type { ActionRequest, AnswerAction } from '../core/answer.js';
import { CUSTOM_ID_PREFIX } from '../render/discord.js';
import { DISCORD } from '../render/limits.js';

const STORED_PREFIX = 'bb#';
const KEEP_MS = 24 * 60 * 60 * 1000;
const MAX_STORED = 5000;

export function createActionIds(now = () => Date.now()) {
  const stored = new Map<string, { request: ActionRequest; until: number }>();
  return {
    /** The custom id for a button: the request itself when it fits, else a key to it. */
    encode(a: AnswerAction): string {
      const inline = `${CUSTOM_ID_PREFIX}${JSON.stringify(a.request)}`;
      if (inline.length <= DISCORD.customId) return inline;
      const key = randomUUID().replace(/-/g, '').slice(0, 20);
      stored.set(key, { request: a.request, until: now() + KEEP_MS });
      // Oldest first out: a busy bot keeps a bounded memory, the oldest buttons expire.
      while (stored.size > MAX_STORED) stored.delete(stored.keys().next().value!);
      return `${STORED_PREFIX}${key}`;
    },
    /** The request behind a pressed button, or null (not ours, forged, or expired). */
    decode(customId: string): ActionRequest | null {
      if (customId.startsWith(STORED_PREFIX)) {
        const hit = stored.get(customId.slice(STORED_PREFIX.length));
        return hit && hit.until > now() ? hit.request : null;
      }
      if (!customId.startsWith(CUSTOM_ID_PREFIX)) return null;
      try {
        const v = JSON.parse(customId.slice(CUSTOM_ID_PREFIX.length)) as ActionRequest;
        if (typeof v.command !== 'string' || typeof v.text !== 'string') return null;
        const options = Object.fromEntries(Object.entries(v.options ?? {}).filter(([, x]) => typeof x === 'string' || typeof x === 'number'));
        return { command: v.command, text: v.text, options };
      } catch {
        return null;
      }
    },
  };
}

export type ActionIds = ReturnType<typeof createActionIds>;

export const isOurButton = (i: ButtonInteraction) => i.customId.startsWith(CUSTOM_ID_PREFIX) || i.customId.startsWith(STORED_PREFIX);
