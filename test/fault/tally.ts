// Counts fault-injection cases per category, so a run can report "cases tried / handled correctly".
import { appendFileSync } from 'node:fs';

interface Category {
  tried: number;
  failures: string[];
}

const categories = new Map<string, Category>();

/** Records one case: whether journey handled it correctly, and what it was (for the failure list). */
export function record(category: string, handled: boolean, what: string): void {
  const c = categories.get(category) ?? { tried: 0, failures: [] };
  c.tried++;
  if (!handled) c.failures.push(what);
  categories.set(category, c);
}

export const tally = {
  failures(category: string): string[] {
    return categories.get(category)?.failures ?? [];
  },
  /** One line per category; also appended to $JOURNEY_FAULT_REPORT when set (for the closing note). */
  print(): void {
    const lines = [...categories].map(
      ([name, c]) =>
        `fault injection: ${name}: ${c.tried} tried / ${c.tried - c.failures.length} handled correctly`,
    );
    for (const line of lines) console.log(line);
    const file = process.env.JOURNEY_FAULT_REPORT;
    if (file) appendFileSync(file, `${lines.join('\n')}\n`);
  },
};
