// Fails the suite that tried to reach beyond the machine (see stay-on-machine.js).
afterAll(() => {
  const attempts = globalThis.__mnemoOutboundLookups ?? [];
  if (attempts.length > 0)
    throw new Error(`this suite tried to leave the machine: ${[...new Set(attempts)].join(', ')}`);
});
