// Entry of a parse worker thread. The project runs TypeScript through tsx without a build step,
// and a worker does not inherit the loader hooks of the thread that started it (nor vitest's
// transform), so it registers tsx itself before loading the task module.
import { register } from 'tsx/esm/api';

register();
const task = await import('./parse-worker.ts');
export default task.default;
