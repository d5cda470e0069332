import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import {
  DEFAULT_HABITS,
  DEFAULT_HABIT_SOURCES,
  EMULATOR_HABIT_TABLE,
} from './emulator-model-habits';

/** One habit as the README writes it: a flag's name, or `name: value`. */
function habitText([name, value]: [string, unknown]): string {
  return value === true ? `\`${name}\`` : `\`${name}: ${String(value)}\``;
}

/** The README's per-model habit table, rendered from the habit table in code. */
export function habitTableMarkdown(): string {
  const rows = [
    '| Slugs | Habits (what differs from the defaults) | Sources |',
    '|---|---|---|',
    `| (every slug) | ${Object.entries(DEFAULT_HABITS)
      .filter(([, value]) => value !== false)
      .map(habitText)
      .join(', ')} | ${DEFAULT_HABIT_SOURCES.join('; ')} |`,
    ...EMULATOR_HABIT_TABLE.map(
      row =>
        `| ${row.slugs.map(slug => `\`${slug}\``).join(', ')} | ${Object.entries(
          row.habits,
        )
          .map(habitText)
          .join(', ')} | ${row.sources.join('; ')} |`,
    ),
  ];
  return `${rows.join('\n')}\n`;
}

it("the README's per-model habit table is the emulator's", () => {
  const readme = readFileSync(
    new URL('../../../README.md', import.meta.url),
    'utf8',
  );
  expect(readme).toContain(habitTableMarkdown());
});
