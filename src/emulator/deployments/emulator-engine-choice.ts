import {
  EMULATOR_ENGINES,
  type EmulatorEngine,
} from './emulator-deployment-engines';
import type { EmulatorRoute } from '../edge/emulator-routes';

/** The engine of every deployment, and the per-target exceptions. */
export interface EngineChoice {
  readonly fallback: EmulatorEngine;
  readonly byTarget: ReadonlyMap<string, EmulatorEngine>;
}

function checkedEngine(value: unknown, setting: string): EmulatorEngine {
  if (EMULATOR_ENGINES.includes(value as EmulatorEngine))
    return value as EmulatorEngine;
  throw new RangeError(
    `${setting} must be one of ${EMULATOR_ENGINES.map(e => `'${e}'`).join(', ')}, got ${JSON.stringify(value)}`,
  );
}

const TARGET =
  /^\/(?:production|development|environments\/[^/]+|deployment\/[^/]+)$/u;

/** Validates the `engine` and `deploymentEngines` options of `startBasetenEmulator`. */
export function engineChoice(
  engine: unknown,
  deploymentEngines: Readonly<Record<string, unknown>> | undefined,
): EngineChoice {
  const fallback =
    engine === undefined
      ? EMULATOR_ENGINES[0]
      : checkedEngine(engine, 'engine');
  const byTarget = new Map<string, EmulatorEngine>();
  for (const [target, value] of Object.entries(deploymentEngines ?? {})) {
    if (!TARGET.test(target)) {
      throw new RangeError(
        `deploymentEngines keys are deployment targets such as '/environments/production' or '/deployment/abc123', got '${target}'`,
      );
    }
    byTarget.set(
      target,
      checkedEngine(value, `deploymentEngines['${target}']`),
    );
  }
  return { fallback, byTarget };
}

/** The engine behind a deployment target (`/environments/production`, `/deployment/abc123`, …). */
export function engineFor(
  choice: EngineChoice,
  target: string,
): EmulatorEngine {
  return choice.byTarget.get(target) ?? choice.fallback;
}

/** True for the routes the deployment's OpenAI-compatible engine itself answers (its own error shapes). */
export function engineAnswers(
  route: EmulatorRoute,
): route is Extract<EmulatorRoute, { kind: 'deployment' }> {
  return (
    route.kind === 'deployment' &&
    (route.action === 'chat' || route.action === 'models')
  );
}
