// Every rule, one family module each. The catalogue is built from this list.
// (Placeholder until the rule families land.)

import type { Rule } from '../rule';
import { suppressionRules } from '../suppression';

export const ALL_RULES: readonly Rule[] = [...suppressionRules];
