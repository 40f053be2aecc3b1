// Property tests explore new cases on every local run, but CI replays one fixed seed so that
// a red run can be reproduced exactly (FC_SEED=<n> reproduces any run; fast-check prints it).
import fc from 'fast-check';

const seed = process.env.FC_SEED ?? (process.env.CI ? '20261127' : undefined);
if (seed !== undefined) fc.configureGlobal({ seed: Number(seed) });
