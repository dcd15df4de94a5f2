// What the channel is told about an upload, as platform-neutral Answers (each platform renders them
// as it renders any answer): the parse report of a document added, or why a file was not added.
import { createAnswer, type Answer } from '../core/answer.js';
import { addedWhen } from '../core/format.js';
import type { AddOutcome } from './add-document.js';
import type { AddedDocument } from './folder.js';


/** Who added a document, as /sources and the reply name them. */
export const addedWho = (d: AddedDocument) => d.addedByName ? `${d.addedByName}（${d.addedBy}）` : d.addedBy;

export function outcomeAnswer(outcome: AddOutcome): Answer {
  if (outcome.kind === 'refused') return refusal(outcome.name, outcome.reason);
  if (outcome.kind === 'duplicate') {
    const b = createAnswer('文件已经载入');
    b.answer.summary = `“${outcome.name}”与已载入的 ${outcome.of} 内容完全相同（sha256 一致），没有重复添加。`;
    return b.answer;
  }
  const { doc, disclosures, parseReport, report } = outcome;
  const b = createAnswer(`已添加：${doc.uploadedAs}`);
  b.answer.summary = disclosures.length
    ? `载入预算 ${disclosures.length} 份：${disclosures.map((d) => `${d.name} ${d.year}年${d.scope}${d.kind}`).join('、')}。`
    : '文件已保存，但其中的预算与已载入的文件是同一份，没有新增预算。';
  // The CLI's parse report, for this file only: template tables found, what could not be read and why,
  // how many figures nothing else in the document confirms.
  const lines = parseReport.split('\n').slice(1).map((l) => l.trim()).filter(Boolean);
  b.answer.notes.push(...lines);
  for (const d of report.duplicates.filter((x) => x.source === doc.source)) {
    b.answer.warnings.push(`与已载入的 ${d.keptSource} 是同一份预算，已逐项核对：${d.differences ? `${d.differences} 处数字不同，见 /check` : '数字一致'}。`);
  }
  b.answer.notes.push(`由 ${addedWho(doc)} 于 ${addedWhen(doc.addedAt)} 添加，保存为 added/${doc.file}；/sources 可查看全部添加的文件。`);
  return b.answer;
}

export function refusal(name: string, reason: string): Answer {
  const b = createAnswer('无法添加文件', 'error');
  b.answer.summary = `“${name}”没有添加：${reason}。`.replace(/。。$/, '。');
  return b.answer;
}

/** A member who may not add documents is told who may; the file is not downloaded. */
export function notAllowedAnswer(name: string, whoMay: string): Answer {
  const b = createAnswer('没有添加文件的权限', 'error');
  b.answer.summary = `“${name}”没有添加：只有${whoMay}可以向机器人添加预算文件。`;
  return b.answer;
}

/** The questions whose answers show the headline figures of what was added (with their 未核实 marks). */
export function overviewQuestions(outcome: AddOutcome, max = 3): string[] {
  if (outcome.kind !== 'added') return [];
  return [...new Set(outcome.disclosures.map((d) => `/budget ${d.name} ${d.year}`))].slice(0, max);
}
