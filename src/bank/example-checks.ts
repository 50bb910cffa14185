// A bank's examples must name its own questions and rules, with answers that fit their questions.
import { checkAnswer } from '../model/answer.js';
import { locate, type Path, type SourceProblem, type YamlSource } from '../yaml/positions.js';
import type { QuestionBank } from './bank.js';
import type { ExampleInput } from './schema.js';

function error(source: YamlSource, path: Path, message: string): SourceProblem {
  const { line, col } = locate(source, path);
  return { file: source.file, line, col, severity: 'error', message };
}

/** Examples must name this bank's questions and rules, with answers that fit their questions. */
export function checkExamples(
  source: YamlSource,
  bank: QuestionBank,
  examples: ExampleInput[],
): SourceProblem[] {
  const problems: SourceProblem[] = [];
  const questions = bank.byId;
  const loopBacks = new Set([...bank.rules.filter((r) => r.kind === 'loop_back').map((r) => r.id), 'shift']);
  const tips = new Set(bank.rules.filter((r) => r.kind === 'tip').map((r) => r.id));
  examples.forEach((example, i) => {
    const at: Path = ['examples', i];
    for (const [id, value] of Object.entries(example.answers)) {
      const q = questions.get(id);
      if (!q) {
        problems.push(
          error(
            source,
            [...at, 'answers', id],
            `example "${example.name}" answers "${id}", which is not a question of this bank`,
          ),
        );
        continue;
      }
      const check = checkAnswer(q, value);
      if (!check.ok)
        problems.push(
          error(
            source,
            [...at, 'answers', id],
            `example "${example.name}": "${id}" (${q.type}): ${check.reason}`,
          ),
        );
    }
    for (const [id, cues] of Object.entries(example.heard ?? {})) {
      const q = questions.get(id);
      if (!q) {
        problems.push(
          error(
            source,
            [...at, 'heard', id],
            `example "${example.name}" ticks cues of "${id}", which is not a question of this bank`,
          ),
        );
        continue;
      }
      cues.forEach((cue, j) => {
        if (q.cues.some((c) => c.id === cue)) return;
        const known = q.cues.map((c) => c.id).join(', ') || 'none';
        problems.push(
          error(
            source,
            [...at, 'heard', id, j],
            `example "${example.name}": "${id}" has no cue "${cue}" (its cues: ${known})`,
          ),
        );
      });
    }
    const expectLists: [keyof ExampleInput['expect'], (id: string) => boolean, string][] = [
      ['loop_backs', (id) => loopBacks.has(id), 'a loop-back rule of this bank (or "shift")'],
      ['tips', (id) => tips.has(id), 'a tip rule of this bank'],
      ['asked', (id) => questions.has(id), 'a question of this bank'],
      ['skipped', (id) => questions.has(id), 'a question of this bank'],
    ];
    for (const [key, known, what] of expectLists) {
      (example.expect[key] ?? []).forEach((id, j) => {
        if (!known(id)) problems.push(error(source, [...at, 'expect', key, j], `"${id}" is not ${what}`));
      });
    }
  });
  return problems;
}
