import { APICallError } from '@ai-sdk/provider';
import type { WebSocketConstructor } from '@ai-sdk/provider-utils';
import { experimental_streamTranscribe as streamTranscribe } from 'ai';
import { WebSocket as WsWebSocket } from 'ws';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createBaseten } from '../baseten-provider';
import {
  emulatorSpeechPCM,
  startBasetenEmulator,
  type BasetenEmulator,
} from '../emulator';
import { webSocketSession } from '../test/emulator-websocket';

// The webSocket setting given the runtime's own WebSocket (Node 22: undici),
// which takes headers only as new WebSocket(url, { headers }): the key must
// still reach the server, and the emulator refuses an upgrade without it.
const KEY = 'emulator-key.runtime-socket';
let emulator: BasetenEmulator;
let webSocketURL: string;

beforeAll(async () => {
  emulator = await startBasetenEmulator({ apiKey: KEY });
  webSocketURL = `${emulator.origin.replace('http', 'ws')}/environments/production/websocket`;
});
afterEach(() => {
  emulator.requests.length = 0;
  emulator.faults.clear();
});
afterAll(() => emulator.close());

function transcribeWith(webSocket: unknown, apiKey = KEY) {
  const pcm = emulatorSpeechPCM('Own socket.', 16_000);
  return streamTranscribe({
    model: createBaseten({
      apiKey,
      modelURL: webSocketURL,
      webSocket: webSocket as WebSocketConstructor,
    }).transcription(),
    audio: new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(pcm);
        controller.close();
      },
    }),
    inputAudioFormat: { type: 'audio/pcm', rate: 16_000 },
  });
}

describe('the webSocket setting', () => {
  it.each([
    [
      "the runtime's own WebSocket (globalThis.WebSocket)",
      globalThis.WebSocket,
    ],
    ["the 'ws' package's WebSocket", WsWebSocket],
  ])('%s: the key reaches the server', async (_name, webSocket) => {
    const result = transcribeWith(webSocket);
    expect(await result.text).toBe('Own socket.');
    expect(webSocketSession(emulator).request.headers.authorization).toBe(
      `Bearer ${KEY}`,
    );
  });

  it("the runtime's own WebSocket with a wrong key: an APICallError before any part", async () => {
    const result = transcribeWith(globalThis.WebSocket, 'wrong-key');
    const failure = await Promise.resolve(result.text).catch(
      (error: unknown) => error,
    );
    expect(APICallError.isInstance(failure)).toBe(true);
    expect((failure as APICallError).url).toBe(webSocketURL);
    expect(emulator.requests.map(request => request.path)).toEqual([
      '/environments/production/websocket',
    ]);
  });
});
