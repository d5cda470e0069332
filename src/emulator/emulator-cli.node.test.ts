import { describe, expect, it } from 'vitest';
import { CLI_USAGE, startFromCommandLine } from './emulator-cli';

describe('the baseten-emulator command line', () => {
  it('prints the origin, the Model APIs baseURL and deployment URLs, and serves them', async () => {
    let output = '';
    const run = await startFromCommandLine(
      ['--api-key', 'cli-key'],
      text => (output += text),
    );
    try {
      const { origin } = run!.emulator;
      expect(origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(output).toContain(`listening on ${origin}`);
      expect(output).toContain(`Model APIs baseURL:          ${origin}/v1`);
      expect(output).toContain(`${origin}/environments/production/sync/v1`);
      expect(output).toContain(`${origin}/environments/production/sync\n`);
      const models = await fetch(`${origin}/v1/models`, {
        headers: { authorization: 'Bearer cli-key' },
      });
      expect(models.status).toBe(200);
      const wrongKey = await fetch(`${origin}/v1/models`, {
        headers: { authorization: 'Bearer other' },
      });
      expect(wrongKey.status).toBe(403);
    } finally {
      run!.stop('test over');
      expect(await run!.stopped).toBe('test over');
    }
    await expect(fetch(`${run!.emulator.origin}/v1/models`)).rejects.toThrow();
  });

  it('signs async webhooks with BASETEN_WEBHOOK_SECRET without printing it', async () => {
    let output = '';
    const run = await startFromCommandLine(
      ['--exit-after', '30'],
      text => (output += text),
      { BASETEN_WEBHOOK_SECRET: 'whsec_cliNew, whsec_cliOld' },
    );
    try {
      expect(output).toContain(
        `${run!.emulator.origin}/environments/production/async_predict (webhooks signed with the 2 secret(s) of BASETEN_WEBHOOK_SECRET)`,
      );
      expect(output).not.toContain('whsec_');
    } finally {
      run!.stop('test over');
      await run!.stopped;
    }
  });

  it('stops by itself with --exit-after', async () => {
    let output = '';
    const run = await startFromCommandLine(
      ['--exit-after', '0.05'],
      text => (output += text),
    );
    expect(await run!.stopped).toBe('--exit-after 0.05');
    expect(output).toContain(
      'Stopping the Baseten emulator (--exit-after 0.05)',
    );
  });

  it('--voice-deployment makes a deployment target speak a Qwen3 protocol', async () => {
    const run = await startFromCommandLine(
      ['--voice-deployment', 'deployment/q3chat01=qwen3-asr-chat'],
      () => {},
    );
    try {
      const upload = await fetch(
        `${run!.emulator.origin}/deployment/q3chat01/sync/v1/audio/transcriptions`,
        {
          method: 'POST',
          headers: { authorization: 'Bearer any' },
          body: new FormData(),
        },
      );
      // the older chat-only preset has no upload route
      expect(upload.status).toBe(404);
      expect(await upload.json()).toEqual({ detail: 'Not Found' });
    } finally {
      run!.stop('test over');
      await run!.stopped;
    }
    await expect(
      startFromCommandLine(['--voice-deployment', 'qwen3-tts'], () => {}),
    ).rejects.toThrow('--voice-deployment needs <target>=<protocol>');
    await expect(
      startFromCommandLine(
        ['--voice-deployment', 'deployment/x=qwen3'],
        () => {},
      ),
    ).rejects.toThrow(/unknown protocol "qwen3"/);
  });

  it('prints the usage for --help and refuses bad arguments', async () => {
    let output = '';
    expect(
      await startFromCommandLine(['--help'], text => (output += text)),
    ).toBeUndefined();
    expect(output).toBe(CLI_USAGE);
    await expect(
      startFromCommandLine(['--port', 'eighty'], () => {}),
    ).rejects.toThrow('--port needs a non-negative integer, got "eighty"');
    await expect(startFromCommandLine(['--verbose'], () => {})).rejects.toThrow(
      /verbose/,
    );
    await expect(
      startFromCommandLine(['--engine', 'tgi'], () => {}),
    ).rejects.toThrow('--engine needs one of vllm, sglang, trtllm, got "tgi"');
  });

  it('--engine makes every deployment answer as that engine (SGLang: usage: null on each chunk)', async () => {
    const run = await startFromCommandLine(['--engine', 'sglang'], () => {});
    try {
      const response = await fetch(
        `${run!.emulator.modelURL}/chat/completions`,
        {
          method: 'POST',
          headers: { authorization: 'Bearer k' },
          body: JSON.stringify({
            model: 'm',
            stream: true,
            messages: [{ role: 'user', content: 'Hi' }],
          }),
        },
      );
      const first = (await response.text()).split('\n')[0];
      expect(JSON.parse(first.slice('data: '.length))).toMatchObject({
        usage: null,
        choices: [{ matched_stop: null }],
      });
    } finally {
      run!.stop('test over');
      await run!.stopped;
    }
  });
});
