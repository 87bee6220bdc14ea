// Tests never leave the machine: the mem0ai client reads this once, when it is first loaded.
process.env.MEM0_TELEMETRY = 'false';
