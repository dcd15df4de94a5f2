// The Slack app manifest, checked by the compiler against the Web API's own Manifest type (the core
// builds it platform-free; this is where it meets Slack's types).
import type { webApi } from '@slack/bolt';
import { slackManifest } from '../core/registry.js';

export type SlackAppManifest = webApi.AppsManifestCreateArguments['manifest'];

export function slackAppManifest(...args: Parameters<typeof slackManifest>): SlackAppManifest {
  return slackManifest(...args);
}
