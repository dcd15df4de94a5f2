// With BUDGET_BOT_COMMAND_PREFIX set, /help and the suggestions of a mistyped command print the names
// the commands are registered under — what the asker has to type — except /budget and /subject,
// which keep theirs. The names reach the commands through the dispatch context, not the environment.
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { COMMANDS } from '../../commands/index.js';
import { openApp } from '../../src/app.js';
import { createCommandNames } from '../../src/core/command-names.js';
import { DEFAULT_DATA_DIR } from '../../src/paths.js';
import { renderText } from '../../src/render/text.js';
import { ingestDirectory } from '../../src/store/ingest.js';
import { tempDir } from '../helpers/tmp.js';

const db = join(tempDir(), 'budget.sqlite');
ingestDirectory(DEFAULT_DATA_DIR, db);
const prefixed = openApp(db, undefined, COMMANDS, {}, { names: createCommandNames('bb-') });
const plain = openApp(db);
afterAll(() => {
  prefixed.close();
  plain.close();
});
const shown = (app: typeof plain, text: string) => renderText(app.dispatch({ text }).answer);
/** Every command a text names, as "/name". */
const named = (text: string) => [...new Set(text.match(/(?<![\w/.-])\/[a-z][\w-]*/g))];

describe('/help under a command prefix', () => {
  it('lists every command under its registered name, /budget and /subject unprefixed', () => {
    const text = shown(prefixed, '/help');
    expect(text).toContain('/bb-search <关键词>');
    expect(text).toContain('/bb-search 长期护理保险');
    expect(named(text)).toEqual(expect.arrayContaining(['/budget', '/subject', '/bb-diff', '/bb-search', '/bb-help']));
    for (const bare of ['/search', '/help', '/diff', '/sources', '/digest']) expect(named(text), bare).not.toContain(bare);
  });

  it("one command's help: usage and examples as registered, asked by either name", () => {
    for (const asked of ['/help bb-search', '/help search']) {
      const text = shown(prefixed, asked);
      expect(text).toContain('/bb-search：');
      expect(named(text)).not.toContain('/search');
      expect(named(text)).toContain('/bb-search');
    }
    expect(named(shown(prefixed, '/help budget'))).not.toContain('/bb-budget');
  });

  it('suggestions for a mistyped command name the registered commands', () => {
    expect(prefixed.dispatch({ text: '/serch 医疗' }).answer.notes.join()).toContain('/bb-search');
    expect(named(shown(prefixed, '/help nosuch'))).not.toContain('/search');
  });

  it('without a prefix, nothing changes', () => {
    expect(shown(plain, '/help')).toContain('/search <关键词>');
    expect(named(shown(plain, '/help'))).not.toContain('/bb-search');
  });
});
