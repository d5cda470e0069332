/** The part of `node:module` used here. */
interface NodeModuleBuiltin {
  createRequire(from: string | URL): (id: string) => unknown;
}

/** `process.getBuiltinModule` (Node ≥ 20.16, Bun, Deno); absent in workerd, edge and browsers. */
function nodeModuleBuiltin(): NodeModuleBuiltin | undefined {
  const process = (
    globalThis as {
      process?: { getBuiltinModule?: (id: string) => unknown };
    }
  ).process;
  if (typeof process?.getBuiltinModule !== 'function') return undefined;
  return process.getBuiltinModule('node:module') as
    NodeModuleBuiltin | undefined;
}

let requireFromHere: ((id: string) => unknown) | undefined;

/**
 * Loads an optional peer package (the native client, `ws`) with the runtime's
 * own `require`, resolved from this package. No `import()` with a computed
 * specifier: bundlers, workerd and Miniflare (`modules: true`) refuse those,
 * and a literal one would make the peer required. Throws where the runtime has
 * no module loader or the package is not installed.
 */
export function requireOptionalPeer(name: string): unknown {
  if (requireFromHere === undefined) {
    const builtin = nodeModuleBuiltin();
    if (builtin === undefined) {
      throw new Error(
        `this runtime has no Node module loader (process.getBuiltinModule), so ${name} cannot be loaded`,
      );
    }
    requireFromHere = builtin.createRequire(import.meta.url);
  }
  return requireFromHere(name);
}
