// The one font the project draws with (charts, the caption of a source page), shipped with its OFL
// licence: a module of its own so that naming it does not load the chart renderer.
import { join } from 'node:path';
import { PROJECT_ROOT } from '../paths.js';

/** Noto Sans SC Regular, the one weight drawn (assets/fonts/OFL.txt). */
export const CHART_FONT_FILE = join(PROJECT_ROOT, 'assets', 'fonts', 'NotoSansSC-Regular.ttf');
