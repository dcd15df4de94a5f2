// Paging for commands that list more rows than a chat message should carry: the rows of the page
// asked for (or all of them), and the `more` record the buttons are drawn from.
import type { MoreRows } from './answer.js';
import type { View } from './command.js';

export function pageOf<T>(rows: T[], view: View | undefined, size: number): { rows: T[]; more?: MoreRows } {
  if (view?.all || rows.length <= size) return { rows };
  const pages = Math.ceil(rows.length / size);
  const page = Math.min(pages, Math.max(1, view?.page ?? 1));
  const shown = rows.slice((page - 1) * size, page * size);
  return { rows: shown, more: { shown: shown.length, total: rows.length, page, pages } };
}

/** The note a paged answer carries, so the plain text says what the buttons offer. */
export function moreNote(more: MoreRows | undefined, what = '行'): string | null {
  if (!more) return null;
  return `共 ${more.total} ${what}，这是第 ${more.page}/${more.pages} 页；加 --all 显示全部，或 --page ${Math.min(more.pages, more.page + 1)} 看下一页。`;
}
