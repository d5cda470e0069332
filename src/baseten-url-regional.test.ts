import { InvalidArgumentError } from '@ai-sdk/provider';
import { describe, expect, it } from 'vitest';
import {
  basetenModelURL,
  parseBasetenHost,
  resolveChatBaseURL,
  resolveDeploymentTarget,
  resolveSyncBaseURL,
  resolveVoiceEndpoints,
  resolveWakeURL,
  type BasetenModelURLOptions,
} from './baseten-url';

const MODEL = 'https://model-abcd1234.api.baseten.co';
const CHAIN = 'https://chain-wxyz5678.api.baseten.co';

function messageOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(InvalidArgumentError.isInstance(error)).toBe(true);
    return (error as Error).message;
  }
  throw new Error('expected a throw');
}

describe('basetenModelURL: async, wake, chains and regional hosts', () => {
  it.each<[BasetenModelURLOptions, string]>([
    [
      { modelId: 'abcd1234', endpoint: 'async_predict' },
      `${MODEL}/environments/production/async_predict`,
    ],
    [
      {
        modelId: 'abcd1234',
        endpoint: 'async_queue_status',
        deploymentId: 'q4wxyz9',
      },
      `${MODEL}/deployment/q4wxyz9/async_queue_status`,
    ],
    [
      { modelId: 'abcd1234', endpoint: 'wake', environment: 'development' },
      `${MODEL}/development/wake`,
    ],
    [{ chainId: 'wxyz5678' }, `${CHAIN}/environments/production/run_remote`],
    [
      {
        chainId: 'wxyz5678',
        endpoint: 'async_run_remote',
        environment: 'staging',
      },
      `${CHAIN}/environments/staging/async_run_remote`,
    ],
    [
      { chainId: 'wxyz5678', endpoint: 'websocket', deploymentId: 'q4wxyz9' },
      'wss://chain-wxyz5678.api.baseten.co/deployment/q4wxyz9/websocket',
    ],
    [
      { modelId: 'abcd1234', regional: true, environment: 'prod-us' },
      'https://model-abcd1234-prod-us.api.baseten.co/predict',
    ],
    [
      {
        modelId: 'abcd1234',
        regional: true,
        environment: 'prod-eu',
        endpoint: 'wake',
      },
      'https://model-abcd1234-prod-eu.api.baseten.co/wake',
    ],
    [
      {
        chainId: 'wxyz5678',
        regional: true,
        environment: 'prod-us',
        endpoint: 'async_run_remote',
      },
      'https://chain-wxyz5678-prod-us.api.baseten.co/async_run_remote',
    ],
  ])('%o → %s', (options, expected) => {
    expect(basetenModelURL(options)).toBe(expected);
  });

  it.each<[BasetenModelURLOptions, RegExp]>([
    [{}, /Set either modelId .* or chainId .*, exactly one/],
    [{ modelId: 'abcd1234', chainId: 'wxyz5678' }, /exactly one/],
    [{ chainId: 'Chain-1' }, /Invalid chainId "Chain-1": a Baseten chain ID/],
    [
      { chainId: 'wxyz5678', endpoint: 'sync/v1' },
      /Invalid endpoint "sync\/v1": a chain serves "run_remote"/,
    ],
    [
      { chainId: 'wxyz5678', endpoint: 'wake' },
      /no \/sync or \/wake for chains/,
    ],
    [
      { modelId: 'abcd1234', regional: true },
      /regional host is one environment's: set environment/,
    ],
    [
      { modelId: 'abcd1234', regional: true, deploymentId: 'q4wxyz9' },
      /and no deploymentId/,
    ],
    [
      { modelId: 'abcd1234', regional: true, environment: 'development' },
      /development deployment has no regional host/,
    ],
    [
      {
        modelId: 'abcd1234',
        regional: true,
        environment: 'prod-us',
        endpoint: 'sync/v1',
      },
      /regional host serves the bare "predict".*not documented/,
    ],
    [
      {
        modelId: 'abcd1234',
        regional: true,
        environment: 'prod-us',
        endpoint: 'websocket',
      },
      /Invalid endpoint "websocket"/,
    ],
  ])('rejects %o', (options, message) => {
    expect(messageOf(() => basetenModelURL(options))).toMatch(message);
  });

  it('builds URLs each model kind accepts', () => {
    const chat = basetenModelURL({
      modelId: 'abcd1234',
      environment: 'staging',
    });
    expect(resolveChatBaseURL(chat)).toBe(
      `${MODEL}/environments/staging/sync/v1`,
    );
    const chainSocket = basetenModelURL({
      chainId: 'wxyz5678',
      endpoint: 'websocket',
    });
    expect(resolveVoiceEndpoints(chainSocket, 'transcription')).toEqual({
      predictURL: `${CHAIN}/environments/production/run_remote`,
      webSocketURL:
        'wss://chain-wxyz5678.api.baseten.co/environments/production/websocket',
      named: 'websocket',
    });
    // a chain has no /sync: embeddings say so with their documented message
    expect(() =>
      resolveSyncBaseURL(basetenModelURL({ chainId: 'wxyz5678' })),
    ).toThrow(/You must use a \/sync or \/sync\/v1 endpoint for embeddings/);
  });
});

describe('parseBasetenHost', () => {
  it.each([
    ['model-abcd1234.api.baseten.co', { kind: 'model', id: 'abcd1234' }],
    [
      'model-abcd1234-prod-us.api.baseten.co',
      { kind: 'model', id: 'abcd1234', environment: 'prod-us' },
    ],
    [
      'chain-wxyz5678-prod-eu-2.api.baseten.co',
      { kind: 'chain', id: 'wxyz5678', environment: 'prod-eu-2' },
    ],
    ['inference.baseten.co', undefined],
    ['model-abcd1234.api.baseten.co.evil.example', undefined],
    ['127.0.0.1', undefined],
  ])('%s', (hostname, expected) => {
    expect(parseBasetenHost(hostname)).toEqual(expected);
  });
});

describe('resolveDeploymentTarget and resolveWakeURL', () => {
  it.each([
    [
      `${MODEL}/environments/production/sync/v1`,
      `${MODEL}/environments/production/wake`,
    ],
    [
      `${MODEL}/environments/production/sync/predict_tokens`,
      `${MODEL}/environments/production/wake`,
    ],
    [`${MODEL}/deployment/q4wxyz9/predict`, `${MODEL}/deployment/q4wxyz9/wake`],
    [
      'wss://model-abcd1234.api.baseten.co/development/websocket',
      `${MODEL}/development/wake`,
    ],
    [`${MODEL}/production/async_predict`, `${MODEL}/production/wake`],
    [`${MODEL}/environments/staging`, `${MODEL}/environments/staging/wake`],
    [
      `${MODEL}/environments/staging/wake`,
      `${MODEL}/environments/staging/wake`,
    ],
    [
      'https://model-abcd1234-prod-us.api.baseten.co/predict',
      'https://model-abcd1234-prod-us.api.baseten.co/wake',
    ],
    [
      'https://model-abcd1234-prod-us.api.baseten.co',
      'https://model-abcd1234-prod-us.api.baseten.co/wake',
    ],
    [
      'http://127.0.0.1:8123/environments/production/sync',
      'http://127.0.0.1:8123/environments/production/wake',
    ],
  ])('%s → %s', (modelURL, expected) => {
    expect(resolveWakeURL(modelURL)).toBe(expected);
  });

  it('tells chains apart, by host or by /run_remote', () => {
    expect(
      resolveDeploymentTarget(`${CHAIN}/environments/production/run_remote`),
    ).toEqual({
      root: `${CHAIN}/environments/production`,
      isChain: true,
      isRegional: false,
      host: { kind: 'chain', id: 'wxyz5678' },
    });
    expect(
      resolveDeploymentTarget(
        'https://proxy.example.com/x/environments/production/run_remote',
      ).isChain,
    ).toBe(true);
  });

  it.each([
    [undefined, /No model URL provided to wake/],
    [
      `${CHAIN}/environments/production/run_remote`,
      /documents \/wake for model deployments only/,
    ],
    [MODEL, /names no environment or deployment.*\/environments\/production/],
    [
      'https://model-abcd1234-prod-us.api.baseten.co/environments/production/predict',
      /regional host serves bare paths/,
    ],
    [
      'http://model-abcd1234.api.baseten.co/production/predict',
      /plaintext http:\/\/ and ws:\/\/ are only allowed to a loopback host/,
    ],
  ])('rejects %s', (modelURL, message) => {
    expect(messageOf(() => resolveWakeURL(modelURL))).toMatch(message);
  });
});
