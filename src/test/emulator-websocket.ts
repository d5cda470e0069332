import type { BasetenEmulator } from '../emulator';

/** The first WebSocket session the emulator recorded, and its log; throws if there is none. */
export function webSocketSession(emulator: BasetenEmulator) {
  const request = emulator.requests.find(
    entry => entry.webSocket !== undefined,
  );
  if (request?.webSocket === undefined)
    throw new Error('no WebSocket session reached the emulator');
  return { request, log: request.webSocket };
}
