// Property tests replay one fixed seed, so that a run's outcome depends only on the code: the
// same tree passes or fails every time (a suite that cannot flake). FC_EXPLORE=1 explores a
// fresh seed (fast-check prints it on failure); FC_SEED=<n> replays any seed.
import fc from 'fast-check';

const seed = process.env.FC_SEED ?? (process.env.FC_EXPLORE === '1' ? undefined : '20261127');
if (seed !== undefined) fc.configureGlobal({ seed: Number(seed) });
