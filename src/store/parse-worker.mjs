// Entry of a parse thread when the TypeScript sources run (tests, bench): a worker does not inherit
// the loader hooks of the thread that started it (nor vitest's transform), so it registers tsx
// itself before loading the worker module. The compiled build starts dist/parse-worker.js instead.
import { register } from 'tsx/esm/api';

register();
await import('./parse-worker.ts');
