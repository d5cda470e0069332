// Tests assert warnings on results; the AI SDK's own printing of them
// (process.emitWarning) goes to console.warn instead, which vitest captures
// and shows for failing tests only (`silent: 'passed-only'`), and which
// tests that spy on the console (the secret canaries) still see.
globalThis.AI_SDK_LOG_WARNINGS = ({ warnings, provider, model }) => {
  for (const warning of warnings) {
    console.warn(
      `AI SDK Warning (${provider ?? '?'} / ${model ?? '?'}):`,
      warning,
    );
  }
};
