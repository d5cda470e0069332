import { InvalidArgumentError } from '@ai-sdk/provider';
import { generateText } from 'ai';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { baseten, createBaseten } from './baseten-provider';
import generateTextBody from './chat/__fixtures__/generate-text.json';
import { json, useTestServer } from './test/msw-server';

// BASETEN_BASE_URL points unchanged code (the default `baseten` instance
// too) at another Model APIs base URL, e.g. the local emulator or a gateway.
const GATEWAY = 'https://gateway.example.test/baseten/v1';
const KEY = 'env-key-0123456789';
const server = useTestServer();

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('BASETEN_BASE_URL', () => {
  it('the default baseten instance and createBaseten() send Model APIs calls there', async () => {
    vi.stubEnv('BASETEN_BASE_URL', GATEWAY);
    vi.stubEnv('BASETEN_API_KEY', KEY);
    server.onPost(`${GATEWAY}/chat/completions`, () => json(generateTextBody));
    await generateText({ model: baseten('openai/gpt-oss-120b'), prompt: 'Hi' });
    await generateText({
      model: createBaseten()('openai/gpt-oss-120b'),
      prompt: 'Hi',
    });
    expect(
      server.requests.map(request => [
        request.url,
        request.headers.authorization,
      ]),
    ).toEqual([
      [`${GATEWAY}/chat/completions`, `Bearer ${KEY}`],
      [`${GATEWAY}/chat/completions`, `Bearer ${KEY}`],
    ]);
  });

  it('the baseURL setting wins over it; a blank value is unset', async () => {
    vi.stubEnv('BASETEN_BASE_URL', 'https://elsewhere.example.test/v1');
    server.onPost(`${GATEWAY}/chat/completions`, () => json(generateTextBody));
    await generateText({
      model: createBaseten({ apiKey: KEY, baseURL: GATEWAY })(
        'openai/gpt-oss-120b',
      ),
      prompt: 'Hi',
    });
    vi.stubEnv('BASETEN_BASE_URL', ' ');
    server.onPost('https://inference.baseten.co/v1/chat/completions', () =>
      json(generateTextBody),
    );
    await generateText({
      model: createBaseten({ apiKey: KEY })('openai/gpt-oss-120b'),
      prompt: 'Hi',
    });
    expect(server.requests.map(request => request.url)).toEqual([
      `${GATEWAY}/chat/completions`,
      'https://inference.baseten.co/v1/chat/completions',
    ]);
  });

  it('is checked like the setting: plaintext to another host is refused at model creation', () => {
    vi.stubEnv('BASETEN_BASE_URL', 'http://gateway.example.test/v1');
    const provider = createBaseten({ apiKey: KEY });
    expect(() => provider('openai/gpt-oss-120b')).toThrow(InvalidArgumentError);
    expect(() => provider('openai/gpt-oss-120b')).toThrow(
      /^Invalid baseURL "http:\/\/gateway\.example\.test\/v1": plaintext http:\/\/ and ws:\/\/ are only allowed to a loopback host/,
    );
    expect(server.requests).toEqual([]);
  });
});
