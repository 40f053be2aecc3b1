// Every rule, one family module each, sorted by id. The catalogue is built from this list.

import type { Rule } from '../rule';
import { suppressionRules } from '../suppression';
import { availabilityRules } from './availability';
import { capacityRules } from './capacity';
import { documentRules } from './document';
import { operationsRules } from './operations';
import { platformRules } from './platform';
import { redundancyRules } from './redundancy';
import { referenceRules } from './references';
import { securityRules } from './security';
import { trafficRules } from './traffic';

export const ALL_RULES: readonly Rule[] = [
  ...availabilityRules,
  ...documentRules,
  ...referenceRules,
  ...redundancyRules,
  ...trafficRules,
  ...capacityRules,
  ...securityRules,
  ...operationsRules,
  ...platformRules,
  ...suppressionRules,
].sort((a, b) => (a.meta.id < b.meta.id ? -1 : a.meta.id > b.meta.id ? 1 : 0));
