import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as anchor from 'baseten-anchor';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import * as ours from './index';

// This package replaces @ai-sdk/baseten (installed as `baseten-anchor`) by
// changing the import only, so everything the anchor exports, values and
// types, is exported here too. Whether the types accept the anchor's values
// is checked by compiling src/test/drop-in-types.ts.
const root = fileURLToPath(new URL('..', import.meta.url));
const anchorPackage = join(root, 'node_modules/baseten-anchor/package.json');
const anchorTypes = join(
  dirname(anchorPackage),
  (JSON.parse(readFileSync(anchorPackage, 'utf8')) as { types: string }).types,
);
const ourIndex = join(root, 'src/index.ts');
const typesCheck = join(root, 'src/test/drop-in-types.ts');

let names: { anchor: string[]; ours: string[] } | undefined;

/** Every name each module exports, types included, as the TypeScript checker sees it. */
function exportedNames(): { anchor: string[]; ours: string[] } {
  if (names) return names;
  const program = ts.createProgram([anchorTypes, ourIndex], {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    strict: true,
    skipLibCheck: true,
    noEmit: true,
    types: [],
  });
  const checker = program.getTypeChecker();
  const namesOf = (file: string) => {
    const source = program.getSourceFile(file);
    const module = source && checker.getSymbolAtLocation(source);
    if (!module) throw new Error(`TypeScript could not read ${file}`);
    return checker
      .getExportsOfModule(module)
      .map(symbol => symbol.name)
      .sort();
  };
  names = { anchor: namesOf(anchorTypes), ours: namesOf(ourIndex) };
  return names;
}

/** The names src/test/drop-in-types.ts imports from this package. */
function namesImportedByTypesCheck(): string[] {
  const source = ts.createSourceFile(
    typesCheck,
    readFileSync(typesCheck, 'utf8'),
    ts.ScriptTarget.ES2022,
  );
  const names: string[] = [];
  for (const statement of source.statements) {
    if (
      ts.isImportDeclaration(statement) &&
      ts.isStringLiteral(statement.moduleSpecifier) &&
      statement.moduleSpecifier.text === 'ai-sdk-provider-baseten' &&
      statement.importClause?.namedBindings &&
      ts.isNamedImports(statement.importClause.namedBindings)
    ) {
      for (const element of statement.importClause.namedBindings.elements) {
        names.push((element.propertyName ?? element.name).text);
      }
    }
  }
  return names.sort();
}

describe('drop-in for @ai-sdk/baseten', () => {
  it('exports every runtime value the anchor exports, of the same kind', () => {
    const anchorExports = Object.entries(anchor).map(([name, value]) => [
      name,
      typeof value,
    ]);
    const ourExports = Object.fromEntries(
      Object.entries(ours).map(([name, value]) => [name, typeof value]),
    );
    expect(anchorExports.length).toBeGreaterThan(0);
    for (const [name, kind] of anchorExports) {
      expect(ourExports[name], `${name} is not exported`).toBe(kind);
    }
  });

  it('exports every name the anchor exports, types included', () => {
    const { anchor: anchorNames, ours: ourNames } = exportedNames();
    expect(anchorNames).toEqual(
      expect.arrayContaining(['BasetenProviderSettings', 'createBaseten']),
    );
    expect(anchorNames.filter(name => !ourNames.includes(name))).toEqual([]);
  }, 30_000);

  it('src/test/drop-in-types.ts imports every anchor export from this package', () => {
    expect(namesImportedByTypesCheck()).toEqual(exportedNames().anchor);
  }, 30_000);
});
